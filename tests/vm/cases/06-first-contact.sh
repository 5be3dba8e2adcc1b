# SPDX-License-Identifier: GPL-2.0
# First contact: the mount line a new user types, against Samba with its
# own defaults and SMB1 switched on (tests/vm/smbd.sh sets nothing about
# authentication or signing), without the mount helper.  The login is
# chosen from the negotiate reply (NTLMSSP here); /proc/mounts says
# sec=auto and mountstats how the session logged in.  df shows the
# share's size; //server/share/dir/sub mounts that subdirectory; noperm
# leaves the permission checks to the server.
module_load
mark=$(kmsg_mark)
mnt=$SMB1FS_MNT
src=//127.0.0.1/share

assert_ok mount -t smb1fs "$src" "$mnt" -o "username=$SMB1FS_USER,password=$SMB1FS_PASS"
assert_same_file "$SMB1FS_SHARE_DIR/hello.txt" "$mnt/hello.txt"
check_ok cmp "$SMB1FS_SHARE_DIR/random-1M.bin" "$mnt/random-1M.bin"
grep " $mnt " /proc/mounts >mounts.txt
check_grep ",sec=auto[, ]" mounts.txt
check_no_grep ",sign[, ]" mounts.txt
grep -A1 " on $mnt with fstype smb1fs" /proc/self/mountstats >stats.txt
check_grep " auth=ntlmssp" stats.txt

# df: the sizes of the file system under the share
df -k "$mnt" >df.txt 2>&1 || _failed "df failed: $(cat df.txt)"
read -r blocks bsize <<<"$(stat -f -c '%b %S' "$mnt")"
[ "${blocks:-0}" -gt 0 ] && [ "${bsize:-0}" -gt 0 ] ||
	_failed "statfs reports no size: $(cat df.txt)"
assert_ok umount "$mnt"

# a subdirectory of the share, with either separator
for sub in /dir/sub '\dir\sub' /dir/sub/; do
	if mount -t smb1fs "$src$sub" "$mnt" \
		-o "username=$SMB1FS_USER,password=$SMB1FS_PASS" 2>sub.err; then
		check_ok cmp "$SMB1FS_SHARE_DIR/dir/sub/deep.txt" "$mnt/deep.txt"
		check_grep "^deep.txt$" <(ls "$mnt")
		check_ok umount "$mnt"
	else
		_failed "mount of $src$sub failed: $(cat sub.err)"
	fi
done
m=$(kmsg_mark)
check_fails mount -t smb1fs "$src/no/such/dir" "$mnt" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS"
dmesg_since "$m" >nosub.dmesg
check_grep 'smb1fs: \\no\\such\\dir does not exist on the share' nosub.dmesg
check_fails mount -t smb1fs "$src/hello.txt" "$mnt" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS"
check_no_grep " $mnt " /proc/mounts

# noperm: files shown as root's, mode 0600; nobody reads them only with
# noperm (the server lets user u read them either way).  The case's own
# directory is private: this mount point is not.
mnt=/tmp/06-noperm
mkdir -p "$mnt"
chmod 755 "$mnt"
for perm in perm noperm; do
	assert_ok mount -t smb1fs "$src" "$mnt" \
		-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,uid=0,gid=0,file_mode=0600,dir_mode=0755,$perm"
	if setpriv --reuid=65534 --regid=65534 --clear-groups \
		cat "$mnt/hello.txt" >as-nobody.txt 2>as-nobody.err; then
		got=read
	else
		got=refused
	fi
	if [ $perm = noperm ]; then
		check_eq read "$got" "nobody reads a 0600 root file with noperm"
		check_ok cmp "$SMB1FS_SHARE_DIR/hello.txt" as-nobody.txt
		check_grep ",noperm[, ]" /proc/mounts
	else
		check_eq refused "$got" "nobody reads a 0600 root file without noperm"
	fi
	check_ok umount "$mnt"
done
check_kernel_clean "$mark"
