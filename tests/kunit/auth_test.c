// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for smb1fs password hashes and challenge responses.
 *
 * Vectors: RFC 1320 A.5 (MD4), RFC 2202 (HMAC-MD5), [MS-NLMP] 4.2.1,
 * 4.2.2 and 4.2.4 (NT hash, LM, NTLMv1, NTLMv2).  The remaining values
 * (MD4 across block boundaries, non-ASCII passwords and user names, a
 * non-zero timestamp, more LM passwords) were computed with independent
 * implementations.
 */

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../fs/smb1fs/internal.h"

/* Compare two byte strings and print both in hex on a mismatch. */
static void expect_bytes(struct kunit *test, const u8 *got, const u8 *want,
			 size_t len, const char *what)
{
	size_t off, n;

	for (off = 0; off < len; off += 32) {
		n = min_t(size_t, len - off, 32);
		KUNIT_EXPECT_TRUE_MSG(test, !memcmp(got + off, want + off, n),
				      "%s, bytes %zu-%zu: got %*phN, want %*phN",
				      what, off, off + n - 1, (int)n, got + off,
				      (int)n, want + off);
	}
}

/* ------------------------------------------------------------------ */
/* MD4                                                                 */
/* ------------------------------------------------------------------ */

struct md4_case {
	const char *name;
	const char *msg;
	u8 digest[16];
};

/* RFC 1320, A.5 */
static const struct md4_case md4_rfc_cases[] = {
	{
		.name = "empty",
		.msg = "",
		.digest = { 0x31, 0xd6, 0xcf, 0xe0, 0xd1, 0x6a, 0xe9, 0x31,
			    0xb7, 0x3c, 0x59, 0xd7, 0xe0, 0xc0, 0x89, 0xc0 },
	},
	{
		.name = "a",
		.msg = "a",
		.digest = { 0xbd, 0xe5, 0x2c, 0xb3, 0x1d, 0xe3, 0x3e, 0x46,
			    0x24, 0x5e, 0x05, 0xfb, 0xdb, 0xd6, 0xfb, 0x24 },
	},
	{
		.name = "abc",
		.msg = "abc",
		.digest = { 0xa4, 0x48, 0x01, 0x7a, 0xaf, 0x21, 0xd8, 0x52,
			    0x5f, 0xc1, 0x0a, 0xe8, 0x7a, 0xa6, 0x72, 0x9d },
	},
	{
		.name = "message digest",
		.msg = "message digest",
		.digest = { 0xd9, 0x13, 0x0a, 0x81, 0x64, 0x54, 0x9f, 0xe8,
			    0x18, 0x87, 0x48, 0x06, 0xe1, 0xc7, 0x01, 0x4b },
	},
	{
		.name = "alphabet",
		.msg = "abcdefghijklmnopqrstuvwxyz",
		.digest = { 0xd7, 0x9e, 0x1c, 0x30, 0x8a, 0xa5, 0xbb, 0xcd,
			    0xee, 0xa8, 0xed, 0x63, 0xdf, 0x41, 0x2d, 0xa9 },
	},
	{
		.name = "alphanumeric (62 bytes)",
		.msg =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
		.digest = { 0x04, 0x3f, 0x85, 0x82, 0xf2, 0x41, 0xdb, 0x35,
			    0x1c, 0xe6, 0x27, 0xe1, 0x53, 0xe7, 0xf0, 0xe4 },
	},
	{
		.name = "digits (80 bytes)",
		.msg =
		"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
		.digest = { 0xe3, 0x3b, 0x4d, 0xdc, 0x9c, 0x38, 0xf2, 0x19,
			    0x9c, 0x3e, 0x7b, 0x16, 0x4f, 0xcc, 0x05, 0x36 },
	},
};

