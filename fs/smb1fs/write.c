// SPDX-License-Identifier: GPL-2.0
/*
 * smb1fs writes: through the page cache, written back as WRITE_ANDX.
 *
 * write() copies into folios (write_begin/write_end), which become dirty;
 * writeback sends runs of contiguous dirty folios as WRITE_ANDX requests
 * of up to wsize bytes through the inode's read-write handle, without
 * waiting: as many are in flight as the server's MaxMpxCount allows, and
 * the completion worker ends each folio's writeback when its reply comes.
 *
 * Nothing written is dropped silently:
 *  - A write the server refused, or answered short (a full disk), sets
 *    the error on the mapping, and fsync() and close() return it (each
 *    open file sees it once, errseq).  A full disk is ENOSPC, but EFBIG
 *    for a write that would take the file past 4 GiB - 1: a FAT volume
 *    refuses those so (smb1_write_err()).
 *  - A write lost with the link on a hard mount leaves its folios dirty,
 *    and fsync() and close() write them again, through the handle opened
 *    again on the new link; a soft mount reports the loss as EIO.
 *  - close() writes back and waits before the handle is released, so the
 *    next opener anywhere sees the whole file (close-to-open).
 */

#include <linux/pagemap.h>
#include <linux/writeback.h>
#include <linux/slab.h>
#include <linux/bvec.h>
#include <linux/uio.h>
#include <linux/sched/signal.h>

#include "internal.h"

/* How often fsync()/close() write folios again that a lost link redirtied */
#define SMB1_WB_ROUNDS	8

static int smb1_write_begin(struct file *file, struct address_space *mapping,
			    loff_t pos, unsigned int len, struct folio **foliop)
{
	struct inode *inode = mapping->host;
	struct folio *folio;
	loff_t fpos, isize;
	size_t off, flen;
	int ret;

	folio = smb1_grab_folio_write(mapping, pos >> PAGE_SHIFT);
	if (!folio)
		return -ENOMEM;
	*foliop = folio;
	if (folio_test_uptodate(folio))
		return 0;
	fpos = folio_pos(folio);
	flen = folio_size(folio);
	off = pos - fpos;
	isize = i_size_read(inode);
	/*
	 * Nothing to read when the write covers all the file holds in this
	 * folio: the rest lies past the end of the file and is zero.
	 */
	if (fpos >= isize || (!off && pos + len >= min_t(loff_t, isize,
							  fpos + flen))) {
		folio_zero_segments(folio, 0, off, off + len, flen);
		return 0;
	}
	/* a part of a folio with data: read it first */
	ret = smb1_fill_folio(file, folio);
	if (ret) {
		folio_unlock(folio);
		folio_put(folio);
		*foliop = NULL;
	}
	return ret;
}

static int smb1_write_end(struct file *file, struct address_space *mapping,
			  loff_t pos, unsigned int len, unsigned int copied,
			  struct folio *folio)
{
	struct inode *inode = mapping->host;

	if (!folio_test_uptodate(folio)) {
		/*
		 * A short copy into a folio that was not read: the rest of
		 * the range holds nothing valid.  The caller tries again.
		 */
		if (copied < len) {
			copied = 0;
			goto out;
		}
		folio_mark_uptodate(folio);
	}
	if (!copied)
		goto out;
	if (pos + copied > i_size_read(inode))
		i_size_write(inode, pos + copied);
	folio_mark_dirty(folio);
out:
	folio_unlock(folio);
	folio_put(folio);
	return copied;
}

SMB1_DEFINE_WRITE_AOPS(smb1_write_begin, smb1_write_end)

/* One WRITE_ANDX of writeback: contiguous folios under writeback */
struct smb1_wb_io {
	struct smb1_handle *h;
	struct address_space *mapping;
	bool hard;		/* the mount waits for a lost link */
	loff_t pos;
	size_t len;
	struct iov_iter iter;
	unsigned int nr, max;
	struct bio_vec bv[];
};

