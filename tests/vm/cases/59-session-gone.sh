# SPDX-License-Identifier: GPL-2.0
# A session or tree connect that ends while TCP stays up: after
# "smbcontrol close-share" Samba answers NETWORK_NAME_DELETED, after
# "smbcontrol kill-client-ip" the serving smbd is gone.  Either way the
# mount logs in and connects the share again and the reads go on.
# kmemleak: yes
module_load
mark=$(kmsg_mark)
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,actimeo=0"
check_ok cmp "$SMB1FS_SHARE_DIR/hello.txt" "$SMB1FS_MNT/hello.txt"
exec 3<"$SMB1FS_MNT/random-1M.bin"
dd bs=64k count=1 status=none <&3 >part1 || _failed "first read failed"

assert_ok smbcontrol -s "$SMB1FS_SMBCONF" smbd close-share share
# a new lookup, an open and more of an open file
check_ok cmp "$SMB1FS_SHARE_DIR/numbers.txt" "$SMB1FS_MNT/numbers.txt"
check_ok cmp "$SMB1FS_SHARE_DIR/dir/sub/deep.txt" "$SMB1FS_MNT/dir/sub/deep.txt"
dd bs=64k status=none <&3 >part2 || _failed "read of the open file failed"
cat part1 part2 | cmp - "$SMB1FS_SHARE_DIR/random-1M.bin" ||
	_failed "the open file read across close-share differs"
exec 3<&-
check_eq 1 "$(smb1fs_stat reconnects)" "reconnects after close-share"
dmesg_since "$mark" >closeshare.dmesg
check_grep 'smb1fs: server ended the session or the tree connect' \
	closeshare.dmesg

assert_ok smbcontrol -s "$SMB1FS_SMBCONF" smbd kill-client-ip 127.0.0.1
check_ok cmp "$SMB1FS_SHARE_DIR/random-100k.bin" "$SMB1FS_MNT/random-100k.bin"
check_eq 2 "$(smb1fs_stat reconnects)" "reconnects after kill-client-ip"
assert_ok umount "$SMB1FS_MNT"
check_kernel_clean "$mark"
