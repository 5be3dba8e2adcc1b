// SPDX-License-Identifier: GPL-2.0
/*
 * smb1fs namespace and attribute changes: create, mkdir, rmdir, unlink,
 * rename, link and setattr.
 *
 * Each change goes to the server first; the dcache and the inode follow
 * only once it succeeded, and a change made here stamps the inode (see
 * smb1_inode_changed()) so that no reply sent before it can undo it.
 */

#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/random.h>
#include <linux/namei.h>

#include "internal.h"

/* The server path of a new name, checked first */
static char *smb1_new_path(struct dentry *dentry)
{
	int ret = smb1_name_storable(dentry->d_name.name,
				     dentry->d_name.len);

	if (ret)
		return ERR_PTR(ret);
	/* a core server has only 8.3 names: others are invalid, as on msdos */
	if (!smb1_core_name_ok(dentry->d_sb, &dentry->d_name))
		return ERR_PTR(-EINVAL);
	return smb1_build_path(dentry);
}

/* The server paths of a change from old to new (new's name checked) */
static int smb1_two_paths(struct dentry *old, struct dentry *new,
			  char **from, char **to)
{
	*from = smb1_build_path(old);
	if (IS_ERR(*from))
		return PTR_ERR(*from);
	*to = smb1_new_path(new);
	if (IS_ERR(*to)) {
		kfree(*from);
		return PTR_ERR(*to);
	}
	return 0;
}

/* The directory's listing and times changed: ask again at next use */
static void smb1_dir_changed(struct inode *dir)
{
	struct smb1_inode_info *si = SMB1_I(dir);

	WRITE_ONCE(si->attr_time, jiffies - 1 -
		   SMB1_SB(dir->i_sb)->opts.actimeo);
	WRITE_ONCE(si->dir_entries, 0);
}

static int smb1_open_created(struct inode *inode, struct file *file)
{
	/* file->private_data already holds the handle of the create */
	return generic_file_open(inode, file);
}

/*
 * A file just created or opened by smb1_create() with FID fid: the
 * inode's handle of the file's access mode takes it, unless another open
 * got there first (then fid is closed and theirs is shared).
 */
static struct smb1_handle *smb1_take_fid(struct inode *inode,
					 struct file *file, u16 fid, u32 gen)
{
	unsigned int mode = file->f_mode & FMODE_WRITE ? SMB1_H_RW :
							 SMB1_H_READ;
	struct smb1_conn *conn = SMB1_SB(inode->i_sb)->conn;
	struct smb1_handle *h;

	h = smb1_handle_get(inode, mode);
	if (IS_ERR(h)) {
		smb1_close(conn, fid, gen);
		return h;
	}
	mutex_lock(&h->lock);
	if (smb1_handle_ready(h) || h->stale)
		smb1_close(conn, fid, gen);
	else
		smb1_handle_set(h, fid, gen);
	mutex_unlock(&h->lock);
	return h;
}

/*
 * open() with O_CREAT of a name not known to exist: one NT_CREATE_ANDX
 * that creates or opens it (FILE_OPEN_IF; FILE_CREATE for O_EXCL), whose
 * FID the open keeps; the server's answer says which it did, and refuses
 * a directory (EISDIR), so no lookup goes first.  Where the server has
 * only OPEN_ANDX (which cannot tell a directory), and for an open without
 * O_CREAT, the name is looked up first and anything but a create is left
 * to the usual open.
 */
int smb1_atomic_open(struct inode *dir, struct dentry *dentry,
		     struct file *file, unsigned int flags, umode_t mode)
{
	struct smb1_conn *conn = SMB1_SB(dir->i_sb)->conn;
	struct smb1_create_args a = {
		.write = file->f_mode & FMODE_WRITE,
		.disposition = flags & O_EXCL ? FILE_CREATE : FILE_OPEN_IF,
	};
	struct dentry *res = NULL;
	struct smb1_open_rsp info;
	struct smb1_handle *h;
	struct smb1_fattr fa;
	struct inode *inode;
	char *path;
	bool nt = conn->level == SMB1_LEVEL_NT && (conn->caps & CAP_NT_SMBS);
	u32 gen;
	int ret;

	if (d_in_lookup(dentry) && (!(flags & O_CREAT) || !nt)) {
		res = smb1_lookup(dir, dentry, 0);
		if (IS_ERR(res))
			return PTR_ERR(res);
		if (res)
			dentry = res;
	}
	if (!(flags & O_CREAT) || d_really_is_positive(dentry))
		return finish_no_open(file, res);
	/*
	 * A core server has no open that creates: a new file to be empty
	 * takes its CREATE (which truncates a file that is there after
	 * all) rather than an OPEN that fails and a CREATE_NEW.
	 */
	if (conn->proto == SMB1_PROTO_CORE && (flags & O_TRUNC) &&
	    !(flags & O_EXCL))
		a.disposition = FILE_OVERWRITE_IF;

