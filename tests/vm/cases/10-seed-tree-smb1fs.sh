# SPDX-License-Identifier: GPL-2.0
# The seed scenario: mount the password share with smb1fs and compare the
# whole generated tree (names, types, sizes, mtimes, sha256) with the
# local export.  The password never shows in /proc/mounts or the log.
"$SMB1FS_ROOT/tests/vm/mktree.sh" "$SMB1FS_SHARE_DIR/tree" || fail "mktree"
module_load
mark=$(kmsg_mark)
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS"
check_ok /usr/bin/python3 "$SMB1FS_ROOT/tests/vm/treecmp.py" \
	"$SMB1FS_SHARE_DIR/tree" "$SMB1FS_MNT/tree"

# listing of the big directories, by count and by name
check_eq "$(ls "$SMB1FS_SHARE_DIR/tree/many" | wc -l)" \
	"$(ls "$SMB1FS_MNT/tree/many" | wc -l)" "entries in many/"
check_eq "$(ls -l --time-style=+%s "$SMB1FS_SHARE_DIR/tree/sizes" | awk 'NR > 1 { print $5, $6, $7 }')" \
	"$(ls -l --time-style=+%s "$SMB1FS_MNT/tree/sizes" | awk 'NR > 1 { print $5, $6, $7 }')" \
	"ls -l of sizes/"

# reads at the end of the sparse 5 GiB file, past 4 GiB
tail_local=$(tail -c 1048577 "$SMB1FS_SHARE_DIR/tree/sparse-5G.bin" | sha256sum)
tail_smb=$(tail -c 1048577 "$SMB1FS_MNT/tree/sparse-5G.bin" | sha256sum)
check_eq "$tail_local" "$tail_smb" "last MiB of the 5 GiB file"
check_eq "$(stat -c %s "$SMB1FS_SHARE_DIR/tree/sparse-5G.bin")" \
	"$(stat -c %s "$SMB1FS_MNT/tree/sparse-5G.bin")" "size of the 5 GiB file"

# options are shown, the password is not
grep " $SMB1FS_MNT " /proc/mounts >mounts.txt
check_grep "username=$SMB1FS_USER" mounts.txt
check_no_grep "pass" mounts.txt
dmesg_since "$mark" >dmesg.txt
check_no_grep "password=|pass=" dmesg.txt

assert_ok umount "$SMB1FS_MNT"

# iocharset=iso8859-1: the names come out in Latin-1 bytes and open by
# them; the names Latin-1 cannot show are left out of the listing
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,iocharset=iso8859-1"
grep " $SMB1FS_MNT " /proc/mounts >mounts-latin1.txt
check_grep "iocharset=iso8859-1" mounts-latin1.txt
check_eq "$(printf 'caf\xe9 cr\xe8me.txt\ndir with spaces\nname with spaces.txt')" \
	"$(ls "$SMB1FS_MNT/tree/names" | LC_ALL=C sort)" "Latin-1 listing of names/"
check_eq accent "$(cat "$SMB1FS_MNT/tree/names/$(printf 'caf\xe9 cr\xe8me.txt')")" \
	"file opened by its Latin-1 name"
check_eq "$(printf '\xfcn\xefc\xf6d\xe9')" \
	"$(ls "$SMB1FS_MNT/tree/names/dir with spaces")" "Latin-1 directory name"
check_eq nested "$(cat "$SMB1FS_MNT/tree/names/dir with spaces/$(printf '\xfcn\xefc\xf6d\xe9')/inner.txt")" \
	"file under a Latin-1 directory"
check_fails stat "$SMB1FS_MNT/tree/names/café crème.txt"
assert_ok umount "$SMB1FS_MNT"
check_kernel_clean "$mark"
