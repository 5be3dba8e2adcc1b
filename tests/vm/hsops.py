#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The file-system hands of the hostile-server tests (tests/vm/hostile.sh).

Starting a program in the test VM costs up to seconds on the debug
kernel, so the tests do their mounts and file operations through this
one process: it reads requests from stdin, one per line, fields
separated by tabs, and answers each with one line

    STATUS<TAB>MILLISECONDS<TAB>TEXT

STATUS is "ok", the errno name of the failing system call ("EIO"...), or
"differ" (cmp).  For an errno, TEXT is "NAME: strerror", for write
followed by what each step returned.  Requests:

    mount SRC DIR OPTIONS     mount smb1fs through fsopen(2), fsconfig(2),
                              fsmount(2) and move_mount(2); on failure
                              TEXT also holds the messages of the mount's
                              log ("e smb1fs: ..."), separated by " | "
    umount DIR                umount(2)
    ls DIR                    the names in DIR, sorted (TEXT)
    read FILE                 read it all: "size=N zero=0|1"
    pread FILE OFFSET COUNT   the same for COUNT bytes at OFFSET
    cmp FILE1 FILE2 [COUNT]   the same contents (the first COUNT bytes)
    stat FILE                 its size
    statfs DIR                statfs(2): "bsize=N blocks=N"
    write FILE SIZE [close]   create or truncate FILE, write SIZE bytes of
                              a pattern, fsync(2) (not with close) and
                              close(2), each step checked: "size=N md5=M",
                              or the errno of the first that failed, and
                              "(write ok, fsync ENOSPC, close ok)"
    truncate FILE SIZE        truncate(2)
    ftruncate FILE SIZE       open(2) for writing (without O_TRUNC),
                              ftruncate(2), close(2): the errno of the
                              first that failed
    touch FILE                utime(2) to 2001-02-03 04:05:06 UTC
    touchopen FILE            open(2) for writing (without O_TRUNC), write
                              100 bytes at 0, utime(2) as touch, write
                              100 bytes at 100, close(2): the errno of
                              the first that failed
    excl FILE                 open(2) with O_CREAT | O_EXCL, write 5
                              bytes, close(2)
    utime FILE SECONDS        utime(2) to that time (seconds since 1970)
    mtime FILE                its modification time, in whole seconds
    chmod FILE MODE           chmod(2), MODE in octal
    mode FILE                 its permission bits, in octal
    rm FILE                   unlink(2)
    pwrite FILE OFFSET COUNT  open(2) for writing (created if need be, not
                              truncated), pwrite(2) COUNT bytes of a
                              pattern at OFFSET (again for the rest of a
                              short write), fsync(2), close(2):
                              "wrote=N md5=M" of the bytes written, or
                              the errno of the first step that failed and
                              "(pwrite N, pwrite EFBIG, fsync ok, close ok)"
    md5 FILE OFFSET COUNT     read COUNT bytes at OFFSET: "size=N md5=M"
    unlinkopen FILE           create FILE, write 5000 bytes, unlink(2) it
                              while open; then the name must be gone
                              (stat ENOENT, not listed), writes and reads
                              through the descriptor go on, a new file of
                              the name (10 bytes) is another; close:
                              "old size=N md5=M new size=N md5=M"

Only the Python standard library is used.
"""

import ctypes
import errno
import hashlib
import os
import sys
import time

libc = ctypes.CDLL(None, use_errno=True)
libc.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]
libc.syscall.restype = ctypes.c_long

# x86-64 system call numbers and flags of the new mount API
NR_MOVE_MOUNT, NR_FSOPEN, NR_FSCONFIG, NR_FSMOUNT = 429, 430, 431, 432
FSOPEN_CLOEXEC = 1
FSCONFIG_SET_FLAG, FSCONFIG_SET_STRING, FSCONFIG_CMD_CREATE = 0, 1, 6
FSMOUNT_CLOEXEC = 1
MOVE_MOUNT_F_EMPTY_PATH = 4
AT_FDCWD = -100


class Differ(Exception):
    pass


class StepsError(OSError):
    """A write whose steps failed: the errno of the first, and what
    every step returned."""

    def __init__(self, err, steps):
        super().__init__(err, os.strerror(err))
        self.steps = steps


class MountError(Exception):
    def __init__(self, err, msgs):
        super().__init__(err)
        self.errno = err
        self.msgs = msgs


def check(ret):
    if ret != 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))


def read_all(path, off=0, count=None):
    with open(path, 'rb', buffering=0) as f:
        if off:
            f.seek(off)
        data = bytearray()
        while count is None or len(data) < count:
            chunk = f.read(1 << 20 if count is None else count - len(data))
            if not chunk:
                break
            data += chunk
        return bytes(data)


def describe(data):
    return 'size=%d zero=%d' % (len(data), 0 if data.strip(b'\0') else 1)


def syscall(nr, *args):
    ret = libc.syscall(nr, *args)
    if ret < 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))
    return ret


def fs_log(fd):
    """The messages of a file-system context's log."""
    msgs = []
    while True:
        try:
            m = os.read(fd, 1024)
        except OSError:
            break
        if not m:
            break
        msgs.append(m.decode('utf-8', 'replace').rstrip('\n'))
    return msgs


