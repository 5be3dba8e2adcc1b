#!/bin/bash
# "make check": build everything, run every test, count.
#
# Steps (each counted as tests, in this order):
#   tooling self-test       1 test  (tests/vm/selftest.sh)
#   documentation           1 test: Documentation/*.rst render with
#                           docutils without a warning, the README's
#                           links lead somewhere (tests/tools/docs.sh)
#   user-facing tools       1 test each (tests/tools/run.sh): the mount
#                           helper, the manual pages, make install and
#                           uninstall into a DESTDIR, DKMS
#   build 6.1, build 6.12   1 test each: W=1 against the stock headers,
#                           any warning fails
#   debug kernel            1 test  (built once, then cached)
#   build debug             1 test  (W=1 against the debug kernel)
#   build debug-kunit       1 test  (the same with the KUnit suites linked
#                           in, for the KUnit step)
#   kunit split             1 test: the production module built for the
#                           debug kernel (CONFIG_KUNIT=m) neither depends
#                           on kunit.ko nor carries a suite; the test
#                           build does both (tests/tools/kunit-split.sh)
#   modinfo                 1 test  (version, description, author, licence
#                           and parameters of every module built)
#   fuzz smoke              1 test: every libFuzzer target of tests/fuzz/
#                           (the decoders built in user space with ASan
#                           and UBSan) runs a few seconds from its seeds
#                           and the corpus of earlier runs without a
#                           finding (tests/fuzz/run.sh smoke)
#   KUnit                   1 test per KUnit case, plus 1 for a clean VM run
#   integration, per kernel in $CHECK_KERNELS (default "6.1 6.12 debug"):
#                           1 test per case, plus 1 for a clean VM run
#   boot                    1 test per check, plus 1 for a clean VM run:
#                           stock 6.1 boots systemd, which mounts smb1fs
#                           from /etc/fstab at boot and through
#                           x-systemd.automount (tools/vm/boottest.sh)
#   bench smoke             1 test: the benchmark in its quick mode
#                           (tools/bench/bench.sh, BENCH_QUICK=1) on stock
#                           6.1, the lo profile and a tiny read over
#                           the shaped lan profile; passes when every
#                           client ran, every smb1fs data check passed,
#                           the shaping was seen working and the table
#                           and the chart were written (the speed is not
#                           judged)
#
# What runs where.  The first stock kernel (6.1) runs every case with
# the full test tree of tests/vm/mktree.sh.  The debug kernel (6.12 with
# KASAN, lockdep, kmemleak, UBSAN: the sanitizer coverage) runs every
# case but the few listed below, so the stock 6.12 kernel runs only
# those (SMB1FS_CASE_SET=nodebug); make check-full runs every case on
# it.  The debug kernel runs every case but
#   - those with a "# kernels:" header line that leaves it out: the ones
#     that run no smb1fs code (04: smbclient against Samba, 05: the cifs
#     client), and 11 (the tree against cifs: 10 reads the same tree
#     through smb1fs there) and 20 (10,000 entries: 10 lists 1,200, over
#     several FIND_NEXT2 rounds too).  21 (impacket's server) runs on the
#     stock kernels only as well, as it did before: its reads limited by
#     the server's buffer and its fallback from chained reads are the
#     smb1fs paths without sanitizer coverage in the integration suite.
#     22 (the mount helper: user space, the kernel sees the options of
#     any other mount) and 24 (Samba's FIDs of open small files, counted
#     with smbstatus; the other cases read small files through the same
#     path there) run on the stock kernels only too;
#   - with the light test tree (SMB1FS_TREE=light, tools/vm/vmtest.sh):
#     an 8 MiB instead of a 100 MiB file and 1,200 instead of 5,000
#     entries in the large directory, the same boundaries crossed;
#   - with fewer repetitions where a case repeats one path: 10 instead of
#     300 mount cycles in 55 (kmemleak checks them; the slab total, which
#     KASAN's quarantine inflates, is not judged there, the smb1fs inode
#     count is), the LAN Manager rows of 42 without the NTLMv2-only
#     server and without the cifs column, a 1 MiB instead of a 3 MiB
#     signed file in 23, 24 instead of 100 parallel readers in 54 (still
#     enough to fill MaxMpxCount);
# and the KUnit suites (their own step).  The boot test and the
# benchmark run on stock 6.1 only.
#
# kmemleak.  It doubles the cost of every process in the debug guest,
# so only the cases marked "# kmemleak: yes" run in a guest that has
# it; the others run in guests booted with kmemleak=off.  KASAN,
# lockdep, UBSAN and debug objects are on in every guest.
#
# Lanes.  With CHECK_JOBS=2 (the default) a second lane starts after the
# builds: the kmemleak guest, the stock kernels' runs but the first
# (6.12), then a kmemleak=off debug guest; the first lane runs the fuzz
# smoke run, KUnit, the first stock kernel's run (6.1), the boot test
# and the benchmark.  Every guest then has one CPU (SMB1FS_VM_CPUS=1):
# two guests with two CPUs each on a two-core host slowed each other
# down about threefold, while with one each the stock kernel's cases
# ran as fast as alone with two, and the debug kernel's about 1.3 times
# slower.  CHECK_JOBS=1 runs everything one after the other with two
# CPUs per guest.
#
# Sharing the debug run.  The debug kernel's cases form one queue
# (build/vm/queue-debug, run-cases.sh's queue mode) ordered longest
# first by the times of the last run in this tree (build/vm/
# case-times-debug, else tests/vm/case-times-debug; a case in neither
# comes first).  Each guest takes the cases of its set from it.  When
# the first lane is done and the unclaimed cases of the kmemleak=off set
# took at least CHECK_SHARE_MIN seconds (default 240, two boots of the
# debug guest) last time, it boots another kmemleak=off guest (results
# in build/vm/cases-debug-b/) that takes cases from the same queue.  One
# more test checks that every case was claimed by one guest or another.
#
# make check-full (CHECK_FULL=1) is the slower tier: every debug guest
# keeps kmemleak, the debug kernel's cases take the full test tree and
# their full variants (SMB1FS_FULL: 300 mount cycles, 100 parallel
# readers, the longer relay and random-operation runs...), and the fuzz
# targets run FUZZ_TIME seconds each (default 120) instead of the smoke
# run.  It takes hours on two cores.
#
# At the end, the time of every step and the lane it ran in.
#
# "Clean VM run": no kernel splat, no unexpected taint, no timeout, the
# completion sentinel present (tools/vm/run.sh, tools/vm/check-log.sh).
#
# Logs: build/logs/ and build/vm/.  The last line of output is
# "N passed, N failed"; the exit status is 1 if anything failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
. "$here/relocate.sh"
cd "$top" || exit 1
kernels=${CHECK_KERNELS:-6.1 6.12 debug}
full=${CHECK_FULL:-}
if [ -n "$full" ]; then
	export SMB1FS_FULL=1 SMB1FS_TREE=full
	export SMB1FS_CASE_TIMEOUT=${SMB1FS_CASE_TIMEOUT:-3600}
	export SMB1FS_VM_TIMEOUT=${SMB1FS_VM_TIMEOUT:-21600}
