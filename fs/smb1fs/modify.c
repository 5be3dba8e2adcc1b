// SPDX-License-Identifier: GPL-2.0
/*
 * smb1fs operations that change the server: create, write, flush, set
 * information, delete, rename, make and remove directories.
 *
 * Most of these must not run twice (a second DELETE of a name a new
 * file took meanwhile is not the same as one), so the transport sends
 * them once and fails them with -SMB1_ELOST when the link broke after
 * they may have reached the server.  Each such operation here then asks
 * the server what became of it once the link is back, and reports that:
 * a delete whose name is gone succeeded.  Writes and size or time
 * changes are the caller's to redo (write.c, namei.c).
 */

#include <linux/slab.h>
#include <linux/uio.h>

#include "internal.h"

/* Search attributes of DELETE and RENAME: hidden and system files too */
#define SMB1_MODIFY_SEARCH	(ATTR_HIDDEN | ATTR_SYSTEM)
/* header, WordCount, 14 words, ByteCount and the pad of a WRITE_ANDX */
#define SMB1_WRITE_REQ_HDR	(SMB1_HDR_SIZE + 1 + 28 + 2 + 1)
/* a write of this size needs CAP_LARGE_WRITEX (DataLength is 16 bits) */
#define SMB1_SMALL_WRITE_MAX	0xffffU

/*
 * Writes of 64 KiB unless wsize= says otherwise, as cifs sends them to
 * servers whose Unix extensions it does not use.  A large write carries
 * at most 128 KiB: Samba reads no longer message without those
 * extensions (its frame length has 17 bits then, as on port 139).
 */
#define SMB1_WSIZE_DEFAULT	(64U * 1024U)
#define SMB1_WSIZE_MAX		(128U * 1024U)

/*
 * Access asked for by an open for writing: data, appends and the
 * attributes (times and size through the handle), besides reading.
 */
#define SMB1_ACCESS_RW	(FILE_READ_DATA | FILE_WRITE_DATA | \
			 FILE_APPEND_DATA | FILE_READ_ATTRIBUTES | \
			 FILE_WRITE_ATTRIBUTES)

/* OPEN_ANDX AccessMode and OpenFunction ([MS-CIFS] 2.2.4.41.1) */
#define SMB_ACCESS_READWRITE	0x0002
#define SMB_OPEN_FUNC_FAIL	0x0000	/* the file exists: fail */
#define SMB_OPEN_FUNC_TRUNC	0x0002	/* the file exists: truncate */
#define SMB_OPEN_FUNC_CREATE	0x0010	/* missing: create it */

loff_t smb1_write_limit(const struct smb1_conn *conn)
{
	/* the 12-word WRITE_ANDX has a 32-bit offset */
	return conn->caps & CAP_LARGE_FILES ? MAX_LFS_FILESIZE : U32_MAX;
}

u32 smb1_write_size(const struct smb1_conn *conn, u32 wsize)
{
	bool large = conn->caps & CAP_LARGE_WRITEX;
	u32 n;

	if (!wsize)
		wsize = SMB1_WSIZE_DEFAULT;
	/*
	 * Servers without the Unix extensions check a signed large write
	 * against their buffer size (cifs learned that from Windows).
	 */
	if (conn->signing && !(conn->caps & CAP_UNIX))
		large = false;
	if (large)
		n = min3(wsize, SMB1_WSIZE_MAX,
			 smb1_frame_limit(conn->port) - SMB1_WRITE_REQ_HDR);
	else
		n = min3(wsize, conn->max_buffer - SMB1_WRITE_REQ_HDR,
			 SMB1_SMALL_WRITE_MAX);
	/* whole pages keep writeback simple */
	if (n >= PAGE_SIZE)
		n = round_down(n, PAGE_SIZE);
	return n;
}

/*
 * How an NT server opens or creates a file or directory: sharing
 * everything, delete too, as a local file system would.
 */
static void smb1_create_nt(const struct smb1_create_args *a,
			   struct smb1_nt_create *nt)
{
	memset(nt, 0, sizeof(*nt));
	nt->desired_access = a->write ? SMB1_ACCESS_RW :
			     FILE_READ_DATA | FILE_READ_ATTRIBUTES;
	if (a->del)
		nt->desired_access |= DELETE;
	nt->ext_attrs = a->dir ? ATTR_DIRECTORY : ATTR_NORMAL;
	nt->share_access = FILE_SHARE_READ | FILE_SHARE_WRITE |
			   FILE_SHARE_DELETE;
	nt->disposition = a->disposition;
	nt->create_options = a->dir ? FILE_DIRECTORY_FILE :
				      FILE_NON_DIRECTORY_FILE;
	nt->impersonation = SECURITY_IMPERSONATION;
}

