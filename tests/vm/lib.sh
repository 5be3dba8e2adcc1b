# SPDX-License-Identifier: GPL-2.0
# Assertion library for the integration cases in tests/vm/cases/.
#
# run-cases.sh sources this file and then the case, in a fresh bash, with
# a fresh scratch directory as the working directory.  A case passes when
# it exits 0 and no check_* assertion failed; "skip REASON" marks it
# skipped.
#
# Environment given to every case:
#   SMB1FS_KO          the smb1fs.ko built for the running kernel
#   SMB1FS_HELPER      the mount helper mount.smb1fs built on the host
#                      (not installed: mount -t smb1fs does not use it
#                      unless a case puts it into /sbin, see helper_install)
#   SMB1FS_SERVER      127.0.0.1 (smbd runs in the same guest)
#   SMB1FS_USER/PASS   u / p, a Samba user
#   SMB1FS_SHARE       //127.0.0.1/share  (password share, read-only)
#   SMB1FS_GUEST       //127.0.0.1/guest  (guest share, read-only)
#   SMB1FS_SHARE_DIR   local directory exported as "share"
#   SMB1FS_GUEST_DIR   local directory exported as "guest"
#   SMB1FS_SMBCONF     smb.conf of the running smbd (client min protocol NT1)
#   SMB1FS_CASE_OUT    directory for this case's artefacts (kept on the host)
#   SMB1FS_MNT         an empty directory to mount on
#   SMB1FS_ROOT        top of the source tree
#   VM_FLAVOR          6.1, 6.12 or debug;  VM_KVER: uname -r
#
# Assertions that stop the case at the first failure:
#   assert_ok CMD...            CMD exits 0
#   assert_fails CMD...         CMD exits non-zero
#   assert_eq EXPECTED ACTUAL [WHAT]
#   assert_grep REGEX FILE      FILE has a line matching REGEX (grep -E)
#   assert_no_grep REGEX FILE
#   assert_same_file A B        identical contents
#   fail MESSAGE
# check_ok / check_fails / check_eq / check_grep: the same, but the case
# goes on and fails at its end.  skip REASON: stop, counted as skipped.
# A header line "# kernels: 6.1 6.12" limits a case to those kernels.
#
# Helpers: module_load [PARAMS], module_unload, module_loaded,
#   kmsg_mark (returns a marker), dmesg_since MARK, check_kernel_clean
#   MARK (no splat in the kernel log since MARK), smb1fs_mount SRC DIR
#   [OPTS], umount_all, run CMD... (run and log, output in $RUN_OUT),
#   helper_install (puts $SMB1FS_HELPER into /sbin, where mount -t smb1fs
#   looks for it, until the case ends).

set -u
SMB1FS_FAILURES=0
# smbd_dirs, smbd_conf_common, smbd_listening, smbd_stop [BASE]
. "$(dirname "${BASH_SOURCE[0]}")/smbd.sh"

_where() {
	local i
	for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
		case "${BASH_SOURCE[$i]}" in
		*/lib.sh) ;;
		*) echo "${BASH_SOURCE[$i]##*/}:${BASH_LINENO[$((i - 1))]}"; return ;;
		esac
	done
	echo "?"
}

log() {
	echo "# $*"
}

_failed() {
	echo "FAIL ($(_where)): $*"
	SMB1FS_FAILURES=$((SMB1FS_FAILURES + 1))
}

fail() {
	_failed "$*"
	exit 1
}

skip() {
	echo "SKIP: $*"
	SMB1FS_SKIPPED=1
	exit 77
}

_finish() {
	local rc=$?
	_helper_uninstall
	[ "${SMB1FS_SKIPPED:-0}" = 1 ] && exit 77
	if [ "$SMB1FS_FAILURES" -gt 0 ]; then
		echo "# $SMB1FS_FAILURES assertion(s) failed"
		[ "$rc" = 0 ] && exit 1
	fi
	exit "$rc"
}
trap _finish EXIT

