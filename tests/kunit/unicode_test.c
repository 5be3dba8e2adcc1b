// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for smb1fs name conversion (UTF-16LE <-> UTF-8) and the
 * SMB time formats (NT time, UTIME, SMB_DATE/SMB_TIME).
 *
 * The encodings in the tables follow from the definitions of UTF-8
 * (RFC 3629) and UTF-16 (RFC 2781); the times were computed independently
 * from the calendar.
 */

#include <kunit/test.h>
#include <linux/string.h>

#include "../../fs/smb1fs/internal.h"

/* Room for the longest vector, plus guard bytes that must stay intact. */
#define BUF_SIZE	64
#define GUARD		0x5a

static void expect_bytes(struct kunit *test, const void *got,
			 const void *want, size_t len, const char *what)
{
	KUNIT_EXPECT_TRUE_MSG(test, !memcmp(got, want, len),
			      "%s: got %*ph, want %*ph", what, (int)len, got,
			      (int)len, want);
}

static void expect_guard(struct kunit *test, const void *buf, size_t from,
			 size_t to)
{
	const u8 *p = buf;
	size_t i;

	for (i = from; i < to; i++)
		KUNIT_EXPECT_EQ_MSG(test, p[i], (u8)GUARD,
				    "byte %zu beyond the output was written", i);
}

/* ------------------------------------------------------------------ */
/* Valid names: both directions                                        */
/* ------------------------------------------------------------------ */

struct name_case {
	const char *name;
	const char *utf8;
	const u8 *utf16;
	size_t utf16_len;
};

/* the UTF-16LE bytes of a case, and their number */
#define U16(...)							\
	.utf16 = (const u8[]){ __VA_ARGS__ },				\
	.utf16_len = sizeof((const u8[]){ __VA_ARGS__ })

static const struct name_case name_cases[] = {
	{ "empty", "", .utf16 = (const u8 *)"", .utf16_len = 0 },
	{ "ascii", "Hello.txt",
	  U16('H', 0, 'e', 0, 'l', 0, 'l', 0, 'o', 0, '.', 0, 't', 0, 'x', 0,
	      't', 0) },
	{ "e acute", "\xc3\xa9", U16(0xe9, 0x00) },
	{ "cjk", "\xe6\x97\xa5\xe6\x9c\xac", U16(0xe5, 0x65, 0x2c, 0x67) },
	{ "emoji U+1F600", "\xf0\x9f\x98\x80", U16(0x3d, 0xd8, 0x00, 0xde) },
	{ "mixed", "a\xc3\xa9\xe6\x97\xa5\xf0\x9f\x98\x80z",
	  U16('a', 0, 0xe9, 0x00, 0xe5, 0x65, 0x3d, 0xd8, 0x00, 0xde,
	      'z', 0) },
	{ "U+0001", "\x01", U16(0x01, 0x00) },
	{ "U+007F", "\x7f", U16(0x7f, 0x00) },
	{ "U+0080", "\xc2\x80", U16(0x80, 0x00) },
	{ "U+07FF", "\xdf\xbf", U16(0xff, 0x07) },
	{ "U+0800", "\xe0\xa0\x80", U16(0x00, 0x08) },
	{ "U+D7FF", "\xed\x9f\xbf", U16(0xff, 0xd7) },
	{ "U+E000", "\xee\x80\x80", U16(0x00, 0xe0) },
	{ "U+FFFF", "\xef\xbf\xbf", U16(0xff, 0xff) },
	{ "U+10000", "\xf0\x90\x80\x80", U16(0x00, 0xd8, 0x00, 0xdc) },
	{ "U+10FFFF", "\xf4\x8f\xbf\xbf", U16(0xff, 0xdb, 0xff, 0xdf) },
};

