#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The benchmark, inside the VM (tools/bench/bench.sh starts it through
# tools/vm/run.sh).
#
#   guest.sh MODULE.ko
#
# Starts Samba (NT1 only, tests/vm/smbd.sh) on a share on the guest's
# tmpfs, generates the data there, and times every workload through each
# client: "local" (the exported directory itself, the ceiling), "smb1fs",
# "cifs" (the kernel's client, vers=1.0) and, for the sequential reads,
# "smbclient".  Every timed run is cold: page cache, dentries and inodes
# dropped before it, and the network clients mounted afresh for every
# repetition (the mount is not timed); smb1fs and cifs take turns to go
# first.  Each read workload's data is also read once through smb1fs,
# untimed and cold, and compared with the exported original.
#
# The write workloads (seqw, tarx) write through the writable share [rw]
# (the same tree) into bench-w/ of the export, from sources on the
# guest's tmpfs outside the share.  After every run of smb1fs and cifs,
# still mounted and without a sync, the server's copy is compared byte
# for byte with the source; it is removed (untimed) before the next run.
#
# Environment (run.sh passes SMB1FS_* variables on):
#   SMB1FS_BENCH_QUICK=1        small sizes, one repetition
#   SMB1FS_BENCH_REPS=N         repetitions (default 3, quick 1)
#   SMB1FS_BENCH_WORKLOADS=...  subset of: seq par4 cat ls stat rand seqw
#                               tarx impacket
#   SMB1FS_BENCH_RUN_TIMEOUT=S  limit of one timed run (default 600)
#   SMB1FS_BENCH_IMPACKET_MB=N  size of the file read from impacket's
#                               server (default 32, quick 2)
#   SMB1FS_BENCH_SMB1FS_OPTS, SMB1FS_BENCH_CIFS_OPTS   extra mount options
#
# Results in $VM_OUT (tools/bench/report.py reads them):
#   meta.tsv     key<TAB>value: sizes, versions, the workloads and clients
#   samples.tsv  workload<TAB>client<TAB>rep<TAB>seconds | fail<TAB>reason
#   verify.tsv   workload<TAB>client<TAB>ok|BAD<TAB>detail (of a write, a
#                line for each run)
#   mem.tsv      client<TAB>phase<TAB>key<TAB>value  (around the parallel run)
#   slab.txt     /proc/slabinfo lines, /proc/meminfo and free after it
#   runs/        output of failed runs
# Exit status 0 when every planned run happened and every check passed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
ko=${1:?usage: guest.sh MODULE.ko}
case "$ko" in /*) ;; *) ko=$PWD/$ko ;; esac
out=${VM_OUT:?VM_OUT is not set (run me through tools/vm/run.sh)}
py=/usr/bin/python3
imp_srv=/usr/share/doc/python3-impacket/examples/smbserver.py

quick=${SMB1FS_BENCH_QUICK:-0}
reps=${SMB1FS_BENCH_REPS:-}
[ -n "$reps" ] || { [ "$quick" = 1 ] && reps=1 || reps=3; }
workloads=${SMB1FS_BENCH_WORKLOADS:-seq par4 cat ls stat rand seqw tarx impacket}
run_limit=${SMB1FS_BENCH_RUN_TIMEOUT:-600}

# tarx: NSMALL files of 4 KiB in TARX_DIRS directories and TARX_NBIG
# files of TARX_BIG_KB KiB
TARX_DIRS=4 TARX_NBIG=4
if [ "$quick" = 1 ]; then
	SEQ_MB=8 PAR_MB=2 NSMALL=100 NLS=300 TDIRS=10 TPER=30 RAND_IO_KB=512 IMP_MB=2
	TARX_BIG_KB=256
else
	SEQ_MB=256 PAR_MB=64 NSMALL=2000 NLS=5000 TDIRS=100 TPER=100 RAND_IO_KB=16384
	IMP_MB=32 TARX_BIG_KB=4096
fi
# impacket's server is a Python program: under TCG it serves a few MiB/s.
IMP_MB=${SMB1FS_BENCH_IMPACKET_MB:-$IMP_MB}
NPAR=4
NTREE=$((TDIRS * TPER))
export SEQ_MB PAR_MB NPAR RAND_IO_KB IMP_MB

export SMB1FS_SMB_BASE=/tmp/bench-smb SMB1FS_NO_TREE=1
scratch=/tmp/bench-scratch
mnt=/tmp/bench-mnt
# the sources of the write workloads, on the guest's tmpfs (not dropped
# with the caches), outside the share
wsrc=$scratch/wsrc
mkdir -p "$scratch" "$mnt" "$out/runs"
: >"$out/samples.tsv"
: >"$out/verify.tsv"
: >"$out/mem.tsv"
: >"$out/slab.txt"
: >"$out/meta.tsv"
status=0

say() {
	printf '[%6.1fs] %s\n' "$(awk '{ print $1 - s }' s="$t_start" /proc/uptime)" "$*"
}
read -r t_start _ </proc/uptime

meta() {
	printf '%s\t%s\n' "$1" "$2" >>"$out/meta.tsv"
}

drop_caches() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
}

# --- the workloads; $1 is the root the share's files are under ----------

w_seq() {
	dd if="$1/bench/big" of=/dev/null bs=1M status=none
}

w_par4() {
	local i pids=() rc=0
	for i in $(seq 1 "$NPAR"); do
		dd if="$1/bench/par/p$i" of=/dev/null bs=1M status=none &
		pids+=($!)
	done
	for i in "${pids[@]}"; do
		wait "$i" || rc=1
	done
	return "$rc"
}

w_cat() {
	cat "$1"/bench/small/* >/dev/null
}

w_ls() {
	ls -l "$1/bench/ls" >/dev/null
}

w_stat() {
	find "$1/bench/tree" -type f -print0 | xargs -0 stat >/dev/null
}

# The time of this one is fio's own runtime of the reads (BENCH_TIME=),
# without fio's start-up.  fio's default clock source calibrates the TSC
# for seconds under TCG.
w_rand() {
	local j
	j=$(fio --name=r --rw=randread --bs=4k --size="${SEQ_MB}m" \
		--io_size="${RAND_IO_KB}k" --ioengine=psync --readonly \
		--clocksource=clock_gettime \
		--filename="$1/bench/big" --output-format=json) || return 1
	printf '%s\n' "$j" | /usr/bin/python3 -c '
import json, sys
job = json.load(sys.stdin)["jobs"][0]
want = int(sys.argv[1]) * 1024
got = job["read"]["io_bytes"]
if job.get("error") or got != want:
    sys.exit("fio: error %s, read %d of %d bytes" % (job.get("error"), got, want))
print("BENCH_TIME=%.4f" % (job["read"]["runtime"] / 1000.0))
' "$RAND_IO_KB"
}

# The write workloads: $1 is the root of the writable share (the mount of
# [rw], or the export itself for "local"); they write into bench-w/.
w_seqw() {
	dd if="$wsrc/big" of="$1/bench-w/big" bs=1M conv=fsync status=none
}

# The clock stops after "sync -f" on the mount: syncfs() writes back
# every dirty page of the mount and waits until the server has answered
# each write, so that the data of both clients is on the server (both
# also write a file back when it is closed).  The server's copy is
# compared without a sync after the run, before the unmount.  As root,
# tar would also give every file the archive's owner, which smb1fs
# ignores and cifs (with the Unix extensions) asks Samba for as the
# mount's user: --no-same-owner leaves that out for both.
w_tarx() {
	tar -x --no-same-owner -f "$wsrc/tarx.tar" -C "$1/bench-w" &&
		sync -f "$1/bench-w"
}

# impacket's export holds only the file "big".
w_impacket() {
	dd if="$1/big" of=/dev/null bs=1M status=none
}

# smbclient: $1 is "share" or "impacket"
smbc() {
	local where=$1
	shift
	if [ "$where" = impacket ]; then
		smbclient //127.0.0.1/PUB -p 4445 -U u%p -m NT1 \
			--option='client min protocol=NT1' -c "$*"
	else
		smbclient //127.0.0.1/share -U u%p -s "$SMB1FS_SMBCONF" -m NT1 \
			--option='client min protocol=NT1' -c "$*"
	fi
}

# smbclient says what went wrong on stdout and does not always fail.
smbc_checked() {
	local o
	o=$(smbc "$@" 2>&1)
	local rc=$?
	printf '%s\n' "$o"
	[ "$rc" = 0 ] && ! grep -q 'NT_STATUS_' <<<"$o"
}

# smbc_get share|impacket COMMANDS: the time is the transfer time smbclient
# reports itself (size / its rate; from the open to the close of the
# file), without its start-up and login (seconds under TCG), like the
# mounted clients' times leave out the mount.
smbc_get() {
	local o
	o=$(smbc_checked "$@")
	local rc=$?
	printf '%s\n' "$o"
	[ "$rc" = 0 ] || return 1
	awk '/^getting file .* of size [0-9]+ as .*KiloBytes\/sec/ {
		size = $0; sub(/.* of size /, "", size); sub(/ .*/, "", size)
		rate = $0; sub(/^[^(]*\(/, "", rate); sub(/ .*/, "", rate)
		if (rate > 0) { printf "BENCH_TIME=%.4f\n", size / (1024 * rate); n++ } }
		END { exit n != 1 }' <<<"$o"
}

