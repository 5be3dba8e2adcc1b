/* SPDX-License-Identifier: GPL-2.0 */
/* The VFS glue: inode.c, dir.c, file.c, write.c, namei.c */
#ifndef _SMB1FS_INODE_H
#define _SMB1FS_INODE_H

#include "ops.h"

/* Access modes, one handle each per inode */
enum {
	SMB1_H_READ,
	SMB1_H_RW,
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
	/* unlinked while open: its hidden name, deleted at eviction */
	char *silly;
};

/* smb1_inode_info.flags */
enum {
	SMB1_I_INVAL,		/* page cache stale until invalidated */
	/*
	 * Written here since the server's attributes were last taken:
	 * its next modification time is ours, not a change elsewhere.
	 */
	SMB1_I_WROTE,
	/* a write failed and was logged: no more until one succeeds */
	SMB1_I_WFAIL,
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
void smb1_evict_inode(struct inode *inode);
/* The last close of a file: its hidden name goes if it was unlinked */
void smb1_silly_close(struct inode *inode);
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

struct dentry *smb1_lookup(struct inode *dir, struct dentry *dentry,
			   unsigned int flags);
/*
 * The inode of the file just made at path, dentry's name, from fa (a
 * create's reply) or, without fa or where the mount keys inodes by file
 * id, from the server's attributes of path.
 */
struct inode *smb1_new_inode(struct dentry *dentry, const char *path,
			     const struct smb1_fattr *fa);
/* A renamed inode keyed by its path: the key of its new path */
void smb1_inode_rekey(struct inode *inode, const char *path);
/* A change made here: replies to requests sent before it are older */
void smb1_inode_changed(struct inode *inode);
/* The DOS attributes inode has now, and the mode they give it */
void smb1_inode_set_dos_attrs(struct inode *inode, u32 attrs);

/* file.c */
int smb1_read_folio(struct file *file, struct folio *folio);
void smb1_readahead(struct readahead_control *ractl);
/* Read folio (locked) from the server through file; it stays locked */
int smb1_fill_folio(struct file *file, struct folio *folio);

/* write.c */
ssize_t smb1_file_write_iter(struct kiocb *iocb, struct iov_iter *from);
int smb1_file_fsync(struct file *file, loff_t start, loff_t end,
		    int datasync);
int smb1_file_flush(struct file *file, fl_owner_t id);
/* Write back [start, end] of inode and wait, lost links survived */
int smb1_write_back(struct inode *inode, loff_t start, loff_t end);
/*
 * err of a write or size that ends at end: a full disk (-ENOSPC) past
 * 4 GiB - 1 is a FAT volume's file size limit (Windows answers
 * STATUS_DISK_FULL there), -EFBIG.
 */
int smb1_write_err(loff_t end, int err);

/* namei.c */
int smb1_atomic_open(struct inode *dir, struct dentry *dentry,
		     struct file *file, unsigned int flags, umode_t mode);
int smb1_iop_create(struct smb1_idmap *idmap, struct inode *dir,
		    struct dentry *dentry, umode_t mode, bool excl);
int smb1_iop_mkdir(struct smb1_idmap *idmap, struct inode *dir,
		   struct dentry *dentry, umode_t mode);
int smb1_iop_rmdir(struct inode *dir, struct dentry *dentry);
int smb1_iop_unlink(struct inode *dir, struct dentry *dentry);
int smb1_iop_rename(struct smb1_idmap *idmap, struct inode *old_dir,
		    struct dentry *old_dentry, struct inode *new_dir,
		    struct dentry *new_dentry, unsigned int flags);
int smb1_iop_link(struct dentry *old_dentry, struct inode *dir,
		  struct dentry *dentry);
int smb1_setattr(struct smb1_idmap *idmap, struct dentry *dentry,
		 struct iattr *attr);

struct qstr;
/* Whether name can exist on the server: an 8.3 name on a core server */
bool smb1_core_name_ok(struct super_block *sb, const struct qstr *name);

#endif /* _SMB1FS_INODE_H */
