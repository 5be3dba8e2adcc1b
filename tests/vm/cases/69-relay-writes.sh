# SPDX-License-Identifier: GPL-2.0
# Writes through the mutating relay: tests/vm/relay.py sits between
# smb1fs and smbd on the read-write share and, with a seeded generator,
# damages about one reply in twelve (one in 25 on the debug kernel) to a
# request that changes something
# (NT_CREATE_ANDX, WRITE_ANDX, FLUSH, CLOSE, RENAME, DELETE, SET_PATH/
# FILE_INFORMATION, ...): bytes replaced, the reply cut short, a forged
# error reply instead, the reply twice, or none at all; other replies are
# damaged now and then (one in fifty).  Round after round it mounts
# through itself (soft, timeout=3; 10 on the debug kernel), creates
# files one after the other, writes each in pieces of up to 300 KiB (a
# write-back of several WRITE_ANDX in flight), truncates some, fsyncs
# most and closes them, then truncates by name, renames and unlinks.  Every call must end within
# its bound (60 s: no hang), failures must be errnos, and a file whose
# every call succeeded, the fsync and the close included, must be on the
# server (read in the exported directory) exactly as written: an error
# may be reported for data that did arrive, never success for data that
# did not.  A successful rename or unlink shows on the server.  Every
# mount comes off, the module unloads, the kernel log stays clean.  The
# seed is in this log, every act of the relay in relay.log;
# SMB1FS_RELAY_SEED=N repeats a run (as far as the timing allows).
# About 45 s of writes on the stock kernels, 30 s on the debug kernel
# (SMB1FS_RELAY_TIME overrides).
module_load
mark=$(kmsg_mark)
d=$SMB1FS_SHARE_DIR/relayw
rm -rf "$d"
mkdir -p "$d"
chmod 777 "$d"

secs=${SMB1FS_RELAY_TIME:-45}
to=3 wrate=0.08
# there smbd takes longer than 3 s to answer a new connection's NEGOTIATE;
# each reply dropped costs the 10 s of the timeout, so that only a few
# files are written in 30 s: fewer damaged write replies, so that one
# file at least comes through whole to be checked
[ "$VM_FLAVOR" = debug ] && secs=${SMB1FS_RELAY_TIME:-30} to=10 wrate=0.04
seed=${SMB1FS_RELAY_SEED:-$((RANDOM * 32768 + RANDOM))}
check_ok /usr/bin/python3 "$SMB1FS_ROOT/tests/vm/relay.py" --listen 4545 \
	--server 127.0.0.1:445 --seed "$seed" --rate 0.02 --write-rate "$wrate" \
	--log "$SMB1FS_CASE_OUT/relay.log" --duration "$secs" --bound 60 \
	--writes "$d" --exercise "$SMB1FS_RW_SHARE" "$SMB1FS_MNT" \
	"username=$SMB1FS_USER,password=$SMB1FS_PASS,soft,timeout=$to,actimeo=0" \
	relayw
grep -q '^writes: .*, [1-9][0-9]* server checks' <<<"$RUN_OUT" ||
	_failed "no file came through whole: nothing was checked"
umount_all
check_no_grep " $SMB1FS_MNT " /proc/mounts
module_unload
rm -rf "$d"
check_kernel_clean "$mark"
