# SPDX-License-Identifier: GPL-2.0
# A man in the middle of a signed session: tests/vm/relay.py between
# smb1fs and an smbd with "server signing = mandatory", steered through
# its control port.
#  1. A forged error: the relay answers the lookup of a name with a
#     bare 32-byte header carrying the request's MID and command and
#     STATUS_OBJECT_NAME_NOT_FOUND, unsigned, ahead of the server's
#     reply.  smb1fs must not take it: no ENOENT, no negative dentry.
#     Refused as a bad signature, it costs a reconnect and the lookup
#     is answered on the new connection; forged every time, the lookup
#     fails with EIO once the soft mount's three sends, each on a new
#     connection, were refused.
#  2. A downgrade: the relay cuts the connection and clears the signing
#     bits (enabled, required) in the next negotiate replies, or makes
#     the login of the reconnect a guest one.  The mount must not go on
#     unsigned: no request after the new login unsigned (the relay
#     counts them), lookups fail with EIO, the kernel log says why, the
#     mount stays; once the relay leaves the replies alone, the next
#     attempt reconnects, signed again.
module_load
mark=$(kmsg_mark)

base=/tmp/smb-sign-mitm
port=4447
rport=4547
cport=4548
exp=$base/export
mkdir -p "$exp"
chmod 755 "$base" "$exp"
for f in target target2 down1 down2 down3 guest1 guest2 guest3; do
	printf '%s\n' "$f" >"$exp/$f.txt"
done

extra_smbd "$base" "$port" signed <<EOF ||
	workgroup = WORKGROUP
	netbios name = SIGNMITM
	server min protocol = NT1
	server max protocol = NT1
	server signing = mandatory
EOF
	fail "smbd did not start or listen"

/usr/bin/python3 "$SMB1FS_ROOT/tests/vm/relay.py" --listen $rport \
	--server 127.0.0.1:$port --seed 1 --rate 0 --control $cport \
	--log "$SMB1FS_CASE_OUT/relay.log" >relay.out 2>&1 &
relay_pid=$!
trap 'rc=$?; umount_all; kill $relay_pid 2>/dev/null; smbd_stop "$base"; (exit $rc); _finish' EXIT

smbd_listening $cport || fail "the relay's control port did not open"
exec {ctl}<>/dev/tcp/127.0.0.1/$cport || fail "cannot reach the relay"

# relay CMD: one command to the relay; its answer in $REPLY
relay() {
	echo "relay: $*"
	printf '%s\n' "$*" >&"$ctl"
	read -r -t 10 -u "$ctl" || fail "the relay did not answer: $*"
	echo "  $REPLY"
	[[ "$REPLY" == ok* ]] || fail "relay: $REPLY"
}

# relay_count NAME: one counter of the relay's stats, in $COUNT
relay_count() {
	relay stats
	[[ " $REPLY " =~ \ $1=([0-9]+)\  ]] || fail "no $1 in the stats"
	COUNT=${BASH_REMATCH[1]}
}

