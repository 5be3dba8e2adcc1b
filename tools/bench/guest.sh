#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The benchmark, inside the VM (tools/bench/bench.sh starts it through
# tools/vm/run.sh).
#
#   guest.sh MODULE.ko
#
# Starts Samba (NT1 only, tests/vm/smbd.sh) on a share on the guest's
# tmpfs and, for each link profile in turn, shapes the loopback, generates
# the profile's data there and times every workload through each client:
# "local" (the exported directory itself, the ceiling; in the lo profile
# only), "smb1fs", "cifs" (the kernel's client, vers=1.0), "smbnetfs"
# (the FUSE client on libsmbclient, when it can mount here) and, for the
# sequential reads, "smbclient".  Every timed run is cold: page cache,
# dentries and inodes dropped before it, and the network clients mounted
# afresh for every repetition (the mount is not timed); smb1fs and cifs
# take turns to go first.  Each read workload's data is also read once
# through smb1fs, untimed and cold, and compared with the exported
# original.
#
# The write workloads (seqw, tarx) write through the writable share [rw]
# (the same tree) into bench-w/ of the export, from sources on the
# guest's tmpfs outside the share.  After every run of smb1fs, cifs and
# smbnetfs, still mounted and without a sync, the server's copy is
# compared byte for byte with the source; it is removed (untimed) before
# the next run.
#
# Link profiles.  Client and server talk over the guest's loopback; a
# profile shapes it with netem for its whole run:
#   lo    no shaping (the emulated CPUs are the limit)
#   lan   100 Mbit/s, 0.25 ms each way (0.5 ms round trip)
#   wifi  30 Mbit/s, 2 ms each way (4 ms round trip)
# Both directions of a connection leave through lo's one root qdisc, so
# a single netem there would give 0.25 ms per pass (0.5 ms round trip)
# but one rate shared by both directions, a half-duplex link on which
# the requests wait behind the replies' data.  The root is therefore a
# prio qdisc with two netem children of the same rate and delay, one for
# what the servers send (source port 445, 139 or impacket's 4445, a u32
# filter) and one for everything else: each direction gets the full
# rate, like a switched full-duplex Ethernet, and a round trip still
# passes two netems.  netem's rate counts every packet as it leaves with
# its Ethernet header (14 bytes on lo), IP and TCP headers; lo's MTU
# stays 65536, so a TCP segment carries up to about 64 KiB and the
# headers cost about 0.1 % (on a real 1500-byte Ethernet about 5 % more
# would go to headers, preamble and gaps).  After the profile the
# netems' sent bytes (tc -s qdisc) must cover the data read, and
# report.py fails the run when a sequential read went faster than the
# link (3 % margin).
#
# Client CPU.  Around each timed run of seq and seqw, the guest's busy
# time (/proc/stat: all but idle and iowait) and the user and system
# time of every smbd process (/proc/PID/stat utime, stime, cutime,
# cstime: the parent collects its children's) are read; the difference
# is the CPU the client side spent (the client, its kernel work, the
# loopback's network stack), per GiB moved in report.py.
#
# Environment (run.sh passes SMB1FS_* variables on):
#   SMB1FS_BENCH_QUICK=1        small sizes, one repetition; the lan
#                               profile reads one tiny file only
#   SMB1FS_BENCH_PROFILES="lo lan wifi"   the link profiles, in this order
#                               (quick: "lo lan")
#   SMB1FS_BENCH_REPS=N         repetitions (default 3, quick 1)
#   SMB1FS_BENCH_WORKLOADS=...  subset of: seq par4 cat ls stat rand seqw
#                               tarx impacket, for every profile (default:
#                               all in lo, all but par4 and impacket in
#                               lan and wifi)
#   SMB1FS_BENCH_RUN_TIMEOUT=S  limit of one timed run (default 600)
#   SMB1FS_BENCH_IMPACKET_MB=N  size of the file read from impacket's
#                               server (default 32, quick 2)
#   SMB1FS_BENCH_SMB1FS_OPTS, SMB1FS_BENCH_CIFS_OPTS   extra mount options
#
# Sizes.  lo: a 256 MiB file for the sequential read and write (quick:
# 8), 2,000 small files, 5,000 entries, 10,000 files to stat; lan: the
# same (the sequential read takes about 22 s at the link's rate); wifi:
# 128 MiB (about 36 s), 500 small files, 2,000 entries, 2,500 files to
# stat, 4 MiB of random reads (each costs a 4 ms round trip).  A minute
# of link time per run would not fit in the guest's tmpfs beside the
# written copy.
#
# Results in $VM_OUT (tools/bench/report.py reads them):
#   meta.tsv     key<TAB>value: versions, the profiles, smbnetfs
#   PROFILE/     for each profile:
#     meta.tsv     key<TAB>value: the link, sizes, workloads and clients
#     samples.tsv  workload<TAB>client<TAB>rep<TAB>seconds | fail<TAB>reason
#     cpu.tsv      workload<TAB>client<TAB>rep<TAB>busy ticks<TAB>smbd
#                  ticks (USER_HZ, meta clk_tck) of a timed run
#     verify.tsv   workload<TAB>client<TAB>ok|BAD<TAB>detail (of a write, a
#                  line for each run)
#     mem.tsv      client<TAB>phase<TAB>key<TAB>value (around the parallel run)
#     slab.txt     /proc/slabinfo lines, /proc/meminfo and free after it
#     tc.txt       tc -s qdisc of lo after the profile
#     runs/        output of failed runs
# Exit status 0 when every planned run happened and every check passed
# (smbnetfs's runs and checks are reported, not judged: it is not ours).
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
profiles=${SMB1FS_BENCH_PROFILES:-}
[ -n "$profiles" ] || { [ "$quick" = 1 ] && profiles="lo lan" || profiles="lo lan wifi"; }
run_limit=${SMB1FS_BENCH_RUN_TIMEOUT:-600}
ALL_WORKLOADS="seq par4 cat ls stat rand seqw tarx impacket"

