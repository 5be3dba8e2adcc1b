// SPDX-License-Identifier: GPL-2.0
/*
 * smb1fs operations: each VFS need expressed as SMB1 requests.  This file
 * knows which messages to send and how to chain them; proto.c knows their
 * layout and transport.c how to move them.
 */

#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uio.h>

#include "internal.h"

/* Room for the fixed parts of a request around an encoded path */
/* The parameters of a path request without the path */
#define SMB1_PATH_REQ_FIXED	128

/*
 * Room for a request that carries path: its fixed part, then the path in
 * UTF-16 (at most two bytes for each byte of its UTF-8; an OEM string
 * takes no more), its terminator and an alignment pad.  Sized to the
 * path, a lookup costs a small allocation instead of one of two pages.
 */
size_t smb1_path_req_len(const char *path)
{
	size_t n = min_t(size_t, strlen(path) + 1, SMB1_MAX_PATH_BYTES);

	return SMB1_PATH_REQ_FIXED + 2 * n + 2;
}
/* Entries asked for per FIND request; the data size limits it anyway */
#define SMB1_FIND_COUNT		1024
/* Search attributes: include hidden, system and directories */
#define SMB1_SEARCH_ATTRS	(ATTR_HIDDEN | ATTR_SYSTEM | ATTR_DIRECTORY)
/* More entries than any real directory holds: a looping server */
#define SMB1_FIND_MAX_ENTRIES	(16U << 20)

int smb1_call(struct smb1_req *req, struct smb1_frame *f)
{
	int ret;

	ret = smb1_req_send_wait(req);
	if (ret)
		return ret;
	if (smb1_parse_frame(req->rbuf, req->rlen, f)) {
		smb1_err("malformed reply to command 0x%02x", req->cmd);
		return -EIO;
	}
	return smb1_frame_errno(f);
}

/* Largest TRANS2 data block the server can return in one reply. */
static u16 smb1_trans2_max_data(const struct smb1_conn *conn)
{
	u32 buf = min_t(u32, conn->max_buffer, SMB1_CLIENT_MAX_BUF);

	/* header, 10 parameter words, counts, padding and parameters */
	return buf - 128;
}

/* Send a TRANS2 request and take its reply apart. */
static int smb1_trans2_call(struct smb1_req *req, struct smb1_trans2_rsp *t)
{
	struct smb1_frame f;
	int ret;

	ret = smb1_call(req, &f);
	if (ret)
		return ret;
	ret = smb1_dec_trans2(&f, t);
	if (ret)
		smb1_err("malformed TRANS2 reply");
	return ret;
}

/* The core protocol's QUERY_INFORMATION, for servers without TRANS2 */
static int smb1_query_information(struct smb1_conn *conn, const char *path,
				  struct smb1_fattr *fa)
{
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	/* the root is "\" here: an empty name is not a path to old servers */
	if (!*path)
		path = "\\";
	req = smb1_req_alloc(conn, SMB_COM_QUERY_INFORMATION,
			     smb1_path_req_len(path));
	if (!req)
		return -ENOMEM;
	ret = smb1_enc_query_information(&req->w, path, conn->unicode);
	if (!ret)
		ret = smb1_call(req, &f);
	if (!ret && smb1_dec_query_information(&f, conn->tz, fa)) {
		smb1_err("malformed QUERY_INFORMATION reply");
		ret = -EIO;
	}
	smb1_req_put(req);
	return ret;
}

static int smb1_query_path_level(struct smb1_conn *conn, const char *path,
				 u16 level, struct smb1_fattr *fa, u64 *id)
{
	struct smb1_trans2_rsp t;
	struct smb1_req *req;
	int ret;

	req = smb1_req_alloc(conn, SMB_COM_TRANSACTION2,
			     smb1_path_req_len(path));
	if (!req)
		return -ENOMEM;
	ret = smb1_enc_query_path_info(&req->w, path, level,
				       smb1_trans2_max_data(conn),
				       conn->unicode);
	if (!ret)
		ret = smb1_trans2_call(req, &t);
	if (!ret && level == SMB_QUERY_FILE_INTERNAL_INFO_PT)
		ret = smb1_dec_internal_info(&t, id);
	else if (!ret && level == SMB_QUERY_FILE_ALL_INFO)
		ret = smb1_dec_file_all_info(&t, fa);
	else if (!ret)
		ret = smb1_dec_info_standard(&t, conn->tz, fa);
	smb1_req_put(req);
	return ret;
}

/*
 * Whether path's last name can be looked up by a search for it: not the
 * root, and no character a search takes for a wildcard (the DOS ones
 * included).
 */
static bool smb1_find_exact_ok(const char *path)
{
	const char *name = strrchr(path, '\\');

	return name && name[1] && !strpbrk(name + 1, "*?<>\"");
}

