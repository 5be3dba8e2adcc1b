// SPDX-License-Identifier: GPL-2.0
/*
 * Password hashes and challenge responses.
 *
 * MD4 is implemented here from its definition in RFC 1320: it is needed
 * only for the NT hash, and the crypto API's md4 is a module that recent
 * kernels are dropping.  HMAC-MD5 comes from the crypto API.
 *
 * The NTLMv2 computations follow [MS-NLMP] 3.3.2:
 *
 *   NTOWFv2     = HMAC_MD5(MD4(UNICODE(password)),
 *                          UNICODE(UPPERCASE(user)) || UNICODE(domain))
 *   LMv2        = HMAC_MD5(NTOWFv2, server_chal || client_chal)
 *                 || client_chal
 *   temp        = 01 01 Z(6) time client_chal Z(4) target_info Z(4)
 *   NTProofStr  = HMAC_MD5(NTOWFv2, server_chal || temp)
 *   NTLMv2 resp = NTProofStr || temp
 *   session key = HMAC_MD5(NTOWFv2, NTProofStr)
 *
 * The older responses ([MS-NLMP] 3.3.1), for servers that know no better,
 * use DES from the kernel's crypto library:
 *
 *   LMOWFv1     = DES(K1, "KGS!@#$%") || DES(K2, "KGS!@#$%"), K1 and K2
 *                 the halves of the upper-cased OEM password, 14 bytes
 *                 zero-padded
 *   NTOWFv1     = the NT hash
 *   DESL(K, C)  = DES(K[0..6], C) || DES(K[7..13], C) ||
 *                 DES(K[14..15] || Z(5), C)
 *   LM response = DESL(LMOWFv1, server_chal)
 *   NTLM resp.  = DESL(NTOWFv1, server_chal)
 *
 * Every buffer that holds password material is wiped before it is freed
 * or goes out of scope.
 */

#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/err.h>
#include <linux/bitops.h>
#include <crypto/hash.h>
#include <crypto/des.h>

#include "internal.h"

/* ------------------------------------------------------------------ */
/* MD4 (RFC 1320)                                                      */
/* ------------------------------------------------------------------ */

#define MD4_BLOCK	64

/* The three auxiliary functions of the three rounds */
static inline u32 md4_f(u32 x, u32 y, u32 z)
{
	return (x & y) | (~x & z);
}

static inline u32 md4_g(u32 x, u32 y, u32 z)
{
	return (x & y) | (x & z) | (y & z);
}

static inline u32 md4_h(u32 x, u32 y, u32 z)
{
	return x ^ y ^ z;
}

/* Word order of rounds 2 and 3; round 1 takes the words in order. */
static const u8 md4_r2_word[16] = {
	0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15
};

static const u8 md4_r3_word[16] = {
	0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15
};

/* Left rotations: each round cycles through four amounts. */
static const u8 md4_shift[3][4] = {
	{ 3, 7, 11, 19 },
	{ 3, 5, 9, 13 },
	{ 3, 9, 11, 15 },
};

/*
 * One 16-word block.  Every step updates one of the four registers from
 * the other three; instead of naming the registers per step, the
 * registers are renamed after each step (a <- d <- c <- b <- new) so that
 * the step is always written "a = (a + f(b, c, d) + X[k] + K) <<< s".
 * 48 steps is a multiple of four, so the names line up again at the end.
 */
static void md4_transform(u32 state[4], const u8 *block)
{
	u32 x[16];
	u32 a, b, c, d, t;
	unsigned int i;

	for (i = 0; i < 16; i++)
		x[i] = get_unaligned_le32(block + 4 * i);

	a = state[0];
	b = state[1];
	c = state[2];
	d = state[3];

	for (i = 0; i < 48; i++) {
		unsigned int step = i & 15;

		switch (i >> 4) {
		case 0:
			t = a + md4_f(b, c, d) + x[step];
			t = rol32(t, md4_shift[0][step & 3]);
			break;
		case 1:
			t = a + md4_g(b, c, d) + x[md4_r2_word[step]] +
			    0x5a827999;
			t = rol32(t, md4_shift[1][step & 3]);
			break;
		default:
			t = a + md4_h(b, c, d) + x[md4_r3_word[step]] +
			    0x6ed9eba1;
			t = rol32(t, md4_shift[2][step & 3]);
			break;
		}
		a = d;
		d = c;
		c = b;
		b = t;
	}

	state[0] += a;
	state[1] += b;
	state[2] += c;
	state[3] += d;

	memzero_explicit(x, sizeof(x));
}