	path = smb1_new_path(dentry);
	if (IS_ERR(path)) {
		ret = PTR_ERR(path);
		goto out;
	}
	ret = smb1_create(conn, path, &a, &info, &fa, &gen);
	if (ret)
		goto out_path;
	smb1_dir_changed(dir);
	if (info.action == FILE_CREATED)
		file->f_mode |= FMODE_CREATED;
	smb1_opened_file_id(conn, info.fid, gen, &fa);
	inode = smb1_new_inode(dentry, path, &fa);
	if (IS_ERR(inode)) {
		smb1_close(conn, info.fid, gen);
		ret = PTR_ERR(inode);
		goto out_path;
	}
	if (d_in_lookup(dentry)) {
		/* a file: hashed here, never an alias in its place */
		res = d_splice_alias(inode, dentry);
		if (IS_ERR(res)) {
			smb1_close(conn, info.fid, gen);
			ret = PTR_ERR(res);
			res = NULL;
			goto out_path;
		}
		if (res)
			dentry = res;
	} else {
		d_instantiate(dentry, inode);
	}
	h = smb1_take_fid(inode, file, info.fid, gen);
	if (IS_ERR(h)) {
		ret = PTR_ERR(h);
		goto out_path;
	}
	file->private_data = h;
	ret = finish_open(file, dentry, smb1_open_created);
	/* once opened, the file's release drops the handle */
	if (ret && !(file->f_mode & FMODE_OPENED))
		smb1_handle_release(inode, h);
out_path:
	kfree(path);
out:
	dput(res);
	return ret;
}

/* mknod() of a regular file, or a create without atomic_open() */
int smb1_iop_create(struct smb1_idmap *idmap, struct inode *dir,
		    struct dentry *dentry, umode_t mode, bool excl)
{
	struct smb1_conn *conn = SMB1_SB(dir->i_sb)->conn;
	struct smb1_create_args a = {
		.disposition = excl ? FILE_CREATE : FILE_OPEN_IF,
	};
	struct smb1_open_rsp info;
	struct smb1_fattr fa;
	struct inode *inode;
	char *path;
	u32 gen;
	int ret;

	path = smb1_new_path(dentry);
	if (IS_ERR(path))
		return PTR_ERR(path);
	ret = smb1_create(conn, path, &a, &info, &fa, &gen);
	if (ret)
		goto out;
	smb1_opened_file_id(conn, info.fid, gen, &fa);
	smb1_close(conn, info.fid, gen);
	smb1_dir_changed(dir);
	inode = smb1_new_inode(dentry, path, &fa);
	if (IS_ERR(inode)) {
		ret = PTR_ERR(inode);
		goto out;
	}
	d_instantiate(dentry, inode);
out:
	kfree(path);
	return ret;
}

int smb1_iop_mkdir(struct smb1_idmap *idmap, struct inode *dir,
		   struct dentry *dentry, umode_t mode)
{
	struct smb1_conn *conn = SMB1_SB(dir->i_sb)->conn;
	struct inode *inode;
	char *path;
	int ret;

	path = smb1_new_path(dentry);
	if (IS_ERR(path))
		return PTR_ERR(path);
	ret = smb1_mkdir(conn, path);
	if (ret)
		goto out;
	smb1_dir_changed(dir);
	inode = smb1_new_inode(dentry, path, NULL);
	if (IS_ERR(inode)) {
		/* made, but not to be seen: looked up at the next use */
		d_drop(dentry);
		goto out;
	}
	d_instantiate(dentry, inode);
out:
	kfree(path);
	return ret;
}

int smb1_iop_rmdir(struct inode *dir, struct dentry *dentry)
{
	struct smb1_conn *conn = SMB1_SB(dir->i_sb)->conn;
	char *path;
	int ret;

	path = smb1_build_path(dentry);
	if (IS_ERR(path))
		return PTR_ERR(path);
	ret = smb1_rmdir(conn, path);
	kfree(path);
	if (ret)
		return ret;
	smb1_dir_changed(dir);
	clear_nlink(d_inode(dentry));
	return 0;
}

