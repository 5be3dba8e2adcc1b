// SPDX-License-Identifier: GPL-2.0
/*
 * smb1fs inodes: allocation, attributes, lookup and dentry revalidation.
 *
 * One inode stands for one server file, found again through the inode
 * hash by a key: the server's file id where it gives one (serverino, the
 * default, on NT servers with the pass-through levels), else a hash of
 * the path, case-folded when names are compared without case.  Cached
 * attributes and dentries are trusted for actimeo, then asked for again.
 */

#include <linux/slab.h>
#include <linux/pagemap.h>
#include <linux/namei.h>
#include <linux/string.h>

#include <linux/siphash.h>
#include <linux/random.h>

#include "internal.h"

static struct kmem_cache *smb1_inode_cachep;

static void smb1_inode_init_once(void *p)
{
	struct smb1_inode_info *si = p;

	inode_init_once(&si->vfs_inode);
	mutex_init(&si->refresh_lock);
	spin_lock_init(&si->h_lock);
}

int smb1_init_inodecache(void)
{
	smb1_inode_cachep = kmem_cache_create("smb1fs_inode_cache",
					      sizeof(struct smb1_inode_info), 0,
					      SLAB_RECLAIM_ACCOUNT | SLAB_ACCOUNT,
					      smb1_inode_init_once);
	return smb1_inode_cachep ? 0 : -ENOMEM;
}

void smb1_destroy_inodecache(void)
{
	/* inodes are freed after an RCU grace period */
	rcu_barrier();
	kmem_cache_destroy(smb1_inode_cachep);
}

struct inode *smb1_alloc_inode(struct super_block *sb)
{
	struct smb1_inode_info *si;

	si = alloc_inode_sb(sb, smb1_inode_cachep, GFP_KERNEL);
	if (!si)
		return NULL;
	si->attr_time = jiffies;
	si->attr_gen = 0;
	si->flags = 0;
	atomic_set(&si->writers, 0);
	si->attrs = 0;
	si->btime = (struct timespec64){};
	si->dir_entries = 0;
	memset(si->handles, 0, sizeof(si->handles));
	si->silly = NULL;
	return &si->vfs_inode;
}

/*
 * A file unlinked while open here, whose hidden name the server would not
 * delete then (see smb1_iop_unlink()): the name is deleted once no FID of
 * the file is open here, at the last close (smb1_silly_close()) or, if the
 * server still refused then, when the inode is evicted.
 */
static int smb1_silly_delete(struct inode *inode)
{
	struct smb1_inode_info *si = SMB1_I(inode);
	char *silly;
	int ret;

	spin_lock(&inode->i_lock);
	silly = si->silly;
	si->silly = NULL;
	spin_unlock(&inode->i_lock);
	if (!silly)
		return 0;
	ret = smb1_delete(SMB1_SB(inode->i_sb)->conn, silly);
	if (ret && ret != -ENOENT) {
		spin_lock(&inode->i_lock);
		if (!si->silly)
			swap(si->silly, silly);
		spin_unlock(&inode->i_lock);
	} else {
		ret = 0;
	}
	kfree(silly);
	return ret;
}

/*
 * The last close of a file unlinked while open.  The inode may live on
 * after it (another dentry, such as its hidden name listed here, holds
 * it), and its hidden name with it: deleted now.  The close of the FID
 * went before on the same link, so the server has it by then; if not,
 * eviction tries again.
 */
void smb1_silly_close(struct inode *inode)
{
	struct smb1_handle *h;

	if (!READ_ONCE(SMB1_I(inode)->silly))
		return;
	h = smb1_handle_find(inode);
	if (h) {
		smb1_handle_put(h);
		return;
	}
	smb1_silly_delete(inode);
}

void smb1_evict_inode(struct inode *inode)
{
	struct smb1_inode_info *si = SMB1_I(inode);
	int ret;

	truncate_inode_pages_final(&inode->i_data);
	clear_inode(inode);
	if (!si->silly)
		return;
	ret = smb1_silly_delete(inode);
	if (ret)
		smb1_warn("deleting %s, a file unlinked while open, failed (%d)",
			  si->silly, ret);
	kfree(si->silly);
	si->silly = NULL;
}

void smb1_free_inode(struct inode *inode)
{
	kmem_cache_free(smb1_inode_cachep, SMB1_I(inode));
}

/*
 * A path names an inode by two hashes of it: FNV-1a, the same on every
 * machine and for every mount, gives the inode number; SipHash with a
 * key drawn at module load is what the inode cache compares, so that a
 * user of the share who names files whose FNV values collide cannot
 * make two files one inode here.
 */