fi
logs=build/logs
mkdir -p "$logs"

exec 9>build/.check.lock
if ! flock -n 9; then
	echo "check: another check is running in this tree; waiting"
	flock 9
fi

passed=0
failed=0
t0=$(date +%s)

# Step times, printed at the end: "name lane seconds".
timings=()
timed() {
	timings+=("$1|$2|$3")
}

# tally OK TEXT FAILTEXT: count one test, passed when OK is 0, and say so
tally() {
	if [ "$1" = 0 ]; then
		passed=$((passed + 1))
		echo "ok   $2"
	else
		failed=$((failed + 1))
		echo "FAIL $3"
	fi
}

# step NAME CMD...: run CMD, log in build/logs/NAME.log, count one test.
step() {
	local name=$1 log=$logs/$1.log s rc
	shift
	s=$(date +%s)
	"$@" >"$log" 2>&1
	rc=$?
	s=$(($(date +%s) - s))
	timed "$name" 1 "$s"
	tally "$rc" "$name (${s}s)" "$name (${s}s), log: $log"
	[ "$rc" = 0 ] || tail -n 15 "$log" | sed 's/^/     | /'
	return "$rc"
}

# add_counts NAME DIR: add the counts a VM step left in DIR/counts.
add_counts() {
	local name=$1 dir=$2 p=0 f=0 sk=0 vm=none
	if [ -f "$dir/counts" ]; then
		eval "$(tr ' ' '\n' <"$dir/counts" |
			sed -n -e 's/^passed=\([0-9]*\)$/p=\1/p' \
			-e 's/^failed=\([0-9]*\)$/f=\1/p' \
			-e 's/^skipped=\([0-9]*\)$/sk=\1/p' \
			-e 's/^vm=\([0-9a-z]*\)$/vm=\1/p')"
	else
		f=1
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	echo "     $name: $p passed, $f failed, $sk skipped"
	tally "$vm" "$name: VM run clean" \
		"$name: VM run not clean (status $vm), see $dir/console.log"
	[ "$vm" = 0 ] || [ ! -f "$dir/check-log.txt" ] ||
		head -n 20 "$dir/check-log.txt" | sed 's/^/     | /'
}