/* Set the DOS attributes of path (by the handle of inode if writable) */
static int smb1_set_dos_attrs(struct inode *inode, const char *path,
			      u32 attrs)
{
	struct smb1_conn *conn = SMB1_SB(inode->i_sb)->conn;
	struct smb1_setinfo si = {
		.level = SMB_SET_FILE_BASIC_INFO,
		/* 0 would leave them as they are */
		.attrs = attrs ?: ATTR_NORMAL,
	};

	if (smb1_setinfo_legacy(conn))
		return smb1_set_information(conn, path, attrs, 0);
	return smb1_set_path_info(conn, path, &si);
}

/*
 * A DOS read-only file cannot be deleted, and some servers do not rename
 * one: the attribute goes first, and comes back if the change fails all
 * the same, or on the new name (b) of a renamed file.
 */
static int smb1_without_readonly(struct inode *inode, const char *path,
				 int (*change)(struct smb1_conn *conn,
					       const char *a, const char *b),
				 const char *a, const char *b)
{
	struct smb1_conn *conn = SMB1_SB(inode->i_sb)->conn;
	u32 attrs = SMB1_I(inode)->attrs;
	int ret;

	if (!(attrs & ATTR_READONLY) ||
	    smb1_set_dos_attrs(inode, path, attrs & ~ATTR_READONLY))
		return -EACCES;
	ret = change(conn, a, b);
	if (ret)
		smb1_set_dos_attrs(inode, path, attrs);
	else if (b && smb1_set_dos_attrs(inode, b, attrs))
		smb1_inode_set_dos_attrs(inode, attrs & ~ATTR_READONLY);
	return ret;
}

static int smb1_delete2(struct smb1_conn *conn, const char *path,
			const char *unused)
{
	return smb1_delete(conn, path);
}

static int smb1_unlink_path(struct inode *inode, const char *path)
{
	int ret;

	ret = smb1_delete(SMB1_SB(inode->i_sb)->conn, path);
	if (ret == -EACCES)
		ret = smb1_without_readonly(inode, path, smb1_delete2, path,
					    NULL);
	return ret;
}

/*
 * The hidden name of a file unlinked while open, in the directory of
 * path: ".smb1fs" and 64 random bits, or on a core protocol server,
 * which has 8.3 names only, "~SMB" and 28 random bits as an 8.3 name.
 */
static char *smb1_hidden_name(struct smb1_conn *conn, const char *path)
{
	const char *slash = strrchr(path, '\\');
	int dlen = slash ? slash - path : 0;
	u32 r;

	if (conn->level != SMB1_LEVEL_CORE)
		return kasprintf(GFP_KERNEL, "%.*s\\.smb1fs%016llx", dlen,
				 path, get_random_u64());
	r = get_random_u32();
	return kasprintf(GFP_KERNEL, "%.*s\\~SMB%04X.%03X", dlen, path,
			 r >> 16, r & 0xfff);
}

/* How long a rename of an open file waits for its FIDs' requests: 2 s */
#define SMB1_CLOSE_TRIES	100
#define SMB1_CLOSE_WAIT_MS	20

/*
 * Rename an open file that the server will not rename while open (a
 * server without the NT SMBs: no share-delete open, no delete pending):
 * its data is written back, the FIDs of its handles are closed, the file
 * is renamed from path to tmp, and the handles open it again under the
 * name it has then, so that the open files go on reading and writing.
 * A handle that cannot open it again goes stale: its open files fail
 * with -ESTALE, and nothing they write lands in another file.
 *
 * Between the close and the rename another client could open the file,
 * and then the rename fails (the file is opened again under path); the
 * server's byte-range locks of the FIDs are lost with them.  Requests
 * through the FIDs still on their way are waited for, a while: reads
 * and writes of other tasks; then the rename fails with -EBUSY.
 */
static int smb1_rename_closed(struct inode *inode, const char *path,
			      const char *tmp)
{
	struct smb1_conn *conn = SMB1_SB(inode->i_sb)->conn;
	struct smb1_handle *h[SMB1_H_MODES];
	int was[SMB1_H_MODES] = {};
	unsigned int tries = 0;
	bool idle;
	int ret, i;

	/* the writes of the open files come first, through the old FIDs */
	ret = smb1_write_back(inode, 0, LLONG_MAX);
	if (ret)
		return ret;
	for (i = 0; i < SMB1_H_MODES; i++)
		h[i] = smb1_handle_find_mode(inode, i);
	/*
	 * Both handles' locks, always in the order of their modes, and no
	 * request left that took a FID before: one still on its way when
	 * the FID is closed would fail, or reach another file that got the
	 * number meanwhile.  New requests wait for the locks.
	 */
	for (;;) {
		idle = true;
		for (i = 0; i < SMB1_H_MODES; i++) {
			if (!h[i])
				continue;
			mutex_lock_nested(&h[i]->lock, i);
			idle = idle && smb1_handle_idle(inode, h[i]);
		}
		if (idle || ++tries > SMB1_CLOSE_TRIES ||
		    fatal_signal_pending(current))
			break;
		for (i = SMB1_H_MODES - 1; i >= 0; i--)
			if (h[i])
				mutex_unlock(&h[i]->lock);
		msleep(SMB1_CLOSE_WAIT_MS);
	}
	ret = idle ? 0 : -EBUSY;
	for (i = 0; i < SMB1_H_MODES && !ret; i++) {
		if (!h[i])
			continue;
		was[i] = smb1_handle_close(h[i]);
		if (was[i] < 0)
			ret = was[i];
	}
	if (!ret)
		ret = smb1_rename(conn, path, tmp);
	for (i = 0; i < SMB1_H_MODES; i++) {
		if (!h[i])
			continue;
		if (was[i] > 0)
			smb1_handle_open_path(h[i], inode, ret ? path : tmp);
		mutex_unlock(&h[i]->lock);
		smb1_handle_put(h[i]);
	}
	return ret;
}

