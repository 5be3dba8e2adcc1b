# SPDX-License-Identifier: GPL-2.0
# A hostile server, part 1: the stream.  NetBIOS framing, the NetBIOS
# session service, the SMB header, MIDs and commands, floods, silence,
# stalls and resets.
#
# Every malformed frame fails the mount at once with a message; harmless
# oddities (trailing bytes, frames for nobody, keepalives, however many)
# are ignored.  A server that never answers (silent, or sending only
# keepalives) fails the mount after the request timeout (60 s, fixed);
# CLOSEs it never answers (nobody waits for them) are given up after that
# timeout too, so that they do not hold the server's MaxMpxCount slots
# for ever, and so is a readahead it never answers (its pages are then
# read again).  Those four tests run in the background while the others
# go on.  A mount or a reader can be killed whatever the server does: a
# request waiting for its reply ends at once and its late reply is
# dropped; one whose reply stopped half-way gives the receive thread a
# few seconds, then breaks the link; a reader waiting for a readahead
# leaves at once and the readahead completes without it.  See
# tests/vm/hostile.sh.
. "$SMB1FS_ROOT/tests/vm/hostile.sh"

hs_start never-reply keepalive-only close-never-reply read-never-reply \
	nb-type-bad nb-type-positive nb-len-zero nb-len-short \
	nb-len-huge nb-len-huge-late nb-len-trailing nb-len-truncated \
	eof-in-nb-header eof-mid-frame reset-mid-frame keepalive-payload \
	nbss-negative=127.0.0.2:139 nbss-negative-empty=127.0.0.3:139 \
	nbss-retarget=127.0.0.4:139 nbss-bad-type=127.0.0.5:139 \
	nbss-positive-payload=127.0.0.6:139 nbss-eof=127.0.0.7:139 \
	sig-bad sig-smb2 reply-flag-clear wc-beyond-frame bc-beyond-frame \
	wc-beyond-frame-late mid-unknown mid-duplicate cmd-mismatch \
	never-reply+kill stall-mid-frame open-slow read-slow \
	read-stall-mid-data read-eof-mid-data flood-keepalive \
	flood-unsolicited flood-forever reset-always close-always

# close-never-reply: MaxMpxCount 2, CLOSE never answered.  Three reads of
# a file, each an open and a close: the third open has to wait until the
# first close is given up.
bg_close_never_reply() {
	local src=$1 mnt=$2 opts=$3 i t0
	busybox mount -t smb1fs "$src" "$mnt" -o "$opts" || return
	for i in 1 2 3; do
		t0=${EPOCHREALTIME/./}
		busybox timeout -s KILL 150 cat "$mnt/dir/a.txt" >/dev/null ||
			echo "cat $i failed"
		_hs_ms_since "$t0"
		echo "cat $i: $HS_MS ms"
	done
	busybox timeout -s KILL 150 busybox umount "$mnt"
}

# read-never-reply: the first READ_ANDX is never answered.
bg_read_never_reply() {
	local src=$1 mnt=$2 opts=$3 t0
	busybox mount -t smb1fs "$src" "$mnt" -o "$opts" || return
	t0=${EPOCHREALTIME/./}
	busybox timeout -s KILL 150 busybox cmp "$HS_FILES/mid.bin" "$mnt/mid.bin" ||
		echo "cmp failed"
	_hs_ms_since "$t0"
	echo "cmp: $HS_MS ms"
	busybox timeout -s KILL 150 busybox umount "$mnt"
}

hs_bg_start never-reply
hs_bg_start keepalive-only
hs_bg_start close-never-reply bg_close_never_reply
hs_bg_start read-never-reply bg_read_never_reply