/*
 * The attributes and file id of path by a FIND_FIRST2 for its exact name
 * at SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO, one entry, closed by the
 * server at once: one request where the query levels need two.
 */
static int smb1_query_by_find(struct smb1_conn *conn, const char *path,
			      struct smb1_fattr *fa)
{
	struct smb1_trans2_rsp t;
	struct smb1_find_iter it;
	struct smb1_find_rsp r;
	struct smb1_dirent de;
	struct smb1_req *req;
	int ret;

	req = smb1_req_alloc(conn, SMB_COM_TRANSACTION2,
			     smb1_path_req_len(path));
	if (!req)
		return -ENOMEM;
	ret = smb1_enc_find_first(&req->w, path, SMB1_SEARCH_ATTRS, 1,
				  SMB_FIND_CLOSE_AFTER_REQUEST |
				  SMB_FIND_CLOSE_AT_EOS,
				  SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO,
				  smb1_trans2_max_data(conn), conn->unicode);
	if (!ret)
		ret = smb1_trans2_call(req, &t);
	if (!ret)
		ret = smb1_dec_find_first(&t, &r);
	if (!ret) {
		r.level = SMB1_FIND_LEVEL_ID_FULL;
		r.tz = conn->tz;
		r.unicode = conn->unicode;
		smb1_find_iter_init(&it, &r);
		ret = smb1_find_iter_next(&it, &de);
		if (!ret)
			*fa = de.attr;
	}
	smb1_req_put(req);
	/* nothing found by that name */
	return ret == -ENODATA ? -ENOENT : ret;
}

int smb1_query_path_info(struct smb1_conn *conn, const char *path,
			 struct smb1_fattr *fa)
{
	bool ids = READ_ONCE(conn->want_ids) && !READ_ONCE(conn->no_pt_query);
	u64 id = 0;
	int ret;

	if (conn->level == SMB1_LEVEL_CORE)
		return smb1_query_information(conn, path, fa);
	if (conn->level != SMB1_LEVEL_NT)
		return smb1_query_path_level(conn, path, SMB_INFO_STANDARD, fa,
					     NULL);
	if (ids && READ_ONCE(conn->find_ids) && smb1_find_exact_ok(path)) {
		ret = smb1_query_by_find(conn, path, fa);
		/* a search needs list rights where a query needs less */
		if (ret != -EOPNOTSUPP && ret != -EACCES)
			return ret;
		if (ret == -EOPNOTSUPP) {
			smb1_info("the server refuses file ids in searches; they are asked for apart");
			WRITE_ONCE(conn->find_ids, false);
		}
	}
	ret = smb1_query_path_level(conn, path, SMB_QUERY_FILE_ALL_INFO, fa,
				    NULL);
	if (ret || !ids)
		return ret;
	/* the root, a name with wildcards: the id takes a second request */
	ret = smb1_query_path_level(conn, path,
				    SMB_QUERY_FILE_INTERNAL_INFO_PT, fa, &id);
	if (!ret)
		fa->file_id = id;
	/*
	 * Refused while mounting: the mount goes without ids.  A mount
	 * keyed by ids cannot do without them: the inode would be another.
	 */
	if (ret == -EOPNOTSUPP && !READ_ONCE(conn->ids_in_use)) {
		smb1_info("the server gives no file ids (FileInternalInformation); inode numbers come from paths");
		WRITE_ONCE(conn->no_pt_query, true);
		return 0;
	}
	return ret == -EOPNOTSUPP ? -EIO : ret;
}

/*
 * The file id of a file just opened, where the open's reply had none
 * and the mount uses ids: FileInternalInformation through its FID, which
 * the server answers from the open file where a query by name walks the
 * path and a search reads the directory.  A refusal or a failure leaves
 * the id zero; the caller's query by name then decides, with the
 * messages and fallbacks of a lookup.  A server that refuses the query
 * is not asked again on this connection.
 */
void smb1_opened_file_id(struct smb1_conn *conn, u16 fid, u32 gen,
			 struct smb1_fattr *fa)
{
	struct smb1_trans2_rsp t;
	struct smb1_req *req;
	u64 id = 0;
	int ret;

	if (fa->file_id || conn->level != SMB1_LEVEL_NT ||
	    !READ_ONCE(conn->want_ids) || READ_ONCE(conn->no_pt_query) ||
	    READ_ONCE(conn->no_fid_query))
		return;
	req = smb1_req_alloc(conn, SMB_COM_TRANSACTION2, 64);
	if (!req)
		return;
	smb1_req_bind(req, gen);
	ret = smb1_enc_query_file_info(&req->w, fid,
				       SMB_QUERY_FILE_INTERNAL_INFO_PT,
				       smb1_trans2_max_data(conn));
	if (!ret)
		ret = smb1_trans2_call(req, &t);
	if (!ret) {
		ret = smb1_dec_internal_info(&t, &id);
		if (ret)
			smb1_err("malformed reply to QUERY_FILE_INFORMATION");
	}
	smb1_req_put(req);
	if (!ret)
		fa->file_id = id;
	/* not asked again: each refusal would cost a round trip */
	if (ret == -EOPNOTSUPP)
		WRITE_ONCE(conn->no_fid_query, true);
}

