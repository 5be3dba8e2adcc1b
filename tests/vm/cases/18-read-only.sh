# SPDX-License-Identifier: GPL-2.0
# A mount with ro refuses writes, creates, renames and deletes with EROFS
# without asking the server; a read-write mount of a share the server
# keeps read-only gets the server's refusal (Samba answers
# MEDIA_WRITE_PROTECTED, EROFS, or ACCESS_DENIED).  Nothing changes.
module_load
mark=$(kmsg_mark)
m=$SMB1FS_MNT
changes=("touch $m/new" "mkdir $m/newdir" "rm -f $m/hello.txt"
	"mv $m/hello.txt $m/moved.txt" "sh -c 'echo x >>$m/hello.txt'"
	"truncate -s 0 $m/hello.txt" "rmdir $m/dir/sub")

assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$m" \
	-o "ro,username=$SMB1FS_USER,password=$SMB1FS_PASS"
check_grep " $m smb1fs ro[, ]" /proc/mounts
for cmd in "${changes[@]}" "chmod 600 $m/hello.txt"; do
	run sh -c "$cmd"
	[ "$RUN_RC" != 0 ] || _failed "succeeded: $cmd"
	grep -qi "read-only file system" <<<"$RUN_OUT" || _failed "not EROFS: $cmd"
done
assert_ok umount "$m"

# the share is read only on the server (read only = yes)
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$m" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS"
check_grep " $m smb1fs rw[, ]" /proc/mounts
for cmd in "${changes[@]}"; do
	run sh -c "$cmd"
	[ "$RUN_RC" != 0 ] || _failed "succeeded: $cmd"
	grep -qiE "permission denied|read-only file system" <<<"$RUN_OUT" ||
		_failed "not EACCES or EROFS: $cmd"
done
assert_same_file "$SMB1FS_SHARE_DIR/hello.txt" "$m/hello.txt"
check_ok test -d "$SMB1FS_SHARE_DIR/dir/sub"
check_fails test -e "$SMB1FS_SHARE_DIR/new"
assert_ok umount "$m"
check_kernel_clean "$mark"
