#!/bin/bash
# smb1fs test VM booting systemd (run.sh -S): stage two.
#
#   guest-systemd.sh            prepare: run by the initramfs, chrooted
#                               into the overlaid host root, before
#                               switch_root starts /lib/systemd/systemd
#   guest-systemd.sh run OUT    the job: ExecStart of smb1fs-vm-job.service,
#                               once multi-user.target is reached
#
# prepare mounts the results share at $vmout (it stays mounted for
# systemd), makes the debug kernel's modules visible, and turns the host's
# systemd configuration into a quiet test system, in the overlay only:
#   - the links of the units the host enabled (/etc/systemd/system/
#     *.wants and *.requires) are removed, but for remote-fs.target, which
#     every Debian system enables; the host's services (its own smbd,
#     databases, timers...) do not start in the guest;
#   - the gettys (tty1, and those systemd would start on the console of
#     console=) are masked;
#   - /etc/fstab is emptied (the host's root and swap are not the guest's);
#   - smb1fs-vm-job.service (WantedBy and After multi-user.target) runs
#     the job, then powers the guest off;
#   - a system-shutdown hook prints, after systemd has stopped every unit
#     and unmounted every file system, the console protocol's last lines
#     (SMB1FS-VM-TAINT=<n>, SMB1FS-VM-DONE rc=<n>), so that unmounting at
#     shutdown is part of the run; rc is the job's status, 99 when it did
#     not finish.
# Then it runs the program as "VM_STAGE=prepare PROGRAM ARGS" (with
# VM_FLAVOR, VM_KVER, VM_OUT and the SMB1FS_* variables of the job, from
# the source tree's directory, output to $vmout/prepare.log): the program
# puts its own units, /etc/fstab entries and files into place; a failure
# stops the boot.  run calls it again as "VM_STAGE=run PROGRAM ARGS",
# output to $vmout/guest.log.  Console lines of this script start with
# "vm:", as those of guest-init.sh.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8 TERM=dumb
umask 022

self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
state=/var/lib/smb1fs-vm

say() {
	local up
	read -r up _ </proc/uptime
	echo "vm: [$up] $*"
}

load_job() {
	job=$vmout/.vm/job
	if [ ! -r "$job" ]; then
		say "no job file $job"
		return 1
	fi
	# Sets VM_FLAVOR VM_KVER VM_MODROOT VM_CWD VM_TIMEOUT and VM_ARGV.
	. "$job"
	export VM_FLAVOR VM_KVER VM_OUT=$vmout
}

prepare() {
	local d l u
	if [ -z "${vmout:-}" ] || ! mkdir -p "$vmout" ||
		! mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 out "$vmout"; then
		say "cannot mount the results share at '${vmout:-}'"
		return 1
	fi
	load_job || return 1
	if [ "$VM_MODROOT" != / ]; then
		mkdir -p "/lib/modules/$VM_KVER"
		mount --bind "$VM_MODROOT/lib/modules/$VM_KVER" "/lib/modules/$VM_KVER"
	fi

	for d in /etc/systemd/system/*.wants /etc/systemd/system/*.requires; do
		[ -d "$d" ] || continue
		for l in "$d"/*; do
			[ -L "$l" ] || continue
			case "$d/${l##*/}" in
			*/multi-user.target.wants/remote-fs.target) continue ;;
			esac
			rm -f "$l"
		done
	done
	mkdir -p /etc/systemd/system/multi-user.target.wants
	ln -sf /lib/systemd/system/remote-fs.target \
		/etc/systemd/system/multi-user.target.wants/remote-fs.target
	for u in getty@tty1.service serial-getty@ttyS0.service \
		console-getty.service; do
		ln -sf /dev/null "/etc/systemd/system/$u"
	done
	printf '# smb1fs test VM\n' >/etc/fstab

	mkdir -p "$state" /usr/lib/systemd/system-shutdown
	rm -f "$state/rc"
	cat >/etc/systemd/system/smb1fs-vm-job.service <<EOF
[Unit]
Description=smb1fs test VM job
After=multi-user.target

[Service]
Type=oneshot
ExecStart=$self run $vmout
StandardOutput=journal+console
StandardError=journal+console
TimeoutStartSec=infinity

[Install]
WantedBy=multi-user.target
EOF
	ln -sf ../smb1fs-vm-job.service \
		/etc/systemd/system/multi-user.target.wants/smb1fs-vm-job.service
	cat >/usr/lib/systemd/system-shutdown/smb1fs-vm.shutdown <<EOF
#!/bin/sh
# smb1fs test VM: the console protocol's last lines (tools/vm/guest-systemd.sh)
rc=\$(cat $state/rc 2>/dev/null)
[ -n "\$rc" ] || rc=99
{
	grep -q ' smb1fs ' /proc/mounts && echo "vm: an smb1fs mount survived the shutdown"
	echo "SMB1FS-VM-TAINT=\$(cat /proc/sys/kernel/tainted)"
	echo "SMB1FS-VM-DONE rc=\$rc"
} >/dev/console 2>&1
EOF
	chmod 755 /usr/lib/systemd/system-shutdown/smb1fs-vm.shutdown

	say "preparing: ${VM_ARGV[*]}"
	cd "$VM_CWD" || return 1
	VM_STAGE=prepare "${VM_ARGV[@]}" </dev/null >"$vmout/prepare.log" 2>&1
	local rc=$?
	cd /
	[ "$rc" = 0 ] || { say "preparation failed, status $rc (see $vmout/prepare.log)"; return 1; }
	say "booting systemd"
}

run() {
	local rc=99
	vmout=$1
	if load_job; then
		if [ -w /sys/kernel/debug/kmemleak ]; then
			echo scan >/sys/kernel/debug/kmemleak
			echo clear >/sys/kernel/debug/kmemleak
		fi
		say "running ${VM_ARGV[*]}"
		cd "$VM_CWD" &&
			VM_STAGE=run timeout -k 10 "$VM_TIMEOUT" "${VM_ARGV[@]}" \
			</dev/null >"$vmout/guest.log" 2>&1
		rc=$?
		cd /
		say "job finished, status $rc"
		if [ -w /sys/kernel/debug/kmemleak ]; then
			sleep 6
			echo scan >/sys/kernel/debug/kmemleak
			echo scan >/sys/kernel/debug/kmemleak
			cat /sys/kernel/debug/kmemleak >"$vmout/kmemleak.txt"
			cat "$vmout/kmemleak.txt"
		fi
		dmesg >"$vmout/dmesg.txt" 2>/dev/null
		journalctl -b --no-pager -o short-monotonic >"$vmout/journal.txt" 2>&1
	fi
	echo "$rc" >"$state/rc"
	sync
	say "powering off"
	systemctl --no-block poweroff
}

case "${1:-}" in
'') prepare ;;
run) run "${2:?usage: guest-systemd.sh run OUTDIR}" ;;
*) echo "usage: guest-systemd.sh [run OUTDIR]" >&2; exit 2 ;;
esac
