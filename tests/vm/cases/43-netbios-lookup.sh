# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12
# Finding a server and a share's name as mount.smb1fs(8) tells.  nmbd,
# as a WINS server on 127.0.0.1, knows SMB1FSNB, a name in neither
# /etc/hosts nor DNS: mount -t smb1fs //SMB1FSNB/nbshare with wins=
# mounts the share of the smbd of that name, a name nmbd does not know
# fails with a message that says what was tried; and the smbclient
# command lines of the manual page's "FINDING A SHARE'S NAME", taken
# from the page itself, list the shares of an NT1-only server and of
# LANMAN2 and LANMAN1 servers.  User space only: the stock kernels.
#
# nmbd serves only networks with an address outside 127.0.0.0/8: the
# guest has loopback only, so 10.99.0.1/24 goes onto lo for the case;
# smbd listens there too, and nmbd gives that address for SMB1FSNB.
module_load
helper_install
mark=$(kmsg_mark)
mnt=$SMB1FS_MNT
nbaddr=10.99.0.1
base=/tmp/smb-nbname
lmbase=/tmp/smb-nblanman
port=4453
lmport=4454
page=$SMB1FS_ROOT/Documentation/mount.smb1fs.8

cleanup() {
	local pid
	{ read -r pid <"$base/pid/nmbd.pid"; } 2>/dev/null &&
		kill "$pid" 2>/dev/null
	smbd_stop "$base"
	smbd_stop "$lmbase"
	ip addr del "$nbaddr/24" dev lo 2>/dev/null
}
trap 'rc=$?; cleanup; (exit $rc); _finish' EXIT

assert_ok ip addr add "$nbaddr/24" dev lo
getent hosts SMB1FSNB && fail "SMB1FSNB resolves without NetBIOS"

# --- smbd and nmbd of the name SMB1FSNB, NT1 only
# (nmbd's socket directory, /run/samba/nmbd, is made only below an
# existing /run/samba)
mkdir -p /run/samba
extra_smbd "$base" "$port" nbshare <<EOF || fail "smbd did not start"
	workgroup = WORKGROUP
	netbios name = SMB1FSNB
	server min protocol = NT1
	server max protocol = NT1
	wins support = yes
	dns proxy = no
EOF
printf 'found by its NetBIOS name\n' >"$base/export/nb.txt"
assert_ok nmbd -D -s "$base/smb.conf"
# nmbd registers its names a moment after it starts
for _ in $(seq 1 60); do
	nmblookup -U 127.0.0.1 --recursion SMB1FSNB >nmblookup.out 2>&1 &&
		grep -q "^$nbaddr SMB1FSNB<00>" nmblookup.out && break
	sleep 0.5
done
# the manual's nmblookup -U WINS --recursion NAME
check_grep "^${nbaddr//./\\.} SMB1FSNB<00>" nmblookup.out ||
	tail -n 20 "$base/log/log.nmbd"

# --- mount by the NetBIOS name, asked for at the WINS server
opts="wins=127.0.0.1,port=$port,username=$SMB1FS_USER,password=$SMB1FS_PASS"
assert_ok mount -v -t smb1fs //SMB1FSNB/nbshare "$mnt" -o "$opts"
printf '%s\n' "$RUN_OUT" >verbose.txt
check_grep "SMB1FSNB resolves to ${nbaddr//./\\.} \(NetBIOS name SMB1FSNB<20>, from WINS server 127\.0\.0\.1\)" verbose.txt
check_grep "options: .*servern=SMB1FSNB,ip=${nbaddr//./\\.}\$" verbose.txt
check_no_grep "wins" verbose.txt
assert_same_file "$base/export/nb.txt" "$mnt/nb.txt"
grep " $mnt " /proc/mounts >mounts.txt
check_grep "^//SMB1FSNB/nbshare $mnt smb1fs .*addr=${nbaddr//./\\.},port=$port" mounts.txt
check_no_grep "wins" mounts.txt
assert_ok umount "$mnt"

# a name the WINS server does not know: what was tried, exit 32, fast
t0=$SECONDS
check_fails mount -t smb1fs //SMB1FSNONE/nbshare "$mnt" -o "$opts"
check_eq 32 "$RUN_RC" "exit status for a name nobody knows"
printf '%s\n' "$RUN_OUT" >nohost.txt
check_grep "^mount\.smb1fs: cannot resolve host name SMB1FSNONE: DNS and hosts file: [^;]+; NetBIOS name query to WINS server 127\.0\.0\.1: the name is not registered there; NetBIOS broadcast: no network interface with a broadcast address\$" nohost.txt
[ $((SECONDS - t0)) -le 5 ] ||
	_failed "a negative WINS answer took $((SECONDS - t0)) s"
check_no_grep " $mnt " /proc/mounts

# --- the smbclient lines of the manual page, with the test servers'
# address, port and user
sed -n "/^smbclient \\\\-L /{s/\\\\-/-/g;s/\\\\(aq/'/g;p}" "$page" >doc-lines.txt
cat doc-lines.txt
nt1_cmd=$(grep -e "protocol=NT1'" doc-lines.txt)
lm_cmd=$(grep -e "protocol=LANMAN1'" doc-lines.txt)
[ -n "$nt1_cmd" ] && [ -n "$lm_cmd" ] ||
	fail "no smbclient lines for NT1 and LANMAN1 in mount.smb1fs.8"

# doc_cmd LINE PORT: the line of the page for the server on PORT, as
# user u with its password
doc_cmd() {
	sed -E "s#//[A-Za-z0-9.]+#//127.0.0.1 -p $2#; s#-U [A-Za-z0-9]+#-U $SMB1FS_USER%$SMB1FS_PASS#" <<<"$1"
}

# doc_smbclient LINE PORT SHARE: the line lists SHARE of the server
doc_smbclient() {
	local cmd
	cmd=$(doc_cmd "$1" "$2")
	echo "\$ $cmd"
	eval "timeout 60 $cmd" >smbclient.out 2>&1
	RUN_RC=$?
	sed 's/^/  /' smbclient.out
	check_eq 0 "$RUN_RC" "exit status of: $cmd"
	check_grep "^[[:space:]]+$3[[:space:]]+Disk" smbclient.out
}

doc_smbclient "$nt1_cmd" "$port" nbshare

for proto in LANMAN2 LANMAN1; do
	extra_smbd "$lmbase" "$lmport" lmshare <<EOF || fail "the $proto smbd did not start"
	workgroup = WORKGROUP
	netbios name = LANMANVM
	server min protocol = LANMAN1
	server max protocol = $proto
	lanman auth = yes
	ntlm auth = yes
EOF
	doc_smbclient "$lm_cmd" "$lmport" lmshare
	# the server speaks nothing newer: the NT1 line fails there
	eval "timeout 60 $(doc_cmd "$nt1_cmd" "$lmport")" \
		>nt1-on-lanman.out 2>&1 &&
		_failed "the NT1 line listed the shares of the $proto server"
done

check_kernel_clean "$mark"