static siphash_key_t smb1_ikey_secret;

void smb1_ikey_init(void)
{
	get_random_bytes(&smb1_ikey_secret, sizeof(smb1_ikey_secret));
}

struct smb1_path_hash {
	u64 fnv;
	u64 sip;		/* chained SipHash of the 8-byte words so far */
	u64 word;		/* the bytes not yet in a whole word */
	u64 len;
};

static void smb1_path_hash_byte(void *arg, u8 b)
{
	struct smb1_path_hash *ph = arg;

	ph->fnv = (ph->fnv ^ b) * SMB1_FNV_PRIME;
	ph->word |= (u64)b << (8 * (ph->len & 7));
	if ((++ph->len & 7) == 0) {
		ph->sip = siphash_2u64(ph->sip, ph->word, &smb1_ikey_secret);
		ph->word = 0;
	}
}

static void smb1_path_hash_add(struct smb1_path_hash *ph, const char *s,
			       size_t len, bool fold)
{
	if (fold) {
		smb1_fold_walk(s, len, smb1_path_hash_byte, ph);
		return;
	}
	while (len--)
		smb1_path_hash_byte(ph, *s++);
}

/*
 * The key of the file at dir\name (name NULL: at dir) that the server
 * described in fa: its file id when the mount uses ids and the reply
 * had one, else the hashes of its path; paths are folded when the share
 * compares names without case, so that FOO and foo are one file.
 */
void smb1_ikey_make(struct smb1_ikey *k, bool ids, bool nocase,
		    const struct smb1_fattr *fa, const char *dir,
		    const char *name, size_t name_len)
{
	struct smb1_path_hash ph = { .fnv = SMB1_FNV_BASIS };

	k->dir = fa->attrs & ATTR_DIRECTORY;
	k->by_id = ids && fa->file_id;
	if (k->by_id) {
		k->key = fa->file_id;
		k->ino = fa->file_id;
		return;
	}
	smb1_path_hash_add(&ph, dir, strlen(dir), nocase);
	if (name) {
		smb1_path_hash_add(&ph, "\\", 1, nocase);
		smb1_path_hash_add(&ph, name, name_len, nocase);
	}
	k->key = siphash_3u64(ph.sip, ph.word, ph.len, &smb1_ikey_secret);
	k->ino = ph.fnv;
}

/* The inode number of a key: its number itself where ino_t holds it */
ino_t smb1_ikey_ino(const struct smb1_ikey *k)
{
	u64 h = k->ino;

	if (BITS_PER_LONG < 64)
		h ^= h >> 32;
	/* 0 means "no inode" to some readdir users */
	return (ino_t)h ?: 1;
}

/* The key of a file on this mount (see smb1_ikey_make()) */
void smb1_sb_ikey(struct super_block *sb, struct smb1_ikey *k,
		  const struct smb1_fattr *fa, const char *dir,
		  const char *name, size_t name_len)
{
	const struct smb1_sb_info *sbi = SMB1_SB(sb);

	smb1_ikey_make(k, sbi->ids, sbi->nocase, fa, dir, name, name_len);
}

char *smb1_build_path(struct dentry *dentry)
{
	const struct smb1_sb_info *sbi = SMB1_SB(dentry->d_sb);
	const struct nls_table *local = sbi->local;
	const char *prefix = sbi->opts.prefix ?: "";
	size_t cap, plen = strlen(prefix);
	char *buf, *p, *path;
	int n;

	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return ERR_PTR(-ENOMEM);
	p = dentry_path_raw(dentry, buf, PATH_MAX);
	if (IS_ERR(p)) {
		path = p;
		goto out;
	}
	/* the root is "/", which becomes "" */
	if (!p[1])
		p++;
	/* UTF-8 for the encoders: a local byte is at most 3 bytes of it */
	cap = local ? 3 * strlen(p) + 1 : strlen(p) + 1;
	path = kmalloc(plen + cap, GFP_KERNEL);
	if (!path) {
		path = ERR_PTR(-ENOMEM);
		goto out;
	}
	/* below the subdirectory mounted, if any */
	memcpy(path, prefix, plen);
	n = smb1_local_to_utf8(local, p, strlen(p), path + plen, cap);
	/* a name with a backslash has no SMB path */
	if (n < 0 || memchr(path + plen, '\\', n)) {
		kfree(path);
		path = ERR_PTR(n < 0 ? n : -EINVAL);
		goto out;
	}
	for (p = path + plen; *p; p++)
		if (*p == '/')
			*p = '\\';
out:
	kfree(buf);
	return path;
}

