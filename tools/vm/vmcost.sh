#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Where a guest's time goes: boot one kernel with each of several sets
# of kernel parameters and time a fixed workload (tests/vm/guest-cost.sh)
# under each.  Prints a table, seconds per step and for the whole VM
# (boot and power-off included); the results stay in build/vm/cost/.
#
#   vmcost.sh KERNEL [PARAMS ...]
#
# Each PARAMS is one variant's kernel parameters ("" or "-" for none,
# several separated by spaces in one word), added to those of run.sh
# (which has mitigations=off already).  Default, for the debug kernel:
# none; kmemleak=off; no_debug_objects; lockdep.prove_locking=0;
# stack_depot_disable=on (KASAN's and kmemleak's allocation stacks).
# For a stock kernel: none.  Run it on an otherwise idle host: the
# numbers are only comparable within one run.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
flavor=${1:?usage: vmcost.sh KERNEL [PARAMS ...]}
shift
cd "$top" || exit 1
ko=build/$flavor/fs/smb1fs/smb1fs.ko
[ -f "$ko" ] || { echo "vmcost: $ko is not built (make build-$flavor)" >&2; exit 1; }
if [ $# -eq 0 ]; then
	if [ "$flavor" = debug ]; then
		set -- - kmemleak=off stack_depot_disable=on no_debug_objects \
			lockdep.prove_locking=0
	else
		set -- -
	fi
fi
base=build/vm/cost
rm -rf "$base"
mkdir -p "$base"
i=0
for v in "$@"; do
	[ "$v" = - ] && v=
	i=$((i + 1))
	o=$base/$i
	mkdir -p "$o"
	echo "${v:-(none)}" >"$o/params"
	s=$(date +%s)
	args=kunit.enable=0${v:+ $v}
	[ "$flavor" = debug ] || args=${v:-}
	"$here/run.sh" -k "$flavor" -t 1800 ${args:+-a "$args"} -o "$o" -- \
		tests/vm/guest-cost.sh "$ko" >"$o/run.log" 2>&1
	echo "vm $(($(date +%s) - s))" >>"$o/cost.txt"
	echo "vmcost: $flavor ${v:-(no parameters)}: $(tr '\n' ' ' <"$o/cost.txt")"
done
# the table: one row per step, one column per variant
python3 - "$base" "$i" <<'PY'
import sys
base, n = sys.argv[1], int(sys.argv[2])
cols, rows = [], {}
for i in range(1, n + 1):
    cols.append(open(f"{base}/{i}/params").read().strip())
    for line in open(f"{base}/{i}/cost.txt"):
        k, v = line.split()
        rows.setdefault(k, {})[i] = float(v)
print("| step | " + " | ".join(cols) + " |")
print("|---" * (n + 1) + "|")
for k, vals in rows.items():
    print(f"| {k} | " + " | ".join(
        f"{vals[i]:.1f}" if i in vals else "-" for i in range(1, n + 1)) + " |")
PY