static int smb1_query_fs_trans2(struct smb1_conn *conn, u16 level,
				struct smb1_fs_size *fs)
{
	struct smb1_trans2_rsp t;
	struct smb1_req *req;
	int ret;

	req = smb1_req_alloc(conn, SMB_COM_TRANSACTION2, 128);
	if (!req)
		return -ENOMEM;
	ret = smb1_enc_query_fs_info(&req->w, level,
				     smb1_trans2_max_data(conn),
				     conn->unicode);
	if (!ret)
		ret = smb1_trans2_call(req, &t);
	if (!ret && level == SMB_QUERY_FS_SIZE_INFO)
		ret = smb1_dec_fs_size_info(&t, fs);
	else if (!ret)
		ret = smb1_dec_fs_alloc_info(&t, fs);
	smb1_req_put(req);
	return ret;
}

static int smb1_query_disk(struct smb1_conn *conn, struct smb1_fs_size *fs)
{
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	req = smb1_req_alloc(conn, SMB_COM_QUERY_INFORMATION_DISK, 16);
	if (!req)
		return -ENOMEM;
	ret = smb1_enc_query_disk(&req->w);
	if (!ret)
		ret = smb1_call(req, &f);
	if (!ret)
		ret = smb1_dec_query_disk(&f, fs);
	smb1_req_put(req);
	return ret;
}

/*
 * The size of the share's file system, by the newest request the
 * dialect has: SMB_QUERY_FS_SIZE_INFO (NT LM 0.12), SMB_INFO_ALLOCATION
 * (LAN Manager 2), QUERY_INFORMATION_DISK (LANMAN1.0 and core, 16-bit
 * counts).  "Not supported" moves on to the next; the first that works
 * is remembered.
 */
int smb1_query_fs_size(struct smb1_conn *conn, struct smb1_fs_size *fs)
{
	unsigned int way = READ_ONCE(conn->statfs_way);
	int ret = -EOPNOTSUPP;

	if (conn->level == SMB1_LEVEL_CORE)
		way = SMB1_STATFS_DISK;
	else if (conn->proto != SMB1_PROTO_NT)
		way = max_t(unsigned int, way, SMB1_STATFS_ALLOC);
	for (; way <= SMB1_STATFS_DISK; way++) {
		if (way == SMB1_STATFS_DISK)
			ret = smb1_query_disk(conn, fs);
		else
			ret = smb1_query_fs_trans2(conn, way == SMB1_STATFS_NT ?
						   SMB_QUERY_FS_SIZE_INFO :
						   SMB_INFO_ALLOCATION, fs);
		if (ret != -EOPNOTSUPP && ret != -EINVAL)
			break;
	}
	if (!ret)
		WRITE_ONCE(conn->statfs_way, way);
	return ret;
}

/*
 * The data of a READ_ANDX chained after the open in f, into iter; 0 if
 * the server did not answer the read.  Not every server runs a chained
 * read on the FID the open created (impacket's does not): the first time
 * the read is missing, chaining is given up for the connection.  With
 * closed, a CLOSE was chained after the read: *closed says whether its
 * reply follows the read's, forward and inside the frame.
 */
static ssize_t smb1_open_read_data(struct smb1_conn *conn,
				   const struct smb1_frame *open,
				   u32 count, struct iov_iter *iter,
				   bool *closed)
{
	struct smb1_read_rsp r;
	struct smb1_frame f, c;

	if (smb1_frame_andx_next(open, &f) || f.cmd != SMB_COM_READ_ANDX ||
	    smb1_dec_read_andx(&f, &r) || r.data_len > count) {
		if (!READ_ONCE(conn->no_open_read))
			smb1_info("server does not read in the open request; reading separately");
		WRITE_ONCE(conn->no_open_read, true);
		return 0;
	}
	if (closed) {
		*closed = !smb1_frame_andx_next(&f, &c) &&
			  c.cmd == SMB_COM_CLOSE && !c.wc;
		/* a server that does not say so keeps the FID open */
		if (!*closed)
			WRITE_ONCE(conn->no_open_close, true);
	}
	if (copy_to_iter(f.buf + r.data_offset, r.data_len, iter) != r.data_len)
		return -EFAULT;
	return r.data_len;
}

/*
 * The late reply to an open its waiter gave up (the completion worker):
 * the file may be open on the server after all, so its FID is closed.
 * An error reply opened nothing.
 */