static bool smb1_fattr_is_dir(const struct smb1_fattr *fa)
{
	return fa->attrs & ATTR_DIRECTORY;
}

static umode_t smb1_fattr_mode(const struct smb1_sb_info *sbi,
			       const struct smb1_fattr *fa)
{
	umode_t mode;

	if (smb1_fattr_is_dir(fa))
		return S_IFDIR | (sbi->opts.dir_mode & S_IALLUGO);
	mode = S_IFREG | (sbi->opts.file_mode & S_IALLUGO);
	/* on a directory the DOS read-only bit means something else */
	if (fa->attrs & ATTR_READONLY)
		mode &= ~0222;
	return mode;
}

/* 512-byte blocks; servers that do not know the allocation report 0 */
static blkcnt_t smb1_fattr_blocks(const struct smb1_fattr *fa)
{
	u64 bytes = fa->alloc_size ?: fa->size;

	return (bytes >> 9) + !!(bytes & 511);
}

/* Data the server has not seen: dirty or writeback folios, writes */
static bool smb1_inode_busy(struct inode *inode)
{
	struct address_space *m = inode->i_mapping;

	return atomic_read(&SMB1_I(inode)->writers) ||
	       mapping_tagged(m, PAGECACHE_TAG_DIRTY) ||
	       mapping_tagged(m, PAGECACHE_TAG_WRITEBACK);
}

/*
 * Copy fa into inode, whose type stays what it is, as smb1_attr_plan()
 * allows.  Returns whether the page cache of a regular file is stale:
 * the flag SMB1_I_INVAL is then set too, until an invalidation
 * succeeds (smb1_inode_invalidate()).
 */
static bool smb1_set_attrs(struct inode *inode, const struct smb1_fattr *fa)
{
	struct smb1_inode_info *si = SMB1_I(inode);
	loff_t size = min_t(u64, fa->size, MAX_LFS_FILESIZE);
	umode_t mode = smb1_fattr_mode(SMB1_SB(inode->i_sb), fa);
	struct smb1_attr_cur cur;
	unsigned int plan;

	cur.busy = smb1_inode_busy(inode);
	spin_lock(&inode->i_lock);
	cur.gen = si->attr_gen;
	cur.size = i_size_read(inode);
	cur.mtime = smb1_inode_get_mtime(inode);
	cur.is_reg = S_ISREG(inode->i_mode);
	cur.wrote = test_bit(SMB1_I_WROTE, &si->flags);
	plan = smb1_attr_plan(&cur, fa, size);
	/* once the server's view includes every write, it counts again */
	if ((plan & SMB1_ATTR_APPLY) && !cur.busy)
		clear_bit(SMB1_I_WROTE, &si->flags);
	if (plan & SMB1_ATTR_APPLY) {
		inode->i_mode = (inode->i_mode & S_IFMT) | (mode & ~S_IFMT);
		if (plan & SMB1_ATTR_SIZE)
			i_size_write(inode, size);
		inode->i_blocks = smb1_fattr_blocks(fa);
		smb1_inode_set_times(inode, fa->atime, fa->mtime, fa->ctime);
		si->btime = fa->btime;
		si->attrs = fa->attrs;
		if (fa->gen > si->attr_gen)
			si->attr_gen = fa->gen;
		WRITE_ONCE(si->attr_time, jiffies);
	}
	if (plan & SMB1_ATTR_INVAL)
		set_bit(SMB1_I_INVAL, &si->flags);
	spin_unlock(&inode->i_lock);
	return plan & SMB1_ATTR_INVAL;
}

static int smb1_inode_test(struct inode *inode, void *data)
{
	const struct smb1_ikey *k = data;
	const struct smb1_inode_info *si = SMB1_I(inode);

	/* a number the server gave again to a new file of another type */
	return si->key == k->key && si->by_id == k->by_id &&
	       S_ISDIR(inode->i_mode) == k->dir;
}

static int smb1_inode_set(struct inode *inode, void *data)
{
	const struct smb1_ikey *k = data;
	struct smb1_inode_info *si = SMB1_I(inode);

	si->key = k->key;
	si->by_id = k->by_id;
	inode->i_ino = smb1_ikey_ino(k);
	inode->i_mode = k->dir ? S_IFDIR : S_IFREG;
	return 0;
}