s_seq() {
	smbc_get share 'cd bench; get big /dev/null'
}

s_impacket() {
	smbc_get impacket 'get big /dev/null'
}

export -f w_seq w_par4 w_cat w_ls w_stat w_rand w_seqw w_tarx w_impacket \
	smbc smbc_checked smbc_get s_seq s_impacket

# --- running and timing ---------------------------------------------------

# measure WL CLIENT REP FUNCTION ARG...: one cold timed run.
measure() {
	local wl=$1 cl=$2 rep=$3 o=$scratch/run.out rc secs
	shift 3
	drop_caches
	# timed inside, without the start of bash and timeout
	# shellcheck disable=SC2016
	timeout -k 10 "$run_limit" bash -c 't0=$EPOCHREALTIME; "$@"; rc=$?
		echo "BENCH_WALL=$t0 $EPOCHREALTIME"; exit $rc' run "$@" >"$o" 2>&1 </dev/null
	rc=$?
	if [ "$rc" != 0 ]; then
		local why="status $rc"
		[ "$rc" = 124 ] && why="timed out after ${run_limit}s"
		printf '%s\t%s\t%s\tfail\t%s\n' "$wl" "$cl" "$rep" "$why" >>"$out/samples.tsv"
		cp "$o" "$out/runs/$wl-$cl-$rep.log"
		say "  $wl $cl #$rep: FAILED ($why), see runs/$wl-$cl-$rep.log"
		tail -n 5 "$o" | sed 's/^/    | /'
		status=1
		return 1
	fi
	secs=$(sed -n 's/^BENCH_TIME=//p' "$o" | tail -n 1)
	[ -n "$secs" ] ||
		secs=$(awk '/^BENCH_WALL=/ { sub(/.*=/, ""); t = sprintf("%.4f", $2 - $1) }
			END { print t }' "$o")
	printf '%s\t%s\t%s\t%s\n' "$wl" "$cl" "$rep" "$secs" >>"$out/samples.tsv"
	say "  $wl $cl #$rep: ${secs}s"
}

# fail_run WL CLIENT REP REASON: a run that could not happen (no mount).
fail_run() {
	printf '%s\t%s\t%s\tfail\t%s\n' "$1" "$2" "$3" "$4" >>"$out/samples.tsv"
	say "  $1 $2 #$3: FAILED ($4)"
}

# client_mount CLIENT SERVER: mount on $mnt; SERVER is share, rw (the
# same tree, writable) or impacket.
client_mount() {
	local cl=$1 where=$2 src=//127.0.0.1/share port='' opts
	[ "$where" = rw ] && src=$SMB1FS_RW_SHARE
	[ "$where" = impacket ] && { src=//127.0.0.1/PUB; port=port=4445,; }
	case "$cl" in
	smb1fs)
		opts=${port}username=u,password=p${SMB1FS_BENCH_SMB1FS_OPTS:+,$SMB1FS_BENCH_SMB1FS_OPTS}
		;;
	cifs)
		opts=vers=1.0,${port}username=u,password=p${SMB1FS_BENCH_CIFS_OPTS:+,$SMB1FS_BENCH_CIFS_OPTS}
		;;
	esac
	timeout -k 5 60 mount -t "$cl" "$src" "$mnt" -o "$opts" >"$scratch/mount.out" 2>&1 && return 0
	grep -q " $mnt " /proc/mounts && umount "$mnt" 2>/dev/null
	return 1
}