static void name_case_desc(const struct name_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(name, name_cases, name_case_desc);

static void utf16_to_utf8_test(struct kunit *test)
{
	const struct name_case *c = test->param_value;
	size_t want = strlen(c->utf8), n16 = c->utf16_len;
	u8 src[BUF_SIZE + 1];
	char dst[BUF_SIZE];
	int i;

	/* aligned and unaligned source */
	for (i = 0; i < 2; i++) {
		memcpy(src + i, c->utf16, n16);
		memset(dst, GUARD, sizeof(dst));
		KUNIT_EXPECT_EQ(test, smb1_utf16_to_utf8(src + i, n16, dst,
							 sizeof(dst)),
				(int)want);
		expect_bytes(test, dst, c->utf8, want + 1, "utf8 + NUL");
		expect_guard(test, dst, want + 1, sizeof(dst));
	}

	/* exactly enough room for the result and its terminator */
	memset(dst, GUARD, sizeof(dst));
	KUNIT_EXPECT_EQ(test, smb1_utf16_to_utf8(c->utf16, n16, dst, want + 1),
			(int)want);
	expect_bytes(test, dst, c->utf8, want + 1, "utf8 + NUL, tight");
	expect_guard(test, dst, want + 1, sizeof(dst));

	/* one byte short: the terminator does not fit */
	memset(dst, GUARD, sizeof(dst));
	KUNIT_EXPECT_EQ(test, smb1_utf16_to_utf8(c->utf16, n16, dst, want),
			-ENAMETOOLONG);
	if (want) {
		KUNIT_EXPECT_EQ(test, dst[0], '\0');
		expect_guard(test, dst, want, sizeof(dst));
	} else {
		expect_guard(test, dst, 0, sizeof(dst));
	}
}

static void utf8_to_utf16_test(struct kunit *test)
{
	const struct name_case *c = test->param_value;
	size_t len = strlen(c->utf8), want = c->utf16_len;
	u8 dst[BUF_SIZE + 1];
	u8 zero[2] = { 0, 0 };
	int i;

	KUNIT_EXPECT_EQ(test, smb1_utf16_len(c->utf8, len), (int)want);

	/* aligned and unaligned destination, room for the terminator */
	for (i = 0; i < 2; i++) {
		memset(dst, GUARD, sizeof(dst));
		KUNIT_EXPECT_EQ(test, smb1_utf8_to_utf16(c->utf8, len, dst + i,
							 BUF_SIZE),
				(int)want);
		expect_guard(test, dst, 0, i);
		expect_bytes(test, dst + i, c->utf16, want, "utf16");
		expect_bytes(test, dst + i + want, zero, 2, "terminator");
		expect_guard(test, dst, i + want + 2, sizeof(dst));
	}

	/* exactly enough room: no terminator */
	memset(dst, GUARD, sizeof(dst));
	KUNIT_EXPECT_EQ(test, smb1_utf8_to_utf16(c->utf8, len, dst, want),
			(int)want);
	expect_bytes(test, dst, c->utf16, want, "utf16, tight");
	expect_guard(test, dst, want, sizeof(dst));

	/* one byte short */
	if (want) {
		memset(dst, GUARD, sizeof(dst));
		KUNIT_EXPECT_EQ(test, smb1_utf8_to_utf16(c->utf8, len, dst,
							 want - 1),
				-ENAMETOOLONG);
		expect_guard(test, dst, 0, sizeof(dst));
	}
}

static void round_trip_test(struct kunit *test)
{
	const struct name_case *c = test->param_value;
	size_t len = strlen(c->utf8);
	u8 mid[BUF_SIZE];
	char back[BUF_SIZE];
	int n16, n8;

	n16 = smb1_utf8_to_utf16(c->utf8, len, mid, sizeof(mid));
	KUNIT_ASSERT_GE(test, n16, 0);
	n8 = smb1_utf16_to_utf8(mid, n16, back, sizeof(back));
	KUNIT_EXPECT_EQ(test, n8, (int)len);
	KUNIT_EXPECT_STREQ(test, back, c->utf8);
}

/*
 * Every code point from U+0001 to U+10FFFF in steps, built as UTF-16 by
 * hand, through UTF-8 and back; the UTF-8 must have the right width.
 */
static void round_trip_sweep_test(struct kunit *test)
{
	u8 src[4], back[6];
	char mid[5];
	u32 cp;
	int n16, n8, width, bad = 0;

	for (cp = 1; cp <= 0x10ffff; cp += (cp < 0x1000 ? 1 : 0x61)) {
		if (cp >= 0xd800 && cp < 0xe000)
			continue;
		if (cp < 0x10000) {
			src[0] = cp & 0xff;
			src[1] = cp >> 8;
			n16 = 2;
		} else {
			u32 v = cp - 0x10000;

			src[0] = (0xd800 | (v >> 10)) & 0xff;
			src[1] = (0xd800 | (v >> 10)) >> 8;
			src[2] = (0xdc00 | (v & 0x3ff)) & 0xff;
			src[3] = (0xdc00 | (v & 0x3ff)) >> 8;
			n16 = 4;
		}
		width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		n8 = smb1_utf16_to_utf8(src, n16, mid, sizeof(mid));
		if (n8 != width ||
		    smb1_utf16_len(mid, n8) != n16 ||
		    smb1_utf8_to_utf16(mid, n8, back, sizeof(back)) != n16 ||
		    memcmp(back, src, n16)) {
			if (bad++ < 5)
				KUNIT_FAIL(test, "U+%04X does not round-trip",
					   cp);
		}
	}
	KUNIT_EXPECT_EQ(test, bad, 0);
}

/* ------------------------------------------------------------------ */
/* Invalid UTF-16                                                      */
/* ------------------------------------------------------------------ */

struct bad16_case {
	const char *name;
	const u8 *utf16;
	size_t utf16_len;
};

static const struct bad16_case bad16_cases[] = {
	{ "unpaired high at end", U16('a', 0, 0x3d, 0xd8) },
	{ "unpaired high then letter", U16(0x3d, 0xd8, 'a', 0) },
	{ "high then high", U16(0x3d, 0xd8, 0x3d, 0xd8, 0x00, 0xde) },
	{ "unpaired low", U16('a', 0, 0x00, 0xde, 'b', 0) },
	{ "reversed pair", U16(0x00, 0xde, 0x3d, 0xd8) },
	{ "odd length", U16('a', 0, 'b') },
	{ "single byte", U16('a') },
	{ "embedded NUL", U16('a', 0, 0, 0, 'b', 0) },
	{ "trailing NUL", U16('a', 0, 0, 0) },
	{ "only NUL", U16(0, 0) },
};

static void bad16_desc(const struct bad16_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad16, bad16_cases, bad16_desc);

static void utf16_invalid_test(struct kunit *test)
{
	const struct bad16_case *c = test->param_value;
	char dst[BUF_SIZE];

	memset(dst, GUARD, sizeof(dst));
	KUNIT_EXPECT_EQ(test, smb1_utf16_to_utf8(c->utf16, c->utf16_len, dst,
						 sizeof(dst)), -EINVAL);
	KUNIT_EXPECT_EQ(test, dst[0], '\0');
	expect_guard(test, dst, 1, sizeof(dst));

	/* invalid input is reported as such even when it would not fit */
	KUNIT_EXPECT_EQ(test, smb1_utf16_to_utf8(c->utf16, c->utf16_len, dst, 1),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, smb1_utf16_to_utf8(c->utf16, c->utf16_len, dst, 0),
			-EINVAL);
}

/* ------------------------------------------------------------------ */
/* Invalid UTF-8                                                       */
/* ------------------------------------------------------------------ */

struct bad8_case {
	const char *name;
	const char *utf8;
	size_t len;
};

/* a UTF-8 byte string that may hold a NUL, and its length */
#define U8S(s)		.utf8 = (s), .len = sizeof(s) - 1

static const struct bad8_case bad8_cases[] = {
	{ "overlong 2-byte slash", U8S("\xc0\xaf") },
	{ "overlong 2-byte C1", U8S("\xc1\xbf") },
	{ "overlong 3-byte", U8S("\xe0\x80\xaf") },
	{ "overlong 3-byte U+07FF", U8S("\xe0\x9f\xbf") },
	{ "overlong 4-byte", U8S("\xf0\x80\x80\xaf") },
	{ "overlong 4-byte U+FFFF", U8S("\xf0\x8f\xbf\xbf") },
	{ "surrogate U+D800", U8S("\xed\xa0\x80") },
	{ "surrogate U+DFFF", U8S("\xed\xbf\xbf") },
	{ "encoded surrogate pair", U8S("\xed\xa0\xbd\xed\xb8\x80") },
	{ "beyond U+10FFFF", U8S("\xf4\x90\x80\x80") },
	{ "lead byte F5", U8S("\xf5\x80\x80\x80") },
	{ "lead byte FF", U8S("a\xff") },
	{ "lone continuation", U8S("a\x80") },
	{ "truncated 2-byte", U8S("ab\xc3") },
	{ "truncated 3-byte", U8S("\xe6\x97") },
	{ "truncated 4-byte", U8S("\xf0\x9f\x98") },
	{ "bad continuation", U8S("\xc3\x41") },
	{ "bad third byte", U8S("\xe6\x97\x41") },
	{ "embedded NUL", U8S("a\0b") },
};

static void bad8_desc(const struct bad8_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad8, bad8_cases, bad8_desc);

static void utf8_invalid_test(struct kunit *test)
{
	const struct bad8_case *c = test->param_value;
	u8 dst[BUF_SIZE];

	KUNIT_EXPECT_EQ(test, smb1_utf16_len(c->utf8, c->len), -EINVAL);

	memset(dst, GUARD, sizeof(dst));
	KUNIT_EXPECT_EQ(test, smb1_utf8_to_utf16(c->utf8, c->len, dst,
						 sizeof(dst)), -EINVAL);
	expect_guard(test, dst, 0, sizeof(dst));

	/* invalid, and too long as well: still -EINVAL */
	KUNIT_EXPECT_EQ(test, smb1_utf8_to_utf16(c->utf8, c->len, dst, 0),
			-EINVAL);
	expect_guard(test, dst, 0, sizeof(dst));
}

/* A truncated sequence is caught even when the buffer goes on. */
static void utf8_length_bounds_test(struct kunit *test)
{
	static const char s[] = "\xe6\x97\xa5";	/* U+65E5 */
	u8 dst[BUF_SIZE];

	KUNIT_EXPECT_EQ(test, smb1_utf16_len(s, 3), 2);
	KUNIT_EXPECT_EQ(test, smb1_utf16_len(s, 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, smb1_utf16_len(s, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, smb1_utf16_len(s, 0), 0);
	KUNIT_EXPECT_EQ(test, smb1_utf8_to_utf16(s, 2, dst, sizeof(dst)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, smb1_utf8_to_utf16(s, 0, dst, 0), 0);
}

/* ------------------------------------------------------------------ */
/* NT time                                                             */
/* ------------------------------------------------------------------ */

struct nt_time_case {
	const char *name;
	u64 nt;
	s64 sec;
	long nsec;
};

static const struct nt_time_case nt_time_cases[] = {
	{ "1601-01-01", 0, -11644473600LL, 0 },
	{ "epoch", 116444736000000000ULL, 0, 0 },
	{ "100 ns after the epoch", 116444736000000001ULL, 0, 100 },
	{ "100 ns before the epoch", 116444735999999999ULL, -1, 999999900 },
	{ "2009-02-13 23:31:30.1234567", 128790414901234567ULL,
	  1234567890, 123456700 },
	{ "1900-01-01 00:00:00.5", 94354848005000000ULL,
	  -2208988800LL, 500000000 },
	{ "U64_MAX", U64_MAX, 1833029933770LL, 955161500 },
};

static void nt_time_desc(const struct nt_time_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(nt_time, nt_time_cases, nt_time_desc);

static void nt_time_test(struct kunit *test)
{
	const struct nt_time_case *c = test->param_value;
	struct timespec64 ts = smb1_nt_time_to_ts(c->nt);
	struct timespec64 want = { .tv_sec = c->sec, .tv_nsec = c->nsec };

	KUNIT_EXPECT_EQ(test, ts.tv_sec, (time64_t)c->sec);
	KUNIT_EXPECT_EQ(test, ts.tv_nsec, c->nsec);
	KUNIT_EXPECT_EQ(test, smb1_ts_to_nt_time(want), c->nt);
}

static void nt_time_clamp_test(struct kunit *test)
{
	struct timespec64 ts;

	/* before 1601 */
	ts = (struct timespec64){ .tv_sec = -11644473601LL,
				  .tv_nsec = 999999999 };
	KUNIT_EXPECT_EQ(test, smb1_ts_to_nt_time(ts), 0ULL);
	ts = (struct timespec64){ .tv_sec = S64_MIN, .tv_nsec = 0 };
	KUNIT_EXPECT_EQ(test, smb1_ts_to_nt_time(ts), 0ULL);
	/* the first tick */
	ts = (struct timespec64){ .tv_sec = -11644473600LL, .tv_nsec = 150 };
	KUNIT_EXPECT_EQ(test, smb1_ts_to_nt_time(ts), 1ULL);
	/* below 100 ns precision is dropped */
	ts = (struct timespec64){ .tv_sec = 0, .tv_nsec = 99 };
	KUNIT_EXPECT_EQ(test, smb1_ts_to_nt_time(ts), 116444736000000000ULL);
	/* beyond what NT time holds */
	ts = (struct timespec64){ .tv_sec = 1833029933770LL,
				  .tv_nsec = 955161600 };
	KUNIT_EXPECT_EQ(test, smb1_ts_to_nt_time(ts), U64_MAX);
	ts = (struct timespec64){ .tv_sec = 1833029933771LL, .tv_nsec = 0 };
	KUNIT_EXPECT_EQ(test, smb1_ts_to_nt_time(ts), U64_MAX);
	ts = (struct timespec64){ .tv_sec = S64_MAX, .tv_nsec = 0 };
	KUNIT_EXPECT_EQ(test, smb1_ts_to_nt_time(ts), U64_MAX);
	/* a denormalised tv_nsec is clamped, not carried */
	ts = (struct timespec64){ .tv_sec = 0, .tv_nsec = -5 };
	KUNIT_EXPECT_EQ(test, smb1_ts_to_nt_time(ts), 116444736000000000ULL);
}

/* ------------------------------------------------------------------ */
/* UTIME and SMB_DATE / SMB_TIME                                       */
/* ------------------------------------------------------------------ */

static void utime_test(struct kunit *test)
{
	static const struct {
		u32 utime;
		s64 sec;
	} cases[] = {
		{ 0, 0 },
		{ 1234567890, 1234567890 },
		{ 0x80000000U, 2147483648LL },	/* beyond 2038 */
		{ 0xfffffffeU, 4294967294LL },
		{ 0xffffffffU, 0 },		/* not set */
	};
	struct timespec64 ts;
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ts = smb1_utime_to_ts(cases[i].utime);
		KUNIT_EXPECT_EQ_MSG(test, ts.tv_sec, (time64_t)cases[i].sec,
				    "utime 0x%08x", cases[i].utime);
		KUNIT_EXPECT_EQ(test, ts.tv_nsec, 0L);
	}
}

struct dos_time_case {
	const char *name;
	u16 date;
	u16 time;
	int tz;
	s64 sec;
};

static const struct dos_time_case dos_time_cases[] = {
	{ "1980-01-01 UTC", 33, 0, 0, 315532800 },
	{ "2107-12-31 23:59:58 UTC", 65439, 49021, 0, 4354819198LL },
	{ "2000-02-29 UTC", 10333, 0, 0, 951782400 },
	{ "2024-07-04 12:34:58 UTC", 22756, 25693, 0, 1720096498 },
	{ "2009-02-14 00:31:30 UTC+01:00", 14926, 1007, -60, 1234567890 },
	{ "2009-02-13 15:31:30 UTC-08:00", 14925, 31727, 480, 1234567890 },
	{ "2024-07-04 18:04:58 UTC+05:30", 22756, 37021, -330, 1720096498 },
	{ "month 0 and day 0 clamp to 1981-01-01", 1 << 9, 0, 0, 347155200 },
	{ "month 15 clamps to December", 8191, 0, 0, 820368000 },
	{ "time fields clamp to 23:59:59", 22756, 0xffff, 0, 1720137599 },
	{ "date 0 is not set", 0, 25693, -60, 0 },
};

static void dos_time_desc(const struct dos_time_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(dos_time, dos_time_cases, dos_time_desc);

static void dos_time_test(struct kunit *test)
{
	const struct dos_time_case *c = test->param_value;
	struct timespec64 ts = smb1_dos_time_to_ts(c->date, c->time, c->tz);

	KUNIT_EXPECT_EQ(test, ts.tv_sec, (time64_t)c->sec);
	KUNIT_EXPECT_EQ(test, ts.tv_nsec, 0L);
}

static struct kunit_case smb1_unicode_test_cases[] = {
	KUNIT_CASE_PARAM(utf16_to_utf8_test, name_gen_params),
	KUNIT_CASE_PARAM(utf8_to_utf16_test, name_gen_params),
	KUNIT_CASE_PARAM(round_trip_test, name_gen_params),
	KUNIT_CASE(round_trip_sweep_test),
	KUNIT_CASE_PARAM(utf16_invalid_test, bad16_gen_params),
	KUNIT_CASE_PARAM(utf8_invalid_test, bad8_gen_params),
	KUNIT_CASE(utf8_length_bounds_test),
	KUNIT_CASE_PARAM(nt_time_test, nt_time_gen_params),
	KUNIT_CASE(nt_time_clamp_test),
	KUNIT_CASE(utime_test),
	KUNIT_CASE_PARAM(dos_time_test, dos_time_gen_params),
	{}
};

static struct kunit_suite smb1_unicode_test_suite = {
	.name = "smb1fs_unicode",
	.test_cases = smb1_unicode_test_cases,
};

kunit_test_suites(&smb1_unicode_test_suite);