static void smb1_inode_setup(struct inode *inode, const struct smb1_fattr *fa)
{
	struct smb1_sb_info *sbi = SMB1_SB(inode->i_sb);

	inode->i_mode = smb1_fattr_mode(sbi, fa);
	inode->i_uid = sbi->opts.uid;
	inode->i_gid = sbi->opts.gid;
	if (S_ISDIR(inode->i_mode)) {
		set_nlink(inode, 2);
		inode->i_op = &smb1_dir_inode_ops;
		inode->i_fop = &smb1_dir_ops;
	} else {
		inode->i_op = &smb1_file_inode_ops;
		inode->i_fop = &smb1_file_ops;
		inode->i_data.a_ops = &smb1_aops;
	}
	smb1_set_attrs(inode, fa);
	/* a new inode has no pages to be stale */
	clear_bit(SMB1_I_INVAL, &SMB1_I(inode)->flags);
}

/*
 * The inode of the server file k names, with the attributes fa: the one
 * in the inode cache if there is one (fa then updates it, as far as the
 * attribute generation allows), else a new one.
 */
struct inode *smb1_iget(struct super_block *sb, const struct smb1_ikey *k,
			const struct smb1_fattr *fa)
{
	unsigned long hash = (unsigned long)(k->key ^ (k->key >> 32));
	struct inode *inode;

	if (k->dir != smb1_fattr_is_dir(fa))
		return ERR_PTR(-EINVAL);
	inode = iget5_locked(sb, hash, smb1_inode_test, smb1_inode_set,
			     (void *)k);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	if (inode->i_state & I_NEW) {
		smb1_inode_setup(inode, fa);
		unlock_new_inode(inode);
	} else {
		smb1_update_inode(inode, fa);
	}
	return inode;
}

/*
 * Drop the page cache that SMB1_I_INVAL marks stale; the mark stays
 * until that succeeds (a folio still mapped or locked can make it fail),
 * and is tried again at the next refresh and open.  Data the server has
 * not seen is never dropped.
 */
void smb1_inode_invalidate(struct inode *inode)
{
	struct smb1_inode_info *si = SMB1_I(inode);
	int ret;

	if (!test_bit(SMB1_I_INVAL, &si->flags) || smb1_inode_busy(inode))
		return;
	clear_bit(SMB1_I_INVAL, &si->flags);
	ret = invalidate_inode_pages2(inode->i_mapping);
	if (ret) {
		set_bit(SMB1_I_INVAL, &si->flags);
		smb1_dbg("page cache of inode %lu not invalidated: %d",
			 inode->i_ino, ret);
	}
}

void smb1_update_inode(struct inode *inode, const struct smb1_fattr *fa)
{
	/* a changed type needs a new inode: the dentry is dropped instead */
	if (smb1_fattr_is_dir(fa) != S_ISDIR(inode->i_mode))
		return;
	smb1_set_attrs(inode, fa);
	smb1_inode_invalidate(inode);
}

bool smb1_attr_stale(struct inode *inode)
{
	unsigned long actimeo = SMB1_SB(inode->i_sb)->opts.actimeo;

	return !time_before(jiffies,
			    READ_ONCE(SMB1_I(inode)->attr_time) + actimeo);
}

static bool smb1_dentry_fresh(struct dentry *dentry)
{
	unsigned long actimeo = SMB1_SB(dentry->d_sb)->opts.actimeo;

	return time_before(jiffies, READ_ONCE(dentry->d_time) + actimeo);
}

static void smb1_dentry_checked(struct dentry *dentry, unsigned long when)
{
	WRITE_ONCE(dentry->d_time, when);
}

/* Check dentry with the server at its next use */
static void smb1_dentry_expire(struct dentry *dentry)
{
	unsigned long actimeo = SMB1_SB(dentry->d_sb)->opts.actimeo;

	WRITE_ONCE(dentry->d_time, jiffies - actimeo - 1);
}

/* The server's attributes for path, stamped with the clock before */
static int smb1_query_stamped(struct smb1_conn *conn, const char *path,
			      struct smb1_fattr *fa)
{
	u64 seq = smb1_clock_tick();
	int ret;

	ret = smb1_query_path_info(conn, path, fa);
	fa->gen = seq;
	return ret;
}

/* The server's attributes of dentry's file, and the key they give it */
static int smb1_query_dentry(struct dentry *dentry, struct smb1_fattr *fa,
			     struct smb1_ikey *k)
{
	char *path;
	int ret;

	path = smb1_build_path(dentry);
	if (IS_ERR(path))
		return PTR_ERR(path);
	ret = smb1_query_stamped(SMB1_SB(dentry->d_sb)->conn, path, fa);
	if (!ret)
		smb1_sb_ikey(dentry->d_sb, k, fa, path, NULL, 0);
	kfree(path);
	return ret;
}

