#!/bin/sh
# Build smb1fs.ko with W=1 for one kernel, in a private copy of the tree.
#
#   build-module.sh 6.1|6.12|debug|debug-kunit
#
# debug-kunit is the debug kernel's module with the KUnit suites linked
# in (SMB1FS_KUNIT=y), for make kunit; every other build is the module
# as users get it, without them.
#
# Out-of-tree kbuild writes its objects next to the sources, so each
# kernel gets its own copy in build/<tag>/ (a fresh one every time, so
# that every warning is seen again).  The module ends up in
# build/<tag>/fs/smb1fs/smb1fs.ko, the log in build/logs/build-<tag>.log.
# Fails on a build error and on any compiler or modpost warning.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tag=${1:?usage: build-module.sh 6.1|6.12|debug|debug-kunit}
kernel=$tag
extra=
if [ "$tag" = debug-kunit ]; then
	kernel=debug
	extra=SMB1FS_KUNIT=y
fi

if [ "$kernel" = debug ]; then
	# Builds the debug kernel first if it is not cached yet.
	"$here/build-debug-kernel.sh" >/dev/null
fi
kdir=$("$here/kernels.sh" "$kernel" kdir)

dst=$top/build/$tag
log=$top/build/logs/build-$tag.log
mkdir -p "$top/build/logs"
rm -rf "$dst"
mkdir -p "$dst"
rsync -a --exclude=/build/ --exclude=/.git/ --exclude=/out/ \
	--exclude='*.o' --exclude='*.ko' --exclude='*.mod' --exclude='*.mod.c' \
	--exclude='.*.cmd' --exclude='modules.order' --exclude='Module.symvers' \
	"$top/" "$dst/"

status=0
# shellcheck disable=SC2086
make -C "$kdir" M="$dst" W=1 -j"$(nproc)" $extra modules >"$log" 2>&1 ||
	status=$?

if [ "$status" != 0 ]; then
	echo "build-$tag: build failed (status $status), see $log" >&2
	grep -E -i 'error|warning' "$log" | head -n 30 >&2 || tail -n 30 "$log" >&2
	exit 1
fi
if grep -q -E -i 'warning:' "$log"; then
	echo "build-$tag: the build has warnings, see $log" >&2
	grep -E -i -A3 'warning:' "$log" | head -n 40 >&2
	exit 1
fi
if [ ! -f "$dst/fs/smb1fs/smb1fs.ko" ]; then
	echo "build-$tag: no fs/smb1fs/smb1fs.ko produced, see $log" >&2
	exit 1
fi
echo "build-$tag: build/$tag/fs/smb1fs/smb1fs.ko for $("$here/kernels.sh" "$kernel" version) (W=1, no warnings)"
