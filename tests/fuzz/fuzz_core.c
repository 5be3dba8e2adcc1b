// SPDX-License-Identifier: GPL-2.0
/*
 * The core protocol's replies: TREE_CONNECT, OPEN, CREATE (and
 * CREATE_NEW), READ (whole and from a prefix) and WRITE.  The first input
 * byte selects the decoder; READ takes two more, how much of the message
 * the prefix decoder sees, and WRITE four, the length sent (LE).
 */
#include "fuzz.h"

static void fuzz_core_read(const uint8_t *data, size_t size)
{
	struct smb1_read_rsp r;
	struct smb1_frame f;
	size_t have;
	int ret;

	if (size < 2)
		return;
	have = get_unaligned_le16(data);
	data += 2;
	size -= 2;
	ret = smb1_dec_read_core_hdr(data, min(have, size), size, &r);
	FUZZ_ERRNO(ret);
	if (!ret) {
		FUZZ_CHECK(r.data_offset == SMB1_CORE_READ_RSP_PREFIX);
		FUZZ_INSIDE(data, size, data + r.data_offset, r.data_len);
		/* ByteCount: the three-byte head and the data, no more */
		FUZZ_CHECK(get_unaligned_le16(data + SMB1_HDR_SIZE + 11) ==
			   r.data_len + 3);
	}
	if (smb1_parse_frame(data, size, &f))
		return;
	fuzz_check_frame(data, size, &f);
	ret = smb1_dec_read_core(&f, &r);
	if (ret) {
		FUZZ_ERRNO(ret);
		return;
	}
	/* the data is all of the bytes after their three-byte head */
	FUZZ_CHECK(data + r.data_offset == f.bytes + 3);
	FUZZ_CHECK(r.data_len + 3 == f.bc);
	FUZZ_INSIDE(data, size, data + r.data_offset, r.data_len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smb1_open_rsp o;
	struct smb1_frame f;
	u16 a, b;
	u32 sent, n;
	uint8_t sel;
	int ret;

	if (size < 1)
		return 0;
	sel = data[0] % 5;
	data++;
	size--;
	if (sel == 3) {
		fuzz_core_read(data, size);
		return 0;
	}
	sent = 0;
	if (sel == 4) {
		if (size < 4)
			return 0;
		sent = get_unaligned_le32(data);
		data += 4;
		size -= 4;
	}
	if (smb1_parse_frame(data, size, &f))
		return 0;
	fuzz_check_frame(data, size, &f);
	switch (sel) {
	case 0:
		ret = smb1_dec_tree_connect_core(&f, &a, &b);
		FUZZ_CHECK(ret || f.wc == 2);
		break;
	case 1:
		ret = smb1_dec_open_core(&f, &o);
		FUZZ_CHECK(ret || (f.wc == 7 && o.size <= U32_MAX));
		break;
	case 2:
		ret = smb1_dec_create_core(&f, &a);
		FUZZ_CHECK(ret || f.wc == 1);
		break;
	default:
		n = 0xdeadbeef;
		ret = smb1_dec_write_core(&f, sent, &n);
		FUZZ_CHECK(n <= sent);
		FUZZ_CHECK(!ret || n == 0);
		break;
	}
	FUZZ_ERRNO(ret);
	return 0;
}
