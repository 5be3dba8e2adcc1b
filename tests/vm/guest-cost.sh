#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run inside a test VM (tools/vm/vmcost.sh starts it): time a fixed,
# process-heavy workload, the kind the integration cases are made of,
# and write "step seconds" lines to $VM_OUT/cost.txt.
#
#   guest-cost.sh MODULE.ko
#
# Steps: 100 fork+exec of /bin/true; 20 greps of a 1 MiB file; smbd
# started and stopped (tests/vm/smbd.sh); the module loaded, the share
# mounted, 200 small files read with cat and listed with ls -l, the
# share unmounted and the module unloaded.
set -u
here=$(cd "$(dirname "$0")" && pwd)
ko=${1:?usage: guest-cost.sh MODULE.ko}
out=${VM_OUT:?VM_OUT is not set (run me through tools/vm/run.sh)}
res=$out/cost.txt
: >"$res"

# t NAME CMD...: run CMD and note its wall time in seconds.
t() {
	local name=$1 s e
	shift
	s=${EPOCHREALTIME/./}
	"$@"
	e=${EPOCHREALTIME/./}
	printf '%s %d.%03d\n' "$name" $(((e - s) / 1000000)) \
		$((((e - s) / 1000) % 1000)) | tee -a "$res"
}

forks() {
	local i
	for ((i = 0; i < 100; i++)); do
		/bin/true
	done
}

greps() {
	local i
	seq 1 150000 >/tmp/cost-numbers
	for ((i = 0; i < 20; i++)); do
		grep -c 7 /tmp/cost-numbers >/dev/null
	done
}

. "$here/smbd.sh"
# a throw-away smbd of its own, so that the one the mount uses starts
# afresh on clean state
smbd_cycle() {
	SMB1FS_SMB_BASE=/tmp/smb-cycle smbd_start >/tmp/cost-cycle.log 2>&1 &&
		smbd_stop /tmp/smb-cycle >/dev/null 2>&1
}

smb1fs_files() {
	local m=/tmp/cost-mnt i
	for ((i = 0; i < 200; i++)); do
		printf 'file %d\n' "$i" >"$SMB1FS_SHARE_DIR/cost-$i.txt"
	done
	mkdir -p "$m"
	modprobe -q libdes 2>/dev/null
	insmod "$ko" || return 1
	mount -t smb1fs "$SMB1FS_SHARE" "$m" \
		-o "username=$SMB1FS_USER,password=$SMB1FS_PASS" || return 1
	cat "$m"/cost-*.txt >/dev/null
	ls -l "$m" >/dev/null
	umount "$m"
	rmmod smb1fs
}

t fork-exec-100 forks
t grep-20 greps
t smbd-start-stop smbd_cycle
smbd_start >/tmp/cost-smbd.log 2>&1 || { cat /tmp/cost-smbd.log; exit 1; }
t smb1fs-200-files smb1fs_files
smbd_stop >/dev/null 2>&1
exit 0
