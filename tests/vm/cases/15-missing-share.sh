# SPDX-License-Identifier: GPL-2.0
# A share that does not exist fails the mount with ENOENT and a message.
module_load
mark=$(kmsg_mark)
check_fails mount -t smb1fs //127.0.0.1/nosuchshare "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS"
dmesg_since "$mark" >dmesg.txt
check_grep 'smb1fs: share .*nosuchshare does not exist' dmesg.txt
cat >mnt.py <<'PY'
import ctypes, errno, sys
libc = ctypes.CDLL(None, use_errno=True)
r = libc.mount(sys.argv[1].encode(), sys.argv[2].encode(), b"smb1fs", 0,
               sys.argv[3].encode())
print(errno.errorcode.get(ctypes.get_errno(), "?") if r else "OK")
PY
check_eq ENOENT "$(/usr/bin/python3 mnt.py //127.0.0.1/nosuchshare "$SMB1FS_MNT" \
	"username=$SMB1FS_USER,password=$SMB1FS_PASS")" "errno"
check_kernel_clean "$mark"
