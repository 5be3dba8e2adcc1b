# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12
# Against impacket's smbserver (MaxMpxCount 1, 64000-byte buffer, no large
# reads): the tree reads back byte-exact, so the client honours the
# server's limits.
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
assert_ok mount -t smb1fs //127.0.0.1/PUB "$SMB1FS_MNT" -o "port=4445,username=u,password=p"
# many/ and names/ are left out: through impacket's server, listing many/
# (5,000 entries) ends in EIO after about 1,800 entries and names/ (non-ASCII
# names) differs and resets the connection (known, open).
for d in sizes levels; do
	check_ok /usr/bin/python3 "$SMB1FS_ROOT/tests/vm/treecmp.py" \
		--mtime-gran 1000000000 "$SMB1FS_SHARE_DIR/tree/$d" "$SMB1FS_MNT/$d"
done
big=$(cd "$SMB1FS_SHARE_DIR/tree" && ls big-*.bin)
check_eq "$(sha256sum <"$SMB1FS_SHARE_DIR/tree/$big")" \
	"$(sha256sum <"$SMB1FS_MNT/$big")" "$big"
# reads past 4 GiB from a server without CAP_LARGE_FILES
check_eq "$(tail -c 1048577 "$SMB1FS_SHARE_DIR/tree/sparse-5G.bin" | sha256sum)" \
	"$(tail -c 1048577 "$SMB1FS_MNT/sparse-5G.bin" | sha256sum)" \
	"last MiB of the 5 GiB file"
assert_ok umount "$SMB1FS_MNT"
# NTLMSSP in SPNEGO, against another implementation than Samba's
assert_ok mount -t smb1fs //127.0.0.1/PUB "$SMB1FS_MNT" \
	-o "port=4445,username=u,password=p,sec=ntlmssp"
check_eq "$(cat "$SMB1FS_SHARE_DIR/tree/levels/one/two/two.txt")" \
	"$(cat "$SMB1FS_MNT/levels/one/two/two.txt")" "read after an NTLMSSP login"
assert_ok umount "$SMB1FS_MNT"
check_kernel_clean "$mark"
kill $pid
