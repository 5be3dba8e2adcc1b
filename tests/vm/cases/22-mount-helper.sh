# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 6.12
# The mount helper: with /sbin/mount.smb1fs in place, mount -t smb1fs
# resolves the server's name (the kernel alone refuses //localhost/...),
# takes the password from a credentials file or the terminal, and prints
# the kernel's reason when a mount fails.  The password shows up nowhere:
# not in /proc/mounts, the kernel log, verbose output, or the command
# line of any process while a mount is in progress.  fstab entries with
# credentials=, _netdev and x-systemd.* options mount with mount -a; an
# unknown host name is a clear error.  What cifs users bring along
# works: credentials keys in any case (an unknown line is named, its
# value never shown), the password from PASSWD_FILE or PASSWD_FD, and
# sloppy (mount -s) leaving out an option the kernel does not know (07
# mounts a cifs fstab line, 43 finds a server by its NetBIOS name).
# The helper is user space and the kernel sees the same options as from
# any other mount, so the debug kernel, where each of the case's many
# processes costs seconds, leaves it to the stock ones (36 has the
# server that never answers there).
module_load
helper_install
mark=$(kmsg_mark)
mnt=$SMB1FS_MNT
src=//localhost/share

# --- mount -t smb1fs with a credentials file
printf 'username=%s\npassword=%s\n' "$SMB1FS_USER" "$SMB1FS_PASS" >cred
chmod 600 cred
assert_ok mount -t smb1fs "$src" "$mnt" -o "credentials=$PWD/cred"
assert_same_file "$SMB1FS_SHARE_DIR/hello.txt" "$mnt/hello.txt"
check_ok cmp "$SMB1FS_SHARE_DIR/random-1M.bin" "$mnt/random-1M.bin"
grep " $mnt " /proc/mounts >mounts.txt
check_grep "^$src $mnt smb1fs .*username=$SMB1FS_USER" mounts.txt
check_grep ",addr=127\.0\.0\.1," mounts.txt
check_no_grep "pass|cred" mounts.txt
assert_ok umount "$mnt"

# --- a password that can be searched for, on a user of our own
secret="Hx7-$RANDOM$RANDOM-secret"
huser=smb1fshelper
id "$huser" >/dev/null 2>&1 || assert_ok useradd -M -s /usr/sbin/nologin "$huser"
printf '%s\n%s\n' "$secret" "$secret" |
	smbpasswd -c "$SMB1FS_SMBCONF" -s -a "$huser" >smbpasswd.log 2>&1 ||
	fail "cannot add the Samba user $huser: $(cat smbpasswd.log)"
printf 'user=%s\npass=%s\n' "$huser" "$secret" >cred2
chmod 400 cred2
assert_ok mount -v -t smb1fs //localhost/guest "$mnt" -o "credentials=$PWD/cred2"
printf '%s\n' "$RUN_OUT" >verbose.txt
check_grep "options: username=$huser,password=\*{8},ip=127\.0\.0\.1" verbose.txt
check_no_grep "$secret" verbose.txt
assert_same_file "$SMB1FS_GUEST_DIR/readme.txt" "$mnt/readme.txt"
grep " $mnt " /proc/mounts >mounts.txt
check_grep "username=$huser" mounts.txt
check_no_grep "$secret" /proc/mounts
check_no_grep "$secret" /proc/self/mountinfo
assert_ok umount "$mnt"

# a wrong password from the file: the kernel's reason reaches the user
printf 'username=%s\npassword=wrong-%s\n' "$huser" "$secret" >cred3
chmod 600 cred3
check_fails mount -t smb1fs //localhost/guest "$mnt" -o "credentials=$PWD/cred3"
check_eq 32 "$RUN_RC" "exit status of a refused login"
printf '%s\n' "$RUN_OUT" >fail.txt
check_grep "^mount\.smb1fs: mounting //localhost/guest on $mnt failed: Permission denied" fail.txt
check_grep "reason: smb1fs: login failed for user $huser" fail.txt
check_no_grep "$secret" fail.txt

