# SPDX-License-Identifier: GPL-2.0
# Message signing.  A second smbd (NT1 only) with "server signing =
# mandatory" and Samba's defaults otherwise drops the connection at the
# first request after the login that is not signed right: smb1fs mounts
# it with no sec= (NTLMSSP, chosen from the negotiate reply) and reads
# files back byte for byte, among them one of 3 MiB (1 MiB on the debug
# kernel), also with rsize=65536 (many signed READ_ANDX in flight).
# Samba 4.17 starts signing only for NTLMSSP logins: after a raw NTLMv2
# or NTLMv1 login (allowed for these rows only) it accepts our signed
# requests but does not sign its replies, which smb1fs must refuse (the
# first one, to the tree connect, fails the mount).  Against the same
# smbd with signing disabled, "sign" fails the mount with its message;
# with signing allowed but not required, "sign" turns it on.  The
# kernel's cifs client (vers=1.0) is tried on the mandatory server for
# comparison.  (The NTLMv1 key is checked against the fake server in
# 39-signing-fake.)
module_load
mark=$(kmsg_mark)

base=/tmp/smb-sign
port=4446
exp=$base/export
conf=$base/smb.conf
mkdir -p "$exp/sub"
chmod 755 "$base" "$exp" "$exp/sub"
printf 'signed hello\n' >"$exp/hello.txt"
big=3145728
light && big=1048576
head -c $big /dev/urandom >"$exp/big.bin"
head -c 70000 /dev/urandom >"$exp/sub/mid.bin"
: >"$exp/empty.txt"
(cd "$exp" && find . -type f | sort | xargs sha256sum) >want.sums

# $1: the "server signing" setting; $2: "raw" to accept raw NTLMv2 and
# NTLMv1 logins as well
sign_smbd() {
	local raw=
	[ "${2:-}" = raw ] &&
		raw=$'\tntlm auth = yes\n\traw NTLMv2 auth = yes'
	extra_smbd "$base" "$port" signed <<EOF && return 0
	workgroup = WORKGROUP
	netbios name = SIGNVM
	server min protocol = NT1
	server max protocol = NT1
	server signing = $1
$raw
EOF
	cat "$base"/log/* 2>/dev/null | tail -n 20
	fail "smbd did not start or listen (server signing = $1)"
}

sign_smbd_stop() {
	smbd_stop "$base"
}
trap 'rc=$?; sign_smbd_stop; (exit $rc); _finish' EXIT

src=//127.0.0.1/signed
opts="username=u,password=p,port=$port"

# $1: what; $2: mount options.  Mount, read everything back, unmount.
signed_read() {
	local what=$1 o=$2
	if ! out=$(mount -t smb1fs "$src" "$SMB1FS_MNT" -o "$o" 2>&1); then
		_failed "$what: mount failed: $out"
		return 1
	fi
	check_grep "^$src $SMB1FS_MNT smb1fs .*,sign" /proc/self/mounts
	case $o in
	*sec=*) ;;
	*) check_grep "^$src $SMB1FS_MNT smb1fs .*,sec=auto," /proc/self/mounts ;;
	esac
	(cd "$SMB1FS_MNT" && find . -type f | sort | xargs sha256sum) \
		>got.sums 2>got.err
	if ! cmp -s want.sums got.sums; then
		_failed "$what: files differ"
		diff want.sums got.sums | head -n 10 | sed 's/^/  | /'
		sed 's/^/  | /' got.err
	fi
	check_ok umount "$SMB1FS_MNT"
}

sign_smbd mandatory
signed_read "no sec=" "$opts"
signed_read "no sec=, rsize=65536" "$opts,rsize=65536"
signed_read "NTLMSSP, sign" "$opts,sec=ntlmssp,sign"

# unsigned replies after a raw login are refused (on the stock kernels:
# the debug kernel has a bad signature refused in 25 and 39)
raw_secs="ntlmv2 ntlm"
[ "${VM_FLAVOR:-}" = debug ] && raw_secs=
[ -n "$raw_secs" ] && sign_smbd mandatory raw
for sec in $raw_secs; do
	m=$(kmsg_mark)
	check_fails mount -t smb1fs "$src" "$SMB1FS_MNT" -o "$opts,sec=$sec"
	dmesg_since "$m" >raw-$sec.dmesg
	check_grep 'smb1fs: bad signature on the reply to command 0x75' \
		raw-$sec.dmesg
	# what Samba's own client makes of it, for the record
	if [ "$sec" = ntlm ] && command -v smbclient >/dev/null; then
		if smbclient -s "$conf" -p "$port" -U u%p -m NT1 \
			--option='client use spnego = no' \
			--option='client ntlmv2 auth = no' \
			--option='client signing = required' \
			"$src" -c 'get hello.txt smbclient.txt' >smbclient.log 2>&1 &&
			cmp -s smbclient.txt "$exp/hello.txt"; then
			log "smbclient, raw NTLMv1, signing required: works"
		else
			log "smbclient, raw NTLMv1, signing required: fails:" \
				"$(tail -n 1 smbclient.log)"
		fi
	fi
done

# the kernel's cifs client, for comparison (not on the debug kernel)
if [ "${VM_FLAVOR:-}" != debug ] && modprobe cifs 2>/dev/null; then
	mkdir -p cifs
	if mount -t cifs "$src" cifs -o "$opts,vers=1.0" 2>cifs.err; then
		(cd cifs && find . -type f | sort | xargs sha256sum) \
			>cifs.sums 2>&1
		if cmp -s want.sums cifs.sums; then
			log "cifs vers=1.0: mounts the mandatory-signing server, data ok"
		else
			log "cifs vers=1.0: mounts the mandatory-signing server, data differs"
		fi
		umount cifs
	else
		log "cifs vers=1.0: does not mount: $(cat cifs.err)"
	fi
fi

sign_smbd disabled
m=$(kmsg_mark)
check_fails mount -t smb1fs "$src" "$SMB1FS_MNT" -o "$opts,sign"
dmesg_since "$m" >nosign.dmesg
check_grep 'smb1fs: server does not support message signing; mount without sign' \
	nosign.dmesg
if mount -t smb1fs "$src" "$SMB1FS_MNT" -o "$opts" 2>mount.err; then
	check_no_grep "^$src $SMB1FS_MNT smb1fs .*,sign" /proc/self/mounts
	check_ok cmp "$exp/hello.txt" "$SMB1FS_MNT/hello.txt"
	check_ok umount "$SMB1FS_MNT"
else
	_failed "mount without sign on a server without signing: $(cat mount.err)"
fi

# allowed, not required: only sign turns it on
sign_smbd auto
signed_read "sign on a server that allows it" "$opts,sign"
if mount -t smb1fs "$src" "$SMB1FS_MNT" -o "$opts" 2>mount.err; then
	check_no_grep "^$src $SMB1FS_MNT smb1fs .*,sign" /proc/self/mounts
	check_ok umount "$SMB1FS_MNT"
else
	_failed "mount without sign on a server that allows signing: $(cat mount.err)"
fi

sign_smbd_stop
check_kernel_clean "$mark"
