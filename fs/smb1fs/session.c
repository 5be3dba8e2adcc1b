// SPDX-License-Identifier: GPL-2.0
/*
 * smb1fs session: NEGOTIATE, SESSION_SETUP_ANDX, TREE_CONNECT_ANDX and
 * their undoing at umount.  Every failure that ends a mount says why in
 * the fs_context log (so mount(8) prints it) and in the kernel log.
 */

#include <linux/slab.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/ktime.h>
#include <linux/utsname.h>

#include "internal.h"

/*
 * The dialects we offer, in order of preference.  The reply's index
 * points into this table.
 */
static const char *const smb1_dialects[] = {
	"NT LM 0.12",
};

/* MaxMpxCount values beyond this buy nothing but memory */
#define SMB1_MAX_MPX		64
/* The smallest server buffer that fits our requests */
#define SMB1_MIN_SERVER_BUF	1024
/* Replies to the session requests are short */
#define SMB1_SESS_REQ_LEN	1024

int smb1_negotiate(struct smb1_conn *conn, struct fs_context *fc)
{
	struct smb1_negotiate_rsp r;
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	req = smb1_req_alloc(conn, SMB_COM_NEGOTIATE, 256);
	if (!req)
		return -ENOMEM;
	ret = smb1_enc_negotiate(&req->w, smb1_dialects,
				 ARRAY_SIZE(smb1_dialects));
	if (!ret)
		ret = smb1_call(req, &f);
	if (ret) {
		smb1_fc_err(fc, "negotiate failed: %d", ret);
		goto out;
	}
	ret = smb1_dec_negotiate(&f, ARRAY_SIZE(smb1_dialects), &r);
	if (ret == -EPROTONOSUPPORT) {
		smb1_fc_err(fc, "server accepts none of the offered dialects");
		goto out;
	}
	if (ret) {
		smb1_fc_err(fc, "malformed negotiate reply");
		goto out;
	}

	ret = -EOPNOTSUPP;
	if (!(r.security_mode & NEGOTIATE_ENCRYPT_PASSWORDS)) {
		smb1_fc_err(fc, "server wants plaintext passwords; refused");
		goto out;
	}
	if (r.caps & CAP_EXTENDED_SECURITY) {
		smb1_fc_err(fc, "server insists on extended security; not supported");
		goto out;
	}
	if (r.security_mode & NEGOTIATE_SIGNATURES_REQUIRED) {
		smb1_fc_err(fc, "server requires message signing; not supported");
		goto out;
	}
	ret = -EIO;
	if (r.challenge_len != SMB1_CHALLENGE_SIZE) {
		smb1_fc_err(fc, "server sent a %u-byte challenge, expected 8",
			       r.challenge_len);
		goto out;
	}
	if (r.max_buffer < SMB1_MIN_SERVER_BUF) {
		smb1_fc_err(fc, "server buffer size %u is too small",
			       r.max_buffer);
		goto out;
	}

	conn->dialect = r.dialect;
	conn->security_mode = r.security_mode;
	conn->caps = r.caps;
	conn->max_buffer = min_t(u32, r.max_buffer, SMB1_MAX_RSIZE);
	conn->max_mpx = clamp_t(u16, r.max_mpx, 1, SMB1_MAX_MPX);
	conn->tz = r.tz;
	conn->session_key = r.session_key;
	memcpy(conn->challenge, r.challenge, SMB1_CHALLENGE_SIZE);
	conn->unicode = r.caps & CAP_UNICODE;
	/*
	 * NT LM 0.12 defines the 12-word READ_ANDX with OffsetHigh
	 * whether or not the server claims CAP_LARGE_FILES (impacket's
	 * does not, yet serves files over 4 GiB).
	 */
	conn->offset64 = true;
	conn->flags2 = SMBFLG2_KNOWS_LONG_NAMES | SMBFLG2_IS_LONG_NAME;
	if (conn->unicode)
		conn->flags2 |= SMBFLG2_UNICODE;
	if (r.caps & CAP_STATUS32)
		conn->flags2 |= SMBFLG2_NT_STATUS;
	if (r.caps & CAP_LARGE_READX)
		conn->max_frame = SMB1_MAX_RSIZE + SMB1_CLIENT_MAX_BUF;

	kfree(conn->server_domain);
	conn->server_domain = NULL;
	if (r.domain_len) {
		size_t cap = r.domain_unicode ? r.domain_len * 3 / 2 + 1 :
						r.domain_len + 1;
		char *d = kmalloc(cap, GFP_KERNEL);

		if (d && r.domain_unicode &&
		    smb1_utf16_to_utf8(r.domain, r.domain_len, d, cap) < 0) {
			kfree(d);
			d = NULL;
		} else if (d && !r.domain_unicode) {
			memcpy(d, r.domain, r.domain_len);
			d[r.domain_len] = 0;
		}
		conn->server_domain = d;
	}
	smb1_conn_set_mpx(conn, conn->max_mpx);
	smb1_dbg("negotiated %s, caps 0x%x, buffer %u, mpx %u",
		 smb1_dialects[r.dialect], r.caps, r.max_buffer, r.max_mpx);
	ret = 0;
out:
	smb1_req_put(req);
	return ret;
}

