// SPDX-License-Identifier: GPL-2.0
/*
 * SMB1 message signing ([MS-CIFS] 3.1.4.1 and 3.1.5.1, [MS-SMB] 3.1.4.1).
 *
 * The MAC of a message is the first 8 bytes of MD5(key || message), the
 * message taken with its SecuritySignature field holding the sequence
 * number (little-endian, in the first 4 of its 8 bytes, the rest zero).
 * The MAC then replaces the field.
 *
 * Signing starts after the first session setup that logs a user in (not
 * a guest, not anonymous).  The key is what that login produced:
 *
 *   NTLMv1 (and LM with an NT response)   MD4(NT hash) || the 24-byte
 *                                         NT response
 *   NTLMv2 (raw)                          SessionBaseKey || the whole
 *                                         NTLMv2 response
 *   NTLMSSP (extended security)           the exported session key; we
 *                                         ask for no key exchange, so it
 *                                         is the SessionBaseKey
 *
 * The session setup request counts as number 0 and its reply as 1, so the
 * first signed request is number 2.  Every request takes the next even
 * number in the order requests go on the wire (under the send lock), and
 * its reply is checked against that number + 1.  smb1fs sends no
 * NT_CANCEL, the one request without a reply, so the counter always
 * advances by 2.
 *
 * One MD5 transform is allocated per connection and shared: a shash
 * transform without a key keeps no state, each computation has its own
 * descriptor on the stack.
 */

#include <linux/slab.h>
#include <linux/string.h>
#include <crypto/hash.h>
#include <crypto/algapi.h>

#include "internal.h"

#define SMB1_SIG_OFFSET	offsetof(struct smb1_hdr, security_features)

/*
 * Hash what a copy of from covers, whatever its kind (kvec, bvec of page
 * cache folios), through a small bounce buffer: MD5 costs far more than
 * the copy.
 */
static int smb1_sign_hash_iter(struct shash_desc *desc,
			       const struct iov_iter *from)
{
	struct iov_iter it = *from;
	u8 buf[256];
	size_t n;
	int ret = 0;

	while (!ret && iov_iter_count(&it)) {
		n = copy_from_iter(buf, min(sizeof(buf), iov_iter_count(&it)),
				   &it);
		if (!n)
			return -EFAULT;
		ret = crypto_shash_update(desc, buf, n);
	}
	memzero_explicit(buf, sizeof(buf));
	return ret;
}

/**
 * smb1_sign_mac() - the MAC of an SMB1 message
 * @md5: an "md5" shash transform
 * @key: the MAC key
 * @key_len: its length
 * @msg: the message, from its SMB header on (no NetBIOS header)
 * @len: its length, at least SMB1_HDR_SIZE
 * @tail: what follows it on the wire (a payload), or NULL; not advanced
 * @seq: the sequence number to sign it with
 * @mac: the MAC
 *
 * The message itself is not changed: the SecuritySignature field is
 * replaced by the sequence number on the way into the digest.
 *
 * Return: 0 or a negative errno.
 */
int smb1_sign_mac(struct crypto_shash *md5, const u8 *key, size_t key_len,
		  const u8 *msg, size_t len, const struct iov_iter *tail,
		  u32 seq, u8 mac[SMB1_SIG_SIZE])
{
	SHASH_DESC_ON_STACK(desc, md5);
	u8 digest[16];
	__le32 field[2] = { cpu_to_le32(seq), 0 };
	int ret;

	if (len < SMB1_HDR_SIZE)
		return -EINVAL;
	desc->tfm = md5;
	ret = crypto_shash_init(desc);
	if (!ret)
		ret = crypto_shash_update(desc, key, key_len);
	if (!ret)
		ret = crypto_shash_update(desc, msg, SMB1_SIG_OFFSET);
	if (!ret)
		ret = crypto_shash_update(desc, (const u8 *)field,
					  sizeof(field));
	if (!ret)
		ret = crypto_shash_update(desc, msg + SMB1_SIG_OFFSET +
					  SMB1_SIG_SIZE,
					  len - SMB1_SIG_OFFSET -
					  SMB1_SIG_SIZE);
	if (!ret && tail)
		ret = smb1_sign_hash_iter(desc, tail);
	if (!ret)
		ret = crypto_shash_final(desc, digest);
	shash_desc_zero(desc);
	if (!ret)
		memcpy(mac, digest, SMB1_SIG_SIZE);
	memzero_explicit(digest, sizeof(digest));
	return ret;
}

