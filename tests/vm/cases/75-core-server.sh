# SPDX-License-Identifier: GPL-2.0
# The core protocol (PC NETWORK PROGRAM 1.0), played by the fake server:
# it negotiates nothing else, has no login (the share password goes in
# plain text in the core TREE_CONNECT), no AndX commands, no TRANS2, no
# Unicode and no NT status codes, keeps 8.3 names in capitals and checks
# every request against what such a server takes (see the core scenario
# of tests/vm/fakesrv.py; a request it would not take fails the test).
# A guest mount lists the root and a directory (SEARCH), reads files
# whole (OPEN, the 16-bit core READ within MaxBufferSize 4356, CLOSE)
# and compares them with the share's, gives the size of the share
# (QUERY_INFORMATION_DISK); an exclusive create (CREATE_NEW) succeeds
# and fails with EEXIST the second time, a new file opened with O_TRUNC
# is made by CREATE, an existing one opened so is truncated by a
# zero-length WRITE; both are written with core WRITEs and arrive whole
# (their MD5 on the server); truncates down and up by name and through
# a handle are
# zero-length WRITEs at the new size, touch -d goes by name
# (SET_INFORMATION, whole seconds: an odd second is kept, and
# QUERY_INFORMATION says so, while a listing's DOS time has two-second
# steps; of a file open for writing by name and again in its CLOSE, as
# LastTimeModified, so that the writes after it do not move it), mkdir,
# rename into it, listing, unlink and rmdir are the core commands; a
# name that is not 8.3 is refused with EINVAL before anything is sent.
# A mount with a password fails unless sec=plaintext allows plain text
# (by default the core dialect is not offered to a user login:
# EPROTONOSUPPORT; with sec=ntlm it is, and the password is not sent:
# EOPNOTSUPP; each mount says why); with it, the right share password
# mounts and a wrong one is refused (EACCES).
# kmemleak: yes
. "$SMB1FS_ROOT/tests/vm/hostile.sh"

mark=$(kmsg_mark)

