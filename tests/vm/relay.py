#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A mutating relay between smb1fs and a real SMB server.

    relay.py --listen PORT --server HOST:PORT --seed N [--rate R]
             [--write-rate W] [--log FILE] [--duration S]
             [--control PORT] [--exercise SRC MNT OPTIONS DIR]
             [--writes SERVERDIR]

Listens on 127.0.0.1:PORT and forwards each connection to the server.
What the client sends goes through unchanged.  The server's replies are
cut into NetBIOS session messages, and each one is mutated with
probability R (default 0.1): one to four of its bytes are replaced by
random ones, mostly in the first 96 bytes of the SMB message (header,
parameter words, the start of the data), sometimes anywhere, and now and
then in the NetBIOS length itself, which breaks the framing.  Every
mutation is logged with the connection and message it hit.  The random
choices of connection k come from a generator seeded with (N, k), so a
run is repeated by giving the same seed (as far as the client asks the
same questions in the same order).

With --write-rate W, a reply to a request that changes something on
the server (NT_CREATE_ANDX, OPEN_ANDX, WRITE_ANDX, FLUSH, CLOSE, DELETE,
RENAME, NT_RENAME, CREATE_DIRECTORY, DELETE_DIRECTORY, SET_INFORMATION,
TRANS2 SET_PATH_INFORMATION and SET_FILE_INFORMATION; known by the MID
of the request) is hit with probability W instead of R, in one of five
ways: bytes replaced as above, the message cut short (its NetBIOS
length cut with it), a forged reply instead (a bare header with the MID
and an error status), the reply sent twice, or no reply at all.  The
request itself always reaches the server.

With --control PORT it also listens on 127.0.0.1:PORT for commands, one
a line, each answered with one line ("ok ..." or "error ..."), that make
it act as a man in the middle of a signed session:

    forge NAME N   answer the next N TRANS2 QUERY_PATH_INFORMATION or
                   FIND_FIRST2 requests (a lookup is either, by the
                   mount's inode numbers) whose path ends in NAME (-1:
                   all of them, 0:
                   none) with a forged error first: a bare 32-byte
                   header carrying their MID and command and
                   STATUS_OBJECT_NAME_NOT_FOUND, unsigned (the request
                   still goes on to the server, whose reply follows)
    strip on|off   clear NEGOTIATE_SECURITY_SIGNATURES_ENABLED and
                   _REQUIRED in the SecurityMode of negotiate replies
    guest on|off   set SMB_SETUP_GUEST in the Action of successful
                   session setup replies
    hold SECS      hold the server's reply to the next TRANS2
                   FIND_FIRST2 request for SECS seconds while later
                   replies pass (replies that cross)
    cut            shut down every connection relayed so far
    stats          the counters: conns, forged, stripped, guest, held,
                   and unsigned (requests after a successful login that
                   carry no signature)

Every such act is logged, and so is the first request of a connection
that goes to the server unsigned after its login.

With --exercise, the relay also plays the client for S seconds (default
45): round after round it mounts SRC on MNT (smb1fs, OPTIONS, port=PORT
added) through the relay, lists DIR in the mount and the directories in
it, stats every entry, reads the first four files of each directory,
and unmounts.  Any outcome of a mount or an operation
is fine (success, or an errno) as long as it comes back within a bound
(--bound seconds, default 60): an operation still running then is a
hang, the relay says so and exits with status 2 at once.  A mount that
failed must leave nothing mounted, and every successful mount must come
off again.  The last line is a summary; the exit status is 0 when every
round ended cleanly, else 1.

With --writes SERVERDIR as well, a round writes instead of reading: in
DIR of the mount it creates a few files one after the other, writes
each with pwrite (pieces of up to 300 KiB at offsets below 512 KiB: a
write-back of several WRITE_ANDX in flight), truncates it now and then,
fsyncs it (seven times in ten) and closes it; then truncates it by
name, renames it and unlinks it.  SERVERDIR is the directory the server exports as DIR, read
directly: a file whose every call, the fsync and the close too, succeeded
must hold there exactly what the model of its bytes says (a problem
otherwise); a truncate, rename or unlink that succeeded must show there
(a file gone, a size).  A file that saw an error is no longer checked:
the server may or may not have done what a failed request asked.