# NetBIOS session messages: anything but a message or a keepalive, a
# length that cannot hold a reply or exceeds what we take (refused before
# anything is allocated or read: the server sends nothing more), a frame
# cut short by EOF or a reset.
t_mount_fails nb-type-bad EIO 'unexpected NetBIOS frame type 0x42' 'negotiate failed: -5'
t_mount_fails nb-type-positive EIO 'unexpected NetBIOS frame type 0x82' 'negotiate failed: -5'
t_mount_fails nb-len-zero EIO 'bad frame length 0$' 'negotiate failed: -5'
t_mount_fails nb-len-short EIO 'bad frame length 20$' 'negotiate failed: -5'
t_mount_fails nb-len-huge EIO 'bad frame length 16777215' 'negotiate failed: -5'
# after CAP_LARGE_READX a 16 MiB frame is possible, but not as the reply
# to anything but a read: it is dropped unread, until the EOF
t_mount_fails nb-len-huge-late ECONNRESET \
	'bad reply to command 0x32 \(command 0x32, 16777215 bytes\)' \
	'cannot read the attributes of the share root: -104'
t_mount_ok nb-len-trailing
t_mount_fails nb-len-truncated EIO 'malformed reply to command 0x72' 'negotiate failed: -5'
t_mount_fails eof-in-nb-header ECONNRESET 'negotiate failed: -104'
t_mount_fails eof-mid-frame ECONNRESET 'negotiate failed: -104'
t_mount_fails reset-mid-frame ECONNRESET 'negotiate failed: -104'
t_mount_fails keepalive-payload EIO 'session keepalive with payload of 4 bytes' \
	'negotiate failed: -5'

# The NetBIOS session service of port 139, each on its own address
t_mount_fails nbss-negative ECONNREFUSED \
	'NetBIOS session refused for name \*SMBSERVER: not listening on called name \(0x80\)'
t_mount_fails nbss-negative-empty ECONNREFUSED \
	'NetBIOS session refused for name \*SMBSERVER: unspecified error \(0x8f\)'
t_mount_fails nbss-retarget ECONNREFUSED 'NetBIOS session retargeted by the server'
t_mount_fails nbss-bad-type EIO 'unexpected NetBIOS session response type 0x00'
t_mount_fails nbss-positive-payload EIO 'NetBIOS positive session response with a payload'
t_mount_fails nbss-eof ECONNRESET 'NetBIOS session request failed \(-104\)'

# The SMB header: the signature (SMB2 included), the reply flag (a frame
# without it is a request from the server and is dropped: if it were
# taken as the reply, it would refuse every dialect), WordCount and
# ByteCount past the end of the frame.
t_mount_fails sig-bad EIO 'frame is not SMB1 \(signature ff 53 4d 43\)' 'negotiate failed: -5'
t_mount_fails sig-smb2 EIO 'frame is not SMB1 \(signature fe 53 4d 42\)' 'negotiate failed: -5'
t_mount_ok reply-flag-clear
t_mount_fails wc-beyond-frame EIO 'malformed reply to command 0x72' 'negotiate failed: -5'
t_mount_fails bc-beyond-frame EIO 'malformed reply to command 0x72' 'negotiate failed: -5'
t_mount_fails wc-beyond-frame-late EIO 'malformed reply to command 0x75' \
	'tree connect to .* failed: -5'

# MIDs: a reply for a MID nobody waits for is dropped (it would refuse
# every dialect); a second reply for the same MID too; a reply whose
# command is not the request's fails that request.
t_mount_ok mid-unknown
t_mount_ok mid-duplicate big
t_mount_fails cmd-mismatch EIO 'bad reply to command 0x72 \(command 0x73, [0-9]+ bytes\)' \
	'negotiate failed: -5'

# Kills, stalls, floods and resets
hs_begin never-reply+kill
hs_mount_killed 1
hs_check '[ "$HS_RC" = 137 ]' "mount was not killed (status $HS_RC)"
hs_check '[ "$HS_MOUNTED" = 0 ]' "mounted after all"
hs_expect_fast 2
hs_expect_kmsg 'negotiate failed: -4'
hs_end

