/* SPDX-License-Identifier: GPL-2.0 */
/* Encoders and decoders of SMB1 messages (proto.c): pure, no I/O */
#ifndef _SMB1FS_PROTO_H
#define _SMB1FS_PROTO_H

#include "common.h"

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
	bool lanman;		/* the 13-word LAN Manager reply, or core */
	bool core;		/* the 1-word core protocol reply */
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

/* TRANS2_SET_{FILE,PATH}_INFORMATION: one level and its fields */
struct smb1_setinfo {
	u16 level;		/* SMB_SET_FILE_* */
	/* BASIC_INFO: NT times and attributes, 0 for "leave as is" */
	u64 btime;
	u64 atime;
	u64 mtime;
	u64 chtime;
	u32 attrs;
	u64 size;		/* END_OF_FILE, ALLOCATION */
	bool delete;		/* DISPOSITION: delete on close */
	/* RENAME_INFO_PT: a name in the same directory, not empty */
	const char *name;
	bool replace;		/* ReplaceIfExists */
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
int smb1_enc_query_file_info(struct smb1_wbuf *w, u16 fid, u16 level,
			     u16 max_data);
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
int smb1_enc_close_mtime(struct smb1_wbuf *w, u16 fid, u32 mtime);
/*
 * WRITE_ANDX of len bytes at offset that follow as the request's payload;
 * large: the 14-word form (CAP_LARGE_FILES), else offset + len must stay
 * within 4 GiB (-EFBIG).  mode: SMB_WRITE_THROUGH or 0.
 */
int smb1_enc_write_andx(struct smb1_wbuf *w, u16 fid, u64 offset, u32 len,
			bool large, u16 mode);
int smb1_enc_flush(struct smb1_wbuf *w, u16 fid);
/* SET_INFORMATION: attrs and mtime (UTIME, 0: as is) of path */
int smb1_enc_set_information(struct smb1_wbuf *w, const char *path,
			     u16 attrs, u32 mtime);
/* The three times of SET_INFORMATION2, in the order it sends them */
enum {
	SMB1_DOS_CREATE,
	SMB1_DOS_ACCESS,
	SMB1_DOS_WRITE,
	SMB1_DOS_TIMES,
};

struct smb1_dos_times {
	u16 date[SMB1_DOS_TIMES];	/* SMB_DATE, server-local */
	u16 time[SMB1_DOS_TIMES];	/* SMB_TIME */
};

/* SET_INFORMATION2: the times of fid's file, each as given */
int smb1_enc_set_information2(struct smb1_wbuf *w, u16 fid,
			      const struct smb1_dos_times *t);
/* A zero-length core WRITE: the file's size becomes size */
int smb1_enc_write_setsize(struct smb1_wbuf *w, u16 fid, u32 size);
/* The core WRITE of len bytes at offset, which follow as the payload */
int smb1_enc_write_core(struct smb1_wbuf *w, u16 fid, u32 offset, u16 len);
/* The core TREE_CONNECT: the password in plain text, without its NUL */
int smb1_enc_tree_connect_core(struct smb1_wbuf *w, const char *unc,
			       const u8 *password, u16 password_len);
/* The core OPEN; CREATE and CREATE_NEW (by the header's command) */
int smb1_enc_open_core(struct smb1_wbuf *w, const char *path, u16 access,
		       u16 search);
int smb1_enc_create_core(struct smb1_wbuf *w, const char *path, u16 attrs,
			 u32 ctime);
int smb1_enc_read_core(struct smb1_wbuf *w, u16 fid, u32 offset, u16 count);
/* Names are Unicode when the header already in w says so. */
int smb1_enc_delete(struct smb1_wbuf *w, const char *path, u16 search);
int smb1_enc_mkdir(struct smb1_wbuf *w, const char *path);
int smb1_enc_rmdir(struct smb1_wbuf *w, const char *path);
/* RENAME with level 0, else NT_RENAME at that InformationLevel */
int smb1_enc_rename(struct smb1_wbuf *w, const char *from, const char *to,
		    u16 search, u16 level);
int smb1_enc_set_file_info(struct smb1_wbuf *w, u16 fid,
			   const struct smb1_setinfo *si);
int smb1_enc_set_path_info(struct smb1_wbuf *w, const char *path,
			   const struct smb1_setinfo *si);
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
int smb1_dec_tree_connect_core(const struct smb1_frame *f, u16 *max_buffer,
			       u16 *tid);
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
/* Bytes a WRITE_ANDX of sent bytes wrote (never more than sent) */
int smb1_dec_write_andx(const struct smb1_frame *f, u32 sent, u32 *count);
/* The core protocol's OPEN, CREATE / CREATE_NEW, READ and WRITE replies */
int smb1_dec_open_core(const struct smb1_frame *f, struct smb1_open_rsp *r);
int smb1_dec_create_core(const struct smb1_frame *f, u16 *fid);
int smb1_dec_read_core(const struct smb1_frame *f, struct smb1_read_rsp *r);
int smb1_dec_read_core_hdr(const u8 *buf, size_t have, size_t total,
			   struct smb1_read_rsp *r);
int smb1_dec_write_core(const struct smb1_frame *f, u32 sent, u32 *count);
int smb1_dec_empty(const struct smb1_frame *f, u8 min_wc);

#endif /* _SMB1FS_PROTO_H */