/* Whether inode is the file k names (same key, same type) */
bool smb1_inode_is(struct inode *inode, const struct smb1_ikey *k)
{
	const struct smb1_inode_info *si = SMB1_I(inode);

	return si->key == k->key && si->by_id == k->by_id &&
	       S_ISDIR(inode->i_mode) == k->dir;
}

/*
 * A stale entry of a small directory that was listed before: refresh the
 * cached entries of the whole directory with one request instead of one
 * per entry, since the neighbours are usually asked for next (ls -l,
 * find | xargs stat, cat *).  True if that made dentry fresh again.
 */
static bool smb1_revalidate_by_dir(struct dentry *dentry)
{
	struct dentry *parent;
	struct smb1_inode_info *pi;
	bool fresh = false;
	u32 n;

	if (IS_ROOT(dentry) || !d_inode(dentry) ||
	    !SMB1_SB(dentry->d_sb)->opts.actimeo)
		return false;
	parent = dget_parent(dentry);
	pi = SMB1_I(d_inode(parent));
	n = READ_ONCE(pi->dir_entries);
	if (n && n <= SMB1_DIR_REFRESH_MAX &&
	    !mutex_lock_killable(&pi->refresh_lock)) {
		/* somebody else's refresh may have covered us */
		if (!smb1_dentry_fresh(dentry))
			smb1_dir_refresh(parent);
		mutex_unlock(&pi->refresh_lock);
		fresh = smb1_dentry_fresh(dentry);
	}
	dput(parent);
	return fresh;
}

/*
 * Whether an open's reply rsp shows the size, modification time and type
 * inode holds: the exact time from NT_CREATE_ANDX; from OPEN_ANDX the
 * second (some servers round it to the nearest one: Samba).  Under
 * inode->i_lock.
 */
static bool smb1_open_matches(struct inode *inode,
			      const struct smb1_open_rsp *rsp, int tz)
{
	struct timespec64 mtime = smb1_inode_get_mtime(inode);
	bool same_time;
	s64 sec;

	if (!S_ISREG(inode->i_mode))
		return false;
	if (rsp->ntime.tv_sec || rsp->ntime.tv_nsec) {
		/* NT_CREATE_ANDX: as exact as what the inode took */
		same_time = timespec64_equal(&rsp->ntime, &mtime);
	} else {
		if (!rsp->mtime || rsp->mtime == U32_MAX)
			return false;
		sec = (s64)rsp->mtime + (s64)tz * 60;
		same_time = sec == mtime.tv_sec ||
			    (sec == mtime.tv_sec + 1 && mtime.tv_nsec);
	}
	return i_size_read(inode) == rsp->size && same_time &&
	       !((SMB1_I(inode)->attrs ^ rsp->attrs) &
		 (ATTR_READONLY | ATTR_DIRECTORY));
}

bool smb1_open_same_file(struct inode *inode, const struct smb1_open_rsp *rsp,
			 int tz)
{
	bool same;

	spin_lock(&inode->i_lock);
	same = smb1_open_matches(inode, rsp, tz);
	spin_unlock(&inode->i_lock);
	return same;
}

/*
 * An open of dentry's regular file, sent at clock seq, succeeded at
 * jiffies when.  If its reply still shows what we hold (see
 * smb1_open_matches()), and the inode took nothing newer since, the
 * cached attributes and dentry count as checked then, and true is
 * returned.  Anything else leaves them as they are.
 */
bool smb1_open_confirms(struct dentry *dentry, const struct smb1_open_rsp *rsp,
			int tz, unsigned long when, u64 seq)
{
	struct inode *inode = d_inode(dentry);
	struct smb1_inode_info *si = SMB1_I(inode);
	bool same;

	spin_lock(&inode->i_lock);
	same = seq >= si->attr_gen && smb1_open_matches(inode, rsp, tz);
	if (same && time_after(when, si->attr_time))
		WRITE_ONCE(si->attr_time, when);
	spin_unlock(&inode->i_lock);
	if (same && time_after(when, READ_ONCE(dentry->d_time)))
		smb1_dentry_checked(dentry, when);
	return same;
}

int smb1_revalidate(struct dentry *dentry)
{
	struct inode *inode = d_inode(dentry);
	unsigned long now = jiffies;
	struct smb1_fattr fa;
	struct smb1_ikey k;
	int ret;

	if (smb1_revalidate_by_dir(dentry) && !smb1_attr_stale(inode))
		return 0;
	ret = smb1_query_dentry(dentry, &fa, &k);
	if (ret)
		return ret;
	/* the name leads to another file now */
	if (!smb1_inode_is(inode, &k))
		return -ESTALE;
	smb1_update_inode(inode, &fa);
	smb1_dentry_checked(dentry, now);
	return 0;
}

