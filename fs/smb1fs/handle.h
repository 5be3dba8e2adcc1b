/* SPDX-License-Identifier: GPL-2.0 */
/* Server FIDs shared by the opens of an inode (handle.c) */
#ifndef _SMB1FS_HANDLE_H
#define _SMB1FS_HANDLE_H

#include "transport.h"

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
	/*
	 * The core protocol: the modification time (UTIME) the CLOSE of
	 * fid sets, as set while it was open; 0 leaves the server's.
	 */
	u32 close_mtime;
};

/* The inode's shared handle of mode for a new open, as a user */
struct smb1_handle *smb1_handle_get(struct inode *inode, unsigned int mode);
/* An open file's close: drop its use and its reference */
void smb1_handle_release(struct inode *inode, struct smb1_handle *h);
/* A handle of inode in use by an open file, held; NULL if none */
struct smb1_handle *smb1_handle_find(struct inode *inode);
/* The same for a handle of one mode */
struct smb1_handle *smb1_handle_find_mode(struct inode *inode,
					  unsigned int mode);
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
 * Under h->lock: open the file of h by the name of dentry (a handle
 * opened before must find the same file there, else -ESTALE).
 */
int smb1_handle_reopen(struct smb1_handle *h, struct dentry *dentry);
/*
 * Under h->lock: close the FID of h on the current link, for a change
 * the server refuses while the file is open (the unlink of an open file
 * on a server without delete-on-close).  1 if closed, 0 if h had none
 * open, else an error (the FID stays in use).
 */
int smb1_handle_close(struct smb1_handle *h);
/*
 * Under h->lock: no request uses the FID of h, nor is about to (each
 * holds a reference of its own until answered); the caller holds one.
 */
bool smb1_handle_idle(struct inode *inode, struct smb1_handle *h);
/*
 * Under h->lock: open the file of inode for h again by path, the name it
 * was given while closed; unchecked.  On failure h goes stale, but for
 * a lost link (-SMB1_ELOST): then the next use opens it again.
 */
int smb1_handle_open_path(struct smb1_handle *h, struct inode *inode,
			  const char *path);
/*
 * A request through the FID of h on generation gen found the link lost:
 * wait for the new link (bounded) and open the file on it, unless
 * another user has.
 */
int smb1_handle_lost(struct smb1_handle *h, struct dentry *dentry, u32 gen);

#endif /* _SMB1FS_HANDLE_H */
