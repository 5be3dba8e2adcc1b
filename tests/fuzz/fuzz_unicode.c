// SPDX-License-Identifier: GPL-2.0
/*
 * The string conversions between UTF-16LE, UTF-8 and OEM (no code page)
 * into buffers of every small size.  The first input byte is the size of
 * the destination.
 *
 * Then case folding: the rest of the input split after as many bytes as
 * that first byte says (all of it if fewer) into two names, each in a
 * buffer of its own size, compared and hashed as UTF-8 and in two made-up
 * code pages.  Equal names must hash alike, the comparison must be
 * symmetric and every name equal to itself; in UTF-8 the FNV-1a of the
 * folded names must be equal exactly when the names are.
 *
 * Then DOS times, from the first bytes after the size: a date, a time
 * and a time zone decoded and encoded again give the same time (odd
 * seconds, from a seconds field past 29, rounded down), and any time in seconds either encodes to a
 * pair that decodes to it or is refused as out of the DOS range.
 */
#include "fuzz.h"

/* Latin-1 without its C1 controls: 0x80-0x9f do not convert */
static int latin1_holes_char2uni(const unsigned char *s, int boundlen,
				 wchar_t *uni)
{
	if (boundlen < 1)
		return -ENAMETOOLONG;
	if (s[0] >= 0x80 && s[0] < 0xa0)
		return -EINVAL;
	*uni = s[0];
	return 1;
}

/* a double-byte code page: a byte from 0x80 on and the next make U+8000 up */
static int dbcs_char2uni(const unsigned char *s, int boundlen, wchar_t *uni)
{
	if (boundlen < 1)
		return -ENAMETOOLONG;
	if (s[0] < 0x80) {
		*uni = s[0];
		return 1;
	}
	if (boundlen < 2)
		return -EINVAL;
	*uni = s[0] << 8 | s[1];
	return 2;
}

static const struct nls_table latin1_holes = {
	.charset = "latin1-holes",
	.char2uni = latin1_holes_char2uni,
};

static const struct nls_table dbcs = {
	.charset = "dbcs",
	.char2uni = dbcs_char2uni,
};

static void fuzz_fold(const struct nls_table *local, const u8 *a, size_t alen,
		      const u8 *b, size_t blen)
{
	static int salt;
	bool eq = smb1_name_equal(local, a, alen, b, blen);

	FUZZ_CHECK(eq == smb1_name_equal(local, b, blen, a, alen));
	FUZZ_CHECK(smb1_name_equal(local, a, alen, a, alen));
	FUZZ_CHECK(smb1_name_equal(local, b, blen, b, blen));
	if (eq)
		FUZZ_CHECK(smb1_name_hash(&salt, local, a, alen) ==
			   smb1_name_hash(&salt, local, b, blen));
	if (!local)
		FUZZ_CHECK(eq == (smb1_fold_fnv(SMB1_FNV_BASIS, (const char *)a,
						alen) ==
				  smb1_fold_fnv(SMB1_FNV_BASIS, (const char *)b,
						blen)));
}

static void fuzz_dos_time(const u8 *p)
{
	u16 date = p[0] | p[1] << 8, time = p[2] | p[3] << 8, d, t;
	/* ServerTimeZone: within a day either way */
	int tz = (s16)(p[4] | p[5] << 8) % (24 * 60);
	struct timespec64 ts = smb1_dos_time_to_ts(date, time, tz), back;
	s64 local;
	u64 raw;
	int ret, i;

	ret = smb1_ts_to_dos_time(ts, tz, &d, &t);
	FUZZ_CHECK(d != 0);
	/* a date of 0 is the epoch, before the DOS range */
	FUZZ_CHECK(date ? ret == 0 : ret == -EINVAL);
	if (!ret) {
		/* a seconds field of 30 or more decodes to 59: odd */
		back = smb1_dos_time_to_ts(d, t, tz);
		FUZZ_CHECK(back.tv_sec == ts.tv_sec - ((ts.tv_sec - tz * 60) & 1));
	}

	/* any time: encoded exactly to the even second, or refused */
	raw = 0;
	for (i = 0; i < 8; i++)
		raw |= (u64)p[6 + i] << (8 * i);
	ts.tv_sec = (s64)raw;
	ts.tv_nsec = 0;
	ret = smb1_ts_to_dos_time(ts, tz, &d, &t);
	FUZZ_CHECK(d != 0);
	if (check_sub_overflow(ts.tv_sec, (s64)tz * 60, &local))
		local = S64_MAX;
	if (ret) {
		FUZZ_CHECK(ret == -EINVAL);
		FUZZ_CHECK(local < SMB1_DOS_TIME_MIN ||
			   local > SMB1_DOS_TIME_MAX + 1);
	} else {
		back = smb1_dos_time_to_ts(d, t, tz);
		FUZZ_CHECK(back.tv_sec == ts.tv_sec - (local & 1));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t cap, split;
	u8 *a, *b;
	char *out;
	int ret, need;

	if (size < 1)
		return 0;
	cap = data[0];
	data++;
	size--;
	if (size >= 14)
		fuzz_dos_time(data);
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

	/* each name in a buffer of its size, so any read past it is caught */
	split = cap < size ? cap : size;
	a = malloc(split ? split : 1);
	b = malloc(size - split ? size - split : 1);
	if (a && b) {
		memcpy(a, data, split);
		memcpy(b, data + split, size - split);
		fuzz_fold(NULL, a, split, b, size - split);
		fuzz_fold(&latin1_holes, a, split, b, size - split);
		fuzz_fold(&dbcs, a, split, b, size - split);
	}
	free(a);
	free(b);
	return 0;
}
