// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the smb1fs message encoders and decoders.
 *
 * Every vector below was written by hand from the layouts of [MS-CIFS]
 * 2.2.3 (header), 2.2.4 (commands), 2.2.6 and 2.2.8 (TRANS2 and its
 * information levels) and [MS-SMB] 2.2.4 (NT LM 0.12 extensions); the
 * comments name each field.  Request vectors start at the WordCount
 * field (the header is checked on its own); reply vectors are prefixed
 * with a reply header at run time.  "@n" is the offset of a field from
 * the start of the SMB header.
 *
 * Replies are decoded from buffers allocated with their exact length, so
 * that KASAN reports any read past the end.
 */

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../fs/smb1fs/internal.h"

#define TEST_FLAGS2_OEM		(SMBFLG2_NT_STATUS | SMBFLG2_KNOWS_LONG_NAMES)
#define TEST_FLAGS2_UNI		(TEST_FLAGS2_OEM | SMBFLG2_UNICODE)
#define TEST_CANARY		0xa5
#define TEST_CANARY_LEN		16
#define TEST_MAX_WALK		64
#define TEST_SEARCH_ATTRS	(ATTR_HIDDEN | ATTR_SYSTEM | ATTR_DIRECTORY)

static const char *const test_dialects[] = { "NT LANMAN 1.0", "NT LM 0.12" };

/* Compare two byte strings; report the first difference. */
static void expect_bytes(struct kunit *test, const u8 *got, const u8 *want,
			 size_t len, const char *what)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (got[i] != want[i]) {
			KUNIT_FAIL(test, "%s: byte %zu is 0x%02x, want 0x%02x",
				   what, i, got[i], want[i]);
			return;
		}
	}
}

static void expect_canary(struct kunit *test, const u8 *p, size_t len,
			  const char *what, size_t cap)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] != TEST_CANARY) {
			KUNIT_FAIL(test, "%s: wrote past a %zu-byte buffer",
				   what, cap);
			return;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Write buffer                                                        */
/* ------------------------------------------------------------------ */

static u8 *canary_buf(struct kunit *test, size_t cap)
{
	u8 *p = kunit_kmalloc(test, cap + TEST_CANARY_LEN, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	memset(p, TEST_CANARY, cap + TEST_CANARY_LEN);
	return p;
}

static void wbuf_put_test(struct kunit *test)
{
	static const u8 want[] = {
		0x11,				/* u8 */
		0x22, 0x33,			/* le16 0x3322 */
		0x44, 0x55, 0x66, 0x77,		/* le32 */
		0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, /* le64 */
		'a', 'b', 'c',			/* bytes */
		0x00, 0x00,			/* zero */
	};
	struct smb1_wbuf w;
	u8 *buf = canary_buf(test, sizeof(want));

	smb1_wbuf_init(&w, buf, sizeof(want));
	smb1_put_u8(&w, 0x11);
	smb1_put_le16(&w, 0x3322);
	smb1_put_le32(&w, 0x77665544);
	smb1_put_le64(&w, 0x0807060504030201ULL);
	smb1_put_bytes(&w, "abc", 3);
	smb1_put_zero(&w, 2);
	KUNIT_EXPECT_FALSE(test, w.overflow);
	KUNIT_EXPECT_EQ(test, w.err, 0);
	KUNIT_ASSERT_EQ(test, w.len, sizeof(want));
	expect_bytes(test, buf, want, sizeof(want), "puts");

	/* full: every put fails, writes nothing, and the failure sticks */
	smb1_put_u8(&w, 0x99);
	KUNIT_EXPECT_TRUE(test, w.overflow);
	KUNIT_EXPECT_EQ(test, w.err, -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, w.len, sizeof(want));
	expect_canary(test, buf + sizeof(want), TEST_CANARY_LEN, "full",
		      sizeof(want));

	/* a put larger than the room left writes nothing at all */
	buf = canary_buf(test, 5);
	smb1_wbuf_init(&w, buf, 5);
	smb1_put_le32(&w, 0x01020304);
	smb1_put_le16(&w, 0xffff);
	KUNIT_EXPECT_TRUE(test, w.overflow);
	KUNIT_EXPECT_EQ(test, w.len, 4);
	KUNIT_EXPECT_EQ(test, buf[4], TEST_CANARY);
	/* ...and later puts that would fit do not either */
	smb1_put_u8(&w, 0x42);
	KUNIT_EXPECT_EQ(test, w.len, 4);
	KUNIT_EXPECT_EQ(test, buf[4], TEST_CANARY);
	smb1_put_le64(&w, 1);
	smb1_put_bytes(&w, "xyz", 3);
	smb1_put_zero(&w, 9);
	smb1_put_string(&w, "x", false);
	KUNIT_EXPECT_EQ(test, w.len, 4);
	expect_canary(test, buf + 4, 1 + TEST_CANARY_LEN, "sticky", 5);
}

static void wbuf_align_test(struct kunit *test)
{
	static const struct {
		size_t start;
		size_t align;
		size_t end;
	} cases[] = {
		{ 5, 4, 8 }, { 8, 4, 8 }, { 65, 4, 68 }, { 65, 2, 66 },
		{ 66, 2, 66 }, { 3, 1, 3 }, { 3, 0, 3 }, { 1, 8, 8 },
	};
	struct smb1_wbuf w;
	unsigned int i;
	size_t j;
	u8 *buf;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		buf = canary_buf(test, 80);
		smb1_wbuf_init(&w, buf, 80);
		w.len = cases[i].start;
		smb1_put_align(&w, cases[i].align);
		KUNIT_EXPECT_EQ_MSG(test, w.len, cases[i].end, "case %u", i);
		for (j = cases[i].start; j < cases[i].end; j++)
			KUNIT_EXPECT_EQ_MSG(test, buf[j], 0, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, buf[cases[i].end], TEST_CANARY,
				    "case %u", i);
	}

	/* padding that does not fit fails like any put */
	buf = canary_buf(test, 6);
	smb1_wbuf_init(&w, buf, 6);
	w.len = 5;
	smb1_put_align(&w, 4);
	KUNIT_EXPECT_TRUE(test, w.overflow);
	KUNIT_EXPECT_EQ(test, w.len, 5);
	KUNIT_EXPECT_EQ(test, buf[5], TEST_CANARY);
}

struct string_case {
	const char *name;
	const char *s;
	bool unicode;
	size_t start;		/* w.len before the put */
	const u8 *want;		/* bytes from start; NULL: must fail */
	size_t want_len;
};

static const u8 str_oem_ab[] = { 'a', 'b', 0 };
static const u8 str_uni_ab[] = { 'a', 0, 'b', 0, 0, 0 };
static const u8 str_uni_ab_odd[] = { 0, 'a', 0, 'b', 0, 0, 0 };
static const u8 str_uni_empty[] = { 0, 0 };
static const u8 str_oem_empty[] = { 0 };
/* U+00E9 and U+1F600 (a surrogate pair: D83D DE00) */
static const u8 str_uni_e_acute[] = { 0xe9, 0x00, 0x00, 0x00 };
static const u8 str_uni_emoji[] = { 0x3d, 0xd8, 0x00, 0xde, 0x00, 0x00 };
/* without Unicode the bytes go out unchanged */
static const u8 str_oem_raw[] = { 0xc3, 0xa9, 0 };

static const struct string_case string_cases[] = {
	{ "OEM", "ab", false, 0, str_oem_ab, sizeof(str_oem_ab) },
	{ "OEM at odd offset", "ab", false, 3, str_oem_ab,
	  sizeof(str_oem_ab) },
	{ "OEM empty", "", false, 0, str_oem_empty, sizeof(str_oem_empty) },
	{ "OEM UTF-8 bytes", "\xc3\xa9", false, 1, str_oem_raw,
	  sizeof(str_oem_raw) },
	{ "Unicode aligned", "ab", true, 4, str_uni_ab, sizeof(str_uni_ab) },
	{ "Unicode padded", "ab", true, 5, str_uni_ab_odd,
	  sizeof(str_uni_ab_odd) },
	{ "Unicode empty", "", true, 2, str_uni_empty,
	  sizeof(str_uni_empty) },
	{ "Unicode Latin-1", "\xc3\xa9", true, 0, str_uni_e_acute,
	  sizeof(str_uni_e_acute) },
	{ "Unicode outside the BMP", "\xf0\x9f\x98\x80", true, 0,
	  str_uni_emoji, sizeof(str_uni_emoji) },
	{ "invalid byte", "a\xff", true, 0, NULL, 0 },
	{ "truncated sequence", "a\xc3", true, 1, NULL, 0 },
	{ "encoded surrogate", "\xed\xa0\x80", true, 0, NULL, 0 },
	{ "overlong slash", "\xc0\xaf", true, 0, NULL, 0 },
};

static void put_string_test(struct kunit *test)
{
	const struct string_case *c;
	struct smb1_wbuf w;
	unsigned int i;
	u8 *buf;

	for (i = 0; i < ARRAY_SIZE(string_cases); i++) {
		c = &string_cases[i];
		buf = canary_buf(test, 32);
		smb1_wbuf_init(&w, buf, 32);
		w.len = c->start;
		smb1_put_string(&w, c->s, c->unicode);
		if (!c->want) {
			KUNIT_EXPECT_TRUE_MSG(test, w.overflow, "%s", c->name);
			KUNIT_EXPECT_EQ_MSG(test, w.err, -EINVAL, "%s", c->name);
			KUNIT_EXPECT_EQ_MSG(test, w.len, c->start, "%s",
					    c->name);
			KUNIT_EXPECT_EQ_MSG(test, buf[c->start], TEST_CANARY,
					    "%s", c->name);
			continue;
		}
		KUNIT_EXPECT_FALSE_MSG(test, w.overflow, "%s", c->name);
		KUNIT_ASSERT_EQ_MSG(test, w.len, c->start + c->want_len, "%s",
				    c->name);
		expect_bytes(test, buf + c->start, c->want, c->want_len,
			     c->name);
	}

	/* a Unicode string exactly one byte too long for the buffer */
	buf = canary_buf(test, 5);
	smb1_wbuf_init(&w, buf, 5);
	smb1_put_string(&w, "ab", true);
	KUNIT_EXPECT_TRUE(test, w.overflow);
	KUNIT_EXPECT_EQ(test, w.err, -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, w.len, 0);
	expect_canary(test, buf + 5, TEST_CANARY_LEN, "string", 5);
}

static void put_hdr_test(struct kunit *test)
{
	static const struct smb1_hdr_info hi = {
		.cmd = SMB_COM_NEGOTIATE,
		.flags = SMBFLG_CASELESS | SMBFLG_CANONICAL_PATHS,
		.flags2 = 0xc853,
		.tid = 0x0102,
		.uid = 0x0304,
		.pid = 0x00056789,
	};
	static const u8 want[SMB1_HDR_SIZE] = {
		0xff, 'S', 'M', 'B',		/* Protocol */
		0x72,				/* Command */
		0x00, 0x00, 0x00, 0x00,		/* Status */
		0x18,				/* Flags */
		0x53, 0xc8,			/* Flags2 */
		0x05, 0x00,			/* PIDHigh */
		0, 0, 0, 0, 0, 0, 0, 0,		/* SecurityFeatures */
		0x00, 0x00,			/* Reserved */
		0x02, 0x01,			/* TID */
		0x89, 0x67,			/* PIDLow */
		0x04, 0x03,			/* UID */
		0x00, 0x00,			/* MID */
	};
	struct smb1_wbuf w;
	u8 *buf = canary_buf(test, SMB1_HDR_SIZE);

	smb1_wbuf_init(&w, buf, SMB1_HDR_SIZE);
	smb1_put_hdr(&w, &hi);
	KUNIT_EXPECT_FALSE(test, w.overflow);
	KUNIT_ASSERT_EQ(test, w.len, SMB1_HDR_SIZE);
	expect_bytes(test, buf, want, SMB1_HDR_SIZE, "header");

	smb1_set_mid(buf, 0xabcd);
	KUNIT_EXPECT_EQ(test, buf[30], 0xcd);
	KUNIT_EXPECT_EQ(test, buf[31], 0xab);
	expect_bytes(test, buf, want, 30, "header after set_mid");
	expect_canary(test, buf + SMB1_HDR_SIZE, TEST_CANARY_LEN, "header",
		      SMB1_HDR_SIZE);

	/* a header does not fit in 31 bytes */
	buf = canary_buf(test, SMB1_HDR_SIZE - 1);
	smb1_wbuf_init(&w, buf, SMB1_HDR_SIZE - 1);
	smb1_put_hdr(&w, &hi);
	KUNIT_EXPECT_TRUE(test, w.overflow);
	KUNIT_EXPECT_EQ(test, w.len, 0);
	expect_canary(test, buf, SMB1_HDR_SIZE - 1 + TEST_CANARY_LEN,
		      "short header", SMB1_HDR_SIZE - 1);
}

/* ------------------------------------------------------------------ */
/* Encoders                                                            */
/* ------------------------------------------------------------------ */

static const u8 enc_negotiate_vec[] = {
	0x00,				/* @32 WordCount */
	0x1b, 0x00,			/* @33 ByteCount 27 */
	0x02,				/* BufferFormat: dialect */
	'N', 'T', ' ', 'L', 'A', 'N', 'M', 'A', 'N', ' ', '1', '.', '0', 0,
	0x02,
	'N', 'T', ' ', 'L', 'M', ' ', '0', '.', '1', '2', 0,
};

/* Session setup: 13 words, then the two responses and four strings */
static const u8 enc_sess_setup_oem_vec[] = {
	0x0d,				/* @32 WordCount 13 */
	0xff, 0x00, 0x00, 0x00,		/* AndX: none */
	0x04, 0x41,			/* MaxBufferSize 16644 */
	0x32, 0x00,			/* MaxMpxCount 50 */
	0x00, 0x00,			/* VcNumber */
	0x78, 0x56, 0x34, 0x12,		/* SessionKey */
	0x02, 0x00,			/* OEMPasswordLen */
	0x04, 0x00,			/* UnicodePasswordLen */
	0x00, 0x00, 0x00, 0x00,		/* Reserved */
	0x50, 0x00, 0x00, 0x00,		/* Capabilities */
	0x1a, 0x00,			/* @59 ByteCount 26 */
	0xa1, 0xa2,			/* @61 OEMPassword */
	0xb1, 0xb2, 0xb3, 0xb4,		/* UnicodePassword */
	'b', 'o', 'b', 0,		/* AccountName */
	'W', 'G', 0,			/* PrimaryDomain */
	'L', 'i', 'n', 'u', 'x', 0,	/* NativeOS */
	's', 'm', 'b', '1', 'f', 's', 0,	/* NativeLanMan */
};

static const u8 enc_sess_setup_uni_vec[] = {
	0x0d,				/* @32 WordCount 13 */
	0xff, 0x00, 0x00, 0x00,		/* AndX: none */
	0x04, 0x41,			/* MaxBufferSize 16644 */
	0x32, 0x00,			/* MaxMpxCount 50 */
	0x00, 0x00,			/* VcNumber */
	0x78, 0x56, 0x34, 0x12,		/* SessionKey */
	0x02, 0x00,			/* OEMPasswordLen */
	0x04, 0x00,			/* UnicodePasswordLen */
	0x00, 0x00, 0x00, 0x00,		/* Reserved */
	0xd4, 0x00, 0x00, 0x00,		/* Capabilities */
	0x2f, 0x00,			/* @59 ByteCount 47 */
	0xa1, 0xa2,			/* @61 OEMPassword */
	0xb1, 0xb2, 0xb3, 0xb4,		/* UnicodePassword */
	0x00,				/* @67 Pad to 2 */
	'b', 0, 0xf8, 0, 'b', 0, 0, 0,	/* @68 AccountName */
	'W', 0, 'G', 0, 0, 0,		/* PrimaryDomain */
	'L', 0, 'i', 0, 'n', 0, 'u', 0, 'x', 0, 0, 0,	/* NativeOS */
	's', 0, 'm', 0, 'b', 0, '1', 0, 'f', 0, 's', 0, 0, 0,
};


static const u8 enc_tcon_oem_vec[] = {
	0x04,				/* @32 WordCount 4 */
	0xff, 0x00, 0x00, 0x00,		/* AndX: none */
	0x00, 0x00,			/* Flags */
	0x01, 0x00,			/* PasswordLength 1 */
	0x13, 0x00,			/* @41 ByteCount 19 */
	0x00,				/* @43 Password */
	'\\', '\\', 'S', 'R', 'V', '\\', 's', 'h', 'a', 'r', 'e', 0,
	'?', '?', '?', '?', '?', 0,	/* Service */
};

static const u8 enc_tcon_uni_vec[] = {
	0x04,				/* @32 WordCount 4 */
	0xff, 0x00, 0x00, 0x00,		/* AndX: none */
	0x00, 0x00,			/* Flags */
	0x01, 0x00,			/* PasswordLength 1 */
	0x1f, 0x00,			/* @41 ByteCount 31 */
	0x00,				/* @43 Password */
	/* @44: already aligned, no pad */
	'\\', 0, '\\', 0, 'S', 0, 'R', 0, 'V', 0, '\\', 0,
	's', 0, 'h', 0, 'a', 0, 'r', 0, 'e', 0, 0, 0,
	'?', '?', '?', '?', '?', 0,	/* Service: always OEM */
};

static const u8 enc_tdis_vec[] = {
	0x00,				/* WordCount */
	0x00, 0x00,			/* ByteCount */
};

static const u8 enc_logoff_vec[] = {
	0x02,				/* WordCount */
	0xff, 0x00, 0x00, 0x00,		/* AndX: none */
	0x00, 0x00,			/* ByteCount */
};

static const u8 enc_echo_vec[] = {
	0x01,				/* WordCount */
	0x01, 0x00,			/* EchoCount */
	0x04, 0x00,			/* ByteCount */
	'p', 'i', 'n', 'g',		/* Data */
};

/*
 * TRANS2 requests: 15 words, then the bytes begin at @65 with three zero
 * bytes (Name and Pad1) and the parameters start at @68.
 */
static const u8 enc_qpi_oem_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x11, 0x00,			/* TotalParameterCount 17 */
	0x00, 0x00,			/* TotalDataCount */
	0x0a, 0x00,			/* MaxParameterCount 10 */
	0x00, 0x40,			/* MaxDataCount 16384 */
	0x00,				/* MaxSetupCount */
	0x00,				/* Reserved1 */
	0x00, 0x00,			/* Flags */
	0x00, 0x00, 0x00, 0x00,		/* Timeout */
	0x00, 0x00,			/* Reserved2 */
	0x11, 0x00,			/* ParameterCount 17 */
	0x44, 0x00,			/* ParameterOffset 68 */
	0x00, 0x00,			/* DataCount */
	0x55, 0x00,			/* DataOffset 85: the end */
	0x01,				/* SetupCount */
	0x00,				/* Reserved3 */
	0x05, 0x00,			/* Setup[0] */
	0x14, 0x00,			/* @63 ByteCount 20 */
	0x00,				/* @65 Name */
	0x00, 0x00,			/* Pad1 */
	0x07, 0x01,			/* @68 InformationLevel */
	0x00, 0x00, 0x00, 0x00,		/* Reserved */
	'\\', 'd', 'i', 'r', '\\', 'a', '.', 't', 'x', 't', 0,
};

static const u8 enc_qpi_uni_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x1c, 0x00,			/* TotalParameterCount 28 */
	0x00, 0x00,			/* TotalDataCount */
	0x0a, 0x00,			/* MaxParameterCount 10 */
	0x00, 0x40,			/* MaxDataCount 16384 */
	0x00,				/* MaxSetupCount */
	0x00,				/* Reserved1 */
	0x00, 0x00,			/* Flags */
	0x00, 0x00, 0x00, 0x00,		/* Timeout */
	0x00, 0x00,			/* Reserved2 */
	0x1c, 0x00,			/* ParameterCount 28 */
	0x44, 0x00,			/* ParameterOffset 68 */
	0x00, 0x00,			/* DataCount */
	0x60, 0x00,			/* DataOffset 96: the end */
	0x01,				/* SetupCount */
	0x00,				/* Reserved3 */
	0x05, 0x00,			/* Setup[0] */
	0x1f, 0x00,			/* @63 ByteCount 31 */
	0x00,				/* @65 Pad */
	0x00, 0x00,			/* @66 Name (Unicode NUL) */
	0x07, 0x01,			/* @68 InformationLevel */
	0x00, 0x00, 0x00, 0x00,		/* Reserved */
	'\\', 0, 'd', 0, 'i', 0, 'r', 0, '\\', 0, 0xe9, 0,
	'.', 0, 't', 0, 'x', 0, 't', 0, 0, 0,
};


static const u8 enc_ff_oem_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x13, 0x00,			/* TotalParameterCount 19 */
	0x00, 0x00,			/* TotalDataCount */
	0x0a, 0x00,			/* MaxParameterCount 10 */
	0x00, 0x40,			/* MaxDataCount 16384 */
	0x00,				/* MaxSetupCount */
	0x00,				/* Reserved1 */
	0x00, 0x00,			/* Flags */
	0x00, 0x00, 0x00, 0x00,		/* Timeout */
	0x00, 0x00,			/* Reserved2 */
	0x13, 0x00,			/* ParameterCount 19 */
	0x44, 0x00,			/* ParameterOffset 68 */
	0x00, 0x00,			/* DataCount */
	0x57, 0x00,			/* DataOffset 87: the end */
	0x01,				/* SetupCount */
	0x00,				/* Reserved3 */
	0x01, 0x00,			/* Setup[0] */
	0x16, 0x00,			/* @63 ByteCount 22 */
	0x00, 0x00, 0x00,		/* @65 Name, Pad1 */
	0x16, 0x00,			/* @68 SearchAttributes */
	0x96, 0x00,			/* SearchCount 150 */
	0x06, 0x00,			/* Flags */
	0x01, 0x01,			/* InformationLevel */
	0x00, 0x00, 0x00, 0x00,		/* SearchStorageType */
	'\\', 'd', 'i', 'r', '\\', '*', 0,	/* FileName */
};

static const u8 enc_ff_uni_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x1a, 0x00,			/* TotalParameterCount 26 */
	0x00, 0x00,			/* TotalDataCount */
	0x0a, 0x00,			/* MaxParameterCount 10 */
	0x00, 0x40,			/* MaxDataCount 16384 */
	0x00,				/* MaxSetupCount */
	0x00,				/* Reserved1 */
	0x00, 0x00,			/* Flags */
	0x00, 0x00, 0x00, 0x00,		/* Timeout */
	0x00, 0x00,			/* Reserved2 */
	0x1a, 0x00,			/* ParameterCount 26 */
	0x44, 0x00,			/* ParameterOffset 68 */
	0x00, 0x00,			/* DataCount */
	0x5e, 0x00,			/* DataOffset 94: the end */
	0x01,				/* SetupCount */
	0x00,				/* Reserved3 */
	0x01, 0x00,			/* Setup[0] */
	0x1d, 0x00,			/* @63 ByteCount 29 */
	0x00, 0x00, 0x00,		/* @65 Pad, Name */
	0x16, 0x00,			/* @68 SearchAttributes */
	0x96, 0x00,			/* SearchCount 150 */
	0x06, 0x00,			/* Flags */
	0x01, 0x01,			/* InformationLevel */
	0x00, 0x00, 0x00, 0x00,		/* SearchStorageType */
	'\\', 0, 'd', 0, 'i', 0, 'r', 0, '\\', 0, '*', 0, 0, 0,
};


static const u8 enc_fn_oem_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x0f, 0x00,			/* TotalParameterCount 15 */
	0x00, 0x00,			/* TotalDataCount */
	0x0a, 0x00,			/* MaxParameterCount 10 */
	0x00, 0x40,			/* MaxDataCount 16384 */
	0x00,				/* MaxSetupCount */
	0x00,				/* Reserved1 */
	0x00, 0x00,			/* Flags */
	0x00, 0x00, 0x00, 0x00,		/* Timeout */
	0x00, 0x00,			/* Reserved2 */
	0x0f, 0x00,			/* ParameterCount 15 */
	0x44, 0x00,			/* ParameterOffset 68 */
	0x00, 0x00,			/* DataCount */
	0x53, 0x00,			/* DataOffset 83: the end */
	0x01,				/* SetupCount */
	0x00,				/* Reserved3 */
	0x02, 0x00,			/* Setup[0] */
	0x12, 0x00,			/* @63 ByteCount 18 */
	0x00, 0x00, 0x00,		/* @65 Name, Pad1 */
	0x02, 0x01,			/* @68 SID */
	0x96, 0x00,			/* SearchCount 150 */
	0x01, 0x01,			/* InformationLevel */
	0xef, 0xbe, 0xad, 0xde,		/* ResumeKey */
	0x0e, 0x00,			/* Flags */
	'a', 'b', 0,			/* FileName as received */
};

static const u8 enc_fn_uni_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x12, 0x00,			/* TotalParameterCount 18 */
	0x00, 0x00,			/* TotalDataCount */
	0x0a, 0x00,			/* MaxParameterCount 10 */
	0x00, 0x40,			/* MaxDataCount 16384 */
	0x00,				/* MaxSetupCount */
	0x00,				/* Reserved1 */
	0x00, 0x00,			/* Flags */
	0x00, 0x00, 0x00, 0x00,		/* Timeout */
	0x00, 0x00,			/* Reserved2 */
	0x12, 0x00,			/* ParameterCount 18 */
	0x44, 0x00,			/* ParameterOffset 68 */
	0x00, 0x00,			/* DataCount */
	0x56, 0x00,			/* DataOffset 86: the end */
	0x01,				/* SetupCount */
	0x00,				/* Reserved3 */
	0x02, 0x00,			/* Setup[0] */
	0x15, 0x00,			/* @63 ByteCount 21 */
	0x00, 0x00, 0x00,		/* @65 Pad, Name */
	0x02, 0x01,			/* @68 SID */
	0x96, 0x00,			/* SearchCount 150 */
	0x01, 0x01,			/* InformationLevel */
	0xef, 0xbe, 0xad, 0xde,		/* ResumeKey */
	0x0e, 0x00,			/* Flags */
	'a', 0, 'b', 0, 0, 0,		/* FileName as received */
};

static const u8 enc_find_close_vec[] = {
	0x01,				/* WordCount */
	0x02, 0x01,			/* SID */
	0x00, 0x00,			/* ByteCount */
};


static const u8 enc_open_oem_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0xff, 0x00, 0x00, 0x00,		/* AndX: none */
	0x01, 0x00,			/* Flags: REQ_ATTRIB */
	0x40, 0x00,			/* AccessMode */
	0x16, 0x00,			/* SearchAttrs */
	0x00, 0x00,			/* FileAttrs */
	0x00, 0x00, 0x00, 0x00,		/* CreationTime */
	0x01, 0x00,			/* OpenMode: open */
	0x00, 0x00, 0x00, 0x00,		/* AllocationSize */
	0x00, 0x00, 0x00, 0x00,		/* Timeout */
	0x00, 0x00, 0x00, 0x00,		/* Reserved */
	0x07, 0x00,			/* @63 ByteCount 7 */
	'\\', 'a', '.', 't', 'x', 't', 0,	/* @65 FileName */
};

