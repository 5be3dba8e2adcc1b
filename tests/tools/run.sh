#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Host-side tests of what users install: the mount helper, the manual
# pages, "make install", DKMS and the module's modinfo.  No VM, and
# nothing outside a scratch directory is changed.
#
#   run.sh [GROUP...]        GROUP: helper man install dkms modinfo
#                            (default: helper man install)
#   run.sh modinfo KO...     modinfo checks of the given modules
#
# helper   builds build/tools/mount.smb1fs (-Wall -Wextra -Werror) and
#          runs it with tests/tools/mount-shim.c preloaded, which records
#          the mount system calls instead of making them: option
#          handling (uid=/gid= names, cifs options, sloppy), credentials
#          (files, USER, PASSWD, PASSWD_FD, PASSWD_FILE), masking, name
#          resolution (NetBIOS name queries answered by a fake name
#          server in python3 on a port of its own), exit codes, error
#          messages, and no copy of the password left in the process's
#          memory, command line or environment at exit.
# man      groff -ww and man -l render both manual pages without a
#          warning; every kernel mount option is documented, and every
#          mount error message of the kernel explained (smb1fs.5 and
#          Documentation/smb1fs.rst).
# install  make install / uninstall into a DESTDIR: helper and manual
#          pages from this tree, and a full install (module too) from a
#          copy of it, built against the stock 6.1 headers.
# dkms     dkms add/build/install/remove against the stock 6.1 headers,
#          in private DKMS trees.
# modinfo  version (from VERSION), description, author, license, and a
#          description for every module parameter.
#
# Prints TAP; exits 1 if any test failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
version=$(cat "$top/VERSION")
n=0
bad=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/smb1fs-tools.XXXXXX") || exit 1
trap 'nbns_stop; rm -rf "$tmp"' EXIT

ok() {
	n=$((n + 1))
	echo "ok $n - $*"
}

not_ok() {
	n=$((n + 1))
	bad=$((bad + 1))
	echo "not ok $n - $*"
}

skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

# show FILE...: the files, indented, for a failure's diagnosis.
show() {
	local f
	for f in "$@"; do
		[ -s "$f" ] || continue
		echo "    # $(basename "$f"):"
		head -n 40 "$f" | sed 's/^/    #   /'
	done
}

# ---------------------------------------------------------------------
# helper
# ---------------------------------------------------------------------

helper=$top/build/tools/mount.smb1fs
shim=$tmp/mount-shim.so
secret_hex=

# h NAME [VAR=VALUE...] -- ARGS...: run the helper with the shim, stdin
# from /dev/null; output in $tmp/NAME.{out,err,log}, status in $rc.
h() {
	local name=$1
	shift
	local envs=()
	while [ "$1" != -- ]; do
		envs+=("$1")
		shift
	done
	shift
	rm -f "$tmp/$name.log"
	env -u USER -u PASSWD -u PASSWD_FD -u PASSWD_FILE \
		-u SMB1FS_TEST_NBNS_PORT LD_PRELOAD="$shim" SHIM_LOG="$tmp/$name.log" \
		SHIM_SECRET_HEX="$secret_hex" "${envs[@]}" \
		"$helper" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" </dev/null
	rc=$?
	touch "$tmp/$name.log"
}

# expect NAME DESCRIPTION STATUS CHECK...: the run NAME exited with
# STATUS and every CHECK holds.  A CHECK is one of
#   out:REGEX  err:REGEX  log:REGEX      the file has a matching line
#   !out:REGEX !err:REGEX !log:REGEX     no line matches
#   clean                                the secret is nowhere in memory
expect() {
	local name=$1 desc=$2 want=$3 c f re why=
	shift 3
	[ "$rc" = "$want" ] || why="exit status $rc, expected $want"
	for c in "$@"; do
		[ -n "$why" ] && break
		case "$c" in
		clean)
			# the shim's report at exit: present, and 0
			[ "$(grep '^secret-in-memory:' "$tmp/$name.log")" = \
				'secret-in-memory: 0' ] ||
				why="the password is still in memory at exit, or no report ($(grep '^secret-in-memory' "$tmp/$name.log"))"
			continue
			;;
		!*)
			f=${c%%:*}
			f=${f#!}
			re=${c#*:}
			! grep -q -E -e "$re" "$tmp/$name.$f" ||
				why="$f has a line matching /$re/"
			;;
		*)
			f=${c%%:*}
			re=${c#*:}
			grep -q -E -e "$re" "$tmp/$name.$f" ||
				why="$f has no line matching /$re/"
			;;
		esac
	done
	if [ -z "$why" ]; then
		ok "helper: $desc"
	else
		not_ok "helper: $desc: $why"
		show "$tmp/$name.out" "$tmp/$name.err" "$tmp/$name.log"
	fi
}

# A fake NetBIOS name server for the helper's lookups (started by
# nbns_start): UDP on 0.0.0.0, an ephemeral port the helper is told
# about in SMB1FS_TEST_NBNS_PORT.  It knows the name SMB1FSNB only and
# answers as the first word of the file $tmp/nbns.mode says, the
# addresses after it (default 192.0.2.77):
#   ok        <20> and <00> positive          silent   nothing
#   only00    <00> only                       neg      negative answers
#   prefer20  <00> with 192.0.2.100 at once, <20> a moment later
#   hostile   malformed or foreign answers carrying 192.0.2.66 first,
#             then the right one                bad    only those
# Every query is logged to $tmp/nbns.log: name, type, flags, addresses.
write_nbns() {
	cat >"$tmp/nbns.py" <<'PY'
import os, socket, struct, sys, time

port_file, mode_file, log_file = sys.argv[1:4]
PKTINFO = getattr(socket, "IP_PKTINFO", 8)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, PKTINFO, 1)
s.bind(("0.0.0.0", 0))
with open(port_file + ".new", "w") as f:
    f.write("%d\n" % s.getsockname()[1])
os.rename(port_file + ".new", port_file)
log = open(log_file, "a", buffering=1)

def decode(b):
    raw = bytes(((b[i] - 65) << 4) | (b[i + 1] - 65) for i in range(0, 32, 2))
    return raw[:15].rstrip(b" ").decode("ascii", "replace"), raw[15]

def rdata(addrs):
    return b"".join(b"\x00\x00" + socket.inet_aton(a) for a in addrs)

def answer(tid, qname, addrs, flags=0x8500, counts=(0, 1, 0, 0),
           rrtype=0x20, rd=None, rdlen=None, extra=b""):
    if rd is None:
        rd = rdata(addrs)
    if rdlen is None:
        rdlen = len(rd)
    return (struct.pack(">HH4H", tid, flags, *counts) + qname +
            struct.pack(">HHIH", rrtype, 1, 300000, rdlen) + rd + extra)

def negative(tid, qname):
    return (struct.pack(">HH4H", tid, 0x8503, 0, 0, 0, 0) + qname +
            struct.pack(">HHIH", 0x0a, 1, 0, 0))

def bad_answers(tid, qname):
    evil = ["192.0.2.66"]
    other = bytearray(qname)
    other[5] ^= 1
    yield answer(tid ^ 1, qname, evil)                  # not our query
    yield answer(tid, qname, evil, flags=0x0500)        # not a response
    yield answer(tid, qname, evil, flags=0x8500 | 0x2800)  # opcode
    yield answer(tid, bytes(other), evil)               # another name
    yield answer(tid, qname[:-1] + b"\x03abc\x00", evil)  # with a scope
    yield answer(tid, qname, evil, counts=(0, 2, 0, 0))
    yield answer(tid, qname, evil, counts=(1, 1, 0, 0))
    yield answer(tid, qname, evil, rrtype=0x21)         # NBSTAT
    yield answer(tid, qname, evil, rd=rdata(evil)[:5])  # not 6-byte pairs
    yield answer(tid, qname, evil, rdlen=12)            # longer than sent
    yield answer(tid, qname, evil, extra=b"\x00")       # a byte after it
    yield answer(tid, qname, evil, rdlen=0, rd=b"")     # no address
    yield answer(tid, qname, ["0.0.0.0", "255.255.255.255", "224.0.0.1"])
    yield answer(tid, qname, evil)[:40]                 # cut short

pending = None
while True:
    q, anc, _, peer = s.recvmsg(2048, 256)
    to = "?"
    for lvl, typ, data in anc:
        if lvl == socket.IPPROTO_IP and typ == PKTINFO and len(data) >= 12:
            to = socket.inet_ntoa(data[8:12])
    if len(q) != 50:
        log.write("query of %d bytes from %s\n" % (len(q), peer[0]))
        continue
    tid, flags, qd, an, ns, ar = struct.unpack(">HH4H", q[:12])
    qname = q[12:46]
    name, typ = decode(q[13:45])
    qtype, qclass = struct.unpack(">HH", q[46:50])
    try:
        with open(mode_file) as f:
            words = f.read().split()
    except OSError:
        words = []
    mode = words[0] if words else "silent"
    addrs = words[1:] or ["192.0.2.77"]
    log.write("query %s<%02x> flags=0x%04x qd=%d an=%d ns=%d ar=%d "
              "type=0x%04x class=0x%04x len0=%d to %s\n" %
              (name, typ, flags, qd, an, ns, ar, qtype, qclass, q[12], to))
    if name != "SMB1FSNB" or mode == "silent":
        if name != "SMB1FSNB" and not flags & 0x10:
            s.sendto(negative(tid, qname), peer)
        continue
    if mode == "neg":
        s.sendto(negative(tid, qname), peer)
    elif mode == "only00":
        if typ == 0:
            s.sendto(answer(tid, qname, addrs), peer)
    elif mode == "prefer20":
        if typ == 0x20:
            pending = (tid, qname)
        else:
            s.sendto(answer(tid, qname, ["192.0.2.100"]), peer)
            time.sleep(0.05)
            if pending:
                s.sendto(answer(pending[0], pending[1], addrs), peer)
                pending = None
    elif mode in ("hostile", "bad"):
        for b in bad_answers(tid, qname):
            s.sendto(b, peer)
        if mode == "hostile":
            s.sendto(answer(tid, qname, addrs), peer)
    else:
        s.sendto(answer(tid, qname, addrs), peer)
PY
}

