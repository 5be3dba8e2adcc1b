// SPDX-License-Identifier: GPL-2.0
/*
 * smb1fs directories: readdir over a FIND_FIRST2 / FIND_NEXT2 search.
 *
 * The position counts entries: 0 and 1 are "." and "..", 2 + n is the
 * n-th entry shown from the server.  An open directory keeps one search
 * going; a read at the position it has reached continues it, any other
 * position starts a new search and skips forward to it.
 */

#include <linux/slab.h>
#include <linux/string.h>
#include <linux/mutex.h>

#include "internal.h"

#define SMB1_DIR_FIRST_POS	2

struct smb1_dir {
	struct mutex lock;	/* one reader of the search at a time */
	char *path;		/* of the directory, when the search began */
	struct smb1_search search;
	bool started;		/* search holds server or reply state */
	bool eof;		/* no more entries */
	loff_t pos;		/* position of the next entry */
	/* an entry taken from the search but not yet accepted by dir_emit */
	bool pending;
	unsigned char type;
	struct smb1_fattr attr;
	u8 len;
	char name[NAME_MAX + 1];	/* UTF-8: the inode key's */
	/* the name shown: name itself, or lname in the iocharset */
	const char *shown;
	u8 shown_len;
	char lname[NAME_MAX + 1];
};

static struct smb1_conn *smb1_dir_conn(struct file *file)
{
	return SMB1_SB(file_inode(file)->i_sb)->conn;
}

/* Forget the search: the next read starts over. */
static void smb1_dir_reset(struct smb1_conn *conn, struct smb1_dir *d)
{
	if (d->started)
		smb1_search_end(conn, &d->search);
	d->started = false;
	d->eof = false;
	d->pending = false;
	d->pos = SMB1_DIR_FIRST_POS;
	kfree(d->path);
	d->path = NULL;
}

static int smb1_dir_start(struct file *file, struct smb1_dir *d)
{
	char *path;
	int ret;

	path = smb1_build_path(file->f_path.dentry);
	if (IS_ERR(path))
		return PTR_ERR(path);
	ret = smb1_find_first(smb1_dir_conn(file), path, &d->search);
	if (ret) {
		kfree(path);
		return ret;
	}
	d->path = path;
	d->started = true;
	return 0;
}

/*
 * The name of de as UTF-8 in buf (NAME_MAX + 1 bytes): its length, or
 * -EINVAL for a name no Linux directory can hold.
 */
static int smb1_dirent_name(const struct smb1_conn *conn,
			    const struct smb1_dirent *de, char *buf)
{
	const u8 *s = de->name;
	u32 n = de->name_len;
	int len;

	/* some servers count a terminator */
	if (conn->unicode) {
		if (n & 1)
			return -EINVAL;
		while (n >= 2 && !s[n - 2] && !s[n - 1])
			n -= 2;
		len = smb1_utf16_to_utf8(s, n, buf, NAME_MAX + 1);
		if (len < 0)
			return len;
	} else {
		while (n && !s[n - 1])
			n--;
		len = smb1_oem_to_utf8(conn->oem, s, n, buf, NAME_MAX + 1);
		if (len < 0)
			return len;
	}
	if (!len || len > NAME_MAX || memchr(buf, '\0', len) ||
	    memchr(buf, '/', len) || memchr(buf, '\\', len))
		return -EINVAL;
	buf[len] = '\0';
	return len;
}

/*
 * The UTF-8 name in the iocharset: utf8 itself (no copy) without one,
 * else converted into lbuf (NAME_MAX + 1 bytes).  Its length, or a
 * negative errno for a name the character set cannot show.
 */
static int smb1_local_name(const struct nls_table *local, const char *utf8,
			   int len, char *lbuf, const char **shown)
{
	int n;

	*shown = utf8;
	if (!local)
		return len;
	n = smb1_utf8_to_local(local, utf8, len, lbuf, NAME_MAX + 1);
	if (n < 0)
		return n;
	if (!n || n > NAME_MAX || memchr(lbuf, '/', n))
		return -EINVAL;
	*shown = lbuf;
	return n;
}

static bool smb1_is_dot(const char *name, int len)
{
	return (len == 1 && name[0] == '.') ||
	       (len == 2 && name[0] == '.' && name[1] == '.');
}

