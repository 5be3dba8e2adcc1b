// SPDX-License-Identifier: GPL-2.0
/*
 * smb1fs regular files: open and close, and reads through the page cache
 * (writes: write.c).
 *
 * An open file reads through its inode's shared handle of its access
 * mode (handle.c), a server FID.  The page cache is filled with READ_ANDX through it, and
 * is dropped when the server reports a new size or modification time.
 * A FID lives as long as the connection it was opened on: after a
 * reconnect the first read opens the file again.  A small file read
 * whole by its open is closed on the server in that same message, and
 * opened again only if a read misses the page cache.  A second open of
 * a file already open here sends no request.
 */

#include <linux/slab.h>
#include <linux/pagemap.h>
#include <linux/uio.h>
#include <linux/bvec.h>
#include <linux/sched/signal.h>

#include "internal.h"

/*
 * A file this small that is not in the page cache is read by the open
 * itself: OPEN_ANDX and READ_ANDX go in one message (without
 * CAP_LARGE_READX a read cannot ask for more than 64 KiB - 1).
 */
#define SMB1_OPEN_READ_MAX	(60 * 1024)
#define SMB1_OPEN_READ_FOLIOS	(SMB1_OPEN_READ_MAX / PAGE_SIZE)

/* At most this many folios (2 MiB) go into one readahead READ_ANDX. */
#define SMB1_RA_MAX_FOLIOS	512U

struct smb1_open_read {
	struct folio *folios[SMB1_OPEN_READ_FOLIOS];
	struct bio_vec bv[SMB1_OPEN_READ_FOLIOS];
	unsigned int nr;
	size_t len;		/* bytes of folios */
	struct iov_iter iter;
};

static void smb1_bvec_folio(struct bio_vec *bv, struct folio *folio)
{
	bv->bv_page = folio_page(folio, 0);
	bv->bv_len = folio_size(folio);
	bv->bv_offset = 0;
}

/* Lock the folios of a small file with nothing cached; none otherwise. */
static void smb1_open_read_begin(struct inode *inode, u32 max,
				 struct smb1_open_read *or)
{
	struct address_space *mapping = inode->i_mapping;
	loff_t isize = i_size_read(inode);
	struct folio *folio;

	or->nr = 0;
	or->len = 0;
	if (!isize || isize > max || !mapping_empty(mapping))
		return;
	while (or->len < isize && or->nr < SMB1_OPEN_READ_FOLIOS) {
		folio = smb1_grab_folio_nowait(mapping, or->len >> PAGE_SHIFT);
		if (!folio)
			break;
		if (folio_test_uptodate(folio) ||
		    or->len + folio_size(folio) > max) {
			folio_unlock(folio);
			folio_put(folio);
			break;
		}
		or->folios[or->nr] = folio;
		smb1_bvec_folio(&or->bv[or->nr++], folio);
		or->len += folio_size(folio);
	}
	iov_iter_bvec(&or->iter, ITER_DEST, or->bv, or->nr, or->len);
}

/*
 * The open read n bytes into the folios: they are uptodate if that is
 * all the file has, as the open reply confirms.
 */
static void smb1_open_read_end(struct inode *inode, struct smb1_open_read *or,
			       ssize_t n, const struct smb1_open_rsp *rsp)
{
	loff_t isize = i_size_read(inode);
	bool ok = n >= 0 && rsp->size == isize &&
		  n == min_t(loff_t, isize, or->len) &&
		  iov_iter_zero(or->len - n, &or->iter) == or->len - n;
	unsigned int i;

	for (i = 0; i < or->nr; i++) {
		if (ok)
			folio_mark_uptodate(or->folios[i]);
		folio_unlock(or->folios[i]);
		folio_put(or->folios[i]);
	}
}

/*
 * Open the file on the server for h, under h->lock, reading a small file
 * with nothing cached in the same message (and closing it there when
 * that is all of it).  The reply checks the cached attributes; *check
 * says that they must be asked for, which the caller does once h->lock
 * is dropped (that may drop pages, whose readers may wait for h->lock).
 */
static int smb1_file_open_server(struct inode *inode, struct file *file,
				 struct smb1_handle *h, bool *check)
{
	struct smb1_sb_info *sbi = SMB1_SB(inode->i_sb);
	struct smb1_open_rsp rsp = {};
	struct smb1_open_read or;
	unsigned long now = jiffies;
	bool whole;
	char *path;
	ssize_t ret;
	u32 gen = 0;
	u64 seq;

