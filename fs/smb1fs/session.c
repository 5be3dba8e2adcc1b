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
#include "../../include/smb1fs/ntstatus.h"

/*
 * The dialects we know, oldest first.  We offer them in this order: a
 * server takes the newest it speaks (the later in the list, the more
 * preferred), so NT LM 0.12 is chosen whenever the server has it.
 */
static const struct smb1_dialect {
	const char *name;
	enum smb1_proto proto;
} smb1_dialects[] = {
	{ "PC NETWORK PROGRAM 1.0", SMB1_PROTO_CORE },
	{ "LANMAN1.0",	SMB1_PROTO_LANMAN1 },
	{ "LM1.2X002",	SMB1_PROTO_LANMAN2 },
	{ "LANMAN2.1",	SMB1_PROTO_LANMAN2 },
	{ "NT LM 0.12",	SMB1_PROTO_NT },
};

#define SMB1_N_DIALECTS	ARRAY_SIZE(smb1_dialects)

/* MaxMpxCount values beyond this buy nothing but memory */
#define SMB1_MAX_MPX		64
/* The smallest server buffer that fits our requests */
#define SMB1_MIN_SERVER_BUF	1024
/* Replies to the session requests are short */
#define SMB1_SESS_REQ_LEN	1024
#define SMB1_DEFAULT_CODEPAGE	"cp437"

/* Logging in without a password (guest, anonymous) */
static bool smb1_anonymous(const struct smb1_mount_opts *o)
{
	return o->guest || o->sec == SMB1_SEC_NONE || !o->username ||
	       !*o->username;
}

/*
 * The dialect families to offer.  LAN Manager dialects carry one
 * password field, too short for NTLMv2, so by default they are offered
 * only when sec= allows NTLMv1 or weaker, or nothing is sent at all.
 * The core protocol, offered with them, sends a password only in plain
 * text: smb1_tree_connect() refuses that unless sec=plaintext.
 */
static u32 smb1_offer_mask(const struct smb1_mount_opts *o)
{
	if (o->vers && o->vers != SMB1_VERS_ANY)
		return o->vers;
	if (o->sec >= SMB1_SEC_NTLM || smb1_anonymous(o))
		return SMB1_VERS_ANY;
	return BIT(SMB1_PROTO_NT);
}

/* Whether to ask for extended security (NTLMSSP) in the negotiate */
static bool smb1_want_ext_sec(const struct smb1_mount_opts *o)
{
	return !smb1_anonymous(o) &&
	       (o->sec == SMB1_SEC_AUTO || o->sec == SMB1_SEC_NTLMSSP);
}

/*
 * The code page of a server without Unicode: OEM names and passwords
 * are converted through it.
 */
static int smb1_load_codepage(struct smb1_conn *conn,
			      const struct smb1_mount_opts *o,
			      struct fs_context *fc)
{
	const char *name = o->codepage ? o->codepage : SMB1_DEFAULT_CODEPAGE;

	/* a reconnect keeps the table of the mount */
	if (conn->unicode || conn->oem)
		return 0;
	conn->oem = load_nls(name);
	if (!conn->oem) {
		smb1_fc_err(fc, "code page %s is not available (no NLS table of that name)",
			    name);
		return -EINVAL;
	}
	return 0;
}

/* The parts of a negotiate reply that only the NT dialect has */
static int smb1_negotiate_nt(struct smb1_conn *conn,
			     const struct smb1_mount_opts *o,
			     const struct smb1_negotiate_rsp *r,
			     struct fs_context *fc)
{
	if (r->caps & CAP_EXTENDED_SECURITY) {
		if (smb1_anonymous(o)) {
			smb1_fc_err(fc, "server insists on extended security, which smb1fs does not do for guest or anonymous logins; give username=");
			return -EOPNOTSUPP;
		}
		if (!smb1_want_ext_sec(o)) {
			smb1_fc_err(fc, "server insists on extended security (NTLMSSP); mount with sec=ntlmssp or without sec=");
			return -EOPNOTSUPP;
		}
		conn->ext_sec = true;
		conn->flags2 |= SMBFLG2_EXT_SEC;
	} else if (o->sec == SMB1_SEC_NTLMSSP && !smb1_anonymous(o)) {
		smb1_fc_err(fc, "server does not offer extended security (NTLMSSP); mount with sec=ntlmv2 or without sec=");
		return -EOPNOTSUPP;
	}
	conn->caps = r->caps;
	conn->unicode = r->caps & CAP_UNICODE;
	/*
	 * NT LM 0.12 defines the 12-word READ_ANDX with OffsetHigh
	 * whether or not the server claims CAP_LARGE_FILES (impacket's
	 * does not, yet serves files over 4 GiB).
	 */
	conn->offset64 = true;
	/* Windows 9x speaks NT LM 0.12 without the NT information levels */
	conn->level = r->caps & CAP_NT_SMBS ? SMB1_LEVEL_NT :
					      SMB1_LEVEL_STANDARD;
	if (conn->unicode)
		conn->flags2 |= SMBFLG2_UNICODE;
	if (r->caps & CAP_STATUS32)
		conn->flags2 |= SMBFLG2_NT_STATUS;
	/* large reads, as far as the port's framing can carry them */
	if (r->caps & CAP_LARGE_READX)
		conn->max_frame = min(SMB1_MAX_RSIZE + SMB1_CLIENT_MAX_BUF,
				      smb1_frame_limit(conn->port));
	return 0;
}