/*
 * The NTLMv2 target information we put in our blob: the domain name we
 * authenticate against, then the end of the list.
 */
static u8 *smb1_build_target_info(const char *domain, size_t *len)
{
	int dlen = smb1_utf16_len(domain, strlen(domain));
	u8 *ti;

	if (dlen < 0)
		return ERR_PTR(-EINVAL);
	*len = 4 + dlen;
	ti = kzalloc(*len, GFP_KERNEL);
	if (!ti)
		return ERR_PTR(-ENOMEM);
	put_unaligned_le16(2, ti);		/* MsvAvNbDomainName */
	put_unaligned_le16(dlen, ti + 2);
	smb1_utf8_to_utf16(domain, strlen(domain), ti + 4, dlen);
	return ti;
}

static int smb1_ntlmv2_responses(struct smb1_conn *conn, const char *user,
				 const char *domain, const char *password,
				 u8 *lm_resp, u8 **nt_resp, size_t *nt_len)
{
	u8 nt_hash[SMB1_NT_HASH_SIZE];
	u8 v2hash[16];
	u8 cc_lm[8], cc_nt[8];
	struct timespec64 now;
	size_t ti_len = 0;
	u8 *ti;
	int ret;

	ti = smb1_build_target_info(domain, &ti_len);
	if (IS_ERR(ti))
		return PTR_ERR(ti);
	ret = smb1_nt_hash(password, nt_hash);
	if (!ret)
		ret = smb1_ntlmv2_hash(nt_hash, user, domain, v2hash);
	if (ret)
		goto out;
	get_random_bytes(cc_lm, sizeof(cc_lm));
	get_random_bytes(cc_nt, sizeof(cc_nt));
	ktime_get_real_ts64(&now);
	ret = smb1_lmv2_response(v2hash, conn->challenge, cc_lm, lm_resp);
	if (!ret)
		ret = smb1_ntlmv2_response(v2hash, conn->challenge, cc_nt,
					   smb1_ts_to_nt_time(now),
					   ti, ti_len, nt_resp, nt_len);
out:
	memzero_explicit(nt_hash, sizeof(nt_hash));
	memzero_explicit(v2hash, sizeof(v2hash));
	kfree(ti);
	return ret;
}