client_umount() {
	umount "$mnt" 2>/dev/null || { sleep 1; umount "$mnt"; } ||
		{ say "  cannot unmount $mnt"; umount -l "$mnt"; status=1; }
}

mount_error() {
	tr '\n' ' ' <"$scratch/mount.out" | sed -e 's/[[:space:]]*$//' -e 's/\t/ /g' | cut -c1-200
}

# --- checks: what smb1fs reads equals the exported original ---------------

# verify_WL MOUNTROOT LOCALROOT: print a detail line, fail on a mismatch.
sums() {
	local a b
	a=$(cut -d' ' -f1 <<<"$1")
	b=$(cut -d' ' -f1 <<<"$2")
	if [ "$a" = "$b" ] && [ -n "$a" ]; then
		echo "sha256 ${a:0:16}... equal"
	else
		echo "sha256 differs: ${a:0:16} (client) vs ${b:0:16} (local)"
		return 1
	fi
}

verify_seq() {
	sums "$(sha256sum <"$1/bench/big")" "$(sha256sum <"$2/bench/big")" &&
		echo " ($SEQ_MB MiB)"
}

verify_par4() {
	local i rc=0
	for i in $(seq 1 "$NPAR"); do
		sha256sum <"$1/bench/par/p$i" >"$scratch/par-sum-$i" &
	done
	wait
	for i in $(seq 1 "$NPAR"); do
		sums "$(cat "$scratch/par-sum-$i")" "$(sha256sum <"$2/bench/par/p$i")" >/dev/null ||
			{ echo "p$i differs"; rc=1; }
	done
	[ "$rc" = 0 ] && echo "$NPAR files of $PAR_MB MiB read in parallel, sha256 equal"
	return "$rc"
}