# link_of PROFILE: the netem rate in bit/s and the delay of each pass in
# microseconds ("0 0": no shaping)
link_of() {
	case "$1" in
	lo) echo "0 0" ;;
	lan) echo "100000000 250" ;;
	wifi) echo "30000000 2000" ;;
	*) return 1 ;;
	esac
}

# profile_sizes PROFILE: the sizes and workloads of a profile.  tarx:
# NSMALL files of 4 KiB in TARX_DIRS directories and TARX_NBIG files of
# TARX_BIG_KB KiB.
profile_sizes() {
	TARX_DIRS=4 TARX_NBIG=4
	if [ "$quick" = 1 ]; then
		SEQ_MB=8 PAR_MB=2 NSMALL=100 NLS=300 TDIRS=10 TPER=30 RAND_IO_KB=512 IMP_MB=2
		TARX_BIG_KB=256
		workloads=$ALL_WORKLOADS
		# one tiny read through each client proves the shaping
		[ "$1" = lo ] || { SEQ_MB=4 workloads=seq; }
	else
		SEQ_MB=256 PAR_MB=64 NSMALL=2000 NLS=5000 TDIRS=100 TPER=100 RAND_IO_KB=16384
		IMP_MB=32 TARX_BIG_KB=4096
		workloads=$ALL_WORKLOADS
		[ "$1" = lo ] || workloads="seq cat ls stat rand seqw tarx"
		if [ "$1" = wifi ]; then
			SEQ_MB=128 NSMALL=500 NLS=2000 TDIRS=25 RAND_IO_KB=4096
		fi
	fi
	# impacket's server is a Python program: under TCG it serves a few MiB/s.
	IMP_MB=${SMB1FS_BENCH_IMPACKET_MB:-$IMP_MB}
	workloads=${SMB1FS_BENCH_WORKLOADS:-$workloads}
	NPAR=4
	NTREE=$((TDIRS * TPER))
	export SEQ_MB PAR_MB NPAR RAND_IO_KB IMP_MB NSMALL NLS NTREE
}

