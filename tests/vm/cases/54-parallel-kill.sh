# SPDX-License-Identifier: GPL-2.0
# 100 parallel readers (24 on the debug kernel), a third of them killed
# at random moments: the replies that arrive for them are dropped, the
# others read byte-exact, the requests in flight never exceed the
# server's MaxMpxCount, no slot stays taken, and the module unloads.
# kmemleak: yes
module_load
mark=$(kmsg_mark)
n=100
light && n=24
mkdir -p "$SMB1FS_SHARE_DIR/par"
for i in $(seq 1 10); do
	head -c $((512 * 1024 + i * 4096)) /dev/urandom >"$SMB1FS_SHARE_DIR/par/f$i"
done
[ -w /proc/dynamic_debug/control ] &&
	echo 'module smb1fs format "unknown MID" +p' >/proc/dynamic_debug/control
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,rsize=65536,actimeo=0"
mpx=$(smb1fs_stat max_mpx)
log "server MaxMpxCount $mpx"

pids=()
files=()
for r in $(seq 1 $n); do
	f=f$((RANDOM % 10 + 1))
	cmp -s "$SMB1FS_SHARE_DIR/par/$f" "$SMB1FS_MNT/par/$f" &
	pids+=($!)
	files+=($f)
done
for r in $(seq 1 $((n / 3))); do
	sleep 0.0$((RANDOM % 10))
	kill -9 "${pids[$((RANDOM % n))]}" 2>/dev/null
done
ok=0 killed=0 bad=0
for r in $(seq 0 $((n - 1))); do
	wait "${pids[$r]}"
	case $? in
	0) ok=$((ok + 1)) ;;
	137) killed=$((killed + 1)) ;;
	*) bad=$((bad + 1)); log "reader $r of ${files[$r]} failed" ;;
	esac
done
log "$ok readers read byte-exact, $killed killed, $bad failed"
check_eq 0 "$bad" "readers that read wrong data or failed"
max=$(smb1fs_stat max_inflight)
log "requests in flight at most: $max of $mpx"
[ -n "$max" ] && [ "$max" -ge 1 ] && [ "$max" -le "$mpx" ] ||
	_failed "max_inflight $max against MaxMpxCount $mpx"
check_eq 0 "$(smb1fs_idle_slots)" "slots held after all readers ended"
check_ok cmp "$SMB1FS_SHARE_DIR/par/f1" "$SMB1FS_MNT/par/f1"
log "late replies dropped: $(dmesg_since "$mark" | grep -c 'unknown MID')"
[ -w /proc/dynamic_debug/control ] &&
	echo 'module smb1fs format "unknown MID" -p' >/proc/dynamic_debug/control
assert_ok umount "$SMB1FS_MNT"
rm -rf "$SMB1FS_SHARE_DIR/par"
check_ok rmmod smb1fs
check_kernel_clean "$mark"