Only the Python standard library is used.
"""

import argparse
import ctypes
import errno
import os
import random
import socket
import stat
import struct
import sys
import threading
import time

libc = ctypes.CDLL(None, use_errno=True)
libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p,
                       ctypes.c_ulong, ctypes.c_char_p]
libc.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]
MNT_DETACH = 2

# SMB1 (tests/vm/fakesrv.py has them all)
HDR = 32
CMD_TRANS2 = 0x32
CMD_NEGOTIATE = 0x72
CMD_SESSION_SETUP = 0x73
T2_FIND_FIRST2 = 1
T2_QPI = 5
T2_SET_PATH_INFO = 6
T2_SET_FILE_INFO = 8
FLAGS2_SIGNATURE = 0x0004
SECMODE_SIGNING = 0x04 | 0x08     # signatures enabled, required
SETUP_GUEST = 0x01
STATUS_OBJECT_NAME_NOT_FOUND = 0xc0000034
# requests that change something on the server (--write-rate), by command
WRITE_CMDS = {0x00: 'CREATE_DIRECTORY', 0x01: 'DELETE_DIRECTORY',
              0x04: 'CLOSE', 0x05: 'FLUSH', 0x06: 'DELETE', 0x07: 'RENAME',
              0x09: 'SET_INFORMATION', 0x2d: 'OPEN_ANDX',
              0x2f: 'WRITE_ANDX', 0xa2: 'NT_CREATE_ANDX',
              0xa5: 'NT_RENAME'}
# what a forged reply to one of them says
FORGED_STATUS = (0xc0000022, 0xc000007f, 0xc0000008, 0xc0000043,
                 0xc0000001, 0xc00000b5)

LOG_LOCK = threading.Lock()
LOG = sys.stdout


def log(msg, also_stdout=False):
    """To the log; with also_stdout, to the standard output as well."""
    with LOG_LOCK:
        LOG.write(msg + '\n')
        LOG.flush()
        if also_stdout and LOG is not sys.stdout:
            sys.stdout.write(msg + '\n')
            sys.stdout.flush()


def recv_exact(sock, n):
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


class Relay:
    def __init__(self, port, server, seed, rate, write_rate=None):
        self.server = server
        self.seed = seed
        self.rate = rate
        self.write_rate = write_rate
        self.acts = {}
        self.lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.lsock.bind(('127.0.0.1', port))
        self.lsock.listen(16)
        self.conns = 0
        self.msgs = 0
        self.mutated = 0
        self.socks = []
        self.links = []
        self.lock = threading.Lock()
        self.stopping = False
        # man in the middle (--control); under lock
        self.forge_name = None
        self.forge_left = 0
        self.strip = False
        self.guest = False
        self.forged = 0
        self.stripped = 0
        self.guested = 0
        self.unsigned = 0
        self.hold_secs = 0.0
        self.held = 0

    def start(self):
        t = threading.Thread(target=self.accept_loop, daemon=True)
        t.start()

    def stop(self):
        self.stopping = True
        try:
            self.lsock.close()
        except OSError:
            pass
        with self.lock:
            for s in self.socks:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def accept_loop(self):
        while not self.stopping:
            try:
                c, _ = self.lsock.accept()
            except OSError:
                return
            try:
                s = socket.create_connection(self.server, timeout=10)
                s.settimeout(None)
            except OSError as e:
                log('relay: cannot reach the server: %s' % e)
                c.close()
                continue
            with self.lock:
                k = self.conns
                self.conns += 1
                self.socks += [c, s]
                link = Link(k, c, s)
                self.links.append(link)
            rng = random.Random('%d/%d' % (self.seed, k))
            threading.Thread(target=self.pump_up, args=(link,),
                             daemon=True).start()
            threading.Thread(target=self.pump_down, args=(link, rng),
                             daemon=True).start()

    @staticmethod
    def close_both(a, b):
        for x in (a, b):
            try:
                x.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def pump_up(self, link):
        """Client to server: unchanged, message by message."""
        c, s = link.c, link.s
        try:
            while True:
                hdr = recv_exact(c, 4)
                if hdr is None:
                    break
                length = (hdr[1] & 1) << 16 | hdr[2] << 8 | hdr[3]
                msg = recv_exact(c, length) if length else b''
                if msg is None:
                    break
                if hdr[0] == 0 and msg[:4] == b'\xffSMB' and len(msg) >= HDR:
                    self.watch_request(link, msg)
                    self.note_write(link, msg)
                s.sendall(hdr + msg)
        except OSError:
            pass
        self.close_both(c, s)

    def watch_request(self, link, msg):
        """Note an unsigned request after the login; forge an error."""
        cmd = msg[4]
        flags2 = struct.unpack_from('<H', msg, 10)[0]
        if (link.logged_in and cmd not in (CMD_NEGOTIATE, CMD_SESSION_SETUP) and
                (not flags2 & FLAGS2_SIGNATURE or msg[14:22] == bytes(8))):
            with self.lock:
                self.unsigned += 1
            if not link.unsigned_seen:
                link.unsigned_seen = True
                log('relay: conn %d: unsigned request 0x%02x after the login' %
                    (link.k, cmd))
        # TRANS2 (15 words) whose one setup word is FIND_FIRST2: its
        # reply may be held
        if (cmd == CMD_TRANS2 and len(msg) >= HDR + 31 and msg[HDR] == 15 and
                struct.unpack_from('<H', msg, HDR + 29)[0] == T2_FIND_FIRST2):
            with self.lock:
                secs, self.hold_secs = self.hold_secs, 0.0
            if secs:
                mid = struct.unpack_from('<H', msg, 30)[0]
                link.hold[mid] = secs
        # TRANS2 (15 words) whose one setup word is QUERY_PATH_INFORMATION
        # or FIND_FIRST2: the path follows 6 or 12 bytes of parameters
        if cmd != CMD_TRANS2 or len(msg) < HDR + 31 or msg[HDR] != 15:
            return
        sub = struct.unpack_from('<H', msg, HDR + 29)[0]
        if sub not in (T2_QPI, T2_FIND_FIRST2):
            return
        with self.lock:
            name = self.forge_name
            if (not self.forge_left or name is None or
                    not self.qpi_names(msg, name,
                                       6 if sub == T2_QPI else 12)):
                return
            if self.forge_left > 0:
                self.forge_left -= 1
            self.forged += 1
        bare = bytearray(msg[:HDR])
        struct.pack_into('<I', bare, 5, STATUS_OBJECT_NAME_NOT_FOUND)
        bare[9] |= 0x80
        bare[14:22] = bytes(8)
        mid = struct.unpack_from('<H', msg, 30)[0]
        link.send_client(b'\0\0\0' + bytes([HDR]) + bytes(bare))
        log('relay: conn %d: forged a bare STATUS_OBJECT_NAME_NOT_FOUND for '
            'MID %d (%s ...%s)' %
            (link.k, mid, 'QUERY_PATH_INFORMATION' if sub == T2_QPI else
             'FIND_FIRST2', name.decode('utf-16-le')))

    def note_write(self, link, msg):
        """Remember the MID of a request that changes something."""
        if self.write_rate is None:
            return
        cmd = msg[4]
        name = WRITE_CMDS.get(cmd)
        if cmd == CMD_TRANS2 and len(msg) >= HDR + 31 and msg[HDR] >= 15:
            sub = struct.unpack_from('<H', msg, HDR + 29)[0]
            name = {T2_SET_PATH_INFO: 'SET_PATH_INFORMATION',
                    T2_SET_FILE_INFO: 'SET_FILE_INFORMATION'}.get(sub)
        if name:
            mid = struct.unpack_from('<H', msg, 30)[0]
            with link.c_lock:
                link.writes[mid] = name

    def write_reply(self, link, msg):
        """The request a reply answers, if it changes something."""
        if self.write_rate is None or len(msg) < HDR or msg[:4] != b'\xffSMB':
            return None
        mid = struct.unpack_from('<H', msg, 30)[0]
        with link.c_lock:
            return link.writes.pop(mid, None)

    def act(self, link, n, what, hdr, msg, rng):
        """Do one of the five things to a reply to a write request:
        the frames to send (none, one or two)."""
        k = link.k
        how = rng.choice(('mutate', 'mutate', 'cut', 'forge', 'twice', 'drop'))
        with self.lock:
            self.mutated += 1
            self.acts[how] = self.acts.get(how, 0) + 1
        if how == 'mutate':
            hdr, msg = self.mutate(k, n, hdr, msg, rng, what)
            return [hdr + msg]
        mid = struct.unpack_from('<H', msg, 30)[0]
        if how == 'cut':
            cut = rng.randrange(len(msg))
            log('relay: conn %d msg %d %s reply MID %d: cut from %d to %d bytes' %
                (k, n, what, mid, len(msg), cut))
            return [struct.pack('>I', cut) + msg[:cut]]
        if how == 'forge':
            bare = bytearray(msg[:HDR])
            status = rng.choice(FORGED_STATUS)
            struct.pack_into('<I', bare, 5, status)
            bare[9] |= 0x80
            log('relay: conn %d msg %d %s reply MID %d: forged status 0x%08x' %
                (k, n, what, mid, status))
            return [struct.pack('>I', HDR + 3) + bytes(bare) + b'\0\0\0']
        if how == 'twice':
            log('relay: conn %d msg %d %s reply MID %d: sent twice' %
                (k, n, what, mid))
            return [hdr + msg, hdr + msg]
        log('relay: conn %d msg %d %s reply MID %d: dropped' % (k, n, what, mid))
        return []

    @staticmethod
    def qpi_names(msg, name, skip):
        """Does the path of this request (after skip bytes of parameters)
        end in name?"""
        poff, = struct.unpack_from('<H', msg, HDR + 1 + 2 * 10)
        pcnt, = struct.unpack_from('<H', msg, HDR + 1 + 2 * 9)
        path = msg[poff + skip:poff + pcnt].rstrip(b'\0')
        if len(path) % 2:
            path += b'\0'
        return path.endswith(name)

    def mutate(self, k, n, hdr, msg, rng, what=None):
        flips = []
        m = bytearray(msg)
        h = bytearray(hdr)
        for _ in range(rng.randint(1, 4)):
            where = rng.random()
            v = rng.randrange(256)
            if where < 0.05:
                i = rng.randrange(1, 4)
                flips.append('nb%d=%02x' % (i, v))
                h[i] = v
            elif not m:
                continue
            elif where < 0.85:
                i = rng.randrange(min(len(m), 96))
                flips.append('%d=%02x' % (i, v))
                m[i] = v
            else:
                i = rng.randrange(len(m))
                flips.append('%d=%02x' % (i, v))
                m[i] = v
        cmd = msg[4] if len(msg) > 4 else -1
        log('relay: conn %d msg %d cmd 0x%02x%s len %d: %s' %
            (k, n, cmd & 0xff, ' (%s)' % what if what else '', len(msg),
             ' '.join(flips)))
        return bytes(h), bytes(m)

    def watch_reply(self, link, msg):
        """Clear the signing bits of a negotiate reply, make a login a
        guest one: whatever the control asks for."""
        if len(msg) < HDR + 7 or msg[:4] != b'\xffSMB':
            return msg
        cmd = msg[4]
        status = struct.unpack_from('<I', msg, 5)[0]
        m = bytearray(msg)
        with self.lock:
            strip, guest = self.strip, self.guest
        if cmd == CMD_NEGOTIATE and msg[HDR] == 17 and strip:
            m[HDR + 3] &= ~SECMODE_SIGNING & 0xff
            with self.lock:
                self.stripped += 1
            log('relay: conn %d: negotiate reply SecurityMode 0x%02x -> 0x%02x' %
                (link.k, msg[HDR + 3], m[HDR + 3]))
        if cmd == CMD_SESSION_SETUP and status == 0 and msg[HDR] >= 3:
            if guest:
                m[HDR + 5] |= SETUP_GUEST
                with self.lock:
                    self.guested += 1
                log('relay: conn %d: session setup reply made a guest login' %
                    link.k)
            link.logged_in = True
        return bytes(m)

    def pump_down(self, link, rng):
        """Server to client: message by message, some mutated."""
        s, c, k = link.s, link.c, link.k
        n = 0
        try:
            while True:
                hdr = recv_exact(s, 4)
                if hdr is None:
                    break
                length = hdr[1] << 16 | hdr[2] << 8 | hdr[3]
                msg = recv_exact(s, length) if length else b''
                if msg is None:
                    break
                with self.lock:
                    self.msgs += 1
                msg = self.watch_reply(link, msg)
                if self.held_back(link, hdr, msg):
                    n += 1
                    continue
                what = self.write_reply(link, msg)
                if what is not None:
                    if rng.random() < self.write_rate:
                        for frame in self.act(link, n, what, hdr, msg, rng):
                            link.send_client(frame)
                        n += 1
                        continue
                elif rng.random() < self.rate:
                    with self.lock:
                        self.mutated += 1
                    hdr, msg = self.mutate(k, n, hdr, msg, rng)
                link.send_client(hdr + msg)
                n += 1
        except OSError:
            pass
        self.close_both(s, c)

    def held_back(self, link, hdr, msg):
        """Send a reply that hold asked for later, from a timer."""
        if len(msg) < HDR or msg[4] != CMD_TRANS2:
            return False
        mid = struct.unpack_from('<H', msg, 30)[0]
        secs = link.hold.pop(mid, None)
        if secs is None:
            return False
        with self.lock:
            self.held += 1
        log('relay: conn %d: holding the FIND_FIRST2 reply to MID %d for %g s' %
            (link.k, mid, secs))

        def late():
            try:
                link.send_client(hdr + msg)
                log('relay: conn %d: sent the held reply to MID %d' %
                    (link.k, mid))
            except OSError:
                pass
        threading.Timer(secs, late).start()
        return True

    def cut(self):
        with self.lock:
            links = list(self.links)
            self.links = []
        for link in links:
            self.close_both(link.c, link.s)
        log('relay: cut %d connection(s)' % len(links))
        return len(links)

    def command(self, line):
        """One control command: the answer line."""
        w = line.split()
        if not w:
            return 'error empty command'
        if w[0] == 'forge' and len(w) == 3:
            with self.lock:
                self.forge_name = w[1].encode('utf-16-le')
                self.forge_left = int(w[2])
        elif w[0] in ('strip', 'guest') and len(w) == 2 and w[1] in ('on', 'off'):
            with self.lock:
                setattr(self, w[0], w[1] == 'on')
        elif w[0] == 'hold' and len(w) == 2:
            with self.lock:
                self.hold_secs = float(w[1])
        elif w[0] == 'cut' and len(w) == 1:
            return 'ok cut %d' % self.cut()
        elif w[0] != 'stats' or len(w) != 1:
            return 'error unknown command: %s' % line
        if w[0] != 'stats':
            log('relay: control: %s' % line)
        with self.lock:
            return ('ok conns=%d forged=%d stripped=%d guest=%d held=%d '
                    'unsigned=%d' %
                    (self.conns, self.forged, self.stripped, self.guested,
                     self.held, self.unsigned))

    def control_loop(self, port):
        ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind(('127.0.0.1', port))
        ls.listen(4)
        while True:
            c, _ = ls.accept()
            with c, c.makefile('rw') as f:
                for line in f:
                    try:
                        answer = self.command(line.strip())
                    except ValueError as e:
                        answer = 'error %s' % e
                    f.write(answer + '\n')
                    f.flush()


class Link:
    """One relayed connection: client socket c, server socket s."""

    def __init__(self, k, c, s):
        self.k = k
        self.c = c
        self.s = s
        self.c_lock = threading.Lock()
        self.logged_in = False
        self.unsigned_seen = False
        self.hold = {}      # MID: seconds its reply is held
        self.writes = {}    # MID: the write request it is (--write-rate)

    def send_client(self, data):
        """Whole frames to the client, from either direction's thread."""
        with self.c_lock:
            self.c.sendall(data)