int smb1_session_setup(struct smb1_conn *conn,
		       const struct smb1_mount_opts *o, struct fs_context *fc)
{
	struct smb1_sess_setup_req s = {
		.max_buffer = SMB1_CLIENT_MAX_BUF,
		.max_mpx = conn->max_mpx,
		.vc = 0,
		.session_key = conn->session_key,
		.native_os = "Linux",
		.native_lm = "smb1fs",
	};
	struct smb1_sess_setup_rsp r;
	u8 lm_resp[SMB1_LMV2_RESP_SIZE];
	const char *user = "", *domain = "";
	u8 *nt_resp = NULL;
	size_t nt_len = 0;
	struct smb1_frame f;
	struct smb1_req *req = NULL;
	bool anonymous;
	int ret;

	s.caps = CAP_NT_SMBS | CAP_LARGE_FILES | CAP_STATUS32 |
		 CAP_LARGE_READX | CAP_LEVEL_II_OPLOCKS;
	if (conn->unicode)
		s.caps |= CAP_UNICODE;

	anonymous = o->guest || !o->username || !*o->username;
	if (!anonymous) {
		user = o->username;
		if (o->domain)
			domain = o->domain;
		else if (conn->server_domain)
			domain = conn->server_domain;
		ret = smb1_ntlmv2_responses(conn, user, domain,
					    o->password ? o->password : "",
					    lm_resp, &nt_resp, &nt_len);
		if (ret) {
			smb1_fc_err(fc, "cannot compute the NTLMv2 response: %d",
				       ret);
			return ret;
		}
		s.lm_resp = lm_resp;
		s.lm_resp_len = sizeof(lm_resp);
		s.nt_resp = nt_resp;
		s.nt_resp_len = nt_len;
	}
	s.user = user;
	s.domain = domain;

	ret = -ENOMEM;
	req = smb1_req_alloc(conn, SMB_COM_SESSION_SETUP_ANDX,
			     SMB1_SESS_REQ_LEN + nt_len);
	if (!req)
		goto out;
	ret = smb1_enc_sess_setup(&req->w, &s, conn->unicode);
	if (ret) {
		smb1_fc_err(fc, "user or domain name cannot be encoded");
		goto out;
	}
	ret = smb1_call(req, &f);
	if (ret == -EACCES) {
		if (anonymous)
			smb1_fc_err(fc, "anonymous login refused by the server");
		else
			smb1_fc_err(fc, "login failed for user %s: wrong user name or password, or access denied",
				       user);
		goto out;
	}
	if (ret) {
		smb1_fc_err(fc, "session setup failed: %d", ret);
		goto out;
	}
	ret = smb1_dec_sess_setup(&f, &r);
	if (ret) {
		smb1_fc_err(fc, "malformed session setup reply");
		goto out;
	}
	conn->uid = f.uid;
	conn->guest = r.action & SMB_SETUP_GUEST;
	if (conn->guest && !anonymous)
		smb1_info("server logged user %s in as guest", user);
out:
	memzero_explicit(lm_resp, sizeof(lm_resp));
	kfree_sensitive(nt_resp);
	smb1_req_put(req);
	return ret;
}

int smb1_tree_connect(struct smb1_conn *conn, const char *unc,
		      struct fs_context *fc)
{
	static const u8 no_password;
	struct smb1_tcon_rsp r;
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	req = smb1_req_alloc(conn, SMB_COM_TREE_CONNECT_ANDX, SMB1_SESS_REQ_LEN);
	if (!req)
		return -ENOMEM;
	/* user-level security: the password field is a single NUL */
	ret = smb1_enc_tree_connect(&req->w, unc, &no_password, 1,
				    conn->unicode);
	if (ret) {
		smb1_fc_err(fc, "share name %s cannot be encoded", unc);
		goto out;
	}
	ret = smb1_call(req, &f);
	if (ret == -ENOENT || ret == -ENXIO) {
		smb1_fc_err(fc, "share %s does not exist on the server", unc);
		ret = -ENOENT;
		goto out;
	}
	if (ret == -EACCES) {
		smb1_fc_err(fc, "access to share %s denied", unc);
		goto out;
	}
	if (ret) {
		smb1_fc_err(fc, "tree connect to %s failed: %d", unc, ret);
		goto out;
	}
	ret = smb1_dec_tree_connect(&f, &r);
	if (ret) {
		smb1_fc_err(fc, "malformed tree connect reply");
		goto out;
	}
	/*
	 * Disk shares say "A:"; some servers (impacket) put other text there,
	 * so refuse only the services that are surely not file systems.
	 */
	if (!strcmp(r.service, "IPC") || !strncmp(r.service, "LPT", 3) ||
	    !strcmp(r.service, "COMM")) {
		smb1_fc_err(fc, "share %s is not a disk share (%s)", unc,
			       r.service);
		ret = -ENOTDIR;
		goto out;
	}
	conn->tid = f.tid;
out:
	smb1_req_put(req);
	return ret;
}

/* Send a request that has no parameters worth keeping; errors ignored. */
static void smb1_simple_call(struct smb1_conn *conn, u8 cmd,
			     int (*enc)(struct smb1_wbuf *w))
{
	struct smb1_req *req;
	struct smb1_frame f;

	req = smb1_req_alloc(conn, cmd, 16);
	if (!req)
		return;
	if (!enc(&req->w))
		smb1_call(req, &f);
	smb1_req_put(req);
}

void smb1_tree_disconnect(struct smb1_conn *conn)
{
	smb1_simple_call(conn, SMB_COM_TREE_DISCONNECT,
			 smb1_enc_tree_disconnect);
	conn->tid = 0;
}

void smb1_logoff(struct smb1_conn *conn)
{
	smb1_simple_call(conn, SMB_COM_LOGOFF_ANDX, smb1_enc_logoff);
	conn->uid = 0;
}
