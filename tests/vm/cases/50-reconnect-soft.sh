# SPDX-License-Identifier: GPL-2.0
# Reconnect on a soft mount (timeout=5; 15 on the debug kernel, where
# a new smbd takes some 6 s to fork and log a session in when a second
# guest shares the host).  The serving smbd killed during
# a large read: the read goes on, byte-exact, on a new connection (the
# file is opened again).  Every smbd killed and none back: the read fails
# within the bound.  smbd started again: the mount works again.
# kmemleak: yes
module_load
mark=$(kmsg_mark)
mib=32
to=5
light && mib=8
[ "$VM_FLAVOR" = debug ] && to=15
head -c ${mib}M /dev/urandom >"$SMB1FS_SHARE_DIR/big.bin"
head -c ${mib}M /dev/urandom >"$SMB1FS_SHARE_DIR/big2.bin"
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,soft,timeout=$to"
check_eq 1 "$(smb1fs_stat generation)" "generation after mount"

# slow_read FILE OUT: one open file, read 1 MiB at a time with pauses;
# the time of a failed read goes to OUT.failed
slow_read() {
	local i
	exec 3<"$1"
	for ((i = 0; i < mib; i++)); do
		dd bs=1M count=1 iflag=fullblock status=none <&3 >>"$2" ||
			{ now_ms >"$2.failed"; return 1; }
		sleep 0.1
	done
	exec 3<&-
}

# 1. the serving smbd dies; the listener answers the reconnect
: >out1
slow_read "$SMB1FS_MNT/big.bin" out1 &
reader=$!
sleep 1
pids=$(smbd_serving_pids)
log "killing serving smbd: $pids"
[ -n "$pids" ] || _failed "no smbd serves the mount"
kill -9 $pids
wait $reader
check_eq 0 $? "read status across the reconnect"
check_ok cmp "$SMB1FS_SHARE_DIR/big.bin" out1
check_eq 1 "$(smb1fs_stat reconnects)" "reconnects"
check_eq 2 "$(smb1fs_stat generation)" "generation"
check_eq good "$(smb1fs_stat state)" "state"

# 2. every smbd dies for good: the read fails within the timeout's bound
: >out2
slow_read "$SMB1FS_MNT/big2.bin" out2 2>err2 &
reader=$!
sleep 1
# the bound counts from the kill, not from the helper's wait for every
# smbd to be gone (seconds of pgrep on a busy debug guest)
pids=$(pgrep -x smbd)
t0=$(now_ms)
kill -9 $pids
assert_ok smbd_kill_all
wait $reader
rc=$?
t1=$(cat out2.failed 2>/dev/null || now_ms)
log "read ended with status $rc $((t1 - t0)) ms after the kill: $(cat err2)"
check_eq 1 "$rc" "read status while the server is gone"
[ $((t1 - t0)) -le $((to * 3000)) ] || _failed "read failed only after $((t1 - t0)) ms"
check_grep 'Host is down|Input/output error' err2
check_fails cat "$SMB1FS_MNT/hello.txt"

# 3. smbd back: the worker's next attempt (at most 8 s later) succeeds
assert_ok smbd_restart
ok=0
for _ in $(seq 1 40); do
	cmp -s "$SMB1FS_SHARE_DIR/hello.txt" "$SMB1FS_MNT/hello.txt" && { ok=1; break; }
	sleep 0.5
done
check_eq 1 "$ok" "mount usable after smbd came back"
check_ok cmp "$SMB1FS_SHARE_DIR/big2.bin" "$SMB1FS_MNT/big2.bin"
check_eq 2 "$(smb1fs_stat reconnects)" "reconnects"
check_eq 0 "$(smb1fs_idle_slots)" "slots held after all reads"
assert_ok umount "$SMB1FS_MNT"
rm -f "$SMB1FS_SHARE_DIR/big.bin" "$SMB1FS_SHARE_DIR/big2.bin"
check_grep 'reconnected to 127.0.0.1' <(dmesg_since "$mark")
check_kernel_clean "$mark"
