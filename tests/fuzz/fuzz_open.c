// SPDX-License-Identifier: GPL-2.0
/*
 * OPEN_ANDX replies (15 and 19 words) and NT_CREATE_ANDX replies (34
 * words or more), the READ_ANDX reply chained after one when the first
 * read travels with the open, and the CLOSE reply chained after that
 * when the open closes a small file at once.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smb1_nt_create_rsp nt;
	struct smb1_open_rsp r;
	struct smb1_read_rsp rd;
	struct smb1_frame f, next, close;
	int ret, nt_ret;

	if (smb1_parse_frame(data, size, &f))
		return 0;
	fuzz_check_frame(data, size, &f);
	nt_ret = smb1_dec_nt_create(&f, &nt);
	FUZZ_ERRNO(nt_ret);
	if (!nt_ret) {
		FUZZ_CHECK(f.wc >= 34);
		FUZZ_CHECK(nt.attr.nlink == 1 && !nt.attr.file_id);
		FUZZ_CHECK(!nt.is_dir || (nt.attr.attrs & ATTR_DIRECTORY));
		FUZZ_CHECK(nt.attr.size <= (u64)S64_MAX &&
			   nt.attr.alloc_size <= (u64)S64_MAX);
	}
	ret = smb1_dec_open_andx(&f, &r);
	FUZZ_ERRNO(ret);
	if (ret && nt_ret)
		return 0;
	if (smb1_frame_andx_next(&f, &next))
		return 0;
	fuzz_check_frame(data, size, &next);
	ret = smb1_dec_read_andx(&next, &rd);
	if (ret) {
		FUZZ_ERRNO(ret);
		return 0;
	}
	FUZZ_CHECK(rd.data_offset >= (size_t)(next.bytes - data));
	FUZZ_INSIDE(data, size, data + rd.data_offset, rd.data_len);
	if (smb1_frame_andx_next(&next, &close))
		return 0;
	fuzz_check_frame(data, size, &close);
	return 0;
}
