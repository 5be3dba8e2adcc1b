# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 debug
# A file changed or removed on the server is seen anew once its cached
# attributes are older than actimeo, also when only an open follows
# (the open checks the file instead of a lookup), through read and mmap.
d=$SMB1FS_SHARE_DIR/changed
rm -rf "$d"
mkdir -p "$d"
printf 'first version\n' >"$d/same-size"
printf 'short\n' >"$d/grows"
printf 'doomed\n' >"$d/removed"
printf 'kept\n' >"$d/kept"
touch -d '2020-01-02 03:04:05.7' "$d/kept"
chmod -R a+rwX "$d"
module_load
mark=$(kmsg_mark)
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,actimeo=1"
m=$SMB1FS_MNT/changed
# list (fills the caches), then read every file once
ls -l "$m" >/dev/null
for f in same-size grows removed kept; do
	check_eq "$(cat "$d/$f")" "$(cat "$m/$f")" "first read of $f"
done
# change the files on the server: same size new data, new size, gone
printf 'other version\n' >"$d/same-size"
touch -d '2021-01-01 00:00:00' "$d/same-size"
printf 'much longer now\n' >"$d/grows"
rm -f "$d/removed"
sleep 2
check_eq "other version" "$(cat "$m/same-size")" "changed file, same size"
check_eq "much longer now" "$(cat "$m/grows")" "changed file, new size"
check_fails cat "$m/removed"
check_eq "kept" "$(cat "$m/kept")" "unchanged file"
# an unchanged file keeps its page cache and its attributes
check_eq "2020-01-02 03:04:05.700000000" \
	"$(stat -c %y "$m/kept" | cut -d' ' -f1,2)" "mtime of the unchanged file"
# mmap after the open sees the new data too
printf 'third version\n' >"$d/same-size"
touch -d '2022-01-01 00:00:00' "$d/same-size"
sleep 2
check_eq "third version" "$(/usr/bin/python3 -c '
import mmap, sys
with open(sys.argv[1], "rb") as f:
    with mmap.mmap(f.fileno(), 0, prot=mmap.PROT_READ) as m:
        sys.stdout.write(m[:].decode())
' "$m/same-size" | tr -d '\n')" "mmap of a changed file"
assert_ok umount "$SMB1FS_MNT"
rm -rf "$d"
check_kernel_clean "$mark"
