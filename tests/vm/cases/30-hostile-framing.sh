# SPDX-License-Identifier: GPL-2.0
# A hostile server, part 1: the stream.  NetBIOS framing, the NetBIOS
# session service of port 139, the SMB header, MIDs and commands, and
# replies for requests whose waiter was killed.
#
# Every malformed frame fails the mount at once: errno EIO (ECONNRESET
# for a stream cut short), and the mount's log says which step failed
# ("negotiate failed: -5"); the kernel log says what was wrong with the
# frame.  Harmless oddities (trailing bytes, frames for nobody, a second
# reply for one MID) are ignored.  A mount or a reader can be killed
# whatever the server does: a request waiting for its reply ends at once
# and its late reply is dropped; one whose reply stopped half-way gives
# the receive thread a few seconds, then breaks the link.  (Floods,
# silence and resets are in 36-hostile-flood.)  See tests/vm/hostile.sh.
. "$SMB1FS_ROOT/tests/vm/hostile.sh"

hs_start nb-type-bad nb-type-positive nb-len-zero nb-len-short \
	nb-len-huge nb-len-huge-late nb-len-trailing nb-len-truncated \
	eof-in-nb-header eof-mid-frame reset-mid-frame keepalive-payload \
	nbss-negative=127.0.0.2:139 nbss-negative-empty=127.0.0.3:139 \
	nbss-retarget=127.0.0.4:139 nbss-bad-type=127.0.0.5:139 \
	nbss-retarget-short=127.0.0.8:139 \
	nbss-positive-payload=127.0.0.6:139 nbss-eof=127.0.0.7:139 \
	sig-bad sig-smb2 reply-flag-clear wc-beyond-frame bc-beyond-frame \
	wc-beyond-frame-late mid-unknown mid-duplicate cmd-mismatch \
	stall-mid-frame open-slow read-slow read-stall-mid-data \
	read-trickle read-eof-mid-data

# 1. NetBIOS session messages: anything but a message or a keepalive, a
# length that cannot hold a reply or exceeds what we take (refused
# before anything is allocated or read: the server sends nothing more),
# a frame cut short by EOF or a reset.
t_mount_fails nb-type-bad EIO 'negotiate failed: -5' 'unexpected NetBIOS frame type 0x42'
t_mount_fails nb-type-positive EIO 'negotiate failed: -5' 'unexpected NetBIOS frame type 0x82'
t_mount_fails nb-len-zero EIO 'negotiate failed: -5' 'bad frame length 0$'
t_mount_fails nb-len-short EIO 'negotiate failed: -5' 'bad frame length 20$'
t_mount_fails nb-len-huge EIO 'negotiate failed: -5' 'bad frame length 16777215'
# after CAP_LARGE_READX a 16 MiB frame is possible, but not as the reply
# to anything but a read: it is dropped unread, until the EOF
t_mount_fails nb-len-huge-late ECONNRESET \
	'cannot read the attributes of the share root: -104' \
	'bad reply to command 0x32 \(command 0x32, 16777215 bytes\)'
t_mount_ok nb-len-trailing
t_mount_fails nb-len-truncated EIO 'negotiate failed: -5' 'malformed reply to command 0x72'
t_mount_fails eof-in-nb-header ECONNRESET 'negotiate failed: -104'
t_mount_fails eof-mid-frame ECONNRESET 'negotiate failed: -104'
t_mount_fails reset-mid-frame ECONNRESET 'negotiate failed: -104'
t_mount_fails keepalive-payload EIO 'negotiate failed: -5' \
	'session keepalive with payload of 4 bytes'

# the NEGOTIATE reply stops in the middle: the mount is killed, and
# fails of the broken link a few seconds later
hs_begin stall-mid-frame
hs_mount_killed 1
hs_check '[ "$HS_RC" = 137 ]' "mount was not killed (status $HS_RC)"
hs_check '[ "$HS_MOUNTED" = 0 ]' "mounted after all"
hs_expect_fast 10
hs_expect_kmsg 'connection to server lost \(-104\)' 'negotiate failed: -104'
hs_end

# The NetBIOS session service of port 139, each on its own address
t_mount_fails nbss-negative ECONNREFUSED \
	'NetBIOS session refused for name \*SMBSERVER: not listening on called name \(0x80\)'
t_mount_fails nbss-negative-empty ECONNREFUSED \
	'NetBIOS session refused for name \*SMBSERVER: unspecified error \(0x8f\)'