static void smb1_set_server_domain(struct smb1_conn *conn,
				   const struct smb1_negotiate_rsp *r)
{
	size_t cap;
	char *d;

	kfree(conn->server_domain);
	conn->server_domain = NULL;
	if (!r->domain_len)
		return;
	cap = r->domain_unicode ? r->domain_len * 3 / 2 + 1 :
				  r->domain_len * 3 + 1;
	d = kmalloc(cap, GFP_KERNEL);
	if (!d)
		return;
	if ((r->domain_unicode &&
	     smb1_utf16_to_utf8(r->domain, r->domain_len, d, cap) < 0) ||
	    (!r->domain_unicode &&
	     smb1_oem_to_utf8(conn->oem, r->domain, r->domain_len, d, cap) < 0)) {
		kfree(d);
		return;
	}
	conn->server_domain = d;
}

/**
 * smb1_sign_choose() - whether a new session signs
 * @offered: the server can sign it
 * @required: it is to be signed (the server requires signing)
 * @sign: the mount option asks for signing
 * @has_signed: an earlier session of this mount signed
 *
 * Asked twice for every session: after the negotiate reply (@offered:
 * NT LM 0.12 with signatures enabled or required; @required: required),
 * and, when it is to sign, after the login (@offered: a user login that
 * gave a key; @required: a user login, since a guest or anonymous one
 * is left to the server unless sign asks).  Once a mount has signed,
 * every reconnect insists on signing as sign does: a man in the middle
 * who breaks the link and clears the server's signing bits, or makes
 * the login a guest one, must not get an unsigned session.
 *
 * Return: SMB1_SIGN_ON or SMB1_SIGN_OFF; SMB1_SIGN_UNAVAILABLE when
 * the session is to be signed but cannot be (the mount fails), or
 * SMB1_SIGN_DOWNGRADE when that is so because an earlier session
 * signed (the reconnect is refused).
 */
enum smb1_sign_choice smb1_sign_choose(bool offered, bool required,
				       bool sign, bool has_signed)
{
	if (offered && (required || sign || has_signed))
		return SMB1_SIGN_ON;
	if (has_signed)
		return SMB1_SIGN_DOWNGRADE;
	if (required || sign)
		return SMB1_SIGN_UNAVAILABLE;
	return SMB1_SIGN_OFF;
}

/*
 * Whether to sign once logged in: when the server requires it, when sign
 * asks for it and the server can, and on every reconnect of a mount that
 * has signed.  Only NT LM 0.12 has signing.  The flag in the session
 * setup request tells a server that merely allows signing that we want
 * it.
 */
static int smb1_sign_negotiate(struct smb1_conn *conn,
			       const struct smb1_mount_opts *o,
			       enum smb1_proto proto, u8 security_mode,
			       struct fs_context *fc)
{
	bool nt = proto == SMB1_PROTO_NT;
	bool required = nt && (security_mode & NEGOTIATE_SIGNATURES_REQUIRED);
	bool offered = required ||
		       (nt && (security_mode & NEGOTIATE_SIGNATURES_ENABLED));

	conn->sign_wanted = false;
	switch (smb1_sign_choose(offered, required, o->sign,
				 conn->has_signed)) {
	case SMB1_SIGN_OFF:
		return 0;
	case SMB1_SIGN_UNAVAILABLE:
		smb1_fc_err(fc, "server does not support message signing; mount without sign");
		return -EOPNOTSUPP;
	case SMB1_SIGN_DOWNGRADE:
		smb1_fc_err(fc, "reconnect refused: the server no longer offers message signing, and this mount signed");
		return -SMB1_EDOWNGRADE;
	case SMB1_SIGN_ON:
		break;
	}
	conn->sign_wanted = true;
	conn->flags2 |= SMBFLG2_SECURITY_SIGNATURE;
	smb1_dbg("signing %s", required ? "required" : "asked for");
	return 0;
}

int smb1_negotiate(struct smb1_conn *conn, const struct smb1_mount_opts *o,
		   struct fs_context *fc)
{
	const char *offer[SMB1_N_DIALECTS];
	u8 index[SMB1_N_DIALECTS];
	u32 mask = smb1_offer_mask(o);
	const struct smb1_dialect *d;
	struct smb1_negotiate_rsp r;
	unsigned int i, n = 0;
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	/*
	 * A reconnect offers only the dialect of the mount: the inodes,
	 * names and sizes it holds were made for that one, and a server
	 * (or whatever sits on the link) cannot move it to another.
	 */
	if (conn->proto && (mask & BIT(conn->proto)))
		mask = BIT(conn->proto);
	for (i = 0; i < SMB1_N_DIALECTS; i++) {
		if (mask & BIT(smb1_dialects[i].proto)) {
			index[n] = i;
			offer[n++] = smb1_dialects[i].name;
		}
	}
	/* extended security is asked for in the negotiate request */
	if (smb1_want_ext_sec(o))
		conn->flags2 |= SMBFLG2_EXT_SEC;
	req = smb1_req_alloc(conn, SMB_COM_NEGOTIATE, 256);
	if (!req)
		return -ENOMEM;
	ret = smb1_enc_negotiate(&req->w, offer, n);
	if (!ret)
		ret = smb1_call(req, &f);
	if (ret) {
		smb1_fc_err(fc, "negotiate failed: %d", ret);
		goto out;
	}
	ret = smb1_dec_negotiate(&f, n, &r);
	if (ret == -EPROTONOSUPPORT) {
		if (mask == BIT(SMB1_PROTO_NT))
			smb1_fc_err(fc, "server does not speak NT LM 0.12; for a LAN Manager server mount with sec=ntlm (or sec=lanman if it takes only LM), for a core protocol server with sec=plaintext or as guest");
		else
			smb1_fc_err(fc, "server accepts none of the offered dialects");
		goto out;
	}
	d = ret ? NULL : &smb1_dialects[index[r.dialect]];
	if (!ret && (r.lanman != (d->proto != SMB1_PROTO_NT) ||
		     r.core != (d->proto == SMB1_PROTO_CORE)))
		ret = -EIO;
	if (ret) {
		smb1_fc_err(fc, "malformed negotiate reply");
		goto out;
	}

