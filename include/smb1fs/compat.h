/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels smb1fs builds for (6.1 to 6.12)
 * lives here, so the rest of the code is written against one API.  The
 * SMB1_HAVE_* macros come from fs/smb1fs/Kbuild, which looks for each
 * interface in the headers of the kernel built against.
 */
#ifndef _SMB1FS_COMPAT_H
#define _SMB1FS_COMPAT_H

#ifdef SMB1_HAVE_LINUX_UNALIGNED_H
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
#ifdef SMB1_HAVE_MNT_IDMAP
#define smb1_idmap mnt_idmap
#else
#define smb1_idmap user_namespace
#endif

/* generic_fillattr() takes the request mask since 6.6. */
static inline void smb1_fillattr(struct smb1_idmap *idmap, u32 request_mask,
				 struct inode *inode, struct kstat *stat)
{
#ifdef SMB1_HAVE_FILLATTR_MASK
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
#ifdef SMB1_HAVE_ATIME_ACCESSORS
	inode_set_atime_to_ts(inode, atime);
	inode_set_mtime_to_ts(inode, mtime);
#else
	inode->i_atime = atime;
	inode->i_mtime = mtime;
#endif
#ifdef SMB1_HAVE_CTIME_ACCESSORS
	inode_set_ctime_to_ts(inode, ctime);
#else
	inode->i_ctime = ctime;
#endif
}

static inline struct timespec64 smb1_inode_get_mtime(const struct inode *inode)
{
#ifdef SMB1_HAVE_ATIME_ACCESSORS
	return inode_get_mtime(inode);
#else
	return inode->i_mtime;
#endif
}

static inline struct timespec64 smb1_inode_get_atime(const struct inode *inode)
{
#ifdef SMB1_HAVE_ATIME_ACCESSORS
	return inode_get_atime(inode);
#else
	return inode->i_atime;
#endif
}

/* Splice from the page cache: filemap_splice_read() replaced it in 6.5. */
static inline ssize_t smb1_filemap_splice_read(struct file *in, loff_t *ppos,
					       struct pipe_inode_info *pipe,
					       size_t len, unsigned int flags)
{
#ifdef SMB1_HAVE_FILEMAP_SPLICE_READ
	return filemap_splice_read(in, ppos, pipe, len, flags);
#else
	return generic_file_splice_read(in, ppos, pipe, len, flags);
#endif
}

/*
 * A locked page-cache folio at index, created if missing, without
 * waiting for a lock somebody else holds; NULL when there is none.
 * __filemap_get_folio() returns an ERR_PTR instead of NULL since 6.4:
 * both are taken.
 */
static inline struct folio *smb1_grab_folio_nowait(struct address_space *mapping,
						   pgoff_t index)
{
	struct folio *folio;

	folio = __filemap_get_folio(mapping, index,
				    FGP_LOCK | FGP_CREAT | FGP_NOWAIT,
				    mapping_gfp_mask(mapping));
	return IS_ERR(folio) ? NULL : folio;
}

/* A locked folio to write into at index, created if missing; NULL if none */
static inline struct folio *smb1_grab_folio_write(struct address_space *mapping,
						  pgoff_t index)
{
	struct folio *folio;

	folio = __filemap_get_folio(mapping, index,
				    FGP_LOCK | FGP_WRITE | FGP_CREAT |
				    FGP_STABLE, mapping_gfp_mask(mapping));
	return IS_ERR(folio) ? NULL : folio;
}

/*
 * write_begin and write_end take a folio since 6.12 and a page before;
 * writeback's per-folio callback a folio since 6.3.  smb1fs implements
 * them on folios; these make the entries the kernel calls.
 */
#ifdef SMB1_HAVE_WRITE_BEGIN_FOLIO
#define SMB1_DEFINE_WRITE_AOPS(begin, end)				\
static int begin##_aop(struct file *file,				\
		       struct address_space *mapping, loff_t pos,	\
		       unsigned int len, struct folio **foliop,		\
		       void **fsdata)					\
{									\
	return begin(file, mapping, pos, len, foliop);			\
}									\
static int end##_aop(struct file *file, struct address_space *mapping,	\
		     loff_t pos, unsigned int len, unsigned int copied,	\
		     struct folio *folio, void *fsdata)			\
{									\
	return end(file, mapping, pos, len, copied, folio);		\
}
#else
#define SMB1_DEFINE_WRITE_AOPS(begin, end)				\
static int begin##_aop(struct file *file,				\
		       struct address_space *mapping, loff_t pos,	\
		       unsigned int len, struct page **pagep,		\
		       void **fsdata)					\
{									\
	struct folio *folio;						\
	int ret;							\
									\
	ret = begin(file, mapping, pos, len, &folio);			\
	if (!ret)							\
		*pagep = &folio->page;					\
	return ret;							\
}									\
static int end##_aop(struct file *file, struct address_space *mapping,	\
		     loff_t pos, unsigned int len, unsigned int copied,	\
		     struct page *page, void *fsdata)			\
{									\
	return end(file, mapping, pos, len, copied, page_folio(page));	\
}
#endif

#ifdef SMB1_HAVE_WRITEPAGE_FOLIO
#define SMB1_DEFINE_WRITEPAGE(fn)					\
static int fn##_cb(struct folio *folio, struct writeback_control *wbc,	\
		   void *data)						\
{									\
	return fn(folio, wbc, data);					\
}
#else
#define SMB1_DEFINE_WRITEPAGE(fn)					\
static int fn##_cb(struct page *page, struct writeback_control *wbc,	\
		   void *data)						\
{									\
	return fn(page_folio(page), wbc, data);				\
}
#endif

/*
 * Keep a socket off the page fragment of the task sending on it.  The
 * flag came with 6.2 (and into later 6.1 releases); without it there is
 * nothing to set.
 */
#ifdef SMB1_HAVE_SK_USE_TASK_FRAG
#define smb1_sk_no_task_frag(sk)	((sk)->sk_use_task_frag = false)
#else
#define smb1_sk_no_task_frag(sk)	((void)(sk))
#endif

#endif /* _SMB1FS_COMPAT_H */
