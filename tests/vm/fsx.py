#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Random operations on a few files, checked against a model of their bytes.

usage: fsx.py [--seed N] [--ops N] [--files N] [--max-size BYTES]
              [--max-len BYTES] [--check-every K] [--server-dir DIR]
              [--save DIR] [--no-mmap] [--dos-names] [-v] DIR

Creates the files f0, f1, ... (with --dos-names F0.DAT, F1.DAT, ...: 8.3
names, for servers that know no others) in DIR (a directory of the mount under
test) and runs N operations on them, each on a file chosen at random:
write (pwrite at a random offset, often past the end of the file, which
leaves a hole), pwrite through a second descriptor of the same file,
append (a new O_APPEND descriptor), read and compare, truncate down and
up (ftruncate or truncate by name), fsync, close and open again (O_TRUNC
now and then), mmap write (MAP_SHARED, msync now and then) and mmap
read within the current size, stat of the size, and rename of the file
to another name and back (while it is open).  Offsets stay below
--max-size (1 MiB); a transfer has up to --max-len bytes (200 KiB), so
that one spans several WRITE_ANDX requests and many pages.

The whole of every file is compared with the model every --check-every
operations and at the end; with --server-dir (the directory the server
exports as DIR, read directly) after an fsync the server's copy is
compared too.  At the end the files are closed, opened again and
compared once more, and with --save the expected contents are written to
--save DIR under the same names, for a check after a remount.

