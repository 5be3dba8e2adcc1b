/* SPDX-License-Identifier: GPL-2.0 */
/* The order of attribute replies (attr.c) */
#ifndef _SMB1FS_ATTR_H
#define _SMB1FS_ATTR_H

#include "proto.h"

/* One clock for every mount: requests are stamped before they are sent */
u64 smb1_clock_tick(void);

/* An inode's side of smb1_attr_plan() */
struct smb1_attr_cur {
	u64 gen;		/* stamp of what the inode last took */
	loff_t size;		/* i_size */
	struct timespec64 mtime;
	bool is_reg;
	/* dirty or writeback folios, or writes in flight */
	bool busy;
	/* written here since the server's attributes were last taken */
	bool wrote;
};

#define SMB1_ATTR_APPLY		BIT(0)	/* take the reply's attributes */
#define SMB1_ATTR_SIZE		BIT(1)	/* and its size */
#define SMB1_ATTR_INVAL		BIT(2)	/* the page cache is stale */

/*
 * What to do with attributes fa (size: fa's, clamped) for an inode in
 * state cur: 0 drops a reply older than what the inode holds.
 */
unsigned int smb1_attr_plan(const struct smb1_attr_cur *cur,
			    const struct smb1_fattr *fa, loff_t size);

#endif /* _SMB1FS_ATTR_H */
