#!/bin/bash
# Scan a VM console log for kernel trouble.
#
#   check-log.sh [--no-sentinel] LOG...
#
# Fails (exit 1, offending lines on stdout) on:
#   - any kernel splat: BUG/WARNING, Oops, general protection fault,
#     Call Trace, KASAN and UBSAN reports, lockdep reports, RCU and
#     object-debugging reports, list corruption, hung tasks, soft lockups,
#     panics, kmemleak's "unreferenced object" reports;
#   - a taint other than O (out-of-tree module, 4096), E (unsigned module,
#     8192) and N (KUnit test module, 262144), read from the
#     "SMB1FS-VM-TAINT=<n>" line that the guest prints at the end;
#   - a missing "SMB1FS-VM-DONE rc=<n>" sentinel or taint line (unless
#     --no-sentinel).
# Exit 0 when the log is clean.
set -u

need_sentinel=1
if [ "${1:-}" = --no-sentinel ]; then
	need_sentinel=0
	shift
fi
[ $# -ge 1 ] || { echo "usage: check-log.sh [--no-sentinel] LOG..." >&2; exit 2; }

# One extended regular expression per line.
patterns='
BUG:
kernel BUG at
WARNING:
\bOops\b
general protection fault
Call Trace
Kernel panic
KASAN:
UBSAN:
possible circular locking
possible recursive locking
inconsistent lock state
suspicious RCU usage
possible irq lock inversion
bad unlock balance
held lock freed
lock held when returning to user space
DEBUG_LOCKS_WARN_ON
Invalid wait context
sleeping function called from invalid context
scheduling while atomic
blocked for more than
hung_task
soft lockup
hard LOCKUP
detected stalls? on CPU
self-detected stall
unreferenced object
suspected memory leak
ODEBUG:
list_(add|del) corruption
refcount_t:
stack-protector
Unable to handle
double fault
Bad page (state|map)
'

# O, E and N
allowed_taint=$(((1 << 12) | (1 << 13) | (1 << 18)))
taint_letters=PFSRMBUDAWCIOELKXTN

fail=0
for log in "$@"; do
	if [ ! -r "$log" ]; then
		echo "check-log: cannot read $log"
		fail=1
		continue
	fi
	# Console logs carry carriage returns; strip them before matching.
	hits=$(tr -d '\r' <"$log" |
		grep -n -E -f <(printf '%s\n' "$patterns" | sed '/^$/d') |
		grep -v -E '^[0-9]+:SMB1FS-VM-')
	if [ -n "$hits" ]; then
		n=$(printf '%s\n' "$hits" | wc -l)
		echo "check-log: $log: $n line(s) of kernel trouble:"
		printf '%s\n' "$hits" | head -n 40 | sed 's/^/  /'
		[ "$n" -gt 40 ] && echo "  ..."
		fail=1
	fi

	taint=$(tr -d '\r' <"$log" |
		sed -n 's/^SMB1FS-VM-TAINT=\([0-9]*\).*/\1/p' | tail -n 1)
	if [ -n "$taint" ]; then
		bad=$((taint & ~allowed_taint))
		if [ "$bad" != 0 ]; then
			flags=
			for i in $(seq 0 18); do
				[ $(((bad >> i) & 1)) = 1 ] && flags="$flags${taint_letters:$i:1}"
			done
			echo "check-log: $log: kernel tainted $taint (unexpected flags: $flags)"
			fail=1
		fi
	elif [ "$need_sentinel" = 1 ]; then
		echo "check-log: $log: no taint report (the guest did not finish)"
		fail=1
	fi

	if [ "$need_sentinel" = 1 ] &&
		! tr -d '\r' <"$log" | grep -q -E '^SMB1FS-VM-DONE rc=[0-9]+'; then
		echo "check-log: $log: no completion sentinel (the guest did not finish)"
		fail=1
	fi
done
exit "$fail"