export SMB1FS_SMB_BASE=/tmp/bench-smb SMB1FS_NO_TREE=1
scratch=/tmp/bench-scratch
mnt=/tmp/bench-mnt
# the sources of the write workloads, on the guest's tmpfs (not dropped
# with the caches), outside the share
wsrc=$scratch/wsrc
# smbnetfs's HOME: its configuration and libsmbclient's in .smb/
snhome=$scratch/smbnetfs-home
mkdir -p "$scratch" "$mnt"
: >"$out/meta.tsv"
# the results of the profile being run (set_profile)
res=$out
status=0

say() {
	printf '[%6.1fs] %s\n' "$(awk '{ print $1 - s }' s="$t_start" /proc/uptime)" "$*"
}
read -r t_start _ </proc/uptime

# meta KEY VALUE: of the profile; gmeta: of the whole run
meta() {
	printf '%s\t%s\n' "$1" "$2" >>"$res/meta.tsv"
}

gmeta() {
	printf '%s\t%s\n' "$1" "$2" >>"$out/meta.tsv"
}

drop_caches() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
}

# cpu_snap: the guest's busy ticks (all CPUs) and the ticks of every
# smbd process, children it has collected included.  Pure bash: no
# process of its own between the two readings.
cpu_snap() {
	local l p c f busy sm=0
	read -r l </proc/stat
	# shellcheck disable=SC2086
	set -- $l
	# cpu user nice system idle iowait irq softirq steal
	busy=$(($2 + $3 + $4 + $7 + $8 + $9))
	for p in /proc/[0-9]*; do
		{ read -r c <"$p/comm"; } 2>/dev/null || continue
		case "$c" in smbd*) ;; *) continue ;; esac
		{ read -r f <"$p/stat"; } 2>/dev/null || continue
		# the fields after "pid (comm) ": 3 is $1, utime (14) is $12
		f=${f##*) }
		# shellcheck disable=SC2086
		set -- $f
		sm=$((sm + ${12} + ${13} + ${14} + ${15}))
	done
	echo "$busy $sm"
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

# judged CLIENT: whether a failure of CLIENT fails the benchmark
# (smbnetfs's are reported only: not our code)
judged() {
	[ "$1" != smbnetfs ]
}

# measure WL CLIENT REP FUNCTION ARG...: one cold timed run.  Of seq and
# seqw, also the CPU around it (cpu_snap, in cpu.tsv).
measure() {
	local wl=$1 cl=$2 rep=$3 o=$scratch/run.out rc secs cpu=0 c
	shift 3
	case "$wl" in seq|seqw) cpu=1 ;; esac
	drop_caches
	# timed inside, without the start of bash and timeout
	# shellcheck disable=SC2016
	BENCH_CPU=$cpu timeout -k 10 "$run_limit" bash -c '
		[ "$BENCH_CPU" = 1 ] && c0=$(cpu_snap)
		t0=$EPOCHREALTIME; "$@"; rc=$?; t1=$EPOCHREALTIME
		[ "$BENCH_CPU" = 1 ] && echo "BENCH_CPU=$c0 $(cpu_snap)"
		echo "BENCH_WALL=$t0 $t1"; exit $rc' run "$@" >"$o" 2>&1 </dev/null
	rc=$?
	if [ "$rc" != 0 ]; then
		local why="status $rc"
		[ "$rc" = 124 ] && why="timed out after ${run_limit}s"
		printf '%s\t%s\t%s\tfail\t%s\n' "$wl" "$cl" "$rep" "$why" >>"$res/samples.tsv"
		cp "$o" "$res/runs/$wl-$cl-$rep.log"
		say "  $wl $cl #$rep: FAILED ($why), see $prof/runs/$wl-$cl-$rep.log"
		tail -n 5 "$o" | sed 's/^/    | /'
		judged "$cl" && status=1
		return 1
	fi
	secs=$(sed -n 's/^BENCH_TIME=//p' "$o" | tail -n 1)
	[ -n "$secs" ] ||
		secs=$(awk '/^BENCH_WALL=/ { sub(/.*=/, ""); t = sprintf("%.4f", $2 - $1) }
			END { print t }' "$o")
	printf '%s\t%s\t%s\t%s\n' "$wl" "$cl" "$rep" "$secs" >>"$res/samples.tsv"
	c=
	if [ "$cpu" = 1 ]; then
		# busy and smbd ticks: the differences
		c=$(awk '/^BENCH_CPU=/ { sub(/^BENCH_CPU=/, "")
			printf "%d\t%d", $3 - $1, $4 - $2 }' "$o")
		[ -n "$c" ] && printf '%s\t%s\t%s\t%s\n' "$wl" "$cl" "$rep" "$c" >>"$res/cpu.tsv"
		c=", CPU ticks busy/smbd ${c/$'\t'//}"
	fi
	say "  $wl $cl #$rep: ${secs}s$c"
}

# fail_run WL CLIENT REP REASON: a run that could not happen (no mount).
fail_run() {
	printf '%s\t%s\t%s\tfail\t%s\n' "$1" "$2" "$3" "$4" >>"$res/samples.tsv"
	say "  $1 $2 #$3: FAILED ($4)"
}

# client_mount CLIENT SERVER: mount on $mnt; SERVER is share, rw (the
# same tree, writable) or impacket.  Sets croot, where the share's files
# are (smbnetfs shows the network under $mnt: HOST/SHARE/...).
client_mount() {
	local cl=$1 where=$2 src=//127.0.0.1/share port='' opts share=share
	[ "$where" = rw ] && { src=$SMB1FS_RW_SHARE share=rw; }
	[ "$where" = impacket ] && { src=//127.0.0.1/PUB; port=port=4445,; }
	croot=$mnt
	case "$cl" in
	smb1fs)
		opts=${port}username=u,password=p${SMB1FS_BENCH_SMB1FS_OPTS:+,$SMB1FS_BENCH_SMB1FS_OPTS}
		;;
	cifs)
		opts=vers=1.0,${port}username=u,password=p${SMB1FS_BENCH_CIFS_OPTS:+,$SMB1FS_BENCH_CIFS_OPTS}
		;;
	smbnetfs)
		croot=$mnt/127.0.0.1/$share
		smbnetfs_mount "$croot" >"$scratch/mount.out" 2>&1 && return 0
		grep -q " $mnt " /proc/mounts && umount "$mnt" 2>/dev/null
		return 1
		;;
	esac
	timeout -k 5 60 mount -t "$cl" "$src" "$mnt" -o "$opts" >"$scratch/mount.out" 2>&1 && return 0
	grep -q " $mnt " /proc/mounts && umount "$mnt" 2>/dev/null
	return 1
}