/* The OpenFunction that does what an NT disposition says */
static u16 smb1_open_func(u32 disposition)
{
	switch (disposition) {
	case FILE_CREATE:
		return SMB_OPEN_FUNC_FAIL | SMB_OPEN_FUNC_CREATE;
	case FILE_OPEN_IF:
		return SMB_OPEN_FUNC_OPEN | SMB_OPEN_FUNC_CREATE;
	case FILE_OVERWRITE:
		return SMB_OPEN_FUNC_TRUNC;
	case FILE_OVERWRITE_IF:
	case FILE_SUPERSEDE:
		return SMB_OPEN_FUNC_TRUNC | SMB_OPEN_FUNC_CREATE;
	default:
		return SMB_OPEN_FUNC_OPEN;
	}
}

/* The attributes an OPEN_ANDX reply carries */
static void smb1_open_fattr(const struct smb1_open_rsp *r,
			    struct smb1_fattr *fa)
{
	memset(fa, 0, sizeof(*fa));
	fa->size = r->size;
	fa->attrs = r->attrs;
	fa->mtime = r->ntime.tv_sec ? r->ntime : smb1_utime_to_ts(r->mtime);
	fa->atime = fa->mtime;
	fa->ctime = fa->mtime;
}

static int smb1_create_cmd(struct smb1_conn *conn, bool nt, const char *path,
			   const struct smb1_create_args *a,
			   struct smb1_open_rsp *info, struct smb1_fattr *fa,
			   u32 *gen)
{
	struct smb1_nt_create_rsp ntr;
	struct smb1_nt_create args;
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	req = smb1_req_alloc(conn, nt ? SMB_COM_NT_CREATE_ANDX :
					SMB_COM_OPEN_ANDX,
			     smb1_path_req_len(path) + 48);
	if (!req)
		return -ENOMEM;
	if (nt) {
		smb1_create_nt(a, &args);
		ret = smb1_enc_nt_create(&req->w, path, &args);
	} else {
		ret = smb1_enc_open_andx(&req->w, path,
					 (a->write ? SMB_ACCESS_READWRITE :
						     SMB_ACCESS_READ) |
					 SMB_SHARE_DENY_NONE,
					 smb1_open_func(a->disposition),
					 conn->unicode);
	}
	if (ret)
		goto out;
	/* the second run of an exclusive create would fail */
	if (a->disposition == FILE_CREATE)
		smb1_req_once(req);
	ret = smb1_call(req, &f);
	if (ret)
		goto out;
	*gen = req->gen;
	memset(info, 0, sizeof(*info));
	if (nt) {
		ret = smb1_dec_nt_create(&f, &ntr);
		if (!ret) {
			info->fid = ntr.fid;
			info->attrs = ntr.attr.attrs & 0xffff;
			info->size = ntr.attr.size;
			info->ntime = ntr.attr.mtime;
			info->action = ntr.action;
			*fa = ntr.attr;
			/* the Directory byte decides, as the attributes may not */
			if (ntr.is_dir)
				fa->attrs |= ATTR_DIRECTORY;
			else
				fa->attrs &= ~ATTR_DIRECTORY;
		}
	} else {
		ret = smb1_dec_open_andx(&f, info);
		if (!ret)
			smb1_open_fattr(info, fa);
	}
	if (ret) {
		smb1_err("malformed reply to %s",
			 nt ? "NT_CREATE_ANDX" : "OPEN_ANDX");
		ret = -EIO;
	} else if (!!(fa->attrs & ATTR_DIRECTORY) != a->dir) {
		/*
		 * An inode of the other type would take the FID: a file
		 * created and given to the VFS as a directory is never
		 * released.  The FID opened is closed.
		 */
		smb1_err("malformed reply to %s: a %s where a %s was asked for",
			 nt ? "NT_CREATE_ANDX" : "OPEN_ANDX",
			 a->dir ? "file" : "directory",
			 a->dir ? "directory" : "file");
		smb1_close(conn, info->fid, *gen);
		ret = -EIO;
	}
out:
	smb1_req_put(req);
	return ret;
}

