#!/bin/bash
# Boot a test VM and run one program in it.
#
#   run.sh [-k KERNEL] [-t SECONDS] [-m MiB] [-a CMDLINE] [-w DIR] [-s] [-v] [-S] -o OUTDIR -- PROGRAM [ARGS...]
#
#   -k KERNEL   6.1 (default: stock Debian 6.1), 6.12 (stock Debian 6.12)
#               or debug (the KUnit/KASAN/lockdep/kmemleak kernel of
#               build-debug-kernel.sh)
#   -t SECONDS  wall-clock limit for the whole VM (default 900)
#   -m MiB      guest memory (default 3072)
#   -a CMDLINE  more kernel parameters (e.g. kunit.enable=0)
#   -w DIR      a directory the guest may write too, at the same path,
#               shared with other guests that have it (the case queue
#               of two guests sharing one run: tests/vm/run-cases.sh)
#   -s          stream the program's output while it runs
#   -v          also show the guest console while it runs
#   -S          boot the host's systemd as init (multi-user.target) instead
#               of the plain guest-init.sh; PROGRAM runs twice, to prepare
#               the root before systemd starts and as a service once the
#               boot is done (tools/vm/guest-systemd.sh)
#   -o OUTDIR   results directory, writable by the guest at the same path
#
# The guest sees the host's root file system read-only (with a writable
# tmpfs overlay), so PROGRAM and every tool it uses come from the host.
# PROGRAM runs as root in the guest, from the current directory, with
# VM_OUT=OUTDIR, VM_FLAVOR and VM_KVER in its environment, and every
# SMB1FS_* variable of the caller's environment.
#
# SMB1FS_VM_CPUS sets the guest's CPUs (default 2).  Two guests side by
# side on two host cores should have one each: with two each they slowed
# each other down threefold (probably a virtual CPU spinning on a lock
# held by a descheduled one, wasting whole time slices).
#
# Left in OUTDIR: console.log (the serial console), guest.log (the
# program's output), dmesg.txt, kmemleak.txt (debug kernel), with -S
# prepare.log and journal.txt (the systemd journal), and whatever the
# program wrote there.
#
# Exit status: 0 when the program succeeded and the kernel log is clean;
#   1-99  the program's own failure status (log clean)
#   100   the VM did not finish (timeout, crash, missing sentinel)
#   101   kernel splat or unexpected taint (see tools/vm/check-log.sh)
#   102   usage or setup error
set -u

here=$(cd "$(dirname "$0")" && pwd)
flavor=6.1
limit=900
mem=3072
cpus=${SMB1FS_VM_CPUS:-2}
stream=0
verbose=0
systemd=0
out=
extra=
shared=

usage() {
	sed -n '2,/^set -u/p' "$0" | sed -e '/^set -u/d' -e 's/^# \{0,1\}//' >&2
	exit 102
}

while getopts k:t:m:o:a:w:svS opt; do
	case "$opt" in
	k) flavor=$OPTARG ;;
	t) limit=$OPTARG ;;
	m) mem=$OPTARG ;;
	o) out=$OPTARG ;;
	a) extra="$extra $OPTARG" ;;
	w) shared=$OPTARG ;;
	s) stream=1 ;;
	v) verbose=1 ;;
	S) systemd=1 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ "${1:-}" = -- ] && shift
[ -n "$out" ] && [ $# -ge 1 ] || usage

err() {
	echo "run.sh: $*" >&2
	exit 102
}

case "$limit" in ''|*[!0-9]*) err "bad timeout '$limit'" ;; esac
[ "$limit" -ge 30 ] || err "timeout must be at least 30 seconds"

mkdir -p "$out" || err "cannot create $out"
out=$(cd "$out" && pwd)
case "$out" in
*[!A-Za-z0-9_./+-]*) err "OUTDIR '$out' must be a plain path (no spaces)" ;;
esac
case "$here" in
*[!A-Za-z0-9_./+-]*) err "the source tree path '$here' must be a plain path" ;;
esac
if [ -n "$shared" ]; then
	mkdir -p "$shared" || err "cannot create $shared"
	shared=$(cd "$shared" && pwd)
	case "$shared" in
	*[!A-Za-z0-9_./+-]*) err "DIR '$shared' must be a plain path (no spaces)" ;;
	esac
fi

image=$("$here/kernels.sh" "$flavor" image) || exit 102
kver=$("$here/kernels.sh" "$flavor" version) || exit 102
modroot=$("$here/kernels.sh" "$flavor" modroot) || exit 102
[ -r "$image" ] || err "cannot read kernel image $image"

prog=$1
shift
case "$prog" in
/*) ;;
*/*) prog=$PWD/$prog ;;
esac

