# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12 debug
# umount while a reconnect is dialling a server that does not answer:
# smbd is killed, then every packet on lo is dropped (netem loss 100%),
# so the next dial waits for a SYN-ACK that never comes.  umount aborts
# the dial and returns within its 2 s, not after the 15 s of connect().
# Skipped where the kernel has no sch_netem.
module_load
mark=$(kmsg_mark)
modprobe -q sch_netem 2>/dev/null
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,hard"
assert_ok smbd_kill_all
# the dials at once and after 1 s are refused; the one after 3 s hangs
sleep 1.5
if ! tc qdisc add dev lo root netem loss 100% 2>tc.err; then
	smbd_restart
	skip "no netem qdisc in this kernel ($(cat tc.err))"
fi
trap 'rc=$?; tc qdisc del dev lo root 2>/dev/null; (exit $rc); _finish' EXIT
sleep 3
# umount(2) itself, timed in the process that makes it: umount(8)
# would first stat the mount point, which on a hard mount waits for the
# server like any other access
ms=$(/usr/bin/python3 -c 'import ctypes, os, sys, time
libc = ctypes.CDLL(None, use_errno=True)
t0 = time.monotonic()
if libc.umount2(sys.argv[1].encode(), 0):
    sys.exit(os.strerror(ctypes.get_errno()))
print(int((time.monotonic() - t0) * 1000))' "$SMB1FS_MNT") ||
	_failed "umount failed"
log "umount took ${ms:-?} ms"
[ "${ms:-99999}" -le 3000 ] || _failed "umount during a dial took ${ms:-?} ms"
tc qdisc del dev lo root
assert_ok smbd_restart
check_kernel_clean "$mark"
