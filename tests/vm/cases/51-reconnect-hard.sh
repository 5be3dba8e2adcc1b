# SPDX-License-Identifier: GPL-2.0
# Reconnect on a hard mount (timeout=5): every smbd killed during a large
# read and started again well after the soft bound; the read waits and
# completes byte-exact.  While the server is down a reader that blocks
# on it dies on SIGKILL at once.
module_load
mark=$(kmsg_mark)
mib=32
light && mib=8
head -c ${mib}M /dev/urandom >"$SMB1FS_SHARE_DIR/big.bin"
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,hard,timeout=5"
check_grep "$SMB1FS_MNT smb1fs .*,hard," /proc/mounts

: >out
(
	exec 3<"$SMB1FS_MNT/big.bin"
	for ((i = 0; i < mib; i++)); do
		dd bs=1M count=1 iflag=fullblock status=none <&3 >>out || exit 1
		sleep 0.1
	done
) 2>err &
reader=$!
sleep 1
t0=$(now_ms)
assert_ok smbd_kill_all

# a reader of a file not yet read blocks; SIGKILL ends it
cat "$SMB1FS_MNT/random-1M.bin" >/dev/null 2>&1 &
victim=$!
sleep 2
kill -0 $victim 2>/dev/null || _failed "reader did not block on the missing server"
t1=$(now_ms)
kill -9 $victim
wait $victim 2>/dev/null
t2=$(now_ms)
log "killed reader gone after $((t2 - t1)) ms"
[ $((t2 - t1)) -le 5000 ] || _failed "killed reader took $((t2 - t1)) ms"

# longer than the soft bound, then the server comes back
sleep 6
kill -0 $reader 2>/dev/null || _failed "hard read gave up while the server was gone"
assert_ok smbd_restart
log "smbd back $(($(now_ms) - t0)) ms after the kill"
wait $reader
check_eq 0 $? "read status across the outage"
check_ok cmp "$SMB1FS_SHARE_DIR/big.bin" out
[ -s err ] && { log "reader said:"; cat err; }
check_eq 1 "$(smb1fs_stat reconnects)" "reconnects"
check_eq 0 "$(smb1fs_idle_slots)" "slots held after all reads"
assert_ok umount "$SMB1FS_MNT"
rm -f "$SMB1FS_SHARE_DIR/big.bin"
check_kernel_clean "$mark"
