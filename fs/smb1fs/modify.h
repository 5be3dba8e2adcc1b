/* SPDX-License-Identifier: GPL-2.0 */
/* Operations that change the server: create, write, delete (modify.c) */
#ifndef _SMB1FS_MODIFY_H
#define _SMB1FS_MODIFY_H

#include "ops.h"

/* What an open that may create asks for */
struct smb1_create_args {
	bool write;		/* read and write, else read only */
	bool dir;		/* a directory, else a file */
	bool del;		/* for deleting or renaming it too */
	u32 disposition;	/* FILE_OPEN, FILE_CREATE, FILE_OPEN_IF ... */
};

/*
 * Open or create path as a says, with NT_CREATE_ANDX where the server has
 * it and OPEN_ANDX elsewhere (files only: -EOPNOTSUPP for a directory).
 * info: the FID and the action taken; fa: the attributes, stamped.
 */
int smb1_create(struct smb1_conn *conn, const char *path,
		const struct smb1_create_args *a, struct smb1_open_rsp *info,
		struct smb1_fattr *fa, u32 *gen);
/* Where writes end: 4 GiB - 1 without CAP_LARGE_FILES */
loff_t smb1_write_limit(const struct smb1_conn *conn);
/* The largest write, as wsize (0: the default), the server and port allow */
u32 smb1_write_size(const struct smb1_conn *conn, u32 wsize);
/*
 * Write the first len bytes of from (not advanced) at off through fid:
 * returns the bytes the server wrote, or an errno.
 */
ssize_t smb1_write(struct smb1_conn *conn, u16 fid, u32 gen, u64 off,
		   size_t len, const struct iov_iter *from);
/*
 * The same without waiting: done(req) runs once the write is settled
 * (see smb1_read_async()); smb1_write_result() tells how it went.  What
 * from points to must stay as it is until then.
 */
int smb1_write_async(struct smb1_conn *conn, u16 fid, u32 gen, u64 off,
		     size_t len, const struct iov_iter *from,
		     void (*done)(struct smb1_req *req), void *priv);
ssize_t smb1_write_result(struct smb1_req *req);
/* SMB_COM_FLUSH: the server writes fid's data to its disk */
int smb1_flush(struct smb1_conn *conn, u16 fid, u32 gen);
int smb1_set_file_info(struct smb1_conn *conn, u16 fid, u32 gen,
		       const struct smb1_setinfo *si);
int smb1_set_path_info(struct smb1_conn *conn, const char *path,
		       const struct smb1_setinfo *si);
/*
 * Whether the server lacks the NT information levels (LAN Manager
 * dialects, NT LM 0.12 without CAP_NT_SMBS): attributes and times are
 * then set by name with the core SET_INFORMATION, sizes with a
 * zero-length core WRITE.
 */
bool smb1_setinfo_legacy(const struct smb1_conn *conn);
/*
 * SET_INFORMATION of path: attrs (ATTR_NORMAL alone: as they are) and
 * mtime (seconds since 1970, UTC; 0: as it is).
 */
int smb1_set_information(struct smb1_conn *conn, const char *path,
			 u16 attrs, s64 mtime);
/*
 * SET_INFORMATION2 through fid: times[SMB1_DOS_CREATE..SMB1_DOS_WRITE]
 * (UTC), every one of them sent.  -EINVAL when a time whose bit is in
 * set lies outside the DOS range; the others are brought into it.
 */
int smb1_set_information2(struct smb1_conn *conn, u16 fid, u32 gen,
			  const struct timespec64 *times, unsigned int set);
/* The size of fid's file becomes size (4 GiB - 1 at most) */
int smb1_write_setsize(struct smb1_conn *conn, u16 fid, u32 gen, u64 size);
/*
 * These settle a request lost with the link by asking the server what
 * became of it (see modify.c).
 */
int smb1_delete(struct smb1_conn *conn, const char *path);
int smb1_mkdir(struct smb1_conn *conn, const char *path);
int smb1_rmdir(struct smb1_conn *conn, const char *path);
int smb1_rename(struct smb1_conn *conn, const char *from, const char *to);
/* A hard link to as a second name of from (NT_RENAME) */
int smb1_link(struct smb1_conn *conn, const char *from, const char *to);

#endif /* _SMB1FS_MODIFY_H */