	conn->proto = d->proto;
	/* the core protocol's header has no Flags2: reserved, zero */
	conn->flags2 = d->proto == SMB1_PROTO_CORE ? 0 :
		       SMBFLG2_KNOWS_LONG_NAMES | SMBFLG2_IS_LONG_NAME;
	conn->caps = 0;
	conn->ext_sec = false;
	conn->unicode = false;
	conn->offset64 = false;
	conn->level = d->proto <= SMB1_PROTO_LANMAN1 ? SMB1_LEVEL_CORE :
						       SMB1_LEVEL_STANDARD;
	if (d->proto == SMB1_PROTO_NT) {
		ret = smb1_negotiate_nt(conn, o, &r, fc);
		if (ret)
			goto out;
	}

	ret = smb1_sign_negotiate(conn, o, d->proto, r.security_mode, fc);
	if (ret)
		goto out;
	ret = -EIO;
	/* the core protocol says its buffer size in the tree connect */
	if (r.core)
		r.max_buffer = SMB1_MIN_SERVER_BUF;
	if (r.max_buffer < SMB1_MIN_SERVER_BUF) {
		smb1_fc_err(fc, "server buffer size %u is too small",
			    r.max_buffer);
		goto out;
	}
	ret = smb1_load_codepage(conn, o, fc);
	if (ret)
		goto out;

	conn->security_mode = r.security_mode;
	conn->max_buffer = min_t(u32, r.max_buffer, SMB1_MAX_RSIZE);
	conn->max_mpx = clamp_t(u16, r.max_mpx, 1, SMB1_MAX_MPX);
	conn->tz = r.tz;
	conn->session_key = r.session_key;
	conn->challenge_len = r.challenge_len;
	memcpy(conn->challenge, r.challenge, r.challenge_len);
	smb1_set_server_domain(conn, &r);
	if (conn->ext_sec && r.blob_len) {
		bool ntlmssp;

		/* a hint only: a server that lists nothing else is tried */
		if (smb1_spnego_dec_hint(r.blob, r.blob_len, &ntlmssp))
			smb1_dbg("ignoring a malformed SPNEGO hint");
		else if (!ntlmssp)
			smb1_dbg("server does not list NTLMSSP; trying it");
	}
	smb1_conn_set_mpx(conn, conn->max_mpx);
	/* the usual case goes to the debug log only */
	if (d->proto == SMB1_PROTO_NT &&
	    (r.security_mode & NEGOTIATE_USER_SECURITY) &&
	    (r.security_mode & NEGOTIATE_ENCRYPT_PASSWORDS))
		smb1_dbg("negotiated %s", d->name);
	else if (r.core)
		smb1_info("negotiated %s (the core protocol: share-level security, plaintext passwords)",
			  d->name);
	else
		smb1_info("negotiated %s with %s security%s", d->name,
			  r.security_mode & NEGOTIATE_USER_SECURITY ?
			  "user-level" : "share-level",
			  r.security_mode & NEGOTIATE_ENCRYPT_PASSWORDS ?
			  "" : ", plaintext passwords");
	smb1_dbg("caps 0x%x, buffer %u, mpx %u", r.caps, r.max_buffer,
		 r.max_mpx);
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
				 u8 *lm_resp, u8 **nt_resp, size_t *nt_len,
				 u8 sess_key[16])
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
	/* the NTProofStr starts the response */
	if (!ret)
		ret = smb1_ntlmv2_session_key(v2hash, *nt_resp, sess_key);
out:
	memzero_explicit(nt_hash, sizeof(nt_hash));
	memzero_explicit(v2hash, sizeof(v2hash));
	kfree(ti);
	return ret;
}

/* The password fields of a session setup or share-level tree connect */
struct smb1_pw_fields {
	u8 *lm;			/* OEM / case-insensitive password field */
	size_t lm_len;
	u8 *nt;			/* Unicode / case-sensitive field */
	size_t nt_len;
	/* the session key of an NTLMv1 or NTLMv2 response in nt */
	u8 key[16];
	bool have_key;
};

static void smb1_pw_fields_free(struct smb1_pw_fields *p)
{
	kfree_sensitive(p->lm);
	kfree_sensitive(p->nt);
	memzero_explicit(p, sizeof(*p));
}

