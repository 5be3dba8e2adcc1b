# SPDX-License-Identifier: GPL-2.0
# kernels: 6.1
# NT LM 0.12 with every way a server may check passwords: NTLMSSP, raw
# NTLMv2, NTLMv1, LM, plain text (see tests/vm/legacy.sh).
module_load
. "$SMB1FS_ROOT/tests/vm/legacy.sh"
legacy_matrix NT1
