# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12
# What smb1fs shows equals what the kernel's cifs client (vers=1.0) shows
# on the same share: names, types, sizes, mtimes and contents.
"$SMB1FS_ROOT/tests/vm/mktree.sh" "$SMB1FS_SHARE_DIR/tree" || fail "mktree"
modprobe cifs 2>/dev/null || skip "no cifs module for $VM_KVER"
module_load
mark=$(kmsg_mark)
mkdir -p cifs
assert_ok mount -t cifs "$SMB1FS_SHARE" cifs \
	-o "vers=1.0,username=$SMB1FS_USER,password=$SMB1FS_PASS,nounix"
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS"
check_ok /usr/bin/python3 "$SMB1FS_ROOT/tests/vm/treecmp.py" \
	cifs/tree "$SMB1FS_MNT/tree"
check_eq "$(cd cifs/tree/names && ls -la | awk 'NR > 1 { print $1, $5, $NF }')" \
	"$(cd "$SMB1FS_MNT/tree/names" && ls -la | awk 'NR > 1 { print $1, $5, $NF }')" \
	"ls -la of names/ (modes, sizes, names)"
assert_ok umount cifs
assert_ok umount "$SMB1FS_MNT"
check_kernel_clean "$mark"
