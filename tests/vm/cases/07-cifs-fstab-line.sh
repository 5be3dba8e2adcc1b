# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12
# A cifs user's fstab line works as it is: the options of a cifs setup
# (vers=1.0, sec=ntlm, nounix, noserverino, uid= and gid= by name, noperm,
# cache=strict, nobrl, iocharset=utf8, workgroup=) mount a server that
# takes NTLMv1, through the mount helper and from /etc/fstab; an option
# that cannot apply fails with one message naming it.  User space and
# option parsing only: the stock kernels (06 has the kernel's paths on
# the debug one).
module_load
helper_install
mark=$(kmsg_mark)
mnt=$SMB1FS_MNT

base=/tmp/smb-cifsline
port=4447
mkdir -p "$base/export"
chmod 755 "$base" "$base/export"
printf 'from a NAS that takes NTLMv1\n' >"$base/export/nas.txt"
printf '\tworkgroup = WG\n\tnetbios name = NASVM\n\tserver min protocol = NT1\n\tntlm auth = yes\n' |
	extra_smbd "$base" "$port" nas || fail "smbd did not start"
cp /etc/fstab fstab.saved
trap 'rc=$?; cp fstab.saved /etc/fstab; smbd_stop "$base"; (exit $rc); _finish' EXIT

id alice >/dev/null 2>&1 || assert_ok useradd -M -s /usr/sbin/nologin alice
alice=$(id -u alice)
users=$(getent group users | cut -d: -f3)
[ -n "$users" ] || fail "no group users"

line="vers=1.0,sec=ntlm,nounix,noserverino,uid=alice,gid=users,noperm,cache=strict,nobrl,iocharset=utf8,workgroup=WG"
creds="username=$SMB1FS_USER,password=$SMB1FS_PASS,port=$port"
assert_ok mount -t smb1fs //localhost/nas "$mnt" -o "$line,$creds"
assert_same_file "$base/export/nas.txt" "$mnt/nas.txt"
grep " $mnt " /proc/mounts >mounts.txt
check_grep ",uid=$alice,gid=$users," mounts.txt
check_grep ",sec=ntlm[, ]" mounts.txt
check_grep ",domain=WG[, ]" mounts.txt
check_grep ",noperm[, ]" mounts.txt
check_eq "$alice:$users" "$(stat -c %u:%g "$mnt/nas.txt")" "owner of a file"
assert_ok umount "$mnt"

# the same line in /etc/fstab
printf '//localhost/nas %s smb1fs %s,%s 0 0\n' "$mnt" "$line" "$creds" \
	>>/etc/fstab
assert_ok mount "$mnt"
assert_same_file "$base/export/nas.txt" "$mnt/nas.txt"
assert_ok umount "$mnt"
cp fstab.saved /etc/fstab

# cifs options smb1fs cannot honour: one message naming each
# (the helper prints the kernel's message)
for o in seal multiuser vers=3.0 cache=none; do
	check_fails mount -t smb1fs //localhost/nas "$mnt" -o "$creds,$o"
	printf '%s\n' "$RUN_OUT" >refused.err
	check_grep "${o}.* is not supported" refused.err
done
check_no_grep " $mnt " /proc/mounts
check_kernel_clean "$mark"
