// SPDX-License-Identifier: GPL-2.0
/*
 * Any reply: the header and block check, the AndX chain walk (each hop
 * must move forward and stay inside; the walk must end), the status to
 * errno mapping.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct smb1_frame f, next;
	unsigned int hops = 0;
	const u8 *prev;
	int ret;

	ret = smb1_parse_frame(data, size, &f);
	if (ret) {
		FUZZ_ERRNO(ret);
		return 0;
	}
	fuzz_check_frame(data, size, &f);
	ret = smb1_frame_errno(&f);
	FUZZ_ERRNO(ret);
	FUZZ_CHECK(smb1_dec_empty(&f, 0) == 0);

	for (;;) {
		ret = smb1_frame_andx_next(&f, &next);
		if (ret) {
			FUZZ_ERRNO(ret);
			break;
		}
		fuzz_check_frame(data, size, &next);
		/* strictly forward: past the previous command's bytes */
		prev = f.bytes + f.bc;
		FUZZ_CHECK(next.words > prev);
		FUZZ_CHECK(next.status == f.status && next.mid == f.mid);
		f = next;
		FUZZ_CHECK(++hops <= size);
	}
	return 0;
}
