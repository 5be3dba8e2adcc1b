// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the LAN Manager and core protocol decoders and
 * encoders: the 13-word negotiate reply, the 10-word session setup,
 * SMB_INFO_STANDARD, QUERY_INFORMATION and SEARCH, OEM strings, and the
 * core protocol's negotiate, TREE_CONNECT, OPEN, CREATE, READ and WRITE.
 * Every reply is also cut short at each length, which must give -EIO and
 * never a read past the end (KASAN watches).
 */

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/nls.h>

#include "../../fs/smb1fs/internal.h"

/* A reply: the 32-byte header, then body; kunit-allocated, exact size */
static u8 *lm_msg(struct kunit *test, u8 cmd, const u8 *body, size_t len)
{
	u8 *m = kunit_kzalloc(test, SMB1_HDR_SIZE + len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, m);
	m[0] = 0xff;
	m[1] = 'S';
	m[2] = 'M';
	m[3] = 'B';
	m[4] = cmd;
	m[9] = SMBFLG_REPLY;
	m[10] = SMBFLG2_KNOWS_LONG_NAMES;
	memcpy(m + SMB1_HDR_SIZE, body, len);
	return m;
}

/* LANMAN2.1 negotiate reply: user-level, encrypted, OEM domain */
static const u8 neg_lm21[] = {
	0x0d,				/* WordCount 13 */
	0x02, 0x00,			/* DialectIndex 2 */
	0x03, 0x00,			/* SecurityMode */
	0x00, 0x10,			/* MaxBufferSize 4096 */
	0x32, 0x00,			/* MaxMpxCount 50 */
	0x01, 0x00,			/* MaxNumberVcs */
	0x03, 0x00,			/* RawMode */
	0x78, 0x56, 0x34, 0x12,		/* SessionKey */
	0x00, 0x60,			/* ServerTime 12:00:00 */
	0x82, 0x2e,			/* ServerDate 2003-04-02 */
	0x88, 0xff,			/* ServerTimeZone -120 */
	0x08, 0x00,			/* EncryptionKeyLength */
	0x00, 0x00,			/* Reserved */
	0x12, 0x00,			/* ByteCount 18 */
	1, 2, 3, 4, 5, 6, 7, 8,		/* EncryptionKey */
	'W', 'O', 'R', 'K', 'G', 'R', 'O', 'U', 'P', 0,
};

static int dec_neg(const u8 *m, size_t len, struct smb1_negotiate_rsp *r)
{
	struct smb1_frame f;
	int ret = smb1_parse_frame(m, len, &f);

	return ret ? ret : smb1_dec_negotiate(&f, 4, r);
}