static void smb1_open_late(struct smb1_req *req)
{
	struct smb1_open_rsp info;
	struct smb1_frame f;

	if (req->state != SMB1_REQ_DONE ||
	    smb1_parse_frame(req->rbuf, req->rlen, &f) || f.status ||
	    (f.cmd == SMB_COM_OPEN ? smb1_dec_open_core(&f, &info) :
				     smb1_dec_open_any(&f, &info)))
		return;
	smb1_conn_defer_close(req->conn, info.fid, req->gen);
}

/*
 * How an NT server opens a file to read it: sharing everything, delete
 * too, so that an open file here does not keep others from renaming or
 * removing it, as it would not on a local file system.
 */
static const struct smb1_nt_create smb1_nt_open_read = {
	.desired_access = FILE_READ_DATA | FILE_READ_ATTRIBUTES,
	.share_access = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
	.disposition = FILE_OPEN,
	.create_options = FILE_NON_DIRECTORY_FILE,
	.impersonation = SECURITY_IMPERSONATION,
};

static ssize_t smb1_open_cmd(struct smb1_conn *conn, bool nt,
			     const char *path, struct smb1_open_rsp *info,
			     struct iov_iter *iter, bool close, u32 *gen)
{
	u32 count = iter && !READ_ONCE(conn->no_open_read) ?
		    iov_iter_count(iter) : 0;
	struct smb1_frame f;
	struct smb1_req *req;
	ssize_t ret;

	close = close && count && !READ_ONCE(conn->no_open_close);
	info->closed = false;
	/*
	 * Room for NT_CREATE_ANDX's 24 words (OPEN_ANDX has 15) and the
	 * words and byte counts of a READ_ANDX and a CLOSE
	 */
	req = smb1_req_alloc(conn, nt ? SMB_COM_NT_CREATE_ANDX :
					SMB_COM_OPEN_ANDX,
			     smb1_path_req_len(path) + 48 + 20);
	if (!req)
		return -ENOMEM;
	/* the server reads (and closes) the FID this open returns */
	ret = smb1_enc_open_read(&req->w, path, nt ? &smb1_nt_open_read : NULL,
				 count, close, conn->unicode);
	if (ret)
		goto out;
	/* given up, its FID is closed when it comes; a chained CLOSE does */
	if (!close)
		req->late = smb1_open_late;
	ret = smb1_req_send_wait(req);
	if (ret)
		goto out;
	/* the FID belongs to the link the request went out on last */
	*gen = req->gen;
	if (smb1_parse_frame(req->rbuf, req->rlen, &f)) {
		smb1_err("malformed reply to %s",
			 nt ? "NT_CREATE_ANDX" : "OPEN_ANDX");
		ret = -EIO;
		goto out;
	}
	ret = smb1_frame_errno(&f);
	if (ret) {
		/*
		 * A failed chained command comes back as an error after the
		 * open's own reply, which points on to the read: the file
		 * is open, just without data.  The close is given up first,
		 * then the read.
		 */
		if (count && f.wc >= 2 && f.words[0] == SMB_COM_READ_ANDX &&
		    !smb1_dec_open_any(&f, info)) {
			if (close)
				WRITE_ONCE(conn->no_open_close, true);
			else
				WRITE_ONCE(conn->no_open_read, true);
			ret = 0;
		}
		goto out;
	}
	if (smb1_dec_open_any(&f, info)) {
		smb1_err("malformed reply to %s",
			 nt ? "NT_CREATE_ANDX" : "OPEN_ANDX");
		ret = -EIO;
		goto out;
	}
	if (!count)
		goto out;
	ret = smb1_open_read_data(conn, &f, count, iter,
				  close ? &info->closed : NULL);
	if (ret < 0) {
		if (!info->closed)
			smb1_close(conn, info->fid, *gen);
		memset(info, 0, sizeof(*info));
	}
out:
	smb1_req_put(req);
	return ret;
}

/*
 * The core OPEN for reading, sharing with everyone (DENY_NONE); files
 * that are hidden or system too.  Nothing is chained: the core protocol
 * has no AndX.
 */
int smb1_open_core(struct smb1_conn *conn, const char *path, u16 access,
		   struct smb1_open_rsp *info, u32 *gen)
{
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	req = smb1_req_alloc(conn, SMB_COM_OPEN, smb1_path_req_len(path) + 16);
	if (!req)
		return -ENOMEM;
	ret = smb1_enc_open_core(&req->w, path, access,
				 ATTR_HIDDEN | ATTR_SYSTEM);
	if (ret)
		goto out;
	req->late = smb1_open_late;
	ret = smb1_call(req, &f);
	if (ret)
		goto out;
	*gen = req->gen;
	if (smb1_dec_open_core(&f, info)) {
		smb1_err("malformed reply to OPEN");
		ret = -EIO;
	}
out:
	smb1_req_put(req);
	return ret;
}