/*
 * CREATE (cmd SMB_COM_CREATE: a file that exists is truncated) or
 * CREATE_NEW (one that exists fails the request) of the core protocol.
 * The reply holds the FID alone: the attributes are asked for by name.
 */
static int smb1_create_core_cmd(struct smb1_conn *conn, u8 cmd,
				const char *path, struct smb1_open_rsp *info,
				u32 *gen)
{
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	req = smb1_req_alloc(conn, cmd, smb1_path_req_len(path) + 16);
	if (!req)
		return -ENOMEM;
	ret = smb1_enc_create_core(&req->w, path, ATTR_ARCHIVE, 0);
	if (ret)
		goto out;
	/* neither may run twice: the second would truncate or fail */
	smb1_req_once(req);
	ret = smb1_call(req, &f);
	if (ret)
		goto out;
	*gen = req->gen;
	memset(info, 0, sizeof(*info));
	if (smb1_dec_create_core(&f, &info->fid)) {
		smb1_err("malformed reply to %s",
			 cmd == SMB_COM_CREATE ? "CREATE" : "CREATE_NEW");
		ret = -EIO;
		goto out;
	}
	info->action = FILE_CREATED;
out:
	smb1_req_put(req);
	return ret;
}

/*
 * Opens and creates on a core protocol server, which has no open that
 * creates as well: O_EXCL is CREATE_NEW, O_TRUNC with O_CREAT is CREATE,
 * O_CREAT alone an OPEN and, when there is no such file, CREATE_NEW (an
 * OPEN again if another client created it in between), O_TRUNC alone an
 * OPEN and a zero-length WRITE.  The attributes of a file created come
 * from a QUERY_INFORMATION after it.
 */
static int smb1_create_core(struct smb1_conn *conn, const char *path,
			    const struct smb1_create_args *a,
			    struct smb1_open_rsp *info, struct smb1_fattr *fa,
			    u32 *gen)
{
	u16 access = (a->write ? SMB_ACCESS_READWRITE : SMB_ACCESS_READ) |
		     SMB_SHARE_DENY_NONE;
	int ret, tries = 2;

	if (a->dir)
		return -EOPNOTSUPP;
	switch (a->disposition) {
	case FILE_CREATE:
		ret = smb1_create_core_cmd(conn, SMB_COM_CREATE_NEW, path,
					   info, gen);
		break;
	case FILE_OVERWRITE_IF:
	case FILE_SUPERSEDE:
		ret = smb1_create_core_cmd(conn, SMB_COM_CREATE, path, info,
					   gen);
		break;
	case FILE_OPEN_IF:
		do {
			ret = smb1_open_core(conn, path, access, info, gen);
			if (ret != -ENOENT)
				break;
			ret = smb1_create_core_cmd(conn, SMB_COM_CREATE_NEW,
						   path, info, gen);
		} while (ret == -EEXIST && --tries);
		break;
	default:
		ret = smb1_open_core(conn, path, access, info, gen);
		if (!ret && a->disposition == FILE_OVERWRITE) {
			ret = smb1_write_setsize(conn, info->fid, *gen, 0);
			if (ret)
				smb1_close(conn, info->fid, *gen);
		}
		break;
	}
	if (ret)
		return ret;
	if (info->action != FILE_CREATED) {
		smb1_open_fattr(info, fa);
		if (fa->mtime.tv_sec)
			fa->mtime.tv_sec += (s64)conn->tz * 60;
		fa->atime = fa->mtime;
		fa->ctime = fa->mtime;
	} else {
		ret = smb1_query_path_info(conn, path, fa);
		if (ret) {
			smb1_close(conn, info->fid, *gen);
			return ret;
		}
	}
	if (fa->attrs & ATTR_DIRECTORY) {
		smb1_err("malformed reply to OPEN: a directory where a file was asked for");
		smb1_close(conn, info->fid, *gen);
		return -EIO;
	}
	return 0;
}

int smb1_create(struct smb1_conn *conn, const char *path,
		const struct smb1_create_args *a, struct smb1_open_rsp *info,
		struct smb1_fattr *fa, u32 *gen)
{
	bool nt = conn->level == SMB1_LEVEL_NT && (conn->caps & CAP_NT_SMBS) &&
		  !READ_ONCE(conn->no_nt_create);
	u64 seq = smb1_clock_tick();
	int ret;

