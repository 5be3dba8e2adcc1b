// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for SMB1 message signing: the MAC against vectors computed
 * independently (MD5 of key || message with the sequence number in the
 * SecuritySignature field, with Python's hashlib), the numbering of
 * requests, the check of replies, and whether a session signs (a
 * reconnect of a mount that signed must).
 */

#include <kunit/test.h>
#include <linux/highmem.h>
#include <linux/uio.h>
#include <linux/bvec.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <crypto/hash.h>

#include "../../fs/smb1fs/internal.h"

/* session key 00..0f followed by a 24-byte response a0..b7 */
static void sign_key(u8 key[40])
{
	int i;

	for (i = 0; i < 16; i++)
		key[i] = i;
	for (i = 0; i < 24; i++)
		key[16 + i] = 0xa0 + i;
}

/* A READ_ANDX header (flags2 with the signature bit) and a small body */
static const u8 sign_msg[46] = {
	0xff, 'S', 'M', 'B', 0x2e, 0x00, 0x00, 0x00, 0x00, 0x18, 0x07, 0xc8,
	0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* signature */
	0x00, 0x00, 0x01, 0x08, 0x34, 0x12, 0x64, 0x00, 0x42, 0x00,
	0x03, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x05, 0x00,
	'h', 'e', 'l', 'l', 'o',
};

static const u8 sign_mac_seq2[SMB1_SIG_SIZE] = {
	0x76, 0x34, 0x02, 0x13, 0x11, 0x76, 0x34, 0x0b,
};

static const u8 sign_mac_seq3[SMB1_SIG_SIZE] = {
	0xd4, 0xec, 0xab, 0x0b, 0x29, 0xcc, 0xfa, 0x22,
};

#define SIG_OFF	offsetof(struct smb1_hdr, security_features)

static void sign_mac_vector_test(struct kunit *test)
{
	struct crypto_shash *md5;
	u8 key[40], mac[SMB1_SIG_SIZE], msg[sizeof(sign_msg)];

	md5 = crypto_alloc_shash("md5", 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(md5));
	sign_key(key);
	memcpy(msg, sign_msg, sizeof(msg));

	KUNIT_ASSERT_EQ(test, smb1_sign_mac(md5, key, sizeof(key), msg,
					    sizeof(msg), NULL, 2, mac), 0);
	KUNIT_EXPECT_MEMEQ(test, mac, sign_mac_seq2, SMB1_SIG_SIZE);
	KUNIT_ASSERT_EQ(test, smb1_sign_mac(md5, key, sizeof(key), msg,
					    sizeof(msg), NULL, 3, mac), 0);
	KUNIT_EXPECT_MEMEQ(test, mac, sign_mac_seq3, SMB1_SIG_SIZE);
	/* the message is not changed */
	KUNIT_EXPECT_MEMEQ(test, msg, sign_msg, sizeof(msg));

	/* whatever the field holds is replaced by the sequence number */
	memcpy(msg + SIG_OFF, "ABCDEFGH", SMB1_SIG_SIZE);
	KUNIT_ASSERT_EQ(test, smb1_sign_mac(md5, key, sizeof(key), msg,
					    sizeof(msg), NULL, 2, mac), 0);
	KUNIT_EXPECT_MEMEQ(test, mac, sign_mac_seq2, SMB1_SIG_SIZE);

	/* shorter than a header */
	KUNIT_EXPECT_EQ(test, smb1_sign_mac(md5, key, sizeof(key), msg,
					    SMB1_HDR_SIZE - 1, NULL, 2, mac),
			-EINVAL);
	crypto_free_shash(md5);
}

/*
 * A payload sent after the message (a write's data) is signed as if it
 * were part of it, wherever the message ends and whatever holds it.
 */
static void sign_mac_payload_test(struct kunit *test)
{
	struct crypto_shash *md5;
	u8 key[40], whole[SMB1_SIG_SIZE], mac[SMB1_SIG_SIZE];
	struct iov_iter it;
	struct bio_vec bv;
	struct kvec kv;
	struct page *page;
	size_t split;
	u8 *p;

	md5 = crypto_alloc_shash("md5", 0, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(md5));
	sign_key(key);
	KUNIT_ASSERT_EQ(test, smb1_sign_mac(md5, key, sizeof(key), sign_msg,
					    sizeof(sign_msg), NULL, 2, whole),
			0);
	for (split = SMB1_HDR_SIZE; split <= sizeof(sign_msg); split++) {
		kv.iov_base = (void *)sign_msg + split;
		kv.iov_len = sizeof(sign_msg) - split;
		iov_iter_kvec(&it, ITER_SOURCE, &kv, 1, kv.iov_len);
		KUNIT_ASSERT_EQ(test, smb1_sign_mac(md5, key, sizeof(key),
						    sign_msg, split, &it, 2,
						    mac), 0);
		KUNIT_EXPECT_MEMEQ_MSG(test, mac, whole, SMB1_SIG_SIZE,
				       "message split at %zu", split);
		/* the iterator is not used up */
		KUNIT_EXPECT_EQ(test, iov_iter_count(&it), kv.iov_len);
	}

	/* from a page, as page cache data goes out */
	page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	p = kmap_local_page(page);
	memcpy(p + 100, sign_msg + SMB1_HDR_SIZE,
	       sizeof(sign_msg) - SMB1_HDR_SIZE);
	kunmap_local(p);
	bvec_set_page(&bv, page, sizeof(sign_msg) - SMB1_HDR_SIZE, 100);
	iov_iter_bvec(&it, ITER_SOURCE, &bv, 1, bv.bv_len);
	KUNIT_EXPECT_EQ(test, smb1_sign_mac(md5, key, sizeof(key), sign_msg,
					    SMB1_HDR_SIZE, &it, 2, mac), 0);
	KUNIT_EXPECT_MEMEQ(test, mac, whole, SMB1_SIG_SIZE);
	/* one byte of the payload changed changes the MAC */
	p = kmap_local_page(page);
	p[100] ^= 1;
	kunmap_local(p);
	KUNIT_EXPECT_EQ(test, smb1_sign_mac(md5, key, sizeof(key), sign_msg,
					    SMB1_HDR_SIZE, &it, 2, mac), 0);
	KUNIT_EXPECT_NE(test, memcmp(mac, whole, SMB1_SIG_SIZE), 0);
	__free_page(page);
	crypto_free_shash(md5);
}

static struct smb1_conn *sign_conn(struct kunit *test)
{
	struct smb1_conn *conn = kunit_kzalloc(test, sizeof(*conn), GFP_KERNEL);
	u8 key[40];

	KUNIT_ASSERT_NOT_NULL(test, conn);
	smb1_conn_init(conn, HZ);
	sign_key(key);
	KUNIT_ASSERT_EQ(test, smb1_sign_activate(conn, key, 16, key + 16, 24),
			0);
	KUNIT_EXPECT_TRUE(test, conn->signing);
	KUNIT_EXPECT_EQ(test, conn->sign_seq, 2);
	KUNIT_EXPECT_TRUE(test, conn->flags2 & SMBFLG2_SECURITY_SIGNATURE);
	return conn;
}

static struct smb1_req *sign_req_new(struct kunit *test,
				     struct smb1_conn *conn)
{
	struct smb1_req *req = smb1_req_alloc(conn, SMB_COM_READ_ANDX,
					      sizeof(sign_msg));

	KUNIT_ASSERT_NOT_NULL(test, req);
	memcpy(req->w.buf, sign_msg, sizeof(sign_msg));
	req->w.len = sizeof(sign_msg);
	return req;
}

/* Requests take 2, 4, 6 ... in the order they are signed. */
static void sign_req_test(struct kunit *test)
{
	struct smb1_conn *conn = sign_conn(test);
	struct smb1_req *a = sign_req_new(test, conn);
	struct smb1_req *b = sign_req_new(test, conn);
	struct smb1_req *c = sign_req_new(test, conn);

	mutex_lock(&conn->send_mutex);
	KUNIT_EXPECT_EQ(test, smb1_sign_req(conn, a), 0);
	KUNIT_EXPECT_EQ(test, smb1_sign_req(conn, b), 0);
	mutex_unlock(&conn->send_mutex);
	KUNIT_EXPECT_TRUE(test, a->sign);
	KUNIT_EXPECT_EQ(test, a->sign_seq, 2);
	KUNIT_EXPECT_EQ(test, b->sign_seq, 4);
	KUNIT_EXPECT_EQ(test, conn->sign_seq, 6);
	KUNIT_EXPECT_MEMEQ(test, a->w.buf + SIG_OFF, sign_mac_seq2,
			   SMB1_SIG_SIZE);
	/* the rest of the message is as it was */
	KUNIT_EXPECT_MEMEQ(test, a->w.buf, sign_msg, SIG_OFF);
	KUNIT_EXPECT_MEMEQ(test, a->w.buf + SIG_OFF + SMB1_SIG_SIZE,
			   sign_msg + SIG_OFF + SMB1_SIG_SIZE,
			   sizeof(sign_msg) - SIG_OFF - SMB1_SIG_SIZE);
	/* the same message under the next number has another MAC */
	KUNIT_EXPECT_MEMNEQ(test, b->w.buf + SIG_OFF, sign_mac_seq2,
			    SMB1_SIG_SIZE);

	/* a connection that does not sign leaves requests alone */
	conn->signing = false;
	mutex_lock(&conn->send_mutex);
	KUNIT_EXPECT_EQ(test, smb1_sign_req(conn, c), 0);
	mutex_unlock(&conn->send_mutex);
	KUNIT_EXPECT_FALSE(test, c->sign);
	KUNIT_EXPECT_MEMEQ(test, c->w.buf, sign_msg, sizeof(sign_msg));
	KUNIT_EXPECT_EQ(test, conn->sign_seq, 6);

	smb1_req_put(a);
	smb1_req_put(b);
	smb1_req_put(c);
	smb1_sign_free(conn);
}

/* A reply is accepted only unchanged and under the right number. */
static void sign_verify_test(struct kunit *test)
{
	struct smb1_conn *conn = sign_conn(test);
	u8 msg[sizeof(sign_msg)];
	size_t i;

	memcpy(msg, sign_msg, sizeof(msg));
	memcpy(msg + SIG_OFF, sign_mac_seq3, SMB1_SIG_SIZE);
	KUNIT_EXPECT_EQ(test, smb1_sign_verify(conn, msg, sizeof(msg), 3), 0);

	/* wrong sequence numbers */
	KUNIT_EXPECT_EQ(test, smb1_sign_verify(conn, msg, sizeof(msg), 2),
			-EIO);
	KUNIT_EXPECT_EQ(test, smb1_sign_verify(conn, msg, sizeof(msg), 5),
			-EIO);
	/* truncated */
	KUNIT_EXPECT_EQ(test, smb1_sign_verify(conn, msg, sizeof(msg) - 1, 3),
			-EIO);
	KUNIT_EXPECT_EQ(test, smb1_sign_verify(conn, msg, 10, 3), -EIO);

	/* any flipped bit, in the header, the MAC or the body */
	for (i = 0; i < sizeof(msg); i++) {
		msg[i] ^= 0x01;
		KUNIT_EXPECT_EQ_MSG(test,
				    smb1_sign_verify(conn, msg, sizeof(msg), 3),
				    -EIO, "byte %zu flipped", i);
		msg[i] ^= 0x01;
	}
	KUNIT_EXPECT_EQ(test, smb1_sign_verify(conn, msg, sizeof(msg), 3), 0);

	/* another key */
	conn->sign_key[0] ^= 0x80;
	KUNIT_EXPECT_EQ(test, smb1_sign_verify(conn, msg, sizeof(msg), 3),
			-EIO);
	smb1_sign_free(conn);
	/* no key at all */
	KUNIT_EXPECT_EQ(test, smb1_sign_verify(conn, msg, sizeof(msg), 3),
			-EIO);
}

/* The key is the session key followed by the response. */
static void sign_activate_test(struct kunit *test)
{
	struct smb1_conn *conn = sign_conn(test);
	u8 key[40];

	sign_key(key);
	KUNIT_EXPECT_EQ(test, conn->sign_key_len, 40);
	KUNIT_EXPECT_MEMEQ(test, conn->sign_key, key, 40);
	/* NTLMSSP: the session key alone */
	KUNIT_EXPECT_EQ(test, smb1_sign_activate(conn, key, 16, NULL, 0), 0);
	KUNIT_EXPECT_EQ(test, conn->sign_key_len, 16);
	KUNIT_EXPECT_MEMEQ(test, conn->sign_key, key, 16);
	KUNIT_EXPECT_EQ(test, smb1_sign_activate(conn, key, 0, NULL, 0),
			-EINVAL);
	smb1_sign_free(conn);
	KUNIT_EXPECT_FALSE(test, conn->signing);
	KUNIT_EXPECT_NULL(test, conn->sign_key);
}

/*
 * Whether a session signs, for every combination: what the server
 * offers and requires, the sign option, and whether an earlier session
 * of the mount signed.  A mount that has signed never goes on unsigned.
 */
static void sign_choose_test(struct kunit *test)
{
	static const struct {
		bool offered, required, sign, has_signed;
		enum smb1_sign_choice want;
	} t[] = {
		/* a server that can sign */
		{ 1, 0, 0, 0, SMB1_SIGN_OFF },
		{ 1, 0, 1, 0, SMB1_SIGN_ON },
		{ 1, 0, 0, 1, SMB1_SIGN_ON },
		{ 1, 0, 1, 1, SMB1_SIGN_ON },
		{ 1, 1, 0, 0, SMB1_SIGN_ON },
		{ 1, 1, 1, 0, SMB1_SIGN_ON },
		{ 1, 1, 0, 1, SMB1_SIGN_ON },
		{ 1, 1, 1, 1, SMB1_SIGN_ON },
		/* one that cannot: only a mount that never asked goes on */
		{ 0, 0, 0, 0, SMB1_SIGN_OFF },
		{ 0, 0, 1, 0, SMB1_SIGN_UNAVAILABLE },
		{ 0, 0, 0, 1, SMB1_SIGN_DOWNGRADE },
		{ 0, 0, 1, 1, SMB1_SIGN_DOWNGRADE },
		/* a user login that was to sign and gave no key */
		{ 0, 1, 0, 0, SMB1_SIGN_UNAVAILABLE },
		{ 0, 1, 1, 0, SMB1_SIGN_UNAVAILABLE },
		{ 0, 1, 0, 1, SMB1_SIGN_DOWNGRADE },
		{ 0, 1, 1, 1, SMB1_SIGN_DOWNGRADE },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		enum smb1_sign_choice got;

		got = smb1_sign_choose(t[i].offered, t[i].required, t[i].sign,
				       t[i].has_signed);
		KUNIT_EXPECT_EQ_MSG(test, got, t[i].want,
				    "offered %d required %d sign %d has_signed %d",
				    t[i].offered, t[i].required, t[i].sign,
				    t[i].has_signed);
		/* whatever else holds, a mount that signed keeps signing */
		if (t[i].has_signed)
			KUNIT_EXPECT_NE(test, got, SMB1_SIGN_OFF);
	}
}

/* Starting to sign marks the mount for good; a new session does not. */
static void sign_has_signed_test(struct kunit *test)
{
	struct smb1_conn *conn = sign_conn(test);
	struct smb1_req *req = sign_req_new(test, conn);

	KUNIT_EXPECT_TRUE(test, conn->has_signed);
	mutex_lock(&conn->send_mutex);
	KUNIT_EXPECT_EQ(test, smb1_sign_req(conn, req), 0);
	KUNIT_EXPECT_TRUE(test, req->sign);
	/* the next link: unsigned until the login signs again */
	conn->signing = false;
	KUNIT_EXPECT_EQ(test, smb1_sign_req(conn, req), 0);
	mutex_unlock(&conn->send_mutex);
	/* a request sent again there is not checked against the old key */
	KUNIT_EXPECT_FALSE(test, req->sign);
	KUNIT_EXPECT_TRUE(test, conn->has_signed);
	smb1_req_put(req);
	smb1_sign_free(conn);
	KUNIT_EXPECT_TRUE(test, conn->has_signed);
}

static struct kunit_case smb1_sign_test_cases[] = {
	KUNIT_CASE(sign_mac_vector_test),
	KUNIT_CASE(sign_mac_payload_test),
	KUNIT_CASE(sign_req_test),
	KUNIT_CASE(sign_verify_test),
	KUNIT_CASE(sign_activate_test),
	KUNIT_CASE(sign_choose_test),
	KUNIT_CASE(sign_has_signed_test),
	{}
};

static struct kunit_suite smb1_sign_test_suite = {
	.name = "smb1fs_sign",
	.test_cases = smb1_sign_test_cases,
};

kunit_test_suites(&smb1_sign_test_suite);