static const char *smb1_dialect_name(const struct smb1_conn *conn)
{
	switch (conn->proto) {
	case SMB1_PROTO_CORE:
		return "PC NETWORK PROGRAM 1.0";
	case SMB1_PROTO_LANMAN1:
		return "LANMAN1.0";
	case SMB1_PROTO_LANMAN2:
		return "LANMAN2";
	default:
		return "NT LM 0.12";
	}
}

/* The password itself, in the server's code page, with its terminator */
static int smb1_plaintext(const struct smb1_conn *conn, const char *password,
			  bool upper, struct smb1_pw_fields *p)
{
	size_t cap = 3 * strlen(password) + 1;
	int n;

	p->lm = kmalloc(cap, GFP_KERNEL);
	if (!p->lm)
		return -ENOMEM;
	n = smb1_utf8_to_oem(conn->oem, password, strlen(password), p->lm,
			     cap, upper);
	if (n < 0)
		return n;
	p->lm_len = n + 1;
	return 0;
}

/* DESL(LMOWFv1(password), challenge); -E2BIG for a password LM lacks */
static int smb1_lm_response(const struct smb1_conn *conn,
			    const char *password, u8 out[SMB1_V1_RESP_SIZE])
{
	u8 oem[SMB1_LM_PW_MAX + 1], hash[SMB1_LM_HASH_SIZE];
	int n, ret;

	n = smb1_utf8_to_oem(conn->oem, password, strlen(password), oem,
			     sizeof(oem), true);
	if (n < 0 || n > SMB1_LM_PW_MAX) {
		memzero_explicit(oem, sizeof(oem));
		return -E2BIG;
	}
	ret = smb1_lm_hash(oem, n, hash);
	if (!ret)
		smb1_desl(hash, conn->challenge, out);
	memzero_explicit(oem, sizeof(oem));
	memzero_explicit(hash, sizeof(hash));
	return ret;
}

/* DESL(NTOWFv1(password), challenge), and the session key MD4(NTOWFv1) */
static int smb1_ntlm_response(const struct smb1_conn *conn,
			      const char *password, u8 out[SMB1_V1_RESP_SIZE],
			      u8 sess_key[16])
{
	u8 hash[SMB1_NT_HASH_SIZE];
	int ret;

	ret = smb1_nt_hash(password, hash);
	if (!ret) {
		smb1_desl(hash, conn->challenge, out);
		smb1_md4(hash, sizeof(hash), sess_key);
	}
	memzero_explicit(hash, sizeof(hash));
	return ret;
}

/*
 * The responses sec= allows for this server.  The strongest the dialect
 * can carry is used: NTLMv2 on NT LM 0.12 by default; with sec=ntlm the
 * NTLMv1 response (in both fields, so no LM hash is disclosed, and in
 * the one password field of a LAN Manager dialect); with sec=lanman the
 * LM response as well.  Plaintext goes out only to a server that asks
 * for it, and only with sec=plaintext.
 */
static int smb1_user_pw_fields(struct smb1_conn *conn,
			       const struct smb1_mount_opts *o,
			       const char *user, const char *domain,
			       struct smb1_pw_fields *p, struct fs_context *fc)
{
	const char *password = o->password ? o->password : "";
	bool lanman = conn->proto != SMB1_PROTO_NT;
	int ret;

	if (!(conn->security_mode & NEGOTIATE_ENCRYPT_PASSWORDS)) {
		if (o->sec != SMB1_SEC_PLAINTEXT) {
			smb1_fc_err(fc, "server asks for the password in plain text; mount with sec=plaintext to allow it");
			return -EOPNOTSUPP;
		}
		ret = smb1_plaintext(conn, password, false, p);
		if (ret)
			smb1_fc_err(fc, "password cannot be converted to code page %s",
				    conn->oem ? conn->oem->charset : "ascii");
		conn->auth = "plaintext";
		return ret;
	}
	if (lanman && o->sec < SMB1_SEC_NTLM) {
		smb1_fc_err(fc, "server speaks only %s, which carries only the NTLMv1 or LM response; mount with sec=ntlm (or sec=lanman) to allow it",
			    smb1_dialect_name(conn));
		return -EOPNOTSUPP;
	}

	if (o->sec <= SMB1_SEC_NTLMSSP) {
		u8 *nt;
		size_t nt_len;

		p->lm = kmalloc(SMB1_LMV2_RESP_SIZE, GFP_KERNEL);
		if (!p->lm)
			return -ENOMEM;
		ret = smb1_ntlmv2_responses(conn, user, domain, password,
					    p->lm, &nt, &nt_len, p->key);
		if (ret) {
			smb1_fc_err(fc, "cannot compute the NTLMv2 response: %d",
				    ret);
			return ret;
		}
		p->lm_len = SMB1_LMV2_RESP_SIZE;
		p->nt = nt;
		p->nt_len = nt_len;
		p->have_key = true;
		conn->auth = "ntlmv2";
		return 0;
	}