static const u8 enc_open_uni_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0xff, 0x00, 0x00, 0x00,		/* AndX: none */
	0x01, 0x00,			/* Flags: REQ_ATTRIB */
	0x40, 0x00,			/* AccessMode */
	0x16, 0x00,			/* SearchAttrs */
	0x00, 0x00,			/* FileAttrs */
	0x00, 0x00, 0x00, 0x00,		/* CreationTime */
	0x01, 0x00,			/* OpenMode: open */
	0x00, 0x00, 0x00, 0x00,		/* AllocationSize */
	0x00, 0x00, 0x00, 0x00,		/* Timeout */
	0x00, 0x00, 0x00, 0x00,		/* Reserved */
	0x0f, 0x00,			/* @63 ByteCount 15 */
	0x00,				/* @65 Pad */
	'\\', 0, 'a', 0, '.', 0, 't', 0, 'x', 0, 't', 0, 0, 0,
};

/* OPEN_ANDX with a READ_ANDX of the new FID chained after it */
static const u8 enc_open_read_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x2e, 0x00, 0x48, 0x00,		/* AndX: READ_ANDX at 72 */
	0x01, 0x00,			/* Flags: REQ_ATTRIB */
	0x40, 0x00,			/* AccessMode */
	0x16, 0x00,			/* SearchAttrs */
	0x00, 0x00,			/* FileAttrs */
	0x00, 0x00, 0x00, 0x00,		/* CreationTime */
	0x01, 0x00,			/* OpenMode: open */
	0x00, 0x00, 0x00, 0x00,		/* AllocationSize */
	0x00, 0x00, 0x00, 0x00,		/* Timeout */
	0x00, 0x00, 0x00, 0x00,		/* Reserved */
	0x07, 0x00,			/* @63 ByteCount 7 */
	'\\', 'a', '.', 't', 'x', 't', 0,	/* @65 FileName */
	0x0a,				/* @72 WordCount 10 */
	0xff, 0x00, 0x00, 0x00,		/* AndX: none */
	0xff, 0xff,			/* FID: the one opened */
	0x00, 0x00, 0x00, 0x00,		/* Offset */
	0x00, 0xf0,			/* MaxCountOfBytesToReturn */
	0x00, 0xf0,			/* MinCountOfBytesToReturn */
	0x00, 0x00, 0x00, 0x00,		/* Timeout_or_MaxCountHigh */
	0x00, 0x00,			/* Remaining */
	0x00, 0x00,			/* ByteCount */
};

/* OPEN_ANDX, READ_ANDX and CLOSE of the new FID in one message */
static const u8 enc_open_read_close_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x2e, 0x00, 0x48, 0x00,		/* AndX: READ_ANDX at 72 */
	0x01, 0x00,			/* Flags: REQ_ATTRIB */
	0x40, 0x00,			/* AccessMode */
	0x16, 0x00,			/* SearchAttrs */
	0x00, 0x00,			/* FileAttrs */
	0x00, 0x00, 0x00, 0x00,		/* CreationTime */
	0x01, 0x00,			/* OpenMode: open */
	0x00, 0x00, 0x00, 0x00,		/* AllocationSize */
	0x00, 0x00, 0x00, 0x00,		/* Timeout */
	0x00, 0x00, 0x00, 0x00,		/* Reserved */
	0x07, 0x00,			/* @63 ByteCount 7 */
	'\\', 'a', '.', 't', 'x', 't', 0,	/* @65 FileName */
	0x0a,				/* @72 WordCount 10 */
	0x04, 0x00, 0x5f, 0x00,		/* AndX: CLOSE at 95 */
	0xff, 0xff,			/* FID: the one opened */
	0x00, 0x00, 0x00, 0x00,		/* Offset */
	0x00, 0xf0,			/* MaxCountOfBytesToReturn */
	0x00, 0xf0,			/* MinCountOfBytesToReturn */
	0x00, 0x00, 0x00, 0x00,		/* Timeout_or_MaxCountHigh */
	0x00, 0x00,			/* Remaining */
	0x00, 0x00,			/* ByteCount */
	0x03,				/* @95 WordCount 3 */
	0xff, 0xff,			/* FID: the one opened */
	0xff, 0xff, 0xff, 0xff,		/* LastTimeModified: unchanged */
	0x00, 0x00,			/* ByteCount */
};

/* NT_CREATE_ANDX: 24 words; NameLength counts the terminator */
static const u8 enc_nt_create_oem_vec[] = {
	0x18,				/* @32 WordCount 24 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x00,				/* @37 Reserved */
	0x07, 0x00,			/* @38 NameLength 7 */
	0x12, 0x00, 0x00, 0x00,		/* @40 Flags */
	0x01, 0x40, 0x00, 0x00,		/* @44 RootDirectoryFID */
	0x81, 0x00, 0x10, 0x00,		/* @48 DesiredAccess */
	0x89, 0x67, 0x45, 0x23, 0x01, 0x00, 0x00, 0x00,	/* @52 AllocationSize */
	0x20, 0x00, 0x00, 0x00,		/* @60 ExtFileAttributes */
	0x07, 0x00, 0x00, 0x00,		/* @64 ShareAccess */
	0x03, 0x00, 0x00, 0x00,		/* @68 CreateDisposition */
	0x40, 0x10, 0x00, 0x00,		/* @72 CreateOptions */
	0x02, 0x00, 0x00, 0x00,		/* @76 ImpersonationLevel */
	0x03,				/* @80 SecurityFlags */
	0x07, 0x00,			/* @81 ByteCount 7 */
	'\\', 'a', '.', 't', 'x', 't', 0,	/* @83 FileName */
};

static const u8 enc_nt_create_uni_vec[] = {
	0x18,				/* @32 WordCount 24 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x00,				/* @37 Reserved */
	0x0e, 0x00,			/* @38 NameLength 14: no pad */
	0x12, 0x00, 0x00, 0x00,		/* @40 Flags */
	0x01, 0x40, 0x00, 0x00,		/* @44 RootDirectoryFID */
	0x81, 0x00, 0x10, 0x00,		/* @48 DesiredAccess */
	0x89, 0x67, 0x45, 0x23, 0x01, 0x00, 0x00, 0x00,	/* @52 AllocationSize */
	0x20, 0x00, 0x00, 0x00,		/* @60 ExtFileAttributes */
	0x07, 0x00, 0x00, 0x00,		/* @64 ShareAccess */
	0x03, 0x00, 0x00, 0x00,		/* @68 CreateDisposition */
	0x40, 0x10, 0x00, 0x00,		/* @72 CreateOptions */
	0x02, 0x00, 0x00, 0x00,		/* @76 ImpersonationLevel */
	0x03,				/* @80 SecurityFlags */
	0x0f, 0x00,			/* @81 ByteCount 15 */
	0x00,				/* @83 Pad */
	'\\', 0, 0xe9, 0, '.', 0, 't', 0,	/* @84 FileName */
	'x', 0, 't', 0, 0, 0,
};

static const u8 enc_read_vec[] = {
	0x0a,				/* WordCount 10 */
	0xff, 0x00, 0x00, 0x00,		/* AndX: none */
	0x01, 0x40,			/* FID */
	0x78, 0x56, 0x34, 0x12,		/* Offset */
	0x00, 0x10,			/* MaxCountOfBytesToReturn */
	0x00, 0x10,			/* MinCountOfBytesToReturn */
	0x00, 0x00, 0x00, 0x00,		/* Timeout_or_MaxCountHigh */
	0x00, 0x00,			/* Remaining */
	0x00, 0x00,			/* ByteCount */
};

static const u8 enc_read_large_vec[] = {
	0x0c,				/* WordCount 12 */
	0xff, 0x00, 0x00, 0x00,		/* AndX: none */
	0x01, 0x40,			/* FID */
	0x78, 0x56, 0x34, 0x12,		/* Offset (low) */
	0x56, 0x34,			/* MaxCountOfBytesToReturn */
	0x56, 0x34,			/* MinCountOfBytesToReturn */
	0x02, 0x00,			/* MaxCountHigh */
	0x00, 0x00,			/* Reserved */
	0x00, 0x00,			/* Remaining */
	0x05, 0x00, 0x00, 0x00,		/* OffsetHigh */
	0x00, 0x00,			/* ByteCount */
};

static const u8 enc_close_vec[] = {
	0x03,				/* WordCount */
	0x01, 0x40,			/* FID */
	0xff, 0xff, 0xff, 0xff,		/* LastTimeModified: keep */
	0x00, 0x00,			/* ByteCount */
};

static const u8 test_lm_resp[] = { 0xa1, 0xa2 };
static const u8 test_nt_resp[] = { 0xb1, 0xb2, 0xb3, 0xb4 };
static const u8 test_tcon_password[] = { 0x00 };

static int enc_negotiate(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_negotiate(w, test_dialects, ARRAY_SIZE(test_dialects));
}

static int enc_sess_setup(struct smb1_wbuf *w, bool unicode)
{
	struct smb1_sess_setup_req r = {
		.max_buffer = 16644,
		.max_mpx = 50,
		.vc = 0,
		.session_key = 0x12345678,
		.caps = unicode ? 0xd4 : 0x50,
		.lm_resp = test_lm_resp,
		.lm_resp_len = sizeof(test_lm_resp),
		.nt_resp = test_nt_resp,
		.nt_resp_len = sizeof(test_nt_resp),
		.user = unicode ? "b\xc3\xb8\x62" : "bob",
		.domain = "WG",
		.native_os = "Linux",
		.native_lm = "smb1fs",
	};

	return smb1_enc_sess_setup(w, &r, unicode);
}

static int enc_tcon(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_tree_connect(w, "\\\\SRV\\share", test_tcon_password,
				     sizeof(test_tcon_password), unicode);
}

static int enc_tdis(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_tree_disconnect(w);
}

static int enc_logoff(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_logoff(w);
}

static int enc_echo(struct smb1_wbuf *w, bool unicode)
{
	int ret = smb1_enc_echo(w, 1, 4);

	/* the payload, as the transport sends it after the message */
	smb1_put_bytes(w, "ping", 4);
	return ret ?: (w->overflow ? -EMSGSIZE : 0);
}

static int enc_qpi(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_query_path_info(w, unicode ? "\\dir\\\xc3\xa9.txt" :
					"\\dir\\a.txt",
					SMB_QUERY_FILE_ALL_INFO, 16384,
					unicode);
}

static int enc_ff(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_find_first(w, "\\dir\\*", 0x16, 150,
				   SMB_FIND_CLOSE_AT_EOS |
				   SMB_FIND_RETURN_RESUME_KEYS,
				   SMB_FIND_FILE_DIRECTORY_INFO, 16384,
				   unicode);
}

static int enc_fn(struct smb1_wbuf *w, bool unicode)
{
	static const u8 uni_name[] = { 'a', 0, 'b', 0 };
	static const u8 oem_name[] = { 'a', 'b' };

	return smb1_enc_find_next(w, 0x0102, 150, SMB_FIND_FILE_DIRECTORY_INFO,
				  0xdeadbeef, 0x000e,
				  unicode ? uni_name : oem_name,
				  unicode ? sizeof(uni_name) : sizeof(oem_name),
				  16384);
}

static int enc_find_close(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_find_close(w, 0x0102);
}

static int enc_open(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_open_andx(w, "\\a.txt",
				  SMB_SHARE_DENY_NONE | SMB_ACCESS_READ,
				  SMB_OPEN_FUNC_OPEN, unicode);
}

static int enc_open_read(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_open_read(w, "\\a.txt", NULL, 0xf000, false, unicode);
}

static int enc_open_read_close(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_open_read(w, "\\a.txt", NULL, 0xf000, true, unicode);
}

/* Every field a distinct value, so that none can stand in for another */
static const struct smb1_nt_create test_nt_create = {
	.flags = NT_CREATE_REQUEST_EXTENDED_RESPONSE | NT_CREATE_REQUEST_OPLOCK,
	.root_fid = 0x4001,
	.desired_access = FILE_READ_DATA | FILE_READ_ATTRIBUTES | SYNCHRONIZE,
	.alloc_size = 0x123456789ULL,
	.ext_attrs = ATTR_ARCHIVE,
	.share_access = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
	.disposition = FILE_OPEN_IF,
	.create_options = FILE_NON_DIRECTORY_FILE | FILE_DELETE_ON_CLOSE,
	.impersonation = SECURITY_IMPERSONATION,
	.security_flags = SMB_SECURITY_CONTEXT_TRACKING |
			  SMB_SECURITY_EFFECTIVE_ONLY,
};

/* Unicode or not as the header says: unicode is not passed */
static int enc_nt_create(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_nt_create(w, unicode ? "\\\xc3\xa9.txt" : "\\a.txt",
				  &test_nt_create);
}

static int enc_read(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_read_andx(w, 0x4001, 0x12345678, 0x1000, false);
}

static int enc_read_large(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_read_andx(w, 0x4001, 0x512345678ULL, 0x23456, true);
}

static int enc_close(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_close(w, 0x4001);
}

struct enc_case {
	const char *name;
	u8 cmd;
	bool unicode;
	int (*enc)(struct smb1_wbuf *w, bool unicode);
	const u8 *vec;		/* the message from WordCount on */
	size_t len;
};

#define ENC_CASE(n, c, u, fn, v)					\
	{ .name = (n), .cmd = (c), .unicode = (u), .enc = (fn),		\
	  .vec = (v), .len = sizeof(v) }

static const struct enc_case enc_cases[] = {
	ENC_CASE("negotiate", SMB_COM_NEGOTIATE, false, enc_negotiate,
		 enc_negotiate_vec),
	ENC_CASE("session setup OEM", SMB_COM_SESSION_SETUP_ANDX, false,
		 enc_sess_setup, enc_sess_setup_oem_vec),
	ENC_CASE("session setup Unicode", SMB_COM_SESSION_SETUP_ANDX, true,
		 enc_sess_setup, enc_sess_setup_uni_vec),
	ENC_CASE("tree connect OEM", SMB_COM_TREE_CONNECT_ANDX, false,
		 enc_tcon, enc_tcon_oem_vec),
	ENC_CASE("tree connect Unicode", SMB_COM_TREE_CONNECT_ANDX, true,
		 enc_tcon, enc_tcon_uni_vec),
	ENC_CASE("tree disconnect", SMB_COM_TREE_DISCONNECT, true, enc_tdis,
		 enc_tdis_vec),
	ENC_CASE("logoff", SMB_COM_LOGOFF_ANDX, true, enc_logoff,
		 enc_logoff_vec),
	ENC_CASE("echo", SMB_COM_ECHO, true, enc_echo, enc_echo_vec),
	ENC_CASE("query path info OEM", SMB_COM_TRANSACTION2, false, enc_qpi,
		 enc_qpi_oem_vec),
	ENC_CASE("query path info Unicode", SMB_COM_TRANSACTION2, true,
		 enc_qpi, enc_qpi_uni_vec),
	ENC_CASE("find first OEM", SMB_COM_TRANSACTION2, false, enc_ff,
		 enc_ff_oem_vec),
	ENC_CASE("find first Unicode", SMB_COM_TRANSACTION2, true, enc_ff,
		 enc_ff_uni_vec),
	ENC_CASE("find next OEM", SMB_COM_TRANSACTION2, false, enc_fn,
		 enc_fn_oem_vec),
	ENC_CASE("find next Unicode", SMB_COM_TRANSACTION2, true, enc_fn,
		 enc_fn_uni_vec),
	ENC_CASE("find close", SMB_COM_FIND_CLOSE2, true, enc_find_close,
		 enc_find_close_vec),
	ENC_CASE("open OEM", SMB_COM_OPEN_ANDX, false, enc_open,
		 enc_open_oem_vec),
	ENC_CASE("open Unicode", SMB_COM_OPEN_ANDX, true, enc_open,
		 enc_open_uni_vec),
	ENC_CASE("open + chained read", SMB_COM_OPEN_ANDX, false,
		 enc_open_read, enc_open_read_vec),
	ENC_CASE("open + chained read + close", SMB_COM_OPEN_ANDX, false,
		 enc_open_read_close, enc_open_read_close_vec),
	ENC_CASE("read 32-bit offset", SMB_COM_READ_ANDX, true, enc_read,
		 enc_read_vec),
	ENC_CASE("read 64-bit offset", SMB_COM_READ_ANDX, true,
		 enc_read_large, enc_read_large_vec),
	ENC_CASE("NT create OEM", SMB_COM_NT_CREATE_ANDX, false,
		 enc_nt_create, enc_nt_create_oem_vec),
	ENC_CASE("NT create Unicode", SMB_COM_NT_CREATE_ANDX, true,
		 enc_nt_create, enc_nt_create_uni_vec),
	ENC_CASE("close", SMB_COM_CLOSE, true, enc_close, enc_close_vec),
};

/* A header as the transport writes it, then the encoder under test. */
static int run_enc(const struct enc_case *c, struct smb1_wbuf *w, u8 *buf,
		   size_t cap)
{
	struct smb1_hdr_info hi = {
		.cmd = c->cmd,
		.flags = SMBFLG_CASELESS | SMBFLG_CANONICAL_PATHS,
		.flags2 = c->unicode ? TEST_FLAGS2_UNI : TEST_FLAGS2_OEM,
		.tid = 5,
		.uid = 0x800,
		.pid = 0x1234,
	};

	smb1_wbuf_init(w, buf, cap);
	smb1_put_hdr(w, &hi);
	return c->enc(w, c->unicode);
}

/* Each case gives its vector exactly, in a buffer of just that size. */
static void check_enc_vectors(struct kunit *test,
			      const struct enc_case *cases, unsigned int n)
{
	const struct enc_case *c;
	struct smb1_wbuf w;
	unsigned int i;
	size_t full;
	u8 *buf;
	int ret;

	for (i = 0; i < n; i++) {
		c = &cases[i];
		full = SMB1_HDR_SIZE + c->len;
		buf = canary_buf(test, full);
		ret = run_enc(c, &w, buf, full);
		KUNIT_EXPECT_EQ_MSG(test, ret, 0, "%s", c->name);
		KUNIT_EXPECT_FALSE_MSG(test, w.overflow, "%s", c->name);
		KUNIT_EXPECT_EQ_MSG(test, w.len, full, "%s", c->name);
		if (w.len != full)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, buf[offsetof(struct smb1_hdr, command)], c->cmd, "%s",
				    c->name);
		expect_bytes(test, buf + SMB1_HDR_SIZE, c->vec, c->len,
			     c->name);
		expect_canary(test, buf + full, TEST_CANARY_LEN, c->name, full);
	}
}

static void encoder_vectors_test(struct kunit *test)
{
	check_enc_vectors(test, enc_cases, ARRAY_SIZE(enc_cases));
}

/* Every buffer size short of the message fails cleanly. */
static void check_enc_small_buffer(struct kunit *test,
				   const struct enc_case *cases,
				   unsigned int n)
{
	const struct enc_case *c;
	struct smb1_wbuf w;
	unsigned int i;
	size_t cap;
	u8 *buf;
	int ret;

	for (i = 0; i < n; i++) {
		c = &cases[i];
		for (cap = 0; cap < SMB1_HDR_SIZE + c->len; cap++) {
			buf = canary_buf(test, cap);
			ret = run_enc(c, &w, buf, cap);
			KUNIT_EXPECT_EQ_MSG(test, ret, -EMSGSIZE, "%s, cap %zu",
					    c->name, cap);
			KUNIT_EXPECT_TRUE_MSG(test, w.overflow, "%s, cap %zu",
					      c->name, cap);
			KUNIT_EXPECT_LE_MSG(test, w.len, cap, "%s, cap %zu",
					    c->name, cap);
			expect_canary(test, buf + cap, TEST_CANARY_LEN, c->name,
				      cap);
			kunit_kfree(test, buf);
		}
	}
}

static void encoder_small_buffer_test(struct kunit *test)
{
	check_enc_small_buffer(test, enc_cases, ARRAY_SIZE(enc_cases));
}

static void encoder_invalid_test(struct kunit *test)
{
	static const char *const none[] = { "x" };
	struct smb1_wbuf w;
	char *path;
	u8 *buf;
	int ret;

	buf = canary_buf(test, 256);

	/* invalid UTF-8 in a Unicode path */
	smb1_wbuf_init(&w, buf, 256);
	w.len = SMB1_HDR_SIZE;
	ret = smb1_enc_query_path_info(&w, "\\a\xff", SMB_QUERY_FILE_ALL_INFO,
				       100, true);
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);
	smb1_wbuf_init(&w, buf, 256);
	w.len = SMB1_HDR_SIZE;
	ret = smb1_enc_open_andx(&w, "\\\xc3", 0, 1, true);
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);
	smb1_wbuf_init(&w, buf, 256);
	w.len = SMB1_HDR_SIZE;
	ret = smb1_enc_tree_connect(&w, "\\\\s\\\xe0\x80", NULL, 0, true);
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);
	/* NT_CREATE_ANDX takes Unicode from the header */
	smb1_wbuf_init(&w, buf, 256);
	put_unaligned_le16(SMBFLG2_UNICODE, buf + 10);
	w.len = SMB1_HDR_SIZE;
	ret = smb1_enc_nt_create(&w, "\\a\xff", &test_nt_create);
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);

	/* a 32-bit read cannot reach 4 GiB */
	smb1_wbuf_init(&w, buf, 256);
	w.len = SMB1_HDR_SIZE;
	ret = smb1_enc_read_andx(&w, 1, 0x100000000ULL, 10, false);
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);
	smb1_wbuf_init(&w, buf, 256);
	w.len = SMB1_HDR_SIZE;
	ret = smb1_enc_read_andx(&w, 1, 0xffffffffULL, 10, false);
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, buf[SMB1_HDR_SIZE], 10);

	/* no dialects */
	smb1_wbuf_init(&w, buf, 256);
	w.len = SMB1_HDR_SIZE;
	KUNIT_EXPECT_EQ(test, smb1_enc_negotiate(&w, none, 0), -EINVAL);

	/*
	 * A TRANS2 request whose ByteCount would still fit in 16 bits but
	 * whose DataOffset would not: 6 + 65493 + 1 bytes of parameters
	 * starting at 68.
	 */
	path = kunit_kmalloc(test, 65494, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, path);
	memset(path, 'a', 65493);
	path[65493] = '\0';
	buf = kunit_kmalloc(test, 80000, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	smb1_wbuf_init(&w, buf, 80000);
	w.len = SMB1_HDR_SIZE;
	ret = smb1_enc_query_path_info(&w, path, SMB_QUERY_FILE_ALL_INFO, 100,
				       false);
	KUNIT_EXPECT_EQ(test, ret, -EMSGSIZE);
}

/* ------------------------------------------------------------------ */
/* Encoders of the write path                                          */
/* ------------------------------------------------------------------ */

/*
 * WRITE_ANDX: the message ends with the Pad byte, the data follows as
 * the request's payload; ByteCount counts the pad and the data.
 */
static const u8 enc_write_vec[] = {
	0x0c,				/* @32 WordCount 12 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x01, 0x40,			/* @37 FID */
	0x78, 0x56, 0x34, 0x12,		/* @39 Offset */
	0x00, 0x00, 0x00, 0x00,		/* @43 Timeout */
	0x00, 0x00,			/* @47 WriteMode */
	0x00, 0x00,			/* @49 Remaining */
	0x00, 0x00,			/* @51 DataLengthHigh */
	0x00, 0x10,			/* @53 DataLength 4096 */
	0x3c, 0x00,			/* @55 DataOffset 60 */
	0x01, 0x10,			/* @57 ByteCount 4097 */
	0x00,				/* @59 Pad */
};

/* More than 64 KiB at a 64-bit offset, written through */
static const u8 enc_write_large_vec[] = {
	0x0e,				/* @32 WordCount 14 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x01, 0x40,			/* @37 FID */
	0x78, 0x56, 0x34, 0x12,		/* @39 Offset (low) */
	0x00, 0x00, 0x00, 0x00,		/* @43 Timeout */
	0x01, 0x00,			/* @47 WriteMode: write-through */
	0x00, 0x00,			/* @49 Remaining */
	0x02, 0x00,			/* @51 DataLengthHigh */
	0x56, 0x34,			/* @53 DataLength (low) */
	0x40, 0x00,			/* @55 DataOffset 64 */
	0x05, 0x00, 0x00, 0x00,		/* @57 OffsetHigh */
	0x57, 0x34,			/* @61 ByteCount 0x23457, low bits */
	0x00,				/* @63 Pad */
};

/* Exactly 64 KiB with 12 words: DataLength 0, ByteCount wrapped to 1 */
static const u8 enc_write_64k_vec[] = {
	0x0c,				/* @32 WordCount 12 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x02, 0x40,			/* @37 FID */
	0x00, 0x00, 0xff, 0xff,		/* @39 Offset 0xffff0000 */
	0x00, 0x00, 0x00, 0x00,		/* @43 Timeout */
	0x00, 0x00,			/* @47 WriteMode */
	0x00, 0x00,			/* @49 Remaining */
	0x01, 0x00,			/* @51 DataLengthHigh */
	0x00, 0x00,			/* @53 DataLength */
	0x3c, 0x00,			/* @55 DataOffset 60 */
	0x01, 0x00,			/* @57 ByteCount 0x10001, low bits */
	0x00,				/* @59 Pad */
};

static const u8 enc_flush_vec[] = {
	0x01,				/* @32 WordCount 1 */
	0x01, 0x40,			/* @33 FID */
	0x00, 0x00,			/* @35 ByteCount */
};

static const u8 enc_setinfo_core_oem_vec[] = {
	0x08,				/* @32 WordCount 8 */
	0x21, 0x00,			/* @33 FileAttributes */
	0x78, 0x56, 0x34, 0x12,		/* @35 LastWriteTime */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* @39 Reserved */
	0x08, 0x00,			/* @49 ByteCount 8 */
	0x04,				/* @51 BufferFormat */
	'\\', 'a', '.', 't', 'x', 't', 0,	/* @52 FileName */
};

/* SET_INFORMATION2 ([MS-CIFS] 2.2.4.30.1): seven words, no bytes */
static const u8 enc_setinfo2_vec[] = {
	0x07,				/* @32 WordCount 7 */
	0x01, 0x40,			/* @33 FID */
	0x34, 0x12,			/* @35 CreateDate */
	0x78, 0x56,			/* @37 CreateTime */
	0xbc, 0x9a,			/* @39 LastAccessDate */
	0xf0, 0xde,			/* @41 LastAccessTime */
	0x5b, 0x2a,			/* @43 LastWriteDate */
	0x4d, 0x3c,			/* @45 LastWriteTime */
	0x00, 0x00,			/* @47 ByteCount 0 */
};

static const u8 enc_setinfo_core_uni_vec[] = {
	0x08,				/* @32 WordCount 8 */
	0x80, 0x00,			/* @33 FileAttributes: as they are */
	0x00, 0x00, 0x00, 0x00,		/* @35 LastWriteTime: as it is */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* @39 Reserved */
	0x0f, 0x00,			/* @49 ByteCount 15 */
	0x04,				/* @51 BufferFormat */
	'\\', 0, 'a', 0, '.', 0, 't', 0, 'x', 0, 't', 0, 0, 0, /* @52 */
};

static const u8 enc_write_setsize_vec[] = {
	0x05,				/* @32 WordCount 5 */
	0x01, 0x40,			/* @33 FID */
	0x00, 0x00,			/* @35 CountOfBytesToWrite 0 */
	0x78, 0x56, 0x34, 0x12,		/* @37 WriteOffsetInBytes */
	0x00, 0x00,			/* @41 EstimateOfRemainingBytes */
	0x03, 0x00,			/* @43 ByteCount 3 */
	0x01,				/* @45 BufferFormat: data */
	0x00, 0x00,			/* @46 DataLength 0 */
};

static const u8 enc_delete_oem_vec[] = {
	0x01,				/* @32 WordCount 1 */
	0x06, 0x00,			/* @33 SearchAttributes */
	0x08, 0x00,			/* @35 ByteCount 8 */
	0x04,				/* @37 BufferFormat */
	'\\', 'a', '.', 't', 'x', 't', 0,	/* @38 FileName */
};

