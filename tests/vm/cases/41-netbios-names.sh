# SPDX-License-Identifier: GPL-2.0
# NetBIOS session service on port 139 when the server does not answer
# to the name we call it by: smb1fs tries *SMBSERVER, then the name the
# server gives in a node status query (UDP 137), and follows a RETARGET
# response once.  A small NetBIOS front end on 127.0.0.2 plays such a
# server: it answers only to REALNAME (and sends MOVEME elsewhere), then
# relays the session to Samba.
module_load

cat >nbfront.py <<'PY'
import os, socket, struct, sys, threading

HOST = "127.0.0.2"
SAMBA = ("127.0.0.1", 445)

def nb_decode(b):
    raw = bytes(((b[i] - 65) << 4) | (b[i + 1] - 65) for i in range(0, 32, 2))
    return raw[:15].rstrip(b" ").decode("ascii", "replace")

def relay(a, b):
    try:
        while True:
            d = a.recv(65536)
            if not d:
                break
            b.sendall(d)
    except OSError:
        pass
    for s in (a, b):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

def recv_exact(c, n):
    d = b""
    while len(d) < n:
        x = c.recv(n - len(d))
        if not x:
            raise EOFError
        d += x
    return d

def session(c, accept_any):
    try:
        hdr = recv_exact(c, 4)
        body = recv_exact(c, struct.unpack(">H", hdr[2:])[0])
    except (EOFError, OSError):
        c.close()
        return
    called = nb_decode(body[1:33])
    print("called", called, flush=True)
    if accept_any or called == "REALNAME":
        c.sendall(b"\x82\x00\x00\x00")
    elif called == "MOVEME":
        c.sendall(b"\x84\x00\x00\x06" + socket.inet_aton(HOST) +
                  struct.pack(">H", 1139))
        c.close()
        return
    else:
        c.sendall(b"\x83\x00\x00\x01\x82")
        c.close()
        return
    s = socket.create_connection(SAMBA)
    threading.Thread(target=relay, args=(c, s), daemon=True).start()
    threading.Thread(target=relay, args=(s, c), daemon=True).start()

def tcp(port, accept_any):
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((HOST, port))
    ls.listen(8)
    while True:
        c, _ = ls.accept()
        threading.Thread(target=session, args=(c, accept_any),
                         daemon=True).start()

def names():
    us = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    us.bind((HOST, 137))
    while True:
        q, peer = us.recvfrom(1024)
        if not os.path.exists("nbstat-on") or len(q) < 50:
            continue
        print("node status query", flush=True)
        ent = b"WORKGROUP".ljust(15) + b"\x00" + struct.pack(">H", 0x8000)
        ent += b"REALNAME".ljust(15) + b"\x20" + struct.pack(">H", 0x0400)
        rd = bytes([2]) + ent + bytes(46)
        r = q[:2] + b"\x84\x00\x00\x00\x00\x01\x00\x00\x00\x00"
        r += q[12:46] + b"\x00\x21\x00\x01" + bytes(4)
        r += struct.pack(">H", len(rd)) + rd
        us.sendto(r, peer)

threading.Thread(target=tcp, args=(1139, True), daemon=True).start()
threading.Thread(target=names, daemon=True).start()
tcp(139, False)
PY
/usr/bin/python3 nbfront.py >nbfront.log 2>&1 &
front=$!
for _ in $(seq 1 50); do
	ss -ltn | grep -q '127.0.0.2:139 ' && break
	sleep 0.1
done

opts="username=$SMB1FS_USER,password=$SMB1FS_PASS,port=139"
src=//127.0.0.2/share

# the right name at once
mark=$(kmsg_mark)
check_ok mount -t smb1fs "$src" "$SMB1FS_MNT" -o "$opts,servern=REALNAME"
check_ok cmp "$SMB1FS_MNT/hello.txt" "$SMB1FS_SHARE_DIR/hello.txt"
umount "$SMB1FS_MNT"

# a wrong name, *SMBSERVER refused too: the node status names REALNAME
touch nbstat-on
check_ok mount -t smb1fs "$src" "$SMB1FS_MNT" -o "$opts,servern=WRONG"
check_ok cmp "$SMB1FS_MNT/hello.txt" "$SMB1FS_SHARE_DIR/hello.txt"
umount "$SMB1FS_MNT"
check_grep 'node status query' nbfront.log
dmesg_since "$mark" >dmesg.txt
check_grep 'NetBIOS session refused for name WRONG' dmesg.txt

# retargeted once, to a port that takes any name
mark=$(kmsg_mark)
check_ok mount -t smb1fs "$src" "$SMB1FS_MNT" -o "$opts,servern=MOVEME"
check_ok cmp "$SMB1FS_MNT/numbers.txt" "$SMB1FS_SHARE_DIR/numbers.txt"
umount "$SMB1FS_MNT"
dmesg_since "$mark" >dmesg.txt
check_grep 'retargeted to 127.0.0.2 port 1139' dmesg.txt

# no node status answer: refused, with the reason
rm -f nbstat-on
mark=$(kmsg_mark)
check_fails mount -t smb1fs "$src" "$SMB1FS_MNT" -o "$opts,servern=WRONG"
dmesg_since "$mark" >dmesg.txt
check_grep 'NetBIOS session refused for name \*SMBSERVER: called name not present' dmesg.txt
check_no_grep " $SMB1FS_MNT " /proc/mounts
check_kernel_clean "$mark"

kill "$front" 2>/dev/null
wait "$front" 2>/dev/null
cat nbfront.log
