# SPDX-License-Identifier: GPL-2.0
# port=139 goes through a NetBIOS session request first, with the default
# called name *SMBSERVER and with the server's own name.
module_load
mark=$(kmsg_mark)
for extra in "" ",servern=SMB1FSVM" ",netbiosname=TESTCLIENT"; do
	assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
		-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,port=139$extra"
	grep " $SMB1FS_MNT " /proc/mounts >mounts.txt
	check_grep "port=139" mounts.txt
	check_ok cmp "$SMB1FS_SHARE_DIR/random-1M.bin" "$SMB1FS_MNT/random-1M.bin"
	assert_ok umount "$SMB1FS_MNT"
done
check_kernel_clean "$mark"
