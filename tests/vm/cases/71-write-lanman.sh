# SPDX-License-Identifier: GPL-2.0
# Writes on the LAN Manager dialects (Samba as LANMAN2.1 and LANMAN1.0,
# no NT SMBs): create (OPEN_ANDX), write and append (WRITE_ANDX), an
# exclusive create of an existing name (EEXIST), truncate down and up (a
# zero-length core WRITE at the new size), touch -d (SET_INFORMATION;
# of a file open for writing SET_INFORMATION2 through its handle, which
# keeps the time against the write that follows, also on a new mount),
# mkdir, rename, rename over an existing file, rmdir of a full directory
# (ENOTEMPTY), unlink and rmdir, renames of a file another thread reads
# and writes meanwhile, unlink of a file open here (renamed to
# a hidden name with its FIDs closed and opened again: the descriptors
# keep reading and writing it, a new file of the name is another, and
# the hidden name goes at the last close), chmod a-w / u+w (the DOS read-only
# attribute, where the exported file system keeps Samba's extended
# attributes).  After each step the server's file is compared with what
# was written, and the times with what was set.  A time of an odd second
# is kept as the server's DOS times can say it (LANMAN2.1: rounded down
# to two seconds, and sent so; LANMAN1.0's QUERY_INFORMATION has whole
# seconds), the same before and after a new mount.
module_load
mark=$(kmsg_mark)
. "$SMB1FS_ROOT/tests/vm/lanman.sh"
base=$lm_base
exp=$lm_exp

# The debug kernel takes LANMAN2.1 only: the same requests carry the
# changes on both, and each smbd start costs a minute there.
dialects="LANMAN2 LANMAN1"
light && dialects=LANMAN2
for dialect in $dialects; do
	dmark=$(kmsg_mark)
	if ! lm_smbd $dialect; then
		fail "$dialect: smbd did not start"
		continue
	fi
	if ! lm_mount; then
		fail "$dialect: mount failed"
		continue
	fi
	dosattr=
	setfattr -n user.smb1fs-probe -v 1 "$exp" 2>/dev/null && dosattr=1
	python3 - "$SMB1FS_MNT" "$exp" "$dialect" "$dosattr" <<'PYEOF' ||
import errno, os, sys
mnt, exp, dialect, dosattr = sys.argv[1:5]
bad = []
def srv(name):
    with open(os.path.join(exp, name), "rb") as f:
        return f.read()
def want(what, got, exp_):
    if got != exp_:
        bad.append(f"{what}: got {got!r:.80}, want {exp_!r:.80}")
def err(what, fn, code):
    try:
        fn()
        bad.append(f"{what}: succeeded, want {errno.errorcode[code]}")
    except OSError as e:
        want(what, e.errno, code)
os.chdir(mnt)
data = b"hello world\n"
with open("NEW.TXT", "wb") as f:
    f.write(data)
want("create", srv("NEW.TXT"), data)
with open("NEW.TXT", "ab") as f:
    f.write(b"more\n")
data += b"more\n"
want("append", srv("NEW.TXT"), data)
err("exclusive create", lambda: os.open("NEW.TXT", os.O_CREAT | os.O_EXCL | os.O_WRONLY), errno.EEXIST)
os.truncate("NEW.TXT", 5)
data = data[:5]
want("truncate down", srv("NEW.TXT"), data)
want("size after truncate down", os.stat("NEW.TXT").st_size, 5)
os.truncate("NEW.TXT", 70000)
data += bytes(70000 - 5)
want("truncate up", srv("NEW.TXT"), data)
with open("NEW.TXT", "rb") as f:
    want("read after truncate up", f.read(), data)
with open("NEW.TXT", "r+b") as f:
    f.truncate(3)
    f.seek(0, 2)
    f.write(b"tail")
data = data[:3] + b"tail"
want("ftruncate and write", srv("NEW.TXT"), data)
big = os.urandom(300000)
with open("BIG.BIN", "wb") as f:
    f.write(big)
want("large write", srv("BIG.BIN"), big)
os.utime("NEW.TXT", (1000000000, 1000000000))
want("touch -d (server)", int(os.stat(os.path.join(exp, "NEW.TXT")).st_mtime), 1000000000)
want("touch -d (client)", int(os.stat("NEW.TXT").st_mtime), 1000000000)
with open("ODD.TXT", "wb") as f:
    f.write(b"odd")
os.utime("ODD.TXT", (1000000001, 1000000001))
odd = 1000000000 if dialect == "LANMAN2" else 1000000001
want("touch -d of an odd second (server)", int(os.stat(os.path.join(exp, "ODD.TXT")).st_mtime), odd)
want("touch -d of an odd second (client)", os.stat("ODD.TXT").st_mtime, odd)
with open("OPEN.TXT", "wb") as f:
    f.write(b"before")
    f.flush()
    os.utime("OPEN.TXT", (1100000000, 1100000000))
    f.write(b" after")
# the CLOSE goes without waiting for its reply: the stat through the
# mount (which asks the server, the write having moved the time here)
# comes after it, and then the server has set the time on its file
want("touch -d of a file open for writing (client)", os.stat("OPEN.TXT").st_mtime, 1100000000)
want("written after touch -d", srv("OPEN.TXT"), b"before after")
want("touch -d of a file open for writing (server)",
     int(os.stat(os.path.join(exp, "OPEN.TXT")).st_mtime), 1100000000)
print(dialect, "chmod", "checked" if dosattr else "not checked (no user extended attributes)")
if dosattr:
    os.chmod("NEW.TXT", 0o444)
    want("chmod a-w", os.stat("NEW.TXT").st_mode & 0o222, 0)
    err("write to a read-only file", lambda: open("NEW.TXT", "ab"), errno.EACCES)
    os.chmod("NEW.TXT", 0o644)
    want("chmod u+w", os.stat("NEW.TXT").st_mode & 0o200, 0o200)
    with open("NEW.TXT", "ab") as f:
        f.write(b"!")
    data += b"!"
    want("write after chmod u+w", srv("NEW.TXT"), data)