# try_stat FILE: its size, or the error (strerror) in $STAT
try_stat() {
	STAT=$(stat -c %s "$1" 2>&1)
	STAT=${STAT##*: }
	log "stat $1: $STAT"
}

# wait_kmsg REGEX SECONDS: until the kernel logs it since $mark
wait_kmsg() {
	local i
	for ((i = 0; i < $2 * 2; i++)); do
		dmesg_since "$mark" | grep -q -E -e "$1" && return 0
		sleep 0.5
	done
	_failed "no kernel message /$1/ within $2 s"
	return 1
}

# wait_stat_ok FILE SECONDS: until its lookup works again
wait_stat_ok() {
	local i
	for ((i = 0; i < $2 * 2; i++)); do
		try_stat "$1"
		[[ "$STAT" =~ ^[0-9]+$ ]] && return 0
		sleep 0.5
	done
	_failed "$1 still not found after $2 s: $STAT"
	return 1
}

mnt=$SMB1FS_MNT
assert_ok mount -t smb1fs //127.0.0.1/signed "$mnt" \
	-o "username=u,password=p,port=$rport,timeout=10,actimeo=30"
assert_grep "^//127.0.0.1/signed $mnt smb1fs .*,sign" /proc/self/mounts

# 1a. one forged "not found": refused, the lookup answered after all
relay forge target.txt 1
try_stat "$mnt/target.txt"
check_eq 7 "$STAT" "size of target.txt after one forged error"
try_stat "$mnt/target.txt"
check_eq 7 "$STAT" "size of target.txt, looked up again"
relay_count forged
check_eq 1 "$COUNT" "forged errors sent"
wait_kmsg 'smb1fs: bad signature on the reply to command 0x32' 10

# 1b. forged every time: EIO, and nothing cached.  Each of the three
# sends a soft mount makes goes out on a new connection (none on the one
# that is being dropped) and has its forged reply refused.
m1b=$(kmsg_mark)
relay forge target2.txt -1
try_stat "$mnt/target2.txt"
check_eq "Input/output error" "$STAT" "lookup of target2.txt, always forged"
check_eq 3 "$(dmesg_since "$m1b" | grep -c 'bad signature on the reply to command 0x32')" \
	"forged replies refused"
relay forge target2.txt 0
wait_stat_ok "$mnt/target2.txt" 30
check_eq 8 "$STAT" "size of target2.txt without forgery"
check_grep "^//127.0.0.1/signed $mnt smb1fs .*,sign" /proc/self/mounts
relay_count unsigned
check_eq 0 "$COUNT" "unsigned requests after a login"

# 2a. signing stripped from the negotiate replies after a cut
relay strip on
relay cut
wait_kmsg 'smb1fs: reconnect refused: the server no longer offers message signing, and this mount signed' 30
try_stat "$mnt/down1.txt"
check_eq "Input/output error" "$STAT" "lookup while the server does not sign"
try_stat "$mnt/down2.txt"
check_eq "Input/output error" "$STAT" "another lookup while the server does not sign"
check_grep "^//127.0.0.1/signed $mnt smb1fs " /proc/mounts
check_no_grep "^//127.0.0.1/signed $mnt smb1fs .*,sign" /proc/self/mounts
relay_count unsigned
check_eq 0 "$COUNT" "unsigned requests after a login"
relay_count stripped
[ "$COUNT" -ge 1 ] || _failed "no negotiate reply stripped"
reconnects=$(smb1fs_stat reconnects)
relay strip off
wait_stat_ok "$mnt/down3.txt" 30
check_eq 6 "$STAT" "size of down3.txt once signing is back"
check_grep "^//127.0.0.1/signed $mnt smb1fs .*,sign" /proc/self/mounts
check_eq $((reconnects + 1)) "$(smb1fs_stat reconnects)" "reconnects"

# 2b. the login after a cut made a guest one
relay guest on
relay cut
wait_kmsg 'smb1fs: reconnect refused: the server logged this mount in as a guest, which is not signed, and this mount signed' 30
try_stat "$mnt/guest1.txt"
check_eq "Input/output error" "$STAT" "lookup after a guest login"
check_grep "^//127.0.0.1/signed $mnt smb1fs " /proc/mounts
relay_count unsigned
check_eq 0 "$COUNT" "unsigned requests after a login"
relay_count guest
[ "$COUNT" -ge 1 ] || _failed "no login made a guest one"
relay guest off
wait_stat_ok "$mnt/guest2.txt" 30
check_eq 7 "$STAT" "size of guest2.txt once the login is a user's again"
check_grep "^//127.0.0.1/signed $mnt smb1fs .*,sign" /proc/self/mounts

check_ok umount "$mnt"
relay_count unsigned
check_eq 0 "$COUNT" "unsigned requests after a login"
kill $relay_pid 2>/dev/null
wait $relay_pid 2>/dev/null
smbd_stop "$base"
check_kernel_clean "$mark"