verify_cat() {
	local n
	n=$(find "$1/bench/small" -type f | wc -l)
	[ "$n" = "$NSMALL" ] || { echo "$n files instead of $NSMALL"; return 1; }
	sums "$(cat "$1"/bench/small/* | sha256sum)" "$(cat "$2"/bench/small/* | sha256sum)" &&
		echo " ($NSMALL files concatenated)"
}

verify_ls() {
	# the type, size and name: the permissions come from the mount options
	# shellcheck disable=SC2012
	ls -l "$1/bench/ls" | awk 'NR > 1 { print substr($1, 1, 1), $5, $NF }' >"$scratch/ls.r"
	# shellcheck disable=SC2012
	ls -l "$2/bench/ls" | awk 'NR > 1 { print substr($1, 1, 1), $5, $NF }' >"$scratch/ls.l"
	if cmp -s "$scratch/ls.r" "$scratch/ls.l" && [ "$(wc -l <"$scratch/ls.r")" = "$NLS" ]; then
		echo "ls -l: $NLS entries, types, sizes and names equal"
	else
		echo "ls -l differs: $(diff "$scratch/ls.l" "$scratch/ls.r" | grep -c '^[<>]') lines"
		return 1
	fi
}

verify_stat() {
	(cd "$1/bench/tree" && find . -type f -print0 | xargs -0 stat -c '%n %F %s %Y' | sort) >"$scratch/st.r"
	(cd "$2/bench/tree" && find . -type f -print0 | xargs -0 stat -c '%n %F %s %Y' | sort) >"$scratch/st.l"
	if cmp -s "$scratch/st.r" "$scratch/st.l" && [ "$(wc -l <"$scratch/st.r")" = "$NTREE" ]; then
		echo "stat: $NTREE files, names, types, sizes and mtimes equal"
	else
		echo "stat differs: $(diff "$scratch/st.l" "$scratch/st.r" | grep -c '^[<>]') lines"
		return 1
	fi
}