static void negotiate_lanman_test(struct kunit *test)
{
	static const u8 key[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	struct smb1_negotiate_rsp r;
	size_t len = SMB1_HDR_SIZE + sizeof(neg_lm21), cut;
	u8 *m = lm_msg(test, SMB_COM_NEGOTIATE, neg_lm21, sizeof(neg_lm21));

	KUNIT_ASSERT_EQ(test, dec_neg(m, len, &r), 0);
	KUNIT_EXPECT_TRUE(test, r.lanman);
	KUNIT_EXPECT_EQ(test, r.dialect, 2);
	KUNIT_EXPECT_EQ(test, r.security_mode, 3);
	KUNIT_EXPECT_EQ(test, r.max_buffer, 4096);
	KUNIT_EXPECT_EQ(test, r.max_mpx, 50);
	KUNIT_EXPECT_EQ(test, r.session_key, 0x12345678);
	KUNIT_EXPECT_EQ(test, r.tz, -120);
	KUNIT_EXPECT_EQ(test, r.caps, 0);
	KUNIT_EXPECT_EQ(test, r.challenge_len, 8);
	KUNIT_EXPECT_EQ(test, memcmp(r.challenge, key, 8), 0);
	KUNIT_EXPECT_FALSE(test, r.domain_unicode);
	KUNIT_ASSERT_EQ(test, r.domain_len, 9);
	KUNIT_EXPECT_EQ(test, memcmp(r.domain, "WORKGROUP", 9), 0);

	/* every shorter message: the ByteCount no longer fits, or less */
	for (cut = 0; cut < len; cut++)
		KUNIT_EXPECT_EQ_MSG(test, dec_neg(m, cut, &r), -EIO,
				    "cut at %zu", cut);

	/* a challenge shorter than the bytes that carry it */
	m[SMB1_HDR_SIZE + 27] = 4;
	m[SMB1_HDR_SIZE + 28] = 0;
	KUNIT_EXPECT_EQ(test, dec_neg(m, len, &r), -EIO);

	/* a challenge of 9 bytes with encryption on */
	m[SMB1_HDR_SIZE + 27] = 0x12;
	m[SMB1_HDR_SIZE + 23] = 9;
	KUNIT_EXPECT_EQ(test, dec_neg(m, len, &r), -EIO);

	/* plain-text passwords: no challenge at all is fine */
	m[SMB1_HDR_SIZE + 3] = NEGOTIATE_USER_SECURITY;
	m[SMB1_HDR_SIZE + 23] = 0;
	KUNIT_ASSERT_EQ(test, dec_neg(m, len, &r), 0);
	KUNIT_EXPECT_EQ(test, r.challenge_len, 0);
	/* the bytes up to the first NUL are then the domain */
	KUNIT_EXPECT_EQ(test, r.domain_len, 17);

	/* a key length beyond any challenge */
	m[SMB1_HDR_SIZE + 24] = 0x01;
	KUNIT_EXPECT_EQ(test, dec_neg(m, len, &r), -EIO);
	m[SMB1_HDR_SIZE + 24] = 0;

	/* the dialect index past the offered list */
	m[SMB1_HDR_SIZE + 1] = 4;
	KUNIT_EXPECT_EQ(test, dec_neg(m, len, &r), -EIO);
}

static void sess_setup_lanman_enc_test(struct kunit *test)
{
	static const u8 pw[3] = { 'A', 'B', 'C' };
	static const u8 want[] = {
		0x0a,			/* WordCount 10 */
		0xff, 0x00, 0x00, 0x00,	/* no AndX */
		0x00, 0x10,		/* MaxBufferSize */
		0x02, 0x00,		/* MaxMpxCount */
		0x00, 0x00,		/* VcNumber */
		0x44, 0x33, 0x22, 0x11,	/* SessionKey */
		0x03, 0x00,		/* PasswordLength */
		0x00, 0x00, 0x00, 0x00,	/* Reserved */
		0x0f, 0x00,		/* ByteCount 15 */
		'A', 'B', 'C',
		'U', 0, 'D', 0, 'L', 'i', 'n', 'u', 'x', 0, 'x', 0,
	};
	struct smb1_sess_setup_req r = {
		.max_buffer = 4096, .max_mpx = 2, .session_key = 0x11223344,
		.lm_resp = pw, .lm_resp_len = 3, .user = "U", .domain = "D",
		.native_os = "Linux", .native_lm = "x", .lanman = true,
	};
	struct smb1_wbuf w;
	u8 *buf = kunit_kzalloc(test, 256, GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	smb1_wbuf_init(&w, buf, 256);
	KUNIT_ASSERT_EQ(test, smb1_enc_sess_setup(&w, &r, false), 0);
	KUNIT_ASSERT_EQ(test, w.len, sizeof(want));
	KUNIT_EXPECT_EQ(test, memcmp(buf, want, sizeof(want)), 0);
}

/* The 22 bytes of SMB_INFO_STANDARD */
static const u8 info_std[] = {
	0x82, 0x2e, 0x00, 0x60,		/* created 2003-04-02 12:00:00 */
	0x82, 0x2e, 0x01, 0x60,		/* accessed 12:00:02 */
	0x83, 0x2e, 0x20, 0x00,		/* written 2003-04-03 00:01:00 */
	0x39, 0x30, 0x00, 0x00,		/* FileDataSize 12345 */
	0x00, 0x40, 0x00, 0x00,		/* AllocationSize */
	0x21, 0x00,			/* Attributes */
};

static void info_standard_test(struct kunit *test)
{
	struct smb1_trans2_rsp t = { .data_len = sizeof(info_std) };
	struct smb1_fattr fa;
	u8 *d = kunit_kmalloc(test, sizeof(info_std), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	memcpy(d, info_std, sizeof(info_std));
	t.data = d;
	/* the server is 60 minutes behind UTC: UTC = local + 60 min */
	KUNIT_ASSERT_EQ(test, smb1_dec_info_standard(&t, 60, &fa), 0);
	KUNIT_EXPECT_EQ(test, fa.size, 12345);
	KUNIT_EXPECT_EQ(test, fa.alloc_size, 0x4000);
	KUNIT_EXPECT_EQ(test, fa.attrs, ATTR_ARCHIVE | ATTR_READONLY);
	/* 2003-04-02 12:00:00 local, 13:00:00 UTC */
	KUNIT_EXPECT_EQ(test, fa.btime.tv_sec, 1049288400);
	KUNIT_EXPECT_EQ(test, fa.atime.tv_sec, 1049288402);
	KUNIT_EXPECT_EQ(test, fa.mtime.tv_sec, 1049331660);
	KUNIT_EXPECT_EQ(test, fa.ctime.tv_sec, fa.mtime.tv_sec);

	for (t.data_len = 0; t.data_len < sizeof(info_std); t.data_len++)
		KUNIT_EXPECT_EQ_MSG(test, smb1_dec_info_standard(&t, 0, &fa),
				    -EIO, "%u bytes", t.data_len);
	t.data = NULL;
	KUNIT_EXPECT_EQ(test, smb1_dec_info_standard(&t, 0, &fa), -EIO);
}

static void query_information_test(struct kunit *test)
{
	static const u8 body[] = {
		0x0a,				/* WordCount 10 */
		0x10, 0x00,			/* FileAttributes: directory */
		0x00, 0x2f, 0x8b, 0x3e,		/* LastWriteTime 1049308928 */
		0x00, 0x00, 0x01, 0x00,		/* FileSize 65536 */
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0,	/* Reserved */
		0x00, 0x00,			/* ByteCount */
	};
	size_t len = SMB1_HDR_SIZE + sizeof(body), cut;
	u8 *m = lm_msg(test, SMB_COM_QUERY_INFORMATION, body, sizeof(body));
	struct smb1_fattr fa;
	struct smb1_frame f;

	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_query_information(&f, -60, &fa), 0);
	KUNIT_EXPECT_EQ(test, fa.attrs, ATTR_DIRECTORY);
	KUNIT_EXPECT_EQ(test, fa.size, 65536);
	KUNIT_EXPECT_EQ(test, fa.mtime.tv_sec, 1049308928 - 3600);
	for (cut = 0; cut < len; cut++)
		KUNIT_EXPECT_NE_MSG(test, smb1_parse_frame(m, cut, &f), 0,
				    "cut at %zu", cut);
	/* 9 words is not this reply */
	m[SMB1_HDR_SIZE] = 9;
	m[SMB1_HDR_SIZE + 19] = 2;	/* ByteCount covers the last word */
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_EXPECT_EQ(test, smb1_dec_query_information(&f, 0, &fa), -EIO);
}

/* A core SEARCH reply: two entries, 8.3 names */
static u8 *search_reply(struct kunit *test, size_t *len)
{
	static const u8 head[] = {
		0x01, 0x02, 0x00,		/* WordCount 1, Count 2 */
		0x59, 0x00,			/* ByteCount 3 + 86 */
		0x05, 0x56, 0x00,		/* variable block, 86 bytes */
	};
	size_t n = sizeof(head) + 2 * SMB1_SEARCH_ENTRY_SIZE;
	u8 *body = kunit_kzalloc(test, n, GFP_KERNEL), *e;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, body);
	memcpy(body, head, sizeof(head));
	e = body + sizeof(head);
	memset(e, 0xaa, SMB1_SEARCH_RESUME_KEY_SIZE);
	e[21] = ATTR_ARCHIVE;
	e[22] = 0x00;			/* LastWriteTime 12:00:00 */
	e[23] = 0x60;
	e[24] = 0x82;			/* LastWriteDate 2003-04-02 */
	e[25] = 0x2e;
	e[26] = 0x10;			/* FileSize 16 */
	memcpy(e + 30, "README.TXT", 10);
	e += SMB1_SEARCH_ENTRY_SIZE;
	memset(e, 0xbb, SMB1_SEARCH_RESUME_KEY_SIZE);
	e[21] = ATTR_DIRECTORY;
	memcpy(e + 30, "SUBDIR       ", 13);	/* padded with spaces */
	*len = SMB1_HDR_SIZE + n;
	return lm_msg(test, SMB_COM_SEARCH, body, n);
}

/* QUERY_INFORMATION_DISK: 16-bit counts; cut short at every length */
static const u8 qdisk_body[] = {
	0x05,				/* WordCount 5 */
	0x10, 0x27,			/* TotalUnits 10000 */
	0x04, 0x00,			/* BlocksPerUnit 4 */
	0x00, 0x02,			/* BlockSize 512 */
	0xe8, 0x03,			/* FreeUnits 1000 */
	0x00, 0x00,			/* Reserved */
	0x00, 0x00,			/* ByteCount 0 */
};

static void query_disk_test(struct kunit *test)
{
	size_t len = SMB1_HDR_SIZE + sizeof(qdisk_body), cut;
	u8 *m = lm_msg(test, SMB_COM_QUERY_INFORMATION_DISK, qdisk_body,
		       sizeof(qdisk_body));
	struct smb1_fs_size fs;
	struct smb1_wbuf w;
	struct smb1_frame f;
	u8 buf[32];

	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_query_disk(&f, &fs), 0);
	KUNIT_EXPECT_EQ(test, fs.total_units, 10000ULL);
	KUNIT_EXPECT_EQ(test, fs.free_units, 1000ULL);
	KUNIT_EXPECT_EQ(test, fs.sectors_per_unit, 4);
	KUNIT_EXPECT_EQ(test, fs.bytes_per_sector, 512);
	/* an error reply has no words: refused, not read */
	m[SMB1_HDR_SIZE] = 0;
	m[SMB1_HDR_SIZE + 1] = 0;
	m[SMB1_HDR_SIZE + 2] = 0;
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, SMB1_HDR_SIZE + 3, &f), 0);
	KUNIT_EXPECT_EQ(test, smb1_dec_query_disk(&f, &fs), -EIO);
	m = lm_msg(test, SMB_COM_QUERY_INFORMATION_DISK, qdisk_body,
		   sizeof(qdisk_body));
	for (cut = SMB1_HDR_SIZE; cut < len; cut++)
		if (!smb1_parse_frame(m, cut, &f))
			KUNIT_EXPECT_EQ(test, smb1_dec_query_disk(&f, &fs),
					-EIO);
	/* the request: no words, no bytes */
	memset(buf, 0xaa, sizeof(buf));
	smb1_wbuf_init(&w, buf, sizeof(buf));
	KUNIT_EXPECT_EQ(test, smb1_enc_query_disk(&w), 0);
	KUNIT_EXPECT_EQ(test, w.len, 3);
	KUNIT_EXPECT_EQ(test, buf[0], 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le16(buf + 1), 0);
}

