/* SPDX-License-Identifier: GPL-2.0 */
/* SPNEGO tokens around NTLMSSP (spnego.c) */
#ifndef _SMB1FS_SPNEGO_H
#define _SMB1FS_SPNEGO_H

#include "common.h"

/* negState of a NegTokenResp; NONE when the field is absent */
enum smb1_spnego_state {
	SMB1_SPNEGO_ACCEPT_COMPLETED = 0,
	SMB1_SPNEGO_ACCEPT_INCOMPLETE = 1,
	SMB1_SPNEGO_REJECT = 2,
	SMB1_SPNEGO_REQUEST_MIC = 3,
	SMB1_SPNEGO_STATE_NONE = -1,
};

struct smb1_spnego_rsp {
	int neg_state;		/* enum smb1_spnego_state */
	const u8 *token;	/* responseToken, in the blob; NULL if none */
	size_t token_len;
};

int smb1_spnego_init(const u8 *tok, size_t len, u8 **out, size_t *out_len);
int smb1_spnego_resp(const u8 *tok, size_t len, u8 **out, size_t *out_len);
int smb1_spnego_dec_hint(const u8 *blob, size_t len, bool *ntlmssp);
int smb1_spnego_dec_resp(const u8 *blob, size_t len,
			 struct smb1_spnego_rsp *r);

#endif /* _SMB1FS_SPNEGO_H */