verify_rand() {
	"$py" "$here/randcheck.py" "$1/bench/big" "$2/bench/big" $((RAND_IO_KB / 4))
}

verify_impacket() {
	sums "$(sha256sum <"$1/big")" "$(sha256sum <"$2/big")" && echo " ($IMP_MB MiB)"
}

# verify_seqw|verify_tarx DIR: the server's copy in DIR (bench-w/ of the
# export) against the source, byte for byte.
verify_seqw() {
	local n
	[ -f "$1/big" ] || { echo "no file big on the server"; return 1; }
	n=$(stat -c %s "$1/big")
	if cmp -s "$wsrc/big" "$1/big"; then
		echo "cmp: the server's copy equals the source ($n bytes)"
	else
		echo "the server's copy differs: $(cmp "$wsrc/big" "$1/big" 2>&1 | head -n 1)," \
			"$n of $((SEQ_MB * 1048576)) bytes"
		return 1
	fi
}

verify_tarx() {
	local nf nd
	[ -d "$1/tarx" ] || { echo "no directory tarx on the server"; return 1; }
	nf=$(find "$1/tarx" -type f | wc -l)
	nd=$(find "$1/tarx" -mindepth 1 -type d | wc -l)
	if diff -r "$wsrc/tarx" "$1/tarx" >"$scratch/tarx.diff" 2>&1; then
		echo "diff -r: the server's tree equals the source ($nf files, $nd directories)"
	else
		echo "the server's tree differs: $(grep -c '' "$scratch/tarx.diff") lines of" \
			"diff -r, $nf files, $nd directories; first: $(head -n 1 "$scratch/tarx.diff")"
		return 1
	fi
}

# record_verify WL CLIENT STATUS: the detail is in $scratch/verify.out.
record_verify() {
	local wl=$1 cl=$2 rc=$3 detail
	detail=$(tr '\n\t' '  ' <"$scratch/verify.out" | sed 's/ *$//' | cut -c1-300)
	if [ "$rc" = 0 ]; then
		printf '%s\t%s\tok\t%s\n' "$wl" "$cl" "$detail" >>"$out/verify.tsv"
		say "  $wl $cl: data check ok: $detail"
	else
		printf '%s\t%s\tBAD\t%s\n' "$wl" "$cl" "$detail" >>"$out/verify.tsv"
		say "  $wl $cl: DATA CHECK FAILED: $detail"
		status=1
	fi
}

# check WL CLIENT LOCALROOT: with CLIENT mounted on $mnt, read the
# workload's data again, cold and untimed, and compare it with LOCALROOT.
check() {
	local wl=$1 cl=$2 root=$3 rc
	drop_caches
	timeout -k 10 "$run_limit" bash -c '"$@"' check "verify_$wl" "$mnt" "$root" \
		>"$scratch/verify.out" 2>&1
	rc=$?
	record_verify "$wl" "$cl" "$rc"
}

