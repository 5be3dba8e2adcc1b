// SPDX-License-Identifier: GPL-2.0
/*
 * SMB1 message encoders and decoders.
 *
 * Layouts follow [MS-CIFS] 2.2 with the NT LM 0.12 extensions of [MS-SMB]
 * 2.2.  Everything here is pure: encoders append to a bounded smb1_wbuf,
 * decoders read a received message only through the bounded cursor of
 * decode.h.  Nothing sleeps, allocates or does I/O, so this file can also
 * be built outside the kernel.
 *
 * Offsets inside a message (AndXOffset, ParameterOffset, DataOffset) are
 * counted from the first byte of the SMB header, which is also where
 * Unicode strings are aligned from.
 */

#include "internal.h"

#define SMB1_HDR_OFF(field)	offsetof(struct smb1_hdr, field)

/* Attributes a search or an open matches: hidden, system, directory */
#define SMB1_SEARCH_ATTRS	(ATTR_HIDDEN | ATTR_SYSTEM | ATTR_DIRECTORY)

/*
 * Largest parameter block of the TRANS2 replies we ask for: FIND_FIRST2
 * returns 10 bytes, FIND_NEXT2 8, QUERY_PATH_INFORMATION 2.
 */
#define SMB1_T2_MAX_PARAMS	10

/* Parameter words of the messages decoded here */
#define SMB1_NEG_NT_WC		17	/* NT LM 0.12 negotiate reply */
#define SMB1_NEG_LANMAN_WC	13	/* LANMAN 1.0 .. 2.1 */
#define SMB1_NEG_CORE_WC	1	/* core protocol, or no dialect */
#define SMB1_NEG_NO_DIALECT	0xffff
#define SMB1_GUID_SIZE		16
#define SMB1_T2_RSP_WC		10	/* without the setup words */
#define SMB1_OPEN_RSP_WC	15
#define SMB1_OPEN_RSP_EXT_WC	19	/* [MS-SMB] 2.2.4.1.2 */
#define SMB1_NT_CREATE_RSP_WC	34	/* or more: [MS-SMB] 2.2.4.9.2 */
#define SMB1_READ_RSP_WC	12
#define SMB1_CORE_READ_RSP_WC	5
#define SMB1_CORE_OPEN_RSP_WC	7
#define SMB1_FIND_FIRST_PARAMS	10
#define SMB1_FIND_NEXT_PARAMS	8
#define SMB1_BUF_FORMAT_ASCII	0x04	/* a string follows */
#define SMB1_BUF_FORMAT_VARIABLE 0x05	/* a 16-bit length and data follow */
#define SMB1_BUF_FORMAT_DATA	0x01	/* a 16-bit length and data follow */
#define SMB1_SEARCH_NAME_SIZE	13

/* ------------------------------------------------------------------ */
/* The write buffer                                                    */
/* ------------------------------------------------------------------ */

void smb1_wbuf_init(struct smb1_wbuf *w, void *buf, size_t cap)
{
	w->buf = buf;
	w->cap = cap;
	w->len = 0;
	w->overflow = false;
	w->err = 0;
	w->oem = NULL;
	w->upper_names = false;
}

/* Fail the buffer; the first reason sticks. */
static void smb1_wbuf_fail(struct smb1_wbuf *w, int err)
{
	if (!w->overflow) {
		w->overflow = true;
		w->err = err;
	}
}

static int smb1_wbuf_result(const struct smb1_wbuf *w)
{
	if (!w->overflow)
		return 0;
	return w->err ? w->err : -EMSGSIZE;
}

/* Claim the next n bytes, or fail the buffer and return NULL. */
static u8 *smb1_wbuf_claim(struct smb1_wbuf *w, size_t n)
{
	u8 *p;

	if (w->overflow)
		return NULL;
	if (w->len > w->cap || n > w->cap - w->len) {
		smb1_wbuf_fail(w, -EMSGSIZE);
		return NULL;
	}
	p = w->buf + w->len;
	w->len += n;
	return p;
}

void smb1_put_u8(struct smb1_wbuf *w, u8 v)
{
	u8 *p = smb1_wbuf_claim(w, 1);

	if (p)
		*p = v;
}

void smb1_put_le16(struct smb1_wbuf *w, u16 v)
{
	u8 *p = smb1_wbuf_claim(w, 2);

	if (p)
		put_unaligned_le16(v, p);
}

void smb1_put_le32(struct smb1_wbuf *w, u32 v)
{
	u8 *p = smb1_wbuf_claim(w, 4);

	if (p)
		put_unaligned_le32(v, p);
}

void smb1_put_le64(struct smb1_wbuf *w, u64 v)
{
	u8 *p = smb1_wbuf_claim(w, 8);

	if (p)
		put_unaligned_le64(v, p);
}

void smb1_put_bytes(struct smb1_wbuf *w, const void *src, size_t n)
{
	u8 *p = smb1_wbuf_claim(w, n);

	if (p && n)
		memcpy(p, src, n);
}

void smb1_put_zero(struct smb1_wbuf *w, size_t n)
{
	u8 *p = smb1_wbuf_claim(w, n);

	if (p && n)
		memset(p, 0, n);
}

/* Pad with zeros to a multiple of a, counted from the SMB header. */
void smb1_put_align(struct smb1_wbuf *w, size_t a)
{
	if (a > 1 && w->len % a)
		smb1_put_zero(w, a - w->len % a);
}

/*
 * A NUL-terminated string.  s is UTF-8 with '\' separators.  In Unicode
 * mode it goes out 2-byte aligned as UTF-16LE with a 2-byte terminator;
 * otherwise it is converted to the server's code page (w->oem; without
 * one the bytes are sent as they are) with a 1-byte terminator.  Invalid
 * UTF-8, or a character the code page lacks, fails the buffer with
 * -EINVAL.
 */
static void smb1_put_str(struct smb1_wbuf *w, const char *s, bool unicode,
			 bool upper)
{
	size_t n = s ? strlen(s) : 0;
	int need, got;
	u8 *p;

	if (!unicode && !w->oem) {
		smb1_put_bytes(w, s, n);
		smb1_put_u8(w, 0);
		return;
	}
	if (!unicode) {
		if (w->overflow)
			return;
		p = w->buf + w->len;
		got = smb1_utf8_to_oem(w->oem, s, n, p, w->cap - w->len,
				       upper);
		if (got < 0) {
			smb1_wbuf_fail(w, got == -ENAMETOOLONG ? -EMSGSIZE :
				       -EINVAL);
			return;
		}
		smb1_wbuf_claim(w, got);
		smb1_put_u8(w, 0);
		return;
	}

	if (w->overflow)
		return;
	need = n ? smb1_utf16_len(s, n) : 0;
	if (need < 0) {
		smb1_wbuf_fail(w, -EINVAL);
		return;
	}
	smb1_put_align(w, 2);
	p = smb1_wbuf_claim(w, (size_t)need + 2);
	if (!p)
		return;
	got = n ? smb1_utf8_to_utf16(s, n, p, (size_t)need + 2) : 0;
	if (got != need) {
		w->len -= (size_t)need + 2;
		smb1_wbuf_fail(w, got < 0 ? got : -EINVAL);
		return;
	}
	p[need] = 0;
	p[need + 1] = 0;
}

void smb1_put_string(struct smb1_wbuf *w, const char *s, bool unicode)
{
	smb1_put_str(w, s, unicode, false);
}

/*
 * A path or search pattern: as smb1_put_string(), but upper-cased in the
 * code page when w->upper_names says so (core protocol servers).
 */
void smb1_put_path(struct smb1_wbuf *w, const char *s, bool unicode)
{
	smb1_put_str(w, s, unicode, w->upper_names);
}

void smb1_put_hdr(struct smb1_wbuf *w, const struct smb1_hdr_info *hi)
{
	u8 *p = smb1_wbuf_claim(w, SMB1_HDR_SIZE);

	if (!p)
		return;
	memset(p, 0, SMB1_HDR_SIZE);
	p[0] = 0xff;
	p[1] = 'S';
	p[2] = 'M';
	p[3] = 'B';
	p[SMB1_HDR_OFF(command)] = hi->cmd;
	/* status, security features, reserved and MID stay zero */
	p[SMB1_HDR_OFF(flags)] = hi->flags;
	put_unaligned_le16(hi->flags2, p + SMB1_HDR_OFF(flags2));
	put_unaligned_le16(hi->pid >> 16, p + SMB1_HDR_OFF(pid_high));
	put_unaligned_le16(hi->tid, p + SMB1_HDR_OFF(tid));
	put_unaligned_le16(hi->pid & 0xffff, p + SMB1_HDR_OFF(pid_low));
	put_unaligned_le16(hi->uid, p + SMB1_HDR_OFF(uid));
}

void smb1_set_mid(void *msg, u16 mid)
{
	put_unaligned_le16(mid, (u8 *)msg + SMB1_HDR_OFF(mid));
}

/* ------------------------------------------------------------------ */
/* Encoders                                                            */
/* ------------------------------------------------------------------ */

/*
 * Positions of the WordCount and ByteCount fields of the message being
 * built; both are reserved first and patched once their block is done.
 */
struct smb1_blk {
	size_t wc_pos;
	size_t bc_pos;
};

static void smb1_begin_words(struct smb1_wbuf *w, struct smb1_blk *b)
{
	b->wc_pos = w->len;
	b->bc_pos = 0;
	smb1_put_u8(w, 0);
}

static void smb1_begin_bytes(struct smb1_wbuf *w, struct smb1_blk *b)
{
	size_t n = w->len - b->wc_pos - 1;

	if (!w->overflow) {
		if (n % 2 || n / 2 > U8_MAX)
			smb1_wbuf_fail(w, -EINVAL);
		else
			w->buf[b->wc_pos] = n / 2;
	}
	b->bc_pos = w->len;
	smb1_put_le16(w, 0);
}

static int smb1_end_msg(struct smb1_wbuf *w, const struct smb1_blk *b)
{
	size_t n;

	if (!w->overflow) {
		n = w->len - b->bc_pos - 2;
		if (n > U16_MAX)
			smb1_wbuf_fail(w, -EMSGSIZE);
		else
			put_unaligned_le16(n, w->buf + b->bc_pos);
	}
	return smb1_wbuf_result(w);
}

/* The AndX words of a request that has no follower */
static void smb1_put_andx_none(struct smb1_wbuf *w)
{
	smb1_put_u8(w, SMB_COM_NO_ANDX_COMMAND);
	smb1_put_u8(w, 0);		/* AndXReserved */
	smb1_put_le16(w, 0);		/* AndXOffset: ignored */
}

/*
 * Chain the command about to be encoded after the AndX command whose
 * block starts at prev_wc (its WordCount): its AndXCommand becomes cmd
 * and its AndXOffset the current position, where the next block begins.
 */
void smb1_enc_andx_link(struct smb1_wbuf *w, size_t prev_wc, u8 cmd)
{
	if (w->overflow)
		return;
	if (prev_wc + 1 + sizeof(struct smb1_andx) > w->len ||
	    w->len > U16_MAX) {
		smb1_wbuf_fail(w, -EINVAL);
		return;
	}
	w->buf[prev_wc + 1] = cmd;
	put_unaligned_le16(w->len, w->buf + prev_wc + 3);
}

/* Whether the header already in w asks for Unicode strings */
static bool smb1_wbuf_unicode(const struct smb1_wbuf *w)
{
	if (w->len < SMB1_HDR_SIZE)
		return false;
	return get_unaligned_le16(w->buf + SMB1_HDR_OFF(flags2)) &
	       SMBFLG2_UNICODE;
}

