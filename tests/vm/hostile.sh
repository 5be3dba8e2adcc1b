# SPDX-License-Identifier: GPL-2.0
# Helpers for the hostile-server cases (tests/vm/cases/3N-hostile-*.sh),
# sourced after lib.sh.
#
# Each case starts one fakesrv.py for all its scenarios (hs_start) and
# runs one test per scenario.  A test mounts from the scenario's port,
# checks the outcome it expects and unmounts; scenarios that misbehave
# only after the mount may instead share one (fakesrv.py's by-path mode,
# hs_shared_mount): each is then under $SMB1FS_MNT/NAME, and its test
# works in $HS_DIR.  It passes when
#   - the failing call failed with exactly the errno expected (the
#     errno of the mount, of the open, read or getdents...);
#   - a failed mount said why in its own log (the messages fsopen(2)
#     hands to the mounter, which mount(8) prints: hs_expect_fcmsg);
#   - a failed mount left nothing mounted (a shared mount still works);
#   - nothing took longer than its limit (HS_LIMIT seconds at most: a
#     hung mount or command is killed and counted as hung);
#   - the server's log shows that it really misbehaved ("fired"), and
#     that every request of the client was well-formed (fakesrv.py checks
#     their layout and logs "malformed request" otherwise);
#   - the module is unused afterwards (its use count is 0, or 1 while
#     the shared mount is up); with HS_UNLOAD_EACH=1 it is unloaded
#     after every test, else when the case ends, which is cheaper;
#   - the kernel logged no splat (the patterns of tools/vm/check-log.sh)
#     during the test.
# The messages the module logs from the network path are rate limited
# (a burst of 10 per call site every 5 s), and a case runs many
# scenarios within seconds: hs_expect_kmsg therefore asks only that a
# message was logged at least once during the whole case; hs_finish
# checks that.
# Every test prints "ok - NAME" or "not ok - NAME"; a failed check is an
# assertion failure of the case (lib.sh), which goes on with the next
# test.  hs_finish ends the case: it stops the server, unloads the
# module (which must work) and prints the tally.
#
# The VM runs every program of the host over 9p, where starting one
# costs ~0.1 s on the stock kernel and up to seconds on the debug kernel:
# the mounts and file operations go through one helper process per case
# (tests/vm/hsops.py, hs_do), the rest is bash builtins.
#
# A test is written as
#   hs_begin NAME; <steps>; hs_end
# or with one of the t_* shorthands below.  Steps:
#   hs_mount [OPTS]             mount the scenario's server on $SMB1FS_MNT
#                               (for a by-path one: check the shared mount);
#                               HS_RC, HS_OUT (errno and the mount's log
#                               messages), HS_MS (milliseconds)
#   hs_do OP ARG...             an operation of tests/vm/hsops.py (ls,
#                               read, pread, cmp, stat, statfs, write...),
#                               bounded
#   hs_run CMD...               run a program (bounded): HS_RC, HS_OUT, HS_MS
#   hs_killed AFTER CMD...      run CMD, SIGKILL it AFTER seconds after the
#                               server misbehaved; HS_MS is the time from
#                               the kill to its end
#   hs_mount_killed AFTER       the same for the scenario's mount
#   hs_expect_ok                the last mount or command succeeded
#   hs_expect_fails ERRNO       ...failed with strerror(ERRNO)
#   hs_expect_mount_ok / hs_expect_mount_fails ERRNO [MAX_SECONDS]
#   hs_expect_fcmsg REGEX...    each REGEX (extended) matches a message
#                               "e smb1fs: REGEX..." of the failed mount's
#                               log
#   hs_expect_fast MAX_SECONDS  it took at most that long
#   hs_expect_kmsg REGEX...     each REGEX matches a kernel message
#                               "smb1fs: REGEX..." logged during the case
#   hs_expect_no_kmsg REGEX     no message of this test matches it
#   hs_check COND MESSAGE       a failure unless COND (evaluated) holds
#   hs_expect_slog REGEX        a line of the server's log since the test
#                               began matches REGEX (extended), within
#                               HS_LIMIT seconds
#   hs_works [big]              the mount lists and reads a small file
#                               correctly (with big: one read with
#                               READ_ANDX of its own too)
#
# Environment: HS_PORT_BASE (first port, default 4450), HS_ADDR
# (127.0.0.1), HS_LIMIT (30), HS_UNLOAD_EACH (0).  HS_FILES holds the
# fake share's files, for comparisons.

