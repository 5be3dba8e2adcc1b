# SPDX-License-Identifier: GPL-2.0
# A wrong password fails the mount with EACCES and says so.
module_load
mark=$(kmsg_mark)
check_fails mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=wrong"
dmesg_since "$mark" >dmesg.txt
check_grep "smb1fs: login failed for user $SMB1FS_USER" dmesg.txt
check_no_grep "wrong" <(grep -v "wrong user name" dmesg.txt)
check_no_grep " $SMB1FS_MNT " /proc/mounts
# the errno itself, through the mount(2) system call
cat >mnt.py <<'PY'
import ctypes, errno, os, sys
libc = ctypes.CDLL(None, use_errno=True)
r = libc.mount(sys.argv[1].encode(), sys.argv[2].encode(), b"smb1fs", 0,
               sys.argv[3].encode())
print(errno.errorcode.get(ctypes.get_errno(), "?") if r else "OK")
PY
check_eq EACCES "$(/usr/bin/python3 mnt.py "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	"username=$SMB1FS_USER,password=wrong")" "errno"
check_kernel_clean "$mark"