/* Dialect strings, each as 0x02 (dialect buffer format) + string + NUL */
int smb1_enc_negotiate(struct smb1_wbuf *w, const char *const *dialects,
		       unsigned int n)
{
	struct smb1_blk b;
	unsigned int i;

	if (!n) {
		smb1_wbuf_fail(w, -EINVAL);
		return smb1_wbuf_result(w);
	}
	smb1_begin_words(w, &b);
	smb1_begin_bytes(w, &b);
	for (i = 0; i < n; i++) {
		smb1_put_u8(w, 0x02);
		smb1_put_bytes(w, dialects[i], strlen(dialects[i]));
		smb1_put_u8(w, 0);
	}
	return smb1_end_msg(w, &b);
}

/* The words every form of session setup starts with */
static void smb1_put_sess_words(struct smb1_wbuf *w,
				const struct smb1_sess_setup_req *r)
{
	smb1_put_andx_none(w);
	smb1_put_le16(w, r->max_buffer);
	smb1_put_le16(w, r->max_mpx);
	smb1_put_le16(w, r->vc);
	smb1_put_le32(w, r->session_key);
}

/*
 * The LAN Manager form: 10 words, one password field (the LM response, or
 * the password itself for a server without challenge/response), OEM
 * strings.
 */
static int smb1_enc_sess_setup_lanman(struct smb1_wbuf *w,
				      const struct smb1_sess_setup_req *r)
{
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_sess_words(w, r);
	smb1_put_le16(w, r->lm_resp_len);	/* PasswordLength */
	smb1_put_le32(w, 0);			/* Reserved */
	smb1_begin_bytes(w, &b);
	smb1_put_bytes(w, r->lm_resp, r->lm_resp_len);
	smb1_put_string(w, r->user, false);
	smb1_put_string(w, r->domain, false);
	smb1_put_string(w, r->native_os, false);
	smb1_put_string(w, r->native_lm, false);
	return smb1_end_msg(w, &b);
}

/*
 * Extended security: 12 words, the security blob (an NTLMSSP message)
 * instead of the password fields and account names.
 */
static int smb1_enc_sess_setup_ext(struct smb1_wbuf *w,
				   const struct smb1_sess_setup_req *r,
				   bool unicode)
{
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_sess_words(w, r);
	smb1_put_le16(w, r->blob_len);		/* SecurityBlobLength */
	smb1_put_le32(w, 0);			/* Reserved */
	smb1_put_le32(w, r->caps);
	smb1_begin_bytes(w, &b);
	smb1_put_bytes(w, r->blob, r->blob_len);
	smb1_put_string(w, r->native_os, unicode);
	smb1_put_string(w, r->native_lm, unicode);
	return smb1_end_msg(w, &b);
}

/*
 * NT LM 0.12 session setup without extended security: 13 words; with
 * r->lanman the LAN Manager form, with r->blob the extended one.
 */
int smb1_enc_sess_setup(struct smb1_wbuf *w,
			const struct smb1_sess_setup_req *r, bool unicode)
{
	struct smb1_blk b;

	if (r->lanman)
		return smb1_enc_sess_setup_lanman(w, r);
	if (r->blob)
		return smb1_enc_sess_setup_ext(w, r, unicode);
	smb1_begin_words(w, &b);
	smb1_put_sess_words(w, r);
	smb1_put_le16(w, r->lm_resp_len);	/* OEMPasswordLen */
	smb1_put_le16(w, r->nt_resp_len);	/* UnicodePasswordLen */
	smb1_put_le32(w, 0);			/* Reserved */
	smb1_put_le32(w, r->caps);
	smb1_begin_bytes(w, &b);
	smb1_put_bytes(w, r->lm_resp, r->lm_resp_len);
	smb1_put_bytes(w, r->nt_resp, r->nt_resp_len);
	/* in Unicode mode the first string brings the pad to 2 */
	smb1_put_string(w, r->user, unicode);
	smb1_put_string(w, r->domain, unicode);
	smb1_put_string(w, r->native_os, unicode);
	smb1_put_string(w, r->native_lm, unicode);
	return smb1_end_msg(w, &b);
}

int smb1_enc_tree_connect(struct smb1_wbuf *w, const char *unc,
			  const u8 *password, u16 password_len, bool unicode)
{
	static const char service[] = "?????";	/* any type of resource */
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_andx_none(w);
	smb1_put_le16(w, 0);			/* Flags */
	smb1_put_le16(w, password_len);
	smb1_begin_bytes(w, &b);
	smb1_put_bytes(w, password, password_len);
	smb1_put_string(w, unc, unicode);
	/* the service is always OEM, whatever flags2 says */
	smb1_put_bytes(w, service, sizeof(service));
	return smb1_end_msg(w, &b);
}

int smb1_enc_tree_disconnect(struct smb1_wbuf *w)
{
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_begin_bytes(w, &b);
	return smb1_end_msg(w, &b);
}

int smb1_enc_logoff(struct smb1_wbuf *w)
{
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_andx_none(w);
	smb1_begin_bytes(w, &b);
	return smb1_end_msg(w, &b);
}

/*
 * End a message whose byte block goes on with data bytes that are not
 * in w: the request's payload, sent after it (smb1_req.payload).
 */
static int smb1_end_msg_payload(struct smb1_wbuf *w, const struct smb1_blk *b,
				size_t data)
{
	size_t n;

	if (!w->overflow) {
		n = w->len - b->bc_pos - 2;
		if (data > U16_MAX - n)
			smb1_wbuf_fail(w, -EMSGSIZE);
		else
			put_unaligned_le16(n + data, w->buf + b->bc_pos);
	}
	return smb1_wbuf_result(w);
}

/* ECHO of len bytes of data: they are the request's payload */
int smb1_enc_echo(struct smb1_wbuf *w, u16 count, u16 len)
{
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_le16(w, count);		/* EchoCount */
	smb1_begin_bytes(w, &b);
	return smb1_end_msg_payload(w, &b, len);
}

/* QUERY_INFORMATION_DISK has no parameters, as TREE_DISCONNECT */
int smb1_enc_query_disk(struct smb1_wbuf *w)
{
	return smb1_enc_tree_disconnect(w);
}

/*
 * TRANSACTION2 requests with one setup word, parameters and, for the
 * SET levels, a data block.
 *
 * Words: TotalParameterCount, TotalDataCount, MaxParameterCount,
 * MaxDataCount, MaxSetupCount (byte) + Reserved1 (byte), Flags,
 * Timeout (2 words), Reserved2, ParameterCount, ParameterOffset,
 * DataCount, DataOffset, SetupCount (byte) + Reserved3 (byte), Setup[0].
 *
 * Bytes: the unused Name ([MS-CIFS] 2.2.4.46.1: one NUL, or in Unicode
 * mode a 2-aligned 2-byte NUL), pad to 4, the parameters.  The bytes
 * block starts at the odd offset 65, so either way the name and its pad
 * come to the same three zero bytes the cifs client and Windows send,
 * and the parameters start at offset 68.  A data block follows the
 * parameters 4-byte aligned (smb1_t2_data()); with none, DataOffset
 * points just past the parameters (the end of the message).
 */
#define SMB1_T2_WC		15
#define SMB1_T2_W_TOTAL_PARAMS	0
#define SMB1_T2_W_PARAM_COUNT	9
#define SMB1_T2_W_PARAM_OFFSET	10
#define SMB1_T2_W_DATA_OFFSET	12

#define SMB1_T2_W_TOTAL_DATA	1
#define SMB1_T2_W_DATA_COUNT	11

struct smb1_t2 {
	struct smb1_blk b;
	size_t params;		/* offset of the parameter block */
	size_t params_end;	/* with data: where the parameters end */
	size_t data;		/* offset of the data block; 0: none */
};

static void smb1_t2_begin(struct smb1_wbuf *w, struct smb1_t2 *t,
			  u16 subcmd, u16 max_data, bool unicode)
{
	smb1_begin_words(w, &t->b);
	smb1_put_le16(w, 0);			/* TotalParameterCount, later */
	smb1_put_le16(w, 0);			/* TotalDataCount */
	smb1_put_le16(w, SMB1_T2_MAX_PARAMS);	/* MaxParameterCount */
	smb1_put_le16(w, max_data);		/* MaxDataCount */
	smb1_put_u8(w, 0);			/* MaxSetupCount */
	smb1_put_u8(w, 0);			/* Reserved1 */
	smb1_put_le16(w, 0);			/* Flags */
	smb1_put_le32(w, 0);			/* Timeout */
	smb1_put_le16(w, 0);			/* Reserved2 */
	smb1_put_le16(w, 0);			/* ParameterCount, later */
	smb1_put_le16(w, 0);			/* ParameterOffset, later */
	smb1_put_le16(w, 0);			/* DataCount */
	smb1_put_le16(w, 0);			/* DataOffset, later */
	smb1_put_u8(w, 1);			/* SetupCount */
	smb1_put_u8(w, 0);			/* Reserved3 */
	smb1_put_le16(w, subcmd);		/* Setup[0] */
	smb1_begin_bytes(w, &t->b);
	if (unicode) {
		smb1_put_align(w, 2);
		smb1_put_le16(w, 0);		/* Name */
	} else {
		smb1_put_u8(w, 0);		/* Name */
	}
	smb1_put_align(w, 4);
	t->params = w->len;
	t->params_end = 0;
	t->data = 0;
}

/* The parameters are done; the data block follows, 4-byte aligned. */
static void smb1_t2_data(struct smb1_wbuf *w, struct smb1_t2 *t)
{
	t->params_end = w->len;
	smb1_put_align(w, 4);
	t->data = w->len;
}

static void smb1_t2_patch(struct smb1_wbuf *w, const struct smb1_t2 *t,
			  unsigned int word, size_t v)
{
	put_unaligned_le16(v, w->buf + t->b.wc_pos + 1 + 2 * word);
}

static int smb1_t2_end(struct smb1_wbuf *w, const struct smb1_t2 *t)
{
	size_t pend = t->data ? t->params_end : w->len;
	size_t plen = pend - t->params;
	size_t dlen = t->data ? w->len - t->data : 0;

	if (!w->overflow && w->len > U16_MAX)
		smb1_wbuf_fail(w, -EMSGSIZE);
	if (!w->overflow) {
		smb1_t2_patch(w, t, SMB1_T2_W_TOTAL_PARAMS, plen);
		smb1_t2_patch(w, t, SMB1_T2_W_PARAM_COUNT, plen);
		smb1_t2_patch(w, t, SMB1_T2_W_PARAM_OFFSET, t->params);
		smb1_t2_patch(w, t, SMB1_T2_W_TOTAL_DATA, dlen);
		smb1_t2_patch(w, t, SMB1_T2_W_DATA_COUNT, dlen);
		smb1_t2_patch(w, t, SMB1_T2_W_DATA_OFFSET,
			      t->data ? t->data : w->len);
	}
	return smb1_end_msg(w, &t->b);
}

/* Parameters: InformationLevel */
int smb1_enc_query_fs_info(struct smb1_wbuf *w, u16 level, u16 max_data,
			   bool unicode)
{
	struct smb1_t2 t;

	smb1_t2_begin(w, &t, TRANS2_QUERY_FS_INFORMATION, max_data, unicode);
	smb1_put_le16(w, level);
	return smb1_t2_end(w, &t);
}

/* Parameters: InformationLevel, Reserved (4 bytes), FileName */
int smb1_enc_query_path_info(struct smb1_wbuf *w, const char *path,
			     u16 level, u16 max_data, bool unicode)
{
	struct smb1_t2 t;

	smb1_t2_begin(w, &t, TRANS2_QUERY_PATH_INFORMATION, max_data,
		      unicode);
	smb1_put_le16(w, level);
	smb1_put_le32(w, 0);
	smb1_put_path(w, path, unicode);
	return smb1_t2_end(w, &t);
}

/* Parameters: FID, InformationLevel */
int smb1_enc_query_file_info(struct smb1_wbuf *w, u16 fid, u16 level,
			     u16 max_data)
{
	struct smb1_t2 t;

	smb1_t2_begin(w, &t, TRANS2_QUERY_FILE_INFORMATION, max_data,
		      smb1_wbuf_unicode(w));
	smb1_put_le16(w, fid);
	smb1_put_le16(w, level);
	return smb1_t2_end(w, &t);
}

