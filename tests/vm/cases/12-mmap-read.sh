# SPDX-License-Identifier: GPL-2.0
# Files read through mmap equal the local export, at sizes around page
# boundaries and for a file larger than the read size.
"$SMB1FS_ROOT/tests/vm/mktree.sh" "$SMB1FS_SHARE_DIR/tree" || fail "mktree"
big=$(cd "$SMB1FS_SHARE_DIR/tree" && ls big-*.bin) ||
	fail "the test tree has no big-*.bin"
module_load
mark=$(kmsg_mark)
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS"
cat >mmapsum.py <<'PY'
import hashlib, mmap, os, sys
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        size = os.fstat(f.fileno()).st_size
        if size == 0:
            print(hashlib.sha256(b'').hexdigest())
            continue
        with mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ) as m:
            # touch the pages back to front, then hash front to back
            for off in range(size - 1, -1, -4096):
                m[off]
            print(hashlib.sha256(m[:]).hexdigest())
PY
for f in sizes/file-0 sizes/file-1 sizes/file-4095 sizes/file-4096 \
	sizes/file-4097 sizes/file-65537 sizes/file-1048577 "$big"; do
	check_eq "$(sha256sum <"$SMB1FS_SHARE_DIR/tree/$f" | cut -d' ' -f1)" \
		"$(/usr/bin/python3 mmapsum.py "$SMB1FS_MNT/tree/$f")" "mmap of $f"
done
assert_ok umount "$SMB1FS_MNT"
check_kernel_clean "$mark"