/*
 * Rename from as to; a server without the NT SMBs refuses while the file
 * is open here, and then gets it with the FIDs closed.
 */
static int smb1_rename_file(struct inode *inode, const char *from,
			    const char *to)
{
	struct smb1_conn *conn = SMB1_SB(inode->i_sb)->conn;
	struct smb1_handle *h;
	int ret;

	ret = smb1_rename(conn, from, to);
	if ((ret != -EBUSY && ret != -EACCES) || !S_ISREG(inode->i_mode) ||
	    (conn->level == SMB1_LEVEL_NT && (conn->caps & CAP_NT_SMBS)))
		return ret;
	h = smb1_handle_find(inode);
	if (!h)
		return ret;
	smb1_handle_put(h);
	return smb1_rename_closed(inode, from, to);
}

/*
 * Unlink of a file open here: its name goes at once, as on a local file
 * system, while the open files keep reading and writing through their
 * FIDs.  The file gets a hidden name in its directory and is deleted
 * under it: an NT server holds a delete until the last close (our FIDs
 * share delete).  A server without the NT SMBs renames a file open here
 * only once its FIDs are closed (smb1_rename_closed()), and deletes it
 * at the last close (smb1_silly_close()), or once the inode is evicted.
 * -EAGAIN: the rename failed, delete as usual.
 */
static int smb1_unlink_open(struct inode *inode, const char *path)
{
	struct smb1_conn *conn = SMB1_SB(inode->i_sb)->conn;
	bool nt = conn->level == SMB1_LEVEL_NT && (conn->caps & CAP_NT_SMBS);
	char *tmp;
	int ret;

	tmp = smb1_hidden_name(conn, path);
	if (!tmp)
		return -ENOMEM;
	ret = smb1_rename(conn, path, tmp);
	if (!nt && (ret == -EBUSY || ret == -EACCES))
		ret = smb1_rename_closed(inode, path, tmp);
	if (ret) {
		smb1_dbg("renaming an open file failed (%d)", ret);
		kfree(tmp);
		return -EAGAIN;
	}
	/* a path-keyed inode follows the file: a new file of path is another */
	smb1_inode_rekey(inode, tmp);
	ret = smb1_delete(conn, tmp);
	if (ret) {
		smb1_dbg("%s stays until the last close (%d)", tmp, ret);
		spin_lock(&inode->i_lock);
		swap(SMB1_I(inode)->silly, tmp);
		spin_unlock(&inode->i_lock);
	}
	kfree(tmp);
	return 0;
}

int smb1_iop_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);
	struct smb1_handle *h;
	char *path;
	int ret = -EAGAIN;

	path = smb1_build_path(dentry);
	if (IS_ERR(path))
		return PTR_ERR(path);
	h = smb1_handle_find(inode);
	if (h) {
		smb1_handle_put(h);
		ret = smb1_unlink_open(inode, path);
	}
	if (ret == -EAGAIN) {
		ret = smb1_unlink_path(inode, path);
		/* the name is another file's now, if anything's */
		if (!ret && !SMB1_I(inode)->by_id)
			remove_inode_hash(inode);
	}
	kfree(path);
	if (ret)
		return ret;
	smb1_dir_changed(dir);
	drop_nlink(inode);
	smb1_inode_changed(inode);
	return 0;
}

/*
 * Rename from over an existing to in the same directory, atomically:
 * FileRenameInformation with ReplaceIfExists on a FID of from opened for
 * deletion ([MS-SMB] pass-through levels).  -EOPNOTSUPP where the server
 * does not have that level.
 */