/*
 * Parameters: SearchAttributes, SearchCount, Flags, InformationLevel,
 * SearchStorageType (4 bytes), FileName
 */
int smb1_enc_find_first(struct smb1_wbuf *w, const char *pattern, u16 attrs,
			u16 count, u16 flags, u16 level, u16 max_data,
			bool unicode)
{
	struct smb1_t2 t;

	smb1_t2_begin(w, &t, TRANS2_FIND_FIRST2, max_data, unicode);
	smb1_put_le16(w, attrs);
	smb1_put_le16(w, count);
	smb1_put_le16(w, flags);
	smb1_put_le16(w, level);
	smb1_put_le32(w, 0);
	smb1_put_path(w, pattern, unicode);
	return smb1_t2_end(w, &t);
}

/*
 * Parameters: SID, SearchCount, InformationLevel, ResumeKey (4 bytes),
 * Flags, FileName.  The name is the last entry's name exactly as the
 * server sent it; its encoding, and so the width of its terminator,
 * follows the Unicode flag of the header already in w.
 */
int smb1_enc_find_next(struct smb1_wbuf *w, u16 sid, u16 count, u16 level,
		       u32 resume_key, u16 flags, const u8 *last_name,
		       u32 last_name_len, u16 max_data)
{
	bool unicode = smb1_wbuf_unicode(w);
	struct smb1_t2 t;

	smb1_t2_begin(w, &t, TRANS2_FIND_NEXT2, max_data, unicode);
	smb1_put_le16(w, sid);
	smb1_put_le16(w, count);
	smb1_put_le16(w, level);
	smb1_put_le32(w, resume_key);
	smb1_put_le16(w, flags);
	smb1_put_bytes(w, last_name, last_name_len);
	smb1_put_zero(w, unicode ? 2 : 1);
	return smb1_t2_end(w, &t);
}

int smb1_enc_find_close(struct smb1_wbuf *w, u16 sid)
{
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_le16(w, sid);
	smb1_begin_bytes(w, &b);
	return smb1_end_msg(w, &b);
}

/* 15 words; the reply carries attributes, time and size (REQ_ATTRIB) */
int smb1_enc_open_andx(struct smb1_wbuf *w, const char *path, u16 access,
		       u16 open_func, bool unicode)
{
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_andx_none(w);
	smb1_put_le16(w, SMB_OPEN_QUERY_INFORMATION);	/* Flags */
	smb1_put_le16(w, access);		/* AccessMode */
	smb1_put_le16(w, SMB1_SEARCH_ATTRS);	/* SearchAttrs */
	smb1_put_le16(w, 0);			/* FileAttrs */
	smb1_put_le32(w, 0);			/* CreationTime */
	smb1_put_le16(w, open_func);		/* OpenMode */
	smb1_put_le32(w, 0);			/* AllocationSize */
	smb1_put_le32(w, 0);			/* Timeout */
	smb1_put_le32(w, 0);			/* Reserved[2] */
	smb1_begin_bytes(w, &b);
	smb1_put_path(w, path, unicode);
	return smb1_end_msg(w, &b);
}

/*
 * 24 words: the AndX block, Reserved, NameLength, then the fields of a in
 * their order.  The name is Unicode if the header already in w says so.
 * NameLength counts the bytes of the name as sent, its terminator
 * included, but not the pad that aligns a Unicode name (the words end at
 * an odd offset, so a Unicode name always gets one).
 */
int smb1_enc_nt_create(struct smb1_wbuf *w, const char *path,
		       const struct smb1_nt_create *a)
{
	bool unicode = smb1_wbuf_unicode(w);
	size_t len_pos, name;
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_andx_none(w);
	smb1_put_u8(w, 0);			/* Reserved */
	len_pos = w->len;
	smb1_put_le16(w, 0);			/* NameLength: below */
	smb1_put_le32(w, a->flags);
	smb1_put_le32(w, a->root_fid);		/* RootDirectoryFID */
	smb1_put_le32(w, a->desired_access);
	smb1_put_le64(w, a->alloc_size);
	smb1_put_le32(w, a->ext_attrs);
	smb1_put_le32(w, a->share_access);
	smb1_put_le32(w, a->disposition);
	smb1_put_le32(w, a->create_options);
	smb1_put_le32(w, a->impersonation);
	smb1_put_u8(w, a->security_flags);
	smb1_begin_bytes(w, &b);
	if (unicode)
		smb1_put_align(w, 2);
	name = w->len;
	smb1_put_path(w, path, unicode);
	if (!w->overflow) {
		if (w->len - name > U16_MAX)
			smb1_wbuf_fail(w, -EMSGSIZE);
		else
			put_unaligned_le16(w->len - name, w->buf + len_pos);
	}
	return smb1_end_msg(w, &b);
}

/*
 * 10 words (32-bit offset) or 12 words (OffsetHigh).  The count is split
 * as [MS-SMB] 2.2.4.2.1 has it: the low 16 bits in MaxCountOfBytesToReturn
 * (and MinCountOfBytesToReturn), the high bits in MaxCountHigh, which
 * shares its place with the Timeout a pipe read would use.
 */
int smb1_enc_read_andx(struct smb1_wbuf *w, u16 fid, u64 offset, u32 count,
		       bool large)
{
	struct smb1_blk b;

	if (!large && offset > U32_MAX) {
		smb1_wbuf_fail(w, -EINVAL);
		return smb1_wbuf_result(w);
	}
	smb1_begin_words(w, &b);
	smb1_put_andx_none(w);
	smb1_put_le16(w, fid);
	smb1_put_le32(w, lower_32_bits(offset));
	smb1_put_le16(w, count & 0xffff);	/* MaxCountOfBytesToReturn */
	smb1_put_le16(w, count & 0xffff);	/* MinCountOfBytesToReturn */
	smb1_put_le32(w, count >> 16);		/* MaxCountHigh + Reserved */
	smb1_put_le16(w, 0);			/* Remaining */
	if (large)
		smb1_put_le32(w, upper_32_bits(offset));	/* OffsetHigh */
	smb1_begin_bytes(w, &b);
	return smb1_end_msg(w, &b);
}

/*
 * CLOSE: the FID and LastTimeModified (UTIME, the server's local time),
 * which the server gives the file; 0xFFFFFFFF (and 0) leave its own.
 */
int smb1_enc_close_mtime(struct smb1_wbuf *w, u16 fid, u32 mtime)
{
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_le16(w, fid);
	smb1_put_le32(w, mtime);
	smb1_begin_bytes(w, &b);
	return smb1_end_msg(w, &b);
}

int smb1_enc_close(struct smb1_wbuf *w, u16 fid)
{
	return smb1_enc_close_mtime(w, fid, 0xffffffff);
}

/*
 * WRITE_ANDX of len bytes at offset; the data is the request's payload.
 * 12 words (32-bit offset) or 14 (OffsetHigh, CAP_LARGE_FILES).  The
 * length is split as [MS-SMB] 2.2.4.3.1 has it: DataLengthHigh takes the
 * place of the Reserved word (CAP_LARGE_WRITEX).  One pad byte puts the
 * data at an even offset.  ByteCount has 16 bits: for a write of 64 KiB
 * or more it holds the low bits, as other clients send it; servers take
 * the length from DataLength and the message.
 */
int smb1_enc_write_andx(struct smb1_wbuf *w, u16 fid, u64 offset, u32 len,
			bool large, u16 mode)
{
	size_t doff_pos, n;
	struct smb1_blk b;

	if (!large && (offset > U32_MAX || len > U32_MAX - offset + 1)) {
		smb1_wbuf_fail(w, -EFBIG);
		return smb1_wbuf_result(w);
	}
	smb1_begin_words(w, &b);
	smb1_put_andx_none(w);
	smb1_put_le16(w, fid);
	smb1_put_le32(w, lower_32_bits(offset));
	smb1_put_le32(w, 0);			/* Timeout */
	smb1_put_le16(w, mode);			/* WriteMode */
	smb1_put_le16(w, 0);			/* Remaining */
	smb1_put_le16(w, len >> 16);		/* DataLengthHigh */
	smb1_put_le16(w, len & 0xffff);		/* DataLength */
	doff_pos = w->len;
	smb1_put_le16(w, 0);			/* DataOffset: below */
	if (large)
		smb1_put_le32(w, upper_32_bits(offset));	/* OffsetHigh */
	smb1_begin_bytes(w, &b);
	smb1_put_align(w, 2);			/* Pad */
	if (w->overflow)
		return smb1_wbuf_result(w);
	if (w->len > U16_MAX) {
		smb1_wbuf_fail(w, -EMSGSIZE);
		return smb1_wbuf_result(w);
	}
	put_unaligned_le16(w->len, w->buf + doff_pos);
	n = w->len - b.bc_pos - 2 + len;
	put_unaligned_le16(n & 0xffff, w->buf + b.bc_pos);
	return 0;
}

/* FLUSH: the FID (0xFFFF would flush every file of the process) */
int smb1_enc_flush(struct smb1_wbuf *w, u16 fid)
{
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_le16(w, fid);
	smb1_begin_bytes(w, &b);
	return smb1_end_msg(w, &b);
}

/* No words, or SearchAttributes; bytes 0x04 + the name */
static int smb1_enc_path_cmd(struct smb1_wbuf *w, const char *path,
			     bool attrs, u16 search)
{
	bool unicode = smb1_wbuf_unicode(w);
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	if (attrs)
		smb1_put_le16(w, search);
	smb1_begin_bytes(w, &b);
	smb1_put_u8(w, SMB1_BUF_FORMAT_ASCII);
	smb1_put_path(w, path, unicode);
	return smb1_end_msg(w, &b);
}

int smb1_enc_delete(struct smb1_wbuf *w, const char *path, u16 search)
{
	return smb1_enc_path_cmd(w, path, true, search);
}

int smb1_enc_mkdir(struct smb1_wbuf *w, const char *path)
{
	return smb1_enc_path_cmd(w, path, false, 0);
}

int smb1_enc_rmdir(struct smb1_wbuf *w, const char *path)
{
	return smb1_enc_path_cmd(w, path, false, 0);
}

/*
 * SMB_COM_SET_INFORMATION ([MS-CIFS] 2.2.4.10): FileAttributes,
 * LastWriteTime (UTIME, server-local; 0 leaves it), five reserved words;
 * bytes 0x04 + the name.  Samba leaves the attributes as they are when
 * they are ATTR_NORMAL alone.
 */
int smb1_enc_set_information(struct smb1_wbuf *w, const char *path,
			     u16 attrs, u32 mtime)
{
	bool unicode = smb1_wbuf_unicode(w);
	struct smb1_blk b;
	int i;

	smb1_begin_words(w, &b);
	smb1_put_le16(w, attrs);
	smb1_put_le32(w, mtime);
	for (i = 0; i < 5; i++)
		smb1_put_le16(w, 0);
	smb1_begin_bytes(w, &b);
	smb1_put_u8(w, SMB1_BUF_FORMAT_ASCII);
	smb1_put_path(w, path, unicode);
	return smb1_end_msg(w, &b);
}

/*
 * SMB_COM_SET_INFORMATION2 ([MS-CIFS] 2.2.4.30): FID, then CreateDate,
 * CreateTime, LastAccessDate, LastAccessTime, LastWriteDate and
 * LastWriteTime (SMB_DATE and SMB_TIME, the server's local time); no
 * bytes.  Every pair is sent as given: Windows takes a zero literally.
 */
int smb1_enc_set_information2(struct smb1_wbuf *w, u16 fid,
			      const struct smb1_dos_times *t)
{
	struct smb1_blk b;
	int i;

	smb1_begin_words(w, &b);
	smb1_put_le16(w, fid);
	for (i = 0; i < SMB1_DOS_TIMES; i++) {
		smb1_put_le16(w, t->date[i]);
		smb1_put_le16(w, t->time[i]);
	}
	smb1_begin_bytes(w, &b);
	return smb1_end_msg(w, &b);
}

