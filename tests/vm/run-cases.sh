#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Integration runner, run inside the test VM (tools/vm/vmtest.sh starts it).
#
#   run-cases.sh MODULE.ko [CASE...]
#
# Starts smbd, then runs every tests/vm/cases/*.sh (or the named ones) in
# name order, each in a fresh bash with lib.sh sourced, a fresh working
# directory and a time limit (SMB1FS_CASE_TIMEOUT, default 600 s, one and a half
# times that on the debug kernel).  A case whose header has a line
#   # kernels: 6.1 6.12
# runs only on the kernels named there and is skipped on the others.
# Prints TAP: "ok N - name", "not ok N - name", "ok N - name # SKIP";
# the same lines go to $VM_OUT/results.tap, each case's output to
# $VM_OUT/cases/<name>.log.  Exits 1 if any case failed.  With
# SMB1FS_TRACE set, each case runs under "set -x" and every traced line
# carries the milliseconds since the case began.
#
# Queue mode (SMB1FS_QUEUE=DIR, a directory shared with the host and
# with the other guests of the same run, see run.sh -w): the cases are
# taken in the order of DIR/order (names, the longest first) where it
# lists them, and each is claimed before it runs (mkdir DIR/claimed/NAME,
# which only one guest wins; the file DIR/claimed/NAME/TAG names the
# claimant, SMB1FS_QUEUE_TAG); a case another guest claimed is left
# out.  Two guests running the same list thus share it, whichever
# finishes first taking the rest.  A case with the header line "# queue: every guest,
# last" is not shared: every guest runs it after its share (99, the
# module's unload after everything else).  The TAP plan then comes last.
#
# SMB1FS_CASE_SET=leak runs only the cases with the header line
#   # kmemleak: yes
# (those that build and tear down the module's objects in unusual
# ways: failed mounts, hostile replies, reconnects, killed callers,
# writes); SMB1FS_CASE_SET=other runs the rest.  make check runs the
# first set on a debug guest with kmemleak and the second on debug
# guests booted with kmemleak=off, which halves the cost of every
# process there (tools/vm/check.sh).  SMB1FS_CASE_SET=nodebug runs only
# the cases whose "# kernels:" line leaves the debug kernel out: make
# check runs every other case on 6.12 in the debug guests, and these on
# the stock 6.12 kernel.
set -u

