# SPDX-License-Identifier: GPL-2.0
# Writes to a Windows 98 server, played by the fake server: NT LM 0.12
# without CAP_NT_SMBS (nor large files, reads or writes), MaxBufferSize
# 4356, no TRANS2 SET_PATH_INFORMATION or SET_FILE_INFORMATION, no
# directory opens; it checks every request against what Windows 98
# takes (see tests/vm/hostile.sh).  A file is created (OPEN_ANDX) and
# written in WRITE_ANDX messages within MaxBufferSize, and arrives whole;
# it is truncated through a handle and by name (a zero-length core WRITE
# at the new size), touched while open for writing and written after
# the touch (SET_INFORMATION2 through the handle, after the data before
# it: the server keeps the time against the later write, and stat reads
# it back), touched when closed and made read-only and writable again
# (SET_INFORMATION: the time in seconds, the DOS attributes), renamed
# into a new directory, made read-only and deleted (the server refuses
# to delete a read-only file: the attribute goes first), and the
# directory removed.  A file unlinked while open (the server refuses to
# rename or delete a file open by a FID: ERRDOS/ERRbadshare) is renamed
# to a hidden name with its FID closed and opened again, written and
# read through its descriptor, a new file of the name is another, and
# the hidden name is deleted at the last close (the server's log: the
# refusals, the rename, the contents of both files at their close, the
# delete).  Attributes come at SMB_INFO_STANDARD (TRANS2
# QUERY_PATH_INFORMATION and FIND_FIRST2: the listings of the new
# directory and of the root), the size of the share at
# SMB_INFO_ALLOCATION once the NT level is refused.  A server that does
# not know SET_INFORMATION2 (ERRSRV/ERRsmbcmd) gets the time by name
# instead, and the command is not sent again on that connection.
# kmemleak: yes
. "$SMB1FS_ROOT/tests/vm/hostile.sh"

mark=$(kmsg_mark)