/* The state of one writepages() call */
struct smb1_wb {
	struct smb1_handle *h;
	u16 fid;
	u32 gen;
	u32 wsize;
	int err;		/* no handle: every folio fails with it */
	struct smb1_wb_io *io;	/* being filled */
};

/*
 * The folios of io are written (err 0) or not: their writeback ends.  A
 * hard mount's write lost with the link leaves them dirty, to be written
 * again, and so does a write a fatal signal stopped (a task killed in
 * fsync() or close() while waiting for a slot): the data it wrote before
 * is still to reach the server, by the flusher.  Any other error goes to
 * the mapping, for fsync() and close().
 */
static void smb1_wb_finish(struct smb1_wb_io *io, int err)
{
	struct inode *inode = io->mapping->host;
	struct smb1_inode_info *si = SMB1_I(inode);
	bool again = (err == -SMB1_ELOST && io->hard) || err == -EINTR;
	unsigned int i;

	if (err == -SMB1_ELOST && !io->hard)
		err = -EIO;
	if (err && !again) {
		/* once per inode until a write succeeds, limited per mount */
		if (!test_and_set_bit(SMB1_I_WFAIL, &si->flags) &&
		    __ratelimit(&SMB1_SB(inode->i_sb)->wb_log))
			pr_warn("smb1fs: writing %zu bytes at %lld of inode %lu failed (%d)\n",
				io->len, io->pos, inode->i_ino, err);
		mapping_set_error(io->mapping, err);
	}
	if (!err) {
		clear_bit(SMB1_I_WFAIL, &si->flags);
		/* replies sent before this write landed describe the past */
		spin_lock(&inode->i_lock);
		si->attr_gen = smb1_clock_tick();
		set_bit(SMB1_I_WROTE, &si->flags);
		WRITE_ONCE(si->attr_time, jiffies - 1 -
			   SMB1_SB(inode->i_sb)->opts.actimeo);
		spin_unlock(&inode->i_lock);
	}
	/* while a folio is under writeback its inode stays (see handle.c) */
	smb1_handle_put(io->h);
	for (i = 0; i < io->nr; i++) {
		struct folio *folio = page_folio(io->bv[i].bv_page);

		if (again)
			filemap_dirty_folio(io->mapping, folio);
		folio_end_writeback(folio);
	}
	kfree(io);
}

int smb1_write_err(loff_t end, int err)
{
	return err == -ENOSPC && end > U32_MAX ? -EFBIG : err;
}

/* The completion worker: the reply to the write of io, or its failure */
static void smb1_wb_done(struct smb1_req *req)
{
	struct smb1_wb_io *io = req->priv;
	ssize_t n = smb1_write_result(req);
	int err = 0;

	if (n < 0)
		err = n;
	else if (n != io->len)
		err = -ENOSPC;	/* a short write: the disk is full */
	smb1_wb_finish(io, smb1_write_err(io->pos + io->len, err));
}

/*
 * A server whose buffer is smaller than a page (DOS and LAN Manager
 * servers of a few KiB): io goes in parts of wsize, each waited for.
 */
static int smb1_wb_parts(struct smb1_wb *wb, struct smb1_wb_io *io)
{
	struct smb1_conn *conn = wb->h->conn;
	struct iov_iter it = io->iter;
	size_t off, chunk;
	ssize_t n;

	for (off = 0; off < io->len; off += chunk) {
		chunk = min_t(size_t, wb->wsize, io->len - off);
		n = smb1_write(conn, wb->fid, wb->gen, io->pos + off, chunk,
			       &it);
		if (n >= 0 && n != chunk)
			n = -ENOSPC;
		if (n < 0)
			return smb1_write_err(io->pos + off + chunk, n);
		iov_iter_advance(&it, chunk);
	}
	return 0;
}