/**
 * smb1_md4() - MD4 digest of a buffer
 * @data: the message
 * @len: its length in bytes
 * @out: the 16-byte digest
 */
void smb1_md4(const u8 *data, size_t len, u8 out[16])
{
	u32 state[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };
	u8 tail[2 * MD4_BLOCK];
	size_t full = len & ~(size_t)(MD4_BLOCK - 1);
	size_t rest = len - full;
	size_t tail_len;
	size_t off;
	unsigned int i;

	for (off = 0; off < full; off += MD4_BLOCK)
		md4_transform(state, data + off);

	/*
	 * Padding: a single 1 bit, zeros up to 56 bytes modulo 64, then the
	 * message length in bits as 64-bit little endian.  When fewer than
	 * nine bytes are left in the last block, it spills into a second.
	 */
	memset(tail, 0, sizeof(tail));
	if (rest)
		memcpy(tail, data + full, rest);
	tail[rest] = 0x80;
	tail_len = rest < MD4_BLOCK - 8 ? MD4_BLOCK : 2 * MD4_BLOCK;
	put_unaligned_le64((u64)len << 3, tail + tail_len - 8);

	for (off = 0; off < tail_len; off += MD4_BLOCK)
		md4_transform(state, tail + off);

	for (i = 0; i < 4; i++)
		put_unaligned_le32(state[i], out + 4 * i);

	memzero_explicit(tail, sizeof(tail));
	memzero_explicit(state, sizeof(state));
}

/* ------------------------------------------------------------------ */
/* HMAC-MD5 through the crypto API                                     */
/* ------------------------------------------------------------------ */

struct smb1_hmac_part {
	const void *data;
	size_t len;
};

/* HMAC_MD5(key, parts[0] || parts[1] || ...) */
static int smb1_hmac_md5_parts(const u8 *key, size_t key_len,
			       const struct smb1_hmac_part *parts,
			       unsigned int nparts, u8 out[16])
{
	struct crypto_shash *tfm;
	unsigned int i;
	int rc;

	if (key_len > UINT_MAX)
		return -EINVAL;

	tfm = crypto_alloc_shash("hmac(md5)", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);

	rc = crypto_shash_setkey(tfm, key, key_len);
	if (!rc) {
		SHASH_DESC_ON_STACK(desc, tfm);

		desc->tfm = tfm;
		rc = crypto_shash_init(desc);
		for (i = 0; !rc && i < nparts; i++) {
			if (parts[i].len > UINT_MAX)
				rc = -EINVAL;
			else if (parts[i].len)
				rc = crypto_shash_update(desc, parts[i].data,
							 parts[i].len);
		}
		if (!rc)
			rc = crypto_shash_final(desc, out);
		shash_desc_zero(desc);
	}

	crypto_free_shash(tfm);
	return rc;
}

/**
 * smb1_hmac_md5() - HMAC-MD5 (RFC 2104) of a buffer
 * @key: the key
 * @key_len: its length in bytes
 * @data: the message
 * @len: its length in bytes
 * @out: the 16-byte MAC
 *
 * Return: 0, or a negative errno (-ENOENT when the kernel has no MD5).
 */
int smb1_hmac_md5(const u8 *key, size_t key_len, const u8 *data,
		  size_t len, u8 out[16])
{
	struct smb1_hmac_part part = { .data = data, .len = len };

	return smb1_hmac_md5_parts(key, key_len, &part, 1, out);
}

