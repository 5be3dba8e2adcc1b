/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every difference between the kernels smb1fs builds for (6.1 to 6.12)
 * lives here, so the rest of the code is written against one API.
 */
#ifndef _SMB1FS_COMPAT_H
#define _SMB1FS_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 12, 0)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

#endif /* _SMB1FS_COMPAT_H */
