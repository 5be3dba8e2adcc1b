/* SPDX-License-Identifier: GPL-2.0 */
/* File-system operations as SMB1 requests (ops.c) */
#ifndef _SMB1FS_OPS_H
#define _SMB1FS_OPS_H

#include "transport.h"

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
void smb1_opened_file_id(struct smb1_conn *conn, u16 fid, u32 gen,
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
/* The core OPEN of path with AccessMode access (core protocol servers) */
int smb1_open_core(struct smb1_conn *conn, const char *path, u16 access,
		   struct smb1_open_rsp *info, u32 *gen);
/*
 * Close fid without waiting for the reply: nothing can be done about a
 * failed close, and the next open need not wait for it.
 */
int smb1_close(struct smb1_conn *conn, u16 fid, u32 gen);
/* The same, its LastTimeModified mtime (UTIME, server-local; 0: none) */
int smb1_close_mtime(struct smb1_conn *conn, u16 fid, u32 gen, u32 mtime);
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

#endif /* _SMB1FS_OPS_H */