def op_mount(src, mnt, opts):
    fd = syscall(NR_FSOPEN, b'smb1fs', FSOPEN_CLOEXEC)
    try:
        try:
            syscall(NR_FSCONFIG, fd, FSCONFIG_SET_STRING, b'source', src.encode(), 0)
            for o in opts.split(','):
                if not o:
                    continue
                k, eq, v = o.partition('=')
                if eq:
                    syscall(NR_FSCONFIG, fd, FSCONFIG_SET_STRING, k.encode(),
                        v.encode(), 0)
                else:
                    syscall(NR_FSCONFIG, fd, FSCONFIG_SET_FLAG, k.encode(), None, 0)
            syscall(NR_FSCONFIG, fd, FSCONFIG_CMD_CREATE, None, None, 0)
            mfd = syscall(NR_FSMOUNT, fd, FSMOUNT_CLOEXEC, 0)
        except OSError as e:
            raise MountError(e.errno, fs_log(fd))
        try:
            syscall(NR_MOVE_MOUNT, mfd, b'', AT_FDCWD, mnt.encode(),
                MOVE_MOUNT_F_EMPTY_PATH)
        finally:
            os.close(mfd)
    finally:
        os.close(fd)
    return ''


def op_umount(mnt):
    check(libc.umount2(mnt.encode(), 0))
    return ''


def op_ls(path):
    return ' '.join(sorted(os.listdir(path)))


def op_read(path):
    return describe(read_all(path))


def op_pread(path, off, count):
    return describe(read_all(path, int(off), int(count)))


def op_cmp(a, b, count=None):
    n = None if count is None else int(count)
    da, db = read_all(a, 0, n), read_all(b, 0, n)
    if da != db:
        at = next((i for i, (x, y) in enumerate(zip(da, db)) if x != y),
                  min(len(da), len(db)))
        raise Differ('%s and %s differ at byte %d (sizes %d, %d)' %
                     (a, b, at, len(da), len(db)))
    return 'size=%d' % len(da)


def op_stat(path):
    return str(os.stat(path).st_size)


def op_ino(path):
    return str(os.stat(path).st_ino)


def op_statfs(path):
    st = os.statvfs(path)
    return 'bsize=%d blocks=%d' % (st.f_bsize, st.f_blocks)


