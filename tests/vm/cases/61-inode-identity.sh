# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12 debug
# One inode per server file.  With the server's file ids (serverino, the
# default on Samba): stat and readdir give the same number, which stays
# when the file is renamed on the server; two names of one file (a hard
# link there) are one inode; FOO and foo are one dentry and one inode,
# and "ls" shows the name once.  With noserverino the number is a hash of
# the path, still the same in stat and readdir and for FOO and foo.
# case=sensitive keeps the spellings apart, in the dcache and on Samba,
# which then matches names with their case for this client: MIXED.TXT
# is not found, and a file of that name is a second file.
d=$SMB1FS_SHARE_DIR/ident
rm -rf "$d"
mkdir -p "$d/sub"
printf 'one file\n' >"$d/Mixed.txt"
printf 'linked\n' >"$d/first"
ln "$d/first" "$d/second"
printf 'moving\n' >"$d/before"
chmod -R a+rwX "$d"
module_load
mark=$(kmsg_mark)
mnt=$SMB1FS_MNT
m=$mnt/ident

# readdir's d_ino for name $2 in directory $1
dino() {
	ls -ai "$1" | awk -v n="$2" '$2 == n { print $1 }'
}

assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$mnt" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,actimeo=1"
check_grep ",serverino[, ]" <(grep " $mnt " /proc/mounts)
ino=$(stat -c %i "$m/Mixed.txt")
check_eq "$ino" "$(dino "$m" Mixed.txt)" "stat and readdir agree"
check_eq "$ino" "$(stat -c %i "$m/MIXED.TXT")" "MIXED.TXT is Mixed.txt"
check_eq "$ino" "$(stat -c %i "$m/mixed.txt")" "mixed.txt is Mixed.txt"
check_eq "one file" "$(cat "$m/mixed.TXT")" "read by another spelling"
check_eq 1 "$(ls "$m" | grep -ci '^mixed.txt$')" "listed once"
check_eq "$(stat -c %i "$m/sub")" "$(stat -c %i "$m/SUB")" \
	"a directory by two spellings"
check_eq "$(stat -c %i "$m/first")" "$(stat -c %i "$m/second")" \
	"two names of one file"
# the number follows the file, not the name
ino=$(stat -c %i "$m/before")
mv "$d/before" "$d/after"
sleep 2
check_fails stat "$m/before"
check_eq "$ino" "$(stat -c %i "$m/after")" "renamed on the server"
check_eq "$ino" "$(dino "$m" after)" "renamed, in readdir"
# the same numbers on the next mount
ino=$(stat -c %i "$m/Mixed.txt")
assert_ok umount "$mnt"
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$mnt" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS"
check_eq "$ino" "$(dino "$m" Mixed.txt)" "stable across mounts"
assert_ok umount "$mnt"

# without the server's ids: a path hash, folded
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$mnt" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,noserverino"
check_grep ",noserverino[, ]" <(grep " $mnt " /proc/mounts)
ino=$(stat -c %i "$m/Mixed.txt")
check_eq "$ino" "$(dino "$m" Mixed.txt)" "noserverino: stat and readdir"
check_eq "$ino" "$(stat -c %i "$m/MIXED.TXT")" "noserverino: MIXED.TXT"
[ "$ino" != "$(stat -c %i "$m/first")" ] ||
	_failed "noserverino: two files with one number"
assert_ok umount "$mnt"

# case=sensitive: Samba is not asked to match without case (the
# writable share of the same tree)
assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$mnt" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,case=sensitive"
check_grep ",case=sensitive[, ]" <(grep " $mnt " /proc/mounts)
check_eq "one file" "$(cat "$m/Mixed.txt")" "case=sensitive: read"
[ ! -e "$m/MIXED.TXT" ] ||
	_failed "case=sensitive: MIXED.TXT found for Mixed.txt"
printf 'another file\n' >"$m/MIXED.TXT" ||
	_failed "case=sensitive: cannot create MIXED.TXT"
check_eq "one file" "$(cat "$d/Mixed.txt")" "case=sensitive: Mixed.txt kept"
check_eq "another file" "$(cat "$d/MIXED.TXT" 2>&1)" \
	"case=sensitive: MIXED.TXT is a file of its own on the server"
[ "$(stat -c %i "$m/Mixed.txt")" != "$(stat -c %i "$m/MIXED.TXT")" ] ||
	_failed "case=sensitive: two files with one number"
check_eq "another file" "$(cat "$m/MIXED.TXT")" "case=sensitive: read back"
assert_ok umount "$mnt"
rm -rf "$d"
check_kernel_clean "$mark"
