# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12 debug
# Random operations on Samba (NT LM 0.12), checked by tests/vm/fsx.py
# against a model of the files and against the copies the server keeps:
# writes (over holes and past the end), pwrite through a second open
# file, appends, reads, truncates down and up, fsync, close and open
# again (with O_TRUNC too), mmap writes and reads, stat, and renames of
# open files.  A few fixed seeds, on a mount with no options but the
# login and on one with wsize=4096 (a WRITE_ANDX per page); after a
# remount the files hold what the model ended with.  SMB1FS_FSX_OPS
# sets the number of operations per seed.
ops=${SMB1FS_FSX_OPS:-400}
light && ops=${SMB1FS_FSX_OPS:-60}
d=$SMB1FS_SHARE_DIR/fsx
rm -rf "$d"
mkdir -p "$d"
chmod 777 "$d"
want=$PWD/expected
opts="username=$SMB1FS_USER,password=$SMB1FS_PASS"
m=$SMB1FS_MNT/fsx

# fsx NAME ARGS...: fsx.py in a new directory NAME of the mount, the
# server's copy compared too, the final contents kept in $want/NAME
fsx() {
	local name=$1
	shift
	mkdir -p "$want/$name"
	check_ok mkdir "$m/$name" || return 1
	check_ok /usr/bin/python3 "$SMB1FS_ROOT/tests/vm/fsx.py" \
		--server-dir "$d/$name" --save "$want/$name" "$@" "$m/$name"
}

module_load
mark=$(kmsg_mark)
assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" -o "$opts"
fsx s1 --seed 1 --ops "$ops" --check-every 50
fsx s2 --seed 2 --ops "$ops" --files 3
fsx s3 --seed 3 --ops "$ops" --max-size 300k --no-mmap
assert_ok umount "$SMB1FS_MNT"

# a WRITE_ANDX per page
assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" -o "$opts,wsize=4096"
check_grep " $SMB1FS_MNT smb1fs .*,wsize=4096[, ]" /proc/mounts
fsx w4 --seed 4 --ops "$ops" --files 2 --check-every 50
assert_ok umount "$SMB1FS_MNT"

# a fresh mount reads what the model ended with, and so does the server
assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" -o "$opts"
n=0
for f in "$want"/*/*; do
	rel=${f#"$want"/}
	check_ok cmp "$f" "$m/$rel"
	check_ok cmp "$f" "$d/$rel"
	n=$((n + 1))
done
check_eq 7 "$n" "files saved by fsx.py"
assert_ok umount "$SMB1FS_MNT"
rm -rf "$d"
check_kernel_clean "$mark"
