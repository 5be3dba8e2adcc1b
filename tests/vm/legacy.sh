# SPDX-License-Identifier: GPL-2.0
# The dialect x authentication matrix (sourced by the cases 40 and 42): a
# second smbd, configured per row for one dialect (server max protocol
# NT1, LANMAN2, LANMAN1) and one way of checking passwords (NTLMv2 only
# in NTLMSSP, as Samba does by default, raw NTLMv2, NTLMv1, LM, plain
# text), serves a small tree; smb1fs mounts it with each sec= and must
# read it back exactly, or fail with the message that names the option
# that would allow it.  For every row the kernel's cifs client (vers=1.0)
# is tried as well, and what it did is recorded in matrix.txt (the
# README's table).  legacy_matrix DIALECT... runs the rows.

base=/tmp/smb-legacy
port=4445
exp=$base/export
conf=$base/smb.conf
mkdir -p "$exp/SUBDIR"
chmod 755 "$base" "$exp" "$exp/SUBDIR"

# 8.3 names, so the core protocol's SEARCH shows them unchanged
printf 'Hello from a LAN Manager share.\n' >"$exp/README.TXT"
head -c 200000 /dev/urandom >"$exp/DATA.BIN"
: >"$exp/EMPTY.TXT"
printf 'nested\n' >"$exp/SUBDIR/NESTED.TXT"
# a name outside ASCII: OEM code page 437 on the wire without Unicode
printf 'umlaut\n' >"$exp/$(printf '\xc3\x84BC.TXT')"
(cd "$exp" && find . -type f | sort | xargs sha256sum) >want.sums

# $1 dialect (NT1, LANMAN2, LANMAN1), $2 server auth (ntlmv2, ntlm,
# lanman, plaintext)
legacy_smbd() {
	local enc=yes ntlm=ntlmv2-only lm=no raw=yes
	case $2 in
	ntlmssp) raw=no ;;	# Samba's default: NTLMv2 only inside NTLMSSP
	ntlm) ntlm=yes ;;
	lanman) ntlm=yes lm=yes ;;
	# Samba checks a plain-text password by computing an LM
	# response from it
	plaintext) enc=no ntlm=yes lm=yes ;;
	esac
	extra_smbd "$base" "$port" old <<EOF
	workgroup = WORKGROUP
	netbios name = LEGACYVM
	server min protocol = LANMAN1
	server max protocol = $1
	client min protocol = LANMAN1
	encrypt passwords = $enc
	ntlm auth = $ntlm
	lanman auth = $lm
	raw NTLMv2 auth = $raw
	dos charset = CP437
EOF
}

legacy_smbd_stop() {
	smbd_stop "$base"
}

# The tree under the mount point against the export, byte for byte.
# The core protocol's SEARCH shows only 8.3 names in ASCII; the server
# replaces others with made-up ones, so LANMAN1 is compared without them.
tree_matches() {
	(cd "$SMB1FS_MNT" && find . -type f | sort | xargs sha256sum) \
		>got.sums 2>got.err
	if [ "$1" = LANMAN1 ]; then
		LC_ALL=C grep -v '[^ -~]' want.sums >want-core.sums
		LC_ALL=C grep -v '[^ -~]' got.sums | grep -v '~' >got-core.sums
		cmp -s want-core.sums got-core.sums
	else
		cmp -s want.sums got.sums
	fi
}

case_mark=$(kmsg_mark)
opts="username=u,password=p,port=$port"
printf '%-8s %-10s %-10s %-18s %s\n' dialect server sec smb1fs \
	'cifs vers=1.0' >matrix.txt

# The kernel's own client against the server as it is set up, for the
# record; it has no sec= below ntlmv2 any more, so it is tried as it
# comes.  $1: dialect
cifs_try() {
	cifs=no
	if mount -t cifs //127.0.0.1/old "$SMB1FS_MNT" \
		-o "$opts,vers=1.0" 2>/dev/null; then
		cifs=yes
		tree_matches "$1" || cifs=wrong-data
		umount "$SMB1FS_MNT"
	fi
}

