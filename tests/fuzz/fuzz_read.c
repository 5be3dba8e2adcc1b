// SPDX-License-Identifier: GPL-2.0
/*
 * READ_ANDX replies, whole and from a prefix: the data offset and length
 * must lie after the parameters and inside the message.  The first two
 * input bytes say how much of the message the prefix decoder sees.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smb1_read_rsp r;
	struct smb1_frame f;
	size_t have;
	int ret;

	if (size < 2)
		return 0;
	have = get_unaligned_le16(data);
	data += 2;
	size -= 2;

	ret = smb1_dec_read_andx_hdr(data, min(have, size), size, &r);
	FUZZ_ERRNO(ret);
	if (!ret) {
		FUZZ_CHECK(r.data_offset >= SMB1_READ_RSP_PREFIX);
		FUZZ_INSIDE(data, size, data + r.data_offset, r.data_len);
	}

	if (smb1_parse_frame(data, size, &f))
		return 0;
	fuzz_check_frame(data, size, &f);
	ret = smb1_dec_read_andx(&f, &r);
	if (ret) {
		FUZZ_ERRNO(ret);
		return 0;
	}
	FUZZ_CHECK(r.data_offset >= (size_t)(f.bytes - data));
	FUZZ_INSIDE(data, size, data + r.data_offset, r.data_len);
	return 0;
}
