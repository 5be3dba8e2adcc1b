# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12
# A directory of 10,000 entries lists completely and in agreement with the
# export, through several FIND_NEXT2 rounds; stat of each entry agrees.
d=$SMB1FS_SHARE_DIR/ten-thousand
if [ ! -d "$d" ]; then
	mkdir -p "$d"
	(cd "$d" && seq -f 'file-%05g-with-a-longer-name' 1 10000 | xargs touch)
fi
module_load
mark=$(kmsg_mark)
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS"
ls -a "$d" | sort >local.txt
ls -a "$SMB1FS_MNT/ten-thousand" | sort >remote.txt
check_eq 10002 "$(wc -l <remote.txt)" "entries with . and .."
check_ok cmp local.txt remote.txt
# getdents with a small buffer: python's scandir restarts often
check_eq 10000 "$(/usr/bin/python3 -c 'import os,sys; print(sum(1 for _ in os.scandir(sys.argv[1])))' "$SMB1FS_MNT/ten-thousand")" "scandir"
# readdir's d_ino agrees with stat's st_ino
check_eq "$(ls -i "$SMB1FS_MNT/ten-thousand" | head -3 | awk '{ print $1, $2 }')" \
	"$(cd "$SMB1FS_MNT/ten-thousand" && for f in $(ls | head -3); do stat -c '%i %n' "$f"; done)" \
	"inode numbers"
assert_ok umount "$SMB1FS_MNT"
check_kernel_clean "$mark"
