#!/bin/bash
# "make bench": time smb1fs against the kernel's cifs client (vers=1.0),
# smbnetfs (FUSE, libsmbclient), smbclient and the local export, in one
# stock 6.1 VM run against the same Samba share (tools/bench/guest.sh),
# over each link profile in turn, then write the tables and the chart
# (tools/bench/report.py).
#
#   bench.sh [--no-build]
#
# Link profiles: the guest's loopback shaped with netem (guest.sh tells
# how), each direction on its own:
#   lo    no shaping: the emulated CPUs are the limit; the client's CPU
#         per GiB is judged here
#   lan   100 Mbit/s, 0.25 ms each way (0.5 ms round trip)
#   wifi  30 Mbit/s, 2 ms each way (4 ms round trip)
# In lan and wifi the sequential read and write are measured against the
# physical limit: the link's rate less the Ethernet, IP, TCP, NetBIOS
# and SMB headers of 1 MiB READ_ANDX / WRITE_ANDX exchanges (report.py).
#
# Environment:
#   BENCH_QUICK=1        small sizes, one repetition (make check runs this):
#                        the lo profile and a 4 MiB read over lan
#   BENCH_PROFILES="lo lan wifi"   the profiles (quick: "lo lan")
#   BENCH_REPS=N         repetitions of each cold run (default 3; quick 1)
#   BENCH_WORKLOADS="seq par4 cat ls stat rand seqw tarx impacket"   a
#                        subset, for every profile (default: all in lo;
#                        lan and wifi leave out par4 and impacket)
#   BENCH_OUT=DIR        results (default build/bench, quick build/bench-quick)
#   BENCH_KO=FILE        the module (default build/6.1/fs/smb1fs/smb1fs.ko)
#   BENCH_VM_TIMEOUT=S   limit of the VM run (default 7200 for lo and 5400
#                        for each other profile; quick 600 and 120)
#   BENCH_RUN_TIMEOUT=S  limit of one timed run (default 600)
#   BENCH_IMPACKET_MB=N  size of the file read from impacket's server
#                        (default 32, quick 2: it serves a few MiB/s)
#   BENCH_SMB1FS_OPTS, BENCH_CIFS_OPTS   extra mount options
# --no-build: use the module as it is and do not look for missing packages
# (default: tools/vm/deps.sh, then make build-6.1, going on with an
# existing module if only warnings fail that build).
#
# Left in the results directory: results.txt (also printed), results.json,
# results.csv, results.svg, and vm/ (the raw data and the VM's logs, a
# directory per profile).
# Exit status 0 when every workload ran through every client (smbnetfs:
# reported, not judged), every data check passed (smb1fs's, and cifs's
# of the writes) and the shaping was seen working, whether or not the
# targets were met.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
cd "$top" || exit 1

build=1
[ "${1:-}" = --no-build ] && build=0

quick=${BENCH_QUICK:-0}
[ "$quick" = 1 ] || quick=0
out=${BENCH_OUT:-}
[ -n "$out" ] || { [ "$quick" = 1 ] && out=build/bench-quick || out=build/bench; }
ko=${BENCH_KO:-build/6.1/fs/smb1fs/smb1fs.ko}
profiles=${BENCH_PROFILES:-}
[ -n "$profiles" ] || { [ "$quick" = 1 ] && profiles="lo lan" || profiles="lo lan wifi"; }
limit=${BENCH_VM_TIMEOUT:-}
if [ -z "$limit" ]; then
	limit=0
	for p in $profiles; do
		case "$p:$quick" in
		lo:1) limit=$((limit + 600)) ;;
		lo:0) limit=$((limit + 7200)) ;;
		*:1) limit=$((limit + 120)) ;;
		*) limit=$((limit + 5400)) ;;
		esac
	done
fi
for p in $profiles; do
	case "$p" in
	lo|lan|wifi) ;;
	*) echo "bench: unknown profile '$p' in BENCH_PROFILES (lo, lan, wifi)" >&2; exit 1 ;;
	esac
done

if [ "$build" = 1 ]; then
	tools/vm/deps.sh || exit 1
fi
if [ "$build" = 1 ] && [ -z "${BENCH_KO:-}" ]; then
	if ! tools/vm/build-module.sh 6.1; then
		[ -f "$ko" ] || { echo "bench: the module does not build" >&2; exit 1; }
		echo "bench: the build has warnings; going on with it" >&2
	fi
fi
[ -f "$ko" ] || { echo "bench: $ko is not built (make build-6.1)" >&2; exit 1; }
case "$ko" in /*) ;; *) ko=$top/$ko ;; esac

mkdir -p "$out" || exit 1
out=$(cd "$out" && pwd)
rm -rf "$out/vm" "$out"/results.*
# The module measured is kept with the results (and a rebuild of
# build/6.1 during the run cannot pull it away).
mkdir -p "$out/vm"
cp "$ko" "$out/vm/smb1fs.ko" || exit 1
ko=$out/vm/smb1fs.ko
export SMB1FS_BENCH_QUICK=$quick SMB1FS_BENCH_PROFILES=$profiles
[ -n "${BENCH_REPS:-}" ] && export SMB1FS_BENCH_REPS=$BENCH_REPS
[ -n "${BENCH_WORKLOADS:-}" ] && export SMB1FS_BENCH_WORKLOADS=$BENCH_WORKLOADS
[ -n "${BENCH_SMB1FS_OPTS:-}" ] && export SMB1FS_BENCH_SMB1FS_OPTS=$BENCH_SMB1FS_OPTS
[ -n "${BENCH_CIFS_OPTS:-}" ] && export SMB1FS_BENCH_CIFS_OPTS=$BENCH_CIFS_OPTS
[ -n "${BENCH_IMPACKET_MB:-}" ] && export SMB1FS_BENCH_IMPACKET_MB=$BENCH_IMPACKET_MB
[ -n "${BENCH_RUN_TIMEOUT:-}" ] && export SMB1FS_BENCH_RUN_TIMEOUT=$BENCH_RUN_TIMEOUT

echo "bench: $([ "$quick" = 1 ] && echo "quick mode" || echo "full run"), profiles: $profiles, module $ko"
# Other load on the host slows the emulated guest down unevenly.
printf 'host_load_before\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" >"$out/vm/host.tsv"
s=$(date +%s)
tools/vm/run.sh -s -k 6.1 -t "$limit" -o "$out/vm" -- tools/bench/guest.sh "$ko"
vm=$?
printf 'host_load_after\t%s\nhost_cpus\t%s\n' "$(cut -d' ' -f1-3 /proc/loadavg)" \
	"$(nproc)" >>"$out/vm/host.tsv"
echo "bench: VM run finished in $(($(date +%s) - s))s (status $vm)"
echo
/usr/bin/python3 "$here/report.py" "$out/vm" "$out"
rep=$?
echo
echo "bench: results in $out/results.txt, .json, .csv and the chart $out/results.svg"

status=0
if [ "$vm" -ge 100 ]; then
	echo "bench: the VM run was not clean (status $vm), see $out/vm/console.log" >&2
	[ -f "$out/vm/check-log.txt" ] && head -n 20 "$out/vm/check-log.txt" >&2
	status=1
elif [ "$vm" != 0 ]; then
	echo "bench: the benchmark reported failures (status $vm), see $out/vm/guest.log" >&2
	status=1
fi
[ "$rep" = 0 ] || { echo "bench: incomplete or wrong results (see PROBLEMS above)" >&2; status=1; }
if [ ! -s "$out/results.txt" ] || [ ! -s "$out/results.svg" ]; then
	echo "bench: no table or no chart" >&2
	status=1
fi
exit "$status"
