# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12
# The echo watchdog counts silence from the last byte received, not from
# the start of a reply: on a slow link (netem, 2 Mbit/s) with
# echo_interval=2, each 1 MiB READ_ANDX reply takes about four seconds
# to arrive, more than the interval of silence, the probe and the
# interval after it that take a link for dead, yet the data keeps
# coming: no reconnect, every byte right.  Two-second intervals leave a
# loaded host room for an echo's answer.  Skipped where the kernel has
# no sch_netem.
module_load
mark=$(kmsg_mark)
modprobe -q sch_netem 2>/dev/null
if ! tc qdisc add dev lo root netem rate 2mbit 2>tc.err; then
	skip "no netem qdisc in this kernel ($(cat tc.err))"
fi
trap 'rc=$?; tc qdisc del dev lo root 2>/dev/null; (exit $rc); _finish' EXIT
head -c 3M /dev/urandom >"$SMB1FS_SHARE_DIR/slow.bin"
assert_ok mount -t smb1fs "$SMB1FS_SHARE" "$SMB1FS_MNT" \
	-o "username=$SMB1FS_USER,password=$SMB1FS_PASS,rsize=1048576,echo_interval=2"
t0=$SECONDS
check_ok cmp "$SMB1FS_SHARE_DIR/slow.bin" "$SMB1FS_MNT/slow.bin"
log "3 MiB in $((SECONDS - t0)) s"
check_eq 0 "$(smb1fs_stat reconnects)" "reconnects"
dmesg_since "$mark" >echo.dmesg
check_no_grep 'server silent' echo.dmesg
assert_ok umount "$SMB1FS_MNT"
tc qdisc del dev lo root
rm -f "$SMB1FS_SHARE_DIR/slow.bin"
check_kernel_clean "$mark"
