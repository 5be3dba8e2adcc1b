/* SPDX-License-Identifier: GPL-2.0 */
/*
 * smb1fs internal definitions, grouped by the file that implements them.
 *
 * Layers, bottom up:
 *   proto.c      pure encoders and decoders of SMB1 messages (no I/O)
 *   transport.c  socket, NetBIOS framing, receive thread, MID table
 *   session.c    negotiate, session setup, tree connect, logoff
 *   ops.c        file-system operations as SMB1 requests
 *   super.c, inode.c, dir.c, file.c   the VFS glue
 * auth.c, unicode.c, errmap.c are leaf helpers without I/O.
 */
#ifndef _SMB1FS_INTERNAL_H
#define _SMB1FS_INTERNAL_H

#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/fs_parser.h>
#include <linux/socket.h>
#include <linux/kref.h>
#include <linux/wait.h>
#include <linux/xarray.h>
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/uio.h>
#include <linux/time64.h>
#include <linux/ratelimit.h>
#include <linux/workqueue.h>
#include <linux/nls.h>

#include "../../include/smb1fs/smb1_wire.h"
#include "../../include/smb1fs/decode.h"
#include "../../include/smb1fs/compat.h"

#define SMB1FS_NAME		"smb1fs"
#define SMB1FS_SUPER_MAGIC	0x534d4231	/* "SMB1" */