# run CMD...: run it, keep stdout+stderr in $RUN_OUT and status in $RUN_RC.
run() {
	local t0=$SECONDS
	echo "\$ $*"
	RUN_OUT=$("$@" 2>&1)
	RUN_RC=$?
	[ -n "$RUN_OUT" ] && printf '%s\n' "$RUN_OUT" | sed 's/^/  /'
	[ "$RUN_RC" = 0 ] || echo "  (exit status $RUN_RC)"
	[ $((SECONDS - t0)) -lt 2 ] || echo "  ($((SECONDS - t0))s)"
	return 0
}

check_ok() {
	run "$@"
	[ "$RUN_RC" = 0 ] || { _failed "expected success: $*"; return 1; }
}

assert_ok() {
	check_ok "$@" || exit 1
}

check_fails() {
	run "$@"
	[ "$RUN_RC" != 0 ] || { _failed "expected failure: $*"; return 1; }
}

assert_fails() {
	check_fails "$@" || exit 1
}

check_eq() {
	[ "$1" = "$2" ] && return 0
	_failed "${3:-value}: expected '$1', got '$2'"
	return 1
}

assert_eq() {
	check_eq "$@" || exit 1
}

check_grep() {
	grep -q -E -e "$1" "$2" 2>/dev/null && return 0
	_failed "no line matching /$1/ in $2"
	[ -r "$2" ] && tail -n 20 "$2" | sed 's/^/  | /'
	return 1
}

assert_grep() {
	check_grep "$@" || exit 1
}

check_no_grep() {
	local hits
	hits=$(grep -E -e "$1" "$2" 2>/dev/null) || return 0
	_failed "unexpected line(s) matching /$1/ in $2"
	printf '%s\n' "$hits" | head -n 20 | sed 's/^/  | /'
	return 1
}

assert_no_grep() {
	check_no_grep "$@" || exit 1
}

assert_same_file() {
	cmp "$1" "$2" || fail "$1 and $2 differ"
}

module_loaded() {
	grep -q '^smb1fs ' /proc/modules
}

module_load() {
	module_loaded && return 0
	[ -f "$SMB1FS_KO" ] || fail "module not built: $SMB1FS_KO"
	# insmod does not load dependencies: DES for LM and NTLMv1 (built
	# into some kernels, a module in others)
	modprobe -q libdes 2>/dev/null
	assert_ok insmod "$SMB1FS_KO" "$@"
}

module_unload() {
	module_loaded || return 0
	assert_ok rmmod smb1fs
}

# Write a unique marker into the kernel log and print it.
kmsg_mark() {
	local m="smb1fs-test-mark-$$-$RANDOM-$SECONDS"
	echo "$m" >/dev/kmsg
	echo "$m"
}

# Kernel messages after marker $1.
dmesg_since() {
	dmesg | sed -n "/$1/,\$p" | sed 1d
}

# No kernel splat (see tools/vm/check-log.sh) since marker $1.
check_kernel_clean() {
	local f
	f=$(mktemp "${TMPDIR:-/tmp}/dmesg.XXXXXX")
	dmesg_since "$1" >"$f"
	if ! "$SMB1FS_ROOT/tools/vm/check-log.sh" --no-sentinel "$f"; then
		_failed "kernel trouble since $1"
		rm -f "$f"
		return 1
	fi
	rm -f "$f"
}

# helper_install: make mount -t smb1fs run the helper built on the host,
# for the rest of the case.  A mount.smb1fs the guest already had (the
# host's own) comes back when the case ends.
SMB1FS_HELPER_SAVED=
helper_install() {
	local dst=/sbin/mount.smb1fs
	[ -x "${SMB1FS_HELPER:-}" ] ||
		fail "mount helper not built: ${SMB1FS_HELPER:-} (make helper)"
	if [ -e "$dst" ] && [ -z "$SMB1FS_HELPER_SAVED" ]; then
		SMB1FS_HELPER_SAVED=$(mktemp "${TMPDIR:-/tmp}/mount.smb1fs.XXXXXX")
		cp -p "$dst" "$SMB1FS_HELPER_SAVED"
	fi
	install -m 0755 "$SMB1FS_HELPER" "$dst" ||
		fail "cannot install the mount helper as $dst"
	SMB1FS_HELPER_INSTALLED=1
}

