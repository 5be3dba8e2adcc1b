#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Random 4 KiB reads from a file, each compared with the same block of a
reference copy.

usage: randcheck.py FILE REFERENCE COUNT [SEED]

Reads COUNT blocks of 4 KiB at random block-aligned offsets of FILE (the
access pattern of the benchmark's fio job), with pread(2), and compares
each with the block at the same offset of REFERENCE.  Prints one line;
exit status 1 at the first difference.
"""
import hashlib
import os
import random
import sys

BS = 4096


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__.strip())
    path, ref, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    seed = int(sys.argv[4]) if len(sys.argv) == 5 else 1
    size = os.path.getsize(ref)
    if os.path.getsize(path) != size:
        print("size %d, expected %d" % (os.path.getsize(path), size))
        return 1
    blocks = size // BS
    if blocks == 0:
        print("reference shorter than one block")
        return 1
    rng = random.Random(seed)
    digest = hashlib.sha256()
    fd = os.open(path, os.O_RDONLY)
    rfd = os.open(ref, os.O_RDONLY)
    try:
        for i in range(count):
            off = rng.randrange(blocks) * BS
            got = os.pread(fd, BS, off)
            want = os.pread(rfd, BS, off)
            if got != want:
                print("block at offset %d differs (read %d bytes, read %d of %d)"
                      % (off, len(got), i + 1, count))
                return 1
            digest.update(got)
    finally:
        os.close(fd)
        os.close(rfd)
    print("%d random 4 KiB blocks equal (sha256 %s...)"
          % (count, digest.hexdigest()[:16]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
