#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The file-system hands of the hostile-server tests (tests/vm/hostile.sh).

Starting a program in the test VM costs up to seconds on the debug
kernel, so the tests do their mounts and file operations through this
one process: it reads requests from stdin, one per line, fields
separated by tabs, and answers each with one line

    STATUS<TAB>MILLISECONDS<TAB>TEXT

STATUS is "ok", the errno name of the failing system call ("EIO"...), or
"differ" (cmp).  For an errno, TEXT is "NAME: strerror".  Requests:

    mount SRC DIR OPTIONS     mount(2) of smb1fs
    umount DIR                umount(2)
    ls DIR                    the names in DIR, sorted (TEXT)
    read FILE                 read it all: "size=N zero=0|1"
    pread FILE OFFSET COUNT   the same for COUNT bytes at OFFSET
    cmp FILE1 FILE2 [COUNT]   the same contents (the first COUNT bytes)
    stat FILE                 its size
    statfs DIR                statfs(2): "bsize=N blocks=N"

Only the Python standard library is used.
"""

import ctypes
import errno
import os
import sys
import time

libc = ctypes.CDLL(None, use_errno=True)
libc.mount.argtypes = [ctypes.c_char_p] * 3 + [ctypes.c_ulong, ctypes.c_char_p]
libc.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]


class Differ(Exception):
    pass


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


def op_mount(src, mnt, opts):
    check(libc.mount(src.encode(), mnt.encode(), b'smb1fs', 0, opts.encode()))
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


def op_statfs(path):
    st = os.statvfs(path)
    return 'bsize=%d blocks=%d' % (st.f_bsize, st.f_blocks)


OPS = {'mount': op_mount, 'umount': op_umount, 'ls': op_ls,
       'read': op_read, 'pread': op_pread, 'cmp': op_cmp, 'stat': op_stat,
       'statfs': op_statfs}


def main():
    for line in sys.stdin:
        args = line.rstrip('\n').split('\t')
        t0 = time.monotonic()
        try:
            status, text = 'ok', OPS[args[0]](*args[1:])
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
