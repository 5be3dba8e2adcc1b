#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Generate the benchmark's data set (tools/bench/guest.sh runs it in the VM).

usage: mkdata.py DIR SEQ_MB NPAR PAR_MB NSMALL NLS TDIRS TPER IMP_MB
       mkdata.py --write DIR SEQ_MB NSMALL NDIRS NBIG BIG_KB

Creates, under DIR, the data the reads find on the share:
  big                SEQ_MB MiB of random bytes (sequential and random reads)
  par/p1..pNPAR      PAR_MB MiB each (the parallel readers)
  small/f00000...    NSMALL files of 4 KiB of random bytes
  ls/entry-00001...  NLS empty files (the directory listing)
  tree/d001/f001...  TDIRS directories of TPER empty files (the stat walk)
  imp/big            IMP_MB MiB (the file impacket's server exports; a hard
                     link to big when the sizes are equal)
With --write, the sources of the write workloads (kept outside the share):
  big                SEQ_MB MiB of random bytes (the sequential write)
  tarx/dNN/fNNNNN    NSMALL files of 4 KiB of random bytes, spread over
                     NDIRS directories
  tarx/bigN          NBIG files of BIG_KB KiB each
One process, so that it takes seconds, not minutes, under emulation.
"""
import os
import sys

MIB = 1024 * 1024


def random_file(path, size):
    with open(path, "wb") as f:
        left = size
        while left > 0:
            n = min(left, 4 * MIB)
            f.write(os.urandom(n))
            left -= n


def write_sources(top, seq_mb, nsmall, ndirs, nbig, big_kb):
    tree = os.path.join(top, "tarx")
    os.makedirs(tree, exist_ok=True)
    random_file(os.path.join(top, "big"), seq_mb * MIB)
    for d in range(1, ndirs + 1):
        os.mkdir(os.path.join(tree, "d%02d" % d))
    blob = os.urandom(nsmall * 4096)
    for i in range(nsmall):
        d = os.path.join(tree, "d%02d" % (i % ndirs + 1))
        with open(os.path.join(d, "f%05d" % i), "wb") as f:
            f.write(blob[i * 4096:(i + 1) * 4096])
    for i in range(1, nbig + 1):
        random_file(os.path.join(tree, "big%d" % i), big_kb * 1024)
    return 0


def main():
    if len(sys.argv) == 8 and sys.argv[1] == "--write":
        return write_sources(sys.argv[2], *(int(a) for a in sys.argv[3:]))
    if len(sys.argv) != 10:
        sys.exit(__doc__.strip())
    top = sys.argv[1]
    seq_mb, npar, par_mb, nsmall, nls, tdirs, tper, imp_mb = \
        (int(a) for a in sys.argv[2:])
    for d in ("par", "small", "ls", "tree", "imp"):
        os.makedirs(os.path.join(top, d), exist_ok=True)
    random_file(os.path.join(top, "big"), seq_mb * MIB)
    for i in range(1, npar + 1):
        random_file(os.path.join(top, "par", "p%d" % i), par_mb * MIB)
    blob = os.urandom(nsmall * 4096)
    for i in range(nsmall):
        with open(os.path.join(top, "small", "f%05d" % i), "wb") as f:
            f.write(blob[i * 4096:(i + 1) * 4096])
    for i in range(1, nls + 1):
        open(os.path.join(top, "ls", "entry-%05d" % i), "wb").close()
    for d in range(1, tdirs + 1):
        dd = os.path.join(top, "tree", "d%03d" % d)
        os.mkdir(dd)
        for i in range(1, tper + 1):
            open(os.path.join(dd, "f%03d" % i), "wb").close()
    imp = os.path.join(top, "imp", "big")
    if imp_mb == seq_mb:
        os.link(os.path.join(top, "big"), imp)
    else:
        random_file(imp, imp_mb * MIB)
    return 0


if __name__ == "__main__":
    sys.exit(main())
