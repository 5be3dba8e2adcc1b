/* SPDX-License-Identifier: GPL-2.0 */
/* Message signing (sign.c) */
#ifndef _SMB1FS_SIGN_H
#define _SMB1FS_SIGN_H

#include "transport.h"

#define SMB1_SIG_SIZE		8
/* session key and the longest NT response we send (NTLMv2 with a blob) */
#define SMB1_SIGN_KEY_MAX	4096

struct crypto_shash;

int smb1_sign_mac(struct crypto_shash *md5, const u8 *key, size_t key_len,
		  const u8 *msg, size_t len, const struct iov_iter *tail,
		  u32 seq, u8 mac[SMB1_SIG_SIZE]);
/* Start signing; the MAC key is key || resp (resp may be NULL). */
int smb1_sign_activate(struct smb1_conn *conn, const u8 *key, size_t key_len,
		       const u8 *resp, size_t resp_len);
void smb1_sign_free(struct smb1_conn *conn);
/* Under conn->send_mutex: number and sign req if the connection signs. */
int smb1_sign_req(struct smb1_conn *conn, struct smb1_req *req);
/* 0 if msg carries the MAC for seq, else -EIO */
int smb1_sign_verify(struct smb1_conn *conn, const u8 *msg, size_t len,
		     u32 seq);

#endif /* _SMB1FS_SIGN_H */