	p->lm = kmalloc(SMB1_V1_RESP_SIZE, GFP_KERNEL);
	if (!p->lm)
		return -ENOMEM;
	p->lm_len = SMB1_V1_RESP_SIZE;
	ret = smb1_ntlm_response(conn, password, p->lm, p->key);
	if (ret) {
		smb1_fc_err(fc, "password is not valid UTF-8");
		return ret;
	}
	conn->auth = "ntlm";
	if (!lanman) {
		p->nt = kmemdup(p->lm, SMB1_V1_RESP_SIZE, GFP_KERNEL);
		if (!p->nt)
			return -ENOMEM;
		p->nt_len = SMB1_V1_RESP_SIZE;
		p->have_key = true;
	}
	if (o->sec == SMB1_SEC_NTLM)
		return 0;
	/* sec=lanman or weaker: the LM response, where LM can hash it */
	ret = smb1_lm_response(conn, password, p->lm);
	if (!ret)
		conn->auth = "lanman";
	if (ret == -E2BIG && !lanman)
		return 0;	/* the NTLMv1 copy stays */
	if (ret == -E2BIG)
		smb1_fc_err(fc, "LM authentication takes passwords of at most 14 characters of code page %s",
			    conn->oem ? conn->oem->charset : "ascii");
	return ret;
}

/*
 * One round of an extended security session setup: send blob, wait for
 * the reply and take it apart.  *more says whether the server wants
 * another round; *reqp holds the reply, whose blob r points into.
 */
static int smb1_sess_ext_round(struct smb1_conn *conn,
			       struct smb1_sess_setup_req *s,
			       const u8 *blob, size_t blob_len,
			       struct smb1_req **reqp,
			       struct smb1_sess_setup_rsp *r, bool *more)
{
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	smb1_req_put(*reqp);
	*reqp = NULL;
	if (blob_len > U16_MAX)
		return -EINVAL;
	s->blob = blob;
	s->blob_len = blob_len;
	req = smb1_req_alloc(conn, SMB_COM_SESSION_SETUP_ANDX,
			     SMB1_SESS_REQ_LEN + blob_len);
	if (!req)
		return -ENOMEM;
	*reqp = req;
	ret = smb1_enc_sess_setup(&req->w, s, conn->unicode);
	if (!ret)
		ret = smb1_req_send_wait(req);
	if (ret)
		return ret;
	if (smb1_parse_frame(req->rbuf, req->rlen, &f))
		return -EBADMSG;
	*more = f.status == NT_STATUS_MORE_PROCESSING_REQUIRED;
	if (!*more) {
		ret = smb1_frame_errno(&f);
		if (ret)
			return ret;
	}
	if (smb1_dec_sess_setup(&f, r))
		return -EBADMSG;
	/* the second round goes out under the UID the first gave */
	conn->uid = f.uid;
	return 0;
}

/*
 * The CHALLENGE_MESSAGE of the server's first reply.  It comes in a
 * NegTokenResp; a server that answers with a bare NTLMSSP message gets
 * the AUTHENTICATE_MESSAGE bare as well (*spnego cleared).
 */
static int smb1_sess_challenge(const struct smb1_sess_setup_rsp *r,
			       bool *spnego, struct smb1_ntlmssp_chal *chal,
			       struct fs_context *fc)
{
	struct smb1_spnego_rsp sr;

	if (r->blob_len >= 8 && !memcmp(r->blob, "NTLMSSP", 8)) {
		*spnego = false;
		return smb1_ntlmssp_challenge(r->blob, r->blob_len, chal) ?
		       -EBADMSG : 0;
	}
	*spnego = true;
	if (smb1_spnego_dec_resp(r->blob, r->blob_len, &sr))
		return -EBADMSG;
	if (sr.neg_state == SMB1_SPNEGO_REJECT) {
		smb1_fc_err(fc, "server rejected NTLMSSP in SPNEGO");
		return -EACCES;
	}
	if ((sr.neg_state != SMB1_SPNEGO_ACCEPT_INCOMPLETE &&
	     sr.neg_state != SMB1_SPNEGO_STATE_NONE) || !sr.token ||
	    smb1_ntlmssp_challenge(sr.token, sr.token_len, chal))
		return -EBADMSG;
	return 0;
}

/* The last reply says the exchange is complete, or says nothing. */
static int smb1_sess_completed(const struct smb1_sess_setup_rsp *r)
{
	struct smb1_spnego_rsp sr;

	if (!r->blob_len)
		return 0;
	if (smb1_spnego_dec_resp(r->blob, r->blob_len, &sr))
		return -EBADMSG;
	if (sr.neg_state == SMB1_SPNEGO_REJECT)
		return -EACCES;
	if (sr.neg_state != SMB1_SPNEGO_ACCEPT_COMPLETED &&
	    sr.neg_state != SMB1_SPNEGO_STATE_NONE)
		return -EBADMSG;
	return 0;
}

/*
 * NTLMSSP in SPNEGO: a NegTokenInit with our NEGOTIATE_MESSAGE, the
 * server's CHALLENGE_MESSAGE in a NegTokenResp, a NegTokenResp with our
 * AUTHENTICATE_MESSAGE (the NTLMv2 response over the server's target
 * information), and the server's accept-completed.
 */
