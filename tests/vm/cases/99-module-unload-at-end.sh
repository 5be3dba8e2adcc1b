# SPDX-License-Identifier: GPL-2.0
# After all other cases, with whatever they left behind unmounted, the
# module still unloads cleanly.
umount_all
module_load
mark=$(kmsg_mark)
module_unload
! module_loaded || fail "smb1fs is still loaded"
check_kernel_clean "$mark"