HS_SRV=$SMB1FS_ROOT/tests/vm/fakesrv.py
HS_PORT_BASE=${HS_PORT_BASE:-4450}
HS_ADDR=${HS_ADDR:-127.0.0.1}
HS_LIMIT=${HS_LIMIT:-30}
HS_UNLOAD_EACH=${HS_UNLOAD_EACH:-0}
HS_FILES=$PWD/fakeshare
HS_LOG=$PWD/fakesrv.log
HS_OPTS=username=u,password=p
declare -A HS_PORT HS_HOST
HS_PID=
HS_TESTS=0
HS_FAILED_TESTS=0
HS_FAILED_NAMES=
HS_KMSGS=()
HS_ALL_KMSGS=()
HS_KWANT=()

declare -A HS_STRERROR=(
	[EIO]="Input/output error"
	[ECONNRESET]="Connection reset by peer"
	[ECONNREFUSED]="Connection refused"
	[ETIMEDOUT]="Connection timed out"
	[EPROTONOSUPPORT]="Protocol not supported"
	[EOPNOTSUPP]="Operation not supported"
	[ENOTDIR]="Not a directory"
	[EMSGSIZE]="Message too long"
	[EINTR]="Interrupted system call"
	[EACCES]="Permission denied"
	[ENOENT]="No such file or directory"
	[EINVAL]="Invalid argument"
	[EEXIST]="File exists"
	[ENOMEM]="Cannot allocate memory"
	[EPIPE]="Broken pipe"
	[ENOSPC]="No space left on device"
)

# The splat patterns of check-log.sh, as one extended regex
_hs_splat_re() {
	local lines line in=0 re=
	mapfile -t lines <"$SMB1FS_ROOT/tools/vm/check-log.sh"
	for line in "${lines[@]}"; do
		if [ "$in" = 0 ]; then
			[ "$line" = "patterns='" ] && in=1
			continue
		fi
		[ "$line" = "'" ] && break
		[ -n "$line" ] && re=$re${re:+|}$line
	done
	[ -n "$re" ] || fail "no splat patterns in tools/vm/check-log.sh"
	echo "($re)"
}
HS_SPLAT_RE=$(_hs_splat_re)

# The kernel log, read as it grows through one open /dev/kmsg.
# _hs_kmsg_read: append the messages logged since the last call to
# HS_KMSGS (text only, without the record header), and to HS_BG_ALL
# while background tests run.  It writes a marker into the log and reads
# up to it, so it never stops short.
exec {HS_KFD}</dev/kmsg
HS_KSEQ=0
HS_BG_ACTIVE=0
HS_BG_ALL=()
_hs_kmsg_read() {
	local rec mark=smb1fs-hostile-sync-$$-$((++HS_KSEQ))
	echo "$mark" >/dev/kmsg
	while read -r -t 30 -u "$HS_KFD" rec; do
		case "$rec" in
		" "*) ;;		# a record's dictionary lines
		*";$mark") return 0 ;;
		*)
			HS_KMSGS+=("${rec#*;}")
			HS_ALL_KMSGS+=("${rec#*;}")
			[ "$HS_BG_ACTIVE" = 0 ] || HS_BG_ALL+=("${rec#*;}")
			;;
		esac
	done
	fail "lost track of the kernel log"
}
_hs_kmsg_read

# _hs_nap SECONDS: sleep without starting a program (a read that times
# out on a pipe nobody writes to)
exec {HS_NAPFD}<> <(:)
_hs_nap() {
	read -r -t "$1" -u "$HS_NAPFD" _
}

# Milliseconds since $1 (a ${EPOCHREALTIME/./} reading), without a fork
_hs_ms_since() {
	local t=${EPOCHREALTIME/./}
	HS_MS=$(((t - $1) / 1000))
}

