# SPDX-License-Identifier: GPL-2.0
# A guest login reaches the guest share; the password share refuses it.
module_load
mark=$(kmsg_mark)
assert_ok mount -t smb1fs "$SMB1FS_GUEST" "$SMB1FS_MNT" -o guest
assert_same_file "$SMB1FS_GUEST_DIR/readme.txt" "$SMB1FS_MNT/readme.txt"
grep " $SMB1FS_MNT " /proc/mounts >mounts.txt
check_grep ",guest" mounts.txt
assert_ok umount "$SMB1FS_MNT"
check_fails mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" -o guest
check_no_grep " $SMB1FS_MNT " /proc/mounts
check_kernel_clean "$mark"