/*
 * SMB_COM_WRITE ([MS-CIFS] 2.2.4.12): FID, CountOfBytesToWrite, the
 * 32-bit offset and the estimate of what remains (0); bytes 0x01, the
 * length again, and the len bytes of data, which follow as the
 * request's payload.  A count of 0 has a meaning of its own in the core
 * protocol: the file's size becomes the offset, shorter or longer.
 */
int smb1_enc_write_core(struct smb1_wbuf *w, u16 fid, u32 offset, u16 len)
{
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_le16(w, fid);
	smb1_put_le16(w, len);
	smb1_put_le32(w, offset);
	smb1_put_le16(w, 0);
	smb1_begin_bytes(w, &b);
	smb1_put_u8(w, SMB1_BUF_FORMAT_DATA);
	smb1_put_le16(w, len);
	return smb1_end_msg_payload(w, &b, len);
}

int smb1_enc_write_setsize(struct smb1_wbuf *w, u16 fid, u32 size)
{
	return smb1_enc_write_core(w, fid, size, 0);
}

/*
 * The core TREE_CONNECT ([MS-CIFS] 2.2.4.50): no words; bytes 0x04 +
 * the path, 0x04 + the password in plain text, 0x04 + the service, all
 * OEM strings.  A disk share is asked for ("A:"): the wildcard service
 * came with TREE_CONNECT_ANDX.  The password must not hold a NUL.
 */
int smb1_enc_tree_connect_core(struct smb1_wbuf *w, const char *unc,
			       const u8 *password, u16 password_len)
{
	static const char service[] = "A:";
	struct smb1_blk b;

	if (memchr(password, 0, password_len)) {
		smb1_wbuf_fail(w, -EINVAL);
		return smb1_wbuf_result(w);
	}
	smb1_begin_words(w, &b);
	smb1_begin_bytes(w, &b);
	smb1_put_u8(w, SMB1_BUF_FORMAT_ASCII);
	smb1_put_path(w, unc, false);
	smb1_put_u8(w, SMB1_BUF_FORMAT_ASCII);
	smb1_put_bytes(w, password, password_len);
	smb1_put_u8(w, 0);
	smb1_put_u8(w, SMB1_BUF_FORMAT_ASCII);
	smb1_put_bytes(w, service, sizeof(service));
	return smb1_end_msg(w, &b);
}

/*
 * The core OPEN ([MS-CIFS] 2.2.4.3) and the commands that create
 * (CREATE 2.2.4.4, CREATE_NEW 2.2.4.16): two or three words, bytes 0x04
 * + the name.  OPEN: AccessMode, SearchAttributes; CREATE and
 * CREATE_NEW: FileAttributes, CreationTime (UTIME; 0 lets the server
 * take its clock).
 */
int smb1_enc_open_core(struct smb1_wbuf *w, const char *path, u16 access,
		       u16 search)
{
	bool unicode = smb1_wbuf_unicode(w);
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_le16(w, access);
	smb1_put_le16(w, search);
	smb1_begin_bytes(w, &b);
	smb1_put_u8(w, SMB1_BUF_FORMAT_ASCII);
	smb1_put_path(w, path, unicode);
	return smb1_end_msg(w, &b);
}

int smb1_enc_create_core(struct smb1_wbuf *w, const char *path, u16 attrs,
			 u32 ctime)
{
	bool unicode = smb1_wbuf_unicode(w);
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_le16(w, attrs);
	smb1_put_le32(w, ctime);
	smb1_begin_bytes(w, &b);
	smb1_put_u8(w, SMB1_BUF_FORMAT_ASCII);
	smb1_put_path(w, path, unicode);
	return smb1_end_msg(w, &b);
}

/*
 * The core READ ([MS-CIFS] 2.2.4.11): FID, CountOfBytesToRead, the
 * 32-bit offset, EstimateOfRemainingBytesToBeRead (the same count); no
 * bytes.
 */
int smb1_enc_read_core(struct smb1_wbuf *w, u16 fid, u32 offset, u16 count)
{
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_le16(w, fid);
	smb1_put_le16(w, count);
	smb1_put_le32(w, offset);
	smb1_put_le16(w, count);
	smb1_begin_bytes(w, &b);
	return smb1_end_msg(w, &b);
}

/*
 * RENAME (level 0) or NT_RENAME (level and four words): SearchAttributes
 * [, InformationLevel, ClusterCount]; bytes 0x04 + old name, 0x04 + new
 * name.  A Unicode name after the second 0x04 is aligned by a pad byte.
 */
int smb1_enc_rename(struct smb1_wbuf *w, const char *from, const char *to,
		    u16 search, u16 level)
{
	bool unicode = smb1_wbuf_unicode(w);
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_le16(w, search);
	if (level) {
		smb1_put_le16(w, level);
		smb1_put_le32(w, 0);		/* ClusterCount */
	}
	smb1_begin_bytes(w, &b);
	smb1_put_u8(w, SMB1_BUF_FORMAT_ASCII);
	smb1_put_path(w, from, unicode);
	smb1_put_u8(w, SMB1_BUF_FORMAT_ASCII);
	smb1_put_path(w, to, unicode);
	return smb1_end_msg(w, &b);
}

/*
 * A name as UTF-16LE without a terminator, for a structure that gives
 * its length in bytes.  An empty name, or one that is not valid UTF-8,
 * fails the buffer with -EINVAL.
 */
static void smb1_put_utf16_counted(struct smb1_wbuf *w, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	int need, got;
	u8 *p;

	if (w->overflow)
		return;
	need = n ? smb1_utf16_len(s, n) : 0;
	if (need <= 0) {
		smb1_wbuf_fail(w, -EINVAL);
		return;
	}
	p = smb1_wbuf_claim(w, need);
	if (!p)
		return;
	got = smb1_utf8_to_utf16(s, n, p, need);
	if (got != need) {
		w->len -= need;
		smb1_wbuf_fail(w, got < 0 ? got : -EINVAL);
	}
}

/* The data block of one set level ([MS-CIFS] 2.2.8.4, [MS-FSCC] 2.4.34) */
static void smb1_put_setinfo(struct smb1_wbuf *w, const struct smb1_setinfo *si)
{
	size_t len_pos, name;

	switch (si->level) {
	case SMB_SET_FILE_BASIC_INFO:
		smb1_put_le64(w, si->btime);
		smb1_put_le64(w, si->atime);
		smb1_put_le64(w, si->mtime);
		smb1_put_le64(w, si->chtime);
		smb1_put_le32(w, si->attrs);
		smb1_put_le32(w, 0);		/* Reserved */
		break;
	case SMB_SET_FILE_DISPOSITION_INFO:
		smb1_put_u8(w, si->delete);
		break;
	case SMB_SET_FILE_ALLOCATION_INFO:
	case SMB_SET_FILE_END_OF_FILE_INFO:
		smb1_put_le64(w, si->size);
		break;
	case SMB_SET_FILE_RENAME_INFO_PT:
		/*
		 * A name in the same directory, always UTF-16LE.  The data
		 * ends with it: FileNameLength bytes and no terminator, the
		 * way other clients send it to Windows servers.
		 */
		smb1_put_u8(w, si->replace);
		smb1_put_zero(w, 3);
		smb1_put_le32(w, 0);		/* RootDirectory */
		len_pos = w->len;
		smb1_put_le32(w, 0);		/* FileNameLength: below */
		name = w->len;
		smb1_put_utf16_counted(w, si->name);
		if (!w->overflow)
			put_unaligned_le32(w->len - name, w->buf + len_pos);
		break;
	default:
		smb1_wbuf_fail(w, -EINVAL);
	}
}

/* Parameters: FID, InformationLevel, Reserved; data: the level's */
int smb1_enc_set_file_info(struct smb1_wbuf *w, u16 fid,
			   const struct smb1_setinfo *si)
{
	struct smb1_t2 t;

	smb1_t2_begin(w, &t, TRANS2_SET_FILE_INFORMATION, 0,
		      smb1_wbuf_unicode(w));
	smb1_put_le16(w, fid);
	smb1_put_le16(w, si->level);
	smb1_put_le16(w, 0);
	smb1_t2_data(w, &t);
	smb1_put_setinfo(w, si);
	return smb1_t2_end(w, &t);
}

/* Parameters: InformationLevel, Reserved (4 bytes), FileName; data */
int smb1_enc_set_path_info(struct smb1_wbuf *w, const char *path,
			   const struct smb1_setinfo *si)
{
	bool unicode = smb1_wbuf_unicode(w);
	struct smb1_t2 t;

	smb1_t2_begin(w, &t, TRANS2_SET_PATH_INFORMATION, 0, unicode);
	smb1_put_le16(w, si->level);
	smb1_put_le32(w, 0);
	smb1_put_path(w, path, unicode);
	smb1_t2_data(w, &t);
	smb1_put_setinfo(w, si);
	return smb1_t2_end(w, &t);
}

/*
 * The chained commands name FID 0xFFFF, which no open returns: a server
 * runs them on the FID of the open before them.
 */
int smb1_enc_open_read(struct smb1_wbuf *w, const char *path,
		       const struct smb1_nt_create *nt, u32 count, bool close,
		       bool unicode)
{
	size_t wc_pos = w->len;
	int ret;

	if (nt)
		ret = smb1_enc_nt_create(w, path, nt);
	else
		ret = smb1_enc_open_andx(w, path,
					 SMB_ACCESS_READ | SMB_SHARE_DENY_NONE,
					 SMB_OPEN_FUNC_OPEN, unicode);
	if (ret || !count)
		return ret;
	smb1_enc_andx_link(w, wc_pos, SMB_COM_READ_ANDX);
	wc_pos = w->len;
	ret = smb1_enc_read_andx(w, 0xffff, 0, count, false);
	if (ret || !close)
		return ret;
	smb1_enc_andx_link(w, wc_pos, SMB_COM_CLOSE);
	return smb1_enc_close(w, 0xffff);
}

/* Core protocol: no words, bytes 0x04 (ASCII buffer format) + FileName */
int smb1_enc_query_information(struct smb1_wbuf *w, const char *path,
			       bool unicode)
{
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_begin_bytes(w, &b);
	smb1_put_u8(w, SMB1_BUF_FORMAT_ASCII);
	smb1_put_path(w, path, unicode);
	return smb1_end_msg(w, &b);
}

/*
 * Core SEARCH: MaxCount, SearchAttributes; bytes 0x04 + FileName (the
 * pattern, empty when resuming), 0x05 + ResumeKeyLength + ResumeKey (the
 * 21-byte key of the last entry seen, or nothing on the first call).
 */
int smb1_enc_search(struct smb1_wbuf *w, const char *pattern, u16 attrs,
		    u16 count, const u8 *resume_key, bool unicode)
{
	struct smb1_blk b;

	smb1_begin_words(w, &b);
	smb1_put_le16(w, count);
	smb1_put_le16(w, attrs);
	smb1_begin_bytes(w, &b);
	smb1_put_u8(w, SMB1_BUF_FORMAT_ASCII);
	smb1_put_path(w, resume_key ? "" : pattern, unicode);
	smb1_put_u8(w, SMB1_BUF_FORMAT_VARIABLE);
	smb1_put_le16(w, resume_key ? SMB1_SEARCH_RESUME_KEY_SIZE : 0);
	if (resume_key)
		smb1_put_bytes(w, resume_key, SMB1_SEARCH_RESUME_KEY_SIZE);
	return smb1_end_msg(w, &b);
}

/* ------------------------------------------------------------------ */
/* Frames                                                              */
/* ------------------------------------------------------------------ */

/*
 * The WordCount/words/ByteCount/bytes block at off of f's message;
 * fills the block fields of f only when all of it is inside.
 */
