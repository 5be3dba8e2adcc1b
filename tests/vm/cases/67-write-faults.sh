# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12 debug
# Writes that go wrong, on Samba through a read-write mount (login only):
#  1. A full disk: a directory of the share on an 8 MiB tmpfs, written
#     past its end.  The writer gets ENOSPC (NT_STATUS_DISK_FULL) at
#     write, fsync or close, never a silent success: a file written and
#     fsynced, a second open file of it (each open file sees the error
#     once), and a file only closed.  What the server got is the data
#     written or holes, nothing else; once the files are removed the
#     mount writes and reads again, compared on the server.
#  2. fio with verify=crc32c: a sequential and a random writer with
#     blocks of 1 to 32 KiB, verified as they write and again from a
#     fresh mount (verify_only).
#  3. Data written through a shared mapping after the file's last close
#     and unmapped reaches the server at the umount.
#  4. 100 writers (20 on the debug kernel) in a loop on files of their
#     own (sequential writes, appends, truncates, fsync, reopens), each
#     killed with SIGKILL at a random moment, started again and killed
#     again; the kill times come from a seeded RNG whose seed is printed
#     (SMB1FS_SEED sets it).  No writer gets an error, no process stays
#     in D state, umount works, the module's inodes go, the kernel logs
#     no warning, and each file on the server is a prefix of what its
#     writer wrote: no shorter than what its write(2) calls returned, no
#     longer than what they were asked to write.
# kmemleak: yes
module_load
d=$SMB1FS_SHARE_DIR/wf
rm -rf "$d"
mkdir -p "$d/full" "$d/fio" "$d/kill"
chmod 777 "$d" "$d/fio" "$d/kill"
src=$(mktemp -d)
full_mib=8
fio_mib=16 kill_n=100 kill_secs=4
[ "$VM_FLAVOR" = debug ] && fio_mib=3 kill_n=20 kill_secs=6
seed=${SMB1FS_SEED:-$RANDOM}
opts="username=$SMB1FS_USER,password=$SMB1FS_PASS"
m=$SMB1FS_MNT/wf

# the small disk: a tmpfs under the share, gone again however the case
# ends
assert_ok mount -t tmpfs -o "size=${full_mib}m,mode=1777" smb1fs-full "$d/full"
trap 'rc=$?; umount "$SMB1FS_MNT" 2>/dev/null; umount "$d/full" 2>/dev/null;
	(exit $rc); _finish' EXIT

# inodes of the module in use, freed objects given back first
inodes() {
	echo 1 2>/dev/null >/sys/kernel/slab/smb1fs_inode_cache/shrink
	awk '$1 == "smb1fs_inode_cache" { print $2 }' /proc/slabinfo
}

mark=$(kmsg_mark)
assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" -o "$opts"

# 1. ENOSPC.  One process does it all and says what each step returned.
check_ok python3 - "$m/full" "$d/full" "$full_mib" <<'EOF'
import errno, os, random, sys
mnt, srv, mib = sys.argv[1], sys.argv[2], int(sys.argv[3])
bad = 0


def failed(msg):
    global bad
    print("FAIL: " + msg)
    bad += 1


def name(e):
    return errno.errorcode.get(e, str(e)) if e else "ok"


def step(what, f, *args):
    """f(*args): its errno (0 for success), printed"""
    try:
        f(*args)
        e = 0
    except OSError as x:
        e = x.errno
    print("%-40s %s" % (what, name(e)))
    return e


def write_all(fd, data, chunk):
    """write data in chunks: (bytes written, errno of the first failure)"""
    off = 0
    while off < len(data):
        try:
            off += os.write(fd, data[off:off + chunk])
        except OSError as x:
            return off, x.errno
    return off, 0


def only_enospc(what, errs):
    got = [e for e in errs if e]
    if not got:
        failed("%s: no error at all" % what)
    for e in got:
        if e != errno.ENOSPC:
            failed("%s: %s, not ENOSPC" % (what, name(e)))


rnd = random.Random(67)
data = rnd.randbytes((mib + 4) << 20)

