#!/bin/sh
# Run the module's KUnit suites in the debug kernel and count the results.
#
#   kunit.sh [MODULE.ko]     (default: build/debug-kunit/fs/smb1fs/smb1fs.ko)
#
# Results in build/vm/kunit/: console.log, kunit.log (the KTAP),
# kunit-results.txt (one line per case) and counts ("passed=P failed=F
# skipped=S vm=STATUS", STATUS being run.sh's exit status).
# Exit 0 only if every case passed and the VM run was clean.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
ko=${1:-$top/build/debug-kunit/fs/smb1fs/smb1fs.ko}
out=$top/build/vm/kunit

cd "$top" || exit 1
if [ ! -f "$ko" ]; then
	echo "kunit: $ko is not built (make build-debug-kunit)" >&2
	mkdir -p "$out"
	echo "passed=0 failed=1 skipped=0 vm=none" >"$out/counts"
	exit 1
fi
rm -rf "$out"
mkdir -p "$out"

"$here/run.sh" -k debug -t "${SMB1FS_VM_TIMEOUT:-1200}" -o "$out" -- \
	tests/vm/guest-kunit.sh "$ko"
vm=$?
# 1-99: the guest script failed (no KTAP: counted as a failure below);
# 100 and more: the VM run itself was not clean.
[ "$vm" -lt 100 ] && vm=0

status=0
if [ -f "$out/kunit.log" ]; then
	/usr/bin/python3 "$here/ktap-summary.py" --counts "$out/counts.tmp" \
		"$out/kunit.log" >"$out/kunit-results.txt" || status=1
else
	echo "not ok no kernel log from the KUnit run" >"$out/kunit-results.txt"
	echo "kunit: 0 passed, 1 failed, 0 skipped" >>"$out/kunit-results.txt"
	echo "passed=0 failed=1 skipped=0" >"$out/counts.tmp"
	status=1
fi
echo "$(cat "$out/counts.tmp") vm=$vm" >"$out/counts"
rm -f "$out/counts.tmp"

grep -E '^not ok' "$out/kunit-results.txt" | head -n 30
tail -n 1 "$out/kunit-results.txt"
[ "$vm" = 0 ] || { echo "kunit: the VM run failed (status $vm), see $out/console.log" >&2; status=1; }
exit "$status"
