// SPDX-License-Identifier: GPL-2.0
/*
 * SPNEGO (RFC 4178, [MS-SPNG]) around NTLMSSP, with a small DER encoder
 * and decoder of our own.
 *
 * The client sends two tokens:
 *
 *   [APPLICATION 0] { OID 1.3.6.1.5.5.2,
 *                     [0] NegTokenInit { [0] mechTypes { NTLMSSP OID },
 *                                        [2] mechToken NEGOTIATE } }
 *   [1] NegTokenResp { [2] responseToken AUTHENTICATE }
 *
 * and reads the server's NegTokenResp twice: first with negState
 * accept-incomplete and the CHALLENGE as responseToken, at the end with
 * accept-completed.  The NegTokenInit a server may put in its negotiate
 * reply only tells which mechanisms it knows.
 *
 * Everything from the server goes through the cursor: each length must
 * lie inside the element that holds it; the indefinite form, lengths of
 * more than four bytes and tags of more than one byte are refused.
 */

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "internal.h"

#define DER_ENUMERATED		0x0a
#define DER_OCTET_STRING	0x04
#define DER_OID			0x06
#define DER_SEQUENCE		0x30
#define DER_APPLICATION_0	0x60
#define DER_CONTEXT(n)		(0xa0 + (n))

/* 1.3.6.1.5.5.2 and 1.3.6.1.4.1.311.2.2.10, their encoded values */
static const u8 spnego_oid[] = { 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02 };
static const u8 ntlmssp_oid[] = {
	0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a
};

/* ------------------------------------------------------------------ */
/* Encoding                                                            */
/* ------------------------------------------------------------------ */

/* Bytes of the tag and length in front of a value of len bytes */
static size_t der_hdr_size(size_t len)
{
	size_t n = 2;

	if (len < 0x80)
		return n;
	while (len) {
		n++;
		len >>= 8;
	}
	return n;
}

/* Write tag and length at p; return the bytes written. */
static size_t der_put_hdr(u8 *p, u8 tag, size_t len)
{
	size_t n = der_hdr_size(len), i;

	p[0] = tag;
	if (len < 0x80) {
		p[1] = len;
		return n;
	}
	p[1] = 0x80 | (n - 2);
	for (i = n - 1; i >= 2; i--) {
		p[i] = len & 0xff;
		len >>= 8;
	}
	return n;
}

/* An element holding len bytes of value takes this many bytes. */
static size_t der_size(size_t len)
{
	return der_hdr_size(len) + len;
}

/* The mechTypes list: SEQUENCE { OID NTLMSSP } */
static size_t der_mech_list_size(void)
{
	return der_size(der_size(sizeof(ntlmssp_oid)));
}

static size_t der_put_mech_list(u8 *p)
{
	size_t n = der_put_hdr(p, DER_SEQUENCE, der_size(sizeof(ntlmssp_oid)));

	n += der_put_hdr(p + n, DER_OID, sizeof(ntlmssp_oid));
	memcpy(p + n, ntlmssp_oid, sizeof(ntlmssp_oid));
	return n + sizeof(ntlmssp_oid);
}

/**
 * smb1_spnego_init() - the first token: NegTokenInit with NTLMSSP
 * @tok: the NTLMSSP NEGOTIATE_MESSAGE
 * @len: its length
 * @out: set to a kmalloc'ed token; kfree() it
 * @out_len: set to its length
 *
 * Return: 0, -EINVAL for a token too large for a session setup, -ENOMEM.
 */
int smb1_spnego_init(const u8 *tok, size_t len, u8 **out, size_t *out_len)
{
	size_t mech, seq, init, total, n = 0;
	u8 *p;

	*out = NULL;
	*out_len = 0;
	if (len > U16_MAX)
		return -EINVAL;
	mech = der_size(der_mech_list_size()) + der_size(der_size(len));
	seq = der_size(mech);			/* NegTokenInit */
	init = der_size(sizeof(spnego_oid)) + der_size(seq);
	total = der_size(init);
	if (total > U16_MAX)
		return -EINVAL;
	p = kmalloc(total, GFP_KERNEL);
	if (!p)
		return -ENOMEM;

	n += der_put_hdr(p + n, DER_APPLICATION_0, init);
	n += der_put_hdr(p + n, DER_OID, sizeof(spnego_oid));
	memcpy(p + n, spnego_oid, sizeof(spnego_oid));
	n += sizeof(spnego_oid);
	n += der_put_hdr(p + n, DER_CONTEXT(0), seq);
	n += der_put_hdr(p + n, DER_SEQUENCE, mech);
	n += der_put_hdr(p + n, DER_CONTEXT(0), der_mech_list_size());
	n += der_put_mech_list(p + n);
	n += der_put_hdr(p + n, DER_CONTEXT(2), der_size(len));
	n += der_put_hdr(p + n, DER_OCTET_STRING, len);
	memcpy(p + n, tok, len);
	n += len;
	WARN_ON_ONCE(n != total);

	*out = p;
	*out_len = total;
	return 0;
}

