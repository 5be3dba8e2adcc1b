// SPDX-License-Identifier: GPL-2.0
/*
 * smb1fs handles: the server's FIDs of a file, shared by its opens.
 *
 * An inode has at most one handle per access mode (read, read-write),
 * which every open of that mode on this mount (one SMB session) shares:
 * a second open of a file already open costs no request.  Writeback,
 * which has no open file, writes through the read-write handle.  The
 * VFS never sees a FID; it sees a struct file whose private_data is a
 * handle.
 *
 * Ownership:
 *  - Each open file holds a reference and counts as a user.  While a
 *    handle has users the inode's slot points to it (under h_lock); the
 *    last user's close clears the slot.
 *  - Each read or write in flight holds a reference of its own, so the
 *    FID stays open until the server has answered, whoever closed the
 *    file; so does every task from taking a FID until its answer, so
 *    that a FID closed on purpose (smb1_handle_close()) is not in use.
 *    The reference is dropped in process context before the read's
 *    folios are unlocked or the write's leave writeback: an inode
 *    cannot be evicted, nor the mount go away, while a handle of it is
 *    still being put.
 *  - The last reference closes the FID without waiting and frees the
 *    handle.  It never touches the inode.
 *
 * A FID lives as long as the link it was opened on.  After a reconnect
 * the next use opens the file again by the name of the dentry it is used
 * through (by its hidden name if it was unlinked while open), and checks
 * that the name still leads to the file it had: the size, modification
 * time and type the open reports must be those the inode holds.  If
 * not, the handle is stale: every later use fails with -ESTALE, the
 * page cache is marked to be dropped, and new opens get a
 * new handle.  Nothing here drops pages while h->lock is held: readers
 * hold folio locks when they take it.
 */

#include <linux/slab.h>

#include "internal.h"

static struct smb1_handle *smb1_handle_alloc(struct smb1_conn *conn,
					     unsigned int mode)
{
	struct smb1_handle *h;

	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return NULL;
	refcount_set(&h->ref, 1);
	h->users = 1;
	h->mode = mode;
	h->conn = conn;
	mutex_init(&h->lock);
	atomic_inc(&conn->handles);
	return h;
}

struct smb1_handle *smb1_handle_get(struct inode *inode, unsigned int mode)
{
	struct smb1_inode_info *si = SMB1_I(inode);
	struct smb1_handle *h, *fresh = NULL;

	for (;;) {
		spin_lock(&si->h_lock);
		h = si->handles[mode];
		if (h) {
			h->users++;
			refcount_inc(&h->ref);
		} else if (fresh) {
			si->handles[mode] = fresh;
			h = fresh;
			fresh = NULL;
		}
		spin_unlock(&si->h_lock);
		if (h)
			break;
		fresh = smb1_handle_alloc(SMB1_SB(inode->i_sb)->conn, mode);
		if (!fresh)
			return ERR_PTR(-ENOMEM);
	}
	/* somebody else installed one while we allocated */
	if (fresh)
		smb1_handle_put(fresh);
	return h;
}

/* Take h out of its inode's slot (if still there): no new users. */
static void smb1_handle_unslot(struct inode *inode, struct smb1_handle *h)
{
	struct smb1_inode_info *si = SMB1_I(inode);

	spin_lock(&si->h_lock);
	if (si->handles[h->mode] == h)
		si->handles[h->mode] = NULL;
	spin_unlock(&si->h_lock);
}

void smb1_handle_release(struct inode *inode, struct smb1_handle *h)
{
	struct smb1_inode_info *si = SMB1_I(inode);

	spin_lock(&si->h_lock);
	if (!--h->users && si->handles[h->mode] == h)
		si->handles[h->mode] = NULL;
	spin_unlock(&si->h_lock);
	smb1_handle_put(h);
}

struct smb1_handle *smb1_handle_find(struct inode *inode)
{
	struct smb1_inode_info *si = SMB1_I(inode);
	struct smb1_handle *h = NULL;
	unsigned int i;

	spin_lock(&si->h_lock);
	for (i = 0; i < SMB1_H_MODES && !h; i++) {
		h = si->handles[i];
		if (h)
			refcount_inc(&h->ref);
	}
	spin_unlock(&si->h_lock);
	return h;
}