# --- habits of cifs users
printf 'Username=%s\nPASSWORD=%s\nfoo=%s\n' "$huser" "$secret" "$secret" >cred4
chmod 600 cred4
assert_ok mount -t smb1fs //localhost/guest "$mnt" -o "credentials=$PWD/cred4"
printf '%s\n' "$RUN_OUT" >cred4.txt
check_grep "^mount\.smb1fs: credentials file .*cred4: line 3 ignored: unknown key foo " cred4.txt
check_no_grep "$secret" cred4.txt
check_ok cmp "$SMB1FS_GUEST_DIR/readme.txt" "$mnt/readme.txt"
assert_ok umount "$mnt"
printf '%s\n' "$secret" >pwfile
chmod 600 pwfile
assert_ok env PASSWD_FILE="$PWD/pwfile" mount -t smb1fs //localhost/guest \
	"$mnt" -o "username=$huser"
check_ok cmp "$SMB1FS_GUEST_DIR/readme.txt" "$mnt/readme.txt"
assert_ok umount "$mnt"
assert_ok env PASSWD_FD=3 mount -t smb1fs //localhost/guest "$mnt" \
	-o "username=$huser" 3<pwfile
check_ok cmp "$SMB1FS_GUEST_DIR/readme.txt" "$mnt/readme.txt"
assert_ok umount "$mnt"
# sloppy, as -s of mount(8) and as an option
assert_ok mount -s -v -t smb1fs "$src" "$mnt" \
	-o "credentials=$PWD/cred,smb1fs_no_such_option=1"
printf '%s\n' "$RUN_OUT" >sloppy.txt
check_grep "the kernel does not know the option smb1fs_no_such_option; left out \(sloppy\)" sloppy.txt
check_ok cmp "$SMB1FS_SHARE_DIR/hello.txt" "$mnt/hello.txt"
assert_ok umount "$mnt"
assert_ok mount -t smb1fs "$src" "$mnt" \
	-o "credentials=$PWD/cred,sloppy,smb1fs_no_such_flag"
check_no_grep "smb1fs_no_such|sloppy" /proc/mounts
assert_ok umount "$mnt"

# --- while a mount is in progress, no process shows the password.  A
# listener takes the connection and answers nothing for a few seconds.
cat >hold.py <<'PY'
import socket, sys, threading, time
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
s.listen(8)
open(sys.argv[2], "w").close()
def hold(c):
    time.sleep(6)
    c.close()
while True:
    c, _ = s.accept()
    threading.Thread(target=hold, args=(c,), daemon=True).start()
PY
/usr/bin/python3 hold.py 4450 listening >hold.log 2>&1 &
holder=$!
# stop it however the case ends (lib.sh's own handler runs after)
trap 'rc=$?; kill $holder 2>/dev/null; (exit $rc); _finish' EXIT
for _ in $(seq 1 50); do
	[ -e listening ] && break
	sleep 0.1
done
[ -e listening ] || fail "the listener did not start: $(cat hold.log)"

# snapshot NAME: every process's command line, taken while the helper
# waits inside the mount system call (fsconfig, 431, or mount, 165), for
# the server that does not answer.  Kept in $SMB1FS_CASE_OUT.
snapshot() {
	local pid='' p
	for _ in $(seq 1 200); do
		pid=$(pgrep -x mount.smb1fs | head -n 1)
		if [ -n "$pid" ]; then
			case "$(cut -d' ' -f1 "/proc/$pid/syscall" 2>/dev/null)" in
			431|165) break ;;
			esac
		fi
		pid=
		sleep 0.05
	done
	if [ -z "$pid" ]; then
		_failed "$1: no mount.smb1fs waiting in the mount system call"
		return
	fi
	tr '\0' ' ' <"/proc/$pid/cmdline" >"$1.helper"
	echo >>"$1.helper"
	for p in /proc/[0-9]*; do
		printf '%s: ' "${p#/proc/}"
		tr '\0' ' ' 2>/dev/null <"$p/cmdline"
		echo
	done >"$1.cmdlines"
	ps -eo pid,args >"$1.ps"
	cp "$1.helper" "$1.cmdlines" "$1.ps" "$SMB1FS_CASE_OUT/"
	echo "# $1: the helper, pid $pid: $(cat "$1.helper")"
}

mount -t smb1fs //localhost/guest "$mnt" \
	-o "credentials=$PWD/cred2,port=4450" >inflight.out 2>&1 &
