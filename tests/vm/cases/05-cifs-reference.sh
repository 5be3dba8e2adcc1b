# SPDX-License-Identifier: GPL-2.0
# The kernel's own cifs client, the reference, mounts the share with SMB1
# and reads what smb1fs will be compared against.
# kernels: 6.1 6.12
# (no smb1fs code runs here: not worth its time on the debug kernel)
modprobe cifs 2>/dev/null || skip "no cifs module for $VM_KVER"
mark=$(kmsg_mark)
assert_ok mount -t cifs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "vers=1.0,username=$SMB1FS_USER,password=$SMB1FS_PASS"
check_ok cmp "$SMB1FS_SHARE_DIR/random-1M.bin" "$SMB1FS_MNT/random-1M.bin"
check_ok cmp "$SMB1FS_SHARE_DIR/dir/sub/deep.txt" "$SMB1FS_MNT/dir/sub/deep.txt"
assert_ok umount "$SMB1FS_MNT"
check_kernel_clean "$mark"