class Watchdog:
    """Exits the process when one operation runs longer than bound."""

    def __init__(self, bound):
        self.bound = bound
        self.op = None
        self.t0 = 0
        self.worst = 0.0
        self.lock = threading.Lock()
        threading.Thread(target=self.watch, daemon=True).start()

    def begin(self, op):
        with self.lock:
            self.op, self.t0 = op, time.monotonic()

    def end(self):
        with self.lock:
            self.worst = max(self.worst, time.monotonic() - self.t0)
            self.op = None

    def watch(self):
        while True:
            time.sleep(1)
            with self.lock:
                if self.op and time.monotonic() - self.t0 > self.bound:
                    log('HUNG: %s still running after %d s' %
                        (self.op, self.bound), True)
                    os._exit(2)


def errname(e):
    return errno.errorcode.get(e, 'E%d' % e)


class Exerciser:
    def __init__(self, relay, port, src, mnt, opts, sub, bound):
        self.relay = relay
        self.src = src
        self.mnt = mnt
        self.opts = 'port=%d,%s' % (port, opts)
        self.sub = sub
        self.wd = Watchdog(bound)
        self.outcomes = {}
        self.problems = 0
        self.rounds = 0
        self.mounts = 0
        self.end = 0

    def count(self, what):
        self.outcomes[what] = self.outcomes.get(what, 0) + 1

    def op(self, name, fn, *args):
        """Run fn(*args) under the watchdog: its result, or None."""
        self.wd.begin(name)
        try:
            r = fn(*args)
            self.count('%s ok' % name.split()[0])
            return r
        except OSError as e:
            self.count('%s %s' % (name.split()[0], errname(e.errno)))
            return None
        finally:
            self.wd.end()

    def mount(self):
        ret = libc.mount(self.src.encode(), self.mnt.encode(), b'smb1fs', 0,
                         self.opts.encode())
        if ret:
            e = ctypes.get_errno()
            raise OSError(e, os.strerror(e))

    def umount(self):
        if libc.umount2(self.mnt.encode(), 0):
            e = ctypes.get_errno()
            raise OSError(e, os.strerror(e))

    @staticmethod
    def read_file(path):
        n = 0
        with open(path, 'rb', buffering=0) as f:
            while True:
                chunk = f.read(1 << 17)
                if not chunk:
                    return n
                n += len(chunk)

    def walk(self, path, depth):
        """List path, stat what is in it, read the first few files."""
        names = self.op('listdir %s' % path, os.listdir, path)
        reads = 0
        for name in sorted(names or []):
            if time.monotonic() > self.end:
                return
            p = os.path.join(path, name)
            st = self.op('stat %s' % p, os.stat, p)
            if st is None:
                continue
            if stat.S_ISDIR(st.st_mode):
                if depth < 2:
                    self.walk(p, depth + 1)
            elif reads < 4:
                reads += 1
                self.op('read %s' % p, self.read_file, p)

    def problem(self, msg):
        log('PROBLEM: round %d: %s' % (self.rounds, msg), True)
        self.problems += 1

    def work(self):
        """What one round does on the mount: read the tree."""
        self.walk(os.path.join(self.mnt, self.sub), 0)

    def one_round(self):
        self.rounds += 1
        self.wd.begin('mount')
        try:
            self.mount()
            ok = True
            self.count('mount ok')
        except OSError as e:
            ok = False
            self.count('mount %s' % errname(e.errno))
        finally:
            self.wd.end()
        if not ok:
            if os.path.ismount(self.mnt):
                self.problem('a failed mount left %s mounted' % self.mnt)
                libc.umount2(self.mnt.encode(), MNT_DETACH)
            return
        self.mounts += 1
        self.work()
        self.wd.begin('umount')
        try:
            self.umount()
        except OSError as e:
            self.problem('umount: %s' % errname(e.errno))
            libc.umount2(self.mnt.encode(), MNT_DETACH)
        finally:
            self.wd.end()

    def run(self, duration):
        self.end = time.monotonic() + duration
        while time.monotonic() < self.end:
            self.one_round()
        summary = ' '.join('%s=%d' % kv for kv in sorted(self.outcomes.items()))
        log('outcomes: %s' % summary, True)
        log('relay: %d rounds, %d mounted, %d connections, %d messages, '
            '%d mutated, slowest operation %.1f s, %d problems' %
            (self.rounds, self.mounts, self.relay.conns, self.relay.msgs,
             self.relay.mutated, self.wd.worst, self.problems), True)
        return 0 if self.problems == 0 else 1


