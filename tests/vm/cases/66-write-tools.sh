# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12 debug
# Real tools writing to Samba through a read-write mount (login only):
# tar x of a tree of small files (nested directories, sizes from 0 to
# 200 KiB, names with spaces and non-ASCII characters), rsync of a
# smaller tree and again after changes (temporary files renamed into
# place, and --inplace), git init / add / commit / fsck / clone, four
# writers in parallel, and the errors tools rely on (EEXIST, ENOTEMPTY,
# EISDIR).
# Every result is compared with the source on the server side.
d=$SMB1FS_SHARE_DIR/tools
rm -rf "$d"
mkdir -p "$d"
chmod 777 "$d"
src=$(mktemp -d)
nfiles=1000 nsmall=40
light && nfiles=200 nsmall=20

# the source trees: t for tar, nfiles files over nested directories; s,
# smaller, for rsync and git (a few hundred ms a file through them)
gen='
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(n)
dirs = ["", "a", "a/b", "a/b/c d", "e", "e/f", "gr\u00fc\u00dfe", "gr\u00fc\u00dfe/\u65e5\u672c"]
for x in dirs:
    os.makedirs(os.path.join(root, x), exist_ok=True)
sizes = [0, 1, 100, 4095, 4096, 4097, 65536, 65537, 200 * 1024]
for i in range(n):
    x = dirs[i % len(dirs)]
    name = "f%d" % i
    if i % 97 == 0:
        name = "with space %d.txt" % i
    elif i % 101 == 0:
        name = "caf\u00e9 %d" % i
    if i < len(sizes):
        size = sizes[i]
    elif i % 50 == 0:
        size = rnd.randint(0, 200 * 1024)
    else:
        size = rnd.randint(0, 6000)
    with open(os.path.join(root, x, name), "wb") as f:
        f.write(rnd.randbytes(size))
'
assert_ok python3 -c "$gen" "$src/t" "$nfiles"
assert_ok python3 -c "$gen" "$src/s" "$nsmall"
(cd "$src" && tar cf t.tar t) || fail "tar c of the source tree"
head -c 4194304 /dev/urandom >"$src/w0"
for i in 1 2 3; do
	head -c 4194304 /dev/urandom >"$src/w$i"
done

module_load
mark=$(kmsg_mark)
assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS"
m=$SMB1FS_MNT/tools

# tar x
check_ok mkdir "$m/tar"
check_ok tar xf "$src/t.tar" -C "$m/tar" --no-same-owner
check_ok diff -r "$src/t" "$d/tar/t"
check_eq "$(find "$src/t" | wc -l)" "$(find "$d/tar/t" | wc -l)" "entries after tar x"

# rsync -r, then again after changes
if command -v rsync >/dev/null; then
	check_ok rsync -rt "$src/s/" "$m/rs/"
	check_ok diff -r "$src/s" "$d/rs"
	head -c 7000 /dev/urandom >"$src/s/a/f1"
	echo appended >>"$src/s/e/f4"
	: >"$src/s/a/b/f2"
	head -c 100000 /dev/urandom >"$src/s/a/b/c d/new file"
	check_ok rsync -rt "$src/s/" "$m/rs/"
	check_ok diff -r "$src/s" "$d/rs"
	check_eq "" "$(find "$d/rs" -name '.*')" "rsync temporary files left"
	dd if=/dev/urandom of="$src/s/e/f/f5" bs=1 count=10 seek=3 \
		conv=notrunc status=none
	check_ok rsync -r --inplace "$src/s/" "$m/rs/"
	check_ok diff -r "$src/s" "$d/rs"
else
	log "no rsync in the guest: rsync not checked"
fi