static int smb1_rename_replace(struct smb1_conn *conn, const char *from,
			       const char *to_name, bool dir)
{
	struct smb1_create_args a = {
		.dir = dir,
		.del = true,
		.disposition = FILE_OPEN,
	};
	struct smb1_setinfo si = {
		.level = SMB_SET_FILE_RENAME_INFO_PT,
		.name = to_name,
		.replace = true,
	};
	struct smb1_open_rsp info;
	struct smb1_fattr fa;
	u32 gen;
	int ret;

	/* the name is UTF-16 whatever the session: Unicode sessions only */
	if (!(conn->caps & CAP_INFOLEVEL_PASSTHRU) || !conn->unicode ||
	    conn->level != SMB1_LEVEL_NT || !(conn->caps & CAP_NT_SMBS))
		return -EOPNOTSUPP;
	ret = smb1_create(conn, from, &a, &info, &fa, &gen);
	if (ret)
		return ret;
	ret = smb1_set_file_info(conn, info.fid, gen, &si);
	smb1_close(conn, info.fid, gen);
	if (ret == -SMB1_ELOST)
		return -EAGAIN;
	/* refused as a level, or the server wants another form of name */
	if (ret == -EINVAL || ret == -ENOENT)
		ret = -EOPNOTSUPP;
	return ret;
}

/*
 * Rename over an existing target: atomically where the server can, else
 * the target is removed first.  Between that and the rename, another
 * client could see neither name (documented).
 */
static int smb1_rename_over(struct dentry *old_dentry, struct dentry *new_dentry,
			    const char *from, const char *to)
{
	struct smb1_conn *conn = SMB1_SB(old_dentry->d_sb)->conn;
	struct inode *target = d_inode(new_dentry);
	bool dir = d_is_dir(old_dentry);
	int ret;

	if (old_dentry->d_parent == new_dentry->d_parent) {
		ret = smb1_rename_replace(conn, from, new_dentry->d_name.name,
					  dir);
		/* lost with the link: done if from is gone now */
		if (ret == -EAGAIN) {
			ret = smb1_conn_wait_ready(conn);
			if (!ret) {
				struct smb1_fattr fa;

				ret = smb1_query_path_info(conn, from, &fa);
				if (ret == -ENOENT)
					return 0;
				ret = ret ?: -EOPNOTSUPP;
			}
		}
		if (ret != -EOPNOTSUPP)
			return ret;
	}
	if (d_is_dir(new_dentry))
		ret = smb1_rmdir(conn, to);
	else
		ret = smb1_unlink_path(target, to);
	if (ret)
		return ret;
	return smb1_rename_file(d_inode(old_dentry), from, to);
}

int smb1_iop_rename(struct smb1_idmap *idmap, struct inode *old_dir,
		    struct dentry *old_dentry, struct inode *new_dir,
		    struct dentry *new_dentry, unsigned int flags)
{
	struct inode *inode = d_inode(old_dentry);
	struct inode *target = d_inode(new_dentry);
	char *from, *to;
	int ret;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;
	ret = smb1_two_paths(old_dentry, new_dentry, &from, &to);
	if (ret)
		return ret;
	ret = smb1_rename_file(inode, from, to);
	if (ret == -EACCES && !target)
		ret = smb1_without_readonly(inode, from, smb1_rename, from, to);
	if (ret == -EEXIST && target && !(flags & RENAME_NOREPLACE))
		ret = smb1_rename_over(old_dentry, new_dentry, from, to);
	if (!ret) {
		smb1_dir_changed(old_dir);
		smb1_dir_changed(new_dir);
		smb1_inode_rekey(inode, to);
		smb1_inode_changed(inode);
		if (target) {
			if (d_is_dir(new_dentry))
				clear_nlink(target);
			else
				drop_nlink(target);
		}
	}
	kfree(from);
	kfree(to);
	return ret;
}

int smb1_iop_link(struct dentry *old_dentry, struct inode *dir,
		  struct dentry *dentry)
{
	struct smb1_conn *conn = SMB1_SB(dir->i_sb)->conn;
	struct inode *inode = d_inode(old_dentry);
	char *from, *to;
	int ret;

	if (conn->level != SMB1_LEVEL_NT || !(conn->caps & CAP_NT_SMBS))
		return -EPERM;
	ret = smb1_two_paths(old_dentry, dentry, &from, &to);
	if (ret)
		return ret;
	ret = smb1_link(conn, from, to);
	/* a server or file system without hard links */
	if (ret == -EOPNOTSUPP || ret == -EINVAL)
		ret = -EPERM;
	if (!ret) {
		smb1_dir_changed(dir);
		inc_nlink(inode);
		ihold(inode);
		d_instantiate(dentry, inode);
		/* a path-keyed inode would not be found by its second name */
		if (!SMB1_I(inode)->by_id)
			d_drop(dentry);
	}
	kfree(from);
	kfree(to);
	return ret;
}