# The mounts and file operations go through tests/vm/hsops.py, one
# process for the whole case (see there).
HS_OPS_PID=
_hs_ops_stop() {
	[ -n "$HS_OPS_PID" ] || return 0
	kill -9 "$HS_OPS_PID" 2>/dev/null
	wait "$HS_OPS_PID" 2>/dev/null
	HS_OPS_PID=
}

# hs_do OP ARG...: one request to the helper.  HS_STATUS is its status
# ("ok", an errno name, "differ", or "hung" when it did not answer
# within HS_LIMIT seconds: it is then killed, and started anew by the
# next request), HS_OUT its text, HS_RC 0 for "ok" (137 for "hung", else
# 1), HS_MS how long it took.
hs_do() {
	local IFS=$'\t' status ms text
	if [ -z "$HS_OPS_PID" ]; then
		coproc HSA { exec /usr/bin/python3 "$SMB1FS_ROOT/tests/vm/hsops.py"; }
		HS_OPS_PID=$HSA_PID
	fi
	printf '$'
	printf ' %s' "$@"
	printf '\n'
	printf '%s\n' "$*" >&"${HSA[1]}"
	if read -r -t "$HS_LIMIT" status ms text <&"${HSA[0]}"; then
		HS_STATUS=$status HS_MS=$ms HS_OUT=$text
		HS_RC=1
		[ "$status" != ok ] || HS_RC=0
	else
		HS_STATUS=hung HS_RC=137 HS_MS=$((HS_LIMIT * 1000))
		HS_OUT="no answer in $HS_LIMIT s"
		_hs_ops_stop
	fi
	_hs_show
}

# hs_start SPEC...: one server for them all.  SPEC is a scenario
# SCENARIO[+TAG][=[ADDR:]PORT] with a port of its own, or
# by-path:SCENARIO,SCENARIO... for scenarios that share one port and
# one mount (hs_shared_mount), each under a directory of its name.
declare -A HS_ROUTED
hs_start() {
	local i=0 spec name where out=$PWD/fakesrv.out line n
	local args=()
	for spec in "$@"; do
		name=${spec%%=*}
		where=
		[ "$spec" != "$name" ] && where=${spec#*=}
		case "$where" in
		"") HS_HOST[$name]=$HS_ADDR; HS_PORT[$name]=$((HS_PORT_BASE + i)) ;;
		*:*) HS_HOST[$name]=${where%:*}; HS_PORT[$name]=${where##*:} ;;
		*) HS_HOST[$name]=$HS_ADDR; HS_PORT[$name]=$where ;;
		esac
		args+=("$name=${HS_HOST[$name]}:${HS_PORT[$name]}")
		if [[ "$name" == by-path:* ]]; then
			HS_HOST[by-path]=${HS_HOST[$name]}
			HS_PORT[by-path]=${HS_PORT[$name]}
			IFS=, read -r -a n <<<"${name#by-path:}"
			for name in "${n[@]}"; do
				HS_HOST[$name]=${HS_HOST[by-path]}
				HS_PORT[$name]=${HS_PORT[by-path]}
				HS_ROUTED[$name]=1
			done
		fi
		i=$((i + 1))
	done
	: >"$HS_LOG"
	exec {HS_LFD}<"$HS_LOG"
	/usr/bin/python3 "$HS_SRV" --log "$HS_LOG" --files "$HS_FILES" \
		"${args[@]}" >"$out" 2>&1 &
	HS_PID=$!
	for _ in $(seq 1 600); do
		while read -r line; do
			if [ "$line" = ready ]; then
				IFS= read -r -d '' HS_HELLO <"$HS_FILES/hello.txt"
				return 0
			fi
		done <"$out"
		kill -0 "$HS_PID" 2>/dev/null || break
		sleep 0.1
	done
	cat "$out"
	fail "fakesrv.py did not start"
}

# A failure of the current test (it goes on; hs_end reports it).
_hs_fail() {
	HS_OK=0
	_failed "$HS_NAME: $*"
}

hs_check() {
	local cond=$1
	shift
	eval "$cond" || _hs_fail "$*"
}

_hs_mounted() {
	local dev dir type rest
	while read -r dev dir type rest; do
		[ "$dir" = "$1" ] && [ "$type" = smb1fs ] && return 0
	done </proc/mounts
	return 1
}

