# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12 debug
# Read-write on Samba (NT LM 0.12), mounted with no options but the
# login: create, write, append, overwrite in place, truncate down and up,
# touch -d, chmod a-w / u+w, mkdir and rmdir (ENOTEMPTY), rename (plain,
# over an existing file, of a directory), unlink (of a read-only file
# too, of an open file), a hard link, names the server cannot store, and a tree copied
# with cp -R; after each step the server's files are compared byte for
# byte with what was written.  A mount with ro refuses every change.
# kmemleak: yes
d=$SMB1FS_SHARE_DIR/wr
rm -rf "$d"
mkdir -p "$d"
chmod 777 "$d"
src=$(mktemp -d)
head -c 3000000 /dev/urandom >"$src/big"
head -c 5000 /dev/urandom >"$src/small"
mkdir -p "$src/tree/a/b" "$src/tree/c"
for i in 1 2 3 4 5 6 7 8 9 10; do
	head -c $((i * 1237)) /dev/urandom >"$src/tree/a/f$i"
	head -c $((i * 4096)) /dev/urandom >"$src/tree/a/b/p$i"
done
: >"$src/tree/c/empty"
module_load
mark=$(kmsg_mark)
assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS"
m=$SMB1FS_MNT/wr
check_grep " $SMB1FS_MNT smb1fs rw[, ]" /proc/mounts

# create and write, read back here and on the server
check_ok sh -c "echo hello >$m/new.txt"
check_eq "hello" "$(cat "$m/new.txt")" "cat \"$m/new.txt\""
check_eq "hello" "$(cat "$d/new.txt")" "cat \"$d/new.txt\""
check_ok cp "$src/big" "$m/big"
check_ok cmp "$src/big" "$d/big"
check_ok cmp "$src/big" "$m/big"
check_ok cp "$src/small" "$m/small"
check_ok cmp "$src/small" "$d/small"

# append, and overwrite in place in the middle
check_ok sh -c "echo more >>$m/new.txt"
check_eq "hello
more" "$(cat "$d/new.txt")" "cat \"$d/new.txt\""
check_ok dd if=/dev/zero of="$m/big" bs=1000 seek=1500 count=3 \
	conv=notrunc status=none
cp "$src/big" "$src/big2"
dd if=/dev/zero of="$src/big2" bs=1000 seek=1500 count=3 conv=notrunc \
	status=none
check_ok cmp "$src/big2" "$d/big"

# truncate down and up; the size here and there
check_ok truncate -s 10000 "$m/big"
check_eq 10000 "$(stat -c %s "$d/big")" "stat -c %s \"$d/big\""
check_ok truncate -s 20000 "$m/big"
check_eq 20000 "$(stat -c %s "$m/big")" "stat -c %s \"$m/big\""
check_eq 20000 "$(stat -c %s "$d/big")" "stat -c %s \"$d/big\""
# truncate(2) by name, of a file not open: Samba refuses the size by
# path, smb1fs sets it through a FID opened for it
check_ok python3 -c 'import os, sys; os.truncate(sys.argv[1], 15000)' "$m/big"
check_eq 15000 "$(stat -c %s "$d/big")" "server size after truncate(2) by name"
check_ok truncate -s 20000 "$m/big"
head -c 10000 "$src/big2" >"$src/big3"
head -c 10000 /dev/zero >>"$src/big3"
check_ok cmp "$src/big3" "$d/big"
check_ok sh -c ": >$m/small"
check_eq 0 "$(stat -c %s "$d/small")" "stat -c %s \"$d/small\""

# times: touch -d, as the server stores it and as read back
check_ok touch -d "2001-02-03 04:05:06" "$m/new.txt"
check_eq "$(date -d '2001-02-03 04:05:06' +%s)" "$(stat -c %Y "$d/new.txt")" "stat -c %Y \"$d/new.txt\""
check_eq "$(date -d '2001-02-03 04:05:06' +%s)" "$(stat -c %Y "$m/new.txt")" "stat -c %Y \"$m/new.txt\""

# touch -d of a file still open for writing, with data not yet written
# back: the data goes first, so the time set stays
exec 4>>"$m/small"
echo data >&4
check_ok touch -d "2002-03-04 05:06:07" "$m/small"
exec 4>&-
check_eq "$(date -d '2002-03-04 05:06:07' +%s)" "$(stat -c %Y "$d/small")" \
	"server mtime after touch -d of an open file"
check_eq data "$(cat "$d/small")" "data written before the touch"
check_ok sh -c ": >$m/small"

# O_SYNC writes; O_DIRECT is refused (no direct I/O); renameat2 with
# RENAME_NOREPLACE keeps an existing target, RENAME_EXCHANGE is refused
check_ok dd if="$src/small" of="$m/sync" oflag=sync bs=1000 status=none
check_ok cmp "$src/small" "$d/sync"
run dd if=/dev/zero of="$m/direct" oflag=direct bs=4096 count=1 status=none
[ "$RUN_RC" != 0 ] || _failed "O_DIRECT write succeeded"
grep -qi "invalid argument" <<<"$RUN_OUT" || _failed "O_DIRECT: $RUN_OUT"
check_ok sh -c "echo one >$m/r1; echo two >$m/r2"
check_ok python3 -c '
import ctypes, errno, sys
libc = ctypes.CDLL(None, use_errno=True)
AT_FDCWD, NOREPLACE, EXCHANGE = -100, 1, 2
def rename2(a, b, flags):
    r = libc.renameat2(AT_FDCWD, a.encode(), AT_FDCWD, b.encode(), flags)
    return 0 if r == 0 else ctypes.get_errno()
