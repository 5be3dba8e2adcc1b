# SPDX-License-Identifier: GPL-2.0
# The reference server is up and speaks SMB1 (NT1): smbclient, limited to
# NT1, lists both shares and reads a file from each.
# kernels: 6.1 6.12
# Not on the debug kernel: no smb1fs code runs here, and there Samba's
# RPC helpers alone take minutes to start.
nt1=(-s "$SMB1FS_SMBCONF" --option='client max protocol=NT1' -t 180)

assert_ok smbclient "${nt1[@]}" -L "$SMB1FS_SERVER" -U "$SMB1FS_USER%$SMB1FS_PASS"
grep -qE '^[[:space:]]+share[[:space:]]+Disk' <<<"$RUN_OUT" || fail "share not listed"
grep -qE '^[[:space:]]+guest[[:space:]]+Disk' <<<"$RUN_OUT" || fail "guest not listed"

assert_ok smbclient "${nt1[@]}" "$SMB1FS_SHARE" -U "$SMB1FS_USER%$SMB1FS_PASS" \
	-c "get hello.txt $PWD/hello.txt"
assert_same_file "$SMB1FS_SHARE_DIR/hello.txt" hello.txt

assert_ok smbclient "${nt1[@]}" "$SMB1FS_GUEST" -N -c "get readme.txt $PWD/readme.txt"
assert_same_file "$SMB1FS_GUEST_DIR/readme.txt" readme.txt

# A wrong password is refused.
assert_fails smbclient "${nt1[@]}" "$SMB1FS_SHARE" -U "$SMB1FS_USER%wrong" -c ls