static int smb1_session_setup_ntlmssp(struct smb1_conn *conn,
				      const struct smb1_mount_opts *o,
				      struct smb1_sess_setup_req *s,
				      const char *user, const char *domain,
				      struct smb1_sess_setup_rsp *r,
				      u8 sess_key[16], struct fs_context *fc)
{
	u8 neg[SMB1_NTLMSSP_NEGOTIATE_SIZE], nt_hash[SMB1_NT_HASH_SIZE];
	u8 v2hash[16], cc[8], lm[SMB1_LMV2_RESP_SIZE];
	struct smb1_ntlmssp_chal chal;
	u8 *nt = NULL, *auth = NULL, *tok = NULL;
	size_t nt_len = 0, auth_len = 0, tok_len = 0;
	struct smb1_req *req = NULL;
	struct timespec64 now;
	bool more = false, spnego = true;
	u64 ts;
	int ret;

	smb1_ntlmssp_negotiate(neg);
	ret = smb1_spnego_init(neg, sizeof(neg), &tok, &tok_len);
	if (!ret)
		ret = smb1_sess_ext_round(conn, s, tok, tok_len, &req, r,
					  &more);
	kfree(tok);
	tok = NULL;
	if (!ret && !more)
		ret = -EBADMSG;		/* logged in without a password */
	if (!ret)
		ret = smb1_sess_challenge(r, &spnego, &chal, fc);
	if (ret)
		goto out;

	ret = smb1_nt_hash(o->password ? o->password : "", nt_hash);
	if (!ret)
		ret = smb1_ntlmv2_hash(nt_hash, user, domain, v2hash);
	if (ret) {
		smb1_fc_err(fc, "cannot compute the NTLMv2 response: %d", ret);
		goto out;
	}
	get_random_bytes(cc, sizeof(cc));
	if (!smb1_ntlmssp_timestamp(chal.target_info, chal.ti_len, &ts)) {
		ktime_get_real_ts64(&now);
		ts = smb1_ts_to_nt_time(now);
		ret = smb1_lmv2_response(v2hash, chal.challenge, cc, lm);
	} else {
		/* with the server's timestamp the LM response is left out */
		memset(lm, 0, sizeof(lm));
	}
	if (!ret)
		ret = smb1_ntlmv2_response(v2hash, chal.challenge, cc, ts,
					   chal.target_info, chal.ti_len,
					   &nt, &nt_len);
	/* no key exchange: the exported session key is the base key */
	if (!ret)
		ret = smb1_ntlmv2_session_key(v2hash, nt, sess_key);
	if (!ret)
		ret = smb1_ntlmssp_authenticate(lm, nt, nt_len, user, domain,
						o->netbiosname ?
						o->netbiosname : "",
						&auth, &auth_len);
	if (!ret && spnego)
		ret = smb1_spnego_resp(auth, auth_len, &tok, &tok_len);
	if (ret) {
		smb1_fc_err(fc, "cannot compute the NTLMv2 response: %d", ret);
		goto out;
	}
	if (spnego)
		ret = smb1_sess_ext_round(conn, s, tok, tok_len, &req, r,
					  &more);
	else
		ret = smb1_sess_ext_round(conn, s, auth, auth_len, &req, r,
					  &more);
	if (!ret && more)
		ret = -EBADMSG;
	if (!ret && spnego)
		ret = smb1_sess_completed(r);
out:
	memzero_explicit(nt_hash, sizeof(nt_hash));
	memzero_explicit(v2hash, sizeof(v2hash));
	kfree_sensitive(nt);
	kfree_sensitive(auth);
	kfree_sensitive(tok);
	smb1_req_put(req);
	return ret;
}

/*
 * Signing starts after the session setup that logged a user in, with the
 * key its responses give (sign.c).  A guest or anonymous session is not
 * signed: that ends the mount if sign asked for signing, is refused on a
 * reconnect of a mount that has signed, and is otherwise left to the
 * server if it requires signing.
 */
static int smb1_sign_start(struct smb1_conn *conn,
			   const struct smb1_mount_opts *o, bool anonymous,
			   const struct smb1_pw_fields *p,
			   struct fs_context *fc)
{
	bool user = !anonymous && !conn->guest;
	int ret;

