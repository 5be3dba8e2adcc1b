// SPDX-License-Identifier: GPL-2.0
/* TREE_CONNECT_ANDX replies: 2, 3 and 7 words, the Service string. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smb1_tcon_rsp r;
	struct smb1_frame f;
	int ret;

	if (smb1_parse_frame(data, size, &f))
		return 0;
	fuzz_check_frame(data, size, &f);
	ret = smb1_dec_tree_connect(&f, &r);
	if (ret) {
		FUZZ_ERRNO(ret);
		return 0;
	}
	FUZZ_CHECK(strlen(r.service) < sizeof(r.service));
	FUZZ_CHECK(!memcmp(r.service, f.bytes, strlen(r.service)));
	return 0;
}