mpid=$!
snapshot inflight
wait "$mpid"
rc=$?
cat inflight.out
check_eq 32 "$rc" "exit status of the mount the listener dropped"
check_grep "mount\.smb1fs //localhost/guest $mnt .*credentials=.*port=4450" inflight.helper
check_no_grep "$secret" inflight.cmdlines
check_no_grep "$secret" inflight.ps
check_grep "reason: smb1fs: " inflight.out

# The same with the password on the command line: mount(8) shows it
# (the reason to use a credentials file), the helper blots it out.
mount -t smb1fs //localhost/guest "$mnt" \
	-o "username=$huser,password=$secret,port=4450" >inflight2.out 2>&1 &
mpid=$!
snapshot inflight2
wait "$mpid"
cat inflight2.out
check_grep "mount\.smb1fs //localhost/guest $mnt .*password=\*,port=4450" inflight2.helper
check_no_grep "$secret" inflight2.helper
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null

# --- the password asked for on a terminal
if command -v script >/dev/null; then
	(sleep 2; printf '%s\n' "$SMB1FS_PASS") |
		script -q -e -c "mount -t smb1fs $src $mnt -o username=$SMB1FS_USER" \
		/dev/null >tty.out 2>&1
	rc=$?
	cat tty.out
	check_eq 0 "$rc" "exit status of the mount with a prompted password"
	check_grep "Password for $SMB1FS_USER@$src: " tty.out
	check_ok cmp "$SMB1FS_SHARE_DIR/hello.txt" "$mnt/hello.txt"
	umount "$mnt" 2>/dev/null
else
	_failed "script(1) is missing"
fi

# --- fstab
cat >fstab <<EOF
# a share for the helper test
$src $mnt smb1fs credentials=$PWD/cred,_netdev,nofail,x-systemd.automount,x-systemd.idle-timeout=60,comment=test 0 0
EOF
assert_ok mount -T "$PWD/fstab" -a
check_ok cmp "$SMB1FS_SHARE_DIR/hello.txt" "$mnt/hello.txt"
check_eq 1 "$(awk -v m="$mnt" '$2 == m' /proc/mounts | wc -l)" "mounts on $mnt"
# once more: already mounted, nothing to do
check_ok mount -T "$PWD/fstab" -a
check_eq 1 "$(awk -v m="$mnt" '$2 == m' /proc/mounts | wc -l)" "mounts on $mnt after a second mount -a"
grep " $mnt " /proc/mounts >mounts.txt
check_no_grep "_netdev|x-systemd|nofail|comment|cred" mounts.txt
assert_ok umount "$mnt"
# by its mount point
assert_ok mount -T "$PWD/fstab" "$mnt"
check_ok cmp "$SMB1FS_SHARE_DIR/hello.txt" "$mnt/hello.txt"
assert_ok umount "$mnt"

# --- errors
check_fails mount -t smb1fs //no-such-host.invalid/share "$mnt" \
	-o "credentials=$PWD/cred"
check_eq 32 "$RUN_RC" "exit status for an unknown host"
printf '%s\n' "$RUN_OUT" >nohost.txt
check_grep "^mount\.smb1fs: cannot resolve host name no-such-host\.invalid: " nohost.txt
check_fails mount -t smb1fs ///share "$mnt" -o "credentials=$PWD/cred"
check_eq 1 "$RUN_RC" "exit status for a source without a host"
printf '%s\n' "$RUN_OUT" >nohost2.txt
check_grep "is not a share name: use //server/share" nohost2.txt
chmod 644 cred
check_fails mount -t smb1fs "$src" "$mnt" -o "credentials=$PWD/cred"
check_eq 1 "$RUN_RC" "exit status for a readable credentials file"
printf '%s\n' "$RUN_OUT" >cred-mode.txt
check_grep "can be read by everyone .*chmod 600" cred-mode.txt
chmod 600 cred
check_fails mount -t smb1fs "$src" "$mnt" -o "credentials=$PWD/cred,bogus=1"
printf '%s\n' "$RUN_OUT" >bogus.txt
check_grep "reason: smb1fs: Unknown parameter 'bogus'" bogus.txt
check_no_grep " $mnt " /proc/mounts

# --- nothing of the password in the kernel log
dmesg_since "$mark" >dmesg.txt
check_no_grep "$secret" dmesg.txt
smbpasswd -c "$SMB1FS_SMBCONF" -x "$huser" >/dev/null 2>&1
check_kernel_clean "$mark"