/* A writable FID of inode on the current link, held; none: NULL */
static struct smb1_handle *smb1_setattr_handle(struct dentry *dentry,
					       u16 *fid, u32 *gen)
{
	struct smb1_handle *h;

	h = smb1_handle_find_mode(d_inode(dentry), SMB1_H_RW);
	if (h && smb1_handle_fid(h, dentry, fid, gen)) {
		smb1_handle_put(h);
		h = NULL;
	}
	return h;
}

/* Set si on dentry's file: through its writable FID if open, else by name */
static int smb1_setattr_send(struct dentry *dentry,
			     const struct smb1_setinfo *si)
{
	struct smb1_conn *conn = SMB1_SB(dentry->d_sb)->conn;
	struct smb1_handle *h;
	char *path;
	u32 gen;
	u16 fid;
	int ret;

	h = smb1_setattr_handle(dentry, &fid, &gen);
	if (h) {
		ret = smb1_set_file_info(conn, fid, gen, si);
		smb1_handle_put(h);
		if (ret != -SMB1_ELOST)
			return ret;
	}
	path = smb1_build_path(dentry);
	if (IS_ERR(path))
		return PTR_ERR(path);
	ret = smb1_set_path_info(conn, path, si);
	kfree(path);
	return ret;
}

/*
 * The times attr sets, through the writable FID of dentry's file with
 * SET_INFORMATION2: a time set by name on a file open for writing is the
 * server's to overwrite at the next write or close, one set through the
 * handle stays.  Every time goes (Windows takes a zero literally): those
 * not set as the inode holds them, its creation time the modification
 * time where none is known; the data is written back first (the caller
 * does when the modification time is set).  They are kept in steps of two seconds, and
 * attr is rounded so.  -EAGAIN: no such FID, the link lost under the
 * request, or a server that does not know the command (remembered).
 */
static int smb1_setattr_times2(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = d_inode(dentry);
	struct smb1_conn *conn = SMB1_SB(dentry->d_sb)->conn;
	struct timespec64 t[SMB1_DOS_TIMES];
	unsigned int set = 0;
	struct smb1_handle *h;
	u32 gen;
	u16 fid;
	int ret;

	if (READ_ONCE(conn->no_setinfo2))
		return -EAGAIN;
	h = smb1_setattr_handle(dentry, &fid, &gen);
	if (!h)
		return -EAGAIN;
	/* the modification time goes too: no write may come after it */
	if (!(attr->ia_valid & ATTR_MTIME)) {
		ret = smb1_write_back(inode, 0, LLONG_MAX);
		if (ret) {
			smb1_handle_put(h);
			return ret;
		}
	}
	spin_lock(&inode->i_lock);
	t[SMB1_DOS_CREATE] = SMB1_I(inode)->btime;
	t[SMB1_DOS_ACCESS] = smb1_inode_get_atime(inode);
	t[SMB1_DOS_WRITE] = smb1_inode_get_mtime(inode);
	spin_unlock(&inode->i_lock);
	if (!t[SMB1_DOS_CREATE].tv_sec && !t[SMB1_DOS_CREATE].tv_nsec)
		t[SMB1_DOS_CREATE] = t[SMB1_DOS_WRITE];
	if (attr->ia_valid & ATTR_ATIME) {
		t[SMB1_DOS_ACCESS] = attr->ia_atime;
		set |= BIT(SMB1_DOS_ACCESS);
	}
	if (attr->ia_valid & ATTR_MTIME) {
		t[SMB1_DOS_WRITE] = attr->ia_mtime;
		set |= BIT(SMB1_DOS_WRITE);
	}
	ret = smb1_set_information2(conn, fid, gen, t, set);
	smb1_handle_put(h);
	if (ret == -EOPNOTSUPP) {
		smb1_info("the server refuses SET_INFORMATION2; times are set by name");
		WRITE_ONCE(conn->no_setinfo2, true);
		return -EAGAIN;
	}
	if (ret == -SMB1_ELOST)
		return -EAGAIN;
	if (ret)
		return ret;
	/* what the server keeps; in range, so not negative */
	attr->ia_atime.tv_sec = round_down(attr->ia_atime.tv_sec, 2);
	attr->ia_atime.tv_nsec = 0;
	attr->ia_mtime.tv_sec = round_down(attr->ia_mtime.tv_sec, 2);
	attr->ia_mtime.tv_nsec = 0;
	return 0;
}