ssize_t smb1_open(struct smb1_conn *conn, const char *path,
		  struct smb1_open_rsp *info, struct iov_iter *iter, bool close,
		  u32 *gen)
{
	/* NT_CREATE_ANDX where the server has it, OPEN_ANDX elsewhere */
	bool nt = conn->level == SMB1_LEVEL_NT && (conn->caps & CAP_NT_SMBS) &&
		  !READ_ONCE(conn->no_nt_create);
	ssize_t ret;

	if (conn->proto == SMB1_PROTO_CORE) {
		info->closed = false;
		return smb1_open_core(conn, path,
				      SMB_ACCESS_READ | SMB_SHARE_DENY_NONE,
				      info, gen);
	}
	ret = smb1_open_cmd(conn, nt, path, info, iter, close, gen);
	if (ret == -EOPNOTSUPP && nt) {
		/* announced with the NT SMBs, but not there (if OPEN_ANDX is) */
		ret = smb1_open_cmd(conn, false, path, info, iter, close, gen);
		if (ret >= 0) {
			smb1_info("the server refuses NT_CREATE_ANDX; opening with OPEN_ANDX");
			WRITE_ONCE(conn->no_nt_create, true);
		}
	}
	return ret;
}

int smb1_close(struct smb1_conn *conn, u16 fid, u32 gen)
{
	return smb1_close_mtime(conn, fid, gen, 0);
}

int smb1_close_mtime(struct smb1_conn *conn, u16 fid, u32 gen, u32 mtime)
{
	struct smb1_req *req;
	int ret;

	/* a FID of a broken link died with it; none is waited for */
	if (gen != smb1_conn_gen(conn) || !smb1_conn_up(conn))
		return 0;
	req = smb1_req_alloc(conn, SMB_COM_CLOSE, 16);
	if (!req)
		return -ENOMEM;
	smb1_req_bind(req, gen);
	ret = smb1_enc_close_mtime(&req->w, fid, mtime ?: 0xffffffff);
	if (!ret)
		ret = smb1_req_send_nowait(req);
	smb1_req_put(req);
	/*
	 * A task killed while it waited for a slot (its file's last close
	 * at exit): the worker closes the FID, which must not stay open on
	 * the server.
	 */
	if (ret == -EINTR) {
		smb1_conn_defer_close(conn, fid, gen);
		ret = 0;
	}
	return ret;
}

u32 smb1_read_size(const struct smb1_conn *conn, u32 rsize)
{
	u32 n;

	/* a large read's reply must fit the frames the port carries */
	if (conn->caps & CAP_LARGE_READX)
		n = min3(rsize, SMB1_MAX_RSIZE,
			 smb1_frame_limit(conn->port) - SMB1_READ_RSP_PREFIX);
	else
		n = min_t(u32, conn->max_buffer - SMB1_READ_RSP_PREFIX - 4,
			  0xffff);
	/* whole pages keep readahead simple */
	if (n >= PAGE_SIZE)
		n = round_down(n, PAGE_SIZE);
	return n;
}

ssize_t smb1_read_result(struct smb1_req *req, struct iov_iter *iter)
{
	struct smb1_read_rsp r;
	struct smb1_frame f;
	ssize_t ret;

	if (req->state != SMB1_REQ_DONE)
		return req->err ? req->err : -EIO;
	if (req->rlen < req->total_len) {
		/* the data went straight into iter */
		iov_iter_advance(iter, req->data_len);
		return req->data_len;
	}

	/* the whole reply is in rbuf: an error, or data we must copy */
	if (smb1_parse_frame(req->rbuf, req->rlen, &f)) {
		smb1_err("malformed READ_ANDX reply");
		return -EIO;
	}
	ret = smb1_frame_errno(&f);
	if (ret)
		return ret;
	ret = f.cmd == SMB_COM_READ ? smb1_dec_read_core(&f, &r) :
				      smb1_dec_read_andx(&f, &r);
	if (ret) {
		smb1_err("malformed %s reply",
			 f.cmd == SMB_COM_READ ? "READ" : "READ_ANDX");
		return ret;
	}
	if (r.data_len > req->data_max) {
		smb1_err("server returned %u bytes for a %u-byte read",
			 r.data_len, req->data_max);
		return -EIO;
	}
	if (copy_to_iter(f.buf + r.data_offset, r.data_len, iter) != r.data_len)
		return -EFAULT;
	return r.data_len;
}

/*
 * Where the data of a read reply lies (see smb1_req.data_at), by dec,
 * the decoder of its header: READ_ANDX or core READ
 */
