# SPDX-License-Identifier: GPL-2.0
# Nothing listening on the port: the mount fails at once with a message.
module_load
mark=$(kmsg_mark)
start=$SECONDS
check_fails mount -t smb1fs //127.0.0.1/share "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,port=4446"
[ $((SECONDS - start)) -lt 10 ] || fail "refused connection took $((SECONDS - start)) s"
dmesg_since "$mark" >dmesg.txt
check_grep 'smb1fs: cannot connect to 127.0.0.1 port 4446' dmesg.txt
check_kernel_clean "$mark"