nbns_pid=
# nbns_start: start the fake name server; sets $nbns_port.
nbns_start() {
	write_nbns
	rm -f "$tmp/nbns.port"
	: >"$tmp/nbns.log"
	/usr/bin/python3 "$tmp/nbns.py" "$tmp/nbns.port" "$tmp/nbns.mode" \
		"$tmp/nbns.log" 2>"$tmp/nbns.err" &
	nbns_pid=$!
	for _ in $(seq 1 50); do
		[ -s "$tmp/nbns.port" ] && break
		sleep 0.1
	done
	nbns_port=$(cat "$tmp/nbns.port" 2>/dev/null)
	[ -n "$nbns_port" ]
}

nbns_stop() {
	[ -n "$nbns_pid" ] || return 0
	kill "$nbns_pid" 2>/dev/null
	wait "$nbns_pid" 2>/dev/null
	nbns_pid=
}

# nb MODE [ADDR...]: what the fake name server answers from now on, with
# an empty query log.
nb() {
	echo "$*" >"$tmp/nbns.mode"
	: >"$tmp/nbns.log"
}

# nbns_into NAME: the name server's log appended to the run's log, each
# line as "nbns: ...", for expect's log: checks.
nbns_into() {
	sed 's/^/nbns: /' "$tmp/nbns.log" >>"$tmp/$1.log"
}

hex() {
	printf %s "$1" | od -An -tx1 | tr -d ' \n'
}

