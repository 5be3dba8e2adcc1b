// SPDX-License-Identifier: GPL-2.0
/*
 * WRITE_ANDX replies: the count of bytes written is never more than
 * was sent, and it is what the reply says, in full or by its low 16
 * bits.  The first four input bytes are the length sent (LE).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smb1_frame f;
	u32 sent, count, full;
	int ret;

	if (size < 4)
		return 0;
	sent = get_unaligned_le32(data);
	data += 4;
	size -= 4;

	if (smb1_parse_frame(data, size, &f))
		return 0;
	fuzz_check_frame(data, size, &f);
	count = 0xdeadbeef;
	ret = smb1_dec_write_andx(&f, sent, &count);
	FUZZ_ERRNO(ret);
	FUZZ_CHECK(count <= sent);
	if (ret) {
		FUZZ_CHECK(ret == -EIO && count == 0);
		return 0;
	}
	FUZZ_CHECK(f.wc >= 6);
	full = get_unaligned_le16(f.words + 4) |
	       (u32)get_unaligned_le16(f.words + 8) << 16;
	FUZZ_CHECK(count == full || count == (full & 0xffff));
	return 0;
}
