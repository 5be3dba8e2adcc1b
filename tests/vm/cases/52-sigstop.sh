# SPDX-License-Identifier: GPL-2.0
# A server that stops answering (SIGSTOP of the serving smbd): a reader
# blocked on it dies on SIGKILL within 5 s; with echo_interval=2 the
# silence is noticed and the mount reconnects (to a fresh smbd; the
# debug kernel, where smbd itself answers slowly, uses 5 s); with the
# server stopped again, umount -l returns at once and the module unloads
# once the superblock is gone.
module_load
mark=$(kmsg_mark)
iv=2
[ "$VM_FLAVOR" = debug ] && iv=5
head -c 8M /dev/urandom >"$SMB1FS_SHARE_DIR/big.bin"
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,echo_interval=$iv"
check_grep "$SMB1FS_MNT smb1fs .*,soft,echo_interval=$iv" /proc/mounts
check_ok cat "$SMB1FS_MNT/hello.txt"
r0=$(smb1fs_stat reconnects)
pids=
for _ in $(seq 1 20); do
	pids=$(smbd_serving_pids)
	[ -n "$pids" ] && break
	sleep 0.5
done
[ -n "$pids" ] || fail "no smbd serves the mount"
stopped=$pids
kill -STOP $pids
cleanup() { kill -CONT $stopped 2>/dev/null; kill -9 $stopped 2>/dev/null; }
trap 'rc=$?; cleanup; (exit $rc); _finish' EXIT

cat "$SMB1FS_MNT/big.bin" >/dev/null 2>&1 &
reader=$!
sleep 1
kill -0 $reader 2>/dev/null || _failed "reader did not block on the stopped server"
t1=$(now_ms)
kill -9 $reader
wait $reader 2>/dev/null
t2=$(now_ms)
log "killed reader gone after $((t2 - t1)) ms"
[ $((t2 - t1)) -le 5000 ] || _failed "killed reader took $((t2 - t1)) ms"

# the echo notices the silence within about three intervals
ok=0
for _ in $(seq 1 80); do
	[ "$(smb1fs_stat reconnects)" -gt "$r0" ] && { ok=1; break; }
	sleep 0.5
done
check_eq 1 "$ok" "reconnected after the server went silent"
check_grep 'server silent for' <(dmesg_since "$mark")
check_ok cmp "$SMB1FS_SHARE_DIR/big.bin" "$SMB1FS_MNT/big.bin"

# stopped again: umount -l does not wait for it
for _ in $(seq 1 20); do
	pids=$(smbd_serving_pids)
	[ -n "$pids" ] && break
	sleep 0.5
done
stopped="$stopped $pids"
kill -STOP $pids
t1=$(now_ms)
check_ok umount -l "$SMB1FS_MNT"
t2=$(now_ms)
log "umount -l took $((t2 - t1)) ms"
[ $((t2 - t1)) -le 8000 ] || _failed "umount -l took $((t2 - t1)) ms"
unloaded=0
for _ in $(seq 1 40); do
	rmmod smb1fs 2>/dev/null && { unloaded=1; break; }
	sleep 0.5
done
check_eq 1 "$unloaded" "module unloaded after the lazy umount"
cleanup
rm -f "$SMB1FS_SHARE_DIR/big.bin"
check_kernel_clean "$mark"