# check_written WL CLIENT REP: with CLIENT still mounted after a write
# run, compare the server's copy with the source; no sync first, so that
# only what the client sent before its clock stopped is there.  Every run
# is checked; verify.tsv gets a line for each.
check_written() {
	local wl=$1 cl=$2 rep=$3 rc
	"verify_$wl" "$W" >"$scratch/verify.out" 2>&1
	rc=$?
	[ "$reps" = 1 ] || sed -i "1s/^/run $rep: /" "$scratch/verify.out"
	record_verify "$wl" "$cl" "$rc"
}

# clean_written: remove what a write run left on the server (untimed).
clean_written() {
	find "$W" -mindepth 1 -delete || { say "  cannot empty $W"; status=1; }
}
export -f sums verify_seq verify_par4 verify_cat verify_ls verify_stat verify_rand \
	verify_impacket
export NSMALL NLS NTREE py here scratch wsrc

# --- memory around the parallel run -----------------------------------------

mem_snapshot() {
	local cl=$1 phase=$2
	awk -v c="$cl" -v p="$phase" '
		/^(MemFree|Cached|Shmem|Slab|SReclaimable|SUnreclaim):/ {
			sub(":", "", $1); printf "%s\t%s\t%s_kB\t%s\n", c, p, $1, $2 }' \
		/proc/meminfo >>"$out/mem.tsv"
	awk -v c="$cl" -v p="$phase" '
		$1 ~ /^(smb1|cifs)/ { printf "%s\t%s\tslab_%s_objs\t%s\n", c, p, $1, $2 }
		$1 ~ /^(smb1|cifs)/ { printf "%s\t%s\tslab_%s_kB\t%d\n", c, p, $1, $3 * $4 / 1024 }' \
		/proc/slabinfo >>"$out/mem.tsv"
}

slab_report() {
	local cl=$1 rep=$2
	{
		echo "== $cl: after the $NPAR-reader parallel read (repetition $rep), still mounted"
		echo "-- /proc/slabinfo: smb1*, cifs*, dentry"
		sed -n '2p' /proc/slabinfo
		grep -E '^(smb1|cifs|dentry )' /proc/slabinfo
		echo "-- /proc/meminfo"
		grep -E '^(MemFree|Cached|Shmem|Slab|SReclaimable|SUnreclaim):' /proc/meminfo
		echo "-- free -m"
		free -m
		echo
	} >>"$out/slab.txt"
}

# --- the data ----------------------------------------------------------------

say "smb1fs benchmark on $(uname -r): quick=$quick, $reps repetition(s), workloads: $workloads"
# shellcheck source=tests/vm/smbd.sh
. "$top/tests/vm/smbd.sh"
if ! smbd_start >"$scratch/smbd.log" 2>&1; then
	cat "$scratch/smbd.log"
	say "smbd did not start"
	exit 1
fi
B=$SMB1FS_SHARE_DIR/bench
say "generating the data in $B (guest tmpfs)"
if ! "$py" "$here/mkdata.py" "$B" "$SEQ_MB" "$NPAR" "$PAR_MB" "$NSMALL" "$NLS" \
	"$TDIRS" "$TPER" "$IMP_MB"; then
	say "generating the data failed"
	exit 1
fi
chmod -R a+rX "$B"
# where the write workloads write: the Samba user of the mounts owns it
W=$SMB1FS_SHARE_DIR/bench-w
mkdir -p "$W" && chown u: "$W" || { say "cannot create $W"; exit 1; }
case " $workloads " in
*" seqw "*|*" tarx "*)
	say "generating the sources of the writes in $wsrc (guest tmpfs)"
	rm -rf "$wsrc"
	if ! "$py" "$here/mkdata.py" --write "$wsrc" "$SEQ_MB" "$NSMALL" "$TARX_DIRS" \
		"$TARX_NBIG" "$TARX_BIG_KB" ||
		! tar -c --sort=name -f "$wsrc/tarx.tar" -C "$wsrc" tarx; then
		say "generating the sources of the writes failed"
		exit 1
	fi
	;;