static const u8 enc_delete_uni_vec[] = {
	0x01,				/* @32 WordCount 1 */
	0x06, 0x00,			/* @33 SearchAttributes */
	0x0f, 0x00,			/* @35 ByteCount 15 */
	0x04,				/* @37 BufferFormat */
	'\\', 0, 0xe9, 0, '.', 0, 't', 0,	/* @38 FileName: no pad */
	'x', 0, 't', 0, 0, 0,
};

/* CREATE_DIRECTORY and DELETE_DIRECTORY: no words */
static const u8 enc_dir_oem_vec[] = {
	0x00,				/* @32 WordCount 0 */
	0x06, 0x00,			/* @33 ByteCount 6 */
	0x04,				/* @35 BufferFormat */
	'\\', 'd', 'i', 'r', 0,		/* @36 DirectoryName */
};

static const u8 enc_dir_uni_vec[] = {
	0x00,				/* @32 WordCount 0 */
	0x0b, 0x00,			/* @33 ByteCount 11 */
	0x04,				/* @35 BufferFormat */
	'\\', 0, 'd', 0, 'i', 0, 'r', 0, 0, 0,	/* @36: no pad */
};

static const u8 enc_rename_oem_vec[] = {
	0x01,				/* @32 WordCount 1 */
	0x16, 0x00,			/* @33 SearchAttributes */
	0x10, 0x00,			/* @35 ByteCount 16 */
	0x04,				/* @37 BufferFormat1 */
	'\\', 'a', '.', 't', 'x', 't', 0,	/* @38 OldFileName */
	0x04,				/* @45 BufferFormat2 */
	'\\', 'b', '.', 't', 'x', 't', 0,	/* @46 NewFileName */
};

/* The second name would start at an odd offset: one pad byte */
static const u8 enc_rename_uni_vec[] = {
	0x01,				/* @32 WordCount 1 */
	0x16, 0x00,			/* @33 SearchAttributes */
	0x1f, 0x00,			/* @35 ByteCount 31 */
	0x04,				/* @37 BufferFormat1 */
	'\\', 0, 'a', 0, '.', 0, 't', 0,	/* @38 OldFileName */
	'x', 0, 't', 0, 0, 0,
	0x04,				/* @52 BufferFormat2 */
	0x00,				/* @53 Pad */
	'\\', 0, 0xe9, 0, '.', 0, 't', 0,	/* @54 NewFileName */
	'x', 0, 't', 0, 0, 0,
};

static const u8 enc_nt_rename_oem_vec[] = {
	0x04,				/* @32 WordCount 4 */
	0x16, 0x00,			/* @33 SearchAttributes */
	0x03, 0x01,			/* @35 InformationLevel: link */
	0x00, 0x00, 0x00, 0x00,		/* @37 Reserved (ClusterCount) */
	0x10, 0x00,			/* @41 ByteCount 16 */
	0x04,				/* @43 BufferFormat1 */
	'\\', 'a', '.', 't', 'x', 't', 0,	/* @44 OldFileName */
	0x04,				/* @51 BufferFormat2 */
	'\\', 'b', '.', 't', 'x', 't', 0,	/* @52 NewFileName */
};

static const u8 enc_nt_rename_uni_vec[] = {
	0x04,				/* @32 WordCount 4 */
	0x16, 0x00,			/* @33 SearchAttributes */
	0x04, 0x01,			/* @35 InformationLevel: rename */
	0x00, 0x00, 0x00, 0x00,		/* @37 Reserved (ClusterCount) */
	0x1f, 0x00,			/* @41 ByteCount 31 */
	0x04,				/* @43 BufferFormat1 */
	'\\', 0, 'a', 0, '.', 0, 't', 0,	/* @44 OldFileName */
	'x', 0, 't', 0, 0, 0,
	0x04,				/* @58 BufferFormat2 */
	0x00,				/* @59 Pad */
	'\\', 0, 0xe9, 0, '.', 0, 't', 0,	/* @60 NewFileName */
	'x', 0, 't', 0, 0, 0,
};

/* TRANS2_QUERY_FILE_INFORMATION: FID and level, no name, no data */
static const u8 enc_qfi_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x04, 0x00,			/* @33 TotalParameterCount 4 */
	0x00, 0x00,			/* @35 TotalDataCount */
	0x0a, 0x00,			/* @37 MaxParameterCount 10 */
	0x00, 0x40,			/* @39 MaxDataCount 16384 */
	0x00,				/* @41 MaxSetupCount */
	0x00,				/* @42 Reserved1 */
	0x00, 0x00,			/* @43 Flags */
	0x00, 0x00, 0x00, 0x00,		/* @45 Timeout */
	0x00, 0x00,			/* @49 Reserved2 */
	0x04, 0x00,			/* @51 ParameterCount 4 */
	0x44, 0x00,			/* @53 ParameterOffset 68 */
	0x00, 0x00,			/* @55 DataCount */
	0x48, 0x00,			/* @57 DataOffset 72: the end */
	0x01,				/* @59 SetupCount */
	0x00,				/* @60 Reserved3 */
	0x07, 0x00,			/* @61 Setup[0] QUERY_FILE_INFORMATION */
	0x07, 0x00,			/* @63 ByteCount 7 */
	0x00, 0x00, 0x00,		/* @65 Name, Pad1: zeros */
	0x01, 0x40,			/* @68 FID */
	0xee, 0x03,			/* @70 InformationLevel */
};

/*
 * TRANS2_SET_{FILE,PATH}_INFORMATION: parameters at 68, the data block
 * 4-byte aligned after them; MaxDataCount 0, the reply has no data.
 * SMB_SET_FILE_BASIC_INFO is that of test_set_basic.
 */
static const u8 enc_sfi_basic_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x06, 0x00,			/* @33 TotalParameterCount 6 */
	0x28, 0x00,			/* @35 TotalDataCount 40 */
	0x0a, 0x00,			/* @37 MaxParameterCount 10 */
	0x00, 0x00,			/* @39 MaxDataCount */
	0x00,				/* @41 MaxSetupCount */
	0x00,				/* @42 Reserved1 */
	0x00, 0x00,			/* @43 Flags */
	0x00, 0x00, 0x00, 0x00,		/* @45 Timeout */
	0x00, 0x00,			/* @49 Reserved2 */
	0x06, 0x00,			/* @51 ParameterCount 6 */
	0x44, 0x00,			/* @53 ParameterOffset 68 */
	0x28, 0x00,			/* @55 DataCount 40 */
	0x4c, 0x00,			/* @57 DataOffset 76 */
	0x01,				/* @59 SetupCount */
	0x00,				/* @60 Reserved3 */
	0x08, 0x00,			/* @61 Setup[0] SET_FILE_INFORMATION */
	0x33, 0x00,			/* @63 ByteCount 51 */
	0x00, 0x00, 0x00,		/* @65 Name, Pad1: zeros */
	0x01, 0x40,			/* @68 FID */
	0x01, 0x01,			/* @70 InformationLevel */
	0x00, 0x00,			/* @72 Reserved */
	0x00, 0x00,			/* @74 Pad2 */
	/* @76 SMB_SET_FILE_BASIC_INFO */
	0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,	/* CreationTime */
	0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11,	/* LastAccessTime */
	0x28, 0x27, 0x26, 0x25, 0x24, 0x23, 0x22, 0x21,	/* LastWriteTime */
	0x38, 0x37, 0x36, 0x35, 0x34, 0x33, 0x32, 0x31,	/* ChangeTime */
	0x21, 0x00, 0x00, 0x00,		/* ExtFileAttributes */
	0x00, 0x00, 0x00, 0x00,		/* Reserved */
};

static const u8 enc_sfi_disp_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x06, 0x00,			/* @33 TotalParameterCount 6 */
	0x01, 0x00,			/* @35 TotalDataCount 1 */
	0x0a, 0x00,			/* @37 MaxParameterCount 10 */
	0x00, 0x00,			/* @39 MaxDataCount */
	0x00,				/* @41 MaxSetupCount */
	0x00,				/* @42 Reserved1 */
	0x00, 0x00,			/* @43 Flags */
	0x00, 0x00, 0x00, 0x00,		/* @45 Timeout */
	0x00, 0x00,			/* @49 Reserved2 */
	0x06, 0x00,			/* @51 ParameterCount 6 */
	0x44, 0x00,			/* @53 ParameterOffset 68 */
	0x01, 0x00,			/* @55 DataCount 1 */
	0x4c, 0x00,			/* @57 DataOffset 76 */
	0x01,				/* @59 SetupCount */
	0x00,				/* @60 Reserved3 */
	0x08, 0x00,			/* @61 Setup[0] SET_FILE_INFORMATION */
	0x0c, 0x00,			/* @63 ByteCount 12 */
	0x00, 0x00, 0x00,		/* @65 Name, Pad1: zeros */
	0x01, 0x40,			/* @68 FID */
	0x02, 0x01,			/* @70 InformationLevel */
	0x00, 0x00,			/* @72 Reserved */
	0x00, 0x00,			/* @74 Pad2 */
	0x01,				/* @76 DeletePending */
};

static const u8 enc_sfi_alloc_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x06, 0x00,			/* @33 TotalParameterCount 6 */
	0x08, 0x00,			/* @35 TotalDataCount 8 */
	0x0a, 0x00,			/* @37 MaxParameterCount 10 */
	0x00, 0x00,			/* @39 MaxDataCount */
	0x00,				/* @41 MaxSetupCount */
	0x00,				/* @42 Reserved1 */
	0x00, 0x00,			/* @43 Flags */
	0x00, 0x00, 0x00, 0x00,		/* @45 Timeout */
	0x00, 0x00,			/* @49 Reserved2 */
	0x06, 0x00,			/* @51 ParameterCount 6 */
	0x44, 0x00,			/* @53 ParameterOffset 68 */
	0x08, 0x00,			/* @55 DataCount 8 */
	0x4c, 0x00,			/* @57 DataOffset 76 */
	0x01,				/* @59 SetupCount */
	0x00,				/* @60 Reserved3 */
	0x08, 0x00,			/* @61 Setup[0] SET_FILE_INFORMATION */
	0x13, 0x00,			/* @63 ByteCount 19 */
	0x00, 0x00, 0x00,		/* @65 Name, Pad1: zeros */
	0x01, 0x40,			/* @68 FID */
	0x03, 0x01,			/* @70 InformationLevel */
	0x00, 0x00,			/* @72 Reserved */
	0x00, 0x00,			/* @74 Pad2 */
	0x89, 0x67, 0x45, 0x23, 0x01, 0x00, 0x00, 0x00,	/* @76 */
};

static const u8 enc_sfi_eof_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x06, 0x00,			/* @33 TotalParameterCount 6 */
	0x08, 0x00,			/* @35 TotalDataCount 8 */
	0x0a, 0x00,			/* @37 MaxParameterCount 10 */
	0x00, 0x00,			/* @39 MaxDataCount */
	0x00,				/* @41 MaxSetupCount */
	0x00,				/* @42 Reserved1 */
	0x00, 0x00,			/* @43 Flags */
	0x00, 0x00, 0x00, 0x00,		/* @45 Timeout */
	0x00, 0x00,			/* @49 Reserved2 */
	0x06, 0x00,			/* @51 ParameterCount 6 */
	0x44, 0x00,			/* @53 ParameterOffset 68 */
	0x08, 0x00,			/* @55 DataCount 8 */
	0x4c, 0x00,			/* @57 DataOffset 76 */
	0x01,				/* @59 SetupCount */
	0x00,				/* @60 Reserved3 */
	0x08, 0x00,			/* @61 Setup[0] SET_FILE_INFORMATION */
	0x13, 0x00,			/* @63 ByteCount 19 */
	0x00, 0x00, 0x00,		/* @65 Name, Pad1: zeros */
	0x01, 0x40,			/* @68 FID */
	0x04, 0x01,			/* @70 InformationLevel */
	0x00, 0x00,			/* @72 Reserved */
	0x00, 0x00,			/* @74 Pad2 */
	0x89, 0x67, 0x45, 0x23, 0x01, 0x00, 0x00, 0x00,	/* @76 */
};

/* FileRenameInformation: always UTF-16LE, no terminator */
static const u8 enc_sfi_rename_oem_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x06, 0x00,			/* @33 TotalParameterCount 6 */
	0x16, 0x00,			/* @35 TotalDataCount 22 */
	0x0a, 0x00,			/* @37 MaxParameterCount 10 */
	0x00, 0x00,			/* @39 MaxDataCount */
	0x00,				/* @41 MaxSetupCount */
	0x00,				/* @42 Reserved1 */
	0x00, 0x00,			/* @43 Flags */
	0x00, 0x00, 0x00, 0x00,		/* @45 Timeout */
	0x00, 0x00,			/* @49 Reserved2 */
	0x06, 0x00,			/* @51 ParameterCount 6 */
	0x44, 0x00,			/* @53 ParameterOffset 68 */
	0x16, 0x00,			/* @55 DataCount 22 */
	0x4c, 0x00,			/* @57 DataOffset 76 */
	0x01,				/* @59 SetupCount */
	0x00,				/* @60 Reserved3 */
	0x08, 0x00,			/* @61 Setup[0] SET_FILE_INFORMATION */
	0x21, 0x00,			/* @63 ByteCount 33 */
	0x00, 0x00, 0x00,		/* @65 Name, Pad1: zeros */
	0x01, 0x40,			/* @68 FID */
	0xf2, 0x03,			/* @70 InformationLevel */
	0x00, 0x00,			/* @72 Reserved */
	0x00, 0x00,			/* @74 Pad2 */
	0x01, 0x00, 0x00, 0x00,		/* @76 ReplaceIfExists + Rsvd */
	0x00, 0x00, 0x00, 0x00,		/* @80 RootDirectory */
	0x0a, 0x00, 0x00, 0x00,		/* @84 FileNameLength 10 */
	'b', 0, '.', 0, 't', 0, 'x', 0, 't', 0,	/* @88 FileName */
};

static const u8 enc_sfi_rename_uni_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x06, 0x00,			/* @33 TotalParameterCount 6 */
	0x16, 0x00,			/* @35 TotalDataCount 22 */
	0x0a, 0x00,			/* @37 MaxParameterCount 10 */
	0x00, 0x00,			/* @39 MaxDataCount */
	0x00,				/* @41 MaxSetupCount */
	0x00,				/* @42 Reserved1 */
	0x00, 0x00,			/* @43 Flags */
	0x00, 0x00, 0x00, 0x00,		/* @45 Timeout */
	0x00, 0x00,			/* @49 Reserved2 */
	0x06, 0x00,			/* @51 ParameterCount 6 */
	0x44, 0x00,			/* @53 ParameterOffset 68 */
	0x16, 0x00,			/* @55 DataCount 22 */
	0x4c, 0x00,			/* @57 DataOffset 76 */
	0x01,				/* @59 SetupCount */
	0x00,				/* @60 Reserved3 */
	0x08, 0x00,			/* @61 Setup[0] SET_FILE_INFORMATION */
	0x21, 0x00,			/* @63 ByteCount 33 */
	0x00, 0x00, 0x00,		/* @65 Name, Pad1: zeros */
	0x01, 0x40,			/* @68 FID */
	0xf2, 0x03,			/* @70 InformationLevel */
	0x00, 0x00,			/* @72 Reserved */
	0x00, 0x00,			/* @74 Pad2 */
	0x00, 0x00, 0x00, 0x00,		/* @76 ReplaceIfExists + Rsvd */
	0x00, 0x00, 0x00, 0x00,		/* @80 RootDirectory */
	0x0a, 0x00, 0x00, 0x00,		/* @84 FileNameLength 10 */
	0xe9, 0, '.', 0, 't', 0, 'x', 0, 't', 0,	/* @88 FileName */
};

/* SET_PATH_INFORMATION: level, Reserved (4 bytes), the path */
static const u8 enc_spi_basic_oem_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x0d, 0x00,			/* @33 TotalParameterCount 13 */
	0x28, 0x00,			/* @35 TotalDataCount 40 */
	0x0a, 0x00,			/* @37 MaxParameterCount 10 */
	0x00, 0x00,			/* @39 MaxDataCount */
	0x00,				/* @41 MaxSetupCount */
	0x00,				/* @42 Reserved1 */
	0x00, 0x00,			/* @43 Flags */
	0x00, 0x00, 0x00, 0x00,		/* @45 Timeout */
	0x00, 0x00,			/* @49 Reserved2 */
	0x0d, 0x00,			/* @51 ParameterCount 13 */
	0x44, 0x00,			/* @53 ParameterOffset 68 */
	0x28, 0x00,			/* @55 DataCount 40 */
	0x54, 0x00,			/* @57 DataOffset 84 */
	0x01,				/* @59 SetupCount */
	0x00,				/* @60 Reserved3 */
	0x06, 0x00,			/* @61 Setup[0] SET_PATH_INFORMATION */
	0x3b, 0x00,			/* @63 ByteCount 59 */
	0x00, 0x00, 0x00,		/* @65 Name, Pad1: zeros */
	0x01, 0x01,			/* @68 InformationLevel */
	0x00, 0x00, 0x00, 0x00,		/* @70 Reserved */
	'\\', 'a', '.', 't', 'x', 't', 0,	/* @74 FileName */
	0x00, 0x00, 0x00,		/* @81 Pad2 */
	/* @84 SMB_SET_FILE_BASIC_INFO */
	0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,	/* CreationTime */
	0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11,	/* LastAccessTime */
	0x28, 0x27, 0x26, 0x25, 0x24, 0x23, 0x22, 0x21,	/* LastWriteTime */
	0x38, 0x37, 0x36, 0x35, 0x34, 0x33, 0x32, 0x31,	/* ChangeTime */
	0x21, 0x00, 0x00, 0x00,		/* ExtFileAttributes */
	0x00, 0x00, 0x00, 0x00,		/* Reserved */
};

static const u8 enc_spi_basic_uni_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x14, 0x00,			/* @33 TotalParameterCount 20 */
	0x28, 0x00,			/* @35 TotalDataCount 40 */
	0x0a, 0x00,			/* @37 MaxParameterCount 10 */
	0x00, 0x00,			/* @39 MaxDataCount */
	0x00,				/* @41 MaxSetupCount */
	0x00,				/* @42 Reserved1 */
	0x00, 0x00,			/* @43 Flags */
	0x00, 0x00, 0x00, 0x00,		/* @45 Timeout */
	0x00, 0x00,			/* @49 Reserved2 */
	0x14, 0x00,			/* @51 ParameterCount 20 */
	0x44, 0x00,			/* @53 ParameterOffset 68 */
	0x28, 0x00,			/* @55 DataCount 40 */
	0x58, 0x00,			/* @57 DataOffset 88 */
	0x01,				/* @59 SetupCount */
	0x00,				/* @60 Reserved3 */
	0x06, 0x00,			/* @61 Setup[0] SET_PATH_INFORMATION */
	0x3f, 0x00,			/* @63 ByteCount 63 */
	0x00, 0x00, 0x00,		/* @65 Name, Pad1: zeros */
	0x01, 0x01,			/* @68 InformationLevel */
	0x00, 0x00, 0x00, 0x00,		/* @70 Reserved */
	'\\', 0, 0xe9, 0, '.', 0, 't', 0,	/* @74 FileName */
	'x', 0, 't', 0, 0, 0,
	/* @88 SMB_SET_FILE_BASIC_INFO */
	0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,	/* CreationTime */
	0x18, 0x17, 0x16, 0x15, 0x14, 0x13, 0x12, 0x11,	/* LastAccessTime */
	0x28, 0x27, 0x26, 0x25, 0x24, 0x23, 0x22, 0x21,	/* LastWriteTime */
	0x38, 0x37, 0x36, 0x35, 0x34, 0x33, 0x32, 0x31,	/* ChangeTime */
	0x21, 0x00, 0x00, 0x00,		/* ExtFileAttributes */
	0x00, 0x00, 0x00, 0x00,		/* Reserved */
};

static const u8 enc_spi_rename_uni_vec[] = {
	0x0f,				/* @32 WordCount 15 */
	0x14, 0x00,			/* @33 TotalParameterCount 20 */
	0x16, 0x00,			/* @35 TotalDataCount 22 */
	0x0a, 0x00,			/* @37 MaxParameterCount 10 */
	0x00, 0x00,			/* @39 MaxDataCount */
	0x00,				/* @41 MaxSetupCount */
	0x00,				/* @42 Reserved1 */
	0x00, 0x00,			/* @43 Flags */
	0x00, 0x00, 0x00, 0x00,		/* @45 Timeout */
	0x00, 0x00,			/* @49 Reserved2 */
	0x14, 0x00,			/* @51 ParameterCount 20 */
	0x44, 0x00,			/* @53 ParameterOffset 68 */
	0x16, 0x00,			/* @55 DataCount 22 */
	0x58, 0x00,			/* @57 DataOffset 88 */
	0x01,				/* @59 SetupCount */
	0x00,				/* @60 Reserved3 */
	0x06, 0x00,			/* @61 Setup[0] SET_PATH_INFORMATION */
	0x2d, 0x00,			/* @63 ByteCount 45 */
	0x00, 0x00, 0x00,		/* @65 Name, Pad1: zeros */
	0xf2, 0x03,			/* @68 InformationLevel */
	0x00, 0x00, 0x00, 0x00,		/* @70 Reserved */
	'\\', 0, 'a', 0, '.', 0, 't', 0,	/* @74 FileName */
	'x', 0, 't', 0, 0, 0,
	0x01, 0x00, 0x00, 0x00,		/* @88 ReplaceIfExists + Rsvd */
	0x00, 0x00, 0x00, 0x00,		/* @92 RootDirectory */
	0x0a, 0x00, 0x00, 0x00,		/* @96 FileNameLength 10 */
	'b', 0, '.', 0, 't', 0, 'x', 0, 't', 0,	/* @100 FileName */
};

static const struct smb1_setinfo test_set_basic = {
	.level = SMB_SET_FILE_BASIC_INFO,
	.btime = 0x0102030405060708ULL,
	.atime = 0x1112131415161718ULL,
	.mtime = 0x2122232425262728ULL,
	.chtime = 0x3132333435363738ULL,
	.attrs = ATTR_ARCHIVE | ATTR_READONLY,
	/* fields of other levels, which must not leak into this one */
	.size = 0xeeeeeeeeeeeeeeeeULL,
	.delete = true,
	.name = "x",
	.replace = true,
};

static int enc_write(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_write_andx(w, 0x4001, 0x12345678, 0x1000, false, 0);
}

static int enc_write_large(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_write_andx(w, 0x4001, 0x512345678ULL, 0x23456, true,
				   SMB_WRITE_THROUGH);
}

static int enc_write_64k(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_write_andx(w, 0x4002, 0xffff0000, 0x10000, false, 0);
}

static int enc_flush(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_flush(w, 0x4001);
}

static int enc_setinfo_core(struct smb1_wbuf *w, bool unicode)
{
	if (unicode)
		return smb1_enc_set_information(w, "\\a.txt", ATTR_NORMAL, 0);
	return smb1_enc_set_information(w, "\\a.txt",
					ATTR_READONLY | ATTR_ARCHIVE,
					0x12345678);
}

static int enc_setinfo2(struct smb1_wbuf *w, bool unicode)
{
	static const struct smb1_dos_times t = {
		.date = { 0x1234, 0x9abc, 0x2a5b },
		.time = { 0x5678, 0xdef0, 0x3c4d },
	};

	return smb1_enc_set_information2(w, 0x4001, &t);
}

static int enc_write_setsize(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_write_setsize(w, 0x4001, 0x12345678);
}

/* Names are Unicode or not as the header says: unicode is not passed */
static int enc_delete(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_delete(w, unicode ? "\\\xc3\xa9.txt" : "\\a.txt",
			       ATTR_HIDDEN | ATTR_SYSTEM);
}

static int enc_mkdir(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_mkdir(w, "\\dir");
}

static int enc_rmdir(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_rmdir(w, "\\dir");
}

static int enc_rename(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_rename(w, "\\a.txt",
			       unicode ? "\\\xc3\xa9.txt" : "\\b.txt",
			       TEST_SEARCH_ATTRS, 0);
}

static int enc_nt_rename(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_rename(w, "\\a.txt",
			       unicode ? "\\\xc3\xa9.txt" : "\\b.txt",
			       TEST_SEARCH_ATTRS,
			       unicode ? SMB_NT_RENAME_RENAME_FILE :
			       SMB_NT_RENAME_SET_LINK_INFO);
}

static int enc_qfi(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_query_file_info(w, 0x4001,
					SMB_QUERY_FILE_INTERNAL_INFO_PT, 16384);
}

static int enc_sfi_basic(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_set_file_info(w, 0x4001, &test_set_basic);
}

static int enc_sfi_disp(struct smb1_wbuf *w, bool unicode)
{
	struct smb1_setinfo si = {
		.level = SMB_SET_FILE_DISPOSITION_INFO,
		.delete = true,
	};

	return smb1_enc_set_file_info(w, 0x4001, &si);
}

static int enc_sfi_alloc(struct smb1_wbuf *w, bool unicode)
{
	struct smb1_setinfo si = {
		.level = SMB_SET_FILE_ALLOCATION_INFO,
		.size = 0x123456789ULL,
	};

	return smb1_enc_set_file_info(w, 0x4001, &si);
}

static int enc_sfi_eof(struct smb1_wbuf *w, bool unicode)
{
	struct smb1_setinfo si = {
		.level = SMB_SET_FILE_END_OF_FILE_INFO,
		.size = 0x123456789ULL,
	};

	return smb1_enc_set_file_info(w, 0x4001, &si);
}

static int enc_sfi_rename(struct smb1_wbuf *w, bool unicode)
{
	struct smb1_setinfo si = {
		.level = SMB_SET_FILE_RENAME_INFO_PT,
		.name = unicode ? "\xc3\xa9.txt" : "b.txt",
		.replace = !unicode,
	};

	return smb1_enc_set_file_info(w, 0x4001, &si);
}

static int enc_spi_basic(struct smb1_wbuf *w, bool unicode)
{
	return smb1_enc_set_path_info(w, unicode ? "\\\xc3\xa9.txt" :
				      "\\a.txt", &test_set_basic);
}

static int enc_spi_rename(struct smb1_wbuf *w, bool unicode)
{
	struct smb1_setinfo si = {
		.level = SMB_SET_FILE_RENAME_INFO_PT,
		.name = "b.txt",
		.replace = true,
	};

	return smb1_enc_set_path_info(w, "\\a.txt", &si);
}

