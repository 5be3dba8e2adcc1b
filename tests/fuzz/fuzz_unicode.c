// SPDX-License-Identifier: GPL-2.0
/*
 * The string conversions between UTF-16LE, UTF-8 and OEM (no code page)
 * into buffers of every small size.  The first input byte is the size of
 * the destination.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t cap;
	char *out;
	int ret, need;

	if (size < 1)
		return 0;
	cap = data[0];
	data++;
	size--;
	/* exactly cap bytes, so any write past them is caught */
	out = malloc(cap ? cap : 1);
	if (!out)
		return 0;

	ret = smb1_utf16_to_utf8(data, size, out, cap);
	if (ret >= 0) {
		FUZZ_CHECK((size_t)ret < cap && strlen(out) == (size_t)ret);
		/* and back: the same UTF-16 */
		need = smb1_utf16_len(out, ret);
		FUZZ_CHECK(need == (int)(size & ~(size_t)1));
	} else {
		FUZZ_ERRNO(ret);
	}

	ret = smb1_utf8_to_utf16((const char *)data, size, (u8 *)out, cap);
	if (ret >= 0)
		FUZZ_CHECK((size_t)ret <= cap);
	else
		FUZZ_ERRNO(ret);

	ret = smb1_utf8_to_oem(NULL, (const char *)data, size, (u8 *)out,
			       cap, true);
	if (ret >= 0)
		FUZZ_CHECK((size_t)ret <= cap);
	else
		FUZZ_ERRNO(ret);

	ret = smb1_oem_to_utf8(NULL, data, size, out, cap);
	if (ret >= 0)
		FUZZ_CHECK((size_t)ret < cap && strlen(out) == (size_t)ret);
	else
		FUZZ_ERRNO(ret);

	free(out);
	return 0;
}
