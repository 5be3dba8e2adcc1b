#!/bin/sh
# Install (idempotently) every Debian package the build, the test VMs and
# the demo need.  apt-get update runs only when something is missing.
set -eu

pkgs="
build-essential make gcc bc flex bison libelf-dev libssl-dev
linux-image-amd64 linux-headers-amd64
linux-image-6.12-amd64 linux-headers-6.12-amd64 linux-source-6.12
qemu-system-x86 busybox-static kmod cpio xz-utils zstd rsync
iproute2 util-linux procps passwd coreutils python3
samba smbclient python3-impacket tshark fio smbnetfs
groff-base man-db dkms python3-docutils
clang libclang-rt-dev
systemd dbus
"

missing=
for p in $pkgs; do
	st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
	case "$st" in
	ii*) ;;
	*) missing="$missing $p" ;;
	esac
done

if [ -z "$missing" ]; then
	echo "deps: all $(echo $pkgs | wc -w) packages installed"
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages:$missing" >&2
	echo "deps: run as root (make deps) to install them" >&2
	exit 1
fi

echo "deps: installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -q $missing
