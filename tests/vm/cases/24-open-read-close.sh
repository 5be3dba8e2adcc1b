# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12
# A small file is opened, read whole and closed on the server in one
# message: while a process holds it open, Samba holds no FID for it.  A
# read that misses the page cache opens it again on the server, and the
# close gives that FID back.  A larger file keeps its FID while open;
# opens of one file share one FID, which does not keep another client
# from renaming the file.
# The stock kernels only: on the debug kernel every smbstatus and python3
# costs seconds, and the other cases there read small files through the
# same path under KASAN.
d=$SMB1FS_SHARE_DIR/openclose
rm -rf "$d"
mkdir -p "$d"
head -c 5000 /dev/urandom >"$d/small"
head -c 70000 /dev/urandom >"$d/larger"
chmod -R a+rwX "$d"
module_load
mark=$(kmsg_mark)
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS"

# server_fids NAME: how many FIDs Samba has open on files named NAME
server_fids() {
	smbstatus -s "$SMB1FS_SMBCONF" -L 2>/dev/null | grep -c "[ /]$1 "
}

# wait_fids NAME N: until Samba has N FIDs open on NAME (a CLOSE nobody
# waits for may still be on its way)
wait_fids() {
	local n
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		n=$(server_fids "$1")
		[ "$n" = "$2" ] && return 0
		sleep 0.5
	done
	_failed "Samba has $n FIDs open on $1, expected $2"
	return 1
}

# read_fd3: the sha256 of fd 3 read from its start, through that same
# open file
read_fd3() {
	python3 -c 'import hashlib, os
os.lseek(3, 0, 0)
h = hashlib.sha256()
while True:
	b = os.read(3, 65536)
	if not b:
		break
	h.update(b)
print(h.hexdigest())'
}

small=small
want=$(sha256sum <"$d/$small" | cut -d' ' -f1)
exec 3<"$SMB1FS_MNT/openclose/$small"
check_eq "$want" "$(read_fd3)" "small file read through its open"
wait_fids "$small" 0
# the pages go; the next read opens the file on the server again
sync
echo 3 >/proc/sys/vm/drop_caches
check_eq "$want" "$(read_fd3)" "small file read again after the cache was dropped"
wait_fids "$small" 1
exec 3<&-
wait_fids "$small" 0

big=larger
want=$(sha256sum <"$d/$big" | cut -d' ' -f1)
exec 3<"$SMB1FS_MNT/openclose/$big"
wait_fids "$big" 1
check_eq "$want" "$(read_fd3)" "larger file read through its FID"
exec 3<&-
wait_fids "$big" 0

# two opens of one file share one FID; the last close gives it back
exec 3<"$SMB1FS_MNT/openclose/$big" 4<"$SMB1FS_MNT/openclose/$big"
wait_fids "$big" 1
exec 3<&-
sleep 1
wait_fids "$big" 1
check_eq "$want" "$(read_fd3 3<&4)" "second open read after the first closed"
exec 4<&-
wait_fids "$big" 0

# an open file here does not keep another client from renaming it
# (NT_CREATE_ANDX shares delete access), and stays readable after
exec 3<"$SMB1FS_MNT/openclose/$big"
wait_fids "$big" 1
assert_ok smbclient -s "$SMB1FS_SMBCONF" --option='client max protocol=NT1' \
	-t 60 "$SMB1FS_RW_SHARE" -U "$SMB1FS_USER%$SMB1FS_PASS" \
	-c "rename openclose\\$big openclose\\moved"
check_eq "$want" "$(read_fd3)" "renamed by another client, read on"
exec 3<&-
wait_fids moved 0

assert_ok umount "$SMB1FS_MNT"
rm -rf "$d"
check_kernel_clean "$mark"