static const struct enc_case write_enc_cases[] = {
	ENC_CASE("write 32-bit offset", SMB_COM_WRITE_ANDX, false, enc_write,
		 enc_write_vec),
	ENC_CASE("write 64-bit offset, over 64 KiB", SMB_COM_WRITE_ANDX, true,
		 enc_write_large, enc_write_large_vec),
	ENC_CASE("write 64 KiB, 32-bit offset", SMB_COM_WRITE_ANDX, false,
		 enc_write_64k, enc_write_64k_vec),
	ENC_CASE("flush", SMB_COM_FLUSH, true, enc_flush, enc_flush_vec),
	ENC_CASE("set information OEM", SMB_COM_SET_INFORMATION, false,
		 enc_setinfo_core, enc_setinfo_core_oem_vec),
	ENC_CASE("set information Unicode", SMB_COM_SET_INFORMATION, true,
		 enc_setinfo_core, enc_setinfo_core_uni_vec),
	ENC_CASE("set information2", SMB_COM_SET_INFORMATION2, false,
		 enc_setinfo2, enc_setinfo2_vec),
	ENC_CASE("write setting the size", SMB_COM_WRITE, false,
		 enc_write_setsize, enc_write_setsize_vec),
	ENC_CASE("delete OEM", SMB_COM_DELETE, false, enc_delete,
		 enc_delete_oem_vec),
	ENC_CASE("delete Unicode", SMB_COM_DELETE, true, enc_delete,
		 enc_delete_uni_vec),
	ENC_CASE("mkdir OEM", SMB_COM_CREATE_DIRECTORY, false, enc_mkdir,
		 enc_dir_oem_vec),
	ENC_CASE("mkdir Unicode", SMB_COM_CREATE_DIRECTORY, true, enc_mkdir,
		 enc_dir_uni_vec),
	ENC_CASE("rmdir OEM", SMB_COM_DELETE_DIRECTORY, false, enc_rmdir,
		 enc_dir_oem_vec),
	ENC_CASE("rmdir Unicode", SMB_COM_DELETE_DIRECTORY, true, enc_rmdir,
		 enc_dir_uni_vec),
	ENC_CASE("rename OEM", SMB_COM_RENAME, false, enc_rename,
		 enc_rename_oem_vec),
	ENC_CASE("rename Unicode", SMB_COM_RENAME, true, enc_rename,
		 enc_rename_uni_vec),
	ENC_CASE("NT rename OEM", SMB_COM_NT_RENAME, false, enc_nt_rename,
		 enc_nt_rename_oem_vec),
	ENC_CASE("NT rename Unicode", SMB_COM_NT_RENAME, true, enc_nt_rename,
		 enc_nt_rename_uni_vec),
	ENC_CASE("query file internal info OEM", SMB_COM_TRANSACTION2, false,
		 enc_qfi, enc_qfi_vec),
	ENC_CASE("query file internal info Unicode", SMB_COM_TRANSACTION2,
		 true, enc_qfi, enc_qfi_vec),
	ENC_CASE("set file basic info", SMB_COM_TRANSACTION2, false,
		 enc_sfi_basic, enc_sfi_basic_vec),
	ENC_CASE("set file disposition", SMB_COM_TRANSACTION2, true,
		 enc_sfi_disp, enc_sfi_disp_vec),
	ENC_CASE("set file allocation", SMB_COM_TRANSACTION2, false,
		 enc_sfi_alloc, enc_sfi_alloc_vec),
	ENC_CASE("set file end of file", SMB_COM_TRANSACTION2, true,
		 enc_sfi_eof, enc_sfi_eof_vec),
	ENC_CASE("set file rename OEM", SMB_COM_TRANSACTION2, false,
		 enc_sfi_rename, enc_sfi_rename_oem_vec),
	ENC_CASE("set file rename Unicode", SMB_COM_TRANSACTION2, true,
		 enc_sfi_rename, enc_sfi_rename_uni_vec),
	ENC_CASE("set path basic info OEM", SMB_COM_TRANSACTION2, false,
		 enc_spi_basic, enc_spi_basic_oem_vec),
	ENC_CASE("set path basic info Unicode", SMB_COM_TRANSACTION2, true,
		 enc_spi_basic, enc_spi_basic_uni_vec),
	ENC_CASE("set path rename Unicode", SMB_COM_TRANSACTION2, true,
		 enc_spi_rename, enc_spi_rename_uni_vec),
};

static void write_enc_vectors_test(struct kunit *test)
{
	check_enc_vectors(test, write_enc_cases, ARRAY_SIZE(write_enc_cases));
}

static void write_enc_small_buffer_test(struct kunit *test)
{
	check_enc_small_buffer(test, write_enc_cases,
			       ARRAY_SIZE(write_enc_cases));
}

/* The length fields of WRITE_ANDX, from 0 to 4 GiB - 1 */
static void write_andx_lengths_test(struct kunit *test)
{
	static const struct {
		u64 offset;
		u32 len;
		bool large;
		u16 bc;		/* ByteCount: the low bits of 1 + len */
	} tc[] = {
		{ 0, 0, false, 0x0001 },
		{ 0, 1, false, 0x0002 },
		{ 0, 0xfffe, false, 0xffff },
		{ 0, 0xffff, false, 0x0000 },
		{ 0, 0x10000, false, 0x0001 },
		{ 0x7fff0000, 0x20000, false, 0x0001 },
		{ 0x100000000ULL, 0x23456, true, 0x3457 },
		{ 0xffffffffffff0000ULL, 0xffff, true, 0x0000 },
		{ 0, 0xffffffff, true, 0x0000 },
	};
	struct smb1_wbuf w;
	unsigned int i;
	size_t end, bc;
	u8 *buf;

	for (i = 0; i < ARRAY_SIZE(tc); i++) {
		buf = canary_buf(test, 128);
		smb1_wbuf_init(&w, buf, 128);
		smb1_put_zero(&w, SMB1_HDR_SIZE);
		KUNIT_ASSERT_EQ_MSG(test, smb1_enc_write_andx(&w, 7,
				    tc[i].offset, tc[i].len,
				    tc[i].large, 0), 0, "case %u", i);
		end = tc[i].large ? 64 : 60;
		bc = end - 3;
		KUNIT_EXPECT_EQ_MSG(test, w.len, end, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, buf[32], tc[i].large ? 14 : 12,
				    "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, get_unaligned_le32(buf + 39),
				    lower_32_bits(tc[i].offset), "case %u",
				    i);
		KUNIT_EXPECT_EQ_MSG(test, get_unaligned_le16(buf + 51),
				    tc[i].len >> 16, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, get_unaligned_le16(buf + 53),
				    tc[i].len & 0xffff, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, get_unaligned_le16(buf + 55), end,
				    "case %u", i);
		if (tc[i].large)
			KUNIT_EXPECT_EQ_MSG(test, get_unaligned_le32(buf + 57),
					    upper_32_bits(tc[i].offset),
					    "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, get_unaligned_le16(buf + bc),
				    tc[i].bc, "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, buf[end - 1], 0, "case %u", i);
		expect_canary(test, buf + end, 128 + TEST_CANARY_LEN - end,
			      "write", end);
	}
}

/* Without OffsetHigh a write must end at 4 GiB at the latest. */
static void write_andx_limit_test(struct kunit *test)
{
	static const struct {
		u64 offset;
		u32 len;
		bool large;
		int want;
	} tc[] = {
		{ 0xffffffff, 0, false, 0 },
		{ 0xffffffff, 1, false, 0 },
		{ 0xffffffff, 2, false, -EFBIG },
		{ 0xfffff000, 0x1000, false, 0 },
		{ 0xfffff000, 0x1001, false, -EFBIG },
		{ 0, 0xffffffff, false, 0 },
		{ 1, 0xffffffff, false, 0 },
		{ 2, 0xffffffff, false, -EFBIG },
		{ 0x100000000ULL, 0, false, -EFBIG },
		{ U64_MAX, 1, false, -EFBIG },
		{ 0x100000000ULL, 0x1000, true, 0 },
		{ 0xfffff000, 0x1001, true, 0 },
	};
	struct smb1_wbuf w;
	unsigned int i;
	u8 *buf;
	int ret;

	for (i = 0; i < ARRAY_SIZE(tc); i++) {
		buf = canary_buf(test, 128);
		smb1_wbuf_init(&w, buf, 128);
		smb1_put_zero(&w, SMB1_HDR_SIZE);
		ret = smb1_enc_write_andx(&w, 7, tc[i].offset, tc[i].len,
					  tc[i].large, 0);
		KUNIT_EXPECT_EQ_MSG(test, ret, tc[i].want, "case %u", i);
		if (ret) {
			/* refused before a single byte of the message */
			KUNIT_EXPECT_TRUE_MSG(test, w.overflow, "case %u", i);
			KUNIT_EXPECT_EQ_MSG(test, w.len, SMB1_HDR_SIZE,
					    "case %u", i);
			expect_canary(test, buf + SMB1_HDR_SIZE,
				      128 + TEST_CANARY_LEN - SMB1_HDR_SIZE,
				      "refused write", 128);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, w.len, tc[i].large ? 64 : 60,
				    "case %u", i);
		KUNIT_EXPECT_EQ_MSG(test, get_unaligned_le32(buf + 39),
				    lower_32_bits(tc[i].offset), "case %u",
				    i);
	}

	/*
	 * DataOffset has 16 bits: 14 words and the ByteCount after 65503
	 * bytes put the data at 65534, one more byte and the pad at 65535.
	 */
	buf = kunit_kzalloc(test, 70000, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	smb1_wbuf_init(&w, buf, 70000);
	smb1_put_zero(&w, 65503);
	KUNIT_EXPECT_EQ(test, smb1_enc_write_andx(&w, 7, 0, 1, true, 0), 0);
	KUNIT_EXPECT_EQ(test, w.len, 65534);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 65503 + 23), 65534);
	smb1_wbuf_init(&w, buf, 70000);
	smb1_put_zero(&w, 65504);
	KUNIT_EXPECT_EQ(test, smb1_enc_write_andx(&w, 7, 0, 1, true, 0),
			-EMSGSIZE);
	KUNIT_EXPECT_TRUE(test, w.overflow);
}

static void write_enc_invalid_test(struct kunit *test)
{
	static const u16 bad_levels[] = {
		0, SMB_INFO_STANDARD, SMB_QUERY_FILE_ALL_INFO,
		SMB_QUERY_FILE_INTERNAL_INFO_PT, 0x0105, 0xffff,
	};
	static const char *const bad_names[] = {
		NULL, "", "a\xff", "\xc3",
	};
	struct smb1_setinfo si = { 0 };
	struct smb1_wbuf w;
	unsigned int i, u;
	u8 *buf;
	int ret;

	buf = canary_buf(test, 256);
	for (u = 0; u < 2; u++) {
		for (i = 0; i < ARRAY_SIZE(bad_levels); i++) {
			si.level = bad_levels[i];
			smb1_wbuf_init(&w, buf, 256);
			smb1_put_zero(&w, SMB1_HDR_SIZE);
			put_unaligned_le16(u ? SMBFLG2_UNICODE : 0, buf + 10);
			ret = smb1_enc_set_file_info(&w, 1, &si);
			KUNIT_EXPECT_EQ_MSG(test, ret, -EINVAL, "level 0x%x",
					    si.level);
			KUNIT_EXPECT_TRUE(test, w.overflow);
			smb1_wbuf_init(&w, buf, 256);
			smb1_put_zero(&w, SMB1_HDR_SIZE);
			put_unaligned_le16(u ? SMBFLG2_UNICODE : 0, buf + 10);
			ret = smb1_enc_set_path_info(&w, "\\a", &si);
			KUNIT_EXPECT_EQ_MSG(test, ret, -EINVAL, "level 0x%x",
					    si.level);
		}

		/* the new name of FileRenameInformation */
		si.level = SMB_SET_FILE_RENAME_INFO_PT;
		for (i = 0; i < ARRAY_SIZE(bad_names); i++) {
			si.name = bad_names[i];
			smb1_wbuf_init(&w, buf, 256);
			smb1_put_zero(&w, SMB1_HDR_SIZE);
			put_unaligned_le16(u ? SMBFLG2_UNICODE : 0, buf + 10);
			ret = smb1_enc_set_file_info(&w, 1, &si);
			KUNIT_EXPECT_EQ_MSG(test, ret, -EINVAL, "name %u", i);
		}
	}
	expect_canary(test, buf + 256, TEST_CANARY_LEN, "invalid", 256);

	/* invalid UTF-8 in either name of a Unicode request */
	smb1_wbuf_init(&w, buf, 256);
	smb1_put_zero(&w, SMB1_HDR_SIZE);
	put_unaligned_le16(SMBFLG2_UNICODE, buf + 10);
	KUNIT_EXPECT_EQ(test, smb1_enc_rename(&w, "\\a", "\\b\xff", 0, 0),
			-EINVAL);
	smb1_wbuf_init(&w, buf, 256);
	smb1_put_zero(&w, SMB1_HDR_SIZE);
	put_unaligned_le16(SMBFLG2_UNICODE, buf + 10);
	KUNIT_EXPECT_EQ(test, smb1_enc_rename(&w, "\\\xc3", "\\b", 0,
					      SMB_NT_RENAME_RENAME_FILE),
			-EINVAL);
	smb1_wbuf_init(&w, buf, 256);
	smb1_put_zero(&w, SMB1_HDR_SIZE);
	put_unaligned_le16(SMBFLG2_UNICODE, buf + 10);
	KUNIT_EXPECT_EQ(test, smb1_enc_delete(&w, "\\a\xff", 0), -EINVAL);
	smb1_wbuf_init(&w, buf, 256);
	smb1_put_zero(&w, SMB1_HDR_SIZE);
	put_unaligned_le16(SMBFLG2_UNICODE, buf + 10);
	KUNIT_EXPECT_EQ(test, smb1_enc_mkdir(&w, "\\\xe0\x80"), -EINVAL);
	smb1_wbuf_init(&w, buf, 256);
	smb1_put_zero(&w, SMB1_HDR_SIZE);
	put_unaligned_le16(SMBFLG2_UNICODE, buf + 10);
	KUNIT_EXPECT_EQ(test, smb1_enc_set_path_info(&w, "\\\xff",
						     &test_set_basic),
			-EINVAL);
}

/* ------------------------------------------------------------------ */
/* Reply vectors                                                       */
/* ------------------------------------------------------------------ */

/* NT LM 0.12, no extended security, Unicode domain right after the key */
static const u8 rsp_negotiate[] = {
	0x11,				/* @32 WordCount 17 */
	0x01, 0x00,			/* @33 DialectIndex 1 */
	0x03,				/* @35 SecurityMode */
	0x32, 0x00,			/* @36 MaxMpxCount 50 */
	0x01, 0x00,			/* @38 MaxNumberVcs */
	0x04, 0x41, 0x00, 0x00,		/* @40 MaxBufferSize */
	0x00, 0x00, 0x01, 0x00,		/* @44 MaxRawSize */
	0x78, 0x56, 0x34, 0x12,		/* @48 SessionKey */
	0x5c, 0x42, 0x00, 0x00,		/* @52 Capabilities */
	0x80, 0xc2, 0x59, 0x3a, 0x10, 0x98, 0xd9, 0x01,	/* @56 SystemTime */
	0xc4, 0xff,			/* @64 ServerTimeZone -60 */
	0x08,				/* @66 ChallengeLength */
	0x0e, 0x00,			/* @67 ByteCount 14 */
	1, 2, 3, 4, 5, 6, 7, 8,		/* @69 Challenge */
	'W', 0, 'G', 0, 0, 0,		/* @77 DomainName */
};

/* An old OEM server: tiny buffer, MaxMpxCount 0, domain and server name */
static const u8 rsp_negotiate_oem[] = {
	0x11,				/* @32 WordCount 17 */
	0x00, 0x00,			/* @33 DialectIndex 0 */
	0x03,				/* @35 SecurityMode */
	0x00, 0x00,			/* @36 MaxMpxCount 0 */
	0x01, 0x00,			/* @38 MaxNumberVcs */
	0x00, 0x01, 0x00, 0x00,		/* @40 MaxBufferSize 256 */
	0x00, 0x00, 0x01, 0x00,		/* @44 MaxRawSize */
	0x00, 0x00, 0x00, 0x00,		/* @48 SessionKey */
	0x10, 0x03, 0x00, 0x00,		/* @52 Capabilities */
	0x80, 0xc2, 0x59, 0x3a, 0x10, 0x98, 0xd9, 0x01,	/* @56 SystemTime */
	0x3c, 0x00,			/* @64 ServerTimeZone 60 */
	0x08,				/* @66 ChallengeLength */
	0x15, 0x00,			/* @67 ByteCount 21 */
	8, 7, 6, 5, 4, 3, 2, 1,		/* @69 Challenge */
	'W', 'O', 'R', 'K', 'G', 'R', 'O', 'U', 'P', 0,	/* @77 DomainName */
	'P', 'C', 0,			/* @87 ServerName */
};

/* Extended security: ServerGUID and a security blob, no challenge */
static const u8 rsp_negotiate_extsec[] = {
	0x11,				/* @32 WordCount 17 */
	0x01, 0x00,			/* @33 DialectIndex 1 */
	0x03,				/* @35 SecurityMode */
	0x32, 0x00,			/* @36 MaxMpxCount */
	0x01, 0x00,			/* @38 MaxNumberVcs */
	0x04, 0x41, 0x00, 0x00,		/* @40 MaxBufferSize */
	0x00, 0x00, 0x01, 0x00,		/* @44 MaxRawSize */
	0x00, 0x00, 0x00, 0x00,		/* @48 SessionKey */
	0x5c, 0x42, 0x00, 0x80,		/* @52 Capabilities */
	0x80, 0xc2, 0x59, 0x3a, 0x10, 0x98, 0xd9, 0x01,	/* @56 SystemTime */
	0x00, 0x00,			/* @64 ServerTimeZone */
	0x00,				/* @66 ChallengeLength */
	0x14, 0x00,			/* @67 ByteCount 20 */
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,	/* @69 ServerGUID */
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	0x60, 0x02, 0x05, 0x00,		/* @85 SecurityBlob */
};

static const u8 rsp_sess_setup[] = {
	0x03,				/* @32 WordCount 3 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x01, 0x00,			/* @37 Action: guest */
	0x09, 0x00,			/* @39 ByteCount 9 */
	0x00,				/* @41 Pad */
	'U', 0, 'n', 0, 'x', 0, 0, 0,	/* @42 NativeOS */
};

static const u8 rsp_sess_setup_extsec[] = {
	0x04,				/* @32 WordCount 4 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x00, 0x00,			/* @37 Action */
	0x02, 0x00,			/* @39 SecurityBlobLength */
	0x02, 0x00,			/* @41 ByteCount */
	0xa1, 0x00,			/* @43 SecurityBlob */
};

/* SESSION_SETUP_ANDX with a TREE_CONNECT_ANDX reply chained to it */
static const u8 rsp_chain[] = {
	0x03,				/* @32 WordCount 3 */
	0x75, 0x00,			/* @33 AndX: tree connect */
	0x2d, 0x00,			/* @35 AndXOffset 45 */
	0x00, 0x00,			/* @37 Action */
	0x04, 0x00,			/* @39 ByteCount 4 */
	'W', '9', '5', 0,		/* @41 NativeOS */
	0x03,				/* @45 WordCount 3 */
	0xff, 0x00, 0x00, 0x00,		/* @46 AndX: none */
	0x01, 0x00,			/* @50 OptionalSupport */
	0x07, 0x00,			/* @52 ByteCount 7 */
	'A', ':', 0,			/* @54 Service */
	'F', 'A', 'T', 0,		/* @57 NativeFileSystem */
};

static const u8 rsp_tcon[] = {
	0x03,				/* @32 WordCount 3 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x01, 0x00,			/* @37 OptionalSupport */
	0x08, 0x00,			/* @39 ByteCount 8 */
	'A', ':', 0,			/* @41 Service */
	'N', 'T', 'F', 'S', 0,		/* @44 NativeFileSystem */
};

static const u8 rsp_tcon_ext[] = {
	0x07,				/* @32 WordCount 7 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x03, 0x00,			/* @37 OptionalSupport */
	0xff, 0x01, 0x1f, 0x00,		/* @39 MaximalShareAccess */
	0x89, 0x00, 0x12, 0x00,		/* @43 GuestMaximalShareAccess */
	0x04, 0x00,			/* @47 ByteCount 4 */
	'I', 'P', 'C', 0,		/* @49 Service */
};

static const u8 rsp_tcon_lanman[] = {
	0x02,				/* @32 WordCount 2 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x06, 0x00,			/* @37 ByteCount 6 */
	'L', 'P', 'T', '1', ':', 0,	/* @39 Service */
};

/* TRANS2_QUERY_PATH_INFORMATION reply at SMB_QUERY_FILE_ALL_INFO */
static const u8 rsp_qpi[] = {
	0x0a,				/* @32 WordCount 10 */
	0x02, 0x00,			/* @33 TotalParameterCount */
	0x4c, 0x00,			/* @35 TotalDataCount 76 */
	0x00, 0x00,			/* @37 Reserved1 */
	0x02, 0x00,			/* @39 ParameterCount */
	0x38, 0x00,			/* @41 ParameterOffset 56 */
	0x00, 0x00,			/* @43 ParameterDisplacement */
	0x4c, 0x00,			/* @45 DataCount 76 */
	0x3c, 0x00,			/* @47 DataOffset 60 */
	0x00, 0x00,			/* @49 DataDisplacement */
	0x00,				/* @51 SetupCount */
	0x00,				/* @52 Reserved2 */
	0x51, 0x00,			/* @53 ByteCount 81 */
	0x00,				/* @55 Pad1 */
	0x00, 0x00,			/* @56 EaErrorOffset */
	0x00, 0x00,			/* @58 Pad2 */
	/* @60 SMB_QUERY_FILE_ALL_INFO */
	0x80, 0x12, 0x3c, 0x83, 0xe9, 0x7f, 0xd9, 0x01,	/* CreationTime */
	0x01, 0xa9, 0xd4, 0x83, 0xe9, 0x7f, 0xd9, 0x01,	/* LastAccessTime */
	0xb9, 0x6f, 0x6d, 0x84, 0xe9, 0x7f, 0xd9, 0x01,	/* LastWriteTime */
	0x9f, 0x5c, 0x07, 0x85, 0xe9, 0x7f, 0xd9, 0x01,	/* LastChangeTime */
	0x20, 0x00, 0x00, 0x00,		/* @92 ExtFileAttributes */
	0x00, 0x00, 0x00, 0x00,		/* Reserved1 */
	0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* AllocationSize */
	0x34, 0x12, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,	/* EndOfFile */
	0x02, 0x00, 0x00, 0x00,		/* @116 NumberOfLinks */
	0x00,				/* DeletePending */
	0x01,				/* @121 Directory */
	0x00, 0x00,			/* Reserved2 */
	0x00, 0x00, 0x00, 0x00,		/* EaSize */
	0x04, 0x00, 0x00, 0x00,		/* FileNameLength */
	'a', 0, 'b', 0,			/* @132 FileName */
};

#define QPI_DATA_OFF		(60 - SMB1_HDR_SIZE)
#define QPI_DATA_LEN		76

/* TRANS2_FIND_FIRST2 reply, SMB_FIND_FILE_DIRECTORY_INFO, two entries */
static const u8 rsp_ff[] = {
	0x0a,				/* @32 WordCount 10 */
	0x0a, 0x00,			/* @33 TotalParameterCount */
	0x96, 0x00,			/* @35 TotalDataCount 150 */
	0x00, 0x00,			/* @37 Reserved1 */
	0x0a, 0x00,			/* @39 ParameterCount */
	0x38, 0x00,			/* @41 ParameterOffset 56 */
	0x00, 0x00,			/* @43 ParameterDisplacement */
	0x96, 0x00,			/* @45 DataCount */
	0x44, 0x00,			/* @47 DataOffset 68 */
	0x00, 0x00,			/* @49 DataDisplacement */
	0x00,				/* @51 SetupCount */
	0x00,				/* @52 Reserved2 */
	0xa3, 0x00,			/* @53 ByteCount 163 */
	0x00,				/* @55 Pad1 */
	0x02, 0x01,			/* @56 SID */
	0x02, 0x00,			/* @58 SearchCount */
	0x01, 0x00,			/* @60 EndOfSearch */
	0x00, 0x00,			/* @62 EaErrorOffset */
	0x90, 0x00,			/* @64 LastNameOffset 144 */
	0x00, 0x00,			/* @66 Pad2 */
	/* @68, data +0: the first entry */
	0x50, 0x00, 0x00, 0x00,		/* NextEntryOffset 80 */
	0x11, 0x00, 0x00, 0x00,		/* FileIndex */
	0x80, 0x12, 0x3c, 0x83, 0xe9, 0x7f, 0xd9, 0x01,	/* CreationTime */
	0x01, 0xa9, 0xd4, 0x83, 0xe9, 0x7f, 0xd9, 0x01,	/* LastAccessTime */
	0xb9, 0x6f, 0x6d, 0x84, 0xe9, 0x7f, 0xd9, 0x01,	/* LastWriteTime */
	0x9f, 0x5c, 0x07, 0x85, 0xe9, 0x7f, 0xd9, 0x01,	/* ChangeTime */
	0x34, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* EndOfFile */
	0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* AllocationSize */
	0x20, 0x00, 0x00, 0x00,		/* ExtFileAttributes */
	0x0a, 0x00, 0x00, 0x00,		/* data +60 FileNameLength */
	'a', 0, '.', 0, 't', 0, 'x', 0, 't', 0,	/* FileName */
	0, 0, 0, 0, 0, 0,		/* pad to 8 */
	/* @148, data +80: the second entry */
	0x00, 0x00, 0x00, 0x00,		/* NextEntryOffset: last */
	0x22, 0x00, 0x00, 0x00,		/* FileIndex */
	0x80, 0xc2, 0x59, 0x3a, 0x10, 0x98, 0xd9, 0x01,	/* CreationTime */
	0x80, 0xc2, 0x59, 0x3a, 0x10, 0x98, 0xd9, 0x01,	/* LastAccessTime */
	0x80, 0xc2, 0x59, 0x3a, 0x10, 0x98, 0xd9, 0x01,	/* LastWriteTime */
	0x80, 0xc2, 0x59, 0x3a, 0x10, 0x98, 0xd9, 0x01,	/* ChangeTime */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* EndOfFile */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* AllocationSize */
	0x10, 0x00, 0x00, 0x00,		/* ExtFileAttributes */
	0x06, 0x00, 0x00, 0x00,		/* data +140 FileNameLength */
	'd', 0, 'i', 0, 'r', 0,		/* FileName */
};

#define FF_DATA_OFF		(68 - SMB1_HDR_SIZE)
#define FF_DATA_LEN		150
#define FF_PARAM_OFF		(56 - SMB1_HDR_SIZE)

/* TRANS2_FIND_NEXT2 reply from an OEM server, one entry */
static const u8 rsp_fn[] = {
	0x0a,				/* @32 WordCount 10 */
	0x08, 0x00,			/* @33 TotalParameterCount */
	0x43, 0x00,			/* @35 TotalDataCount 67 */
	0x00, 0x00,			/* @37 Reserved1 */
	0x08, 0x00,			/* @39 ParameterCount */
	0x38, 0x00,			/* @41 ParameterOffset 56 */
	0x00, 0x00,			/* @43 ParameterDisplacement */
	0x43, 0x00,			/* @45 DataCount */
	0x40, 0x00,			/* @47 DataOffset 64 */
	0x00, 0x00,			/* @49 DataDisplacement */
	0x00,				/* @51 SetupCount */
	0x00,				/* @52 Reserved2 */
	0x4c, 0x00,			/* @53 ByteCount 76 */
	0x00,				/* @55 Pad1 */
	0x01, 0x00,			/* @56 SearchCount */
	0x01, 0x00,			/* @58 EndOfSearch */
	0x00, 0x00,			/* @60 EaErrorOffset */
	0x40, 0x00,			/* @62 LastNameOffset 64 */
	/* @64: the entry */
	0x00, 0x00, 0x00, 0x00,		/* NextEntryOffset */
	0x33, 0x00, 0x00, 0x00,		/* FileIndex */
	0x80, 0x12, 0x3c, 0x83, 0xe9, 0x7f, 0xd9, 0x01,	/* CreationTime */
	0x01, 0xa9, 0xd4, 0x83, 0xe9, 0x7f, 0xd9, 0x01,	/* LastAccessTime */
	0xb9, 0x6f, 0x6d, 0x84, 0xe9, 0x7f, 0xd9, 0x01,	/* LastWriteTime */
	0x9f, 0x5c, 0x07, 0x85, 0xe9, 0x7f, 0xd9, 0x01,	/* ChangeTime */
	0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* EndOfFile */
	0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* AllocationSize */
	0x21, 0x00, 0x00, 0x00,		/* ExtFileAttributes */
	0x03, 0x00, 0x00, 0x00,		/* FileNameLength */
	'z', '.', 'c',			/* FileName */
};