static void smb1_wb_send(struct smb1_wb *wb)
{
	struct smb1_wb_io *io = wb->io;
	struct smb1_conn *conn = wb->h->conn;
	int ret;

	if (!io)
		return;
	wb->io = NULL;
	iov_iter_bvec(&io->iter, ITER_SOURCE, io->bv, io->nr, io->len);
	if (io->len > wb->wsize) {
		smb1_wb_finish(io, smb1_wb_parts(wb, io));
		return;
	}
	ret = smb1_write_async(conn, wb->fid, wb->gen, io->pos, io->len,
			       &io->iter, smb1_wb_done, io);
	if (ret)
		smb1_wb_finish(io, ret);
}

/* write_cache_pages(): one locked folio, no longer dirty, to write */
static int smb1_wb_folio(struct folio *folio, struct writeback_control *wbc,
			 void *data)
{
	struct smb1_wb *wb = data;
	struct address_space *mapping = folio->mapping;
	struct inode *inode = mapping->host;
	loff_t pos = folio_pos(folio), isize = i_size_read(inode);
	size_t len = folio_size(folio);
	struct smb1_wb_io *io = wb->io;

	if (pos >= isize) {
		/* wholly past the end (truncated meanwhile): nothing to do */
		folio_unlock(folio);
		return 0;
	}
	if (wb->err) {
		mapping_set_error(mapping, wb->err);
		folio_unlock(folio);
		return 0;
	}
	len = min_t(loff_t, len, isize - pos);
	if (io && (io->pos + io->len != pos || io->nr == io->max ||
		   io->len + len > wb->wsize)) {
		smb1_wb_send(wb);
		io = NULL;
	}
	if (!io) {
		unsigned int max = max_t(u32, wb->wsize / PAGE_SIZE, 1);

		io = kmalloc(struct_size(io, bv, max), GFP_NOFS);
		if (!io) {
			folio_redirty_for_writepage(wbc, folio);
			folio_unlock(folio);
			return -ENOMEM;
		}
		smb1_handle_hold(wb->h);
		io->h = wb->h;
		io->mapping = mapping;
		io->hard = SMB1_SB(inode->i_sb)->opts.hard;
		io->pos = pos;
		io->len = 0;
		io->nr = 0;
		io->max = max;
		wb->io = io;
	}
	folio_start_writeback(folio);
	folio_unlock(folio);
	io->bv[io->nr].bv_page = folio_page(folio, 0);
	io->bv[io->nr].bv_offset = 0;
	io->bv[io->nr].bv_len = len;
	io->nr++;
	io->len += len;
	/* the end of the file ends a run */
	if (len < folio_size(folio))
		smb1_wb_send(wb);
	return 0;
}

SMB1_DEFINE_WRITEPAGE(smb1_wb_folio)

/*
 * The inode's read-write handle, held, and a FID of it on the current
 * link (opened again through one of the inode's names if need be).  An
 * inode with dirty folios but no writer left (a mapping outlived its
 * file) gets a handle of its own for the time of the writeback.
 */
static int smb1_wb_handle(struct inode *inode, struct smb1_wb *wb,
			  bool *own)
{
	struct dentry *alias;
	int ret;

	*own = false;
	wb->h = smb1_handle_find_mode(inode, SMB1_H_RW);
	if (!wb->h) {
		wb->h = smb1_handle_get(inode, SMB1_H_RW);
		if (IS_ERR(wb->h)) {
			ret = PTR_ERR(wb->h);
			wb->h = NULL;
			return ret;
		}
		*own = true;
	}
	alias = d_find_alias(inode);
	ret = smb1_handle_fid(wb->h, alias, &wb->fid, &wb->gen);
	dput(alias);
	return ret;
}

static int smb1_writepages(struct address_space *mapping,
			   struct writeback_control *wbc)
{
	struct inode *inode = mapping->host;
	struct smb1_sb_info *sbi = SMB1_SB(inode->i_sb);
	struct smb1_wb wb = {};
	bool own;
	int ret;