here=$(cd "$(dirname "$0")" && pwd)
ko=${1:?usage: run-cases.sh MODULE.ko [CASE...]}
shift
case "$ko" in /*) ;; *) ko=$PWD/$ko ;; esac
out=${VM_OUT:?VM_OUT is not set (run me through tools/vm/run.sh)}
limit=${SMB1FS_CASE_TIMEOUT:-600}
[ "${VM_FLAVOR:-}" = debug ] && [ -z "${SMB1FS_CASE_TIMEOUT:-}" ] && limit=900

if [ $# -gt 0 ]; then
	cases=()
	for c in "$@"; do
		[ -f "$c" ] || c=$here/cases/$c
		[ -f "$c" ] || c=$c.sh
		cases+=("$c")
	done
else
	cases=("$here"/cases/*.sh)
fi

# case_header CASE: HDR_KERNELS, HDR_EVERY and HDR_LEAK from the comment
# lines at the top of CASE ("# kernels: ...", "# queue: every guest,
# last", "# kmemleak: yes"), read by the shell itself: on the debug
# kernel every process costs a good part of a second.
case_header() {
	local line
	HDR_KERNELS=
	HDR_EVERY=
	HDR_LEAK=
	while IFS= read -r line; do
		[[ "$line" == '#'* ]] || break
		case "$line" in
		'# kernels:'*)
			[ -n "$HDR_KERNELS" ] || HDR_KERNELS=${line#'# kernels:'}
			;;
		'# queue: every guest, last'*) HDR_EVERY=1 ;;
		'# kmemleak: yes'*) HDR_LEAK=1 ;;
		esac
	done <"$1"
	read -r HDR_KERNELS <<<"$HDR_KERNELS"
}

# SMB1FS_CASE_SET=leak: only the cases marked "# kmemleak: yes" (the
# debug guest that keeps kmemleak on runs them); other: only the rest
# (the debug guests booted with kmemleak=off).  The cases every guest
# runs last belong to both.  nodebug: the cases the debug kernel skips.
sel=${SMB1FS_CASE_SET:-}
if [ -n "$sel" ]; then
	picked=()
	for c in "${cases[@]}"; do
		case_header "$c"
		if [ -n "$HDR_EVERY" ] ||
			{ [ "$sel" = leak ] && [ -n "$HDR_LEAK" ]; } ||
			{ [ "$sel" = other ] && [ -z "$HDR_LEAK" ]; } ||
			{ [ "$sel" = nodebug ] && [ -n "$HDR_KERNELS" ] &&
				[[ " $HDR_KERNELS " != *" debug "* ]]; }; then
			picked+=("$c")
		fi
	done
	cases=("${picked[@]}")
fi

queue=${SMB1FS_QUEUE:-}
tag=${SMB1FS_QUEUE_TAG:-${VM_FLAVOR:-}}
if [ -n "$queue" ]; then
	# the names of $queue/order first, in its order, then the rest;
	# the cases every guest runs after all of them
	declare -A rest=()
	for c in "${cases[@]}"; do
		n=${c##*/}
		rest[${n%.sh}]=$c
	done
	ordered=()
	if [ -f "$queue/order" ]; then
		while read -r name; do
			[ -n "${rest[$name]:-}" ] || continue
			ordered+=("${rest[$name]}")
			unset "rest[$name]"
		done <"$queue/order"
	fi
	for c in "${cases[@]}"; do
		n=${c##*/}
		[ -n "${rest[${n%.sh}]:-}" ] && ordered+=("$c")
	done
	shared=()
	last=()
	for c in "${ordered[@]}"; do
		case_header "$c"
		if [ -n "$HDR_EVERY" ]; then
			last+=("$c")
		else
			shared+=("$c")
		fi
	done
	cases=("${shared[@]}" "${last[@]}")
	mkdir -p "$queue/claimed"
fi

# claim NAME: in queue mode, whether this guest runs NAME (HDR_EVERY:
# every guest does); the file named after the guest marks its claim.
claim() {
	[ -n "$queue" ] || return 0
	if [ -n "$HDR_EVERY" ]; then
		mkdir "$queue/claimed/$1" 2>/dev/null
	elif ! mkdir "$queue/claimed/$1" 2>/dev/null; then
		return 1
	fi
	: >"$queue/claimed/$1/$tag"
}

tap=$out/results.tap
mkdir -p "$out/cases"
: >"$tap"

emit() {
	echo "$*"
	echo "$*" >>"$tap"
}

emit "TAP version 13"
[ -n "$queue" ] || emit "1..${#cases[@]}"

export SMB1FS_KO=$ko SMB1FS_ROOT=$(cd "$here/../.." && pwd)
export SMB1FS_HELPER=${SMB1FS_HELPER:-$SMB1FS_ROOT/build/tools/mount.smb1fs}
export VM_FLAVOR VM_KVER

. "$here/smbd.sh"
if ! smbd_start >"$out/smbd-start.log" 2>&1; then
	cat "$out/smbd-start.log"
	echo "# smbd failed to start; the cases that need it will fail"
fi
# A case may install the mount helper (lib.sh helper_install); one that
# was killed could not take it away again.
had_helper=no
[ -e /sbin/mount.smb1fs ] && had_helper=yes
n=0
failed=0
for c in "${cases[@]}"; do
	name=${c##*/}
	name=${name%.sh}
	case_header "$c"
	claim "$name" || continue
	n=$((n + 1))
	caselog=$out/cases/$name.log
	only=$HDR_KERNELS
	if [ -n "$only" ] && [[ " $only " != *" $VM_FLAVOR "* ]]; then
		emit "ok $n - $name # SKIP only on: $only"
		continue
	fi
	work=$(mktemp -d "/tmp/case-$name.XXXXXX")
	mkdir -p "$work/mnt" "$out/cases/$name"
	echo "smb1fs-test: case $name start" >/dev/kmsg
	start=$SECONDS
	(
		cd "$work" || exit 1
		export SMB1FS_CASE_OUT=$out/cases/$name SMB1FS_MNT=$work/mnt
		exec timeout -k 10 "$limit" bash -c '. "$1"
			if [ -n "${SMB1FS_TRACE:-}" ]; then
				_trace_t0=${EPOCHREALTIME/./}
				PS4='\''+ [$(((${EPOCHREALTIME/./} - _trace_t0) / 1000)) ms] '\''
				set -x
			fi
			. "$2"' case "$here/lib.sh" "$c"
	) >"$caselog" 2>&1 </dev/null
	rc=$?
	echo "smb1fs-test: case $name end, status $rc" >/dev/kmsg
	secs=$((SECONDS - start))

	# Whatever a case left mounted (smb1fs anywhere, anything in its
	# scratch directory) must not break the next one, nor be deleted
	# through by the clean-up.
	for m in $(awk -v w="$work" '$3 == "smb1fs" || index($2, w) == 1 { print $2 }' \
		/proc/mounts | sort -r); do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
		echo "# $name left $m mounted" >>"$caselog"
	done
	rm -rf --one-file-system "$work" 2>/dev/null
	if [ "$had_helper" = no ] && [ -e /sbin/mount.smb1fs ]; then
		rm -f /sbin/mount.smb1fs
		echo "# $name left /sbin/mount.smb1fs installed" >>"$caselog"
	fi
	rmdir "$out/cases/$name" 2>/dev/null
	# A fake server or relay left running holds its port: the next
	# case could not start its own.  Stop it, and fail the case.
	if pkill -f 'tests/vm/(fakesrv|relay)\.py' 2>/dev/null; then
		echo "# $name left a fake server or relay running" >>"$caselog"
		sleep 1
		pkill -9 -f 'tests/vm/(fakesrv|relay)\.py' 2>/dev/null
		[ "$rc" = 0 ] && rc=1
	fi

	case "$rc" in
	0)
		emit "ok $n - $name (${secs}s)"
		;;
	77)
		emit "ok $n - $name # SKIP $(sed -n 's/^SKIP: //p' "$caselog" | tail -n 1)"
		;;
	*)
		[ "$rc" = 124 ] && echo "# timed out after ${limit}s" >>"$caselog"
		emit "not ok $n - $name (status $rc, ${secs}s)"
		sed 's/^/    # /' "$caselog" | tail -n 40
		failed=$((failed + 1))
		;;
	esac
done

smbd_stop
[ -n "$queue" ] && emit "1..$n"
emit "# $((n - failed)) of $n cases passed"
[ "$failed" = 0 ]