/*
 * TRANS2_FIND_FIRST2 reply at SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO, two
 * entries: the first padded to 8 bytes, the second not
 */
static const u8 rsp_ff_id[] = {
	0x0a,				/* @32 WordCount 10 */
	0x0a, 0x00,			/* @33 TotalParameterCount */
	0xb6, 0x00,			/* @35 TotalDataCount 182 */
	0x00, 0x00,			/* @37 Reserved1 */
	0x0a, 0x00,			/* @39 ParameterCount */
	0x38, 0x00,			/* @41 ParameterOffset 56 */
	0x00, 0x00,			/* @43 ParameterDisplacement */
	0xb6, 0x00,			/* @45 DataCount */
	0x44, 0x00,			/* @47 DataOffset 68 */
	0x00, 0x00,			/* @49 DataDisplacement */
	0x00,				/* @51 SetupCount */
	0x00,				/* @52 Reserved2 */
	0xc3, 0x00,			/* @53 ByteCount 195 */
	0x00,				/* @55 Pad1 */
	0x03, 0x02,			/* @56 SID */
	0x02, 0x00,			/* @58 SearchCount */
	0x01, 0x00,			/* @60 EndOfSearch */
	0x00, 0x00,			/* @62 EaErrorOffset */
	0xb0, 0x00,			/* @64 LastNameOffset 176 */
	0x00, 0x00,			/* @66 Pad2 */
	/* @68, data +0: the first entry */
	0x60, 0x00, 0x00, 0x00,		/* NextEntryOffset 96 */
	0x44, 0x00, 0x00, 0x00,		/* FileIndex */
	0x80, 0x12, 0x3c, 0x83, 0xe9, 0x7f, 0xd9, 0x01,	/* CreationTime */
	0x01, 0xa9, 0xd4, 0x83, 0xe9, 0x7f, 0xd9, 0x01,	/* LastAccessTime */
	0xb9, 0x6f, 0x6d, 0x84, 0xe9, 0x7f, 0xd9, 0x01,	/* LastWriteTime */
	0x9f, 0x5c, 0x07, 0x85, 0xe9, 0x7f, 0xd9, 0x01,	/* ChangeTime */
	0x34, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* EndOfFile */
	0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* AllocationSize */
	0x20, 0x00, 0x00, 0x00,		/* ExtFileAttributes */
	0x0a, 0x00, 0x00, 0x00,		/* @128 FileNameLength */
	0x00, 0x00, 0x00, 0x00,		/* EaSize */
	0x00, 0x00, 0x00, 0x00,		/* Reserved */
	0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, 0x00,	/* @140 FileId */
	'a', 0, '.', 0, 't', 0, 'x', 0, 't', 0,	/* @148 FileName */
	0, 0, 0, 0, 0, 0,		/* pad to 8 */
	/* @164, data +96: the second entry */
	0x00, 0x00, 0x00, 0x00,		/* NextEntryOffset: last */
	0x55, 0x00, 0x00, 0x00,		/* FileIndex */
	0x80, 0xc2, 0x59, 0x3a, 0x10, 0x98, 0xd9, 0x01,	/* CreationTime */
	0x80, 0xc2, 0x59, 0x3a, 0x10, 0x98, 0xd9, 0x01,	/* LastAccessTime */
	0x80, 0xc2, 0x59, 0x3a, 0x10, 0x98, 0xd9, 0x01,	/* LastWriteTime */
	0x80, 0xc2, 0x59, 0x3a, 0x10, 0x98, 0xd9, 0x01,	/* ChangeTime */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* EndOfFile */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* AllocationSize */
	0x10, 0x00, 0x00, 0x00,		/* ExtFileAttributes */
	0x06, 0x00, 0x00, 0x00,		/* @224 FileNameLength */
	0x00, 0x00, 0x00, 0x00,		/* EaSize */
	0x00, 0x00, 0x00, 0x00,		/* Reserved */
	0x42, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80,	/* @236 FileId */
	'd', 0, 'i', 0, 'r', 0,		/* @244 FileName */
};

#define FFID_DATA_OFF		(68 - SMB1_HDR_SIZE)
#define FFID_DATA_LEN		182


static const u8 rsp_open[] = {
	0x0f,				/* @32 WordCount 15 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x01, 0x40,			/* @37 FID */
	0x21, 0x00,			/* @39 FileAttrs */
	0xdb, 0xfc, 0x55, 0x64,		/* @41 LastWriteTime */
	0x45, 0x23, 0x01, 0x00,		/* @45 FileDataSize */
	0x02, 0x00,			/* @49 AccessRights */
	0x00, 0x00,			/* @51 ResourceType: disk */
	0x00, 0x00,			/* @53 NMPipeStatus */
	0x01, 0x00,			/* @55 OpenResults: opened */
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* @57 Reserved */
	0x00, 0x00,			/* @63 ByteCount */
};

static const u8 rsp_open_ext[] = {
	0x13,				/* @32 WordCount 19 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x01, 0x40,			/* @37 FID */
	0x21, 0x00,			/* @39 FileAttrs */
	0xdb, 0xfc, 0x55, 0x64,		/* @41 LastWriteTime */
	0x45, 0x23, 0x01, 0x00,		/* @45 FileDataSize */
	0x02, 0x00,			/* @49 AccessRights */
	0x00, 0x00,			/* @51 ResourceType: disk */
	0x00, 0x00,			/* @53 NMPipeStatus */
	0x01, 0x00,			/* @55 OpenResults: opened */
	0x00, 0x00, 0x00, 0x00,		/* @57 ServerFid */
	0x00, 0x00,			/* @61 Reserved */
	0xff, 0x01, 0x1f, 0x00,		/* @63 MaximalAccessRights */
	0x89, 0x00, 0x12, 0x00,		/* @67 GuestMaximalAccess */
	0x00, 0x00,			/* @71 ByteCount */
};

/* NT_CREATE_ANDX reply, 34 words */
static const u8 rsp_nt_create[] = {
	0x22,				/* @32 WordCount 34 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x02,				/* @37 OplockLevel: batch */
	0x05, 0x40,			/* @38 FID */
	0x02, 0x00, 0x00, 0x00,		/* @40 CreateDisposition: created */
	0x80, 0x12, 0x3c, 0x83, 0xe9, 0x7f, 0xd9, 0x01,	/* @44 CreateTime */
	0x01, 0xa9, 0xd4, 0x83, 0xe9, 0x7f, 0xd9, 0x01,	/* @52 LastAccessTime */
	0xb9, 0x6f, 0x6d, 0x84, 0xe9, 0x7f, 0xd9, 0x01,	/* @60 LastWriteTime */
	0x9f, 0x5c, 0x07, 0x85, 0xe9, 0x7f, 0xd9, 0x01,	/* @68 LastChangeTime */
	0x21, 0x00, 0x00, 0x00,		/* @76 ExtFileAttributes */
	0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* @80 AllocationSize */
	0x34, 0x12, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,	/* @88 EndOfFile */
	0x00, 0x00,			/* @96 ResourceType: disk */
	0x00, 0x00,			/* @98 NMPipeStatus */
	0x00,				/* @100 Directory */
	0x00, 0x00,			/* @101 ByteCount */
};

/* The [MS-SMB] extended reply: 50 words */
static const u8 rsp_nt_create_ext[] = {
	0x32,				/* @32 WordCount 50 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x02,				/* @37 OplockLevel: batch */
	0x05, 0x40,			/* @38 FID */
	0x02, 0x00, 0x00, 0x00,		/* @40 CreateDisposition: created */
	0x80, 0x12, 0x3c, 0x83, 0xe9, 0x7f, 0xd9, 0x01,	/* @44 CreateTime */
	0x01, 0xa9, 0xd4, 0x83, 0xe9, 0x7f, 0xd9, 0x01,	/* @52 LastAccessTime */
	0xb9, 0x6f, 0x6d, 0x84, 0xe9, 0x7f, 0xd9, 0x01,	/* @60 LastWriteTime */
	0x9f, 0x5c, 0x07, 0x85, 0xe9, 0x7f, 0xd9, 0x01,	/* @68 LastChangeTime */
	0x21, 0x00, 0x00, 0x00,		/* @76 ExtFileAttributes */
	0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* @80 AllocationSize */
	0x34, 0x12, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,	/* @88 EndOfFile */
	0x00, 0x00,			/* @96 ResourceType: disk */
	0x00, 0x00,			/* @98 FileStatusFlags */
	0x00,				/* @100 Directory */
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,	/* @101 VolumeGUID */
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
	0x00, 0x00, 0x42, 0x00, 0x00, 0x00, 0x03, 0x00,	/* @117 FileId */
	0xff, 0x01, 0x1f, 0x00,		/* @125 MaximalAccessRights */
	0xa9, 0x00, 0x12, 0x00,		/* @129 GuestMaximalAccessRights */
	0x00, 0x00,			/* @133 ByteCount */
};

#define NT_CREATE_WC		34
#define NT_CREATE_EXT_WC	50

static const u8 rsp_read[] = {
	0x0c,				/* @32 WordCount 12 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0xff, 0xff,			/* @37 Available */
	0x00, 0x00,			/* @39 DataCompactionMode */
	0x00, 0x00,			/* @41 Reserved1 */
	0x05, 0x00,			/* @43 DataLength */
	0x3c, 0x00,			/* @45 DataOffset 60 */
	0x00, 0x00,			/* @47 DataLengthHigh */
	0, 0, 0, 0, 0, 0, 0, 0,		/* @49 Reserved2 */
	0x06, 0x00,			/* @57 ByteCount 6 */
	0x00,				/* @59 Pad */
	'h', 'e', 'l', 'l', 'o',	/* @60 Data */
};

static const u8 rsp_close[] = {
	0x00,				/* @32 WordCount */
	0x00, 0x00,			/* @33 ByteCount */
};

static const u8 rsp_logoff[] = {
	0x02,				/* @32 WordCount */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x00, 0x00,			/* @37 ByteCount */
};

/* WRITE_ANDX reply: 2048 bytes written (msg_write sent 4096) */
static const u8 rsp_write[] = {
	0x06,				/* @32 WordCount 6 */
	0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
	0x00, 0x08,			/* @37 Count */
	0xff, 0xff,			/* @39 Available */
	0x00, 0x00,			/* @41 CountHigh */
	0x00, 0x00,			/* @43 Reserved */
	0x00, 0x00,			/* @45 ByteCount */
};

#define TEST_WRITE_SENT		0x1000

/* The message: a reply header, then body (from WordCount on). */
static u8 *mk_msg(struct kunit *test, u8 cmd, u16 flags2, const u8 *body,
		  size_t body_len)
{
	size_t len = SMB1_HDR_SIZE + body_len;
	u8 *m = kunit_kmalloc(test, len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, m);
	memset(m, 0, SMB1_HDR_SIZE);
	m[0] = 0xff;				/* Protocol */
	m[1] = 'S';
	m[2] = 'M';
	m[3] = 'B';
	m[4] = cmd;				/* Command */
	/* @5 Status: success */
	m[9] = SMBFLG_REPLY | SMBFLG_CASELESS | SMBFLG_CANONICAL_PATHS;
	m[10] = flags2 & 0xff;			/* Flags2 */
	m[11] = flags2 >> 8;
	/* @12 PIDHigh, @14 SecurityFeatures, @22 Reserved: 0 */
	m[24] = 0x05;				/* TID */
	m[26] = 0x34;				/* PIDLow */
	m[27] = 0x12;
	m[29] = 0x08;				/* UID 0x800 */
	m[30] = 0x42;				/* MID 0x42 */
	memcpy(m + SMB1_HDR_SIZE, body, body_len);
	return m;
}

/* ------------------------------------------------------------------ */
/* Whole-message decoders, for the table-driven tests                  */
/* ------------------------------------------------------------------ */

static int walk_find(const struct smb1_find_rsp *r, unsigned int *n)
{
	struct smb1_find_iter it;
	struct smb1_dirent de;
	unsigned int i;
	int ret = 0;

	*n = 0;
	smb1_find_iter_init(&it, r);
	for (i = 0; i < TEST_MAX_WALK; i++) {
		ret = smb1_find_iter_next(&it, &de);
		if (ret)
			break;
		(*n)++;
	}
	return ret == -ENOENT ? 0 : ret;
}

static int msg_negotiate(const u8 *m, size_t len)
{
	struct smb1_negotiate_rsp r;
	struct smb1_frame f;
	int ret = smb1_parse_frame(m, len, &f);

	return ret ? ret : smb1_dec_negotiate(&f, ARRAY_SIZE(test_dialects),
					      &r);
}

static int msg_sess_setup(const u8 *m, size_t len)
{
	struct smb1_sess_setup_rsp r;
	struct smb1_frame f;
	int ret = smb1_parse_frame(m, len, &f);

	return ret ? ret : smb1_dec_sess_setup(&f, &r);
}

/* session setup, then the chained tree connect, then the end */
static int msg_chain(const u8 *m, size_t len)
{
	struct smb1_sess_setup_rsp s;
	struct smb1_frame f, g, h;
	struct smb1_tcon_rsp t;
	int ret;

	ret = smb1_parse_frame(m, len, &f);
	if (!ret)
		ret = smb1_dec_sess_setup(&f, &s);
	if (!ret)
		ret = smb1_frame_andx_next(&f, &g);
	if (!ret)
		ret = smb1_dec_tree_connect(&g, &t);
	if (!ret) {
		ret = smb1_frame_andx_next(&g, &h);
		if (ret == -ENOENT)
			return 0;
		if (!ret)
			ret = -EINVAL;		/* there is no third */
	}
	return ret;
}

static int msg_tcon(const u8 *m, size_t len)
{
	struct smb1_tcon_rsp r;
	struct smb1_frame f;
	int ret = smb1_parse_frame(m, len, &f);

	return ret ? ret : smb1_dec_tree_connect(&f, &r);
}

static int msg_qpi(const u8 *m, size_t len)
{
	struct smb1_trans2_rsp t;
	struct smb1_fattr fa;
	struct smb1_frame f;
	int ret;

	ret = smb1_parse_frame(m, len, &f);
	if (!ret)
		ret = smb1_dec_trans2(&f, &t);
	if (!ret)
		ret = smb1_dec_file_all_info(&t, &fa);
	return ret;
}

static int msg_find(const u8 *m, size_t len, bool first)
{
	struct smb1_trans2_rsp t;
	struct smb1_find_rsp r;
	struct smb1_frame f;
	unsigned int n;
	int ret;

	ret = smb1_parse_frame(m, len, &f);
	if (!ret)
		ret = smb1_dec_trans2(&f, &t);
	if (!ret)
		ret = first ? smb1_dec_find_first(&t, &r) :
			      smb1_dec_find_next(&t, &r);
	if (!ret)
		ret = walk_find(&r, &n);
	return ret;
}

static int msg_ff(const u8 *m, size_t len)
{
	return msg_find(m, len, true);
}

static int msg_fn(const u8 *m, size_t len)
{
	return msg_find(m, len, false);
}

/* FIND_FIRST2 at SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO */
static int msg_ff_id(const u8 *m, size_t len)
{
	struct smb1_trans2_rsp t;
	struct smb1_find_rsp r;
	struct smb1_frame f;
	unsigned int n;
	int ret;

	ret = smb1_parse_frame(m, len, &f);
	if (!ret)
		ret = smb1_dec_trans2(&f, &t);
	if (!ret)
		ret = smb1_dec_find_first(&t, &r);
	if (ret)
		return ret;
	r.level = SMB1_FIND_LEVEL_ID_FULL;
	r.unicode = true;
	return walk_find(&r, &n);
}

static int msg_open(const u8 *m, size_t len)
{
	struct smb1_open_rsp r;
	struct smb1_frame f;
	int ret = smb1_parse_frame(m, len, &f);

	return ret ? ret : smb1_dec_open_andx(&f, &r);
}

static int msg_nt_create(const u8 *m, size_t len)
{
	struct smb1_nt_create_rsp r;
	struct smb1_frame f;
	int ret = smb1_parse_frame(m, len, &f);

	return ret ? ret : smb1_dec_nt_create(&f, &r);
}

static int msg_read(const u8 *m, size_t len)
{
	struct smb1_read_rsp r;
	struct smb1_frame f;
	int ret = smb1_parse_frame(m, len, &f);

	return ret ? ret : smb1_dec_read_andx(&f, &r);
}

static int msg_close(const u8 *m, size_t len)
{
	struct smb1_frame f;
	int ret = smb1_parse_frame(m, len, &f);

	return ret ? ret : smb1_dec_empty(&f, 0);
}

static int msg_logoff(const u8 *m, size_t len)
{
	struct smb1_frame f;
	int ret = smb1_parse_frame(m, len, &f);

	return ret ? ret : smb1_dec_empty(&f, 2);
}

static int msg_write(const u8 *m, size_t len)
{
	struct smb1_frame f;
	u32 count;
	int ret = smb1_parse_frame(m, len, &f);

	return ret ? ret : smb1_dec_write_andx(&f, TEST_WRITE_SENT, &count);
}

struct rsp_case {
	const char *name;
	u8 cmd;
	u16 flags2;
	const u8 *body;
	size_t len;
	int (*decode)(const u8 *msg, size_t len);
};

#define RSP_CASE(n, c, f2, b, fn)					\
	{ .name = (n), .cmd = (c), .flags2 = (f2), .body = (b),		\
	  .len = sizeof(b), .decode = (fn) }

enum {
	RC_NEG, RC_NEG_OEM, RC_NEG_EXTSEC, RC_SS, RC_SS_EXTSEC, RC_CHAIN,
	RC_TCON, RC_TCON_EXT, RC_TCON_LANMAN, RC_QPI, RC_FF, RC_FN, RC_FF_ID,
	RC_OPEN, RC_OPEN_EXT, RC_NT_CREATE, RC_NT_CREATE_EXT, RC_READ,
	RC_CLOSE, RC_LOGOFF, RC_WRITE,
};

static const struct rsp_case rsp_cases[] = {
	[RC_NEG] = RSP_CASE("negotiate", SMB_COM_NEGOTIATE, TEST_FLAGS2_UNI,
			    rsp_negotiate, msg_negotiate),
	[RC_NEG_OEM] = RSP_CASE("negotiate OEM", SMB_COM_NEGOTIATE, 0,
				rsp_negotiate_oem, msg_negotiate),
	[RC_NEG_EXTSEC] = RSP_CASE("negotiate extended security",
				   SMB_COM_NEGOTIATE,
				   TEST_FLAGS2_UNI | SMBFLG2_EXT_SEC,
				   rsp_negotiate_extsec, msg_negotiate),
	[RC_SS] = RSP_CASE("session setup", SMB_COM_SESSION_SETUP_ANDX,
			   TEST_FLAGS2_UNI, rsp_sess_setup, msg_sess_setup),
	[RC_SS_EXTSEC] = RSP_CASE("session setup extended security",
				  SMB_COM_SESSION_SETUP_ANDX, TEST_FLAGS2_UNI,
				  rsp_sess_setup_extsec, msg_sess_setup),
	[RC_CHAIN] = RSP_CASE("session setup + tree connect",
			      SMB_COM_SESSION_SETUP_ANDX, TEST_FLAGS2_OEM,
			      rsp_chain, msg_chain),
	[RC_TCON] = RSP_CASE("tree connect", SMB_COM_TREE_CONNECT_ANDX,
			     TEST_FLAGS2_OEM, rsp_tcon, msg_tcon),
	[RC_TCON_EXT] = RSP_CASE("tree connect extended",
				 SMB_COM_TREE_CONNECT_ANDX, TEST_FLAGS2_UNI,
				 rsp_tcon_ext, msg_tcon),
	[RC_TCON_LANMAN] = RSP_CASE("tree connect LANMAN",
				    SMB_COM_TREE_CONNECT_ANDX, 0,
				    rsp_tcon_lanman, msg_tcon),
	[RC_QPI] = RSP_CASE("query path info", SMB_COM_TRANSACTION2,
			    TEST_FLAGS2_UNI, rsp_qpi, msg_qpi),
	[RC_FF] = RSP_CASE("find first", SMB_COM_TRANSACTION2,
			   TEST_FLAGS2_UNI, rsp_ff, msg_ff),
	[RC_FN] = RSP_CASE("find next", SMB_COM_TRANSACTION2, TEST_FLAGS2_OEM,
			   rsp_fn, msg_fn),
	[RC_FF_ID] = RSP_CASE("find first, file ids", SMB_COM_TRANSACTION2,
			      TEST_FLAGS2_UNI, rsp_ff_id, msg_ff_id),
	[RC_OPEN] = RSP_CASE("open", SMB_COM_OPEN_ANDX, TEST_FLAGS2_OEM,
			     rsp_open, msg_open),
	[RC_OPEN_EXT] = RSP_CASE("open extended", SMB_COM_OPEN_ANDX,
				 TEST_FLAGS2_OEM, rsp_open_ext, msg_open),
	[RC_NT_CREATE] = RSP_CASE("NT create", SMB_COM_NT_CREATE_ANDX,
				  TEST_FLAGS2_UNI, rsp_nt_create,
				  msg_nt_create),
	[RC_NT_CREATE_EXT] = RSP_CASE("NT create extended",
				      SMB_COM_NT_CREATE_ANDX, TEST_FLAGS2_UNI,
				      rsp_nt_create_ext, msg_nt_create),
	[RC_READ] = RSP_CASE("read", SMB_COM_READ_ANDX, TEST_FLAGS2_OEM,
			     rsp_read, msg_read),
	[RC_CLOSE] = RSP_CASE("close", SMB_COM_CLOSE, TEST_FLAGS2_OEM,
			      rsp_close, msg_close),
	[RC_LOGOFF] = RSP_CASE("logoff", SMB_COM_LOGOFF_ANDX, TEST_FLAGS2_OEM,
			       rsp_logoff, msg_logoff),
	[RC_WRITE] = RSP_CASE("write", SMB_COM_WRITE_ANDX, TEST_FLAGS2_OEM,
			      rsp_write, msg_write),
};

static u8 *mk_rsp(struct kunit *test, const struct rsp_case *c, size_t *len)
{
	*len = SMB1_HDR_SIZE + c->len;
	return mk_msg(test, c->cmd, c->flags2, c->body, c->len);
}

/* ------------------------------------------------------------------ */
/* Frames                                                              */
/* ------------------------------------------------------------------ */

/* A cursor over no buffer at all (NULL, 0) is empty, and only that. */
static void cur_empty_test(struct kunit *test)
{
	struct smb1_cur c, sub;
	u8 v;

	smb1_cur_init(&c, NULL, 0);
	KUNIT_EXPECT_PTR_EQ(test, c.p, c.end);
	KUNIT_EXPECT_EQ(test, smb1_cur_left(&c), 0);
	KUNIT_EXPECT_EQ(test, smb1_cur_skip(&c, 0), 0);
	KUNIT_EXPECT_EQ(test, smb1_cur_u8(&c, &v), -EIO);
	KUNIT_EXPECT_EQ(test, smb1_cur_sub(&c, &sub, 1), -EIO);
	KUNIT_EXPECT_EQ(test, smb1_cur_sub(&c, &sub, 0), 0);
	KUNIT_EXPECT_EQ(test, smb1_cur_left(&sub), 0);
}

static void parse_frame_test(struct kunit *test)
{
	struct smb1_frame f;
	size_t len;
	u8 *m;

	m = mk_rsp(test, &rsp_cases[RC_TCON], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_EXPECT_PTR_EQ(test, f.buf, (const u8 *)m);
	KUNIT_EXPECT_EQ(test, f.len, len);
	KUNIT_EXPECT_EQ(test, f.cmd, SMB_COM_TREE_CONNECT_ANDX);
	KUNIT_EXPECT_EQ(test, f.status, 0);
	KUNIT_EXPECT_EQ(test, f.flags2, TEST_FLAGS2_OEM);
	KUNIT_EXPECT_EQ(test, f.tid, 5);
	KUNIT_EXPECT_EQ(test, f.uid, 0x800);
	KUNIT_EXPECT_EQ(test, f.mid, 0x42);
	KUNIT_EXPECT_EQ(test, f.wc, 3);
	KUNIT_EXPECT_PTR_EQ(test, f.words, (const u8 *)m + 33);
	KUNIT_EXPECT_EQ(test, f.bc, 8);
	KUNIT_EXPECT_PTR_EQ(test, f.bytes, (const u8 *)m + 41);

	/* an error reply: status, no words, no bytes */
	m = mk_rsp(test, &rsp_cases[RC_CLOSE], &len);
	m[5] = 0x22;			/* STATUS_ACCESS_DENIED */
	m[8] = 0xc0;
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_EXPECT_EQ(test, f.status, 0xc0000022);
	KUNIT_EXPECT_EQ(test, f.wc, 0);
	KUNIT_EXPECT_EQ(test, f.bc, 0);

	/* bytes after the ByteCount block are tolerated */
	m = mk_rsp(test, &rsp_cases[RC_TCON], &len);
	m[39] = 3;
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_EXPECT_EQ(test, f.bc, 3);
	KUNIT_EXPECT_EQ(test, f.len, len);

	KUNIT_EXPECT_EQ(test, smb1_parse_frame(NULL, 0, &f), -EIO);
}

static void andx_chain_test(struct kunit *test)
{
	struct smb1_sess_setup_rsp s;
	struct smb1_frame f, g, h;
	struct smb1_tcon_rsp t;
	size_t len;
	u8 *m;

	m = mk_rsp(test, &rsp_cases[RC_CHAIN], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_EXPECT_EQ(test, f.cmd, SMB_COM_SESSION_SETUP_ANDX);
	KUNIT_ASSERT_EQ(test, smb1_dec_sess_setup(&f, &s), 0);
	KUNIT_EXPECT_EQ(test, s.action, 0);

	KUNIT_ASSERT_EQ(test, smb1_frame_andx_next(&f, &g), 0);
	KUNIT_EXPECT_EQ(test, g.cmd, SMB_COM_TREE_CONNECT_ANDX);
	KUNIT_EXPECT_PTR_EQ(test, g.buf, f.buf);
	KUNIT_EXPECT_EQ(test, g.len, len);
	KUNIT_EXPECT_EQ(test, g.mid, 0x42);
	KUNIT_EXPECT_EQ(test, g.wc, 3);
	KUNIT_EXPECT_PTR_EQ(test, g.words, (const u8 *)m + 46);
	KUNIT_EXPECT_EQ(test, g.bc, 7);
	KUNIT_EXPECT_PTR_EQ(test, g.bytes, (const u8 *)m + 54);
	KUNIT_ASSERT_EQ(test, smb1_dec_tree_connect(&g, &t), 0);
	KUNIT_EXPECT_EQ(test, t.optional_support, 1);
	KUNIT_EXPECT_STREQ(test, t.service, "A:");

	KUNIT_EXPECT_EQ(test, smb1_frame_andx_next(&g, &h), -ENOENT);

	/* no AndX words at all */
	m = mk_rsp(test, &rsp_cases[RC_CLOSE], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_EXPECT_EQ(test, smb1_frame_andx_next(&f, &g), -EIO);
}

/* ------------------------------------------------------------------ */
/* Decoders                                                            */
/* ------------------------------------------------------------------ */

static void negotiate_test(struct kunit *test)
{
	struct smb1_negotiate_rsp r;
	struct smb1_frame f;
	size_t len;
	u8 *m;

	m = mk_rsp(test, &rsp_cases[RC_NEG], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_negotiate(&f, 2, &r), 0);
	KUNIT_EXPECT_EQ(test, r.dialect, 1);
	KUNIT_EXPECT_EQ(test, r.security_mode, 3);
	KUNIT_EXPECT_EQ(test, r.max_mpx, 50);
	KUNIT_EXPECT_EQ(test, r.max_vcs, 1);
	KUNIT_EXPECT_EQ(test, r.max_buffer, 16644);
	KUNIT_EXPECT_EQ(test, r.max_raw, 65536);
	KUNIT_EXPECT_EQ(test, r.session_key, 0x12345678);
	KUNIT_EXPECT_EQ(test, r.caps, 0x425c);
	KUNIT_EXPECT_EQ(test, r.system_time, 0x01d998103a59c280ULL);
	KUNIT_EXPECT_EQ(test, r.tz, -60);
	KUNIT_EXPECT_EQ(test, r.challenge_len, 8);
	expect_bytes(test, r.challenge, m + 69, 8, "challenge");
	KUNIT_EXPECT_PTR_EQ(test, r.domain, (const u8 *)m + 77);
	KUNIT_EXPECT_EQ(test, r.domain_len, 4);
	KUNIT_EXPECT_TRUE(test, r.domain_unicode);

	/* an unterminated Unicode name of odd length: whole characters */
	m[67] = 8 + 3;
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_negotiate(&f, 2, &r), 0);
	KUNIT_EXPECT_EQ(test, r.domain_len, 2);
	/* and none at all */
	m[67] = 8;
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_negotiate(&f, 2, &r), 0);
	KUNIT_EXPECT_EQ(test, r.domain_len, 0);
	KUNIT_EXPECT_PTR_EQ(test, r.domain, NULL);

	/* no encrypted passwords: no challenge, the domain comes first */
	m = mk_rsp(test, &rsp_cases[RC_NEG], &len);
	m[35] = NEGOTIATE_USER_SECURITY;
	m[66] = 0;
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_negotiate(&f, 2, &r), 0);
	KUNIT_EXPECT_EQ(test, r.challenge_len, 0);
	KUNIT_EXPECT_PTR_EQ(test, r.domain, (const u8 *)m + 69);
	KUNIT_EXPECT_EQ(test, r.domain_len, 12);
}

