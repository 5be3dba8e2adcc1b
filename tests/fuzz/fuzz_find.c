// SPDX-License-Identifier: GPL-2.0
/*
 * FIND_FIRST2 and FIND_NEXT2 replies and the walk over their entries at
 * each information level.  The first input byte selects: bit 0
 * FIND_NEXT2, bit 1 SMB_INFO_STANDARD, else bit 3
 * SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO, else SMB_FIND_FILE_DIRECTORY_INFO;
 * bit 2 Unicode names; the rest is the reply.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smb1_find_iter it;
	struct smb1_trans2_rsp t;
	struct smb1_find_rsp r;
	struct smb1_dirent de;
	struct smb1_frame f;
	const u8 *last = NULL;
	u32 last_len = 0, last_key = 0, n = 0, prev_pos;
	u8 sel;
	int ret;

	if (size < 1)
		return 0;
	sel = data[0];
	data++;
	size--;
	if (smb1_parse_frame(data, size, &f))
		return 0;
	fuzz_check_frame(data, size, &f);
	if (smb1_dec_trans2(&f, &t))
		return 0;
	if (sel & 1)
		ret = smb1_dec_find_next(&t, &r);
	else
		ret = smb1_dec_find_first(&t, &r);
	if (ret) {
		FUZZ_ERRNO(ret);
		return 0;
	}
	FUZZ_INSIDE(data, size, r.data, r.data_len);
	if (sel & 2)
		r.level = SMB1_FIND_LEVEL_STANDARD;
	else if (sel & 8)
		r.level = SMB1_FIND_LEVEL_ID_FULL;
	else
		r.level = SMB1_FIND_LEVEL_DIRINFO;
	r.unicode = sel & 4;
	r.tz = (s8)sel;

	smb1_find_iter_init(&it, &r);
	for (;;) {
		prev_pos = it.pos;
		ret = smb1_find_iter_next(&it, &de);
		if (ret) {
			FUZZ_ERRNO(ret);
			/* a failed walk stays failed */
			if (ret != -ENOENT)
				FUZZ_CHECK(smb1_find_iter_next(&it, &de) == ret);
			break;
		}
		FUZZ_INSIDE(r.data, r.data_len, de.name, de.name_len);
		FUZZ_CHECK(it.pos <= r.data_len);
		FUZZ_CHECK(it.done || it.pos > prev_pos);
		/* only this level carries a file id */
		FUZZ_CHECK(r.level == SMB1_FIND_LEVEL_ID_FULL ||
			   !de.attr.file_id);
		fuzz_convert(de.name, de.name_len, r.unicode);
		last = de.name;
		last_len = de.name_len;
		last_key = de.resume_key;
		FUZZ_CHECK(++n <= r.count);
	}
	if (last)
		smb1_find_last_is(&r, last_key, last, last_len);
	return 0;
}