static int smb1_read_at(int (*dec)(const u8 *buf, size_t have, size_t total,
				   struct smb1_read_rsp *r),
			const u8 *buf, size_t have, size_t total, u32 *off,
			u32 *len)
{
	struct smb1_read_rsp r;
	int ret;

	ret = dec(buf, have, total, &r);
	if (ret)
		return ret;
	*off = r.data_offset;
	*len = r.data_len;
	return 0;
}

static int smb1_read_data_at(const u8 *buf, size_t have, size_t total,
			     u32 *off, u32 *len)
{
	return smb1_read_at(smb1_dec_read_andx_hdr, buf, have, total, off, len);
}

static int smb1_read_core_data_at(const u8 *buf, size_t have, size_t total,
				  u32 *off, u32 *len)
{
	return smb1_read_at(smb1_dec_read_core_hdr, buf, have, total, off, len);
}

/*
 * A READ_ANDX request (a core READ on a core server) for len bytes at
 * off, its data to go into iter.
 */
static struct smb1_req *smb1_read_req(struct smb1_conn *conn, u16 fid,
				      u32 gen, u64 off, size_t len,
				      struct iov_iter *iter)
{
	struct smb1_req *req;

	if (!len || len > smb1_read_size(conn, SMB1_MAX_RSIZE) ||
	    len > iov_iter_count(iter))
		return ERR_PTR(-EINVAL);
	if (!conn->offset64 && off + len > U32_MAX)
		return ERR_PTR(-EFBIG);

	if (conn->proto == SMB1_PROTO_CORE) {
		req = smb1_req_alloc(conn, SMB_COM_READ, 32);
		if (!req)
			return ERR_PTR(-ENOMEM);
		if (smb1_enc_read_core(&req->w, fid, off, len)) {
			smb1_req_put(req);
			return ERR_PTR(-EINVAL);
		}
		req->data_at = smb1_read_core_data_at;
		req->data_prefix = SMB1_CORE_READ_RSP_PREFIX;
	} else {
		req = smb1_req_alloc(conn, SMB_COM_READ_ANDX, 32);
		if (!req)
			return ERR_PTR(-ENOMEM);
		if (smb1_enc_read_andx(&req->w, fid, off, len,
				       conn->offset64)) {
			smb1_req_put(req);
			return ERR_PTR(-EINVAL);
		}
		req->data_at = smb1_read_data_at;
		req->data_prefix = SMB1_READ_RSP_PREFIX;
	}
	smb1_req_bind(req, gen);
	req->data_iter = iter;
	req->data_max = len;
	return req;
}

ssize_t smb1_read(struct smb1_conn *conn, u16 fid, u32 gen, u64 off,
		  size_t len, struct iov_iter *iter)
{
	struct smb1_req *req;
	ssize_t ret;

	if (!len)
		return 0;
	req = smb1_read_req(conn, fid, gen, off, len, iter);
	if (IS_ERR(req))
		return PTR_ERR(req);
	ret = smb1_req_send_wait(req);
	if (!ret)
		ret = smb1_read_result(req, iter);
	smb1_req_put(req);
	return ret;
}

int smb1_read_async(struct smb1_conn *conn, u16 fid, u32 gen, u64 off,
		    size_t len, struct iov_iter *iter,
		    void (*done)(struct smb1_req *req), void *priv)
{
	struct smb1_req *req;
	int ret;

	req = smb1_read_req(conn, fid, gen, off, len, iter);
	if (IS_ERR(req))
		return PTR_ERR(req);
	req->done = done;
	req->priv = priv;
	ret = smb1_req_send_nowait(req);
	smb1_req_put(req);
	return ret;
}

/* ---------------------------------------------------------------- */
/* directory search                                                  */
/* ---------------------------------------------------------------- */

/*
 * Make the reply in req the current batch of s; seq: the clock before
 * req was sent, which its entries' attributes carry.
 */
static void smb1_search_take(struct smb1_conn *conn, struct smb1_search *s,
			     struct smb1_req *req, struct smb1_find_rsp *r,
			     u64 seq)
{
	smb1_req_put(s->req);
	s->req = req;
	s->seq = seq;
	s->eos = r->end_of_search;
	if (s->level == SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO)
		r->level = SMB1_FIND_LEVEL_ID_FULL;
	else if (s->level == SMB_FIND_FILE_DIRECTORY_INFO)
		r->level = SMB1_FIND_LEVEL_DIRINFO;
	else if (conn->level != SMB1_LEVEL_CORE)
		r->level = SMB1_FIND_LEVEL_STANDARD;
	r->tz = conn->tz;
	r->unicode = conn->unicode;
	smb1_find_iter_init(&s->it, r);
}