/*
 * The core protocol has no SET_INFORMATION2: a modification time set on
 * a file open for writing goes again in the CLOSE of its writable FID
 * (LastTimeModified), after the writes that would move it.
 */
static void smb1_core_close_mtime(struct dentry *dentry, s64 local)
{
	struct smb1_handle *h;

	if (!S_ISREG(d_inode(dentry)->i_mode) || local <= 0 || local > U32_MAX)
		return;
	h = smb1_handle_find_mode(d_inode(dentry), SMB1_H_RW);
	if (!h)
		return;
	WRITE_ONCE(h->close_mtime, local);
	smb1_handle_put(h);
}

/*
 * Attributes and times on a server without the NT levels.  The times go
 * through a writable FID where the file has one (smb1_setattr_times2()),
 * else by name with SET_INFORMATION: the modification time alone, in
 * seconds (the access time has no field there).  The DOS attributes go
 * by name (SET_INFORMATION2 has no field for them).
 */
static int smb1_setattr_legacy(struct dentry *dentry, struct iattr *attr,
			       u32 attrs, bool set_attrs)
{
	struct smb1_conn *conn = SMB1_SB(dentry->d_sb)->conn;
	bool times = attr->ia_valid & (ATTR_MTIME | ATTR_ATIME);
	s64 mtime = 0;
	char *path;
	int ret;

	/* the core protocol has no SET_INFORMATION2 */
	if (times && S_ISREG(d_inode(dentry)->i_mode) &&
	    conn->proto != SMB1_PROTO_CORE) {
		ret = smb1_setattr_times2(dentry, attr);
		if (ret != -EAGAIN) {
			if (ret)
				return ret;
			times = false;
		}
	}
	if (times && (attr->ia_valid & ATTR_MTIME))
		mtime = attr->ia_mtime.tv_sec;
	if (!set_attrs && !mtime)
		return 0;
	path = smb1_build_path(dentry);
	if (IS_ERR(path))
		return PTR_ERR(path);
	ret = smb1_set_information(conn, path, set_attrs ? attrs : ATTR_NORMAL,
				   mtime);
	kfree(path);
	if (!ret && mtime && conn->proto == SMB1_PROTO_CORE)
		smb1_core_close_mtime(dentry, mtime - (s64)conn->tz * 60);
	return ret;
}

/*
 * A size through fid: SET_FILE_INFORMATION END_OF_FILE, or where the
 * server has no NT levels a zero-length core WRITE at the new size.
 */
static int smb1_size_by_fid(struct smb1_conn *conn, u16 fid, u32 gen,
			    const struct smb1_setinfo *si)
{
	if (smb1_setinfo_legacy(conn))
		return smb1_write_setsize(conn, fid, gen, si->size);
	return smb1_set_file_info(conn, fid, gen, si);
}

/*
 * The size of dentry's file through a FID opened for it and closed
 * again: where no writable FID is open and the server cannot take a
 * size by name (Samba answers INVALID_LEVEL; the core protocol has no
 * such request).
 */
static int smb1_size_opened(struct dentry *dentry,
			    const struct smb1_setinfo *si)
{
	static const struct smb1_create_args rw = {
		.write = true,
		.disposition = FILE_OPEN,
	};
	struct smb1_conn *conn = SMB1_SB(dentry->d_sb)->conn;
	struct smb1_open_rsp info;
	struct smb1_fattr fa;
	bool again = true;
	char *path;
	u32 gen;
	int ret;

	path = smb1_build_path(dentry);
	if (IS_ERR(path))
		return PTR_ERR(path);
	for (;;) {
		ret = smb1_create(conn, path, &rw, &info, &fa, &gen);
		if (ret)
			break;
		ret = smb1_size_by_fid(conn, info.fid, gen, si);
		smb1_close(conn, info.fid, gen);
		/* lost with the link: once more on the next one */
		if (ret != -SMB1_ELOST || !again)
			break;
		again = false;
		ret = smb1_conn_wait_ready(conn);
		if (ret)
			break;
	}
	kfree(path);
	return ret == -SMB1_ELOST ? -EIO : ret;
}

/* The size of dentry's file: by its writable FID, by name, by a new FID */
static int smb1_size_send(struct dentry *dentry,
			  const struct smb1_setinfo *si)
{
	struct smb1_conn *conn = SMB1_SB(dentry->d_sb)->conn;
	struct smb1_handle *h;
	char *path;
	u32 gen;
	u16 fid;
	int ret;

	h = smb1_setattr_handle(dentry, &fid, &gen);
	if (h) {
		ret = smb1_size_by_fid(conn, fid, gen, si);
		smb1_handle_put(h);
		if (ret != -SMB1_ELOST)
			return ret;
	}
	if (!smb1_setinfo_legacy(conn)) {
		path = smb1_build_path(dentry);
		if (IS_ERR(path))
			return PTR_ERR(path);
		ret = smb1_set_path_info(conn, path, si);
		kfree(path);
		if (ret != -EOPNOTSUPP)
			return ret;
	}
	return smb1_size_opened(dentry, si);
}