static int smb1_parse_block(struct smb1_frame *f, size_t off)
{
	const u8 *words, *bytes;
	struct smb1_cur c;
	u8 wc;
	u16 bc;

	if (off > f->len)
		return -EIO;
	smb1_cur_init(&c, f->buf + off, f->len - off);
	if (smb1_cur_u8(&c, &wc) ||
	    smb1_cur_take(&c, &words, 2 * (size_t)wc) ||
	    smb1_cur_le16(&c, &bc) ||
	    smb1_cur_take(&c, &bytes, bc))
		return -EIO;
	f->wc = wc;
	f->words = words;
	f->bc = bc;
	f->bytes = bytes;
	return 0;
}

/*
 * The signature and the reply flag of a header among the first len
 * bytes of buf.  An SMB2 message gives -EPROTONOSUPPORT.
 */
static int smb1_check_hdr(const u8 *buf, size_t len)
{
	static const u8 smb1_sig[4] = { 0xff, 'S', 'M', 'B' };
	static const u8 smb2_sig[4] = { 0xfe, 'S', 'M', 'B' };

	if (!buf || len < SMB1_HDR_SIZE)
		return -EIO;
	if (!memcmp(buf, smb2_sig, sizeof(smb2_sig)))
		return -EPROTONOSUPPORT;
	if (memcmp(buf, smb1_sig, sizeof(smb1_sig)))
		return -EIO;
	if (!(buf[SMB1_HDR_OFF(flags)] & SMBFLG_REPLY))
		return -EIO;
	return 0;
}

/*
 * Check a received message the way every reply must look: the SMB1
 * signature, the reply flag, and a WordCount and ByteCount that fit in
 * len.  Bytes after the ByteCount block are tolerated (some servers pad).
 */
int smb1_parse_frame(const u8 *buf, size_t len, struct smb1_frame *f)
{
	struct smb1_frame t;
	int ret;

	if (len < SMB1_MIN_MSG_SIZE)
		return -EIO;
	ret = smb1_check_hdr(buf, len);
	if (ret)
		return ret;

	t.buf = buf;
	t.len = len;
	t.cmd = buf[SMB1_HDR_OFF(command)];
	t.status = get_unaligned_le32(buf + SMB1_HDR_OFF(status));
	t.flags2 = get_unaligned_le16(buf + SMB1_HDR_OFF(flags2));
	t.tid = get_unaligned_le16(buf + SMB1_HDR_OFF(tid));
	t.uid = get_unaligned_le16(buf + SMB1_HDR_OFF(uid));
	t.mid = get_unaligned_le16(buf + SMB1_HDR_OFF(mid));
	ret = smb1_parse_block(&t, SMB1_HDR_SIZE);
	if (ret)
		return ret;
	*f = t;
	return 0;
}

/*
 * The command chained after f.  -ENOENT when there is none.  The next
 * block must start at or after the end of f's bytes (so each hop moves
 * strictly forward and a chain always ends) and lie inside the message.
 */
int smb1_frame_andx_next(const struct smb1_frame *f, struct smb1_frame *next)
{
	struct smb1_frame t;
	size_t off, end;
	int ret;

	if (f->wc < 2)
		return -EIO;
	if (f->words[0] == SMB_COM_NO_ANDX_COMMAND)
		return -ENOENT;
	off = get_unaligned_le16(f->words + 2);
	end = (f->bytes - f->buf) + f->bc;
	if (off < end)
		return -EIO;
	t = *f;
	t.cmd = f->words[0];
	ret = smb1_parse_block(&t, off);
	if (ret)
		return ret;
	*next = t;
	return 0;
}

static void smb1_words_cur(const struct smb1_frame *f, struct smb1_cur *c)
{
	smb1_cur_init(c, f->words, 2 * (size_t)f->wc);
}

/* Offset of the first byte after f's ByteCount field */
static size_t smb1_bytes_off(const struct smb1_frame *f)
{
	return f->bytes - f->buf;
}

/*
 * Length in bytes of the string at p, up to its terminator (1 or 2 NUL
 * bytes at an even position) or, unterminated, to the end of the n bytes
 * (a whole number of characters).
 */
static size_t smb1_str_len(const u8 *p, size_t n, bool unicode)
{
	size_t i;

	if (unicode) {
		for (i = 0; i + 1 < n; i += 2)
			if (!p[i] && !p[i + 1])
				return i;
		return n & ~(size_t)1;
	}
	for (i = 0; i < n; i++)
		if (!p[i])
			return i;
	return n;
}

/* ------------------------------------------------------------------ */
/* Decoders                                                            */
/* ------------------------------------------------------------------ */

/*
 * The bytes of both negotiate replies: the challenge (challenge_len set
 * from the words), then the domain name up to its terminator.
 */
static int smb1_dec_negotiate_bytes(const struct smb1_frame *f,
				    struct smb1_negotiate_rsp *r)
{
	struct smb1_cur b;
	size_t n;

	smb1_cur_init(&b, f->bytes, f->bc);
	if (r->security_mode & NEGOTIATE_ENCRYPT_PASSWORDS) {
		if (r->challenge_len != SMB1_CHALLENGE_SIZE)
			return -EIO;
	} else if (r->challenge_len > sizeof(r->challenge)) {
		return -EIO;
	}
	if (smb1_cur_copy(&b, r->challenge, r->challenge_len))
		return -EIO;

	r->domain_unicode = !r->lanman && (f->flags2 & SMBFLG2_UNICODE);
	n = smb1_str_len(b.p, smb1_cur_left(&b), r->domain_unicode);
	if (n) {
		r->domain = b.p;
		r->domain_len = n;
	}
	return 0;
}

/*
 * The LAN Manager reply (13 words): SecurityMode, MaxBufferSize,
 * MaxMpxCount, MaxNumberVcs, RawMode, SessionKey, ServerTime, ServerDate,
 * ServerTimeZone, EncryptionKeyLength, Reserved; the bytes hold the
 * challenge and (LANMAN2.1) the OEM domain name.  c is past the index.
 */
static int smb1_dec_negotiate_lanman(const struct smb1_frame *f,
				     struct smb1_cur *c,
				     struct smb1_negotiate_rsp *r)
{
	u16 mode, buf, tz, time, date, key_len;

	if (smb1_cur_le16(c, &mode) ||
	    smb1_cur_le16(c, &buf) ||
	    smb1_cur_le16(c, &r->max_mpx) ||
	    smb1_cur_le16(c, &r->max_vcs) ||
	    smb1_cur_skip(c, 2) ||		/* RawMode */
	    smb1_cur_le32(c, &r->session_key) ||
	    smb1_cur_le16(c, &time) ||
	    smb1_cur_le16(c, &date) ||
	    smb1_cur_le16(c, &tz) ||
	    smb1_cur_le16(c, &key_len))
		return -EIO;
	if (key_len > U8_MAX)
		return -EIO;
	r->lanman = true;
	r->security_mode = mode & 0xff;
	r->max_buffer = buf;
	r->tz = (s16)tz;
	r->challenge_len = key_len;
	r->system_time = smb1_ts_to_nt_time(smb1_dos_time_to_ts(date, time,
								 r->tz));
	return smb1_dec_negotiate_bytes(f, r);
}

/*
 * NEGOTIATE.  The NT LM 0.12 reply has 17 words; 1 word with index
 * 0xFFFF means the server takes none of our dialects.  A core reply (1
 * word, the index alone) sets r->core and r->lanman, a LAN Manager reply
 * (13 words) r->lanman; the caller checks that they match the dialect
 * picked.  Without extended security the bytes hold the
 * challenge and the domain name, Unicode when the reply's flags2 says so;
 * servers put that name right after the 8-byte challenge, unaligned.
 * With extended security they hold the server GUID and a security blob
 * and no domain.
 */
int smb1_dec_negotiate(const struct smb1_frame *f, unsigned int n_dialects,
		       struct smb1_negotiate_rsp *r)
{
	struct smb1_cur c, b;
	u16 idx, tz;

	memset(r, 0, sizeof(*r));
	smb1_words_cur(f, &c);
	if (smb1_cur_le16(&c, &idx))
		return -EIO;
	if (idx == SMB1_NEG_NO_DIALECT)
		return -EPROTONOSUPPORT;
	if (idx >= n_dialects)
		return -EIO;
	if (f->wc == SMB1_NEG_CORE_WC) {
		/* nothing but the index: plain-text share-level security */
		r->dialect = idx;
		r->core = true;
		r->lanman = true;
		r->max_mpx = 1;
		return 0;
	}
	if (f->wc == SMB1_NEG_LANMAN_WC) {
		r->dialect = idx;
		return smb1_dec_negotiate_lanman(f, &c, r);
	}
	if (f->wc != SMB1_NEG_NT_WC)
		return -EIO;

	r->dialect = idx;
	if (smb1_cur_u8(&c, &r->security_mode) ||
	    smb1_cur_le16(&c, &r->max_mpx) ||
	    smb1_cur_le16(&c, &r->max_vcs) ||
	    smb1_cur_le32(&c, &r->max_buffer) ||
	    smb1_cur_le32(&c, &r->max_raw) ||
	    smb1_cur_le32(&c, &r->session_key) ||
	    smb1_cur_le32(&c, &r->caps) ||
	    smb1_cur_le64(&c, &r->system_time) ||
	    smb1_cur_le16(&c, &tz) ||
	    smb1_cur_u8(&c, &r->challenge_len))
		return -EIO;
	r->tz = (s16)tz;

	if (r->caps & CAP_EXTENDED_SECURITY) {
		/* ServerGUID, then the blob; ChallengeLength is unused */
		smb1_cur_init(&b, f->bytes, f->bc);
		r->challenge_len = 0;
		if (smb1_cur_skip(&b, SMB1_GUID_SIZE))
			return -EIO;
		r->blob = b.p;
		r->blob_len = smb1_cur_left(&b);
		return 0;
	}
	return smb1_dec_negotiate_bytes(f, r);
}

/* 3 words, or 4 with extended security (SecurityBlobLength) */
int smb1_dec_sess_setup(const struct smb1_frame *f,
			struct smb1_sess_setup_rsp *r)
{
	struct smb1_cur c;
	u16 blob_len;

	memset(r, 0, sizeof(*r));
	if (f->wc != 3 && f->wc != 4)
		return -EIO;
	smb1_words_cur(f, &c);
	if (smb1_cur_skip(&c, sizeof(struct smb1_andx)) ||
	    smb1_cur_le16(&c, &r->action))
		return -EIO;
	if (f->wc == 4) {
		if (smb1_cur_le16(&c, &blob_len) || blob_len > f->bc)
			return -EIO;
		r->blob = f->bytes;
		r->blob_len = blob_len;
	}
	return 0;
}

/*
 * 3 words (OptionalSupport), or 7 with the [MS-SMB] maximal access
 * rights.  The 2-word LAN Manager form some old servers still send has no
 * OptionalSupport and is taken as 0.  The Service string is always OEM.
 */
int smb1_dec_tree_connect(const struct smb1_frame *f, struct smb1_tcon_rsp *r)
{
	struct smb1_cur c;
	size_t n;

	memset(r, 0, sizeof(*r));
	if (f->wc != 2 && f->wc != 3 && f->wc != 7)
		return -EIO;
	smb1_words_cur(f, &c);
	if (smb1_cur_skip(&c, sizeof(struct smb1_andx)))
		return -EIO;
	if (f->wc >= 3 && smb1_cur_le16(&c, &r->optional_support))
		return -EIO;

	n = smb1_str_len(f->bytes, f->bc, false);
	if (n == f->bc || n >= sizeof(r->service))
		return -EIO;	/* unterminated, or longer than any service */
	memcpy(r->service, f->bytes, n);
	r->service[n] = '\0';
	return 0;
}

/*
 * The core TREE_CONNECT reply: MaxBufferSize and TID, 2 words; the
 * bytes are empty and not looked at.
 */
int smb1_dec_tree_connect_core(const struct smb1_frame *f, u16 *max_buffer,
			       u16 *tid)
{
	struct smb1_cur c;

	*max_buffer = 0;
	*tid = 0;
	if (f->wc != 2)
		return -EIO;
	smb1_words_cur(f, &c);
	if (smb1_cur_le16(&c, max_buffer) || smb1_cur_le16(&c, tid))
		return -EIO;
	return 0;
}