/* SMB_INFO_ALLOCATION: every prefix of the data is refused */
static void fs_alloc_info_test(struct kunit *test)
{
	static const u8 data[] = {
		0x78, 0x56, 0x34, 0x12,		/* idFileSystem */
		0x08, 0x00, 0x00, 0x00,		/* cSectorUnit 8 */
		0x00, 0x00, 0x10, 0x00,		/* cUnit 0x100000 */
		0x00, 0x80, 0x00, 0x00,		/* cUnitAvailable 0x8000 */
		0x00, 0x02,			/* cbSector 512 */
	};
	struct smb1_trans2_rsp t = {};
	struct smb1_fs_size fs;
	size_t n;
	u8 *d;

	for (n = 0; n <= sizeof(data); n++) {
		d = kunit_kmalloc(test, n ? n : 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, d);
		memcpy(d, data, n);
		t.data = d;
		t.data_len = n;
		KUNIT_EXPECT_EQ(test, smb1_dec_fs_alloc_info(&t, &fs),
				n == sizeof(data) ? 0 : -EIO);
	}
	KUNIT_EXPECT_EQ(test, fs.total_units, 0x100000ULL);
	KUNIT_EXPECT_EQ(test, fs.free_units, 0x8000ULL);
	KUNIT_EXPECT_EQ(test, fs.sectors_per_unit, 8);
	KUNIT_EXPECT_EQ(test, fs.bytes_per_sector, 512);
	t.data = NULL;
	KUNIT_EXPECT_EQ(test, smb1_dec_fs_alloc_info(&t, &fs), -EIO);
}

static void search_test(struct kunit *test)
{
	struct smb1_find_iter it;
	struct smb1_find_rsp r;
	struct smb1_dirent de;
	struct smb1_frame f;
	size_t len, cut;
	u8 *m = search_reply(test, &len);

	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_ASSERT_EQ(test, smb1_dec_search(&f, &r), 0);
	KUNIT_EXPECT_EQ(test, r.count, 2);
	KUNIT_EXPECT_EQ(test, r.level, SMB1_FIND_LEVEL_CORE);
	smb1_find_iter_init(&it, &r);
	KUNIT_ASSERT_EQ(test, smb1_find_iter_next(&it, &de), 0);
	KUNIT_EXPECT_EQ(test, de.name_len, 10);
	KUNIT_EXPECT_EQ(test, memcmp(de.name, "README.TXT", 10), 0);
	KUNIT_EXPECT_EQ(test, de.attr.size, 16);
	KUNIT_EXPECT_EQ(test, de.attr.attrs, ATTR_ARCHIVE);
	KUNIT_EXPECT_EQ(test, de.attr.mtime.tv_sec, 1049284800);
	KUNIT_EXPECT_EQ(test, de.resume[0], 0xaa);
	KUNIT_ASSERT_EQ(test, smb1_find_iter_next(&it, &de), 0);
	KUNIT_EXPECT_EQ(test, de.name_len, 6);
	KUNIT_EXPECT_EQ(test, de.attr.attrs, ATTR_DIRECTORY);
	KUNIT_EXPECT_EQ(test, de.resume[20], 0xbb);
	KUNIT_EXPECT_EQ(test, smb1_find_iter_next(&it, &de), -ENOENT);

	for (cut = 0; cut < len; cut++) {
		if (smb1_parse_frame(m, cut, &f))
			continue;
		KUNIT_EXPECT_EQ_MSG(test, smb1_dec_search(&f, &r), -EIO,
				    "cut at %zu", cut);
	}

	/* a Count the data does not hold */
	m[SMB1_HDR_SIZE + 1] = 3;
	KUNIT_ASSERT_EQ(test, smb1_parse_frame(m, len, &f), 0);
	KUNIT_EXPECT_EQ(test, smb1_dec_search(&f, &r), -EIO);
	m[SMB1_HDR_SIZE + 1] = 2;
	/* a DataLength past the message */
	m[SMB1_HDR_SIZE + 6] = 0x57;
	KUNIT_EXPECT_EQ(test, smb1_dec_search(&f, &r), -EIO);
	m[SMB1_HDR_SIZE + 6] = 0x56;
	/* not a variable block */
	m[SMB1_HDR_SIZE + 5] = 0x04;
	KUNIT_EXPECT_EQ(test, smb1_dec_search(&f, &r), -EIO);
}

/*
 * SMB_INFO_STANDARD entries with resume keys: one whose name length
 * leaves out the terminator that follows it, one that counts it.
 */
