#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The boot test: smb1fs shares in /etc/fstab, mounted by systemd at boot
# and on demand (x-systemd.automount).  tools/vm/boottest.sh runs it in a
# VM that boots the host's systemd (tools/vm/run.sh -S), in three stages
# chosen by VM_STAGE:
#
#   prepare     before systemd starts, in the overlaid root: installs the
#               module (/lib/modules/KVER/extra, with the index files that
#               depmod made on the host in $SMB1FS_BOOT_DEPMOD: mount(2)
#               loads it through its fs-smb1fs alias) and the mount helper
#               (/sbin/mount.smb1fs), writes /etc/smb1fs.cred and
#               /etc/fstab, and enables smb1fs-test-smbd.service, which
#               runs Samba (tests/vm/smbd.sh) before remote-fs-pre.target
#               as a NAS of the local network would be up before the
#               client mounts it;
#   smbd-start, smbd-stop
#               that service's ExecStart and ExecStop;
#   run         after multi-user.target: the checks, as TAP, into
#               $VM_OUT/results.tap, stdout and the console.
#
# The fstab entries (the same as in Documentation/smb1fs.rst):
#   //127.0.0.1/share /mnt/smb  smb1fs credentials=/etc/smb1fs.cred,_netdev,uid=1000 0 0
#   //localhost/share /mnt/auto smb1fs credentials=/etc/smb1fs.cred,_netdev,x-systemd.automount,x-systemd.idle-timeout=IDLE 0 0
# IDLE is SMB1FS_BOOT_IDLE seconds (default 10).
set -u

here=$(cd "$(dirname "$0")" && pwd)
idle=${SMB1FS_BOOT_IDLE:-10}
base=/var/lib/smb1fs-test
unit=smb1fs-test-smbd.service

smbd_env() {
	export SMB1FS_SMB_BASE=$base/smb SMB1FS_NO_TREE=1
	. "$here/smbd.sh"
}

prepare() {
	local ko=${SMB1FS_KO:?SMB1FS_KO is not set}
	local helper=${SMB1FS_HELPER:?SMB1FS_HELPER is not set}
	set -e
	local dm=${SMB1FS_BOOT_DEPMOD:?SMB1FS_BOOT_DEPMOD is not set}
	install -D -m 0644 "$ko" "/lib/modules/$VM_KVER/extra/smb1fs.ko"
	find "$dm" -maxdepth 1 -name 'modules.*' -type f \
		-exec cp {} "/lib/modules/$VM_KVER/" \;
	install -m 0755 "$helper" /sbin/mount.smb1fs
	(umask 077; printf 'username=u\npassword=p\n' >/etc/smb1fs.cred)
	mkdir -p /mnt/smb /mnt/auto "$base"
	cat >>/etc/fstab <<EOF
//127.0.0.1/share /mnt/smb smb1fs credentials=/etc/smb1fs.cred,_netdev,uid=1000 0 0
//localhost/share /mnt/auto smb1fs credentials=/etc/smb1fs.cred,_netdev,x-systemd.automount,x-systemd.idle-timeout=$idle 0 0
EOF
	cat >"/etc/systemd/system/$unit" <<EOF
[Unit]
Description=Samba serving the smb1fs test shares
Wants=remote-fs-pre.target
Before=remote-fs-pre.target

[Service]
Type=oneshot
RemainAfterExit=yes
Environment=VM_STAGE=smbd-start
ExecStart=/bin/bash $here/boot-systemd.sh
ExecStop=/usr/bin/env VM_STAGE=smbd-stop /bin/bash $here/boot-systemd.sh

[Install]
WantedBy=multi-user.target
EOF
	ln -sf "../$unit" "/etc/systemd/system/multi-user.target.wants/$unit"
	echo "prepared: /etc/fstab:"
	cat /etc/fstab
}

n=0
failed=0
tap() {
	echo "$*"
	echo "$*" >>"$VM_OUT/results.tap"
	echo "boot-test: $*" >/dev/console
}