static void negotiate_oem_test(struct kunit *test)
{
	struct smb1_negotiate_rsp r;
	struct smb1_frame f;
	size_t len;
	u8 *m;

	m = mk_rsp(test, &rsp_cases[RC_NEG_OEM], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_negotiate(&f, 2, &r), 0);
	KUNIT_EXPECT_EQ(test, r.dialect, 0);
	/* reported as sent: the session layer decides what to make of it */
	KUNIT_EXPECT_EQ(test, r.max_mpx, 0);
	KUNIT_EXPECT_EQ(test, r.max_buffer, 256);
	KUNIT_EXPECT_EQ(test, r.caps, 0x310);
	KUNIT_EXPECT_EQ(test, r.tz, 60);
	KUNIT_EXPECT_EQ(test, r.challenge[0], 8);
	KUNIT_EXPECT_EQ(test, r.challenge[7], 1);
	KUNIT_EXPECT_FALSE(test, r.domain_unicode);
	KUNIT_EXPECT_PTR_EQ(test, r.domain, (const u8 *)m + 77);
	KUNIT_EXPECT_EQ(test, r.domain_len, 9);

	/* unterminated: the name runs to the end of the bytes */
	m[67] = 8 + 5;
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_negotiate(&f, 2, &r), 0);
	KUNIT_EXPECT_EQ(test, r.domain_len, 5);
}

static void negotiate_extsec_test(struct kunit *test)
{
	struct smb1_negotiate_rsp r;
	struct smb1_frame f;
	size_t len;
	u8 *m;

	m = mk_rsp(test, &rsp_cases[RC_NEG_EXTSEC], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_negotiate(&f, 2, &r), 0);
	KUNIT_EXPECT_EQ(test, r.caps, 0x8000425c);
	KUNIT_EXPECT_EQ(test, r.challenge_len, 0);
	KUNIT_EXPECT_PTR_EQ(test, r.domain, NULL);
	KUNIT_EXPECT_EQ(test, r.domain_len, 0);
	KUNIT_EXPECT_EQ(test, r.max_buffer, 16644);
}

struct neg_case {
	const char *name;
	const u8 *body;
	size_t len;
	int want;
};

static const u8 neg_none[] = {
	0x01, 0xff, 0xff,		/* WordCount 1, index 0xFFFF */
	0x00, 0x00,			/* ByteCount */
};

static const u8 neg_core[] = {
	0x01, 0x00, 0x00,		/* WordCount 1, index 0 */
	0x00, 0x00,
};

static const u8 neg_core_bad_index[] = {
	0x01, 0x05, 0x00,		/* WordCount 1, index 5 */
	0x00, 0x00,
};

static const u8 neg_lanman[] = {
	0x0d,				/* WordCount 13 */
	0x00, 0x00,			/* DialectIndex 0 */
	0x03, 0x00, 0x00, 0x10, 0x32, 0x00, 0x01, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x08, 0x00, 0x00, 0x00,
	0x00, 0x00,			/* ByteCount */
};

static const u8 neg_error[] = {
	0x00, 0x00, 0x00,		/* WordCount 0, ByteCount 0 */
};

static const u8 neg_wc16[] = {
	0x10,				/* WordCount 16 */
	0x01, 0x00,			/* DialectIndex 1 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0,
	0x00, 0x00,			/* ByteCount */
};

static const struct neg_case neg_cases[] = {
	{ "no common dialect", neg_none, sizeof(neg_none), -EPROTONOSUPPORT },
	{ "core protocol", neg_core, sizeof(neg_core), 0 },
	{ "core protocol, index out of range", neg_core_bad_index,
	  sizeof(neg_core_bad_index), -EIO },
	{ "LAN Manager without its challenge", neg_lanman, sizeof(neg_lanman),
	  -EIO },
	{ "error reply", neg_error, sizeof(neg_error), -EIO },
	{ "16 words", neg_wc16, sizeof(neg_wc16), -EIO },
};

static void negotiate_wc_test(struct kunit *test)
{
	const struct neg_case *c;
	unsigned int i;
	u8 *m;

	for (i = 0; i < ARRAY_SIZE(neg_cases); i++) {
		c = &neg_cases[i];
		m = mk_msg(test, SMB_COM_NEGOTIATE, TEST_FLAGS2_UNI, c->body,
			   c->len);
		KUNIT_EXPECT_EQ_MSG(test, msg_negotiate(m, SMB1_HDR_SIZE +
							c->len),
				    c->want, "%s", c->name);
	}
}

static void sess_setup_test(struct kunit *test)
{
	struct smb1_sess_setup_rsp r;
	struct smb1_frame f;
	size_t len;
	u8 *m;

	m = mk_rsp(test, &rsp_cases[RC_SS], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_sess_setup(&f, &r), 0);
	KUNIT_EXPECT_EQ(test, r.action, SMB_SETUP_GUEST);

	m = mk_rsp(test, &rsp_cases[RC_SS_EXTSEC], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_sess_setup(&f, &r), 0);
	KUNIT_EXPECT_EQ(test, r.action, 0);
}

static void tree_connect_test(struct kunit *test)
{
	static const u8 longest[] = {
		0x03, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x09, 0x00,			/* ByteCount 9 */
		'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 0,
	};
	static const u8 too_long[] = {
		0x03, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x0a, 0x00,			/* ByteCount 10 */
		'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 0,
	};
	static const u8 wc4[] = {
		0x04, 0xff, 0x00, 0x00, 0x00,	/* WordCount 4, AndX */
		0x01, 0x00, 0x00, 0x00,		/* two more words */
		0x03, 0x00,			/* ByteCount 3 */
		'A', ':', 0,
	};
	struct smb1_tcon_rsp r;
	struct smb1_frame f;
	size_t len;
	u8 *m;

	m = mk_rsp(test, &rsp_cases[RC_TCON], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_tree_connect(&f, &r), 0);
	KUNIT_EXPECT_EQ(test, r.optional_support, 1);
	KUNIT_EXPECT_STREQ(test, r.service, "A:");

	m = mk_rsp(test, &rsp_cases[RC_TCON_EXT], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_tree_connect(&f, &r), 0);
	KUNIT_EXPECT_EQ(test, r.optional_support, 3);
	KUNIT_EXPECT_STREQ(test, r.service, "IPC");

	m = mk_rsp(test, &rsp_cases[RC_TCON_LANMAN], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_tree_connect(&f, &r), 0);
	KUNIT_EXPECT_EQ(test, r.optional_support, 0);
	KUNIT_EXPECT_STREQ(test, r.service, "LPT1:");

	m = mk_msg(test, SMB_COM_TREE_CONNECT_ANDX, 0, longest,
		   sizeof(longest));
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, SMB1_HDR_SIZE +
					       sizeof(longest), &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_tree_connect(&f, &r), 0);
	KUNIT_EXPECT_STREQ(test, r.service, "ABCDEFGH");

	m = mk_msg(test, SMB_COM_TREE_CONNECT_ANDX, 0, too_long,
		   sizeof(too_long));
	KUNIT_EXPECT_EQ(test, msg_tcon(m, SMB1_HDR_SIZE + sizeof(too_long)),
			-EIO);

	/* only 2, 3 or 7 words */
	m = mk_msg(test, SMB_COM_TREE_CONNECT_ANDX, 0, wc4, sizeof(wc4));
	KUNIT_EXPECT_EQ(test, msg_tcon(m, SMB1_HDR_SIZE + sizeof(wc4)), -EIO);
}

static void query_path_info_test(struct kunit *test)
{
	struct smb1_trans2_rsp t;
	struct smb1_fattr fa;
	struct smb1_frame f;
	size_t len;
	u8 *m;

	m = mk_rsp(test, &rsp_cases[RC_QPI], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_trans2(&f, &t), 0);
	KUNIT_EXPECT_PTR_EQ(test, t.params, (const u8 *)m + 56);
	KUNIT_EXPECT_EQ(test, t.param_len, 2);
	KUNIT_EXPECT_PTR_EQ(test, t.data, (const u8 *)m + 60);
	KUNIT_EXPECT_EQ(test, t.data_len, QPI_DATA_LEN);

	KUNIT_ASSERT_EQ(test, smb1_dec_file_all_info(&t, &fa), 0);
	KUNIT_EXPECT_EQ(test, fa.size, 0x100001234ULL);
	KUNIT_EXPECT_EQ(test, fa.alloc_size, 0x2000);
	KUNIT_EXPECT_EQ(test, fa.attrs, ATTR_ARCHIVE | ATTR_DIRECTORY);
	KUNIT_EXPECT_EQ(test, fa.nlink, 2);
	/* 2023-05-06 07:08:09 UTC and the following seconds */
	KUNIT_EXPECT_EQ(test, fa.btime.tv_sec, 1683356889);
	KUNIT_EXPECT_EQ(test, fa.btime.tv_nsec, 0);
	KUNIT_EXPECT_EQ(test, fa.atime.tv_sec, 1683356890);
	KUNIT_EXPECT_EQ(test, fa.atime.tv_nsec, 100);
	KUNIT_EXPECT_EQ(test, fa.mtime.tv_sec, 1683356891);
	KUNIT_EXPECT_EQ(test, fa.mtime.tv_nsec, 1234500);
	KUNIT_EXPECT_EQ(test, fa.ctime.tv_sec, 1683356892);
	KUNIT_EXPECT_EQ(test, fa.ctime.tv_nsec, 9999900);

	/* the directory byte alone makes it a directory */
	m[92] = 0;
	KUNIT_ASSERT_EQ(test, msg_qpi(m, len), 0);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_trans2(&f, &t), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_file_all_info(&t, &fa), 0);
	KUNIT_EXPECT_EQ(test, fa.attrs, ATTR_DIRECTORY);
	m[121] = 0;
	KUNIT_ASSERT_EQ(test, smb1_dec_file_all_info(&t, &fa), 0);
	KUNIT_EXPECT_EQ(test, fa.attrs, 0);

	/* no data at all */
	t.data = NULL;
	t.data_len = 0;
	KUNIT_EXPECT_EQ(test, smb1_dec_file_all_info(&t, &fa), -EIO);
}

static void expect_ts(struct kunit *test, struct timespec64 ts, s64 sec,
		      long nsec, const char *what)
{
	KUNIT_EXPECT_EQ_MSG(test, ts.tv_sec, sec, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, ts.tv_nsec, nsec, "%s", what);
}

static void find_first_test(struct kunit *test)
{
	struct smb1_trans2_rsp t;
	struct smb1_find_iter it;
	struct smb1_find_rsp r;
	struct smb1_dirent de;
	struct smb1_frame f;
	size_t len;
	u8 *m;

	m = mk_rsp(test, &rsp_cases[RC_FF], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_trans2(&f, &t), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_find_first(&t, &r), 0);
	KUNIT_EXPECT_EQ(test, r.sid, 0x0102);
	KUNIT_EXPECT_EQ(test, r.count, 2);
	KUNIT_EXPECT_EQ(test, r.end_of_search, 1);
	KUNIT_EXPECT_EQ(test, r.last_name_offset, 144);
	KUNIT_EXPECT_PTR_EQ(test, r.data, (const u8 *)m + 68);
	KUNIT_EXPECT_EQ(test, r.data_len, FF_DATA_LEN);

	smb1_find_iter_init(&it, &r);
	KUNIT_ASSERT_EQ(test, smb1_find_iter_next(&it, &de), 0);
	KUNIT_EXPECT_EQ(test, de.resume_key, 0x11);
	KUNIT_EXPECT_EQ(test, de.attr.size, 0x1234);
	KUNIT_EXPECT_EQ(test, de.attr.alloc_size, 0x2000);
	KUNIT_EXPECT_EQ(test, de.attr.attrs, ATTR_ARCHIVE);
	expect_ts(test, de.attr.btime, 1683356889, 0, "btime");
	expect_ts(test, de.attr.atime, 1683356890, 100, "atime");
	expect_ts(test, de.attr.mtime, 1683356891, 1234500, "mtime");
	expect_ts(test, de.attr.ctime, 1683356892, 9999900, "ctime");
	KUNIT_EXPECT_PTR_EQ(test, de.name, (const u8 *)m + 68 + 64);
	KUNIT_EXPECT_EQ(test, de.name_len, 10);
	KUNIT_EXPECT_EQ(test, de.attr.nlink, 1);

	KUNIT_ASSERT_EQ(test, smb1_find_iter_next(&it, &de), 0);
	KUNIT_EXPECT_EQ(test, de.resume_key, 0x22);
	KUNIT_EXPECT_EQ(test, de.attr.size, 0);
	KUNIT_EXPECT_EQ(test, de.attr.attrs, ATTR_DIRECTORY);
	expect_ts(test, de.attr.mtime, 1686012345, 0, "second mtime");
	/* the last name is where LastNameOffset says */
	KUNIT_EXPECT_PTR_EQ(test, de.name, r.data + r.last_name_offset);
	KUNIT_EXPECT_EQ(test, de.name_len, 6);

	KUNIT_EXPECT_EQ(test, smb1_find_iter_next(&it, &de), -ENOENT);
	KUNIT_EXPECT_EQ(test, smb1_find_iter_next(&it, &de), -ENOENT);

	/* find first parameters are 10 bytes */
	t.param_len = 9;
	KUNIT_EXPECT_EQ(test, smb1_dec_find_first(&t, &r), -EIO);
}

static void find_next_test(struct kunit *test)
{
	struct smb1_trans2_rsp t;
	struct smb1_find_iter it;
	struct smb1_find_rsp r;
	struct smb1_dirent de;
	struct smb1_frame f;
	size_t len;
	u8 *m;

	m = mk_rsp(test, &rsp_cases[RC_FN], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_trans2(&f, &t), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_find_next(&t, &r), 0);
	KUNIT_EXPECT_EQ(test, r.sid, 0);
	KUNIT_EXPECT_EQ(test, r.count, 1);
	KUNIT_EXPECT_EQ(test, r.end_of_search, 1);
	KUNIT_EXPECT_EQ(test, r.last_name_offset, 64);
	KUNIT_EXPECT_EQ(test, r.data_len, 67);

	smb1_find_iter_init(&it, &r);
	KUNIT_ASSERT_EQ(test, smb1_find_iter_next(&it, &de), 0);
	KUNIT_EXPECT_EQ(test, de.resume_key, 0x33);
	KUNIT_EXPECT_EQ(test, de.attr.size, 5);
	KUNIT_EXPECT_EQ(test, de.attr.alloc_size, 0x1000);
	KUNIT_EXPECT_EQ(test, de.attr.attrs, ATTR_READONLY | ATTR_ARCHIVE);
	KUNIT_EXPECT_EQ(test, de.name_len, 3);
	KUNIT_EXPECT_EQ(test, memcmp(de.name, "z.c", 3), 0);
	KUNIT_EXPECT_EQ(test, smb1_find_iter_next(&it, &de), -ENOENT);

	t.param_len = 7;
	KUNIT_EXPECT_EQ(test, smb1_dec_find_next(&t, &r), -EIO);
}

/* Patches to the data block of rsp_ff, and how the walk must end */
struct iter_case {
	const char *name;
	u16 count;
	u32 patch_off;		/* in the data block; 0xffff: no patch */
	u32 patch_val;
	unsigned int want_entries;
	int want;
};

#define NO_PATCH		0xffff
#define E1_NEXT			0
#define E1_NAME_LEN		60
#define E2_NEXT			80
#define E2_NAME_LEN		140

static const struct iter_case iter_cases[] = {
	{ "as sent", 2, NO_PATCH, 0, 2, 0 },
	{ "SearchCount 1 stops early", 1, NO_PATCH, 0, 1, 0 },
	{ "SearchCount beyond the entries", 3, NO_PATCH, 0, 2, 0 },
	{ "SearchCount 0", 0, NO_PATCH, 0, 0, 0 },
	{ "NextEntryOffset 0 ends the list", 2, E1_NEXT, 0, 1, 0 },
	{ "NextEntryOffset below the fixed part", 2, E1_NEXT, 8, 0, -EIO },
	{ "NextEntryOffset inside the name", 2, E1_NEXT, 70, 0, -EIO },
	{ "NextEntryOffset past the data", 2, E1_NEXT, 151, 0, -EIO },
	/* impacket's smbserver counts one entry more than it sends */
	{ "NextEntryOffset at the end of the data ends the list", 2, E1_NEXT,
	  150, 1, 0 },
	{ "NextEntryOffset wraps", 2, E1_NEXT, 0xffffffb0, 0, -EIO },
	{ "NextEntryOffset loops back to the start", 3, E2_NEXT, 0xffffffb0,
	  1, -EIO },
	{ "last NextEntryOffset not followed", 2, E2_NEXT, 0x1000, 2, 0 },
	{ "NextEntryOffset past the data, one more to go", 3, E2_NEXT,
	  0x1000, 1, -EIO },
	{ "FileNameLength past the entry", 2, E1_NAME_LEN, 17, 0, -EIO },
	{ "FileNameLength past the data", 2, E2_NAME_LEN, 7, 1, -EIO },
	{ "FileNameLength huge", 2, E1_NAME_LEN, 0xffffffff, 0, -EIO },
	{ "empty name", 2, E2_NAME_LEN, 0, 2, 0 },
};

static void find_iter_malformed_test(struct kunit *test)
{
	const struct iter_case *c;
	struct smb1_find_iter it;
	struct smb1_find_rsp r;
	struct smb1_dirent de;
	unsigned int i, n;
	u8 *data;
	int ret;

	for (i = 0; i < ARRAY_SIZE(iter_cases); i++) {
		c = &iter_cases[i];
		data = kunit_kmalloc(test, FF_DATA_LEN, GFP_KERNEL);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, data);
		memcpy(data, rsp_ff + FF_DATA_OFF, FF_DATA_LEN);
		if (c->patch_off != NO_PATCH)
			put_unaligned_le32(c->patch_val, data + c->patch_off);
		memset(&r, 0, sizeof(r));
		r.count = c->count;
		r.data = data;
		r.data_len = FF_DATA_LEN;
		ret = walk_find(&r, &n);
		KUNIT_EXPECT_EQ_MSG(test, ret, c->want, "%s", c->name);
		KUNIT_EXPECT_EQ_MSG(test, n, c->want_entries, "%s", c->name);
	}

	/* a malformed entry keeps failing */
	data = kunit_kmalloc(test, FF_DATA_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, data);
	memcpy(data, rsp_ff + FF_DATA_OFF, FF_DATA_LEN);
	put_unaligned_le32(7, data + E2_NAME_LEN);
	memset(&r, 0, sizeof(r));
	r.count = 2;
	r.data = data;
	r.data_len = FF_DATA_LEN;
	smb1_find_iter_init(&it, &r);
	KUNIT_EXPECT_EQ(test, smb1_find_iter_next(&it, &de), 0);
	KUNIT_EXPECT_EQ(test, smb1_find_iter_next(&it, &de), -EIO);
	KUNIT_EXPECT_EQ(test, smb1_find_iter_next(&it, &de), -EIO);

	/* entries announced, no data */
	memset(&r, 0, sizeof(r));
	r.count = 1;
	smb1_find_iter_init(&it, &r);
	KUNIT_EXPECT_EQ(test, smb1_find_iter_next(&it, &de), -EIO);
}

/*
 * An SMB_FIND_FILE_DIRECTORY_INFO entry at p: NextEntryOffset next,
 * FileIndex key, times and sizes 0, the ASCII name in UTF-16.  Returns
 * its size (no padding).
 */
static u32 put_dir_entry(u8 *p, u32 next, u32 key, const char *name)
{
	u32 i, n = strlen(name);

	memset(p, 0, sizeof(struct smb1_find_dir_info));
	put_unaligned_le32(next, p);
	put_unaligned_le32(key, p + 4);
	put_unaligned_le32(ATTR_ARCHIVE, p + 56);
	put_unaligned_le32(2 * n, p + 60);
	for (i = 0; i < n; i++) {
		p[64 + 2 * i] = name[i];
		p[64 + 2 * i + 1] = 0;
	}
	return sizeof(struct smb1_find_dir_info) + 2 * n;
}

static const char * const unpadded_names[] = { "a.txt", "dir", "xy" };

/*
 * impacket's smbserver sends the entries of a FIND_NEXT2 end to end,
 * while their NextEntryOffset counts the padding to 8 bytes, and counts
 * one entry more than it sends.
 */
static void find_iter_unpadded_test(struct kunit *test)
{
	static const struct {
		const char *name;
		u16 count;
		u32 len_extra;		/* bytes after the last entry */
		u32 patch_off;		/* NO_PATCH: none */
		u32 patch_val;
		unsigned int want_entries;
		int want;
	} cases[] = {
		{ "SearchCount one too many", 4, 0, NO_PATCH, 0, 3, 0 },
		{ "SearchCount exact", 3, 0, NO_PATCH, 0, 3, 0 },
		{ "last NextEntryOffset padded", 3, 0, 144, 72, 3, 0 },
		{ "last NextEntryOffset unpadded", 3, 0, 144, 68, 3, 0 },
		{ "SearchCount short of the data", 2, 0, NO_PATCH, 0, 1, -EIO },
		{ "a byte after the last entry", 4, 1, NO_PATCH, 0, 1, -EIO },
		{ "NextEntryOffset neither size", 4, 0, 0, 76, 1, -EIO },
		{ "NextEntryOffset 0 before the end", 4, 0, 74, 0, 1, -EIO },
	};
	struct smb1_find_iter it;
	struct smb1_find_rsp r;
	struct smb1_dirent de;
	unsigned int i, j, n;
	u32 off[3], len;
	u8 *data;
	int ret;

	data = kunit_kzalloc(test, 256, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, data);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(data, 0, 256);
		len = 0;
		for (j = 0; j < 3; j++) {
			off[j] = len;
			len += put_dir_entry(data + len, j < 2 ? 80 - 8 * j : 0,
					     0x11 * (j + 1), unpadded_names[j]);
		}
		/* 74, 70 and 68 bytes: NextEntryOffset 80, 72, 0 */
		KUNIT_ASSERT_EQ(test, len, 212);
		if (cases[i].patch_off != NO_PATCH)
			put_unaligned_le32(cases[i].patch_val,
					   data + cases[i].patch_off);
		memset(&r, 0, sizeof(r));
		r.count = cases[i].count;
		r.data = data;
		r.data_len = len + cases[i].len_extra;
		r.level = SMB1_FIND_LEVEL_DIRINFO;
		r.unicode = true;
		ret = walk_find(&r, &n);
		KUNIT_EXPECT_EQ_MSG(test, ret, cases[i].want, "%s",
				    cases[i].name);
		KUNIT_EXPECT_EQ_MSG(test, n, cases[i].want_entries, "%s",
				    cases[i].name);
		if (cases[i].want)
			continue;

		/* the entries as sent, each where it lies */
		smb1_find_iter_init(&it, &r);
		for (j = 0; j < 3; j++) {
			KUNIT_ASSERT_EQ(test, smb1_find_iter_next(&it, &de), 0);
			KUNIT_EXPECT_EQ(test, de.resume_key, 0x11 * (j + 1));
			KUNIT_EXPECT_PTR_EQ(test, de.name,
					    (const u8 *)data + off[j] + 64);
			KUNIT_EXPECT_EQ(test, de.name_len,
					(u32)(2 * strlen(unpadded_names[j])));
			KUNIT_EXPECT_EQ(test, de.attr.attrs, ATTR_ARCHIVE);
		}
		KUNIT_EXPECT_EQ(test, smb1_find_iter_next(&it, &de), -ENOENT);
		KUNIT_EXPECT_TRUE(test, smb1_find_last_is(&r, 0x33,
							  data + off[2] + 64,
							  4));
	}
}