static void find_standard_test(struct kunit *test)
{
	static const u8 data[] = {
		0x01, 0x00, 0x00, 0x00,		/* ResumeKey 1 */
		0x82, 0x2e, 0x00, 0x60, 0x82, 0x2e, 0x00, 0x60,
		0x82, 0x2e, 0x00, 0x60,
		0x05, 0x00, 0x00, 0x00,		/* size 5 */
		0x00, 0x02, 0x00, 0x00,
		0x20, 0x00,			/* archive */
		0x05, 'a', '.', 't', 'x', 't', 0x00,	/* not counted */
		0x00, 0x01, 0x00, 0x00,		/* ResumeKey 0x100 */
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0,
		0x10, 0x00,			/* directory */
		0x04, 'd', 'i', 'r', 0x00,	/* counted */
	};
	struct smb1_find_rsp r = {
		.count = 2, .data_len = sizeof(data),
		.level = SMB1_FIND_LEVEL_STANDARD,
	};
	struct smb1_find_iter it;
	struct smb1_dirent de;
	u8 *d = kunit_kmalloc(test, sizeof(data), GFP_KERNEL);
	u16 n;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	memcpy(d, data, sizeof(data));
	r.data = d;
	smb1_find_iter_init(&it, &r);
	KUNIT_ASSERT_EQ(test, smb1_find_iter_next(&it, &de), 0);
	KUNIT_EXPECT_EQ(test, de.resume_key, 1);
	KUNIT_EXPECT_EQ(test, de.name_len, 5);
	KUNIT_EXPECT_EQ(test, de.attr.size, 5);
	KUNIT_EXPECT_EQ(test, de.attr.mtime.tv_sec, 1049284800);
	KUNIT_ASSERT_EQ(test, smb1_find_iter_next(&it, &de), 0);
	KUNIT_EXPECT_EQ(test, de.resume_key, 0x100);
	KUNIT_EXPECT_EQ(test, de.name_len, 4);
	KUNIT_EXPECT_EQ(test, de.attr.attrs, ATTR_DIRECTORY);
	KUNIT_EXPECT_EQ(test, smb1_find_iter_next(&it, &de), -ENOENT);

	/*
	 * Cut short inside an entry: -EIO, and it stays so.  Cut after the
	 * first entry (with or without its terminator): the data ends the
	 * list, one entry short of the count.
	 */
	for (n = 1; n < sizeof(data); n++) {
		int want = n == 32 || n == 33 ? -ENOENT : -EIO;
		int ret = 0, i;

		r.data_len = n;
		smb1_find_iter_init(&it, &r);
		for (i = 0; i < 3 && !ret; i++)
			ret = smb1_find_iter_next(&it, &de);
		KUNIT_EXPECT_EQ_MSG(test, ret, want, "%u bytes", n);
		KUNIT_EXPECT_EQ(test, smb1_find_iter_next(&it, &de), ret);
	}
}

/*
 * SMB_INFO_STANDARD entries with Unicode names (an NT LM 0.12 server
 * without CAP_NT_SMBS): a name whose two-byte terminator is not counted
 * but follows it, then one that counts it.  The last byte of "a" in
 * UTF-16LE is a NUL; it is no terminator, and the entry after it must
 * still be found.
 */
