# SPDX-License-Identifier: GPL-2.0
# queue: every guest, last
# After all other cases, with whatever they left behind unmounted, the
# module still unloads cleanly.  When guests share the cases (the debug
# kernel's run in make check), each runs this one after its share.
umount_all
module_load
mark=$(kmsg_mark)
module_unload
! module_loaded || fail "smb1fs is still loaded"
check_kernel_clean "$mark"
