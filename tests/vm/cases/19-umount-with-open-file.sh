# SPDX-License-Identifier: GPL-2.0
# umount with a file open: refused as busy; a lazy umount detaches it, the
# open file still reads, and closing it tears the session down cleanly.
module_load
mark=$(kmsg_mark)
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS"
exec 3<"$SMB1FS_MNT/numbers.txt"
check_fails umount "$SMB1FS_MNT"
grep -qi busy <<<"$RUN_OUT" || _failed "umount did not say busy"
assert_ok umount -l "$SMB1FS_MNT"
check_no_grep " $SMB1FS_MNT " /proc/mounts
check_eq "$(sha256sum <"$SMB1FS_SHARE_DIR/numbers.txt")" "$(sha256sum <&3)" \
	"read after lazy umount"
exec 3<&-
# the session is gone once the last file closed: the module unloads
for _ in 1 2 3 4 5 6 7 8 9 10; do
	rmmod smb1fs 2>/dev/null && break
	sleep 0.5
done
! module_loaded || fail "smb1fs still in use after the last close"
check_kernel_clean "$mark"
