# SPDX-License-Identifier: GPL-2.0
# The module loads (with its dependency, DES) and unloads cleanly, twice
# in a row.
module_unload
for i in 1 2; do
	mark=$(kmsg_mark)
	module_load
	module_loaded || fail "smb1fs is not in /proc/modules after insmod"
	assert_ok rmmod smb1fs
	! module_loaded || fail "smb1fs is still in /proc/modules after rmmod"
	check_kernel_clean "$mark"
done