# git
if command -v git >/dev/null; then
	g=(git -c user.name=T -c user.email=t@example.org -c safe.directory='*'
		-c init.defaultBranch=main)
	check_ok "${g[@]}" init -q "$m/repo"
	check_ok cp -R "$src/s/a" "$src/s/e" "$m/repo/"
	check_ok "${g[@]}" -C "$m/repo" add -A
	check_ok "${g[@]}" -C "$m/repo" commit -q -m first
	check_ok sh -c "echo change >>'$m/repo/a/f1'"
	check_ok "${g[@]}" -C "$m/repo" commit -q -a -m second
	check_ok "${g[@]}" -C "$m/repo" fsck --full --strict
	check_ok "${g[@]}" -C "$d/repo" fsck --full --strict
	check_eq 2 "$("${g[@]}" -C "$d/repo" rev-list --count HEAD)" "commits"
	check_ok "${g[@]}" clone -q "$m/repo" "$m/clone"
	check_ok "${g[@]}" -C "$d/clone" fsck --full --strict
	check_ok diff -r -x .git "$d/repo" "$d/clone"
	check_eq "$("${g[@]}" -C "$d/repo" rev-parse HEAD)" \
		"$("${g[@]}" -C "$d/clone" rev-parse HEAD)" "HEAD of the clone"
else
	log "no git in the guest: git not checked"
fi

# four writers in parallel, 64 KiB writes each
check_ok mkdir "$m/par"
t0=$SECONDS
pids=()
for i in 0 1 2 3; do
	dd if="$src/w$i" of="$m/par/w$i" bs=64k status=none &
	pids+=($!)
done
for i in 0 1 2 3; do
	wait "${pids[$i]}" || _failed "parallel writer $i failed"
done
log "parallel writers done in $((SECONDS - t0))s"
for i in 0 1 2 3; do
	check_ok cmp "$src/w$i" "$d/par/w$i"
done

# the errors tools rely on, and names made on the server that this mount
# never looked up: an open with O_CREAT goes to the server at once and
# must still find what is there
check_ok mkdir -p "$m/err/full"
check_ok sh -c "echo x >$m/err/full/f; echo y >$m/err/file"
mkdir "$d/err/sdir"
for f in sexcl skeep strunc; do
	echo "old $f" >"$d/err/$f"
done
# written here as root: the share's user must be able to write them
chmod 666 "$d"/err/s*
check_ok python3 -c '
import errno, os, sys
m = sys.argv[1]
def err(f, *a):
    try:
        f(*a)
    except OSError as e:
        return e.errno
    return 0
assert err(os.open, m + "/file", os.O_CREAT | os.O_EXCL | os.O_WRONLY) == errno.EEXIST, "O_EXCL"
assert err(os.mkdir, m + "/full") == errno.EEXIST, "mkdir dir"
assert err(os.mkdir, m + "/file") == errno.EEXIST, "mkdir file"
assert err(os.rmdir, m + "/full") == errno.ENOTEMPTY, "rmdir"
assert err(os.open, m + "/full", os.O_WRONLY) == errno.EISDIR, "O_WRONLY dir"
assert err(os.open, m + "/full", os.O_RDWR) == errno.EISDIR, "O_RDWR dir"
assert err(os.open, m + "/sdir", os.O_CREAT | os.O_WRONLY) == errno.EISDIR, "O_CREAT dir"
assert err(os.open, m + "/sexcl", os.O_CREAT | os.O_EXCL | os.O_WRONLY) == errno.EEXIST, "O_EXCL, not looked up"
fd = os.open(m + "/skeep", os.O_CREAT | os.O_WRONLY)
assert os.fstat(fd).st_size == 10, "O_CREAT of an existing file: size"
os.close(fd)
fd = os.open(m + "/strunc", os.O_CREAT | os.O_TRUNC | os.O_WRONLY)
os.write(fd, b"new\n")
os.close(fd)
' "$m/err"
run sh -c "echo x >$m/err/full"
[ "$RUN_RC" != 0 ] || _failed "echo x > a directory succeeded"
grep -qi "is a directory" <<<"$RUN_OUT" || _failed "echo x > dir: $RUN_OUT"
check_eq y "$(cat "$d/err/file")" "file after the O_EXCL open"
check_eq x "$(cat "$d/err/full/f")" "file in the directory rmdir refused"
check_eq "old skeep" "$(cat "$d/err/skeep")" "an existing file opened with O_CREAT"
check_eq "old sexcl" "$(cat "$d/err/sexcl")" "an existing file after O_EXCL"
check_eq new "$(cat "$d/err/strunc")" "an existing file opened with O_CREAT|O_TRUNC"

assert_ok umount "$SMB1FS_MNT"
rm -rf "$src" "$d"
check_kernel_clean "$mark"
