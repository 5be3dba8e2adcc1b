#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Compare two directory trees: names, types, sizes, mtimes and contents.

usage: treecmp.py [--mtime-gran NS] [--full-hash-max BYTES] A B

Files larger than --full-hash-max are compared by size plus the sha256 of
their first and last MiB and of the MiB around 4 GiB, so a sparse 5 GiB
file costs seconds, not minutes.  mtimes are compared after truncation to
--mtime-gran nanoseconds (100 by default, the NT time unit).
Exit status 0 when the trees agree, 1 with one line per difference.
"""
import argparse
import hashlib
import os
import stat
import sys

MIB = 1024 * 1024


def digest(path, size, full_max):
    h = hashlib.sha256()
    if size == 0:
        return h.hexdigest()
    with open(path, 'rb', buffering=0) as f:
        if size <= full_max:
            while True:
                chunk = f.read(MIB)
                if not chunk:
                    break
                h.update(chunk)
        else:
            for off in (0, (4 << 30) - MIB, size - MIB):
                if 0 <= off < size:
                    f.seek(off)
                    h.update(f.read(MIB))
    return h.hexdigest()


def scan(top, gran, full_max):
    entries = {}
    for root, dirs, files in os.walk(top):
        dirs.sort()
        for name in sorted(dirs + files):
            path = os.path.join(root, name)
            rel = os.path.relpath(path, top)
            if rel == '.tree-complete':
                continue
            st = os.lstat(path)
            if stat.S_ISDIR(st.st_mode):
                entries[rel] = ('dir', None, None, None)
            else:
                entries[rel] = ('file', st.st_size, st.st_mtime_ns // gran,
                                digest(path, st.st_size, full_max))
    return entries


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mtime-gran', type=int, default=100)
    ap.add_argument('--full-hash-max', type=int, default=256 * MIB)
    ap.add_argument('a')
    ap.add_argument('b')
    args = ap.parse_args()

    # os.walk() says nothing about a tree that is not there
    for top in (args.a, args.b):
        if not os.path.isdir(top):
            print('not a directory: %s' % top)
            return 1
    a = scan(args.a, args.mtime_gran, args.full_hash_max)
    b = scan(args.b, args.mtime_gran, args.full_hash_max)
    bad = 0
    for rel in sorted(set(a) | set(b)):
        if rel not in b:
            print('only in %s: %s' % (args.a, rel))
        elif rel not in a:
            print('only in %s: %s' % (args.b, rel))
        elif a[rel] != b[rel]:
            what = ('type', 'size', 'mtime', 'sha256')
            diffs = [f'{w} {x} != {y}' for w, x, y in zip(what, a[rel], b[rel])
                     if x != y]
            print('differs: %s: %s' % (rel, ', '.join(diffs)))
        else:
            continue
        bad += 1
    if not a:
        print('nothing to compare: %s is empty' % args.a)
        bad += 1
    files = sum(1 for v in a.values() if v[0] == 'file')
    print('compared %d entries (%d files): %d differences' % (len(a), files, bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