/*
 * A cached positive dentry gets the attributes the server just sent for
 * its name, if they are of the file the dentry holds.  If the name now
 * leads to another file, the dentry is left to be checked again.
 */
static void smb1_freshen_dentry(struct dentry *dentry,
				const struct smb1_ikey *k,
				const struct smb1_fattr *fa, unsigned long when)
{
	struct inode *inode = d_inode(dentry);

	if (!inode)
		return;
	if (!smb1_inode_is(inode, k)) {
		smb1_dentry_expire(dentry);
		return;
	}
	smb1_update_inode(inode, fa);
	smb1_dentry_checked(dentry, when);
}

/*
 * A listing entry without a file id on a mount keyed by ids (a server
 * that gives ids to lookups but not to listings): its key would make a
 * second inode for the file, so the entry is not used.
 */
static bool smb1_key_unusable(struct super_block *sb, const struct smb1_ikey *k)
{
	return SMB1_SB(sb)->ids && !k->by_id;
}

/* The dcache's hash of a name in parent, by the mount's rules */
static void smb1_qstr_hash(const struct dentry *parent, struct qstr *q)
{
	if (parent->d_flags & DCACHE_OP_HASH)
		parent->d_op->d_hash(parent, q);
	else
		q->hash = full_name_hash(parent, q->name, q->len);
}

void smb1_refresh_dentry(struct dentry *parent, const char *name,
			 unsigned int len, const struct smb1_ikey *k,
			 const struct smb1_fattr *fa, unsigned long when)
{
	struct qstr q = QSTR_INIT(name, len);
	struct dentry *dentry;

	if (smb1_key_unusable(parent->d_sb, k))
		return;
	smb1_qstr_hash(parent, &q);
	dentry = d_lookup(parent, &q);
	if (dentry) {
		smb1_freshen_dentry(dentry, k, fa, when);
		dput(dentry);
	}
}

/*
 * Enter an entry that readdir saw into the dcache with its attributes, so
 * that the stat which usually follows (ls -l) needs no round trip.  An
 * existing dentry just gets fresh attributes.  Best effort: any failure
 * leaves the name to an ordinary lookup.
 */
void smb1_prime_dentry(struct dentry *parent, const struct smb1_ikey *k,
		       const char *name, unsigned int len,
		       const struct smb1_fattr *fa)
{
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(wq);
	struct qstr q = QSTR_INIT(name, len);
	struct dentry *dentry, *alias;
	unsigned long now = jiffies;
	struct inode *inode;

	if (smb1_key_unusable(parent->d_sb, k))
		return;
	smb1_qstr_hash(parent, &q);
	dentry = d_lookup(parent, &q);
	if (!dentry) {
		dentry = d_alloc_parallel(parent, &q, &wq);
		if (IS_ERR(dentry))
			return;
	}
	if (!d_in_lookup(dentry)) {
		smb1_freshen_dentry(dentry, k, fa, now);
		dput(dentry);
		return;
	}
	inode = smb1_iget(parent->d_sb, k, fa);
	if (!IS_ERR(inode)) {
		smb1_dentry_checked(dentry, now);
		alias = d_splice_alias(inode, dentry);
		if (!IS_ERR_OR_NULL(alias))
			dput(alias);
	}
	d_lookup_done(dentry);
	dput(dentry);
}

struct inode *smb1_new_inode(struct dentry *dentry, const char *path,
			     const struct smb1_fattr *fa)
{
	struct super_block *sb = dentry->d_sb;
	struct smb1_sb_info *sbi = SMB1_SB(sb);
	struct smb1_fattr q;
	struct inode *inode;
	struct smb1_ikey k;
	int ret;

	/* no file id from the create or its FID: a mount keyed by ids asks */
	if (!fa || (sbi->ids && !fa->file_id)) {
		ret = smb1_query_stamped(sbi->conn, path, &q);
		if (ret)
			return ERR_PTR(ret);
		fa = &q;
	}
	smb1_sb_ikey(sb, &k, fa, path, NULL, 0);
	inode = smb1_iget(sb, &k, fa);
	if (!IS_ERR(inode))
		smb1_dentry_checked(dentry, jiffies);
	return inode;
}