/**
 * smb1_sign_activate() - start signing on a connection
 * @conn: the connection, with no request in flight
 * @key: the first part of the MAC key (the session key)
 * @key_len: its length
 * @resp: the second part (the NT response), or NULL
 * @resp_len: its length
 *
 * Return: 0 or a negative errno (no memory, no MD5 in the kernel).
 */
int smb1_sign_activate(struct smb1_conn *conn, const u8 *key, size_t key_len,
		       const u8 *resp, size_t resp_len)
{
	u8 *k;

	if (!key_len || key_len + resp_len > SMB1_SIGN_KEY_MAX)
		return -EINVAL;
	if (!conn->sign_md5) {
		struct crypto_shash *md5 = crypto_alloc_shash("md5", 0, 0);

		if (IS_ERR(md5))
			return PTR_ERR(md5);
		conn->sign_md5 = md5;
	}
	k = kmalloc(key_len + resp_len, GFP_KERNEL);
	if (!k)
		return -ENOMEM;
	memcpy(k, key, key_len);
	if (resp_len)
		memcpy(k + key_len, resp, resp_len);
	kfree_sensitive(conn->sign_key);
	conn->sign_key = k;
	conn->sign_key_len = key_len + resp_len;
	conn->sign_seq = 2;
	conn->flags2 |= SMBFLG2_SECURITY_SIGNATURE;
	/* from now on every session of the mount signs */
	conn->has_signed = true;
	WRITE_ONCE(conn->signing, true);
	return 0;
}

void smb1_sign_free(struct smb1_conn *conn)
{
	conn->signing = false;
	kfree_sensitive(conn->sign_key);
	conn->sign_key = NULL;
	conn->sign_key_len = 0;
	if (conn->sign_md5)
		crypto_free_shash(conn->sign_md5);
	conn->sign_md5 = NULL;
}

/**
 * smb1_sign_req() - sign a request that is about to go on the wire
 * @conn: its connection; the caller holds conn->send_mutex
 * @req: the request
 *
 * Gives req the next sequence number and writes the MAC into its header.
 * On a connection that does not sign, req is marked unsigned (it may
 * have been signed on an earlier one).  The number is used up only when
 * the MAC could be computed.
 *
 * Return: 0 or a negative errno.
 */
int smb1_sign_req(struct smb1_conn *conn, struct smb1_req *req)
{
	u8 *msg = req->w.buf;
	u8 mac[SMB1_SIG_SIZE];
	u16 flags2;
	int ret;

	lockdep_assert_held(&conn->send_mutex);
	if (!conn->signing) {
		req->sign = false;
		return 0;
	}
	flags2 = get_unaligned_le16(msg + offsetof(struct smb1_hdr, flags2));
	put_unaligned_le16(flags2 | SMBFLG2_SECURITY_SIGNATURE,
			   msg + offsetof(struct smb1_hdr, flags2));
	ret = smb1_sign_mac(conn->sign_md5, conn->sign_key, conn->sign_key_len,
			    msg, req->w.len,
			    req->has_payload ? &req->payload : NULL,
			    conn->sign_seq, mac);
	if (ret)
		return ret;
	memcpy(msg + SMB1_SIG_OFFSET, mac, SMB1_SIG_SIZE);
	req->sign_seq = conn->sign_seq;
	req->sign = true;
	conn->sign_seq += 2;
	return 0;
}

/**
 * smb1_sign_verify() - check the MAC of a reply
 * @conn: its connection
 * @msg: the whole reply, from its SMB header on
 * @len: its length
 * @seq: the sequence number it must be signed with (the request's + 1)
 *
 * Return: 0 if the MAC is right, else -EIO.
 */
int smb1_sign_verify(struct smb1_conn *conn, const u8 *msg, size_t len,
		     u32 seq)
{
	u8 mac[SMB1_SIG_SIZE];
	int ret;

	if (!conn->sign_key)
		return -EIO;
	ret = smb1_sign_mac(conn->sign_md5, conn->sign_key, conn->sign_key_len,
			    msg, len, NULL, seq, mac);
	if (!ret && crypto_memneq(mac, msg + SMB1_SIG_OFFSET, SMB1_SIG_SIZE))
		ret = -EIO;
	return ret ? -EIO : 0;
}