	/*
	 * The inode's dirty state outlives its folios' (the flusher clears
	 * it): no FID is opened to write nothing, nor asked for a file
	 * deleted since.
	 */
	if (!mapping_tagged(mapping, PAGECACHE_TAG_DIRTY))
		return 0;
	wb.wsize = smb1_write_size(sbi->conn, sbi->opts.wsize);
	ret = smb1_wb_handle(inode, &wb, &own);
	if (ret) {
		/*
		 * Waiting for the link of a hard mount, or killed while
		 * waiting: the folios stay dirty for the next try.
		 * Anything else fails them.
		 */
		if (ret == -EINTR ||
		    (sbi->opts.hard && (ret == -SMB1_ELOST ||
					ret == -ETIMEDOUT))) {
			if (wb.h)
				own ? smb1_handle_release(inode, wb.h) :
				      smb1_handle_put(wb.h);
			return ret;
		}
		if (!wb.h)
			return ret;
		smb1_warn("no file id to write back inode %lu (%d): its dirty data is dropped",
			  inode->i_ino, ret);
		wb.err = ret;
	}
	ret = write_cache_pages(mapping, wbc, smb1_wb_folio_cb, &wb);
	smb1_wb_send(&wb);
	if (own)
		smb1_handle_release(inode, wb.h);
	else
		smb1_handle_put(wb.h);
	return ret;
}

/*
 * A dirty folio about to be dropped from the page cache (an invalidation
 * by invalidate_inode_pages2()): written first, and waited for.
 */
static int smb1_launder_folio(struct folio *folio)
{
	struct inode *inode = folio->mapping->host;
	struct smb1_sb_info *sbi = SMB1_SB(inode->i_sb);
	loff_t pos = folio_pos(folio), isize = i_size_read(inode);
	struct iov_iter iter;
	struct bio_vec bv;
	struct smb1_wb wb = {};
	size_t len;
	ssize_t n;
	bool own;
	int ret;

	if (!folio_clear_dirty_for_io(folio))
		return 0;
	if (pos >= isize)
		return 0;
	len = min_t(loff_t, folio_size(folio), isize - pos);
	ret = smb1_wb_handle(inode, &wb, &own);
	if (!ret) {
		bvec_set_page(&bv, folio_page(folio, 0), len, 0);
		iov_iter_bvec(&iter, ITER_SOURCE, &bv, 1, len);
		n = 0;
		while (n >= 0 && iov_iter_count(&iter)) {
			size_t chunk = min_t(size_t, iov_iter_count(&iter),
					     smb1_write_size(sbi->conn,
							     sbi->opts.wsize));

			n = smb1_write(sbi->conn, wb.fid, wb.gen,
				       pos + len - iov_iter_count(&iter),
				       chunk, &iter);
			if (n >= 0 && n != chunk)
				n = -ENOSPC;
			if (n >= 0)
				iov_iter_advance(&iter, chunk);
		}
		ret = n < 0 ? smb1_write_err(pos + len, n) : 0;
	}
	if (wb.h)
		own ? smb1_handle_release(inode, wb.h) : smb1_handle_put(wb.h);
	/* stopped by a fatal signal: still dirty, for the flusher */
	if (ret == -EINTR)
		filemap_dirty_folio(folio->mapping, folio);
	else if (ret)
		mapping_set_error(folio->mapping, ret);
	return ret;
}

/*
 * Write back [start, end] and wait.  Folios a lost link left dirty on a
 * hard mount are written again, on the new link, a bounded number of
 * times: then their error is reported.
 */
int smb1_write_back(struct inode *inode, loff_t start, loff_t end)
{
	struct address_space *mapping = inode->i_mapping;
	int ret, i;

	for (i = 0; i < SMB1_WB_ROUNDS; i++) {
		ret = filemap_write_and_wait_range(mapping, start, end);
		/* dirty folios outside the range are not ours to wait for */
		if (ret || !filemap_range_needs_writeback(mapping, start, end))
			return ret;
		if (fatal_signal_pending(current))
			return -EINTR;
		ret = smb1_conn_wait_ready(SMB1_SB(inode->i_sb)->conn);
		if (ret)
			return ret;
	}
	return -EIO;
}

