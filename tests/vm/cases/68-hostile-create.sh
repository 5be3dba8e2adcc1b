# SPDX-License-Identifier: GPL-2.0
# A hostile server, part 9: replies to NT_CREATE_ANDX and to TRANS2
# SET_FILE_INFORMATION / SET_PATH_INFORMATION.  The fake server takes
# NT_CREATE_ANDX here (it refuses it elsewhere).  The well-behaved one
# gets a file created, written, opened again and truncated (O_TRUNC),
# truncated through an open descriptor (SET_FILE_INFORMATION) and by
# name (SET_PATH_INFORMATION), its time set, made read-only (the server
# then refuses to open it for writing) and writable again, and removed;
# each change shows in the server's log, and every file written arrives
# whole (the MD5 the server logs at the close).  A create answered with
# the wrong WordCount (0, 2, 33, 255), cut after the header or inside
# the words, with a negative EndOfFile or AllocationSize, or saying that
# the new file is a directory fails with EIO and one message; an error
# status gives its errno (EACCES, ENOSPC from a bare header).  A
# directory attribute beside Directory 0, or an AndX chain pointing
# past the frame, is harmless: the file arrives whole.  On a server with
# file ids a new file takes its id (its inode number) from TRANS2
# QUERY_FILE_INFORMATION through the FID just opened, or, where that is
# refused (asked once) or answered short (a message), from a query by
# name.  Set-information replies cut short, of the wrong WordCount,
# with parameters or data outside the frame fail ftruncate(2),
# truncate(2), utime(2) and chmod(2) with EIO and a message; an error
# status with its errno.
# After each, reading through the same mount works (an NT_CREATE_ANDX
# with a READ_ANDX chained), umount works and the kernel log stays
# clean; the fake server checks every request the client sends (see
# tests/vm/hostile.sh).
# kmemleak: yes
. "$SMB1FS_ROOT/tests/vm/hostile.sh"

mark=$(kmsg_mark)
small=40000
opts=soft,timeout=5
nt_bad='malformed reply to NT_CREATE_ANDX'

hs_start create-good create-wc-0 create-wc-2 create-wc-33 create-wc-255 \
	create-hdr-only create-words-cut create-eof-huge create-eof-negative \
	create-alloc-huge create-dir-byte create-dir-attr \
	create-andx-past-frame create-denied create-bare-disk-full \
	create-ids create-ids-name create-ids-short \
	set-hdr-only set-words-cut set-wc-0 set-wc-9 set-wc-200 \
	set-poff-past-frame set-pcount-past-frame set-dcount-past-frame \
	set-disk-full set-denied

# _written NAME: the server logged the close of NAME with the size and
# MD5 of what the last write step wrote
_written() {
	local n=${HS_OUT%% md5=*}
	[ "$HS_RC" = 0 ] &&
		hs_expect_slog "\($1\): ${n#size=} bytes, md5 ${HS_OUT##*md5=}\$"
}