	path = smb1_build_path(file->f_path.dentry);
	if (IS_ERR(path))
		return PTR_ERR(path);
	smb1_open_read_begin(inode,
			     min_t(u32, SMB1_OPEN_READ_MAX,
				   smb1_read_size(sbi->conn, sbi->opts.rsize)),
			     &or);
	/* the folios take the whole file: no FID is needed after the open */
	whole = or.nr && or.len >= i_size_read(inode);
	seq = smb1_clock_tick();
	ret = smb1_open(sbi->conn, path, &rsp, or.nr ? &or.iter : NULL, whole,
			&gen);
	smb1_open_read_end(inode, &or, ret, &rsp);
	kfree(path);
	if (ret < 0)
		return ret;
	/*
	 * Lookup left a stale file to the open (smb1_d_revalidate()): when
	 * the reply does not vouch for it, it is asked for before any
	 * mmap() can see the old pages.
	 */
	*check = !smb1_open_confirms(file->f_path.dentry, &rsp, sbi->conn->tz,
				     now, seq) && smb1_attr_stale(inode);
	if (rsp.closed)
		h->opened = true;
	else
		smb1_handle_set(h, rsp.fid, gen);
	return 0;
}

/*
 * Open the file for reading and writing for h, under h->lock; as
 * smb1_file_open_server() otherwise (no read goes with this open).
 */
static int smb1_file_open_rw(struct inode *inode, struct file *file,
			     struct smb1_handle *h, bool *check)
{
	static const struct smb1_create_args rw = {
		.write = true,
		.disposition = FILE_OPEN,
	};
	struct smb1_conn *conn = SMB1_SB(inode->i_sb)->conn;
	struct smb1_open_rsp rsp;
	unsigned long now = jiffies;
	struct smb1_fattr fa;
	char *path;
	u32 gen = 0;
	u64 seq;
	int ret;

	/* opened before, on a lost link: checked as the handle reopens */
	if (h->opened)
		return smb1_handle_reopen(h, file->f_path.dentry);
	path = smb1_build_path(file->f_path.dentry);
	if (IS_ERR(path))
		return PTR_ERR(path);
	seq = smb1_clock_tick();
	ret = smb1_create(conn, path, &rw, &rsp, &fa, &gen);
	kfree(path);
	if (ret)
		return ret;
	*check = !smb1_open_confirms(file->f_path.dentry, &rsp, conn->tz, now,
				     seq) && smb1_attr_stale(inode);
	smb1_handle_set(h, rsp.fid, gen);
	return 0;
}

static int smb1_file_open(struct inode *inode, struct file *file)
{
	unsigned int mode = file->f_mode & FMODE_WRITE ? SMB1_H_RW :
							 SMB1_H_READ;
	struct smb1_handle *h;
	bool check = false;
	int ret;

	ret = generic_file_open(inode, file);
	if (ret)
		return ret;

again:
	h = smb1_handle_get(inode, mode);
	if (IS_ERR(h))
		return PTR_ERR(h);
	if (mutex_lock_killable(&h->lock)) {
		smb1_handle_release(inode, h);
		return -EINTR;
	}
	if (h->stale) {
		/* gone stale since we took it: the slot has a new one */
		mutex_unlock(&h->lock);
		smb1_handle_release(inode, h);
		goto again;
	}
	if (smb1_handle_ready(h)) {
		/*
		 * Open here already: no request, but the attributes are
		 * checked as an open would (close-to-open).
		 */
		mutex_unlock(&h->lock);
		check = smb1_attr_stale(inode);
	} else if (mode == SMB1_H_RW) {
		ret = smb1_file_open_rw(inode, file, h, &check);
		mutex_unlock(&h->lock);
	} else {
		ret = smb1_file_open_server(inode, file, h, &check);
		mutex_unlock(&h->lock);
	}
	/*
	 * If the name leads to another file now, -ESTALE makes the VFS
	 * look it up again; other failures are left to the first read.
	 */
	if (!ret && check &&
	    smb1_revalidate(file->f_path.dentry) == -ESTALE) {
		smb1_handle_forget(inode, h);
		ret = -ESTALE;
	}
	if (ret) {
		smb1_handle_release(inode, h);
		return ret;
	}
	/* an invalidation that failed before is tried again */
	smb1_inode_invalidate(inode);
	file->private_data = h;
	return 0;
}

static int smb1_file_release(struct inode *inode, struct file *file)
{
	smb1_handle_release(inode, file->private_data);
	smb1_silly_close(inode);
	return 0;
}