echo "check${full:+-full}: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), kernels for the integration suite: $kernels"

if ! "$here/deps.sh" >"$logs/deps.log" 2>&1; then
	echo "FAIL deps, log: $logs/deps.log"
	tail -n 15 "$logs/deps.log" | sed 's/^/     | /'
	echo "0 passed, 1 failed"
	exit 1
fi
echo "     $(tail -n 1 "$logs/deps.log")"

step selftest tests/vm/selftest.sh
step docs tests/tools/docs.sh
for g in helper man install dkms; do
	step "tools-$g" tests/tools/run.sh "$g"
done

built=
for k in 6.1 6.12; do
	step "build-$k" "$here/build-module.sh" "$k" && built="$built $k"
done
if step debug-kernel "$here/build-debug-kernel.sh"; then
	step build-debug "$here/build-module.sh" debug && built="$built debug"
	step build-debug-kunit "$here/build-module.sh" debug-kunit &&
		built="$built debug-kunit"
	step kunit-split tests/tools/kunit-split.sh \
		"$("$here/kernels.sh" debug kdir)" \
		build/debug/fs/smb1fs/smb1fs.ko \
		build/debug-kunit/fs/smb1fs/smb1fs.ko
else
	failed=$((failed + 3))
	echo "FAIL build-debug, build-debug-kunit, kunit-split (no debug kernel)"
fi

kos=
for k in $built; do
	kos="$kos build/$k/fs/smb1fs/smb1fs.ko"
done
if [ -n "$kos" ]; then
	# shellcheck disable=SC2086
	step modinfo tests/tools/run.sh modinfo $kos
else
	failed=$((failed + 1))
	echo "FAIL modinfo (no module built)"
fi

# integration KERNEL [PART [SET [ARGS]]]: the integration suite on one
# kernel, timed; with PART, one part of a shared run (SMB1FS_VM_PART),
# SET the cases it runs (SMB1FS_CASE_SET), ARGS more kernel parameters.
integration() {
	local s tag=$1${2:+-$2}
	s=$(date +%s)
	# Without a module vmtest.sh counts every case as failed.
	SMB1FS_VM_PART=${2:-} SMB1FS_CASE_SET=${3:-} SMB1FS_VM_ARGS=${4:-} \
		"$here/vmtest.sh" "$1" >"$logs/vmtest-$tag.log" 2>&1
	echo "$(($(date +%s) - s))" >"$logs/vmtest-$tag.time"
}

