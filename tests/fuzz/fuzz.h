/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared helpers of the fuzz targets: each target feeds one family of
 * smb1fs decoders with what libFuzzer makes up and checks that whatever
 * they report (pointers, lengths, offsets) lies inside the input.  A
 * violation aborts, which libFuzzer records as a crash with its input.
 */
#ifndef _SMB1FS_FUZZ_H
#define _SMB1FS_FUZZ_H

#include <stdio.h>
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: check failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

/* [p, p + n) lies inside [base, base + len) */
static inline bool fuzz_inside(const void *base, size_t len, const void *p,
			       size_t n)
{
	const u8 *b = base, *q = p;

	if (!q)
		return !n;
	return q >= b && (size_t)(q - b) <= len && n <= len - (size_t)(q - b);
}

#define FUZZ_INSIDE(base, len, p, n) \
	FUZZ_CHECK(fuzz_inside(base, len, p, n))

/* A frame the parser accepted describes only bytes of its message. */
static inline void fuzz_check_frame(const u8 *buf, size_t len,
				    const struct smb1_frame *f)
{
	FUZZ_CHECK(f->buf == buf && f->len == len);
	FUZZ_INSIDE(buf, len, f->words, 2 * (size_t)f->wc);
	FUZZ_INSIDE(buf, len, f->bytes, f->bc);
	FUZZ_CHECK(f->words > buf + SMB1_HDR_SIZE - 1);
	FUZZ_CHECK(f->bytes >= f->words + 2 * (size_t)f->wc + 2);
}

/* An errno a decoder may return: 0 or a small negative number */
#define FUZZ_ERRNO(ret)	FUZZ_CHECK((ret) <= 0 && (ret) > -4096)

/*
 * A copy of a string the server sent, as the mount code converts it:
 * UTF-16LE or OEM (no code page: ASCII) into a bounded buffer.
 */
static inline void fuzz_convert(const u8 *s, size_t n, bool unicode)
{
	char out[64];
	int ret;

	if (unicode)
		ret = smb1_utf16_to_utf8(s, n, out, sizeof(out));
	else
		ret = smb1_oem_to_utf8(NULL, s, n, out, sizeof(out));
	if (ret >= 0) {
		FUZZ_CHECK((size_t)ret < sizeof(out));
		FUZZ_CHECK(strlen(out) == (size_t)ret);
	} else {
		FUZZ_ERRNO(ret);
	}
}

#endif /* _SMB1FS_FUZZ_H */
