// SPDX-License-Identifier: GPL-2.0
/*
 * NEGOTIATE replies: NT LM 0.12 (with and without extended security),
 * the LAN Manager form, core and "no dialect".  The first input byte is
 * the number of dialects offered; the rest is the reply.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smb1_negotiate_rsp r;
	struct smb1_frame f;
	unsigned int n;
	int ret;

	if (size < 1)
		return 0;
	n = data[0] % 9;
	data++;
	size--;
	if (smb1_parse_frame(data, size, &f))
		return 0;
	fuzz_check_frame(data, size, &f);
	ret = smb1_dec_negotiate(&f, n, &r);
	if (ret) {
		FUZZ_ERRNO(ret);
		return 0;
	}
	FUZZ_CHECK(r.dialect < n);
	/* the core reply is the index alone, and says nothing else */
	if (r.core)
		FUZZ_CHECK(f.wc == 1 && r.lanman && !r.security_mode &&
			   !r.challenge_len && !r.domain);
	FUZZ_CHECK(r.challenge_len <= sizeof(r.challenge));
	if (r.security_mode & NEGOTIATE_ENCRYPT_PASSWORDS &&
	    !(r.caps & CAP_EXTENDED_SECURITY))
		FUZZ_CHECK(r.challenge_len == SMB1_CHALLENGE_SIZE);
	FUZZ_INSIDE(f.bytes, f.bc, r.domain, r.domain_len);
	if (r.domain) {
		FUZZ_CHECK(r.domain_len);
		if (r.domain_unicode)
			FUZZ_CHECK(!(r.domain_len & 1));
		fuzz_convert(r.domain, r.domain_len, r.domain_unicode);
	}
	smb1_ts_to_nt_time(smb1_nt_time_to_ts(r.system_time));
	return 0;
}
