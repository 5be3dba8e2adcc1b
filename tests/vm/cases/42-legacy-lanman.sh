# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1 debug
# The LAN Manager dialects (LANMAN2.1, LANMAN1.0) with every way a server
# may check passwords (see tests/vm/legacy.sh).
module_load
. "$SMB1FS_ROOT/tests/vm/legacy.sh"
legacy_matrix LANMAN2 LANMAN1
