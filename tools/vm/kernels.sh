#!/bin/sh
# Resolve the kernels the test bed knows about.
#
#   kernels.sh FLAVOR WHAT
#
# FLAVOR is one of
#   6.1     the newest stock Debian 6.1 kernel installed (linux-image-amd64)
#   6.12    the newest stock Debian 6.12 kernel installed
#   debug   the debug 6.12 kernel of build-debug-kernel.sh (must be built)
# WHAT is one of
#   version   kernel release (uname -r inside the guest)
#   kdir      directory to build external modules against
#   image     bzImage / vmlinuz to boot
#   modroot   directory holding lib/modules/<version> for the guest
#             (/ for stock kernels)
#
# Stock versions are discovered from /lib/modules and /boot, never assumed.
set -eu

here=$(cd "$(dirname "$0")" && pwd)

die() {
	echo "kernels.sh: $*" >&2
	exit 1
}

# Newest installed stock release whose major.minor is $1 and which has
# both an image and headers.
stock_version() {
	best=
	for d in /lib/modules/"$1".*; do
		[ -d "$d" ] || continue
		v=${d##*/}
		case "$v" in
		*-amd64) ;;
		*) continue ;;
		esac
		[ -f "/boot/vmlinuz-$v" ] || continue
		[ -e "$d/build/Makefile" ] || continue
		[ -d "$d/kernel" ] || continue
		best="$best $v"
	done
	[ -n "$best" ] || die "no stock $1 kernel with headers installed (run: make deps)"
	printf '%s\n' $best | sort -V | tail -n 1
}

[ $# -eq 2 ] || die "usage: kernels.sh 6.1|6.12|debug version|kdir|image|modroot"
flavor=$1
what=$2

case "$flavor" in
6.1|6.12)
	v=$(stock_version "$flavor")
	case "$what" in
	version) echo "$v" ;;
	kdir) echo "/lib/modules/$v/build" ;;
	image) echo "/boot/vmlinuz-$v" ;;
	modroot) echo "/" ;;
	*) die "unknown item $what" ;;
	esac
	;;
debug)
	dir=$("$here/build-debug-kernel.sh" --query) ||
		die "the debug kernel is not built (run: tools/vm/build-debug-kernel.sh)"
	case "$what" in
	version) cat "$dir/build/include/config/kernel.release" ;;
	kdir) echo "$dir/build" ;;
	image) echo "$dir/bzImage" ;;
	modroot) echo "$dir/modroot" ;;
	*) die "unknown item $what" ;;
	esac
	;;
*)
	die "unknown kernel flavor '$flavor' (6.1, 6.12 or debug)"
	;;
esac