static void find_first_id_full_test(struct kunit *test)
{
	struct smb1_trans2_rsp t;
	struct smb1_find_iter it;
	struct smb1_find_rsp r;
	struct smb1_dirent de;
	struct smb1_frame f;
	size_t len;
	u8 *m;

	m = mk_rsp(test, &rsp_cases[RC_FF_ID], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_trans2(&f, &t), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_find_first(&t, &r), 0);
	KUNIT_EXPECT_EQ(test, r.sid, 0x0203);
	KUNIT_EXPECT_EQ(test, r.count, 2);
	KUNIT_EXPECT_PTR_EQ(test, r.data, (const u8 *)m + 68);
	KUNIT_EXPECT_EQ(test, r.data_len, FFID_DATA_LEN);
	r.level = SMB1_FIND_LEVEL_ID_FULL;
	r.unicode = true;

	smb1_find_iter_init(&it, &r);
	KUNIT_EXPECT_FALSE(test, it.unpadded);
	KUNIT_ASSERT_EQ(test, smb1_find_iter_next(&it, &de), 0);
	KUNIT_EXPECT_EQ(test, de.resume_key, 0x44);
	KUNIT_EXPECT_EQ(test, de.attr.file_id, 0x0011223344556677ULL);
	KUNIT_EXPECT_EQ(test, de.attr.size, 0x1234);
	KUNIT_EXPECT_EQ(test, de.attr.alloc_size, 0x2000);
	KUNIT_EXPECT_EQ(test, de.attr.attrs, ATTR_ARCHIVE);
	KUNIT_EXPECT_EQ(test, de.attr.nlink, 1);
	expect_ts(test, de.attr.btime, 1683356889, 0, "btime");
	expect_ts(test, de.attr.atime, 1683356890, 100, "atime");
	expect_ts(test, de.attr.mtime, 1683356891, 1234500, "mtime");
	expect_ts(test, de.attr.ctime, 1683356892, 9999900, "ctime");
	/* the name follows the file id, 80 bytes into the entry */
	KUNIT_EXPECT_PTR_EQ(test, de.name, (const u8 *)m + 68 + 80);
	KUNIT_EXPECT_EQ(test, de.name_len, 10);

	KUNIT_ASSERT_EQ(test, smb1_find_iter_next(&it, &de), 0);
	KUNIT_EXPECT_EQ(test, de.resume_key, 0x55);
	KUNIT_EXPECT_EQ(test, de.attr.file_id, 0x8000000000000042ULL);
	KUNIT_EXPECT_EQ(test, de.attr.attrs, ATTR_DIRECTORY);
	expect_ts(test, de.attr.mtime, 1686012345, 0, "second mtime");
	KUNIT_EXPECT_PTR_EQ(test, de.name, r.data + r.last_name_offset);
	KUNIT_EXPECT_EQ(test, de.name_len, 6);
	KUNIT_EXPECT_EQ(test, smb1_find_iter_next(&it, &de), -ENOENT);
	KUNIT_EXPECT_TRUE(test, smb1_find_last_is(&r, 0x55, de.name, 6));

	/* the entries of the other levels carry no file id */
	m = mk_rsp(test, &rsp_cases[RC_FF], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_trans2(&f, &t), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_find_first(&t, &r), 0);
	KUNIT_EXPECT_EQ(test, r.level, SMB1_FIND_LEVEL_DIRINFO);
	smb1_find_iter_init(&it, &r);
	while (!smb1_find_iter_next(&it, &de)) {
		KUNIT_EXPECT_EQ(test, de.attr.file_id, 0);
		KUNIT_EXPECT_PTR_EQ(test, de.name,
				    (const u8 *)r.data + (it.done ? 80 : 0) + 64);
	}
}

/*
 * An SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO entry at p: NextEntryOffset
 * next, FileIndex key, the file id, the ASCII name in UTF-16, times and
 * sizes 0; EaSize and Reserved are junk that must not be taken for the
 * file id.  Returns its size (no padding).
 */
static u32 put_id_full_entry(u8 *p, u32 next, u32 key, u64 id,
			     const char *name)
{
	const u32 fixed = sizeof(struct smb1_find_id_full_dir_info);
	u32 i, n = strlen(name);

	memset(p, 0, fixed);
	put_unaligned_le32(next, p);
	put_unaligned_le32(key, p + 4);
	put_unaligned_le32(ATTR_ARCHIVE, p + 56);
	put_unaligned_le32(2 * n, p + 60);
	put_unaligned_le32(0xeeeeeeee, p + 64);		/* EaSize */
	put_unaligned_le32(0xdddddddd, p + 68);		/* Reserved */
	put_unaligned_le64(id, p + 72);
	for (i = 0; i < n; i++) {
		p[fixed + 2 * i] = name[i];
		p[fixed + 2 * i + 1] = 0;
	}
	return fixed + 2 * n;
}

/*
 * Batches of three entries at SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO,
 * padded to 8 bytes as the level has it or end to end as impacket's
 * FIND_NEXT2 sends them: the same rules as SMB_FIND_FILE_DIRECTORY_INFO
 * with its larger fixed part.
 */
static void find_iter_id_full_test(struct kunit *test)
{
	static const u64 ids[] = {
		0x0102030405060708ULL, 0xfedcba9876543210ULL, 1,
	};
	static const struct {
		const char *name;
		bool padded;
		u16 count;
		u32 len_extra;		/* bytes after the last entry */
		u32 patch_off;		/* NO_PATCH: none */
		u32 patch_val;
		unsigned int want_entries;
		int want;
	} cases[] = {
		{ "padded", true, 3, 0, NO_PATCH, 0, 3, 0 },
		{ "padded, SearchCount one too many", true, 4, 0, NO_PATCH, 0,
		  3, 0 },
		{ "padded, SearchCount short", true, 2, 0, NO_PATCH, 0, 2, 0 },
		{ "padded, bytes after the last entry", true, 3, 2, NO_PATCH,
		  0, 3, 0 },
		{ "unpadded", false, 3, 0, NO_PATCH, 0, 3, 0 },
		{ "unpadded, SearchCount one too many", false, 4, 0, NO_PATCH,
		  0, 3, 0 },
		{ "unpadded, a byte after the last entry", false, 4, 1,
		  NO_PATCH, 0, 1, -EIO },
		/* an offset that covers the entry at the smaller level only */
		{ "NextEntryOffset inside the file id", true, 3, 0, 0, 88, 0,
		  -EIO },
		{ "NextEntryOffset at the name", true, 3, 0, 0, 80, 0, -EIO },
		{ "FileNameLength past the data", true, 3, 0, 244, 8, 2,
		  -EIO },
		{ "FileNameLength past the entry", true, 3, 0, 60, 17, 0,
		  -EIO },
	};
	struct smb1_find_iter it;
	struct smb1_find_rsp r;
	struct smb1_dirent de;
	unsigned int i, j, n;
	u32 off[3], len, size;
	u8 *data;
	int ret;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		data = kunit_kzalloc(test, 320, GFP_KERNEL);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, data);
		len = 0;
		for (j = 0; j < 3; j++) {
			off[j] = len;
			/* 90, 86 and 84 bytes; padded: 96, 88 */
			size = 80 + 2 * strlen(unpadded_names[j]);
			len += put_id_full_entry(data + len,
						 j < 2 ? ALIGN(size, 8) : 0,
						 0x11 * (j + 1), ids[j],
						 unpadded_names[j]);
			if (j < 2 && cases[i].padded)
				len = ALIGN(len, 8);
		}
		KUNIT_ASSERT_EQ(test, len, 260 + 8 * cases[i].padded);
		if (cases[i].patch_off != NO_PATCH)
			put_unaligned_le32(cases[i].patch_val,
					   data + cases[i].patch_off);
		memset(&r, 0, sizeof(r));
		r.count = cases[i].count;
		r.data = data;
		r.data_len = len + cases[i].len_extra;
		r.level = SMB1_FIND_LEVEL_ID_FULL;
		r.unicode = true;
		ret = walk_find(&r, &n);
		KUNIT_EXPECT_EQ_MSG(test, ret, cases[i].want, "%s",
				    cases[i].name);
		KUNIT_EXPECT_EQ_MSG(test, n, cases[i].want_entries, "%s",
				    cases[i].name);
		if (cases[i].want)
			continue;

		/* the entries as sent, each where it lies, with its id */
		smb1_find_iter_init(&it, &r);
		KUNIT_EXPECT_EQ_MSG(test, it.unpadded, !cases[i].padded, "%s",
				    cases[i].name);
		for (j = 0; j < cases[i].want_entries; j++) {
			KUNIT_ASSERT_EQ(test, smb1_find_iter_next(&it, &de), 0);
			KUNIT_EXPECT_EQ_MSG(test, de.resume_key, 0x11 * (j + 1),
					    "%s", cases[i].name);
			KUNIT_EXPECT_EQ_MSG(test, de.attr.file_id, ids[j],
					    "%s", cases[i].name);
			KUNIT_EXPECT_PTR_EQ_MSG(test, de.name,
						(const u8 *)data + off[j] + 80,
						"%s", cases[i].name);
			KUNIT_EXPECT_EQ_MSG(test, de.name_len,
					    (u32)(2 * strlen(unpadded_names[j])),
					    "%s", cases[i].name);
			KUNIT_EXPECT_EQ(test, de.attr.attrs, ATTR_ARCHIVE);
		}
		KUNIT_EXPECT_EQ_MSG(test, smb1_find_iter_next(&it, &de),
				    -ENOENT, "%s", cases[i].name);
	}
}

/*
 * A FIND_NEXT2 batch that ends with the entry it resumed from: the next
 * request would be the same, and a server that answers it the same way
 * would keep the search going forever.
 */
static void find_last_is_test(struct kunit *test)
{
	static const u8 a_txt[] = { 'a', 0, '.', 0, 't', 0, 'x', 0, 't', 0 };
	static const u8 dir[] = { 'd', 0, 'i', 0, 'r', 0 };
	struct smb1_find_rsp r;
	u8 *data;

	data = kunit_kmalloc(test, FF_DATA_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, data);
	memcpy(data, rsp_ff + FF_DATA_OFF, FF_DATA_LEN);
	memset(&r, 0, sizeof(r));
	r.count = 2;
	r.data = data;
	r.data_len = FF_DATA_LEN;

	/* the last entry, by resume key and name */
	KUNIT_EXPECT_TRUE(test, smb1_find_last_is(&r, 0x22, dir, sizeof(dir)));
	KUNIT_EXPECT_FALSE(test, smb1_find_last_is(&r, 0x11, a_txt,
						   sizeof(a_txt)));
	KUNIT_EXPECT_FALSE(test, smb1_find_last_is(&r, 0x23, dir, sizeof(dir)));
	KUNIT_EXPECT_FALSE(test, smb1_find_last_is(&r, 0x22, dir, 4));
	KUNIT_EXPECT_FALSE(test, smb1_find_last_is(&r, 0x22, a_txt, 6));

	/* SearchCount 1: the batch is the first entry alone */
	r.count = 1;
	KUNIT_EXPECT_TRUE(test, smb1_find_last_is(&r, 0x11, a_txt,
						  sizeof(a_txt)));
	KUNIT_EXPECT_FALSE(test, smb1_find_last_is(&r, 0x22, dir, sizeof(dir)));

	/* an empty batch ends with nothing */
	r.count = 0;
	KUNIT_EXPECT_FALSE(test, smb1_find_last_is(&r, 0x11, a_txt,
						   sizeof(a_txt)));

	/* entries announced, no data: nothing to compare, no read */
	r.count = 2;
	r.data = NULL;
	r.data_len = 0;
	KUNIT_EXPECT_FALSE(test, smb1_find_last_is(&r, 0x22, dir, sizeof(dir)));

	/* a malformed second entry: no match, the walk reports it */
	r.data = data;
	r.data_len = FF_DATA_LEN;
	put_unaligned_le32(7, data + E2_NAME_LEN);
	KUNIT_EXPECT_FALSE(test, smb1_find_last_is(&r, 0x22, dir, sizeof(dir)));
	KUNIT_EXPECT_FALSE(test, smb1_find_last_is(&r, 0x11, a_txt,
						   sizeof(a_txt)));
}

static void open_andx_test(struct kunit *test)
{
	static const int which[] = { RC_OPEN, RC_OPEN_EXT };
	struct smb1_open_rsp r;
	struct smb1_frame f;
	unsigned int i;
	size_t len;
	u8 *m;

	for (i = 0; i < ARRAY_SIZE(which); i++) {
		m = mk_rsp(test, &rsp_cases[which[i]], &len);
		KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
		KUNIT_ASSERT_EQ(test, smb1_dec_open_andx(&f, &r), 0);
		KUNIT_EXPECT_EQ(test, r.fid, 0x4001);
		KUNIT_EXPECT_EQ(test, r.attrs, ATTR_READONLY | ATTR_ARCHIVE);
		KUNIT_EXPECT_EQ(test, r.mtime, 1683356891);
		KUNIT_EXPECT_EQ(test, r.size, 0x12345);
		KUNIT_EXPECT_EQ(test, r.access, 2);
		KUNIT_EXPECT_EQ(test, r.resource_type, 0);
		KUNIT_EXPECT_EQ(test, r.action, 1);
	}
}

static void expect_nt_create(struct kunit *test,
			     const struct smb1_nt_create_rsp *r,
			     const char *what)
{
	KUNIT_EXPECT_EQ_MSG(test, r->fid, 0x4005, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, r->oplock, SMB_OPLOCK_BATCH, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, r->action, FILE_CREATED, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, r->resource_type, 0, "%s", what);
	KUNIT_EXPECT_FALSE_MSG(test, r->is_dir, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, r->attr.attrs, ATTR_READONLY | ATTR_ARCHIVE,
			    "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, r->attr.alloc_size, 0x2000, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, r->attr.size, 0x100001234ULL, "%s", what);
	KUNIT_EXPECT_EQ_MSG(test, r->attr.nlink, 1, "%s", what);
	/* the first 34 words carry no file id */
	KUNIT_EXPECT_EQ_MSG(test, r->attr.file_id, 0, "%s", what);
	expect_ts(test, r->attr.btime, 1683356889, 0, what);
	expect_ts(test, r->attr.atime, 1683356890, 100, what);
	expect_ts(test, r->attr.mtime, 1683356891, 1234500, what);
	expect_ts(test, r->attr.ctime, 1683356892, 9999900, what);
}

/*
 * The reply of 34 words and the extended one of 50 words, which Windows
 * sends with WordCount 42; and every WordCount below 34 refused, the
 * decoder reading no word past the count.
 */
static const struct nt_create_size {
	unsigned int off;	/* in the message */
	u64 value;
	int ret;
} nt_create_sizes[] = {
	{ 80, 0, 0 },
	{ 80, S64_MAX, 0 },
	{ 80, 1ULL << 63, -EIO },
	{ 80, U64_MAX - 4095, -EIO },
	{ 88, 0, 0 },
	{ 88, S64_MAX, 0 },
	{ 88, 1ULL << 63, -EIO },
	{ 88, U64_MAX, -EIO },
};

static void nt_create_test(struct kunit *test)
{
	struct smb1_nt_create_rsp r;
	struct smb1_frame f;
	unsigned int wc, i;
	size_t len;
	u8 *m, *body;

	m = mk_rsp(test, &rsp_cases[RC_NT_CREATE], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_nt_create(&f, &r), 0);
	expect_nt_create(test, &r, "34 words");

	/* the Directory byte makes a directory */
	m[100] = 1;
	KUNIT_ASSERT_EQ(test, smb1_dec_nt_create(&f, &r), 0);
	KUNIT_EXPECT_TRUE(test, r.is_dir);
	KUNIT_EXPECT_EQ(test, r.attr.attrs,
			ATTR_READONLY | ATTR_ARCHIVE | ATTR_DIRECTORY);
	m[100] = 0;

	/* AllocationSize (@80) and EndOfFile (@88): never negative */
	for (i = 0; i < ARRAY_SIZE(nt_create_sizes); i++) {
		const struct nt_create_size *t = &nt_create_sizes[i];

		m = mk_rsp(test, &rsp_cases[RC_NT_CREATE], &len);
		put_unaligned_le64(t->value, m + t->off);
		KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
		KUNIT_EXPECT_EQ_MSG(test, smb1_dec_nt_create(&f, &r), t->ret,
				    "@%u 0x%llx", t->off, t->value);
		if (!t->ret)
			KUNIT_EXPECT_EQ_MSG(test, t->off == 80 ?
					    r.attr.alloc_size : r.attr.size,
					    t->value, "@%u", t->off);
	}

	m = mk_rsp(test, &rsp_cases[RC_NT_CREATE_EXT], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, f.wc, NT_CREATE_EXT_WC);
	KUNIT_ASSERT_EQ(test, smb1_dec_nt_create(&f, &r), 0);
	expect_nt_create(test, &r, "50 words");

	/*
	 * As Windows sends it: WordCount 42 before the 50 words.  The
	 * ByteCount is then read from the first bytes of the FileId (zero
	 * here) and the rest of the words taken for trailing bytes.
	 */
	m[32] = 42;
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, f.wc, 42);
	KUNIT_ASSERT_EQ(test, smb1_dec_nt_create(&f, &r), 0);
	expect_nt_create(test, &r, "WordCount 42, 50 words");

	/*
	 * Every WordCount from 0 to 50 over as many words of the extended
	 * reply and a ByteCount of 0, in a buffer of exactly that size
	 */
	for (wc = 0; wc <= NT_CREATE_EXT_WC; wc++) {
		body = kunit_kzalloc(test, 1 + 2 * wc + 2, GFP_KERNEL);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, body);
		body[0] = wc;
		memcpy(body + 1, rsp_nt_create_ext + 1, 2 * wc);
		len = SMB1_HDR_SIZE + 1 + 2 * wc + 2;
		m = mk_msg(test, SMB_COM_NT_CREATE_ANDX, TEST_FLAGS2_UNI, body,
			   1 + 2 * wc + 2);
		KUNIT_ASSERT_EQ_MSG(test, smb1_parse_frame(m, len, &f), 0,
				    "wc %u", wc);
		KUNIT_EXPECT_EQ_MSG(test, smb1_dec_nt_create(&f, &r),
				    wc < NT_CREATE_WC ? -EIO : 0, "wc %u", wc);
		if (wc >= NT_CREATE_WC)
			expect_nt_create(test, &r, "any WordCount from 34");
	}
}

/* FileInternalInformation: 8 bytes of file id, every shorter data refused */
static void internal_info_test(struct kunit *test)
{
	static const u8 data[] = { 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22,
				   0x11, 0xee };
	struct smb1_trans2_rsp t = {};
	unsigned int n;
	u64 id;

	KUNIT_EXPECT_EQ(test, smb1_dec_internal_info(&t, &id), -EIO);
	t.data = data;
	for (n = 0; n <= sizeof(data); n++) {
		t.data_len = n;
		KUNIT_EXPECT_EQ_MSG(test, smb1_dec_internal_info(&t, &id),
				    n < 8 ? -EIO : 0, "%u bytes", n);
		KUNIT_EXPECT_EQ_MSG(test, id, n < 8 ? 0 : 0x1122334455667788ULL,
				    "%u bytes", n);
	}
}

/* Either open's reply as the open path takes it */
static void open_any_test(struct kunit *test)
{
	struct smb1_open_rsp r;
	struct smb1_frame f;
	size_t len;
	u8 *m;

	m = mk_rsp(test, &rsp_cases[RC_NT_CREATE], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_open_any(&f, &r), 0);
	KUNIT_EXPECT_EQ(test, r.fid, 0x4005);
	KUNIT_EXPECT_EQ(test, r.attrs, ATTR_READONLY | ATTR_ARCHIVE);
	/* 64 bits of size, the exact time, no UTIME */
	KUNIT_EXPECT_EQ(test, r.size, 0x100001234ULL);
	expect_ts(test, r.ntime, 1683356891, 1234500, "NT_CREATE_ANDX");
	KUNIT_EXPECT_EQ(test, r.mtime, 0);
	KUNIT_EXPECT_EQ(test, r.action, FILE_CREATED);
	/* a truncated one is refused as by its own decoder */
	f.wc = NT_CREATE_WC - 1;
	KUNIT_EXPECT_EQ(test, smb1_dec_open_any(&f, &r), -EIO);

	m = mk_rsp(test, &rsp_cases[RC_OPEN], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_open_any(&f, &r), 0);
	KUNIT_EXPECT_EQ(test, r.fid, 0x4001);
	KUNIT_EXPECT_EQ(test, r.size, 0x12345);
	KUNIT_EXPECT_EQ(test, r.mtime, 1683356891);
	KUNIT_EXPECT_EQ(test, r.ntime.tv_sec, 0);
	KUNIT_EXPECT_EQ(test, r.ntime.tv_nsec, 0);
}

static void read_andx_test(struct kunit *test)
{
	static const u8 read_wc13[] = {
		0x0d,				/* @32 WordCount 13 */
		0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x01, 0x00,			/* @43 DataLength */
		0x3d, 0x00,			/* @45 DataOffset 61 */
		0x00, 0x00,			/* @47 DataLengthHigh */
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* @49 */
		0x01, 0x00,			/* @59 ByteCount */
		'x',				/* @61 */
	};
	struct smb1_read_rsp r;
	struct smb1_frame f;
	size_t len;
	u8 *m;

	m = mk_rsp(test, &rsp_cases[RC_READ], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_read_andx(&f, &r), 0);
	KUNIT_EXPECT_EQ(test, r.data_offset, 60);
	KUNIT_EXPECT_EQ(test, r.data_len, 5);
	KUNIT_EXPECT_EQ(test, r.available, 0xffff);
	KUNIT_EXPECT_EQ(test, memcmp(m + r.data_offset, "hello", 5), 0);

	/* right after the ByteCount is the earliest the data can start */
	m[45] = 59;
	m[43] = 6;
	KUNIT_ASSERT_EQ(test, smb1_dec_read_andx(&f, &r), 0);
	KUNIT_EXPECT_EQ(test, r.data_offset, 59);
	KUNIT_EXPECT_EQ(test, r.data_len, 6);

	/* 13 words is not a READ_ANDX reply, even with its data in place */
	m = mk_msg(test, SMB_COM_READ_ANDX, TEST_FLAGS2_OEM, read_wc13,
		   sizeof(read_wc13));
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, SMB1_HDR_SIZE +
					       sizeof(read_wc13), &f), 0);
	KUNIT_EXPECT_EQ(test, smb1_dec_read_andx(&f, &r), -EIO);

	/* a junk DataLengthHigh from a server without large reads */
	m = mk_rsp(test, &rsp_cases[RC_READ], &len);
	m[47] = 0x01;
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_read_andx(&f, &r), 0);
	KUNIT_EXPECT_EQ(test, r.data_len, 5);
	/* ...but only when the short length accounts for the whole rest */
	m[43] = 4;
	KUNIT_EXPECT_EQ(test, smb1_dec_read_andx(&f, &r), -EIO);
}

static void read_andx_hdr_test(struct kunit *test)
{
	struct smb1_read_rsp r;
	size_t len, have;
	u8 *m, *p;
	int ret;

	m = mk_rsp(test, &rsp_cases[RC_READ], &len);
	/* from any prefix that holds the parameters and the ByteCount */
	for (have = 0; have <= len; have++) {
		p = have ? kunit_kmalloc(test, have, GFP_KERNEL) : NULL;
		if (have)
			memcpy(p, m, have);
		ret = smb1_dec_read_andx_hdr(p, have, len, &r);
		if (have < 59) {
			KUNIT_EXPECT_EQ_MSG(test, ret, -EIO, "have %zu", have);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, ret, 0, "have %zu", have);
		KUNIT_EXPECT_EQ_MSG(test, r.data_offset, 60, "have %zu", have);
		KUNIT_EXPECT_EQ_MSG(test, r.data_len, 5, "have %zu", have);
	}

	/* the data must fit in the total */
	KUNIT_EXPECT_EQ(test, smb1_dec_read_andx_hdr(m, 59, len - 1, &r),
			-EIO);
	/* a prefix longer than the message makes no sense */
	KUNIT_EXPECT_EQ(test, smb1_dec_read_andx_hdr(m, len, len - 1, &r),
			-EIO);
	/* not a READ_ANDX parameter block */
	m[32] = 10;
	KUNIT_EXPECT_EQ(test, smb1_dec_read_andx_hdr(m, len, len, &r), -EIO);
	m[32] = 12;
	/* not a reply */
	m[9] &= ~SMBFLG_REPLY;
	KUNIT_EXPECT_EQ(test, smb1_dec_read_andx_hdr(m, len, len, &r), -EIO);
	m[9] |= SMBFLG_REPLY;
	/* ByteCount past the message */
	m[57] = 7;
	KUNIT_EXPECT_EQ(test, smb1_dec_read_andx_hdr(m, len, len, &r), -EIO);
}

/* More than 64 KiB of data: DataLengthHigh, and a wrapped ByteCount */
static void read_andx_large_test(struct kunit *test)
{
	const u32 dlen = 0x10005;
	const size_t len = 60 + dlen;
	struct smb1_read_rsp r;
	struct smb1_frame f;
	u8 body[28] = {
		0x0c,				/* @32 WordCount 12 */
		0xff, 0x00, 0x00, 0x00,		/* @33 AndX: none */
		0x00, 0x00,			/* @37 Available */
		0x00, 0x00,			/* @39 DataCompactionMode */
		0x00, 0x00,			/* @41 Reserved1 */
		0x05, 0x00,			/* @43 DataLength (low) */
		0x3c, 0x00,			/* @45 DataOffset 60 */
		0x01, 0x00,			/* @47 DataLengthHigh */
		0, 0, 0, 0, 0, 0, 0, 0,		/* @49 Reserved2 */
		0x06, 0x00,			/* @57 ByteCount, wrapped */
		0x00,				/* @59 Pad */
	};
	u8 *m;

	m = kunit_kzalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, m);
	memcpy(m, mk_msg(test, SMB_COM_READ_ANDX, TEST_FLAGS2_OEM, body,
			 sizeof(body)), SMB1_HDR_SIZE + sizeof(body));
	m[len - 1] = 'z';

	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_read_andx(&f, &r), 0);
	KUNIT_EXPECT_EQ(test, r.data_offset, 60);
	KUNIT_EXPECT_EQ(test, r.data_len, dlen);
	KUNIT_ASSERT_EQ(test, smb1_dec_read_andx_hdr(m, 59, len, &r), 0);
	KUNIT_EXPECT_EQ(test, r.data_len, dlen);

	/* one byte short: not a 5-byte read, an error */
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len - 1, &f), 0);
	KUNIT_EXPECT_EQ(test, smb1_dec_read_andx(&f, &r), -EIO);
	KUNIT_EXPECT_EQ(test, smb1_dec_read_andx_hdr(m, 59, len - 1, &r),
			-EIO);
}

static void empty_test(struct kunit *test)
{
	struct smb1_frame f;
	size_t len;
	u8 *m;

	m = mk_rsp(test, &rsp_cases[RC_CLOSE], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_EXPECT_EQ(test, smb1_dec_empty(&f, 0), 0);
	KUNIT_EXPECT_EQ(test, smb1_dec_empty(&f, 1), -EIO);

	m = mk_rsp(test, &rsp_cases[RC_LOGOFF], &len);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_EXPECT_EQ(test, smb1_dec_empty(&f, 2), 0);
	KUNIT_EXPECT_EQ(test, smb1_dec_empty(&f, 3), -EIO);
}

/* The count of a WRITE_ANDX reply: never more than was sent */
static void write_reply_test(struct kunit *test)
{
	static const struct {
		const char *name;
		u8 wc;
		u16 count;
		u16 count_high;
		u32 sent;
		int want;
		u32 want_count;
	} cases[] = {
		{ "all written", 6, 0x1000, 0, 0x1000, 0, 0x1000 },
		{ "short write", 6, 0x0800, 0, 0x1000, 0, 0x0800 },
		{ "nothing written", 6, 0, 0, 0x1000, 0, 0 },
		{ "nothing sent", 6, 0, 0, 0, 0, 0 },
		{ "over 64 KiB", 6, 0x3456, 2, 0x23456, 0, 0x23456 },
		{ "64 KiB", 6, 0, 1, 0x10000, 0, 0x10000 },
		{ "4 GiB - 1", 6, 0xffff, 0xffff, 0xffffffff, 0, 0xffffffff },
		{ "short large write", 6, 0x3455, 2, 0x23456, 0, 0x23455 },
		/* junk in CountHigh of a small write: the low bits count */
		{ "CountHigh junk", 6, 0x1000, 0xdead, 0x1000, 0, 0x1000 },
		{ "CountHigh junk, short", 6, 0x10, 0xffff, 0x1000, 0, 0x10 },
		{ "CountHigh junk, nothing", 6, 0, 0x0001, 0x1000, 0, 0 },
		/* a large write's count above what was sent is bad */
		{ "large over-count", 6, 0x3457, 2, 0x23456, -EIO, 0 },
		{ "64 KiB, over-count", 6, 100, 1, 0x10000, -EIO, 0 },
		/* a count above what was sent, even by its low bits */
		{ "one too many", 6, 0x1001, 0, 0x1000, -EIO, 0 },
		{ "one too many, CountHigh junk", 6, 0x1001, 5, 0x1000, -EIO,
		  0 },
		{ "something of nothing", 6, 1, 0, 0, -EIO, 0 },
		{ "over-count, by its low bits too", 6, 0x2000, 1, 0x1000,
		  -EIO, 0 },
		/* extra words are tolerated, too few are not */
		{ "7 words", 7, 0x1000, 0, 0x1000, 0, 0x1000 },
		{ "12 words", 12, 0x0800, 0, 0x1000, 0, 0x0800 },
		{ "5 words", 5, 0x1000, 0, 0x1000, -EIO, 0 },
		{ "2 words", 2, 0, 0, 0x1000, -EIO, 0 },
		{ "no words", 0, 0, 0, 0x1000, -EIO, 0 },
	};
	u8 words[24], body[1 + sizeof(words) + 2], *m;
	struct smb1_frame f;
	unsigned int i;
	size_t blen;
	u32 count;
	int ret;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(words, 0, sizeof(words));
		words[0] = SMB_COM_NO_ANDX_COMMAND;
		put_unaligned_le16(cases[i].count, words + 4);
		put_unaligned_le16(0xffff, words + 6);	/* Available */
		put_unaligned_le16(cases[i].count_high, words + 8);
		/* the words as far as wc reaches, ByteCount 0 */
		memset(body, 0, sizeof(body));
		body[0] = cases[i].wc;
		memcpy(body + 1, words, 2 * cases[i].wc);
		blen = 1 + 2 * cases[i].wc + 2;
		m = mk_msg(test, SMB_COM_WRITE_ANDX, TEST_FLAGS2_OEM, body,
			   blen);
		KUNIT_ASSERT_EQ_MSG(test, smb1_parse_frame(m, SMB1_HDR_SIZE +
				    blen, &f), 0, "%s", cases[i].name);
		count = 0xdeadbeef;
		ret = smb1_dec_write_andx(&f, cases[i].sent, &count);
		KUNIT_EXPECT_EQ_MSG(test, ret, cases[i].want, "%s",
				    cases[i].name);
		KUNIT_EXPECT_EQ_MSG(test, count, cases[i].want_count, "%s",
				    cases[i].name);
		KUNIT_EXPECT_LE_MSG(test, count, cases[i].sent, "%s",
				    cases[i].name);
	}

	/* the table reply, whole: Count, not Available, not ByteCount */
	m = mk_rsp(test, &rsp_cases[RC_WRITE], &blen);
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, blen, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_write_andx(&f, TEST_WRITE_SENT, &count),
			0);
	KUNIT_EXPECT_EQ(test, count, 0x800);
}

