# SPDX-License-Identifier: GPL-2.0
# Replies that cross never move an inode back: tests/vm/relay.py holds
# the reply to a directory listing (FIND_FIRST2) for three seconds.  The
# server answered it while the file was 100 bytes long; meanwhile the
# file grows to 200 bytes on the server and a forced stat (sent after
# the listing) sees 200.  When the held listing finally arrives, its
# older view of the file must be dropped: the size stays 200.
module_load
mark=$(kmsg_mark)

rport=4647
cport=4648
d=$SMB1FS_SHARE_DIR/crossing
mkdir -p "$d"
head -c 100 /dev/zero >"$d/f"
touch -d '2020-01-01 00:00:00' "$d/f"

/usr/bin/python3 "$SMB1FS_ROOT/tests/vm/relay.py" --listen $rport \
	--server 127.0.0.1:445 --seed 1 --rate 0 --control $cport \
	--log "$SMB1FS_CASE_OUT/relay.log" >relay.out 2>&1 &
relay_pid=$!
trap 'rc=$?; umount_all; kill $relay_pid 2>/dev/null; rm -rf "$d"; (exit $rc); _finish' EXIT

smbd_listening $cport || fail "the relay's control port did not open"
exec {ctl}<>/dev/tcp/127.0.0.1/$cport || fail "cannot reach the relay"

# relay CMD: one command to the relay; its answer in $REPLY
relay() {
	printf '%s\n' "$*" >&"$ctl"
	read -r -t 10 -u "$ctl" || fail "the relay did not answer: $*"
	log "relay $*: $REPLY"
	[[ "$REPLY" == ok* ]] || fail "relay: $REPLY"
}

mnt=$SMB1FS_MNT
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$mnt" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,port=$rport,actimeo=60"
check_eq 100 "$(stat -c %s "$mnt/crossing/f")" "size before"

relay hold 3
ls -l "$mnt/crossing" >ls.out 2>&1 &
ls_pid=$!
sleep 1
head -c 100 /dev/zero >>"$d/f"
# sent after the listing, answered before it
check_eq 200 "$(stat --cached=never -c %s "$mnt/crossing/f")" "size, forced"
wait $ls_pid
check_eq 0 $? "ls -l status"
relay stats
[[ "$REPLY" == *" held=1 "* ]] || _failed "the relay held no listing: $REPLY"
check_eq 200 "$(stat --cached=always -c %s "$mnt/crossing/f")" \
	"size after the older listing arrived"
check_grep ' 200 ' ls.out

assert_ok umount "$mnt"
check_kernel_clean "$mark"