struct smb1_handle *smb1_handle_find_mode(struct inode *inode,
					  unsigned int mode)
{
	struct smb1_inode_info *si = SMB1_I(inode);
	struct smb1_handle *h;

	spin_lock(&si->h_lock);
	h = si->handles[mode];
	if (h)
		refcount_inc(&h->ref);
	spin_unlock(&si->h_lock);
	return h;
}

void smb1_handle_hold(struct smb1_handle *h)
{
	refcount_inc(&h->ref);
}

void smb1_handle_put(struct smb1_handle *h)
{
	struct smb1_conn *conn = h->conn;
	int ret;

	if (!refcount_dec_and_test(&h->ref))
		return;
	if (h->open) {
		ret = smb1_close_mtime(conn, h->fid, h->gen,
				       READ_ONCE(h->close_mtime));
		if (ret)
			smb1_warn("closing file id %u failed (%d)", h->fid, ret);
	}
	mutex_destroy(&h->lock);
	kfree(h);
	if (atomic_dec_and_test(&conn->handles))
		wake_up_var(&conn->handles);
}

bool smb1_handle_ready(struct smb1_handle *h)
{
	lockdep_assert_held(&h->lock);
	return h->open && h->gen == smb1_conn_gen(h->conn) &&
	       smb1_conn_up(h->conn);
}

void smb1_handle_set(struct smb1_handle *h, u16 fid, u32 gen)
{
	lockdep_assert_held(&h->lock);
	/* an older FID on this link is closed; one of a lost link is gone */
	if (h->open && h->gen == gen)
		smb1_close(h->conn, h->fid, h->gen);
	h->fid = fid;
	h->gen = gen;
	h->open = true;
	h->opened = true;
}

/*
 * The handle's file was opened again by name: it must still be the
 * file the inode describes, else the handle goes stale (see above).
 */
static int smb1_handle_check(struct smb1_handle *h, struct inode *inode,
			     const struct smb1_open_rsp *rsp, u32 gen)
{
	if (smb1_open_same_file(inode, rsp, h->conn->tz))
		return 0;
	smb1_warn("file id %u: the name leads to a changed file now; its open files fail with ESTALE",
		  rsp->fid);
	smb1_close(h->conn, rsp->fid, gen);
	h->stale = true;
	smb1_handle_unslot(inode, h);
	/*
	 * Dropped at the next open or refresh: here the caller may hold
	 * folio locks (a read), which the invalidation would wait for.
	 */
	set_bit(SMB1_I_INVAL, &SMB1_I(inode)->flags);
	return -ESTALE;
}

void smb1_handle_forget(struct inode *inode, struct smb1_handle *h)
{
	mutex_lock(&h->lock);
	h->stale = true;
	mutex_unlock(&h->lock);
	smb1_handle_unslot(inode, h);
}

/*
 * A writable handle's file opened again: its size and time are ours to
 * change, so the name must lead to a file of the same creation time
 * (where the server reports one).
 */
static int smb1_handle_check_rw(struct smb1_handle *h, struct inode *inode,
				const struct smb1_fattr *fa, u16 fid, u32 gen)
{
	struct timespec64 bt;

	spin_lock(&inode->i_lock);
	bt = SMB1_I(inode)->btime;
	spin_unlock(&inode->i_lock);
	if (!(fa->attrs & ATTR_DIRECTORY) &&
	    (!bt.tv_sec || !fa->btime.tv_sec ||
	     timespec64_equal(&bt, &fa->btime)))
		return 0;
	smb1_warn("file id %u: the name leads to another file now; its open files fail with ESTALE",
		  fid);
	smb1_close(h->conn, fid, gen);
	h->stale = true;
	smb1_handle_unslot(inode, h);
	return -ESTALE;
}

/* Open path for h in the access mode of h */
static int smb1_handle_open_by(struct smb1_handle *h, const char *path,
			       struct smb1_open_rsp *rsp,
			       struct smb1_fattr *fa, u32 *gen)
{
	static const struct smb1_create_args rw = {
		.write = true,
		.disposition = FILE_OPEN,
	};
	ssize_t ret;

	if (h->mode == SMB1_H_RW)
		ret = smb1_create(h->conn, path, &rw, rsp, fa, gen);
	else
		ret = smb1_open(h->conn, path, rsp, NULL, false, gen);
	return ret < 0 ? ret : 0;
}

/*
 * The server path a handle of dentry's file opens: the hidden name of a
 * file unlinked while open, whose delete waits for the last close (see
 * smb1_unlink_open()), else the dentry's.
 */