/*
 * The parameter or data section of a TRANS2 reply: count bytes at off,
 * which must lie after the ByteCount field and inside the message.
 */
static int smb1_t2_section(const struct smb1_frame *f, u16 off, u16 count,
			   const u8 **p)
{
	struct smb1_cur c;

	*p = NULL;
	if (!count)
		return 0;
	if (off < smb1_bytes_off(f) ||
	    smb1_cur_at(&c, f->buf, f->len, off, count))
		return -EIO;
	*p = c.p;
	return 0;
}

/*
 * TRANSACTION2 reply: 10 words plus SetupCount setup words.  Only
 * single-part replies are taken: a reply whose parameters or data do not
 * all come in this message (Total*Count larger than the count here, or a
 * nonzero displacement) gives -EIO.  We never ask for more than one
 * message's worth (MaxDataCount is below the negotiated buffer size).
 */
int smb1_dec_trans2(const struct smb1_frame *f, struct smb1_trans2_rsp *r)
{
	u16 tpc, tdc, pc, po, pd, dc, doff, dd;
	struct smb1_cur c;
	u8 setup_count;

	memset(r, 0, sizeof(*r));
	if (f->wc < SMB1_T2_RSP_WC)
		return -EIO;
	smb1_words_cur(f, &c);
	if (smb1_cur_le16(&c, &tpc) ||
	    smb1_cur_le16(&c, &tdc) ||
	    smb1_cur_skip(&c, 2) ||		/* Reserved1 */
	    smb1_cur_le16(&c, &pc) ||
	    smb1_cur_le16(&c, &po) ||
	    smb1_cur_le16(&c, &pd) ||
	    smb1_cur_le16(&c, &dc) ||
	    smb1_cur_le16(&c, &doff) ||
	    smb1_cur_le16(&c, &dd) ||
	    smb1_cur_u8(&c, &setup_count) ||
	    smb1_cur_skip(&c, 1) ||		/* Reserved2 */
	    smb1_cur_skip(&c, 2 * (size_t)setup_count))
		return -EIO;
	if (tpc != pc || tdc != dc || pd || dd)
		return -EIO;
	if (smb1_t2_section(f, po, pc, &r->params) ||
	    smb1_t2_section(f, doff, dc, &r->data))
		return -EIO;
	r->param_len = pc;
	r->data_len = dc;
	return 0;
}

static void smb1_set_times(struct smb1_fattr *fa, u64 btime, u64 atime,
			   u64 mtime, u64 ctime)
{
	fa->btime = smb1_nt_time_to_ts(btime);
	fa->atime = smb1_nt_time_to_ts(atime);
	fa->mtime = smb1_nt_time_to_ts(mtime);
	fa->ctime = smb1_nt_time_to_ts(ctime);
}

/* SMB_QUERY_FILE_ALL_INFO: the 72-byte fixed part; the name is ignored */
int smb1_dec_file_all_info(const struct smb1_trans2_rsp *t,
			   struct smb1_fattr *fa)
{
	u64 btime, atime, mtime, ctime;
	u8 delete_pending, directory;
	struct smb1_cur c;
	u32 name_len;

	memset(fa, 0, sizeof(*fa));
	if (!t->data || t->data_len < sizeof(struct smb1_file_all_info))
		return -EIO;
	smb1_cur_init(&c, t->data, t->data_len);
	if (smb1_cur_le64(&c, &btime) ||
	    smb1_cur_le64(&c, &atime) ||
	    smb1_cur_le64(&c, &mtime) ||
	    smb1_cur_le64(&c, &ctime) ||
	    smb1_cur_le32(&c, &fa->attrs) ||
	    smb1_cur_skip(&c, 4) ||		/* Reserved1 */
	    smb1_cur_le64(&c, &fa->alloc_size) ||
	    smb1_cur_le64(&c, &fa->size) ||
	    smb1_cur_le32(&c, &fa->nlink) ||
	    smb1_cur_u8(&c, &delete_pending) ||
	    smb1_cur_u8(&c, &directory) ||
	    smb1_cur_skip(&c, 2) ||		/* Reserved2 */
	    smb1_cur_skip(&c, 4) ||		/* EaSize */
	    smb1_cur_le32(&c, &name_len))
		return -EIO;
	if (directory)
		fa->attrs |= ATTR_DIRECTORY;
	smb1_set_times(fa, btime, atime, mtime, ctime);
	return 0;
}

/* FileInternalInformation: the 8-byte IndexNumber, the file id */
int smb1_dec_internal_info(const struct smb1_trans2_rsp *t, u64 *id)
{
	struct smb1_cur c;

	*id = 0;
	if (!t->data)
		return -EIO;
	smb1_cur_init(&c, t->data, t->data_len);
	return smb1_cur_le64(&c, id) ? -EIO : 0;
}

/*
 * SMB_INFO_STANDARD of QUERY_PATH_INFORMATION: CreationDate/Time,
 * LastAccessDate/Time, LastWriteDate/Time (SMB_DATE, SMB_TIME: server
 * local time, tz its offset), FileDataSize, AllocationSize (32 bits),
 * Attributes (16 bits).
 */
static int smb1_dec_info_std_fields(struct smb1_cur *c, int tz,
				    struct smb1_fattr *fa)
{
	u16 cd, ct, ad, at, wd, wt, attrs;
	u32 size, alloc;

	if (smb1_cur_le16(c, &cd) || smb1_cur_le16(c, &ct) ||
	    smb1_cur_le16(c, &ad) || smb1_cur_le16(c, &at) ||
	    smb1_cur_le16(c, &wd) || smb1_cur_le16(c, &wt) ||
	    smb1_cur_le32(c, &size) || smb1_cur_le32(c, &alloc) ||
	    smb1_cur_le16(c, &attrs))
		return -EIO;
	fa->btime = smb1_dos_time_to_ts(cd, ct, tz);
	fa->atime = smb1_dos_time_to_ts(ad, at, tz);
	fa->mtime = smb1_dos_time_to_ts(wd, wt, tz);
	/* no change time at this level: the last write stands in */
	fa->ctime = fa->mtime;
	fa->size = size;
	fa->alloc_size = alloc;
	fa->attrs = attrs;
	fa->nlink = 1;
	return 0;
}

int smb1_dec_info_standard(const struct smb1_trans2_rsp *t, int tz,
			   struct smb1_fattr *fa)
{
	struct smb1_cur c;

	memset(fa, 0, sizeof(*fa));
	if (!t->data)
		return -EIO;
	smb1_cur_init(&c, t->data, t->data_len);
	return smb1_dec_info_std_fields(&c, tz, fa);
}

/*
 * Core QUERY_INFORMATION: 10 words, FileAttributes, LastWriteTime (UTIME
 * in the server's local time), FileSize, 5 reserved words.
 */
int smb1_dec_query_information(const struct smb1_frame *f, int tz,
			       struct smb1_fattr *fa)
{
	struct smb1_cur c;
	u16 attrs;
	u32 mtime, size;

	memset(fa, 0, sizeof(*fa));
	if (f->wc != 10)
		return -EIO;
	smb1_words_cur(f, &c);
	if (smb1_cur_le16(&c, &attrs) || smb1_cur_le32(&c, &mtime) ||
	    smb1_cur_le32(&c, &size))
		return -EIO;
	fa->attrs = attrs;
	fa->size = size;
	fa->alloc_size = size;
	fa->nlink = 1;
	fa->mtime = smb1_utime_to_ts(mtime);
	if (fa->mtime.tv_sec)
		fa->mtime.tv_sec += (s64)tz * 60;
	fa->atime = fa->mtime;
	fa->ctime = fa->mtime;
	fa->btime = fa->mtime;
	return 0;
}

/*
 * Core SEARCH reply: Count; bytes 0x05, DataLength, then Count entries of
 * 43 bytes, which must all lie in the data.
 */
int smb1_dec_search(const struct smb1_frame *f, struct smb1_find_rsp *r)
{
	struct smb1_cur c, b;
	u16 count, len;
	u8 fmt;

	memset(r, 0, sizeof(*r));
	if (f->wc != 1)
		return -EIO;
	smb1_words_cur(f, &c);
	if (smb1_cur_le16(&c, &count))
		return -EIO;
	smb1_cur_init(&b, f->bytes, f->bc);
	if (smb1_cur_u8(&b, &fmt) || fmt != SMB1_BUF_FORMAT_VARIABLE ||
	    smb1_cur_le16(&b, &len) ||
	    (u32)count * SMB1_SEARCH_ENTRY_SIZE > len ||
	    smb1_cur_take(&b, &r->data, len))
		return -EIO;
	r->count = count;
	r->data_len = len;
	r->level = SMB1_FIND_LEVEL_CORE;
	r->end_of_search = !count;
	return 0;
}

/*
 * SMB_QUERY_FS_SIZE_INFO: TotalAllocationUnits, TotalFreeAllocationUnits
 * (8 bytes each), SectorsPerAllocationUnit, BytesPerSector
 */
int smb1_dec_fs_size_info(const struct smb1_trans2_rsp *t,
			  struct smb1_fs_size *fs)
{
	struct smb1_cur c;

	memset(fs, 0, sizeof(*fs));
	if (!t->data)
		return -EIO;
	smb1_cur_init(&c, t->data, t->data_len);
	if (smb1_cur_le64(&c, &fs->total_units) ||
	    smb1_cur_le64(&c, &fs->free_units) ||
	    smb1_cur_le32(&c, &fs->sectors_per_unit) ||
	    smb1_cur_le32(&c, &fs->bytes_per_sector))
		return -EIO;
	return 0;
}

/*
 * SMB_INFO_ALLOCATION, the LAN Manager level: idFileSystem, then
 * cSectorUnit, cUnit, cUnitAvailable (4 bytes each) and cbSector (2)
 */
int smb1_dec_fs_alloc_info(const struct smb1_trans2_rsp *t,
			   struct smb1_fs_size *fs)
{
	struct smb1_cur c;
	u32 total, avail;
	u16 sector;

	memset(fs, 0, sizeof(*fs));
	if (!t->data)
		return -EIO;
	smb1_cur_init(&c, t->data, t->data_len);
	if (smb1_cur_skip(&c, 4) ||
	    smb1_cur_le32(&c, &fs->sectors_per_unit) ||
	    smb1_cur_le32(&c, &total) || smb1_cur_le32(&c, &avail) ||
	    smb1_cur_le16(&c, &sector))
		return -EIO;
	fs->total_units = total;
	fs->free_units = avail;
	fs->bytes_per_sector = sector;
	return 0;
}

/*
 * QUERY_INFORMATION_DISK, the core request: TotalUnits, BlocksPerUnit,
 * BlockSize, FreeUnits and a reserved word
 */
int smb1_dec_query_disk(const struct smb1_frame *f, struct smb1_fs_size *fs)
{
	struct smb1_cur c;
	u16 total, per_unit, block, avail;

	memset(fs, 0, sizeof(*fs));
	if (f->wc < 4)
		return -EIO;
	smb1_words_cur(f, &c);
	if (smb1_cur_le16(&c, &total) || smb1_cur_le16(&c, &per_unit) ||
	    smb1_cur_le16(&c, &block) || smb1_cur_le16(&c, &avail))
		return -EIO;
	fs->total_units = total;
	fs->free_units = avail;
	fs->sectors_per_unit = per_unit;
	fs->bytes_per_sector = block;
	return 0;
}

/* SID, SearchCount, EndOfSearch, EaErrorOffset, LastNameOffset */
int smb1_dec_find_first(const struct smb1_trans2_rsp *t,
			struct smb1_find_rsp *r)
{
	struct smb1_cur c;

