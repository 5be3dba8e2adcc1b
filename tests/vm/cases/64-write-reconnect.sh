# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12 debug
# Writes across a lost link.  Hard mount: every smbd killed while a file
# is being written and started again after the soft bound; the writer
# waits, and once it has closed the file the server holds it whole,
# byte for byte.  Soft mount: the writer gets an error at write, fsync
# or close, or, if it saw none, the file is whole: never a silent loss.
# kmemleak: yes
module_load
mark=$(kmsg_mark)
mib=16
light && mib=6
d=$SMB1FS_SHARE_DIR/wrc
rm -rf "$d"
mkdir -p "$d"
chmod 777 "$d"
src=$(mktemp)
head -c ${mib}M /dev/urandom >"$src"

# write_slowly FILE: src into FILE in 1 MiB pieces, half a second
# between them (so that it is still writing when smbd is killed a second
# after its start, on every kernel), then fsync and close; its status is
# the writer's
write_slowly() {
	python3 - "$src" "$1" "$mib" <<'EOF'
import os, sys, time
src, dst, mib = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(src, 'rb').read()
fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
for i in range(mib):
    os.write(fd, data[i << 20:(i + 1) << 20])
    time.sleep(0.5)
os.fsync(fd)
os.close(fd)
EOF
}

assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,hard,timeout=5"
write_slowly "$SMB1FS_MNT/wrc/hard" 2>err &
writer=$!
sleep 1
assert_ok smbd_kill_all
sleep 6
kill -0 $writer 2>/dev/null || _failed "hard writer gave up while the server was gone"
assert_ok smbd_restart
wait $writer
check_eq 0 $? "hard writer's status across the outage"
[ -s err ] && { log "writer said:"; cat err; }
check_ok cmp "$src" "$d/hard"
check_ok cmp "$src" "$SMB1FS_MNT/wrc/hard"
check_eq 1 "$(smb1fs_stat reconnects)" "reconnects"
assert_ok umount "$SMB1FS_MNT"

assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,soft,timeout=3"
write_slowly "$SMB1FS_MNT/wrc/soft" 2>err &
writer=$!
sleep 1
assert_ok smbd_kill_all
sleep 8
assert_ok smbd_restart
wait $writer
status=$?
log "soft writer's status: $status"
[ -s err ] && { log "writer said:"; cat err; }
if [ "$status" = 0 ]; then
	check_ok cmp "$src" "$d/soft"
else
	check_grep "Errno|rror" err
fi
assert_ok umount "$SMB1FS_MNT"
rm -rf "$d" "$src"
check_kernel_clean "$mark"
