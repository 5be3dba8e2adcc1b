// SPDX-License-Identifier: GPL-2.0
/*
 * smb1fs attribute cache rules: which reply may change an inode, and
 * how.
 *
 * Replies race: a directory listing sent before a lookup may arrive
 * after it, two getattrs may cross, and (once files are written) a
 * reply may describe the file as it was before a local change.  Every
 * request that brings attributes is stamped from one clock before it is
 * sent, and so is every local change; an inode remembers the stamp of
 * what it last took, and a reply with an older stamp is dropped.  Its
 * size never shrinks under data the server has not seen yet, and its
 * page cache is never invalidated while it holds such data.
 *
 * Everything here is pure but the clock, for the KUnit suite.
 */

#include <linux/atomic.h>

#include "internal.h"

static atomic64_t smb1_clock = ATOMIC64_INIT(0);

u64 smb1_clock_tick(void)
{
	return atomic64_inc_return(&smb1_clock);
}

unsigned int smb1_attr_plan(const struct smb1_attr_cur *cur,
			    const struct smb1_fattr *fa, loff_t size)
{
	unsigned int plan = SMB1_ATTR_APPLY;

	/* older than what the inode holds: a stale view, dropped */
	if (fa->gen && cur->gen && fa->gen < cur->gen)
		return 0;
	/* data the server has not seen yet: the file only grows */
	if (!cur->busy || size >= cur->size)
		plan |= SMB1_ATTR_SIZE;
	/*
	 * the server's file changed: its cached pages are stale, unless
	 * the change is what this client wrote (the pages hold it)
	 */
	if (cur->is_reg && !cur->busy && !cur->wrote &&
	    (size != cur->size || !timespec64_equal(&fa->mtime, &cur->mtime)))
		plan |= SMB1_ATTR_INVAL;
	return plan;
}