hs_start core core+pw
HS_OPTS=guest
hs_begin core
hs_mount
hs_expect_mount_ok
hs_expect_kmsg 'negotiated PC NETWORK PROGRAM 1\.0'
if [ "$HS_MOUNTED" = 1 ]; then
	hs_do ls "$HS_DIR"
	hs_check '[ "$HS_OUT" = "BIG.BIN DIR HELLO.TXT MID.BIN SLOW.BIN" ]' \
		"the root lists \"$HS_OUT\""
	hs_do ls "$HS_DIR/dir"
	hs_check '[ "$HS_OUT" = "A.TXT B.TXT" ]' "DIR lists \"$HS_OUT\""
	hs_do cmp "$HS_FILES/big.bin" "$HS_DIR/big.bin"
	hs_expect_ok
	hs_do cmp "$HS_FILES/dir/b.txt" "$HS_DIR/DIR/B.TXT"
	hs_expect_ok
	hs_do statfs "$HS_DIR"
	hs_check '[ "$HS_OUT" = "bsize=4096 blocks=1000" ]' "statfs: $HS_OUT"
	hs_do excl "$HS_DIR/NEW.TXT"
	hs_expect_ok
	hs_expect_slog 'created NEW\.TXT as file id 0x[0-9a-f]+ \(CREATE_NEW\)$'
	hs_expect_slog '\(NEW\.TXT\): 5 bytes, md5 4ab092aea6df28136166891970f3996f$'
	hs_do excl "$HS_DIR/new.txt"
	hs_expect_fails EEXIST
	hs_do write "$HS_DIR/WRITE.BIN" 20000
	hs_expect_ok
	hs_expect_slog 'created WRITE\.BIN as file id 0x[0-9a-f]+ \(CREATE\)$'
	[ "$HS_RC" = 0 ] &&
		hs_expect_slog "\(WRITE\.BIN\): 20000 bytes, md5 ${HS_OUT##*md5=}\$"
	hs_do rm "$HS_DIR/write.bin"
	hs_expect_ok
	hs_expect_slog 'deleted WRITE\.BIN$'
	hs_do write "$HS_DIR/new.txt" 100000
	hs_expect_ok
	hs_expect_slog 'size of NEW\.TXT set to 0$'
	[ "$HS_RC" = 0 ] &&
		hs_expect_slog "\(NEW\.TXT\): 100000 bytes, md5 ${HS_OUT##*md5=}\$"
	hs_do truncate "$HS_DIR/NEW.TXT" 3000
	hs_expect_ok
	hs_expect_slog 'size of NEW\.TXT set to 3000$'
	hs_do ftruncate "$HS_DIR/NEW.TXT" 70000
	hs_expect_ok
	hs_expect_slog 'size of NEW\.TXT set to 70000$'
	hs_do stat "$HS_DIR/NEW.TXT"
	hs_check '[ "$HS_OUT" = 70000 ]' "size $HS_OUT after the truncates"
	hs_do pread "$HS_DIR/NEW.TXT" 3000 67000
	hs_check '[ "$HS_OUT" = "size=67000 zero=1" ]' "the extended part reads $HS_OUT"
	hs_do utime "$HS_DIR/NEW.TXT" 981173107
	hs_expect_ok
	hs_expect_slog 'set information of NEW\.TXT \(attributes 0x80, mtime 981173107\)$'
	hs_do mtime "$HS_DIR/NEW.TXT"
	hs_check '[ "$HS_OUT" = 981173107 ]' "mtime $HS_OUT after touch -d, want 981173107"
	# set while open for writing: again in the CLOSE, after the writes
	hs_do write "$HS_DIR/T.TXT" 1000
	hs_expect_ok
	hs_do touchopen "$HS_DIR/T.TXT"
	hs_expect_ok
	hs_expect_slog 'set information of T\.TXT \(attributes 0x80, mtime 981173106\)$'
	hs_expect_slog 'close of T\.TXT sets mtime 981173106$'
	hs_do mtime "$HS_DIR/T.TXT"
	hs_check '[ "$HS_OUT" = 981173106 ]' \
		"mtime $HS_OUT after the touch of the open file, want 981173106"
	hs_do stat "$HS_DIR/T.TXT"
	hs_check '[ "$HS_OUT" = 1000 ]' "size $HS_OUT after the touch of the open file"
	hs_do rm "$HS_DIR/T.TXT"
	hs_expect_ok
	hs_do mkdir "$HS_DIR/NEWDIR"
	hs_expect_ok
	hs_expect_slog 'made directory NEWDIR$'
	hs_do rename "$HS_DIR/NEW.TXT" "$HS_DIR/NEWDIR/MOVED.TXT"
	hs_expect_ok
	hs_expect_slog 'renamed NEW\.TXT to NEWDIR\\MOVED\.TXT$'
	hs_do mtime "$HS_DIR/NEWDIR/MOVED.TXT"
	hs_check '[ "$HS_OUT" = 981173107 ]' "mtime $HS_OUT after the rename"
	# a listing gives DOS times: the odd second is not there
	hs_do ls "$HS_DIR/NEWDIR"
	hs_check '[ "$HS_OUT" = MOVED.TXT ]' "NEWDIR lists \"$HS_OUT\""
	hs_do mtime "$HS_DIR/NEWDIR/MOVED.TXT"
	hs_check '[ "$HS_OUT" = 981173106 ]' "mtime $HS_OUT after the listing"
	hs_do rm "$HS_DIR/NEWDIR/MOVED.TXT"
	hs_expect_ok
	hs_expect_slog 'deleted NEWDIR\\MOVED\.TXT$'
	hs_do rmdir "$HS_DIR/NEWDIR"
	hs_expect_ok
	hs_expect_slog 'removed directory NEWDIR$'
	# not 8.3: refused here, never sent
	hs_do write "$HS_DIR/longname.text" 10
	hs_expect_fails EINVAL
	hs_do mkdir "$HS_DIR/toolongname"
	hs_expect_fails EINVAL
	hs_do stat "$HS_DIR/longname.text"
	hs_expect_fails ENOENT
	hs_do ls "$HS_DIR"
	hs_check '[ "$HS_OUT" = "BIG.BIN DIR HELLO.TXT MID.BIN SLOW.BIN" ]' \
		"the root lists \"$HS_OUT\" at the end"
fi
hs_end

# a password goes only in plain text: refused unless sec=plaintext
HS_OPTS=username=u,password=SECRET
hs_begin core+pw
hs_mount
hs_expect_mount_fails EPROTONOSUPPORT
hs_expect_fcmsg 'server does not speak NT LM 0\.12.*core protocol server with sec=plaintext'
hs_mount sec=ntlm
hs_expect_mount_fails EOPNOTSUPP
hs_expect_fcmsg 'server speaks only the core protocol .*sec=plaintext'
hs_mount sec=plaintext,password=wrong
hs_expect_mount_fails EACCES
hs_expect_fcmsg 'access to share .* denied'
hs_expect_slog "tree connect .* password 'wrong' service A:$"
hs_mount sec=plaintext
hs_expect_mount_ok
hs_expect_slog "tree connect \\\\\\\\127\.0\.0\.1\\\\SHARE password 'SECRET' service A:$"
if [ "$HS_MOUNTED" = 1 ]; then
	hs_do cmp "$HS_FILES/hello.txt" "$HS_DIR/hello.txt"
	hs_expect_ok
fi
hs_end

hs_finish
check_kernel_clean "$mark"
