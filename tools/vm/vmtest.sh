#!/bin/sh
# Run the integration cases (tests/vm/cases/) in a VM.
#
#   vmtest.sh KERNEL [CASE...]     KERNEL: 6.1, 6.12 or debug
#
# Uses build/KERNEL/fs/smb1fs/smb1fs.ko (make build-KERNEL) and the mount
# helper build/tools/mount.smb1fs (built here if needed; the cases find it
# as $SMB1FS_HELPER).  Results in
# build/vm/cases-KERNEL/: console.log, guest.log, results.tap, cases/*.log
# and counts ("passed=P failed=F skipped=S vm=STATUS").  A case the
# runner planned but never reported (the VM died) counts as failed.
# Exit 0 only if every case passed and the VM run was clean.
#
# Two guests can share one run (tools/vm/check.sh does, for the debug
# kernel): with SMB1FS_QUEUE=DIR both take their cases from the queue in
# DIR (tests/vm/run-cases.sh, queue mode), and SMB1FS_VM_PART=P gives
# the second its own results, build/vm/cases-KERNEL-P/.  A case is then
# "planned" by the guest that claimed it.
#
# SMB1FS_VM_ARGS adds kernel parameters (kmemleak=off, for example), and
# SMB1FS_CASE_SET chooses a set of cases (tests/vm/run-cases.sh).
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
flavor=${1:?usage: vmtest.sh 6.1|6.12|debug [CASE...]}
shift
ko=$top/build/$flavor/fs/smb1fs/smb1fs.ko
part=${SMB1FS_VM_PART:-}
out=$top/build/vm/cases-$flavor${part:+-$part}
queue=${SMB1FS_QUEUE:-}
if [ -n "$queue" ]; then
	mkdir -p "$queue"
	queue=$(cd "$queue" && pwd)
	SMB1FS_QUEUE=$queue
	SMB1FS_QUEUE_TAG=$flavor${part:+-$part}
	export SMB1FS_QUEUE SMB1FS_QUEUE_TAG
fi

cd "$top" || exit 1
rm -rf "$out"
mkdir -p "$out"
ncases=$(ls tests/vm/cases/*.sh | wc -l)
[ $# -gt 0 ] && ncases=$#
if [ ! -f "$ko" ]; then
	echo "vmtest: $ko is not built (make build-$flavor)" >&2
	echo "passed=0 failed=$ncases skipped=0 vm=none" >"$out/counts"
	exit 1
fi

# The guest runs the host's binaries: the helper is built here.
if ! make -s -C "$top" helper >"$out/helper.log" 2>&1; then
	echo "vmtest: building the mount helper failed, see $out/helper.log" >&2
fi
export SMB1FS_HELPER=$top/build/tools/mount.smb1fs

# The debug kernel runs everything several times slower: the cases that
# walk the large test tree get its light variant there (tests/vm/mktree.sh;
# SMB1FS_TREE=full overrides).
if [ "$flavor" = debug ] && [ -z "${SMB1FS_TREE:-}" ]; then
	SMB1FS_TREE=light
	export SMB1FS_TREE
fi
"$here/fixtures.sh" >"$out/fixtures.log" 2>&1 ||
	echo "vmtest: generating the test tree failed, see $out/fixtures.log" >&2

limit=${SMB1FS_VM_TIMEOUT:-}
[ -n "$limit" ] || { [ "$flavor" = debug ] && limit=4200 || limit=2400; }
# On the debug kernel every insmod would run all KUnit suites again; they
# have their own step (kunit.sh), so they are switched off here.
kargs=
[ "$flavor" = debug ] && kargs=kunit.enable=0
[ -n "${SMB1FS_VM_ARGS:-}" ] && kargs="${kargs:+$kargs }$SMB1FS_VM_ARGS"
"$here/run.sh" -k "$flavor" -t "$limit" ${kargs:+-a "$kargs"} \
	${queue:+-w "$queue"} -o "$out" -- \
	tests/vm/run-cases.sh "$ko" "$@"
vm=$?
# 1-99: the runner's own status (failed cases, counted below); 100 and
# more: the VM run itself was not clean.
[ "$vm" -lt 100 ] && vm=0

tap=$out/results.tap
touch "$tap"
planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$tap" | head -n 1)
if [ -n "$queue" ]; then
	# what this guest claimed (the cases every guest runs too), whether
	# or not it lived to report it
	planned=$(ls "$queue"/claimed/*/"$SMB1FS_QUEUE_TAG" 2>/dev/null | wc -l)
fi
[ -n "$planned" ] || planned=$ncases
skipped=$(grep -c -E '^ok [0-9]+ .*# SKIP' "$tap")
passed=$(($(grep -c -E '^ok [0-9]+' "$tap") - skipped))
failed=$(grep -c -E '^not ok [0-9]+' "$tap")
missing=$((planned - passed - failed - skipped))
[ "$missing" -gt 0 ] && failed=$((failed + missing))
echo "passed=$passed failed=$failed skipped=$skipped vm=$vm" >"$out/counts"

tag=$flavor${part:+-$part}
grep -E '^(not )?ok ' "$tap" | sed "s/^/$tag: /"
[ "$missing" -gt 0 ] && echo "$tag: $missing case(s) never reported"
echo "vmtest $tag: $passed passed, $failed failed, $skipped skipped"
status=0
[ "$failed" = 0 ] || status=1
[ "$vm" = 0 ] ||
	{ echo "vmtest: the $flavor VM run failed (status $vm), see $out/console.log" >&2; status=1; }
exit "$status"
