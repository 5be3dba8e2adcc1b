#!/bin/sh
# "make demo": install what is missing, build the module for the stock 6.1
# kernel, boot it in a VM, and mount a Samba share with smb1fs there
# (tests/vm/guest-demo.sh).  Everything is left in build/vm/demo/.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$here/relocate.sh"
cd "$top" || exit 1
out=build/vm/demo

echo "== installing missing packages (if any)"
"$here/deps.sh" || exit 1

echo "== building smb1fs.ko for the stock 6.1 kernel"
if ! "$here/build-module.sh" 6.1; then
	if [ -f build/6.1/fs/smb1fs/smb1fs.ko ]; then
		echo "(the build has warnings; going on with it)"
	else
		echo
		echo "DEMO RESULT: NOT WORKING: the module does not build (see above)."
		exit 1
	fi
fi

echo "== booting the 6.1 VM (about 10 s, then Samba and the mount)"
rm -rf "$out"
"$here/run.sh" -s -k 6.1 -t 600 -o "$out" -- \
	tests/vm/guest-demo.sh "$top/build/6.1/fs/smb1fs/smb1fs.ko"
rc=$?

if [ "$rc" -ge 100 ]; then
	echo
	echo "The VM run itself was not clean (status $rc):"
	cat "$out/check-log.txt" 2>/dev/null
	echo "Console log: $out/console.log"
	echo "DEMO RESULT: NOT WORKING: the kernel reported trouble (see above)."
fi
echo "(logs: $out/guest.log, $out/console.log)"
exit "$rc"
