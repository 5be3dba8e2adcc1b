# SPDX-License-Identifier: GPL-2.0
# Random damage to a real server's replies: tests/vm/relay.py sits
# between smb1fs and smbd and replaces random bytes in about one reply in
# ten (header, parameter words, data, now and then the NetBIOS length),
# while it mounts the password share through itself round after round,
# lists a small tree, stats every entry, reads some files, unmounts.
# Each mount and operation may succeed or fail, but must end within
# its bound (timeout=3 on the mount: a reply that is lost ends its
# request), a failed mount leaves nothing mounted, and every mount comes
# off again.  Then the module must unload and the kernel log be clean.
# The seed is in this log (and every mutation in relay.log): a run is
# repeated, as far as the timing allows, with SMB1FS_RELAY_SEED=N given
# to vmtest.sh.  About 45 s of mutation on the stock kernels, 25 s on the
# debug kernel (SMB1FS_RELAY_TIME overrides).
module_load
mark=$(kmsg_mark)

# the tree: small files (one chained OPEN_ANDX and READ_ANDX each), files
# of several reads, a directory of several FIND_NEXT2 rounds
/usr/bin/python3 - "$SMB1FS_SHARE_DIR/relay" <<'PY' || fail "relay tree"
import os, sys
top = sys.argv[1]
os.makedirs(os.path.join(top, 'many'), exist_ok=True)
os.makedirs(os.path.join(top, 'sub'), exist_ok=True)
for name, size in (('small.txt', 100), ('mid.bin', 70000),
                   ('big.bin', 300000), ('sub/inner.txt', 5000)):
    with open(os.path.join(top, name), 'wb') as f:
        f.write(bytes((i * 7 + 3) & 0xff for i in range(size)))
for i in range(150):
    with open(os.path.join(top, 'many', 'entry-%03d.txt' % i), 'w') as f:
        f.write('%d\n' % i)
PY

secs=${SMB1FS_RELAY_TIME:-45}
light && secs=${SMB1FS_RELAY_TIME:-25}
seed=${SMB1FS_RELAY_SEED:-$((RANDOM * 32768 + RANDOM))}
check_ok /usr/bin/python3 "$SMB1FS_ROOT/tests/vm/relay.py" --listen 4545 \
	--server 127.0.0.1:445 --seed "$seed" --rate 0.1 \
	--log "$SMB1FS_CASE_OUT/relay.log" --duration "$secs" --bound 60 \
	--exercise "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	"username=$SMB1FS_USER,password=$SMB1FS_PASS,timeout=3,actimeo=0" relay
umount_all
check_no_grep " $SMB1FS_MNT " /proc/mounts
module_unload
check_kernel_clean "$mark"
