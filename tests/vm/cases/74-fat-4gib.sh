# SPDX-License-Identifier: GPL-2.0
# Writes near 2 GiB and 4 GiB on a FAT32 volume, played by the fake
# server (its files kept sparse): "fat32" has CAP_LARGE_FILES (14-word
# WRITE_ANDX, 64-bit offsets) and refuses a write that would take a file
# past 4 GiB - 1 with STATUS_DISK_FULL, as Windows does on FAT32;
# "fat32-small" has no CAP_LARGE_FILES (12-word WRITE_ANDX, 32-bit
# offsets), so the client ends files at 4 GiB - 1 itself.  Both refuse
# every write to a file named full* as a full volume (fat32-small with
# the DOS error ERRHRD/ERRdiskfull).  Checked: a write at 2 GiB + 12345
# lands there (the server's write offsets lie at 2 GiB and below 4 GiB
# only, no wrapped or sign-extended offset, and the data reads back on a
# new mount, the hole before it zero); 9 bytes at 4 GiB - 10 (ending at
# 4 GiB - 1) are written on both; 20 bytes there give EFBIG: at fsync
# where the server refuses the write (fat32), at the second pwrite after
# a short one of 9 bytes where the client ends the file (fat32-small,
# s_maxbytes); a full disk below 4 GiB stays ENOSPC; the file's size on
# the server stays 4 GiB - 1.
. "$SMB1FS_ROOT/tests/vm/hostile.sh"

mark=$(kmsg_mark)
G2=$((1 << 31))
G4=$((1 << 32))

hs_start fat32 fat32-small

# fat_writes: the offsets of the server's writes to big.dat lie in
# [2 GiB, 2 GiB + 64 KiB) or [4 GiB - 64 KiB, 4 GiB - 1]; together they cover
# [$1, $2)
fat_writes() {
	local i line n off pos more re='wrote ([0-9]+) bytes at ([0-9]+) to big\.dat$'
	local -a offs=() ends=()
	_hs_slog_read
	for ((i = HS_LOGPOS; i < ${#HS_SLOG[@]}; i++)); do
		line=${HS_SLOG[$i]}
		[[ "$line" =~ $re ]] || continue
		n=${BASH_REMATCH[1]} off=${BASH_REMATCH[2]}
		if ! { [ "$off" -ge $G2 ] && [ $((off + n)) -le $((G2 + 65536)) ]; } &&
		   ! { [ "$off" -ge $((G4 - 65536)) ] && [ $((off + n)) -le $((G4 - 1)) ]; }; then
			_hs_fail "a write of $n bytes at $off, outside the ranges written"
		fi
		offs+=("$off") ends+=($((off + n)))
	done
	# the range from its start, write by write (writeback may split it)
	pos=$1 more=1
	while [ "$pos" -lt "$2" ] && [ "$more" = 1 ]; do
		more=0
		for i in "${!offs[@]}"; do
			if [ "${offs[$i]}" -le "$pos" ] && [ "${ends[$i]}" -gt "$pos" ]; then
				pos=${ends[$i]} more=1
			fi
		done
	done
	[ "$pos" -ge "$2" ] || _hs_fail "the server's writes do not cover [$1, $2)"
}

for scen in fat32 fat32-small; do
	hs_begin $scen
	hs_mount
	hs_expect_mount_ok
	[ "$HS_MOUNTED" = 1 ] || { hs_end; continue; }
	f=$HS_DIR/big.dat
	hs_do pwrite "$f" $((G2 + 12345)) 5000
	hs_expect_ok
	at2g=${HS_OUT#wrote=5000 }
	fat_writes $((G2 + 12345)) $((G2 + 17345))
	# ends at 4 GiB - 1: the largest file FAT holds
	hs_do pwrite "$f" $((G4 - 10)) 9
	hs_expect_ok
	at4g=${HS_OUT#wrote=9 }
	fat_writes $((G4 - 10)) $((G4 - 1))
	hs_do pwrite "$f" $((G4 - 10)) 20
	if [ $scen = fat32 ]; then
		hs_check '[ "$HS_OUT" = "EFBIG: File too large (pwrite 20, fsync EFBIG, close ok)" ]' \
			"20 bytes at 4 GiB - 10: $HS_OUT"
		hs_expect_slog 'fired disk full: write of [0-9]+ bytes at [0-9]+ to big\.dat refused$'
		hs_expect_kmsg 'writing [0-9]+ bytes at [0-9]+ of inode [0-9]+ failed \(-27\)'
	else
		hs_check '[ "$HS_OUT" = "EFBIG: File too large (pwrite 9, pwrite EFBIG, fsync ok, close ok)" ]' \
			"20 bytes at 4 GiB - 10: $HS_OUT"
	fi
	# a full volume below 4 GiB
	hs_do pwrite "$HS_DIR/full.dat" $G2 100
	hs_check '[ "$HS_OUT" = "ENOSPC: No space left on device (pwrite 100, fsync ENOSPC, close ok)" ]' \
		"100 bytes at 2 GiB on a full volume: $HS_OUT"
	hs_expect_slog 'fired disk full: write of [0-9]+ bytes at 2147483648 to full\.dat refused$'
	hs_expect_kmsg 'writing [0-9]+ bytes at 2147483648 of inode [0-9]+ failed \(-28\)'
	# what the server holds, read on a new mount
	hs_do umount "$SMB1FS_MNT"
	hs_expect_ok
	hs_mount
	hs_expect_mount_ok
	hs_do stat "$f"
	hs_check '[ "$HS_OUT" = $((G4 - 1)) ]' "size $HS_OUT on the server, want 4 GiB - 1"
	hs_do md5 "$f" $((G2 + 12345)) 5000
	hs_check '[ "$HS_OUT" = "size=5000 $at2g" ]' "at 2 GiB + 12345: $HS_OUT, want $at2g"
	hs_do pread "$f" $G2 12345
	hs_check '[ "$HS_OUT" = "size=12345 zero=1" ]' "the hole before 2 GiB + 12345: $HS_OUT"
	hs_do md5 "$f" $((G4 - 10)) 20
	hs_check '[ "$HS_OUT" = "size=9 $at4g" ]' "at 4 GiB - 10: $HS_OUT, want size=9 $at4g"
	hs_do rm "$f"
	hs_expect_ok
	hs_do rm "$HS_DIR/full.dat"
	hs_expect_ok
	hs_end
done

hs_finish
check_kernel_clean "$mark"
