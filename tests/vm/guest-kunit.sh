#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Run inside the debug-kernel VM (tools/vm/kunit.sh starts it): load the
# module, whose KUnit suites run while it loads, keep the kernel log of
# that load (KTAP) in $VM_OUT/kunit.log, and unload the module.
set -u
ko=${1:?usage: guest-kunit.sh MODULE.ko}
out=${VM_OUT:?VM_OUT is not set (run me through tools/vm/run.sh)}

mark="smb1fs-kunit-start-$$-$RANDOM"
echo "$mark" >/dev/kmsg
echo "insmod $ko"
modprobe -q libdes 2>/dev/null	# DES, for LM and NTLMv1
# KUnit itself, where the kernel has it as a module
modprobe -q kunit 2>/dev/null
insmod "$ko"
rc=$?
dmesg | sed -n "/$mark/,\$p" >"$out/kunit.log"
echo "$mark" >"$out/kunit.mark"
if [ "$rc" = 0 ]; then
	echo "rmmod smb1fs"
	rmmod smb1fs || rc=$?
else
	echo "insmod failed with status $rc"
fi
grep -c '' "$out/kunit.log" | sed 's/^/kernel log lines: /'
exit "$rc"
