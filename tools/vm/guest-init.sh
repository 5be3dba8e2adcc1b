#!/bin/bash
# smb1fs test VM: stage two, PID 1 after switch_root into the overlaid host
# root.  Prepares the guest, runs the job that run.sh described in
# $vmout/.vm/job, then prints the completion sentinel and powers off.
#
# Console protocol (read by run.sh and check-log.sh):
#   SMB1FS-VM-TAINT=<n>     /proc/sys/kernel/tainted after the job
#   SMB1FS-VM-DONE rc=<n>   the job's exit status; always the last line
# The job's own output goes to $vmout/guest.log, not to the console, so
# that only the kernel and this script write to the console.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8 TERM=dumb
umask 022

rc=99

say() {
	local up
	read -r up _ </proc/uptime
	echo "vm: [$up] $*"
}

finish() {
	sync
	echo "SMB1FS-VM-DONE rc=$rc"
	busybox poweroff -f
	echo o >/proc/sysrq-trigger
	sleep 60
}

trap finish EXIT

mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mkdir -p /dev/pts
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
mkdir -p /dev/shm && mount -t tmpfs -o mode=1777 tmpfs /dev/shm
ln -sf /proc/self/fd /dev/fd 2>/dev/null
ip link set lo up
hostname smb1fs-vm
echo 1 >/proc/sys/kernel/printk_devkmsg 2>/dev/null

if [ -z "${vmout:-}" ] || ! mkdir -p "$vmout" ||
	! mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 out "$vmout"; then
	say "cannot mount the results share at '${vmout:-}'"
	exit
fi

job=$vmout/.vm/job
if [ ! -r "$job" ]; then
	say "no job file $job"
	exit
fi
# Sets VM_FLAVOR VM_KVER VM_MODROOT VM_CWD VM_TIMEOUT VM_SHARED and
# VM_ARGV (array).
. "$job"
export VM_FLAVOR VM_KVER VM_OUT=$vmout

# run.sh -w: a directory shared with the host and other guests
if [ -n "${VM_SHARED:-}" ] && { ! mkdir -p "$VM_SHARED" ||
	! mount -t 9p -o trans=virtio,version=9p2000.L shared "$VM_SHARED"; }; then
	say "cannot mount the shared directory at '$VM_SHARED'"
	exit
fi

# The debug kernel's modules (cifs.ko...) live outside the host's
# /lib/modules; make them visible where modprobe looks.
if [ "$VM_MODROOT" != / ]; then
	mkdir -p "/lib/modules/$VM_KVER"
	mount --bind "$VM_MODROOT/lib/modules/$VM_KVER" "/lib/modules/$VM_KVER"
fi

if [ -w /sys/kernel/debug/kmemleak ]; then
	# Forget whatever boot left behind; only leaks from the job count.
	say "kmemleak: scanning the boot state"
	echo scan >/sys/kernel/debug/kmemleak
	echo clear >/sys/kernel/debug/kmemleak
fi

say "running ${VM_ARGV[*]}"
cd "$VM_CWD" || exit
timeout -k 10 "$VM_TIMEOUT" "${VM_ARGV[@]}" </dev/null >"$vmout/guest.log" 2>&1
rc=$?
cd /
say "job finished, status $rc"

if [ -w /sys/kernel/debug/kmemleak ]; then
	# kmemleak reports objects only once they are a few seconds old.
	say "kmemleak: scanning for leaks"
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	echo scan >/sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak >"$vmout/kmemleak.txt"
	cat "$vmout/kmemleak.txt"
	say "kmemleak: done"
fi

dmesg >"$vmout/dmesg.txt" 2>/dev/null
echo "SMB1FS-VM-TAINT=$(cat /proc/sys/kernel/tainted)"