/**
 * smb1_spnego_resp() - a later token: NegTokenResp with a responseToken
 * @tok: the NTLMSSP AUTHENTICATE_MESSAGE
 * @len: its length
 * @out: set to a kmalloc'ed token; kfree_sensitive() it
 * @out_len: set to its length
 *
 * Return: 0, -EINVAL for a token too large for a session setup, -ENOMEM.
 */
int smb1_spnego_resp(const u8 *tok, size_t len, u8 **out, size_t *out_len)
{
	size_t seq, total, n = 0;
	u8 *p;

	*out = NULL;
	*out_len = 0;
	if (len > U16_MAX)
		return -EINVAL;
	seq = der_size(der_size(len));
	total = der_size(der_size(seq));
	if (total > U16_MAX)
		return -EINVAL;
	p = kmalloc(total, GFP_KERNEL);
	if (!p)
		return -ENOMEM;

	n += der_put_hdr(p + n, DER_CONTEXT(1), der_size(seq));
	n += der_put_hdr(p + n, DER_SEQUENCE, seq);
	n += der_put_hdr(p + n, DER_CONTEXT(2), der_size(len));
	n += der_put_hdr(p + n, DER_OCTET_STRING, len);
	memcpy(p + n, tok, len);
	n += len;
	WARN_ON_ONCE(n != total);

	*out = p;
	*out_len = total;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Decoding                                                            */
/* ------------------------------------------------------------------ */

/*
 * The next element of c: its tag and a cursor over its value.  The
 * length must be definite, at most four bytes long, and fit in c.
 */
static int der_next(struct smb1_cur *c, u8 *tag, struct smb1_cur *val)
{
	struct smb1_cur t = *c;
	u8 b, nlen;
	size_t len;

	if (smb1_cur_u8(&t, tag) || (*tag & 0x1f) == 0x1f)
		return -EIO;
	if (smb1_cur_u8(&t, &b))
		return -EIO;
	if (b < 0x80) {
		len = b;
	} else {
		nlen = b & 0x7f;
		/* 0x80: indefinite, which DER does not allow */
		if (!nlen || nlen > 4)
			return -EIO;
		len = 0;
		while (nlen--) {
			if (smb1_cur_u8(&t, &b))
				return -EIO;
			len = (len << 8) | b;
		}
	}
	if (smb1_cur_sub(&t, val, len))
		return -EIO;
	*c = t;
	return 0;
}

/* The next element, which must have this tag */
static int der_expect(struct smb1_cur *c, u8 tag, struct smb1_cur *val)
{
	u8 got;

	if (der_next(c, &got, val) || got != tag)
		return -EIO;
	return 0;
}

/* Does an OID element hold the given value? */
static bool der_oid_is(const struct smb1_cur *v, const u8 *oid, size_t len)
{
	return smb1_cur_left(v) == len && !memcmp(v->p, oid, len);
}

/* [n] explicitly tagged: the cursor over the one element inside */
static int der_explicit(struct smb1_cur *field, u8 tag, struct smb1_cur *val)
{
	if (der_expect(field, tag, val) || smb1_cur_left(field))
		return -EIO;
	return 0;
}

/* A MechTypeList: does it hold NTLMSSP?  -EIO when malformed. */
static int der_mech_list(struct smb1_cur *field, bool *ntlmssp)
{
	struct smb1_cur seq, oid;

	if (der_explicit(field, DER_SEQUENCE, &seq))
		return -EIO;
	*ntlmssp = false;
	while (smb1_cur_left(&seq)) {
		if (der_expect(&seq, DER_OID, &oid))
			return -EIO;
		if (der_oid_is(&oid, ntlmssp_oid, sizeof(ntlmssp_oid)))
			*ntlmssp = true;
	}
	return 0;
}

/*
 * The next field of a SEQUENCE of context-tagged fields [0] to [max]:
 * each may come once, in increasing order (*last: the previous tag, 0
 * before the first).
 */
static int der_next_field(struct smb1_cur *seq, unsigned int max, u8 *last,
			  u8 *tag, struct smb1_cur *field)
{
	if (der_next(seq, tag, field) || *tag < DER_CONTEXT(0) ||
	    *tag > DER_CONTEXT(max) || (*last && *tag <= *last))
		return -EIO;
	*last = *tag;
	return 0;
}

/**
 * smb1_spnego_dec_hint() - the NegTokenInit of a negotiate reply
 * @blob: the security blob after the server GUID
 * @len: its length
 * @ntlmssp: set when the server lists NTLMSSP among its mechanisms
 *
 * Only mechTypes is looked at; the other fields (Samba sends negHints)
 * are checked for being well formed and skipped.
 *
 * Return: 0, or -EIO for a blob that is not such a token.
 */
int smb1_spnego_dec_hint(const u8 *blob, size_t len, bool *ntlmssp)
{
	struct smb1_cur c, app, oid, ctx, seq, field;
	bool seen_mechs = false;
	u8 tag, last = 0;

	*ntlmssp = false;
	smb1_cur_init(&c, blob, len);
	if (der_expect(&c, DER_APPLICATION_0, &app) ||
	    der_expect(&app, DER_OID, &oid) ||
	    !der_oid_is(&oid, spnego_oid, sizeof(spnego_oid)) ||
	    der_expect(&app, DER_CONTEXT(0), &ctx) ||
	    der_explicit(&ctx, DER_SEQUENCE, &seq))
		return -EIO;
	while (smb1_cur_left(&seq)) {
		if (der_next_field(&seq, 4, &last, &tag, &field))
			return -EIO;
		if (tag == DER_CONTEXT(0)) {
			if (der_mech_list(&field, ntlmssp))
				return -EIO;
			seen_mechs = true;
		}
	}
	return seen_mechs ? 0 : -EIO;
}

/**
 * smb1_spnego_dec_resp() - take a server's NegTokenResp apart
 * @blob: the security blob of a session setup reply
 * @len: its length
 * @r: filled in; r->token points into @blob
 *
 * Return: 0, or -EIO for anything malformed, or a supportedMech other
 * than NTLMSSP.
 */
int smb1_spnego_dec_resp(const u8 *blob, size_t len,
			 struct smb1_spnego_rsp *r)
{
	struct smb1_cur c, ctx, seq, field, v;
	const u8 *p;
	u8 tag, last = 0;

	memset(r, 0, sizeof(*r));
	r->neg_state = SMB1_SPNEGO_STATE_NONE;
	smb1_cur_init(&c, blob, len);
	if (der_expect(&c, DER_CONTEXT(1), &ctx) ||
	    der_explicit(&ctx, DER_SEQUENCE, &seq))
		return -EIO;
	while (smb1_cur_left(&seq)) {
		if (der_next_field(&seq, 3, &last, &tag, &field))
			return -EIO;
		switch (tag) {
		case DER_CONTEXT(0):		/* negState */
			if (der_explicit(&field, DER_ENUMERATED, &v) ||
			    smb1_cur_left(&v) != 1 || v.p[0] > 3)
				return -EIO;
			r->neg_state = v.p[0];
			break;
		case DER_CONTEXT(1):		/* supportedMech */
			if (der_explicit(&field, DER_OID, &v) ||
			    !der_oid_is(&v, ntlmssp_oid, sizeof(ntlmssp_oid)))
				return -EIO;
			break;
		case DER_CONTEXT(2):		/* responseToken */
			if (der_explicit(&field, DER_OCTET_STRING, &v) ||
			    smb1_cur_take(&v, &p, smb1_cur_left(&v)))
				return -EIO;
			r->token = p;
			r->token_len = v.end - p;
			break;
		default:			/* mechListMIC, unused */
			if (der_explicit(&field, DER_OCTET_STRING, &v))
				return -EIO;
			break;
		}
	}
	return 0;
}
