# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1
# A hard mount whose server stops answering (every smbd stopped with
# SIGSTOP, the listener too) while a file larger than the kernel's dirty
# threshold is written: the writer is held back by the mount's own dirty
# limit (its bdi's max_ratio, a quarter of the threshold, strictly
# applied), so the mount's dirty and in-flight pages stay well under the
# machine's threshold (/proc/vmstat nr_dirty_threshold) and other
# writers are not throttled behind it; other processes go on.  Once the
# server answers again the writer finishes, fsync succeeds and the file
# on the server is whole.
module_load
mark=$(kmsg_mark)
d=$SMB1FS_SHARE_DIR/dead
rm -rf "$d"
mkdir -p "$d"
chmod 777 "$d"
mib=768
assert_ok mount -t smb1fs "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,hard,echo_interval=2"
check_ok sh -c "echo first >$SMB1FS_MNT/dead/first"
bdi=$(ls -d /sys/class/bdi/smb1fs-* 2>/dev/null | head -n 1)
check_eq 25 "$(cat "$bdi/max_ratio" 2>/dev/null)" "the mount's max_ratio"

# the writer: the same 1 MiB block of a seeded generator, mib times
python3 - "$SMB1FS_MNT/dead/big" "$mib" >writer.out 2>&1 <<'PYEOF' &
import os, random, sys, time
block = random.Random(72).randbytes(1 << 20)
fd = os.open(sys.argv[1], os.O_CREAT | os.O_WRONLY | os.O_TRUNC)
# a first part while the server answers: the mount earns its share of
# the dirty threshold by the writeback it completes
for i in range(192):
    os.write(fd, block)
os.fsync(fd)
print("open", flush=True)
while not os.path.exists("go"):
    time.sleep(0.1)
for i in range(192, int(sys.argv[2])):
    os.write(fd, block)
print("written", flush=True)
os.fsync(fd)
os.close(fd)
print("done", flush=True)
PYEOF
writer=$!
# the file is open and partly written; then the server stops
for _ in $(seq 1 600); do
	grep -q open writer.out && break
	sleep 0.5
done
check_grep open writer.out
stopped=$(pgrep -x smbd | tr '\n' ' ')
[ -n "$stopped" ] || fail "no smbd running"
kill -STOP $stopped
cleanup() { kill -CONT $stopped 2>/dev/null; }
trap 'rc=$?; cleanup; (exit $rc); _finish' EXIT
touch go

# 30 s of a dead server: the writer waits, memory does not fill
peak=0 limit=0 avail_min=
for _ in $(seq 1 30); do
	sleep 1
	read -r dirty wb thr < <(awk '$1 == "nr_dirty" { d = $2 }
		$1 == "nr_writeback" { w = $2 }
		$1 == "nr_dirty_threshold" { t = $2 }
		END { print d, w, t }' /proc/vmstat)
	avail=$(awk '$1 == "MemAvailable:" { print int($2 / 1024) }' /proc/meminfo)
	[ $((dirty + wb)) -gt "$peak" ] && peak=$((dirty + wb)) limit=$thr
	[ -z "$avail_min" ] || [ "$avail" -lt "$avail_min" ] && avail_min=$avail
done
log "dirty+writeback peak $((peak / 256)) MiB, threshold $((limit / 256)) MiB, MemAvailable at least $avail_min MiB"
kill -0 $writer 2>/dev/null || _failed "the writer finished against a stopped server"
grep -q done writer.out && _failed "fsync returned against a stopped server"
# a quarter of the threshold, and a margin for pages already under
# writeback when the writer was held back and for the rest of the system
[ "$peak" -gt 0 ] || _failed "no dirty pages seen"
[ "$peak" -le $((limit * 4 / 10 + 4096)) ] ||
	_failed "dirty pages reached $((peak / 256)) MiB of a threshold of $((limit / 256)) MiB"
[ "$avail_min" -ge 512 ] || _failed "MemAvailable fell to $avail_min MiB"
check_ok timeout 10 ls / >/dev/null

kill -CONT $stopped
ok=0
for _ in $(seq 1 600); do
	kill -0 $writer 2>/dev/null || { ok=1; break; }
	sleep 1
done
check_eq 1 "$ok" "the writer finished once the server answered again"
wait $writer
check_eq 0 "$?" "the writer's status"
check_grep done writer.out
check_ok python3 - "$d/big" "$mib" <<'PYEOF'
import random, sys
block = random.Random(72).randbytes(1 << 20)
with open(sys.argv[1], "rb") as f:
    for i in range(int(sys.argv[2])):
        if f.read(1 << 20) != block:
            sys.exit(f"MiB {i} differs")
    if f.read(1):
        sys.exit("longer than written")
PYEOF
check_eq first "$(cat "$d/first")" "the file written before"
assert_ok umount "$SMB1FS_MNT"
rm -rf "$d"
check_kernel_clean "$mark"
