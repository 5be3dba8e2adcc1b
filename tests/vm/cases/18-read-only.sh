# SPDX-License-Identifier: GPL-2.0
# The mount is read-only: writes, creates, renames and deletes get EROFS.
module_load
mark=$(kmsg_mark)
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS"
m=$SMB1FS_MNT
for cmd in "touch $m/new" "mkdir $m/newdir" "rm -f $m/hello.txt" \
	"mv $m/hello.txt $m/moved.txt" "sh -c 'echo x >>$m/hello.txt'" \
	"chmod 600 $m/hello.txt" "truncate -s 0 $m/hello.txt" "rmdir $m/dir/sub"; do
	run sh -c "$cmd"
	[ "$RUN_RC" != 0 ] || _failed "succeeded: $cmd"
	grep -qi "read-only file system" <<<"$RUN_OUT" || _failed "not EROFS: $cmd"
done
assert_same_file "$SMB1FS_SHARE_DIR/hello.txt" "$m/hello.txt"
assert_ok umount "$m"
check_kernel_clean "$mark"