_helper_uninstall() {
	[ "${SMB1FS_HELPER_INSTALLED:-0}" = 1 ] || return 0
	rm -f /sbin/mount.smb1fs
	if [ -n "$SMB1FS_HELPER_SAVED" ]; then
		cp -p "$SMB1FS_HELPER_SAVED" /sbin/mount.smb1fs
		rm -f "$SMB1FS_HELPER_SAVED"
	fi
	SMB1FS_HELPER_INSTALLED=0
}

smb1fs_mount() {
	local src=$1 dir=$2
	shift 2
	run mount -t smb1fs "$src" "$dir" "$@"
	[ "$RUN_RC" = 0 ]
}

umount_all() {
	local m
	for m in $(awk '$3 == "smb1fs" { print $2 }' /proc/mounts | sort -r); do
		umount "$m" 2>/dev/null || umount -l "$m"
	done
}

# extra_smbd BASE PORT SHARE: start a second smbd of its own under BASE
# (its export: BASE/export), listening on 127.0.0.1:PORT, serving
# BASE/export read-only as SHARE to user u (password p).  The lines of
# its [global] section that differ from case to case come on stdin; what
# every such server needs is added here.  Returns 1 if it did not start
# or did not listen.  smbd_stop BASE stops it.
extra_smbd() {
	local base=$1 port=$2 share=$3 conf=$1/smb.conf lm=no
	smbd_stop "$base"
	smbd_dirs "$base"
	mkdir -p "$base"/export
	{
		echo '[global]'
		cat
		smbd_conf_common "$base" "$port"
		cat <<EOF

[$share]
	path = $base/export
	read only = yes
	valid users = u
EOF
	} >"$conf"
	# The user survives a restart in BASE: add it once, and again
	# whenever "lanman auth" is on, as Samba keeps an LM hash only when
	# it was on at the time and drops it when it writes the account
	# back (after a login) under a configuration without it.
	grep -q '^[[:space:]]*lanman auth = yes' "$conf" && lm=yes
	if [ $lm = yes ] || [ ! -s "$base/private/passdb.tdb" ]; then
		printf 'p\np\n' | smbpasswd -c "$conf" -s -a u >/dev/null 2>&1
	fi
	smbd -D -s "$conf" || return 1
	smbd_listening "$port"
}

# Samba that dies and comes back (the reconnect cases):
#   smbd_serving_pids    the smbd processes serving a client on port 445
#   smbd_kill_all        kill -9 every smbd, the listener too
#   smbd_restart         start smbd again on the same configuration
#   smb1fs_stat KEY      a counter of the mount on $SMB1FS_MNT, from
#                        /proc/self/mountstats (state, generation,
#                        reconnects, inflight, max_inflight, max_mpx)
smbd_serving_pids() {
	ss -Htnp state established '( sport = :445 )' 2>/dev/null |
		grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u
}

smbd_kill_all() {
	local p
	for p in $(pgrep -x smbd); do
		kill -9 "$p" 2>/dev/null
	done
	for _ in $(seq 1 50); do
		pgrep -x smbd >/dev/null || return 0
		sleep 0.1
	done
	return 1
}

smbd_restart() {
	smbd -D -s "$SMB1FS_SMBCONF" && smbd_listening 445
}

smb1fs_stat() {
	awk -v m="${2:-$SMB1FS_MNT}" '$5 == m && /smb1fs state=/' \
		/proc/self/mountstats | grep -o " $1=[^ ]*" | cut -d= -f2
}

# smb1fs_idle_slots: 0 once no request of the mount holds a slot (a
# CLOSE nobody waits for may still be on its way for a moment)
smb1fs_idle_slots() {
	local n
	for _ in $(seq 1 20); do
		n=$(smb1fs_stat inflight)
		[ "$n" = 0 ] && break
		sleep 0.5
	done
	echo "$n"
}

# now_ms: milliseconds since the epoch, without starting a process
now_ms() {
	echo $((${EPOCHREALTIME/./} / 1000))
}

# light: whether a case runs its lighter variant (fewer files, cycles,
# readers, seconds): on the debug kernel, unless make check-full asked
# for the full one (SMB1FS_FULL=1)
light() {
	[ "$VM_FLAVOR" = debug ] && [ -z "${SMB1FS_FULL:-}" ]
}