/* Listings carry the file ids when the mount uses them */
static u16 smb1_find_level(const struct smb1_conn *conn)
{
	if (conn->level != SMB1_LEVEL_NT)
		return SMB_INFO_STANDARD;
	if (READ_ONCE(conn->find_ids))
		return SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO;
	return SMB_FIND_FILE_DIRECTORY_INFO;
}

/*
 * A listing without TRANS2: SEARCH, a batch of 8.3 entries from pattern,
 * or after the entry whose resume key s holds.  The server keeps the
 * search's state until a batch comes back empty ("no more files"), and
 * while it does, it holds the directory open: Samba, for one, then
 * refuses to remove it.  A search ended early is closed with FIND_CLOSE
 * on LANMAN1.0 (smb1_search_end()).  [MS-CIFS] pairs that with FIND,
 * the same request as SEARCH; but Samba ends a FIND after its first
 * batch, and takes FIND_CLOSE for the state of a SEARCH as well.
 */
static int smb1_core_search(struct smb1_conn *conn, struct smb1_search *s,
			    const char *pattern)
{
	u16 count = (min_t(u32, conn->max_buffer, SMB1_CLIENT_MAX_BUF) - 64) /
		    SMB1_SEARCH_ENTRY_SIZE;
	struct smb1_find_rsp r;
	struct smb1_frame f;
	struct smb1_req *req;
	u64 seq;
	int ret;

	req = smb1_req_alloc(conn, SMB_COM_SEARCH,
			     smb1_path_req_len(pattern ? pattern : ""));
	if (!req)
		return -ENOMEM;
	ret = smb1_enc_search(&req->w, pattern, SMB1_SEARCH_ATTRS, count,
			      pattern ? NULL : s->resume, conn->unicode);
	seq = smb1_clock_tick();
	if (!ret)
		ret = smb1_call(req, &f);
	if (!ret && smb1_dec_search(&f, &r)) {
		smb1_err("malformed SEARCH reply");
		ret = -EIO;
	}
	if (ret) {
		/* "no more files": the server has ended the search */
		if (ret == -ENODATA || ret == -ENOENT)
			s->open = false;
		smb1_req_put(req);
		return ret;
	}
	if (r.count > count) {
		smb1_err("server returned %u entries for %u", r.count, count);
		smb1_req_put(req);
		return -EIO;
	}
	/* any entry's key names the search to FIND_CLOSE: the first */
	if (r.count) {
		memcpy(s->resume, r.data, SMB1_SEARCH_RESUME_KEY_SIZE);
		s->open = true;
		s->gen = req->gen;
	} else {
		s->open = false;
	}
	s->last_name = NULL;
	smb1_search_take(conn, s, req, &r, seq);
	return 0;
}

static int smb1_find_first_level(struct smb1_conn *conn, const char *pattern,
				 struct smb1_search *s)
{
	struct smb1_trans2_rsp t;
	struct smb1_find_rsp r;
	struct smb1_req *req;
	u64 seq;
	int ret;

	req = smb1_req_alloc(conn, SMB_COM_TRANSACTION2,
			     smb1_path_req_len(pattern));
	if (!req)
		return -ENOMEM;
	ret = smb1_enc_find_first(&req->w, pattern, SMB1_SEARCH_ATTRS,
				  SMB1_FIND_COUNT,
				  SMB_FIND_CLOSE_AT_EOS |
				  SMB_FIND_RETURN_RESUME_KEYS,
				  s->level, smb1_trans2_max_data(conn),
				  conn->unicode);
	seq = smb1_clock_tick();
	if (!ret)
		ret = smb1_trans2_call(req, &t);
	if (!ret)
		ret = smb1_dec_find_first(&t, &r);
	if (ret) {
		smb1_req_put(req);
		/* an empty directory may be reported as "no such file" */
		return ret == -ENODATA ? 0 : ret;
	}
	s->sid = r.sid;
	s->gen = req->gen;
	s->open = !r.end_of_search;
	smb1_search_take(conn, s, req, &r, seq);
	return 0;
}

int smb1_find_first(struct smb1_conn *conn, const char *dir,
		    struct smb1_search *s)
{
	char *pattern;
	int ret;

	memset(s, 0, sizeof(*s));
	if (conn->level == SMB1_LEVEL_CORE) {
		pattern = kasprintf(GFP_KERNEL, "%s\\*.*", dir);
		if (!pattern)
			return -ENOMEM;
		ret = smb1_core_search(conn, s, pattern);
		kfree(pattern);
		/* an empty directory may be reported as "no such file" */
		return ret == -ENODATA || ret == -ENOENT ? 0 : ret;
	}
	pattern = kasprintf(GFP_KERNEL, "%s\\*", dir);
	if (!pattern)
		return -ENOMEM;
	s->level = smb1_find_level(conn);
	ret = smb1_find_first_level(conn, pattern, s);
	if (ret == -EOPNOTSUPP &&
	    s->level == SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO) {
		smb1_info("the server refuses file ids in listings; they are left to lookups");
		WRITE_ONCE(conn->find_ids, false);
		s->level = SMB_FIND_FILE_DIRECTORY_INFO;
		ret = smb1_find_first_level(conn, pattern, s);
	}
	kfree(pattern);
	return ret;
}