# the NEGOTIATE reply stops in the middle: the mount is killed, and
# fails of the broken link
hs_begin stall-mid-frame
hs_mount_killed 1
hs_check '[ "$HS_RC" = 137 ]' "mount was not killed (status $HS_RC)"
hs_check '[ "$HS_MOUNTED" = 0 ]' "mounted after all"
hs_expect_fast 10
hs_expect_kmsg 'connection to server lost \(-104\)' 'negotiate failed: -104'
hs_end

# a process killed while its open is on the server: it ends at once, the
# late reply is dropped, the link goes on
hs_begin open-slow
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_killed 1 cat "$SMB1FS_MNT/slow.bin"
	hs_check '[ "$HS_RC" = 137 ]' "cat was not killed (status $HS_RC)"
	hs_expect_fast 2
	hs_works
fi
hs_end

# a reader killed while its readahead is on the server: the same
hs_begin read-slow
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_killed 1 cat "$SMB1FS_MNT/slow.bin"
	hs_check '[ "$HS_RC" = 137 ]' "cat was not killed (status $HS_RC)"
	hs_expect_fast 2
	hs_works
fi
hs_end

# a reader killed while its reply is half received; the server then
# resets the connection
hs_begin read-stall-mid-data
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_killed 1 cat "$SMB1FS_MNT/big.bin"
	hs_check '[ "$HS_RC" = 137 ]' "cat was not killed (status $HS_RC)"
	hs_expect_fast 2
	hs_do read "$SMB1FS_MNT/hello.txt"
	hs_expect_fails ECONNRESET
	hs_expect_kmsg 'connection to server lost \(-104\)'
fi
hs_end

t_read_fails read-eof-mid-data big.bin ECONNRESET 'connection to server lost \(-104\)'

t_mount_ok flood-keepalive big
t_mount_ok flood-unsolicited big

hs_begin flood-forever
hs_mount_killed 3
hs_check '[ "$HS_RC" = 137 ]' "mount was not killed (status $HS_RC)"
hs_check '[ "$HS_MOUNTED" = 0 ]' "mounted after all"
hs_expect_fast 5
hs_expect_kmsg 'negotiate failed: -4'
hs_end

t_mount_fails reset-always ECONNRESET 'negotiate failed: -104'
t_mount_fails close-always ECONNRESET 'negotiate failed: -104'

for s in never-reply keepalive-only; do
	hs_bg_finish $s
	hs_expect_mount_fails ETIMEDOUT
	hs_check '[ "$HS_MS" -ge 55000 ] && [ "$HS_MS" -le 90000 ]' \
		"failed after $HS_MS ms, not after the 60 s timeout"
	hs_expect_kmsg 'server did not answer command 0x72 in 60 s' 'negotiate failed: -110'
	hs_end
done

hs_bg_finish close-never-reply
hs_expect_ok
hs_check '[[ "$HS_OUT" != *failed* ]]' "a read failed"
hs_check '[[ "$HS_OUT" =~ "cat 1: "([0-9]+)" ms" ]] && [ "${BASH_REMATCH[1]}" -lt 10000 ]' \
	"the first read was not quick"
hs_check '[[ "$HS_OUT" =~ "cat 3: "([0-9]+)" ms" ]] && [ "${BASH_REMATCH[1]}" -ge 45000 ] &&
	[ "${BASH_REMATCH[1]}" -le 90000 ]' "the third read did not wait for the timeout"
hs_expect_kmsg 'server did not answer command 0x04 in 60 s'
hs_end

hs_bg_finish read-never-reply
hs_expect_ok
hs_check '[[ "$HS_OUT" != *failed* ]]' "the read failed"
hs_check '[[ "$HS_OUT" =~ "cmp: "([0-9]+)" ms" ]] && [ "${BASH_REMATCH[1]}" -ge 45000 ] &&
	[ "${BASH_REMATCH[1]}" -le 90000 ]' "the read did not wait for the timeout"
hs_expect_kmsg 'server did not answer command 0x2e in 60 s'
hs_end

hs_finish