# smbnetfs_mount DIR: start smbnetfs on $mnt and wait until DIR, a share
# under it, can be listed.  Its configuration (smbnetfs_setup) asks
# libsmbclient for NT1 and gives it the user's password; the FUSE daemon
# goes to the background and ends with the unmount.
smbnetfs_mount() {
	local end=$((SECONDS + 30))
	HOME=$snhome timeout -k 5 60 smbnetfs "$mnt" \
		-o "config=$snhome/.smb/smbnetfs.conf,log_file=$scratch/smbnetfs.log" || return 1
	while [ "$SECONDS" -lt "$end" ]; do
		timeout -k 2 10 ls "$1" >/dev/null 2>&1 && return 0
		sleep 0.2
	done
	echo "smbnetfs mounted, but $1 cannot be listed"
	tail -n 5 "$scratch/smbnetfs.log" 2>/dev/null
	return 1
}

# smbnetfs_setup: its configuration; prints why it cannot run here and
# fails when it cannot.
smbnetfs_setup() {
	command -v smbnetfs >/dev/null || { echo "smbnetfs is not installed (make deps)"; return 1; }
	modprobe fuse 2>/dev/null
	[ -c /dev/fuse ] || { echo "no /dev/fuse in the guest"; return 1; }
	mkdir -p "$snhome/.smb" || return 1
	cat >"$snhome/.smb/smb.conf" <<SNEOF
[global]
	workgroup = WORKGROUP
	client min protocol = NT1
	client max protocol = NT1
SNEOF
	cat >"$snhome/.smb/smbnetfs.conf" <<SNEOF
auth "127.0.0.1" "u" "p"
smb_query_browsers "false"
use_libsecret "false"
show_hidden_hosts "true"
SNEOF
	: >"$snhome/.smb/smbnetfs.auth"
	: >"$snhome/.smb/smbnetfs.host"
	# it ignores a password in a file others can read
	chmod 600 "$snhome/.smb"/*
	if ! smbnetfs_mount "$mnt/127.0.0.1/share" >"$scratch/mount.out" 2>&1; then
		grep -q " $mnt " /proc/mounts && umount "$mnt" 2>/dev/null
		echo "it does not mount the share: $(mount_error)"
		return 1
	fi
	umount "$mnt" || { umount -l "$mnt"; echo "cannot unmount it"; return 1; }
	echo "mounts the share (smbnetfs $(dpkg-query -W -f='${Version}' smbnetfs 2>/dev/null))"
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
		printf '%s\t%s\tok\t%s\n' "$wl" "$cl" "$detail" >>"$res/verify.tsv"
		say "  $wl $cl: data check ok: $detail"
	else
		printf '%s\t%s\tBAD\t%s\n' "$wl" "$cl" "$detail" >>"$res/verify.tsv"
		say "  $wl $cl: DATA CHECK FAILED: $detail"
		judged "$cl" && status=1
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
export -f cpu_snap sums verify_seq verify_par4 verify_cat verify_ls verify_stat verify_rand \
	verify_impacket
export NSMALL NLS NTREE py here scratch wsrc

# --- memory around the parallel run -----------------------------------------

mem_snapshot() {
	local cl=$1 phase=$2
	awk -v c="$cl" -v p="$phase" '
		/^(MemFree|Cached|Shmem|Slab|SReclaimable|SUnreclaim):/ {
			sub(":", "", $1); printf "%s\t%s\t%s_kB\t%s\n", c, p, $1, $2 }' \
		/proc/meminfo >>"$res/mem.tsv"
	awk -v c="$cl" -v p="$phase" '
		$1 ~ /^(smb1|cifs)/ { printf "%s\t%s\tslab_%s_objs\t%s\n", c, p, $1, $2 }
		$1 ~ /^(smb1|cifs)/ { printf "%s\t%s\tslab_%s_kB\t%d\n", c, p, $1, $3 * $4 / 1024 }' \
		/proc/slabinfo >>"$res/mem.tsv"
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
	} >>"$res/slab.txt"
}

# --- the data ----------------------------------------------------------------

# make_data: the profile's data in $B and the sources of the writes in
# $wsrc (those of the profile before removed first)
make_data() {
	rm -rf "$B" "$wsrc"
	find "$W" -mindepth 1 -delete 2>/dev/null
	say "generating the data in $B (guest tmpfs)"
	if ! "$py" "$here/mkdata.py" "$B" "$SEQ_MB" "$NPAR" "$PAR_MB" "$NSMALL" "$NLS" \
		"$TDIRS" "$TPER" "$IMP_MB"; then
		say "generating the data failed"
		return 1
	fi
	chmod -R a+rX "$B"
	case " $workloads " in
	*" seqw "*|*" tarx "*)
		say "generating the sources of the writes in $wsrc (guest tmpfs)"
		if ! "$py" "$here/mkdata.py" --write "$wsrc" "$SEQ_MB" "$NSMALL" "$TARX_DIRS" \
			"$TARX_NBIG" "$TARX_BIG_KB" ||
			! tar -c --sort=name -f "$wsrc/tarx.tar" -C "$wsrc" tarx; then
			say "generating the sources of the writes failed"
			return 1
		fi
		;;
	esac
	say "data ready: $(du -sm "$B" | cut -f1) MiB; $(free -m | awk '/^Mem:/ { print $7 }') MiB available"
}

# --- the link ------------------------------------------------------------------

# link_up RATE DELAY: shape lo (see the header); RATE in bit/s, DELAY in
# microseconds of each pass; "0 0" leaves it alone.
link_up() {
	local rate=$1 delay=$2 port
	tc qdisc del dev lo root 2>/dev/null
	[ "$rate" = 0 ] && return 0
	if ! modprobe -q sch_netem || ! modprobe -q sch_prio || ! modprobe -q cls_u32; then
		say "cannot load sch_netem, sch_prio or cls_u32"
		return 1
	fi
	# band 0 (class 1:1): what the servers send; band 1 (1:2): the rest.
	# A deep queue: a drop would be the emulator's, not the link's.
	if ! tc qdisc add dev lo root handle 1: prio bands 2 \
		priomap 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 ||
		! tc qdisc add dev lo parent 1:1 handle 10: netem rate "${rate}bit" \
			delay "${delay}us" limit 100000 ||
		! tc qdisc add dev lo parent 1:2 handle 20: netem rate "${rate}bit" \
			delay "${delay}us" limit 100000; then
		say "tc: cannot shape lo"
		return 1
	fi
	for port in 445 139 4445; do
		tc filter add dev lo parent 1: protocol ip prio 1 u32 \
			match ip sport "$port" 0xffff flowid 1:1 ||
			{ say "tc: cannot add the filter of port $port"; return 1; }
	done
	say "lo shaped: $(tc qdisc show dev lo | tr '\n' ';' | sed 's/;$//')"
}

# netem_sent HANDLE: the bytes the netem HANDLE: has sent
netem_sent() {
	tc -s qdisc show dev lo | awk -v h="$1:" '
		$1 == "qdisc" { mine = ($2 == "netem" && $3 == h) }
		mine && $1 == "Sent" { print $2; exit }'
}

# link_check: with a shaped link, both netems must have sent, the
# servers' one at least the file of the sequential read.
link_check() {
	local down up want=1
	tc -s qdisc show dev lo >"$res/tc.txt" 2>&1
	[ "$rate" = 0 ] && return 0
	down=$(netem_sent 10) up=$(netem_sent 20)
	meta netem_sent_down "${down:-0}"
	meta netem_sent_up "${up:-0}"
	case " $workloads " in *" seq "*) want=$((SEQ_MB * 1048576)) ;; esac
	if [ "${down:-0}" -ge "$want" ] && [ "${up:-0}" -gt 0 ]; then
		say "netem active: $down bytes sent to the clients, $up to the servers"
		meta netem_ok 1
	else
		say "LINK SHAPING NOT ACTIVE: netem sent ${down:-nothing} bytes to the" \
			"clients (at least $want expected) and ${up:-nothing} to the servers"
		meta netem_ok 0
		status=1
	fi
}

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
	clients=$(sed -n "s/^clients\.$wl\t//p" "$res/meta.tsv")
	say "== $prof $wl: $(sed -n "s/^label\.$wl\t//p" "$res/meta.tsv")"
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
			smb1fs|cifs|smbnetfs)
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
					elif judged "$cl"; then
						status=1
					fi
					continue
				fi
				if [ "$wl" = par4 ] && [ "$rep" = "$reps" ]; then
					drop_caches
					mem_snapshot "$cl" before
					measure "$wl" "$cl" "$rep" "w_$wl" "$croot"
					mem_snapshot "$cl" after
					slab_report "$cl" "$rep"
				else
					measure "$wl" "$cl" "$rep" "w_$wl" "$croot"
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
		tail -n 50 "$scratch/impacket.log" >"$res/impacket.log"
	fi
}

# profile_meta: the profile's link, sizes, labels and clients
profile_meta() {
	local wl rand_io tarx_big cls
	meta profile "$prof"
	meta rate_bit "$rate"
	meta delay_us "$delay"
	meta mtu "$(cat /sys/class/net/lo/mtu)"
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
	meta bytes.seq $((SEQ_MB * 1048576))
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
	for wl in $ALL_WORKLOADS; do
		# the local export does not pass the link: in lo only
		cls="smb1fs cifs"
		[ "$prof" = lo ] && cls="local $cls"
		case "$wl" in
		seq) cls="$cls smbclient" ;;
		impacket) cls="$cls smbclient" ;;
		esac
		# smbnetfs cannot be told impacket's port
		[ "$wl" != impacket ] && [ -n "$smbnetfs_ok" ] && cls="$cls smbnetfs"
		meta "clients.$wl" "$cls"
	done
}

say "smb1fs benchmark on $(uname -r): quick=$quick, $reps repetition(s), profiles: $profiles"
for prof in $profiles; do
	link_of "$prof" >/dev/null || { say "unknown profile '$prof' (lo, lan, wifi)"; exit 1; }
done
# shellcheck source=tests/vm/smbd.sh
. "$top/tests/vm/smbd.sh"
if ! smbd_start >"$scratch/smbd.log" 2>&1; then
	cat "$scratch/smbd.log"
	say "smbd did not start"
	exit 1
fi
B=$SMB1FS_SHARE_DIR/bench
# where the write workloads write: the Samba user of the mounts owns it
W=$SMB1FS_SHARE_DIR/bench-w
mkdir -p "$W" && chown u: "$W" || { say "cannot create $W"; exit 1; }

modprobe cifs || say "no cifs module"
# insmod loads no dependencies: DES (LM, NTLMv1) first
modprobe -q libdes 2>/dev/null
insmod "$ko" || { say "insmod $ko failed"; exit 1; }

smbnetfs_ok=
if why=$(smbnetfs_setup); then
	smbnetfs_ok=1
	say "smbnetfs: $why"
else
	say "smbnetfs: SKIPPED, $why"
	gmeta smbnetfs_skipped "$why"
fi

gmeta kernel "$(uname -r)"
gmeta quick "$quick"
gmeta reps "$reps"
gmeta profiles "$profiles"
gmeta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
gmeta samba "$(smbd -V 2>/dev/null | sed 's/^Version //')"
gmeta fio "$(fio --version 2>/dev/null)"
gmeta smbnetfs "$(dpkg-query -W -f='${Version}' smbnetfs 2>/dev/null)"
gmeta smb1fs_srcversion "$(cat /sys/module/smb1fs/srcversion 2>/dev/null)"
gmeta smb1fs_opts "username=u,password=p${SMB1FS_BENCH_SMB1FS_OPTS:+,$SMB1FS_BENCH_SMB1FS_OPTS}"
gmeta cifs_opts "vers=1.0,username=u,password=p${SMB1FS_BENCH_CIFS_OPTS:+,$SMB1FS_BENCH_CIFS_OPTS}"
gmeta cpus "$(nproc)"
gmeta clk_tck "$(getconf CLK_TCK)"
gmeta mem_mib "$(free -m | awk '/^Mem:/ { print $2 }')"

t_runs=$SECONDS
for prof in $profiles; do
	res=$out/$prof
	rm -rf "$res"
	mkdir -p "$res/runs"
	: >"$res/samples.tsv"
	: >"$res/cpu.tsv"
	: >"$res/verify.tsv"
	: >"$res/mem.tsv"
	: >"$res/slab.txt"
	: >"$res/meta.tsv"
	read -r rate delay < <(link_of "$prof")
	profile_sizes "$prof"
	say "=== profile $prof: $([ "$rate" = 0 ] && echo "no shaping" ||
		echo "$((rate / 1000000)) Mbit/s, $delay us each way"); workloads: $workloads"
	t_prof=$SECONDS
	profile_meta
	make_data || { status=1; break; }
	link_up "$rate" "$delay" || { status=1; break; }
	for wl in $workloads; do
		case " $ALL_WORKLOADS " in
		*" $wl "*) run_workload "$wl" ;;
		*) say "unknown workload '$wl'"; status=1 ;;
		esac
	done
	link_check
	link_up 0 0
	meta runs_seconds $((SECONDS - t_prof))
done
umount "$mnt" 2>/dev/null
link_up 0 0
rmmod smb1fs || { say "rmmod smb1fs failed"; status=1; }
smbd_stop
gmeta runs_seconds $((SECONDS - t_runs))
say "done, status $status"
exit "$status"