void smb1_inode_rekey(struct inode *inode, const char *path)
{
	struct smb1_inode_info *si = SMB1_I(inode);
	struct smb1_fattr fa = {
		.attrs = S_ISDIR(inode->i_mode) ? ATTR_DIRECTORY : 0,
	};
	struct smb1_ikey k;

	if (si->by_id)
		return;
	smb1_sb_ikey(inode->i_sb, &k, &fa, path, NULL, 0);
	/* st_ino stays: only the inode cache's key follows the name */
	remove_inode_hash(inode);
	si->key = k.key;
	__insert_inode_hash(inode, (unsigned long)(k.key ^ (k.key >> 32)));
}

void smb1_inode_changed(struct inode *inode)
{
	struct smb1_inode_info *si = SMB1_I(inode);

	spin_lock(&inode->i_lock);
	si->attr_gen = smb1_clock_tick();
	spin_unlock(&inode->i_lock);
}

void smb1_inode_set_dos_attrs(struct inode *inode, u32 attrs)
{
	struct smb1_inode_info *si = SMB1_I(inode);
	struct smb1_fattr fa = { .attrs = attrs };
	umode_t mode = smb1_fattr_mode(SMB1_SB(inode->i_sb), &fa);

	spin_lock(&inode->i_lock);
	si->attrs = attrs;
	if (!S_ISDIR(inode->i_mode))
		inode->i_mode = S_IFREG | (mode & ~S_IFMT);
	spin_unlock(&inode->i_lock);
}

/*
 * A core protocol server (PC NETWORK PROGRAM 1.0, LANMAN1.0) knows only
 * 8.3 names: any other name cannot exist there, which is known without
 * asking.
 */
bool smb1_core_name_ok(struct super_block *sb, const struct qstr *name)
{
	struct smb1_sb_info *sbi = SMB1_SB(sb);
	char buf[NAME_MAX + 1];
	int n;

	if (sbi->conn->level != SMB1_LEVEL_CORE)
		return true;
	n = smb1_local_to_utf8(sbi->local, name->name, name->len, buf,
			       sizeof(buf));
	return n > 0 && smb1_is_83_name(sbi->conn->oem, buf, n);
}