# integration_report KERNEL [PART [LANE]]: its summary line, failed
# cases and counts.
integration_report() {
	local tag=$1${2:+-$2} line name
	echo "     integration $tag ($(cat "$logs/vmtest-$tag.time" 2>/dev/null)s), log: $logs/vmtest-$tag.log"
	grep -E '^[^:]*: not ok' "$logs/vmtest-$tag.log" |
		while IFS= read -r line; do
			echo "     | $line"
			# and what failed in it, so that the summary tells
			name=${line#* - }
			name=${name%% *}
			grep -E '^FAIL' "build/vm/cases-$tag/cases/$name.log" 2>/dev/null |
				head -n 5 | sed 's/^/     |   /'
		done
	add_counts "integration $tag" "build/vm/cases-$tag"
	timed "integration $tag" "${3:-1}" "$(cat "$logs/vmtest-$tag.time" 2>/dev/null)"
}

# The debug kernel's run.  kmemleak doubles the cost of every process
# in the debug guest (tools/vm/vmcost.sh: the fixed workload took 241 s
# with it and 114 s with kmemleak=off; debug objects, lockdep's proving
# and the stack depot cost 5-10 % each; KASAN's instrumentation of the
# core kernel, now left out (tools/vm/build-debug-kernel.sh), as much as
# kmemleak: four cases took 520 s with it and 261 s without, side by
# side with kmemleak=off).  So one guest keeps kmemleak
# and runs the cases marked "# kmemleak: yes" (failed mounts, hostile
# replies, reconnects, killed callers, mount cycles, writes: where the
# module's objects are torn down in unusual ways), and the others run in
# guests booted with kmemleak=off; KASAN, lockdep, UBSAN and debug
# objects stay on in every guest.  Each case runs once: the guests take
# them from one queue (run-cases.sh, queue mode), the longest first by
# the times of the last run in this tree, else tests/vm/
# case-times-debug; a case in neither (a new one) is taken first.
queue=build/vm/queue-debug
queue_times() {
	local c name secs
	declare -A t=()
	while read -r name secs; do
		t[$name]=$secs
	done < <(grep -hv '^#' tests/vm/case-times-debug \
		build/vm/case-times-debug 2>/dev/null)
	for c in tests/vm/cases/*.sh; do
		name=$(basename "$c" .sh)
		echo "$name ${t[$name]:-900}"
	done
}

# queue_left: the seconds the unclaimed cases of the kmemleak=off guests
# took last time
queue_left() {
	local name secs left=0
	while read -r name secs; do
		[ -d "$queue/claimed/$name" ] && continue
		grep -q '^# kmemleak: yes' "tests/vm/cases/$name.sh" ||
			left=$((left + secs))
	done < <(queue_times)
	echo "$left"
}

# queue_check: every case was claimed by one guest or another; keep
# this run's times for the next one's order.
queue_check() {
	local c name missing=0
	for c in tests/vm/cases/*.sh; do
		name=$(basename "$c" .sh)
		if [ ! -d "$queue/claimed/$name" ]; then
			echo "     | $name: no guest ran it"
			missing=$((missing + 1))
		fi
	done
	tally "$missing" "integration debug: every case ran in one of the guests" \
		"integration debug: $missing case(s) never ran"
	cat build/vm/cases-debug-leak/results.tap \
		build/vm/cases-debug/results.tap build/vm/cases-debug-b/results.tap \
		2>/dev/null | sed -n -E \
		-e 's/^(not )?ok [0-9]+ - ([^ ]+) # SKIP.*/\2 0/p' \
		-e 's/^(not )?ok [0-9]+ - ([^ ]+) .*[( ]([0-9]+)s\)$/\2 \3/p' |
		sort -k2 -nr >build/vm/case-times-debug.new
	if [ "$missing" = 0 ]; then
		mv build/vm/case-times-debug.new build/vm/case-times-debug
	else
		rm -f build/vm/case-times-debug.new
	fi
}

# debug_leak, debug_other [PART]: the two kinds of debug guest
debug_leak() {
	SMB1FS_QUEUE=$queue integration debug leak leak
}
debug_other() {
	local args=kmemleak=off
	[ -n "$full" ] && args=
	SMB1FS_QUEUE=$queue integration debug "${1:-}" other "$args"
}

# With CHECK_JOBS=2 a second lane runs the kmemleak guest, then the
# stock kernels but the first, then a kmemleak=off guest, in parallel
# with the fuzz smoke run, KUnit, the first stock kernel's run, the boot
# test and the benchmark; every guest gets one CPU.  When the first
# lane is done and enough is left in the queue, it boots a second
# kmemleak=off guest.
jobs=${CHECK_JOBS:-2}
[ "$jobs" -gt 1 ] && export SMB1FS_VM_CPUS=${SMB1FS_VM_CPUS:-1}
debug=
stock=
for k in $kernels; do
	if [ "$k" = debug ]; then
		debug=1
	else
		stock="$stock $k"
	fi
done
read -r first_stock later_stock <<<"$stock"
# The stock kernels after the first run only the cases the debug kernel
# (6.12 with the sanitizers) leaves out, unless every guest runs all.
later_set=
[ -n "$debug" ] && [ -z "$full" ] && later_set=nodebug
lane2=
if [ -n "$debug" ]; then
	rm -rf "$queue"
	mkdir -p "$queue"
	queue_times | sort -k2 -nr | cut -d' ' -f1 >"$queue/order"
fi
lane_pid=
if [ -n "$debug" ] && [ "$jobs" -gt 1 ]; then
	# Both lanes would build the mount helper: build it once first.
	make -s helper >/dev/null 2>&1
	lane2="$later_stock"
	echo "     the debug kernel's runs${lane2:+ and the integration suite on $lane2} run in a second lane (CHECK_JOBS=$jobs)"
	lane_t0=$(date +%s)
	(
		debug_leak
		for k in $lane2; do
			integration "$k" "" "$later_set"
		done
		debug_other
	) &
	lane_pid=$!
fi

if [ -n "$full" ]; then
	step fuzz env FUZZ_TIME="${FUZZ_TIME:-120}" tests/fuzz/run.sh run
else
	step fuzz-smoke tests/fuzz/run.sh smoke
fi

case " $built " in
*" debug-kunit "*)
	s=$(date +%s)
	"$here/kunit.sh" >"$logs/kunit.log" 2>&1
	echo "     kunit ($(($(date +%s) - s))s), log: $logs/kunit.log"
	timed kunit 1 "$(($(date +%s) - s))"
	grep -E '^not ok' build/vm/kunit/kunit-results.txt 2>/dev/null |
		head -n 20 | sed 's/^/     | /'
	add_counts kunit build/vm/kunit
	;;
