#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Self-test of the test bed's own judges, on the sample logs in samples/:
#   - tools/vm/check-log.sh must pass every clean-*.log and fail every
#     other *.log (real splats captured from VM runs, and hand-written
#     reports of the kinds the kernel prints);
#   - tools/vm/ktap-summary.py must count every ktap-*.txt as its first
#     line ("# expect: passed=P failed=F skipped=S") says.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tools=$here/../../tools/vm
bad=0
n=0

for f in "$here"/samples/*.log; do
	n=$((n + 1))
	name=$(basename "$f")
	if "$tools/check-log.sh" "$f" >/dev/null 2>&1; then
		got=clean
	else
		got=trouble
	fi
	case "$name" in
	clean-*) want=clean ;;
	*) want=trouble ;;
	esac
	if [ "$got" = "$want" ]; then
		echo "ok $n - check-log: $name is $want"
	else
		echo "not ok $n - check-log: $name is $got, expected $want"
		"$tools/check-log.sh" "$f" | head -n 10 | sed 's/^/    # /'
		bad=$((bad + 1))
	fi
done

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in "$here"/samples/ktap-*.txt; do
	n=$((n + 1))
	name=$(basename "$f")
	want=$(sed -n '1s/^# expect: //p' "$f")
	/usr/bin/python3 "$tools/ktap-summary.py" --counts "$tmp" "$f" >/dev/null
	rc=$?
	got=$(cat "$tmp")
	case "$want" in *" failed=0 "*) want_rc=0 ;; *) want_rc=1 ;; esac
	if [ "$got" = "$want" ] && [ "$rc" = "$want_rc" ]; then
		echo "ok $n - ktap-summary: $name: $got"
	else
		echo "not ok $n - ktap-summary: $name: got '$got' (status $rc), expected '$want'"
		bad=$((bad + 1))
	fi
done

echo "# $((n - bad)) of $n passed"
[ "$bad" = 0 ]