/* All messages from the network path are rate limited. */
#define smb1_err(fmt, ...) \
	pr_err_ratelimited("smb1fs: " fmt "\n", ##__VA_ARGS__)
#define smb1_warn(fmt, ...) \
	pr_warn_ratelimited("smb1fs: " fmt "\n", ##__VA_ARGS__)
#define smb1_info(fmt, ...) \
	pr_info_ratelimited("smb1fs: " fmt "\n", ##__VA_ARGS__)
#define smb1_dbg(fmt, ...) \
	pr_debug("smb1fs: " fmt "\n", ##__VA_ARGS__)
/*
 * A mount failure: in the mount's error log, which mount(8) prints, and in
 * dmesg.  Without a log (the classic mount(2) call) errorfc() itself
 * writes to dmesg.  Not rate limited: only a privileged user mounts, and
 * each failed mount deserves its reason.  Without a context at all (a
 * reconnect) it is an ordinary, rate limited error.
 */
#define smb1_fc_err(fc, fmt, ...)					\
	do {								\
		struct fs_context *__fc = (fc);				\
		if (!__fc) {						\
			smb1_err(fmt, ##__VA_ARGS__);			\
			break;						\
		}							\
		errorfc(__fc, fmt, ##__VA_ARGS__);			\
		if (__fc->log.log)					\
			pr_err("smb1fs: " fmt "\n", ##__VA_ARGS__);	\
	} while (0)

/* Sizes we offer and accept */
#define SMB1_CLIENT_MAX_BUF	65535U	/* MaxBufferSize in session setup */
#define SMB1_MAX_PATH_BYTES	4096U	/* longest encoded path we send */
#define SMB1_DEFAULT_RSIZE	(1024U * 1024U)
#define SMB1_MAX_RSIZE		(16U * 1024U * 1024U)
#define SMB1_DEFAULT_TIMEOUT	(60 * HZ)
#define SMB1_CONNECT_TIMEOUT	(15 * HZ)
#define SMB1_DEFAULT_ECHO	60	/* seconds between echoes; 0: none */
#define SMB1_MAX_ECHO		(60 * 60)

/* ------------------------------------------------------------------ */
/* proto.c: message encoders and decoders                              */
/* ------------------------------------------------------------------ */

/*
 * A bounded write buffer.  buf points at the SMB header (the NetBIOS
 * header in front of it is the transport's business).  Any put that does
 * not fit sets overflow and writes nothing; the encoder checks it once.
 * A string that cannot be encoded fails the buffer the same way.  Once
 * failed, every later put is a no-op; err says why (-EMSGSIZE: no room,
 * -EINVAL: invalid string) and is what the encoders return.
 */
struct smb1_wbuf {
	u8 *buf;
	size_t cap;
	size_t len;
	bool overflow;
	int err;
	/* non-Unicode strings: the server's code page; NULL: sent as is */
	const struct nls_table *oem;
	/* paths upper-cased in that code page (core protocol) */
	bool upper_names;
};

/* Header fields the sender chooses; the MID is set by the transport. */
struct smb1_hdr_info {
	u8 cmd;
	u8 flags;
	u16 flags2;
	u16 tid;
	u16 uid;
	u32 pid;
};

/* A response checked by smb1_parse_frame(): all pointers are in buf. */
struct smb1_frame {
	const u8 *buf;		/* SMB header */
	size_t len;		/* whole message */
	u8 cmd;
	u32 status;
	u16 flags2;
	u16 mid;
	u16 tid;
	u16 uid;
	/* the parameter and data blocks of this (possibly AndX'd) command */
	u8 wc;
	const u8 *words;	/* wc * 2 bytes */
	u16 bc;
	const u8 *bytes;	/* bc bytes */
};

struct smb1_negotiate_rsp {
	u16 dialect;		/* index into the offered list */
	u8 security_mode;
	u16 max_mpx;
	u16 max_vcs;
	u32 max_buffer;
	u32 max_raw;
	u32 session_key;
	u32 caps;
	u64 system_time;	/* NT time */
	s16 tz;			/* minutes from UTC */
	u8 challenge_len;
	u8 challenge[8];
	const u8 *domain;	/* raw, in the frame, no terminator */
	size_t domain_len;
	bool domain_unicode;
	bool lanman;		/* the 13-word LAN Manager reply */
	const u8 *blob;		/* extended security: after the GUID */
	size_t blob_len;
};

struct smb1_sess_setup_req {
	u16 max_buffer;
	u16 max_mpx;
	u16 vc;
	u32 session_key;
	u32 caps;
	const u8 *lm_resp;	/* case-insensitive password field */
	u16 lm_resp_len;
	const u8 *nt_resp;	/* case-sensitive password field */
	u16 nt_resp_len;
	const char *user;	/* UTF-8 */
	const char *domain;	/* UTF-8 */
	const char *native_os;
	const char *native_lm;
	bool lanman;		/* the 10-word LAN Manager form */
	const u8 *blob;		/* extended security: the 12-word form */
	u16 blob_len;
};

struct smb1_sess_setup_rsp {
	u16 action;		/* SMB_SETUP_GUEST */
	const u8 *blob;		/* extended security: in the frame */
	u16 blob_len;
};

struct smb1_tcon_rsp {
	u16 optional_support;
	char service[9];	/* "A:", "IPC", "?????" ... NUL terminated */
};

struct smb1_trans2_rsp {
	const u8 *params;
	u16 param_len;
	const u8 *data;
	u16 data_len;
};

struct smb1_open_rsp {
	u16 fid;
	u16 attrs;
	u32 mtime;		/* OPEN_ANDX: UTIME, seconds since 1970 */
	/* NT_CREATE_ANDX: the exact modification time (else 0) */
	struct timespec64 ntime;
	u64 size;
	u16 access;
	u16 resource_type;
	u16 action;
	bool closed;		/* a CLOSE chained to the open has run */
};

struct smb1_read_rsp {
	u16 data_offset;	/* from the start of the SMB header */
	u32 data_len;
	u16 available;
};

/* A file's attributes, decoded from any info level. */
struct smb1_fattr {
	u64 gen;		/* smb1_clock_tick() before asking; 0: none */
	u64 size;
	u64 alloc_size;
	u32 attrs;		/* ATTR_* / extended attributes */
	u32 nlink;
	u64 file_id;		/* FileId / IndexNumber; 0: not sent */
	struct timespec64 atime;
	struct timespec64 mtime;
	struct timespec64 ctime;
	struct timespec64 btime;
};

/* NT_CREATE_ANDX request fields, in wire order ([MS-CIFS] 2.2.4.64.1) */
struct smb1_nt_create {
	u32 flags;		/* NT_CREATE_* */
	u32 root_fid;		/* 0: the path is from the share's root */
	u32 desired_access;	/* FILE_READ_DATA ... GENERIC_READ */
	u64 alloc_size;		/* of a file created or overwritten */
	u32 ext_attrs;		/* ATTR_* of a file created */
	u32 share_access;	/* FILE_SHARE_* */
	u32 disposition;	/* FILE_SUPERSEDE .. FILE_OVERWRITE_IF */
	u32 create_options;	/* FILE_DIRECTORY_FILE ... */
	u32 impersonation;	/* SECURITY_IMPERSONATION */
	u8 security_flags;	/* SMB_SECURITY_* */
};

/* The NT_CREATE_ANDX reply ([MS-CIFS] 2.2.4.64.2) */
struct smb1_nt_create_rsp {
	u16 fid;
	u8 oplock;		/* SMB_OPLOCK_*: the level granted */
	u32 action;		/* FILE_OPENED, FILE_CREATED ... */
	u16 resource_type;	/* 0: a file or directory on disk */
	bool is_dir;		/* the Directory byte */
	struct smb1_fattr attr;	/* no file id: file_id 0 */
};

/* How statfs asks, newest first (ops.c) */
enum {
	SMB1_STATFS_NT,		/* TRANS2 SMB_QUERY_FS_SIZE_INFO */
	SMB1_STATFS_ALLOC,	/* TRANS2 SMB_INFO_ALLOCATION */
	SMB1_STATFS_DISK,	/* QUERY_INFORMATION_DISK */
};

/* SMB_QUERY_FS_SIZE_INFO, SMB_INFO_ALLOCATION, QUERY_INFORMATION_DISK */
struct smb1_fs_size {
	u64 total_units;
	u64 free_units;
	u32 sectors_per_unit;
	u32 bytes_per_sector;
};

/* The layout of the entries of a search reply */
enum smb1_find_level {
	SMB1_FIND_LEVEL_DIRINFO,	/* SMB_FIND_FILE_DIRECTORY_INFO */
	SMB1_FIND_LEVEL_STANDARD,	/* SMB_INFO_STANDARD, resume keys */
	SMB1_FIND_LEVEL_CORE,		/* core SEARCH */
	SMB1_FIND_LEVEL_ID_FULL,	/* SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO */
};

#define SMB1_SEARCH_RESUME_KEY_SIZE	21
#define SMB1_SEARCH_ENTRY_SIZE		43	/* one core SEARCH entry */

/* FIND_FIRST2 / FIND_NEXT2 (or core SEARCH) response parameters */
struct smb1_find_rsp {
	u16 sid;		/* FIND_FIRST2 only */
	u16 count;
	u16 end_of_search;
	u16 last_name_offset;
	const u8 *data;		/* the entries */
	u16 data_len;
	/* how to read the entries: set by the caller (SEARCH: level) */
	enum smb1_find_level level;
	s16 tz;			/* server time zone, for DOS times */
	bool unicode;		/* names are UTF-16LE */
};

/* One directory entry as it stands on the wire */
struct smb1_dirent {
	struct smb1_fattr attr;
	u32 resume_key;		/* FileIndex */
	const u8 *resume;	/* core SEARCH: the 21-byte resume key */
	const u8 *name;		/* raw, in the frame; UTF-16LE or OEM */
	u32 name_len;		/* bytes */
};

/* Iterates the entries of a FIND reply's data block. */
struct smb1_find_iter {
	const u8 *data;
	u32 len;
	u32 pos;		/* offset of the next entry */
	u32 left;		/* entries the server said it sent */
	bool done;
	bool unpadded;		/* DIRINFO / ID_FULL entries end to end */
	enum smb1_find_level level;
	s16 tz;
	bool unicode;
};

void smb1_wbuf_init(struct smb1_wbuf *w, void *buf, size_t cap);
void smb1_put_u8(struct smb1_wbuf *w, u8 v);
void smb1_put_le16(struct smb1_wbuf *w, u16 v);
void smb1_put_le32(struct smb1_wbuf *w, u32 v);
void smb1_put_le64(struct smb1_wbuf *w, u64 v);
void smb1_put_bytes(struct smb1_wbuf *w, const void *p, size_t n);
void smb1_put_zero(struct smb1_wbuf *w, size_t n);
void smb1_put_align(struct smb1_wbuf *w, size_t a);
void smb1_put_string(struct smb1_wbuf *w, const char *s, bool unicode);
void smb1_put_path(struct smb1_wbuf *w, const char *s, bool unicode);
void smb1_put_hdr(struct smb1_wbuf *w, const struct smb1_hdr_info *hi);
void smb1_set_mid(void *msg, u16 mid);

int smb1_enc_negotiate(struct smb1_wbuf *w, const char *const *dialects,
		       unsigned int n);
int smb1_enc_sess_setup(struct smb1_wbuf *w,
			const struct smb1_sess_setup_req *r, bool unicode);
int smb1_enc_tree_connect(struct smb1_wbuf *w, const char *unc,
			  const u8 *password, u16 password_len, bool unicode);
int smb1_enc_tree_disconnect(struct smb1_wbuf *w);
int smb1_enc_logoff(struct smb1_wbuf *w);
/* ECHO; its len bytes of data follow as the request's payload */
int smb1_enc_echo(struct smb1_wbuf *w, u16 count, u16 len);
int smb1_enc_query_disk(struct smb1_wbuf *w);
int smb1_enc_query_path_info(struct smb1_wbuf *w, const char *path,
			     u16 level, u16 max_data, bool unicode);
int smb1_enc_query_fs_info(struct smb1_wbuf *w, u16 level, u16 max_data,
			   bool unicode);
int smb1_enc_find_first(struct smb1_wbuf *w, const char *pattern, u16 attrs,
			u16 count, u16 flags, u16 level, u16 max_data,
			bool unicode);
int smb1_enc_find_next(struct smb1_wbuf *w, u16 sid, u16 count, u16 level,
		       u32 resume_key, u16 flags, const u8 *last_name,
		       u32 last_name_len, u16 max_data);
int smb1_enc_find_close(struct smb1_wbuf *w, u16 sid);
int smb1_enc_open_andx(struct smb1_wbuf *w, const char *path, u16 access,
		       u16 open_func, bool unicode);
/*
 * NT_CREATE_ANDX of path with the fields of a; the name is Unicode when
 * the header already in w says so.
 */
int smb1_enc_nt_create(struct smb1_wbuf *w, const char *path,
		       const struct smb1_nt_create *a);
int smb1_enc_read_andx(struct smb1_wbuf *w, u16 fid, u64 offset, u32 count,
		       bool large);
int smb1_enc_close(struct smb1_wbuf *w, u16 fid);
/*
 * OPEN_ANDX of path for reading; with count, a READ_ANDX of the first
 * count bytes chained after it, and with close a CLOSE after that one.
 */
int smb1_enc_open_read(struct smb1_wbuf *w, const char *path,
		       const struct smb1_nt_create *nt, u32 count, bool close,
		       bool unicode);
/*
 * Chain the next command to be encoded into w after the AndX command
 * whose WordCount is at offset prev_wc (the w->len before encoding it).
 */
void smb1_enc_andx_link(struct smb1_wbuf *w, size_t prev_wc, u8 cmd);

int smb1_parse_frame(const u8 *buf, size_t len, struct smb1_frame *f);
int smb1_frame_andx_next(const struct smb1_frame *f, struct smb1_frame *next);
int smb1_dec_negotiate(const struct smb1_frame *f, unsigned int n_dialects,
		       struct smb1_negotiate_rsp *r);
int smb1_dec_sess_setup(const struct smb1_frame *f,
			struct smb1_sess_setup_rsp *r);
int smb1_dec_tree_connect(const struct smb1_frame *f, struct smb1_tcon_rsp *r);
int smb1_dec_trans2(const struct smb1_frame *f, struct smb1_trans2_rsp *r);
/* The file id of a FileInternalInformation reply */
int smb1_dec_internal_info(const struct smb1_trans2_rsp *t, u64 *id);
int smb1_dec_file_all_info(const struct smb1_trans2_rsp *t,
			   struct smb1_fattr *fa);
int smb1_dec_fs_size_info(const struct smb1_trans2_rsp *t,
			  struct smb1_fs_size *fs);
int smb1_dec_fs_alloc_info(const struct smb1_trans2_rsp *t,
			   struct smb1_fs_size *fs);
int smb1_dec_query_disk(const struct smb1_frame *f, struct smb1_fs_size *fs);
/* SMB_INFO_STANDARD; tz: the server's time zone (negotiate) */
int smb1_dec_info_standard(const struct smb1_trans2_rsp *t, int tz,
			   struct smb1_fattr *fa);
int smb1_enc_query_information(struct smb1_wbuf *w, const char *path,
			       bool unicode);
int smb1_dec_query_information(const struct smb1_frame *f, int tz,
			       struct smb1_fattr *fa);
/* resume_key: NULL for the first call, else the last entry's */
int smb1_enc_search(struct smb1_wbuf *w, const char *pattern, u16 attrs,
		    u16 count, const u8 *resume_key, bool unicode);
int smb1_dec_search(const struct smb1_frame *f, struct smb1_find_rsp *r);
int smb1_dec_find_first(const struct smb1_trans2_rsp *t,
			struct smb1_find_rsp *r);
int smb1_dec_find_next(const struct smb1_trans2_rsp *t,
		       struct smb1_find_rsp *r);
void smb1_find_iter_init(struct smb1_find_iter *it,
			 const struct smb1_find_rsp *r);
int smb1_find_iter_next(struct smb1_find_iter *it, struct smb1_dirent *de);
/* The last entry of r is the one of resume_key and name (raw). */
bool smb1_find_last_is(const struct smb1_find_rsp *r, u32 resume_key,
		       const u8 *name, u32 name_len);
int smb1_dec_open_andx(const struct smb1_frame *f, struct smb1_open_rsp *r);
/* OPEN_ANDX or NT_CREATE_ANDX, by the frame's command */
int smb1_dec_open_any(const struct smb1_frame *f, struct smb1_open_rsp *r);
/* A successful NT_CREATE_ANDX reply of 34 words or more */
int smb1_dec_nt_create(const struct smb1_frame *f,
		       struct smb1_nt_create_rsp *r);
int smb1_dec_read_andx(const struct smb1_frame *f, struct smb1_read_rsp *r);
/*
 * The same from the first have bytes of a total-byte READ_ANDX reply
 * (header and parameter block must be among them), so the data can be
 * received straight into its destination: it lies at data_offset.
 */
int smb1_dec_read_andx_hdr(const u8 *buf, size_t have, size_t total,
			   struct smb1_read_rsp *r);
int smb1_dec_empty(const struct smb1_frame *f, u8 min_wc);

/* ------------------------------------------------------------------ */
/* errmap.c: NT status and DOS errors to errno                         */
/* ------------------------------------------------------------------ */

int smb1_nt_status_to_errno(u32 status);
int smb1_dos_error_to_errno(u8 class, u16 code);
/* 0 when the frame reports success, else a negative errno */
int smb1_frame_errno(const struct smb1_frame *f);

/* One entry of the lookup tables; each table is sorted by key. */
struct smb1_errmap {
	u32 key;		/* NT status, or SMB1_DOS_KEY(class, code) */
	int err;
};

#define SMB1_DOS_KEY(class, code)	(((u32)(class) << 16) | (u16)(code))

/* The tables themselves, for the KUnit suite */
const struct smb1_errmap *smb1_nt_errmap(size_t *n);
const struct smb1_errmap *smb1_dos_errmap(size_t *n);

/* ------------------------------------------------------------------ */
/* unicode.c: UTF-16LE <-> UTF-8, case folding, NT time               */
/* ------------------------------------------------------------------ */

/*
 * Strict conversions: an unpaired surrogate, an invalid UTF-8 sequence or
 * a result that does not fit gives -EINVAL / -ENAMETOOLONG, never a
 * partial result.  Return the number of bytes written (no terminator is
 * counted; a NUL is appended when there is room for it).
 */
int smb1_utf16_to_utf8(const u8 *src, size_t src_bytes, char *dst,
		       size_t dst_len);
int smb1_utf8_to_utf16(const char *src, size_t src_len, u8 *dst,
		       size_t dst_bytes);
/* bytes of UTF-16LE needed for src, or -EINVAL */
int smb1_utf16_len(const char *src, size_t src_len);
/* The same for OEM strings in code page cp (NULL: ASCII only) */
int smb1_utf8_to_oem(const struct nls_table *cp, const char *src,
		     size_t src_len, u8 *dst, size_t dst_len, bool upper);
int smb1_oem_to_utf8(const struct nls_table *cp, const u8 *src,
		     size_t src_len, char *dst, size_t dst_len);
/* VFS names in the iocharset (local: NULL for UTF-8) <-> UTF-8 */
int smb1_local_to_utf8(const struct nls_table *local, const char *src,
		       size_t src_len, char *dst, size_t dst_len);
int smb1_utf8_to_local(const struct nls_table *local, const char *src,
		       size_t src_len, char *dst, size_t dst_len);
/* one path component, UTF-8: a valid 8.3 name in code page oem? */
bool smb1_is_83_name(const struct nls_table *oem, const char *name,
		     size_t len);

/*
 * Case folding as servers without Unix extensions compare names: the
 * upper-case letter of a code point (itself if unsure), the dcache hash
 * and equality of names in the iocharset (local: NULL for UTF-8), and a
 * 64-bit FNV-1a over a folded UTF-8 path.  A byte that does not decode
 * is a character of its own.  None of them sleeps or allocates.
 */
u32 smb1_upcase(u32 c);
unsigned long smb1_name_hash(const void *salt, const struct nls_table *local,
			     const unsigned char *name, unsigned int len);
bool smb1_name_equal(const struct nls_table *local, const unsigned char *a,
		     unsigned int alen, const unsigned char *b,
		     unsigned int blen);

/* 64-bit FNV-1a: the same on every machine and for every mount */
#define SMB1_FNV_BASIS	0xcbf29ce484222325ULL
#define SMB1_FNV_PRIME	0x00000100000001b3ULL
u64 smb1_fold_fnv(u64 h, const char *utf8, size_t len);
void smb1_fold_walk(const char *utf8, size_t len,
		    void (*sink)(void *arg, u8 b), void *arg);

struct timespec64 smb1_nt_time_to_ts(u64 nt);
u64 smb1_ts_to_nt_time(struct timespec64 ts);
/* UTIME: seconds since 1970-01-01 (0xffffffff: not set, gives 0) */
struct timespec64 smb1_utime_to_ts(u32 utime);
/*
 * SMB_DATE and SMB_TIME, in the server's local time; tz_minutes is the
 * ServerTimeZone of the negotiate reply (UTC = local time + tz_minutes).
 * A date of 0 (not set) gives 0.
 */
struct timespec64 smb1_dos_time_to_ts(u16 date, u16 time, int tz_minutes);

/* ------------------------------------------------------------------ */
/* auth.c: password hashes and challenge responses                     */
/* ------------------------------------------------------------------ */

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

/* ------------------------------------------------------------------ */
/* spnego.c: SPNEGO tokens around NTLMSSP                              */
/* ------------------------------------------------------------------ */

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

/* ------------------------------------------------------------------ */
/* transport.c: connection, framing, receive thread, requests          */
/* ------------------------------------------------------------------ */

struct smb1_conn;

enum smb1_req_state {
	SMB1_REQ_NEW,
	SMB1_REQ_SENT,
	SMB1_REQ_RECEIVING,	/* the receive thread owns it */
	SMB1_REQ_DONE,		/* rbuf holds the reply */
	SMB1_REQ_FAILED,	/* err holds why */
};

struct smb1_req {
	struct kref ref;
	struct smb1_conn *conn;
	struct list_head list;		/* on conn->unsent while queued */
	enum smb1_req_state state;
	int err;
	bool nowait;			/* nobody waits for the reply */
	/*
	 * A nowait request may have done(): called exactly once after it
	 * is settled (reply, failure, timeout, lost link), in the per-CPU
	 * completion worker (process context: it may sleep).  priv is for
	 * done.
	 */
	void (*done)(struct smb1_req *req);
	void *priv;
	/*
	 * late: a request whose reply must not go unread (an OPEN, whose
	 * FID would leak).  Given up by its waiter while still on the
	 * server, it becomes a nowait request with late() as its done().
	 */
	void (*late)(struct smb1_req *req);
	/*
	 * lost: failed because the connection broke under it.  bound: it
	 * names a FID or search handle, valid only on the connection
	 * generation gen; otherwise gen is the generation it was last sent
	 * on (or, before that, allocated on).
	 */
	bool lost;
	bool bound;
	/*
	 * once: a second run on the server would not be the same as one
	 * (a write, a delete, a rename, an exclusive create): lost after
	 * it may have reached the server (on_wire), it is not sent again
	 * but fails with -SMB1_ELOST, and its owner finds out what
	 * happened.  Set from the command (smb1_cmd_replayable()) and by
	 * smb1_req_once().
	 */
	bool once;
	bool on_wire;
	u32 gen;
	unsigned long deadline;		/* jiffies: when it is given up */
	u16 mid;
	u8 cmd;
	wait_queue_head_t wq;
	struct work_struct wake;	/* wakes wq for the receive thread */
	/* request: NB header + message; w.buf points past the NB header */
	u8 *sbuf;
	struct smb1_wbuf w;
	/* reply: the message without the NetBIOS header */
	u8 *rbuf;
	size_t rlen;		/* bytes in rbuf */
	size_t total_len;	/* bytes of the whole reply on the wire */
	/*
	 * A reply with a payload (READ_ANDX): the payload goes straight
	 * into data_iter (at most data_max bytes).  Once data_prefix bytes
	 * of the reply are in rbuf, data_at() says where in the whole reply
	 * of total bytes the payload lies (offset and length), or fails
	 * for a reply to be received whole (an error, a malformed one).
	 * rbuf then holds just what lies before the payload, and data_len
	 * says how much of it arrived.
	 */
	struct iov_iter *data_iter;
	/*
	 * A request with a payload (the data of a write): it goes on the
	 * wire after the message in w, from a copy of payload, which the
	 * request never advances; what it points to must not change until
	 * the request is settled (a signed mount keeps pages stable).
	 */
	struct iov_iter payload;
	bool has_payload;
	int (*data_at)(const u8 *buf, size_t have, size_t total, u32 *off,
		       u32 *len);
	u32 data_prefix;
	u32 data_max;
	u32 data_len;
	/*
	 * cancelled: the waiter gave up while the reply was being received;
	 * the receive thread then stops filling data_iter, says so in
	 * iter_released (release; the waiter acquires) and drops the rest.
	 */
	bool cancelled;
	bool iter_released;
	/* message signing: the sequence number the request went out with */
	bool sign;
	u32 sign_seq;
};

/* header, WordCount, 12 parameter words, ByteCount of a READ_ANDX reply */
#define SMB1_READ_RSP_PREFIX	(SMB1_HDR_SIZE + 1 + 24 + 2)

/* Dialect families, oldest first */
enum smb1_proto {
	SMB1_PROTO_LANMAN1 = 1,	/* LANMAN1.0: no TRANS2 */
	SMB1_PROTO_LANMAN2,	/* LM1.2X002, LANMAN2.1 */
	SMB1_PROTO_NT,		/* NT LM 0.12 */
};

#define SMB1_VERS_ANY	(BIT(SMB1_PROTO_LANMAN1) | BIT(SMB1_PROTO_LANMAN2) | \
			 BIT(SMB1_PROTO_NT))

/* How lookup and readdir ask: the information levels the server knows */
enum smb1_level {
	SMB1_LEVEL_CORE,	/* QUERY_INFORMATION and SEARCH */
	SMB1_LEVEL_STANDARD,	/* TRANS2 with SMB_INFO_STANDARD */
	SMB1_LEVEL_NT,		/* TRANS2 with the NT levels */
};

/*
 * sec=, strongest first.  auto (the default) takes NTLMSSP when the
 * server offers extended security and raw NTLMv2 otherwise; the others
 * force one way of logging in.
 */
enum smb1_sec {
	SMB1_SEC_AUTO,		/* NTLMv2, in NTLMSSP where the server has it */
	SMB1_SEC_NTLMV2,	/* LMv2 and NTLMv2 responses */
	SMB1_SEC_NTLMSSP,	/* the same in NTLMSSP (extended security) */
	SMB1_SEC_NTLM,		/* NTLMv1 response */
	SMB1_SEC_LANMAN,	/* LM response */
	SMB1_SEC_PLAINTEXT,	/* the password itself */
	SMB1_SEC_NONE,		/* anonymous */
};

/* The NetBIOS name most servers answer to besides their own */
#define SMB1_NB_ANY_NAME	"*SMBSERVER"

/*
 * The life of a connection (see transport.c).  GOOD: requests flow.
 * NEED_RECONNECT: the link broke; the reconnect worker is due.
 * RECONNECTING: the worker is dialling, negotiating and logging in
 * again; only its own requests are sent.  DEAD: closed for good.
 */
enum smb1_conn_state {
	SMB1_CONN_GOOD,
	SMB1_CONN_NEED_RECONNECT,
	SMB1_CONN_RECONNECTING,
	SMB1_CONN_DEAD,
};

enum smb1_conn_event {
	SMB1_EV_LOST,		/* the receive thread saw the link break */
	SMB1_EV_START,		/* the worker begins an attempt */
	SMB1_EV_UP,		/* the attempt succeeded */
	SMB1_EV_FAILED,		/* the attempt failed */
	SMB1_EV_CLOSE,		/* umount */
};

/* A request failed because the link broke: worth a retry on a new one */
#define SMB1_ELOST		ENOTCONN
/*
 * A reconnect refused: the mount signed, the new session would not
 * (see smb1_sign_choose()); requests fail with EIO until one succeeds
 */
#define SMB1_EDOWNGRADE		EKEYREJECTED

/* Pure helpers of the reconnect logic (for the KUnit suite too) */
enum smb1_conn_state smb1_conn_next_state(enum smb1_conn_state s,
					  enum smb1_conn_event ev,
					  bool can_reconnect);
/* The wait before reconnect attempt number attempt (0: the first) */
unsigned long smb1_reconnect_delay(unsigned int attempt);
/* soft mounts: requests have waited long enough for the link since lost */
bool smb1_soft_expired(unsigned long lost_at, unsigned long now,
		       unsigned long bound);
/* May a request of command cmd that was lost be sent again? */
bool smb1_cmd_replayable(u8 cmd);

/* The longest SMB message one frame carries on port (139: NetBIOS) */
u32 smb1_frame_limit(u16 port);

/* conn->refused after a reconnect attempt ended with ev and ret */
bool smb1_refused_next(bool refused, enum smb1_conn_event ev, int ret);

enum smb1_echo_act {
	SMB1_ECHO_NONE,		/* traffic, or a probe not yet overdue */
	SMB1_ECHO_PROBE,	/* idle for an interval: send ECHO */
	SMB1_ECHO_DEAD,		/* a probe went an interval unanswered */
};

/*
 * The echo watchdog at now: the last byte came at last_rx, the last
 * probe went out at probe_at (0: none yet), the interval is iv.
 */
enum smb1_echo_act smb1_echo_verdict(unsigned long now, unsigned long last_rx,
				     unsigned long probe_at, unsigned long iv);

#define SMB1_RECONNECT_MAX_DELAY	(8 * HZ)
/* A soft mount resends a request lost with the link at most so often */
#define SMB1_SOFT_RETRIES		2

struct smb1_conn;

/*
 * Logs in again on a new link: negotiate, session setup, tree connect.
 * Called by the reconnect worker with the new socket in place.
 */
typedef int (*smb1_setup_fn)(struct smb1_conn *conn, void *arg);

/*
 * The socket a reconnect is dialling, so that umount can abort the dial
 * (a connect() to an absent server waits SMB1_CONNECT_TIMEOUT).  Once
 * stop is set no new dial starts.
 */
struct smb1_dial {
	struct mutex lock;
	struct socket *sock;
	bool stop;
};

struct smb1_conn_params {
	struct smb1_dial *dial;		/* NULL: the dial cannot be aborted */
	const struct sockaddr_storage *addr;
	u16 port;			/* 0: 445, then 139 */
	const char *called_name;	/* NetBIOS name of the server */
	const char *calling_name;	/* ours */
	unsigned long timeout;		/* per request, jiffies */
	struct net *net;		/* NULL: the caller's */
};

struct smb1_conn {
	struct socket *sock;
	struct task_struct *rx_task;
	struct mutex send_mutex;	/* one frame on the wire at a time */
	spinlock_t lock;		/* reqs, next_mid, err */
	struct xarray reqs;		/* MID -> struct smb1_req */
	u32 next_mid;			/* cursor for cyclic allocation */
	bool closing;
	int err;			/* non-zero once the link is gone */
	struct semaphore mpx;		/* requests in flight <= max_mpx */
	struct delayed_work expire;	/* gives up unanswered nowait reqs */
	unsigned long timeout;
	u16 port;
	u32 max_frame;			/* largest reply accepted */

	/* reconnect; the state fields are under lock */
	enum smb1_conn_state state;
	u32 gen;			/* bumped by every reconnect */
	unsigned int attempts;		/* failed attempts since the loss */
	unsigned long lost_at;		/* jiffies of the loss */
	wait_queue_head_t state_wq;	/* woken on every state change */
	struct delayed_work reconnect;
	struct task_struct *rc_task;	/* the worker, while it works */
	smb1_setup_fn setup;		/* NULL: no reconnect (mounting) */
	void *setup_arg;
	bool hard;			/* wait for the server for ever */
	struct smb1_conn_params params;	/* how to dial again */
	struct smb1_dial dial;		/* the dial of a reconnect */
	struct net *net;		/* the mounter's, held */
	struct mutex sock_mutex;	/* sock and rx_task change under it */
	u32 reconnects;			/* successful ones */
	bool refused;			/* since the last success: EDOWNGRADE */
	/* echo */
	struct delayed_work echo;
	unsigned long echo_interval;	/* jiffies; 0: no echo */
	unsigned long last_rx;		/* jiffies of the last frame */
	unsigned long echo_at;		/* the last probe (echo work only) */
	/* FIDs of opens given up by their waiters, closed by a worker */
	spinlock_t late_lock;
	unsigned int n_late;
	struct {
		u16 fid;
		u32 gen;
	} late[16];
	struct work_struct late_close;
	/* requests holding a MaxMpxCount slot, and the most ever held */
	atomic_t inflight;
	atomic_t max_inflight;
	bool mpx_set;			/* slots given out (first negotiate) */

	/* from negotiate and session setup */
	u16 max_mpx;
	u32 max_buffer;
	u32 caps;
	u8 security_mode;
	u32 session_key;
	u16 dialect;
	s16 tz;
	u8 challenge[8];
	u8 challenge_len;
	enum smb1_proto proto;
	enum smb1_level level;
	struct nls_table *oem;		/* code page of OEM strings */
	bool unicode;
	bool offset64;			/* READ_ANDX takes OffsetHigh */
	bool ext_sec;			/* extended security (NTLMSSP) */
	bool no_open_read;		/* no READ_ANDX chained to opens */
	bool no_open_close;		/* no CLOSE chained after that */
	/*
	 * File ids: asked for in listings (set at mount when the mount
	 * uses them); the pass-through query level refused by the server.
	 */
	bool want_ids;			/* serverino on a server with them */
	bool ids_in_use;		/* the mount's inodes are keyed by them */
	bool find_ids;
	bool no_pt_query;
	bool no_nt_create;		/* opens with OPEN_ANDX all the same */
	atomic_t handles;		/* smb1_handle of this connection */
	unsigned int statfs_way;	/* SMB1_STATFS_*: what statfs asks */
	u16 flags2;			/* sent in every request */
	u16 uid;
	u16 tid;
	u32 pid;
	bool guest;
	const char *auth;		/* how the session logged in */
	char *server_domain;		/* UTF-8, from negotiate */

	/* message signing (sign.c) */
	bool sign_wanted;		/* negotiate: sign once logged in */
	bool signing;			/* every request is signed */
	bool has_signed;		/* a session of this mount signed */
	u32 sign_seq;			/* the next request's; send_mutex */
	struct crypto_shash *sign_md5;
	u8 *sign_key;
	size_t sign_key_len;
};

/*
 * Work the receive thread hands on: it runs on the same CPU once the
 * thread sleeps again (see smb1_req_complete()).  Set up at module load.
 */
extern struct workqueue_struct *smb1_complete_wq;
int smb1_transport_init(void);
void smb1_transport_exit(void);

void smb1_conn_init(struct smb1_conn *conn, unsigned long timeout);
int smb1_conn_open(const struct smb1_conn_params *p, struct smb1_conn **out,
		   struct fs_context *fc);
/* Fail every request in flight and refuse new ones with err. */
void smb1_conn_fail(struct smb1_conn *conn, int err);
/* No reclaim into the fs, no task page fragment, timeouts, no Nagle */
void smb1_sock_tune(struct socket *sock);
/* Close fid of generation gen from a worker; callable in any context */
void smb1_conn_defer_close(struct smb1_conn *conn, u16 fid, u32 gen);
void smb1_conn_close(struct smb1_conn *conn);
/*
 * After the mount is complete: log in again with setup(conn, arg) after
 * a loss, wait for the server for ever if hard, send ECHO when the link
 * has been idle for echo_interval jiffies (0: never).
 */
void smb1_conn_enable_reconnect(struct smb1_conn *conn, smb1_setup_fn setup,
				void *arg, bool hard,
				unsigned long echo_interval);
/*
 * Start of umount: no more reconnects, the goodbye requests wait for
 * a short time only.
 */
void smb1_conn_quiesce(struct smb1_conn *conn);
/*
 * Wait until the link is up (killable; soft: bounded by the timeout
 * since the loss).  0, -EINTR, -EHOSTDOWN or -ESHUTDOWN; -EIO once a
 * reconnect was refused because the new session would not sign, until
 * an attempt succeeds.
 */
int smb1_conn_wait_ready(struct smb1_conn *conn);
static inline u32 smb1_conn_gen(struct smb1_conn *conn)
{
	return READ_ONCE(conn->gen);
}

static inline bool smb1_conn_up(struct smb1_conn *conn)
{
	return READ_ONCE(conn->state) == SMB1_CONN_GOOD;
}

/* req names a FID or search handle of connection generation gen */
static inline void smb1_req_bind(struct smb1_req *req, u32 gen)
{
	req->bound = true;
	req->gen = gen;
}

/* req must not run twice on the server (see struct smb1_req, once) */
static inline void smb1_req_once(struct smb1_req *req)
{
	req->once = true;
}

/* For /proc/self/mountstats */
struct seq_file;
void smb1_conn_show_stats(struct seq_file *m, struct smb1_conn *conn);
/* Allow up to n requests in flight (after negotiate). */
void smb1_conn_set_mpx(struct smb1_conn *conn, u16 n);
int smb1_nb_encode_name(const char *name, u8 type, u8 *out);

/* A request with room for len bytes of message; header already written. */
struct smb1_req *smb1_req_alloc(struct smb1_conn *conn, u8 cmd, size_t len);
void smb1_req_put(struct smb1_req *req);
/* The MID table: enter a request (gets its MID), take one out by MID. */
int smb1_req_register(struct smb1_conn *conn, struct smb1_req *req);
struct smb1_req *smb1_req_take(struct smb1_conn *conn, u16 mid);
/*
 * Put req on the wire.  block: wait (killable) for one of the server's
 * MaxMpxCount slots; else -EAGAIN when none is free (a task that already
 * has requests in flight must not wait for one).  On success the caller
 * owes smb1_req_wait().
 */
int smb1_req_send(struct smb1_req *req, bool block);
/*
 * Wait (killable, bounded by conn->timeout) for the reply to a request
 * smb1_req_send() put on the wire, and give its slot back.  Returns 0
 * with req->rbuf/rlen set, or a negative errno.
 */
int smb1_req_wait(struct smb1_req *req);
/*
 * Send req and wait (killable, bounded by conn->timeout) for the reply.
 * Returns 0 with req->rbuf/rlen set, or a negative errno.
 */
int smb1_req_send_wait(struct smb1_req *req);
/*
 * Send a request whose reply nobody needs (CLOSE): the reply, or the
 * failure of the link, completes it; the caller just drops its reference.
 */
int smb1_req_send_nowait(struct smb1_req *req);

/* ------------------------------------------------------------------ */
/* sign.c: message signing                                             */
/* ------------------------------------------------------------------ */

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

/* ------------------------------------------------------------------ */
/* session.c: negotiate, authentication, tree                          */
/* ------------------------------------------------------------------ */

struct smb1_mount_opts;

/* Whether a new session signs: smb1_sign_choose() */
enum smb1_sign_choice {
	SMB1_SIGN_OFF,		/* unsigned */
	SMB1_SIGN_ON,		/* signed */
	SMB1_SIGN_UNAVAILABLE,	/* to be signed, cannot be: the mount fails */
	SMB1_SIGN_DOWNGRADE,	/* the mount signed, this one would not */
};

enum smb1_sign_choice smb1_sign_choose(bool offered, bool required,
				       bool sign, bool has_signed);
int smb1_negotiate(struct smb1_conn *conn, const struct smb1_mount_opts *o,
		   struct fs_context *fc);
int smb1_session_setup(struct smb1_conn *conn,
		       const struct smb1_mount_opts *o, struct fs_context *fc);
int smb1_tree_connect(struct smb1_conn *conn, const struct smb1_mount_opts *o,
		      struct fs_context *fc);
void smb1_tree_disconnect(struct smb1_conn *conn);
void smb1_logoff(struct smb1_conn *conn);

/* ------------------------------------------------------------------ */
/* ops.c: file-system operations                                       */
/* ------------------------------------------------------------------ */

/* State of one FIND_FIRST2 / FIND_NEXT2 sequence */
struct smb1_search {
	u16 sid;
	u32 gen;		/* connection generation of sid */
	bool open;		/* the server holds a search handle */
	bool eos;		/* the server said there is no more */
	u32 resume_key;
	const u8 *last_name;	/* raw name of the last entry, in req */
	u32 last_name_len;
	u32 entries;		/* returned so far */
	u16 level;		/* the FIND information level of the search */
	u64 seq;		/* smb1_clock_tick() before the current batch */
	u8 resume[SMB1_SEARCH_RESUME_KEY_SIZE];	/* core SEARCH */
	/* the current reply and the position within it */
	struct smb1_req *req;
	struct smb1_find_iter it;
};

/*
 * Send req, wait for its reply and check it: on success *frame describes
 * req->rbuf; a server error status is returned as a negative errno.
 */
int smb1_call(struct smb1_req *req, struct smb1_frame *frame);

int smb1_query_path_info(struct smb1_conn *conn, const char *path,
			 struct smb1_fattr *fa);
int smb1_query_fs_size(struct smb1_conn *conn, struct smb1_fs_size *fs);
size_t smb1_path_req_len(const char *path);
/*
 * Open path for reading.  With iter, a READ_ANDX at offset 0 for its
 * count travels in the same message and its data lands in iter: returns
 * the bytes read (0 if the server opened the file but did not read), or
 * a negative errno.  With close as well, a CLOSE of the new FID follows
 * the read in that message; info->closed says whether the server ran it
 * (if not, the FID is open as after any other open).
 */
ssize_t smb1_open(struct smb1_conn *conn, const char *path,
		  struct smb1_open_rsp *info, struct iov_iter *iter, bool close,
		  u32 *gen);
/*
 * Close fid without waiting for the reply: nothing can be done about a
 * failed close, and the next open need not wait for it.
 */
int smb1_close(struct smb1_conn *conn, u16 fid, u32 gen);
/* Read up to len bytes at off into iter; returns bytes read, 0 at EOF. */
ssize_t smb1_read(struct smb1_conn *conn, u16 fid, u32 gen, u64 off,
		  size_t len, struct iov_iter *iter);
/*
 * A read nobody waits for: done(req) runs when it is settled, with priv
 * in req->priv, and learns the outcome from smb1_read_result().  0 means
 * done will run exactly once; an error that it never will.
 */
int smb1_read_async(struct smb1_conn *conn, u16 fid, u32 gen, u64 off,
		    size_t len, struct iov_iter *iter,
		    void (*done)(struct smb1_req *req), void *priv);
/* The outcome of a settled read: bytes placed in iter, or an errno. */
ssize_t smb1_read_result(struct smb1_req *req, struct iov_iter *iter);
/* Start a search for "dir\*"; fills s and its first batch. */
int smb1_find_first(struct smb1_conn *conn, const char *dir,
		    struct smb1_search *s);
/* The next entry: 0 and *de filled, -ENOENT at the end, or an error. */
int smb1_search_next(struct smb1_conn *conn, struct smb1_search *s,
		     struct smb1_dirent *de);
void smb1_search_end(struct smb1_conn *conn, struct smb1_search *s);
u32 smb1_read_size(const struct smb1_conn *conn, u32 rsize);

/* ------------------------------------------------------------------ */
/* super.c: mount options and the superblock                           */
/* ------------------------------------------------------------------ */

struct smb1_mount_opts {
	char *source;		/* //server/share as given */
	char *server;
	char *share;
	char *unc;		/* \\server\share */
	char *username;
	char *password;
	char *domain;
	struct sockaddr_storage addr;
	bool have_addr;
	u16 port;
	char *servern;
	char *netbiosname;
	kuid_t uid;
	kgid_t gid;
	umode_t file_mode;
	umode_t dir_mode;
	u32 rsize;
	unsigned int actimeo;	/* jiffies */
	unsigned long timeout;	/* per request, jiffies */
	bool guest;
	bool sign;		/* insist on message signing */
	enum smb1_sec sec;	/* the weakest authentication allowed */
	u32 vers;		/* BIT(SMB1_PROTO_*): dialects to offer */
	char *codepage;		/* OEM code page of a non-Unicode server */
	char *sharepass;	/* share-level security password */
	char *iocharset;	/* character set of local names */
	bool hard;		/* wait for a lost server for ever */
	unsigned int echo_interval;	/* seconds; 0: no echo */
	bool noperm;		/* no permission checks of our own */
	u32 wsize;		/* largest write; 0: the server's limit */
	bool serverino;		/* inode numbers from the server's file ids */
	bool case_sensitive;	/* case=sensitive: the share tells case apart */
	char *prefix;		/* subdirectory mounted, "\\a\\b", or NULL */
};

struct smb1_sb_info {
	struct smb1_conn *conn;
	struct smb1_mount_opts opts;
	/* iocharset=, NULL for UTF-8 (names pass through unconverted) */
	struct nls_table *local;
	bool ids;		/* inodes keyed by the server's file ids */
	bool nocase;		/* names compared without case */
};

static inline struct smb1_sb_info *SMB1_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

void smb1_free_opts(struct smb1_mount_opts *o);
int smb1_parse_source(struct fs_context *fc, struct smb1_mount_opts *o);
extern const struct fs_parameter_spec smb1_fs_parameters[];

/* ------------------------------------------------------------------ */
/* inode.c, dir.c, file.c: the VFS glue                                */
/* ------------------------------------------------------------------ */

/* Access modes, one handle each per inode */
enum {
	SMB1_H_READ,
	SMB1_H_MODES,
};

struct smb1_inode_info {
	struct inode vfs_inode;
	unsigned long attr_time;	/* jiffies of the last refresh */
	u64 attr_gen;			/* stamp of what was last taken */
	unsigned long flags;		/* SMB1_I_* */
	atomic_t writers;		/* writes in flight (none yet) */
	u64 key;			/* smb1_ikey: set once, at iget */
	bool by_id;
	u32 attrs;
	struct timespec64 btime;
	spinlock_t h_lock;		/* handles[] and their users */
	struct smb1_handle *handles[SMB1_H_MODES];
	/* directories: entries at the last complete listing, 0 unknown */
	u32 dir_entries;
	struct mutex refresh_lock;	/* one smb1_dir_refresh() at a time */
};

/* smb1_inode_info.flags */
enum {
	SMB1_I_INVAL,		/* page cache stale until invalidated */
};

/*
 * A directory up to this size is refreshed as a whole (one request) when
 * an entry goes stale.  The server does work for every entry listed, so
 * for larger directories one request per entry costs less, unless
 * nearly all of them are wanted at once.
 */
#define SMB1_DIR_REFRESH_MAX	128

static inline struct smb1_inode_info *SMB1_I(struct inode *inode)
{
	return container_of(inode, struct smb1_inode_info, vfs_inode);
}

/* attr.c */

/* One clock for every mount: requests are stamped before they are sent */
u64 smb1_clock_tick(void);

/* An inode's side of smb1_attr_plan() */
struct smb1_attr_cur {
	u64 gen;		/* stamp of what the inode last took */
	loff_t size;		/* i_size */
	struct timespec64 mtime;
	bool is_reg;
	/* dirty or writeback folios, or writes in flight */
	bool busy;
};

#define SMB1_ATTR_APPLY		BIT(0)	/* take the reply's attributes */
#define SMB1_ATTR_SIZE		BIT(1)	/* and its size */
#define SMB1_ATTR_INVAL		BIT(2)	/* the page cache is stale */

/*
 * What to do with attributes fa (size: fa's, clamped) for an inode in
 * state cur: 0 drops a reply older than what the inode holds.
 */
unsigned int smb1_attr_plan(const struct smb1_attr_cur *cur,
			    const struct smb1_fattr *fa, loff_t size);

/* ------------------------------------------------------------------ */
/* handle.c: server FIDs shared by the opens of an inode                */
/* ------------------------------------------------------------------ */

/* See handle.c for who holds references and when a FID is closed. */
struct smb1_handle {
	refcount_t ref;
	struct smb1_conn *conn;
	struct mutex lock;	/* opening; fid, gen, open and stale */
	unsigned int users;	/* open files; the inode's h_lock */
	u8 mode;		/* SMB1_H_* */
	bool open;		/* fid is open on link generation gen */
	bool opened;		/* a later open is a reopen, checked */
	bool stale;		/* reopened, the name led to another file */
	u16 fid;
	u32 gen;
};

/* The inode's shared handle of mode for a new open, as a user */
struct smb1_handle *smb1_handle_get(struct inode *inode, unsigned int mode);
/* An open file's close: drop its use and its reference */
void smb1_handle_release(struct inode *inode, struct smb1_handle *h);
/* A handle of inode in use by an open file, held; NULL if none */
struct smb1_handle *smb1_handle_find(struct inode *inode);
void smb1_handle_hold(struct smb1_handle *h);
/* No more use for h: it goes stale, new opens get a new handle */
void smb1_handle_forget(struct inode *inode, struct smb1_handle *h);
/* Drop a reference, in process context; the last closes the FID */
void smb1_handle_put(struct smb1_handle *h);
/* Under h->lock: h has a FID on the current link */
bool smb1_handle_ready(struct smb1_handle *h);
/* Under h->lock: h has FID fid, opened on link generation gen */
void smb1_handle_set(struct smb1_handle *h, u16 fid, u32 gen);
/*
 * The FID of h and its link generation, opening the file by the name of
 * dentry first if h has none on the current link (-EBADF without a
 * dentry).  -ESTALE for a handle whose name led to another file.
 */
int smb1_handle_fid(struct smb1_handle *h, struct dentry *dentry, u16 *fid,
		    u32 *gen);
/*
 * A request through the FID of h on generation gen found the link lost:
 * wait for the new link (bounded) and open the file on it, unless
 * another user has.
 */
int smb1_handle_lost(struct smb1_handle *h, struct dentry *dentry, u32 gen);

extern const struct inode_operations smb1_dir_inode_ops;
extern const struct inode_operations smb1_file_inode_ops;
extern const struct file_operations smb1_dir_ops;
extern const struct file_operations smb1_file_ops;
extern const struct address_space_operations smb1_aops;
extern const struct dentry_operations smb1_dentry_ops;
extern const struct dentry_operations smb1_ci_dentry_ops;

int smb1_init_inodecache(void);
void smb1_destroy_inodecache(void);
struct inode *smb1_alloc_inode(struct super_block *sb);
void smb1_free_inode(struct inode *inode);
/*
 * What finds the inode of a server file in the inode cache: its file id,
 * or the hash of its path (folded when names are compared without case).
 */
struct smb1_ikey {
	u64 key;		/* what the inode cache compares */
	u64 ino;		/* st_ino and d_ino, stable across mounts */
	bool by_id;		/* key is the server's file id */
	bool dir;		/* the file is a directory */
};

/* Draw the key of the path hashes, at module load */
void smb1_ikey_init(void);

void smb1_ikey_make(struct smb1_ikey *k, bool ids, bool nocase,
		    const struct smb1_fattr *fa, const char *dir,
		    const char *name, size_t name_len);
/* smb1_ikey_make() with the mount's rules */
void smb1_sb_ikey(struct super_block *sb, struct smb1_ikey *k,
		  const struct smb1_fattr *fa, const char *dir,
		  const char *name, size_t name_len);
/* st_ino and readdir's d_ino of the file with key k */
ino_t smb1_ikey_ino(const struct smb1_ikey *k);
/* The cached or a new inode of the file k names, updated from fa */
struct inode *smb1_iget(struct super_block *sb, const struct smb1_ikey *k,
			const struct smb1_fattr *fa);
/* Whether inode is the file k names */
bool smb1_inode_is(struct inode *inode, const struct smb1_ikey *k);
/* Apply the server's fa to inode (smb1_attr_plan()), dropping stale pages */
void smb1_update_inode(struct inode *inode, const struct smb1_fattr *fa);
/* Drop the page cache of inode if marked stale (SMB1_I_INVAL) */
void smb1_inode_invalidate(struct inode *inode);
/*
 * "\dir\name" (UTF-8) for a dentry, "" for the root; kfree the result.
 * An ERR_PTR when it cannot be built (-EINVAL: a name holds a '\').
 */
char *smb1_build_path(struct dentry *dentry);
/* The attributes of inode are older than actimeo. */
bool smb1_attr_stale(struct inode *inode);
/*
 * The reply to an open sent at clock seq, answered at when, matches the
 * cached size, mtime and type: they count as checked then.
 */
bool smb1_open_confirms(struct dentry *dentry, const struct smb1_open_rsp *rsp,
			int tz, unsigned long when, u64 seq);
/* The reply to an open shows the size, mtime and type inode holds */
bool smb1_open_same_file(struct inode *inode, const struct smb1_open_rsp *rsp,
			 int tz);
/*
 * Refresh dentry's inode from the server; -ESTALE if the name now leads
 * to another file.
 */
int smb1_revalidate(struct dentry *dentry);
/* Enter parent/name, the file k with attributes fa, into the dcache */
void smb1_prime_dentry(struct dentry *parent, const struct smb1_ikey *k,
		       const char *name, unsigned int len,
		       const struct smb1_fattr *fa);
/* Update the cached dentry parent/name, if any, with what the server sent */
void smb1_refresh_dentry(struct dentry *parent, const char *name,
			 unsigned int len, const struct smb1_ikey *k,
			 const struct smb1_fattr *fa, unsigned long when);
/*
 * Refresh the cached entries of directory dir from the first FIND reply
 * of a new search.  Best effort.
 */
void smb1_dir_refresh(struct dentry *dir);

#endif /* _SMB1FS_INTERNAL_H */