/*
 * Ask the server again when the cached attributes are old, so that a file
 * changed there is read anew.  A file removed there stays readable
 * through its FID for as long as the server allows.
 */
static int smb1_file_refresh(struct file *file, bool nowait)
{
	int ret;

	if (!smb1_attr_stale(file_inode(file)))
		return 0;
	if (nowait)
		return -EAGAIN;
	ret = smb1_revalidate(file->f_path.dentry);
	if (ret == -ENOENT || ret == -ESTALE)
		ret = 0;
	return ret;
}

static ssize_t smb1_file_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	int ret;

	if (!iov_iter_count(to))
		return 0;
	ret = smb1_file_refresh(iocb->ki_filp, iocb->ki_flags & IOCB_NOWAIT);
	if (ret)
		return ret;
	return generic_file_read_iter(iocb, to);
}

static ssize_t smb1_file_splice_read(struct file *in, loff_t *ppos,
				     struct pipe_inode_info *pipe, size_t len,
				     unsigned int flags)
{
	int ret;

	ret = smb1_file_refresh(in, false);
	if (ret)
		return ret;
	return smb1_filemap_splice_read(in, ppos, pipe, len, flags);
}

const struct file_operations smb1_file_ops = {
	.open		= smb1_file_open,
	.release	= smb1_file_release,
	.flush		= smb1_file_flush,
	.fsync		= smb1_file_fsync,
	.read_iter	= smb1_file_read_iter,
	.write_iter	= smb1_file_write_iter,
	.splice_read	= smb1_file_splice_read,
	.splice_write	= iter_file_splice_write,
	.mmap		= generic_file_mmap,
	.llseek		= generic_file_llseek,
};

/*
 * Fill iter, which covers len bytes of the file at pos, from the server.
 * What lies past the end of the file is zeroed; so is the rest when the
 * server reports the end earlier than i_size says (the file shrank).
 */
static int smb1_fill_fid(struct file *file, struct inode *inode, loff_t pos,
			 size_t len, struct iov_iter *iter)
{
	struct smb1_sb_info *sbi = SMB1_SB(inode->i_sb);
	struct smb1_handle *h = file ? file->private_data : NULL;
	loff_t isize = i_size_read(inode);
	size_t want = 0, done = 0, chunk, left;
	unsigned int reopens = 0;
	u32 rsize, gen;
	ssize_t n;
	u16 fid;
	int ret;

	if (!h)
		return -EBADF;
	ret = smb1_handle_fid(h, file->f_path.dentry, &fid, &gen);
	if (ret)
		return ret;
	rsize = smb1_read_size(sbi->conn, sbi->opts.rsize);
	if (!rsize)
		return -EIO;
	if (pos < isize)
		want = min_t(u64, len, isize - pos);

	while (done < want) {
		chunk = min_t(size_t, want - done, rsize);
		left = iov_iter_count(iter);
		n = smb1_read(sbi->conn, fid, gen, pos + done, chunk, iter);
		if (n == -SMB1_ELOST) {
			/* a soft mount gives up; a hard one waits, killable */
			if (!sbi->opts.hard && ++reopens > SMB1_SOFT_RETRIES)
				return -EIO;
			if (fatal_signal_pending(current))
				return -EINTR;
			ret = smb1_handle_lost(h, file->f_path.dentry, gen);
			if (!ret)
				ret = smb1_handle_fid(h, file->f_path.dentry,
						      &fid, &gen);
			if (ret)
				return ret;
			continue;
		}
		if (n < 0)
			return n;
		if (!n)
			break;
		if (n > chunk || iov_iter_count(iter) != left - n)
			return -EIO;
		done += n;
	}
	if (iov_iter_zero(len - done, iter) != len - done)
		return -EIO;
	return 0;
}

/*
 * The same, holding a reference of its own to the file's handle while
 * its FID is in use (see smb1_handle_idle()).
 */
static int smb1_fill(struct file *file, struct inode *inode, loff_t pos,
		     size_t len, struct iov_iter *iter)
{
	struct smb1_handle *h = file ? file->private_data : NULL;
	int ret;

	if (!h)
		return -EBADF;
	smb1_handle_hold(h);
	ret = smb1_fill_fid(file, inode, pos, len, iter);
	smb1_handle_put(h);
	return ret;
}