static void find_standard_unicode_test(struct kunit *test)
{
	static const u8 data[] = {
		0x01, 0x00, 0x00, 0x00,		/* ResumeKey 1 */
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0x07, 0x00, 0x00, 0x00,		/* size 7 */
		0x00, 0x02, 0x00, 0x00,
		0x20, 0x00,			/* archive */
		0x02, 'a', 0x00, 0x00, 0x00,	/* not counted */
		0x02, 0x00, 0x00, 0x00,		/* ResumeKey 2 */
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0,
		0x10, 0x00,			/* directory */
		0x06, 'd', 0x00, 'r', 0x00, 0x00, 0x00,	/* counted */
	};
	struct smb1_find_rsp r = {
		.count = 2, .data_len = sizeof(data),
		.level = SMB1_FIND_LEVEL_STANDARD, .unicode = true,
	};
	struct smb1_find_iter it;
	struct smb1_dirent de;
	u8 *d = kunit_kmalloc(test, sizeof(data), GFP_KERNEL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	memcpy(d, data, sizeof(data));
	r.data = d;
	smb1_find_iter_init(&it, &r);
	KUNIT_ASSERT_EQ(test, smb1_find_iter_next(&it, &de), 0);
	KUNIT_EXPECT_EQ(test, de.resume_key, 1);
	KUNIT_EXPECT_EQ(test, de.name_len, 2);
	KUNIT_EXPECT_EQ(test, de.attr.size, 7);
	KUNIT_ASSERT_EQ(test, smb1_find_iter_next(&it, &de), 0);
	KUNIT_EXPECT_EQ(test, de.resume_key, 2);
	KUNIT_EXPECT_EQ(test, de.name_len, 6);
	KUNIT_EXPECT_EQ(test, de.attr.attrs, ATTR_DIRECTORY);
	KUNIT_EXPECT_EQ(test, smb1_find_iter_next(&it, &de), -ENOENT);
}

static void enc_core_test(struct kunit *test)
{
	static const u8 key[SMB1_SEARCH_RESUME_KEY_SIZE] = { 7 };
	static const u8 want_qi[] = {
		0x00, 0x06, 0x00, 0x04, '\\', 'A', '.', 'B', 0x00,
	};
	static const u8 want_search[] = {
		0x02, 0x10, 0x00, 0x16, 0x00,	/* MaxCount 16, attrs */
		0x1a, 0x00,			/* ByteCount 26 */
		0x04, 0x00,			/* empty FileName */
		0x05, 0x15, 0x00,		/* resume key, 21 bytes */
		7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	};
	u8 *buf = kunit_kzalloc(test, 128, GFP_KERNEL);
	struct smb1_wbuf w;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	smb1_wbuf_init(&w, buf, 128);
	KUNIT_ASSERT_EQ(test, smb1_enc_query_information(&w, "\\A.B", false),
			0);
	KUNIT_ASSERT_EQ(test, w.len, sizeof(want_qi));
	KUNIT_EXPECT_EQ(test, memcmp(buf, want_qi, sizeof(want_qi)), 0);

	smb1_wbuf_init(&w, buf, 128);
	KUNIT_ASSERT_EQ(test, smb1_enc_search(&w, "\\*.*", 0x16, 16, key,
					      false), 0);
	KUNIT_ASSERT_EQ(test, w.len, sizeof(want_search));
	KUNIT_EXPECT_EQ(test, memcmp(buf, want_search, sizeof(want_search)),
			0);

	/* the first call carries the pattern and no key */
	smb1_wbuf_init(&w, buf, 128);
	KUNIT_ASSERT_EQ(test, smb1_enc_search(&w, "\\*.*", 0x16, 16, NULL,
					      false), 0);
	KUNIT_EXPECT_EQ(test, w.len, 5 + 2 + 1 + 5 + 3);
	KUNIT_EXPECT_EQ(test, memcmp(buf + 8, "\\*.*", 5), 0);
}

/* OEM strings through code page 437, when the kernel has it */
static void oem_cp437_test(struct kunit *test)
{
	struct nls_table *cp = load_nls("cp437");
	char out[16];
	u8 oem[16];
	int n;

	if (!cp)
		kunit_skip(test, "no cp437 NLS table");
	/* A-umlaut is 0x8e, upper-case e-acute 0x90 */
	n = smb1_utf8_to_oem(cp, "\xc3\xa4\x62\x63", 4, oem, sizeof(oem), true);
	KUNIT_EXPECT_EQ(test, n, 3);
	KUNIT_EXPECT_EQ(test, oem[0], 0x8e);
	KUNIT_EXPECT_EQ(test, oem[1], 'B');
	n = smb1_oem_to_utf8(cp, (const u8 *)"\x90t\xe9", 3, out, sizeof(out));
	KUNIT_EXPECT_EQ(test, n, 5);
	KUNIT_EXPECT_STREQ(test, out, "\xc3\x89t\xce\x98");
	/* no room for the terminator */
	KUNIT_EXPECT_EQ(test, smb1_oem_to_utf8(cp, (const u8 *)"abc", 3, out,
					       3), -ENAMETOOLONG);
	/* a character cp437 lacks */
	KUNIT_EXPECT_EQ(test, smb1_utf8_to_oem(cp, "\xe2\x82\xac", 3, oem,
					       sizeof(oem), false), -EINVAL);
	unload_nls(cp);
}

static void oem_ascii_test(struct kunit *test)
{
	char out[8];
	u8 oem[8];

	KUNIT_EXPECT_EQ(test, smb1_utf8_to_oem(NULL, "pass", 4, oem, 8, true),
			4);
	KUNIT_EXPECT_EQ(test, memcmp(oem, "PASS", 5), 0);
	KUNIT_EXPECT_EQ(test, smb1_utf8_to_oem(NULL, "\xc3\xa4", 2, oem, 8,
					       false), -EINVAL);
	KUNIT_EXPECT_EQ(test, smb1_utf8_to_oem(NULL, "toolong!!", 9, oem, 8,
					       false), -ENAMETOOLONG);
	KUNIT_EXPECT_EQ(test, smb1_oem_to_utf8(NULL, (const u8 *)"\x80", 1,
					       out, 8), -EINVAL);
	KUNIT_EXPECT_EQ(test, smb1_oem_to_utf8(NULL, (const u8 *)"a\0b", 3,
					       out, 8), -EINVAL);
}

/* iocharset=iso8859-1: names between the server's UTF-8 and Latin-1 */
static void iocharset_latin1_test(struct kunit *test)
{
	static const u8 ucs2[] = { 0xc4, 0x00, 'b', 0x00 };	/* A-umlaut b */
	struct nls_table *l = load_nls("iso8859-1");
	char utf8[NAME_MAX + 1], out[NAME_MAX + 1];
	char all[256];
	int n, i;

	if (!l)
		kunit_skip(test, "no iso8859-1 NLS table");
	n = smb1_utf8_to_local(l, "caf\xc3\xa9 cr\xc3\xa8me.txt", 16, out,
			       sizeof(out));
	KUNIT_EXPECT_EQ(test, n, 14);
	KUNIT_EXPECT_STREQ(test, out, "caf\xe9 cr\xe8me.txt");
	n = smb1_local_to_utf8(l, out, n, utf8, sizeof(utf8));
	KUNIT_EXPECT_EQ(test, n, 16);
	KUNIT_EXPECT_STREQ(test, utf8, "caf\xc3\xa9 cr\xc3\xa8me.txt");

	/* a UTF-16 name from the server, through UTF-8, to Latin-1 */
	n = smb1_utf16_to_utf8(ucs2, sizeof(ucs2), utf8, sizeof(utf8));
	KUNIT_ASSERT_EQ(test, n, 3);
	KUNIT_EXPECT_EQ(test, smb1_utf8_to_local(l, utf8, n, out, sizeof(out)),
			2);
	KUNIT_EXPECT_STREQ(test, out, "\xc4\x62");

	/* what Latin-1 cannot show: the euro sign, CJK */
	KUNIT_EXPECT_EQ(test, smb1_utf8_to_local(l, "\xe2\x82\xac", 3, out,
						 sizeof(out)), -EINVAL);
	KUNIT_EXPECT_EQ(test, smb1_utf8_to_local(l, "\xe6\x97\xa5", 3, out,
						 sizeof(out)), -EINVAL);
	/* no room for the terminator */
	KUNIT_EXPECT_EQ(test, smb1_utf8_to_local(l, "abc", 3, out, 3),
			-ENAMETOOLONG);
	KUNIT_EXPECT_EQ(test, smb1_local_to_utf8(l, "\xe9", 1, utf8, 2),
			-ENAMETOOLONG);

	/* every byte but NUL goes to UTF-8 and comes back */
	for (i = 1; i < 256; i++)
		all[i - 1] = i;
	n = smb1_local_to_utf8(l, all, 255, utf8, sizeof(utf8));
	KUNIT_EXPECT_EQ(test, n, -ENAMETOOLONG);	/* 383 bytes */
	n = smb1_local_to_utf8(l, all + 128, 127, utf8, sizeof(utf8));
	KUNIT_ASSERT_EQ(test, n, 254);
	KUNIT_EXPECT_EQ(test, smb1_utf8_to_local(l, utf8, n, out,
						 sizeof(out)), 127);
	KUNIT_EXPECT_EQ(test, memcmp(out, all + 128, 127), 0);
	n = smb1_local_to_utf8(l, all, 127, utf8, sizeof(utf8));
	KUNIT_ASSERT_EQ(test, n, 127);
	KUNIT_EXPECT_EQ(test, smb1_utf8_to_local(l, utf8, n, out,
						 sizeof(out)), 127);
	KUNIT_EXPECT_EQ(test, memcmp(out, all, 127), 0);
	unload_nls(l);
}

/* UTF-8 (no table) passes names through, checking only the room */
static void iocharset_utf8_test(struct kunit *test)
{
	char out[8];

	KUNIT_EXPECT_EQ(test, smb1_utf8_to_local(NULL, "\xc3\xa9t\xc3\xa9", 5,
						 out, sizeof(out)), 5);
	KUNIT_EXPECT_STREQ(test, out, "\xc3\xa9t\xc3\xa9");
	KUNIT_EXPECT_EQ(test, smb1_local_to_utf8(NULL, "abcdefg", 7, out,
						 sizeof(out)), 7);
	KUNIT_EXPECT_EQ(test, smb1_local_to_utf8(NULL, "abcdefgh", 8, out,
						 sizeof(out)), -ENAMETOOLONG);
}

struct name83_case {
	const char *name;
	bool cp437;		/* needs the cp437 table */
	bool valid;
};

static const struct name83_case name83_cases[] = {
	{ "README.TXT", false, true },
	{ "readme.txt", false, true },
	{ "A", false, true },
	{ "ABCDEFGH", false, true },
	{ "ABCDEFGH.ABC", false, true },
	{ "a~1.b", false, true },
	{ "ABCDEFGHI", false, false },
	{ "ABCDEFGHI.TXT", false, false },
	{ "A.ABCD", false, false },
	{ "A.B.C", false, false },
	{ ".profile", false, false },
	{ "NAME.", false, false },
	{ "", false, false },
	{ " A", false, false },
	{ "a+b", false, false },
	{ "a,b", false, false },
	{ "a;b", false, false },
	{ "a=b", false, false },
	{ "a[1]", false, false },
	{ "a|b", false, false },
	{ "a\"b", false, false },
	{ "a?", false, false },
	{ "a*", false, false },
	{ "a:b", false, false },
	{ "a<b", false, false },
	{ "a\tb", false, false },
	{ "\xc3\x84\x42\x43.TXT", false, false },	/* A-umlaut, ASCII only */
	{ "\xc3\x84\x42\x43.TXT", true, true },	/* A-umlaut in cp437 */
	{ "\xc3\xa4\x62\x63.txt", true, true },	/* and its lower case */
	{ "\xe2\x82\xac.TXT", true, false },	/* the euro: not in cp437 */
	{ "\xe6\x97\xa5\xe6\x9c\xac", true, false },
	{ "\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4",
	  true, true },				/* 8 letters, 16 bytes */
};

static void name83_case_desc(const struct name83_case *t, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s%s", t->name,
		 t->cp437 ? " (cp437)" : "");
}