a, b = sys.argv[1], sys.argv[2]
assert rename2(a, b, NOREPLACE) == errno.EEXIST, "NOREPLACE over a file"
assert rename2(a, b, EXCHANGE) == errno.EINVAL, "EXCHANGE"
assert open(b).read() == "two\n" and open(a).read() == "one\n"
assert rename2(a, b + ".new", NOREPLACE) == 0, "NOREPLACE to a new name"
' "$m/r1" "$m/r2"
check_eq two "$(cat "$d/r2")" "target of the refused renames"
check_eq one "$(cat "$d/r2.new")" "RENAME_NOREPLACE to a new name"

# chmod a-w sets the DOS read-only attribute, u+w clears it.  Samba
# keeps DOS attributes in extended attributes: where the exported file
# system has none (tmpfs before 6.6) it refuses to set them.
if setfattr -n user.smb1fs-probe -v 1 "$d" 2>/dev/null; then
	dosattr=1
	check_ok chmod a-w "$m/new.txt"
	check_eq "r-xr-xr-x" "$(stat -c %A "$m/new.txt" | cut -c2-10)" \
		"mode after chmod a-w"
	check_fails sh -c "echo x >>$m/new.txt"
	check_ok chmod u+w "$m/new.txt"
	check_eq "rwxr-xr-x" "$(stat -c %A "$m/new.txt" | cut -c2-10)" \
		"mode after chmod u+w"
else
	dosattr=
	log "no user extended attributes under $d: chmod not checked"
fi

# directories
check_ok mkdir "$m/dir1"
check_ok test -d "$d/dir1"
check_ok sh -c "echo x >$m/dir1/f"
run rmdir "$m/dir1"
[ "$RUN_RC" != 0 ] || _failed "rmdir of a non-empty directory succeeded"
grep -qi "not empty" <<<"$RUN_OUT" || _failed "rmdir: $RUN_OUT"
check_ok rm "$m/dir1/f"
check_ok rmdir "$m/dir1"
check_fails test -e "$d/dir1"

# rename: plain, over an existing file, a directory with its files
check_ok mv "$m/new.txt" "$m/renamed.txt"
check_fails test -e "$d/new.txt"
check_eq "hello
more" "$(cat "$d/renamed.txt")" "cat \"$d/renamed.txt\""
check_ok sh -c "echo target >$m/target"
check_ok mv "$m/renamed.txt" "$m/target"
check_eq "hello
more" "$(cat "$d/target")" "cat \"$d/target\""
check_eq "hello
more" "$(cat "$m/target")" "cat \"$m/target\""
check_fails test -e "$m/renamed.txt"
check_ok mkdir -p "$m/d1/sub"
check_ok sh -c "echo inner >$m/d1/sub/x"
check_ok mv "$m/d1" "$m/d2"
check_eq inner "$(cat "$m/d2/sub/x")" "cat \"$m/d2/sub/x\""
check_eq inner "$(cat "$d/d2/sub/x")" "cat \"$d/d2/sub/x\""

# unlink, of a read-only file too
check_ok rm "$m/target"
check_fails test -e "$d/target"
if [ -n "$dosattr" ]; then
	check_ok sh -c "echo ro >$m/rofile"
	check_ok chmod a-w "$m/rofile"
	check_ok rm -f "$m/rofile"
	check_fails test -e "$d/rofile"
fi

# unlink of an open file: the name goes, the open file keeps working,
# the name can be used again, and the server drops the file at the close
check_ok sh -c "echo keep >$m/openfile"
exec 3<>"$m/openfile"
check_ok rm "$m/openfile"
check_fails test -e "$m/openfile"
check_fails test -e "$d/openfile"
check_eq keep "$(cat <&3)" "read through the fd of the unlinked file"
check_ok sh -c "echo again >$m/openfile"
check_eq again "$(cat "$d/openfile")" "the name used again"
# the directory listed meanwhile (the hidden name gets a dentry here)
ls -A "$m" >/dev/null
exec 3<&-
sleep 1
check_eq "" "$(ls -A "$d" | grep '^\.smb1fs')" "hidden names left after the close"

# a hard link: one file, two names
check_ok ln "$m/small" "$m/small.link"
check_ok sh -c "echo linked >>$m/small.link"
check_eq linked "$(cat "$d/small")" "cat \"$d/small\""

# names Windows cannot store are refused, not mangled
for bad in 'a:b' 'q?' 'star*' 'trail.' 'pipe|x'; do
	run sh -c "echo x >'$m/$bad'"
	[ "$RUN_RC" != 0 ] || _failed "created '$bad'"
	grep -qi "invalid argument" <<<"$RUN_OUT" || _failed "'$bad': $RUN_OUT"
done

# a tree with cp -R, compared by content
check_ok cp -R "$src/tree" "$m/tree"
check_ok diff -r "$src/tree" "$d/tree"
check_ok diff -r "$src/tree" "$m/tree"

assert_ok umount "$SMB1FS_MNT"
# and read again from a fresh mount
assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS"
check_ok diff -r "$src/tree" "$m/tree"
check_ok cmp "$src/big3" "$m/big"
assert_ok umount "$SMB1FS_MNT"

# ro: every change refused with EROFS, nothing changed
assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" \
	-o "ro,username=$SMB1FS_USER,password=$SMB1FS_PASS"
for cmd in "touch $m/x" "mkdir $m/y" "rm -f $m/small" "mv $m/big $m/b2" \
	"sh -c 'echo x >>$m/small'" "truncate -s 0 $m/big"; do
	run sh -c "$cmd"
	[ "$RUN_RC" != 0 ] || _failed "succeeded on ro: $cmd"
	grep -qi "read-only file system" <<<"$RUN_OUT" || _failed "not EROFS: $cmd"
done
check_ok cmp "$src/big3" "$d/big"
assert_ok umount "$SMB1FS_MNT"
rm -rf "$src" "$d"
check_kernel_clean "$mark"