	if (!conn->sign_wanted)
		return 0;
	switch (smb1_sign_choose(user && p->have_key, user, o->sign,
				 conn->has_signed)) {
	case SMB1_SIGN_OFF:
		return 0;
	case SMB1_SIGN_UNAVAILABLE:
		if (!user)
			smb1_fc_err(fc, "message signing needs a user login, not a guest or anonymous one");
		else
			smb1_fc_err(fc, "message signing needs NTLM, NTLMv2 or NTLMSSP authentication");
		return -EOPNOTSUPP;
	case SMB1_SIGN_DOWNGRADE:
		if (conn->guest)
			smb1_fc_err(fc, "reconnect refused: the server logged this mount in as a guest, which is not signed, and this mount signed");
		else
			smb1_fc_err(fc, "reconnect refused: the new login gives no key to sign with, and this mount signed");
		return -SMB1_EDOWNGRADE;
	case SMB1_SIGN_ON:
		break;
	}
	ret = smb1_sign_activate(conn, p->key, sizeof(p->key), p->nt,
				 conn->ext_sec ? 0 : p->nt_len);
	if (ret)
		smb1_fc_err(fc, "cannot start message signing: %d", ret);
	else
		smb1_dbg("message signing active");
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
		.lanman = conn->proto != SMB1_PROTO_NT,
	};
	struct smb1_pw_fields p = {};
	struct smb1_sess_setup_rsp r;
	const char *user = "", *domain = "";
	struct smb1_frame f;
	struct smb1_req *req = NULL;
	bool anonymous;
	int ret;

	/* the core protocol has no login: the tree connect carries it */
	if (conn->proto == SMB1_PROTO_CORE) {
		conn->auth = smb1_anonymous(o) ? "anonymous" : "plaintext";
		return 0;
	}
	s.caps = CAP_NT_SMBS | CAP_LARGE_FILES | CAP_STATUS32 |
		 CAP_LARGE_READX | CAP_LARGE_WRITEX | CAP_LEVEL_II_OPLOCKS;
	if (conn->unicode)
		s.caps |= CAP_UNICODE;

	anonymous = smb1_anonymous(o);
	if (!anonymous) {
		user = o->username;
		if (o->domain)
			domain = o->domain;
		else if (conn->server_domain)
			domain = conn->server_domain;
	}
	conn->auth = anonymous ? "anonymous" : NULL;
	if (conn->ext_sec) {
		ret = smb1_session_setup_ntlmssp(conn, o, &s, user, domain, &r,
						 p.key, fc);
		/* the key alone, without a response behind it */
		p.have_key = !ret;
		conn->auth = "ntlmssp";
		goto done;
	}
	if (!anonymous) {
		ret = smb1_user_pw_fields(conn, o, user, domain, &p, fc);
		if (ret)
			goto out;
		s.lm_resp = p.lm;
		s.lm_resp_len = p.lm_len;
		s.nt_resp = p.nt;
		s.nt_resp_len = p.nt_len;
	}
	s.user = user;
	s.domain = domain;

	ret = -ENOMEM;
	req = smb1_req_alloc(conn, SMB_COM_SESSION_SETUP_ANDX,
			     SMB1_SESS_REQ_LEN + p.lm_len + p.nt_len);
	if (!req)
		goto out;
	ret = smb1_enc_sess_setup(&req->w, &s, conn->unicode);
	if (ret) {
		smb1_fc_err(fc, "user or domain name cannot be encoded");
		goto out;
	}
	ret = smb1_call(req, &f);
	if (!ret) {
		conn->uid = f.uid;
		if (smb1_dec_sess_setup(&f, &r))
			ret = -EBADMSG;
	}
done:
	if (ret == -EACCES) {
		if (anonymous)
			smb1_fc_err(fc, "anonymous login refused by the server");
		else
			smb1_fc_err(fc, "login failed for user %s: wrong user name or password, or access denied",
				    user);
		goto out;
	}
	if (ret == -EINVAL && !conn->ext_sec && !anonymous &&
	    o->sec <= SMB1_SEC_NTLMV2) {
		/* what Samba 4.7 and later answer a raw NTLMv2 login */
		smb1_fc_err(fc, "server refused the NTLMv2 login as invalid; it takes NTLMv2 only inside NTLMSSP, which it did not offer%s",
			    o->sec == SMB1_SEC_NTLMV2 ?
			    ": mount without sec=ntlmv2" : "");
		ret = -EACCES;
		goto out;
	}
	if (ret == -EBADMSG) {
		smb1_fc_err(fc, "malformed session setup reply");
		ret = -EIO;
		goto out;
	}
	if (ret) {
		smb1_fc_err(fc, "session setup failed: %d", ret);
		goto out;
	}
	conn->guest = r.action & SMB_SETUP_GUEST;
	if (conn->guest && !anonymous)
		smb1_info("server logged user %s in as guest", user);
	if (conn->guest)
		conn->auth = "guest";
	smb1_dbg("logged in with %s", conn->auth ? conn->auth : "?");
	ret = smb1_sign_start(conn, o, anonymous, &p, fc);
out:
	smb1_pw_fields_free(&p);
	smb1_req_put(req);
	return ret;
}

/*
 * The password of a share-level tree connect: the LM response to the
 * share password, or the password itself (upper-cased on the retry, as
 * old servers store it so) for a server without challenge/response.
 */
static int smb1_share_pw(struct smb1_conn *conn,
			 const struct smb1_mount_opts *o, bool upper,
			 struct smb1_pw_fields *p, struct fs_context *fc)
{
	const char *pw = o->sharepass ? o->sharepass :
			 o->password ? o->password : "";
	int ret;

	if (!(conn->security_mode & NEGOTIATE_ENCRYPT_PASSWORDS)) {
		if (o->sec != SMB1_SEC_PLAINTEXT) {
			smb1_fc_err(fc, "server asks for the share password in plain text; mount with sec=plaintext to allow it");
			return -EOPNOTSUPP;
		}
		return smb1_plaintext(conn, pw, upper, p);
	}
	if (o->sec < SMB1_SEC_LANMAN) {
		smb1_fc_err(fc, "share-level security takes only the LM response; mount with sec=lanman to allow it");
		return -EOPNOTSUPP;
	}
	p->lm = kmalloc(SMB1_V1_RESP_SIZE, GFP_KERNEL);
	if (!p->lm)
		return -ENOMEM;
	p->lm_len = SMB1_V1_RESP_SIZE;
	ret = smb1_lm_response(conn, pw, p->lm);
	if (ret == -E2BIG)
		smb1_fc_err(fc, "LM authentication takes passwords of at most 14 characters");
	return ret;
}

