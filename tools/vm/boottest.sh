#!/bin/sh
# The boot test: a VM boots the host's systemd, which mounts smb1fs shares
# from /etc/fstab, at boot and through x-systemd.automount
# (tests/vm/boot-systemd.sh says what is checked).
#
#   boottest.sh [KERNEL]      KERNEL: 6.1 (default), 6.12 or debug
#
# Uses build/KERNEL/fs/smb1fs/smb1fs.ko (make build-KERNEL) and the mount
# helper build/tools/mount.smb1fs (built here if needed).  Results in
# build/vm/boot-KERNEL/: console.log, prepare.log, guest.log, journal.txt,
# results.tap and counts ("passed=P failed=F skipped=0 vm=STATUS").  The
# run is clean when the console log is (tools/vm/check-log.sh), the guest
# reached its completion line after systemd's shutdown, and systemd
# unmounted the shares at shutdown without complaint.
# Exit 0 only if every check passed and the run was clean.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
flavor=${1:-6.1}
ko=$top/build/$flavor/fs/smb1fs/smb1fs.ko
out=$top/build/vm/boot-$flavor
nchecks=$(sed -n 's/^[[:space:]]*echo "1\.\.\([0-9]*\)".*/\1/p' \
	"$top/tests/vm/boot-systemd.sh" | head -n 1)

cd "$top" || exit 1
rm -rf "$out"
mkdir -p "$out"
if [ ! -f "$ko" ]; then
	echo "boottest: $ko is not built (make build-$flavor)" >&2
	echo "passed=0 failed=${nchecks:-1} skipped=0 vm=none" >"$out/counts"
	exit 1
fi
if ! make -s -C "$top" helper >"$out/helper.log" 2>&1; then
	echo "boottest: building the mount helper failed, see $out/helper.log" >&2
fi
export SMB1FS_KO="$ko" SMB1FS_HELPER="$top/build/tools/mount.smb1fs"

# The module goes to /lib/modules/KVER/extra in the guest, so that the
# mount loads it through its alias.  depmod over the guest's 9p root
# would read every module for minutes: it runs here, on a tree of
# symbolic links with the module added, and the guest takes its index
# files (SMB1FS_BOOT_DEPMOD).
kver=$("$here/kernels.sh" "$flavor" version) || exit 1
modroot=$("$here/kernels.sh" "$flavor" modroot) || exit 1
dm=$out/depmod
mkdir -p "$dm/lib/modules"
cp -rs "${modroot%/}/lib/modules/$kver" "$dm/lib/modules/"
rm -f "$dm/lib/modules/$kver/build" "$dm/lib/modules/$kver/source"
for f in "$dm/lib/modules/$kver"/modules.*; do
	case "${f##*/}" in
	modules.order|modules.builtin|modules.builtin.modinfo) ;;
	*) rm -f "$f" ;;
	esac
done
mkdir -p "$dm/lib/modules/$kver/extra"
cp "$ko" "$dm/lib/modules/$kver/extra/smb1fs.ko"
if ! depmod -b "$dm" "$kver" >"$out/depmod.log" 2>&1 ||
	! grep -q '^alias fs-smb1fs smb1fs$' "$dm/lib/modules/$kver/modules.alias"; then
	echo "boottest: depmod failed, see $out/depmod.log" >&2
	echo "passed=0 failed=${nchecks:-1} skipped=0 vm=none" >"$out/counts"
	exit 1
fi
export SMB1FS_BOOT_DEPMOD="$dm/lib/modules/$kver"

limit=${SMB1FS_VM_TIMEOUT:-}
[ -n "$limit" ] || { [ "$flavor" = debug ] && limit=1200 || limit=600; }
"$here/run.sh" -S -k "$flavor" -t "$limit" -o "$out" -- tests/vm/boot-systemd.sh
vm=$?
[ "$vm" -lt 100 ] && vm=0

# systemd says so on the console when it cannot unmount at shutdown.
if tr -d '\r' <"$out/console.log" |
	grep -E 'Failed unmounting|smb1fs mount survived' >"$out/shutdown.txt"; then
	echo "boottest: the shares did not unmount cleanly at shutdown:" >&2
	cat "$out/shutdown.txt" >&2
	[ "$vm" = 0 ] && vm=101
fi

tap=$out/results.tap
touch "$tap"
planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$tap" | head -n 1)
[ -n "$planned" ] || planned=${nchecks:-1}
passed=$(grep -c -E '^ok [0-9]+' "$tap")
failed=$(grep -c -E '^not ok [0-9]+' "$tap")
missing=$((planned - passed - failed))
[ "$missing" -gt 0 ] && failed=$((failed + missing))
echo "passed=$passed failed=$failed skipped=0 vm=$vm" >"$out/counts"

grep -E '^(not )?ok ' "$tap" | sed "s/^/boot $flavor: /"
[ "$missing" -gt 0 ] && echo "boot $flavor: $missing check(s) never reported"
echo "boottest $flavor: $passed passed, $failed failed"
status=0
[ "$failed" = 0 ] || status=1
[ "$vm" = 0 ] ||
	{ echo "boottest: the $flavor VM run failed (status $vm), see $out/console.log" >&2; status=1; }
exit "$status"
