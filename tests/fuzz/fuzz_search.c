// SPDX-License-Identifier: GPL-2.0
/* Core SEARCH replies and the walk over their 43-byte entries. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smb1_find_iter it;
	struct smb1_find_rsp r;
	struct smb1_dirent de;
	struct smb1_frame f;
	u32 n = 0;
	int ret;

	if (smb1_parse_frame(data, size, &f))
		return 0;
	fuzz_check_frame(data, size, &f);
	ret = smb1_dec_search(&f, &r);
	if (ret) {
		FUZZ_ERRNO(ret);
		return 0;
	}
	FUZZ_INSIDE(f.bytes, f.bc, r.data, r.data_len);
	FUZZ_CHECK(r.level == SMB1_FIND_LEVEL_CORE);
	smb1_find_iter_init(&it, &r);
	while (!(ret = smb1_find_iter_next(&it, &de))) {
		FUZZ_INSIDE(r.data, r.data_len, de.name, de.name_len);
		FUZZ_INSIDE(r.data, r.data_len, de.resume,
			    SMB1_SEARCH_RESUME_KEY_SIZE);
		FUZZ_CHECK(de.name_len <= 13);
		fuzz_convert(de.name, de.name_len, false);
		FUZZ_CHECK(++n <= r.count);
	}
	FUZZ_ERRNO(ret);
	return 0;
}