static void md4_case_desc(const struct md4_case *t, char *desc)
{
	strscpy(desc, t->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(md4_rfc, md4_rfc_cases, md4_case_desc);

static void md4_rfc_test(struct kunit *test)
{
	const struct md4_case *t = test->param_value;
	u8 out[16];

	memset(out, 0x5a, sizeof(out));
	smb1_md4((const u8 *)t->msg, strlen(t->msg), out);
	expect_bytes(test, out, t->digest, 16, t->name);
}

/*
 * Prefixes of one long message, byte i being (i * 131 + 7) mod 256, whose
 * lengths sit on either side of the places where the padding changes:
 * 55 (padding fits the block), 56 (length spills into a second block),
 * 63, 64 (one full block and a padding block), 65, and the same one block
 * further on.
 */
#define MD4_PATTERN_MAX	1000

struct md4_len_case {
	size_t len;
	u8 digest[16];
};

static const struct md4_len_case md4_len_cases[] = {
	{ 55, { 0x49, 0x3d, 0x72, 0xe4, 0x17, 0x17, 0x17, 0xb1,
		0x37, 0x6f, 0x8c, 0xd7, 0x1e, 0xa2, 0x70, 0x03 } },
	{ 56, { 0x16, 0x8f, 0x16, 0x2b, 0xef, 0x69, 0x43, 0x01,
		0x8f, 0xfc, 0xf7, 0x3f, 0xd4, 0x4f, 0x39, 0x11 } },
	{ 57, { 0x81, 0x52, 0x23, 0xe0, 0x00, 0xf8, 0xfc, 0xe7,
		0xdd, 0x31, 0x62, 0x9f, 0x5c, 0xcb, 0xcb, 0x61 } },
	{ 63, { 0x59, 0x22, 0x92, 0x30, 0xe5, 0xef, 0x5f, 0xa0,
		0xe2, 0x5c, 0xed, 0x4c, 0x91, 0xad, 0x78, 0xa3 } },
	{ 64, { 0x2d, 0xda, 0x0e, 0x87, 0xb4, 0x47, 0xd5, 0x03,
		0x13, 0x33, 0xce, 0xec, 0x31, 0x99, 0x36, 0x3d } },
	{ 65, { 0x19, 0x6d, 0x89, 0x75, 0xc1, 0x27, 0xf1, 0xed,
		0x20, 0x53, 0x72, 0xbb, 0x9f, 0x73, 0x8f, 0x0b } },
	{ 119, { 0x16, 0x10, 0x5f, 0x07, 0xb9, 0xdf, 0x37, 0xd6,
		 0x25, 0xf5, 0xc8, 0x38, 0xf9, 0x4a, 0x97, 0x85 } },
	{ 120, { 0x70, 0xa1, 0x76, 0xab, 0x35, 0xae, 0x93, 0xd7,
		 0x58, 0x26, 0x7a, 0xa4, 0x12, 0xd6, 0xf5, 0xd7 } },
	{ 127, { 0x72, 0xf3, 0xd7, 0xce, 0x10, 0x6a, 0xa1, 0x83,
		 0x5e, 0xc0, 0x6d, 0x0d, 0x3d, 0x81, 0xf1, 0x9e } },
	{ 128, { 0xbd, 0x99, 0x99, 0x6d, 0x6c, 0x5b, 0x90, 0x2a,
		 0x86, 0xe8, 0x6b, 0x3c, 0xe1, 0x2c, 0xab, 0x71 } },
	{ 129, { 0xee, 0x46, 0xa4, 0x50, 0xe7, 0x42, 0xed, 0x81,
		 0x10, 0x6c, 0xd7, 0xdf, 0xce, 0xba, 0xc5, 0xab } },
	{ 1000, { 0x26, 0x63, 0x46, 0x22, 0xb1, 0x02, 0x5d, 0xcf,
		  0xde, 0xf6, 0xc1, 0xb6, 0xd0, 0xe3, 0xf8, 0xfc } },
};

static void md4_len_case_desc(const struct md4_len_case *t, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%zu bytes", t->len);
}

KUNIT_ARRAY_PARAM(md4_len, md4_len_cases, md4_len_case_desc);

static void md4_length_test(struct kunit *test)
{
	const struct md4_len_case *t = test->param_value;
	u8 out[16];
	u8 *msg;
	size_t i;

	KUNIT_ASSERT_LE(test, t->len, (size_t)MD4_PATTERN_MAX);
	/* exactly len bytes, so that KASAN sees any read beyond them */
	msg = kunit_kmalloc(test, t->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, msg);
	for (i = 0; i < t->len; i++)
		msg[i] = (u8)(i * 131 + 7);

	smb1_md4(msg, t->len, out);
	expect_bytes(test, out, t->digest, 16, "md4");
}

/* ------------------------------------------------------------------ */
/* NT hash                                                             */
/* ------------------------------------------------------------------ */

struct nt_hash_case {
	const char *name;
	const char *password;
	u8 hash[16];
};

static const struct nt_hash_case nt_hash_cases[] = {
	{
		/* [MS-NLMP] 4.2.2.1.2 */
		.name = "Password",
		.password = "Password",
		.hash = { 0xa4, 0xf4, 0x9c, 0x40, 0x65, 0x10, 0xbd, 0xca,
			  0xb6, 0x82, 0x4e, 0xe7, 0xc3, 0x0f, 0xd8, 0x52 },
	},
	{
		.name = "empty",
		.password = "",
		.hash = { 0x31, 0xd6, 0xcf, 0xe0, 0xd1, 0x6a, 0xe9, 0x31,
			  0xb7, 0x3c, 0x59, 0xd7, 0xe0, 0xc0, 0x89, 0xc0 },
	},
	{
		/* G r u-umlaut sharp-s e euro: 2- and 3-byte UTF-8 */
		.name = "Latin-1 and euro sign",
		.password = "Gr\xc3\xbc\xc3\x9f\x65\xe2\x82\xac",
		.hash = { 0x6a, 0xc9, 0x4d, 0x23, 0xb1, 0x47, 0x9d, 0x8e,
			  0xe3, 0xa0, 0xc8, 0xd2, 0xbd, 0xaf, 0x1c, 0x34 },
	},
	{
		/* U+1F600 "pw": a surrogate pair in UTF-16 */
		.name = "outside the BMP",
		.password = "\xf0\x9f\x98\x80pw",
		.hash = { 0x81, 0x0e, 0xcc, 0x43, 0x20, 0x30, 0xdf, 0x99,
			  0xf6, 0x4e, 0x27, 0xf1, 0x3f, 0x1a, 0x09, 0x2f },
	},
};

static void nt_hash_case_desc(const struct nt_hash_case *t, char *desc)
{
	strscpy(desc, t->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(nt_hash, nt_hash_cases, nt_hash_case_desc);

static void nt_hash_test(struct kunit *test)
{
	const struct nt_hash_case *t = test->param_value;
	u8 out[SMB1_NT_HASH_SIZE];

	memset(out, 0x5a, sizeof(out));
	KUNIT_ASSERT_EQ(test, smb1_nt_hash(t->password, out), 0);
	expect_bytes(test, out, t->hash, sizeof(out), t->name);
}

struct bad_utf8_case {
	const char *name;
	const char *str;
};

static const struct bad_utf8_case bad_utf8_cases[] = {
	{ "lone continuation byte", "ab\x80yz" },
	{ "0xff byte", "\xff" },
	{ "truncated 2-byte sequence", "pass\xc3" },
	{ "truncated 3-byte sequence", "\xe2\x82" },
	{ "overlong slash", "\xc0\xaf" },
	{ "encoded surrogate", "\xed\xa0\x80" },
	{ "beyond U+10FFFF", "\xf4\x90\x80\x80" },
};

static void bad_utf8_case_desc(const struct bad_utf8_case *t, char *desc)
{
	strscpy(desc, t->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad_utf8, bad_utf8_cases, bad_utf8_case_desc);

static void nt_hash_bad_utf8_test(struct kunit *test)
{
	const struct bad_utf8_case *t = test->param_value;
	u8 out[SMB1_NT_HASH_SIZE];
	u8 untouched[SMB1_NT_HASH_SIZE];

	memset(out, 0x5a, sizeof(out));
	memset(untouched, 0x5a, sizeof(untouched));
	KUNIT_EXPECT_EQ(test, smb1_nt_hash(t->str, out), -EINVAL);
	expect_bytes(test, out, untouched, sizeof(out), "output");
}

static void ntlmv2_hash_bad_utf8_test(struct kunit *test)
{
	const struct bad_utf8_case *t = test->param_value;
	u8 nt[SMB1_NT_HASH_SIZE] = { 0 };
	u8 out[16];

	KUNIT_EXPECT_EQ(test, smb1_ntlmv2_hash(nt, t->str, "Domain", out),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, smb1_ntlmv2_hash(nt, "User", t->str, out),
			-EINVAL);
}

static void null_args_test(struct kunit *test)
{
	u8 nt[SMB1_NT_HASH_SIZE];
	u8 a[16], b[16];

	KUNIT_EXPECT_EQ(test, smb1_nt_hash(NULL, nt), -EINVAL);

	KUNIT_ASSERT_EQ(test, smb1_nt_hash("Password", nt), 0);
	KUNIT_EXPECT_EQ(test, smb1_ntlmv2_hash(nt, NULL, "Domain", a),
			-EINVAL);
	/* no domain is the empty domain */
	KUNIT_ASSERT_EQ(test, smb1_ntlmv2_hash(nt, "User", NULL, a), 0);
	KUNIT_ASSERT_EQ(test, smb1_ntlmv2_hash(nt, "User", "", b), 0);
	expect_bytes(test, a, b, 16, "NULL vs empty domain");
}

/* ------------------------------------------------------------------ */
/* HMAC-MD5                                                            */
/* ------------------------------------------------------------------ */

struct hmac_case {
	const char *name;
	u8 key_byte;		/* the key is key_len copies of it... */
	const char *key;	/* ...unless this is set */
	size_t key_len;
	u8 data_byte;		/* likewise for the data */
	const char *data;
	size_t data_len;
	u8 mac[16];
};

/* RFC 2202, section 2, test cases 1, 2, 3 and 6 */
static const struct hmac_case hmac_cases[] = {
	{
		.name = "RFC 2202 case 1",
		.key_byte = 0x0b, .key_len = 16,
		.data = "Hi There", .data_len = 8,
		.mac = { 0x92, 0x94, 0x72, 0x7a, 0x36, 0x38, 0xbb, 0x1c,
			 0x13, 0xf4, 0x8e, 0xf8, 0x15, 0x8b, 0xfc, 0x9d },
	},
	{
		.name = "RFC 2202 case 2",
		.key = "Jefe", .key_len = 4,
		.data = "what do ya want for nothing?", .data_len = 28,
		.mac = { 0x75, 0x0c, 0x78, 0x3e, 0x6a, 0xb0, 0xb5, 0x03,
			 0xea, 0xa8, 0x6e, 0x31, 0x0a, 0x5d, 0xb7, 0x38 },
	},
	{
		.name = "RFC 2202 case 3",
		.key_byte = 0xaa, .key_len = 16,
		.data_byte = 0xdd, .data_len = 50,
		.mac = { 0x56, 0xbe, 0x34, 0x52, 0x1d, 0x14, 0x4c, 0x88,
			 0xdb, 0xb8, 0xc7, 0x33, 0xf0, 0xe8, 0xb3, 0xf6 },
	},
	{
		.name = "RFC 2202 case 6 (80-byte key)",
		.key_byte = 0xaa, .key_len = 80,
		.data = "Test Using Larger Than Block-Size Key - Hash Key First",
		.data_len = 54,
		.mac = { 0x6b, 0x1a, 0xb7, 0xfe, 0x4b, 0xd7, 0xbf, 0x8f,
			 0x0b, 0x62, 0xe6, 0xce, 0x61, 0xb9, 0xd0, 0xcd },
	},
};

static void hmac_case_desc(const struct hmac_case *t, char *desc)
{
	strscpy(desc, t->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(hmac, hmac_cases, hmac_case_desc);

static void hmac_md5_test(struct kunit *test)
{
	const struct hmac_case *t = test->param_value;
	u8 *key, *data;
	u8 out[16];

	key = kunit_kmalloc(test, t->key_len, GFP_KERNEL);
	data = kunit_kmalloc(test, t->data_len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, key);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, data);
	if (t->key)
		memcpy(key, t->key, t->key_len);
	else
		memset(key, t->key_byte, t->key_len);
	if (t->data)
		memcpy(data, t->data, t->data_len);
	else
		memset(data, t->data_byte, t->data_len);

	KUNIT_ASSERT_EQ(test,
			smb1_hmac_md5(key, t->key_len, data, t->data_len, out),
			0);
	expect_bytes(test, out, t->mac, 16, t->name);
}

/* ------------------------------------------------------------------ */
/* NTLMv2                                                              */
/* ------------------------------------------------------------------ */

/* [MS-NLMP] 4.2.1 */
static const u8 nlmp_server_chal[8] = {
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef
};

static const u8 nlmp_client_chal[8] = {
	0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa
};

/*
 * [MS-NLMP] 4.2.4: MsvAvNbDomainName "Domain", MsvAvNbComputerName
 * "Server", MsvAvEOL
 */
static const u8 nlmp_target_info[36] = {
	0x02, 0x00, 0x0c, 0x00, 0x44, 0x00, 0x6f, 0x00,
	0x6d, 0x00, 0x61, 0x00, 0x69, 0x00, 0x6e, 0x00,
	0x01, 0x00, 0x0c, 0x00, 0x53, 0x00, 0x65, 0x00,
	0x72, 0x00, 0x76, 0x00, 0x65, 0x00, 0x72, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* [MS-NLMP] 4.2.4.1.1 */
static const u8 nlmp_ntowfv2[16] = {
	0x0c, 0x86, 0x8a, 0x40, 0x3b, 0xfd, 0x7a, 0x93,
	0xa3, 0x00, 0x1e, 0xf2, 0x2e, 0xf0, 0x2e, 0x3f
};

struct ntowfv2_case {
	const char *name;
	const char *user;
	const char *domain;
	u8 key[16];
};

/* NTOWFv2 with the password "Password" */
static const struct ntowfv2_case ntowfv2_cases[] = {
	{
		.name = "MS-NLMP 4.2.4.1.1",
		.user = "User", .domain = "Domain",
		.key = { 0x0c, 0x86, 0x8a, 0x40, 0x3b, 0xfd, 0x7a, 0x93,
			 0xa3, 0x00, 0x1e, 0xf2, 0x2e, 0xf0, 0x2e, 0x3f },
	},
	{
		.name = "user in lower case",
		.user = "user", .domain = "Domain",
		.key = { 0x0c, 0x86, 0x8a, 0x40, 0x3b, 0xfd, 0x7a, 0x93,
			 0xa3, 0x00, 0x1e, 0xf2, 0x2e, 0xf0, 0x2e, 0x3f },
	},
	{
		.name = "user in upper case",
		.user = "USER", .domain = "Domain",
		.key = { 0x0c, 0x86, 0x8a, 0x40, 0x3b, 0xfd, 0x7a, 0x93,
			 0xa3, 0x00, 0x1e, 0xf2, 0x2e, 0xf0, 0x2e, 0x3f },
	},
	{
		/* j o-umlaut r g */
		.name = "Latin-1 user",
		.user = "j\xc3\xb6rg", .domain = "Domain",
		.key = { 0xc2, 0xd3, 0xb7, 0x10, 0x5a, 0x06, 0x8a, 0xb7,
			 0xac, 0xaa, 0x20, 0x58, 0x07, 0x8a, 0x65, 0x90 },
	},
	{
		.name = "Latin-1 user, upper case",
		.user = "J\xc3\x96RG", .domain = "Domain",
		.key = { 0xc2, 0xd3, 0xb7, 0x10, 0x5a, 0x06, 0x8a, 0xb7,
			 0xac, 0xaa, 0x20, 0x58, 0x07, 0x8a, 0x65, 0x90 },
	},
	{
		/* y-diaeresis, whose upper case U+0178 is outside Latin-1 */
		.name = "y-diaeresis, no domain",
		.user = "\xc3\xbfves", .domain = "",
		.key = { 0x42, 0x68, 0xb5, 0x73, 0x86, 0x95, 0xc3, 0x0b,
			 0x7a, 0xc8, 0xde, 0x6f, 0x98, 0xb4, 0xec, 0x6c },
	},
	{
		.name = "capital Y-diaeresis",
		.user = "\xc5\xb8VES", .domain = "",
		.key = { 0x42, 0x68, 0xb5, 0x73, 0x86, 0x95, 0xc3, 0x0b,
			 0x7a, 0xc8, 0xde, 0x6f, 0x98, 0xb4, 0xec, 0x6c },
	},
	{
		/* l-stroke u k a s z */
		.name = "Latin Extended-A user",
		.user = "\xc5\x82ukasz", .domain = "WORKGROUP",
		.key = { 0xb6, 0x46, 0xbf, 0x72, 0xed, 0x64, 0x5d, 0xf3,
			 0x02, 0xe9, 0xf5, 0x1c, 0xa1, 0xc2, 0x91, 0xa7 },
	},
	{
		/* alpha lambda epsilon xi eta final-sigma */
		.name = "Greek user",
		.user = "\xce\xb1\xce\xbb\xce\xb5\xce\xbe\xce\xb7\xcf\x82",
		.domain = "Domain",
		.key = { 0x0a, 0xad, 0x7a, 0x17, 0x4a, 0x3c, 0x3f, 0xca,
			 0xef, 0x95, 0x60, 0xff, 0x91, 0x22, 0x93, 0xa7 },
	},
	{
		/* alpha lambda epsilon-tonos xi eta final-sigma */
		.name = "Greek user with tonos",
		.user = "\xce\xb1\xce\xbb\xce\xad\xce\xbe\xce\xb7\xcf\x82",
		.domain = "Domain",
		.key = { 0x24, 0x25, 0x02, 0x9a, 0x4b, 0x7e, 0x62, 0x95,
			 0x15, 0x23, 0x71, 0xe1, 0x08, 0x32, 0xa2, 0x8c },
	},
	{
		.name = "Greek user with tonos, upper case",
		.user = "\xce\x91\xce\x9b\xce\x88\xce\x9e\xce\x97\xce\xa3",
		.domain = "Domain",
		.key = { 0x24, 0x25, 0x02, 0x9a, 0x4b, 0x7e, 0x62, 0x95,
			 0x15, 0x23, 0x71, 0xe1, 0x08, 0x32, 0xa2, 0x8c },
	},
	{
		/* the division sign sits among the Latin-1 small letters */
		.name = "division sign is not a letter",
		.user = "x\xc3\xb7y", .domain = "Domain",
		.key = { 0xf4, 0x20, 0x75, 0x24, 0xe4, 0x12, 0xf1, 0xfa,
			 0x63, 0x35, 0x0b, 0x1a, 0xae, 0xf9, 0x4c, 0x2c },
	},
	{
		/* i v a n in Cyrillic */
		.name = "Cyrillic user",
		.user = "\xd0\xb8\xd0\xb2\xd0\xb0\xd0\xbd", .domain = "Domain",
		.key = { 0xef, 0x88, 0x9d, 0xd5, 0x34, 0x37, 0x18, 0xd5,
			 0x88, 0xf0, 0xe9, 0x81, 0x87, 0xe2, 0x2f, 0x0f },
	},
	{
		.name = "Cyrillic user, upper case",
		.user = "\xd0\x98\xd0\x92\xd0\x90\xd0\x9d", .domain = "Domain",
		.key = { 0xef, 0x88, 0x9d, 0xd5, 0x34, 0x37, 0x18, 0xd5,
			 0x88, 0xf0, 0xe9, 0x81, 0x87, 0xe2, 0x2f, 0x0f },
	},
};

static void ntowfv2_case_desc(const struct ntowfv2_case *t, char *desc)
{
	strscpy(desc, t->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ntowfv2, ntowfv2_cases, ntowfv2_case_desc);

static void ntlmv2_hash_test(struct kunit *test)
{
	const struct ntowfv2_case *t = test->param_value;
	u8 nt[SMB1_NT_HASH_SIZE];
	u8 out[16];

	KUNIT_ASSERT_EQ(test, smb1_nt_hash("Password", nt), 0);
	memset(out, 0x5a, sizeof(out));
	KUNIT_ASSERT_EQ(test, smb1_ntlmv2_hash(nt, t->user, t->domain, out),
			0);
	expect_bytes(test, out, t->key, 16, t->name);
}

/* The domain is not upper-cased: "DOMAIN" gives another key. */
static void ntlmv2_hash_domain_case_test(struct kunit *test)
{
	u8 nt[SMB1_NT_HASH_SIZE];
	u8 out[16];

	KUNIT_ASSERT_EQ(test, smb1_nt_hash("Password", nt), 0);
	KUNIT_ASSERT_EQ(test, smb1_ntlmv2_hash(nt, "User", "DOMAIN", out), 0);
	KUNIT_EXPECT_NE(test, memcmp(out, nlmp_ntowfv2, 16), 0);
}

struct ntlmv2_case {
	const char *name;
	const u8 *client_chal;
	u64 timestamp;
	const u8 *target_info;
	size_t ti_len;
	u8 lmv2[SMB1_LMV2_RESP_SIZE];
	const u8 *nt_resp;
	size_t nt_len;
	u8 session_key[16];
};

/* [MS-NLMP] 4.2.4.2.2: NTProofStr, then temp */
static const u8 nlmp_nt_resp[84] = {
	0x68, 0xcd, 0x0a, 0xb8, 0x51, 0xe5, 0x1c, 0x96,
	0xaa, 0xbc, 0x92, 0x7b, 0xeb, 0xef, 0x6a, 0x1c,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa,
	0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x0c, 0x00,
	0x44, 0x00, 0x6f, 0x00, 0x6d, 0x00, 0x61, 0x00,
	0x69, 0x00, 0x6e, 0x00, 0x01, 0x00, 0x0c, 0x00,
	0x53, 0x00, 0x65, 0x00, 0x72, 0x00, 0x76, 0x00,
	0x65, 0x00, 0x72, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

static const u8 other_client_chal[8] = {
	0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88
};

/* a real timestamp (little endian on the wire) and no target info */
static const u8 other_nt_resp[48] = {
	0xdd, 0x24, 0xf0, 0x88, 0x07, 0xaf, 0x9f, 0xe4,
	0x54, 0x21, 0xd2, 0x25, 0xe8, 0x9d, 0xc5, 0x1d,
	0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x90, 0xd3, 0x36, 0xb7, 0x34, 0xc3, 0x01,
	0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

/* Server challenge and NTOWFv2 of [MS-NLMP] 4.2.1 and 4.2.4.1.1 */
static const struct ntlmv2_case ntlmv2_cases[] = {
	{
		.name = "MS-NLMP 4.2.4",
		.client_chal = nlmp_client_chal,
		.timestamp = 0,
		.target_info = nlmp_target_info,
		.ti_len = sizeof(nlmp_target_info),
		/* 4.2.4.2.1 */
		.lmv2 = { 0x86, 0xc3, 0x50, 0x97, 0xac, 0x9c, 0xec, 0x10,
			  0x25, 0x54, 0x76, 0x4a, 0x57, 0xcc, 0xcc, 0x19,
			  0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa },
		.nt_resp = nlmp_nt_resp,
		.nt_len = sizeof(nlmp_nt_resp),
		/* 4.2.4.1.2 */
		.session_key = { 0x8d, 0xe4, 0x0c, 0xca, 0xdb, 0xc1, 0x4a,
				 0x82, 0xf1, 0x5c, 0xb0, 0xad, 0x0d, 0xe9,
				 0x5c, 0xa3 },
	},
	{
		.name = "timestamp, no target info",
		.client_chal = other_client_chal,
		.timestamp = 0x01c334b736d39000ULL,
		.target_info = NULL,
		.ti_len = 0,
		.lmv2 = { 0xe2, 0xcc, 0x89, 0xf3, 0xdd, 0x1b, 0xe8, 0xdd,
			  0xa5, 0x5b, 0xb9, 0xb4, 0xe1, 0x4a, 0xbb, 0xcf,
			  0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 },
		.nt_resp = other_nt_resp,
		.nt_len = sizeof(other_nt_resp),
		.session_key = { 0x24, 0xaf, 0xa6, 0x2c, 0xd4, 0x8e, 0x03,
				 0xba, 0x29, 0x4a, 0xb2, 0x4d, 0xcb, 0x2e,
				 0xa2, 0x92 },
	},
};

static void ntlmv2_case_desc(const struct ntlmv2_case *t, char *desc)
{
	strscpy(desc, t->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ntlmv2, ntlmv2_cases, ntlmv2_case_desc);

/* The whole chain, from the password to the session key. */
static void ntlmv2_response_test(struct kunit *test)
{
	const struct ntlmv2_case *t = test->param_value;
	u8 nt[SMB1_NT_HASH_SIZE];
	u8 v2[16];
	u8 lm[SMB1_LMV2_RESP_SIZE];
	u8 key[16];
	u8 *resp = NULL;
	size_t len = 0;

	KUNIT_ASSERT_EQ(test, smb1_nt_hash("Password", nt), 0);
	KUNIT_ASSERT_EQ(test, smb1_ntlmv2_hash(nt, "User", "Domain", v2), 0);
	expect_bytes(test, v2, nlmp_ntowfv2, 16, "NTOWFv2");

	KUNIT_ASSERT_EQ(test, smb1_lmv2_response(v2, nlmp_server_chal,
						 t->client_chal, lm), 0);
	expect_bytes(test, lm, t->lmv2, sizeof(lm), "LMv2 response");

	KUNIT_ASSERT_EQ(test,
			smb1_ntlmv2_response(v2, nlmp_server_chal,
					     t->client_chal, t->timestamp,
					     t->target_info, t->ti_len,
					     &resp, &len), 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, resp);
	KUNIT_EXPECT_EQ(test, len, t->nt_len);
	if (len == t->nt_len)
		expect_bytes(test, resp, t->nt_resp, len, "NTLMv2 response");

	KUNIT_EXPECT_EQ(test, smb1_ntlmv2_session_key(v2, resp, key), 0);
	expect_bytes(test, key, t->session_key, 16, "session base key");

	kfree_sensitive(resp);
}

static void ntlmv2_response_limits_test(struct kunit *test)
{
	static u8 sentinel;
	u8 *resp = &sentinel;	/* must be reset to NULL on failure */
	size_t len = 1;
	size_t max_ti = U16_MAX - 48;
	u8 *ti;

	ti = kunit_kzalloc(test, max_ti + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ti);

	/* the response must fit a 16-bit length */
	KUNIT_EXPECT_EQ(test,
			smb1_ntlmv2_response(nlmp_ntowfv2, nlmp_server_chal,
					     nlmp_client_chal, 0, ti,
					     max_ti + 1, &resp, &len),
			-EINVAL);
	KUNIT_EXPECT_NULL(test, resp);
	KUNIT_EXPECT_EQ(test, len, (size_t)0);

	/* a length without data */
	resp = &sentinel;
	KUNIT_EXPECT_EQ(test,
			smb1_ntlmv2_response(nlmp_ntowfv2, nlmp_server_chal,
					     nlmp_client_chal, 0, NULL, 4,
					     &resp, &len),
			-EINVAL);
	KUNIT_EXPECT_NULL(test, resp);
}

/* The largest response that fits is accepted, and laid out in full. */
static void ntlmv2_response_largest_test(struct kunit *test)
{
	size_t ti_len = U16_MAX - 48;
	u8 *ti, *resp = NULL;
	size_t len = 0;
	u8 zero[4] = { 0 };

	ti = kunit_kmalloc(test, ti_len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ti);
	memset(ti, 0x77, ti_len);

	KUNIT_ASSERT_EQ(test,
			smb1_ntlmv2_response(nlmp_ntowfv2, nlmp_server_chal,
					     nlmp_client_chal, 0, ti, ti_len,
					     &resp, &len), 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, resp);
	KUNIT_EXPECT_EQ(test, len, (size_t)U16_MAX);
	KUNIT_EXPECT_EQ(test, memcmp(resp + 44, ti, ti_len), 0);
	expect_bytes(test, resp + 44 + ti_len, zero, 4, "trailer");
	kfree_sensitive(resp);
}

/*
 * LMOWFv1 and the LM response to the [MS-NLMP] 4.2.1 challenge; the
 * password is given as the caller passes it (OEM, upper-cased).
 */
struct lm_case {
	const char *name;
	const char *oem_pw;
	u8 hash[SMB1_LM_HASH_SIZE];
	u8 resp[SMB1_V1_RESP_SIZE];
};

static const struct lm_case lm_cases[] = {
	{
		.name = "[MS-NLMP] 4.2.2: Password",
		.oem_pw = "PASSWORD",
		.hash = { 0xe5, 0x2c, 0xac, 0x67, 0x41, 0x9a, 0x9a, 0x22,
			  0x4a, 0x3b, 0x10, 0x8f, 0x3f, 0xa6, 0xcb, 0x6d },
		.resp = { 0x98, 0xde, 0xf7, 0xb8, 0x7f, 0x88, 0xaa, 0x5d,
			  0xaf, 0xe2, 0xdf, 0x77, 0x96, 0x88, 0xa1, 0x72,
			  0xde, 0xf1, 0x1c, 0x7d, 0x5c, 0xcd, 0xef, 0x13 },
	},
	{
		.name = "mixed case, upper-cased",
		.oem_pw = "SECRET01",
		.hash = { 0xff, 0x37, 0x50, 0xbc, 0xc2, 0xb2, 0x24, 0x12,
			  0xc2, 0x26, 0x5b, 0x23, 0x73, 0x4e, 0x0d, 0xac },
		.resp = { 0xc3, 0x37, 0xcd, 0x5c, 0xbd, 0x44, 0xfc, 0x97,
			  0x82, 0xa6, 0x67, 0xaf, 0x6d, 0x42, 0x7c, 0x6d,
			  0xe6, 0x7c, 0x20, 0xc2, 0xd3, 0xe7, 0x7c, 0x56 },
	},
	{
		.name = "14 bytes, the longest",
		.oem_pw = "ABCDEFGHIJKLMN",
		.hash = { 0xe0, 0xc5, 0x10, 0x19, 0x9c, 0xc6, 0x6a, 0xbd,
			  0x8c, 0x51, 0xec, 0x21, 0x4b, 0xeb, 0xde, 0xa1 },
		.resp = { 0x5d, 0xc4, 0x1d, 0x78, 0x90, 0xab, 0x9f, 0x87,
			  0x11, 0x27, 0xb4, 0x88, 0x6a, 0x8e, 0x9c, 0xc1,
			  0xa5, 0x46, 0x46, 0xdb, 0x2d, 0x5b, 0xc3, 0x67 },
	},
	{
		.name = "empty",
		.oem_pw = "",
		.hash = { 0xaa, 0xd3, 0xb4, 0x35, 0xb5, 0x14, 0x04, 0xee,
			  0xaa, 0xd3, 0xb4, 0x35, 0xb5, 0x14, 0x04, 0xee },
		.resp = { 0xba, 0xda, 0x47, 0x16, 0xc6, 0x30, 0xd6, 0x91,
			  0x18, 0x0e, 0x16, 0x3f, 0xbd, 0xd8, 0x7c, 0xde,
			  0x5f, 0x32, 0x31, 0x38, 0x4d, 0x87, 0x93, 0x88 },
	},
};

static const u8 nlmp_v1_chal[8] = {
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef
};

static void lm_case_desc(const struct lm_case *t, char *desc)
{
	strscpy(desc, t->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(lm, lm_cases, lm_case_desc);

static void lm_response_test(struct kunit *test)
{
	const struct lm_case *t = test->param_value;
	u8 hash[SMB1_LM_HASH_SIZE], resp[SMB1_V1_RESP_SIZE];

	memset(hash, 0x5a, sizeof(hash));
	KUNIT_ASSERT_EQ(test, smb1_lm_hash((const u8 *)t->oem_pw,
					   strlen(t->oem_pw), hash),
			0);
	expect_bytes(test, hash, t->hash, sizeof(hash), "LMOWFv1");
	smb1_desl(hash, nlmp_v1_chal, resp);
	expect_bytes(test, resp, t->resp, sizeof(resp), "LM response");
}

/* [MS-NLMP] 4.2.2.2.1: the NTLMv1 response of "Password" */
static void ntlmv1_response_test(struct kunit *test)
{
	static const u8 want[SMB1_V1_RESP_SIZE] = {
		0x67, 0xc4, 0x30, 0x11, 0xf3, 0x02, 0x98, 0xa2,
		0xad, 0x35, 0xec, 0xe6, 0x4f, 0x16, 0x33, 0x1c,
		0x44, 0xbd, 0xbe, 0xd9, 0x27, 0x84, 0x1f, 0x94,
	};
	u8 nt[SMB1_NT_HASH_SIZE], resp[SMB1_V1_RESP_SIZE];

	KUNIT_ASSERT_EQ(test, smb1_nt_hash("Password", nt), 0);
	smb1_desl(nt, nlmp_v1_chal, resp);
	expect_bytes(test, resp, want, sizeof(resp), "NTLMv1 response");
}

/* LM cannot hash more than 14 bytes: refused, not truncated */
static void lm_hash_too_long_test(struct kunit *test)
{
	u8 hash[SMB1_LM_HASH_SIZE];

	KUNIT_EXPECT_EQ(test, smb1_lm_hash((const u8 *)"ABCDEFGHIJKLMNO", 15,
					   hash),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, smb1_lm_hash(NULL, 3, hash), -EINVAL);
}

/* A CHALLENGE_MESSAGE with a timestamp and a domain in its target info */
static const u8 ntlmssp_chal_msg[] = {
	'N', 'T', 'L', 'M', 'S', 'S', 'P', 0,
	0x02, 0x00, 0x00, 0x00,			/* MessageType */
	0x00, 0x00, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00,	/* TargetName */
	0x05, 0x82, 0x88, 0xa0,			/* NegotiateFlags */
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,	/* challenge */
	0, 0, 0, 0, 0, 0, 0, 0,			/* Reserved */
	0x18, 0x00, 0x18, 0x00, 0x30, 0x00, 0x00, 0x00,	/* TargetInfo */
	0x02, 0x00, 0x04, 0x00, 'D', 0, 'M', 0,	/* MsvAvNbDomainName */
	0x07, 0x00, 0x08, 0x00,			/* MsvAvTimestamp */
	0x00, 0x80, 0x3e, 0xd5, 0xde, 0xb1, 0x9d, 0x01,
	0x00, 0x00, 0x00, 0x00,			/* MsvAvEOL */
};

static void ntlmssp_challenge_test(struct kunit *test)
{
	struct smb1_ntlmssp_chal c;
	size_t len = sizeof(ntlmssp_chal_msg), cut;
	u8 *m = kunit_kmalloc(test, len, GFP_KERNEL);
	u64 ts = 0;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, m);
	memcpy(m, ntlmssp_chal_msg, len);
	KUNIT_ASSERT_EQ(test, smb1_ntlmssp_challenge(m, len, &c), 0);
	KUNIT_EXPECT_EQ(test, c.flags, 0xa0888205);
	KUNIT_EXPECT_EQ(test, memcmp(c.challenge, nlmp_v1_chal, 8), 0);
	KUNIT_EXPECT_PTR_EQ(test, c.target_info, (const u8 *)m + 48);
	KUNIT_EXPECT_EQ(test, c.ti_len, 24);
	KUNIT_EXPECT_TRUE(test, smb1_ntlmssp_timestamp(c.target_info,
							c.ti_len, &ts));
	KUNIT_EXPECT_EQ(test, ts, 0x019db1ded53e8000ULL);
	/* the timestamp cut short is not taken */
	KUNIT_EXPECT_FALSE(test, smb1_ntlmssp_timestamp(c.target_info, 14,
							 &ts));

	/* no target info at all: none to walk, and no timestamp */
	m[40] = 0;
	m[41] = 0;
	KUNIT_ASSERT_EQ(test, smb1_ntlmssp_challenge(m, len, &c), 0);
	KUNIT_EXPECT_NULL(test, c.target_info);
	KUNIT_EXPECT_EQ(test, c.ti_len, 0);
	KUNIT_EXPECT_FALSE(test, smb1_ntlmssp_timestamp(c.target_info,
							 c.ti_len, &ts));
	m[40] = 0x18;

	/* the target info must lie inside the message */
	for (cut = 0; cut < len; cut++)
		KUNIT_EXPECT_EQ_MSG(test, smb1_ntlmssp_challenge(m, cut, &c),
				    -EIO, "cut at %zu", cut);
	m[44] = 0xff;			/* TargetInfo offset past the end */
	KUNIT_EXPECT_EQ(test, smb1_ntlmssp_challenge(m, len, &c), -EIO);
	m[44] = 0x30;
	m[8] = 3;			/* not a challenge */
	KUNIT_EXPECT_EQ(test, smb1_ntlmssp_challenge(m, len, &c), -EIO);
	m[8] = 2;
	m[0] = 'n';			/* not NTLMSSP */
	KUNIT_EXPECT_EQ(test, smb1_ntlmssp_challenge(m, len, &c), -EIO);
}

/* Each field of an AUTHENTICATE_MESSAGE points at its payload */
static void ntlmssp_authenticate_test(struct kunit *test)
{
	static const u8 lm[SMB1_LMV2_RESP_SIZE] = { 1, 2, 3 };
	static const u8 nt[40] = { 9, 8, 7 };
	u8 neg[SMB1_NTLMSSP_NEGOTIATE_SIZE];
	size_t len;
	u8 *m;

	smb1_ntlmssp_negotiate(neg);
	KUNIT_EXPECT_EQ(test, memcmp(neg, "NTLMSSP", 8), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(neg + 8), 1);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(neg + 12),
			SMB1_NTLMSSP_FLAGS);

	KUNIT_ASSERT_EQ(test, smb1_ntlmssp_authenticate(lm, nt, sizeof(nt),
							"User", "Dom", "WS",
							&m, &len), 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, m);
	KUNIT_EXPECT_EQ(test, len, 64 + 24 + 40 + 6 + 8 + 4);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(m + 8), 3);
	/* LM at 64, NT at 88, domain, user, workstation, session key */
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(m + 12), 24);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(m + 16), 64);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(m + 20), 40);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(m + 24), 88);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(m + 28), 6);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(m + 32), 128);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(m + 36), 8);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(m + 40), 134);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(m + 44), 4);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(m + 48), 142);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(m + 52), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(m + 56), 146);
	KUNIT_EXPECT_EQ(test, memcmp(m + 64, lm, 24), 0);
	KUNIT_EXPECT_EQ(test, memcmp(m + 88, nt, 40), 0);
	KUNIT_EXPECT_EQ(test, memcmp(m + 128, "D\0o\0m\0", 6), 0);
	KUNIT_EXPECT_EQ(test, memcmp(m + 134, "U\0s\0e\0r\0", 8), 0);
	kfree_sensitive(m);

	KUNIT_EXPECT_EQ(test, smb1_ntlmssp_authenticate(lm, nt, sizeof(nt),
							"\xff", "", "", &m,
							&len), -EINVAL);
	KUNIT_EXPECT_PTR_EQ(test, m, NULL);
}