hs_start win98 win98-no-setinfo2
hs_begin win98
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	f=$HS_DIR/w98.bin
	hs_do write "$f" 100000
	hs_expect_ok
	[ "$HS_RC" = 0 ] &&
		hs_expect_slog "\(w98\.bin\): 100000 bytes, md5 ${HS_OUT##*md5=}\$"
	hs_do ftruncate "$f" 3000
	hs_expect_ok
	hs_expect_slog 'size of w98\.bin set to 3000$'
	hs_do truncate "$f" 1000
	hs_expect_ok
	hs_expect_slog 'size of w98\.bin set to 1000$'
	hs_do stat "$f"
	hs_check '[ "$HS_OUT" = 1000 ]' "size $HS_OUT after the truncates"
	hs_do touchopen "$f"
	hs_expect_ok
	hs_expect_slog 'set information2 of w98\.bin \(mtime 981173106\)$'
	hs_do mtime "$f"
	hs_check '[ "$HS_OUT" = 981173106 ]' \
		"mtime $HS_OUT after the touch of the open file, want 981173106"
	hs_do stat "$f"
	hs_check '[ "$HS_OUT" = 1000 ]' "size $HS_OUT after the touch of the open file"
	hs_do touch "$f"
	hs_expect_ok
	hs_expect_slog 'set information of w98\.bin \(attributes 0x80, mtime 981173106\)$'
	hs_do chmod "$f" 444
	hs_expect_ok
	hs_expect_slog 'set information of w98\.bin \(attributes 0x21, mtime 0\)$'
	hs_do mode "$f"
	hs_check '[ "$HS_OUT" = 555 ]' "mode $HS_OUT after chmod 444"
	hs_do chmod "$f" 644
	hs_expect_ok
	hs_expect_slog 'set information of w98\.bin \(attributes 0x20, mtime 0\)$'
	hs_do mkdir "$HS_DIR/newdir"
	hs_expect_ok
	hs_expect_slog 'made directory newdir$'
	hs_do rename "$f" "$HS_DIR/newdir/moved.bin"
	hs_expect_ok
	hs_expect_slog 'renamed w98\.bin to newdir\\moved\.bin$'
	hs_do ls "$HS_DIR/newdir"
	hs_check '[ "$HS_OUT" = moved.bin ]' "newdir lists \"$HS_OUT\""
	hs_do stat "$HS_DIR/newdir/moved.bin"
	hs_check '[ "$HS_OUT" = 1000 ]' "size $HS_OUT after the rename"
	hs_do ls "$HS_DIR"
	hs_check '[ "$HS_OUT" = "big.bin dir hello.txt mid.bin newdir slow.bin" ]' \
		"the root lists \"$HS_OUT\""
	hs_do statfs "$HS_DIR"
	hs_check '[ "$HS_OUT" = "bsize=4096 blocks=1000" ]' "statfs: $HS_OUT"
	hs_expect_slog 'QUERY_FS_INFORMATION level 0x103 refused$'
	# read-only: the server refuses to delete it; the attribute goes
	# first (SET_INFORMATION), then the delete
	hs_do chmod "$HS_DIR/newdir/moved.bin" 444
	hs_expect_ok
	hs_do rm "$HS_DIR/newdir/moved.bin"
	hs_expect_ok
	hs_expect_slog 'set information of newdir\\moved\.bin \(attributes 0x20, mtime 0\)$'
	hs_expect_slog 'deleted newdir\\moved\.bin$'
	hs_do rmdir "$HS_DIR/newdir"
	hs_expect_ok
	hs_expect_slog 'removed directory newdir$'
	# unlink of a file open here: Windows 98 renames it only once
	# closed; the FID is closed, the file renamed to a hidden name and
	# opened again there, and deleted at the last close
	hs_do unlinkopen "$HS_DIR/unl.bin"
	hs_expect_ok
	hs_expect_slog 'rename of unl\.bin refused: open$'
	hs_expect_slog 'renamed unl\.bin to \.smb1fs[0-9a-f]{16}$'
	hs_expect_slog 'delete of \.smb1fs[0-9a-f]{16} refused: open$'
	if [ "$HS_RC" = 0 ]; then
		old=${HS_OUT#old size=5011 md5=}
		old=${old%% *}
		hs_expect_slog "close of file id 0x[0-9a-f]+ \(\.smb1fs[0-9a-f]{16}\): 5011 bytes, md5 $old\$"
		hs_expect_slog "close of file id 0x[0-9a-f]+ \(unl\.bin\): 10 bytes, md5 ${HS_OUT##*md5=}\$"
	fi
	hs_expect_slog 'deleted \.smb1fs[0-9a-f]{16}$'
	hs_do ls "$HS_DIR"
	hs_check '[ "$HS_OUT" = "big.bin dir hello.txt mid.bin slow.bin unl.bin" ]' \
		"the root lists \"$HS_OUT\" after the unlink of the open file"
	hs_do rm "$HS_DIR/unl.bin"
	hs_expect_ok
fi
hs_end

hs_begin win98-no-setinfo2
hs_mount
hs_expect_mount_ok
if [ "$HS_MOUNTED" = 1 ]; then
	f=$HS_DIR/hello.txt
	hs_do touchopen "$f"
	hs_expect_ok
	hs_expect_slog 'fired setattr2 \(refused\)$'
	hs_expect_slog 'set information of hello\.txt \(attributes 0x80, mtime 981173106\)$'
	hs_expect_kmsg 'the server refuses SET_INFORMATION2'
	hs_do touchopen "$f"
	hs_expect_ok
	_hs_slog_read
	n=0
	for ((i = HS_LOGPOS; i < ${#HS_SLOG[@]}; i++)); do
		[[ "${HS_SLOG[$i]}" == *": setattr2 mid "* ]] && n=$((n + 1))
	done
	hs_check '[ "$n" = 1 ]' "$n SET_INFORMATION2 requests, want 1 (the refusal is remembered)"
fi
hs_end

hs_finish
check_kernel_clean "$mark"