The operations depend on --seed and the other options only: the same
seed with fewer --ops runs a prefix of the same sequence.  On the first
difference or failed system call fsx.py prints the seed, the operation,
the first differing offset with what the model expected there (and which
operation wrote that), the last operations, and exits 1.
"""
import argparse
import collections
import ctypes
import faulthandler
import mmap
import os
import random
import sys
import time

PAGE = mmap.PAGESIZE
KIB = 1024
ALT = '.renamed'            # the other name of a file while renamed


class Failure(Exception):
    pass


libc = ctypes.CDLL(None, use_errno=True)
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int,
                      ctypes.c_int, ctypes.c_int, ctypes.c_long)
libc.msync.argtypes = (ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int)
libc.munmap.argtypes = (ctypes.c_void_p, ctypes.c_size_t)
MAP_FAILED = ctypes.c_void_p(-1).value
MS_SYNC = 4


class Mapping:
    """A MAP_SHARED mapping of length bytes of fd at offset.  Not the
    mmap module's: its mapping holds a duplicate of the descriptor,
    whose close() would write the whole file back on the way."""

    def __init__(self, fd, length, offset, write=False):
        prot = mmap.PROT_READ | (mmap.PROT_WRITE if write else 0)
        self.len = length
        self.addr = libc.mmap(None, length, prot, mmap.MAP_SHARED, fd,
                              offset)
        if self.addr in (None, MAP_FAILED):
            self.fail('mmap')

    def fail(self, what):
        e = ctypes.get_errno()
        raise OSError(e, f'{what}: {os.strerror(e)}')

    def read(self, off, n):
        return ctypes.string_at(self.addr + off, n)

    def write(self, off, data):
        ctypes.memmove(self.addr + off, data, len(data))

    def sync(self):
        if libc.msync(self.addr, self.len, MS_SYNC):
            self.fail('msync')

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if libc.munmap(self.addr, self.len):
            self.fail('munmap')


class File:
    def __init__(self, idx, d, dos=False):
        # 8.3 upper-case names for servers that know no others
        self.name = f'F{idx}.DAT' if dos else f'f{idx}'
        self.alt = f'F{idx}.REN' if dos else self.name + ALT
        self.dir = d
        self.cur = self.name    # the name it has now
        self.fd = self.fd2 = -1
        self.model = bytearray()

    def path(self, name=None):
        return os.path.join(self.dir, name or self.cur)

    def store(self, off, data):
        m = self.model
        if off > len(m):
            m.extend(bytes(off - len(m)))
        m[off:off + len(data)] = data

    def resize(self, size):
        m = self.model
        if size < len(m):
            del m[size:]
        else:
            m.extend(bytes(size - len(m)))


def pread_all(fd, n, off):
    parts = []
    while n > 0:
        b = os.pread(fd, n, off)
        if not b:
            break
        parts.append(b)
        n -= len(b)
        off += len(b)
    return b''.join(parts)


def pwrite_all(fd, data, off):
    done = 0
    while done < len(data):
        done += os.pwrite(fd, data[done:], off + done)


def first_diff(a, b):
    """The first index where a and b differ (or the shorter length)."""
    lo, hi = 0, min(len(a), len(b))
    if a[:hi] == b[:hi]:
        return hi
    while hi - lo > 64:     # bisect to a short range, then step
        mid = (lo + hi) // 2
        if a[lo:mid] != b[lo:mid]:
            hi = mid
        else:
            lo = mid
    while a[lo] == b[lo]:
        lo += 1
    return lo


class Fsx:
    def __init__(self, a):
        self.a = a
        self.rng = random.Random(a.seed)
        # What op n writes at offset o is base[o] + n (mod 256): data
        # written at the wrong offset, or left over from an older
        # operation, does not pass for the right data, and a wrong byte
        # tells which operation wrote it.
        self.base = random.Random(~a.seed).randbytes(a.max_size)
        self.tables = [bytes((i + k) & 0xff for i in range(256))
                       for k in range(256)]
        self.files = [File(i, a.dir, a.dos_names) for i in range(a.files)]
        self.log = collections.deque(maxlen=30)
        self.history = []       # (op, file, start, end, op or None for 0)
        self.opno = 0
        ops = [('write', 20), ('pwrite2', 8), ('append', 6), ('read', 16),
               ('truncate', 6), ('fsync', 4), ('reopen', 4), ('stat', 4),
               ('rename', 3)]
        if not a.no_mmap:
            ops += [('mapwrite', 7), ('mapread', 7)]
        if a.no_rename:
            ops = [o for o in ops if o[0] != 'rename']
        self.ops = [o for o, _ in ops]
        self.weights = [w for _, w in ops]
        self.counts = collections.Counter()

    # --- data, logging, failure -------------------------------------

    def data(self, off, n):
        return self.base[off:off + n].translate(self.tables[self.opno & 0xff])

    def note(self, f, what):
        line = f'{self.opno:6d} {f.name:>3} {what} [size {len(f.model):#x}]'
        self.log.append(line)
        if self.a.verbose:
            print(line, flush=True)

    def wrote(self, f, start, end, zero=False):
        self.history.append((self.opno, f.name, start, end,
                             None if zero else self.opno))

    def origin(self, name, off, value=None):
        """The operation that wrote what off of file name holds (the
        model's byte there, or value), as text."""
        if value == 0:
            return 'zero'
        for op, fname, start, end, src in reversed(self.history):
            if fname != name or not start <= off < end:
                continue
            if value is None:
                return f'{"zeroed" if src is None else "written"} by #{op}'
            if src is not None and (self.base[off] + src) & 0xff == value:
                return f'as written by #{op}'
        return 'unknown'

    def fail(self, msg, f=None, off=None, exp=None, got=None):
        a = self.a
        out = [f'fsx: seed {a.seed}: operation {self.opno} failed: {msg}']
        if f is not None:
            i = first_diff(exp, got)
            at = off + i
            out.append(f'first difference at offset {at:#x} of {f.name} '
                       f'(expected {len(exp):#x} bytes, got {len(got):#x})')
            for what, b in (('expected', exp), ('got', got)):
                chunk = b[i:i + 16]
                if not chunk:
                    out.append(f'  {what:>8}: nothing (the end of the file)')
                    continue
                why = self.origin(f.name, at, None if b is exp else chunk[0])
                out.append(f'  {what:>8}: {chunk.hex(" ")} ({why})')
        out.append(f'last {len(self.log)} operations:')
        out += ['  ' + line for line in self.log]
        out.append(f'reproduce: fsx.py --seed {a.seed} '
                   f'--ops {min(self.opno, a.ops)} --files {a.files} '
                   f'--max-size {a.max_size} --max-len {a.max_len}'
                   + (f' --check-every {a.check_every}'
                      if a.check_every else '')
                   + (' --no-mmap' if a.no_mmap else '') + ' DIR')
        print('\n'.join(out), file=sys.stderr, flush=True)
        raise Failure(msg)

    def compare(self, f, what, off, exp, got):
        if exp != got:
            self.fail(f'{what}: data differ', f, off, exp, got)

    def check_size(self, f, what, size):
        if size != len(f.model):
            self.fail(f'{what}: size {size:#x}, expected {len(f.model):#x}')

    # --- choices ---------------------------------------------------------

    def pick_len(self):
        r = self.rng
        u = r.random()
        if u < 0.4:
            return r.randint(1, 2 * PAGE)
        if u < 0.75:
            return r.randint(1, 80 * KIB)
        return r.randint(1, self.a.max_len)

    def pick_off(self, size):
        r, ms = self.rng, self.a.max_size
        u = r.random()
        if u < 0.4 and size:
            off = r.randrange(size)                 # inside the file
        elif u < 0.6:                               # near a page or 64 KiB
            b = r.choice((PAGE, 64 * KIB))
            off = r.randrange(ms // b + 1) * b + r.randint(-64, 64)
        elif u < 0.75:
            off = size + r.randrange(3 * PAGE)      # at or just past the end
        else:
            off = r.randrange(ms)                   # anywhere: often a hole
        return min(max(off, 0), ms - 1)

    def pick_range(self, size):
        off = self.pick_off(size)
        return off, min(self.pick_len(), self.a.max_size - off)

    # --- operations ------------------------------------------------------

    def op_write(self, f, second=False):
        off, n = self.pick_range(len(f.model))
        data = self.data(off, n)
        self.note(f, f'{"pwrite2" if second else "write"} {off:#x} len {n:#x}')
        pwrite_all(f.fd2 if second else f.fd, data, off)
        if off > len(f.model):
            self.wrote(f, len(f.model), off, zero=True)
        f.store(off, data)
        self.wrote(f, off, off + n)

    def op_pwrite2(self, f):
        self.op_write(f, second=True)

    def op_append(self, f):
        size = len(f.model)
        n = min(self.pick_len(), self.a.max_size - size)
        self.note(f, f'append len {n:#x}')
        if not n:
            return
        data = self.data(size, n)
        fd = os.open(f.path(), os.O_WRONLY | os.O_APPEND)
        try:
            done = 0
            while done < n:
                done += os.write(fd, data[done:])
            pos = os.lseek(fd, 0, os.SEEK_CUR)
        finally:
            os.close(fd)
        f.store(size, data)
        self.wrote(f, size, size + n)
        if pos != size + n:
            self.fail(f'append: offset {pos:#x} after it, '
                      f'expected {size + n:#x}')

    def op_read(self, f):
        r, size = self.rng, len(f.model)
        off = r.randrange(size + PAGE) if r.random() < 0.8 else \
            r.randrange(self.a.max_size)
        n = self.pick_len()
        second = r.random() < 0.3
        self.note(f, f'read{"2" if second else ""} {off:#x} len {n:#x}')
        got = pread_all(f.fd2 if second else f.fd, n, off)
        self.compare(f, 'read', off, bytes(f.model[off:off + n]), got)

    def op_truncate(self, f):
        r, size, ms = self.rng, len(f.model), self.a.max_size
        u = r.random()
        if u < 0.1:
            new = 0
        elif u < 0.5 and size:
            new = r.randrange(size)
        elif u < 0.7:
            new = min(r.randrange(ms // PAGE + 1) * PAGE
                      + r.randint(-2, 2), ms)
            new = max(new, 0)
        else:
            new = r.randint(size, ms)
        by_name = r.random() < 0.3
        self.note(f, f'truncate{" by name" if by_name else ""} '
                  f'{size:#x} -> {new:#x}')
        if by_name:
            os.truncate(f.path(), new)
        else:
            os.ftruncate(f.fd, new)
        if new > size:
            self.wrote(f, size, new, zero=True)
        f.resize(new)

    def op_fsync(self, f):
        second = self.rng.random() < 0.3
        self.note(f, f'fsync{"2" if second else ""}')
        os.fsync(f.fd2 if second else f.fd)

    def op_reopen(self, f):
        r = self.rng
        which = r.choice(('fd', 'fd2', 'both'))
        trunc = r.random() < 0.2
        self.note(f, f'close and open {which}{" O_TRUNC" if trunc else ""}')
        flags = os.O_RDWR | (os.O_TRUNC if trunc else 0)
        for attr in ('fd', 'fd2') if which == 'both' else (which,):
            os.close(getattr(f, attr))
            setattr(f, attr, -1)
            setattr(f, attr, os.open(f.path(), flags))
        if trunc:
            f.resize(0)
            self.wrote(f, 0, self.a.max_size, zero=True)

    def map_range(self, f, what):
        size = len(f.model)
        off = self.rng.randrange(size)
        n = min(self.pick_len(), size - off)
        self.note(f, f'{what} {off:#x} len {n:#x}')
        # past the end of the file the mapping would raise SIGBUS
        self.check_size(f, 'fstat', os.fstat(f.fd).st_size)
        return off, n, off - off % mmap.ALLOCATIONGRANULARITY

    def op_mapwrite(self, f):
        if not f.model:
            self.note(f, 'mapwrite: empty file, skipped')
            return
        sync = self.rng.random() < 0.5
        off, n, start = self.map_range(f, 'mapwrite' + ' msync' * sync)
        data = self.data(off, n)
        with Mapping(f.fd, off + n - start, start, write=True) as m:
            m.write(off - start, data)
            if sync:
                m.sync()
        f.store(off, data)
        self.wrote(f, off, off + n)

    def op_mapread(self, f):
        if not f.model:
            self.note(f, 'mapread: empty file, skipped')
            return
        off, n, start = self.map_range(f, 'mapread')
        with Mapping(f.fd, off + n - start, start) as m:
            got = m.read(off - start, n)
        self.compare(f, 'mapread', off, bytes(f.model[off:off + n]), got)

    def op_stat(self, f):
        self.note(f, 'stat')
        self.check_size(f, 'fstat', os.fstat(f.fd).st_size)
        self.check_size(f, 'stat', os.stat(f.path()).st_size)

    def op_rename(self, f):
        new = f.name if f.cur != f.name else f.alt
        self.note(f, f'rename {f.cur} -> {new}')
        os.rename(f.path(), f.path(new))
        old, f.cur = f.cur, new
        if os.path.lexists(f.path(old)):
            self.fail(f'rename: {old} still there')
        self.check_size(f, 'stat after rename', os.stat(f.path()).st_size)

    # --- whole files -----------------------------------------------------

    def check_file(self, f, what, fd):
        exp = bytes(f.model)
        got = pread_all(fd, len(exp) + PAGE, 0)
        self.compare(f, f'{what}: whole file', 0, exp, got)
        self.check_size(f, f'{what}: fstat', os.fstat(fd).st_size)

    def check_all(self, what):
        for f in self.files:
            self.check_file(f, what, f.fd)
            if not self.a.server_dir:
                continue
            os.fsync(f.fd)
            with open(os.path.join(self.a.server_dir, f.cur), 'rb') as s:
                got = s.read()
            self.compare(f, f'{what}: server copy', 0, bytes(f.model), got)

    def checked(self, what, fn, *args):
        try:
            fn(*args)
        except OSError as e:
            self.fail(f'{what}: {e}')

    def run(self):
        a = self.a
        t0 = time.monotonic()
        for f in self.files:
            for name in (f.name, f.alt):
                if os.path.lexists(f.path(name)):
                    os.unlink(f.path(name))
            f.fd = os.open(f.path(), os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
            f.fd2 = os.open(f.path(), os.O_RDWR)
        for self.opno in range(1, a.ops + 1):
            op = self.rng.choices(self.ops, self.weights)[0]
            f = self.files[self.rng.randrange(len(self.files))]
            self.counts[op] += 1
            self.checked(op, getattr(self, 'op_' + op), f)
            if a.check_every and self.opno % a.check_every == 0:
                self.checked('check', self.check_all,
                             f'check after operation {self.opno}')
        self.opno = a.ops + 1
        self.log.append(f'{self.opno:6d} final checks')
        self.checked('final checks', self.finish)
        ops = ' '.join(f'{o}={self.counts[o]}' for o in self.ops)
        sizes = ' '.join(f'{f.name}={len(f.model)}' for f in self.files)
        print(f'fsx: seed {a.seed}: {a.ops} operations passed in '
              f'{time.monotonic() - t0:.1f} s ({ops}; final sizes {sizes})')

    def finish(self):
        a = self.a
        self.check_all('at the end')
        for f in self.files:
            if f.cur != f.name:
                os.rename(f.path(), f.path(f.name))
                f.cur = f.name
            os.close(f.fd)
            os.close(f.fd2)
            f.fd = os.open(f.path(), os.O_RDONLY)
            self.check_file(f, 'opened again', f.fd)
            os.close(f.fd)
            if a.save:
                with open(os.path.join(a.save, f.name), 'wb') as s:
                    s.write(f.model)


def size_arg(s):
    mult = {'k': KIB, 'm': KIB * KIB}.get(s[-1:].lower(), 1)
    return int(s[:-1] if mult > 1 else s, 0) * mult


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--seed', type=int, default=None)
    p.add_argument('--ops', type=int, default=1000)
    p.add_argument('--files', type=int, default=1)
    p.add_argument('--max-size', type=size_arg, default=KIB * KIB)
    p.add_argument('--max-len', type=size_arg, default=200 * KIB)
    p.add_argument('--check-every', type=int, default=0, metavar='K')
    p.add_argument('--server-dir', metavar='DIR')
    p.add_argument('--save', metavar='DIR')
    p.add_argument('--no-mmap', action='store_true')
    p.add_argument('--dos-names', action='store_true')
    p.add_argument('--no-rename', action='store_true')
    p.add_argument('-v', '--verbose', action='store_true')
    p.add_argument('dir')
    a = p.parse_args()
    if a.seed is None:
        a.seed = int.from_bytes(os.urandom(4), 'little')
    if a.max_size < 1 or a.max_len < 1 or a.files < 1:
        p.error('--max-size, --max-len and --files must be positive')
    a.max_len = min(a.max_len, a.max_size)
    faulthandler.enable()       # a SIGBUS in a mapping: say where
    print(f'fsx: seed {a.seed}, {a.ops} operations on {a.files} file(s) '
          f'in {a.dir}, up to {a.max_size} bytes', flush=True)
    try:
        Fsx(a).run()
    except Failure:
        return 1
    except OSError as e:
        print(f'fsx: seed {a.seed}: {e}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