test_helper() {
	local log src=//127.0.0.1/share

	if ! make -s -C "$top" helper >"$tmp/build.log" 2>&1; then
		not_ok "helper: builds"
		show "$tmp/build.log"
		return
	fi
	if grep -q -i warning "$tmp/build.log"; then
		not_ok "helper: builds without warnings"
		show "$tmp/build.log"
		return
	fi
	# the rule's flags, again, from scratch
	if gcc -O2 -Wall -Wextra -Werror -DSMB1FS_VERSION='"x"' \
		-o "$tmp/helper-check" "$top/tools/mount.smb1fs.c" \
		>"$tmp/cc.log" 2>&1; then
		ok "helper: builds with -Wall -Wextra -Werror, no warnings"
	else
		not_ok "helper: builds with -Wall -Wextra -Werror"
		show "$tmp/cc.log"
		return
	fi
	if ! gcc -shared -fPIC -O2 -Wall -Wextra -Werror -o "$shim" \
		"$here/mount-shim.c" -ldl >"$tmp/shim.log" 2>&1; then
		not_ok "helper: the test shim builds"
		show "$tmp/shim.log"
		return
	fi

	# --- invocation
	h version -- -V
	expect version "-V prints the version from VERSION" 0 \
		"out:^mount\.smb1fs \(smb1fs\) $version\$"
	h help -- --help
	expect help "--help prints the usage" 0 "out:^Usage: mount\.smb1fs //server/share DIR"
	h noargs --
	expect noargs "no arguments: usage error (1)" 1 "err:^Usage:"
	h onearg -- "$src"
	expect onearg "one argument: usage error (1)" 1 "err:^Usage:"
	h badopt -- -x "$src" /mnt
	expect badopt "an unknown command-line option: usage error (1)" 1
	h badtype -- -t cifs "$src" /mnt
	expect badtype "-t of another type: usage error (1)" 1 "err:mounts only smb1fs"
	h goodtype -- -f -v -n -s -t smb1fs "$src" /mnt -o guest
	expect goodtype "-f -v -n -s -t smb1fs are accepted" 0 \
		"out:^mount\.smb1fs: options: guest,ip=127\.0\.0\.1\$" \
		"out:fake mount" "!log:fsopen|^mount "
	for s in // //host //host/ /host/share host/share //host//x '\\host'; do
		h badsrc -- -f "$s" /mnt -o guest
		expect badsrc "source '$s' is refused (1)" 1 \
			"err:is not a share name: use //server/share"
	done
	h backslash -- -f -v '\\127.0.0.1\share' /mnt -o guest
	expect backslash "a \\\\server\\share source is accepted" 0 \
		"out:options: guest,ip=127\.0\.0\.1\$"

	# --- options
	h strip -- -f -v "$src" /mnt -o "_netdev,nofail,auto,noauto,user,users,nouser,owner,group,defaults,comment=x-y,x-systemd.automount,x-systemd.mount-timeout=30,x-mount.mkdir,guest,port=139"
	expect strip "user-space options are not passed to the kernel" 0 \
		"out:^mount\.smb1fs: options: guest,port=139,ip=127\.0\.0\.1\$" \
		"out:flags: 0x0 \(none\)"
	h flags -- -f -v "$src" /mnt -o "ro,nosuid,nodev,noexec,sync,noatime,guest"
	expect flags "generic options become MS_* flags" 0 \
		"out:^mount\.smb1fs: flags: 0x41f \(ro,nosuid,nodev,noexec,sync,noatime\)\$" \
		"out:^mount\.smb1fs: options: guest,ip=127\.0\.0\.1\$"
	h flags2 -- -f -v -r "$src" /mnt -o "nosuid,suid,rw,dirsync,relatime,nodiratime,strictatime,lazytime,guest"
	expect flags2 "later flags undo earlier ones; -r" 0 \
		"out:flags: 0x3200880 \(dirsync,nodiratime,relatime,strictatime,lazytime\)\$"
	h rflag -- -f -v -r "$src" /mnt -o guest
	expect rflag "-r means ro" 0 "out:flags: 0x1 \(ro\)\$"
	h passthru -- -v "$src" /mnt -o "guest,bogus=1,flagx,rsize=65536"
	expect passthru "unknown options go to the kernel, in order" 0 \
		"log:^fsconfig string bogus=1\$" "log:^fsconfig flag flagx\$" \
		"log:^fsconfig string rsize=65536\$" \
		"out:options: guest,bogus=1,flagx,rsize=65536,ip=127\.0\.0\.1\$"

	# --- the new mount API, as the kernel would see it
	secret_hex=$(hex 'Pw-1')
	h newapi -- -v "$src" /mnt -o "username=u,password=Pw-1,domain=WG,port=139,ro,nosuid,nodev"
	log=$tmp/newapi.log
	if [ "$rc" = 0 ] && [ "$(grep -v -E '^(cmdline|environ|secret-in-memory):' "$log")" = "$(printf '%s\n' \
		'fsopen smb1fs' \
		'fsconfig string source=//127.0.0.1/share' \
		'fsconfig string username=u' \
		'fsconfig string password=Pw-1' \
		'fsconfig string domain=WG' \
		'fsconfig string port=139' \
		'fsconfig string ip=127.0.0.1' \
		'fsconfig flag ro' \
		'fsconfig create' \
		'fsmount attrs=0x7' \
		'move_mount /mnt')" ]; then
		ok "helper: fsopen/fsconfig/fsmount/move_mount get source, options, flags"
	else
		not_ok "helper: fsopen/fsconfig/fsmount/move_mount calls (status $rc)"
		show "$log" "$tmp/newapi.err"
	fi
	expect newapi "the password is masked in verbose output" 0 \
		"out:options: username=u,password=\*{8},domain=WG,port=139,ip=127\.0\.0\.1\$" \
		"!out:Pw-1" "!err:Pw-1"
	expect newapi "the password is blotted out of the command line" 0 \
		"log:^cmdline: .*password=\*,domain=WG,port=139,ro,nosuid,nodev  *\$" \
		"!log:^cmdline: .*Pw-1"
	expect newapi "no copy of the password (-o) in memory at exit" 0 clean

	secret_hex=$(hex 'Leg-2')
	h legacy SHIM_MODE=legacy -- -v "$src" /mnt -o "username=u,password=Leg-2,nodev,noexec"
	expect legacy "without fsopen (ENOSYS) mount(2) gets flags and data" 0 \
		"log:^mount //127\.0\.0\.1/share /mnt smb1fs flags=0xc data=username=u,password=Leg-2,ip=127\.0\.0\.1\$" \
		"out:no fsopen" clean
	h comma SHIM_MODE=legacy -- "$src" /mnt -o 'username=u,password="a,b"'
	expect comma "mount(2) cannot pass a comma in a value: clear error (1)" 1 \
		"err:value of password contains a comma" "!log:^mount "
	h quoted -- "$src" /mnt -o 'username=u,password="a,b",guest'
	expect quoted "a quoted value keeps its comma (fsconfig)" 0 \
		"log:^fsconfig string password=a,b\$" "log:^fsconfig flag guest\$"

	# --- failures
	h fail SHIM_MODE=fail -- "$src" /mnt -o username=u,password=x
	expect fail "a failed mount: exit 32, the error, then the kernel's reason" 32 \
		"err:^mount\.smb1fs: mounting //127\.0\.0\.1/share on /mnt failed: Permission denied\$" \
		"err:^mount\.smb1fs: reason: smb1fs: login failed for user u\$" \
		"!err:dmesg"
	if [ "$(head -n 1 "$tmp/fail.err")" = "mount.smb1fs: mounting //127.0.0.1/share on /mnt failed: Permission denied" ]; then
		ok "helper: the failure line comes first"
	else
		not_ok "helper: the failure line comes first"
		show "$tmp/fail.err"
	fi
	h lfail SHIM_MODE=legacy-fail -- "$src" /mnt -o username=u,password=x
	expect lfail "mount(2) failure: exit 32, points to dmesg" 32 \
		"err:^mount\.smb1fs: mounting //127\.0\.0\.1/share on /mnt failed: Permission denied\$" \
		"err:dmesg"
	h nohost -- -v //no-such-host.invalid/share /mnt -o guest
	expect nohost "an unresolvable host: exit 32 and a clear message" 32 \
		"err:^mount\.smb1fs: cannot resolve host name no-such-host\.invalid: " \
		"!log:fsopen|^mount "
	h ipgiven -- -v //no-such-host.invalid/share /mnt -o guest,ip=192.0.2.9
	expect ipgiven "ip= skips name resolution" 0 \
		"log:^fsconfig string ip=192\.0\.2\.9\$" "!out:resolves to"
	if [ "$(grep -c '^fsconfig string ip=' "$tmp/ipgiven.log")" = 1 ]; then
		ok "helper: ip= is passed once"
	else
		not_ok "helper: ip= is passed once"
		show "$tmp/ipgiven.log"
	fi
	h addr -- //no-such-host.invalid/share /mnt -o guest,addr=192.0.2.7
	expect addr "addr= is the same as ip=" 0 "log:^fsconfig string ip=192\.0\.2\.7\$"
	h v6 -- -v '//[::1]/share' /mnt -o guest
	expect v6 "a bracketed IPv6 address" 0 "log:^fsconfig string ip=::1\$"

	# a name with two addresses, from a private /etc/hosts
	printf '192.0.2.1 smb1fs-two.test\n192.0.2.2 smb1fs-two.test\n' >"$tmp/hosts"
	if unshare -m true 2>/dev/null; then
		# two_hosts ARGS...: the helper, with that /etc/hosts
		two_hosts() {
			rm -f "$tmp/two.log"
			env -u USER -u PASSWD unshare -m sh -c \
				'mount --bind "$1" /etc/hosts && shift && exec "$@"' \
				sh "$tmp/hosts" env LD_PRELOAD="$shim" \
				SHIM_LOG="$tmp/two.log" "$@" \
				>"$tmp/two.out" 2>"$tmp/two.err" </dev/null
			rc=$?
			touch "$tmp/two.log"
		}
		two_hosts "$helper" -f -v //smb1fs-two.test/share /mnt -o guest
		expect two "a name resolves through getaddrinfo (hosts file)" 0 \
			"out:smb1fs-two\.test resolves to 192\.0\.2\.[12] 192\.0\.2\.[12]\$"
		# the order is getaddrinfo's: refuse the first
		first=$(sed -n 's/.* resolves to \([^ ]*\) .*/\1/p' "$tmp/two.out")
		second=192.0.2.1
		[ "$first" = 192.0.2.1 ] && second=192.0.2.2
		two_hosts SHIM_MODE="refuse=$first" "$helper" -v \
			//smb1fs-two.test/share /mnt -o guest
		expect two "a refused address: the next one is tried" 0 \
			"log:^fsconfig string ip=${first//./\\.}\$" \
			"log:^fsconfig string ip=${second//./\\.}\$" \
			"log:^move_mount /mnt\$" "out:trying the next address"
		two_hosts SHIM_MODE=fail "$helper" //smb1fs-two.test/share \
			/mnt -o guest
		if [ "$rc" = 32 ] && [ "$(grep -c '^fsopen' "$tmp/two.log")" = 1 ]; then
			ok "helper: a login failure is not retried on the next address"
		else
			not_ok "helper: a login failure is not retried (status $rc)"
			show "$tmp/two.log" "$tmp/two.err"
		fi
	else
		skip "helper: name resolution through a private hosts file" \
			"no mount namespaces here (unshare -m)"
	fi

	# --- credentials
	secret_hex=$(hex 'p w,x=y')
	printf '# smb1fs\n  username=cu\r\npassword=p w,x=y\ndomain=CD\nbogus line\n' >"$tmp/cred"
	chmod 600 "$tmp/cred"
	h cred -- -v "$src" /mnt -o "credentials=$tmp/cred"
	expect cred "a credentials file (CRLF, spaces, comments; = and , in the password)" 0 \
		"log:^fsconfig string username=cu\$" \
		"log:^fsconfig string password=p w,x=y\$" \
		"log:^fsconfig string domain=CD\$" \
		"out:options: username=cu,password=\*{8},domain=CD,ip=127\.0\.0\.1\$" \
		"!out:credentials" "!log:^fsconfig.*credentials"
	expect cred "no copy of the password (credentials file) in memory at exit" 0 clean
	printf 'user=au\npass=ap\ndom=AD\n' >"$tmp/cred2"
	chmod 400 "$tmp/cred2"
	h cred2 -- "$src" /mnt -o "cred=$tmp/cred2"
	expect cred2 "cred=, and user=/pass=/dom= lines" 0 \
		"log:^fsconfig string username=au\$" \
		"log:^fsconfig string password=ap\$" \
		"log:^fsconfig string domain=AD\$"
	h credover -- "$src" /mnt -o "username=ou,credentials=$tmp/cred2,domain=OD"
	expect credover "-o username=/domain= win over the file" 0 \
		"log:^fsconfig string username=ou\$" \
		"log:^fsconfig string password=ap\$" \
		"log:^fsconfig string domain=OD\$"
	chmod 644 "$tmp/cred2"
	h credworld -- "$src" /mnt -o "credentials=$tmp/cred2"
	expect credworld "a world-readable credentials file is refused (1)" 1 \
		"err:credentials file .*cred2 can be read by everyone \(mode 0644\).*chmod 600" \
		"!log:fsopen"
	chmod 640 "$tmp/cred2"
	h credgroup -- "$src" /mnt -o "credentials=$tmp/cred2"
	expect credgroup "a group-readable credentials file is refused (1)" 1 \
		"err:can be read by its group \(mode 0640\)"
	h credmissing -- "$src" /mnt -o "credentials=$tmp/nonexistent"
	expect credmissing "a missing credentials file (1)" 1 \
		"err:cannot open credentials file .*nonexistent: No such file"
	h creddir -- "$src" /mnt -o "credentials=$tmp"
	expect creddir "a directory as credentials file (1)" 1 "err:not a regular file"

	# --- environment
	secret_hex=$(hex 'Env-3')
	h userpct USER='eu%Env-3' -- -v "$src" /mnt
	expect userpct "USER=user%password" 0 \
		"log:^fsconfig string username=eu\$" \
		"log:^fsconfig string password=Env-3\$" \
		"!log:^environ: .*Env-3" clean
	h passwd USER=pu PASSWD=Env-3 -- "$src" /mnt
	expect passwd "USER and PASSWD; PASSWD wiped from the environment" 0 \
		"log:^fsconfig string username=pu\$" \
		"log:^fsconfig string password=Env-3\$" \
		"!log:^environ: .*Env-3" clean
	h envopt USER=eu PASSWD=Env-3 -- "$src" /mnt -o username=ou
	expect envopt "-o username= wins over USER; PASSWD still used" 0 \
		"log:^fsconfig string username=ou\$" \
		"log:^fsconfig string password=Env-3\$"
	h envguest USER='eu%x' PASSWD=y -- "$src" /mnt -o guest
	expect envguest "guest ignores USER and PASSWD" 0 \
		"log:^fsconfig flag guest\$" "!log:username|password"
	h notty -- -v "$src" /mnt -o username=nu
	expect notty "a user name, no password, no terminal: no prompt, no password" 0 \
		"log:^fsconfig string username=nu\$" "!log:password" \
		"out:no terminal to ask" "!err:Password for"

	# --- the password prompt, on a pseudo-terminal
	if command -v script >/dev/null; then
		secret_hex=$(hex 'Tty-4')
		rm -f "$tmp/tty.log"
		# the input comes late: switching echo off flushes what was
		# typed ahead, as getpass() does
		(sleep 2; printf 'Tty-4\n') | env -u USER -u PASSWD \
			SHIM_LOG="$tmp/tty.log" SHIM_SECRET_HEX="$secret_hex" \
			script -q -e -c "env LD_PRELOAD=$shim $helper $src /mnt -o username=tu" \
			/dev/null >"$tmp/tty.out" 2>"$tmp/tty.err"
		rc=$?
		touch "$tmp/tty.log" "$tmp/tty.err"
		expect tty "asks for the password on a terminal, without echo" 0 \
			"out:Password for tu@//127\.0\.0\.1/share: " \
			"!out:Tty-4" "log:^fsconfig string password=Tty-4\$" clean
	else
		skip "helper: password prompt" "no script(1)"
	fi

	# --- remount
	h remount -- -v "$src" /mnt -o "remount,ro,credentials=$tmp/nonexistent"
	expect remount "remount: mount(2) with MS_REMOUNT and the flags only" 0 \
		"log:^mount //127\.0\.0\.1/share /mnt smb1fs flags=0x21 data=\(null\)\$" \
		"!log:fsopen"

	# --- mount namespace
	h nsbad -- -N "$tmp/nonexistent" "$src" /mnt -o guest
	expect nsbad "-N with a bad namespace (1)" 1 "err:cannot enter mount namespace"
	h nsself -- -N /proc/self/ns/mnt "$src" /mnt -o guest
	expect nsself "-N /proc/self/ns/mnt" 0 "log:^move_mount /mnt\$"

	# --- options of a cifs fstab line
	local nogroup daemon_uid users_gid
	daemon_uid=$(id -u daemon)
	nogroup=$(getent group nogroup | cut -d: -f3)
	users_gid=$(getent group users | cut -d: -f3)
	h ids -- -f -v "$src" /mnt -o "guest,uid=daemon,gid=nogroup"
	expect ids "uid= and gid= take user and group names" 0 \
		"out:options: guest,uid=$daemon_uid,gid=$nogroup,ip=127\.0\.0\.1\$" \
		"out:uid=daemon is user $daemon_uid\$"
	h ids2 -- -v "$src" /mnt -o "guest,uid=root,gid=users"
	expect ids2 "uid=root,gid=users reach the kernel as numbers" 0 \
		"log:^fsconfig string uid=0\$" \
		"log:^fsconfig string gid=$users_gid\$"
	h idsnum -- -v "$src" /mnt -o "guest,uid=4321,gid=1234"
	expect idsnum "numeric uid= and gid= pass unchanged" 0 \
		"log:^fsconfig string uid=4321\$" "log:^fsconfig string gid=1234\$"
	h nouser -- -v "$src" /mnt -o "guest,uid=smb1fs-no-such-user"
	expect nouser "uid= of a user that does not exist: usage error (1), nothing mounted" 1 \
		"err:^mount\.smb1fs: uid=smb1fs-no-such-user: there is no user of that name\$" \
		"!log:fsopen|^mount "
	if [ "$(wc -l <"$tmp/nouser.err")" = 1 ]; then
		ok "helper: an unknown uid= name is one line of message"
	else
		not_ok "helper: an unknown uid= name is one line of message"
		show "$tmp/nouser.err"
	fi
	h nogrp -- "$src" /mnt -o "guest,gid=smb1fs-no-such-group"
	expect nogrp "gid= of a group that does not exist: usage error (1)" 1 \
		"err:^mount\.smb1fs: gid=smb1fs-no-such-group: there is no group of that name\$" \
		"!log:fsopen|^mount "
	h idremount -- -v "$src" /mnt -o "remount,ro,uid=smb1fs-no-such-user"
	expect idremount "remount does not look up uid= names" 0 \
		"log:^mount //127\.0\.0\.1/share /mnt smb1fs flags=0x21 data=\(null\)\$"
	secret_hex=$(hex 'Cifs-7')
	h cifsline -- -v "$src" /mnt -o "vers=1.0,sec=ntlm,nounix,noserverino,uid=root,gid=users,noperm,cache=strict,nobrl,iocharset=utf8,workgroup=WG,username=cu,password=Cifs-7"
	expect cifsline "a cifs fstab line: names resolved, workgroup= as domain=, the rest to the kernel" 0 \
		"out:options: username=cu,password=\*{8},domain=WG,vers=1\.0,sec=ntlm,nounix,noserverino,uid=0,gid=$users_gid,noperm,cache=strict,nobrl,iocharset=utf8,ip=127\.0\.0\.1\$" \
		"log:^fsconfig string domain=WG\$" "!log:^fsconfig.*workgroup" \
		"log:^fsconfig flag nounix\$" "log:^fsconfig string cache=strict\$" \
		"log:^move_mount /mnt\$" clean
	printf 'username=fu\npassword=Cifs-7\ndomain=FILEDOM\n' >"$tmp/credwg"
	chmod 600 "$tmp/credwg"
	h wgover -- "$src" /mnt -o "credentials=$tmp/credwg,workgroup=OPTWG"
	expect wgover "-o workgroup= wins over the file's domain, passed once" 0 \
		"log:^fsconfig string domain=OPTWG\$" "!log:^fsconfig.*(FILEDOM|workgroup)"
	h wgdom -- "$src" /mnt -o "guest,domain=A,workgroup=B"
	expect wgdom "domain= and workgroup= are one setting: the later wins" 0 \
		"log:^fsconfig string domain=B\$" "!log:^fsconfig.*domain=A"

	# --- sloppy
	secret_hex=$(hex 'Slop-8')
	h sloppy SHIM_UNKNOWN=nounix,nobrl -- -v "$src" /mnt -o "username=u,password=Slop-8,nounix,sloppy,rsize=65536,nobrl=1"
	expect sloppy "sloppy: options the kernel does not know are left out, with a note" 0 \
		"log:^fsconfig flag nounix\$" "log:^fsconfig string nobrl=1\$" \
		"log:^fsconfig string rsize=65536\$" "log:^fsconfig create\$" \
		"log:^move_mount /mnt\$" "!log:^fsconfig.*sloppy" \
		"err:^mount\.smb1fs: the kernel does not know the option nounix; left out \(sloppy\)\$" \
		"err:does not know the option nobrl;" "!err:reason|failed" clean
	h sloppyq SHIM_UNKNOWN=nounix -- "$src" /mnt -o "guest,nounix,sloppy"
	expect sloppyq "sloppy without -v: no note" 0 "log:^move_mount /mnt\$" \
		"!err:."
	h sflag SHIM_UNKNOWN=noacl -- -s -v "$src" /mnt -o "guest,noacl"
	expect sflag "-s is sloppy" 0 "log:^move_mount /mnt\$" \
		"err:does not know the option noacl"
	h strict SHIM_UNKNOWN=nounix -- "$src" /mnt -o "guest,nounix"
	expect strict "without sloppy an unknown option fails: exit 32, the kernel's reason" 32 \
		"err:^mount\.smb1fs: reason: smb1fs: Unknown parameter 'nounix'\$" \
		"!log:^move_mount"
	h badsec SHIM_BADVAL=sec -- -s "$src" /mnt -o "guest,sec=bogus"
	expect badsec "sloppy does not drop a bad value (sec=bogus): exit 32, the kernel's reason" 32 \
		"err:^mount\.smb1fs: reason: smb1fs: Bad value for 'sec'\$" \
		"!log:^move_mount"
	h lsloppy SHIM_MODE=legacy SHIM_UNKNOWN=nounix,nobrl -- -v "$src" /mnt -o "username=u,password=Slop-8,nounix,sloppy,nobrl,port=139"
	expect lsloppy "sloppy with mount(2): the kernel log names the option, the mount is made again without it" 0 \
		"log:^open /dev/kmsg\$" \
		"log:^mount .* data=username=u,password=Slop-8,nounix,nobrl,port=139,ip=127\.0\.0\.1\$" \
		"log:^mount .* data=username=u,password=Slop-8,nobrl,port=139,ip=127\.0\.0\.1\$" \
		"log:^mount .* data=username=u,password=Slop-8,port=139,ip=127\.0\.0\.1\$" \
		"err:does not know the option nounix" "err:does not know the option nobrl" \
		clean
	h lsloppy2 SHIM_MODE=legacy SHIM_UNKNOWN=nounix SHIM_KMSG=no -- -v "$src" /mnt -o "guest,nounix,sloppy"
	expect lsloppy2 "sloppy with mount(2) and no kernel log to read: the mount fails (32)" 32 \
		"out:cannot read the kernel log" \
		"err:failed: Invalid argument"
	h lstrict SHIM_MODE=legacy SHIM_UNKNOWN=nounix -- "$src" /mnt -o "guest,nounix"
	expect lstrict "mount(2) without sloppy: no retry, the kernel log not read" 32 \
		"!log:kmsg"
	if [ "$(grep -c '^mount ' "$tmp/lstrict.log")" = 1 ]; then
		ok "helper: mount(2) without sloppy is made once"
	else
		not_ok "helper: mount(2) without sloppy is made once"
		show "$tmp/lstrict.log"
	fi

	# --- credentials file: keys in any case, ignored lines said
	secret_hex=$(hex 'Mixed-9')
	printf '# comment\n\n; another\nUSERNAME=mu\nPassword=Mixed-9\nWorkGroup=MWG\nbogus line Secret-line-A\npasword=Secret-typo-B\n=Secret-nokey-C\n' >"$tmp/credmix"
	chmod 600 "$tmp/credmix"
	h credmix -- -v "$src" /mnt -o "credentials=$tmp/credmix"
	expect credmix "credentials keys in any case (USERNAME=, Password=, WorkGroup=)" 0 \
		"log:^fsconfig string username=mu\$" \
		"log:^fsconfig string password=Mixed-9\$" \
		"log:^fsconfig string domain=MWG\$" clean
	expect credmix "ignored credentials lines are named, one line each, values never shown" 0 \
		"err:^mount\.smb1fs: credentials file .*credmix: line 7 ignored: not of the form key=value\$" \
		"err:^mount\.smb1fs: credentials file .*credmix: line 8 ignored: unknown key pasword \(known: username, password, domain\)\$" \
		"err:^mount\.smb1fs: credentials file .*credmix: line 9 ignored: not of the form key=value\$" \
		"!err:Secret|Mixed-9|line [1-6] " "log:^move_mount /mnt\$"
	if [ "$(wc -l <"$tmp/credmix.err")" = 3 ]; then
		ok "helper: three ignored lines, three messages (comments and blank lines are silent)"
	else
		not_ok "helper: three ignored lines, three messages"
		show "$tmp/credmix.err"
	fi

	# --- PASSWD_FD, PASSWD_FILE
	secret_hex=$(hex 'Fd-10')
	printf 'Fd-10\nnot this line\n' >"$tmp/pwfd"
	h pwfd USER=fu PASSWD_FD=3 -- -v "$src" /mnt 3<"$tmp/pwfd"
	expect pwfd "PASSWD_FD: the first line of that descriptor" 0 \
		"log:^fsconfig string username=fu\$" \
		"log:^fsconfig string password=Fd-10\$" "!log:not this" \
		"!out:Fd-10" "!err:Fd-10" clean
	h pwpipe USER=fu PASSWD_FD=4 -- "$src" /mnt 4< <(printf 'Fd-10')
	expect pwpipe "PASSWD_FD from a pipe, no newline at the end" 0 \
		"log:^fsconfig string password=Fd-10\$" clean
	secret_hex=$(hex 'File-11')
	printf 'File-11\r\n' >"$tmp/pwfile"
	h pwfile USER=fu PASSWD_FILE="$tmp/pwfile" -- "$src" /mnt
	expect pwfile "PASSWD_FILE: its first line, without CR LF" 0 \
		"log:^fsconfig string password=File-11\$" clean
	h pwboth USER=fu PASSWD_FD=3 PASSWD_FILE="$tmp/pwfile" -- "$src" /mnt 3<"$tmp/pwfd"
	expect pwboth "PASSWD_FD wins over PASSWD_FILE" 0 \
		"log:^fsconfig string password=Fd-10\$"
	h pwenv USER=fu PASSWD=Env-12 PASSWD_FD=3 PASSWD_FILE="$tmp/pwfile" -- "$src" /mnt 3<"$tmp/pwfd"
	expect pwenv "PASSWD wins over PASSWD_FD and PASSWD_FILE" 0 \
		"log:^fsconfig string password=Env-12\$"
	h pwopt USER=fu PASSWD_FD=bogus PASSWD_FILE="$tmp/nonexistent" -- "$src" /mnt -o password=Opt-13
	expect pwopt "-o password= wins; PASSWD_FD and PASSWD_FILE are not read" 0 \
		"log:^fsconfig string password=Opt-13\$"
	h pwguest PASSWD_FD=bogus -- "$src" /mnt -o guest
	expect pwguest "guest ignores PASSWD_FD" 0 "!log:password"
	h pwbadfd USER=fu PASSWD_FD=x1 -- "$src" /mnt
	expect pwbadfd "PASSWD_FD that is not a number: usage error (1)" 1 \
		"err:PASSWD_FD=x1 is not a file descriptor number" "!log:fsopen"
	h pwclosed USER=fu PASSWD_FD=9 -- "$src" /mnt
	expect pwclosed "PASSWD_FD of a closed descriptor: usage error (1)" 1 \
		"err:cannot read the password from PASSWD_FD=9: Bad file descriptor" \
		"!log:fsopen"
	h pwmissing USER=fu PASSWD_FILE="$tmp/nonexistent" -- "$src" /mnt
	expect pwmissing "PASSWD_FILE that does not exist: usage error (1)" 1 \
		"err:cannot open PASSWD_FILE .*nonexistent: No such file" "!log:fsopen"
	head -c 600 /dev/zero | tr '\0' x >"$tmp/pwlong"
	h pwlong USER=fu PASSWD_FILE="$tmp/pwlong" -- "$src" /mnt
	expect pwlong "a password over 512 characters from PASSWD_FILE: usage error (1)" 1 \
		"err:the password from PASSWD_FILE is longer than 512 characters" \
		"!log:fsopen"

	# --- NetBIOS names
	if ! nbns_start; then
		not_ok "helper: the fake NetBIOS name server starts"
		show "$tmp/nbns.err"
	else
		local nbenv=SMB1FS_TEST_NBNS_PORT=$nbns_port
		local nbsrc=//smb1fsnb/share
		local noif=SHIM_IFADDRS=
		nb ok
		h nbwins "$nbenv" "$noif" -- -v "$nbsrc" /mnt -o guest,wins=127.0.0.1
		nbns_into nbwins
		expect nbwins "a name that does not resolve is asked for at wins= (name in capitals, <20>, RD)" 0 \
			"log:^fsconfig string ip=192\.0\.2\.77\$" \
			"out:smb1fsnb resolves to 192\.0\.2\.77 \(NetBIOS name SMB1FSNB<20>, from WINS server 127\.0\.0\.1\)\$" \
			"log:^nbns: query SMB1FSNB<20> flags=0x0100 qd=1 an=0 ns=0 ar=0 type=0x0020 class=0x0001 len0=32 to 127\.0\.0\.1\$" \
			"!log:^fsconfig.*wins" "!log:flags=0x0110" "!log:getifaddrs" \
			"log:^fsconfig string servern=SMB1FSNB\$"
		h nbservern "$nbenv" "$noif" -- "$nbsrc" /mnt -o guest,wins=127.0.0.1,servern=OTHER
		expect nbservern "a servern= given is kept" 0 \
			"log:^fsconfig string servern=OTHER\$" "!log:servern=SMB1FSNB"
		nb ok 192.0.2.5 192.0.2.6
		h nbtwo "$nbenv" SHIM_MODE=refuse=192.0.2.5 -- -v "$nbsrc" /mnt -o guest,wins=127.0.0.1
		expect nbtwo "every address of the answer is tried" 0 \
			"log:^fsconfig string ip=192\.0\.2\.5\$" \
			"log:^fsconfig string ip=192\.0\.2\.6\$" "log:^move_mount"
		nb prefer20
		h nbprefer "$nbenv" -- -v "$nbsrc" /mnt -o guest,wins=127.0.0.1
		expect nbprefer "<20> is taken over an earlier <00>" 0 \
			"log:^fsconfig string ip=192\.0\.2\.77\$" "!log:192\.0\.2\.100"
		nb only00 192.0.2.88
		h nb00 "$nbenv" "$noif" -- -v "$nbsrc" /mnt -o guest,wins=127.0.0.1
		nbns_into nb00
		expect nb00 "a name with <00> only" 0 \
			"log:^fsconfig string ip=192\.0\.2\.88\$" \
			"out:NetBIOS name SMB1FSNB<00>" "log:^nbns: query SMB1FSNB<00>" \
			"!log:^fsconfig.*servern"
		nb hostile
		h nbhostile "$nbenv" "$noif" -- -v "$nbsrc" /mnt -o guest,wins=127.0.0.1
		expect nbhostile "malformed and foreign answers are dropped, the right one taken" 0 \
			"log:^fsconfig string ip=192\.0\.2\.77\$" "!log:192\.0\.2\.66|0\.0\.0\.0|255\.255|224\."
		nb bad
		h nbbad "$nbenv" "$noif" -- "$nbsrc" /mnt -o guest,wins=127.0.0.1
		expect nbbad "only malformed answers: no address taken (32)" 32 \
			"err:NetBIOS name query to WINS server 127\.0\.0\.1: no usable answer \([0-9]+ malformed dropped\)" \
			"!log:fsopen|^mount "
		nb neg
		h nbneg "$nbenv" "$noif" -- "$nbsrc" /mnt -o guest,wins=127.0.0.1
		expect nbneg "the name server does not know the name: exit 32, what was tried" 32 \
			"err:^mount\.smb1fs: cannot resolve host name smb1fsnb: DNS and hosts file: [^;]+; NetBIOS name query to WINS server 127\.0\.0\.1: the name is not registered there; NetBIOS broadcast: no network interface with a broadcast address\$" \
			"!log:fsopen|^mount "
		nb ok
		h nbbcast "$nbenv" "SHIM_IFADDRS=lo:ubl:127.0.0.255 eth9:ub:127.255.255.255 down0:b:127.0.0.254 ptp0:u:- eth8:ub:127.255.255.255" -- -v "$nbsrc" /mnt -o guest
		nbns_into nbbcast
		expect nbbcast "without wins=: broadcast to each up, non-loopback interface's broadcast address" 0 \
			"log:^fsconfig string ip=192\.0\.2\.77\$" \
			"out:\(NetBIOS name SMB1FSNB<20>, by broadcast\)\$" \
			"log:^nbns: query SMB1FSNB<20> flags=0x0110 .* to 127\.255\.255\.255\$" \
			"!log:to 127\.0\.0\.25[45]\$"
		if [ "$(grep -c '^nbns: query SMB1FSNB<20>' "$tmp/nbbcast.log")" = 1 ]; then
			ok "helper: one query per broadcast address (duplicates merged)"
		else
			not_ok "helper: one query per broadcast address"
			show "$tmp/nbbcast.log"
		fi
		nb silent
		h nbfail SMB1FS_TEST_NBNS_PORT=1 "SHIM_IFADDRS=eth9:ub:127.255.255.255" -- "$nbsrc" /mnt -o guest,wins=127.0.0.1
		expect nbfail "a failed lookup says what it tried: DNS, WINS server, broadcast addresses (32)" 32 \
			"err:^mount\.smb1fs: cannot resolve host name smb1fsnb: DNS and hosts file: [^;]+; NetBIOS name query to WINS server 127\.0\.0\.1: Connection refused; NetBIOS name query by broadcast to 127\.255\.255\.255 \(eth9\): no answer\$" \
			"!log:fsopen|^mount "
		nb ok
		h nbnotdotted "$nbenv" "$noif" -- //smb1fsnb.invalid/share /mnt -o guest,wins=127.0.0.1
		nbns_into nbnotdotted
		expect nbnotdotted "a name with a dot is not asked for by NetBIOS" 32 \
			"err:^mount\.smb1fs: cannot resolve host name smb1fsnb\.invalid: [^;]+\$" \
			"!log:nbns:"
		h nbresolves "$nbenv" "$noif" -- -v //localhost/share /mnt -o guest,wins=127.0.0.1
		nbns_into nbresolves
		expect nbresolves "a name that resolves is not asked for by NetBIOS" 0 \
			"!log:nbns:" "!out:NetBIOS"
		h nbip "$nbenv" "$noif" -- //smb1fsnb/share /mnt -o guest,wins=127.0.0.1,ip=192.0.2.9
		nbns_into nbip
		expect nbip "ip= given: no lookup at all" 0 \
			"log:^fsconfig string ip=192\.0\.2\.9\$" "!log:nbns:"
		h nbbadwins -- "$nbsrc" /mnt -o guest,wins=wins.example
		expect nbbadwins "wins= that is not an IPv4 address: usage error (1)" 1 \
			"err:wins=wins\.example is not an IPv4 address" "!log:fsopen"
		nbns_stop
	fi

	# --- the memory scan itself finds what is there
	secret_hex=$(hex '//127.0.0.1/share')
	h control -- "$src" /mnt -o guest
	if grep -q -E '^secret-in-memory: [1-9]' "$tmp/control.log"; then
		ok "helper: the memory scan finds a string that is there (control)"
	else
		not_ok "helper: the memory scan finds a string that is there (control)"
		show "$tmp/control.log"
	fi
	secret_hex=
}

