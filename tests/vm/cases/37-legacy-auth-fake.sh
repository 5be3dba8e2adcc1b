# SPDX-License-Identifier: GPL-2.0
# Plain-text passwords and share-level security, which Samba no longer
# offers: the fake server (tests/vm/fakesrv.py) checks the password
# fields byte for byte.  A user-level server that asks for plain text gets
# the password only with sec=plaintext; a share-level one gets the share
# password (sharepass=) in plain text, again in capitals when refused, or
# as its LM response.  See tests/vm/hostile.sh.
. "$SMB1FS_ROOT/tests/vm/hostile.sh"

hs_start user-plaintext share-plaintext share-lm

# t_mount_opts NAME OPTIONS: the mount with OPTIONS works and reads.
t_mount_opts() {
	hs_begin "$1"
	hs_mount "$2"
	hs_expect_mount_ok
	[ "$HS_MOUNTED" = 1 ] && hs_works
	hs_end
}

t_mount_opts user-plaintext sec=plaintext
t_mount_fails user-plaintext EOPNOTSUPP \
	'server asks for the password in plain text; mount with sec=plaintext to allow it'
t_mount_opts share-plaintext sec=plaintext,sharepass=secret
t_mount_opts share-lm sec=lanman,sharepass=secret
# without sec=lanman the share password is not sent
hs_begin share-lm
hs_mount sharepass=secret
hs_expect_mount_fails EOPNOTSUPP 15
hs_expect_fcmsg 'share-level security takes only the LM response; mount with sec=lanman to allow it'
hs_end
hs_finish