# a: write more than fits, through two open files
a = mnt + "/a"
fd = os.open(a, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
fd2 = os.open(a, os.O_WRONLY)
n, ew = write_all(fd, data, 256 << 10)
print("%-40s %s" % ("write(2) of %d bytes: %d written" % (len(data), n),
                    name(ew)))
ef = step("fsync", os.fsync, fd)
ef2 = step("fsync again", os.fsync, fd)
eo = step("fsync of a second open file", os.fsync, fd2)
ec = step("close", os.close, fd)
ec2 = step("close of the second file", os.close, fd2)
only_enospc("a, writer", [ew, ef, ef2, ec])
if not ew and not ef:
    failed("a: every write and the fsync succeeded")
if ef2 or ec:
    failed("a: the error reported more than once to one open file")
if eo != errno.ENOSPC:
    failed("a: the second open file was not told (%s)" % name(eo))
if ec2:
    failed("a: the second open file told twice")

# what the server holds: blocks of the data, or holes
# writes land out of order: one that lands past a refused one leaves a
# hole, so the size may pass the disk's; what is stored may not
st = os.stat(srv + "/a")
size = st.st_size
print("on the server: %d bytes of a, %d allocated" % (size, st.st_blocks * 512))
if not 0 < size or st.st_blocks * 512 > mib << 20:
    failed("a: %d bytes, %d allocated, on a %d MiB disk" %
           (size, st.st_blocks * 512, mib))
with open(srv + "/a", "rb") as f:
    got = f.read()
zero = bytes(4096)
for off in range(0, len(got), 4096):
    blk = got[off:off + 4096]
    if blk != data[off:off + len(blk)] and blk != zero[:len(blk)]:
        failed("a: the block at %d on the server is not what was written"
               % off)
        break

# b: the disk is full, the writer only closes
b = mnt + "/b"
try:
    fd = os.open(b, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
except OSError as x:
    fd = -1
    failed("b: open %s" % name(x.errno))
if fd >= 0:
    n, ew = write_all(fd, data[:1 << 20], 64 << 10)
    print("%-40s %s" % ("write(2) of 1 MiB to b: %d written" % n, name(ew)))
    ec = step("close of b", os.close, fd)
    only_enospc("b, writer", [ew, ec])

# after removing them the disk takes data again
step("unlink a", os.unlink, a)
step("unlink b", os.unlink, b)
left = sorted(os.listdir(srv))
if left:
    failed("files left on the server: %s" % left)
st = os.statvfs(srv)
print("free on the disk: %d KiB" % (st.f_bavail * st.f_frsize >> 10))
c = mnt + "/c"
cdata = random.Random(68).randbytes(3 << 20)
fd = os.open(c, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
n, ew = write_all(fd, cdata, 128 << 10)
ef = step("fsync of c (3 MiB)", os.fsync, fd)
ec = step("close of c", os.close, fd)
if ew or ef or ec:
    failed("c: %s %s %s" % (name(ew), name(ef), name(ec)))
with open(srv + "/c", "rb") as f:
    if f.read() != cdata:
        failed("c on the server differs")
with open(c, "rb") as f:
    if f.read() != cdata:
        failed("c read back differs")
os.unlink(c)
sys.exit(1 if bad else 0)
EOF
check_eq "" "$(ls -A "$d/full")" "files left on the small disk"
log "ENOSPC writes logged: $(dmesg_since "$mark" | grep -c 'failed (-28)')"

# 2. fio, verifying as it writes, and again from a fresh mount
cat >"$src/job.fio" <<EOF
[global]
directory=$m/fio
ioengine=psync
verify=crc32c
verify_fatal=1
verify_state_save=0
size=${fio_mib}m
fsync_on_close=1
[seq]
rw=write
bs=64k
[rand]
rw=randwrite
bsrange=1k-32k
EOF
fio_ok() {
	check_ok fio "$@" "$src/job.fio" || return
	check_eq 2 "$(grep -c 'err= 0:' <<<"$RUN_OUT")" "fio jobs without an error"
	check_no_grep 'verify failed|bad (magic|header)|Expected CRC' - <<<"$RUN_OUT"
}
fio_ok
assert_ok umount "$SMB1FS_MNT"
assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" -o "$opts"
fio_ok --verify_only
check_eq "$((fio_mib << 20)) $((fio_mib << 20))" \
	"$(echo $(stat -c %s "$d/fio/seq.0.0" "$d/fio/rand.0.0"))" \
	"sizes of the fio files on the server"
assert_ok umount "$SMB1FS_MNT"
check_kernel_clean "$mark"

# 3. data still dirty at the umount: written through a shared mapping
# that outlived its file (munmap writes nothing back, and nothing else
# did before the umount)
assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" -o "$opts"
head -c 200000 /dev/urandom >"$src/mapped"
check_ok python3 -c '
import ctypes, mmap, os, sys
# not the mmap module: it keeps a duplicate of the descriptor, whose
# close would write the data back
libc = ctypes.CDLL(None, use_errno=True)
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int,
                      ctypes.c_int, ctypes.c_int, ctypes.c_long]
libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
data = open(sys.argv[1], "rb").read()
fd = os.open(sys.argv[2], os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
os.ftruncate(fd, len(data))
p = libc.mmap(None, len(data), mmap.PROT_READ | mmap.PROT_WRITE,
              mmap.MAP_SHARED, fd, 0)
assert p not in (None, ctypes.c_void_p(-1).value), "mmap failed"
os.close(fd)
ctypes.memmove(p, data, len(data))
assert libc.munmap(p, len(data)) == 0
' "$src/mapped" "$m/mapped"
assert_ok umount "$SMB1FS_MNT"
check_ok cmp "$src/mapped" "$d/mapped"

# 4. writers killed
i0=$(inodes)
mark=$(kmsg_mark)
for i in $(seq -f %03.0f 0 $((kill_n - 1))); do
	: >"$d/kill/w$i"
done
chmod 666 "$d"/kill/w*
assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" -o "$opts"
log "seed $seed"
check_ok python3 - "$m/kill" "$kill_n" "$kill_secs" "$seed" \
	"$src/bounds" <<'EOF'
import mmap, os, random, signal, sys, time, traceback
mnt, n, secs, seed, out = sys.argv[1], int(sys.argv[2]), \
    float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
PERIOD = 4093                   # a pattern per writer, across pages
MAX = 1 << 20                   # a file starts over at this size
# per writer: lo, hi, errno, step, steps, bytes written, and the
# generation that has opened the file (1, 2).  Once all is done the file
# on the server is to hold at least lo and at most hi bytes of its
# writer's stream.
W = 7
shm = mmap.mmap(-1, n * W * 8)
cell = memoryview(shm).cast("q")


def stream(i):
    pat = random.Random("writer %d" % i).randbytes(PERIOD)
    return pat * (MAX // PERIOD + 2)


STEPS = ["", "open O_TRUNC", "open O_APPEND", "open", "lseek", "ftruncate",
         "fsync", "write", "close"]


def writer(i, gen):
    rnd = random.Random("%d %d %d" % (seed, i, gen))
    path = "%s/w%03d" % (mnt, i)
    data = stream(i)
    lo, hi = W * i, W * i + 1

    def do(step, f, *args):
        cell[W * i + 3] = step
        r = f(*args)
        cell[W * i + 4] += 1
        return r

    pos = 0
    try:
        while True:
            append = False
            if pos == 0 or pos >= MAX or rnd.random() < 0.05:
                cell[lo] = 0
                fd = do(1, os.open, path,
                        os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                pos = cell[hi] = 0
                cell[W * i + 6] = gen + 1
            elif rnd.random() < 0.3:
                append = True
                fd = do(2, os.open, path, os.O_WRONLY | os.O_APPEND)
            else:
                fd = do(3, os.open, path, os.O_WRONLY)
                do(4, os.lseek, fd, pos, os.SEEK_SET)
            for _ in range(rnd.randint(10, 60)):
                r = rnd.random()
                if r < 0.03:
                    t = rnd.randint(0, pos)
                    cell[lo] = t
                    do(5, os.ftruncate, fd, t)
                    pos = cell[hi] = t
                    if not append:
                        do(4, os.lseek, fd, pos, os.SEEK_SET)
                elif r < 0.1:
                    do(6, os.fsync, fd)
                else:
                    k = rnd.choice([1, 100, 4095, 4096, 4097, 65536,
                                    rnd.randint(1, 200000)])
                    k = min(k, MAX - pos)
                    cell[hi] = max(cell[hi], pos + k)
                    done = 0
                    while done < k:
                        done += do(7, os.write, fd, data[pos + done:pos + k])
                    pos += k
                    cell[lo] = pos
                    cell[W * i + 5] += k
                if pos >= MAX:
                    break
            do(8, os.close, fd)
    except OSError as x:
        cell[W * i + 2] = x.errno
        os._exit(3)


def start(i, gen):
    pid = os.fork()
    if pid == 0:
        try:
            writer(i, gen)
        except BaseException:
            traceback.print_exc()
        os._exit(4)
    return pid


rnd = random.Random(seed)
t0 = time.monotonic()
# Each writer is killed at a random moment: one in five while it may
# still be opening its file, the others once it has opened it; then its
# successor the same way.  Opens are slow here: they come first.
pids = {i: start(i, 0) for i in range(n)}
gen = dict.fromkeys(range(n), 0)
due = {}
for i in range(n):
    if rnd.random() < 0.2:
        due[i] = rnd.uniform(0, 2)
gone = []
last = 0
while pids:
    now = time.monotonic() - t0
    for i in sorted(pids):
        if i not in due and cell[W * i + 6] == gen[i] + 1:
            due[i] = now + rnd.uniform(0, secs)
        if i in due and due[i] <= now:
            os.kill(pids[i], signal.SIGKILL)
            gone.append((i, gen[i], pids[i]))
            last = now
            del due[i]
            if gen[i]:
                del pids[i]
                continue
            gen[i] = 1
            pids[i] = start(i, 1)
            if rnd.random() < 0.2:
                due[i] = now + rnd.uniform(0, 2)
    time.sleep(0.02)
print("%d writers killed twice in %.1f s: %d system calls, %d MiB "
      "written" % (n, last,
                   sum(cell[W * i + 4] for i in range(n)),
                   sum(cell[W * i + 5] for i in range(n)) >> 20))

bad = 0
deadline = time.monotonic() + 120
left = {pid: (i, gen) for i, gen, pid in gone}
while left and time.monotonic() < deadline:
    pid, status = os.waitpid(-1, os.WNOHANG)
    if not pid:
        time.sleep(0.1)
        continue
    i, gen = left.pop(pid)
    if not os.WIFSIGNALED(status) or os.WTERMSIG(status) != signal.SIGKILL:
        bad += 1
        print("FAIL: writer %d (%d) ended with status %#x, %s at %s" %
              (i, gen, status, os.strerror(cell[W * i + 2]),
               STEPS[cell[W * i + 3]]))
print("all writers gone %.1f s after the last kill" %
      (time.monotonic() - t0 - last))
for pid, (i, gen) in left.items():
    bad += 1
    print("FAIL: writer %d (%d) still there: %s" %
          (i, gen, open("/proc/%d/stat" % pid).read().split()[2]))

# no process in D state for long (the flusher may still be writing)
PF_KTHREAD = 0x00200000
for _ in range(50):
    dstate = []
    for p in os.listdir("/proc"):
        try:
            st = open("/proc/%s/stat" % p).read()
        except OSError:
            continue
        f = st[st.rindex(")") + 2:].split()
        if f[0] == "D" and not int(f[6]) & PF_KTHREAD:
            dstate.append(p + " " + st[st.index("("):st.rindex(")") + 1])
    if not dstate:
        break
    time.sleep(0.2)
for p in dstate:
    bad += 1
    print("FAIL: in D state: %s" % p)
with open(out, "w") as f:
    for i in range(n):
        f.write("%d %d %d\n" % (i, cell[W * i], cell[W * i + 1]))
sys.exit(1 if bad else 0)
EOF
# the files' inodes are counted: the count below means something
i_mid=$(inodes)
[ -z "$i0" ] || [ "${i_mid:-0}" -ge "$((i0 + kill_n / 2))" ] ||
	_failed "smb1fs inodes while mounted: $i_mid, before: $i0"
assert_ok umount "$SMB1FS_MNT"
# the module's inodes go (freed by RCU: a moment after the umount)
for _ in $(seq 1 20); do
	i1=$(inodes)
	[ -z "$i0" ] || [ "${i1:-0}" -le "$((i0 + 4))" ] && break
	sleep 0.5
done
log "smb1fs inodes: ${i0:-?} before the mount, ${i_mid:-?} with the files, ${i1:-?} after the umount"
[ -z "$i0" ] || [ "${i1:-0}" -le "$((i0 + 4))" ] ||
	_failed "smb1fs inodes $i0 -> $i1"
check_ok python3 - "$d/kill" "$src/bounds" <<'EOF'
import os, random, sys
srv, bounds = sys.argv[1], sys.argv[2]
PERIOD, MAX = 4093, 1 << 20
bad = total = files = 0
for line in open(bounds):
    i, lo, hi = map(int, line.split())
    path = "%s/w%03d" % (srv, i)
    if not os.path.exists(path):
        if lo:
            bad += 1
            print("FAIL: w%03d missing, %d bytes were written" % (i, lo))
        continue
    got = open(path, "rb").read()
    pat = random.Random("writer %d" % i).randbytes(PERIOD)
    want = (pat * (MAX // PERIOD + 2))[:len(got)]
    files += 1
    total += len(got)
    if not lo <= len(got) <= hi:
        bad += 1
        print("FAIL: w%03d has %d bytes, written %d to %d" %
              (i, len(got), lo, hi))
    if got != want:
        bad += 1
        at = next(k for k in range(len(got)) if got[k] != want[k])
        end = next((k for k in range(at, len(got), 512)
                    if got[k:k + 512] == want[k:k + 512]), len(got))
        what = "zeros" if not got[at:end].strip(b"\0") else "other data"
        print("FAIL: w%03d differs from its stream at %d to %d of %d: %s" %
              (i, at, end, len(got), what))
print("%d files, %d bytes, prefixes of their streams" % (files, total))
sys.exit(1 if bad else 0)
EOF
dmesg -r | sed -n "/$mark/,\$p" | sed 1d | grep -E '^<[0-4]>' >"$src/warn"
check_eq "" "$(cat "$src/warn")" "kernel warnings while writers were killed"
check_kernel_clean "$mark"
umount "$d/full" || _failed "umount of the small disk"
rm -rf "$src" "$d"
