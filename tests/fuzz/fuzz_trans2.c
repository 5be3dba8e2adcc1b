// SPDX-License-Identifier: GPL-2.0
/*
 * TRANSACTION2 replies and the QUERY_PATH_INFORMATION and
 * QUERY_FS_INFORMATION levels read from them (SMB_QUERY_FILE_ALL_INFO,
 * SMB_INFO_STANDARD, SMB_QUERY_FS_SIZE_INFO, SMB_INFO_ALLOCATION,
 * FileInternalInformation of QUERY_{PATH,FILE}_INFORMATION), and
 * the core QUERY_INFORMATION and QUERY_INFORMATION_DISK replies.  The
 * first input byte is the server's time zone (quarter hours, signed).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smb1_trans2_rsp t;
	struct smb1_fs_size fs;
	struct smb1_fattr fa;
	struct smb1_frame f;
	int tz, ret;
	u64 id;

	if (size < 1)
		return 0;
	tz = (s8)data[0] * 15;
	data++;
	size--;
	if (smb1_parse_frame(data, size, &f))
		return 0;
	fuzz_check_frame(data, size, &f);

	ret = smb1_dec_query_information(&f, tz, &fa);
	FUZZ_ERRNO(ret);
	FUZZ_ERRNO(smb1_dec_query_disk(&f, &fs));

	ret = smb1_dec_trans2(&f, &t);
	if (ret) {
		FUZZ_ERRNO(ret);
		return 0;
	}
	FUZZ_INSIDE(data, size, t.params, t.param_len);
	FUZZ_INSIDE(data, size, t.data, t.data_len);
	FUZZ_CHECK(!t.params || t.params >= f.bytes);
	FUZZ_CHECK(!t.data || t.data >= f.bytes);

	FUZZ_ERRNO(smb1_dec_file_all_info(&t, &fa));
	FUZZ_ERRNO(smb1_dec_info_standard(&t, tz, &fa));
	FUZZ_ERRNO(smb1_dec_fs_size_info(&t, &fs));
	FUZZ_ERRNO(smb1_dec_fs_alloc_info(&t, &fs));
	ret = smb1_dec_internal_info(&t, &id);
	FUZZ_ERRNO(ret);
	FUZZ_CHECK(!ret || !id);
	return 0;
}
