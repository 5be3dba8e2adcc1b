# SPDX-License-Identifier: GPL-2.0
# port=139 goes through a NetBIOS session request first, with the default
# called name *SMBSERVER and with the server's own name.  Its frames carry
# at most 128 KiB (17 bits of length): reads there are at most 124 KiB,
# where port 445 takes the whole rsize.
module_load
mark=$(kmsg_mark)
for extra in "" ",servern=SMB1FSVM" ",netbiosname=TESTCLIENT"; do
	assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
		-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,port=139$extra"
	grep " $SMB1FS_MNT " /proc/mounts >mounts.txt
	check_grep "port=139" mounts.txt
	check_eq 126976 "$(smb1fs_stat read_size)" "largest read on port 139"
	check_ok cmp "$SMB1FS_SHARE_DIR/random-1M.bin" "$SMB1FS_MNT/random-1M.bin"
	assert_ok umount "$SMB1FS_MNT"
done
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,port=445"
check_eq 1048576 "$(smb1fs_stat read_size)" "largest read on port 445"
assert_ok umount "$SMB1FS_MNT"
check_kernel_clean "$mark"