static char *smb1_handle_path(struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);
	char *path = NULL;

	spin_lock(&inode->i_lock);
	if (SMB1_I(inode)->silly) {
		path = kstrdup(SMB1_I(inode)->silly, GFP_ATOMIC);
		if (!path)
			path = ERR_PTR(-ENOMEM);
	}
	spin_unlock(&inode->i_lock);
	return path ?: smb1_build_path(dentry);
}

/* Open the file of h by the name of dentry, under h->lock. */
int smb1_handle_reopen(struct smb1_handle *h, struct dentry *dentry)
{
	struct smb1_open_rsp rsp = {};
	struct smb1_fattr fa;
	u32 gen = 0;
	char *path;
	int ret;

	path = smb1_handle_path(dentry);
	if (IS_ERR(path))
		return PTR_ERR(path);
	ret = smb1_handle_open_by(h, path, &rsp, &fa, &gen);
	kfree(path);
	if (ret)
		return ret;
	if (h->opened && h->mode == SMB1_H_RW)
		ret = smb1_handle_check_rw(h, d_inode(dentry), &fa, rsp.fid,
					   gen);
	else if (h->opened)
		ret = smb1_handle_check(h, d_inode(dentry), &rsp, gen);
	if (ret)
		return ret;
	smb1_handle_set(h, rsp.fid, gen);
	smb1_dbg("file id %u opened", rsp.fid);
	return 0;
}

int smb1_handle_close(struct smb1_handle *h)
{
	int ret;

	lockdep_assert_held(&h->lock);
	if (h->stale || !smb1_handle_ready(h))
		return 0;
	ret = smb1_close(h->conn, h->fid, h->gen);
	/* not closed for sure (interrupted, no memory): it stays in use */
	if (ret && ret != -SMB1_ELOST)
		return ret;
	h->open = false;
	return 1;
}

bool smb1_handle_idle(struct inode *inode, struct smb1_handle *h)
{
	struct smb1_inode_info *si = SMB1_I(inode);
	bool idle;

	lockdep_assert_held(&h->lock);
	spin_lock(&si->h_lock);
	idle = refcount_read(&h->ref) <= h->users + 1;
	spin_unlock(&si->h_lock);
	return idle;
}

int smb1_handle_open_path(struct smb1_handle *h, struct inode *inode,
			  const char *path)
{
	struct smb1_open_rsp rsp = {};
	struct smb1_fattr fa;
	u32 gen = 0;
	int ret;

	lockdep_assert_held(&h->lock);
	ret = smb1_handle_open_by(h, path, &rsp, &fa, &gen);
	/* lost with the link: the next use opens it again (reconnect) */
	if (ret == -SMB1_ELOST)
		return ret;
	if (ret) {
		smb1_warn("opening %s again failed (%d): its open files fail with ESTALE",
			  path, ret);
		h->stale = true;
		smb1_handle_unslot(inode, h);
		return ret;
	}
	smb1_handle_set(h, rsp.fid, gen);
	return 0;
}

int smb1_handle_fid(struct smb1_handle *h, struct dentry *dentry, u16 *fid,
		    u32 *gen)
{
	int ret = 0;

	if (mutex_lock_killable(&h->lock))
		return -EINTR;
	if (h->stale)
		ret = -ESTALE;
	else if (!h->open || h->gen != smb1_conn_gen(h->conn))
		ret = dentry ? smb1_handle_reopen(h, dentry) : -EBADF;
	*fid = h->fid;
	*gen = h->gen;
	mutex_unlock(&h->lock);
	return ret;
}

int smb1_handle_lost(struct smb1_handle *h, struct dentry *dentry, u32 gen)
{
	struct smb1_conn *conn = h->conn;
	int ret;

	if (mutex_lock_killable(&h->lock))
		return -EINTR;
	ret = 0;
	/* another user has opened it again already */
	if (h->gen != gen)
		goto out;
	ret = smb1_conn_wait_ready(conn);
	if (ret)
		goto out;
	if (smb1_conn_gen(conn) == gen) {
		/* the loss is not in the state yet: try again shortly */
		ret = schedule_timeout_killable(HZ / 10) ? -EINTR : 0;
		if (!ret && fatal_signal_pending(current))
			ret = -EINTR;
		goto out;
	}
	ret = h->stale ? -ESTALE : smb1_handle_reopen(h, dentry);
out:
	mutex_unlock(&h->lock);
	return ret;
}
