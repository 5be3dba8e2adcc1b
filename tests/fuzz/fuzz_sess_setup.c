// SPDX-License-Identifier: GPL-2.0
/*
 * SESSION_SETUP_ANDX replies, the security blob of the extended form
 * (an NTLMSSP CHALLENGE_MESSAGE and its AV pairs), and a TREE_CONNECT
 * reply chained after it.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smb1_sess_setup_rsp r;
	struct smb1_ntlmssp_chal chal;
	struct smb1_tcon_rsp tc;
	struct smb1_frame f, next;
	u64 ts;
	int ret;

	if (smb1_parse_frame(data, size, &f))
		return 0;
	fuzz_check_frame(data, size, &f);
	ret = smb1_dec_sess_setup(&f, &r);
	if (ret) {
		FUZZ_ERRNO(ret);
		return 0;
	}
	FUZZ_INSIDE(f.bytes, f.bc, r.blob, r.blob_len);
	if (r.blob) {
		ret = smb1_ntlmssp_challenge(r.blob, r.blob_len, &chal);
		FUZZ_ERRNO(ret);
		if (!ret) {
			FUZZ_INSIDE(r.blob, r.blob_len, chal.target_info,
				    chal.ti_len);
			smb1_ntlmssp_timestamp(chal.target_info, chal.ti_len,
					       &ts);
		}
	}
	if (smb1_frame_andx_next(&f, &next))
		return 0;
	fuzz_check_frame(data, size, &next);
	ret = smb1_dec_tree_connect(&next, &tc);
	FUZZ_ERRNO(ret);
	if (!ret)
		FUZZ_CHECK(strlen(tc.service) < sizeof(tc.service));
	return 0;
}
