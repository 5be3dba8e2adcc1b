/* SPDX-License-Identifier: GPL-2.0 */
/* Password hashes and challenge responses (auth.c) */
#ifndef _SMB1FS_AUTH_H
#define _SMB1FS_AUTH_H

#include "common.h"

#define SMB1_NT_HASH_SIZE	16
#define SMB1_CHALLENGE_SIZE	8
#define SMB1_LMV2_RESP_SIZE	24
#define SMB1_LM_HASH_SIZE	16
#define SMB1_LM_PW_MAX		14	/* longest password LM can hash */
#define SMB1_V1_RESP_SIZE	24	/* LM and NTLMv1 responses */

void smb1_md4(const u8 *data, size_t len, u8 out[16]);
int smb1_nt_hash(const char *password, u8 out[SMB1_NT_HASH_SIZE]);
int smb1_hmac_md5(const u8 *key, size_t key_len, const u8 *data,
		  size_t len, u8 out[16]);
int smb1_ntlmv2_hash(const u8 nt_hash[SMB1_NT_HASH_SIZE], const char *user,
		     const char *domain, u8 out[16]);
int smb1_lmv2_response(const u8 v2hash[16], const u8 server_chal[8],
		       const u8 client_chal[8], u8 out[SMB1_LMV2_RESP_SIZE]);
/*
 * NTLMv2 response: NTProofStr (16 bytes) followed by the client blob
 * (header, timestamp, client challenge, target info, terminators).
 * Allocates *out (kfree_sensitive it) and stores its length in *out_len.
 */
int smb1_ntlmv2_response(const u8 v2hash[16], const u8 server_chal[8],
			 const u8 client_chal[8], u64 timestamp,
			 const u8 *target_info, size_t ti_len,
			 u8 **out, size_t *out_len);
int smb1_lm_hash(const u8 *oem_pw, size_t len, u8 out[SMB1_LM_HASH_SIZE]);
void smb1_desl(const u8 hash[16], const u8 server_chal[8],
	       u8 out[SMB1_V1_RESP_SIZE]);
/*
 * NTLMSSP: NEGOTIATE_MESSAGE (32 bytes), CHALLENGE_MESSAGE, and an
 * AUTHENTICATE_MESSAGE of 64 fixed bytes (no version, no MIC).  Flags:
 * Unicode, request target, NTLM, always sign, extended session security,
 * target info, 128 and 56 bit.
 */
#define SMB1_NTLMSSP_NEGOTIATE_SIZE	32
#define SMB1_NTLMSSP_AUTH_HDR		64
#define SMB1_NTLMSSP_FLAGS		0xa0888205U
#define SMB1_AV_EOL			0
#define SMB1_AV_TIMESTAMP		7

struct smb1_ntlmssp_chal {
	u32 flags;
	u8 challenge[SMB1_CHALLENGE_SIZE];
	const u8 *target_info;	/* AV pairs, in the message */
	u16 ti_len;
};

void smb1_ntlmssp_negotiate(u8 out[SMB1_NTLMSSP_NEGOTIATE_SIZE]);
int smb1_ntlmssp_challenge(const u8 *msg, size_t len,
			   struct smb1_ntlmssp_chal *c);
int smb1_ntlmssp_authenticate(const u8 lm[SMB1_LMV2_RESP_SIZE],
			      const u8 *nt, size_t nt_len, const char *user,
			      const char *domain, const char *workstation,
			      u8 **out, size_t *out_len);
bool smb1_ntlmssp_timestamp(const u8 *ti, size_t len, u64 *ts);
/* SessionBaseKey = HMAC_MD5(v2hash, NTProofStr), the key for signing */
int smb1_ntlmv2_session_key(const u8 v2hash[16], const u8 nt_proof[16],
			    u8 out[16]);

#endif /* _SMB1FS_AUTH_H */