int smb1_fill_folio(struct file *file, struct folio *folio)
{
	struct iov_iter iter;
	struct bio_vec bv;
	int ret;

	smb1_bvec_folio(&bv, folio);
	iov_iter_bvec(&iter, ITER_DEST, &bv, 1, bv.bv_len);
	ret = smb1_fill(file, folio->mapping->host, folio_pos(folio),
			bv.bv_len, &iter);
	if (!ret)
		folio_mark_uptodate(folio);
	return ret;
}

int smb1_read_folio(struct file *file, struct folio *folio)
{
	int ret = smb1_fill_folio(file, folio);

	folio_unlock(folio);
	return ret;
}

/*
 * One READ_ANDX of readahead.  Its folios stay locked until the receive
 * thread has put the reply into them (or the request failed); the task
 * that started the readahead does not wait for it.
 */
struct smb1_ra_io {
	struct smb1_handle *h;	/* held until the folios are settled */
	/* a folio read in parts (rsize below a page): those not settled */
	atomic_t parts;
	bool partial;		/* a part failed or came back short */
	struct iov_iter iter;
	size_t len;		/* bytes of folios */
	size_t want;		/* bytes of them within i_size */
	unsigned int nr;
	struct bio_vec bv[];
};

/*
 * Unlock the folios of io, those within its first done bytes uptodate,
 * and free it.  A folio left not uptodate (a failed or short read) is
 * read by read_folio() when somebody wants it.  The handle goes first:
 * while a folio is locked, its inode stays (see handle.c).
 */
static void smb1_ra_settle(struct smb1_ra_io *io, size_t done)
{
	size_t end = 0;
	unsigned int i;

	smb1_handle_put(io->h);
	for (i = 0; i < io->nr; i++) {
		struct folio *folio = page_folio(io->bv[i].bv_page);

		end += folio_size(folio);
		if (end <= done)
			folio_mark_uptodate(folio);
		folio_unlock(folio);
	}
	kfree(io);
}

/*
 * The read of io is settled.  This runs in the completion worker on the
 * receive thread's CPU once that thread has gone back to its socket, so
 * that the reader the folios wake stays where its data came in (see
 * smb1_req_complete()).
 */
static void smb1_ra_done(struct smb1_req *req)
{
	struct smb1_ra_io *io = req->priv;
	size_t done = 0;
	ssize_t n;

	n = smb1_read_result(req, &io->iter);
	if (n > 0 && n <= io->want)
		done = n;
	/* all that was asked for: the rest of the folios lies past EOF */
	if (done == io->want &&
	    iov_iter_zero(io->len - done, &io->iter) == io->len - done)
		done = io->len;
	smb1_ra_settle(io, done);
}

/*
 * One part of a folio read in parts.  The iterator lives here until the
 * part is settled.
 */
struct smb1_ra_part {
	struct smb1_ra_io *io;
	struct iov_iter iter;
	size_t want;
};

/* A part of io settled, or never sent: the last one hands io over. */
static void smb1_ra_part_put(struct smb1_ra_io *io)
{
	struct iov_iter tail;
	size_t rest = io->len - io->want;
	size_t done = 0;

	if (!atomic_dec_and_test(&io->parts))
		return;
	if (!READ_ONCE(io->partial)) {
		/* what lies past the end of the file */
		iov_iter_bvec(&tail, ITER_DEST, io->bv, io->nr, io->len);
		iov_iter_advance(&tail, io->want);
		if (iov_iter_zero(rest, &tail) == rest)
			done = io->len;
	}
	smb1_ra_settle(io, done);
}

/* The completion worker: see smb1_ra_done(). */
static void smb1_ra_part_done(struct smb1_req *req)
{
	struct smb1_ra_part *part = req->priv;
	struct smb1_ra_io *io = part->io;

	if (smb1_read_result(req, &part->iter) != part->want)
		WRITE_ONCE(io->partial, true);
	kfree(part);
	smb1_ra_part_put(io);
}

/*
 * A server whose buffer is smaller than a page (DOS and LAN Manager
 * servers of a few KiB): the folio of io is read in parts of rsize, all
 * sent without waiting, and is uptodate once every part came back whole.
 */