static int smb1_setattr_size(struct dentry *dentry, loff_t size)
{
	struct inode *inode = d_inode(dentry);
	struct smb1_setinfo si = {
		.level = SMB_SET_FILE_END_OF_FILE_INFO,
		.size = size,
	};
	int ret;

	if (size > inode->i_sb->s_maxbytes ||
	    size > smb1_write_limit(SMB1_SB(inode->i_sb)->conn))
		return -EFBIG;
	/* no write still on its way may land past the new end */
	ret = smb1_write_back(inode, 0, LLONG_MAX);
	if (ret)
		return ret;
	ret = smb1_size_send(dentry, &si);
	if (ret)
		return smb1_write_err(size, ret);
	truncate_setsize(inode, size);
	smb1_inode_changed(inode);
	set_bit(SMB1_I_WROTE, &SMB1_I(inode)->flags);
	return 0;
}

/*
 * The DOS attributes a mode change gives: read-only when no write bit is
 * left.  Directories keep theirs (read-only means something else there).
 */
static u32 smb1_mode_attrs(struct inode *inode, const struct iattr *attr)
{
	u32 attrs = SMB1_I(inode)->attrs;

	if (!(attr->ia_valid & ATTR_MODE) || S_ISDIR(inode->i_mode))
		return attrs;
	if (attr->ia_mode & 0222)
		return attrs & ~ATTR_READONLY;
	return attrs | ATTR_READONLY;
}

int smb1_setattr(struct smb1_idmap *idmap, struct dentry *dentry,
		 struct iattr *attr)
{
	struct inode *inode = d_inode(dentry);
	struct smb1_setinfo si = { .level = SMB_SET_FILE_BASIC_INFO };
	u32 attrs;
	int ret;

	ret = setattr_prepare(idmap, dentry, attr);
	if (ret)
		return ret;
	/*
	 * Without the Unix extensions a file has no owner of its own: the
	 * mount's uid= and gid= stay, as with cifs.
	 */
	attr->ia_valid &= ~(ATTR_UID | ATTR_GID | ATTR_KILL_SUID |
			    ATTR_KILL_SGID);

	if ((attr->ia_valid & ATTR_SIZE) && S_ISREG(inode->i_mode)) {
		ret = smb1_setattr_size(dentry, attr->ia_size);
		if (ret)
			return ret;
	}

	/*
	 * A server that gives DOS times (SMB_INFO_STANDARD) keeps the time
	 * set in steps of two seconds: it is sent so, and read back so.
	 */
	if ((attr->ia_valid & ATTR_MTIME) &&
	    SMB1_SB(inode->i_sb)->conn->level == SMB1_LEVEL_STANDARD) {
		attr->ia_mtime.tv_sec = round_down(attr->ia_mtime.tv_sec, 2);
		attr->ia_mtime.tv_nsec = 0;
	}
	attrs = smb1_mode_attrs(inode, attr);
	if (attrs != SMB1_I(inode)->attrs)
		si.attrs = attrs ?: ATTR_NORMAL;
	if (attr->ia_valid & ATTR_MTIME)
		si.mtime = smb1_ts_to_nt_time(attr->ia_mtime);
	if (attr->ia_valid & ATTR_ATIME)
		si.atime = smb1_ts_to_nt_time(attr->ia_atime);
	if (si.attrs || si.mtime || si.atime) {
		/* data written later would move the time again */
		if (si.mtime && S_ISREG(inode->i_mode)) {
			ret = smb1_write_back(inode, 0, LLONG_MAX);
			if (ret)
				return ret;
		}
		if (smb1_setinfo_legacy(SMB1_SB(inode->i_sb)->conn))
			ret = smb1_setattr_legacy(dentry, attr, attrs, si.attrs);
		else
			ret = smb1_setattr_send(dentry, &si);
		if (ret)
			return ret;
		smb1_inode_changed(inode);
		if (si.attrs)
			smb1_inode_set_dos_attrs(inode, attrs);
	}

	/* the mode follows the DOS attributes, not the bits asked for */
	attr->ia_valid &= ~(ATTR_MODE | ATTR_SIZE);
	setattr_copy(idmap, inode, attr);
	return 0;
}
