# SPDX-License-Identifier: GPL-2.0
# Message signing against the fake server, which requires it and signs
# and checks with an implementation of its own (tests/vm/fakesrv.py):
# with NTLMv1 the mount lists and reads files, the server finds every
# request's MAC right and smb1fs every reply's; a reply changed after
# it was signed fails with EIO and ends the connection, after which
# the mount reconnects.  A bare 32-byte error header is taken for the
# error it carries only with the right MAC: signed, a "not found" is
# ENOENT; unsigned, ahead of the real reply, it is refused as a bad
# signature and the lookup answered on a new connection.  A reconnect
# to a server that no longer signs is refused: the read fails with EIO
# and the kernel log says why.  See tests/vm/hostile.sh.
. "$SMB1FS_ROOT/tests/vm/hostile.sh"

hs_start signing sign-flip sign-bare sign-bare-forged sign-downgrade

hs_begin signing
hs_mount sec=ntlm
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_works big
	hs_do cmp "$HS_FILES/big.bin" "$HS_DIR/big.bin"
	hs_expect_ok
fi
hs_expect_no_kmsg 'bad signature'
hs_end

hs_begin sign-flip
hs_mount sec=ntlm
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_do read "$HS_DIR/hello.txt"
	hs_expect_fails EIO
	# the connection was dropped; the mount dials again, logs in again
	# with a fresh signing state, and the listing (not tampered with)
	# works on the new connection
	hs_do ls "$HS_DIR/dir"
	hs_expect_ok
fi
hs_expect_kmsg 'bad signature on the reply to command 0x2d'
hs_end

hs_begin sign-bare
hs_mount sec=ntlm
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_do stat "$HS_DIR/gone.txt"
	hs_expect_fails ENOENT
	hs_do stat "$HS_DIR/hello.txt"
	hs_expect_ok
fi
hs_expect_no_kmsg 'bad signature'
hs_end

hs_begin sign-bare-forged
hs_mount sec=ntlm
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	# refused, the connection dropped; asked again on the next one
	hs_do stat "$HS_DIR/hello.txt"
	hs_expect_ok
	hs_check '[ "$HS_OUT" = ${#HS_HELLO} ]' "hello.txt has size $HS_OUT"
fi
hs_expect_kmsg 'bad signature on the reply to command 0x32'
hs_end

hs_begin sign-downgrade
hs_mount sec=ntlm
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_do read "$HS_DIR/hello.txt"
	hs_expect_fails EIO
	hs_do stat "$HS_DIR/mid.bin"
	hs_expect_fails EIO
fi
hs_expect_kmsg 'reconnect refused: the server no longer offers message signing, and this mount signed'
hs_end

check_no_grep 'bad client signature' "$HS_LOG"
hs_finish
