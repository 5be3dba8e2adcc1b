#!/bin/sh
# Build (once) the debug kernel used for KUnit and the debug integration run.
# The result is cached outside the source tree, keyed by the kernel source
# version and the config fragment; a second run costs nothing.
#
#   build-debug-kernel.sh           build if needed, print the cache directory
#   build-debug-kernel.sh --query   print it only if already built, else fail
#
# Prints the cache directory on stdout.  Inside it:
#   bzImage          the kernel
#   build/           the configured and built tree (KDIR for the module)
#   modroot/         modules_install output (cifs.ko and friends)
set -eu

here=$(cd "$(dirname "$0")" && pwd)
frag=$here/debug.config
cache_root=${SMB1FS_CACHE:-/var/cache/smb1fs}
tarball=$(ls /usr/src/linux-source-6.12*.tar.xz 2>/dev/null | sort -V | tail -n 1)

if [ -z "$tarball" ]; then
	echo "build-debug-kernel: linux-source-6.12 is not installed" >&2
	exit 1
fi

# KASAN instruments the modules built against the tree (smb1fs among
# them) and not the core kernel: the allocator's own checks stay (red
# zones, the quarantine, double and invalid frees), so every access the
# module makes is checked and every object's lifetime is, while fork,
# exec and the page cache, which the test scripts spend their time in,
# run uninstrumented (tools/vm/vmcost.sh measured the difference).
core_flags="KASAN_SANITIZE=n"

srcver=$(basename "$tarball" .tar.xz)
key=$(cat "$tarball.sha256" 2>/dev/null || stat -c %s-%Y "$tarball")
key=$(printf '%s %s %s\n' "$key" "$(cat "$frag")" "$core_flags" |
	sha256sum | cut -c1-16)
out=$cache_root/$srcver-$key

if [ -f "$out/.done" ]; then
	echo "$out"
	exit 0
fi
if [ "${1:-}" = "--query" ]; then
	exit 1
fi

mkdir -p "$cache_root"
# One build at a time; a second caller waits and then finds it done.
exec 9>"$cache_root/.lock"
flock 9
if [ -f "$out/.done" ]; then
	echo "$out"
	exit 0
fi
rm -rf "$out"
mkdir -p "$out"
log=$out/build.log
echo "build-debug-kernel: building $srcver with the debug config" \
	"(about 10-15 minutes on 2 cores), log: $log" >&2
{
	echo "building debug kernel $srcver ($key) in $out" >&2
	tar -xJf "$tarball" -C "$out"
	mv "$out/$srcver" "$out/build"
	cd "$out/build"
	make -s x86_64_defconfig
	scripts/kconfig/merge_config.sh -m .config "$frag" >/dev/null
	make -s olddefconfig
	# Every option of the fragment must have survived olddefconfig.
	missing=0
	while IFS= read -r line; do
		case "$line" in
		CONFIG_*=n) opt=${line%%=*}
			grep -q "^$opt=" .config && { echo "lost: $line" >&2; missing=1; } ;;
		CONFIG_*) grep -qx "$line" .config || { echo "lost: $line" >&2; missing=1; } ;;
		esac
	done < "$frag"
	[ "$missing" = 0 ] || exit 1
	# shellcheck disable=SC2086
	make -s -j"$(nproc)" $core_flags bzImage modules
	make -s INSTALL_MOD_PATH="$out/modroot" modules_install
	cp arch/x86/boot/bzImage "$out/bzImage"
} >"$log" 2>&1 || {
	echo "build-debug-kernel: failed, see $log" >&2
	tail -n 30 "$log" >&2
	exit 1
}
touch "$out/.done"
echo "$out"
