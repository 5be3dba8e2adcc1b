# SPDX-License-Identifier: GPL-2.0
# A hostile server, part 5: OPEN_ANDX and READ_ANDX.  big.bin (300000
# bytes) and mid.bin (62000) are read with READ_ANDX requests of their
# own, whose data the receive thread puts straight into the page cache:
# a DataOffset or DataLength that does not fit the frame or the request
# fails the read with EIO; a short or empty read ends it (no endless
# loop).  All scenarios share one mount, each in a directory of its own.
# (Killed readers and replies that stop half-way are in
# 30-hostile-framing.)  See tests/vm/hostile.sh.
# kmemleak: yes
. "$SMB1FS_ROOT/tests/vm/hostile.sh"

hs_start "$(hs_by_path open-wc-10 open-wc-0 open-size-huge qpi-size-huge \
	read-doff-in-header read-doff-past-frame read-dlen-above-asked \
	read-dlen-past-frame read-dlen-high-junk read-len-wrap read-len-wrap16 \
	read-wc-10 read-bc-past-frame read-zero read-half read-huge-frame \
	read-status-data read-dup cmd-mismatch-read)"
hs_shared_mount

t_read_fails open-wc-10 big.bin EIO 'malformed reply to OPEN_ANDX'
t_read_fails open-wc-0 big.bin EIO 'malformed reply to OPEN_ANDX'
# the size in the open reply disagrees with the attributes: hello.txt is
# then read again with READ_ANDX
t_read_ok open-size-huge hello.txt

# the attributes say hello.txt is as large as a file can be: reads past
# its data give zeros, at any offset, and end
hs_begin qpi-size-huge
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_do stat "$HS_DIR/hello.txt"
	hs_expect_ok
	hs_check '[ "$HS_OUT" = 9223372036854775807 ]' "size $HS_OUT"
	hs_do cmp "$HS_DIR/hello.txt" "$HS_FILES/hello.txt" ${#HS_HELLO}
	hs_expect_ok
	hs_do pread "$HS_DIR/hello.txt" $((1 << 52)) 4096
	hs_expect_ok
	hs_check '[ "$HS_OUT" = "size=4096 zero=1" ]' "at 4 PiB: $HS_OUT"
fi
hs_end

for s in read-doff-in-header read-doff-past-frame \
	read-dlen-above-asked read-dlen-past-frame read-len-wrap \
	read-len-wrap16 read-wc-10 read-bc-past-frame; do
	t_read_fails $s big.bin EIO
done
# pre-CAP_LARGE_READX servers leave junk in DataLengthHigh: taken as
# such only when the 16-bit length ends the frame exactly
t_read_ok read-dlen-high-junk mid.bin
t_read_ok read-half mid.bin
t_read_fails read-status-data mid.bin EACCES
t_read_ok read-dup big.bin
t_read_fails cmd-mismatch-read big.bin EIO 'bad reply to command 0x2e \(command 0x2d'

# every read returns nothing: the file reads as zeros to its size
hs_begin read-zero
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_do read "$HS_DIR/mid.bin"
	hs_expect_ok
	hs_check '[ "$HS_OUT" = "size=62000 zero=1" ]' "read $HS_OUT"
	hs_expect_fast 20
fi
hs_end

# a 200000-byte frame for a read of 62000 bytes is dropped unread; the
# read is retried and the link stays in step
hs_begin read-huge-frame
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	hs_do cmp "$HS_FILES/mid.bin" "$HS_DIR/mid.bin"
	hs_expect_ok
	hs_expect_kmsg 'bad reply to command 0x2e \(command 0x2e, 200000 bytes\)'
	hs_works
fi
hs_end

hs_finish