*)
	failed=$((failed + 1))
	echo "FAIL kunit (the debug module did not build)"
	;;
esac

if [ -n "$lane_pid" ]; then
	serial=$first_stock
else
	serial=$stock
fi
for k in $serial; do
	if [ "$k" = "$first_stock" ]; then
		integration "$k"
	else
		integration "$k" "" "$later_set"
	fi
	integration_report "$k"
done
if [ -n "$debug" ] && [ -z "$lane_pid" ]; then
	lane_t0=$(date +%s)
	debug_leak
	debug_other
fi

case " $built " in
*" 6.1 "*)
	s=$(date +%s)
	"$here/boottest.sh" 6.1 >"$logs/boot-6.1.log" 2>&1
	echo "     boot 6.1 ($(($(date +%s) - s))s), log: $logs/boot-6.1.log"
	timed "boot 6.1" 1 "$(($(date +%s) - s))"
	grep -E '^[^:]*: not ok' "$logs/boot-6.1.log" | sed 's/^/     | /'
	add_counts "boot 6.1" build/vm/boot-6.1
	;;
*)
	failed=$((failed + 1))
	echo "FAIL boot 6.1 (the 6.1 module did not build)"
	;;
esac

case " $built " in
*" 6.1 "*)
	step bench-smoke env BENCH_QUICK=1 tools/bench/bench.sh --no-build
	;;
*)
	failed=$((failed + 1))
	echo "FAIL bench-smoke (the 6.1 module did not build)"
	;;
esac

# The first lane is done: it takes its share of the queue when enough
# is left to pay for booting another guest.
part_b=
if [ -n "$lane_pid" ] && kill -0 "$lane_pid" 2>/dev/null; then
	left=$(queue_left)
	if [ "$left" -ge "${CHECK_SHARE_MIN:-240}" ]; then
		echo "     integration debug: about ${left}s of cases left; the first lane takes its share"
		part_b=b
		debug_other b
	fi
fi

if [ -n "$lane_pid" ]; then
	wait "$lane_pid"
	for k in $lane2; do
		integration_report "$k" "" 2
	done
fi
if [ -n "$debug" ]; then
	l=1
	[ -n "$lane_pid" ] && l=2
	integration_report debug leak "$l"
	integration_report debug "" "$l"
	[ -n "$part_b" ] && integration_report debug b 1
	queue_check
	echo "     integration debug: the debug guests took $(($(date +%s) - lane_t0))s from the first"
fi

echo "check: step times (seconds; lane 2 runs beside lane 1)"
for t in "${timings[@]}"; do
	IFS='|' read -r n l sec <<<"$t"
	printf '     %-28s lane %s %6s\n' "$n" "$l" "$sec"
done
echo "check: done in $(($(date +%s) - t0))s"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