# ---------------------------------------------------------------------
# manual pages
# ---------------------------------------------------------------------

test_man() {
	local page opt missing

	for page in "$top/Documentation/mount.smb1fs.8" "$top/Documentation/smb1fs.5"; do
		if [ ! -f "$page" ]; then
			not_ok "man: $(basename "$page") exists"
			continue
		fi
		groff -ww -z -man "$page" >/dev/null 2>"$tmp/groff.err"
		if [ $? = 0 ] && [ ! -s "$tmp/groff.err" ]; then
			ok "man: groff -ww -z -man $(basename "$page"): no warnings"
		else
			not_ok "man: groff -ww -z -man $(basename "$page")"
			show "$tmp/groff.err"
		fi
		groff -ww -man -Tutf8 "$page" >/dev/null 2>"$tmp/groff.err"
		if [ $? = 0 ] && [ ! -s "$tmp/groff.err" ]; then
			ok "man: groff -ww -man -Tutf8 $(basename "$page"): no warnings"
		else
			not_ok "man: groff -ww -man -Tutf8 $(basename "$page")"
			show "$tmp/groff.err"
		fi
		LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" \
			>"$tmp/man.out" 2>"$tmp/man.err"
		if [ $? = 0 ] && [ ! -s "$tmp/man.err" ] && [ -s "$tmp/man.out" ]; then
			ok "man: man -l $(basename "$page") renders without warnings"
		else
			not_ok "man: man -l $(basename "$page")"
			show "$tmp/man.err"
		fi
	done

	# every option of the kernel's table is documented
	sed -n 's/^[[:space:]]*\(smb1_param_str\|fsparam_[a-z0-9_]*\)("\([a-z_0-9]*\)".*/\2/p' \
		"$top/fs/smb1fs/super.c" | sort -u >"$tmp/kopts"
	if [ "$(wc -l <"$tmp/kopts")" -lt 10 ]; then
		not_ok "man: the option table of fs/smb1fs/super.c was found"
		return
	fi
	for page in Documentation/mount.smb1fs.8 Documentation/smb1fs.5 \
		Documentation/smb1fs.rst; do
		missing=
		# roff's \- is a plain hyphen here
		sed 's/\\-/-/g' "$top/$page" >"$tmp/page.txt"
		while read -r opt; do
			grep -q -E "(^|[^a-z_])$opt([^a-z_]|\$)" "$tmp/page.txt" ||
				missing="$missing $opt"
		done <"$tmp/kopts"
		if [ -z "$missing" ]; then
			ok "man: $page documents every kernel option ($(wc -l <"$tmp/kopts"))"
		else
			not_ok "man: $page does not document:$missing"
		fi
	done
	# every mount error message of the kernel is explained, with its
	# %-conversions matching any placeholder
	grep -ho -E '(smb1_fc_err|invalfc|errorfc)\([a-z]+, *"[^"]*"' \
		"$top"/fs/smb1fs/*.c |
		sed -E 's/^[a-z0-9_]+\([a-z]+, *"//; s/"$//' | sort -u >"$tmp/kmsgs"
	if [ "$(wc -l <"$tmp/kmsgs")" -lt 20 ]; then
		not_ok "man: the kernel's mount error messages were found"
		return
	fi
	for page in Documentation/smb1fs.5 Documentation/smb1fs.rst; do
		# roff: \- is a hyphen, \e a backslash, no font changes
		sed -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/\\f[BIRP]//g' \
			"$top/$page" >"$tmp/page.txt"
		missing=
		while IFS= read -r m; do
			re=$(printf '%s' "$m" | sed -e 's/[][\\.^$*+?(){}|/]/\\&/g' \
				-e 's/%[-0-9.]*[a-zA-Z]\{1,4\}/.+/g')
			grep -q -E -e "$re" "$tmp/page.txt" || missing="$missing
    #   $m"
		done <"$tmp/kmsgs"
		if [ -z "$missing" ]; then
			ok "man: $page explains every mount error message of the kernel ($(wc -l <"$tmp/kmsgs"))"
		else
			not_ok "man: $page does not explain:$missing"
		fi
	done

	missing=
	sed 's/\\-/-/g' "$top/Documentation/mount.smb1fs.8" >"$tmp/page.txt"
	for opt in credentials= cred= guest _netdev nofail x-systemd.automount \
		USER PASSWD PASSWD_FD PASSWD_FILE remount nosuid -f -v -n -s -N \
		wins= sloppy workgroup= "FINDING THE SERVER" \
		"FINDING A SHARE'S NAME" "smbclient -L" \
		"client min protocol=NT1" "client min protocol=LANMAN1" \
		"client lanman auth=yes" \
		"there is no user of that name" "line N ignored"; do
		grep -q -F -e "$opt" "$tmp/page.txt" || missing="$missing $opt"
	done
	if [ -z "$missing" ]; then
		ok "man: mount.smb1fs.8 documents the helper's own options"
	else
		not_ok "man: mount.smb1fs.8 does not document:$missing"
	fi
}

# ---------------------------------------------------------------------
# make install / uninstall
# ---------------------------------------------------------------------

# files_in DIR: the files (not directories) under DIR, sorted.
files_in() {
	(cd "$1" && find . ! -type d | sort)
}

test_install() {
	local root=$tmp/root src=$tmp/src full=$tmp/full kdir kver ko

	if make -s -C "$top" install-helper install-man DESTDIR="$root" \
		>"$tmp/inst.log" 2>&1 &&
		[ "$(files_in "$root")" = "$(printf '%s\n' ./sbin/mount.smb1fs \
			./usr/share/man/man5/smb1fs.5 ./usr/share/man/man8/mount.smb1fs.8)" ] &&
		[ "$(stat -c %a "$root/sbin/mount.smb1fs")" = 755 ] &&
		[ "$(stat -c %a "$root/usr/share/man/man8/mount.smb1fs.8")" = 644 ] &&
		[ "$(stat -c %a "$root/usr/share/man/man5/smb1fs.5")" = 644 ] &&
		"$root/sbin/mount.smb1fs" -V | grep -q " $version\$"; then
		ok "install: helper and manual pages into DESTDIR (modes 755, 644)"
	else
		not_ok "install: helper and manual pages into DESTDIR"
		show "$tmp/inst.log"
		files_in "$root" 2>/dev/null | sed 's/^/    # /'
	fi
	if make -s -C "$top" uninstall-helper uninstall-man DESTDIR="$root" \
		>"$tmp/uninst.log" 2>&1 && [ -z "$(files_in "$root")" ]; then
		ok "install: uninstall removes them"
	else
		not_ok "install: uninstall removes them"
		show "$tmp/uninst.log"
		files_in "$root" | sed 's/^/    # /'
	fi

	# the whole of it, module included, from a copy of the tree (kbuild
	# writes its objects next to the sources)
	if ! kdir=$("$top/tools/vm/kernels.sh" 6.1 kdir 2>"$tmp/k.err") ||
		! kver=$("$top/tools/vm/kernels.sh" 6.1 version 2>>"$tmp/k.err"); then
		not_ok "install: the stock 6.1 headers are installed"
		show "$tmp/k.err"
		return
	fi
	mkdir -p "$src"
	rsync -a --exclude=/build/ --exclude=/.git/ --exclude=/out/ \
		--exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
		"$top/" "$src/"
	ko=./lib/modules/$kver/extra/fs/smb1fs/smb1fs.ko
	if make -C "$src" -j"$(nproc)" install DESTDIR="$full" KDIR="$kdir" \
		>"$tmp/full.log" 2>&1 &&
		[ "$(files_in "$full")" = "$(printf '%s\n' "$ko" ./sbin/mount.smb1fs \
			./usr/share/man/man5/smb1fs.5 ./usr/share/man/man8/mount.smb1fs.8)" ] &&
		[ "$(modinfo -F vermagic "$full/$ko" | cut -d' ' -f1)" = "$kver" ] &&
		[ "$(modinfo -F version "$full/$ko")" = "$version" ]; then
		ok "install: make install DESTDIR KDIR=(6.1): module in lib/modules/$kver/extra, helper, pages"
	else
		not_ok "install: make install DESTDIR KDIR=(6.1)"
		tail -n 20 "$tmp/full.log" | sed 's/^/    # /'
		files_in "$full" 2>/dev/null | sed 's/^/    # /'
	fi
	if make -C "$src" uninstall DESTDIR="$full" KDIR="$kdir" \
		>"$tmp/full-un.log" 2>&1 && [ -z "$(files_in "$full")" ]; then
		ok "install: make uninstall DESTDIR removes exactly those"
	else
		not_ok "install: make uninstall DESTDIR"
		show "$tmp/full-un.log"
		files_in "$full" | sed 's/^/    # /'
	fi
	if [ -z "$(find "/lib/modules/$kver" -name 'smb1fs.ko*' 2>/dev/null)" ]; then
		ok "install: nothing was installed outside DESTDIR"
	else
		not_ok "install: smb1fs.ko appeared under /lib/modules/$kver"
	fi
}

# ---------------------------------------------------------------------
# DKMS
# ---------------------------------------------------------------------

test_dkms() {
	local d=$tmp/dkms kver dkms ko v before after

	if ! command -v dkms >/dev/null; then
		not_ok "dkms: the dkms package is installed (make deps)"
		return
	fi
	if ! kver=$("$top/tools/vm/kernels.sh" 6.1 version 2>"$tmp/k.err"); then
		not_ok "dkms: the stock 6.1 headers are installed"
		show "$tmp/k.err"
		return
	fi
	v=$(cd / && bash -c '. "$1"; echo "$PACKAGE_NAME $PACKAGE_VERSION"' sh \
		"$top/dkms.conf")
	if [ "$v" = "smb1fs $version" ]; then
		ok "dkms: dkms.conf reads PACKAGE_VERSION from VERSION ($version)"
	else
		not_ok "dkms: dkms.conf gives '$v', expected 'smb1fs $version'"
	fi

	# private trees, and a private signing key: the host's DKMS state
	# (/var/lib/dkms, /usr/src, /lib/modules) is not touched
	mkdir -p "$d/tree" "$d/dkms" "$d/src" "$d/lib/$kver"
	rsync -a --exclude=/build/ --exclude=/.git/ --exclude=/out/ \
		--exclude='*.o' --exclude='*.ko' --exclude='.*.cmd' \
		"$top/" "$d/tree/"
	before=$(ls -A /var/lib/dkms /usr/src 2>/dev/null | sort | tr '\n' ' ')
	dkms=(env mok_signing_key="$d/mok.key" mok_certificate="$d/mok.pub"
		dkms --dkmstree "$d/dkms" --sourcetree "$d/src"
		--installtree "$d/lib")
	if "${dkms[@]}" add "$d/tree" >"$tmp/dkms.log" 2>&1 &&
		[ -f "$d/src/smb1fs-$version/dkms.conf" ]; then
		ok "dkms: add"
	else
		not_ok "dkms: add"
		show "$tmp/dkms.log"
		return
	fi
	ko=$d/dkms/smb1fs/$version/$kver/x86_64/module/smb1fs.ko
	if "${dkms[@]}" build "smb1fs/$version" -k "$kver" >"$tmp/dkms.log" 2>&1 &&
		[ "$(modinfo -F version "$ko" 2>/dev/null)" = "$version" ] &&
		[ "$(modinfo -F vermagic "$ko" | cut -d' ' -f1)" = "$kver" ]; then
		ok "dkms: build for $kver"
	else
		not_ok "dkms: build for $kver"
		show "$tmp/dkms.log"
		tail -n 20 "$d/dkms/smb1fs/$version/build/make.log" 2>/dev/null |
			sed 's/^/    # /'
		return
	fi
	if "${dkms[@]}" install "smb1fs/$version" -k "$kver" --no-depmod \
		>"$tmp/dkms.log" 2>&1 &&
		[ -f "$d/lib/$kver/updates/dkms/smb1fs.ko" ] &&
		"${dkms[@]}" status 2>&1 | grep -q "^smb1fs/$version, $kver, x86_64: installed"; then
		ok "dkms: install into updates/"
	else
		not_ok "dkms: install"
		show "$tmp/dkms.log"
	fi
	if "${dkms[@]}" remove "smb1fs/$version" --all >"$tmp/dkms.log" 2>&1 &&
		[ ! -e "$d/lib/$kver/updates/dkms/smb1fs.ko" ] &&
		[ -z "$("${dkms[@]}" status 2>&1)" ]; then
		ok "dkms: remove"
	else
		not_ok "dkms: remove"
		show "$tmp/dkms.log"
	fi
	after=$(ls -A /var/lib/dkms /usr/src 2>/dev/null | sort | tr '\n' ' ')
	if [ "$before" = "$after" ] &&
		[ -z "$(find "/lib/modules/$kver" -name 'smb1fs.ko*' 2>/dev/null)" ]; then
		ok "dkms: the host's DKMS state is untouched"
	else
		not_ok "dkms: the host's DKMS state changed: '$before' -> '$after'"
	fi
}

# ---------------------------------------------------------------------
# modinfo
# ---------------------------------------------------------------------

test_modinfo() {
	local ko f val params p missing

	if [ $# = 0 ]; then
		not_ok "modinfo: no module given"
		return
	fi
	# module_param(name, ...), module_param_named(name, ...) and the like
	params=$(cat "$top"/fs/smb1fs/*.c |
		sed -n 's/.*module_param[a-z_]*([[:space:]]*\([a-z_0-9]*\).*/\1/p' | sort -u)
	for ko in "$@"; do
		if [ ! -f "$ko" ]; then
			not_ok "modinfo: $ko exists"
			continue
		fi
		missing=
		for f in description author license version; do
			val=$(modinfo -F "$f" "$ko" 2>/dev/null)
			[ -n "$val" ] || missing="$missing $f"
		done
		if [ -z "$missing" ]; then
			ok "modinfo: $ko has description, author, license and version"
		else
			not_ok "modinfo: $ko lacks:$missing"
		fi
		val=$(modinfo -F version "$ko")
		if [ "$val" = "$version" ]; then
			ok "modinfo: $ko version $val is VERSION"
		else
			not_ok "modinfo: $ko version '$val', VERSION says '$version'"
		fi
		val=$(modinfo -F license "$ko")
		case "$val" in
		GPL|"GPL v2") ok "modinfo: $ko license $val" ;;
		*) not_ok "modinfo: $ko license '$val'" ;;
		esac
		missing=
		for p in $params; do
			modinfo -F parm "$ko" | grep -q -E "^$p:.{4,}" ||
				missing="$missing $p"
		done
		if [ -z "$missing" ]; then
			ok "modinfo: $ko describes every module parameter ($(echo $params | wc -w))"
		else
			not_ok "modinfo: $ko has no description for parameter(s):$missing"
		fi
	done
}

groups=("$@")
[ ${#groups[@]} -gt 0 ] || groups=(helper man install)
case "${groups[0]}" in
modinfo)
	test_modinfo "${groups[@]:1}"
	groups=()
	;;
esac
for g in "${groups[@]}"; do
	case "$g" in
	helper) test_helper ;;
	man) test_man ;;
	install) test_install ;;
	dkms) test_dkms ;;
	*) echo "run.sh: unknown group $g (helper man install dkms modinfo)" >&2; exit 2 ;;
	esac
done
echo "1..$n"
echo "# $((n - bad)) of $n passed"
[ "$bad" = 0 ]
