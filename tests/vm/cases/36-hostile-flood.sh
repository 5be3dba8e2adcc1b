# SPDX-License-Identifier: GPL-2.0
# A hostile server, part 7: floods, silence and resets.
#
# Keepalives and unsolicited frames (oplock breaks, replies for nobody),
# however many, are dropped and the mount works; a server that sends
# nothing else fails the mount after the request timeout, as does one
# that never answers.  The scenarios that wait use timeout=5, so a
# request is given up after 5 s: a mount then fails with ETIMEDOUT; a
# CLOSE nobody waits for is given up too, so that it does not hold one
# of the server's MaxMpxCount slots for ever; a read that is never
# answered fails (or is read again) within the bound.  A mount can be
# killed while it waits.  A server that resets or closes every
# connection fails the mount with ECONNRESET.  See tests/vm/hostile.sh.
. "$SMB1FS_ROOT/tests/vm/hostile.sh"

hs_start flood-keepalive flood-unsolicited flood-forever never-reply \
	never-reply+kill keepalive-only close-never-reply read-never-reply \
	reset-always close-always

t_mount_ok flood-keepalive big
t_mount_ok flood-unsolicited big

# t_times_out NAME: the mount with timeout=5 fails after about 5 s
t_times_out() {
	hs_begin "$1"
	hs_mount timeout=5
	hs_expect_mount_fails ETIMEDOUT 15
	hs_check '[ "$HS_MS" -ge 4000 ]' "failed after $HS_MS ms, before the 5 s timeout"
	hs_expect_fcmsg 'negotiate failed: -110'
	hs_expect_kmsg 'server did not answer command 0x72 in 5 s'
	hs_end
}
t_times_out never-reply
t_times_out keepalive-only
t_times_out flood-forever

hs_begin never-reply+kill
hs_mount_killed 1
hs_check '[ "$HS_RC" = 137 ]' "mount was not killed (status $HS_RC)"
hs_check '[ "$HS_MOUNTED" = 0 ]' "mounted after all"
hs_expect_fast 3
hs_expect_kmsg 'negotiate failed: -4'
hs_end

# MaxMpxCount 2, CLOSE never answered.  Three reads of a file, each an
# open and a close: the third open has to wait until the first close is
# given up.
hs_begin close-never-reply
hs_mount timeout=5
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	for i in 1 2 3; do
		hs_do cmp "$HS_FILES/dir/a.txt" "$SMB1FS_MNT/dir/a.txt"
		hs_expect_ok
		ms[i]=$HS_MS
	done
	hs_check '[ "${ms[1]}" -lt 4000 ]' "the first read took ${ms[1]} ms"
	hs_check '[ "${ms[3]}" -ge 2000 ] && [ "${ms[3]}" -le 15000 ]' \
		"the third read took ${ms[3]} ms, not until the first close was given up"
	hs_expect_kmsg 'server did not answer command 0x04 in 5 s'
fi
hs_end

# the first READ_ANDX is never answered: the read fails with ETIMEDOUT
# or reads the pages again; either way within the bound, and never wrong
hs_begin read-never-reply
hs_mount timeout=5
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_do cmp "$HS_FILES/mid.bin" "$SMB1FS_MNT/mid.bin"
	hs_check '[ "$HS_STATUS" = ok ] || [ "$HS_STATUS" = ETIMEDOUT ]' \
		"read: $HS_OUT"
	hs_check '[ "$HS_MS" -ge 4000 ] && [ "$HS_MS" -le 20000 ]' \
		"the read took $HS_MS ms, not the 5 s timeout"
	hs_expect_kmsg 'server did not answer command 0x2e in 5 s'
	hs_works
fi
hs_end

# the reset may reach the client before its connect() has returned
t_mount_fails reset-always ECONNRESET \
	'(negotiate failed:|cannot connect to [^ ]+ port [0-9]+: error) -104'
t_mount_fails close-always ECONNRESET 'negotiate failed: -104'

hs_finish
