/* SPDX-License-Identifier: GPL-2.0 */
/*
 * smb1fs internal definitions.  Each part's declarations live in the
 * header named after the file that implements it; this one includes
 * them all, bottom layer first:
 *   common.h     messages, limits, the wire format headers
 *   proto.h      pure encoders and decoders of SMB1 messages (no I/O)
 *   errmap.h, unicode.h, auth.h, spnego.h   leaf helpers without I/O
 *   transport.h  socket, NetBIOS framing, receive thread, MID table
 *   sign.h       message signing
 *   session.h    negotiate, session setup, tree connect, logoff
 *   ops.h        file-system operations as SMB1 requests
 *   modify.h     the operations that change the server
 *   super.h      mount options and the superblock
 *   attr.h       the order of attribute replies
 *   handle.h     server FIDs shared by the opens of an inode
 *   inode.h      the VFS glue (inode.c, dir.c, file.c, write.c, namei.c)
 * Each header compiles on its own.
 */
#ifndef _SMB1FS_INTERNAL_H
#define _SMB1FS_INTERNAL_H

#include "common.h"
#include "proto.h"
#include "errmap.h"
#include "unicode.h"
#include "auth.h"
#include "spnego.h"
#include "transport.h"
#include "sign.h"
#include "session.h"
#include "ops.h"
#include "modify.h"
#include "super.h"
#include "attr.h"
#include "handle.h"
#include "inode.h"

#endif /* _SMB1FS_INTERNAL_H */
