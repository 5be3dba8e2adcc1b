# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12
# Suspend with a hard mount to an absent server: a reader blocked on the
# server lets the freezer take it (the suspend test of the freezer,
# /sys/power/pm_test, freezes every task and thaws them again), and
# reads on once the server is back.  Skipped where the kernel has no
# suspend test.
module_load
mark=$(kmsg_mark)
[ -w /sys/power/pm_test ] && grep -qw freeze /sys/power/state ||
	skip "no suspend test (/sys/power/pm_test) in this kernel"
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,hard,timeout=5"
assert_ok smbd_kill_all

cat "$SMB1FS_MNT/random-1M.bin" >out 2>err &
reader=$!
sleep 2
kill -0 $reader 2>/dev/null || _failed "reader did not block on the missing server"

freeze_timeout=$(cat /sys/power/pm_freeze_timeout)
trap 'rc=$?; echo none >/sys/power/pm_test; echo "$freeze_timeout" >/sys/power/pm_freeze_timeout; (exit $rc); _finish' EXIT
echo 5000 >/sys/power/pm_freeze_timeout
echo freezer >/sys/power/pm_test
m=$(kmsg_mark)
if echo freeze >/sys/power/state 2>suspend.err; then
	log "tasks frozen and thawed"
else
	_failed "suspend test failed: $(cat suspend.err)"
fi
echo none >/sys/power/pm_test
dmesg_since "$m" >suspend.dmesg
check_no_grep 'Freezing .*failed|refusing to freeze' suspend.dmesg

kill -0 $reader 2>/dev/null || _failed "reader gave up while the server was gone"
assert_ok smbd_restart
wait $reader
check_eq 0 $? "read status across the outage"
check_ok cmp "$SMB1FS_SHARE_DIR/random-1M.bin" out
assert_ok umount "$SMB1FS_MNT"
check_kernel_clean "$mark"