/* ------------------------------------------------------------------ */
/* Truncated and corrupted replies                                     */
/* ------------------------------------------------------------------ */

/* Every reply decodes whole, and every proper prefix fails with -EIO. */
static void reply_prefix_test(struct kunit *test)
{
	const struct rsp_case *c;
	unsigned int i;
	size_t len, n;
	u8 *m, *p;
	int ret;

	for (i = 0; i < ARRAY_SIZE(rsp_cases); i++) {
		c = &rsp_cases[i];
		m = mk_rsp(test, c, &len);
		KUNIT_EXPECT_EQ_MSG(test, c->decode(m, len), 0, "%s", c->name);
		for (n = 0; n < len; n++) {
			p = NULL;
			if (n) {
				p = kunit_kmalloc(test, n, GFP_KERNEL);
				KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
				memcpy(p, m, n);
			}
			ret = c->decode(p, n);
			KUNIT_EXPECT_EQ_MSG(test, ret, -EIO, "%s, %zu of %zu",
					    c->name, n, len);
			if (p)
				kunit_kfree(test, p);
		}
	}
}

struct patch {
	u16 off;		/* from the start of the header */
	u8 width;		/* 1, 2 or 4 bytes; 0: unused */
	u32 val;
};

struct mut_case {
	const char *name;
	int rsp;		/* index in rsp_cases */
	struct patch p[2];
	int want;
};

#define P1(o, v)	{ { (o), 1, (v) } }
#define P2(o, v)	{ { (o), 2, (v) } }
#define P4(o, v)	{ { (o), 4, (v) } }

static const struct mut_case mut_cases[] = {
	/* header */
	{ "SMB2 signature", RC_TCON, P1(0, 0xfe), -EPROTONOSUPPORT },
	{ "bad signature", RC_TCON, P1(1, 'X'), -EIO },
	{ "request, not a reply", RC_TCON, P1(9, 0x18), -EIO },
	/* frame */
	{ "WordCount past the frame", RC_TCON, P1(32, 0xff), -EIO },
	{ "WordCount one too many", RC_TCON, P1(32, 4), -EIO },
	{ "ByteCount one too many", RC_TCON, P2(39, 9), -EIO },
	{ "ByteCount 0xFFFF", RC_TCON, P2(39, 0xffff), -EIO },
	{ "read: WordCount past the frame", RC_READ, P1(32, 0x20), -EIO },
	/* negotiate */
	{ "dialect index 0xFFFF", RC_NEG, P2(33, 0xffff), -EPROTONOSUPPORT },
	{ "dialect index out of range", RC_NEG, P2(33, 2), -EIO },
	{ "dialect index 0xFFFE", RC_NEG, P2(33, 0xfffe), -EIO },
	{ "challenge of 9 bytes", RC_NEG, P1(66, 9), -EIO },
	{ "challenge of 7 bytes", RC_NEG, P1(66, 7), -EIO },
	{ "no challenge with encryption", RC_NEG, P1(66, 0), -EIO },
	{ "challenge past the bytes", RC_NEG, P2(67, 4), -EIO },
	{ "challenge of 255 bytes", RC_NEG, P1(66, 255), -EIO },
	{ "plaintext, oversized challenge", RC_NEG,
	  { { 35, 1, 1 }, { 66, 1, 9 } }, -EIO },
	{ "plaintext, no challenge", RC_NEG,
	  { { 35, 1, 1 }, { 66, 1, 0 } }, 0 },
	{ "extended security, short GUID", RC_NEG_EXTSEC, P2(67, 15), -EIO },
	{ "extended security, no blob", RC_NEG_EXTSEC, P2(67, 16), 0 },
	/* session setup */
	{ "session setup, blob past the bytes", RC_SS_EXTSEC, P2(39, 3),
	  -EIO },
	{ "session setup, 2 words", RC_SS, P1(32, 2), -EIO },
	{ "session setup, 5 words", RC_SS_EXTSEC, { { 32, 1, 5 }, { 43, 2, 0 } },
	  -EIO },
	/* AndX chains */
	{ "AndX no follower", RC_CHAIN, P1(33, 0xff), -ENOENT },
	{ "AndX backwards to itself", RC_CHAIN, P2(35, 32), -EIO },
	{ "AndX into the header", RC_CHAIN, P2(35, 10), -EIO },
	{ "AndX to zero", RC_CHAIN, P2(35, 0), -EIO },
	{ "AndX inside its own bytes", RC_CHAIN, P2(35, 44), -EIO },
	{ "AndX at the end of the frame", RC_CHAIN, P2(35, 61), -EIO },
	{ "AndX past the frame", RC_CHAIN, P2(35, 0xffff), -EIO },
	{ "AndX block does not fit", RC_CHAIN, P2(35, 57), -EIO },
	{ "AndX ByteCount past the frame", RC_CHAIN, P2(52, 8), -EIO },
	{ "AndX WordCount past the frame", RC_CHAIN, P1(45, 9), -EIO },
	{ "second AndX back to itself", RC_CHAIN,
	  { { 46, 1, 0x2e }, { 48, 2, 45 } }, -EIO },
	{ "second AndX back to the first", RC_CHAIN,
	  { { 46, 1, 0x2e }, { 48, 2, 32 } }, -EIO },
	/* tree connect */
	{ "service unterminated", RC_TCON, P2(39, 2), -EIO },
	{ "service missing", RC_TCON, P2(39, 0), -EIO },
	{ "tree connect, 5 words", RC_TCON_EXT, P1(32, 5), -EIO },
	/* TRANS2 */
	{ "TRANS2 ParameterOffset past the frame", RC_QPI, P2(41, 0xfff0),
	  -EIO },
	{ "TRANS2 ParameterOffset into the header", RC_QPI, P2(41, 10),
	  -EIO },
	{ "TRANS2 ParameterOffset at the ByteCount", RC_QPI, P2(41, 53),
	  -EIO },
	{ "TRANS2 DataOffset past the frame", RC_QPI, P2(47, 61), -EIO },
	{ "TRANS2 DataOffset 0xFFFF", RC_QPI, P2(47, 0xffff), -EIO },
	{ "TRANS2 DataOffset into the words", RC_QPI, P2(47, 40), -EIO },
	{ "TRANS2 DataCount past the frame", RC_QPI,
	  { { 35, 2, 77 }, { 45, 2, 77 } }, -EIO },
	{ "TRANS2 counts 0xFFFF", RC_QPI,
	  { { 35, 2, 0xffff }, { 45, 2, 0xffff } }, -EIO },
	{ "TRANS2 ParameterCount past the frame", RC_QPI,
	  { { 33, 2, 0x7fff }, { 39, 2, 0x7fff } }, -EIO },
	{ "TRANS2 more parameters to come", RC_QPI, P2(33, 4), -EIO },
	{ "TRANS2 more data to come", RC_QPI, P2(35, 200), -EIO },
	{ "TRANS2 ParameterDisplacement", RC_QPI, P2(43, 2), -EIO },
	{ "TRANS2 DataDisplacement", RC_QPI, P2(49, 1), -EIO },
	{ "TRANS2 setup words past the words", RC_QPI, P1(51, 1), -EIO },
	{ "TRANS2 setup words 255", RC_QPI, P1(51, 255), -EIO },
	{ "TRANS2 9 words", RC_QPI, P1(32, 9), -EIO },
	{ "FILE_ALL_INFO one byte short", RC_QPI,
	  { { 35, 2, 71 }, { 45, 2, 71 } }, -EIO },
	{ "FILE_ALL_INFO without the name", RC_QPI,
	  { { 35, 2, 72 }, { 45, 2, 72 } }, 0 },
	{ "FIND params one byte short", RC_FF,
	  { { 33, 2, 9 }, { 39, 2, 9 } }, -EIO },
	{ "FIND_NEXT params one byte short", RC_FN,
	  { { 33, 2, 7 }, { 39, 2, 7 } }, -EIO },
	{ "FIND data cut inside the second entry", RC_FF,
	  { { 35, 2, 149 }, { 45, 2, 149 } }, -EIO },
	/* the data is believed over the count (impacket counts one more) */
	{ "FIND data ends after the first of two entries", RC_FF,
	  { { 35, 2, 80 }, { 45, 2, 80 } }, 0 },
	{ "FIND data missing", RC_FF,
	  { { 35, 2, 0 }, { 45, 2, 0 } }, -EIO },
	{ "FIND SearchCount past the entries", RC_FF, P2(58, 3), 0 },
	{ "FIND entry NextEntryOffset past the data", RC_FF, P4(68, 0x96 + 4),
	  -EIO },
	{ "FIND entry FileNameLength past the data", RC_FF, P4(208, 0x10),
	  -EIO },
	{ "FIND ids: NextEntryOffset inside the file id", RC_FF_ID,
	  P4(68, 88), -EIO },
	{ "FIND ids: FileNameLength past the data", RC_FF_ID, P4(224, 7),
	  -EIO },
	{ "FIND ids: data cut inside the second entry", RC_FF_ID,
	  { { 35, 2, 181 }, { 45, 2, 181 } }, -EIO },
	{ "FIND ids: data ends after the first of two entries", RC_FF_ID,
	  { { 35, 2, 96 }, { 45, 2, 96 } }, 0 },
	/* OPEN_ANDX */
	{ "open, 14 words", RC_OPEN, P1(32, 14), -EIO },
	{ "open, 16 words", RC_OPEN_EXT, P1(32, 16), -EIO },
	{ "open, 17 words", RC_OPEN_EXT, { { 32, 1, 17 }, { 67, 2, 0 } },
	  -EIO },
	/* NT_CREATE_ANDX */
	{ "NT create, 33 words", RC_NT_CREATE, P1(32, 33), -EIO },
	{ "NT create, 0 words", RC_NT_CREATE, P1(32, 0), -EIO },
	{ "NT create extended, 42 words", RC_NT_CREATE_EXT,
	  { { 32, 1, 42 }, { 117, 2, 0 } }, 0 },
	{ "NT create extended, 49 words", RC_NT_CREATE_EXT,
	  { { 32, 1, 49 }, { 131, 2, 0 } }, 0 },
	/* READ_ANDX */
	{ "read DataOffset in the header", RC_READ, P2(45, 10), -EIO },
	{ "read DataOffset in the words", RC_READ, P2(45, 40), -EIO },
	{ "read DataOffset at the ByteCount", RC_READ, P2(45, 58), -EIO },
	{ "read DataOffset at the end", RC_READ, P2(45, 65), -EIO },
	{ "read DataOffset past the frame", RC_READ, P2(45, 66), -EIO },
	{ "read DataOffset 0xFFFF", RC_READ, P2(45, 0xffff), -EIO },
	{ "read DataLength one too many", RC_READ, P2(43, 6), -EIO },
	{ "read DataLength 0xFFFF", RC_READ, P2(43, 0xffff), -EIO },
	{ "read DataLengthHigh past the frame", RC_READ,
	  { { 43, 2, 6 }, { 47, 2, 1 } }, -EIO },
	{ "read DataLengthHigh 0xFFFF", RC_READ, P2(47, 0xffff), 0 },
	{ "read no data", RC_READ, P2(43, 0), 0 },
	{ "read, 10 words", RC_READ, P1(32, 10), -EIO },
	/* empty replies */
	{ "logoff, 1 word", RC_LOGOFF, { { 32, 1, 1 }, { 35, 2, 0 } }, -EIO },
	/* WRITE_ANDX */
	{ "write, 5 words", RC_WRITE, { { 32, 1, 5 }, { 43, 2, 0 } }, -EIO },
	{ "write Count above sent", RC_WRITE, P2(37, 0x1001), -EIO },
	{ "write Count all sent", RC_WRITE, P2(37, 0x1000), 0 },
	{ "write CountHigh junk", RC_WRITE, P2(41, 0xdead), 0 },
	{ "write CountHigh junk, Count above sent", RC_WRITE,
	  { { 37, 2, 0x1001 }, { 41, 2, 0xdead } }, -EIO },
	{ "write ByteCount past the frame", RC_WRITE, P2(45, 1), -EIO },
	{ "write WordCount past the frame", RC_WRITE, P1(32, 7), -EIO },
};

static void apply_patch(u8 *m, const struct patch *p)
{
	switch (p->width) {
	case 1:
		m[p->off] = p->val;
		break;
	case 2:
		put_unaligned_le16(p->val, m + p->off);
		break;
	case 4:
		put_unaligned_le32(p->val, m + p->off);
		break;
	}
}

static void reply_mutation_test(struct kunit *test)
{
	const struct mut_case *c;
	const struct rsp_case *r;
	unsigned int i, j;
	size_t len;
	u8 *m;

	for (i = 0; i < ARRAY_SIZE(mut_cases); i++) {
		c = &mut_cases[i];
		r = &rsp_cases[c->rsp];
		m = mk_rsp(test, r, &len);
		for (j = 0; j < ARRAY_SIZE(c->p); j++) {
			if (!c->p[j].width)
				continue;
			KUNIT_ASSERT_LE_MSG(test, c->p[j].off + c->p[j].width,
					    len, "%s", c->name);
			apply_patch(m, &c->p[j]);
		}
		KUNIT_EXPECT_EQ_MSG(test, r->decode(m, len), c->want, "%s",
				    c->name);
	}
}

/* Decoders of TRANS2 payloads on every short payload, exactly sized */
static void payload_prefix_test(struct kunit *test)
{
	struct smb1_trans2_rsp t;
	struct smb1_find_rsp r;
	struct smb1_fattr fa;
	unsigned int entries;
	size_t n;
	u8 *p;
	int ret;

	for (n = 0; n <= QPI_DATA_LEN; n++) {
		p = n ? kunit_kmalloc(test, n, GFP_KERNEL) : NULL;
		if (n)
			memcpy(p, rsp_qpi + QPI_DATA_OFF, n);
		memset(&t, 0, sizeof(t));
		t.data = p;
		t.data_len = n;
		ret = smb1_dec_file_all_info(&t, &fa);
		KUNIT_EXPECT_EQ_MSG(test, ret, n < 72 ? -EIO : 0, "%zu", n);
	}

	for (n = 0; n <= 10; n++) {
		p = n ? kunit_kmalloc(test, n, GFP_KERNEL) : NULL;
		if (n)
			memcpy(p, rsp_ff + FF_PARAM_OFF, n);
		memset(&t, 0, sizeof(t));
		t.params = p;
		t.param_len = n;
		KUNIT_EXPECT_EQ_MSG(test, smb1_dec_find_first(&t, &r),
				    n < 10 ? -EIO : 0, "%zu", n);
		KUNIT_EXPECT_EQ_MSG(test, smb1_dec_find_next(&t, &r),
				    n < 8 ? -EIO : 0, "%zu", n);
	}

	/*
	 * two entries promised: every shorter data block fails, but for
	 * one that ends exactly after the first entry, padded (the data is
	 * believed over the count: impacket's server counts one more) or
	 * not (its FIND_NEXT2 leaves the padding out)
	 */
	for (n = 0; n <= FF_DATA_LEN; n++) {
		p = n ? kunit_kmalloc(test, n, GFP_KERNEL) : NULL;
		if (n)
			memcpy(p, rsp_ff + FF_DATA_OFF, n);
		memset(&r, 0, sizeof(r));
		r.count = 2;
		r.data = p;
		r.data_len = n;
		ret = walk_find(&r, &entries);
		if (n == FF_DATA_LEN) {
			KUNIT_EXPECT_EQ(test, ret, 0);
			KUNIT_EXPECT_EQ(test, entries, 2);
		} else if (n == 80 || n == 74) {
			KUNIT_EXPECT_EQ(test, ret, 0);
			KUNIT_EXPECT_EQ(test, entries, 1);
		} else {
			KUNIT_EXPECT_EQ_MSG(test, ret, -EIO, "%zu", n);
			KUNIT_EXPECT_EQ_MSG(test, entries, n < 80 ? 0 : 1,
					    "%zu", n);
		}
	}

	/* the same at SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO: 96 or 90 */
	for (n = 0; n <= FFID_DATA_LEN; n++) {
		p = n ? kunit_kmalloc(test, n, GFP_KERNEL) : NULL;
		if (n)
			memcpy(p, rsp_ff_id + FFID_DATA_OFF, n);
		memset(&r, 0, sizeof(r));
		r.count = 2;
		r.data = p;
		r.data_len = n;
		r.level = SMB1_FIND_LEVEL_ID_FULL;
		ret = walk_find(&r, &entries);
		if (n == FFID_DATA_LEN) {
			KUNIT_EXPECT_EQ(test, ret, 0);
			KUNIT_EXPECT_EQ(test, entries, 2);
		} else if (n == 96 || n == 90) {
			KUNIT_EXPECT_EQ_MSG(test, ret, 0, "%zu", n);
			KUNIT_EXPECT_EQ_MSG(test, entries, 1, "%zu", n);
		} else {
			KUNIT_EXPECT_EQ_MSG(test, ret, -EIO, "%zu", n);
			KUNIT_EXPECT_EQ_MSG(test, entries, n < 96 ? 0 : 1,
					    "%zu", n);
		}
	}
}

/* TRANS2_QUERY_FS_INFORMATION and its SMB_QUERY_FS_SIZE_INFO reply */
static void query_fs_info_test(struct kunit *test)
{
	static const u8 size_info[24] = {
		0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, /* total */
		0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, /* free */
		0x08, 0x00, 0x00, 0x00,				/* sectors */
		0x00, 0x02, 0x00, 0x00,				/* bytes */
	};
	struct smb1_hdr_info hi = { .cmd = SMB_COM_TRANSACTION2 };
	struct smb1_trans2_rsp t = { 0 };
	struct smb1_fs_size fs;
	struct smb1_wbuf w;
	u8 *buf, *data;
	size_t n;

	buf = kunit_kzalloc(test, 128, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	smb1_wbuf_init(&w, buf, 128);
	smb1_put_hdr(&w, &hi);
	KUNIT_ASSERT_EQ(test, smb1_enc_query_fs_info(&w, SMB_QUERY_FS_SIZE_INFO,
						     1000, false), 0);
	/* 32 header, 1 + 30 words, 2 count, name, pad to 4, 2 params */
	KUNIT_EXPECT_EQ(test, w.len, 70);
	KUNIT_EXPECT_EQ(test, buf[32], 15);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 33), 2);	/* total params */
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 35), 0);	/* total data */
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 39), 1000);	/* max data */
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 51), 2);	/* param count */
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 53), 68);	/* param offset */
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 55), 0);	/* data count */
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 57), 70);	/* data offset */
	KUNIT_EXPECT_EQ(test, buf[59], 1);				/* setup count */
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 61),
			TRANS2_QUERY_FS_INFORMATION);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 63), 5);	/* byte count */
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 68),
			SMB_QUERY_FS_SIZE_INFO);

	/* every prefix of the reply data is refused, the whole is read */
	for (n = 0; n <= sizeof(size_info); n++) {
		data = kunit_kmalloc(test, n ? n : 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, data);
		memcpy(data, size_info, n);
		t.data = data;
		t.data_len = n;
		KUNIT_EXPECT_EQ(test, smb1_dec_fs_size_info(&t, &fs),
				n == sizeof(size_info) ? 0 : -EIO);
	}
	KUNIT_EXPECT_EQ(test, fs.total_units, 0x100000ULL);
	KUNIT_EXPECT_EQ(test, fs.free_units, 0x8000ULL);
	KUNIT_EXPECT_EQ(test, fs.sectors_per_unit, 8);
	KUNIT_EXPECT_EQ(test, fs.bytes_per_sector, 512);
	t.data = NULL;
	KUNIT_EXPECT_EQ(test, smb1_dec_fs_size_info(&t, &fs), -EIO);
}

/*
 * Path requests are sized to their path: a lookup's buffer is a small
 * allocation, and the longest path of the worst characters (four UTF-8
 * bytes each, two UTF-16 units) still fits every path encoder, in
 * Unicode and OEM.
 */
static char *fill_path(struct kunit *test, const char *unit, size_t max)
{
	size_t ulen = strlen(unit), n = (max - 1) / ulen, i;
	char *p = kunit_kzalloc(test, n * ulen + 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < n; i++)
		memcpy(p + i * ulen, unit, ulen);
	return p;
}

static void path_req_len_test(struct kunit *test)
{
	const char *const paths[] = {
		"", "\\", "\\dir\\file.txt",
		fill_path(test, "\\a", SMB1_MAX_PATH_BYTES),
		fill_path(test, "\xe4\xb8\xad", SMB1_MAX_PATH_BYTES),
		fill_path(test, "\xf0\x9f\x98\x80", SMB1_MAX_PATH_BYTES),
	};
	unsigned int i, u;
	struct smb1_wbuf w;
	size_t len;
	u8 *buf;
	int ret;

	KUNIT_EXPECT_LE(test, NB_HDR_SIZE + SMB1_HDR_SIZE +
			smb1_path_req_len("\\dir\\file.txt"), 256);
	for (u = 0; u < 2; u++) {
		for (i = 0; i < ARRAY_SIZE(paths); i++) {
			const char *p = paths[i];

			len = SMB1_HDR_SIZE + smb1_path_req_len(p);
			buf = kunit_kzalloc(test, len + 48, GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, buf);

			smb1_wbuf_init(&w, buf, len);
			smb1_put_zero(&w, SMB1_HDR_SIZE);
			KUNIT_EXPECT_EQ_MSG(test, smb1_enc_query_path_info(&w,
					    p, SMB_QUERY_FILE_ALL_INFO, 4000, u),
					    0, "path %u unicode %u", i, u);
			smb1_wbuf_init(&w, buf, len);
			smb1_put_zero(&w, SMB1_HDR_SIZE);
			KUNIT_EXPECT_EQ_MSG(test, smb1_enc_find_first(&w, p,
					    0x16, 100, 0, 0x104, 4000, u),
					    0, "path %u unicode %u", i, u);
			smb1_wbuf_init(&w, buf, len);
			smb1_put_zero(&w, SMB1_HDR_SIZE);
			KUNIT_EXPECT_EQ_MSG(test, smb1_enc_query_information(&w,
					    p, u), 0, "path %u unicode %u", i, u);
			smb1_wbuf_init(&w, buf, len + 48);
			smb1_put_zero(&w, SMB1_HDR_SIZE);
			KUNIT_EXPECT_EQ_MSG(test, smb1_enc_open_read(&w, p,
					    NULL, 4096, true, u),
					    0, "path %u unicode %u", i, u);
			smb1_wbuf_init(&w, buf, len);
			smb1_put_zero(&w, SMB1_HDR_SIZE);
			put_unaligned_le16(u ? SMBFLG2_UNICODE : 0, buf + 10);
			ret = smb1_enc_nt_create(&w, p, &test_nt_create);
			KUNIT_EXPECT_EQ_MSG(test, ret, 0, "path %u unicode %u",
					    i, u);
		}
	}
}

static struct kunit_case smb1_proto_test_cases[] = {
	KUNIT_CASE(wbuf_put_test),
	KUNIT_CASE(wbuf_align_test),
	KUNIT_CASE(put_string_test),
	KUNIT_CASE(put_hdr_test),
	KUNIT_CASE(encoder_vectors_test),
	KUNIT_CASE(encoder_small_buffer_test),
	KUNIT_CASE(encoder_invalid_test),
	KUNIT_CASE(write_enc_vectors_test),
	KUNIT_CASE(write_enc_small_buffer_test),
	KUNIT_CASE(write_andx_lengths_test),
	KUNIT_CASE(write_andx_limit_test),
	KUNIT_CASE(write_enc_invalid_test),
	KUNIT_CASE(cur_empty_test),
	KUNIT_CASE(parse_frame_test),
	KUNIT_CASE(andx_chain_test),
	KUNIT_CASE(negotiate_test),
	KUNIT_CASE(negotiate_oem_test),
	KUNIT_CASE(negotiate_extsec_test),
	KUNIT_CASE(negotiate_wc_test),
	KUNIT_CASE(sess_setup_test),
	KUNIT_CASE(tree_connect_test),
	KUNIT_CASE(query_path_info_test),
	KUNIT_CASE(query_fs_info_test),
	KUNIT_CASE(path_req_len_test),
	KUNIT_CASE(find_first_test),
	KUNIT_CASE(find_next_test),
	KUNIT_CASE(find_iter_malformed_test),
	KUNIT_CASE(find_iter_unpadded_test),
	KUNIT_CASE(find_first_id_full_test),
	KUNIT_CASE(find_iter_id_full_test),
	KUNIT_CASE(find_last_is_test),
	KUNIT_CASE(open_andx_test),
	KUNIT_CASE(nt_create_test),
	KUNIT_CASE(open_any_test),
	KUNIT_CASE(internal_info_test),
	KUNIT_CASE(read_andx_test),
	KUNIT_CASE(read_andx_hdr_test),
	KUNIT_CASE(read_andx_large_test),
	KUNIT_CASE(empty_test),
	KUNIT_CASE(write_reply_test),
	KUNIT_CASE(reply_prefix_test),
	KUNIT_CASE(reply_mutation_test),
	KUNIT_CASE(payload_prefix_test),
	{}
};

static struct kunit_suite smb1_proto_test_suite = {
	.name = "smb1fs_proto",
	.test_cases = smb1_proto_test_cases,
};

kunit_test_suites(&smb1_proto_test_suite);