static int smb1_ra_split(struct smb1_conn *conn, u16 fid, u32 gen,
			 loff_t pos, struct smb1_ra_io *io, u32 rsize)
{
	unsigned int n = DIV_ROUND_UP(io->want, rsize), i;
	struct smb1_ra_part *part;
	size_t off = 0;

	/* one more than the parts: ours, until all are sent */
	atomic_set(&io->parts, n + 1);
	io->partial = false;
	for (i = 0; i < n; i++, off += rsize) {
		part = kmalloc(sizeof(*part), GFP_KERNEL);
		if (!part)
			break;
		part->io = io;
		part->want = min_t(size_t, rsize, io->want - off);
		iov_iter_bvec(&part->iter, ITER_DEST, io->bv, io->nr, io->len);
		iov_iter_advance(&part->iter, off);
		iov_iter_truncate(&part->iter, part->want);
		if (smb1_read_async(conn, fid, gen, pos + off, part->want,
				    &part->iter, smb1_ra_part_done, part)) {
			kfree(part);
			break;
		}
	}
	if (i < n) {
		/* the parts never sent are settled as failed */
		WRITE_ONCE(io->partial, true);
		atomic_sub(n - i, &io->parts);
	}
	smb1_ra_part_put(io);
	return i < n ? -EIO : 0;
}

/* The readahead of ractl through FID fid of h (see smb1_readahead()) */
static void smb1_readahead_send(struct readahead_control *ractl,
				struct smb1_handle *h, u16 fid, u32 gen,
				u32 rsize)
{
	struct inode *inode = ractl->mapping->host;
	struct smb1_conn *conn = SMB1_SB(inode->i_sb)->conn;
	loff_t isize = i_size_read(inode);
	struct smb1_ra_io *io;
	struct folio *folio;
	unsigned int max;
	loff_t pos;

	max = clamp_t(u32, rsize / PAGE_SIZE, 1, SMB1_RA_MAX_FOLIOS);

	while ((folio = readahead_folio(ractl))) {
		/* the count still includes the folio just taken */
		io = kmalloc(struct_size(io, bv,
					 min(max, readahead_count(ractl))),
			     GFP_KERNEL);
		/* a link lost under us: leave the rest to read_folio() */
		if (!io || !smb1_conn_up(conn) || smb1_conn_gen(conn) != gen) {
			kfree(io);
			folio_unlock(folio);
			return;
		}
		smb1_handle_hold(h);
		io->h = h;
		smb1_bvec_folio(&io->bv[0], folio);
		io->nr = 1;
		io->len = folio_size(folio);
		while (io->nr < max && io->len < rsize &&
		       (folio = readahead_folio(ractl))) {
			smb1_bvec_folio(&io->bv[io->nr++], folio);
			io->len += folio_size(folio);
		}
		pos = folio_pos(page_folio(io->bv[0].bv_page));
		io->want = pos < isize ? min_t(u64, io->len, isize - pos) : 0;
		iov_iter_bvec(&io->iter, ITER_DEST, io->bv, io->nr, io->len);
		if (!io->want) {
			/* wholly past the end of the file */
			smb1_ra_settle(io, iov_iter_zero(io->len, &io->iter));
			continue;
		}
		if (rsize < io->want) {
			/* io is settled by its parts, whatever happens */
			if (smb1_ra_split(conn, fid, gen, pos, io, rsize))
				return;
			continue;
		}
		if (smb1_read_async(conn, fid, gen, pos, io->want, &io->iter,
				    smb1_ra_done, io)) {
			smb1_ra_settle(io, 0);
			return;
		}
	}
}

/*
 * Read the folios of ractl in runs of up to rsize bytes, one READ_ANDX
 * each, sent without waiting for the replies: the receive thread fills
 * and unlocks the folios, so the next window is on the wire while the
 * reader still copies out this one.  As many reads are in flight as the
 * server's MaxMpxCount allows; a send waits for a free slot, which
 * replies to earlier reads free without this task's help.  Folios left
 * after an error are dropped by the caller and read one by one later.
 */
void smb1_readahead(struct readahead_control *ractl)
{
	struct inode *inode = ractl->mapping->host;
	struct smb1_sb_info *sbi = SMB1_SB(inode->i_sb);
	struct smb1_conn *conn = sbi->conn;
	struct dentry *dentry = NULL;
	struct smb1_handle *h;
	u32 rsize, gen;
	u16 fid;

	if (ractl->file) {
		h = ractl->file->private_data;
		dentry = ractl->file->f_path.dentry;
		smb1_handle_hold(h);
	} else {
		/* no file to read through: an open one's handle, if any */
		h = smb1_handle_find(inode);
		if (!h)
			return;
	}
	rsize = smb1_read_size(conn, sbi->opts.rsize);
	if (rsize && !smb1_handle_fid(h, dentry, &fid, &gen))
		smb1_readahead_send(ractl, h, fid, gen, rsize);
	smb1_handle_put(h);
}