	/* OPEN_ANDX cannot open directories */
	if (!nt && a->dir)
		return -EOPNOTSUPP;
	if (conn->proto == SMB1_PROTO_CORE) {
		ret = smb1_create_core(conn, path, a, info, fa, gen);
		if (ret == -SMB1_ELOST)
			ret = -EIO;
		fa->gen = seq;
		return ret;
	}
	ret = smb1_create_cmd(conn, nt, path, a, info, fa, gen);
	/*
	 * An exclusive create lost with the link: sent again once the link
	 * is back; if the first one ran, this one finds the file there
	 * (EEXIST, the window smb1fs(5) describes).
	 */
	if (ret == -SMB1_ELOST) {
		ret = smb1_conn_wait_ready(conn);
		if (!ret)
			ret = smb1_create_cmd(conn, nt, path, a, info, fa, gen);
		if (ret == -SMB1_ELOST)
			ret = -EIO;
	}
	if (ret == -EOPNOTSUPP && nt && !a->dir) {
		ret = smb1_create_cmd(conn, false, path, a, info, fa, gen);
		if (!ret) {
			smb1_info("the server refuses NT_CREATE_ANDX; opening with OPEN_ANDX");
			WRITE_ONCE(conn->no_nt_create, true);
		}
	}
	fa->gen = seq;
	return ret;
}

/* Where a write's reply is taken apart: data_max holds what was sent */
ssize_t smb1_write_result(struct smb1_req *req)
{
	struct smb1_frame f;
	u32 count;
	int ret;

	if (req->state != SMB1_REQ_DONE)
		return req->err ? req->err : -EIO;
	if (smb1_parse_frame(req->rbuf, req->rlen, &f)) {
		smb1_err("malformed WRITE_ANDX reply");
		return -EIO;
	}
	ret = smb1_frame_errno(&f);
	if (ret)
		return ret;
	if (f.cmd == SMB_COM_WRITE ?
	    smb1_dec_write_core(&f, req->data_max, &count) :
	    smb1_dec_write_andx(&f, req->data_max, &count)) {
		smb1_err("malformed %s reply",
			 f.cmd == SMB_COM_WRITE ? "WRITE" : "WRITE_ANDX");
		return -EIO;
	}
	return count;
}

/* A WRITE_ANDX of the first len bytes of from at off, through fid. */
static struct smb1_req *smb1_write_req(struct smb1_conn *conn, u16 fid,
				       u32 gen, u64 off, size_t len,
				       const struct iov_iter *from)
{
	struct smb1_req *req;
	int ret;

	if (!len || len > smb1_write_size(conn, SMB1_WSIZE_MAX) ||
	    len > iov_iter_count(from))
		return ERR_PTR(-EINVAL);
	if (conn->proto == SMB1_PROTO_CORE) {
		/* 32-bit offsets; the count fits: see smb1_write_size() */
		if (off + len > U32_MAX)
			return ERR_PTR(-EFBIG);
		req = smb1_req_alloc(conn, SMB_COM_WRITE, 48);
		if (!req)
			return ERR_PTR(-ENOMEM);
		ret = smb1_enc_write_core(&req->w, fid, off, len);
	} else {
		req = smb1_req_alloc(conn, SMB_COM_WRITE_ANDX, 48);
		if (!req)
			return ERR_PTR(-ENOMEM);
		ret = smb1_enc_write_andx(&req->w, fid, off, len,
					  conn->caps & CAP_LARGE_FILES, 0);
	}
	if (ret) {
		smb1_req_put(req);
		return ERR_PTR(ret);
	}
	smb1_req_bind(req, gen);
	req->payload = *from;
	iov_iter_truncate(&req->payload, len);
	req->has_payload = true;
	req->data_max = len;
	return req;
}

ssize_t smb1_write(struct smb1_conn *conn, u16 fid, u32 gen, u64 off,
		   size_t len, const struct iov_iter *from)
{
	struct smb1_req *req;
	ssize_t ret;

	req = smb1_write_req(conn, fid, gen, off, len, from);
	if (IS_ERR(req))
		return PTR_ERR(req);
	ret = smb1_req_send_wait(req);
	if (!ret)
		ret = smb1_write_result(req);
	smb1_req_put(req);
	return ret;
}

int smb1_write_async(struct smb1_conn *conn, u16 fid, u32 gen, u64 off,
		     size_t len, const struct iov_iter *from,
		     void (*done)(struct smb1_req *req), void *priv)
{
	struct smb1_req *req;
	int ret;

	req = smb1_write_req(conn, fid, gen, off, len, from);
	if (IS_ERR(req))
		return PTR_ERR(req);
	req->done = done;
	req->priv = priv;
	ret = smb1_req_send_nowait(req);
	smb1_req_put(req);
	return ret;
}