/*
 * [MS-NLMP] 4.2.4 through our NTLMSSP messages: a CHALLENGE_MESSAGE with
 * the 4.2.1 server challenge and the 4.2.4 target information is taken
 * apart, and the responses computed from it go into an AUTHENTICATE_MESSAGE.
 * The spec's AUTHENTICATE_MESSAGE (4.2.4.3) also has a Version field and
 * an encrypted random session key, which smb1fs does not send (it signs
 * nothing), so the computed fields are compared, not the whole message.
 */
static const u8 nlmp_v2_chal_msg[84] = {
	'N', 'T', 'L', 'M', 'S', 'S', 'P', 0,
	0x02, 0x00, 0x00, 0x00,			/* MessageType */
	0x00, 0x00, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00,	/* TargetName */
	0x05, 0x82, 0x88, 0xa0,			/* NegotiateFlags */
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,	/* challenge */
	0, 0, 0, 0, 0, 0, 0, 0,			/* Reserved */
	0x24, 0x00, 0x24, 0x00, 0x30, 0x00, 0x00, 0x00,	/* TargetInfo */
	0x02, 0x00, 0x0c, 0x00, 0x44, 0x00, 0x6f, 0x00,
	0x6d, 0x00, 0x61, 0x00, 0x69, 0x00, 0x6e, 0x00,
	0x01, 0x00, 0x0c, 0x00, 0x53, 0x00, 0x65, 0x00,
	0x72, 0x00, 0x76, 0x00, 0x65, 0x00, 0x72, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

static void ntlmssp_nlmp_v2_test(struct kunit *test)
{
	const struct ntlmv2_case *t = &ntlmv2_cases[0];
	struct smb1_ntlmssp_chal c;
	u8 nt[SMB1_NT_HASH_SIZE], v2[16], lm[SMB1_LMV2_RESP_SIZE], key[16];
	u8 *m, *resp = NULL, *auth = NULL;
	size_t len = 0, auth_len = 0;
	u64 ts = 1;

	m = kunit_kmalloc(test, sizeof(nlmp_v2_chal_msg), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, m);
	memcpy(m, nlmp_v2_chal_msg, sizeof(nlmp_v2_chal_msg));
	KUNIT_ASSERT_EQ(test, smb1_ntlmssp_challenge(m,
						     sizeof(nlmp_v2_chal_msg),
						     &c), 0);
	expect_bytes(test, c.challenge, nlmp_server_chal, 8,
		     "server challenge");
	KUNIT_ASSERT_EQ(test, c.ti_len, sizeof(nlmp_target_info));
	expect_bytes(test, c.target_info, nlmp_target_info, c.ti_len,
		     "target info");
	/* no MsvAvTimestamp: the client's time (here 0) goes in the blob */
	KUNIT_EXPECT_FALSE(test, smb1_ntlmssp_timestamp(c.target_info,
							 c.ti_len, &ts));

	KUNIT_ASSERT_EQ(test, smb1_nt_hash("Password", nt), 0);
	KUNIT_ASSERT_EQ(test, smb1_ntlmv2_hash(nt, "User", "Domain", v2), 0);
	expect_bytes(test, v2, nlmp_ntowfv2, 16, "NTOWFv2");
	KUNIT_ASSERT_EQ(test, smb1_lmv2_response(v2, c.challenge,
						 nlmp_client_chal, lm), 0);
	expect_bytes(test, lm, t->lmv2, sizeof(lm), "LMv2 response");
	KUNIT_ASSERT_EQ(test, smb1_ntlmv2_response(v2, c.challenge,
						   nlmp_client_chal, 0,
						   c.target_info, c.ti_len,
						   &resp, &len), 0);
	KUNIT_ASSERT_EQ(test, len, sizeof(nlmp_nt_resp));
	/* NTProofStr, then temp */
	expect_bytes(test, resp, nlmp_nt_resp, 16, "NTProofStr");
	expect_bytes(test, resp, nlmp_nt_resp, len, "NTLMv2 response");
	KUNIT_ASSERT_EQ(test, smb1_ntlmv2_session_key(v2, resp, key), 0);
	expect_bytes(test, key, t->session_key, 16, "session base key");

	KUNIT_ASSERT_EQ(test, smb1_ntlmssp_authenticate(lm, resp, len, "User",
							"Domain", "COMPUTER",
							&auth, &auth_len), 0);
	KUNIT_ASSERT_EQ(test, get_unaligned_le16(auth + 12),
			SMB1_LMV2_RESP_SIZE);
	expect_bytes(test, auth + get_unaligned_le32(auth + 16), t->lmv2,
		     SMB1_LMV2_RESP_SIZE, "LmChallengeResponse");
	KUNIT_ASSERT_EQ(test, get_unaligned_le16(auth + 20), len);
	expect_bytes(test, auth + get_unaligned_le32(auth + 24), nlmp_nt_resp,
		     len, "NtChallengeResponse");
	kfree_sensitive(auth);
	kfree_sensitive(resp);
}

static struct kunit_case smb1_auth_test_cases[] = {
	KUNIT_CASE_PARAM(md4_rfc_test, md4_rfc_gen_params),
	KUNIT_CASE_PARAM(md4_length_test, md4_len_gen_params),
	KUNIT_CASE_PARAM(nt_hash_test, nt_hash_gen_params),
	KUNIT_CASE_PARAM(nt_hash_bad_utf8_test, bad_utf8_gen_params),
	KUNIT_CASE_PARAM(ntlmv2_hash_bad_utf8_test, bad_utf8_gen_params),
	KUNIT_CASE(null_args_test),
	KUNIT_CASE_PARAM(hmac_md5_test, hmac_gen_params),
	KUNIT_CASE_PARAM(ntlmv2_hash_test, ntowfv2_gen_params),
	KUNIT_CASE(ntlmv2_hash_domain_case_test),
	KUNIT_CASE_PARAM(ntlmv2_response_test, ntlmv2_gen_params),
	KUNIT_CASE(ntlmv2_response_limits_test),
	KUNIT_CASE(ntlmv2_response_largest_test),
	KUNIT_CASE_PARAM(lm_response_test, lm_gen_params),
	KUNIT_CASE(ntlmv1_response_test),
	KUNIT_CASE(lm_hash_too_long_test),
	KUNIT_CASE(ntlmssp_challenge_test),
	KUNIT_CASE(ntlmssp_authenticate_test),
	KUNIT_CASE(ntlmssp_nlmp_v2_test),
	{}
};

static struct kunit_suite smb1_auth_test_suite = {
	.name = "smb1fs_auth",
	.test_cases = smb1_auth_test_cases,
};

kunit_test_suites(&smb1_auth_test_suite);