static int smb1_tree_connect_once(struct smb1_conn *conn, const char *unc,
				  const struct smb1_pw_fields *p,
				  struct smb1_tcon_rsp *r,
				  struct fs_context *fc)
{
	static const u8 no_password;
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	req = smb1_req_alloc(conn, SMB_COM_TREE_CONNECT_ANDX,
			     SMB1_SESS_REQ_LEN + p->lm_len);
	if (!req)
		return -ENOMEM;
	/* user-level security: the password field is a single NUL */
	if (p->lm)
		ret = smb1_enc_tree_connect(&req->w, unc, p->lm, p->lm_len,
					    conn->unicode);
	else
		ret = smb1_enc_tree_connect(&req->w, unc, &no_password, 1,
					    conn->unicode);
	if (ret) {
		smb1_fc_err(fc, "share name %s cannot be encoded", unc);
		goto out;
	}
	ret = smb1_call(req, &f);
	if (ret)
		goto out;
	ret = smb1_dec_tree_connect(&f, r);
	if (ret) {
		smb1_fc_err(fc, "malformed tree connect reply");
		ret = -EBADMSG;		/* said; -EIO for the caller */
		goto out;
	}
	conn->tid = f.tid;
out:
	smb1_req_put(req);
	return ret;
}

/*
 * The core TREE_CONNECT: the share password in plain text, which goes
 * out only with sec=plaintext; a guest or anonymous mount sends an empty
 * one.  The reply gives the TID and the server's buffer size.
 */
static int smb1_tree_connect_core(struct smb1_conn *conn,
				  const struct smb1_mount_opts *o,
				  struct fs_context *fc)
{
	struct smb1_pw_fields p = {};
	const char *pw = o->sharepass ? o->sharepass :
			 o->password ? o->password : "";
	u16 max_buffer, tid;
	struct smb1_frame f;
	struct smb1_req *req = NULL;
	int ret;

	if (smb1_anonymous(o) && !o->sharepass)
		pw = "";
	if (*pw && o->sec != SMB1_SEC_PLAINTEXT) {
		smb1_fc_err(fc, "server speaks only the core protocol (PC NETWORK PROGRAM 1.0), which sends the password in plain text; mount with sec=plaintext to allow it, or as guest");
		return -EOPNOTSUPP;
	}
	ret = smb1_plaintext(conn, pw, false, &p);
	if (ret) {
		smb1_fc_err(fc, "password cannot be converted to code page %s",
			    conn->oem ? conn->oem->charset : "ascii");
		goto out;
	}
	ret = -ENOMEM;
	req = smb1_req_alloc(conn, SMB_COM_TREE_CONNECT,
			     SMB1_SESS_REQ_LEN + p.lm_len);
	if (!req)
		goto out;
	ret = smb1_enc_tree_connect_core(&req->w, o->unc, p.lm, p.lm_len - 1);
	if (ret) {
		smb1_fc_err(fc, "share name %s cannot be encoded", o->unc);
		goto out;
	}
	ret = smb1_call(req, &f);
	if (ret == -ENOENT || ret == -ENXIO) {
		smb1_fc_err(fc, "share %s does not exist on the server", o->unc);
		ret = -ENOENT;
		goto out;
	}
	if (ret == -EACCES) {
		smb1_fc_err(fc, "access to share %s denied", o->unc);
		goto out;
	}
	if (ret) {
		smb1_fc_err(fc, "tree connect to %s failed: %d", o->unc, ret);
		goto out;
	}
	if (smb1_dec_tree_connect_core(&f, &max_buffer, &tid)) {
		smb1_fc_err(fc, "malformed tree connect reply");
		ret = -EIO;
		goto out;
	}
	if (max_buffer < SMB1_MIN_SERVER_BUF) {
		smb1_fc_err(fc, "server buffer size %u is too small",
			    max_buffer);
		ret = -EIO;
		goto out;
	}
	conn->max_buffer = min_t(u32, max_buffer, SMB1_MAX_RSIZE);
	conn->tid = tid;
	ret = 0;
out:
	smb1_pw_fields_free(&p);
	smb1_req_put(req);
	return ret;
}

int smb1_tree_connect(struct smb1_conn *conn, const struct smb1_mount_opts *o,
		      struct fs_context *fc)
{
	bool share_level = !(conn->security_mode & NEGOTIATE_USER_SECURITY);
	bool plain = !(conn->security_mode & NEGOTIATE_ENCRYPT_PASSWORDS);
	const char *unc = o->unc;
	struct smb1_pw_fields p = {};
	struct smb1_tcon_rsp r;
	int ret;

	if (conn->proto == SMB1_PROTO_CORE)
		return smb1_tree_connect_core(conn, o, fc);
	if (share_level) {
		ret = smb1_share_pw(conn, o, false, &p, fc);
		if (ret)
			goto out;
	}
	ret = smb1_tree_connect_once(conn, unc, &p, &r, fc);
	if (ret == -EACCES && share_level && plain) {
		smb1_pw_fields_free(&p);
		ret = smb1_share_pw(conn, o, true, &p, fc);
		if (!ret)
			ret = smb1_tree_connect_once(conn, unc, &p, &r, fc);
	}
	if (ret == -ENOENT || ret == -ENXIO) {
		smb1_fc_err(fc, "share %s does not exist on the server", unc);
		ret = -ENOENT;
		goto out;
	}
	if (ret == -EACCES) {
		smb1_fc_err(fc, "access to share %s denied", unc);
		goto out;
	}
	if (ret == -EBADMSG) {
		ret = -EIO;
		goto out;
	}
	if (ret) {
		smb1_fc_err(fc, "tree connect to %s failed: %d", unc, ret);
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
out:
	smb1_pw_fields_free(&p);
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
