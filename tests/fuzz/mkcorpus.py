#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Seed inputs for the fuzz targets of tests/fuzz/: well-formed replies
of each kind smb1fs decodes, written as OUTDIR/TARGET/NAME.  The targets
that take a leading selector byte (see each fuzz_*.c) get it here too."""

import os
import struct
import sys

REPLY = 0x80
UNICODE = 0x8000
NT_STATUS = 0x4000
NONE = 0xff


def hdr(cmd, flags2=NT_STATUS | UNICODE, status=0, mid=1):
    return (b"\xffSMB" + struct.pack("<BIBH", cmd, status, REPLY, flags2) +
            bytes(12) + struct.pack("<HHHH", 1, 0x1234, 100, mid))


def block(words, data):
    assert len(words) % 2 == 0
    return bytes([len(words) // 2]) + words + struct.pack("<H", len(data)) + data


def andx(cmd=NONE, off=0):
    return struct.pack("<BBH", cmd, 0, off)


def msg(cmd, words, data, **kw):
    return hdr(cmd, **kw) + block(words, data)


def u16s(s):
    return s.encode("utf-16-le")


def ntlmssp_challenge():
    ti = (struct.pack("<HH", 2, 8) + u16s("WORK") +
          struct.pack("<HH", 7, 8) + struct.pack("<Q", 132000000000000000) +
          struct.pack("<HH", 0, 0))
    name = u16s("WORK")
    off_name = 48
    off_ti = off_name + len(name)
    return (b"NTLMSSP\0" + struct.pack("<I", 2) +
            struct.pack("<HHI", len(name), len(name), off_name) +
            struct.pack("<I", 0xe2898215) + b"\x11" * 8 + bytes(8) +
            struct.pack("<HHI", len(ti), len(ti), off_ti) + name + ti)


def negotiate():
    nt_words = (struct.pack("<HBHHIIII", 2, 3, 50, 1, 16644, 65536, 0,
                            0x8000e3fc & ~0x80000000) +
                struct.pack("<QhB", 132000000000000000, -60, 8))
    dom = u16s("WORKGROUP") + b"\0\0" + u16s("SERVER") + b"\0\0"
    ext_words = (struct.pack("<HBHHIIII", 2, 3, 50, 1, 16644, 65536, 0,
                             0x8000e3fc) +
                 struct.pack("<QhB", 132000000000000000, 0, 0))
    lm_words = struct.pack("<HHHHHHIHHhHH", 1, 3, 4356, 50, 1, 0, 0,
                           0x6000, 0x5a21, 60, 8, 0)
    return {
        "nt": b"\x03" + msg(0x72, nt_words, b"\x42" * 8 + dom),
        "nt-oem": b"\x03" + msg(0x72, nt_words, b"\x42" * 8 + b"WORKGROUP\0",
                                flags2=NT_STATUS),
        "ext": b"\x03" + msg(0x72, ext_words, b"\x07" * 16 +
                             b"\x60\x28\x06\x06\x2b\x06\x01\x05\x05\x02"),
        "lanman": b"\x02" + msg(0x72, lm_words, b"\x42" * 8 + b"DOMAIN\0",
                                flags2=0),
        "plain": b"\x03" + msg(0x72, nt_words[:2] + b"\x01" + nt_words[3:-1] +
                               b"\0", b"", flags2=0),
        "core": b"\x01" + msg(0x72, struct.pack("<H", 0), b""),
        "none": b"\x03" + msg(0x72, struct.pack("<H", 0xffff), b""),
    }


def sess_setup():
    strs = u16s("Unix\0Samba 4.17\0WORKGROUP\0")
    tc = block(andx() + struct.pack("<H", 1), b"A:\0" + u16s("NTFS\0"))
    first = hdr(0x73)
    off = len(first) + 1 + 6 + 2 + 1 + len(strs)
    chained = (first + block(andx(0x75, off) + struct.pack("<H", 0),
                             b"\0" + strs) + tc)
    blob = ntlmssp_challenge()
    return {
        "plain": msg(0x73, andx() + struct.pack("<H", 0), strs),
        "guest": msg(0x73, andx() + struct.pack("<H", 1), strs),
        "ext": msg(0x73, andx() + struct.pack("<HH", 0, len(blob)),
                   blob + strs, status=0xc0000016),
        "chained": chained,
    }


def tree_connect():
    return {
        "disk": msg(0x75, andx() + struct.pack("<H", 1), b"A:\0" + u16s("NTFS\0")),
        "ext": msg(0x75, andx() + struct.pack("<HII", 1, 0x1f01ff, 0),
                   b"A:\0"),
        "lanman": msg(0x75, andx(), b"IPC\0", flags2=0),
    }


def read_rsp(data, off_extra=0, large=False):
    """A READ_ANDX reply carrying data, data right after ByteCount."""
    start = 32 + 1 + 24 + 2 + off_extra
    dlen = len(data)
    words = (andx() + struct.pack("<HHHHHH", 0xffff, 0, 0, dlen & 0xffff,
                                  start, dlen >> 16 if large else 0) +
             bytes(8))
    return msg(0x2e, words, bytes(off_extra) + data)


def open_andx():
    ow = struct.pack("<HHIIHHHH", 0x4001, 0x20, 0x5f000000, 5000, 0, 0, 0, 1)
    plain = msg(0x2d, andx() + ow + bytes(6), b"")
    first = hdr(0x2d)
    data = b"hello, world\n" * 3
    off = len(first) + 1 + 30 + 2
    read = block(andx() + struct.pack("<HHHHHH", 0xffff, 0, 0, len(data),
                                      off + 1 + 24 + 2, 0) + bytes(8), data)
    chained = first + block(andx(0x2e, off) + ow + bytes(6), b"") + read
    # the same with a CLOSE reply (no words, no bytes) after the read
    roff = off + 1 + 24 + 2
    close_at = roff + len(data)
    read_close = block(andx(0x04, close_at) + struct.pack(
        "<HHHHHH", 0xffff, 0, 0, len(data), roff, 0) + bytes(8), data)
    closed = (first + block(andx(0x2e, off) + ow + bytes(6), b"") +
              read_close + block(b"", b""))
    # NT_CREATE_ANDX: 34 words, the extended 50, and 50 counted as 42
    nt = 132000000000000000
    ntw = (struct.pack("<BHI", 2, 0x4005, 2) +
           struct.pack("<QQQQI", nt, nt, nt, nt, 0x20) +
           struct.pack("<QQHHB", 8192, 5000, 0, 0, 0))
    ext = b"\x07" * 16 + struct.pack("<QII", 0x30000420000, 0x1f01ff, 0x1200a9)
    nt_first = hdr(0xa2)
    nt_off = len(nt_first) + 1 + 68 + 2
    nt_read = block(andx() + struct.pack("<HHHHHH", 0xffff, 0, 0, len(data),
                                         nt_off + 1 + 24 + 2, 0) + bytes(8),
                    data)
    win = bytearray(msg(0xa2, andx() + ntw + ext, b""))
    win[32] = 42
    return {
        "plain": plain,
        "ext": msg(0x2d, andx() + ow + bytes(14), b""),
        "chained": chained,
        "chained-close": closed,
        "nt-create": msg(0xa2, andx() + ntw, b""),
        "nt-create-ext": msg(0xa2, andx() + ntw + ext, b""),
        "nt-create-win": bytes(win),
        "nt-create-read": (nt_first + block(andx(0x2e, nt_off) + ntw, b"") +
                           nt_read),
    }


def read():
    small = read_rsp(b"0123456789abcdef" * 4)
    pad = read_rsp(b"x" * 100, off_extra=1)
    big = read_rsp(b"y" * 4000)
    return {
        "small": struct.pack("<H", 59) + small,
        "whole": struct.pack("<H", 0xffff) + small,
        "pad": struct.pack("<H", 60) + pad,
        "big": struct.pack("<H", 59) + big,
    }


def write_rsp(count, high=0, wc=6):
    """A WRITE_ANDX reply: Count, Available, CountHigh, Reserved."""
    words = andx() + struct.pack("<HHHH", count, 0xffff, high, 0)
    return msg(0x2f, (words + bytes(24))[:2 * wc], b"")


def write():
    """Each seed starts with the length the request sent (LE32)."""
    def sent(n):
        return struct.pack("<I", n)
    return {
        "all": sent(4096) + write_rsp(4096),
        "short": sent(4096) + write_rsp(2048),
        "large": sent(0x23456) + write_rsp(0x3456, 2),
        "64k": sent(0x10000) + write_rsp(0, 1),
        "counthigh-junk": sent(4096) + write_rsp(4096, 0xdead),
        "over": sent(4096) + write_rsp(4097),
        "wc12": sent(4096) + write_rsp(4096, wc=12),
        "error": sent(4096) + msg(0x2f, b"", b"", status=0xc000007f),
    }


def trans2(params, data, cmd=0x32, **kw):
    """A TRANSACTION2 reply: params, then data 4-aligned."""
    base = 32 + 1 + 20 + 2
    pad1 = (4 - (base + 1) % 4) % 4 + 1
    po = base + pad1
    doff = po + len(params)
    pad2 = (4 - doff % 4) % 4
    doff += pad2
    words = struct.pack("<HHHHHHHHHBB", len(params), len(data), 0,
                        len(params), po, 0, len(data), doff, 0, 0, 0)
    return msg(cmd, words, bytes(pad1) + params + bytes(pad2) + data, **kw)


def all_info():
    nt = 132000000000000000
    return (struct.pack("<QQQQII", nt, nt, nt, nt, 0x20, 0) +
            struct.pack("<QQIBBHII", 8192, 5000, 1, 0, 0, 0, 0, 10) +
            u16s("file.txt"))


def trans2_seeds():
    std = struct.pack("<HHHHHHIIH", 0x5a21, 0x6000, 0x5a21, 0x6000,
                      0x5a21, 0x6000, 5000, 8192, 0x20)
    fs = struct.pack("<QQII", 1000000, 500000, 8, 512)
    qi = struct.pack("<HII", 0x20, 1600000000, 5000) + bytes(10)
    return {
        "all": b"\x00" + trans2(b"\0\0", all_info()),
        "std": b"\xfc" + trans2(b"\0\0", std, flags2=0),
        "fs": b"\x00" + trans2(b"", fs),
        "qinfo": b"\x04" + msg(0x08, qi, b"", flags2=0),
    }


def dirinfo(names, last_next=0):
    out = b""
    for i, n in enumerate(names):
        name = u16s(n)
        ent_len = 64 + len(name)
        ent_len += (8 - ent_len % 8) % 8
        nxt = ent_len if i + 1 < len(names) else last_next
        nt = 132000000000000000 + i
        e = (struct.pack("<II", nxt, i + 1) +
             struct.pack("<QQQQQQII", nt, nt, nt, nt, 100 * i, 4096,
                         0x10 if n in (".", "..") else 0x20, len(name)) +
             name)
        out += e + bytes(ent_len - len(e)) if i + 1 < len(names) else e
    return out


def idfull(names, padded=True):
    """SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO entries, each with a file id."""
    out = b""
    for i, n in enumerate(names):
        name = u16s(n)
        ent_len = 80 + len(name)
        pad = (8 - ent_len % 8) % 8
        nxt = ent_len + pad if i + 1 < len(names) else 0
        nt = 132000000000000000 + i
        e = (struct.pack("<II", nxt, i + 1) +
             struct.pack("<QQQQQQII", nt, nt, nt, nt, 100 * i, 4096,
                         0x10 if n in (".", "..") else 0x20, len(name)) +
             struct.pack("<IIQ", 0, 0, 0x1000000000 + i) + name)
        out += e + bytes(pad) if padded and i + 1 < len(names) else e
    return out


def standard(names, unicode):
    out = b""
    for i, n in enumerate(names):
        name = u16s(n) if unicode else n.encode()
        out += (struct.pack("<I", i + 1) +
                struct.pack("<HHHHHHIIH", 0x5a21, 0x6000, 0x5a21, 0x6000,
                            0x5a21, 0x6000, 10 * i, 4096, 0x20) +
                bytes([len(name)]) + name + (b"\0\0" if unicode else b"\0"))
    return out


def find():
    names = [".", "..", "a.txt", "sub", "\u00e9t\u00e9.txt"]
    d = dirinfo(names)
    first = struct.pack("<HHHHH", 7, len(names), 1, 0, 0)
    nxt = struct.pack("<HHHH", len(names), 0, 0, 0)
    return {
        "first-dirinfo": b"\x04" + trans2(first, d),
        "next-dirinfo": b"\x05" + trans2(nxt, d),
        "first-std-u": b"\x06" + trans2(first, standard(names, True)),
        "first-std": b"\x02" + trans2(first, standard(names[:4], False),
                                      flags2=0),
        "next-std": b"\x03" + trans2(nxt, standard(names[:4], False),
                                     flags2=0),
        "first-padded": b"\x04" + trans2(first, dirinfo(names, 200)),
        "first-idfull": b"\x0c" + trans2(first, idfull(names)),
        "next-idfull-unpadded": b"\x0d" + trans2(nxt, idfull(names, False)),
    }


def search():
    ents = b""
    for i, n in enumerate([b"A.TXT", b"SUBDIR", b"LONGNAME.EXT"]):
        ents += (bytes([i]) * 21 + b"\x20" + struct.pack("<HHI", 0x6000,
                                                         0x5a21, 77 * i) +
                 n.ljust(13, b"\0" if i else b" "))
    return {
        "three": msg(0x81, struct.pack("<H", 3),
                     b"\x05" + struct.pack("<H", len(ents)) + ents, flags2=0),
        "end": msg(0x81, struct.pack("<H", 0), b"\x05\0\0", flags2=0),
    }


def core():
    """The core protocol's replies, each after its selector byte (see
    fuzz_core.c): TREE_CONNECT, OPEN, CREATE, READ (after the prefix
    length), WRITE (after the length sent)."""
    def cmsg(cmd, words, data=b"", **kw):
        return msg(cmd, words, data, flags2=0, **kw)
    data = b"0123456789" * 40
    read = cmsg(0x0a, struct.pack("<H", len(data)) + bytes(8),
                b"\x01" + struct.pack("<H", len(data)) + data)
    return {
        "tcon": b"\0" + cmsg(0x70, struct.pack("<HH", 4356, 0x2c1)),
        "tcon-denied": b"\0" + cmsg(0x70, b"", status=0x00020002),
        "open": b"\1" + cmsg(0x02, struct.pack("<HHIIH", 0x4000, 0x20,
                                                1049308928, 10000, 2)),
        "create": b"\2" + cmsg(0x0f, struct.pack("<H", 0x4001)),
        "create-exists": b"\2" + cmsg(0x0f, b"", status=0x00500001),
        "read": b"\3" + struct.pack("<H", 48) + read,
        "read-whole": b"\3" + struct.pack("<H", 0xffff) + read,
        "read-eof": b"\3" + struct.pack("<H", 48) +
                    cmsg(0x0a, bytes(10), b"\x01\0\0"),
        "write": b"\4" + struct.pack("<I", 4096) +
                 cmsg(0x0b, struct.pack("<H", 4096)),
        "write-zero": b"\4" + struct.pack("<I", 0) + cmsg(0x0b, b"\0\0"),
    }


def frame():
    s = sess_setup()
    o = open_andx()
    return {
        "negotiate": negotiate()["nt"][1:],
        "chained-tcon": s["chained"],
        "chained-read": o["chained"],
        "error-nt": msg(0x2d, b"", b"", status=0xc0000034),
        "error-dos": msg(0x2d, b"", b"", flags2=0, status=0x00020001),
        "smb2": b"\xfeSMB" + bytes(60),
    }


def fold_pair(a, b):
    """Two names for the folding part of fuzz_unicode: len(a), a, b."""
    a, b = a.encode(), b.encode()
    return bytes([len(a)]) + a + b


def unicode_seeds():
    return {
        "utf16": b"\x40" + u16s("h\u00e9llo w\u00f6rld \U0001f600"),
        "utf8": b"\x20" + "na\u00efve caf\u00e9".encode(),
        "ascii": b"\x08" + b"SHARE",
        "small": b"\x03" + u16s("abc"),
        # case folding: the first byte splits the rest into two names
        "fold-latin1": fold_pair("Caf\u00e9", "CAF\u00c9"),
        "fold-greek": fold_pair("\u03bf\u03b4\u03bf\u03c2",
                                "\u039f\u0394\u039f\u03a3"),
        "fold-cyrillic": fold_pair("\u043f\u0440\u0438\u0432\u0435\u0442",
                                   "\u041f\u0420\u0418\u0412\u0415\u0422"),
        "fold-invalid": b"\x04" + b"a\xff\xc3b" + b"A\xff\xc3B",
    }


def main():
    outdir = sys.argv[1]
    seeds = {
        "frame": frame(),
        "negotiate": negotiate(),
        "sess_setup": sess_setup(),
        "tree_connect": tree_connect(),
        "open": open_andx(),
        "read": read(),
        "write": write(),
        "trans2": trans2_seeds(),
        "find": find(),
        "search": search(),
        "ntlmssp": {"challenge": ntlmssp_challenge()},
        "unicode": unicode_seeds(),
        "core": core(),
    }
    for target, items in seeds.items():
        d = os.path.join(outdir, target)
        os.makedirs(d, exist_ok=True)
        for name, data in items.items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