	memset(r, 0, sizeof(*r));
	if (!t->params || t->param_len < SMB1_FIND_FIRST_PARAMS)
		return -EIO;
	smb1_cur_init(&c, t->params, t->param_len);
	if (smb1_cur_le16(&c, &r->sid) ||
	    smb1_cur_le16(&c, &r->count) ||
	    smb1_cur_le16(&c, &r->end_of_search) ||
	    smb1_cur_skip(&c, 2) ||		/* EaErrorOffset */
	    smb1_cur_le16(&c, &r->last_name_offset))
		return -EIO;
	r->data = t->data;
	r->data_len = t->data_len;
	return 0;
}

/* As FIND_FIRST2 without the SID */
int smb1_dec_find_next(const struct smb1_trans2_rsp *t,
		       struct smb1_find_rsp *r)
{
	struct smb1_cur c;

	memset(r, 0, sizeof(*r));
	if (!t->params || t->param_len < SMB1_FIND_NEXT_PARAMS)
		return -EIO;
	smb1_cur_init(&c, t->params, t->param_len);
	if (smb1_cur_le16(&c, &r->count) ||
	    smb1_cur_le16(&c, &r->end_of_search) ||
	    smb1_cur_skip(&c, 2) ||		/* EaErrorOffset */
	    smb1_cur_le16(&c, &r->last_name_offset))
		return -EIO;
	r->data = t->data;
	r->data_len = t->data_len;
	return 0;
}

/* The last term bytes of the n at p are a terminator (all NUL). */
static bool smb1_ends_in_nul(const u8 *p, size_t n, unsigned int term)
{
	return n >= term && !p[n - 1] && !p[n - term];
}

/*
 * An SMB_INFO_STANDARD entry (with the resume key we ask for): ResumeKey,
 * the fields of smb1_dec_info_std_fields(), FileNameLength (8 bits) and
 * FileName.  Entries are packed, with no offset to the next.  Servers
 * differ on whether the name's terminator is counted: one that is not
 * counted follows the name and is skipped.  A Unicode name's terminator
 * is two NUL bytes; a single NUL at its end is only the high byte of its
 * last character.
 */
static int smb1_find_std_next(struct smb1_find_iter *it,
			      struct smb1_dirent *de)
{
	unsigned int term = it->unicode ? 2 : 1;
	struct smb1_cur c;
	u8 name_len;

	smb1_cur_init(&c, it->data + it->pos, it->len - it->pos);
	if (smb1_cur_le32(&c, &de->resume_key) ||
	    smb1_dec_info_std_fields(&c, it->tz, &de->attr) ||
	    smb1_cur_u8(&c, &name_len) ||
	    smb1_cur_take(&c, &de->name, name_len))
		return -EIO;
	de->name_len = name_len;
	if (!smb1_ends_in_nul(de->name, name_len, term) &&
	    smb1_cur_left(&c) >= term && !c.p[0] && !c.p[term - 1])
		smb1_cur_skip(&c, term);
	it->pos = c.p - it->data;
	return 0;
}

/*
 * A core SEARCH entry (43 bytes): ResumeKey (21), FileAttributes (8
 * bits), LastWriteTime, LastWriteDate, FileSize, FileName (13 bytes,
 * "NAME.EXT" padded with NULs or spaces).
 */
static int smb1_find_core_next(struct smb1_find_iter *it,
			       struct smb1_dirent *de)
{
	struct smb1_cur c;
	u16 time, date;
	u32 size;
	size_t n;
	u8 attr;

	smb1_cur_init(&c, it->data + it->pos, it->len - it->pos);
	if (smb1_cur_take(&c, &de->resume, SMB1_SEARCH_RESUME_KEY_SIZE) ||
	    smb1_cur_u8(&c, &attr) ||
	    smb1_cur_le16(&c, &time) || smb1_cur_le16(&c, &date) ||
	    smb1_cur_le32(&c, &size) ||
	    smb1_cur_take(&c, &de->name, SMB1_SEARCH_NAME_SIZE))
		return -EIO;
	n = smb1_str_len(de->name, SMB1_SEARCH_NAME_SIZE, false);
	while (n && de->name[n - 1] == ' ')
		n--;
	de->name_len = n;
	de->attr.attrs = attr;
	de->attr.size = size;
	de->attr.alloc_size = size;
	de->attr.nlink = 1;
	de->attr.mtime = smb1_dos_time_to_ts(date, time, it->tz);
	de->attr.atime = de->attr.mtime;
	de->attr.ctime = de->attr.mtime;
	de->attr.btime = de->attr.mtime;
	it->pos += SMB1_SEARCH_ENTRY_SIZE;
	return 0;
}

/* The entries of the older levels: count of them, packed */
static int smb1_find_packed_next(struct smb1_find_iter *it,
				 struct smb1_dirent *de)
{
	int ret;

	memset(de, 0, sizeof(*de));
	if (it->pos >= it->len)
		return -EIO;
	if (it->level == SMB1_FIND_LEVEL_CORE)
		ret = smb1_find_core_next(it, de);
	else
		ret = smb1_find_std_next(it, de);
	if (ret)
		return ret;	/* and again on every later call */
	if (!--it->left || it->pos >= it->len)
		it->done = true;
	return 0;
}

/* The levels whose entries are linked by NextEntryOffset */
static bool smb1_find_level_linked(enum smb1_find_level level)
{
	return level == SMB1_FIND_LEVEL_DIRINFO ||
	       level == SMB1_FIND_LEVEL_ID_FULL;
}

/*
 * The next SMB_FIND_FILE_DIRECTORY_INFO entry, or with level ID_FULL the
 * next SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO one: the same fields, then
 * EaSize, a reserved field and the file id before the name.  Each entry
 * (64 or 80 fixed bytes and its name) must fit in the data.  The walk
 * ends after the entry whose NextEntryOffset is 0 or after SearchCount
 * entries, whichever comes first; a NextEntryOffset that is followed
 * must cover the whole entry and stay inside the data (one that is not
 * followed is not looked at: some servers point the last entry at its
 * padded end).
 *
 * In an unpadded batch (see smb1_find_iter_init()) the entries lie end
 * to end instead: each NextEntryOffset must be 0 (on the last entry of
 * the data only) or the size of its entry, padded to 8 bytes or not, and
 * the walk ends when the data does or after SearchCount entries.
 *
 * A malformed entry gives -EIO, and again on every later call.  The name
 * is returned raw.
 */
static int smb1_find_dir_next(struct smb1_find_iter *it,
			      struct smb1_dirent *de)
{
	bool id_full = it->level == SMB1_FIND_LEVEL_ID_FULL;
	u64 btime, atime, mtime, ctime;
	u32 next, name_len, size;
	struct smb1_cur c;
	const u8 *name;
	bool more;

	smb1_cur_init(&c, it->data + it->pos, it->len - it->pos);
	memset(de, 0, sizeof(*de));
	if (smb1_cur_le32(&c, &next) ||
	    smb1_cur_le32(&c, &de->resume_key) ||
	    smb1_cur_le64(&c, &btime) ||
	    smb1_cur_le64(&c, &atime) ||
	    smb1_cur_le64(&c, &mtime) ||
	    smb1_cur_le64(&c, &ctime) ||
	    smb1_cur_le64(&c, &de->attr.size) ||
	    smb1_cur_le64(&c, &de->attr.alloc_size) ||
	    smb1_cur_le32(&c, &de->attr.attrs) ||
	    smb1_cur_le32(&c, &name_len))
		return -EIO;
	if (id_full &&
	    (smb1_cur_skip(&c, 4) ||		/* EaSize */
	     smb1_cur_skip(&c, 4) ||		/* Reserved */
	     smb1_cur_le64(&c, &de->attr.file_id)))
		return -EIO;
	if (smb1_cur_take(&c, &name, name_len))
		return -EIO;
	/* the whole entry lies in the data: no overflow */
	size = (id_full ? sizeof(struct smb1_find_id_full_dir_info) :
			  sizeof(struct smb1_find_dir_info)) + name_len;
	if (it->unpadded) {
		if (next ? next != size && next != ALIGN(size, 8) :
			   size != it->len - it->pos)
			return -EIO;
		/* past the last entry too: the walk must end with the data */
		next = size;
		more = true;
	} else {
		more = next && it->left > 1;
		if (more && (next < size || next > it->len - it->pos))
			return -EIO;
	}

	smb1_set_times(&de->attr, btime, atime, mtime, ctime);
	de->attr.nlink = 1;	/* not in these info levels */
	de->name = name;
	de->name_len = name_len;

	it->left--;
	if (more)
		it->pos += next;
	/* no data left: the count may be one too many (impacket's server) */
	if (!more || it->pos == it->len)
		it->done = true;
	return 0;
}

/* Whether every entry of the batch it starts can be walked. */
static bool smb1_find_dir_walks(const struct smb1_find_iter *start)
{
	struct smb1_find_iter it = *start;
	struct smb1_dirent de;

	while (!it.done && it.left)
		if (smb1_find_dir_next(&it, &de))
			return false;
	return !it.unpadded || it.pos == it.len;
}

void smb1_find_iter_init(struct smb1_find_iter *it,
			 const struct smb1_find_rsp *r)
{
	it->data = r->data;
	it->len = r->data ? r->data_len : 0;
	it->pos = 0;
	it->left = r->count;
	it->done = !r->count;
	it->level = r->level;
	it->tz = r->tz;
	it->unicode = r->unicode;
	it->unpadded = false;

	/*
	 * impacket's smbserver (0.10) sends the entries of a FIND_NEXT2 end
	 * to end, without the padding to 8 bytes that their NextEntryOffset
	 * counts (its FIND_FIRST2 pads them): following NextEntryOffset
	 * then lands inside the next entry.  A batch that cannot be walked
	 * by NextEntryOffset but can be walked entry after entry, to the
	 * last byte of the data, is taken that way.
	 */
	if (smb1_find_level_linked(it->level) && !it->done && it->data &&
	    !smb1_find_dir_walks(it)) {
		it->unpadded = true;
		if (!smb1_find_dir_walks(it))
			it->unpadded = false;
	}
}

int smb1_find_iter_next(struct smb1_find_iter *it, struct smb1_dirent *de)
{
	if (it->done || !it->left)
		return -ENOENT;
	if (!it->data || it->pos > it->len)
		return -EIO;
	if (!smb1_find_level_linked(it->level))
		return smb1_find_packed_next(it, de);
	return smb1_find_dir_next(it, de);
}

/*
 * Whether the last entry of the batch r is the one of resume_key and
 * name: a FIND_NEXT2 that resumed from that entry then got nothing after
 * it, and the next one would ask for the same again.  A malformed batch
 * gives false (its walk reports it).
 */
bool smb1_find_last_is(const struct smb1_find_rsp *r, u32 resume_key,
		       const u8 *name, u32 name_len)
{
	struct smb1_find_iter it;
	struct smb1_dirent de;
	bool same = false;
	int ret;

	smb1_find_iter_init(&it, r);
	while (!(ret = smb1_find_iter_next(&it, &de)))
		same = de.resume_key == resume_key && de.name_len == name_len &&
		       (!name_len || !memcmp(de.name, name, name_len));
	return ret == -ENOENT && same;
}

/*
 * FID, FileAttrs, LastWriteTime, FileDataSize, AccessRights,
 * ResourceType, NMPipeStatus, OpenResults; 15 words, or 19 in the
 * [MS-SMB] extended form whose first 12 words are the same.
 */
int smb1_dec_open_andx(const struct smb1_frame *f, struct smb1_open_rsp *r)
{
	struct smb1_cur c;
	u32 size;

	memset(r, 0, sizeof(*r));
	if (f->wc != SMB1_OPEN_RSP_WC && f->wc != SMB1_OPEN_RSP_EXT_WC)
		return -EIO;
	smb1_words_cur(f, &c);
	if (smb1_cur_skip(&c, sizeof(struct smb1_andx)) ||
	    smb1_cur_le16(&c, &r->fid) ||
	    smb1_cur_le16(&c, &r->attrs) ||
	    smb1_cur_le32(&c, &r->mtime) ||
	    smb1_cur_le32(&c, &size) ||
	    smb1_cur_le16(&c, &r->access) ||
	    smb1_cur_le16(&c, &r->resource_type) ||
	    smb1_cur_skip(&c, 2) ||		/* NMPipeStatus */
	    smb1_cur_le16(&c, &r->action))
		return -EIO;
	r->size = size;
	return 0;
}