t_mount_fails nbss-retarget ECONNREFUSED 'NetBIOS session retargeted more than once'
t_mount_fails nbss-retarget-short EIO 'malformed NetBIOS retarget response'
t_mount_fails nbss-bad-type EIO 'unexpected NetBIOS session response type 0x00'
t_mount_fails nbss-positive-payload EIO 'NetBIOS positive session response with a payload'
t_mount_fails nbss-eof ECONNRESET 'NetBIOS session request failed \(-104\)'

# 2. The SMB header: the signature (SMB2 included), the reply flag (a
# frame without it is a request from the server and is dropped: if it
# were taken as the reply, it would refuse every dialect), WordCount and
# ByteCount past the end of the frame, a frame shorter than its blocks.
t_mount_fails sig-bad EIO 'negotiate failed: -5' 'frame is not SMB1 \(signature ff 53 4d 43\)'
t_mount_fails sig-smb2 EIO 'negotiate failed: -5' 'frame is not SMB1 \(signature fe 53 4d 42\)'
t_mount_ok reply-flag-clear
t_mount_fails wc-beyond-frame EIO 'negotiate failed: -5' 'malformed reply to command 0x72'
t_mount_fails bc-beyond-frame EIO 'negotiate failed: -5' 'malformed reply to command 0x72'
t_mount_fails wc-beyond-frame-late EIO 'tree connect to .* failed: -5' \
	'malformed reply to command 0x75'

# 3. MIDs: a reply for a MID nobody waits for is dropped (it would
# refuse every dialect); a second reply for the same MID too; a reply
# whose command is not the request's fails that request.
t_mount_ok mid-unknown
t_mount_ok mid-duplicate big
t_mount_fails cmd-mismatch EIO 'negotiate failed: -5' \
	'bad reply to command 0x72 \(command 0x73, [0-9]+ bytes\)'

# a process killed while its open is on the server: it ends at once, the
# link goes on, and the file the late reply says is open is closed
hs_begin open-slow
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_killed 1 cat "$SMB1FS_MNT/slow.bin"
	hs_check '[ "$HS_RC" = 137 ]' "cat was not killed (status $HS_RC)"
	hs_expect_fast 3
	hs_works
	closed=0
	for _ in $(seq 1 50); do
		_hs_slog_read
		printf '%s\n' "${HS_SLOG[@]:HS_LOGPOS}" |
			grep -q 'close of file id .* (slow.bin)' && { closed=1; break; }
		_hs_nap 0.2
	done
	hs_check '[ "$closed" = 1 ]' "the file id of the given-up open was not closed"
fi
hs_end

# a reader killed while its read is on the server: the same
hs_begin read-slow
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_killed 1 cat "$SMB1FS_MNT/slow.bin"
	hs_check '[ "$HS_RC" = 137 ]' "cat was not killed (status $HS_RC)"
	hs_expect_fast 3
	hs_works
fi
hs_end

# a reader killed while its reply is half received: the receive thread
# gets a few seconds, then the link is broken; the mount reconnects and
# works on
hs_begin read-stall-mid-data
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_killed 1 cat "$SMB1FS_MNT/big.bin"
	hs_check '[ "$HS_RC" = 137 ]' "cat was not killed (status $HS_RC)"
	hs_expect_fast 8
	hs_do read "$SMB1FS_MNT/hello.txt"
	hs_expect_ok
	hs_expect_kmsg 'connection to server lost' 'reconnected to'
fi
hs_end

# a reader killed while its reply trickles in straight into its page
# (the readahead of that one page failed, so the reader reads it itself
# and waits): the receive thread stops filling the page, drops the rest
# of the reply as it comes, and the link goes on for everybody else
hs_begin read-trickle
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_killed 1 /usr/bin/python3 -c 'import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY)
os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_RANDOM)
os.pread(fd, 4096, 8192)' "$SMB1FS_MNT/big.bin"
	hs_check '[ "$HS_RC" = 137 ]' "the reader was not killed (status $HS_RC)"
	hs_expect_fast 2
	hs_works
	hs_expect_no_kmsg 'connection to server lost'
	hs_check '[ "$(smb1fs_stat reconnects)" = 0 ]' "the link was broken"
fi
hs_end

# 1. EOF in the middle of a data read, again on every new connection:
# after a few reconnects the read fails
t_read_fails read-eof-mid-data big.bin EIO 'connection to server lost \(-104\)' \
	'reconnected to'

hs_finish
