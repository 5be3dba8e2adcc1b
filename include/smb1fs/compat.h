/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels smb1fs builds for (6.1 to 6.12)
 * lives here, so the rest of the code is written against one API.
 */
#ifndef _SMB1FS_COMPAT_H
#define _SMB1FS_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/time64.h>

/*
 * getattr, setattr and generic_fillattr() take a struct mnt_idmap since
 * 6.3 and a struct user_namespace before.  Write "struct smb1_idmap *".
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0)
#define smb1_idmap mnt_idmap
#else
#define smb1_idmap user_namespace
#endif

/* generic_fillattr() takes the request mask since 6.6. */
static inline void smb1_fillattr(struct smb1_idmap *idmap, u32 request_mask,
				 struct inode *inode, struct kstat *stat)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
	generic_fillattr(idmap, request_mask, inode, stat);
#else
	generic_fillattr(idmap, inode, stat);
#endif
}

/*
 * The inode times became private fields with accessors: ctime in 6.6,
 * atime and mtime in 6.7.
 */
static inline void smb1_inode_set_times(struct inode *inode,
					struct timespec64 atime,
					struct timespec64 mtime,
					struct timespec64 ctime)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	inode_set_atime_to_ts(inode, atime);
	inode_set_mtime_to_ts(inode, mtime);
#else
	inode->i_atime = atime;
	inode->i_mtime = mtime;
#endif
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
	inode_set_ctime_to_ts(inode, ctime);
#else
	inode->i_ctime = ctime;
#endif
}

static inline struct timespec64 smb1_inode_get_mtime(const struct inode *inode)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 7, 0)
	return inode_get_mtime(inode);
#else
	return inode->i_mtime;
#endif
}

/* Splice from the page cache: filemap_splice_read() replaced it in 6.5. */
static inline ssize_t smb1_filemap_splice_read(struct file *in, loff_t *ppos,
					       struct pipe_inode_info *pipe,
					       size_t len, unsigned int flags)
{
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
	return filemap_splice_read(in, ppos, pipe, len, flags);
#else
	return generic_file_splice_read(in, ppos, pipe, len, flags);
#endif
}

/*
 * A locked page-cache folio at index, created if missing, without
 * waiting for a lock somebody else holds; NULL when there is none.
 * __filemap_get_folio() returns an ERR_PTR instead of NULL since 6.4.
 */
static inline struct folio *smb1_grab_folio_nowait(struct address_space *mapping,
						   pgoff_t index)
{
	struct folio *folio;

	folio = __filemap_get_folio(mapping, index,
				    FGP_LOCK | FGP_CREAT | FGP_NOWAIT,
				    mapping_gfp_mask(mapping));
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
	if (IS_ERR(folio))
		return NULL;
#endif
	return folio;
}

#endif /* _SMB1FS_COMPAT_H */