/* Take the next entry worth showing into d: 0, -ENOENT at the end. */
static int smb1_dir_fetch(struct smb1_conn *conn,
			  const struct nls_table *local, struct smb1_dir *d)
{
	struct smb1_dirent de;
	int ret, len;

	for (;;) {
		ret = smb1_search_next(conn, &d->search, &de);
		if (ret)
			return ret;
		cond_resched();
		len = smb1_dirent_name(conn, &de, d->name);
		if (len < 0) {
			smb1_warn("skipping a directory entry with an unusable name (%d)",
				  len);
			continue;
		}
		if (smb1_is_dot(d->name, len))
			continue;
		ret = smb1_local_name(local, d->name, len, d->lname,
				      &d->shown);
		if (ret < 0) {
			smb1_warn("skipping a directory entry the iocharset cannot show (%d)",
				  ret);
			continue;
		}
		d->shown_len = ret;
		d->len = len;
		d->type = de.attr.attrs & ATTR_DIRECTORY ? DT_DIR : DT_REG;
		d->attr = de.attr;
		d->pending = true;
		return 0;
	}
}

void smb1_dir_refresh(struct dentry *dir)
{
	struct smb1_sb_info *sbi = SMB1_SB(dir->d_sb);
	struct smb1_conn *conn = sbi->conn;
	unsigned long now = jiffies;
	char name[NAME_MAX + 1], lname[NAME_MAX + 1];
	const char *shown;
	struct smb1_search s;
	struct smb1_dirent de;
	struct smb1_ikey k;
	char *path;
	int len;

	path = smb1_build_path(dir);
	if (IS_ERR(path))
		return;
	if (!smb1_find_first(conn, path, &s)) {
		/* the first batch only: a large directory is not worth it */
		while (s.req && !smb1_find_iter_next(&s.it, &de)) {
			de.attr.gen = s.seq;
			len = smb1_dirent_name(conn, &de, name);
			if (len > 0 && !smb1_is_dot(name, len))
				len = smb1_local_name(sbi->local, name, len,
						      lname, &shown);
			else
				len = -EINVAL;
			if (len > 0) {
				smb1_sb_ikey(dir->d_sb, &k, &de.attr, path,
					     name, strlen(name));
				smb1_refresh_dentry(dir, shown, len, &k,
						    &de.attr, now);
			}
		}
		smb1_search_end(conn, &s);
	}
	kfree(path);
}

static int smb1_readdir(struct file *file, struct dir_context *ctx)
{
	struct smb1_conn *conn = smb1_dir_conn(file);
	const struct nls_table *local = SMB1_SB(file_inode(file)->i_sb)->local;
	struct smb1_dir *d = file->private_data;
	struct smb1_ikey k;
	int ret = 0;

	if (!dir_emit_dots(file, ctx))
		return 0;
	if (mutex_lock_killable(&d->lock))
		return -EINTR;

	if (ctx->pos < d->pos)
		smb1_dir_reset(conn, d);
	if (!d->started) {
		ret = smb1_dir_start(file, d);
		if (ret)
			goto out;
	}

	while (!d->eof) {
		if (!d->pending) {
			ret = smb1_dir_fetch(conn, local, d);
			if (ret == -ENOENT) {
				/* release the server's handle now */
				smb1_search_end(conn, &d->search);
				d->eof = true;
				/* worth a whole-directory refresh? */
				WRITE_ONCE(SMB1_I(file_inode(file))->dir_entries,
					   d->pos - SMB1_DIR_FIRST_POS);
				ret = 0;
				break;
			}
			if (ret) {
				/* a later read starts over and skips to ctx->pos */
				smb1_dir_reset(conn, d);
				break;
			}
		}
		/* entries before ctx->pos were shown already: skip them */
		if (d->pos == ctx->pos) {
			smb1_sb_ikey(file_inode(file)->i_sb, &k, &d->attr,
				     d->path, d->name, d->len);
			smb1_prime_dentry(file->f_path.dentry, &k, d->shown,
					  d->shown_len, &d->attr);
			if (!dir_emit(ctx, d->shown, d->shown_len,
				      smb1_ikey_ino(&k), d->type))
				break;
			ctx->pos++;
		}
		d->pending = false;
		d->pos++;
	}
out:
	mutex_unlock(&d->lock);
	return ret;
}

static int smb1_dir_open(struct inode *inode, struct file *file)
{
	struct smb1_dir *d;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	mutex_init(&d->lock);
	d->pos = SMB1_DIR_FIRST_POS;
	file->private_data = d;
	return 0;
}

static int smb1_dir_release(struct inode *inode, struct file *file)
{
	struct smb1_dir *d = file->private_data;

	smb1_dir_reset(smb1_dir_conn(file), d);
	mutex_destroy(&d->lock);
	kfree(d);
	return 0;
}

const struct file_operations smb1_dir_ops = {
	.open		= smb1_dir_open,
	.release	= smb1_dir_release,
	.iterate_shared	= smb1_readdir,
	.read		= generic_read_dir,
	.llseek		= generic_file_llseek,
};