KUNIT_ARRAY_PARAM(name83, name83_cases, name83_case_desc);

static void name83_test(struct kunit *test)
{
	const struct name83_case *t = test->param_value;
	struct nls_table *cp = NULL;

	if (t->cp437) {
		cp = load_nls("cp437");
		if (!cp)
			kunit_skip(test, "no cp437 NLS table");
	}
	KUNIT_EXPECT_EQ_MSG(test, smb1_is_83_name(cp, t->name,
						  strlen(t->name)),
			    t->valid, "%s", t->name);
	if (cp)
		unload_nls(cp);
}

/* Paths to a core protocol server go out upper-cased in the code page */
static void put_path_upper_test(struct kunit *test)
{
	struct nls_table *cp = load_nls("cp437");
	struct smb1_wbuf w;
	u8 buf[32];

	if (!cp)
		kunit_skip(test, "no cp437 NLS table");
	smb1_wbuf_init(&w, buf, sizeof(buf));
	w.oem = cp;
	w.upper_names = true;
	smb1_put_path(&w, "\xc3\xa4\\readme.txt", false);
	smb1_put_string(&w, "user", false);
	KUNIT_ASSERT_EQ(test, w.err, 0);
	KUNIT_ASSERT_EQ(test, w.len, 18);
	KUNIT_EXPECT_EQ(test, memcmp(buf, "\x8e\\README.TXT\0user\0", 18), 0);

	smb1_wbuf_init(&w, buf, sizeof(buf));
	w.oem = cp;
	smb1_put_path(&w, "\xc3\xa4\\readme.txt", false);
	KUNIT_EXPECT_EQ(test, memcmp(buf, "\x84\\readme.txt", 13), 0);
	unload_nls(cp);
}

/* The core protocol's replies, decoded by the command they answer */
static const u8 core_neg[] = {
	0x01, 0x00, 0x00,		/* WordCount 1, DialectIndex 0 */
	0x00, 0x00,			/* ByteCount */
};

static const u8 core_neg_oob[] = {
	0x01, 0x04, 0x00,		/* DialectIndex 4 of 4 */
	0x00, 0x00,
};

static const u8 core_tcon[] = {
	0x02,				/* WordCount 2 */
	0x04, 0x11,			/* MaxBufferSize 4356 */
	0xc1, 0x02,			/* TID 0x2c1 */
	0x00, 0x00,			/* ByteCount */
};

static const u8 core_tcon_wc3[] = {
	0x03, 0x04, 0x11, 0xc1, 0x02, 0x00, 0x00, 0x00, 0x00,
};

static const u8 core_open[] = {
	0x07,				/* WordCount 7 */
	0x00, 0x40,			/* FID 0x4000 */
	0x21, 0x00,			/* FileAttributes: archive, read-only */
	0x00, 0x2f, 0x8b, 0x3e,		/* LastModified 1049308928 */
	0x10, 0x27, 0x00, 0x00,		/* FileSize 10000 */
	0x02, 0x00,			/* AccessMode: read and write */
	0x00, 0x00,			/* ByteCount */
};

static const u8 core_open_wc6[] = {
	0x06, 0x00, 0x40, 0x21, 0x00, 0x00, 0x2f, 0x8b, 0x3e, 0x10, 0x27,
	0x00, 0x00, 0x00, 0x00,
};

static const u8 core_create[] = {
	0x01, 0x01, 0x40,		/* WordCount 1, FID 0x4001 */
	0x00, 0x00,
};

static const u8 core_create_wc0[] = {
	0x00, 0x00, 0x00,
};

static const u8 core_read[] = {
	0x05,				/* WordCount 5 */
	0x05, 0x00,			/* CountOfBytesReturned 5 */
	0, 0, 0, 0, 0, 0, 0, 0,		/* Reserved */
	0x08, 0x00,			/* ByteCount 8 */
	0x01, 0x05, 0x00,		/* data block, 5 bytes */
	'h', 'e', 'l', 'l', 'o',
};

static const u8 core_read_eof[] = {
	0x05, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
	0x03, 0x00, 0x01, 0x00, 0x00,	/* no data: the end of the file */
};

static const u8 core_read_mismatch[] = {
	0x05, 0x04, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,	/* says 4 */
	0x08, 0x00, 0x01, 0x05, 0x00, 'h', 'e', 'l', 'l', 'o',
};

static const u8 core_read_format[] = {
	0x05, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
	0x08, 0x00, 0x05, 0x05, 0x00, 'h', 'e', 'l', 'l', 'o',	/* 0x05 */
};

static const u8 core_read_padded[] = {
	0x05, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
	0x09, 0x00, 0x01, 0x05, 0x00, 'h', 'e', 'l', 'l', 'o', 0,
};

static const u8 core_read_short_bc[] = {
	0x05, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
	0x02, 0x00, 0x01, 0x00,		/* no room for DataLength */
};

static const u8 core_write[] = {
	0x01, 0x00, 0x10,		/* WordCount 1, Count 4096 */
	0x00, 0x00,
};

static const u8 core_write_more[] = {
	0x01, 0x01, 0x10,		/* 4097: one more than was sent */
	0x00, 0x00,
};

enum { CD_NEG, CD_TCON, CD_OPEN, CD_CREATE, CD_READ, CD_READ_HDR, CD_WRITE };

