#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A scriptable fake SMB1 server for the hostile-server integration cases.

    fakesrv.py [--addr ADDR] [--port PORT] [--log FILE] [--files DIR]
               SCENARIO[+TAG][=[ADDR:]PORT]...
    fakesrv.py --list

It speaks just enough NT LM 0.12 for smb1fs to mount, read and write a
small share (NEGOTIATE with an 8-byte challenge, SESSION_SETUP_ANDX
that accepts anyone, TREE_CONNECT_ANDX, TRANS2 QUERY_PATH_INFORMATION at
SMB_QUERY_FILE_ALL_INFO, SMB_INFO_STANDARD and SMB_INFO_QUERY_EA_SIZE,
QUERY_FS_INFORMATION at SMB_QUERY_FS_SIZE_INFO and SMB_INFO_ALLOCATION,
FIND_FIRST2 / FIND_NEXT2 at SMB_FIND_FILE_DIRECTORY_INFO,
SMB_INFO_STANDARD and SMB_INFO_QUERY_EA_SIZE (with resume keys when the
request's flags ask for them, searches closed as they say), OPEN_ANDX
with or without a READ_ANDX chained to it, READ_ANDX, CLOSE,
FIND_CLOSE2, TREE_DISCONNECT, LOGOFF_ANDX, and the NetBIOS session
request of port 139), and misbehaves the way the named scenario says.
The NT levels (0x100 and above) are only for a server that announced
CAP_NT_SMBS; any other level is refused with STATUS_INVALID_LEVEL and
logged ("QUERY_FS_INFORMATION level 0x103 refused").  The scenarios
marked with file_ids() also give file ids: QUERY_PATH_INFORMATION at
the pass-through FileInternalInformation, and with 'fid' TRANS2
QUERY_FILE_INFORMATION at it through an open FID.  Every scenario is
one entry of the SCENARIOS table: a name, what it does, and rules "at
this kind of request, do that instead".

Files can be created and written: OPEN_ANDX opens, creates and
truncates as its OpenFunction says; WRITE_ANDX (12 or 14 words, the
length's high word only when both sides announced CAP_LARGE_WRITEX),
FLUSH, DELETE, and TRANS2 SET_PATH_INFORMATION / SET_FILE_INFORMATION
at SMB_SET_FILE_BASIC_INFO and SMB_SET_FILE_END_OF_FILE_INFO change the
share in memory, and so do the core commands CREATE_DIRECTORY,
DELETE_DIRECTORY, RENAME (never over an existing name, nor of a file
open here), SET_INFORMATION (attributes; its time is logged),
SET_INFORMATION2 (the times of a file open for writing, logged as "set
information2 of NAME (mtime N)"; every date and time must be a valid
one, a zero date fails the test as a malformed request, since Windows
takes it literally) and WRITE (a count of 0 sets the size).  The
scenarios that play Windows 98 keep the times set, as the levels of
LAN Manager 2.0 and OPEN_ANDX show them, and a write stamps the file's
modification time with the current one, unless SET_INFORMATION2 set
the times through that FID (they stay then, as on Windows); they
refuse to rename or delete a file open by a FID with the DOS error
ERRDOS/ERRbadshare (logged as "rename of NAME refused: open").  NT_CREATE_ANDX is refused (STATUS_NOT_SUPPORTED), so
that the client opens with OPEN_ANDX, except by the scenarios marked
with nt_create(): they open, create, overwrite and supersede with it as
its CreateDisposition says, answer a READ_ANDX chained to it, and refuse
to open a file with the DOS read-only attribute for writing
(STATUS_ACCESS_DENIED).  Each listening socket has a share of its
own, which starts as the files below; the CLOSE of a file written
through that FID logs its size and MD5 ("close of file id 0x4000
(new.bin): 40000 bytes, md5 ...").  A rule's action sees the correct
reply, so a write is done whatever the reply says.

The scenarios marked with core() play a core protocol server instead
(PC NETWORK PROGRAM 1.0): the core negotiate and TREE_CONNECT,
QUERY_INFORMATION, SEARCH, QUERY_INFORMATION_DISK, OPEN, CREATE,
CREATE_NEW, READ and the commands above that the core protocol has, OEM
8.3 names in capitals, DOS error codes; any other request is answered
with ERRSRV/ERRsmbcmd and logged as malformed (see core()).

Every request is checked against the layout the protocol gives it: word
and byte counts inside the message and as the command has them, AndX
chains going forward and ending with the message, TRANS2 sections and
WRITE_ANDX data inside it, names terminated where they must end,
reserved fields zero, FIND_FIRST2 / FIND_NEXT2 flags and counts as
[MS-CIFS] has them and a FIND_NEXT2 at the level of its search.  A
request that breaks one of those rules is answered with
STATUS_INVALID_PARAMETER and logged as "NAME: conn N: malformed request
KIND: WHY", which tests/vm/hostile.sh counts as a failure of the test.

Each scenario gets its own listening socket: the first on PORT (default
4450), the next on PORT+1 and so on, unless SCENARIO=PORT or
SCENARIO=ADDR:PORT says otherwise.  SCENARIO+TAG is one more instance
of a scenario, under that name.  by-path:SCENARIO,SCENARIO... serves
several scenarios on one socket, each for the requests that name a path
under a top-level directory named after it (and for the FIDs and
searches those requests open): its directory holds the same files as
the root, which lists the scenarios' directories besides.  The other
requests are answered correctly.  Once all sockets listen, one line
"listening NAME ADDR PORT" per scenario and then "ready" go to stdout.
Events go to the log (default stderr), one line each, starting with the
scenario's name; "NAME: conn N: fired KIND" says that a hostile rule was
applied to a request of that kind.  --files DIR writes the share's
files into DIR first, for comparisons.  The server runs until killed.

Only the Python standard library is used.
"""

import calendar
import hashlib
import os
import socket
import struct
import sys
import threading
import time

# ---------------------------------------------------------------------
# Protocol constants
# ---------------------------------------------------------------------

NB_MESSAGE = 0x00
NB_SESSION_REQUEST = 0x81
NB_POSITIVE = 0x82
NB_NEGATIVE = 0x83
NB_RETARGET = 0x84
NB_KEEPALIVE = 0x85

CMD_CREATE_DIRECTORY = 0x00
CMD_DELETE_DIRECTORY = 0x01
CMD_OPEN = 0x02
CMD_CREATE = 0x03
CMD_CLOSE = 0x04
CMD_FLUSH = 0x05
CMD_DELETE = 0x06
CMD_RENAME = 0x07
CMD_QUERY_INFORMATION = 0x08
CMD_SET_INFORMATION = 0x09
CMD_READ = 0x0a
CMD_WRITE = 0x0b
CMD_CREATE_NEW = 0x0f
CMD_SET_INFORMATION2 = 0x22
CMD_LOCKING_ANDX = 0x24
CMD_ECHO = 0x2b
CMD_OPEN_ANDX = 0x2d
CMD_READ_ANDX = 0x2e
CMD_WRITE_ANDX = 0x2f
CMD_TRANS2 = 0x32
CMD_FIND_CLOSE2 = 0x34
CMD_TREE_CONNECT_CORE = 0x70
CMD_TREE_DISCONNECT = 0x71
CMD_NEGOTIATE = 0x72
CMD_SESSION_SETUP = 0x73
CMD_LOGOFF = 0x74
CMD_TREE_CONNECT = 0x75
CMD_QUERY_DISK = 0x80
CMD_SEARCH = 0x81
CMD_NT_CREATE_ANDX = 0xa2
NO_ANDX = 0xff
ANDX_CMDS = (0x2d, 0x2e, 0x2f, 0x73, 0x74, 0x75, 0xa2)

T2_FIND_FIRST2 = 1
T2_FIND_NEXT2 = 2
T2_QUERY_FS_INFO = 3
T2_QUERY_PATH_INFO = 5
T2_SET_PATH_INFO = 6
T2_QUERY_FILE_INFO = 7
T2_SET_FILE_INFO = 8

# TRANS2 query and search levels: those of LAN Manager 2.0, which every
# server has (the only ones of a server without NT SMBs), and the NT
# ones ([MS-CIFS] 2.2.2.3)
INFO_STANDARD = 1
INFO_QUERY_EA_SIZE = 2
INFO_ALLOCATION = 1                 # QUERY_FS_INFORMATION
FIND_FILE_DIRECTORY_INFO = 0x101
QUERY_FS_SIZE_INFO = 0x103
QUERY_FILE_ALL_INFO = 0x107
QUERY_FILE_INTERNAL_INFO = 0x3ee    # pass-through FileInternalInformation
NT_LEVELS = 0x100                   # the NT levels start here

# FIND_FIRST2 / FIND_NEXT2 Flags
FIND_CLOSE_AFTER_REQUEST = 0x01
FIND_CLOSE_AT_EOS = 0x02
FIND_RETURN_RESUME_KEYS = 0x04
FIND_CONTINUE_FROM_LAST = 0x08
FIND_FLAGS = 0x1f

# TRANS2 SET levels and the size of their data
SET_FILE_BASIC_INFO = 0x101
SET_FILE_END_OF_FILE_INFO = 0x104
SET_LEVEL_SIZES = {SET_FILE_BASIC_INFO: 40, SET_FILE_END_OF_FILE_INFO: 8}

# NT_CREATE_ANDX ([MS-CIFS] 2.2.4.64): CreateDisposition, CreateOptions,
# the access rights that write, and the action of the reply
NT_SUPERSEDE, NT_OPEN, NT_CREATE, NT_OPEN_IF, NT_OVERWRITE, NT_OVERWRITE_IF = range(6)
NT_DIRECTORY_FILE = 0x01
NT_NON_DIRECTORY_FILE = 0x40
NT_WRITE_ACCESS = (0x00000002 | 0x00000004 | 0x00010000 | 0x02000000 |
                   0x10000000 | 0x40000000)
NT_SUPERSEDED, NT_OPENED, NT_CREATED, NT_OVERWRITTEN = range(4)
ATTR_READONLY = 0x01

# OPEN_ANDX AccessMode (its low 3 bits) and OpenFunction
ACCESS_READ, ACCESS_WRITE, ACCESS_READWRITE, ACCESS_EXECUTE = 0, 1, 2, 3
OPEN_FUNC_CREATE = 0x10
OPEN_FUNC_FAIL, OPEN_FUNC_OPEN, OPEN_FUNC_TRUNC = 0, 1, 2
# OPEN_ANDX OpenResults: what was done
OPENED, CREATED, TRUNCATED = 1, 2, 3

FLAGS_REPLY = 0x80 | 0x08          # reply, case insensitive
FLAGS2 = 0x0001 | 0x0040 | 0x4000 | 0x8000  # long names, NT status, Unicode
FLAGS2_NT_STATUS = 0x4000
# a DOS error: the class in the low byte of the status, the code in the
# high 16 bits
ERRDOS = 0x01
ERRBADSHARE = 32            # ERRDOS: a sharing violation
ERRSRV = 0x02
ERRHRD = 0x03
ERRDISKFULL = 39            # ERRHRD: the disk is full
ERRSMBCMD = 64
ERRBADFUNC = 1
# the DOS errors a core server answers with, for the NT status codes the
# handlers here give ([MS-CIFS] 2.2.2.4)
DOS_ERRORS = {
    0xc000000f: (ERRDOS, 2), 0xc0000034: (ERRDOS, 2),      # ERRbadfile
    0xc000003a: (ERRDOS, 3), 0xc0000103: (ERRDOS, 3),      # ERRbadpath
    0xc0000022: (ERRDOS, 5), 0xc00000ba: (ERRDOS, 5),      # ERRnoaccess
    0xc0000121: (ERRDOS, 5),
    0xc0000008: (ERRDOS, 6),                               # ERRbadfid
    0xc0000101: (ERRDOS, 145),                             # ERRdirnotempty
    0x80000006: (ERRDOS, 18),                              # ERRnofiles
    0xc0000035: (ERRDOS, 80),                              # ERRfilexists
    0xc0000043: (ERRDOS, 32),                              # ERRbadshare
    0xc00000bb: (ERRSRV, ERRSMBCMD),
    0xc000000d: (ERRSRV, 1),                               # ERRerror
}
# The dialect of the core protocol
CORE_DIALECT = b'PC NETWORK PROGRAM 1.0'

CAP_UNICODE = 0x4
CAP_LARGE_FILES = 0x8
CAP_NT_SMBS = 0x10
CAP_STATUS32 = 0x40
CAP_NT_FIND = 0x200
CAP_INFOLEVEL_PASSTHRU = 0x2000
CAP_LARGE_READX = 0x4000
CAP_LARGE_WRITEX = 0x8000
CAP_EXTENDED_SECURITY = 0x80000000
CAPS = (CAP_UNICODE | CAP_LARGE_FILES | CAP_NT_SMBS | CAP_STATUS32 |
        CAP_NT_FIND | CAP_LARGE_READX | CAP_LARGE_WRITEX)
MAX_BUFFER = 16644          # MaxBufferSize of the NEGOTIATE reply

STATUS_OK = 0
STATUS_NO_MORE_FILES = 0x80000006
STATUS_INVALID_HANDLE = 0xc0000008
STATUS_INVALID_PARAMETER = 0xc000000d
STATUS_INVALID_LEVEL = 0xc0000148
STATUS_NO_SUCH_FILE = 0xc000000f
STATUS_NOT_SUPPORTED = 0xc00000bb
STATUS_OBJECT_NAME_NOT_FOUND = 0xc0000034
STATUS_OBJECT_NAME_COLLISION = 0xc0000035
STATUS_OBJECT_PATH_NOT_FOUND = 0xc000003a
STATUS_DISK_FULL = 0xc000007f
STATUS_FILE_IS_A_DIRECTORY = 0xc00000ba
STATUS_LOGON_FAILURE = 0xc000006d
STATUS_ACCESS_DENIED = 0xc0000022
STATUS_SHARING_VIOLATION = 0xc0000043
STATUS_CANNOT_DELETE = 0xc0000121
STATUS_NOT_A_DIRECTORY = 0xc0000103
STATUS_DIRECTORY_NOT_EMPTY = 0xc0000101

ATTR_DIRECTORY = 0x10
ATTR_ARCHIVE = 0x20

HDR = 32                            # SMB header size
# 2021-01-01 00:00:00 UTC as NT time (100 ns since 1601), and as the
# SMB_DATE and SMB_TIME of the older levels (the server's local time,
# which is UTC: ServerTimeZone 0)
NT_TIME = (1609459200 + 11644473600) * 10 ** 7
DOS_DATE = (2021 - 1980) << 9 | 1 << 5 | 1
DOS_TIME = 0
DOS_EPOCH = 1609459200              # the same in seconds since 1970
CHALLENGE = b'\x11\x22\x33\x44\x55\x66\x77\x88'

# ---------------------------------------------------------------------
# The share
# ---------------------------------------------------------------------


def pattern(n, seed):
    """n bytes that differ from file to file and from block to block."""
    block = bytes((i * 31 + seed) & 0xff for i in range(251))
    return (block * (n // len(block) + 1))[:n]


FILES = {
    'hello.txt': b'Hello from the fake SMB1 server.\n',
    'big.bin': pattern(300000, 7),
    'slow.bin': pattern(100000, 11),
    'mid.bin': pattern(62000, 13),
    'dir\\a.txt': b'a\n',
    'dir\\b.txt': b'bb\n',
}
DIRS = {'', 'dir'}


def children(share, d):
    """Names in directory d (no leading backslash) of a share, sorted."""
    pre = d + '\\' if d else ''
    out = []
    for p in sorted(list(share.files) + list(share.dirs)):
        if p and p.startswith(pre) and '\\' not in p[len(pre):]:
            out.append(p[len(pre):])
    return out


# Data past this stays sparse (Sparse): writes near 2 and 4 GiB allocate
# none of the holes before them.
SPARSE_AT = 64 << 20
# The largest file a FAT volume holds: 4 GiB - 1 bytes
FAT_MAX = (1 << 32) - 1


class Sparse:
    """The data of a file as extents (offset: bytes) in a hole of zeros,
    for files that reach past SPARSE_AT.  Sliced like bytes."""

    def __init__(self, data=b''):
        self.size = len(data)
        self.ext = {0: bytes(data)} if data else {}

    def __len__(self):
        return self.size

    def write(self, off, data):
        end = off + len(data)
        ext = {}
        for o, d in self.ext.items():
            e = o + len(d)
            if e <= off or o >= end:
                ext[o] = d
                continue
            if o < off:
                ext[o] = d[:off - o]
            if e > end:
                ext[end] = d[end - o:]
        ext[off] = bytes(data)
        self.ext = ext
        self.size = max(self.size, end)

    def resize(self, size):
        self.ext = {o: d[:size - o] for o, d in self.ext.items() if o < size}
        self.size = size

    def __getitem__(self, sl):
        start, stop, _ = sl.indices(self.size)
        out = bytearray(max(0, stop - start))
        for o, d in self.ext.items():
            a, b = max(o, start), min(o + len(d), stop)
            if a < b:
                out[a - start:b - start] = d[a - o:b - o]
        return bytes(out)

    def describe(self):
        """What the close logs instead of an MD5 of gigabytes."""
        return 'sparse, data at ' + ', '.join(
            '%d+%d md5 %s' % (o, len(d), hashlib.md5(d).hexdigest())
            for o, d in sorted(self.ext.items()))


class Share:
    """The files of one listening socket: FILES and DIRS at first, then
    as the clients change them."""

    def __init__(self):
        self.files = dict(FILES)
        self.dirs = set(DIRS)
        self.attrs = {}
        # the times set or stamped (scenarios that play Windows 98):
        # [creation, last access, last write] in seconds since 1970
        self.times = {}
        # file ids (scenarios with file_ids()): given at first sight
        self.ids = {}
        self.lock = threading.Lock()

    def file_id(self, p):
        with self.lock:
            return self.ids.setdefault(p, 0x1000 + len(self.ids))

    def attr(self, p):
        return self.attrs.get(p, ATTR_ARCHIVE)

    def write(self, p, off, data):
        with self.lock:
            old = self.files[p]
            if not isinstance(old, Sparse) and off + len(data) > SPARSE_AT:
                old = self.files[p] = Sparse(old)
            if isinstance(old, Sparse):
                old.write(off, data)
                return
            if off > len(old):
                old += bytes(off - len(old))
            self.files[p] = old[:off] + data + old[off + len(data):]

    def resize(self, p, size):
        with self.lock:
            old = self.files[p]
            if not isinstance(old, Sparse) and size > SPARSE_AT:
                old = self.files[p] = Sparse(old)
            if isinstance(old, Sparse):
                old.resize(size)
                return
            self.files[p] = old[:size].ljust(size, b'\0')

    def stamp(self, p):
        """A write to p: its modification time is now."""
        with self.lock:
            t = self.times.setdefault(p, [DOS_EPOCH] * 3)
            t[2] = int(time.time())

    def parent_exists(self, p):
        return p.rpartition('\\')[0] in self.dirs


def norm(path):
    """A client path ("\\dir\\x") as a key of FILES/DIRS ("dir\\x")."""
    return path.strip('\\')


# ---------------------------------------------------------------------
# Encoding helpers
# ---------------------------------------------------------------------


def le16(b, off):
    return struct.unpack_from('<H', b, off)[0]


def le32(b, off):
    return struct.unpack_from('<I', b, off)[0]


def u16(s):
    return s.encode('utf-16-le')


def nb(msg, nbtype=NB_MESSAGE, length=None):
    """msg with its NetBIOS session header."""
    n = len(msg) if length is None else length
    return bytes([nbtype, (n >> 16) & 0xff]) + struct.pack('>H', n & 0xffff) + msg


def smb_msg(req, words=b'', data=b'', status=STATUS_OK, cmd=None,
            flags=FLAGS_REPLY, flags2=FLAGS2, tid=None, uid=None, mid=None,
            wc=None, bc=None):
    """A reply to req; every header field may be overridden."""
    hdr = (b'\xffSMB' + bytes([req.cmd if cmd is None else cmd]) +
           struct.pack('<IBHH8sHHHHH', status, flags, flags2, 0, b'', 0,
                       req.tid if tid is None else tid, req.pid,
                       req.uid if uid is None else uid,
                       req.mid if mid is None else mid))
    assert len(hdr) == HDR and len(words) % 2 == 0
    return (hdr + bytes([len(words) // 2 if wc is None else wc]) + words +
            struct.pack('<H', len(data) if bc is None else bc) + data)


# Message signing ([MS-CIFS] 3.1.4.1): the scenarios whose name starts
# with "sign" require it.  After the session setup (an NTLMv1 login with
# the password "p") the MAC key is MD4(NT hash of "p") followed by the
# client's 24-byte NT response; request N is checked with N, its reply
# signed with N + 1, the first request after the login being number 2.
SIGN_SESSION_KEY = bytes.fromhex('71537fbda53b9c4ef3ed788c935d6666')


def sign_mac(key, msg, seq):
    """The 8-byte MAC of msg (SMB header on) under sequence number seq."""
    m = msg[:14] + struct.pack('<II', seq, 0) + msg[22:]
    return hashlib.md5(key + m).digest()[:8]


def signed(key, msg, seq):
    return msg[:14] + sign_mac(key, msg, seq) + msg[22:]


def patch(msg, off, b):
    return msg[:off] + b + msg[off + len(b):]


def andx(cmd=NO_ANDX, off=0):
    return struct.pack('<BBH', cmd, 0, off)


def file_times():
    return struct.pack('<QQQQ', NT_TIME, NT_TIME, NT_TIME, NT_TIME)


def dirent(name, attrs=ATTR_ARCHIVE, size=0, index=0, next_off=None,
           name_len=None, pad=True):
    """One SMB_FIND_FILE_DIRECTORY_INFO entry; next_off None: its length."""
    body = (struct.pack('<I', index) + file_times() +
            struct.pack('<QQII', size, alloc_size(size), attrs,
                        len(name) if name_len is None else name_len) + name)
    length = 4 + len(body)
    if pad:
        length += (-length) % 8
    if next_off is None:
        next_off = length
    return (struct.pack('<I', next_off) + body).ljust(length, b'\0')


def entries(names):
    """Entries for (name, attrs, size) triples; the last one ends the list."""
    out = [dirent(u16(n), a, s, i + 1) for i, (n, a, s) in enumerate(names)]
    if out:
        out[-1] = b'\0\0\0\0' + out[-1][4:]
    return b''.join(out)


def alloc_size(size):
    return min((size + 4095) // 4096 * 4096, 2 ** 64 - 1)


def dos_pair(sec):
    """Seconds since 1970 as SMB_DATE and SMB_TIME (local time is UTC)."""
    t = time.gmtime(sec)
    return ((t.tm_year - 1980) << 9 | t.tm_mon << 5 | t.tm_mday,
            t.tm_hour << 11 | t.tm_min << 5 | t.tm_sec // 2)


def dos_seconds(date, tm):
    """SMB_DATE and SMB_TIME as seconds since 1970, None if either
    is not a valid one (a zero date among them)."""
    year, mon, day = 1980 + (date >> 9), (date >> 5) & 15, date & 31
    hour, mins, sec = tm >> 11, (tm >> 5) & 63, (tm & 31) * 2
    if not 1 <= mon <= 12 or not day or hour > 23 or mins > 59 or sec > 59:
        return None
    try:
        return calendar.timegm((year, mon, day, hour, mins, sec, 0, 0, 0)) \
            if day <= calendar.monthrange(year, mon)[1] else None
    except ValueError:
        return None


def info_standard(attrs, size, level=INFO_STANDARD, times=None):
    """SMB_INFO_STANDARD ([MS-CIFS] 2.2.8.3.1): the creation, last
    access and last write SMB_DATE and SMB_TIME (times: those three in
    seconds since 1970, else all the same), the 32-bit data and
    allocation sizes, the 16-bit attributes; SMB_INFO_QUERY_EA_SIZE adds
    EaSize (no extended attributes here)."""
    if times:
        stamps = b''.join(struct.pack('<HH', *dos_pair(t)) for t in times)
    else:
        stamps = struct.pack('<HH', DOS_DATE, DOS_TIME) * 3
    info = (stamps +
            struct.pack('<IIH', size, min(alloc_size(size), 2 ** 32 - 1), attrs))
    if level == INFO_QUERY_EA_SIZE:
        info += struct.pack('<I', 0)
    return info


def std_entry(name, attrs, size, level, key=None, times=None):
    """One entry of a search at SMB_INFO_STANDARD or
    SMB_INFO_QUERY_EA_SIZE ([MS-CIFS] 2.2.8.1.1, 2.2.8.1.2): ResumeKey
    when the request's flags ask for it, the fields of the level,
    FileNameLength (8 bits, the terminator not counted), FileName and its
    terminator; packed, without alignment."""
    return ((b'' if key is None else struct.pack('<I', key)) +
            info_standard(attrs, size, level, times) + bytes([len(name)]) + name +
            b'\0\0')


def all_info(attrs, size, name=''):
    return (file_times() + struct.pack('<II', attrs, 0) +
            struct.pack('<QQIBBHI', alloc_size(size), size, 1, 0,
                        1 if attrs & ATTR_DIRECTORY else 0, 0, 0) +
            struct.pack('<I', len(u16(name))) + u16(name))


# ---------------------------------------------------------------------
# Requests
# ---------------------------------------------------------------------


class Malformed(Exception):
    """A request that breaks the layout the protocol gives it."""


# The WordCounts a request of each command may have
REQ_WCS = {
    CMD_CLOSE: (3,), CMD_FLUSH: (1,), CMD_DELETE: (1,), CMD_ECHO: (1,),
    CMD_OPEN_ANDX: (15,), CMD_READ_ANDX: (10, 12), CMD_WRITE_ANDX: (12, 14),
    CMD_TRANS2: (15,), CMD_FIND_CLOSE2: (1,), CMD_TREE_DISCONNECT: (0,),
    CMD_NEGOTIATE: (0,), CMD_SESSION_SETUP: (10, 12, 13), CMD_LOGOFF: (2,),
    CMD_TREE_CONNECT: (4,), CMD_NT_CREATE_ANDX: (24,),
    CMD_CREATE_DIRECTORY: (0,), CMD_DELETE_DIRECTORY: (0,), CMD_RENAME: (1,),
    CMD_SET_INFORMATION: (8,), CMD_WRITE: (5,), CMD_SET_INFORMATION2: (7,),
    CMD_OPEN: (2,), CMD_CREATE: (3,), CMD_CREATE_NEW: (3,), CMD_READ: (5,),
    CMD_QUERY_INFORMATION: (0,), CMD_QUERY_DISK: (0,), CMD_SEARCH: (2,),
    CMD_TREE_CONNECT_CORE: (0,),
}

# The core commands whose bytes are 0x04 and one name
PATH_CMDS = (CMD_DELETE, CMD_CREATE_DIRECTORY, CMD_DELETE_DIRECTORY,
             CMD_SET_INFORMATION, CMD_OPEN, CMD_CREATE, CMD_CREATE_NEW,
             CMD_QUERY_INFORMATION)

# The least parameter bytes of the TRANS2 subcommands, a name (if any)
# at the offset given
T2_PARAMS = {
    T2_FIND_FIRST2: (12, 12), T2_FIND_NEXT2: (12, None),
    T2_QUERY_FS_INFO: (2, None), T2_QUERY_PATH_INFO: (6, 6),
    T2_SET_PATH_INFO: (6, 6), T2_SET_FILE_INFO: (6, None),
    T2_QUERY_FILE_INFO: (4, None),
}


class Req:
    """A request as received: header fields, blocks, decoded arguments.
    problem says what is wrong with its layout (None: nothing); the
    arguments are decoded only from a request without problems."""

    def __init__(self, msg):
        if len(msg) < HDR + 3 or msg[:4] != b'\xffSMB':
            raise ValueError('not an SMB1 request')
        self.msg = msg
        self.cmd = msg[4]
        self.flags2 = le16(msg, 10)
        self.tid, self.pid, self.uid, self.mid = struct.unpack_from('<HHHH', msg, 24)
        self.unicode = bool(self.flags2 & 0x8000)
        wc = msg[HDR]
        self.words = msg[HDR + 1:HDR + 1 + 2 * wc]
        self.bytes_off = HDR + 3 + 2 * wc
        self.bc = le16(msg, self.bytes_off - 2) if self.bytes_off <= len(msg) else 0
        self.bytes = msg[self.bytes_off:self.bytes_off + self.bc]
        # the command chained after this one: (command, its words) or None
        self.chained = None
        self.sub = None         # TRANS2 subcommand
        self.scen = None        # the scenario it is routed to (by-path)
        self.path = None        # the path a request names
        self.path2 = None       # and a second one (RENAME)
        self.params = b''
        self.data = b''
        self.max_data = 0
        try:
            self.check()
            self.problem = None
        except Malformed as e:
            self.problem = str(e)
            return
        if self.cmd in ANDX_CMDS and wc >= 2 and msg[HDR + 1] != NO_ANDX:
            off = le16(msg, HDR + 3)
            cwc = msg[off]
            self.chained = (msg[HDR + 1], msg[off + 1:off + 1 + 2 * cwc])
        if self.cmd == CMD_TRANS2:
            self.max_data = self.w(3)
            self.params = msg[self.w(10):self.w(10) + self.w(9)]
            self.data = msg[self.w(12):self.w(12) + self.w(11)]
            self.sub = self.w(14)
        if self.cmd in (CMD_OPEN_ANDX, CMD_NT_CREATE_ANDX):
            self.path = self.string(self.bytes_off)
        elif self.cmd in PATH_CMDS:
            self.path = self.string(self.bytes_off + 1)
        elif self.cmd == CMD_RENAME:
            self.path = self.string(self.bytes_off + 1)
            self.path2 = self.string(self.name_end(self.bytes_off + 1, len(msg), 'name') + 1)
        elif self.cmd == CMD_SEARCH:
            self.path = self.string(self.bytes_off + 1)
        elif self.sub in (T2_QUERY_PATH_INFO, T2_SET_PATH_INFO):
            self.path = self.string(self.w(10) + 6)
        elif self.sub == T2_FIND_FIRST2:
            self.path = self.string(self.w(10) + 12)

    def w(self, i):
        return le16(self.words, 2 * i)

    def string(self, off):
        m = self.msg
        if not self.unicode:
            end = m.index(b'\0', off)
            return m[off:end].decode('latin-1')
        off += off % 2
        end = off
        while end + 1 < len(m) and m[end:end + 2] != b'\0\0':
            end += 2
        return m[off:end].decode('utf-16-le', 'replace')

    # -- the layout ------------------------------------------------------

    def name_end(self, off, end, what):
        """Where the string at off, which must end before end, ends (past
        its terminator); Malformed if it does not."""
        m = self.msg
        if self.unicode:
            off += off % 2
            for i in range(off, end - 1, 2):
                if m[i:i + 2] == b'\0\0':
                    return i + 2
        else:
            i = m.find(b'\0', off, end)
            if i >= 0:
                return i + 1
        raise Malformed('%s not terminated inside its block (%d to %d)' %
                        (what, off, end))

    def block(self, off, cmd):
        """The block (WordCount onwards) of cmd at off: its words, where
        its bytes start, its ByteCount; Malformed unless it fits."""
        m = self.msg
        if off >= len(m):
            raise Malformed('block of command 0x%02x at %d, past the end (%d)' %
                            (cmd, off, len(m)))
        wc = m[off]
        if cmd in REQ_WCS and wc not in REQ_WCS[cmd]:
            raise Malformed('WordCount %d for command 0x%02x (want %s)' %
                            (wc, cmd, ' or '.join(map(str, REQ_WCS[cmd]))))
        boff = off + 1 + 2 * wc + 2
        if boff > len(m):
            raise Malformed('WordCount %d at %d past the end (%d)' % (wc, off, len(m)))
        bc = le16(m, boff - 2)
        # WRITE_ANDX: the 16-bit ByteCount of a large write holds the low
        # bits only; its data is checked with its words (check_block)
        if cmd != CMD_WRITE_ANDX and boff + bc > len(m):
            raise Malformed('ByteCount %d at %d past the end (%d)' % (bc, boff - 2, len(m)))
        return m[off + 1:off + 1 + 2 * wc], boff, bc

    def check(self):
        """Malformed unless every block fits, an AndX chain goes forward
        and the last block ends the message."""
        m = self.msg
        cmd, off, hops = self.cmd, HDR, 0
        while True:
            words, boff, bc = self.block(off, cmd)
            self.check_block(cmd, words, boff, bc)
            end = len(m) if cmd == CMD_WRITE_ANDX else boff + bc
            if cmd not in ANDX_CMDS or words[0] == NO_ANDX:
                break
            if words[1] != 0:
                raise Malformed('AndXReserved 0x%02x of command 0x%02x' % (words[1], cmd))
            nxt = le16(words, 2)
            if nxt < end:
                raise Malformed('AndXOffset %d of command 0x%02x goes back (its block ends at %d)'
                                % (nxt, cmd, end))
            hops += 1
            if hops > 3:
                raise Malformed('an AndX chain of more than 3 commands')
            cmd, off = words[0], nxt
        if end != len(m):
            raise Malformed('%d bytes after the last block (command 0x%02x, ends at %d)' %
                            (len(m) - end, cmd, end))

    def check_block(self, cmd, words, boff, bc):
        """The rules of one command's block."""
        end = boff + bc

        def w(i):
            return le16(words, 2 * i)
        if cmd in (CMD_CLOSE, CMD_FLUSH, CMD_READ_ANDX, CMD_FIND_CLOSE2,
                   CMD_TREE_DISCONNECT, CMD_LOGOFF, CMD_SET_INFORMATION2,
                   CMD_READ, CMD_QUERY_DISK) and bc:
            raise Malformed('ByteCount %d of command 0x%02x, which has no bytes' % (bc, cmd))
        if cmd == CMD_OPEN_ANDX:
            access, func = w(3), w(8)
            if access & ~0x4777 or access & 7 > ACCESS_EXECUTE or (access >> 4) & 7 > 4:
                raise Malformed('OPEN_ANDX AccessMode 0x%04x' % access)
            if func & ~0x13 or func & 3 == 3 or func == 0:
                raise Malformed('OPEN_ANDX OpenFunction 0x%04x' % func)
            if self.name_end(boff, end, 'OPEN_ANDX file name') != end:
                raise Malformed('OPEN_ANDX bytes go on after the file name')
        elif cmd == CMD_NT_CREATE_ANDX:
            self.check_nt_create(words, boff, end)
        elif cmd in PATH_CMDS:
            what = req_kind_of(cmd)
            if not bc or self.msg[boff] != 0x04:
                raise Malformed('%s bytes without the buffer format 0x04' % what)
            if self.name_end(boff + 1, end, '%s file name' % what) != end:
                raise Malformed('%s bytes go on after the file name' % what)
        elif cmd == CMD_RENAME:
            if not bc or self.msg[boff] != 0x04:
                raise Malformed('RENAME bytes without the buffer format 0x04')
            second = self.name_end(boff + 1, end, 'RENAME old name')
            if second >= end or self.msg[second] != 0x04:
                raise Malformed('RENAME new name without the buffer format 0x04')
            if self.name_end(second + 1, end, 'RENAME new name') != end:
                raise Malformed('RENAME bytes go on after the new name')
        elif cmd == CMD_SEARCH:
            if not bc or self.msg[boff] != 0x04:
                raise Malformed('SEARCH bytes without the buffer format 0x04')
            key = self.name_end(boff + 1, end, 'SEARCH file name')
            if key + 3 > end or self.msg[key] != 0x05:
                raise Malformed('SEARCH resume key without the buffer format 0x05')
            n = le16(self.msg, key + 1)
            if n not in (0, 21) or key + 3 + n != end:
                raise Malformed('SEARCH ResumeKeyLength %d, %d bytes left' % (n, end - key - 3))
            if not w(0):
                raise Malformed('SEARCH MaxCount 0')
        elif cmd == CMD_TREE_CONNECT_CORE:
            off = boff
            for what in ('path', 'password', 'service'):
                if off >= end or self.msg[off] != 0x04:
                    raise Malformed('TREE_CONNECT %s without the buffer format 0x04' % what)
                off = self.name_end(off + 1, end, 'TREE_CONNECT %s' % what)
            if off != end:
                raise Malformed('TREE_CONNECT bytes go on after the service')
        elif cmd == CMD_WRITE:
            count = w(1)
            if bc != 3 + count or self.msg[boff] != 0x01 or le16(self.msg, boff + 1) != count:
                raise Malformed('WRITE of %d bytes with ByteCount %d, buffer format 0x%02x, '
                                'DataLength %d' % (count, bc, self.msg[boff] if bc else 0,
                                                   le16(self.msg, boff + 1) if bc >= 3 else -1))
        elif cmd == CMD_WRITE_ANDX:
            if words[0] != NO_ANDX:
                raise Malformed('WRITE_ANDX chains command 0x%02x' % words[0])
            length = w(10) | w(9) << 16
            doff = w(11)
            if doff < boff or doff > boff + 1:
                raise Malformed('WRITE_ANDX DataOffset %d, its bytes start at %d' % (doff, boff))
            if doff + length != len(self.msg) and doff + w(10) != len(self.msg):
                raise Malformed('WRITE_ANDX of %d bytes (DataLengthHigh %d) at %d in %d bytes'
                                % (w(10), w(9), doff, len(self.msg)))
            if bc != (len(self.msg) - boff) & 0xffff:
                raise Malformed('WRITE_ANDX ByteCount %d for %d bytes' %
                                (bc, len(self.msg) - boff))
        elif cmd == CMD_TRANS2:
            self.check_trans2(words, boff, end)

    def check_nt_create(self, words, boff, end):
        """NT_CREATE_ANDX: NameLength counts the name as sent (its
        terminator, not the pad that aligns it), the fields hold values
        [MS-CIFS] 2.2.4.64.1 allows."""
        (name_len, flags, root, access, alloc, attrs, share, disp, opts,
         imp, sec) = struct.unpack_from('<HIIIQIIIIIB', words, 5)
        name = boff + (boff % 2 if self.unicode else 0)
        if self.name_end(boff, end, 'NT_CREATE_ANDX file name') != end:
            raise Malformed('NT_CREATE_ANDX bytes go on after the file name')
        if name_len != end - name:
            raise Malformed('NT_CREATE_ANDX NameLength %d for a name of %d bytes'
                            % (name_len, end - name))
        if words[4] != 0:
            raise Malformed('NT_CREATE_ANDX Reserved 0x%02x' % words[4])
        if flags & ~0x1e or root:
            raise Malformed('NT_CREATE_ANDX Flags 0x%x, RootDirectoryFID 0x%x' % (flags, root))
        if not access or share & ~7 or attrs & ~0x7fff or alloc:
            raise Malformed('NT_CREATE_ANDX DesiredAccess 0x%x, ShareAccess 0x%x, '
                            'ExtFileAttributes 0x%x, AllocationSize %d'
                            % (access, share, attrs, alloc))
        if disp > NT_OVERWRITE_IF:
            raise Malformed('NT_CREATE_ANDX CreateDisposition %d' % disp)
        if opts & ~0x00ffffff or (opts & NT_DIRECTORY_FILE and opts & NT_NON_DIRECTORY_FILE):
            raise Malformed('NT_CREATE_ANDX CreateOptions 0x%x' % opts)
        if imp > 3 or sec & ~3:
            raise Malformed('NT_CREATE_ANDX ImpersonationLevel %d, SecurityFlags 0x%x'
                            % (imp, sec))

    def check_trans2(self, words, boff, end):
        def w(i):
            return le16(words, 2 * i)
        tpc, tdc, pc, poff, dc, doff = w(0), w(1), w(9), w(10), w(11), w(12)
        if words[26] != 1:
            raise Malformed('TRANS2 SetupCount %d' % words[26])
        if tpc != pc or tdc != dc:
            raise Malformed('TRANS2 in parts: %d of %d parameter bytes, %d of %d data bytes'
                            % (pc, tpc, dc, tdc))
        for what, o, n in (('parameters', poff, pc), ('data', doff, dc)):
            if n and (o < boff or o + n > end):
                raise Malformed('TRANS2 %s at %d, %d bytes, outside the bytes (%d to %d)'
                                % (what, o, n, boff, end))
            if not n and o > end:
                raise Malformed('TRANS2 %s offset %d past the bytes' % (what, o))
        if pc and dc and poff + pc > doff:
            raise Malformed('TRANS2 parameters (%d, %d bytes) run into the data (%d)'
                            % (poff, pc, doff))
        sub = w(14)
        if sub not in T2_PARAMS:
            return
        least, name = T2_PARAMS[sub]
        if pc < least:
            raise Malformed('TRANS2 0x%02x with %d parameter bytes' % (sub, pc))
        if name is not None and \
                self.name_end(poff + name, poff + pc, 'TRANS2 file name') != poff + pc:
            raise Malformed('TRANS2 0x%02x parameters go on after the file name' % sub)
        m = self.msg
        if sub == T2_QUERY_PATH_INFO and le32(m, poff + 2):
            raise Malformed('QUERY_PATH_INFORMATION Reserved 0x%x' % le32(m, poff + 2))
        if sub in (T2_FIND_FIRST2, T2_FIND_NEXT2):
            first = sub == T2_FIND_FIRST2
            count = le16(m, poff + 2)
            flags = le16(m, poff + (4 if first else 10))
            if not count or flags & ~FIND_FLAGS:
                raise Malformed('%s SearchCount %d, Flags 0x%x' %
                                ('FIND_FIRST2' if first else 'FIND_NEXT2', count, flags))
            if first and le32(m, poff + 8):
                raise Malformed('FIND_FIRST2 SearchStorageType 0x%x' % le32(m, poff + 8))
        if sub in (T2_SET_PATH_INFO, T2_SET_FILE_INFO):
            level = le16(self.msg, poff + (0 if sub == T2_SET_PATH_INFO else 2))
            if sub == T2_SET_FILE_INFO and pc != 6:
                raise Malformed('SET_FILE_INFORMATION with %d parameter bytes' % pc)
            if level in SET_LEVEL_SIZES and dc != SET_LEVEL_SIZES[level]:
                raise Malformed('TRANS2 set level 0x%x with %d data bytes (want %d)'
                                % (level, dc, SET_LEVEL_SIZES[level]))
        if sub == T2_QUERY_FILE_INFO and (pc != 4 or dc):
            raise Malformed('QUERY_FILE_INFORMATION with %d parameter and %d data bytes'
                            % (pc, dc))


# Names of the requests that rules match on
def req_kind_of(cmd):
    return {CMD_DELETE: 'DELETE', CMD_CREATE_DIRECTORY: 'CREATE_DIRECTORY',
            CMD_DELETE_DIRECTORY: 'DELETE_DIRECTORY',
            CMD_SET_INFORMATION: 'SET_INFORMATION', CMD_OPEN: 'OPEN',
            CMD_CREATE: 'CREATE', CMD_CREATE_NEW: 'CREATE_NEW',
            CMD_QUERY_INFORMATION: 'QUERY_INFORMATION'}[cmd]


def req_kind(req):
    if req.cmd == CMD_TRANS2:
        return {T2_FIND_FIRST2: 'find_first', T2_FIND_NEXT2: 'find_next',
                T2_QUERY_FS_INFO: 'qfs', T2_QUERY_PATH_INFO: 'qpi',
                T2_SET_PATH_INFO: 'spi', T2_QUERY_FILE_INFO: 'qfi',
                T2_SET_FILE_INFO: 'sfi'}.get(req.sub, 'trans2')
    return {CMD_NEGOTIATE: 'negotiate', CMD_SESSION_SETUP: 'sess',
            CMD_TREE_CONNECT: 'tcon', CMD_OPEN_ANDX: 'open',
            CMD_NT_CREATE_ANDX: 'nt_create',
            CMD_READ_ANDX: 'read', CMD_WRITE_ANDX: 'write',
            CMD_CLOSE: 'close', CMD_FLUSH: 'flush', CMD_DELETE: 'delete',
            CMD_CREATE_DIRECTORY: 'mkdir', CMD_DELETE_DIRECTORY: 'rmdir',
            CMD_RENAME: 'rename', CMD_SET_INFORMATION: 'setattr',
            CMD_SET_INFORMATION2: 'setattr2', CMD_WRITE: 'core_write',
            CMD_FIND_CLOSE2: 'find_close', CMD_TREE_DISCONNECT: 'tdis',
            CMD_LOGOFF: 'logoff', CMD_OPEN: 'core_open', CMD_CREATE: 'core_create',
            CMD_CREATE_NEW: 'core_create_new', CMD_READ: 'core_read',
            CMD_QUERY_INFORMATION: 'core_qinfo', CMD_QUERY_DISK: 'core_disk',
            CMD_SEARCH: 'core_search',
            CMD_TREE_CONNECT_CORE: 'core_tcon'}.get(req.cmd, 'cmd-0x%02x' % req.cmd)


# ---------------------------------------------------------------------
# The well-behaved server
# ---------------------------------------------------------------------


def neg_reply(req, dialect=0, secmode=0x03, max_mpx=50, max_buf=MAX_BUFFER,
              caps=CAPS, chal_len=8, chal=CHALLENGE, domain=None, wc=None,
              bc=None, words=None):
    """The NT LM 0.12 reply; dialect=None: the index of "NT LM 0.12"."""
    if dialect is None:
        offered = req.bytes.split(b'\x02')[1:]
        dialect = [d.rstrip(b'\0') for d in offered].index(b'NT LM 0.12')
    if words is None:
        words = struct.pack('<HBHHIIIIQhB', dialect, secmode, max_mpx, 1,
                            max_buf, 65536, 0, caps, NT_TIME, 0, chal_len)
    if domain is None:
        domain = u16('FAKEDOM\0')
    return smb_msg(req, words, chal + domain, wc=wc, bc=bc)


class Conn:
    """One client connection and its state."""

    def __init__(self, srv, sock, n):
        self.srv = srv
        self.scen = srv.scen
        self.sock = sock
        self.n = n
        self.share = srv.share
        self.fids = {}
        self.next_fid = 0x4000
        self.searches = {}
        self.next_sid = 0x100
        # by-path: the scenario of each FID and SID handed out
        self.fid_scen = {}
        self.sid_scen = {}
        # the access mode each FID was opened with; the FIDs written
        self.fid_access = {}
        self.fid_written = set()
        # the FIDs whose times SET_INFORMATION2 set: writes keep them
        self.fid_times = set()
        # the capabilities of both sides, from NEGOTIATE and SESSION_SETUP
        self.server_caps = CAPS
        self.client_caps = 0
        # message signing: the MAC key once logged in, the next number
        self.sign_key = None
        self.seq = 0

    def signs(self):
        """Whether this connection requires signing: the scenarios whose
        name starts with "sign", on the connections they sign on."""
        last = getattr(self.scen, 'sign_conns', None)
        if last is not None and self.n > last:
            return False
        return getattr(self.scen, 'name', '').startswith('sign')

    def sign_request(self, req, kind):
        """Check req's MAC; the number to sign its reply with, or None."""
        if self.sign_key is None:
            return None
        seq = self.seq
        self.seq += 2
        if sign_mac(self.sign_key, req.msg, seq) != req.msg[14:22]:
            self.log('bad client signature on %s (seq %d)' % (kind, seq))
        return seq + 1

    def sign_reply(self, req, kind, good, seq):
        """good signed with seq; a session setup starts signing."""
        if kind == 'sess' and self.signs() and self.sign_key is None:
            p1, p2 = req.w(7), req.w(8)
            self.sign_key = SIGN_SESSION_KEY + req.bytes[p1:p1 + p2]
            self.seq = 2
            seq = 1
            # what this server does beyond the good one: counts as fired
            self.log('fired signing (a %d-byte key)' % len(self.sign_key))
        if seq is None:
            return good
        return signed(self.sign_key, good, seq)

    def log(self, what, label=None):
        self.srv.log('conn %d: %s' % (self.n, what), label)

    # -- normal replies -------------------------------------------------

    def reply(self, req):
        """The correct reply message to req (without NetBIOS header)."""
        if getattr(self.scen, 'core', False):
            return self.core_reply(req)
        kind = req_kind(req)
        handler = getattr(self, 'do_' + kind, None)
        if handler is None:
            return smb_msg(req, status=STATUS_NOT_SUPPORTED)
        return handler(req)

    def do_negotiate(self, req):
        if getattr(self.scen, 'core', False):
            return self.core_negotiate(req)
        # a scenario may take capabilities away (with_caps): that is what
        # it does beyond the good server, so it counts as fired
        self.server_caps = getattr(self.scen, 'caps', CAPS)
        if self.server_caps != CAPS:
            self.log('fired caps 0x%x' % self.server_caps)
        # signatures enabled and required
        return neg_reply(req, dialect=None,
                         secmode=0x0f if self.signs() else 0x03,
                         caps=self.server_caps, max_buf=self.max_buf())

    def max_buf(self):
        return getattr(self.scen, 'max_buf', MAX_BUFFER)

    def win98(self, req):
        """Whether req goes to a scenario that plays Windows 98."""
        scen = req.scen if self.srv.by_path else self.scen
        return getattr(scen, 'win98', False)

    def fat32(self, req):
        """Whether req goes to a scenario that plays a FAT32 volume."""
        scen = req.scen if self.srv.by_path else self.scen
        return getattr(scen, 'fat32', False)

    def do_sess(self, req):
        # Capabilities: after the password lengths, or the blob's
        if len(req.words) in (24, 26):
            self.client_caps = le32(req.words, len(req.words) - 4)
        strs = u16('Unix\0') + u16('FakeSMB\0') + u16('FAKEDOM\0')
        return smb_msg(req, andx() + struct.pack('<H', 0), b'\0' + strs,
                       uid=100)

    def do_tcon(self, req):
        return smb_msg(req, andx() + struct.pack('<H', 1),
                       b'A:\0' + u16('NTFS\0'), tid=1)

    def do_logoff(self, req):
        return smb_msg(req, andx())

    def do_tdis(self, req):
        return smb_msg(req)

    def do_close(self, req):
        fid = req.w(0)
        path = self.fids.pop(fid, None)
        if fid in self.fid_written and path in self.share.files:
            data = self.share.files[path]
            self.log('close of file id 0x%x (%s): %d bytes, %s' %
                     (fid, path, len(data), data.describe() if isinstance(data, Sparse)
                      else 'md5 ' + hashlib.md5(data).hexdigest()))
        else:
            self.log('close of file id 0x%x (%s)' % (fid, path))
        self.fid_written.discard(fid)
        self.fid_times.discard(fid)
        if path is None:
            return smb_msg(req, status=STATUS_INVALID_HANDLE)
        return smb_msg(req)

    def do_find_close(self, req):
        self.searches.pop(req.w(0), None)
        return smb_msg(req)

    def t2(self, req, params, data=b'', status=STATUS_OK):
        return t2_reply(req, params, data, status)

    def nt_levels(self):
        """Whether this server has the NT information levels: only with
        CAP_NT_SMBS (Windows 9x has the LAN Manager 2.0 ones alone)."""
        return bool(self.server_caps & CAP_NT_SMBS)

    def bad_level(self, req, what, level):
        """The reply to a level this server does not have."""
        self.log('%s level 0x%x refused' % (what, level))
        return smb_msg(req, status=STATUS_INVALID_LEVEL)

    def do_qpi(self, req):
        p = norm(req.path)
        level = le16(req.params, 0)
        if p in self.share.dirs:
            attrs, size = ATTR_DIRECTORY, 0
        elif p in self.share.files:
            attrs, size = self.share.attr(p), len(self.share.files[p])
        else:
            return smb_msg(req, status=STATUS_OBJECT_NAME_NOT_FOUND)
        if level in (INFO_STANDARD, INFO_QUERY_EA_SIZE):
            info = info_standard(attrs, size, level, self.share.times.get(p))
        elif level == QUERY_FILE_ALL_INFO and self.nt_levels():
            info = all_info(attrs, size, p)
        elif level == QUERY_FILE_INTERNAL_INFO and self.file_ids(req):
            n = self.share.file_id(p)
            self.log('file id of %s asked by name: %d' % (p or '\\', n))
            info = struct.pack('<Q', n)
        else:
            return self.bad_level(req, 'QUERY_PATH_INFORMATION', level)
        # EaErrorOffset
        return self.t2(req, b'\0\0', info)

    def file_ids(self, req):
        """Which file ids req's scenario gives (file_ids()): None, 'name'
        (QUERY_PATH_INFORMATION alone) or 'fid' (QUERY_FILE_INFORMATION
        too)."""
        scen = req.scen if self.srv.by_path else self.scen
        return getattr(scen, 'ids', None)

    def do_qfi(self, req):
        fid, level = le16(req.params, 0), le16(req.params, 2)
        p = self.fids.get(fid)
        if p is None:
            return smb_msg(req, status=STATUS_INVALID_HANDLE)
        if level != QUERY_FILE_INTERNAL_INFO or self.file_ids(req) != 'fid':
            return self.bad_level(req, 'QUERY_FILE_INFORMATION', level)
        n = self.share.file_id(p)
        self.log('file id of %s asked through file id 0x%x: %d' % (p, fid, n))
        # EaErrorOffset
        return self.t2(req, b'\0\0', struct.pack('<Q', n))

    def do_qfs(self, req):
        level = le16(req.params, 0)
        if level == QUERY_FS_SIZE_INFO and self.nt_levels():
            return self.t2(req, b'', struct.pack('<QQII', 1000, 500, 8, 512))
        if level == INFO_ALLOCATION:
            # idFileSystem, sectors per unit, units, free units, bytes
            # per sector
            return self.t2(req, b'', struct.pack('<IIIIH', 0, 8, 1000, 500, 512))
        return self.bad_level(req, 'QUERY_FS_INFORMATION', level)

    def listing(self, d, extra_dirs=()):
        out = [(name, ATTR_DIRECTORY, 0, None) for name in extra_dirs]
        for name in ['.', '..'] + children(self.share, d):
            p = (d + '\\' + name) if d else name
            if name in ('.', '..') or p in self.share.dirs:
                out.append((name, ATTR_DIRECTORY, 0, None))
            else:
                out.append((name, self.share.attr(p), len(self.share.files[p]),
                            self.share.times.get(p)))
        return out

    def find_levels(self):
        """The levels a search may ask for."""
        std = (INFO_STANDARD, INFO_QUERY_EA_SIZE)
        return std + (FIND_FILE_DIRECTORY_INFO,) if self.nt_levels() else std

    def batch(self, req, sid, count, flags):
        """The next entries of search sid at its level, as many as
        SearchCount and MaxDataCount take: (data, how many,
        EndOfSearch, LastNameOffset).  ResumeKey and FileIndex are the
        entry's position in the listing, from 1."""
        names, pos, level = self.searches[sid]
        room = max(req.max_data, 64)
        keys = flags & FIND_RETURN_RESUME_KEYS
        out = []
        size = 0
        last = 0
        while pos + len(out) < len(names) and len(out) < count:
            i = pos + len(out)
            name, attrs, fsize, times = names[i]
            if level == FIND_FILE_DIRECTORY_INFO:
                e = dirent(u16(name), attrs, fsize, i + 1)
            else:
                e = std_entry(u16(name), attrs, fsize, level, i + 1 if keys else None,
                              times)
            if size + len(e) > room:
                break
            # where the entry's name starts
            last = size + (64 if level == FIND_FILE_DIRECTORY_INFO
                           else len(e) - len(u16(name)) - 2)
            out.append(e)
            size += len(e)
        if out and level == FIND_FILE_DIRECTORY_INFO:
            # each entry points at the next, the last at nothing
            out[-1] = b'\0\0\0\0' + out[-1][4:]
        pos += len(out)
        self.searches[sid] = (names, pos, level)
        eos = 1 if pos >= len(names) else 0
        return b''.join(out), len(out), eos, last if out else 0

    def end_search(self, sid, flags, eos):
        """Close search sid if its request's flags say so."""
        if flags & FIND_CLOSE_AFTER_REQUEST or (eos and flags & FIND_CLOSE_AT_EOS):
            del self.searches[sid]

    def do_find_first(self, req):
        level, flags = le16(req.params, 6), le16(req.params, 4)
        if level not in self.find_levels():
            return self.bad_level(req, 'FIND_FIRST2', level)
        d = norm(req.path.rsplit('\\', 1)[0])
        if d not in self.share.dirs:
            return smb_msg(req, status=STATUS_OBJECT_NAME_NOT_FOUND)
        sid = self.next_sid
        self.next_sid += 1
        # by-path: the scenarios' directories are in the real root
        extra = sorted(self.srv.by_path) if d == '' and req.scen is None else ()
        self.searches[sid] = (self.listing(d, extra), 0, level)
        self.sid_scen[sid] = req.scen
        data, n, eos, last = self.batch(req, sid, le16(req.params, 2), flags)
        self.end_search(sid, flags, eos)
        return self.t2(req, struct.pack('<HHHHH', sid, n, eos, 0, last), data)

    def do_find_next(self, req):
        sid, level, flags = le16(req.params, 0), le16(req.params, 4), le16(req.params, 10)
        if sid not in self.searches:
            return smb_msg(req, status=STATUS_INVALID_HANDLE)
        if level != self.searches[sid][2]:
            raise Malformed('FIND_NEXT2 at level 0x%x of a search at 0x%x'
                            % (level, self.searches[sid][2]))
        data, n, eos, last = self.batch(req, sid, le16(req.params, 2), flags)
        self.end_search(sid, flags, eos)
        return self.t2(req, struct.pack('<HHHH', n, eos, 0, last), data)

    def do_open(self, req):
        """OPEN_ANDX: open, create or truncate as OpenFunction says."""
        p = norm(req.path)
        access, func = req.w(3) & 7, req.w(8)
        files = self.share.files
        if p in self.share.dirs:
            # Windows 9x opens no directory
            return smb_msg(req, status=STATUS_ACCESS_DENIED if self.win98(req)
                           else STATUS_FILE_IS_A_DIRECTORY)
        if p in files:
            if func & 3 == OPEN_FUNC_FAIL:
                return smb_msg(req, status=STATUS_OBJECT_NAME_COLLISION)
            action = OPENED
            if func & 3 == OPEN_FUNC_TRUNC:
                if access not in (ACCESS_WRITE, ACCESS_READWRITE):
                    return smb_msg(req, status=STATUS_ACCESS_DENIED)
                self.share.resize(p, 0)
                action = TRUNCATED
        elif not func & OPEN_FUNC_CREATE:
            return smb_msg(req, status=STATUS_OBJECT_NAME_NOT_FOUND)
        elif not self.share.parent_exists(p):
            return smb_msg(req, status=STATUS_OBJECT_PATH_NOT_FOUND)
        else:
            files[p] = b''
            action = CREATED
        fid = self.next_fid
        self.next_fid += 1
        self.fids[fid] = p
        self.fid_scen[fid] = req.scen
        self.fid_access[fid] = access
        if action != OPENED:
            self.log('%s %s as file id 0x%x' %
                     ('created' if action == CREATED else 'truncated', p, fid))
        data = files[p]
        mtime = self.share.times.get(p, [DOS_EPOCH] * 3)[2]
        if req.chained and req.chained[0] == CMD_READ_ANDX:
            off, count = read_words_args(req.chained[1])
            return open_read_reply(req, fid, len(data), data[off:off + count],
                                   action=action, access=access, mtime=mtime)
        return smb_msg(req, open_words(fid, len(data), action=action,
                                       access=access, mtime=mtime))

    def do_nt_create(self, req):
        """NT_CREATE_ANDX, for the scenarios that take it (nt_create()):
        open, create, overwrite or supersede as CreateDisposition says;
        a READ_ANDX chained to it is answered in the same reply."""
        scen = req.scen if self.srv.by_path else self.scen
        if not getattr(scen, 'nt_create', False):
            return smb_msg(req, status=STATUS_NOT_SUPPORTED)
        if not scen.rules:
            # what a scenario without rules does beyond the good server
            self.log('fired nt_create (taken)')
        access, disp, opts = (le32(req.words, 15), le32(req.words, 35),
                              le32(req.words, 39))
        write = bool(access & NT_WRITE_ACCESS)
        p = norm(req.path)
        files = self.share.files
        if p in self.share.dirs:
            if opts & NT_NON_DIRECTORY_FILE or disp not in (NT_OPEN, NT_OPEN_IF):
                return smb_msg(req, status=STATUS_FILE_IS_A_DIRECTORY)
            return self.nt_create_reply(req, p, NT_OPENED, False, True)
        if opts & NT_DIRECTORY_FILE:
            return smb_msg(req, status=STATUS_OBJECT_NAME_NOT_FOUND)
        if p in files:
            if disp == NT_CREATE:
                return smb_msg(req, status=STATUS_OBJECT_NAME_COLLISION)
            if write and self.share.attr(p) & ATTR_READONLY:
                return smb_msg(req, status=STATUS_ACCESS_DENIED)
            action = {NT_SUPERSEDE: NT_SUPERSEDED, NT_OVERWRITE: NT_OVERWRITTEN,
                      NT_OVERWRITE_IF: NT_OVERWRITTEN}.get(disp, NT_OPENED)
            if action != NT_OPENED:
                if not write:
                    return smb_msg(req, status=STATUS_ACCESS_DENIED)
                self.share.resize(p, 0)
        elif disp in (NT_OPEN, NT_OVERWRITE):
            return smb_msg(req, status=STATUS_OBJECT_NAME_NOT_FOUND)
        elif not self.share.parent_exists(p):
            return smb_msg(req, status=STATUS_OBJECT_PATH_NOT_FOUND)
        else:
            files[p] = b''
            action = NT_CREATED
        return self.nt_create_reply(req, p, action, write, False)

    def nt_create_reply(self, req, p, action, write, is_dir):
        fid = self.next_fid
        self.next_fid += 1
        self.fids[fid] = p
        self.fid_scen[fid] = req.scen
        self.fid_access[fid] = ACCESS_READWRITE if write else ACCESS_READ
        if action != NT_OPENED:
            self.log('%s %s as file id 0x%x (NT_CREATE_ANDX)' %
                     ({NT_CREATED: 'created', NT_OVERWRITTEN: 'overwritten',
                       NT_SUPERSEDED: 'superseded'}[action], p, fid))
        if is_dir:
            words = nt_create_words(fid, action, ATTR_DIRECTORY, 0, is_dir=1)
            return smb_msg(req, words)
        data = self.share.files[p]
        words = nt_create_words(fid, action, self.share.attr(p), len(data))
        if req.chained and req.chained[0] == CMD_READ_ANDX:
            off, count = read_words_args(req.chained[1])
            return chained_read_reply(req, words, data[off:off + count])
        return smb_msg(req, words)

    def read_args(self, req):
        """(path, offset, count) of a READ_ANDX request."""
        off, count = read_words_args(req.words)
        return self.fids.get(req.w(2)), off, count

    def do_read(self, req):
        path, off, count = self.read_args(req)
        if path is None:
            return smb_msg(req, status=STATUS_INVALID_HANDLE)
        return read_reply(req, self.share.files[path][off:off + count])

    def large_writes(self):
        """Whether WRITE_ANDX may carry DataLengthHigh: both sides
        announced CAP_LARGE_WRITEX."""
        return bool(self.server_caps & self.client_caps & CAP_LARGE_WRITEX)

    def write_args(self, req):
        """(path, offset, data) of a WRITE_ANDX request, whose layout
        is checked against what was negotiated: Malformed if wrong."""
        m = req.msg
        high, low, doff = req.w(9), req.w(10), req.w(11)
        if high and not self.large_writes():
            raise Malformed('WRITE_ANDX DataLengthHigh %d without CAP_LARGE_WRITEX on both '
                            'sides (server 0x%x, client 0x%x)'
                            % (high, self.server_caps, self.client_caps))
        n = low | high << 16
        if doff + n != len(m):
            raise Malformed('WRITE_ANDX of %d bytes at %d in a message of %d' % (n, doff, len(m)))
        if not n:
            raise Malformed('WRITE_ANDX of no data (which truncates the file)')
        if not self.large_writes() and len(m) > self.max_buf():
            raise Malformed('WRITE_ANDX message of %d bytes, more than MaxBufferSize %d'
                            % (len(m), self.max_buf()))
        if req.w(7) & ~0x000f:
            raise Malformed('WRITE_ANDX WriteMode 0x%04x' % req.w(7))
        off = le32(req.words, 6)
        if len(req.words) == 28:
            off |= le32(req.words, 24) << 32
        elif off + n > 1 << 32:
            raise Malformed('12-word WRITE_ANDX of %d bytes at %d, past 4 GiB' % (n, off))
        return self.fids.get(req.w(2)), off, m[doff:doff + n]

    def do_write(self, req):
        path, off, data = self.write_args(req)
        fid = req.w(2)
        if path is None or path not in self.share.files:
            return smb_msg(req, status=STATUS_INVALID_HANDLE)
        if self.fid_access.get(fid) not in (ACCESS_WRITE, ACCESS_READWRITE):
            return smb_msg(req, status=STATUS_ACCESS_DENIED)
        if self.fat32(req):
            full = self.fat32_full(req, path, off, len(data))
            if full:
                return full
        self.share.write(path, off, data)
        self.fid_written.add(fid)
        self.stamp(req, fid, path)
        return write_reply(req, len(data))

    def fat32_full(self, req, path, off, n):
        """A FAT32 volume: a write that would take the file past 4 GiB - 1
        bytes is refused as a full disk, as Windows refuses it
        (STATUS_DISK_FULL), and so is any write to a file whose name
        starts with "full" (the volume is full); ERRHRD/ERRdiskfull,
        without NT status codes in the reply, where the scenario says.  The writes taken are logged with their
        offsets.  None: the write goes on."""
        name = path.rpartition('\\')[2]
        if off + n > FAT_MAX or name.startswith('full'):
            self.log('fired disk full: write of %d bytes at %d to %s refused' % (n, off, path))
            scen = req.scen if self.srv.by_path else self.scen
            if not getattr(scen, 'dos_full', False):
                return smb_msg(req, status=STATUS_DISK_FULL)
            return smb_msg(req, status=ERRHRD | ERRDISKFULL << 16,
                           flags2=FLAGS2 & ~FLAGS2_NT_STATUS)
        self.log('wrote %d bytes at %d to %s' % (n, off, path))
        return None

    def stamp(self, req, fid, path):
        """Windows 98: a write through fid makes the modification time
        of its file now, unless SET_INFORMATION2 set it through fid."""
        if self.win98(req) and fid not in self.fid_times:
            self.share.stamp(path)

    def do_flush(self, req):
        fid = req.w(0)
        if fid != 0xffff and fid not in self.fids:
            return smb_msg(req, status=STATUS_INVALID_HANDLE)
        return smb_msg(req)

    def do_delete(self, req):
        p = norm(req.path)
        if p in self.share.dirs:
            return smb_msg(req, status=STATUS_FILE_IS_A_DIRECTORY)
        if p not in self.share.files:
            return smb_msg(req, status=STATUS_OBJECT_NAME_NOT_FOUND)
        if self.share.attr(p) & ATTR_READONLY:
            return smb_msg(req, status=STATUS_CANNOT_DELETE)
        if self.win98(req) and p in self.fids.values():
            return self.open_refused(req, 'delete', p)
        with self.share.lock:
            del self.share.files[p]
            self.share.attrs.pop(p, None)
        self.log('deleted %s' % p)
        return smb_msg(req)

    def open_refused(self, req, what, p):
        """Windows 98 neither deletes nor renames a file open by a FID
        ([MS-CIFS] 2.2.4.7, 2.2.4.8: ERRDOS/ERRbadshare), and says so
        with a DOS error, without NT status codes in the reply."""
        self.log('%s of %s refused: open' % (what, p))
        return smb_msg(req, status=ERRDOS | ERRBADSHARE << 16,
                       flags2=FLAGS2 & ~FLAGS2_NT_STATUS)

    def do_mkdir(self, req):
        p = norm(req.path)
        if p in self.share.dirs or p in self.share.files:
            return smb_msg(req, status=STATUS_OBJECT_NAME_COLLISION)
        if not self.share.parent_exists(p):
            return smb_msg(req, status=STATUS_OBJECT_PATH_NOT_FOUND)
        with self.share.lock:
            self.share.dirs.add(p)
        self.log('made directory %s' % p)
        return smb_msg(req)

    def do_rmdir(self, req):
        p = norm(req.path)
        if p in self.share.files:
            return smb_msg(req, status=STATUS_NOT_A_DIRECTORY)
        if p not in self.share.dirs:
            return smb_msg(req, status=STATUS_OBJECT_NAME_NOT_FOUND)
        if children(self.share, p):
            return smb_msg(req, status=STATUS_DIRECTORY_NOT_EMPTY)
        with self.share.lock:
            self.share.dirs.discard(p)
        self.log('removed directory %s' % p)
        return smb_msg(req)

    def do_rename(self, req):
        """RENAME of a file (a name taken fails: no replacing here)."""
        a, b = norm(req.path), norm(req.path2)
        files = self.share.files
        if a not in files:
            return smb_msg(req, status=STATUS_OBJECT_NAME_NOT_FOUND)
        if b in files or b in self.share.dirs:
            return smb_msg(req, status=STATUS_OBJECT_NAME_COLLISION)
        if not self.share.parent_exists(b):
            return smb_msg(req, status=STATUS_OBJECT_PATH_NOT_FOUND)
        if a in self.fids.values():
            if self.win98(req):
                return self.open_refused(req, 'rename', a)
            return smb_msg(req, status=STATUS_SHARING_VIOLATION)
        with self.share.lock:
            files[b] = files.pop(a)
            if a in self.share.attrs:
                self.share.attrs[b] = self.share.attrs.pop(a)
            if a in self.share.times:
                self.share.times[b] = self.share.times.pop(a)
        self.log('renamed %s to %s' % (a, b))
        return smb_msg(req)

    def do_setattr(self, req):
        """SET_INFORMATION: attributes (0x80 alone: as they are) and
        LastWriteTime (0: as it is)."""
        p = norm(req.path)
        attrs, mtime = req.w(0), le32(req.words, 2)
        if p not in self.share.files and p not in self.share.dirs:
            return smb_msg(req, status=STATUS_OBJECT_NAME_NOT_FOUND)
        if attrs != 0x80 and p in self.share.files:
            self.share.attrs[p] = attrs & ~ATTR_DIRECTORY
        if mtime and self.win98(req) and p in self.share.files:
            with self.share.lock:
                self.share.times.setdefault(p, [DOS_EPOCH] * 3)[2] = mtime
        self.log('set information of %s (attributes 0x%x, mtime %d)' % (p, attrs, mtime))
        return smb_msg(req)

    def do_setattr2(self, req):
        """SET_INFORMATION2: the creation, last access and last write
        times of a file open for writing here, each a valid SMB_DATE and
        SMB_TIME (Windows takes a zero literally: none may be left so)."""
        scen = req.scen if self.srv.by_path else self.scen
        if getattr(scen, 'no_setinfo2', False):
            self.log('fired setattr2 (refused)')
            return smb_msg(req, status=ERRSRV | ERRSMBCMD << 16,
                           flags2=FLAGS2 & ~FLAGS2_NT_STATUS)
        fid = req.w(0)
        path = self.fids.get(fid)
        if path is None or path not in self.share.files:
            raise Malformed('SET_INFORMATION2 of file id 0x%x, which is not an open file' % fid)
        if self.fid_access.get(fid) not in (ACCESS_WRITE, ACCESS_READWRITE):
            raise Malformed('SET_INFORMATION2 of file id 0x%x, open for reading only' % fid)
        times = []
        for i, what in enumerate(('creation', 'last access', 'last write')):
            date, tm = req.w(1 + 2 * i), req.w(2 + 2 * i)
            t = dos_seconds(date, tm)
            if t is None:
                raise Malformed('SET_INFORMATION2 %s date 0x%04x time 0x%04x, not a valid one'
                                % (what, date, tm))
            times.append(t)
        with self.share.lock:
            self.share.times[path] = times
        self.fid_times.add(fid)
        self.log('set information2 of %s (mtime %d)' % (path, times[2]))
        return smb_msg(req)

    def do_core_write(self, req):
        """The core WRITE: a 32-bit offset and a 16-bit count; a count of
        0 sets the file's size to the offset."""
        fid, count, off = req.w(0), req.w(1), le32(req.words, 4)
        path = self.fids.get(fid)
        if path is None or path not in self.share.files:
            return smb_msg(req, status=STATUS_INVALID_HANDLE)
        if self.fid_access.get(fid) not in (ACCESS_WRITE, ACCESS_READWRITE):
            return smb_msg(req, status=STATUS_ACCESS_DENIED)
        if count:
            self.share.write(path, off, req.bytes[3:3 + count])
        else:
            self.share.resize(path, off)
            self.log('size of %s set to %d' % (path, off))
        self.fid_written.add(fid)
        self.stamp(req, fid, path)
        return smb_msg(req, struct.pack('<H', count))

    def set_info(self, req, p, level):
        """TRANS2 SET_*_INFORMATION of path p at level."""
        data = req.data
        if p not in self.share.files and p not in self.share.dirs:
            return smb_msg(req, status=STATUS_OBJECT_NAME_NOT_FOUND)
        if level == SET_FILE_END_OF_FILE_INFO:
            if p in self.share.dirs:
                return smb_msg(req, status=STATUS_FILE_IS_A_DIRECTORY)
            size = struct.unpack_from('<Q', data)[0]
            self.share.resize(p, size)
            self.log('end of file of %s set to %d' % (p, size))
        elif level == SET_FILE_BASIC_INFO:
            attrs = le32(data, 32)
            mtime = struct.unpack_from('<Q', data, 16)[0]
            if attrs and p in self.share.files:
                self.share.attrs[p] = attrs & ~ATTR_DIRECTORY
            # the modification time in seconds since 1970, if set
            self.log('basic information of %s set (attributes 0x%x, mtime %d)' %
                     (p, attrs, mtime // 10 ** 7 - 11644473600 if mtime else 0))
        else:
            self.log('set level 0x%x of %s not supported' % (level, p))
            return smb_msg(req, status=STATUS_NOT_SUPPORTED)
        return self.t2(req, b'\0\0')

    def do_spi(self, req):
        if self.win98(req):
            raise Malformed('TRANS2 SET_PATH_INFORMATION, which Windows 98 refuses')
        return self.set_info(req, norm(req.path), le16(req.params, 0))

    def do_sfi(self, req):
        if self.win98(req):
            raise Malformed('TRANS2 SET_FILE_INFORMATION, which Windows 98 refuses')
        path = self.fids.get(le16(req.params, 0))
        if path is None:
            return smb_msg(req, status=STATUS_INVALID_HANDLE)
        return self.set_info(req, path, le16(req.params, 2))


    # -- the core protocol (the scenarios marked with core()) -----------

    def core_violation(self, req, why):
        """A request a core server would not take: logged as malformed
        (which fails the test), answered with ERRSRV/ERRsmbcmd."""
        self.log('malformed request %s: %s' % (req_kind(req), why))
        return core_fix(smb_msg(req, status=ERRSRV | ERRSMBCMD << 16, flags2=0))

    def core_reply(self, req):
        """A core server: the commands of PC NETWORK PROGRAM 1.0 alone,
        OEM 8.3 names in capitals, DOS error codes, no Flags2."""
        kind = req_kind(req)
        if kind not in CORE_KINDS:
            return self.core_violation(req, 'command 0x%02x, which the core protocol '
                                       'does not have' % req.cmd)
        # the client learns the dialect from the negotiate's reply
        if kind != 'negotiate' and req.flags2 & (0x8000 | 0x4000 | 0x0800 | 0x0004):
            return self.core_violation(req, 'Flags2 0x%04x (Unicode, NT status, extended '
                                       'security or signatures) to a core server'
                                       % req.flags2)
        if kind not in ('negotiate', 'core_tcon'):
            if not getattr(self, 'core_dialect', False):
                return self.core_violation(req, 'a request before the core negotiate')
            if req.tid != CORE_TID:
                return self.core_violation(req, 'TID 0x%x, not the one given (0x%x)'
                                           % (req.tid, CORE_TID))
        for p in (req.path, req.path2):
            if p is None or kind == 'core_tcon':
                continue
            why = core_name_problem(p, kind == 'core_search')
            if why:
                return self.core_violation(req, 'name %r: %s' % (p, why))
        handler = {'close': self.core_close}.get(kind, getattr(self, 'do_' + kind))
        try:
            if kind == 'core_write':
                self.core_check_size(req, 0)
            return core_fix(handler(req))
        except Malformed as e:
            self.log('malformed request %s: %s' % (kind, e))
            return core_fix(smb_msg(req, status=STATUS_INVALID_PARAMETER, flags2=0))

    def core_check_size(self, req, reply_len):
        if len(req.msg) > CORE_MAX_BUF or reply_len > CORE_MAX_BUF:
            raise Malformed('a request of %d bytes, or a reply of %d, past MaxBufferSize %d'
                            % (len(req.msg), reply_len, CORE_MAX_BUF))

    def core_negotiate(self, req):
        offered = [d.rstrip(b'\0') for d in req.bytes.split(b'\x02')[1:]]
        if CORE_DIALECT not in offered:
            self.log('negotiate: %r offered, without the core dialect' % offered)
            return smb_msg(req, struct.pack('<H', 0xffff), flags2=0)
        self.core_dialect = True
        # what this server does beyond the good one: counts as fired
        self.log('fired core (PC NETWORK PROGRAM 1.0 negotiated)')
        return smb_msg(req, struct.pack('<H', offered.index(CORE_DIALECT)), flags2=0)

    def do_core_tcon(self, req):
        b = req.bytes
        path_end = b.index(b'\0', 1)
        pw_end = b.index(b'\0', path_end + 2)
        path = b[1:path_end].decode('latin-1')
        password = b[path_end + 2:pw_end].decode('latin-1')
        service = b[pw_end + 2:-1].decode('latin-1')
        self.log('tree connect %s password %r service %s' % (path, password, service))
        if path != path.upper() or not path.startswith('\\\\'):
            raise Malformed('TREE_CONNECT path %r, not \\\\SERVER\\SHARE in capitals' % path)
        if service not in ('A:', '?????'):
            raise Malformed('TREE_CONNECT service %r' % service)
        if password not in CORE_PASSWORDS:
            return smb_msg(req, status=ERRSRV | 2 << 16, flags2=0)     # ERRbadpw
        return smb_msg(req, struct.pack('<HH', CORE_MAX_BUF, CORE_TID), flags2=0)

    def core_stat(self, p):
        """(attributes, size, mtime) of p, or None."""
        if p in self.share.dirs:
            return ATTR_DIRECTORY, 0, DOS_EPOCH
        if p in self.share.files:
            return (self.share.attr(p), len(self.share.files[p]),
                    self.share.times.get(p, [DOS_EPOCH] * 3)[2])
        return None

    def do_core_qinfo(self, req):
        st = self.core_stat(norm(req.path))
        if st is None:
            return smb_msg(req, status=STATUS_OBJECT_NAME_NOT_FOUND)
        attrs, size, mtime = st
        return smb_msg(req, struct.pack('<HII', attrs, mtime, size) + bytes(10))

    def do_core_disk(self, req):
        # units, blocks per unit, block size, free units, reserved
        return smb_msg(req, struct.pack('<HHHHH', 1000, 8, 512, 500, 0))

    def do_core_search(self, req):
        """SEARCH: from the pattern, or after the entry whose resume key
        comes back; the search's place is in the key's server part."""
        count, sattrs = req.w(0), req.w(1)
        key_at = req.bytes.index(b'\0', 1) + 1
        keylen = le16(req.bytes, key_at + 1)
        if keylen:
            key = req.bytes[key_at + 3:key_at + 3 + 21]
            sid, pos = struct.unpack_from('<HH', key, 1)
            if sid not in self.searches:
                raise Malformed('SEARCH resume key of search %d, unknown' % sid)
            names = self.searches[sid]
        else:
            d, _, pat = norm(req.path).rpartition('\\')
            if d not in self.share.dirs:
                return smb_msg(req, status=STATUS_OBJECT_PATH_NOT_FOUND)
            names = [e for e in self.listing(d) if (e[0] in ('.', '..') and d) or
                     e[0] not in ('.', '..')]
            names = [e for e in names if core_match(pat, e[0]) and
                     (not e[1] & (ATTR_DIRECTORY | 0x06) or e[1] & sattrs)]
            sid = self.next_sid
            self.next_sid += 1
            self.searches[sid] = names
            pos = 0
        out = []
        while pos < len(names) and len(out) < count:
            name, attrs, size, times = names[pos]
            pos += 1
            date, tm = dos_pair(times[2] if times else DOS_EPOCH)
            key = b'\0' + struct.pack('<HH', sid, pos) + bytes(12) + bytes(4)
            out.append(key + struct.pack('<BHHI', attrs, tm, date, size) +
                       name.encode('latin-1').ljust(12, b' ') + b'\0')
        if not out:
            self.searches.pop(sid, None)
            return smb_msg(req, status=STATUS_NO_MORE_FILES)
        data = b''.join(out)
        msg = smb_msg(req, struct.pack('<H', len(out)),
                      b'\x05' + struct.pack('<H', len(data)) + data)
        self.core_check_size(req, len(msg))
        return msg

    def core_new_fid(self, req, p, access):
        fid = self.next_fid
        self.next_fid += 1
        self.fids[fid] = p
        self.fid_scen[fid] = req.scen
        self.fid_access[fid] = access
        return fid

    def do_core_open(self, req):
        p = norm(req.path)
        mode = req.w(0)
        access = mode & 7
        if mode & ~0x0073 or access > ACCESS_READWRITE or (mode >> 4) & 7 > 4:
            raise Malformed('OPEN AccessMode 0x%04x' % mode)
        if p in self.share.dirs:
            return smb_msg(req, status=STATUS_ACCESS_DENIED)
        if p not in self.share.files:
            return smb_msg(req, status=STATUS_OBJECT_NAME_NOT_FOUND)
        if access != ACCESS_READ and self.share.attr(p) & ATTR_READONLY:
            return smb_msg(req, status=STATUS_ACCESS_DENIED)
        fid = self.core_new_fid(req, p, access)
        attrs, size, mtime = self.core_stat(p)
        return smb_msg(req, struct.pack('<HHIIH', fid, attrs, mtime, size, access))

    def core_create(self, req, new):
        p = norm(req.path)
        attrs = req.w(0)
        if attrs & ~0x27:
            raise Malformed('%s FileAttributes 0x%04x' % ('CREATE_NEW' if new else 'CREATE',
                                                          attrs))
        if p in self.share.dirs:
            return smb_msg(req, status=STATUS_ACCESS_DENIED)
        if p in self.share.files and new:
            return smb_msg(req, status=STATUS_OBJECT_NAME_COLLISION)
        if p not in self.share.files and not self.share.parent_exists(p):
            return smb_msg(req, status=STATUS_OBJECT_PATH_NOT_FOUND)
        if p in self.share.files and self.share.attr(p) & ATTR_READONLY:
            return smb_msg(req, status=STATUS_ACCESS_DENIED)
        existed = p in self.share.files
        with self.share.lock:
            self.share.files[p] = b''
            self.share.times.setdefault(p, [DOS_EPOCH] * 3)[2] = int(time.time())
        fid = self.core_new_fid(req, p, ACCESS_READWRITE)
        self.log('%s %s as file id 0x%x (%s)' % ('truncated' if existed else 'created', p,
                                                fid, 'CREATE_NEW' if new else 'CREATE'))
        return smb_msg(req, struct.pack('<H', fid))

    def do_core_create(self, req):
        return self.core_create(req, False)

    def do_core_create_new(self, req):
        return self.core_create(req, True)

    def do_core_read(self, req):
        fid, count, off = req.w(0), req.w(1), le32(req.words, 4)
        path = self.fids.get(fid)
        if path is None or path not in self.share.files:
            return smb_msg(req, status=STATUS_INVALID_HANDLE)
        data = self.share.files[path][off:off + count]
        msg = smb_msg(req, struct.pack('<H', len(data)) + bytes(8),
                      b'\x01' + struct.pack('<H', len(data)) + data)
        self.core_check_size(req, len(msg))
        return msg

    def core_close(self, req):
        """CLOSE: LastTimeModified (UTIME; 0 and 0xFFFFFFFF: as it is)
        becomes the file's modification time."""
        fid, mtime = req.w(0), le32(req.words, 2)
        path = self.fids.get(fid)
        if mtime not in (0, 0xffffffff) and path in self.share.files:
            with self.share.lock:
                self.share.times.setdefault(path, [DOS_EPOCH] * 3)[2] = mtime
            self.fid_times.add(fid)
            self.log('close of %s sets mtime %d' % (path, mtime))
        return self.do_close(req)


# The kinds of request a core server takes (and how it answers them)
CORE_KINDS = ('negotiate', 'core_tcon', 'tdis', 'core_qinfo', 'core_search',
              'core_disk', 'core_open', 'core_create', 'core_create_new', 'close',
              'core_read', 'core_write', 'flush', 'delete', 'mkdir', 'rmdir',
              'rename', 'setattr')
CORE_TID = 0x2c1
CORE_MAX_BUF = 4356
# the share passwords a core server takes: none (guest), and one
CORE_PASSWORDS = ('', 'SECRET')
CORE_83_CHARS = set('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-$~!#%&@^(){}\'` ')


def core_name_problem(path, pattern=False):
    """Why path is no name of a core server (8.3, capitals), or None; a
    SEARCH pattern may end in *.*"""
    parts = norm(path).split('\\') if norm(path) else []
    for i, part in enumerate(parts):
        if pattern and i == len(parts) - 1 and part in ('*.*', '????????.???'):
            continue
        base, dot, ext = part.partition('.')
        if not 1 <= len(base) <= 8 or len(ext) > 3 or (dot and not ext) or \
                '.' in ext or base[0] == ' ' or not set(base + ext) <= CORE_83_CHARS:
            return 'component %r is not an 8.3 name in capitals' % part
    return None


def core_match(pat, name):
    return pat in ('*.*', '????????.???') or pat == name


def core_fix(msg):
    """A reply as a core server sends it: Flags2 zero, the error as a DOS
    class and code."""
    status = le32(msg, 5)
    if status & 0xc0000000:
        cls, code = DOS_ERRORS.get(status, (ERRSRV, 1))
        status = cls | code << 16
    return patch(patch(msg, 5, struct.pack('<I', status)), 10, b'\0\0')


def t2_reply(req, params, data=b'', status=STATUS_OK, poff=None, doff=None,
             tpc=None, tdc=None, pc=None, dc=None, pdisp=0, ddisp=0):
    """A single-part TRANS2 reply, parameters at 56, data 4-aligned."""
    start = HDR + 1 + 20 + 2
    if poff is None:
        poff = start + 1
    if doff is None:
        doff = poff + len(params)
        doff += (-doff) % 4
    body = bytearray(max(poff + len(params), doff + len(data)) - start)
    body[poff - start:poff - start + len(params)] = params
    if data:
        body[doff - start:doff - start + len(data)] = data
    pc = len(params) if pc is None else pc
    dc = len(data) if dc is None else dc
    words = struct.pack('<HHHHHHHHHBB', pc if tpc is None else tpc,
                        dc if tdc is None else tdc, 0, pc, poff, pdisp,
                        dc, doff, ddisp, 0, 0)
    return smb_msg(req, words, bytes(body), status=status)


def read_words_args(words):
    """(offset, count) from the parameter words of a READ_ANDX request."""
    off = le32(words, 6)
    if len(words) >= 24:
        off |= le32(words, 20) << 32
    return off, le16(words, 10) | (le16(words, 14) << 16)


def read_block(at, data, doff=None, dlen=None, dhigh=None, pad=1, wc=None,
               bc=None, andx_words=None):
    """A READ_ANDX reply block (WordCount onwards) that starts at offset
    at of the message; its data follows at at + 27 + pad by default."""
    if doff is None:
        doff = at + 1 + 24 + 2 + pad
    n = len(data)
    words = ((andx_words or andx()) +
             struct.pack('<HHHHHH', 0, 0, 0, (n if dlen is None else dlen) & 0xffff,
                         doff, (n >> 16) if dhigh is None else dhigh) + b'\0' * 8)
    body = b'\0' * pad + data
    return (bytes([len(words) // 2 if wc is None else wc]) + words +
            struct.pack('<H', (len(body) & 0xffff) if bc is None else bc) + body)


OPEN_READ_AT = 68       # where the READ_ANDX block of an OPEN_ANDX reply starts


def open_read_reply(req, fid, size, data, open_andx=None, read_andx=None,
                    action=OPENED, access=ACCESS_READ, mtime=DOS_EPOCH, **kw):
    """OPEN_ANDX and the READ_ANDX chained to it, in one reply."""
    words = ((open_andx or andx(CMD_READ_ANDX, OPEN_READ_AT)) +
             open_words(fid, size, action=action, access=access, mtime=mtime)[4:])
    msg = smb_msg(req, words)
    msg = msg.ljust(OPEN_READ_AT, b'\0')
    return msg + read_block(OPEN_READ_AT, data, andx_words=read_andx, **kw)


def nt_create_words(fid, action, attrs, size, alloc=None, is_dir=0,
                    andx_words=None):
    """The 34 words of an NT_CREATE_ANDX reply ([MS-CIFS] 2.2.4.64.2)."""
    return ((andx_words or andx()) +
            struct.pack('<BHI', 0, fid, action) + file_times() +
            struct.pack('<IQQHHB', attrs or 0x80,
                        alloc_size(size) if alloc is None else alloc,
                        size, 0, 0, is_dir))


def chained_read_reply(req, words, data):
    """An AndX reply of these words with a READ_ANDX of data chained
    to it, its block right after the first (4-aligned)."""
    at = HDR + 1 + len(words) + 2
    at += (-at) % 4
    words = andx(CMD_READ_ANDX, at) + words[4:]
    return smb_msg(req, words).ljust(at, b'\0') + read_block(at, data)


def open_words(fid, size, wc=15, action=OPENED, access=ACCESS_READ,
               mtime=DOS_EPOCH):
    w = (andx() + struct.pack('<HHIIHHHH', fid, ATTR_ARCHIVE, mtime,
                              size, access, 0, 0, action) + b'\0' * 6)
    return (w + b'\0' * 8)[:2 * wc]


def read_reply(req, data, **kw):
    """A READ_ANDX reply carrying data at HDR + 27 + pad (60 by default)."""
    return smb_msg(req)[:HDR] + read_block(HDR, data, **kw)


def write_reply(req, count, high=None, wc=None, bc=None, andx_words=None,
                status=STATUS_OK):
    """A WRITE_ANDX reply: count bytes written, CountHigh its high bits
    unless high says otherwise (Available 0xFFFF: a disk file)."""
    words = ((andx_words or andx()) +
             struct.pack('<HHHH', count & 0xffff, 0xffff,
                         (count >> 16) if high is None else high, 0))
    return smb_msg(req, words, wc=wc, bc=bc, status=status)


# ---------------------------------------------------------------------
# Misbehaviour: actions
#
# An action gets the connection, the request and the correct reply and
# returns what to do: a list of byte strings (already framed) to send and
# control words: CLOSE (FIN), RESET (RST), STALL (never answer again,
# keep the connection), ('sleep', seconds), ('forever', frame, pause)
# (send frame again and again until the client goes away).
# ---------------------------------------------------------------------

CLOSE = 'close'
RESET = 'reset'
STALL = 'stall'


def send(fn):
    """Reply with fn(conn, req, good) instead: a message, framed here."""
    return lambda c, r, g: [nb(fn(c, r, g))]


def mangle(*edits):
    """Send the correct reply with (offset, bytes) patches applied."""
    def act(c, r, g):
        for off, b in edits:
            g = patch(g, off, b)
        return [nb(g)]
    return act


def raw(*items):
    """Send these items whatever the request (functions get (c, r, g))."""
    def act(c, r, g):
        return [i(c, r, g) if callable(i) else i for i in items]
    return act


def then_good(*items):
    """Send the items, then the correct reply."""
    def act(c, r, g):
        out = [i(c, r, g) if callable(i) else i for i in items]
        return out + [nb(g)]
    return act


def wc_at(w):
    """Patch: WordCount of the first block."""
    return (HDR, bytes([w]))


def neg(**kw):
    """A NEGOTIATE reply with fields overridden (see neg_reply)."""
    return send(lambda c, r, g: neg_reply(r, **kw))


def sess(words=None, data=None, **kw):
    """A SESSION_SETUP_ANDX reply with these words and data."""
    if words is None:
        words = andx() + b'\0\0'
    if data is None:
        data = b'\0' + u16('Unix\0FakeSMB\0FAKEDOM\0')
    return send(lambda c, r, g: smb_msg(r, words, data, uid=100, **kw))


def tcon(words=None, data=b'A:\0', **kw):
    """A TREE_CONNECT_ANDX reply with these words and data."""
    if words is None:
        words = andx() + struct.pack('<H', 1)
    return send(lambda c, r, g: smb_msg(r, words, data, tid=1, **kw))


def find_first_n(names_data, count, eos=1):
    """A FIND_FIRST2 reply: these entries, SearchCount and EndOfSearch,
    and the SID the server opened (FIND_NEXT2 is routed by it)."""
    def fn(c, r, g):
        sid = le16(g, HDR + 24) if not le32(g, 5) else 0x200
        return t2_reply(r, struct.pack('<HHHHH', sid, count, eos, 0, 0),
                        names_data)
    return send(fn)


def read_with(**kw):
    """A READ_ANDX reply of the data asked for, with fields overridden."""
    def fn(c, r, g):
        path, off, count = c.read_args(r)
        return read_reply(r, c.share.files[path][off:off + count], **kw)
    return send(fn)


def read_data(fn_data, **kw):
    """A READ_ANDX reply whose data is fn_data(asked data, count)."""
    def fn(c, r, g):
        path, off, count = c.read_args(r)
        return read_reply(r, fn_data(c.share.files[path][off:off + count], count), **kw)
    return send(fn)


def write_with(count=None, **kw):
    """A WRITE_ANDX reply to the data the request carried: count(n)
    bytes written instead of its n, fields overridden (see write_reply)."""
    def fn(c, r, g):
        n = len(c.write_args(r)[2])
        return write_reply(r, n if count is None else count(n), **kw)
    return send(fn)


def big_nb_then(after, length=0xffffff):
    """A frame header announcing length bytes, the SMB header, then after."""
    return raw(lambda c, r, g: nb(g[:HDR], length=length), after)


def junk_frame(cmd=CMD_LOCKING_ANDX, reply=False, mid=0xffff):
    """An unsolicited frame: an oplock break request, or a stray reply."""
    def fn(c, r, g):
        words = andx() + struct.pack('<HBBIHH', 0x4000, 0x02, 0, 0, 0, 0)
        return nb(smb_msg(r, words, cmd=cmd, mid=mid,
                          flags=FLAGS_REPLY if reply else 0x08))
    return fn


def keepalive(c, r, g):
    """A NetBIOS session keepalive."""
    return nb(b'', NB_KEEPALIVE)


def nb_reply(nbtype, payload=b'', length=None):
    """A NetBIOS packet of that type, e.g. a session response."""
    return raw(nb(payload, nbtype, length))


def smb2_frame(c, r, g):
    """An SMB2 NEGOTIATE response header and a little of its body."""
    hdr = (b'\xfeSMB' + struct.pack('<HHIHHIIQIIQ16s', 64, 0, 0, 0, 1, 1, 0,
                                    0, 0, 0, 0, b''))
    return nb(hdr + struct.pack('<HHHH', 65, 1, 0x0202, 0) + b'\0' * 57)



def lm_response(password, chal=CHALLENGE):
    """The LM response to chal ([MS-NLMP] 3.3.1), from impacket's DES."""
    from impacket import ntlm
    return ntlm.ntlmssp_DES_encrypt(ntlm.compute_lmhash(password), chal)


def password_check(word, status, what, want):
    """Reply well only when the password field (its length in parameter
    word `word`, its bytes first in the data) is want, a callable giving
    it, or one of a tuple of them; else with status."""
    def fn(c, r, g):
        got = r.bytes[:r.w(word)]
        ok = want() if callable(want) else want
        if got in (ok if isinstance(ok, tuple) else (ok,)):
            return g
        c.log('%s password %r' % (what, got))
        return smb_msg(r, status=status)
    return send(fn)


def sess_password(want):
    """A session setup that must carry want in its OEM password field."""
    return password_check(7, STATUS_LOGON_FAILURE, 'session setup', want)


def tcon_password(*accepted):
    """A share-level tree connect that must carry one of accepted."""
    return password_check(3, STATUS_ACCESS_DENIED, 'tree connect', accepted)


def tcon_lm(password):
    """A share-level tree connect that must carry the LM response."""
    return password_check(3, STATUS_ACCESS_DENIED, 'tree connect',
                          lambda: lm_response(password))


def when_path(name):
    """For requests naming path name (relative, backslashes)."""
    return lambda c, r: r.path is not None and norm(r.path) == name


def when_read(name):
    """For READ_ANDX requests of the file name."""
    return lambda c, r: c.fids.get(r.w(2)) == name


class On:
    """A rule: at requests of kind (and when(conn, req)), act."""

    def __init__(self, kind, act, when=None, times=None):
        self.kind = kind
        self.act = act
        self.when = when
        self.times = times


class S:
    """A scenario: its name, what it does and its rules, tried in order."""

    def __init__(self, name, desc, *rules):
        self.name = name
        self.desc = desc
        self.rules = rules


def name_data(*names):
    """Entries with the given raw (UTF-16LE) names, all plain files."""
    out = [dirent(n, index=i + 1) for i, n in enumerate(names)]
    out[-1] = b'\0\0\0\0' + out[-1][4:]
    return b''.join(out)


GOOD_NAMES = (u16('good1.txt'), u16('good2.txt'))


def endless_batch(c, r, g):
    """A FIND_NEXT2 reply of 50 entries never seen before, without an end."""
    c.endless = getattr(c, 'endless', 0) + 1
    names = [u16('e%06d-%02d.txt' % (c.endless, i)) for i in range(50)]
    return t2_reply(r, struct.pack('<HHHH', len(names), 0, 0, 0),
                    name_data(*names))


def bad_name(name):
    """A listing of two good files around one bad name."""
    return find_first_n(name_data(GOOD_NAMES[0], name, GOOD_NAMES[1]), 3)


def open_read(extra=None, **kw):
    """The OPEN_ANDX reply with its chained READ_ANDX, fields overridden;
    extra: that many bytes more than the read asked for."""
    def fn(c, r, g):
        if not (r.chained and r.chained[0] == CMD_READ_ANDX):
            return g
        path = norm(r.path)
        off, count = read_words_args(r.chained[1])
        fid = le16(g, HDR + 5)
        data = c.share.files[path][off:off + count]
        if extra is not None:
            data = data.ljust(count + extra, b'X')
        return open_read_reply(r, fid, len(c.share.files[path]), data, **kw)
    return send(fn)


def trickle(frame, size, pause):
    """frame in pieces of size bytes, pause seconds apart"""
    out = []
    for off in range(0, len(frame), size):
        out += [frame[off:off + size], ('sleep', pause)]
    return out


def with_andx(cmd, off):
    """The correct reply, its AndX header saying cmd at off."""
    return mangle((HDR + 1, struct.pack('<BBH', cmd, 0, off)))


def andx_chain(c, r, g):
    """The correct reply with two more blocks chained after it, the last
    pointing back at the first: a chain that never ends."""
    first_end = len(g)
    block = bytes([2]) + andx(r.cmd, HDR) + b'\0\0'
    g = patch(g, HDR + 1, andx(r.cmd, first_end))
    second = bytes([2]) + andx(r.cmd, first_end + len(block)) + b'\0\0'
    return [nb(g + second + block)]


# ---------------------------------------------------------------------
# The scenarios
# ---------------------------------------------------------------------

def flip_last(c, r, g):
    """The correct (signed) reply with its last byte changed."""
    return [nb(g[:-1] + bytes([g[-1] ^ 0x01]))]


def bare_error(status, sign):
    """A bare 32-byte header with the request's MID and command and an
    error status: signed as the reply to the request, or not at all."""
    def fn(c, r, g):
        hdr = patch(g[:HDR], 5, struct.pack('<I', status))
        if sign:
            # the reply's number: the request's, one past
            return nb(signed(c.sign_key, hdr, c.seq - 1))
        return nb(patch(hdr, 14, bytes(8)))
    return fn


def with_caps(caps, scen):
    """scen negotiates with these capabilities instead of CAPS."""
    scen.caps = caps
    return scen


def win98(scen):
    """scen plays Windows 98: NT LM 0.12 without CAP_NT_SMBS (nor large
    files, reads or writes), so the LAN Manager 2.0 information levels
    alone, MaxBufferSize 4356, no TRANS2 SET_PATH_INFORMATION or
    SET_FILE_INFORMATION (such a request is taken as malformed: it fails
    the test), no directory opens."""
    scen.caps = CAPS & ~(CAP_NT_SMBS | CAP_LARGE_FILES | CAP_LARGE_READX |
                         CAP_LARGE_WRITEX)
    scen.max_buf = 4356
    scen.win98 = True
    return scen


def fat32(scen, dos_full=False):
    """scen serves a FAT32 volume: files end at 4 GiB - 1 (a write past
    that is refused as a full disk), and the volume is full for files
    named full*; writes are logged with their offsets, and files past
    64 MiB kept sparse.  dos_full: the refusal is the DOS error
    ERRHRD/ERRdiskfull, else STATUS_DISK_FULL."""
    scen.fat32 = True
    scen.dos_full = dos_full
    return scen


def no_setinfo2(scen):
    """scen does not know SET_INFORMATION2: the DOS error ERRSRV/ERRsmbcmd,
    without NT status codes in the reply, and the times stay."""
    scen.no_setinfo2 = True
    return scen


def core(scen):
    """scen is a core protocol server (PC NETWORK PROGRAM 1.0, [MS-CIFS]
    2.2.4): it negotiates nothing else, takes the password in the core
    TREE_CONNECT (none, or SECRET), has no Unicode and no NT status
    codes, keeps 8.3 names in capitals, answers the core commands alone
    (NEGOTIATE, TREE_CONNECT, TREE_DISCONNECT, QUERY_INFORMATION,
    SET_INFORMATION, SEARCH, QUERY_INFORMATION_DISK, OPEN, CREATE,
    CREATE_NEW, READ, WRITE, FLUSH, CLOSE, DELETE, RENAME,
    CREATE_DIRECTORY, DELETE_DIRECTORY) with DOS error codes, and takes
    any other command, a name that is not 8.3 in capitals, Flags2 with
    Unicode or NT status, a wrong TID or a message or reply past its
    MaxBufferSize of 4356 for a malformed request (the test fails);
    such a command is answered with ERRSRV/ERRsmbcmd.  Times are kept
    in whole seconds; a write stamps the file with the current time."""
    scen.core = True
    scen.win98 = True
    return scen


def nt_create(scen):
    """scen takes NT_CREATE_ANDX (the others refuse it)."""
    scen.nt_create = True
    return scen


def file_ids(scen, how):
    """scen gives file ids (FileInternalInformation): by name ('name',
    QUERY_PATH_INFORMATION) or also through a FID ('fid',
    QUERY_FILE_INFORMATION); searches have none.  It announces
    CAP_INFOLEVEL_PASSTHRU, the pass-through levels."""
    scen.ids = how
    scen.caps = getattr(scen, 'caps', CAPS) | CAP_INFOLEVEL_PASSTHRU
    return scen


# Where the fields of a 34-word NT_CREATE_ANDX reply are in the message
NT_RSP_ATTRS = HDR + 1 + 43
NT_RSP_ALLOC = HDR + 1 + 47
NT_RSP_EOF = HDR + 1 + 55
NT_RSP_DIR = HDR + 1 + 67


def nt_ok(c, r):
    """For the NT_CREATE_ANDX requests that open or create a file to
    write it, without a READ_ANDX chained."""
    return le32(r.words, 15) & NT_WRITE_ACCESS and r.chained is None


def nt_mangle(*edits):
    """The correct reply with (offset, bytes) patches, if it is a
    successful 34-word one (else unchanged)."""
    def act(c, r, g):
        if le32(g, 5) == STATUS_OK and g[HDR] == 34:
            for off, b in edits:
                g = patch(g, off, b)
        return [nb(g)]
    return act


def t2_set_reply(**kw):
    """A SET_*_INFORMATION reply (2 parameter bytes) with fields
    overridden (see t2_reply)."""
    return send(lambda c, r, g: t2_reply(r, b'\0\0', **kw))


def set_rules(act):
    """The same misbehaviour for SET_FILE_INFORMATION and
    SET_PATH_INFORMATION."""
    return (On('sfi', act), On('spi', act))


def sign_conns(n, scen):
    """scen signs on its first n connections only; later ones negotiate
    without signing and sign nothing."""
    scen.sign_conns = n
    return scen


SCENARIOS = [
    S('good', 'a well-behaved server'),

    # message signing
    S('signing', 'requires signing and signs every reply correctly'),
    S('sign-flip', 'requires signing; the reply to the open of hello.txt has a byte changed after signing',
      On('open', flip_last, when=when_path('hello.txt'))),
    S('sign-bare', 'requires signing; the lookup of gone.txt is answered with a signed bare '
      'header with STATUS_OBJECT_NAME_NOT_FOUND',
      On('qpi', raw(bare_error(STATUS_OBJECT_NAME_NOT_FOUND, True)),
         when=when_path('gone.txt'))),
    S('sign-bare-forged', 'requires signing; the first lookup of hello.txt gets an unsigned bare '
      'header with STATUS_OBJECT_NAME_NOT_FOUND before its reply',
      On('qpi', then_good(bare_error(STATUS_OBJECT_NAME_NOT_FOUND, False)),
         when=when_path('hello.txt'), times=1)),
    sign_conns(1, S('sign-downgrade', 'requires signing on the first connection, which the '
                    'open of hello.txt ends; later connections neither ask for signing nor sign',
                    On('open', raw(CLOSE), when=when_path('hello.txt'), times=1))),

    # NetBIOS framing
    S('nb-type-bad', 'the NEGOTIATE reply comes as NetBIOS type 0x42',
      On('negotiate', lambda c, r, g: [nb(g, 0x42)])),
    S('nb-type-positive', 'the NEGOTIATE reply comes as a positive session response (0x82)',
      On('negotiate', lambda c, r, g: [nb(g, NB_POSITIVE)])),
    S('nb-len-zero', 'a session message of length 0 instead of the NEGOTIATE reply',
      On('negotiate', raw(nb(b''), STALL))),
    S('nb-len-short', 'a 20-byte session message, shorter than an SMB header',
      On('negotiate', raw(lambda c, r, g: nb(g[:20]), STALL))),
    S('nb-len-huge', 'the NEGOTIATE reply announced as 16 MiB, then silence',
      On('negotiate', big_nb_then(STALL))),
    S('nb-len-huge-late', 'the root QUERY_PATH_INFORMATION reply announced as 16 MiB, then EOF',
      On('qpi', big_nb_then(CLOSE))),
    S('nb-len-trailing', 'the NEGOTIATE reply with 100 bytes of trailing junk in its frame',
      On('negotiate', lambda c, r, g: [nb(g + b'\xa5' * 100)])),
    S('nb-len-truncated', 'the NEGOTIATE reply cut short, its frame length matching the cut',
      On('negotiate', lambda c, r, g: [nb(g[:-6])])),
    S('eof-in-nb-header', 'two bytes of a NetBIOS header, then EOF',
      On('negotiate', raw(lambda c, r, g: nb(g)[:2], CLOSE))),
    S('eof-mid-frame', 'half of the NEGOTIATE reply, then EOF',
      On('negotiate', raw(lambda c, r, g: nb(g)[:50], CLOSE))),
    S('reset-mid-frame', 'half of the NEGOTIATE reply, then a TCP reset',
      On('negotiate', raw(lambda c, r, g: nb(g)[:50], RESET))),
    S('stall-mid-frame', 'half of the NEGOTIATE reply, then silence',
      On('negotiate', raw(lambda c, r, g: nb(g)[:50], STALL))),
    S('keepalive-payload', 'a keepalive that carries 4 bytes',
      On('negotiate', raw(nb(b'\0\0\0\0', NB_KEEPALIVE), STALL))),

    # NetBIOS session service (port 139)
    S('nbss-negative', 'the session request is refused: not listening on called name',
      On('nbss', nb_reply(NB_NEGATIVE, b'\x80'))),
    S('nbss-negative-empty', 'a negative session response without its error code',
      On('nbss', nb_reply(NB_NEGATIVE))),
    S('nbss-retarget', 'the session request is retargeted, to itself again',
      On('nbss', nb_reply(NB_RETARGET, b'\x7f\0\0\x04\x00\x8b'))),
    S('nbss-retarget-short', 'a retarget response with 4 bytes instead of 6',
      On('nbss', nb_reply(NB_RETARGET, b'\x7f\0\0\x04'))),
    S('nbss-bad-type', 'a session message in answer to the session request',
      On('nbss', nb_reply(NB_MESSAGE, b'\0' * 4))),
    S('nbss-positive-payload', 'a positive session response with 4 bytes of payload',
      On('nbss', nb_reply(NB_POSITIVE, b'\0\0\0\0'))),
    S('nbss-eof', 'EOF in answer to the session request',
      On('nbss', raw(CLOSE))),

    # SMB header
    S('sig-bad', 'the NEGOTIATE reply signed \\xffSMC',
      On('negotiate', mangle((0, b'\xffSMC')))),
    S('sig-smb2', 'an SMB2 NEGOTIATE response (\\xfeSMB)',
      On('negotiate', raw(smb2_frame))),
    S('reply-flag-clear', 'a NEGOTIATE "reply" without the reply flag that refuses every '
      'dialect, then the real reply',
      On('negotiate', then_good(lambda c, r, g: nb(patch(neg_reply(r, words=b'\xff\xff'),
                                                         9, b'\x08'))))),
    S('wc-beyond-frame', 'the NEGOTIATE reply with WordCount 200',
      On('negotiate', mangle(wc_at(200)))),
    S('bc-beyond-frame', 'the NEGOTIATE reply with ByteCount 1000',
      On('negotiate', mangle((HDR + 35, struct.pack('<H', 1000))))),
    S('wc-beyond-frame-late', 'the TREE_CONNECT reply with WordCount 255',
      On('tcon', mangle(wc_at(255)))),

    # MIDs and commands
    S('mid-unknown', 'a NEGOTIATE reply for an unknown MID that refuses every dialect, '
      'then the real reply',
      On('negotiate', then_good(lambda c, r, g: nb(patch(neg_reply(r, words=b'\xff\xff'),
                                                         30, struct.pack('<H', r.mid ^ 0x4000)))))),
    S('mid-duplicate', 'every reply sent twice',
      On('*', lambda c, r, g: [nb(g), nb(g)])),
    S('cmd-mismatch', 'the NEGOTIATE reply says it answers SESSION_SETUP_ANDX',
      On('negotiate', mangle((4, bytes([CMD_SESSION_SETUP]))))),

    # NEGOTIATE
    S('neg-dialect-oob', 'dialect index 5 of the 1 offered', On('negotiate', neg(dialect=5))),
    S('neg-dialect-none', 'dialect index 0xFFFF: none accepted',
      On('negotiate', neg(words=b'\xff\xff'))),
    S('neg-lanman', 'a 13-word LAN Manager reply',
      On('negotiate', neg(words=b'\0\0' + b'\0' * 24))),
    S('neg-wc-0', 'no parameter words at all', On('negotiate', neg(words=b''))),
    S('neg-wc-16', 'a 16-word reply',
      On('negotiate', send(lambda c, r, g: neg_reply(r, words=g[HDR + 1:HDR + 33])))),
    S('neg-wc-18', 'an 18-word reply',
      On('negotiate', send(lambda c, r, g: neg_reply(r, words=g[HDR + 1:HDR + 35] + b'\0\0')))),
    S('neg-chal-len-16', 'a 16-byte challenge',
      On('negotiate', neg(chal_len=16, chal=CHALLENGE * 2))),
    S('neg-chal-past-data', 'an 8-byte challenge in 4 data bytes',
      On('negotiate', neg(chal=CHALLENGE[:4], domain=b''))),
    S('neg-bc-0', 'no data bytes at all', On('negotiate', neg(chal=b'', domain=b''))),
    S('neg-maxbuf-0', 'MaxBufferSize 0', On('negotiate', neg(max_buf=0))),
    S('neg-maxbuf-1023', 'MaxBufferSize 1023', On('negotiate', neg(max_buf=1023))),
    S('neg-maxbuf-huge', 'MaxBufferSize 0xFFFFFFFF', On('negotiate', neg(max_buf=0xffffffff))),
    S('neg-maxbuf-huge-small-reads', 'MaxBufferSize 0xFFFFFFFF without CAP_LARGE_READX',
      On('negotiate', neg(max_buf=0xffffffff, caps=CAPS & ~CAP_LARGE_READX))),
    S('neg-maxbuf-2048', 'MaxBufferSize 2048 without CAP_LARGE_READX, as '
      'DOS and LAN Manager servers: reads of less than a page',
      On('negotiate', neg(max_buf=2048, caps=CAPS & ~CAP_LARGE_READX))),
    S('neg-maxmpx-0', 'MaxMpxCount 0', On('negotiate', neg(max_mpx=0))),
    S('neg-plaintext', 'plaintext passwords only', On('negotiate', neg(secmode=0x01))),
    S('user-plaintext', 'user-level security with plain-text passwords',
      On('negotiate', neg(dialect=None, secmode=0x01)), On('sess', sess_password(b'p\0'))),
    S('share-plaintext', 'share-level security, plain text, the share '
      'password kept in capitals', On('negotiate', neg(dialect=None, secmode=0x00)),
      On('tcon', tcon_password(b'SECRET\0'))),
    S('share-lm', 'share-level security with the LM response',
      On('negotiate', neg(dialect=None, secmode=0x02)), On('tcon', tcon_lm('secret'))),
    S('neg-extsec', 'extended security only',
      On('negotiate', neg(caps=CAPS | CAP_EXTENDED_SECURITY, chal=b'\0' * 16, domain=b''))),
    S('neg-signing', 'signing required, but no reply signed',
      On('negotiate', neg(secmode=0x0f))),
    S('neg-domain-unterminated', 'the domain name without terminator, odd length',
      On('negotiate', neg(domain=u16('DOM') + b'X'))),
    S('neg-domain-bad-utf16', 'a domain name that is not UTF-16 (lone surrogate)',
      On('negotiate', neg(domain=b'\x00\xd8A\0\0\0'))),
    S('neg-domain-long', 'a domain name of 30000 characters',
      On('negotiate', neg(domain=u16('D' * 30000 + '\0')))),

    # SESSION_SETUP_ANDX
    S('sess-wc-2', 'a 2-word SESSION_SETUP_ANDX reply', On('sess', sess(words=andx()))),
    S('sess-wc-5', 'a 5-word SESSION_SETUP_ANDX reply', On('sess', sess(words=andx() + b'\0' * 6))),
    S('sess-blob-past-data', 'a security blob longer than the data',
      On('sess', sess(words=andx() + b'\0\0' + struct.pack('<H', 500)))),
    S('sess-bc-0', 'no strings at all', On('sess', sess(data=b''))),
    S('sess-bc-1', 'one byte of strings', On('sess', sess(data=b'U'))),
    S('sess-str-unterminated', 'strings without terminators',
      On('sess', sess(data=b'\0' + u16('Unix')))),
    S('sess-str-misaligned', 'Unicode strings at an odd offset',
      On('sess', sess(data=u16('Unix\0FakeSMB\0FAKEDOM\0')))),
    S('sess-str-long', 'strings of 60000 bytes',
      On('sess', sess(data=b'\0' + u16('N' * 30000)))),
    S('tcon-wc-4', 'a 4-word TREE_CONNECT_ANDX reply', On('tcon', tcon(words=andx() + b'\0' * 4))),
    S('tcon-bc-0', 'TREE_CONNECT_ANDX reply without a service', On('tcon', tcon(data=b''))),
    S('tcon-bc-1', 'a one-byte unterminated service', On('tcon', tcon(data=b'A'))),
    S('tcon-service-unterminated', 'the service "A:" without terminator',
      On('tcon', tcon(data=b'A:'))),
    S('tcon-service-long', 'a 300-byte service name',
      On('tcon', tcon(data=b'A' * 300 + b'\0'))),
    S('tcon-service-ipc', 'the share is an IPC share', On('tcon', tcon(data=b'IPC\0'))),
    S('tcon-fs-misaligned', 'the native file system name unterminated and misaligned',
      On('tcon', tcon(data=b'A:\0\0' + u16('NTFS')))),

    # AndX chains.  smb1fs chains nothing to SESSION_SETUP_ANDX or
    # TREE_CONNECT_ANDX and must ignore a chain in their replies; it
    # chains a READ_ANDX to the OPEN_ANDX of a small file and must follow
    # exactly that one hop, forward and inside the frame.
    S('andx-unasked-back', 'SESSION_SETUP chains a command at offset 10 (in the '
      'header), TREE_CONNECT one at its own block',
      On('sess', with_andx(CMD_TREE_CONNECT, 10)),
      On('tcon', with_andx(CMD_TREE_CONNECT, HDR))),
    S('andx-unasked-wild', 'SESSION_SETUP chains a command at offset 0xFFFF; '
      'TREE_CONNECT and LOGOFF chain blocks whose last points back at the first',
      On('sess', with_andx(CMD_TREE_CONNECT, 0xffff)),
      On('tcon', andx_chain), On('logoff', andx_chain)),
    S('andx-open-into-header', 'the READ_ANDX chained to OPEN_ANDX is at offset 10',
      On('open', open_read(open_andx=andx(CMD_READ_ANDX, 10)))),
    S('andx-open-self', 'the READ_ANDX chained to OPEN_ANDX is at offset 32, '
      'the OPEN_ANDX block itself',
      On('open', open_read(open_andx=andx(CMD_READ_ANDX, HDR)))),
    S('andx-open-backwards', 'the READ_ANDX chained to OPEN_ANDX is at offset 40, '
      'inside the OPEN_ANDX words',
      On('open', open_read(open_andx=andx(CMD_READ_ANDX, 40)))),
    S('andx-open-past-frame', 'the READ_ANDX chained to OPEN_ANDX is at offset 0xFFFF',
      On('open', open_read(open_andx=andx(CMD_READ_ANDX, 0xffff)))),
    S('andx-open-endless', 'the READ_ANDX chained to OPEN_ANDX chains back to the '
      'OPEN_ANDX block',
      On('open', open_read(read_andx=andx(CMD_OPEN_ANDX, HDR)))),
    S('andx-open-wrong-cmd', 'the block chained to OPEN_ANDX says it is a CLOSE',
      On('open', open_read(open_andx=andx(CMD_CLOSE, OPEN_READ_AT)))),
    S('andx-open-read-doff', 'the chained READ_ANDX puts its data at offset 40, '
      'in the OPEN_ANDX words',
      On('open', open_read(doff=40))),
    S('andx-open-read-dlen', 'the chained READ_ANDX returns 100 bytes more than asked',
      On('open', open_read(extra=100))),

    # OPEN_ANDX and READ_ANDX; big.bin and mid.bin are read with READ_ANDX
    # of their own, hello.txt with the READ_ANDX chained to its open.
    S('open-wc-10', 'a 10-word OPEN_ANDX reply',
      On('open', send(lambda c, r, g: smb_msg(r, g[HDR + 1:HDR + 21])),
         when=when_path('big.bin'))),
    S('open-wc-0', 'an OPEN_ANDX reply without parameters',
      On('open', send(lambda c, r, g: smb_msg(r)), when=when_path('big.bin'))),
    S('open-size-huge', 'OPEN_ANDX says the file has 4 GiB - 1 bytes',
      On('open', mangle((HDR + 1 + 12, b'\xff\xff\xff\xff')))),
    S('qpi-size-huge', 'QUERY_PATH_INFORMATION says hello.txt has 2^64 - 1 bytes',
      On('qpi', send(lambda c, r, g: t2_reply(r, b'\0\0', all_info(ATTR_ARCHIVE, 2 ** 64 - 1))),
         when=when_path('hello.txt'))),
    S('read-doff-in-header', 'READ_ANDX DataOffset 10, inside the header',
      On('read', read_with(doff=10))),
    S('read-doff-past-frame', 'READ_ANDX DataOffset 0xFFF0, past the frame',
      On('read', read_with(doff=0xfff0))),
    S('read-dlen-above-asked', 'READ_ANDX returns 100 bytes more than asked',
      On('read', read_data(lambda d, n: d + b'X' * (n - len(d) + 100)))),
    S('read-dlen-past-frame', 'READ_ANDX DataLength 5000 more than the frame holds',
      On('read', read_data(lambda d, n: d[:100], dlen=5100))),
    S('read-dlen-high-junk', 'READ_ANDX DataLengthHigh 0xFFFF over a correct 16-bit length',
      On('read', read_with(dhigh=0xffff), when=when_read('mid.bin'))),
    S('read-len-wrap', 'READ_ANDX DataOffset 0xFFFF and DataLength 0xFFFFFFFF',
      On('read', read_with(doff=0xffff, dlen=0xffff, dhigh=0xffff))),
    S('read-len-wrap16', 'READ_ANDX DataOffset + DataLength wrap at 16 bits',
      On('read', read_with(doff=60, dlen=0x10000 - 60 + 10, dhigh=0))),
    S('read-wc-10', 'a 10-word READ_ANDX reply',
      On('read', read_with(wc=10))),
    S('read-bc-past-frame', 'READ_ANDX ByteCount 0xFFFF in a short frame',
      On('read', read_data(lambda d, n: d[:1000], bc=0xffff))),
    S('read-zero', 'every READ_ANDX returns no data', On('read', read_data(lambda d, n: b''))),
    S('read-half', 'every READ_ANDX returns half of what was asked',
      On('read', read_data(lambda d, n: d[:max(1, len(d) // 2)]))),
    S('read-huge-frame', 'the first READ_ANDX reply is 200000 bytes of junk',
      On('read', raw(lambda c, r, g: nb(g[:HDR] + b'\0' * (200000 - HDR))),
         times=1)),
    S('read-status-data', 'READ_ANDX fails with an error status but carries data',
      On('read', send(lambda c, r, g: patch(g, 5, struct.pack('<I', 0xc0000022))))),
    S('read-slow', 'the first read of slow.bin is answered after 4 seconds',
      On('read', raw(('sleep', 4), lambda c, r, g: nb(g)), when=when_read('slow.bin'),
         times=1)),
    S('read-stall-mid-data', 'the read of big.bin stops after 1000 bytes of data; '
      '4 seconds later the connection is reset',
      On('read', raw(lambda c, r, g: nb(g)[:1000], ('sleep', 4), RESET),
         when=when_read('big.bin'))),
    S('read-trickle', 'the first read of big.bin fails; the second is '
      'answered in pieces of 250 bytes, 0.25 seconds apart',
      On('read', send(lambda c, r, g: patch(g, 5, struct.pack('<I', 0xc0000185))),
         when=when_read('big.bin'), times=1),
      On('read', lambda c, r, g: trickle(nb(g), 250, 0.25),
         when=when_read('big.bin'), times=1)),
    S('open-slow', 'the open of slow.bin is answered after 4 seconds',
      On('open', raw(('sleep', 4), lambda c, r, g: nb(g)), when=when_path('slow.bin'))),
    S('read-eof-mid-data', 'reads of big.bin end with EOF after 1000 bytes of data',
      On('read', raw(lambda c, r, g: nb(g)[:1000], CLOSE), when=when_read('big.bin'))),
    S('read-dup', 'every READ_ANDX reply is sent twice',
      On('read', lambda c, r, g: [nb(g), nb(g)])),
    S('read-never-reply', 'the first READ_ANDX is never answered',
      On('read', raw(), times=1)),
    S('close-never-reply', 'MaxMpxCount 2, and CLOSE is never answered',
      On('negotiate', neg(dialect=None, max_mpx=2)), On('close', raw())),
    S('cmd-mismatch-read', 'the READ_ANDX reply says it answers OPEN_ANDX',
      On('read', mangle((4, bytes([CMD_OPEN_ANDX]))))),

    # WRITE_ANDX.  Writes of less than 64 KiB may carry junk in CountHigh
    # (servers before CAP_LARGE_WRITEX); the data is written whatever the
    # reply says.
    with_caps(CAPS & ~(CAP_LARGE_FILES | CAP_LARGE_WRITEX),
              S('write-small', 'no CAP_LARGE_FILES and no CAP_LARGE_WRITEX: 12-word '
                'WRITE_ANDX requests within MaxBufferSize; well-behaved otherwise')),
    core(S('core', 'a core protocol server (PC NETWORK PROGRAM 1.0): core commands alone, '
           'OEM 8.3 names in capitals, DOS errors; well-behaved otherwise')),
    win98(S('win98', 'Windows 98: no NT SMBs, MaxBufferSize 4356, sizes by a zero-length core '
            'WRITE, attributes and times by SET_INFORMATION, times of a file open for '
            'writing by SET_INFORMATION2; well-behaved otherwise')),
    # the DOS error of a command the server does not know, without
    # NT status codes in the reply
    no_setinfo2(win98(S('win98-no-setinfo2', 'Windows 98 that does not know '
                        'SET_INFORMATION2 (ERRSRV/ERRsmbcmd)'))),
    # a FAT32 volume, with large files and without (12-word WRITE_ANDX,
    # 32-bit offsets; the refusal as a DOS error)
    fat32(S('fat32', 'a FAT32 volume: a write past 4 GiB - 1 is refused with '
            'STATUS_DISK_FULL, and any write to a file named full*')),
    fat32(with_caps(CAPS & ~CAP_LARGE_FILES,
                    S('fat32-small', 'a FAT32 volume without CAP_LARGE_FILES: '
                      'ERRHRD/ERRdiskfull for a write to a file named full*')),
          dos_full=True),
    S('write-count-above', 'WRITE_ANDX says 100 bytes more were written than were sent',
      On('write', write_with(lambda n: n + 100))),
    S('write-count-high-junk', 'WRITE_ANDX CountHigh 0xFFFF over a correct 16-bit count',
      On('write', write_with(high=0xffff))),
    S('write-count-above-high-junk', 'WRITE_ANDX Count 100 above what was sent, and '
      'CountHigh 0xFFFF', On('write', write_with(lambda n: n + 100, high=0xffff))),
    S('write-count-short', 'WRITE_ANDX says half of the data was written',
      On('write', write_with(lambda n: n // 2))),
    S('write-count-zero', 'WRITE_ANDX says nothing was written',
      On('write', write_with(lambda n: 0))),
    S('write-disk-full', 'WRITE_ANDX fails with STATUS_DISK_FULL',
      On('write', send(lambda c, r, g: smb_msg(r, status=STATUS_DISK_FULL)))),
    S('write-bare-disk-full', 'WRITE_ANDX is answered with a bare 32-byte header with '
      'STATUS_DISK_FULL',
      On('write', raw(lambda c, r, g: nb(patch(g[:HDR], 5, struct.pack('<I', STATUS_DISK_FULL)))))),
    S('write-hdr-only', 'the WRITE_ANDX reply is a 32-byte header without an error, cut '
      'before its words', On('write', raw(lambda c, r, g: nb(g[:HDR])))),
    S('write-words-cut', 'the WRITE_ANDX reply ends after 2 of its 6 words',
      On('write', raw(lambda c, r, g: nb(g[:HDR + 1 + 4])))),
    S('write-wc-2', 'a 2-word WRITE_ANDX reply',
      On('write', send(lambda c, r, g: smb_msg(r, andx())))),
    S('write-wc-200', 'the WRITE_ANDX reply with WordCount 200', On('write', mangle(wc_at(200)))),
    S('write-andx-past-frame', 'the WRITE_ANDX reply chains a command at offset 0xFFF0, '
      'past the frame', On('write', with_andx(CMD_WRITE_ANDX, 0xfff0))),
    S('write-never-reply', 'WRITE_ANDX is never answered; the connection stays open',
      On('write', raw())),
    S('write-close', 'the connection is closed at every WRITE_ANDX, before its reply',
      On('write', raw(CLOSE))),
    S('write-close-once', 'the connection is closed at the first WRITE_ANDX, before its reply',
      On('write', raw(CLOSE), times=1)),

    # NT_CREATE_ANDX (taken by these scenarios only), and TRANS2
    # SET_FILE_INFORMATION / SET_PATH_INFORMATION.  The hostile replies
    # answer opens that write; reads are left alone.
    nt_create(S('create-good', 'takes NT_CREATE_ANDX; well-behaved otherwise')),
    file_ids(nt_create(S('create-ids', 'takes NT_CREATE_ANDX and gives file ids, by name and '
                         'through a FID')), 'fid'),
    file_ids(nt_create(S('create-ids-name', 'takes NT_CREATE_ANDX and gives file ids by '
                         'name, not through a FID (QUERY_FILE_INFORMATION refused)')), 'name'),
    file_ids(nt_create(S('create-ids-short', 'QUERY_FILE_INFORMATION answers with 4 of the '
                         '8 bytes of FileInternalInformation',
                         On('qfi', send(lambda c, r, g: t2_reply(r, b'\0\0', b'\1\2\3\4'))))),
             'fid'),
    nt_create(S('create-wc-0', 'an NT_CREATE_ANDX reply without words',
                On('nt_create', send(lambda c, r, g: smb_msg(r)), when=nt_ok))),
    nt_create(S('create-wc-2', 'a 2-word NT_CREATE_ANDX reply',
                On('nt_create', send(lambda c, r, g: smb_msg(r, andx())), when=nt_ok))),
    nt_create(S('create-wc-33', 'a 33-word NT_CREATE_ANDX reply, its last word cut',
                On('nt_create', send(lambda c, r, g: smb_msg(r, g[HDR + 1:HDR + 67])),
                   when=nt_ok))),
    nt_create(S('create-wc-255', 'the NT_CREATE_ANDX reply with WordCount 255',
                On('nt_create', mangle(wc_at(255)), when=nt_ok))),
    nt_create(S('create-hdr-only', 'the NT_CREATE_ANDX reply is a 32-byte header '
                'without an error',
                On('nt_create', raw(lambda c, r, g: nb(g[:HDR])), when=nt_ok))),
    nt_create(S('create-words-cut', 'the NT_CREATE_ANDX reply ends after 10 of its 34 words',
                On('nt_create', raw(lambda c, r, g: nb(g[:HDR + 1 + 20])), when=nt_ok))),
    nt_create(S('create-eof-huge', 'NT_CREATE_ANDX EndOfFile 2^64 - 1',
                On('nt_create', nt_mangle((NT_RSP_EOF, b'\xff' * 8)), when=nt_ok))),
    nt_create(S('create-eof-negative', 'NT_CREATE_ANDX EndOfFile 2^63 (negative as the '
                'LARGE_INTEGER it is)',
                On('nt_create', nt_mangle((NT_RSP_EOF, struct.pack('<Q', 1 << 63))),
                   when=nt_ok))),
    nt_create(S('create-alloc-huge', 'NT_CREATE_ANDX AllocationSize 2^64 - 4096',
                On('nt_create', nt_mangle((NT_RSP_ALLOC, struct.pack('<Q', 2 ** 64 - 4096))),
                   when=nt_ok))),
    nt_create(S('create-dir-byte', 'NT_CREATE_ANDX of a file says Directory 1',
                On('nt_create', nt_mangle((NT_RSP_DIR, b'\1')), when=nt_ok))),
    nt_create(S('create-dir-attr', 'NT_CREATE_ANDX of a file has FILE_ATTRIBUTE_DIRECTORY '
                'in its attributes, Directory 0',
                On('nt_create', nt_mangle((NT_RSP_ATTRS, struct.pack('<I', 0x30))),
                   when=nt_ok))),
    nt_create(S('create-andx-past-frame', 'the NT_CREATE_ANDX reply chains a READ_ANDX at '
                'offset 0xFFF0, past the frame',
                On('nt_create', nt_mangle((HDR + 1, andx(CMD_READ_ANDX, 0xfff0))),
                   when=nt_ok))),
    nt_create(S('create-denied', 'NT_CREATE_ANDX fails with STATUS_ACCESS_DENIED',
                On('nt_create', send(lambda c, r, g: smb_msg(r, status=STATUS_ACCESS_DENIED)),
                   when=nt_ok))),
    nt_create(S('create-bare-disk-full', 'NT_CREATE_ANDX is answered with a bare 32-byte '
                'header with STATUS_DISK_FULL',
                On('nt_create', raw(lambda c, r, g: nb(patch(g[:HDR], 5, struct.pack(
                    '<I', STATUS_DISK_FULL)))), when=nt_ok))),
    nt_create(S('set-hdr-only', 'SET_*_INFORMATION replies are a 32-byte header without '
                'an error', *set_rules(raw(lambda c, r, g: nb(g[:HDR]))))),
    nt_create(S('set-words-cut', 'SET_*_INFORMATION replies end after 5 of their 10 words',
                *set_rules(raw(lambda c, r, g: nb(g[:HDR + 1 + 10]))))),
    nt_create(S('set-wc-0', 'SET_*_INFORMATION replies without words or bytes',
                *set_rules(send(lambda c, r, g: smb_msg(r))))),
    nt_create(S('set-wc-9', 'SET_*_INFORMATION replies with WordCount 9',
                *set_rules(mangle(wc_at(9))))),
    nt_create(S('set-wc-200', 'SET_*_INFORMATION replies with WordCount 200',
                *set_rules(mangle(wc_at(200))))),
    nt_create(S('set-poff-past-frame', 'SET_*_INFORMATION parameters at offset 0xFFF0',
                *set_rules(mangle((HDR + 1 + 2 * 4, struct.pack('<H', 0xfff0)))))),
    nt_create(S('set-pcount-past-frame', 'SET_*_INFORMATION ParameterCount 0x400 in a '
                'short frame', *set_rules(t2_set_reply(pc=0x400, tpc=0x400)))),
    nt_create(S('set-dcount-past-frame', 'SET_*_INFORMATION 8 data bytes at offset 0xFFF0',
                *set_rules(mangle((HDR + 1 + 2 * 1, struct.pack('<H', 8)),
                                  (HDR + 1 + 2 * 6, struct.pack('<HH', 8, 0xfff0)))))),
    nt_create(S('set-disk-full', 'SET_*_INFORMATION fails with STATUS_DISK_FULL',
                *set_rules(send(lambda c, r, g: smb_msg(r, status=STATUS_DISK_FULL))))),
    nt_create(S('set-denied', 'SET_*_INFORMATION fails with STATUS_ACCESS_DENIED',
                *set_rules(send(lambda c, r, g: smb_msg(r, status=STATUS_ACCESS_DENIED))))),

    # TRANS2, FIND_FIRST2 / FIND_NEXT2, QUERY_FS_INFORMATION
    S('t2-doff-past-frame', 'QUERY_PATH_INFORMATION data at offset 0xFFF0',
      On('qpi', mangle((HDR + 1 + 2 * 7, struct.pack('<H', 0xfff0))))),
    S('t2-poff-in-header', 'QUERY_PATH_INFORMATION parameters at offset 4',
      On('qpi', mangle((HDR + 1 + 2 * 4, struct.pack('<H', 4))))),
    S('t2-multipart', 'QUERY_PATH_INFORMATION announces more data than it carries',
      On('qpi', send(lambda c, r, g: t2_reply(r, b'\0\0', all_info(ATTR_DIRECTORY, 0), tdc=1000)))),
    S('t2-wc-9', 'a 9-word TRANS2 reply',
      On('qpi', mangle(wc_at(9)))),
    S('qpi-info-short', 'SMB_QUERY_FILE_ALL_INFO of 40 bytes',
      On('qpi', send(lambda c, r, g: t2_reply(r, b'\0\0', all_info(ATTR_DIRECTORY, 0)[:40])))),
    S('qpi-root-file', 'the share root is a file',
      On('qpi', send(lambda c, r, g: t2_reply(r, b'\0\0', all_info(ATTR_ARCHIVE, 5))),
         when=when_path(''))),
    S('qfs-short', 'SMB_QUERY_FS_SIZE_INFO of 10 bytes',
      On('qfs', send(lambda c, r, g: t2_reply(r, b'', b'\0' * 10)))),
    S('qfs-unit-zero', 'a file system of 0-byte units',
      On('qfs', send(lambda c, r, g: t2_reply(r, b'', struct.pack('<QQII', 1000, 500, 0, 512))))),
    S('find-next-zero', 'the first of three entries has NextEntryOffset 0',
      On('find_first', find_first_n(
          dirent(u16('one.txt'), next_off=0) + dirent(u16('two.txt')) +
          dirent(u16('three.txt'), next_off=0), 3), when=when_path('dir\\*'))),
    S('find-next-short', 'NextEntryOffset 8, inside the entry',
      On('find_first', find_first_n(
          dirent(u16('one.txt'), next_off=8) + dirent(u16('two.txt'), next_off=0), 2),
         when=when_path('dir\\*'))),
    S('find-next-past-data', 'NextEntryOffset 0xFFFFFFF0, past the data',
      On('find_first', find_first_n(
          dirent(u16('one.txt'), next_off=0xfffffff0) + dirent(u16('two.txt'), next_off=0), 2),
         when=when_path('dir\\*'))),
    S('find-count-above', 'SearchCount 500 for 2 entries, the last pointing at the end of the data',
      On('find_first', find_first_n(
          dirent(u16('one.txt')) + dirent(u16('two.txt')), 500),
         when=when_path('dir\\*'))),
    S('find-name-len-past', 'FileNameLength 1000, past the entry and the data',
      On('find_first', find_first_n(
          dirent(u16('one.txt')) + dirent(u16('two.txt'), next_off=0, name_len=1000), 2),
         when=when_path('dir\\*'))),
    S('find-name-len-into-next', 'FileNameLength covering the next entry too',
      On('find_first', find_first_n(
          dirent(u16('one.txt'), name_len=100) + dirent(u16('two.txt'), next_off=0), 2),
         when=when_path('dir\\*'))),
    S('find-name-slash', 'a name with a "/"', On('find_first', bad_name(u16('a/b')),
                                                 when=when_path('dir\\*'))),
    S('find-name-backslash', 'a name with a "\\"', On('find_first', bad_name(u16('a\\b')),
                                                      when=when_path('dir\\*'))),
    S('find-name-nul', 'a name with a NUL inside', On('find_first', bad_name(u16('a\0b')),
                                                      when=when_path('dir\\*'))),
    S('find-name-dots', 'entries "." and ".." among the files',
      On('find_first', find_first_n(name_data(u16('.'), u16('good1.txt'), u16('..'),
                                              u16('good2.txt')), 4),
         when=when_path('dir\\*'))),
    S('find-name-long', 'a name of 300 characters', On('find_first', bad_name(u16('L' * 300)),
                                                       when=when_path('dir\\*'))),
    S('find-name-long-utf8', 'a name of 100 characters that is 300 bytes of UTF-8',
      On('find_first', bad_name(u16('\u20ac' * 100)), when=when_path('dir\\*'))),
    S('find-name-bad-utf16', 'a name with a lone surrogate',
      On('find_first', bad_name(b'a\0\x00\xd8b\0'), when=when_path('dir\\*'))),
    S('find-name-odd-len', 'a name of an odd number of bytes',
      On('find_first', bad_name(u16('abc') + b'd'), when=when_path('dir\\*'))),
    S('find-params-short', 'FIND_FIRST2 reply with 4 parameter bytes',
      On('find_first', send(lambda c, r, g: t2_reply(r, b'\0\0\1\0', entries([('x', 0x20, 0)]))),
         when=when_path('dir\\*'))),
    S('find-no-eos-empty', 'FIND_FIRST2 without EndOfSearch, then empty FIND_NEXT2 batches',
      On('find_first', find_first_n(name_data(u16('one.txt')), 1, eos=0),
         when=when_path('dir\\*')),
      On('find_next', send(lambda c, r, g: t2_reply(r, struct.pack('<HHHH', 0, 0, 0, 0))))),
    S('find-no-eos-repeat', 'FIND_FIRST2 and every FIND_NEXT2 return the same entry, '
      'never EndOfSearch',
      On('find_first', find_first_n(name_data(u16('one.txt')), 1, eos=0),
         when=when_path('dir\\*')),
      On('find_next', send(lambda c, r, g: t2_reply(r, struct.pack('<HHHH', 1, 0, 0, 0),
                                                    name_data(u16('one.txt')))))),
    S('find-no-eos-replay', 'every FIND_NEXT2 replays the whole first batch, '
      'never EndOfSearch',
      On('find_first', find_first_n(name_data(u16('one.txt'), u16('two.txt')), 2, eos=0),
         when=when_path('dir\\*')),
      On('find_next', send(lambda c, r, g: t2_reply(r, struct.pack('<HHHH', 2, 0, 0, 0),
                                                    name_data(u16('one.txt'),
                                                              u16('two.txt')))))),
    S('find-no-eos-endless', 'FIND_FIRST2 and every FIND_NEXT2 return new entries, '
      'never EndOfSearch',
      On('find_first', find_first_n(name_data(u16('one.txt')), 1, eos=0),
         when=when_path('dir\\*')),
      On('find_next', send(endless_batch))),
    S('find-next-error', 'FIND_NEXT2 fails with STATUS_NO_MORE_FILES after a batch '
      'without EndOfSearch',
      On('find_first', find_first_n(name_data(u16('one.txt')), 1, eos=0),
         when=when_path('dir\\*')),
      On('find_next', send(lambda c, r, g: smb_msg(r, status=STATUS_NO_MORE_FILES)))),

    # Floods, silence, resets
    S('flood-keepalive', '2000 keepalives before every reply',
      On('*', then_good(*([keepalive] * 2000)))),
    S('flood-unsolicited', '500 oplock-break requests and 500 stray replies before every reply',
      On('*', then_good(*([junk_frame()] * 500 + [junk_frame(CMD_READ_ANDX, True)] * 500)))),
    S('flood-forever', 'keepalives and oplock breaks without end instead of the NEGOTIATE reply',
      On('negotiate', lambda c, r, g: [('forever', keepalive(c, r, g) + junk_frame()(c, r, g), 0)])),
    S('keepalive-only', 'a keepalive every half second instead of the NEGOTIATE reply',
      On('negotiate', lambda c, r, g: [('forever', keepalive(c, r, g), 0.5)])),
    S('never-reply', 'no reply to NEGOTIATE, the connection stays open',
      On('negotiate', raw(STALL))),
    S('reset-always', 'every connection is reset at once', On('accept', raw(RESET))),
    S('close-always', 'every connection is closed at once', On('accept', raw(CLOSE))),
    S('reset-after-tcon', 'the connection is reset instead of the root attributes',
      On('qpi', raw(RESET))),
]

SCENARIO_BY_NAME = {s.name: s for s in SCENARIOS}

# ---------------------------------------------------------------------
# Serving
# ---------------------------------------------------------------------


def recv_exact(sock, n):
    buf = b''
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


class Server:
    """One listening socket: one scenario, or (by-path) several, each
    for the requests under a top-level directory named after it."""

    def __init__(self, label, scen, addr, port, logf, by_path=None):
        self.label = label
        self.scen = scen
        self.by_path = by_path or {}
        self.addr = addr
        self.port = port
        self.logf = logf
        self.fired = {}
        self.nconn = 0
        self.lock = threading.Lock()
        self.share = Share()
        if getattr(scen, 'core', False):
            # a core server's names are in capitals
            sh = self.share
            sh.files = {k.upper(): v for k, v in sh.files.items()}
            sh.dirs = {d.upper() for d in sh.dirs}
        self.lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.lsock.bind((addr, port))
        self.lsock.listen(16)

    def log(self, what, label=None):
        with self.lock:
            self.logf.write('%s: %s\n' % (label or self.label, what))
            self.logf.flush()

    def route(self, conn, req, kind):
        """By-path: the scenario of req, its path made relative to the
        scenario's directory; None for requests outside them."""
        if req.path is not None:
            top, _, rest = norm(req.path).partition('\\')
            if top in self.by_path:
                req.path = '\\' + rest
                if req.path2 is not None:
                    req.path2 = '\\' + norm(req.path2).partition('\\')[2]
                return self.by_path[top]
            return None
        if kind in ('read', 'write'):
            return conn.fid_scen.get(req.w(2))
        if kind == 'core_write':
            return conn.fid_scen.get(req.w(0))
        if kind in ('close', 'flush', 'setattr2'):
            return conn.fid_scen.get(req.w(0))
        if kind == 'sfi':
            return conn.fid_scen.get(le16(req.params, 0))
        if kind in ('find_next', 'find_close'):
            sid = le16(req.params, 0) if kind == 'find_next' else req.w(0)
            return conn.sid_scen.get(sid)
        return None

    def rule_for(self, kind, conn, req):
        scen = req.scen if self.by_path else self.scen
        if scen is None:
            return None
        for i, rule in enumerate(scen.rules):
            if rule.kind not in (kind, '*'):
                continue
            if rule.kind == '*' and kind in ('accept', 'nbss'):
                continue
            if rule.when is not None and (req is None or not rule.when(conn, req)):
                continue
            with self.lock:
                n = self.fired.get((scen.name, i), 0)
                if rule.times is not None and n >= rule.times:
                    continue
                self.fired[(scen.name, i)] = n + 1
            return rule
        return None

    def serve_forever(self):
        while True:
            sock, _ = self.lsock.accept()
            self.nconn += 1
            conn = Conn(self, sock, self.nconn)
            threading.Thread(target=self.handle, args=(conn,), daemon=True).start()

    def handle(self, conn):
        conn.log('open')
        try:
            self.run(conn)
        except Exception as e:     # a broken scenario must show in the log
            conn.log('error: %r' % e)
        finally:
            try:
                conn.sock.close()
            except OSError:
                pass
            conn.log('closed')

    def perform(self, conn, items):
        """Carry out an action's items; False once the connection is done."""
        sock = conn.sock
        for it in items:
            if isinstance(it, (bytes, bytearray)):
                sock.sendall(it)
            elif it == CLOSE:
                sock.shutdown(socket.SHUT_RDWR)
                return False
            elif it == RESET:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                struct.pack('ii', 1, 0))
                return False
            elif it == STALL:
                conn.log('stalling')
                while sock.recv(65536):
                    pass
                return False
            elif it[0] == 'sleep':
                time.sleep(it[1])
            elif it[0] == 'forever':
                frame, pause = it[1], it[2]
                burst = frame * (1 if pause else 64)
                end = time.time() + 120
                try:
                    while time.time() < end:
                        sock.sendall(burst)
                        if pause:
                            time.sleep(pause)
                except OSError:
                    pass
                return False
        return True

    def run(self, conn):
        rule = None if self.by_path else self.rule_for('accept', conn, None)
        if rule:
            conn.log('fired accept')
            if not self.perform(conn, rule.act(conn, None, None)):
                return
        sock = conn.sock
        while True:
            hdr = recv_exact(sock, 4)
            if hdr is None:
                return
            n = (hdr[1] << 16) | struct.unpack('>H', hdr[2:])[0]
            body = recv_exact(sock, n) if n else b''
            if body is None:
                return
            if hdr[0] == NB_KEEPALIVE:
                continue
            if hdr[0] == NB_SESSION_REQUEST:
                rule = None if self.by_path else self.rule_for('nbss', conn, None)
                if rule:
                    conn.log('fired nbss')
                    if not self.perform(conn, rule.act(conn, None, None)):
                        return
                else:
                    sock.sendall(nb(b'', NB_POSITIVE))
                continue
            req = Req(body)
            kind = req_kind(req)
            conn.log('%s mid %d%s' % (kind, req.mid,
                                       ' path %r' % req.path if req.path is not None else ''))
            seq = conn.sign_request(req, kind)
            try:
                if req.problem is not None:
                    raise Malformed(req.problem)
                if self.by_path:
                    req.scen = self.route(conn, req, kind)
                good = conn.reply(req)
            except Malformed as e:
                # the client's fault: loud in the log, no misbehaviour
                conn.log('malformed request %s: %s' % (kind, e))
                bad = smb_msg(req, status=STATUS_INVALID_PARAMETER)
                sock.sendall(nb(conn.sign_reply(req, kind, bad, seq)))
                continue
            good = conn.sign_reply(req, kind, good, seq)
            rule = self.rule_for(kind, conn, req)
            if rule is None:
                sock.sendall(nb(good))
                continue
            conn.log('fired %s' % kind, req.scen.name if req.scen else None)
            if not self.perform(conn, rule.act(conn, req, good)):
                return


def write_files(d):
    for p in sorted(DIRS):
        os.makedirs(os.path.join(d, *p.split('\\')), exist_ok=True)
    for p, data in FILES.items():
        with open(os.path.join(d, *p.split('\\')), 'wb') as f:
            f.write(data)


def main(argv):
    addr, port, logf, files = '127.0.0.1', 4450, sys.stderr, None
    names = []
    args = list(argv)
    while args:
        a = args.pop(0)
        if a == '--list':
            for s in SCENARIOS:
                print('%-28s %s' % (s.name, s.desc))
            return 0
        if a in ('--addr', '--port', '--log', '--files'):
            if not args:
                print('fakesrv: %s needs a value' % a, file=sys.stderr)
                return 2
            v = args.pop(0)
            if a == '--addr':
                addr = v
            elif a == '--port':
                port = int(v)
            elif a == '--log':
                logf = open(v, 'a', buffering=1)
            else:
                files = v
        elif a.startswith('-'):
            print(__doc__, file=sys.stderr)
            return 2
        else:
            names.append(a)
    if not names:
        print(__doc__, file=sys.stderr)
        return 2
    if files:
        write_files(files)

    servers = []
    for i, spec in enumerate(names):
        label, _, where = spec.partition('=')
        if label.startswith('by-path:'):
            group = label[len('by-path:'):].split(',')
            label = 'by-path'
        else:
            group = [label.partition('+')[0]]
        for name in group:
            if name not in SCENARIO_BY_NAME:
                print('fakesrv: unknown scenario %s (see --list)' % name,
                      file=sys.stderr)
                return 2
        a, p = addr, port + i
        if where:
            if ':' in where:
                a, where = where.rsplit(':', 1)
            p = int(where)
        if label == 'by-path':
            servers.append(Server(label, None, a, p, logf,
                                  {n: SCENARIO_BY_NAME[n] for n in group}))
        else:
            servers.append(Server(label, SCENARIO_BY_NAME[group[0]], a, p, logf))
    for s in servers:
        print('listening %s %s %d' % (s.label, s.addr, s.port))
        threading.Thread(target=s.serve_forever, daemon=True).start()
    print('ready', flush=True)
    while True:
        time.sleep(3600)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
