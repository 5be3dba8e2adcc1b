# SPDX-License-Identifier: GPL-2.0
# A bad network (netem on lo: delay with jitter, loss, reordering): every
# byte still arrives exactly.  Skipped where the kernel has no sch_netem.
# kernels: 6.1 6.12 debug
module_load
mark=$(kmsg_mark)
modprobe -q sch_netem 2>/dev/null
if ! tc qdisc add dev lo root netem delay 5ms 3ms loss 1% reorder 10% 50% \
	2>tc.err; then
	skip "no netem qdisc in this kernel ($(cat tc.err))"
fi
trap 'rc=$?; tc qdisc del dev lo root 2>/dev/null; (exit $rc); _finish' EXIT
tc qdisc show dev lo
mib=8
light && mib=2
head -c ${mib}M /dev/urandom >"$SMB1FS_SHARE_DIR/big.bin"
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,rsize=65536"
check_ok cmp "$SMB1FS_SHARE_DIR/big.bin" "$SMB1FS_MNT/big.bin"
check_ok cmp "$SMB1FS_SHARE_DIR/random-1M.bin" "$SMB1FS_MNT/random-1M.bin"
(cd "$SMB1FS_MNT" && sha256sum -c --quiet SHA256SUMS) >sums.out 2>&1
check_eq 0 $? "SHA256SUMS over netem"
check_eq 0 "$(smb1fs_stat reconnects)" "reconnects"
assert_ok umount "$SMB1FS_MNT"
tc qdisc del dev lo root
rm -f "$SMB1FS_SHARE_DIR/big.bin"
check_kernel_clean "$mark"