struct core_dec_case {
	const char *name;
	int what;
	const u8 *body;
	size_t len;
	int want;
};

#define CORE_DEC(n, w, b, r) { n, w, b, sizeof(b), r }

static const struct core_dec_case core_dec_cases[] = {
	CORE_DEC("negotiate", CD_NEG, core_neg, 0),
	CORE_DEC("negotiate, index out of range", CD_NEG, core_neg_oob, -EIO),
	CORE_DEC("tree connect", CD_TCON, core_tcon, 0),
	CORE_DEC("tree connect of 3 words", CD_TCON, core_tcon_wc3, -EIO),
	CORE_DEC("open", CD_OPEN, core_open, 0),
	CORE_DEC("open of 6 words", CD_OPEN, core_open_wc6, -EIO),
	CORE_DEC("create", CD_CREATE, core_create, 0),
	CORE_DEC("create of no words", CD_CREATE, core_create_wc0, -EIO),
	CORE_DEC("read", CD_READ, core_read, 0),
	CORE_DEC("read at the end", CD_READ, core_read_eof, 0),
	CORE_DEC("read, counts differ", CD_READ, core_read_mismatch, -EIO),
	CORE_DEC("read, buffer format 0x05", CD_READ, core_read_format, -EIO),
	CORE_DEC("read, a byte after the data", CD_READ, core_read_padded,
		 -EIO),
	CORE_DEC("read, ByteCount 2", CD_READ, core_read_short_bc, -EIO),
	CORE_DEC("read from its prefix", CD_READ_HDR, core_read, 0),
	CORE_DEC("read from its prefix, counts differ", CD_READ_HDR,
		 core_read_mismatch, -EIO),
	CORE_DEC("read from its prefix, padded", CD_READ_HDR, core_read_padded,
		 -EIO),
	CORE_DEC("read from its prefix, ByteCount 2", CD_READ_HDR,
		 core_read_short_bc, -EIO),
	CORE_DEC("write", CD_WRITE, core_write, 0),
	CORE_DEC("write of more than was sent", CD_WRITE, core_write_more,
		 -EIO),
};

static const u8 core_dec_cmd[] = {
	[CD_NEG] = SMB_COM_NEGOTIATE, [CD_TCON] = SMB_COM_TREE_CONNECT,
	[CD_OPEN] = SMB_COM_OPEN, [CD_CREATE] = SMB_COM_CREATE_NEW,
	[CD_READ] = SMB_COM_READ, [CD_READ_HDR] = SMB_COM_READ,
	[CD_WRITE] = SMB_COM_WRITE,
};

/* Decode m (len bytes, of which have are there) as c says */
static int core_dec(struct kunit *test, const struct core_dec_case *c,
		    const u8 *m, size_t len, size_t have)
{
	struct smb1_negotiate_rsp nr;
	struct smb1_open_rsp o;
	struct smb1_read_rsp r;
	struct smb1_frame f;
	u16 a, b;
	u32 n;
	int ret;

	if (c->what == CD_READ_HDR) {
		ret = smb1_dec_read_core_hdr(m, have, len, &r);
		if (!ret && c->want == 0) {
			KUNIT_EXPECT_EQ(test, r.data_offset, SMB1_HDR_SIZE + 16);
			KUNIT_EXPECT_EQ(test, r.data_len, 5);
		}
		return ret;
	}
	ret = smb1_parse_frame(m, len, &f);
	if (ret)
		return ret;
	switch (c->what) {
	case CD_NEG:
		ret = smb1_dec_negotiate(&f, 4, &nr);
		if (!ret) {
			KUNIT_EXPECT_TRUE(test, nr.core);
			KUNIT_EXPECT_TRUE(test, nr.lanman);
			KUNIT_EXPECT_EQ(test, nr.dialect, 0);
			KUNIT_EXPECT_EQ(test, nr.security_mode, 0);
			KUNIT_EXPECT_EQ(test, nr.challenge_len, 0);
		}
		return ret;
	case CD_TCON:
		ret = smb1_dec_tree_connect_core(&f, &a, &b);
		if (!ret) {
			KUNIT_EXPECT_EQ(test, a, 4356);
			KUNIT_EXPECT_EQ(test, b, 0x2c1);
		}
		return ret;
	case CD_OPEN:
		ret = smb1_dec_open_core(&f, &o);
		if (!ret) {
			KUNIT_EXPECT_EQ(test, o.fid, 0x4000);
			KUNIT_EXPECT_EQ(test, o.attrs, 0x21);
			KUNIT_EXPECT_EQ(test, o.mtime, 1049308928);
			KUNIT_EXPECT_EQ(test, o.size, 10000);
			KUNIT_EXPECT_EQ(test, o.access, 2);
		}
		return ret;
	case CD_CREATE:
		ret = smb1_dec_create_core(&f, &a);
		if (!ret)
			KUNIT_EXPECT_EQ(test, a, 0x4001);
		return ret;
	case CD_READ:
		ret = smb1_dec_read_core(&f, &r);
		if (!ret && r.data_len)
			KUNIT_EXPECT_EQ(test, memcmp(m + r.data_offset, "hello", 5),
					0);
		return ret;
	default:
		ret = smb1_dec_write_core(&f, 4096, &n);
		if (!ret)
			KUNIT_EXPECT_EQ(test, n, 4096);
		return ret;
	}
}

/*
 * Each reply whole, and cut short at every length: the parse or the
 * decoder fails, and nothing is read past the end (KASAN watches).
 */
static void core_dec_test(struct kunit *test)
{
	const struct core_dec_case *c;
	size_t len, cut;
	unsigned int i;
	u8 *m;

	for (i = 0; i < ARRAY_SIZE(core_dec_cases); i++) {
		c = &core_dec_cases[i];
		len = SMB1_HDR_SIZE + c->len;
		m = lm_msg(test, core_dec_cmd[c->what], c->body, c->len);
		KUNIT_EXPECT_EQ_MSG(test, core_dec(test, c, m, len, len),
				    c->want, "%s", c->name);
		if (c->want)
			continue;
		for (cut = 0; cut < len; cut++) {
			u8 *t = lm_msg(test, core_dec_cmd[c->what], c->body,
				       cut > SMB1_HDR_SIZE ?
				       cut - SMB1_HDR_SIZE : 0);

			KUNIT_EXPECT_NE_MSG(test, core_dec(test, c, t, cut, cut),
					    0, "%s cut at %zu", c->name, cut);
		}
		/* the prefix form: the data itself need not be there yet */
		if (c->what == CD_READ_HDR) {
			for (cut = SMB1_CORE_READ_RSP_PREFIX; cut < len; cut++)
				KUNIT_EXPECT_EQ_MSG(test,
						    core_dec(test, c, m, len, cut),
						    0, "prefix of %zu", cut);
			for (cut = 0; cut < SMB1_CORE_READ_RSP_PREFIX; cut++)
				KUNIT_EXPECT_NE_MSG(test,
						    core_dec(test, c, m, len, cut),
						    0, "prefix of %zu", cut);
		}
	}
}