int smb1_flush(struct smb1_conn *conn, u16 fid, u32 gen)
{
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	req = smb1_req_alloc(conn, SMB_COM_FLUSH, 16);
	if (!req)
		return -ENOMEM;
	smb1_req_bind(req, gen);
	ret = smb1_enc_flush(&req->w, fid);
	if (!ret)
		ret = smb1_call(req, &f);
	smb1_req_put(req);
	return ret;
}

/*
 * TRANS2 SET_FILE_INFORMATION through fid (path NULL) or
 * SET_PATH_INFORMATION of path.  The reply has two parameter bytes or
 * none: nothing in it to check.
 */
static int smb1_set_info(struct smb1_conn *conn, const char *path, u16 fid,
			 u32 gen, const struct smb1_setinfo *si)
{
	struct smb1_trans2_rsp t;
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	req = smb1_req_alloc(conn, SMB_COM_TRANSACTION2,
			     smb1_path_req_len(path ?: si->name ?: "") + 64);
	if (!req)
		return -ENOMEM;
	if (path) {
		ret = smb1_enc_set_path_info(&req->w, path, si);
	} else {
		smb1_req_bind(req, gen);
		ret = smb1_enc_set_file_info(&req->w, fid, si);
	}
	if (si->level == SMB_SET_FILE_RENAME_INFO_PT)
		smb1_req_once(req);
	if (!ret)
		ret = smb1_call(req, &f);
	if (!ret && smb1_dec_trans2(&f, &t)) {
		smb1_err("malformed reply to %s",
			 path ? "SET_PATH_INFORMATION" : "SET_FILE_INFORMATION");
		ret = -EIO;
	}
	smb1_req_put(req);
	return ret;
}

int smb1_set_file_info(struct smb1_conn *conn, u16 fid, u32 gen,
		       const struct smb1_setinfo *si)
{
	return smb1_set_info(conn, NULL, fid, gen, si);
}

int smb1_set_path_info(struct smb1_conn *conn, const char *path,
		       const struct smb1_setinfo *si)
{
	return smb1_set_info(conn, path, 0, 0, si);
}

bool smb1_setinfo_legacy(const struct smb1_conn *conn)
{
	return conn->level != SMB1_LEVEL_NT || !(conn->caps & CAP_NT_SMBS);
}

int smb1_set_information(struct smb1_conn *conn, const char *path,
			 u16 attrs, s64 mtime)
{
	struct smb1_frame f;
	struct smb1_req *req;
	s64 local = 0;
	int ret;

	if (mtime) {
		/* the server's clock, in seconds a 32-bit field holds */
		local = mtime - (s64)conn->tz * 60;
		if (local <= 0 || local > U32_MAX)
			return -EINVAL;
	}
	req = smb1_req_alloc(conn, SMB_COM_SET_INFORMATION,
			     smb1_path_req_len(path) + 24);
	if (!req)
		return -ENOMEM;
	ret = smb1_enc_set_information(&req->w, path, attrs, local);
	if (!ret)
		ret = smb1_call(req, &f);
	smb1_req_put(req);
	return ret;
}

int smb1_set_information2(struct smb1_conn *conn, u16 fid, u32 gen,
			  const struct timespec64 *times, unsigned int set)
{
	struct smb1_dos_times t;
	struct smb1_frame f;
	struct smb1_req *req;
	int i, ret;

	for (i = 0; i < SMB1_DOS_TIMES; i++) {
		ret = smb1_ts_to_dos_time(times[i], conn->tz, &t.date[i],
					  &t.time[i]);
		/* a time kept as it is goes as the nearest one it can be */
		if (ret && (set & BIT(i)))
			return ret;
	}
	req = smb1_req_alloc(conn, SMB_COM_SET_INFORMATION2, 24);
	if (!req)
		return -ENOMEM;
	smb1_req_bind(req, gen);
	ret = smb1_enc_set_information2(&req->w, fid, &t);
	if (!ret)
		ret = smb1_call(req, &f);
	smb1_req_put(req);
	return ret;
}