# HS_REFS: the module's use count, or "none" when it is not loaded
_hs_refcount() {
	local name size refs rest
	HS_REFS=none
	while read -r name size refs rest; do
		[ "$name" = smb1fs ] && { HS_REFS=$refs; return; }
	done </proc/modules
}

# The server's log, read as it grows: _hs_slog_read appends its new
# lines to HS_SLOG.
HS_SLOG=()
_hs_slog_read() {
	local line
	while IFS= read -r -u "$HS_LFD" line; do
		HS_SLOG+=("$line")
	done
}

# _hs_slog_bad FROM: a failure for each line of the server's log from
# index FROM on that says the client sent a malformed request
HS_SLOG_CHECKED=0
_hs_slog_bad() {
	local i
	for ((i = $1; i < ${#HS_SLOG[@]}; i++)); do
		[[ "${HS_SLOG[$i]}" == *": malformed request "* ]] &&
			_failed "${HS_NAME:-}: the client sent a malformed request: ${HS_SLOG[$i]}"
	done
	HS_SLOG_CHECKED=${#HS_SLOG[@]}
}

hs_begin() {
	HS_NAME=$1
	HS_OK=1
	HS_MOUNTED=0
	HS_TESTS=$((HS_TESTS + 1))
	echo "# --- $HS_NAME"
	[ -n "${HS_PORT[$HS_NAME]:-}" ] || fail "scenario $HS_NAME was not started"
	HS_SRC=//${HS_HOST[$HS_NAME]}/share
	HS_DIR=$SMB1FS_MNT
	[ -z "${HS_ROUTED[$HS_NAME]:-}" ] || HS_DIR=$SMB1FS_MNT/$HS_NAME
	HS_T0=${EPOCHREALTIME/./}
	_hs_refcount
	[ "$HS_REFS" != none ] || module_load
	_hs_slog_read
	HS_LOGPOS=${#HS_SLOG[@]}
	_hs_kmsg_read
	HS_KMSGS=()
}

_hs_show() {
	local line n=0
	if [ -n "$HS_OUT" ]; then
		while IFS= read -r line && [ $((n++)) -lt 20 ]; do
			echo "  $line"
		done <<<"$HS_OUT"
	fi
	echo "  (status $HS_RC, $HS_MS ms)"
}

# hs_by_path SCENARIO...: the hs_start spec of a by-path server for them
hs_by_path() {
	local IFS=,
	echo "by-path:$*"
}

# hs_shared_mount / hs_shared_umount: the mount of the by-path server,
# which the tests of its scenarios use (their hs_mount only checks it).
HS_SHARED=0
hs_shared_mount() {
	local opts=port=${HS_PORT[by-path]},$HS_OPTS
	_hs_refcount
	[ "$HS_REFS" != none ] || module_load
	hs_do mount "//${HS_HOST[by-path]}/share" "$SMB1FS_MNT" "$opts"
	[ "$HS_RC" = 0 ] || fail "the shared mount failed: $HS_OUT"
	HS_SHARED=1
}

hs_shared_umount() {
	hs_do umount "$SMB1FS_MNT"
	[ "$HS_RC" = 0 ] || _failed "the shared umount failed: $HS_OUT"
	HS_SHARED=0
}

hs_mount() {
	local opts=port=${HS_PORT[$HS_NAME]},$HS_OPTS
	if [ -n "${HS_ROUTED[$HS_NAME]:-}" ]; then
		HS_RC=0 HS_OUT= HS_MS=0 HS_MOUNTED=$HS_SHARED
		echo "# (on the shared mount, in $HS_DIR)"
		return 0
	fi
	[ $# -gt 0 ] && opts=$opts,$1
	hs_do mount "$HS_SRC" "$SMB1FS_MNT" "$opts"
	HS_MOUNTED=0
	_hs_mounted "$SMB1FS_MNT" && HS_MOUNTED=1
	return 0
}

# busybox timeout would run its own applet for a bare "ls" or "cat"
# (busybox ls does not report a failing getdents): give it full paths.
declare -A HS_PATHS
hs_run() {
	local t0 cmd=$1
	shift
	if [[ "$cmd" != */* ]]; then
		[ -n "${HS_PATHS[$cmd]:-}" ] || HS_PATHS[$cmd]=$(type -P "$cmd")
		cmd=${HS_PATHS[$cmd]:-$cmd}
	fi
	echo "\$ $cmd $*"
	t0=${EPOCHREALTIME/./}
	HS_OUT=$(busybox timeout -s KILL "$HS_LIMIT" "$cmd" "$@" 2>&1)
	HS_RC=$?
	_hs_ms_since "$t0"
	_hs_show
	return 0
}

# _hs_wait_fired: until the server's log says the scenario misbehaved, at
# most HS_LIMIT seconds (hs_end judges whether it did)
_hs_wait_fired() {
	local i j
	for ((i = 0; i < HS_LIMIT * 20; i++)); do
		_hs_slog_read
		for ((j = HS_LOGPOS; j < ${#HS_SLOG[@]}; j++)); do
			[[ "${HS_SLOG[$j]}" == "$HS_NAME: conn "*": fired "* ]] &&
				return 0
		done
		_hs_nap 0.05
	done
}

hs_killed() {
	local after=$1 pid t0 i
	shift
	echo "\$ $* & sleep $after; kill -9"
	"$@" >killed.out 2>&1 &
	pid=$!
	# the kill is meant for a client stuck on the misbehaving server,
	# however long a busy guest takes to get there
	_hs_wait_fired
	_hs_nap "$after"
	t0=${EPOCHREALTIME/./}
	kill -9 "$pid" 2>/dev/null
	for ((i = 0; i < HS_LIMIT * 20; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		_hs_nap 0.05
	done
	_hs_ms_since "$t0"
	if kill -0 "$pid" 2>/dev/null; then
		HS_RC=124
		_hs_fail "still there $HS_MS ms after the kill: $*"
	else
		wait "$pid"
		HS_RC=$?
	fi
	HS_OUT=$(<killed.out)
	echo "  (status $HS_RC, ended $HS_MS ms after the kill)"
	_hs_mounted "$SMB1FS_MNT" && HS_MOUNTED=1
	return 0
}

hs_mount_killed() {
	hs_killed "$1" busybox mount -t smb1fs "$HS_SRC" "$SMB1FS_MNT" \
		-o "port=${HS_PORT[$HS_NAME]},$HS_OPTS"
}

hs_expect_fails() {
	local want=${HS_STRERROR[$1]:-}
	[ -n "$want" ] || fail "hs_expect_fails: unknown errno $1"
	if [ "$HS_RC" = 0 ]; then
		_hs_fail "expected $1, but it succeeded"
	elif [ "$HS_RC" = 124 ] || [ "$HS_RC" = 137 ]; then
		_hs_fail "expected $1, but it hung (killed after ${HS_LIMIT}s)"
	elif [[ "$HS_OUT" != *"$want"* ]]; then
		_hs_fail "expected $1 ($want), got: $HS_OUT"
	fi
}

hs_expect_ok() {
	[ "$HS_RC" = 0 ] || _hs_fail "expected success, got status $HS_RC: $HS_OUT"
}

hs_expect_mount_fails() {
	hs_expect_fails "$1"
	[ "$HS_MOUNTED" = 0 ] || _hs_fail "mounted after all"
	[ $# -lt 2 ] || hs_expect_fast "$2"
}

hs_expect_mount_ok() {
	hs_expect_ok
	[ "$HS_MOUNTED" = 1 ] || _hs_fail "not in /proc/mounts"
}

hs_expect_fast() {
	[ "$HS_MS" -le $(($1 * 1000)) ] || _hs_fail "took $HS_MS ms, more than $1 s"
}

# Record that REGEX must match a message of the case (see hs_finish);
# one of this test already does.
hs_expect_kmsg() {
	local re m found
	_hs_kmsg_read
	for re in "$@"; do
		found=0
		for m in "${HS_KMSGS[@]}"; do
			[[ "$m" =~ ^smb1fs:\ $re ]] && { found=1; break; }
		done
		[ "$found" = 1 ] || HS_KWANT+=("$HS_NAME"$'\t'"$re")
	done
}

# The messages of the failed mount's own log: HS_OUT is
# "ENAME: strerror | e smb1fs: MESSAGE | ...".
hs_expect_fcmsg() {
	local re m found msgs
	IFS='|' read -r -a msgs <<<"$HS_OUT"
	for re in "$@"; do
		found=0
		for m in "${msgs[@]:1}"; do
			m=${m# }
			m=${m% }
			[[ "$m" =~ ^e\ smb1fs:\ $re ]] && { found=1; break; }
		done
		[ "$found" = 1 ] || _hs_fail "no message /smb1fs: $re/ in the mount's log"
	done
}

hs_expect_no_kmsg() {
	local m
	_hs_kmsg_read
	for m in "${HS_KMSGS[@]}"; do
		[[ "$m" =~ ^smb1fs:\ $1 ]] && _hs_fail "unexpected kernel message: $m"
	done
	return 0
}

hs_works() {
	local got names
	echo "\$ ls $HS_DIR/dir; read $HS_DIR/hello.txt"
	names=("$HS_DIR"/dir/*)
	names=("${names[@]##*/}")
	[ "${names[*]}" = "a.txt b.txt" ] || _hs_fail "dir lists: ${names[*]}"
	IFS= read -r -d '' got <"$HS_DIR/hello.txt"
	[ "$got" = "$HS_HELLO" ] || _hs_fail "hello.txt differs: $got"
	if [ "${1:-}" = big ]; then
		hs_do cmp "$HS_FILES/mid.bin" "$HS_DIR/mid.bin"
		hs_expect_ok
	fi
}

hs_expect_slog() {
	local i j
	for ((i = 0; i < HS_LIMIT * 20; i++)); do
		_hs_slog_read
		for ((j = HS_LOGPOS; j < ${#HS_SLOG[@]}; j++)); do
			[[ "${HS_SLOG[$j]}" =~ $1 ]] && return 0
		done
		_hs_nap 0.05
	done
	_hs_fail "no line /$1/ in the server's log"
}

hs_end() {
	local m i n allowed fired=0
	if [ -z "${HS_ROUTED[$HS_NAME]:-}" ] && _hs_mounted "$SMB1FS_MNT"; then
		hs_do umount "$SMB1FS_MNT"
		[ "$HS_RC" = 0 ] ||
			{ _hs_fail "umount failed: $HS_OUT"; umount -l "$SMB1FS_MNT"; }
	fi
	# the module's users: the shared mount, background mounts not done
	# (a mount in progress counts twice: its context and its superblock)
	allowed=$HS_SHARED
	for n in "${!HS_BG_PID[@]}"; do
		[ -e "$PWD/bg-$n.rc" ] || allowed=$((allowed + 2))
	done
	_hs_refcount
	if [ -n "${HS_ROUTED[$HS_NAME]:-}" ]; then
		_hs_mounted "$SMB1FS_MNT" || _hs_fail "the shared mount is gone"
	elif [ "$HS_REFS" != none ] && [ "$HS_REFS" -gt "$allowed" ]; then
		_hs_fail "the module is still in use ($HS_REFS users, $allowed expected)"
	elif [ "$HS_UNLOAD_EACH" = 1 ] && [ "$HS_REFS" = 0 ]; then
		rmmod smb1fs || _hs_fail "the module does not unload"
	fi
	_hs_slog_read
	for ((i = HS_LOGPOS; i < ${#HS_SLOG[@]}; i++)); do
		[[ "${HS_SLOG[$i]}" == "$HS_NAME: conn "*": fired "* ]] && fired=1
	done
	[ "$fired" = 1 ] || _hs_fail "the server never misbehaved"
	for ((i = HS_LOGPOS; i < ${#HS_SLOG[@]}; i++)); do
		[[ "${HS_SLOG[$i]}" == *": malformed request "* ]] &&
			_hs_fail "the client sent a malformed request: ${HS_SLOG[$i]}"
	done
	HS_SLOG_CHECKED=${#HS_SLOG[@]}
	_hs_kmsg_read
	echo "# kernel messages:"
	for m in "${HS_KMSGS[@]}"; do
		echo "  | $m"
		[[ "$m" =~ $HS_SPLAT_RE ]] && _hs_fail "kernel trouble: $m"
	done
	_hs_ms_since "$HS_T0"
	if [ "$HS_OK" = 1 ]; then
		echo "ok - $HS_NAME ($HS_MS ms)"
	else
		HS_FAILED_TESTS=$((HS_FAILED_TESTS + 1))
		HS_FAILED_NAMES="$HS_FAILED_NAMES $HS_NAME"
		echo "not ok - $HS_NAME ($HS_MS ms)"
		echo "# server log:"
		for ((i = HS_LOGPOS; i < ${#HS_SLOG[@]}; i++)); do
			echo "  | ${HS_SLOG[$i]}"
		done
	fi
}

# hs_bg_start NAME [FUNC]: begin the test of NAME with its mount (or
# FUNC SRC DIR OPTS, which may mount SRC on DIR with OPTS and do more)
# in the background, on a directory of its own; other tests may run
# meanwhile (each background mount not done is allowed to use the
# module).
# hs_bg_finish NAME waits for it and resumes the test: HS_RC, HS_MS and
# HS_OUT tell how it went; then expectations and hs_end.  The kernel
# messages of the test are those of the whole time between.
declare -A HS_BG_PID HS_BG_LOGPOS HS_BG_T0
hs_bg_start() {
	local f=$PWD/bg-$1 opts
	hs_begin "$1"
	mkdir -p "$f.mnt"
	opts=port=${HS_PORT[$HS_NAME]},$HS_OPTS
	echo "\$ ${2:-mount -t smb1fs} $HS_SRC $f.mnt -o $opts &"
	(
		t0=${EPOCHREALTIME/./}
		if [ $# -gt 1 ]; then
			"$2" "$HS_SRC" "$f.mnt" "$opts" >"$f.out" 2>&1
		else
			busybox timeout -s KILL 180 busybox mount -t smb1fs \
				"$HS_SRC" "$f.mnt" -o "$opts" >"$f.out" 2>&1
		fi
		rc=$?
		_hs_ms_since "$t0"
		echo "$rc $HS_MS" >"$f.rc"
	) &
	HS_BG_PID[$1]=$!
	HS_BG_LOGPOS[$1]=$HS_LOGPOS
	HS_BG_T0[$1]=$HS_T0
	if [ "$HS_BG_ACTIVE" = 0 ]; then
		HS_BG_ALL=("${HS_KMSGS[@]}")
		HS_BG_ACTIVE=1
	fi
	echo "# (continued below)"
}

hs_bg_finish() {
	local f=$PWD/bg-$1
	HS_NAME=$1
	HS_OK=1
	HS_LOGPOS=${HS_BG_LOGPOS[$1]}
	HS_T0=${HS_BG_T0[$1]}
	HS_SRC=//${HS_HOST[$HS_NAME]}/share
	echo "# --- $HS_NAME (background, continued)"
	wait "${HS_BG_PID[$1]}"
	read -r HS_RC HS_MS <"$f.rc"
	HS_OUT=$(<"$f.out")
	_hs_show
	HS_MOUNTED=0
	if _hs_mounted "$f.mnt"; then
		HS_MOUNTED=1
		umount "$f.mnt"
	fi
	_hs_kmsg_read
	HS_KMSGS=("${HS_BG_ALL[@]}")
}

# hs_finish: stop the server, unload the module (which must work), check
# the kernel messages and the server's log since the last test, print
# the tally.  (The VM run
# scans the whole console log with check-log.sh as well.)
hs_finish() {
	local m w found
	if [ -n "$HS_PID" ]; then
		kill "$HS_PID" 2>/dev/null
		wait "$HS_PID" 2>/dev/null
		HS_PID=
	fi
	[ "$HS_SHARED" = 0 ] || hs_shared_umount
	# the requests between and after the tests
	_hs_slog_read
	_hs_slog_bad "$HS_SLOG_CHECKED"
	# the server's log, kept with the case's output
	[ -z "${SMB1FS_CASE_OUT:-}" ] ||
		printf '%s\n' "${HS_SLOG[@]}" >"$SMB1FS_CASE_OUT/fakesrv.log"
	_hs_ops_stop
	_hs_refcount
	if [ "$HS_REFS" != none ]; then
		rmmod smb1fs || _failed "the module does not unload at the end"
	fi
	HS_KMSGS=()
	_hs_kmsg_read
	for m in "${HS_KMSGS[@]}"; do
		[[ "$m" =~ $HS_SPLAT_RE ]] && _failed "kernel trouble: $m"
	done
	# the kernel messages asked for: each at least once in the case
	for w in "${HS_KWANT[@]}"; do
		found=0
		for m in "${HS_ALL_KMSGS[@]}"; do
			[[ "$m" =~ ^smb1fs:\ ${w#*$'\t'} ]] && { found=1; break; }
		done
		if [ "$found" = 0 ]; then
			_failed "${w%%$'\t'*}: no kernel message /smb1fs: ${w#*$'\t'}/ in the whole case"
			HS_FAILED_TESTS=$((HS_FAILED_TESTS + 1))
			HS_FAILED_NAMES="$HS_FAILED_NAMES ${w%%$'\t'*}"
		fi
	done
	echo "# $((HS_TESTS - HS_FAILED_TESTS)) of $HS_TESTS scenarios passed"
	[ -z "$HS_FAILED_NAMES" ] || echo "# failed:$HS_FAILED_NAMES"
}

# Shorthands --------------------------------------------------------------

# t_mount_fails NAME ERRNO FCREGEX [REGEX...]: the mount fails quickly
# with ERRNO, FCREGEX is a message of its log, each REGEX a kernel
# message (of the case).
t_mount_fails() {
	local name=$1 err=$2 fcre=$3
	shift 3
	hs_begin "$name"
	hs_mount
	hs_expect_mount_fails "$err" 15
	hs_expect_fcmsg "$fcre"
	[ $# = 0 ] || hs_expect_kmsg "$@"
	hs_end
}

# t_mount_ok NAME [big]: the oddity is harmless: the mount works and
# reads (see hs_works).
t_mount_ok() {
	hs_begin "$1"
	hs_mount
	hs_expect_mount_ok
	[ "$HS_MOUNTED" = 1 ] && hs_works "${2:-}"
	hs_end
}

# t_read_fails NAME FILE ERRNO [REGEX...]: the mount works; reading FILE
# fails with ERRNO.
t_read_fails() {
	local name=$1 file=$2 err=$3
	shift 3
	hs_begin "$name"
	hs_mount
	hs_expect_mount_ok
	if [ "$HS_MOUNTED" = 1 ]; then
		hs_do read "$HS_DIR/$file"
		hs_expect_fails "$err"
		[ $# -gt 0 ] && hs_expect_kmsg "$@"
	fi
	hs_end
}

# t_read_ok NAME FILE [REGEX...]: the mount works and FILE reads back
# correctly.
t_read_ok() {
	local name=$1 file=$2
	shift 2
	hs_begin "$name"
	hs_mount
	hs_expect_mount_ok
	if [ "$HS_MOUNTED" = 1 ]; then
		hs_do cmp "$HS_FILES/$file" "$HS_DIR/$file"
		hs_expect_ok
		[ $# -gt 0 ] && hs_expect_kmsg "$@"
	fi
	hs_end
}

# t_ls NAME DIR "NAMES" [REGEX...]: ls -A of DIR succeeds and shows NAMES
# (space separated, sorted).
t_ls() {
	local name=$1 dir=$2 want=$3
	shift 3
	hs_begin "$name"
	hs_mount
	hs_expect_mount_ok
	if [ "$HS_MOUNTED" = 1 ]; then
		hs_do ls "$HS_DIR/$dir"
		hs_expect_ok
		[ "$HS_OUT" = "$want" ] || _hs_fail "ls $dir: '$HS_OUT', want '$want'"
		[ $# -gt 0 ] && hs_expect_kmsg "$@"
	fi
	hs_end
}

# t_ls_fails NAME DIR ERRNO [REGEX...]
t_ls_fails() {
	local name=$1 dir=$2 err=$3
	shift 3
	hs_begin "$name"
	hs_mount
	hs_expect_mount_ok
	if [ "$HS_MOUNTED" = 1 ]; then
		hs_do ls "$HS_DIR/$dir"
		hs_expect_fails "$err"
		[ $# -gt 0 ] && hs_expect_kmsg "$@"
	fi
	hs_end
}