# check NAME CMD...: one test, passing when CMD exits 0.
check() {
	local name=$1 out
	shift
	n=$((n + 1))
	echo "\$ $*"
	if out=$("$@" 2>&1); then
		[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/  /'
		tap "ok $n - $name"
	else
		[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/  /'
		failed=$((failed + 1))
		tap "not ok $n - $name"
	fi
}

# active UNIT: the unit is active; its state is shown either way.
active() {
	systemctl status --no-pager --lines=5 "$1" 2>&1 | sed -n '1,12p'
	[ "$(systemctl is-active "$1")" = active ]
}

inactive() {
	[ "$(systemctl is-active "$1")" != active ]
}

# mounted DIR FSTYPE [SOURCE]: DIR has a mount of FSTYPE (from SOURCE).
# Read from /proc/mounts: looking at DIR could trigger its automount.
mounted() {
	awk -v d="$1" '$2 == d' /proc/mounts
	awk -v d="$1" -v t="$2" -v s="${3:-}" \
		'$2 == d && $3 == t && (s == "" || $1 == s) { f = 1 } END { exit !f }' \
		/proc/mounts
}

not_mounted() {
	! mounted "$@" >/dev/null
}

# when UNIT: monotonic time (us) at which UNIT last became active.
when() {
	systemctl show -P ActiveEnterTimestampMonotonic "$1"
}

before() {
	local a b
	a=$(when "$1")
	b=$(when "$2")
	echo "$1 active at ${a}us, $2 at ${b}us"
	[ "${a:-0}" -gt 0 ] && [ "${b:-0}" -gt 0 ] && [ "$a" -le "$b" ]
}

same_content() {
	cmp "$1" "$2"
}

sums_match() {
	(cd "$1" && sha256sum --quiet -c SHA256SUMS)
}

owned_by() {
	local u
	u=$(stat -c %u "$2")
	echo "$2: uid $u"
	[ "$u" = "$1" ]
}

no_secret_in_mounts() {
	local hits
	hits=$(grep ' smb1fs ' /proc/mounts | grep -E 'password|pass=|cred|_netdev|x-systemd')
	[ -z "$hits" ] || { echo "$hits"; return 1; }
}

module_from_lib_modules() {
	local f
	f=$(modinfo -F filename smb1fs 2>&1)
	echo "modinfo: $f"
	grep -q '^smb1fs ' /proc/modules && [ "$f" = "/lib/modules/$VM_KVER/extra/smb1fs.ko" ]
}

# idle_unmounted: the automounted share goes away after the idle timeout
# (systemd checks every timeout/3 or so), its automount stays.
idle_unmounted() {
	local i
	for i in $(seq 1 $((idle * 6))); do
		if inactive mnt-auto.mount && not_mounted /mnt/auto smb1fs; then
			echo "unmounted after about $i s idle"
			active mnt-auto.automount >/dev/null
			return
		fi
		sleep 1
	done
	echo "still mounted after $((idle * 6)) s"
	return 1
}

no_failed_units() {
	local f
	f=$(systemctl list-units --failed --no-legend --plain --no-pager)
	[ -z "$f" ] || { echo "$f"; return 1; }
}

run() {
	: >"$VM_OUT/results.tap"
	echo "TAP version 13" >>"$VM_OUT/results.tap"
	echo "1..17" >>"$VM_OUT/results.tap"
	check "boot reached multi-user.target" active multi-user.target
	check "$unit started Samba" active "$unit"
	check "fstab: mnt-smb.mount mounted /mnt/smb at boot" active mnt-smb.mount
	check "fstab: /mnt/smb is smb1fs from //127.0.0.1/share" \
		mounted /mnt/smb smb1fs //127.0.0.1/share
	check "fstab: Samba was up before the share was mounted" \
		before "$unit" mnt-smb.mount
	check "fstab: the mount loaded smb1fs.ko from /lib/modules" module_from_lib_modules
	check "fstab: the files read back (SHA256SUMS)" sums_match /mnt/smb
	check "fstab: uid=1000 applies" owned_by 1000 /mnt/smb/hello.txt
	check "fstab: no password or mount-only option in /proc/mounts" no_secret_in_mounts
	check "automount: mnt-auto.automount active after boot" active mnt-auto.automount
	check "automount: nothing mounted before the first access" \
		not_mounted /mnt/auto smb1fs
	check "automount: the first access mounts the share and reads" \
		same_content "$base/smb/export/share/hello.txt" /mnt/auto/hello.txt
	check "automount: /mnt/auto is smb1fs from //localhost/share" \
		mounted /mnt/auto smb1fs //localhost/share
	check "automount: mnt-auto.mount active" active mnt-auto.mount
	check "automount: unmounted after ${idle}s idle" idle_unmounted
	check "automount: the next access mounts it again" \
		sums_match /mnt/auto
	check "no failed units" no_failed_units
	echo "# $((n - failed)) of $n passed"
	[ "$failed" = 0 ]
}

case "${VM_STAGE:-}" in
prepare) prepare ;;
smbd-start) smbd_env; smbd_start ;;
smbd-stop) smbd_env; smbd_stop ;;
run) run ;;
*) echo "boot-systemd.sh: VM_STAGE must be prepare, smbd-start, smbd-stop or run" >&2; exit 2 ;;
esac
