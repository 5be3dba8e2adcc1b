# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1
# Writes through smb1fs and through the kernel's cifs client (vers=1.0,
# nounix) on the same read-write Samba share, side by side.
# tests/vm/wcmp.py runs one sequence of changes in a directory of each
# mount (create, append, overwrite in place, truncate down and up by
# descriptor and by name, utime, chmod a-w / u+w / 0600, a write to and
# an unlink of a read-only file, mkdir, rmdir of a non-empty directory,
# renames over files and directories, unlink of an open file, a hard
# link, O_EXCL on an existing name, names Windows cannot store) and
# reads what the server ends up with in the exported directory: for
# smb1fs every content must be what was written, and what it answers is
# checked against the behaviour case 62 expects.  tests/vm/fsx.py then
# runs the same seed on both mounts (the server's copy compared after
# each fsync); smb1fs must pass.  Where cifs answers otherwise, or fsx.py
# fails on it, the case says so in "# cifs:" lines, and that is not a
# failure.
modprobe cifs 2>/dev/null || skip "no cifs module for $VM_KVER"
module_load
mark=$(kmsg_mark)
d=$SMB1FS_SHARE_DIR/wvc
rm -rf "$d"
mkdir -p "$d"
chmod 777 "$d"
login="username=$SMB1FS_USER,password=$SMB1FS_PASS"
mkdir -p cifs
assert_ok mount -t cifs "$SMB1FS_RW_SHARE" cifs -o "vers=1.0,nounix,$login"
assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" -o "$login"
mkdir "$d/smb1fs" "$d/cifs" "$d/fsx-smb1fs" "$d/fsx-cifs"
chmod 777 "$d"/*

run /usr/bin/python3 "$SMB1FS_ROOT/tests/vm/wcmp.py" \
	smb1fs "$SMB1FS_MNT/wvc/smb1fs" "$d/smb1fs" \
	cifs "$PWD/cifs/wvc/cifs" "$d/cifs"
[ "$RUN_RC" = 0 ] || _failed "wcmp.py: smb1fs left the server with other contents"
out=$RUN_OUT
# what smb1fs must answer (case 62 checks the same through the shell)
for want in 'truncate-name-down ok' 'truncate-name-up ok' \
	'rmdir-not-empty ENOTEMPTY' 'rename-over ok' 'link ok' \
	'create-excl-existing EEXIST' 'unlink-open ok' \
	'unlinked-name-visible-on-mount no' 'read-through-unlinked-fd ok' \
	'unlink-open-server-extra-after-close no' 'utime-server-mtime set' \
	'utime-mount-mtime set' 'mkdir-existing EEXIST' 'rmdir ok' \
	'name-used-again ok' 'create-name-a:b EINVAL' \
	'create-name-star\* EINVAL' 'create-name-trail\. EINVAL'; do
	grep -q "^smb1fs: $want\$" <<<"$out" || _failed "smb1fs: not '$want'"
done
if setfattr -n user.smb1fs-probe -v 1 "$d" 2>/dev/null; then
	for want in 'mode-after-a-w -r-xr-xr-x' 'append-read-only EACCES' \
		'mode-after-u+w -rwxr-xr-x'; do
		grep -q "^smb1fs: $want\$" <<<"$out" ||
			_failed "smb1fs: not '$want'"
	done
fi
while read -r line; do
	log "cifs: ${line#differs: }"
done < <(grep '^differs:\|^reference problem' <<<"$out")

# fsx.py, one seed on both
ops=${SMB1FS_FSX_OPS:-300}
check_ok /usr/bin/python3 "$SMB1FS_ROOT/tests/vm/fsx.py" --seed 70 \
	--ops "$ops" --files 2 --check-every 50 --server-dir "$d/fsx-smb1fs" \
	"$SMB1FS_MNT/wvc/fsx-smb1fs"
run /usr/bin/python3 "$SMB1FS_ROOT/tests/vm/fsx.py" --seed 70 \
	--ops "$ops" --files 2 --check-every 50 --server-dir "$d/fsx-cifs" \
	"$PWD/cifs/wvc/fsx-cifs"
[ "$RUN_RC" = 0 ] || log "cifs: fsx.py --seed 70 failed on cifs (above)"

assert_ok umount cifs
assert_ok umount "$SMB1FS_MNT"
rm -rf "$d"
check_kernel_clean "$mark"
