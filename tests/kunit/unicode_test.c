// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for smb1fs name conversion (UTF-16LE <-> UTF-8), case
 * folding and the SMB time formats (NT time, UTIME, SMB_DATE/SMB_TIME,
 * both ways).
 *
 * The encodings in the tables follow from the definitions of UTF-8
 * (RFC 3629) and UTF-16 (RFC 2781); the times were computed independently
 * from the calendar.
 */

#include <kunit/test.h>
#include <linux/ctype.h>
#include <linux/nls.h>
#include <linux/rcupdate.h>
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
/* Case folding: smb1_upcase()                                         */
/* ------------------------------------------------------------------ */

struct upcase_case {
	const char *name;
	u32 c;
	u32 want;
};

static const struct upcase_case upcase_cases[] = {
	{ "U+0060 before a", 0x0060, 0x0060 },
	{ "a", 0x0061, 0x0041 },
	{ "z", 0x007a, 0x005a },
	{ "U+007B after z", 0x007b, 0x007b },
	{ "A stays", 0x0041, 0x0041 },
	{ "micro sign stays", 0x00b5, 0x00b5 },
	{ "U+00DF sharp s stays", 0x00df, 0x00df },
	{ "a grave", 0x00e0, 0x00c0 },
	{ "o diaeresis", 0x00f6, 0x00d6 },
	{ "division sign stays", 0x00f7, 0x00f7 },
	{ "o slash", 0x00f8, 0x00d8 },
	{ "thorn", 0x00fe, 0x00de },
	{ "y diaeresis", 0x00ff, 0x0178 },
	{ "A macron stays", 0x0100, 0x0100 },
	{ "a macron", 0x0101, 0x0100 },
	{ "A breve stays", 0x0102, 0x0102 },
	{ "i ogonek", 0x012f, 0x012e },
	{ "U+0130 I dot stays", 0x0130, 0x0130 },
	{ "U+0131 dotless i stays", 0x0131, 0x0131 },
	{ "ij", 0x0133, 0x0132 },
	{ "k cedilla", 0x0137, 0x0136 },
	{ "U+0138 kra stays", 0x0138, 0x0138 },
	{ "L acute stays", 0x0139, 0x0139 },
	{ "l acute", 0x013a, 0x0139 },
	{ "N caron stays", 0x0147, 0x0147 },
	{ "n caron", 0x0148, 0x0147 },
	{ "U+0149 stays", 0x0149, 0x0149 },
	{ "ENG stays", 0x014a, 0x014a },
	{ "eng", 0x014b, 0x014a },
	{ "y circumflex", 0x0177, 0x0176 },
	{ "Y diaeresis stays", 0x0178, 0x0178 },
	{ "z acute", 0x017a, 0x0179 },
	{ "z caron", 0x017e, 0x017d },
	{ "U+017F long s stays", 0x017f, 0x017f },
	{ "U+0180 stays", 0x0180, 0x0180 },
	{ "DZ caron stays", 0x01c4, 0x01c4 },
	{ "Dz caron (title) stays", 0x01c5, 0x01c5 },
	{ "dz caron", 0x01c6, 0x01c4 },
	{ "Lj (title) stays", 0x01c8, 0x01c8 },
	{ "lj", 0x01c9, 0x01c7 },
	{ "nj", 0x01cc, 0x01ca },
	{ "A caron stays", 0x01cd, 0x01cd },
	{ "a caron", 0x01ce, 0x01cd },
	{ "u diaeresis grave", 0x01dc, 0x01db },
	{ "U+01DD turned e stays", 0x01dd, 0x01dd },
	{ "a diaeresis macron", 0x01df, 0x01de },
	{ "ezh caron", 0x01ef, 0x01ee },
	{ "U+01F0 j caron stays", 0x01f0, 0x01f0 },
	{ "Dz (title) stays", 0x01f2, 0x01f2 },
	{ "dz", 0x01f3, 0x01f1 },
	{ "g acute", 0x01f5, 0x01f4 },
	{ "U+01F9 n grave stays", 0x01f9, 0x01f9 },
	{ "A ring acute stays", 0x01fa, 0x01fa },
	{ "a ring acute", 0x01fb, 0x01fa },
	{ "AE acute stays", 0x01fc, 0x01fc },
	{ "u inverted breve", 0x0217, 0x0216 },
	{ "U+0219 s comma stays", 0x0219, 0x0219 },
	{ "U+0390 stays", 0x0390, 0x0390 },
	{ "Alpha stays", 0x0391, 0x0391 },
	{ "alpha tonos", 0x03ac, 0x0386 },
	{ "epsilon tonos", 0x03ad, 0x0388 },
	{ "iota tonos", 0x03af, 0x038a },
	{ "U+03B0 stays", 0x03b0, 0x03b0 },
	{ "alpha", 0x03b1, 0x0391 },
	{ "rho", 0x03c1, 0x03a1 },
	{ "final sigma", 0x03c2, 0x03a3 },
	{ "sigma", 0x03c3, 0x03a3 },
	{ "omega", 0x03c9, 0x03a9 },
	{ "iota dialytika", 0x03ca, 0x03aa },
	{ "upsilon dialytika", 0x03cb, 0x03ab },
	{ "omicron tonos", 0x03cc, 0x038c },
	{ "upsilon tonos", 0x03cd, 0x038e },
	{ "omega tonos", 0x03ce, 0x038f },
	{ "U+03CF stays", 0x03cf, 0x03cf },
	{ "U+03E3 Coptic stays", 0x03e3, 0x03e3 },
	{ "Cyrillic YA stays", 0x042f, 0x042f },
	{ "Cyrillic a", 0x0430, 0x0410 },
	{ "Cyrillic ya", 0x044f, 0x042f },
	{ "U+0450 ie grave stays", 0x0450, 0x0450 },
	{ "Cyrillic io", 0x0451, 0x0401 },
	{ "Cyrillic kje", 0x045c, 0x040c },
	{ "U+045D i grave stays", 0x045d, 0x045d },
	{ "Cyrillic short u", 0x045e, 0x040e },
	{ "Cyrillic dzhe", 0x045f, 0x040f },
	{ "Cyrillic OMEGA stays", 0x0460, 0x0460 },
	{ "Cyrillic omega", 0x0461, 0x0460 },
	{ "Cyrillic YAT stays", 0x0462, 0x0462 },
	{ "Cyrillic koppa", 0x0481, 0x0480 },
	{ "U+0482 stays", 0x0482, 0x0482 },
	{ "U+048B stays", 0x048b, 0x048b },
	{ "U+048F stays", 0x048f, 0x048f },
	{ "GHE upturn stays", 0x0490, 0x0490 },
	{ "ghe upturn", 0x0491, 0x0490 },
	{ "abkhasian che descender", 0x04bf, 0x04be },
	{ "U+04C0 palochka stays", 0x04c0, 0x04c0 },
	{ "ZHE breve stays", 0x04c1, 0x04c1 },
	{ "zhe breve", 0x04c2, 0x04c1 },
	{ "ka hook", 0x04c4, 0x04c3 },
	{ "U+04C6 stays", 0x04c6, 0x04c6 },
	{ "en hook", 0x04c8, 0x04c7 },
	{ "U+04CA stays", 0x04ca, 0x04ca },
	{ "khakassian che", 0x04cc, 0x04cb },
	{ "U+04CE stays", 0x04ce, 0x04ce },
	{ "U+04CF stays", 0x04cf, 0x04cf },
	{ "A breve stays", 0x04d0, 0x04d0 },
	{ "a breve", 0x04d1, 0x04d0 },
	{ "barred o diaeresis", 0x04eb, 0x04ea },
	{ "U+04ED stays", 0x04ed, 0x04ed },
	{ "u macron", 0x04ef, 0x04ee },
	{ "che diaeresis", 0x04f5, 0x04f4 },
	{ "U+04F7 stays", 0x04f7, 0x04f7 },
	{ "yeru diaeresis", 0x04f9, 0x04f8 },
	{ "U+04FB stays", 0x04fb, 0x04fb },
	{ "U+0501 stays", 0x0501, 0x0501 },
	{ "U+0560 stays", 0x0560, 0x0560 },
	{ "Armenian ayb", 0x0561, 0x0531 },
	{ "Armenian feh", 0x0586, 0x0556 },
	{ "U+0587 ech yiwn stays", 0x0587, 0x0587 },
	{ "U+1E01 stays", 0x1e01, 0x1e01 },
	{ "U+FF40 stays", 0xff40, 0xff40 },
	{ "full-width a", 0xff41, 0xff21 },
	{ "full-width z", 0xff5a, 0xff3a },
	{ "U+FF5B stays", 0xff5b, 0xff5b },
	{ "U+10428 Deseret stays", 0x10428, 0x10428 },
	{ "U+10FFFF stays", 0x10ffff, 0x10ffff },
	{ "beyond Unicode stays", 0x110061, 0x110061 },
};