struct dentry *smb1_lookup(struct inode *dir, struct dentry *dentry,
			   unsigned int flags)
{
	const struct qstr *name = &dentry->d_name;
	struct inode *inode = NULL;
	struct smb1_fattr fa;
	struct smb1_ikey k;
	char *path;
	int ret;

	if (name->len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	smb1_dentry_checked(dentry, jiffies);
	/* no SMB name holds a backslash: such a name never exists */
	if (memchr(name->name, '\\', name->len))
		return d_splice_alias(NULL, dentry);
	/* a core protocol server has only 8.3 names */
	if (!smb1_core_name_ok(dir->i_sb, name))
		return d_splice_alias(NULL, dentry);

	path = smb1_build_path(dentry);
	if (IS_ERR(path))
		return ERR_CAST(path);
	ret = smb1_query_stamped(SMB1_SB(dir->i_sb)->conn, path, &fa);
	if (!ret) {
		smb1_sb_ikey(dir->i_sb, &k, &fa, path, NULL, 0);
		inode = smb1_iget(dir->i_sb, &k, &fa);
		if (IS_ERR(inode))
			ret = PTR_ERR(inode);
	} else if (ret == -ENOENT) {
		ret = 0;
	}
	kfree(path);
	if (ret)
		return ERR_PTR(ret);
	return d_splice_alias(inode, dentry);
}

static int smb1_getattr(struct smb1_idmap *idmap, const struct path *path,
			struct kstat *stat, u32 request_mask,
			unsigned int flags)
{
	struct inode *inode = d_inode(path->dentry);
	unsigned int sync = flags & AT_STATX_SYNC_TYPE;
	struct timespec64 btime;
	int ret;

	if (sync == AT_STATX_FORCE_SYNC ||
	    (sync != AT_STATX_DONT_SYNC && smb1_attr_stale(inode))) {
		ret = smb1_revalidate(path->dentry);
		/* unlinked here while open (fstat): what we hold is all */
		if ((ret == -ENOENT || ret == -ESTALE) &&
		    (d_unhashed(path->dentry) || !inode->i_nlink))
			ret = 0;
		if (ret)
			return ret;
	}
	smb1_fillattr(idmap, request_mask, inode, stat);

	spin_lock(&inode->i_lock);
	btime = SMB1_I(inode)->btime;
	spin_unlock(&inode->i_lock);
	if (btime.tv_sec || btime.tv_nsec) {
		stat->btime = btime;
		stat->result_mask |= STATX_BTIME;
	}
	return 0;
}

/*
 * With noperm the mode bits shown are not checked here: the server
 * alone decides what the user may do.  A file with no x bit at all still
 * cannot be executed, as execve would refuse it anyway.
 */
static int smb1_permission(struct smb1_idmap *idmap, struct inode *inode,
			   int mask)
{
	if (!SMB1_SB(inode->i_sb)->opts.noperm)
		return generic_permission(idmap, inode, mask);
	if ((mask & MAY_EXEC) && S_ISREG(inode->i_mode) &&
	    !(inode->i_mode & 0111))
		return -EACCES;
	return 0;
}

const struct inode_operations smb1_dir_inode_ops = {
	.lookup		= smb1_lookup,
	.atomic_open	= smb1_atomic_open,
	.create		= smb1_iop_create,
	.mkdir		= smb1_iop_mkdir,
	.rmdir		= smb1_iop_rmdir,
	.unlink		= smb1_iop_unlink,
	.rename		= smb1_iop_rename,
	.link		= smb1_iop_link,
	.permission	= smb1_permission,
	.getattr	= smb1_getattr,
	.setattr	= smb1_setattr,
};

const struct inode_operations smb1_file_inode_ops = {
	.permission	= smb1_permission,
	.getattr	= smb1_getattr,
	.setattr	= smb1_setattr,
};

/*
 * A dentry, positive or negative, is trusted for actimeo after the server
 * last confirmed it; then it is checked again.  0 drops it: it vanished,
 * appeared, or changed between file and directory.
 */
static int smb1_d_revalidate(struct dentry *dentry, unsigned int flags)
{
	unsigned long now = jiffies;
	struct smb1_fattr fa;
	struct smb1_ikey k;
	struct inode *inode;
	int ret;

	if (IS_ROOT(dentry))
		return 1;
	/*
	 * Names compared without case: a negative dentry may hold another
	 * spelling of the name about to be created, which would then be
	 * created under the old spelling.  A fresh lookup gets the new one.
	 */
	if (d_really_is_negative(dentry) &&
	    (flags & (LOOKUP_CREATE | LOOKUP_RENAME_TARGET)) &&
	    SMB1_SB(dentry->d_sb)->nocase)
		return 0;
	if (!(flags & LOOKUP_REVAL) && smb1_dentry_fresh(dentry))
		return 1;
	/*
	 * A regular file about to be opened: the open itself checks it,
	 * as its reply carries the size and modification time (see
	 * smb1_open_confirms()), and fails if the file is gone.
	 */
	inode = d_inode_rcu(dentry);
	if (inode && S_ISREG(inode->i_mode) &&
	    (flags & (LOOKUP_OPEN | LOOKUP_REVAL)) == LOOKUP_OPEN)
		return 1;
	if (flags & LOOKUP_RCU)
		return -ECHILD;

	inode = d_inode(dentry);
	if (!inode && memchr(dentry->d_name.name, '\\', dentry->d_name.len))
		return 1;
	if (smb1_revalidate_by_dir(dentry))
		return 1;
	ret = smb1_query_dentry(dentry, &fa, &k);
	if (ret == -ENOENT) {
		if (inode)
			return 0;
		smb1_dentry_checked(dentry, now);
		return 1;
	}
	if (ret)
		return ret;
	/* it appeared, or the name leads to another file now */
	if (!inode || !smb1_inode_is(inode, &k))
		return 0;
	smb1_update_inode(inode, &fa);
	smb1_dentry_checked(dentry, now);
	return 1;
}

/*
 * Names compared as the server compares them: without case (see
 * smb1_upcase()).  Under RCU a name may be changing under us, which the
 * bounded folding functions allow.
 */
static int smb1_d_hash(const struct dentry *dentry, struct qstr *q)
{
	q->hash = smb1_name_hash(dentry, SMB1_SB(dentry->d_sb)->local,
				 q->name, q->len);
	return 0;
}

static int smb1_d_compare(const struct dentry *dentry, unsigned int len,
			  const char *str, const struct qstr *name)
{
	return !smb1_name_equal(SMB1_SB(dentry->d_sb)->local,
				(const unsigned char *)str, len,
				name->name, name->len);
}

const struct dentry_operations smb1_dentry_ops = {
	.d_revalidate	= smb1_d_revalidate,
};

const struct dentry_operations smb1_ci_dentry_ops = {
	.d_revalidate	= smb1_d_revalidate,
	.d_hash		= smb1_d_hash,
	.d_compare	= smb1_d_compare,
};