esac
say "data ready: $(du -sm "$B" | cut -f1) MiB; $(free -m | awk '/^Mem:/ { print $7 }') MiB available"

modprobe cifs || say "no cifs module"
# insmod loads no dependencies: DES (LM, NTLMv1) first
modprobe -q libdes 2>/dev/null
insmod "$ko" || { say "insmod $ko failed"; exit 1; }

meta kernel "$(uname -r)"
meta quick "$quick"
meta reps "$reps"
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta samba "$(smbd -V 2>/dev/null | sed 's/^Version //')"
meta fio "$(fio --version 2>/dev/null)"
meta smb1fs_srcversion "$(cat /sys/module/smb1fs/srcversion 2>/dev/null)"
meta smb1fs_opts "username=u,password=p${SMB1FS_BENCH_SMB1FS_OPTS:+,$SMB1FS_BENCH_SMB1FS_OPTS}"
meta cifs_opts "vers=1.0,username=u,password=p${SMB1FS_BENCH_CIFS_OPTS:+,$SMB1FS_BENCH_CIFS_OPTS}"
meta cpus "$(nproc)"
meta mem_mib "$(free -m | awk '/^Mem:/ { print $2 }')"
meta workloads "$workloads"
meta label.seq "sequential read, $SEQ_MB MiB (dd bs=1M)"
meta label.par4 "$NPAR readers in parallel, $PAR_MB MiB each"
meta label.cat "cat of $NSMALL files of 4 KiB"
meta label.ls "ls -l of $NLS entries"
meta label.stat "stat of $NTREE files in $TDIRS dirs"
if [ "$RAND_IO_KB" -ge 1024 ]; then
	rand_io="$((RAND_IO_KB / 1024)) MiB"
else
	rand_io="$RAND_IO_KB KiB"
fi
meta label.rand "random 4 KiB reads, $rand_io over $SEQ_MB MiB (fio psync)"
meta label.seqw "sequential write, $SEQ_MB MiB (dd bs=1M conv=fsync)"
if [ "$TARX_BIG_KB" -ge 1024 ]; then
	tarx_big="$((TARX_BIG_KB / 1024)) MiB"
else
	tarx_big="$TARX_BIG_KB KiB"
fi
meta label.tarx "tar x of $NSMALL files of 4 KiB in $TARX_DIRS dirs and $TARX_NBIG of $tarx_big, sync -f"
meta bytes.seqw $((SEQ_MB * 1048576))
meta label.impacket "sequential read $IMP_MB MiB from impacket smbserver"
meta short.seq "seq read $SEQ_MB MiB"
meta short.par4 "$NPAR readers x $PAR_MB MiB"
meta short.cat "cat $NSMALL x 4 KiB"
meta short.ls "ls -l $NLS"
meta short.stat "stat $NTREE"
meta short.rand "random 4K ($rand_io)"
meta short.seqw "seq write $SEQ_MB MiB"
meta short.tarx "tar x $NSMALL+$TARX_NBIG files"
meta short.impacket "impacket seq $IMP_MB MiB"
for wl in seq par4 cat ls stat rand seqw tarx impacket; do
	case "$wl" in
	seq|impacket) meta "clients.$wl" "local smb1fs cifs smbclient" ;;
	*) meta "clients.$wl" "local smb1fs cifs" ;;
	esac
done

# --- the runs ------------------------------------------------------------------

imp_pid=
imp_start() {
	local i
	[ -f "$imp_srv" ] || { say "impacket's smbserver.py is not installed"; return 1; }
	"$py" "$imp_srv" -port 4445 -username u -password p pub "$B/imp" \
		>>"$scratch/impacket.log" 2>&1 &
	imp_pid=$!
	for i in $(seq 1 150); do
		ss -ltn | grep -q ':4445 ' && return 0
		sleep 0.2
	done
	say "impacket's smbserver does not listen on port 4445"
	return 1
}

