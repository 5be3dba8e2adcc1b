// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the SPNEGO tokens: the bytes of our NegTokenInit and
 * NegTokenResp, short and long-form lengths, and the decoding of tokens
 * shaped like those servers send.  Every token is also cut short at each
 * length, which must give -EIO and never a read past the end (KASAN
 * watches: the copies are allocated with their exact size).
 */

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../fs/smb1fs/internal.h"

/* A copy of exactly len bytes, so that KASAN sees any read beyond */
static u8 *sp_copy(struct kunit *test, const u8 *src, size_t len)
{
	u8 *p = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, p);
	memcpy(p, src, len);
	return p;
}

static void sp_expect_bytes(struct kunit *test, const u8 *got,
			    const u8 *want, size_t len, const char *what)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (got[i] != want[i])
			break;
	KUNIT_EXPECT_EQ_MSG(test, i, len, "%s differs at byte %zu", what, i);
}

/* The NTLMSSP NEGOTIATE_MESSAGE we send, wrapped */
static const u8 init_want_hdr[] = {
	0x60, 0x40,				/* [APPLICATION 0] */
	0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02,	/* SPNEGO */
	0xa0, 0x36,				/* [0] NegTokenInit */
	0x30, 0x34,
	0xa0, 0x0e,				/* [0] mechTypes */
	0x30, 0x0c,
	0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82,	/* NTLMSSP */
	0x37, 0x02, 0x02, 0x0a,
	0xa2, 0x22,				/* [2] mechToken */
	0x04, 0x20,
};

static void spnego_init_bytes_test(struct kunit *test)
{
	u8 neg[SMB1_NTLMSSP_NEGOTIATE_SIZE];
	size_t len;
	u8 *t;

	smb1_ntlmssp_negotiate(neg);
	KUNIT_ASSERT_EQ(test, smb1_spnego_init(neg, sizeof(neg), &t, &len),
			0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	KUNIT_ASSERT_EQ(test, len, sizeof(init_want_hdr) + sizeof(neg));
	sp_expect_bytes(test, t, init_want_hdr, sizeof(init_want_hdr),
			"NegTokenInit");
	sp_expect_bytes(test, t + sizeof(init_want_hdr), neg, sizeof(neg),
			"mechToken");
	kfree(t);
}

/* A 200-byte mechToken: every length takes the one-byte long form */
static void spnego_init_long_test(struct kunit *test)
{
	static const u8 want[] = {
		0x60, 0x81, 0xec,
		0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02,
		0xa0, 0x81, 0xe1, 0x30, 0x81, 0xde,
		0xa0, 0x0e, 0x30, 0x0c,
		0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82,
		0x37, 0x02, 0x02, 0x0a,
		0xa2, 0x81, 0xcb, 0x04, 0x81, 0xc8,
	};
	u8 *tok = kunit_kzalloc(test, 200, GFP_KERNEL);
	size_t len;
	u8 *t;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, tok);
	KUNIT_ASSERT_EQ(test, smb1_spnego_init(tok, 200, &t, &len), 0);
	KUNIT_ASSERT_EQ(test, len, sizeof(want) + 200);
	sp_expect_bytes(test, t, want, sizeof(want), "long NegTokenInit");
	kfree(t);
}

struct resp_enc_case {
	const char *name;
	size_t tok_len;
	u8 hdr[16];
	size_t hdr_len;
};

static const struct resp_enc_case resp_enc_cases[] = {
	{
		.name = "3 bytes",
		.tok_len = 3,
		.hdr = { 0xa1, 0x09, 0x30, 0x07, 0xa2, 0x05, 0x04, 0x03 },
		.hdr_len = 8,
	},
	{
		/* the longest with short-form lengths throughout */
		.name = "121 bytes",
		.tok_len = 121,
		.hdr = { 0xa1, 0x7f, 0x30, 0x7d, 0xa2, 0x7b, 0x04, 0x79 },
		.hdr_len = 8,
	},
	{
		.name = "200 bytes",
		.tok_len = 200,
		.hdr = { 0xa1, 0x81, 0xd1, 0x30, 0x81, 0xce,
			 0xa2, 0x81, 0xcb, 0x04, 0x81, 0xc8 },
		.hdr_len = 12,
	},
	{
		.name = "300 bytes",
		.tok_len = 300,
		.hdr = { 0xa1, 0x82, 0x01, 0x38, 0x30, 0x82, 0x01, 0x34,
			 0xa2, 0x82, 0x01, 0x30, 0x04, 0x82, 0x01, 0x2c },
		.hdr_len = 16,
	},
};

