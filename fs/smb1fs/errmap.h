/* SPDX-License-Identifier: GPL-2.0 */
/* NT status codes and DOS errors to errno (errmap.c) */
#ifndef _SMB1FS_ERRMAP_H
#define _SMB1FS_ERRMAP_H

#include "proto.h"

int smb1_nt_status_to_errno(u32 status);
int smb1_dos_error_to_errno(u8 class, u16 code);
/* 0 when the frame reports success, else a negative errno */
int smb1_frame_errno(const struct smb1_frame *f);

/* One entry of the lookup tables; each table is sorted by key. */
struct smb1_errmap {
	u32 key;		/* NT status, or SMB1_DOS_KEY(class, code) */
	int err;
};

#define SMB1_DOS_KEY(class, code)	(((u32)(class) << 16) | (u16)(code))

/* The tables themselves, for the KUnit suite */
const struct smb1_errmap *smb1_nt_errmap(size_t *n);
const struct smb1_errmap *smb1_dos_errmap(size_t *n);

#endif /* _SMB1FS_ERRMAP_H */