/*
 * What fsync() and close() report: the page cache's flags keep ENOSPC
 * apart and make any other writeback error EIO (ret), but a file grown
 * past what the server's volume holds is EFBIG, as the write met it
 * (err, the file's errseq).
 */
static int smb1_wb_report(int ret, int err)
{
	return err == -EFBIG ? err : ret ?: err;
}

int smb1_file_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	struct inode *inode = file_inode(file);
	struct smb1_conn *conn = SMB1_SB(inode->i_sb)->conn;
	struct smb1_handle *h = file->private_data;
	int ret, err;
	u32 gen;
	u16 fid;

	ret = smb1_write_back(inode, start, end);
	err = file_check_and_advance_wb_err(file);
	if (ret || err)
		return smb1_wb_report(ret, err);
	if (!(file->f_mode & FMODE_WRITE))
		return 0;
	/*
	 * The server writes what it has to its disk.  Lost with the link,
	 * the FLUSH goes again through the reopened handle (the server
	 * flushes the file, not the FID).  A reference of its own while
	 * the FID is in use (see smb1_handle_idle()).
	 */
	smb1_handle_hold(h);
	ret = smb1_handle_fid(h, file->f_path.dentry, &fid, &gen);
	if (!ret)
		ret = smb1_flush(conn, fid, gen);
	if (ret == -SMB1_ELOST) {
		ret = smb1_handle_lost(h, file->f_path.dentry, gen);
		if (!ret)
			ret = smb1_handle_fid(h, file->f_path.dentry, &fid,
					      &gen);
		if (!ret)
			ret = smb1_flush(conn, fid, gen);
		if (ret == -SMB1_ELOST)
			ret = -EIO;
	}
	smb1_handle_put(h);
	/* a server without FLUSH has all we sent on its way to disk */
	if (ret == -EOPNOTSUPP)
		ret = 0;
	return ret;
}

/* close(): everything written through this file reaches the server first */
int smb1_file_flush(struct file *file, fl_owner_t id)
{
	int ret, err;

	if (!(file->f_mode & FMODE_WRITE))
		return 0;
	ret = smb1_write_back(file_inode(file), 0, LLONG_MAX);
	err = file_check_and_advance_wb_err(file);
	return smb1_wb_report(ret, err);
}

/*
 * generic_write_checks() with the server's limit: without CAP_LARGE_FILES
 * writes end at 4 GiB - 1 (while reads may go further, as some servers
 * serve larger files without announcing it).
 */
static ssize_t smb1_write_checks(struct kiocb *iocb, struct iov_iter *from)
{
	struct inode *inode = file_inode(iocb->ki_filp);
	loff_t limit = smb1_write_limit(SMB1_SB(inode->i_sb)->conn);
	loff_t pos = iocb->ki_flags & IOCB_APPEND ? i_size_read(inode) :
						    iocb->ki_pos;

	if (pos >= limit)
		return -EFBIG;
	iov_iter_truncate(from, limit - pos);
	return 0;
}

ssize_t smb1_file_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct file *file = iocb->ki_filp;
	int ret;

	if (!iov_iter_count(from))
		return 0;
	/* an append goes to the end of the file as the server has it */
	if ((iocb->ki_flags & IOCB_APPEND) &&
	    !mapping_tagged(file->f_mapping, PAGECACHE_TAG_DIRTY)) {
		ret = smb1_revalidate(file->f_path.dentry);
		if (ret && ret != -ENOENT && ret != -ESTALE)
			return ret;
	}
	ret = smb1_write_checks(iocb, from);
	if (ret)
		return ret;
	return generic_file_write_iter(iocb, from);
}


const struct address_space_operations smb1_aops = {
	.read_folio	= smb1_read_folio,
	.readahead	= smb1_readahead,
	.write_begin	= smb1_write_begin_aop,
	.write_end	= smb1_write_end_aop,
	.writepages	= smb1_writepages,
	.dirty_folio	= filemap_dirty_folio,
	.launder_folio	= smb1_launder_folio,
	.migrate_folio	= filemap_migrate_folio,
};