class WriteExerciser(Exerciser):
    """Rounds of writes (--writes): see the top of the file."""

    def __init__(self, relay, port, src, mnt, opts, sub, bound, server_dir,
                 seed):
        super().__init__(relay, port, src, mnt, opts, sub, bound)
        self.server_dir = server_dir
        self.rng = random.Random('%d/writer' % seed)
        self.files = 0
        self.clean = 0
        self.checked = 0

    def call(self, name, fn, *args):
        """self.op: whether fn(*args) succeeded, and its result."""
        failed = []

        def wrap():
            try:
                return fn(*args)
            except OSError as e:
                failed.append(e)
                raise
        r = self.op(name, wrap)
        return not failed, r

    def server_bytes(self, name):
        try:
            with open(os.path.join(self.server_dir, name), 'rb') as f:
                return f.read()
        except FileNotFoundError:
            return None

    def compare(self, name, model, when):
        got = self.server_bytes(name)
        self.checked += 1
        if got is None:
            self.problem('%s: gone from the server %s' % (name, when))
        elif got != bytes(model):
            first = next((i for i in range(min(len(got), len(model)))
                          if got[i] != model[i]), min(len(got), len(model)))
            self.problem('%s: the server holds %d bytes, %d expected, first '
                         'difference at %d, %s' %
                         (name, len(got), len(model), first, when))

    def write_file(self, path, name):
        """Create, write, truncate, fsync, close: the model and whether
        every call succeeded (the close included)."""
        rng = self.rng
        model = bytearray()
        clean = True
        ok, fd = self.call('create %s' % name, os.open, path,
                           os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        if not ok:
            return model, False
        for _ in range(rng.randint(1, 5)):
            r = rng.random()
            if r < 0.15:
                size = rng.randrange(400 * 1024)
                if not self.call('ftruncate %s' % name, os.ftruncate, fd,
                                 size)[0]:
                    clean = False
                model[size:] = b''
                model.extend(bytes(size - len(model)))
                continue
            if r < 0.25:
                if not self.call('fsync %s' % name, os.fsync, fd)[0]:
                    clean = False
                continue
            off = rng.randrange(512 * 1024)
            data = rng.randbytes(rng.randint(1, 300 * 1024))
            ok, n = self.call('write %s' % name, os.pwrite, fd, data, off)
            if not ok or n != len(data):
                clean = False
                if not ok:
                    continue
                data = data[:n]
            if len(model) < off:
                model.extend(bytes(off - len(model)))
            model[off:off + len(data)] = data
        # without an fsync now and then: then the close has to tell
        if rng.random() < 0.7 and not self.call('fsync %s' % name, os.fsync,
                                                fd)[0]:
            clean = False
        if not self.call('close %s' % name, os.close, fd)[0]:
            clean = False
        return model, clean

    def one_file(self, i):
        rng = self.rng
        name = 'r%d-f%d' % (self.rounds, i)
        path = os.path.join(self.mnt, self.sub, name)
        self.files += 1
        model, clean = self.write_file(path, name)
        if not clean:
            return
        self.clean += 1
        self.compare(name, model, 'after fsync and close succeeded')
        if rng.random() < 0.5:
            size = rng.randrange(len(model) + 1)
            if not self.call('truncate %s' % name, os.truncate, path,
                             size)[0]:
                return
            model[size:] = b''
            self.compare(name, model, 'after a truncate by name')
        new = name + '.mv'
        npath = os.path.join(self.mnt, self.sub, new)
        if not self.call('rename %s' % name, os.rename, path, npath)[0]:
            return
        if self.server_bytes(name) is not None:
            self.problem('%s: still on the server after its rename' % name)
        self.compare(new, model, 'after a rename')
        if not self.call('unlink %s' % new, os.unlink, npath)[0]:
            return
        if self.server_bytes(new) is not None:
            self.problem('%s: still on the server after its unlink' % new)

    def work(self):
        """What one round does on the mount: four files, one by one."""
        for i in range(4):
            if time.monotonic() > self.end:
                break
            self.one_file(i)

    def run(self, duration):
        rc = super().run(duration)
        acts = ' '.join('%s=%d' % kv for kv in sorted(self.relay.acts.items()))
        log('writes: %d files, %d with every call successful, %d server '
            'checks; replies to writes: %s' %
            (self.files, self.clean, self.checked, acts or 'none'), True)
        return rc


def main():
    global LOG
    ap = argparse.ArgumentParser(description='mutating SMB relay')
    ap.add_argument('--listen', type=int, required=True)
    ap.add_argument('--server', default='127.0.0.1:445')
    ap.add_argument('--seed', type=int, default=None)
    ap.add_argument('--rate', type=float, default=0.1)
    ap.add_argument('--write-rate', type=float, default=None)
    ap.add_argument('--writes', metavar='SERVERDIR', default=None)
    ap.add_argument('--log', default=None)
    ap.add_argument('--duration', type=float, default=45)
    ap.add_argument('--bound', type=float, default=60)
    ap.add_argument('--control', type=int, default=None)
    ap.add_argument('--exercise', nargs=4,
                    metavar=('SRC', 'MNT', 'OPTIONS', 'DIR'))
    a = ap.parse_args()
    if a.log:
        LOG = open(a.log, 'a')
    seed = a.seed if a.seed is not None else random.SystemRandom().randrange(1 << 31)
    host, _, port = a.server.rpartition(':')
    relay = Relay(a.listen, (host, int(port)), seed, a.rate, a.write_rate)
    log('relay: seed %d, rate %g%s, 127.0.0.1:%d -> %s' %
        (seed, a.rate, '' if a.write_rate is None else
         ', write rate %g' % a.write_rate, a.listen, a.server), True)
    relay.start()
    if a.control:
        threading.Thread(target=relay.control_loop, args=(a.control,),
                         daemon=True).start()
    if not a.exercise:
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        return 0
    src, mnt, opts, sub = a.exercise
    if a.writes:
        ex = WriteExerciser(relay, a.listen, src, mnt, opts, sub, a.bound,
                            a.writes, seed)
    else:
        ex = Exerciser(relay, a.listen, src, mnt, opts, sub, a.bound)
    rc = ex.run(a.duration)
    relay.stop()
    return rc


if __name__ == '__main__':
    sys.exit(main())