int smb1_write_setsize(struct smb1_conn *conn, u16 fid, u32 gen, u64 size)
{
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	if (size > U32_MAX)
		return -EFBIG;
	req = smb1_req_alloc(conn, SMB_COM_WRITE, 24);
	if (!req)
		return -ENOMEM;
	smb1_req_bind(req, gen);
	ret = smb1_enc_write_setsize(&req->w, fid, size);
	if (!ret)
		ret = smb1_call(req, &f);
	smb1_req_put(req);
	return ret;
}

/*
 * After a request that changes path was lost with the link: whether
 * path now exists (1), is gone (0), or an errno.  Waits for the link.
 */
static int smb1_path_exists(struct smb1_conn *conn, const char *path)
{
	struct smb1_fattr fa;
	int ret;

	ret = smb1_conn_wait_ready(conn);
	if (ret)
		return ret;
	ret = smb1_query_path_info(conn, path, &fa);
	if (ret == -ENOENT)
		return 0;
	return ret ? ret : 1;
}

/* One path command (DELETE, CREATE_DIRECTORY, DELETE_DIRECTORY) */
static int smb1_path_cmd(struct smb1_conn *conn, u8 cmd, const char *path)
{
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	req = smb1_req_alloc(conn, cmd, smb1_path_req_len(path));
	if (!req)
		return -ENOMEM;
	if (cmd == SMB_COM_DELETE)
		ret = smb1_enc_delete(&req->w, path, SMB1_MODIFY_SEARCH);
	else if (cmd == SMB_COM_CREATE_DIRECTORY)
		ret = smb1_enc_mkdir(&req->w, path);
	else
		ret = smb1_enc_rmdir(&req->w, path);
	if (!ret)
		ret = smb1_call(req, &f);
	smb1_req_put(req);
	return ret;
}

/*
 * Run cmd on path; if the link broke under it, the outcome is read from
 * whether path exists afterwards (want: it should).
 */
static int smb1_path_change(struct smb1_conn *conn, u8 cmd, const char *path,
			    bool want)
{
	int ret;

	ret = smb1_path_cmd(conn, cmd, path);
	if (ret != -SMB1_ELOST)
		return ret;
	ret = smb1_path_exists(conn, path);
	if (ret < 0)
		return ret;
	/* not what it should be: it never ran, so run it now */
	if (ret != want)
		return smb1_path_cmd(conn, cmd, path);
	return 0;
}

int smb1_delete(struct smb1_conn *conn, const char *path)
{
	return smb1_path_change(conn, SMB_COM_DELETE, path, false);
}

int smb1_mkdir(struct smb1_conn *conn, const char *path)
{
	return smb1_path_change(conn, SMB_COM_CREATE_DIRECTORY, path, true);
}

int smb1_rmdir(struct smb1_conn *conn, const char *path)
{
	return smb1_path_change(conn, SMB_COM_DELETE_DIRECTORY, path, false);
}

static int smb1_rename_cmd(struct smb1_conn *conn, const char *from,
			   const char *to, u16 level)
{
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	req = smb1_req_alloc(conn, level ? SMB_COM_NT_RENAME : SMB_COM_RENAME,
			     smb1_path_req_len(from) + smb1_path_req_len(to));
	if (!req)
		return -ENOMEM;
	ret = smb1_enc_rename(&req->w, from, to, SMB1_MODIFY_SEARCH, level);
	if (!ret)
		ret = smb1_call(req, &f);
	smb1_req_put(req);
	return ret;
}

int smb1_rename(struct smb1_conn *conn, const char *from, const char *to)
{
	int ret, there;

	ret = smb1_rename_cmd(conn, from, to, 0);
	if (ret != -SMB1_ELOST)
		return ret;
	/* ran if the old name is gone and the new one is there */
	there = smb1_path_exists(conn, from);
	if (there < 0)
		return there;
	if (there)
		return smb1_rename_cmd(conn, from, to, 0);
	there = smb1_path_exists(conn, to);
	if (there < 0)
		return there;
	return there ? 0 : -ENOENT;
}

int smb1_link(struct smb1_conn *conn, const char *from, const char *to)
{
	int ret;

	ret = smb1_rename_cmd(conn, from, to, SMB_NT_RENAME_SET_LINK_INFO);
	if (ret != -SMB1_ELOST)
		return ret;
	ret = smb1_path_exists(conn, to);
	if (ret < 0)
		return ret;
	return ret ? 0 : smb1_rename_cmd(conn, from, to,
					 SMB_NT_RENAME_SET_LINK_INFO);
}
