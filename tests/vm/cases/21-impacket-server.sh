# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12
# Against impacket's smbserver (MaxMpxCount 1, 64000-byte buffer, no large
# reads): the whole tree reads back byte-exact, so the client honours the
# server's limits and copes with the way impacket lays out directory
# listings (the entries of a FIND_NEXT2 reply are not padded to 8 bytes,
# though their NextEntryOffset counts the padding).
"$SMB1FS_ROOT/tests/vm/mktree.sh" "$SMB1FS_SHARE_DIR/tree" || fail "mktree"
srv=/usr/share/doc/python3-impacket/examples/smbserver.py
[ -f "$srv" ] || skip "impacket's smbserver.py is not installed"
/usr/bin/python3 "$srv" -port 4445 -username u -password p pub \
	"$SMB1FS_SHARE_DIR/tree" >impacket.log 2>&1 &
pid=$!
for _ in $(seq 1 100); do
	ss -ltn | grep -q ':4445 ' && break
	sleep 0.2
done
module_load
mark=$(kmsg_mark)
# impacket announces CAP_UNICODE only to a client that negotiates
# extended security: sec=ntlmssp (NTLMSSP in SPNEGO, another
# implementation than Samba's) gives Unicode names.  The attributes
# the listing brings are trusted for the whole comparison (with the
# default actimeo=1, every stat of many/ would be a request to a slow
# server).
assert_ok mount -t smb1fs //127.0.0.1/PUB "$SMB1FS_MNT" \
	-o "port=4445,username=u,password=p,sec=ntlmssp,actimeo=600"
check_ok /usr/bin/python3 "$SMB1FS_ROOT/tests/vm/treecmp.py" \
	--mtime-gran 1000000000 "$SMB1FS_SHARE_DIR/tree" "$SMB1FS_MNT"
# reads past 4 GiB from a server without CAP_LARGE_FILES
check_eq "$(tail -c 1048577 "$SMB1FS_SHARE_DIR/tree/sparse-5G.bin" | sha256sum)" \
	"$(tail -c 1048577 "$SMB1FS_MNT/sparse-5G.bin" | sha256sum)" \
	"last MiB of the 5 GiB file"
assert_ok umount "$SMB1FS_MNT"

# Without extended security impacket leaves out CAP_UNICODE and encodes
# names in ASCII only: a name outside ASCII makes it drop the connection
# ("'ascii' codec can't encode character" in its log), so names/ stays
# out here.  The rest, many/ among it, reads back.
assert_ok mount -t smb1fs //127.0.0.1/PUB "$SMB1FS_MNT" \
	-o "port=4445,username=u,password=p,actimeo=600"
for d in sizes levels many; do
	check_ok /usr/bin/python3 "$SMB1FS_ROOT/tests/vm/treecmp.py" \
		--mtime-gran 1000000000 "$SMB1FS_SHARE_DIR/tree/$d" "$SMB1FS_MNT/$d"
done
assert_ok umount "$SMB1FS_MNT"

check_kernel_clean "$mark"
kill $pid