static int smb1_find_next(struct smb1_conn *conn, struct smb1_search *s)
{
	struct smb1_trans2_rsp t;
	struct smb1_find_rsp r;
	struct smb1_req *req;
	u64 seq;
	int ret;

	req = smb1_req_alloc(conn, SMB_COM_TRANSACTION2,
			     SMB1_PATH_REQ_FIXED + s->last_name_len);
	if (!req)
		return -ENOMEM;
	ret = smb1_enc_find_next(&req->w, s->sid, SMB1_FIND_COUNT,
				 s->level, s->resume_key,
				 SMB_FIND_CLOSE_AT_EOS |
				 SMB_FIND_RETURN_RESUME_KEYS |
				 SMB_FIND_CONTINUE_FROM_LAST,
				 s->last_name, s->last_name_len,
				 smb1_trans2_max_data(conn));
	smb1_req_bind(req, s->gen);
	seq = smb1_clock_tick();
	if (!ret)
		ret = smb1_trans2_call(req, &t);
	if (!ret)
		ret = smb1_dec_find_next(&t, &r);
	if (ret) {
		smb1_req_put(req);
		return ret == -ENODATA ? -ENOENT : ret;
	}
	if (!r.count && !r.end_of_search) {
		smb1_err("server returned an empty search batch without an end");
		smb1_req_put(req);
		return -EIO;
	}
	/* a batch ending where it resumed would be asked for forever */
	if (!r.end_of_search &&
	    smb1_find_last_is(&r, s->resume_key, s->last_name,
			      s->last_name_len)) {
		smb1_err("server repeats a search batch without an end");
		smb1_req_put(req);
		return -EIO;
	}
	if (r.end_of_search)
		s->open = false;
	/* last_name points into the old reply: it is released here */
	s->last_name = NULL;
	s->last_name_len = 0;
	smb1_search_take(conn, s, req, &r, seq);
	return 0;
}

int smb1_search_next(struct smb1_conn *conn, struct smb1_search *s,
		     struct smb1_dirent *de)
{
	int ret;

	if (!s->req)
		return -ENOENT;
	for (;;) {
		ret = smb1_find_iter_next(&s->it, de);
		if (!ret) {
			de->attr.gen = s->seq;
			if (++s->entries > SMB1_FIND_MAX_ENTRIES) {
				smb1_err("directory listing does not end");
				return -EIO;
			}
			s->resume_key = de->resume_key;
			s->last_name = de->name;
			s->last_name_len = de->name_len;
			if (de->resume)
				memcpy(s->resume, de->resume,
				       SMB1_SEARCH_RESUME_KEY_SIZE);
			return 0;
		}
		if (ret != -ENOENT)
			return ret;
		if (s->eos || !s->last_name)
			return -ENOENT;
		if (conn->level == SMB1_LEVEL_CORE) {
			ret = smb1_core_search(conn, s, NULL);
			if (ret == -ENODATA || ret == -ENOENT)
				s->eos = true;
			if (ret == -ENODATA)
				return -ENOENT;
		} else {
			ret = smb1_find_next(conn, s);
		}
		if (ret)
			return ret;
	}
}

void smb1_search_end(struct smb1_conn *conn, struct smb1_search *s)
{
	bool core = conn->level == SMB1_LEVEL_CORE;
	struct smb1_frame f;
	struct smb1_req *req;
	int ret;

	/*
	 * A search handle of a broken link died with it; the core
	 * protocol has no way to end a SEARCH early.
	 */
	if (s->open && s->gen == smb1_conn_gen(conn) && smb1_conn_up(conn) &&
	    (!core || conn->proto >= SMB1_PROTO_LANMAN1)) {
		req = smb1_req_alloc(conn, core ? SMB_COM_FIND_CLOSE :
					   SMB_COM_FIND_CLOSE2,
				     core ? smb1_path_req_len("") +
					    SMB1_SEARCH_RESUME_KEY_SIZE : 16);
		if (req) {
			smb1_req_bind(req, s->gen);
			ret = core ? smb1_enc_search(&req->w, "",
						     SMB1_SEARCH_ATTRS, 0,
						     s->resume,
						     conn->unicode) :
				     smb1_enc_find_close(&req->w, s->sid);
			if (!ret)
				smb1_call(req, &f);
		}
		smb1_req_put(req);
	}
	s->open = false;
	smb1_req_put(s->req);
	s->req = NULL;
	s->last_name = NULL;
}
