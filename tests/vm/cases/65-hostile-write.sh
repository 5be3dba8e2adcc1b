# SPDX-License-Identifier: GPL-2.0
# A hostile server, part 8: replies to WRITE_ANDX.  A file is created
# (OPEN_ANDX, as the fake server refuses NT_CREATE_ANDX), written and
# closed, with fsync(2) before the close and without: written data that
# the server did not take reaches the writer as an error at fsync or
# close, never as success.  A reply that says less was written than sent
# (a short count, none at all) or that the disk is full gives ENOSPC; a
# count above what was sent, a reply cut short or of the wrong size
# gives EIO; junk in CountHigh over a right 16-bit count and an AndX
# chain that points anywhere are ignored (nothing is chained to a write)
# and the file arrives whole, as the MD5 the server logs at the close
# shows.  A write never answered fails once the request timeout (2 s on
# this soft mount) is over; one whose connection the server closes fails
# with EIO on a soft mount and is written again, whole, on a hard one.
# Every mode logs its failure, umount works and the kernel log stays
# clean.  Besides, the fake server checks every request the client
# sends (see tests/vm/hostile.sh).
# kmemleak: yes
. "$SMB1FS_ROOT/tests/vm/hostile.sh"

mark=$(kmsg_mark)
# a write of less than 64 KiB (one WRITE_ANDX), and one of five
small=40000
large=300000
failed='writing [0-9]+ bytes at [0-9]+ of inode [0-9]+ failed'

hs_start write-small write-never-reply write-count-above write-count-short \
	write-count-zero write-disk-full write-bare-disk-full \
	write-count-above-high-junk write-hdr-only write-words-cut \
	write-wc-2 write-wc-200 write-close write-count-high-junk \
	write-andx-past-frame write-close-once

# t_write_fails NAME ERRNO SIZE OPTIONS [REGEX...]: on a mount with
# OPTIONS, a file of SIZE bytes written and fsync()ed gets ERRNO from
# fsync, another one written and closed gets it from close; each REGEX
# is a kernel message (of the case).
t_write_fails() {
	local name=$1 err=$2 size=$3 opts=$4
	shift 4
	hs_begin "$name"
	hs_mount "$opts"
	hs_expect_mount_ok
	if [ "$HS_MOUNTED" = 1 ]; then
		hs_do write "$HS_DIR/fsync.bin" "$size"
		hs_expect_fails "$err"
		hs_check '[[ "$HS_OUT" == *"(write ok, fsync $err, close ok)" ]]' \
			"not at fsync: $HS_OUT"
		hs_expect_fast 15
		hs_do write "$HS_DIR/close.bin" "$size" close
		hs_expect_fails "$err"
		hs_check '[[ "$HS_OUT" == *"(write ok, close $err)" ]]' \
			"not at close: $HS_OUT"
		hs_expect_fast 15
		[ $# = 0 ] || hs_expect_kmsg "$@"
	fi
	hs_end
}

# t_write_ok NAME SIZE OPTIONS: on a mount with OPTIONS, a file of SIZE
# bytes is written, fsync()ed and closed without an error, and the
# server has it whole.
t_write_ok() {
	local name=$1 size=$2 opts=$3
	hs_begin "$name"
	hs_mount "$opts"
	hs_expect_mount_ok
	if [ "$HS_MOUNTED" = 1 ]; then
		hs_do write "$HS_DIR/ok.bin" "$size"
		hs_expect_ok
		hs_expect_fast 15
		[ "$HS_RC" = 0 ] &&
			hs_expect_slog "\(ok\.bin\): $size bytes, md5 ${HS_OUT##*md5=}\$"
	fi
	hs_end
}

# The well-behaved server, with the 12-word WRITE_ANDX of servers
# without CAP_LARGE_FILES: a file written, written again shorter (open,
# then truncated through the handle), truncated and touched by name,
# removed.
hs_begin write-small
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	f=$HS_DIR/small.bin
	hs_do write "$f" 100000
	hs_expect_ok
	[ "$HS_RC" = 0 ] &&
		hs_expect_slog "\(small\.bin\): 100000 bytes, md5 ${HS_OUT##*md5=}\$"
	hs_do write "$f" 5000
	hs_expect_ok
	[ "$HS_RC" = 0 ] &&
		hs_expect_slog "\(small\.bin\): 5000 bytes, md5 ${HS_OUT##*md5=}\$"
	hs_do truncate "$f" 1000
	hs_expect_ok
	hs_expect_slog 'end of file of small\.bin set to 1000$'
	hs_do touch "$f"
	hs_expect_ok
	hs_expect_slog 'basic information of small\.bin set'
	hs_do stat "$f"
	hs_check '[ "$HS_OUT" = 1000 ]' "size $HS_OUT after the truncate"
	hs_do rm "$f"
	hs_expect_ok
	hs_expect_slog 'deleted small\.bin$'
fi
hs_end

# A failed write is logged once per file until a write of it succeeds,
# at most 10 in 5 s per mount: each mode mounts anew and fails two files,
# so every mode finds its own message.
# Silence: the write times out, the connection stays up.
t_write_fails write-never-reply EIO $small soft,timeout=2 \
	'server did not answer command 0x2f in 2 s' "$failed \(-110\)"
# a count above what was sent: a malformed reply, EIO
t_write_fails write-count-above EIO $small soft,timeout=5 \
	'malformed WRITE_ANDX reply' "$failed \(-5\)"
# less written than sent, or the disk full: ENOSPC
t_write_fails write-count-short ENOSPC $small soft,timeout=5 "$failed \(-28\)"
t_write_fails write-count-zero ENOSPC $large soft,timeout=5 "$failed \(-28\)"
t_write_fails write-disk-full ENOSPC $large soft,timeout=5 "$failed \(-28\)"
t_write_fails write-bare-disk-full ENOSPC $small soft,timeout=5 "$failed \(-28\)"

# more malformed replies: EIO
t_write_fails write-count-above-high-junk EIO $small soft,timeout=5 \
	'malformed WRITE_ANDX reply'
t_write_fails write-hdr-only EIO $small soft,timeout=5 \
	'bad reply to command 0x2f \(command 0x2f, 32 bytes\)'
t_write_fails write-words-cut EIO $small soft,timeout=5 'malformed WRITE_ANDX reply'
t_write_fails write-wc-2 EIO $small soft,timeout=5 'malformed WRITE_ANDX reply'
t_write_fails write-wc-200 EIO $small soft,timeout=5 'malformed WRITE_ANDX reply'

# the connection closed under every write: EIO on a soft mount, which
# reconnects for the next file
t_write_fails write-close EIO $large soft,timeout=5 \
	'connection to server lost' "$failed \(-5\)"

# harmless: the data is on the server
t_write_ok write-count-high-junk $small soft,timeout=5
t_write_ok write-andx-past-frame $small soft,timeout=5
# a hard mount writes what the lost connection took again, on the next
t_write_ok write-close-once $large hard,timeout=5

hs_finish
check_kernel_clean "$mark"