os.mkdir("DIR")
want("mkdir", os.path.isdir(os.path.join(exp, "DIR")), True)
os.rename("NEW.TXT", "DIR/MOVED.TXT")
want("rename", srv("DIR/MOVED.TXT"), data)
with open("OTHER.TXT", "wb") as f:
    f.write(b"other")
os.rename("OTHER.TXT", "DIR/MOVED.TXT")
want("rename over", srv("DIR/MOVED.TXT"), b"other")
want("rename over: old name gone", os.path.exists(os.path.join(exp, "OTHER.TXT")), False)
err("rmdir of a full directory", lambda: os.rmdir("DIR"), errno.ENOTEMPTY)
os.unlink("DIR/MOVED.TXT")
os.rmdir("DIR")
want("unlink and rmdir", os.path.exists(os.path.join(exp, "DIR")), False)
# unlink of a file open here: the server refuses to rename an open file,
# so the FIDs are closed, the file renamed to a hidden name and opened
# again there; the open descriptors keep reading and writing
listed = set(os.listdir(exp))
fd = os.open("UNL.TXT", os.O_RDWR | os.O_CREAT, 0o644)
os.write(fd, b"first")
rd = os.open("UNL.TXT", os.O_RDONLY)
want("read before unlink", os.pread(rd, 100, 0), b"first")
os.unlink("UNL.TXT")
err("stat of the unlinked name", lambda: os.stat("UNL.TXT"), errno.ENOENT)
want("unlinked name listed", "UNL.TXT" in os.listdir("."), False)
want("unlinked name listed on the server", "UNL.TXT" in os.listdir(exp), False)
hidden = sorted(set(os.listdir(exp)) - listed)
want("one hidden name on the server", len(hidden), 1)
if dialect == "LANMAN1" and hidden:
    want("hidden name 8.3", len(hidden[0]) == 12 and hidden[0].startswith("~SMB")
         and hidden[0][8] == ".", True)
os.write(fd, b" second")
os.fsync(fd)
want("read through the unlinked file's descriptor", os.pread(fd, 100, 0), b"first second")
want("read through the read-only descriptor", os.pread(rd, 100, 0), b"first second")
if hidden:
    want("the hidden file on the server", srv(hidden[0]), b"first second")
with open("UNL.TXT", "wb") as g:
    g.write(b"a new file")
os.pwrite(fd, b" third", 12)
os.fsync(fd)
want("written after a new file of the name", os.pread(fd, 100, 0), b"first second third")
want("the new file", srv("UNL.TXT"), b"a new file")
if hidden:
    want("the hidden file after the new one", srv(hidden[0]), b"first second third")
os.close(rd)
os.close(fd)
want("the hidden name after the last close", sorted(set(os.listdir(exp)) - listed), ["UNL.TXT"])
want("the new file after the last close", srv("UNL.TXT"), b"a new file")
with open("UNL.TXT", "rb") as g:
    want("the new file read", g.read(), b"a new file")
os.unlink("UNL.TXT")
# renames of a file that another thread reads and writes all the while:
# each rename closes the FIDs once no request of the other is on its
# way, and no byte goes astray (each write puts its offset's pattern)
import threading
blk = 4096
def pattern(i):
    return bytes([i & 0xff]) * blk
with open("RUN.TXT", "wb") as g:
    for i in range(32):
        g.write(pattern(i))
fd = os.open("RUN.TXT", os.O_RDWR)
stop = threading.Event()
io_bad = []
def worker():
    n = 0
    while not stop.is_set():
        i = n % 32
        try:
            if n % 3:
                got = os.pread(fd, blk, i * blk)
                if got != pattern(i):
                    io_bad.append(f"block {i}: {got[:8]!r}")
            else:
                os.pwrite(fd, pattern(i), i * blk)
        except OSError as e:
            io_bad.append(f"I/O during renames: {e}")
            return
        n += 1
t = threading.Thread(target=worker)
t.start()
names = ["RUN.TXT", "RUN2.TXT"]
renames = 0
try:
    for k in range(6):
        os.rename(names[k % 2], names[(k + 1) % 2])
        renames += 1
finally:
    stop.set()
    t.join()
want("renames of a file in use", renames, 6)
want("I/O during the renames", io_bad[:3], [])
os.fsync(fd)
os.close(fd)
want("the file after the renames", srv("RUN.TXT"), b"".join(pattern(i) for i in range(32)))
os.unlink("RUN.TXT")
for b in bad:
    print("FAIL", b)
sys.exit(1 if bad else 0)
PYEOF
		fail "$dialect: the server does not show what was done"
	umount "$SMB1FS_MNT" || fail "$dialect: umount failed"
	lm_mount || fail "$dialect: mount failed the second time"
	odd=1000000001
	[ $dialect = LANMAN2 ] && odd=1000000000
	check_eq $odd "$(stat -c %Y "$SMB1FS_MNT/ODD.TXT")" \
		"$dialect: the odd second on a new mount"
	check_eq 1100000000 "$(stat -c %Y "$SMB1FS_MNT/OPEN.TXT")" \
		"$dialect: the time set on the open file, on a new mount"
	dmesg_since "$dmark" >"$base/kmsg"
	check_no_grep 'refuses SET_INFORMATION2' "$base/kmsg"
	check_no_grep 'no file id to write back' "$base/kmsg"
	umount "$SMB1FS_MNT" || fail "$dialect: umount failed"
done
lm_stop
check_kernel_clean "$mark"
