/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A bounded read cursor for everything the server sends.
 *
 * Every length, count and offset that arrives from the network is consumed
 * through these helpers.  A cursor never moves past its end: a read that
 * does not fit fails and leaves the cursor where it was, so a decoder can
 * check a whole sequence of reads with a single test of the result.
 */
#ifndef _SMB1FS_DECODE_H
#define _SMB1FS_DECODE_H

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include "compat.h"

struct smb1_cur {
	const u8 *p;
	const u8 *end;
};

/* An empty cursor may have no buffer (buf NULL, len 0). */
static inline void smb1_cur_init(struct smb1_cur *c, const void *buf, size_t len)
{
	c->p = buf;
	c->end = len ? c->p + len : c->p;
}

static inline size_t smb1_cur_left(const struct smb1_cur *c)
{
	return c->end - c->p;
}

static inline bool smb1_cur_has(const struct smb1_cur *c, size_t n)
{
	return n <= smb1_cur_left(c);
}

static inline int smb1_cur_skip(struct smb1_cur *c, size_t n)
{
	if (!smb1_cur_has(c, n))
		return -EIO;
	c->p += n;
	return 0;
}

static inline int smb1_cur_u8(struct smb1_cur *c, u8 *v)
{
	if (!smb1_cur_has(c, 1))
		return -EIO;
	*v = *c->p++;
	return 0;
}

static inline int smb1_cur_le16(struct smb1_cur *c, u16 *v)
{
	if (!smb1_cur_has(c, 2))
		return -EIO;
	*v = get_unaligned_le16(c->p);
	c->p += 2;
	return 0;
}

/* NetBIOS name service fields are big-endian */
static inline int smb1_cur_be16(struct smb1_cur *c, u16 *v)
{
	if (!smb1_cur_has(c, 2))
		return -EIO;
	*v = get_unaligned_be16(c->p);
	c->p += 2;
	return 0;
}

static inline int smb1_cur_le32(struct smb1_cur *c, u32 *v)
{
	if (!smb1_cur_has(c, 4))
		return -EIO;
	*v = get_unaligned_le32(c->p);
	c->p += 4;
	return 0;
}

static inline int smb1_cur_le64(struct smb1_cur *c, u64 *v)
{
	if (!smb1_cur_has(c, 8))
		return -EIO;
	*v = get_unaligned_le64(c->p);
	c->p += 8;
	return 0;
}

static inline int smb1_cur_copy(struct smb1_cur *c, void *dst, size_t n)
{
	if (!smb1_cur_has(c, n))
		return -EIO;
	memcpy(dst, c->p, n);
	c->p += n;
	return 0;
}

/* Take n bytes as a pointer into the buffer, without copying. */
static inline int smb1_cur_take(struct smb1_cur *c, const u8 **ptr, size_t n)
{
	if (!smb1_cur_has(c, n))
		return -EIO;
	*ptr = c->p;
	c->p += n;
	return 0;
}

/* Carve the next n bytes out as a cursor of their own. */
static inline int smb1_cur_sub(struct smb1_cur *c, struct smb1_cur *sub, size_t n)
{
	if (!smb1_cur_has(c, n))
		return -EIO;
	smb1_cur_init(sub, c->p, n);
	c->p += n;
	return 0;
}

/*
 * A cursor over [base + off, base + off + len) of a buffer of size total;
 * fails if that range is not wholly inside the buffer (overflow safe).
 */
static inline int smb1_cur_at(struct smb1_cur *c, const void *base,
			      size_t total, size_t off, size_t len)
{
	if (off > total || len > total - off)
		return -EIO;
	smb1_cur_init(c, (const u8 *)base + off, len);
	return 0;
}

#endif /* _SMB1FS_DECODE_H */
