#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The demo, inside the VM (tools/vm/demo.sh starts it): serve a sample
# share from Samba, mount it with smb1fs, show it, compare checksums, and
# say plainly whether it worked.  The last line starts with "DEMO RESULT:".
set -u
ko=${1:?usage: guest-demo.sh MODULE.ko}
here=$(cd "$(dirname "$0")" && pwd)
mnt=/mnt

title() {
	printf '\n=== %s\n' "$*"
}

result() {
	printf '\nDEMO RESULT: %s\n' "$*"
}

kernel_log_since() {
	dmesg | sed -n "/$1/,\$p" | sed 1d
}

title "Samba (smbd $(smbd -V 2>/dev/null | sed 's/^Version //'), SMB1/NT1 only) serves //127.0.0.1/share"
. "$here/smbd.sh"
SMB1FS_NO_TREE=1
if ! smbd_start; then
	result "NOT WORKING: smbd did not start (not a problem of smb1fs)"
	exit 1
fi
echo "exported directory $SMB1FS_SHARE_DIR:"
(cd "$SMB1FS_SHARE_DIR" && ls -lR)

title "insmod smb1fs.ko on $(uname -r)"
mark="smb1fs-demo-$$-$RANDOM"
echo "$mark" >/dev/kmsg
modprobe -q libdes 2>/dev/null	# DES, for LM and NTLMv1
if ! insmod "$ko"; then
	kernel_log_since "$mark"
	result "NOT WORKING: the module does not load (see the kernel log above)"
	exit 1
fi
grep smb1fs /proc/filesystems

title "mount -t smb1fs //127.0.0.1/share $mnt -o username=u,password=p"
mkdir -p "$mnt"
if ! mount -t smb1fs //127.0.0.1/share "$mnt" -o username=u,password=p; then
	# mount(8) of util-linux 2.38 prints a generic text; ask mount(2)
	# directly for the precise error.
	err=$(/usr/bin/python3 - "$mnt" <<'EOF'
import ctypes, errno, os, sys
libc = ctypes.CDLL(None, use_errno=True)
r = libc.mount(b"//127.0.0.1/share", sys.argv[1].encode(), b"smb1fs", 0,
               b"username=u,password=p")
if r == 0:
    libc.umount2(sys.argv[1].encode(), 0)
    print("0 none it mounted on the second try")
else:
    e = ctypes.get_errno()
    print(e, errno.errorcode.get(e, "?"), os.strerror(e))
EOF
)
	echo "mount(2) error: $err"
	title "kernel log of the attempt"
	kernel_log_since "$mark" | tee "$VM_OUT/demo-dmesg.txt"
	said=$(grep 'smb1fs: ' "$VM_OUT/demo-dmesg.txt" |
		grep -v -e 'taints kernel' -e 'module verification' |
		tail -n 1 | sed 's/^\[[^]]*\] //')
	case "$(echo "$err" | cut -d' ' -f2)" in
	ENOSYS|EOPNOTSUPP)
		what="part of the mount path is not implemented yet" ;;
	ECONNREFUSED|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET)
		what="the connection to the server (transport) fails" ;;
	EACCES|EPERM)
		what="authentication (session setup) is refused" ;;
	ENOENT|ENOTDIR)
		what="the tree connect or the root directory lookup fails" ;;
	EIO|EPROTO|EBADMSG)
		what="a protocol step fails (negotiate, session setup or tree connect; the kernel log says which)" ;;
	EINVAL)
		what="something was refused as invalid (an option, or a step of the mount)" ;;
	*)
		what="the mount fails ($err)" ;;
	esac
	[ -n "$said" ] && what="$what; the module's last word: \"$said\""
	rmmod smb1fs 2>/dev/null
	result "NOT WORKING YET: the mount fails ($(echo "$err" | cut -d' ' -f2)): $what."
	exit 1
fi
grep " $mnt " /proc/mounts

problems=
title "ls -l $mnt"
ls -l "$mnt" || problems="$problems listing(readdir)"

title "cat $mnt/hello.txt"
cat "$mnt/hello.txt" || problems="$problems read"

title "sha256sum of every file, compared with the exported originals"
if (cd "$mnt" && sha256sum -c "$SMB1FS_SHARE_DIR/SHA256SUMS"); then
	nfiles=$(grep -c '' "$SMB1FS_SHARE_DIR/SHA256SUMS")
else
	problems="$problems checksums"
fi

mnt2=$mnt-rw
title "mount -t smb1fs //127.0.0.1/rw $mnt2 -o username=u,password=p (writable)"
mkdir -p "$mnt2" "$SMB1FS_SHARE_DIR/demo-written"
chmod 777 "$SMB1FS_SHARE_DIR/demo-written"
if mount -t smb1fs //127.0.0.1/rw "$mnt2" -o username=u,password=p; then
	title "write: cp, append, mkdir, mv, then compare with the server's files"
	head -c 1048576 /dev/urandom >/tmp/demo-random
	w=$mnt2/demo-written
	if cp /tmp/demo-random "$w/random.bin" &&
	   echo "written by smb1fs" >"$w/note.txt" &&
	   echo "appended" >>"$w/note.txt" && mkdir "$w/sub" &&
	   mv "$w/note.txt" "$w/sub/note.txt" &&
	   cmp /tmp/demo-random "$SMB1FS_SHARE_DIR/demo-written/random.bin" &&
	   cat "$SMB1FS_SHARE_DIR/demo-written/sub/note.txt"; then
		ls -l "$w" "$w/sub"
		wrote=1
	else
		problems="$problems write"
	fi
	rm -rf "$w/random.bin" "$w/sub" || problems="$problems delete"
	umount "$mnt2" || problems="$problems umount"
else
	problems="$problems mount-rw"
fi
rmdir "$SMB1FS_SHARE_DIR/demo-written" 2>/dev/null

title "umount and rmmod"
umount "$mnt" || problems="$problems umount"
rmmod smb1fs || problems="$problems rmmod"

if [ -n "$problems" ]; then
	title "kernel log"
	kernel_log_since "$mark"
	result "PARTLY WORKING: the mount works but these steps failed:$problems"
	exit 1
fi
result "IT WORKS: smb1fs mounted //127.0.0.1/share over SMB1, listed it, and all $nfiles files read back with the right SHA-256${wrote:+; through //127.0.0.1/rw it wrote, appended, renamed and deleted, and the server holds what was written}."
