#!/bin/sh
# Build the busybox initramfs that boots a test VM.
#
#   mkinitramfs.sh FLAVOR OUTPUT.cpio.gz
#
# The initramfs loads the 9p, virtio and overlay modules (stock kernels;
# the debug kernel has them built in), mounts the host root read-only over
# virtio 9p (tag "hostroot"), puts a tmpfs overlay on top, and
# switch_roots into it, running the program named by the "vminit=" kernel
# parameter (tools/vm/guest-init.sh, or systemd) as PID 1.  With a
# "vmprep=" parameter, that program first runs chrooted into the new root
# (tools/vm/guest-systemd.sh prepares a systemd boot so).
set -eu

here=$(cd "$(dirname "$0")" && pwd)

[ $# -eq 2 ] || { echo "usage: mkinitramfs.sh 6.1|6.12|debug OUTPUT" >&2; exit 1; }
flavor=$1
output=$2

busybox=$(command -v busybox || true)
[ -n "$busybox" ] || { echo "mkinitramfs: busybox-static is not installed" >&2; exit 1; }
if ! file_out=$(LC_ALL=C readelf -d "$busybox" 2>&1) ||
	printf '%s\n' "$file_out" | grep -q NEEDED; then
	echo "mkinitramfs: $busybox is not static (install busybox-static)" >&2
	exit 1
fi

version=$("$here/kernels.sh" "$flavor" version)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/dev" "$stage/proc" "$stage/sys" \
	"$stage/lower" "$stage/rw" "$stage/newroot" "$stage/modules"
cp "$busybox" "$stage/bin/busybox"
mknod "$stage/dev/console" c 5 1
mknod "$stage/dev/null" c 1 3

# Modules for the stock kernels, in dependency order, decompressed for
# busybox insmod.  modprobe prints each dependency chain; keep the first
# occurrence of every module.
: >"$stage/modules/order"
if [ "$flavor" != debug ]; then
	modprobe -a -S "$version" --show-depends 9p 9pnet_virtio virtio_pci overlay |
	while read -r kind path _; do
		[ "$kind" = insmod ] || continue
		name=$(basename "$path")
		name=${name%.xz}
		name=${name%.zst}
		name=${name%.gz}
		grep -qx "$name" "$stage/modules/order" && continue
		case "$path" in
		*.ko.xz) xz -dc "$path" >"$stage/modules/$name" ;;
		*.ko.zst) zstd -qdc "$path" >"$stage/modules/$name" ;;
		*.ko.gz) gzip -dc "$path" >"$stage/modules/$name" ;;
		*.ko) cp "$path" "$stage/modules/$name" ;;
		*) echo "mkinitramfs: unexpected module $path" >&2; exit 1 ;;
		esac
		echo "$name" >>"$stage/modules/order"
	done
fi

cat >"$stage/init" <<'EOF'
#!/bin/busybox sh
# smb1fs test VM: stage one.  Mount the host root, overlay it, switch_root.
/bin/busybox --install -s /bin
export PATH=/bin

fail() {
	echo "vm-initramfs: $*"
	echo "SMB1FS-VM-TAINT=$(cat /proc/sys/kernel/tainted)"
	echo "SMB1FS-VM-DONE rc=99"
	poweroff -f
	sleep 10
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null

for m in $(cat /modules/order); do
	insmod "/modules/$m" || fail "insmod $m failed"
done

# The virtio device may appear a moment after its driver loaded.
i=0
until mount -t 9p -o ro,trans=virtio,version=9p2000.L,msize=512000,cache=loose \
	hostroot /lower 2>/dev/null; do
	i=$((i + 1))
	[ $i -lt 50 ] || fail "cannot mount the hostroot 9p share"
	sleep 0.1
done

mount -t tmpfs -o mode=0755 rw /rw
mkdir -p /rw/upper /rw/work
mount -t overlay -o lowerdir=/lower,upperdir=/rw/upper,workdir=/rw/work \
	overlay /newroot || fail "cannot mount the overlay root"

mount --move /proc /newroot/proc
mount --move /sys /newroot/sys
mount --move /dev /newroot/dev
mount -t tmpfs -o mode=1777 tmpfs /newroot/tmp
mount -t tmpfs -o mode=0755 tmpfs /newroot/run

[ -n "$vminit" ] && [ -x "/newroot$vminit" ] ||
	fail "no guest init program (vminit=$vminit)"
if [ -n "${vmprep:-}" ]; then
	[ -x "/newroot$vmprep" ] || fail "no preparation script (vmprep=$vmprep)"
	chroot /newroot "$vmprep" || fail "the preparation ($vmprep) failed"
fi
exec switch_root /newroot "$vminit"
EOF
chmod 755 "$stage/init"

(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -1 >"$output.tmp"
mv "$output.tmp" "$output"