imp_stop() {
	[ -n "$imp_pid" ] || return 0
	kill "$imp_pid" 2>/dev/null
	wait "$imp_pid" 2>/dev/null
	imp_pid=
}

run_workload() {
	local wl=$1 where=share root=$SMB1FS_SHARE_DIR rep cl clients order
	local cifs_failed=0 writes=0
	clients=$(sed -n "s/^clients\.$wl\t//p" "$out/meta.tsv")
	say "== $wl: $(sed -n "s/^label\.$wl\t//p" "$out/meta.tsv")"
	if [ "$wl" = impacket ]; then
		where=impacket root=$B/imp
		if ! imp_start; then
			for cl in $clients; do
				fail_run "$wl" "$cl" 1 "impacket's smbserver did not start"
			done
			status=1
			return
		fi
	fi
	if [ "$wl" = seqw ] || [ "$wl" = tarx ]; then
		where=rw writes=1
		clean_written
	fi
	for rep in $(seq 1 "$reps"); do
		# the network client that goes first in a repetition is often
		# slower (the guest's memory is touched anew): take turns
		order=$clients
		[ $((rep % 2)) = 1 ] || order=${clients/smb1fs cifs/cifs smb1fs}
		for cl in $order; do
			case "$cl" in
			local)
				measure "$wl" local "$rep" "w_$wl" "$root"
				[ "$writes" = 1 ] && clean_written
				;;
			smbclient)
				measure "$wl" smbclient "$rep" "s_$wl"
				;;
			smb1fs|cifs)
				# cifs may not mount impacket's server: once is enough.
				[ "$cl" = cifs ] && [ "$cifs_failed" = 1 ] && continue
				if ! client_mount "$cl" "$where"; then
					fail_run "$wl" "$cl" "$rep" "mount failed: $(mount_error)"
					if [ "$cl" = smb1fs ] && [ "$rep" = 1 ] ||
						[ "$writes" = 1 ]; then
						echo "not checked: the mount failed" >"$scratch/verify.out"
						record_verify "$wl" "$cl" 1
					fi
					if [ "$wl" = impacket ] && [ "$cl" = cifs ]; then
						cifs_failed=1
						# it may have left the server confused
						imp_stop
						imp_start
					else
						status=1
					fi
					continue
				fi
				if [ "$wl" = par4 ] && [ "$rep" = "$reps" ]; then
					drop_caches
					mem_snapshot "$cl" before
					measure "$wl" "$cl" "$rep" "w_$wl" "$mnt"
					mem_snapshot "$cl" after
					slab_report "$cl" "$rep"
				else
					measure "$wl" "$cl" "$rep" "w_$wl" "$mnt"
				fi
				# the data check, on the same mount (caches dropped);
				# of a write, on the server (also after a failed run)
				if [ "$writes" = 1 ]; then
					check_written "$wl" "$cl" "$rep"
				elif [ "$cl" = smb1fs ] && [ "$rep" = 1 ]; then
					check "$wl" smb1fs "$root"
				fi
				client_umount
				[ "$writes" = 1 ] && clean_written
				;;
			esac
		done
	done
	if [ "$wl" = impacket ]; then
		imp_stop
		tail -n 50 "$scratch/impacket.log" >"$out/impacket.log"
	fi
}

t_runs=$SECONDS
for wl in $workloads; do
	case "$wl" in
	seq|par4|cat|ls|stat|rand|seqw|tarx|impacket) run_workload "$wl" ;;
	*) say "unknown workload '$wl'"; status=1 ;;
	esac
done
umount "$mnt" 2>/dev/null
rmmod smb1fs || { say "rmmod smb1fs failed"; status=1; }
smbd_stop
meta runs_seconds $((SECONDS - t_runs))
say "done, status $status"
exit "$status"
