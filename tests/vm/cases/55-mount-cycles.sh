# SPDX-License-Identifier: GPL-2.0
# 300 mount/umount cycles (10 on the debug kernel, where kmemleak checks
# them at the end of the run and each cycle costs seconds), each reading
# a file: unreclaimable slab memory and the smb1fs inode cache come back
# to where they were (the slab figure on the stock kernels only).
# SMB1FS_CYCLES sets the count for a longer run.
# kernels: 6.1 debug
# kmemleak: yes
module_load
mark=$(kmsg_mark)
n=300 warm=10
light && n=10 warm=3
n=${SMB1FS_CYCLES:-$n}
opts="username=$SMB1FS_USER,password=$SMB1FS_PASS"
cycle() {
	mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" -o "$opts" || return 1
	cat "$SMB1FS_MNT/hello.txt" >/dev/null || { umount "$SMB1FS_MNT"; return 1; }
	umount "$SMB1FS_MNT"
}
slab() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	sleep 1
	awk '/^SUnreclaim:/ { print $2 }' /proc/meminfo
}
# KASAN keeps freed objects in its quarantine, where the slab still
# counts them; shrinking the cache empties its part of the quarantine.
inodes() {
	echo 1 2>/dev/null >/sys/kernel/slab/smb1fs_inode_cache/shrink
	awk '$1 == "smb1fs_inode_cache" { print $2 }' /proc/slabinfo
}
for i in $(seq 1 $warm); do
	cycle || fail "warm-up cycle $i failed"
done
s0=$(slab)
i0=$(inodes)
t0=$SECONDS
failed=0
for i in $(seq 1 $n); do
	cycle || failed=$((failed + 1))
done
log "$n cycles in $((SECONDS - t0)) s, $failed failed"
check_eq 0 "$failed" "failed cycles"
s1=$(slab)
i1=$(inodes)
log "SUnreclaim ${s0} kB -> ${s1} kB; smb1fs inodes ${i0:-?} -> ${i1:-?}"
# less than 256 bytes a cycle: a leak of anything per mount shows.  Not
# on the debug kernel, where KASAN's quarantine of every cache (up to
# 1/32 of the memory) stays counted; kmemleak judges there.
[ "$VM_FLAVOR" = debug ] ||
	[ $(((s1 - s0) * 1024)) -lt $((n * 256 + 512 * 1024)) ] ||
	_failed "unreclaimable slab grew by $((s1 - s0)) kB over $n cycles"
[ -z "$i0" ] || [ "${i1:-0}" -le "$((i0 + 4))" ] ||
	_failed "smb1fs inodes $i0 -> $i1"
check_ok rmmod smb1fs
check_kernel_clean "$mark"
