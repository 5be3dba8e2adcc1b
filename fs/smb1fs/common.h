/* SPDX-License-Identifier: GPL-2.0 */
/* What every part of smb1fs shares: messages, limits, the wire headers */
#ifndef _SMB1FS_COMMON_H
#define _SMB1FS_COMMON_H

#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/fs_parser.h>
#include <linux/socket.h>
#include <linux/kref.h>
#include <linux/wait.h>
#include <linux/xarray.h>
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/uio.h>
#include <linux/time64.h>
#include <linux/ratelimit.h>
#include <linux/workqueue.h>
#include <linux/nls.h>

#include "../../include/smb1fs/smb1_wire.h"
#include "../../include/smb1fs/decode.h"
#include "../../include/smb1fs/compat.h"

#define SMB1FS_NAME		"smb1fs"
#define SMB1FS_SUPER_MAGIC	0x534d4231	/* "SMB1" */

/* All messages from the network path are rate limited. */
#define smb1_err(fmt, ...) \
	pr_err_ratelimited("smb1fs: " fmt "\n", ##__VA_ARGS__)
#define smb1_warn(fmt, ...) \
	pr_warn_ratelimited("smb1fs: " fmt "\n", ##__VA_ARGS__)
#define smb1_info(fmt, ...) \
	pr_info_ratelimited("smb1fs: " fmt "\n", ##__VA_ARGS__)
#define smb1_dbg(fmt, ...) \
	pr_debug("smb1fs: " fmt "\n", ##__VA_ARGS__)
/*
 * A mount failure: in the mount's error log, which mount(8) prints, and in
 * dmesg.  Without a log (the classic mount(2) call) errorfc() itself
 * writes to dmesg.  Not rate limited: only a privileged user mounts, and
 * each failed mount deserves its reason.  Without a context at all (a
 * reconnect) it is an ordinary, rate limited error.
 */
#define smb1_fc_err(fc, fmt, ...)					\
	do {								\
		struct fs_context *__fc = (fc);				\
		if (!__fc) {						\
			smb1_err(fmt, ##__VA_ARGS__);			\
			break;						\
		}							\
		errorfc(__fc, fmt, ##__VA_ARGS__);			\
		if (__fc->log.log)					\
			pr_err("smb1fs: " fmt "\n", ##__VA_ARGS__);	\
	} while (0)

/* Sizes we offer and accept */
#define SMB1_CLIENT_MAX_BUF	65535U	/* MaxBufferSize in session setup */
#define SMB1_MAX_PATH_BYTES	4096U	/* longest encoded path we send */
#define SMB1_DEFAULT_RSIZE	(1024U * 1024U)
#define SMB1_MAX_RSIZE		(16U * 1024U * 1024U)
#define SMB1_DEFAULT_TIMEOUT	(60 * HZ)
#define SMB1_CONNECT_TIMEOUT	(15 * HZ)
#define SMB1_DEFAULT_ECHO	60	/* seconds between echoes; 0: none */
#define SMB1_MAX_ECHO		(60 * 60)

#endif /* _SMB1FS_COMMON_H */