def pattern(n):
    """n bytes that differ from page to page (251 is prime)."""
    block = bytes((i * 131 + 7) & 0xff for i in range(251))
    return (block * (n // len(block) + 1))[:n]


def op_write(path, size, how='fsync'):
    data = pattern(int(size))
    steps, first = [], None
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    calls = [('write', None), ('fsync', lambda: os.fsync(fd)),
             ('close', lambda: os.close(fd))]
    if how == 'close':
        del calls[1]
    for name, fn in calls:
        try:
            if name == 'write':
                pos = 0
                while pos < len(data):
                    pos += os.write(fd, data[pos:])
            else:
                fn()
            steps.append('%s ok' % name)
        except OSError as e:
            steps.append('%s %s' % (name, errno.errorcode.get(e.errno, e.errno)))
            first = first or e.errno
            if name == 'close':
                break
    if first:
        raise StepsError(first, steps)
    return 'size=%d md5=%s' % (len(data), hashlib.md5(data).hexdigest())


def op_pwrite(path, off, count):
    off, data = int(off), pattern(int(count))
    steps, first, done = [], None, 0
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
    while done < len(data):
        try:
            n = os.pwrite(fd, data[done:], off + done)
            steps.append('pwrite %d' % n)
            done += n
        except OSError as e:
            steps.append('pwrite %s' % errno.errorcode.get(e.errno, e.errno))
            first = e.errno
            break
    for name, fn in (('fsync', lambda: os.fsync(fd)), ('close', lambda: os.close(fd))):
        try:
            fn()
            steps.append('%s ok' % name)
        except OSError as e:
            steps.append('%s %s' % (name, errno.errorcode.get(e.errno, e.errno)))
            first = first or e.errno
    if first:
        raise StepsError(first, steps)
    return 'wrote=%d md5=%s' % (done, hashlib.md5(data[:done]).hexdigest())


def op_md5(path, off, count):
    data = read_all(path, int(off), int(count))
    return 'size=%d md5=%s' % (len(data), hashlib.md5(data).hexdigest())


def op_truncate(path, size):
    os.truncate(path, int(size))
    return ''


def op_ftruncate(path, size):
    fd = os.open(path, os.O_WRONLY)
    try:
        os.ftruncate(fd, int(size))
    finally:
        os.close(fd)
    return ''


def op_chmod(path, mode):
    os.chmod(path, int(mode, 8))
    return ''


def op_mode(path):
    return '%o' % (os.stat(path).st_mode & 0o7777)


def op_touch(path):
    t = 981173106               # 2001-02-03 04:05:06 UTC
    os.utime(path, (t, t))
    return ''


def op_touchopen(path):
    fd = os.open(path, os.O_WRONLY)
    try:
        os.pwrite(fd, pattern(100), 0)
        op_touch(path)
        os.pwrite(fd, pattern(100), 100)
    finally:
        os.close(fd)
    return ''


def op_excl(path):
    """An exclusive create (O_CREAT | O_EXCL) and a write of 5 bytes."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, b'excl\n')
    finally:
        os.close(fd)
    return ''


def op_utime(path, t):
    os.utime(path, (int(t), int(t)))
    return ''


def op_mtime(path):
    return str(int(os.stat(path).st_mtime))


def op_rm(path):
    os.unlink(path)
    return ''


def op_unlinkopen(path):
    d, name = os.path.split(path)
    old = pattern(5000)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.pwrite(fd, old, 0)
        os.unlink(path)
        try:
            os.stat(path)
            raise Differ('the unlinked name is still there')
        except FileNotFoundError:
            pass
        if name in os.listdir(d):
            raise Differ('the unlinked name is still listed')
        os.pwrite(fd, b'second', len(old))
        os.fsync(fd)
        old += b'second'
        got = os.pread(fd, 10000, 0)
        if got != old:
            raise Differ('read %d bytes after the unlink, not the %d written'
                         % (len(got), len(old)))
        new = b'a new file'
        nfd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            os.write(nfd, new)
        finally:
            os.close(nfd)
        os.pwrite(fd, b'third', len(old))
        os.fsync(fd)
        old += b'third'
        got = os.pread(fd, 10000, 0)
        if got != old:
            raise Differ('read %d bytes after the new file, not the %d written'
                         % (len(got), len(old)))
    finally:
        os.close(fd)
    with open(path, 'rb') as f:
        got = f.read()
    if got != new:
        raise Differ('the new file holds %r' % got[:40])
    return 'old size=%d md5=%s new size=%d md5=%s' % (
        len(old), hashlib.md5(old).hexdigest(), len(new),
        hashlib.md5(new).hexdigest())


def op_mkdir(path):
    os.mkdir(path)
    return ''


def op_rmdir(path):
    os.rmdir(path)
    return ''


def op_rename(a, b):
    os.rename(a, b)
    return ''


OPS = {'mount': op_mount, 'umount': op_umount, 'ls': op_ls,
       'read': op_read, 'pread': op_pread, 'cmp': op_cmp, 'stat': op_stat,
       'ino': op_ino,
       'statfs': op_statfs, 'write': op_write, 'truncate': op_truncate,
       'ftruncate': op_ftruncate, 'touch': op_touch,
       'touchopen': op_touchopen, 'mtime': op_mtime, 'chmod': op_chmod,
       'mode': op_mode, 'rm': op_rm, 'mkdir': op_mkdir, 'rmdir': op_rmdir,
       'rename': op_rename, 'unlinkopen': op_unlinkopen,
       'pwrite': op_pwrite, 'md5': op_md5, 'excl': op_excl,
       'utime': op_utime}


def main():
    for line in sys.stdin:
        args = line.rstrip('\n').split('\t')
        t0 = time.monotonic()
        try:
            status, text = 'ok', OPS[args[0]](*args[1:])
        except StepsError as e:
            status = errno.errorcode.get(e.errno, 'E%d' % e.errno)
            text = '%s: %s (%s)' % (status, os.strerror(e.errno), ', '.join(e.steps))
        except MountError as e:
            name = errno.errorcode.get(e.errno, 'E%d' % e.errno)
            status = name
            text = ' | '.join(['%s: %s' % (name, os.strerror(e.errno))] + e.msgs)
        except OSError as e:
            name = errno.errorcode.get(e.errno, 'E%d' % e.errno)
            status, text = name, '%s: %s' % (name, os.strerror(e.errno))
        except Differ as e:
            status, text = 'differ', str(e)
        except (KeyError, TypeError, ValueError) as e:
            status, text = 'usage', repr(e)
        ms = int((time.monotonic() - t0) * 1000)
        text = text.replace('\t', ' ').replace('\n', ' ')
        sys.stdout.write('%s\t%d\t%s\n' % (status, ms, text))
        sys.stdout.flush()


if __name__ == '__main__':
    main()