/* ------------------------------------------------------------------ */
/* NT hash and NTLMv2                                                  */
/* ------------------------------------------------------------------ */

/**
 * smb1_nt_hash() - NT hash (NTOWFv1) of a password
 * @password: the password, UTF-8, NUL terminated
 * @out: MD4(UTF-16LE(password))
 *
 * Return: 0, -EINVAL for a NULL or invalid UTF-8 password, -ENOMEM.
 * @out is written only on success.
 */
int smb1_nt_hash(const char *password, u8 out[SMB1_NT_HASH_SIZE])
{
	size_t plen;
	u8 *buf;
	int need, n;

	if (!password)
		return -EINVAL;

	plen = strlen(password);
	need = smb1_utf16_len(password, plen);
	if (need < 0)
		return need;

	/* room for the terminator the converter appends */
	buf = kmalloc((size_t)need + 2, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	n = smb1_utf8_to_utf16(password, plen, buf, (size_t)need + 2);
	if (n >= 0 && n != need)
		n = -EINVAL;
	if (n >= 0)
		smb1_md4(buf, n, out);

	kfree_sensitive(buf);
	return n < 0 ? n : 0;
}

/*
 * Upper case of one UTF-16 code unit, for the user name of NTOWFv2.
 *
 * Servers upper-case the name with their own tables; this covers the
 * letters of ASCII, Latin-1, Latin Extended-A, modern Greek (with tonos)
 * and basic Cyrillic, whose upper case is a single code unit.  Everything
 * else is left as it is: other scripts and blocks, letters whose upper
 * case is longer or differs between tables (U+00B5, U+00DF, U+0131,
 * U+0149, U+017F), and surrogates.  A user name with such letters in
 * lower case may fail NTLMv2 where the server folds them; typing it in
 * upper case works around that.
 */
static u16 smb1_upcase_unit(u16 c)
{
	if (c >= 'a' && c <= 'z')
		return c - 0x20;
	if (c < 0xe0)
		return c;
	/* Latin-1 */
	if (c <= 0xfe)
		return c == 0xf7 ? c : c - 0x20;
	if (c == 0xff)
		return 0x178;
	/* Latin Extended-A: pairs of upper (first) and lower (second) */
	if (c >= 0x100 && c <= 0x137 && c != 0x130 && c != 0x131)
		return c & ~1;
	if (c >= 0x139 && c <= 0x148)
		return (c & 1) ? c : c - 1;
	if (c >= 0x14a && c <= 0x177)
		return c & ~1;
	if (c >= 0x179 && c <= 0x17e)
		return (c & 1) ? c : c - 1;
	/* Greek: tonos forms, small alpha to small upsilon with dialytika */
	if (c == 0x3ac)
		return 0x386;
	if (c >= 0x3ad && c <= 0x3af)
		return c - 0x25;
	if (c == 0x3c2)			/* final sigma */
		return 0x3a3;
	if (c >= 0x3b1 && c <= 0x3cb)
		return c - 0x20;
	if (c == 0x3cc)
		return 0x38c;
	if (c == 0x3cd || c == 0x3ce)
		return c - 0x3f;
	/* Cyrillic: small a to small ya, then io to dzhe */
	if (c >= 0x430 && c <= 0x44f)
		return c - 0x20;
	if (c >= 0x450 && c <= 0x45f)
		return c - 0x50;
	return c;
}

/* Convert a NUL-terminated UTF-8 string into exactly len UTF-16 bytes. */
static int smb1_put_utf16(const char *s, size_t slen, u8 *dst, int len)
{
	/* dst has two bytes beyond len for the terminator */
	int n = smb1_utf8_to_utf16(s, slen, dst, (size_t)len + 2);

	if (n < 0)
		return n;
	return n == len ? 0 : -EINVAL;
}

/**
 * smb1_ntlmv2_hash() - NTOWFv2: the NTLMv2 response key
 * @nt_hash: the NT hash of the password
 * @user: the user name, UTF-8 (upper-cased here)
 * @domain: the domain, UTF-8, as given (NULL for none)
 * @out: the 16-byte key
 *
 * Return: 0, -EINVAL for a NULL user or invalid UTF-8, -ENOMEM, or an
 * error from the crypto API.
 */
int smb1_ntlmv2_hash(const u8 nt_hash[SMB1_NT_HASH_SIZE], const char *user,
		     const char *domain, u8 out[16])
{
	size_t ulen8, dlen8;
	int ulen, dlen, rc;
	u8 *buf;
	int i;

	if (!user)
		return -EINVAL;
	if (!domain)
		domain = "";

	ulen8 = strlen(user);
	dlen8 = strlen(domain);
	ulen = smb1_utf16_len(user, ulen8);
	if (ulen < 0)
		return ulen;
	dlen = smb1_utf16_len(domain, dlen8);
	if (dlen < 0)
		return dlen;

	buf = kmalloc((size_t)ulen + dlen + 2, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	rc = smb1_put_utf16(user, ulen8, buf, ulen);
	if (rc)
		goto out;
	for (i = 0; i + 1 < ulen; i += 2)
		put_unaligned_le16(smb1_upcase_unit(get_unaligned_le16(buf + i)),
				   buf + i);

	/* overwrites the terminator written after the user name */
	rc = smb1_put_utf16(domain, dlen8, buf + ulen, dlen);
	if (rc)
		goto out;

	rc = smb1_hmac_md5(nt_hash, SMB1_NT_HASH_SIZE, buf,
			   (size_t)ulen + dlen, out);
out:
	kfree_sensitive(buf);
	return rc;
}

/**
 * smb1_lmv2_response() - the LMv2 response
 * @v2hash: NTOWFv2
 * @server_chal: the server's challenge
 * @client_chal: our challenge
 * @out: HMAC_MD5(v2hash, server_chal || client_chal) || client_chal
 *
 * Return: 0 or a negative errno.
 */
int smb1_lmv2_response(const u8 v2hash[16], const u8 server_chal[8],
		       const u8 client_chal[8], u8 out[SMB1_LMV2_RESP_SIZE])
{
	struct smb1_hmac_part parts[2] = {
		{ .data = server_chal, .len = SMB1_CHALLENGE_SIZE },
		{ .data = client_chal, .len = SMB1_CHALLENGE_SIZE },
	};
	int rc;

	rc = smb1_hmac_md5_parts(v2hash, 16, parts, 2, out);
	if (rc)
		return rc;
	memcpy(out + 16, client_chal, SMB1_CHALLENGE_SIZE);
	return 0;
}

/* NTProofStr, then the blob: 28 bytes of header, target info, 4 zeros */
#define SMB1_NTLMV2_PROOF_SIZE	16
#define SMB1_NTLMV2_BLOB_HDR	28
#define SMB1_NTLMV2_BLOB_TRAIL	4
#define SMB1_NTLMV2_FIXED	(SMB1_NTLMV2_PROOF_SIZE + \
				 SMB1_NTLMV2_BLOB_HDR + SMB1_NTLMV2_BLOB_TRAIL)

/**
 * smb1_ntlmv2_response() - the NTLMv2 response
 * @v2hash: NTOWFv2
 * @server_chal: the server's challenge
 * @client_chal: our challenge
 * @timestamp: the current time, NT time
 * @target_info: the AV pairs, including their MsvAvEOL (may be NULL
 *               when @ti_len is 0)
 * @ti_len: their length in bytes
 * @out: set to a kmalloc'ed NTProofStr || temp; kfree_sensitive() it
 * @out_len: set to its length
 *
 * Return: 0, -EINVAL when the response would not fit a 16-bit length,
 * -ENOMEM, or an error from the crypto API.  On error *@out is NULL.
 */
int smb1_ntlmv2_response(const u8 v2hash[16], const u8 server_chal[8],
			 const u8 client_chal[8], u64 timestamp,
			 const u8 *target_info, size_t ti_len,
			 u8 **out, size_t *out_len)
{
	struct smb1_hmac_part parts[2];
	size_t total;
	u8 *buf, *blob;
	int rc;

	*out = NULL;
	*out_len = 0;

	/* the response travels in a 16-bit length field */
	if (ti_len > U16_MAX - SMB1_NTLMV2_FIXED || (ti_len && !target_info))
		return -EINVAL;

	total = SMB1_NTLMV2_FIXED + ti_len;
	buf = kmalloc(total, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;

	blob = buf + SMB1_NTLMV2_PROOF_SIZE;
	blob[0] = 1;		/* RespType */
	blob[1] = 1;		/* HiRespType */
	memset(blob + 2, 0, 6);
	put_unaligned_le64(timestamp, blob + 8);
	memcpy(blob + 16, client_chal, SMB1_CHALLENGE_SIZE);
	memset(blob + 24, 0, 4);
	if (ti_len)
		memcpy(blob + SMB1_NTLMV2_BLOB_HDR, target_info, ti_len);
	memset(blob + SMB1_NTLMV2_BLOB_HDR + ti_len, 0,
	       SMB1_NTLMV2_BLOB_TRAIL);

	parts[0].data = server_chal;
	parts[0].len = SMB1_CHALLENGE_SIZE;
	parts[1].data = blob;
	parts[1].len = total - SMB1_NTLMV2_PROOF_SIZE;
	rc = smb1_hmac_md5_parts(v2hash, 16, parts, 2, buf);
	if (rc) {
		kfree_sensitive(buf);
		return rc;
	}

	*out = buf;
	*out_len = total;
	return 0;
}

/**
 * smb1_ntlmv2_session_key() - SessionBaseKey of NTLMv2
 * @v2hash: NTOWFv2
 * @nt_proof: NTProofStr, the first 16 bytes of the NTLMv2 response
 * @out: HMAC_MD5(v2hash, nt_proof)
 *
 * Return: 0 or a negative errno.
 */
int smb1_ntlmv2_session_key(const u8 v2hash[16], const u8 nt_proof[16],
			    u8 out[16])
{
	return smb1_hmac_md5(v2hash, 16, nt_proof, 16, out);
}

/* ------------------------------------------------------------------ */
/* LM and NTLMv1 ([MS-NLMP] 3.3.1)                                     */
/* ------------------------------------------------------------------ */

/*
 * DES with a 56-bit key given as 7 bytes: each 7 bits of it become the
 * high bits of one key byte (DES ignores the low, parity bit).
 */
static void smb1_des7(const u8 key7[7], const u8 in[8], u8 out[8])
{
	struct des_ctx ctx;
	u8 key[8];
	int i;

	key[0] = key7[0];
	for (i = 1; i < 7; i++)
		key[i] = (key7[i - 1] << (8 - i)) | (key7[i] >> i);
	key[7] = key7[6] << 1;
	/* a weak key is still expanded; LM hashes must accept it */
	des_expand_key(&ctx, key, sizeof(key));
	des_encrypt(&ctx, out, in);
	memzero_explicit(&ctx, sizeof(ctx));
	memzero_explicit(key, sizeof(key));
}

/**
 * smb1_lm_hash() - LMOWFv1
 * @oem_pw: the password in the server's OEM code page, already upper-cased
 * @len: its length in bytes
 * @out: the 16-byte LM hash
 *
 * Return: 0, or -EINVAL for a password over 14 bytes, which has no LM hash.
 */
int smb1_lm_hash(const u8 *oem_pw, size_t len, u8 out[SMB1_LM_HASH_SIZE])
{
	static const u8 magic[8] = { 'K', 'G', 'S', '!', '@', '#', '$', '%' };
	u8 pw[SMB1_LM_PW_MAX];

	if (len > SMB1_LM_PW_MAX || (len && !oem_pw))
		return -EINVAL;
	memset(pw, 0, sizeof(pw));
	if (len)
		memcpy(pw, oem_pw, len);
	smb1_des7(pw, magic, out);
	smb1_des7(pw + 7, magic, out + 8);
	memzero_explicit(pw, sizeof(pw));
	return 0;
}

/**
 * smb1_desl() - the LM and NTLMv1 response to a challenge
 * @hash: LMOWFv1 or NTOWFv1
 * @server_chal: the server's challenge
 * @out: the 24-byte response
 */
void smb1_desl(const u8 hash[16], const u8 server_chal[8],
	       u8 out[SMB1_V1_RESP_SIZE])
{
	u8 key[21];

	memcpy(key, hash, 16);
	memset(key + 16, 0, 5);
	smb1_des7(key, server_chal, out);
	smb1_des7(key + 7, server_chal, out + 8);
	smb1_des7(key + 14, server_chal, out + 16);
	memzero_explicit(key, sizeof(key));
}

/* ------------------------------------------------------------------ */
/* NTLMSSP messages ([MS-NLMP] 2.2.1), for extended security logins    */
/* ------------------------------------------------------------------ */

static const u8 smb1_ntlmssp_sig[8] = { 'N', 'T', 'L', 'M', 'S', 'S', 'P', 0 };

/**
 * smb1_ntlmssp_negotiate() - the NEGOTIATE_MESSAGE
 * @out: SMB1_NTLMSSP_NEGOTIATE_SIZE bytes
 *
 * No domain or workstation is given; only the flags.
 */
void smb1_ntlmssp_negotiate(u8 out[SMB1_NTLMSSP_NEGOTIATE_SIZE])
{
	memset(out, 0, SMB1_NTLMSSP_NEGOTIATE_SIZE);
	memcpy(out, smb1_ntlmssp_sig, sizeof(smb1_ntlmssp_sig));
	put_unaligned_le32(1, out + 8);
	put_unaligned_le32(SMB1_NTLMSSP_FLAGS, out + 12);
}

/**
 * smb1_ntlmssp_challenge() - take a CHALLENGE_MESSAGE apart
 * @msg: the message, from the server
 * @len: its length
 * @c: filled with the challenge, the flags and the target information
 *     (a pointer into @msg)
 *
 * Return: 0, or -EIO for anything malformed: a wrong signature or type,
 * a field that does not lie inside the message.
 */
int smb1_ntlmssp_challenge(const u8 *msg, size_t len,
			   struct smb1_ntlmssp_chal *c)
{
	struct smb1_cur cur, ti;
	u16 ti_len;
	u32 type, ti_off;

	memset(c, 0, sizeof(*c));
	smb1_cur_init(&cur, msg, len);
	if (len < 48 || memcmp(msg, smb1_ntlmssp_sig, 8))
		return -EIO;
	if (smb1_cur_skip(&cur, 8) || smb1_cur_le32(&cur, &type) ||
	    type != 2 ||
	    smb1_cur_skip(&cur, 8) ||		/* TargetNameFields */
	    smb1_cur_le32(&cur, &c->flags) ||
	    smb1_cur_copy(&cur, c->challenge, SMB1_CHALLENGE_SIZE) ||
	    smb1_cur_skip(&cur, 8) ||		/* Reserved */
	    smb1_cur_le16(&cur, &ti_len) ||
	    smb1_cur_skip(&cur, 2) ||		/* MaxLen */
	    smb1_cur_le32(&cur, &ti_off))
		return -EIO;
	if (!ti_len)
		return 0;
	if (smb1_cur_at(&ti, msg, len, ti_off, ti_len))
		return -EIO;
	c->target_info = ti.p;
	c->ti_len = ti_len;
	return 0;
}

/*
 * Fill an 8-byte field (Len, MaxLen, BufferOffset) for n bytes of payload
 * at *pos, and move *pos past them.
 */
static void smb1_ntlmssp_field(u8 *field, u16 n, size_t *pos)
{
	put_unaligned_le16(n, field);
	put_unaligned_le16(n, field + 2);
	put_unaligned_le32(*pos, field + 4);
	*pos += n;
}

/* Append a UTF-16LE string to the payload and fill its 8-byte field. */
static int smb1_ntlmssp_put_str(u8 *msg, size_t *pos, size_t cap,
				u8 *field, const char *s)
{
	int n = smb1_utf16_len(s, strlen(s));

	if (n < 0)
		return n;
	if (n > U16_MAX || *pos + n > cap)
		return -EINVAL;
	if (n)
		smb1_utf8_to_utf16(s, strlen(s), msg + *pos, n);
	smb1_ntlmssp_field(field, n, pos);
	return 0;
}

static void smb1_ntlmssp_put_bytes(u8 *msg, size_t *pos, u8 *field,
				   const u8 *p, u16 n)
{
	if (n)
		memcpy(msg + *pos, p, n);
	smb1_ntlmssp_field(field, n, pos);
}

/**
 * smb1_ntlmssp_authenticate() - the AUTHENTICATE_MESSAGE
 * @lm: the LM response (LMv2), 24 bytes
 * @nt: the NT response (NTLMv2)
 * @nt_len: its length
 * @user: user name, UTF-8
 * @domain: domain, UTF-8
 * @workstation: our name, UTF-8
 * @out: set to a kmalloc'ed message; kfree_sensitive() it
 * @out_len: its length
 *
 * The message has no MIC and no session key: we sign nothing.
 *
 * Return: 0, -EINVAL for a name that is not valid UTF-8, or -ENOMEM.
 */
int smb1_ntlmssp_authenticate(const u8 lm[SMB1_LMV2_RESP_SIZE],
			      const u8 *nt, size_t nt_len, const char *user,
			      const char *domain, const char *workstation,
			      u8 **out, size_t *out_len)
{
	size_t cap, pos = SMB1_NTLMSSP_AUTH_HDR;
	u8 *m;
	int ret;

	*out = NULL;
	*out_len = 0;
	if (nt_len > U16_MAX)
		return -EINVAL;
	cap = SMB1_NTLMSSP_AUTH_HDR + SMB1_LMV2_RESP_SIZE + nt_len +
	      4 * (strlen(user) + strlen(domain) + strlen(workstation));
	m = kzalloc(cap, GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	memcpy(m, smb1_ntlmssp_sig, sizeof(smb1_ntlmssp_sig));
	put_unaligned_le32(3, m + 8);
	smb1_ntlmssp_put_bytes(m, &pos, m + 12, lm, SMB1_LMV2_RESP_SIZE);
	smb1_ntlmssp_put_bytes(m, &pos, m + 20, nt, nt_len);
	ret = smb1_ntlmssp_put_str(m, &pos, cap, m + 28, domain);
	if (!ret)
		ret = smb1_ntlmssp_put_str(m, &pos, cap, m + 36, user);
	if (!ret)
		ret = smb1_ntlmssp_put_str(m, &pos, cap, m + 44, workstation);
	if (ret) {
		kfree_sensitive(m);
		return ret;
	}
	/* EncryptedRandomSessionKeyFields: empty, at the end */
	put_unaligned_le32(pos, m + 56);
	put_unaligned_le32(SMB1_NTLMSSP_FLAGS, m + 60);
	*out = m;
	*out_len = pos;
	return 0;
}

/**
 * smb1_ntlmssp_timestamp() - MsvAvTimestamp from the target information
 * @ti: the AV pairs of a CHALLENGE_MESSAGE
 * @len: their length
 * @ts: set to the timestamp when there is one
 *
 * Return: true when @ts was set.  Malformed pairs end the walk.
 */
bool smb1_ntlmssp_timestamp(const u8 *ti, size_t len, u64 *ts)
{
	struct smb1_cur c;
	u16 id, n;

	smb1_cur_init(&c, ti, len);
	while (!smb1_cur_le16(&c, &id) && !smb1_cur_le16(&c, &n)) {
		if (id == SMB1_AV_EOL)
			break;
		if (id == SMB1_AV_TIMESTAMP && n == 8)
			return !smb1_cur_le64(&c, ts);
		if (smb1_cur_skip(&c, n))
			break;
	}
	return false;
}