# t_create_fails NAME ERRNO [REGEX...]: creating a file to write it fails
# with ERRNO; each REGEX is a kernel message (of the case).  The mount
# still reads.
t_create_fails() {
	local name=$1 err=$2
	shift 2
	hs_begin "$name"
	hs_mount "$opts"
	hs_expect_mount_ok
	if [ "$HS_MOUNTED" = 1 ]; then
		hs_do write "$HS_DIR/new.bin" $small
		hs_expect_fails "$err"
		hs_expect_fast 15
		[ $# = 0 ] || hs_expect_kmsg "$@"
		hs_works
	fi
	hs_end
}

# t_create_ok NAME: the oddity is harmless: a file is created, written
# and closed, and the server has it whole.
t_create_ok() {
	hs_begin "$1"
	hs_mount "$opts"
	hs_expect_mount_ok
	if [ "$HS_MOUNTED" = 1 ]; then
		hs_do write "$HS_DIR/new.bin" $small
		hs_expect_ok
		hs_expect_fast 15
		_written 'new\.bin'
		hs_do stat "$HS_DIR/new.bin"
		hs_check '[ "$HS_OUT" = $small ]' "size $HS_OUT"
		hs_works
	fi
	hs_end
}

# t_set_fails NAME ERRNO [REGEX...]: a file written well; then its
# ftruncate(2) (SET_FILE_INFORMATION), truncate(2), utime(2) and chmod(2)
# (SET_PATH_INFORMATION) each fail with ERRNO.
t_set_fails() {
	local name=$1 err=$2 op arg
	shift 2
	hs_begin "$name"
	hs_mount "$opts"
	hs_expect_mount_ok
	if [ "$HS_MOUNTED" = 1 ]; then
		hs_do write "$HS_DIR/set.bin" $small
		hs_expect_ok
		for op in "ftruncate 1000" "truncate 500" touch "chmod 444"; do
			read -r op arg <<<"$op"
			hs_do "$op" "$HS_DIR/set.bin" ${arg:+"$arg"}
			hs_expect_fails "$err"
			hs_expect_fast 15
		done
		[ $# = 0 ] || hs_expect_kmsg "$@"
		hs_works
	fi
	hs_end
}

# The well-behaved server
hs_begin create-good
hs_mount "$opts"
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	f=$HS_DIR/good.bin
	hs_do write "$f" 100000
	hs_expect_ok
	hs_expect_slog 'created good\.bin as file id 0x[0-9a-f]+ \(NT_CREATE_ANDX\)$'
	_written 'good\.bin'
	# opened again, O_TRUNC through the handle
	hs_do write "$f" 5000 close
	hs_expect_ok
	hs_expect_slog 'end of file of good\.bin set to 0$'
	_written 'good\.bin'
	hs_do ftruncate "$f" 1000
	hs_expect_ok
	hs_expect_slog 'end of file of good\.bin set to 1000$'
	hs_do truncate "$f" 300
	hs_expect_ok
	hs_expect_slog 'end of file of good\.bin set to 300$'
	hs_do stat "$f"
	hs_check '[ "$HS_OUT" = 300 ]' "size $HS_OUT after the truncates"
	hs_do touch "$f"
	hs_expect_ok
	hs_expect_slog 'basic information of good\.bin set \(attributes 0x[0-9a-f]+, mtime 981173106\)$'
	hs_do chmod "$f" 444
	hs_expect_ok
	hs_expect_slog 'basic information of good\.bin set \(attributes 0x21, mtime 0\)$'
	hs_do mode "$f"
	hs_check '[[ "$HS_OUT" != *[2367]* ]]' "mode $HS_OUT after chmod a-w"
	# the server refuses to open a read-only file for writing
	hs_do write "$f" 10
	hs_expect_fails EACCES
	hs_do chmod "$f" 644
	hs_expect_ok
	hs_expect_slog 'basic information of good\.bin set \(attributes 0x20, mtime 0\)$'
	hs_do write "$f" 7000
	hs_expect_ok
	_written 'good\.bin'
	hs_do rm "$f"
	hs_expect_ok
	hs_expect_slog 'deleted good\.bin$'
	hs_works
fi
hs_end

# _slog_at REGEX: the positions of the lines of the server's log since
# hs_begin that match, one a line
_slog_at() {
	local j
	_hs_slog_read
	for ((j = HS_LOGPOS; j < ${#HS_SLOG[@]}; j++)); do
		[[ "${HS_SLOG[$j]}" =~ $1 ]] && echo "$j"
	done
}

# t_new_ids NAME HOW: two files created on a server with file ids get
# theirs (their inode numbers) through the FID just opened (HOW fid) or,
# where the server refuses or answers that short, by name (HOW name).
# A refusal is not asked again on the connection.
t_new_ids() {
	local n f ino by_name closed
	hs_begin "$1"
	hs_mount "$opts"
	hs_expect_mount_ok
	if [ "$HS_MOUNTED" = 1 ]; then
		for n in 1 2; do
			f=id$n.bin
			hs_do write "$HS_DIR/$f" 5000
			hs_expect_ok
			_written "id$n\.bin"
			hs_do ino "$HS_DIR/$f"
			ino=$HS_OUT
			if [ "$2" = fid ]; then
				hs_expect_slog "file id of id$n\.bin asked through file id 0x[0-9a-f]+: $ino\$"
				# by name only later, when stat checks the written file
				by_name=$(_slog_at "file id of id$n\.bin asked by name" | head -n 1)
				closed=$(_slog_at "close of file id 0x[0-9a-f]+ \(id$n\.bin\)" | head -n 1)
				hs_check '[ -n "$closed" ] && [ "${by_name:-$closed}" -ge "$closed" ]' \
					"id$n.bin: its id asked by name before its close"
			else
				hs_expect_slog "file id of id$n\.bin asked by name: $ino\$"
			fi
		done
		[ "$1" != create-ids-short ] ||
			hs_expect_kmsg 'malformed reply to QUERY_FILE_INFORMATION'
		[ "$1" != create-ids-name ] ||
			hs_check '[ "$(_slog_at "QUERY_FILE_INFORMATION level 0x3ee refused" | wc -l)" = 1 ]' \
				"QUERY_FILE_INFORMATION asked again after a refusal"
		hs_works
	fi
	hs_end
}

t_new_ids create-ids fid
t_new_ids create-ids-name name
t_new_ids create-ids-short name

# malformed replies to NT_CREATE_ANDX: EIO
t_create_fails create-wc-0 EIO "$nt_bad"
t_create_fails create-wc-2 EIO "$nt_bad"
t_create_fails create-wc-33 EIO "$nt_bad"
t_create_fails create-wc-255 EIO 'malformed reply to command 0xa2'
t_create_fails create-hdr-only EIO \
	'bad reply to command 0xa2 \(command 0xa2, 32 bytes\)'
t_create_fails create-words-cut EIO 'malformed reply to command 0xa2'
t_create_fails create-eof-huge EIO "$nt_bad"
t_create_fails create-eof-negative EIO "$nt_bad"
t_create_fails create-alloc-huge EIO "$nt_bad"
t_create_fails create-dir-byte EIO "$nt_bad"
# an error status: its errno
t_create_fails create-denied EACCES
t_create_fails create-bare-disk-full ENOSPC
# harmless: the Directory byte decides; nothing is chained to a create
t_create_ok create-dir-attr
t_create_ok create-andx-past-frame

# set-information replies
t_set_fails set-hdr-only EIO 'bad reply to command 0x32 \(command 0x32, [0-9]+ bytes\)'
t_set_fails set-words-cut EIO 'malformed reply to command 0x32'
t_set_fails set-wc-0 EIO 'malformed reply to SET_FILE_INFORMATION' \
	'malformed reply to SET_PATH_INFORMATION'
t_set_fails set-wc-9 EIO 'malformed reply to SET_FILE_INFORMATION'
t_set_fails set-wc-200 EIO 'malformed reply to command 0x32'
t_set_fails set-poff-past-frame EIO 'malformed reply to SET_FILE_INFORMATION'
t_set_fails set-pcount-past-frame EIO 'malformed reply to SET_PATH_INFORMATION'
t_set_fails set-dcount-past-frame EIO 'malformed reply to SET_PATH_INFORMATION'
t_set_fails set-disk-full ENOSPC
t_set_fails set-denied EACCES

hs_finish
check_kernel_clean "$mark"