# The guest has its own /tmp and /run: anything there is invisible to it.
for p in "$here" "$prog" "$PWD"; do
	case "$p" in
	/tmp|/tmp/*|/run|/run/*)
		err "$p is under /tmp or /run, which the guest does not share" ;;
	esac
done

rm -rf "$out/.vm"
rm -f "$out/console.log" "$out/guest.log" "$out/dmesg.txt" "$out/kmemleak.txt" \
	"$out/prepare.log" "$out/journal.txt"
mkdir -p "$out/.vm"
"$here/mkinitramfs.sh" "$flavor" "$out/.vm/initramfs.cpio.gz" ||
	err "mkinitramfs failed"

# The guest stops the program before the host stops the VM, so that the
# leak scan, the sentinel and the kernel's last words still reach the log.
margin=$((limit / 10))
[ "$margin" -ge 60 ] || margin=60
[ "$limit" -gt $((margin + 30)) ] || margin=$((limit / 2))
guest_limit=$((limit - margin))
{
	printf 'VM_FLAVOR=%q\n' "$flavor"
	printf 'VM_KVER=%q\n' "$kver"
	printf 'VM_MODROOT=%q\n' "$modroot"
	printf 'VM_CWD=%q\n' "$PWD"
	printf 'VM_TIMEOUT=%q\n' "$guest_limit"
	printf 'VM_SHARED=%q\n' "$shared"
	env | sed -n 's/^\(SMB1FS_[A-Za-z0-9_]*\)=.*/\1/p' | while read -r v; do
		printf 'export %s=%q\n' "$v" "${!v}"
	done
	printf 'VM_ARGV=('
	printf '%q ' "$prog" "$@"
	printf ')\n'
} >"$out/.vm/job"

cmdline="console=ttyS0 panic=-1 log_buf_len=8M printk.devkmsg=on"
cmdline="$cmdline mitigations=off kasan_multi_shot"
if [ "$systemd" = 1 ]; then
	[ -x /lib/systemd/systemd ] || err "systemd is not installed (make deps)"
	cmdline="$cmdline vminit=/lib/systemd/systemd vmprep=$here/guest-systemd.sh"
	cmdline="$cmdline systemd.unit=multi-user.target vmout=$out$extra"
else
	cmdline="$cmdline vminit=$here/guest-init.sh vmout=$out$extra"
fi

log=$out/console.log
start=$(date +%s)
tail_pid=
if [ "$verbose" = 1 ]; then
	: >"$log"
	tail -n +1 -F "$log" 2>/dev/null &
	tail_pid=$!
elif [ "$stream" = 1 ]; then
	: >"$out/guest.log"
	tail -n +1 -F "$out/guest.log" 2>/dev/null &
	tail_pid=$!
fi

# la57=off: with 5-level paging, the debug kernel's early boot can take an
# interrupt while identify_cpu() has the LA57 feature bit cleared, and
# KASAN then reports a false wild-memory-access.  Four levels avoid it.
timeout -k 10 "$limit" qemu-system-x86_64 \
	-machine q35 -cpu max,la57=off -smp "$cpus" -m "$mem" \
	-nographic -no-reboot \
	-kernel "$image" -initrd "$out/.vm/initramfs.cpio.gz" \
	-append "$cmdline" \
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
	-virtfs "local,path=$out,mount_tag=out,security_model=none,multidevs=remap" \
	${shared:+-virtfs "local,path=$shared,mount_tag=shared,security_model=none,multidevs=remap"} \
	</dev/null >"$log" 2>&1
qrc=$?
elapsed=$(($(date +%s) - start))

if [ -n "$tail_pid" ]; then
	sleep 1
	kill "$tail_pid" 2>/dev/null
	wait "$tail_pid" 2>/dev/null
fi

status=0
prc=$(sed -n 's/^SMB1FS-VM-DONE rc=\([0-9]*\).*/\1/p' "$log" | tail -n 1)
if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
	echo "run.sh: $flavor VM killed after the ${limit}s limit" >&2
	status=100
elif [ -z "$prc" ]; then
	echo "run.sh: $flavor VM ended without the completion sentinel (qemu status $qrc)" >&2
	status=100
fi

if ! "$here/check-log.sh" "$log" >"$out/check-log.txt" 2>&1; then
	cat "$out/check-log.txt" >&2
	[ "$status" = 0 ] && status=101
fi

if [ "$status" = 0 ] && [ "$prc" != 0 ]; then
	status=$prc
	[ "$status" -gt 99 ] && status=99
fi
echo "$status" >"$out/status"
echo "run.sh: $flavor ($kver) finished in ${elapsed}s, program status ${prc:-none}, run status $status" >&2
exit "$status"
