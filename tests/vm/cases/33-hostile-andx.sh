# SPDX-License-Identifier: GPL-2.0
# A hostile server, part 4: AndX chains.  smb1fs chains nothing to
# SESSION_SETUP_ANDX or TREE_CONNECT_ANDX: chains in their replies,
# however wild, are ignored.  It chains a READ_ANDX to the OPEN_ANDX of a
# small file (hello.txt): the reply's chain is followed exactly one hop,
# which must go forward and stay in the frame, to a READ_ANDX whose data
# lies in its own block and is no more than asked.  Anything else is
# taken for a server that does not read in the open: the data is read
# with a READ_ANDX of its own, and is right.  See tests/vm/hostile.sh.
# kmemleak: yes
. "$SMB1FS_ROOT/tests/vm/hostile.sh"

hs_start andx-unasked-back andx-unasked-wild andx-open-into-header andx-open-self \
	andx-open-backwards andx-open-past-frame andx-open-endless \
	andx-open-wrong-cmd andx-open-read-doff andx-open-read-dlen

t_mount_ok andx-unasked-back
t_mount_ok andx-unasked-wild

for s in andx-open-into-header andx-open-self andx-open-backwards \
	andx-open-past-frame andx-open-wrong-cmd andx-open-read-doff \
	andx-open-read-dlen; do
	t_read_ok $s hello.txt 'server does not read in the open request; reading separately'
done
# the READ_ANDX chains back to the start: not followed, the chained
# data is taken
hs_begin andx-open-endless
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_do cmp "$HS_FILES/hello.txt" "$SMB1FS_MNT/hello.txt"
	hs_expect_ok
	hs_expect_no_kmsg 'server does not read in the open request'
fi
hs_end

hs_finish
