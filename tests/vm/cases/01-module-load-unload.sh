# SPDX-License-Identifier: GPL-2.0
# The module loads (with its dependency, DES) and unloads cleanly, twice
# in a row.  It is the module users get: loading it runs no KUnit suite
# and brings no kunit.ko in (the debug kernel has KUnit as a module).
module_unload
load_log=/tmp/01-load.log
for i in 1 2; do
	mark=$(kmsg_mark)
	module_load
	module_loaded || fail "smb1fs is not in /proc/modules after insmod"
	dmesg_since "$mark" >"$load_log"
	check_no_grep 'KTAP version|Subtest: smb1fs|kunit' "$load_log"
	check_no_grep '^kunit ' /proc/modules
	assert_ok rmmod smb1fs
	! module_loaded || fail "smb1fs is still in /proc/modules after rmmod"
	check_kernel_clean "$mark"
done