# $1 dialect, $2 server auth, $3 sec=, $4 expected: ok, record (not
# asserted) or the message of a refused mount
row() {
	local dialect=$1 auth=$2 sec=$3 want=$4 got mark
	mark=$(kmsg_mark)
	if mount -t smb1fs "//127.0.0.1/old" "$SMB1FS_MNT" \
		-o "$opts,sec=$sec" 2>mount.err; then
		if tree_matches "$dialect"; then
			got=ok
		else
			got=wrong-data
			diff want.sums got.sums | head -n 10 | sed 's/^/  | /'
			cat got.err
		fi
		grep -q ' smb1fs ' /proc/self/mounts || got=not-mounted
		# df: each dialect's own request for the sizes
		# shellcheck disable=SC2046
		set -- $(stat -f -c '%b %S' "$SMB1FS_MNT")
		[ "${1:-0}" -gt 0 ] && [ "${2:-0}" -gt 0 ] ||
			{ got=no-df; stat -f "$SMB1FS_MNT"; }
		umount "$SMB1FS_MNT" || got=umount-failed
	else
		got=failed
	fi
	dmesg_since "$mark" >row.dmesg
	if [ "$want" = record ]; then
		:	# recorded in the table only
	elif [ "$want" = ok ]; then
		check_eq ok "$got" "smb1fs on $dialect/$auth with sec=$sec" ||
			{ cat mount.err; sed 's/^/  | /' row.dmesg; }
	else
		check_eq failed "$got" "smb1fs on $dialect/$auth with sec=$sec"
		# mount(8) shows the kernel's reason only through the new
		# mount API; the kernel log has it either way
		check_grep "smb1fs: .*$want" row.dmesg
		got="no ($want)"
	fi

	printf '%-8s %-10s %-10s %-18s %s\n' "$dialect" "$auth" "$sec" \
		"$got" "$cifs" >>matrix.txt
}

legacy_matrix() {
for dialect in "$@"; do
	auths="ntlmv2 ntlm lanman plaintext"
	[ $dialect = NT1 ] && auths="ntlmssp $auths"
	# The debug kernel runs each smb1fs path once: on a LAN Manager
	# dialect the LM server takes both the LM response and NTLMv1 in
	# the one password field, and refusals look alike whatever the
	# server checks.  The cifs column is the stock kernel's record.
	light && [ $dialect != NT1 ] &&
		auths="lanman plaintext"
	for auth in $auths; do
		if ! legacy_smbd "$dialect" "$auth"; then
			fail "smbd did not start for $dialect/$auth"
			cat "$base"/log/* 2>/dev/null | tail -n 20
			continue
		fi
		cifs="not tried"
		[ "$VM_FLAVOR" = debug ] || cifs_try "$dialect"
		case $dialect/$auth in
		NT1/ntlmssp)
			row $dialect $auth auto ok
			row $dialect $auth ntlmssp ok
			row $dialect $auth ntlmv2 "mount without sec=ntlmv2"
			;;
		NT1/ntlmv2)
			# the raw NTLMv2 path has this row of its own
			row $dialect $auth ntlmv2 ok
			row $dialect $auth auto ok
			row $dialect $auth ntlm "login failed"
			;;
		NT1/ntlm)
			row $dialect $auth ntlm ok
			row $dialect $auth auto ok
			;;
		NT1/lanman)
			row $dialect $auth lanman ok
			;;
		*/plaintext)
			# Samba 4.17 refuses every plain-text login here
			# (it checks an LM response it makes itself); the
			# outcome is recorded, not asserted
			row $dialect $auth plaintext record
			row $dialect $auth lanman "sec=plaintext"
			;;
		*/ntlmv2)
			# one password field: no room for NTLMv2
			row $dialect $auth ntlm "login failed"
			row $dialect $auth auto "sec=ntlm"
			;;
		*/ntlm)
			# NTLMv1 in the one password field, as smbclient
			row $dialect $auth ntlm ok
			row $dialect $auth lanman "login failed"
			row $dialect $auth auto "sec=ntlm"
			;;
		*/lanman)
			row $dialect $auth lanman ok
			row $dialect $auth ntlm ok
			;;
		esac
	done
done
legacy_smbd_stop
cat matrix.txt
cp matrix.txt "$SMB1FS_CASE_OUT/" 2>/dev/null
check_kernel_clean "$case_mark"
}
