# SPDX-License-Identifier: GPL-2.0
# A hostile server, part 2: NEGOTIATE replies.  A dialect we did not
# offer, a reply of the wrong shape or a challenge that is not 8 bytes
# fails the mount with a message; limits that make no sense are clamped;
# the server's domain name is only a hint.  See tests/vm/hostile.sh.
# kmemleak: yes
. "$SMB1FS_ROOT/tests/vm/hostile.sh"

hs_start neg-dialect-oob neg-dialect-none neg-lanman neg-wc-0 neg-wc-16 \
	neg-wc-18 neg-chal-len-16 neg-chal-past-data neg-bc-0 neg-maxbuf-0 \
	neg-maxbuf-1023 neg-maxbuf-huge neg-maxbuf-huge-small-reads \
	neg-maxbuf-2048 \
	neg-maxmpx-0 neg-plaintext neg-extsec neg-signing \
	neg-domain-unterminated neg-domain-bad-utf16 neg-domain-long

# The dialect index and the shape of the reply
t_mount_fails neg-dialect-oob EIO 'malformed negotiate reply'
t_mount_fails neg-dialect-none EPROTONOSUPPORT 'server does not speak NT LM 0.12; for a LAN Manager server mount with sec=ntlm \(or sec=lanman if it takes only LM\)'
# a LAN Manager reply to an offer of NT LM 0.12 alone
t_mount_fails neg-lanman EIO 'malformed negotiate reply'
t_mount_fails neg-wc-0 EIO 'malformed negotiate reply'
t_mount_fails neg-wc-16 EIO 'malformed negotiate reply'
t_mount_fails neg-wc-18 EIO 'malformed negotiate reply'

# The challenge: exactly 8 bytes, inside the data
t_mount_fails neg-chal-len-16 EIO 'malformed negotiate reply'
t_mount_fails neg-chal-past-data EIO 'malformed negotiate reply'
t_mount_fails neg-bc-0 EIO 'malformed negotiate reply'

# MaxBufferSize and MaxMpxCount: too small is refused, too large and
# zero are clamped (reads then honour the clamped sizes)
t_mount_fails neg-maxbuf-0 EIO 'server buffer size 0 is too small'
t_mount_fails neg-maxbuf-1023 EIO 'server buffer size 1023 is too small'
t_mount_ok neg-maxbuf-huge big
t_mount_ok neg-maxbuf-huge-small-reads big
t_mount_ok neg-maxmpx-0 big
# a buffer smaller than a page: readahead reads each page in parts, all
# sent ahead (many in flight), and the data is right
hs_begin neg-maxbuf-2048
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_works big
	hs_do cmp "$HS_FILES/big.bin" "$HS_DIR/big.bin"
	hs_expect_ok
	# a page read by itself has one READ_ANDX on the wire at a time
	inflight=$(smb1fs_stat max_inflight "$HS_DIR")
	echo "# at most ${inflight:-?} requests in flight"
	hs_check '[ "${inflight:-0}" -ge 8 ]' \
		"no reads sent ahead (at most ${inflight:-?} in flight)"
fi
hs_end

# What we do not support
t_mount_fails neg-plaintext EOPNOTSUPP 'server asks for the password in plain text; mount with sec=plaintext to allow it'
# extended security: taken by default (this server then answers the
# NTLMSSP negotiate with a reply that carries none), refused when sec=
# asks for a raw login or there is no user to log in
t_mount_fails neg-extsec EIO 'malformed session setup reply'
hs_begin neg-extsec
hs_mount sec=ntlmv2
hs_expect_mount_fails EOPNOTSUPP 15
hs_expect_fcmsg 'server insists on extended security \(NTLMSSP\); mount with sec=ntlmssp or without sec='
hs_end
hs_begin neg-extsec
hs_mount guest,vers=nt1
hs_expect_mount_fails EOPNOTSUPP 15
hs_expect_fcmsg 'server insists on extended security, which smb1fs does not do for guest or anonymous logins; give username='
hs_end
# signing required, but no reply signed: the first reply after the login
# fails its check
t_mount_fails neg-signing EIO 'tree connect to .* failed: -5' \
	'bad signature on the reply to command 0x75'

# The domain name: an unterminated or invalid one is taken as far as it
# goes or ignored; one too long for a session setup request fails there.
t_mount_ok neg-domain-unterminated
t_mount_ok neg-domain-bad-utf16
t_mount_fails neg-domain-long EMSGSIZE 'user or domain name cannot be encoded'

hs_finish