static void resp_enc_case_desc(const struct resp_enc_case *t, char *desc)
{
	strscpy(desc, t->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(resp_enc, resp_enc_cases, resp_enc_case_desc);

/* Encode a NegTokenResp, check its bytes, decode it back, cut it short */
static void spnego_resp_bytes_test(struct kunit *test)
{
	const struct resp_enc_case *c = test->param_value;
	struct smb1_spnego_rsp r;
	size_t len, cut, i;
	u8 *tok, *t, *m;

	tok = kunit_kmalloc(test, c->tok_len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, tok);
	for (i = 0; i < c->tok_len; i++)
		tok[i] = i;
	KUNIT_ASSERT_EQ(test, smb1_spnego_resp(tok, c->tok_len, &t, &len), 0);
	KUNIT_ASSERT_EQ(test, len, c->hdr_len + c->tok_len);
	sp_expect_bytes(test, t, c->hdr, c->hdr_len, c->name);
	sp_expect_bytes(test, t + c->hdr_len, tok, c->tok_len, "token");

	m = sp_copy(test, t, len);
	kfree(t);
	KUNIT_ASSERT_EQ(test, smb1_spnego_dec_resp(m, len, &r), 0);
	KUNIT_EXPECT_EQ(test, r.neg_state, SMB1_SPNEGO_STATE_NONE);
	KUNIT_EXPECT_PTR_EQ(test, r.token, (const u8 *)m + c->hdr_len);
	KUNIT_EXPECT_EQ(test, r.token_len, c->tok_len);
	for (cut = 0; cut < len; cut++) {
		u8 *s = sp_copy(test, m, cut);

		KUNIT_EXPECT_EQ_MSG(test, smb1_spnego_dec_resp(s, cut, &r),
				    -EIO, "cut at %zu", cut);
		kunit_kfree(test, s);
	}
}

/* A CHALLENGE_MESSAGE: [MS-NLMP] 4.2.1 challenge, 4.2.4 target info */
static const u8 sp_chal_msg[84] = {
	'N', 'T', 'L', 'M', 'S', 'S', 'P', 0,
	0x02, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00,
	0x05, 0x82, 0x88, 0xa0,
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	0, 0, 0, 0, 0, 0, 0, 0,
	0x24, 0x00, 0x24, 0x00, 0x30, 0x00, 0x00, 0x00,
	0x02, 0x00, 0x0c, 0x00, 0x44, 0x00, 0x6f, 0x00,
	0x6d, 0x00, 0x61, 0x00, 0x69, 0x00, 0x6e, 0x00,
	0x01, 0x00, 0x0c, 0x00, 0x53, 0x00, 0x65, 0x00,
	0x72, 0x00, 0x76, 0x00, 0x65, 0x00, 0x72, 0x00,
	0x00, 0x00, 0x00, 0x00,
};

/* The first reply: accept-incomplete, NTLMSSP, the challenge */
static const u8 chal_resp_hdr[] = {
	0xa1, 0x6d, 0x30, 0x6b,
	0xa0, 0x03, 0x0a, 0x01, 0x01,		/* negState */
	0xa1, 0x0c, 0x06, 0x0a, 0x2b, 0x06, 0x01,	/* supportedMech */
	0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a,
	0xa2, 0x56, 0x04, 0x54,			/* responseToken */
};

/* The last reply: accept-completed */
static const u8 done_resp[] = {
	0xa1, 0x07, 0x30, 0x05, 0xa0, 0x03, 0x0a, 0x01, 0x00,
};

static u8 *chal_resp(struct kunit *test, size_t *len)
{
	u8 *m;

	*len = sizeof(chal_resp_hdr) + sizeof(sp_chal_msg);
	m = kunit_kmalloc(test, *len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, m);
	memcpy(m, chal_resp_hdr, sizeof(chal_resp_hdr));
	memcpy(m + sizeof(chal_resp_hdr), sp_chal_msg, sizeof(sp_chal_msg));
	return m;
}

static void spnego_dec_challenge_test(struct kunit *test)
{
	struct smb1_ntlmssp_chal c;
	struct smb1_spnego_rsp r;
	size_t len, cut;
	u8 *m = chal_resp(test, &len);

	KUNIT_ASSERT_EQ(test, smb1_spnego_dec_resp(m, len, &r), 0);
	KUNIT_EXPECT_EQ(test, r.neg_state, SMB1_SPNEGO_ACCEPT_INCOMPLETE);
	KUNIT_ASSERT_EQ(test, r.token_len, sizeof(sp_chal_msg));
	KUNIT_EXPECT_PTR_EQ(test, r.token, (const u8 *)m + sizeof(chal_resp_hdr));
	KUNIT_ASSERT_EQ(test, smb1_ntlmssp_challenge(r.token, r.token_len, &c),
			0);
	KUNIT_EXPECT_EQ(test, c.ti_len, 36);
	KUNIT_EXPECT_EQ(test, c.challenge[0], 0x01);

	for (cut = 0; cut < len; cut++) {
		u8 *s = sp_copy(test, m, cut);

		KUNIT_EXPECT_EQ_MSG(test, smb1_spnego_dec_resp(s, cut, &r),
				    -EIO, "cut at %zu", cut);
		kunit_kfree(test, s);
	}
}

static void spnego_dec_done_test(struct kunit *test)
{
	struct smb1_spnego_rsp r;
	u8 *m = sp_copy(test, done_resp, sizeof(done_resp));
	size_t cut;

	KUNIT_ASSERT_EQ(test, smb1_spnego_dec_resp(m, sizeof(done_resp), &r),
			0);
	KUNIT_EXPECT_EQ(test, r.neg_state, SMB1_SPNEGO_ACCEPT_COMPLETED);
	KUNIT_EXPECT_PTR_EQ(test, r.token, NULL);
	for (cut = 0; cut < sizeof(done_resp); cut++)
		KUNIT_EXPECT_EQ_MSG(test,
				    smb1_spnego_dec_resp(sp_copy(test, m, cut),
							 cut, &r),
				    -EIO, "cut at %zu", cut);

	m[8] = 2;				/* reject */
	KUNIT_ASSERT_EQ(test, smb1_spnego_dec_resp(m, sizeof(done_resp), &r),
			0);
	KUNIT_EXPECT_EQ(test, r.neg_state, SMB1_SPNEGO_REJECT);
	m[8] = 4;				/* no such state */
	KUNIT_EXPECT_EQ(test, smb1_spnego_dec_resp(m, sizeof(done_resp), &r),
			-EIO);
}

struct bad_resp_case {
	const char *name;
	unsigned int at;	/* byte of the challenge reply to change */
	u8 val;
};

static const struct bad_resp_case bad_resp_cases[] = {
	{ "indefinite outer length", 1, 0x80 },
	{ "outer length past the end", 1, 0x6e },
	{ "five-byte length", 1, 0x85 },
	{ "long form past the end", 1, 0x84 },
	{ "not a NegTokenResp", 0, 0xa0 },
	{ "sequence longer than its holder", 3, 0x6c },
	{ "sequence tag", 2, 0x31 },
	{ "negState not enumerated", 6, 0x02 },
	{ "negState two bytes", 7, 0x02 },
	{ "supportedMech not NTLMSSP", 22, 0x0b },
	{ "supportedMech length", 12, 0x0b },
	{ "responseToken not an octet string", 25, 0x03 },
	{ "responseToken longer than its holder", 26, 0x55 },
	{ "fields out of order", 9, 0xa0 },
	{ "unknown field", 23, 0xa5 },
	{ "multi-byte tag", 4, 0xbf },
};

static void bad_resp_case_desc(const struct bad_resp_case *t, char *desc)
{
	strscpy(desc, t->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(bad_resp, bad_resp_cases, bad_resp_case_desc);

static void spnego_dec_bad_test(struct kunit *test)
{
	const struct bad_resp_case *t = test->param_value;
	struct smb1_spnego_rsp r;
	size_t len;
	u8 *m = chal_resp(test, &len);

	m[t->at] = t->val;
	KUNIT_EXPECT_EQ(test, smb1_spnego_dec_resp(m, len, &r), -EIO);
}

/* Samba's negotiate hint: Kerberos, Kerberos (old OID), NTLMSSP, negHints */
static const u8 samba_hint[96] = {
	0x60, 0x5e, 0x06, 0x06, 0x2b, 0x06, 0x01, 0x05,
	0x05, 0x02, 0xa0, 0x54, 0x30, 0x52, 0xa0, 0x24,
	0x30, 0x22, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x82,
	0xf7, 0x12, 0x01, 0x02, 0x02, 0x06, 0x09, 0x2a,
	0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02,
	0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82,
	0x37, 0x02, 0x02, 0x0a, 0xa3, 0x2a, 0x30, 0x28,
	0xa0, 0x26, 0x1b, 0x24, 0x6e, 0x6f, 0x74, 0x5f,
	0x64, 0x65, 0x66, 0x69, 0x6e, 0x65, 0x64, 0x5f,
	0x69, 0x6e, 0x5f, 0x52, 0x46, 0x43, 0x34, 0x31,
	0x37, 0x38, 0x40, 0x70, 0x6c, 0x65, 0x61, 0x73,
	0x65, 0x5f, 0x69, 0x67, 0x6e, 0x6f, 0x72, 0x65,
};

static void spnego_dec_hint_test(struct kunit *test)
{
	u8 *m = sp_copy(test, samba_hint, sizeof(samba_hint));
	bool ntlmssp = false;
	size_t cut;

	KUNIT_EXPECT_EQ(test, smb1_spnego_dec_hint(m, sizeof(samba_hint),
						   &ntlmssp), 0);
	KUNIT_EXPECT_TRUE(test, ntlmssp);
	for (cut = 0; cut < sizeof(samba_hint); cut++)
		KUNIT_EXPECT_EQ_MSG(test,
				    smb1_spnego_dec_hint(sp_copy(test, m, cut),
							 cut, &ntlmssp),
				    -EIO, "cut at %zu", cut);

	/* the last byte of the NTLMSSP OID changed: not listed */
	m[51] = 0x1e;
	KUNIT_EXPECT_EQ(test, smb1_spnego_dec_hint(m, sizeof(samba_hint),
						   &ntlmssp), 0);
	KUNIT_EXPECT_FALSE(test, ntlmssp);
	m[51] = 0x0a;
	m[4] = 0x2c;				/* not SPNEGO */
	KUNIT_EXPECT_EQ(test, smb1_spnego_dec_hint(m, sizeof(samba_hint),
						   &ntlmssp), -EIO);
	m[4] = 0x2b;
	m[1] = 0x80;				/* indefinite */
	KUNIT_EXPECT_EQ(test, smb1_spnego_dec_hint(m, sizeof(samba_hint),
						   &ntlmssp), -EIO);
}

static struct kunit_case smb1_spnego_test_cases[] = {
	KUNIT_CASE(spnego_init_bytes_test),
	KUNIT_CASE(spnego_init_long_test),
	KUNIT_CASE_PARAM(spnego_resp_bytes_test, resp_enc_gen_params),
	KUNIT_CASE(spnego_dec_challenge_test),
	KUNIT_CASE(spnego_dec_done_test),
	KUNIT_CASE_PARAM(spnego_dec_bad_test, bad_resp_gen_params),
	KUNIT_CASE(spnego_dec_hint_test),
	{}
};

static struct kunit_suite smb1_spnego_test_suite = {
	.name = "smb1fs_spnego",
	.test_cases = smb1_spnego_test_cases,
};

kunit_test_suites(&smb1_spnego_test_suite);
