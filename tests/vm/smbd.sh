# SPDX-License-Identifier: GPL-2.0
# Start Samba as the reference SMB1 (NT1) server inside the test VM.
# Sourced by run-cases.sh, guest-demo.sh and lib.sh; call smbd_start.
#
# Authentication and signing are Samba's own defaults (NTLMv2 only, in
# NTLMSSP; signing allowed, not required), as a NAS with SMB1 switched on
# has them: only the protocol range, the guest mapping of the guest share
# and the shares are set.
#
# Everything lives under $SMB1FS_SMB_BASE (default /tmp/smb): config,
# state, logs and the two exported directories.  smbd listens on
# 127.0.0.1 only.  Exports (read-only):
#   share  $SMB1FS_SHARE_DIR, user u, password p
#   guest  $SMB1FS_GUEST_DIR, guest access
# Sample files are generated in both (see smbd_fixtures); cases may add
# their own files to the directories before mounting.  The large test
# tree of tests/vm/mktree.sh, when the host has generated it
# (tools/vm/fixtures.sh), appears as $SMB1FS_SHARE_DIR/tree (not with
# SMB1FS_NO_TREE=1; the light variant with SMB1FS_TREE=light).

SMB1FS_SMBD_SH=${BASH_SOURCE[0]}

smbd_fixtures() {
	local d=$SMB1FS_SHARE_DIR i
	printf 'Hello from the smb1fs test share.\n' >"$d/hello.txt"
	: >"$d/empty.txt"
	seq 1 20000 >"$d/numbers.txt"
	head -c 1048576 /dev/urandom >"$d/random-1M.bin"
	head -c 100000 /dev/urandom >"$d/random-100k.bin"
	mkdir -p "$d/dir/sub"
	for i in 1 2 3 4 5; do
		printf 'file %s\n' "$i" >"$d/dir/file$i.txt"
	done
	printf 'deep\n' >"$d/dir/sub/deep.txt"
	printf 'with spaces\n' >"$d/name with spaces.txt"
	(cd "$d" && find . -type f ! -name SHA256SUMS -print0 | sort -z |
		xargs -0 sha256sum >SHA256SUMS)
	printf 'Hello from the smb1fs guest share.\n' >"$SMB1FS_GUEST_DIR/readme.txt"
}

# Bind-mount the tree the host generated, if it matches mktree.sh.
smbd_host_tree() {
	local root gen key fx
	root=$(cd "$(dirname "$SMB1FS_SMBD_SH")/../.." && pwd)
	gen=$root/tests/vm/mktree.sh
	[ -f "$gen" ] && [ "${SMB1FS_NO_TREE:-0}" != 1 ] || return 0
	key=$(sha256sum "$gen" | cut -c1-16)
	fx=$root/build/fixtures/tree-$key
	[ "${SMB1FS_TREE:-full}" = light ] && fx=$root/build/fixtures/tree-light-$key
	[ -e "$fx/.tree-complete" ] || return 0
	mkdir -p "$SMB1FS_SHARE_DIR/tree"
	mount --bind "$fx" "$SMB1FS_SHARE_DIR/tree"
}

# smbd_dirs BASE: the state and log directories of an smbd under BASE.
smbd_dirs() {
	mkdir -p "$1"/lock "$1"/state "$1"/cache "$1"/private "$1"/pid \
		"$1"/ncalrpc "$1"/log
}

# smbd_conf_common BASE PORTS: the [global] lines every test smbd has:
# loopback only, on PORTS, no printing, its state and logs under BASE.
smbd_conf_common() {
	cat <<EOF
	server role = standalone server
	interfaces = lo
	bind interfaces only = yes
	smb ports = $2
	load printers = no
	printing = bsd
	printcap name = /dev/null
	disable spoolss = yes
	passdb backend = tdbsam
	lock directory = $1/lock
	state directory = $1/state
	cache directory = $1/cache
	private dir = $1/private
	pid directory = $1/pid
	ncalrpc dir = $1/ncalrpc
	log file = $1/log/log.%m
	max log size = 0
	log level = 1
EOF
}

# smbd_listening PORT: wait (up to 20 s) until smbd listens on
# 127.0.0.1:PORT.  Reads /proc/net/tcp in the shell itself: on the debug
# kernel every process started costs about half a second.
smbd_listening() {
	local want laddr st i
	printf -v want '0100007F:%04X' "$1"
	for ((i = 0; i < 200; i++)); do
		while read -r _ laddr _ st _; do
			[ "$laddr" = "$want" ] && [ "$st" = 0A ] && return 0
		done </proc/net/tcp
		sleep 0.1
	done
	return 1
}

smbd_start() {
	local base=${SMB1FS_SMB_BASE:-/tmp/smb}
	export SMB1FS_SERVER=127.0.0.1
	export SMB1FS_USER=u SMB1FS_PASS=p
	export SMB1FS_SHARE=//127.0.0.1/share SMB1FS_GUEST=//127.0.0.1/guest
	# the same tree, writable: what another client changes under us
	export SMB1FS_RW_SHARE=//127.0.0.1/rw
	export SMB1FS_SHARE_DIR=$base/export/share
	export SMB1FS_GUEST_DIR=$base/export/guest
	export SMB1FS_SMBCONF=$base/smb.conf

	smbd_dirs "$base"
	mkdir -p "$SMB1FS_SHARE_DIR" "$SMB1FS_GUEST_DIR"
	chmod 755 "$base" "$base/export" "$SMB1FS_SHARE_DIR" "$SMB1FS_GUEST_DIR"

	cat >"$SMB1FS_SMBCONF" <<EOF
[global]
	workgroup = WORKGROUP
	netbios name = SMB1FSVM
	server min protocol = NT1
	client min protocol = NT1
	map to guest = Bad User
	guest account = nobody
$(smbd_conf_common "$base" '445 139')

[share]
	path = $SMB1FS_SHARE_DIR
	read only = yes
	guest ok = no
	valid users = u

[rw]
	path = $SMB1FS_SHARE_DIR
	read only = no
	guest ok = no
	valid users = u

[guest]
	path = $SMB1FS_GUEST_DIR
	read only = yes
	guest ok = yes
EOF

	smbd_fixtures
	smbd_host_tree

	id u >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin u || return 1
	if ! printf 'p\np\n' | smbpasswd -c "$SMB1FS_SMBCONF" -s -a u \
		>"$base/log/smbpasswd.log" 2>&1; then
		cat "$base/log/smbpasswd.log" >&2
		return 1
	fi

	smbd -D -s "$SMB1FS_SMBCONF" || return 1
	smbd_listening 445 && return 0
	echo "smbd did not start listening on 127.0.0.1:445" >&2
	cat "$base"/log/* >&2 2>/dev/null
	return 1
}

# smbd_stop [BASE]: stop the smbd whose state is under BASE (default: the
# one smbd_start started).
smbd_stop() {
	local base=${1:-${SMB1FS_SMB_BASE:-/tmp/smb}} pid i
	{ read -r pid || [ -n "$pid" ]; } 2>/dev/null <"$base/pid/smbd.pid" ||
		return 0
	kill "$pid" 2>/dev/null
	for ((i = 0; i < 50; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null
	rm -f "$base/pid/smbd.pid"
	return 0
}