static void upcase_case_desc(const struct upcase_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(upcase, upcase_cases, upcase_case_desc);

static void upcase_test(struct kunit *test)
{
	const struct upcase_case *c = test->param_value;

	KUNIT_EXPECT_EQ_MSG(test, smb1_upcase(c->c), c->want, "U+%04X",
			    c->c);
}

/*
 * The whole BMP: an upper-case letter folds to itself (so folding twice
 * changes nothing), ASCII folds as toupper(), and the number of letters
 * folded is the one the ranges give: 26 ASCII, 31 Latin-1, 61 Latin
 * Extended-A, 37 Latin Extended-B, 34 Greek, 110 Cyrillic, 38 Armenian
 * and 26 full-width.
 */
static void upcase_sweep_test(struct kunit *test)
{
	unsigned int folded = 0, bad = 0;
	u32 c, u;

	for (c = 0; c <= 0xffff; c++) {
		u = smb1_upcase(c);
		if (u != c)
			folded++;
		if (smb1_upcase(u) != u ||
		    (c < 0x80 && u != (u32)toupper(c))) {
			if (bad++ < 5)
				KUNIT_FAIL(test,
					   "U+%04X -> U+%04X -> U+%04X",
					   c, u, smb1_upcase(u));
		}
	}
	KUNIT_EXPECT_EQ(test, bad, 0U);
	KUNIT_EXPECT_EQ(test, folded, 363U);
}

/* ------------------------------------------------------------------ */
/* Case folding: names in the dcache                                   */
/* ------------------------------------------------------------------ */

struct fold_case {
	const char *name;
	const char *charset;	/* iocharset, NULL for UTF-8 */
	const char *a;
	size_t alen;
	const char *b;
	size_t blen;
	bool equal;
};

/* two byte strings that may hold a NUL, and their lengths */
#define FOLD_AB(x, y)	.a = (x), .alen = sizeof(x) - 1,		\
			.b = (y), .blen = sizeof(y) - 1
#define EQ(n, x, y)		{ n, NULL, FOLD_AB(x, y), true }
#define NE(n, x, y)		{ n, NULL, FOLD_AB(x, y), false }
#define EQ_CS(n, cs, x, y)	{ n, cs, FOLD_AB(x, y), true }
#define NE_CS(n, cs, x, y)	{ n, cs, FOLD_AB(x, y), false }

/*
 * In UTF-8 no folded pair differs in length: every letter folds to one
 * of the same width.  Pairs of different lengths below are all unequal.
 */
static const struct fold_case fold_cases[] = {
	EQ("empty", "", ""),
	NE("empty and a", "", "a"),
	EQ("ascii same", "readme.txt", "readme.txt"),
	EQ("ascii mixed case", "ReadMe.TXT", "rEADmE.txt"),
	NE("ascii one letter", "readme.txt", "readme.txu"),
	NE("ascii prefix", "abc", "ABCD"),
	NE("ascii punctuation is not folded", "a[b", "a{b"),
	NE("differ after a fold", "Abc", "aBd"),
	NE("differ after a Latin-1 fold", "\xc3\x89\x61", "\xc3\xa9\x62"),
	EQ("latin-1", "caf\xc3\xa9", "CAF\xc3\x89"),
	EQ("y diaeresis", "\xc3\xbf", "\xc5\xb8"),
	NE("sharp s is not SS", "stra\xc3\x9f\x65", "STRASSE"),
	NE("micro sign is not Mu", "\xc2\xb5", "\xce\x9c"),
	NE("long s is not S", "\xc5\xbf", "S"),
	NE("long s is not s", "\xc5\xbf", "s"),
	NE("dotless i is not I", "\xc4\xb1", "I"),
	EQ("i is I", "i", "I"),
	EQ("dz caron digraph", "\xc7\x86", "\xc7\x84"),
	NE("title-case digraph", "\xc7\x85", "\xc7\x84"),
	EQ("a ring acute", "\xc7\xbb", "\xc7\xba"),
	EQ("cyrillic", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82",
	   "\xd0\x9f\xd0\xa0\xd0\x98\xd0\x92\xd0\x95\xd0\xa2"),
	EQ("cyrillic io", "\xd1\x91\xd0\xb6\xd0\xb8\xd0\xba",
	   "\xd0\x81\xd0\x96\xd0\x98\xd0\x9a"),
	NE("cyrillic ie grave unfolded", "\xd1\x90", "\xd0\x80"),
	EQ("greek final sigma", "\xce\xbf\xce\xb4\xce\xbf\xcf\x82",
	   "\xce\x9f\xce\x94\xce\x9f\xce\xa3"),
	EQ("greek both sigmas", "\xce\xbf\xce\xb4\xce\xbf\xcf\x83",
	   "\xce\xbf\xce\xb4\xce\xbf\xcf\x82"),
	EQ("greek tonos", "\xce\xac\xce\xbb\xcf\x86\xce\xb1",
	   "\xce\x86\xce\x9b\xce\xa6\xce\x91"),
	EQ("greek dialytika", "\xcf\x8a\xcf\x8b", "\xce\xaa\xce\xab"),
	EQ("armenian", "\xd5\xa2\xd5\xa1\xd6\x80\xd5\xa5\xd6\x82",
	   "\xd4\xb2\xd4\xb1\xd5\x90\xd4\xb5\xd5\x92"),
	EQ("full-width", "\xef\xbd\x81\xef\xbd\x82\xef\xbd\x83",
	   "\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\xa3"),
	NE("full-width is not ascii", "\xef\xbd\x81", "A"),
	EQ("emoji", "\xf0\x9f\x98\x80\x61", "\xf0\x9f\x98\x80\x41"),
	NE("Deseret is not folded", "\xf0\x90\x90\xa8", "\xf0\x90\x90\x80"),
	EQ("invalid byte, case elsewhere", "a\xff", "A\xff"),
	NE("two invalid bytes", "a\xff", "a\xfe"),
	NE("invalid byte is not y diaeresis", "\xff", "\xc3\xbf"),
	NE("invalid byte on one side", "\xff", "y"),
	NE("latin-1 byte is not e acute", "\xe9", "\xc3\xa9"),
	NE("latin-1 bytes do not fold", "\xe9", "\xc9"),
	EQ("truncated sequence", "ab\xc3", "AB\xc3"),
	NE("truncated and whole", "ab\xc3", "AB\xc3\x89"),
	EQ("lead byte, then a letter", "\xc3\x61", "\xc3\x41"),
	EQ("lone continuation", "\x80\x62", "\x80\x42"),
	NE("encoded surrogates", "\xed\xa0\x80", "\xed\xa0\x81"),
	EQ("overlong slash", "\xc0\xaf\x78", "\xc0\xaf\x58"),
	NE("overlong slash is not slash", "\xc0\xaf", "/"),
	EQ("NUL byte", "a\0b", "A\0B"),
	EQ_CS("iso8859-1 e acute", "iso8859-1", "caf\xe9", "CAF\xc9"),
	EQ_CS("iso8859-1 ae", "iso8859-1", "\xe6", "\xc6"),
	NE_CS("iso8859-1 y diaeresis", "iso8859-1", "\xff", "Y"),
	NE_CS("iso8859-1 sharp s", "iso8859-1", "\xdf", "SS"),
	NE_CS("iso8859-1 multiply, divide", "iso8859-1", "\xd7", "\xf7"),
	NE_CS("iso8859-1 differ after a fold", "iso8859-1", "\xe9\x61",
	      "\xc9\x62"),
	EQ_CS("cp437 e acute", "cp437", "\x82", "\x90"),
	EQ_CS("cp437 u diaeresis", "cp437", "b\x81\x63her", "B\x9a\x43HER"),
	EQ_CS("cp437 sigma", "cp437", "\xe5", "\xe4"),
	NE_CS("cp437 sharp s", "cp437", "\xe1", "SS"),
	NE_CS("cp437 alpha is not a", "cp437", "\xe0", "a"),
};

static void fold_case_desc(const struct fold_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(fold, fold_cases, fold_case_desc);

/* a copy of exactly len bytes, so that KASAN sees a read past them */
static const unsigned char *fold_copy(struct kunit *test, const char *s,
				      size_t len)
{
	unsigned char *p = kunit_kmalloc(test, len ?: 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	memcpy(p, s, len);
	return p;
}

static void fold_name_test(struct kunit *test)
{
	const struct fold_case *c = test->param_value;
	const unsigned char *a, *b;
	struct nls_table *local = NULL;
	unsigned long ha, hb, salt;

	if (c->charset) {
		local = load_nls(c->charset);
		if (!local)
			kunit_skip(test, "no %s NLS table", c->charset);
	}
	a = fold_copy(test, c->a, c->alen);
	b = fold_copy(test, c->b, c->blen);

	/* as d_compare and d_hash call them: under RCU, not sleeping */
	rcu_read_lock();
	KUNIT_EXPECT_EQ(test, smb1_name_equal(local, a, c->alen, b, c->blen),
			c->equal);
	KUNIT_EXPECT_EQ(test, smb1_name_equal(local, b, c->blen, a, c->alen),
			c->equal);
	KUNIT_EXPECT_TRUE(test, smb1_name_equal(local, a, c->alen, a,
						c->alen));
	KUNIT_EXPECT_TRUE(test, smb1_name_equal(local, b, c->blen, b,
						c->blen));
	for (salt = 0; salt < 2; salt++) {
		ha = smb1_name_hash((void *)salt, local, a, c->alen);
		hb = smb1_name_hash((void *)salt, local, b, c->blen);
		if (c->equal)
			KUNIT_EXPECT_EQ(test, ha, hb);
		else
			KUNIT_EXPECT_NE(test, ha, hb);
	}
	rcu_read_unlock();

	if (local)
		unload_nls(local);
}

/*
 * Only the given length is read: the bytes after it would complete the
 * sequence that it cuts short.
 */
static void fold_bounds_test(struct kunit *test)
{
	static const unsigned char lower[] = "ab\xc3\xa9";	/* ab e-acute */
	static const unsigned char upper[] = "AB\xc3\x89";	/* AB E-acute */
	static const unsigned char cut[] = "AB\xc3";

	KUNIT_EXPECT_TRUE(test, smb1_name_equal(NULL, lower, 4, upper, 4));
	KUNIT_EXPECT_TRUE(test, smb1_name_equal(NULL, lower, 3, cut, 3));
	KUNIT_EXPECT_FALSE(test, smb1_name_equal(NULL, lower, 4, cut, 3));
	KUNIT_EXPECT_FALSE(test, smb1_name_equal(NULL, lower, 3, upper, 4));
	KUNIT_EXPECT_TRUE(test, smb1_name_equal(NULL, lower, 2, upper, 2));
	KUNIT_EXPECT_TRUE(test, smb1_name_equal(NULL, lower, 0, upper, 0));
	KUNIT_EXPECT_EQ(test, smb1_name_hash(NULL, NULL, lower, 3),
			smb1_name_hash(NULL, NULL, cut, 3));
	KUNIT_EXPECT_EQ(test, smb1_name_hash(NULL, NULL, lower, 4),
			smb1_name_hash(NULL, NULL, upper, 4));
	KUNIT_EXPECT_NE(test, smb1_name_hash(NULL, NULL, lower, 4),
			smb1_name_hash(NULL, NULL, cut, 3));
}

/* ------------------------------------------------------------------ */
/* Case folding: FNV-1a of paths, for inode numbers                    */
/* ------------------------------------------------------------------ */

static u64 fold_fnv(const char *s)
{
	return smb1_fold_fnv(SMB1_FNV_BASIS, s, strlen(s));
}

static void fold_fnv_test(struct kunit *test)
{
	/* Mir\ and odos, in mixed case, the sigma final */
	static const char cyr[] = "\xd0\x9c\xd0\xb8\xd1\x80\\";
	static const char greek[] = "\xce\xbf\xce\xb4\xce\xbf\xcf\x82";
	u64 h;

	/* FNV-1a of the bytes "DIR\FILE", computed independently */
	KUNIT_EXPECT_EQ(test, fold_fnv("DIR\\FILE"), 0x729d58f31ed88dceULL);
	KUNIT_EXPECT_EQ(test, fold_fnv("dir\\file"), 0x729d58f31ed88dceULL);
	KUNIT_EXPECT_EQ(test, fold_fnv("Dir\\File"), 0x729d58f31ed88dceULL);
	KUNIT_EXPECT_NE(test, fold_fnv("a"), fold_fnv("b"));
	KUNIT_EXPECT_NE(test, fold_fnv("dir\\file"), fold_fnv("dir\\fil"));

	/* a hash continued over the parts is the hash of the whole */
	h = smb1_fold_fnv(SMB1_FNV_BASIS, "dir", 3);
	KUNIT_EXPECT_EQ(test, smb1_fold_fnv(h, "\\FiLe", 5),
			0x729d58f31ed88dceULL);

	/* the UTF-8 of the folded letters: U+00DC N U+00CF C U+00D6 D U+00C9 */
	KUNIT_EXPECT_EQ(test,
			fold_fnv("\xc3\xbcn\xc3\xaf\x63\xc3\xb6\x64\xc3\xa9"),
			0xc3f9eeab2c5732b2ULL);
	KUNIT_EXPECT_EQ(test,
			fold_fnv("\xc3\x9cN\xc3\x8f\x43\xc3\x96\x44\xc3\x89"),
			0xc3f9eeab2c5732b2ULL);
	/* Cyrillic and Greek, final sigma */
	h = smb1_fold_fnv(fold_fnv(cyr), greek, strlen(greek));
	KUNIT_EXPECT_EQ(test, h, 0xbb2e45b9905cac46ULL);

	/* an invalid byte is hashed as it is, the same every time */
	KUNIT_EXPECT_EQ(test, fold_fnv("\xff"), 0xaf64724c8602eb6eULL);
	KUNIT_EXPECT_EQ(test, fold_fnv("\xff"), fold_fnv("\xff"));
	KUNIT_EXPECT_EQ(test, fold_fnv("\xff\x61"), fold_fnv("\xff\x41"));
	KUNIT_EXPECT_NE(test, fold_fnv("\xff"), fold_fnv("\xc3\xbf"));
	KUNIT_EXPECT_NE(test, fold_fnv("\xe9"), fold_fnv("\xc9"));
	KUNIT_EXPECT_NE(test, fold_fnv("\xe9"), fold_fnv("\xc3\xa9"));

	/* only len bytes are read */
	KUNIT_EXPECT_EQ(test, smb1_fold_fnv(SMB1_FNV_BASIS, "ab\xc3\xa9", 3),
			smb1_fold_fnv(SMB1_FNV_BASIS, "AB\xc3\x89", 3));
	KUNIT_EXPECT_NE(test, smb1_fold_fnv(SMB1_FNV_BASIS, "ab\xc3\xa9", 3),
			smb1_fold_fnv(SMB1_FNV_BASIS, "ab\xc3\xa9", 4));
	KUNIT_EXPECT_EQ(test, smb1_fold_fnv(SMB1_FNV_BASIS, "x", 0),
			SMB1_FNV_BASIS);
}

/* Names equal for the dcache have equal FNV-1a, unequal ones not */
static void fold_fnv_names_test(struct kunit *test)
{
	const struct fold_case *c = test->param_value;
	u64 ha, hb;

	if (c->charset)
		kunit_skip(test, "UTF-8 only");
	ha = smb1_fold_fnv(SMB1_FNV_BASIS, c->a, c->alen);
	hb = smb1_fold_fnv(SMB1_FNV_BASIS, c->b, c->blen);
	if (c->equal)
		KUNIT_EXPECT_EQ(test, ha, hb);
	else
		KUNIT_EXPECT_NE(test, ha, hb);
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

struct to_dos_case {
	const char *name;
	s64 sec;
	long nsec;
	int tz;
	int ret;
	u16 date;
	u16 time;
};

/*
 * Times to SMB_DATE and SMB_TIME: the rows of dos_time_cases the other
 * way, odd seconds and fractions dropped, and the ends of the range in
 * the server's local time (outside: -EINVAL and the nearest end).
 */
static const struct to_dos_case to_dos_cases[] = {
	{ "1980-01-01 UTC", 315532800, 0, 0, 0, 33, 0 },
	{ "2107-12-31 23:59:58 UTC", 4354819198LL, 0, 0, 0, 65439, 49021 },
	{ "2000-02-29 UTC", 951782400, 0, 0, 0, 10333, 0 },
	{ "2024-07-04 12:34:58 UTC", 1720096498, 0, 0, 0, 22756, 25693 },
	{ "2009-02-14 00:31:30 UTC+01:00", 1234567890, 0, -60, 0, 14926, 1007 },
	{ "2009-02-13 15:31:30 UTC-08:00", 1234567890, 0, 480, 0, 14925, 31727 },
	{ "2024-07-04 18:04:58 UTC+05:30", 1720096498, 0, -330, 0, 22756, 37021 },
	{ "2001-02-03 04:05:06 UTC", 981173106, 0, 0, 0, 10819, 8355 },
	{ "an odd second rounds down", 1720096499, 0, 0, 0, 22756, 25693 },
	{ "a fraction is dropped", 1720096498, 999999999, 0, 0, 22756, 25693 },
	{ "2107-12-31 23:59:59 rounds down", 4354819199LL, 0, 0, 0, 65439,
	  49021 },
	{ "1979-12-31 23:30 UTC is 1980 at UTC+01:00", 315531000, 0, -60, 0,
	  33, 960 },
	{ "1979-12-31 23:59:59 UTC", 315532799, 0, 0, -EINVAL, 33, 0 },
	{ "1980-01-01 00:30 UTC is 1979 at UTC-01:00", 315534600, 0, 60,
	  -EINVAL, 33, 0 },
	{ "the epoch", 0, 0, 0, -EINVAL, 33, 0 },
	{ "before the epoch", -1, 0, 0, -EINVAL, 33, 0 },
	{ "2108-01-01 UTC", 4354819200LL, 0, 0, -EINVAL, 65439, 49021 },
	{ "2107-12-31 23:30 UTC is 2108 at UTC+01:00", 4354817400LL, 0, -60,
	  -EINVAL, 65439, 49021 },
	{ "the largest time at UTC+01:00", S64_MAX, 0, -60, -EINVAL, 65439,
	  49021 },
	{ "the smallest time at UTC-01:00", S64_MIN, 0, 60, -EINVAL, 33, 0 },
};

static void to_dos_desc(const struct to_dos_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(to_dos, to_dos_cases, to_dos_desc);

static void to_dos_time_test(struct kunit *test)
{
	const struct to_dos_case *c = test->param_value;
	struct timespec64 ts = { .tv_sec = c->sec, .tv_nsec = c->nsec };
	u16 date = 0xffff, time = 0xffff;

	KUNIT_EXPECT_EQ(test, smb1_ts_to_dos_time(ts, c->tz, &date, &time),
			c->ret);
	KUNIT_EXPECT_EQ(test, date, c->date);
	KUNIT_EXPECT_EQ(test, time, c->time);
}

/* Every even second of a day comes back from SMB_DATE and SMB_TIME */
static void to_dos_round_trip_test(struct kunit *test)
{
	static const int tzs[] = { 0, -60, 480, -330 };
	struct timespec64 ts = { 0, 0 }, back;
	u16 date, time;
	s64 sec;
	int i;

	for (i = 0; i < ARRAY_SIZE(tzs); i++) {
		for (sec = 0; sec < 86400; sec += 2) {
			ts.tv_sec = 1709164800 + sec;	/* 2024-02-29 */
			KUNIT_ASSERT_EQ(test, smb1_ts_to_dos_time(ts, tzs[i],
								  &date, &time),
					0);
			back = smb1_dos_time_to_ts(date, time, tzs[i]);
			KUNIT_ASSERT_EQ_MSG(test, back.tv_sec, ts.tv_sec,
					    "tz %d", tzs[i]);
		}
	}
}

/* Names an NT server stores as they are, and names it would not */
static void name_storable_test(struct kunit *test)
{
	static const struct {
		const char *name;
		int want;
	} t[] = {
		{ "plain.txt", 0 },
		{ "with space", 0 },
		{ ".hidden", 0 },
		{ "a.b.c", 0 },
		{ "\xc3\xa9t\xc3\xa9", 0 },		/* UTF-8 */
		{ "semi;colon,comma+plus=eq[br]", 0 },
		{ "", -EINVAL },
		{ "a:b", -EINVAL },			/* a stream */
		{ "q?", -EINVAL },
		{ "star*", -EINVAL },
		{ "quote\"", -EINVAL },
		{ "<lt", -EINVAL },
		{ "gt>", -EINVAL },
		{ "pipe|x", -EINVAL },
		{ "back\\slash", -EINVAL },
		{ "tab\there", -EINVAL },
		{ "trail.", -EINVAL },
		{ "trail ", -EINVAL },
		{ "...", -EINVAL },
		{ ".", 0 },				/* not created anyway */
		{ "..", 0 },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(t); i++)
		KUNIT_EXPECT_EQ_MSG(test, smb1_name_storable(t[i].name,
							     strlen(t[i].name)),
				    t[i].want, "name \"%s\"", t[i].name);
}

static struct kunit_case smb1_unicode_test_cases[] = {
	KUNIT_CASE_PARAM(utf16_to_utf8_test, name_gen_params),
	KUNIT_CASE_PARAM(utf8_to_utf16_test, name_gen_params),
	KUNIT_CASE_PARAM(round_trip_test, name_gen_params),
	KUNIT_CASE(round_trip_sweep_test),
	KUNIT_CASE_PARAM(utf16_invalid_test, bad16_gen_params),
	KUNIT_CASE_PARAM(utf8_invalid_test, bad8_gen_params),
	KUNIT_CASE(utf8_length_bounds_test),
	KUNIT_CASE_PARAM(upcase_test, upcase_gen_params),
	KUNIT_CASE(upcase_sweep_test),
	KUNIT_CASE_PARAM(fold_name_test, fold_gen_params),
	KUNIT_CASE(fold_bounds_test),
	KUNIT_CASE(fold_fnv_test),
	KUNIT_CASE_PARAM(fold_fnv_names_test, fold_gen_params),
	KUNIT_CASE_PARAM(nt_time_test, nt_time_gen_params),
	KUNIT_CASE(nt_time_clamp_test),
	KUNIT_CASE(utime_test),
	KUNIT_CASE(name_storable_test),
	KUNIT_CASE_PARAM(dos_time_test, dos_time_gen_params),
	KUNIT_CASE_PARAM(to_dos_time_test, to_dos_gen_params),
	KUNIT_CASE(to_dos_round_trip_test),
	{}
};

static struct kunit_suite smb1_unicode_test_suite = {
	.name = "smb1fs_unicode",
	.test_cases = smb1_unicode_test_cases,
};

kunit_test_suites(&smb1_unicode_test_suite);
