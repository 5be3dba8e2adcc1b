// SPDX-License-Identifier: GPL-2.0
/* NTLMSSP CHALLENGE_MESSAGE and the AV pairs of its target information. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smb1_ntlmssp_chal c;
	u64 ts;
	int ret;

	smb1_ntlmssp_timestamp(data, size, &ts);
	ret = smb1_ntlmssp_challenge(data, size, &c);
	if (ret) {
		FUZZ_ERRNO(ret);
		return 0;
	}
	FUZZ_INSIDE(data, size, c.target_info, c.ti_len);
	smb1_ntlmssp_timestamp(c.target_info, c.ti_len, &ts);
	return 0;
}