/*
 * The core OPEN reply: FID, FileAttributes, LastModified (UTIME, the
 * server's local time), FileSize, AccessMode; 7 words.
 */
int smb1_dec_open_core(const struct smb1_frame *f, struct smb1_open_rsp *r)
{
	struct smb1_cur c;
	u32 size;

	memset(r, 0, sizeof(*r));
	if (f->wc != SMB1_CORE_OPEN_RSP_WC)
		return -EIO;
	smb1_words_cur(f, &c);
	if (smb1_cur_le16(&c, &r->fid) ||
	    smb1_cur_le16(&c, &r->attrs) ||
	    smb1_cur_le32(&c, &r->mtime) ||
	    smb1_cur_le32(&c, &size) ||
	    smb1_cur_le16(&c, &r->access))
		return -EIO;
	r->size = size;
	r->action = 1;		/* opened */
	return 0;
}

/* CREATE and CREATE_NEW: the FID, 1 word */
int smb1_dec_create_core(const struct smb1_frame *f, u16 *fid)
{
	*fid = 0;
	if (f->wc != 1 || f->len < smb1_bytes_off(f))
		return -EIO;
	*fid = get_unaligned_le16(f->words);
	return 0;
}

/*
 * The reply to either open, OPEN_ANDX or NT_CREATE_ANDX, as the open
 * path uses it: FID, size, attributes, modification time (to the
 * second from OPEN_ANDX, exact from NT_CREATE_ANDX), resource type.
 */
int smb1_dec_open_any(const struct smb1_frame *f, struct smb1_open_rsp *r)
{
	struct smb1_nt_create_rsp nt;
	int ret;

	if (f->cmd != SMB_COM_NT_CREATE_ANDX)
		return smb1_dec_open_andx(f, r);
	memset(r, 0, sizeof(*r));
	ret = smb1_dec_nt_create(f, &nt);
	if (ret)
		return ret;
	r->fid = nt.fid;
	/* the DOS attributes are the low bits of the extended ones */
	r->attrs = nt.attr.attrs & 0xffff;
	r->size = nt.attr.size;
	r->ntime = nt.attr.mtime;
	r->resource_type = nt.resource_type;
	r->action = nt.action;
	return 0;
}

/*
 * NT_CREATE_ANDX: the AndX block, OplockLevel, FID, CreateDisposition
 * (the action taken), CreationTime, LastAccessTime, LastWriteTime,
 * LastChangeTime, ExtFileAttributes, AllocationSize, EndOfFile,
 * ResourceType, NMPipeStatus, Directory: 34 words.  The [MS-SMB]
 * extended reply appends a volume GUID, a file id and two access masks,
 * 50 words, of which Windows counts 42: any WordCount from 34 up is
 * taken, and only the first 34 words are read.  AllocationSize and
 * EndOfFile are LARGE_INTEGERs that are never negative ([MS-FSCC] 2.4):
 * a size past 2^63 - 1 makes the reply bad, as it would otherwise be
 * taken for a file as large as the page cache allows, and writeback
 * would fill the server's file up to whole pages.
 */
int smb1_dec_nt_create(const struct smb1_frame *f,
		       struct smb1_nt_create_rsp *r)
{
	u64 btime, atime, mtime, ctime;
	struct smb1_cur c;
	u8 directory;

	memset(r, 0, sizeof(*r));
	if (f->wc < SMB1_NT_CREATE_RSP_WC)
		return -EIO;
	smb1_words_cur(f, &c);
	if (smb1_cur_skip(&c, sizeof(struct smb1_andx)) ||
	    smb1_cur_u8(&c, &r->oplock) ||
	    smb1_cur_le16(&c, &r->fid) ||
	    smb1_cur_le32(&c, &r->action) ||
	    smb1_cur_le64(&c, &btime) ||
	    smb1_cur_le64(&c, &atime) ||
	    smb1_cur_le64(&c, &mtime) ||
	    smb1_cur_le64(&c, &ctime) ||
	    smb1_cur_le32(&c, &r->attr.attrs) ||
	    smb1_cur_le64(&c, &r->attr.alloc_size) ||
	    smb1_cur_le64(&c, &r->attr.size) ||
	    smb1_cur_le16(&c, &r->resource_type) ||
	    smb1_cur_skip(&c, 2) ||		/* NMPipeStatus */
	    smb1_cur_u8(&c, &directory))
		return -EIO;
	if (r->attr.alloc_size > (u64)S64_MAX || r->attr.size > (u64)S64_MAX)
		return -EIO;
	smb1_set_times(&r->attr, btime, atime, mtime, ctime);
	r->attr.nlink = 1;	/* not in this reply */
	r->is_dir = directory;
	if (directory)
		r->attr.attrs |= ATTR_DIRECTORY;
	return 0;
}

/*
 * The 12 parameter words of a READ_ANDX reply in words.  The data must lie
 * in [min_off, total): DataOffset cannot point into the header or the
 * parameters.  The length is DataLength plus DataLengthHigh << 16
 * ([MS-SMB] 2.2.4.2.2).  Servers that predate CAP_LARGE_READX may leave
 * junk in that (then reserved) word, so when the 32-bit length does not
 * fit in the message, the 16-bit one is taken instead, but only if the
 * data then ends the message exactly: a large reply that was cut short
 * must not pass for a short read.
 */
static int smb1_read_rsp_words(const u8 *words, size_t min_off, size_t total,
			       struct smb1_read_rsp *r)
{
	u16 dlen, doff, dhigh;
	struct smb1_cur c;
	u32 len;

	memset(r, 0, sizeof(*r));
	smb1_cur_init(&c, words, 2 * SMB1_READ_RSP_WC);
	if (smb1_cur_skip(&c, sizeof(struct smb1_andx)) ||
	    smb1_cur_le16(&c, &r->available) ||
	    smb1_cur_skip(&c, 2) ||		/* DataCompactionMode */
	    smb1_cur_skip(&c, 2) ||		/* Reserved1 */
	    smb1_cur_le16(&c, &dlen) ||
	    smb1_cur_le16(&c, &doff) ||
	    smb1_cur_le16(&c, &dhigh))
		return -EIO;
	if (doff < min_off || doff > total)
		return -EIO;
	len = dlen | (u32)dhigh << 16;
	if (len > total - doff) {
		if (dlen != total - doff)
			return -EIO;
		len = dlen;
	}
	r->data_offset = doff;
	r->data_len = len;
	return 0;
}

int smb1_dec_read_andx(const struct smb1_frame *f, struct smb1_read_rsp *r)
{
	memset(r, 0, sizeof(*r));
	if (f->wc != SMB1_READ_RSP_WC)
		return -EIO;
	/* the data starts at the earliest after the ByteCount field */
	return smb1_read_rsp_words(f->words, smb1_bytes_off(f), f->len, r);
}

/*
 * From a prefix: the header, WordCount 12, the parameter words and the
 * ByteCount must be among the first have bytes; the data is checked
 * against the total length of the message.
 */
int smb1_dec_read_andx_hdr(const u8 *buf, size_t have, size_t total,
			   struct smb1_read_rsp *r)
{
	const size_t words = SMB1_HDR_SIZE + 1;
	const size_t end = words + 2 * SMB1_READ_RSP_WC + 2;

	memset(r, 0, sizeof(*r));
	if (have < end || have > total || smb1_check_hdr(buf, have))
		return -EIO;
	if (buf[SMB1_HDR_SIZE] != SMB1_READ_RSP_WC)
		return -EIO;
	/* as smb1_parse_frame() would: the bytes must fit in the message */
	if (get_unaligned_le16(buf + end - 2) > total - end)
		return -EIO;
	return smb1_read_rsp_words(buf + words, end, total, r);
}

/*
 * The core READ reply: CountOfBytesReturned and four reserved words;
 * bytes 0x01, CountOfBytesRead (the same count) and the data, which must
 * be all of the bytes: a reply cut short or padded is bad.  From the
 * bytes at bytes (the ByteCount bc) of a message of total bytes, whose
 * bytes start at bytes_off.
 */
static int smb1_read_core_rsp(const u8 *words, const u8 *bytes, u16 bc,
			      size_t bytes_off, size_t total,
			      struct smb1_read_rsp *r)
{
	u16 returned, count;

	memset(r, 0, sizeof(*r));
	returned = get_unaligned_le16(words);
	if (bc < 3 || bytes[0] != SMB1_BUF_FORMAT_DATA)
		return -EIO;
	count = get_unaligned_le16(bytes + 1);
	if (count != returned || count != bc - 3 ||
	    bytes_off + 3 + count > total)
		return -EIO;
	r->data_offset = bytes_off + 3;
	r->data_len = count;
	return 0;
}

int smb1_dec_read_core(const struct smb1_frame *f, struct smb1_read_rsp *r)
{
	memset(r, 0, sizeof(*r));
	if (f->wc != SMB1_CORE_READ_RSP_WC || f->bc < 3)
		return -EIO;
	return smb1_read_core_rsp(f->words, f->bytes, f->bc, smb1_bytes_off(f),
				  f->len, r);
}

/*
 * The same from a prefix: the header, WordCount 5, the words, ByteCount
 * and the three bytes before the data among the first have bytes; the
 * data is checked against the total length of the message.
 */
int smb1_dec_read_core_hdr(const u8 *buf, size_t have, size_t total,
			   struct smb1_read_rsp *r)
{
	const size_t words = SMB1_HDR_SIZE + 1;
	const size_t boff = words + 2 * SMB1_CORE_READ_RSP_WC + 2;
	u16 bc;

	memset(r, 0, sizeof(*r));
	if (have < SMB1_CORE_READ_RSP_PREFIX || have > total ||
	    smb1_check_hdr(buf, have))
		return -EIO;
	if (buf[SMB1_HDR_SIZE] != SMB1_CORE_READ_RSP_WC)
		return -EIO;
	bc = get_unaligned_le16(buf + boff - 2);
	if (bc > total - boff)
		return -EIO;
	return smb1_read_core_rsp(buf + words, buf + boff, bc, boff, total, r);
}

/* The core WRITE reply: CountOfBytesWritten, never more than sent */
int smb1_dec_write_core(const struct smb1_frame *f, u32 sent, u32 *count)
{
	u16 n;

	*count = 0;
	if (f->wc != 1 || f->len < smb1_bytes_off(f))
		return -EIO;
	n = get_unaligned_le16(f->words);
	if (n > sent)
		return -EIO;
	*count = n;
	return 0;
}

/*
 * WRITE_ANDX reply, 6 words: the AndX block, Count, Available, CountHigh
 * ([MS-SMB] 2.2.4.3.2; Reserved in [MS-CIFS]), Reserved.  Some servers
 * leave garbage in CountHigh for small writes: for a write of less than
 * 64 KiB (whose count has no high bits) a count above what was sent is
 * taken by its low 16 bits.  Any other count above it makes the reply
 * bad: a larger write needs CountHigh, and cannot tell its garbage.
 */
int smb1_dec_write_andx(const struct smb1_frame *f, u32 sent, u32 *count)
{
	u32 n;

	*count = 0;
	if (f->wc < 6)
		return -EIO;
	n = get_unaligned_le16(f->words + 4) |
	    (u32)get_unaligned_le16(f->words + 8) << 16;
	if (n > sent && sent <= 0xffff)
		n &= 0xffff;
	if (n > sent)
		return -EIO;
	*count = n;
	return 0;
}

/* Replies that carry nothing we use: CLOSE, TREE_DISCONNECT, LOGOFF... */
int smb1_dec_empty(const struct smb1_frame *f, u8 min_wc)
{
	return f->wc >= min_wc ? 0 : -EIO;
}