/* The core requests, byte for byte */
static void enc_core_requests_test(struct kunit *test)
{
	static const u8 want_tcon[] = {
		0x00, 0x13, 0x00,		/* no words, ByteCount 19 */
		0x04, '\\', '\\', 'S', '\\', 'S', 'H', 'A', 'R', 'E', 0x00,
		0x04, 'P', 'W', 0x00,
		0x04, 'A', ':', 0x00,
	};
	static const u8 want_open[] = {
		0x02, 0x42, 0x00, 0x06, 0x00,	/* AccessMode, attrs */
		0x06, 0x00, 0x04, '\\', 'A', '.', 'B', 0x00,
	};
	static const u8 want_create[] = {
		0x03, 0x20, 0x00, 0x78, 0x56, 0x34, 0x12,
		0x06, 0x00, 0x04, '\\', 'A', '.', 'B', 0x00,
	};
	static const u8 want_read[] = {
		0x05, 0x00, 0x40, 0x00, 0x10,	/* FID, count 4096 */
		0x00, 0x00, 0x01, 0x00,		/* offset 65536 */
		0x00, 0x10,			/* remaining: the count */
		0x00, 0x00,
	};
	static const u8 want_write[] = {
		0x05, 0x00, 0x40, 0x00, 0x10,	/* FID, count 4096 */
		0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
		0x03, 0x10,			/* ByteCount 3 + 4096 */
		0x01, 0x00, 0x10,		/* data block of 4096 */
	};
	static const u8 want_close[] = {
		0x03, 0x00, 0x40,		/* FID */
		0x72, 0x83, 0x7b, 0x3a,		/* LastTimeModified 981173106 */
		0x00, 0x00,
	};
	u8 *buf = kunit_kzalloc(test, 128, GFP_KERNEL);
	struct smb1_wbuf w;
	size_t cap;

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, buf);
	smb1_wbuf_init(&w, buf, 128);
	KUNIT_ASSERT_EQ(test, smb1_enc_tree_connect_core(&w, "\\\\S\\SHARE",
							 (const u8 *)"PW", 2),
			0);
	KUNIT_ASSERT_EQ(test, w.len, sizeof(want_tcon));
	KUNIT_EXPECT_EQ(test, memcmp(buf, want_tcon, sizeof(want_tcon)), 0);
	/* a password with a NUL in it cannot be sent */
	smb1_wbuf_init(&w, buf, 128);
	KUNIT_EXPECT_EQ(test, smb1_enc_tree_connect_core(&w, "\\\\S\\SHARE",
							 (const u8 *)"P\0W", 3),
			-EINVAL);

	smb1_wbuf_init(&w, buf, 128);
	KUNIT_ASSERT_EQ(test, smb1_enc_open_core(&w, "\\A.B", 0x42, 6), 0);
	KUNIT_ASSERT_EQ(test, w.len, sizeof(want_open));
	KUNIT_EXPECT_EQ(test, memcmp(buf, want_open, sizeof(want_open)), 0);

	smb1_wbuf_init(&w, buf, 128);
	KUNIT_ASSERT_EQ(test, smb1_enc_create_core(&w, "\\A.B", ATTR_ARCHIVE,
						   0x12345678), 0);
	KUNIT_ASSERT_EQ(test, w.len, sizeof(want_create));
	KUNIT_EXPECT_EQ(test, memcmp(buf, want_create, sizeof(want_create)),
			0);

	smb1_wbuf_init(&w, buf, 128);
	KUNIT_ASSERT_EQ(test, smb1_enc_read_core(&w, 0x4000, 65536, 4096), 0);
	KUNIT_ASSERT_EQ(test, w.len, sizeof(want_read));
	KUNIT_EXPECT_EQ(test, memcmp(buf, want_read, sizeof(want_read)), 0);

	/* CLOSE: LastTimeModified as given, or 0xFFFFFFFF */
	smb1_wbuf_init(&w, buf, 128);
	KUNIT_ASSERT_EQ(test, smb1_enc_close_mtime(&w, 0x4000, 981173106), 0);
	KUNIT_ASSERT_EQ(test, w.len, sizeof(want_close));
	KUNIT_EXPECT_EQ(test, memcmp(buf, want_close, sizeof(want_close)), 0);
	smb1_wbuf_init(&w, buf, 128);
	KUNIT_ASSERT_EQ(test, smb1_enc_close(&w, 0x4000), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(buf + 3), 0xffffffff);

	/* the data follows as the payload: ByteCount counts it */
	smb1_wbuf_init(&w, buf, 128);
	KUNIT_ASSERT_EQ(test, smb1_enc_write_core(&w, 0x4000, 65536, 4096), 0);
	KUNIT_ASSERT_EQ(test, w.len, sizeof(want_write));
	KUNIT_EXPECT_EQ(test, memcmp(buf, want_write, sizeof(want_write)), 0);

	/* too small a buffer fails, at every size */
	for (cap = 0; cap < sizeof(want_tcon); cap++) {
		smb1_wbuf_init(&w, buf, cap);
		KUNIT_EXPECT_NE(test, smb1_enc_tree_connect_core(&w,
				"\\\\S\\SHARE", (const u8 *)"PW", 2), 0);
	}
}

static struct kunit_case smb1_legacy_test_cases[] = {
	KUNIT_CASE(negotiate_lanman_test),
	KUNIT_CASE(sess_setup_lanman_enc_test),
	KUNIT_CASE(info_standard_test),
	KUNIT_CASE(query_information_test),
	KUNIT_CASE(query_disk_test),
	KUNIT_CASE(fs_alloc_info_test),
	KUNIT_CASE(search_test),
	KUNIT_CASE(find_standard_test),
	KUNIT_CASE(find_standard_unicode_test),
	KUNIT_CASE(enc_core_test),
	KUNIT_CASE(oem_cp437_test),
	KUNIT_CASE(oem_ascii_test),
	KUNIT_CASE(iocharset_latin1_test),
	KUNIT_CASE(iocharset_utf8_test),
	KUNIT_CASE_PARAM(name83_test, name83_gen_params),
	KUNIT_CASE(put_path_upper_test),
	KUNIT_CASE(core_dec_test),
	KUNIT_CASE(enc_core_requests_test),
	{}
};

static struct kunit_suite smb1_legacy_test_suite = {
	.name = "smb1fs_legacy",
	.test_cases = smb1_legacy_test_cases,
};

kunit_test_suites(&smb1_legacy_test_suite);
