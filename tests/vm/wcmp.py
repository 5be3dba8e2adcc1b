#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The same changes through two mounts of one share, side by side.

usage: wcmp.py NAME MNTDIR SERVERDIR [NAME MNTDIR SERVERDIR]

For each NAME, runs a fixed sequence of changes in MNTDIR (an empty
directory of a mount) and looks at what they did both through the mount
and in SERVERDIR, the directory the server exports there, read
directly: create, append, overwrite in place, truncate down and up (by
descriptor and by name), utime, chmod a-w and u+w, a write to a
read-only file, mkdir, rmdir of a non-empty directory, rename over an
existing file, rename of a directory, unlink of an open file, a hard
link, an exclusive create of an existing name, and names Windows cannot
store.  Every outcome is a line "key value" (an errno name, a mode, a
size, a yes/no).

The contents the server ends up with must be what was written: a
difference is a PROBLEM line.  With two mounts, the first is the one
under test (its problems make the exit status 1) and the second the
reference (its problems are only reported); every key whose values
differ is printed as a "differs:" line.
"""
import errno
import os
import stat
import sys
import time


def ename(e):
    return errno.errorcode.get(e.errno, 'E%d' % e.errno)


class Run:
    def __init__(self, name, mnt, srv):
        self.name = name
        self.mnt = mnt
        self.srv = srv
        self.out = {}
        self.problems = []

    def m(self, *p):
        return os.path.join(self.mnt, *p)

    def s(self, *p):
        return os.path.join(self.srv, *p)

    def put(self, key, value):
        self.out[key] = str(value)

    def try_(self, key, fn, *args):
        """fn(*args): 'ok' or the errno name under key; the result."""
        try:
            r = fn(*args)
            self.put(key, 'ok')
            return r
        except OSError as e:
            self.put(key, ename(e))
            return None

    def server(self, name):
        try:
            with open(self.s(name), 'rb') as f:
                return f.read()
        except OSError:
            return None

    def want(self, name, data, when):
        got = self.server(name)
        if got != data:
            self.problems.append(
                '%s: the server has %s for %s, %d bytes expected (%s)' %
                (self.name, 'nothing' if got is None else
                 '%d bytes' % len(got), name, len(data), when))

    def write(self, name, data, flags=os.O_TRUNC):
        fd = os.open(self.m(name), os.O_WRONLY | os.O_CREAT | flags, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)

    def mode(self, path):
        return stat.filemode(os.stat(path).st_mode)

    def run(self):
        put, try_ = self.put, self.try_
        # create, append, overwrite in the middle
        try_('create', self.write, 'new.txt', b'hello\n')
        self.want('new.txt', b'hello\n', 'create')
        put('new-file-mode', self.mode(self.m('new.txt')))
        try_('append', self.write, 'new.txt', b'more\n', os.O_APPEND)
        self.want('new.txt', b'hello\nmore\n', 'append')
        big = bytes((i * 31 + 7) & 0xff for i in range(300000))
        try_('create-300k', self.write, 'big', big)
        fd = os.open(self.m('big'), os.O_RDWR)
        os.pwrite(fd, bytes(3000), 150000)
        big = big[:150000] + bytes(3000) + big[153000:]
        try_('overwrite-fsync', os.fsync, fd)
        self.want('big', big, 'overwrite in place, fsync')
        # truncate down and up, by descriptor
        try_('ftruncate-down', os.ftruncate, fd, 100000)
        self.want('big', big[:100000], 'ftruncate down')
        try_('ftruncate-up', os.ftruncate, fd, 120000)
        big = big[:100000] + bytes(20000)
        self.want('big', big, 'ftruncate up')
        os.close(fd)
        # and by name, closed
        if try_('truncate-name-down', os.truncate, self.m('big'), 50000) is None \
                and self.out['truncate-name-down'] == 'ok':
            big = big[:50000]
        self.want('big', big, 'truncate by name down')
        put('size-after-truncate-name', os.stat(self.m('big')).st_size)
        if try_('truncate-name-up', os.truncate, self.m('big'), 60000) is None \
                and self.out['truncate-name-up'] == 'ok':
            big = big + bytes(60000 - len(big))
        self.want('big', big, 'truncate by name up')
        # an empty file by O_TRUNC
        try_('otrunc', self.write, 'big', b'')
        self.want('big', b'', 'O_TRUNC')

        # times: utime, as stored and as read back; mtime after a write
        t = 981173106      # 2001-02-03 04:05:06 UTC
        try_('utime', os.utime, self.m('new.txt'), (t, t))
        st = os.stat(self.s('new.txt'))
        put('utime-server-mtime', 'set' if int(st.st_mtime) == t else
            'off by %d' % (int(st.st_mtime) - t))
        put('utime-server-atime', 'set' if int(st.st_atime) == t else
            'off by %d' % (int(st.st_atime) - t))
        st = os.stat(self.m('new.txt'))
        put('utime-mount-mtime', 'set' if int(st.st_mtime) == t else
            'off by %d' % (int(st.st_mtime) - t))
        put('utime-mount-atime', 'set' if int(st.st_atime) == t else
            'off by %d' % (int(st.st_atime) - t))
        try_('append-after-utime', self.write, 'new.txt', b'x\n', os.O_APPEND)
        self.want('new.txt', b'hello\nmore\nx\n', 'append after utime')
        ms = int(os.stat(self.s('new.txt')).st_mtime)
        mm = int(os.stat(self.m('new.txt')).st_mtime)
        put('mtime-after-write-server', 'moved' if ms > t + 60 else 'kept')
        put('mtime-after-write-mount-equals-server',
            'yes' if abs(ms - mm) <= 2 else 'no (%+d s)' % (mm - ms))

        # chmod a-w, a write refused, u+w
        try_('chmod-a-w', os.chmod, self.m('new.txt'), 0o444)
        put('mode-after-a-w', self.mode(self.m('new.txt')))
        body = b'hello\nmore\nx\n'
        try_('append-read-only', self.write, 'new.txt', b'no\n', os.O_APPEND)
        if self.out['append-read-only'] == 'ok':
            body += b'no\n'
        self.want('new.txt', body, 'write to a read-only file')
        try_('chmod-u+w', os.chmod, self.m('new.txt'), 0o644)
        put('mode-after-u+w', self.mode(self.m('new.txt')))
        try_('chmod-0600', os.chmod, self.m('new.txt'), 0o600)
        put('mode-after-0600', self.mode(self.m('new.txt')))
        try_('create-ro', self.write, 'ro', b'ro\n')
        try_('chmod-a-w-ro', os.chmod, self.m('ro'), 0o444)
        try_('unlink-read-only', os.unlink, self.m('ro'))
        put('read-only-file-on-server-after-unlink',
            'yes' if os.path.exists(self.s('ro')) else 'no')

        # directories
        try_('mkdir', os.mkdir, self.m('dir1'))
        put('new-dir-mode', self.mode(self.m('dir1')))
        try_('create-in-dir', self.write, 'dir1/f', b'x\n')
        try_('rmdir-not-empty', os.rmdir, self.m('dir1'))
        put('dir-on-server-after-rmdir-not-empty',
            'yes' if os.path.isdir(self.s('dir1')) else 'no')
        try_('mkdir-existing', os.mkdir, self.m('dir1'))
        try_('unlink-dir', os.unlink, self.m('dir1'))
        try_('rmdir-file', os.rmdir, self.m('dir1/f'))
        try_('unlink-in-dir', os.unlink, self.m('dir1/f'))
        try_('rmdir', os.rmdir, self.m('dir1'))
        put('dir-on-server-after-rmdir',
            'yes' if os.path.exists(self.s('dir1')) else 'no')

        # rename: over an existing file, a directory with a file in it
        try_('create-target', self.write, 'target', b'target\n')
        try_('rename-over', os.rename, self.m('new.txt'), self.m('target'))
        self.want('target', body, 'rename over an existing file')
        put('old-name-on-server-after-rename',
            'yes' if os.path.exists(self.s('new.txt')) else 'no')
        os.makedirs(self.m('d1', 'sub'))
        self.write('d1/sub/x', b'inner\n')
        try_('rename-dir', os.rename, self.m('d1'), self.m('d2'))
        self.want('d2/sub/x', b'inner\n', 'rename of a directory')
        os.mkdir(self.m('full'))
        self.write('full/y', b'y\n')
        try_('rename-dir-over-nonempty-dir', os.rename, self.m('d2'),
             self.m('full'))
        os.mkdir(self.m('empty'))
        try_('rename-dir-over-empty-dir', os.rename, self.m('d2'),
             self.m('empty'))
        try_('rename-file-over-dir', os.rename, self.m('target'),
             self.m('full'))
        try_('rename-dir-over-file', os.rename, self.m('full'),
             self.m('target'))

        # unlink of an open file
        self.write('openfile', b'keep\n')
        fd = os.open(self.m('openfile'), os.O_RDWR)
        before = set(os.listdir(self.srv))
        try_('unlink-open', os.unlink, self.m('openfile'))
        put('unlinked-name-visible-on-mount',
            'yes' if os.path.exists(self.m('openfile')) else 'no')
        put('unlinked-name-on-server',
            'yes' if os.path.exists(self.s('openfile')) else 'no')
        extra = sorted(set(os.listdir(self.srv)) - before - {'openfile'})
        put('unlink-open-server-extra-names', 'yes' if extra else 'no')
        put('unlink-open-mount-listing-extra',
            'yes' if set(os.listdir(self.mnt)) - before - {'openfile'}
            else 'no')
        put('read-through-unlinked-fd',
            'ok' if os.pread(fd, 5, 0) == b'keep\n' else 'wrong')
        try_('write-through-unlinked-fd', os.pwrite, fd, b'more\n', 5)
        try_('fsync-unlinked-fd', os.fsync, fd)
        try_('name-used-again', self.write, 'openfile', b'again\n')
        self.want('openfile', b'again\n', 'the name used again')
        try_('close-unlinked', os.close, fd)
        time.sleep(1)
        extra = sorted(set(os.listdir(self.srv)) - before - {'openfile'})
        put('unlink-open-server-extra-after-close', 'yes' if extra else 'no')

        # a hard link
        self.write('small', b'')
        try_('link', os.link, self.m('small'), self.m('small.link'))
        put('nlink-after-link', os.stat(self.m('small')).st_nlink)
        if self.out['link'] == 'ok':
            try_('append-via-link', self.write, 'small.link', b'linked\n',
                 os.O_APPEND)
            self.want('small', b'linked\n', 'a write through the second name')
            put('size-first-name-on-mount', os.stat(self.m('small')).st_size)
            put('same-inode-on-mount', 'yes' if os.stat(self.m('small')).st_ino
                == os.stat(self.m('small.link')).st_ino else 'no')
        try_('link-over-existing', os.link, self.m('small'), self.m('openfile'))

        # exclusive create, names Windows cannot store
        try_('create-excl-existing', os.open, self.m('small'),
             os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        known = {'small', 'small.link', 'target', 'openfile', 'big',
                 'empty', 'full', 'd2'}
        for bad in ('a:b', 'star*', 'q?', 'trail.', 'pipe|x', 'lt<', 'quote"',
                    'back\\slash', 'trail '):
            key = 'create-name-%s' % bad.replace(' ', 'SPACE')
            try_(key, self.write, bad, b'x\n')
            new = sorted(set(os.listdir(self.srv)) - before - known)
            # quoted; a character mapped to another shows as \uXXXX
            put(key + '-server', ','.join(repr(n) for n in new) or 'none')
            for n in new:
                os.unlink(self.s(n))


def main():
    a = sys.argv[1:]
    if len(a) not in (3, 6):
        sys.exit(__doc__)
    runs = [Run(*a[i:i + 3]) for i in range(0, len(a), 3)]
    for r in runs:
        try:
            r.run()
        except OSError as e:
            r.problems.append('%s: stopped: %s' % (r.name, e))
        for k in sorted(r.out):
            print('%s: %s %s' % (r.name, k, r.out[k]))
    rc = 0
    for i, r in enumerate(runs):
        for p in r.problems:
            print('%s: %s' % ('PROBLEM' if i == 0 else 'reference problem', p))
            if i == 0:
                rc = 1
    if len(runs) == 2:
        a, b = runs
        n = 0
        for k in sorted(set(a.out) | set(b.out)):
            va, vb = a.out.get(k, '-'), b.out.get(k, '-')
            if va != vb:
                n += 1
                print('differs: %s: %s %s, %s %s' % (k, a.name, va, b.name, vb))
        print('%d differences' % n)
    return rc


if __name__ == '__main__':
    sys.exit(main())
