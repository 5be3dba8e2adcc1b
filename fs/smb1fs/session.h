/* SPDX-License-Identifier: GPL-2.0 */
/* Negotiate, authentication, tree connect (session.c) */
#ifndef _SMB1FS_SESSION_H
#define _SMB1FS_SESSION_H

#include "transport.h"

struct smb1_mount_opts;

/* Whether a new session signs: smb1_sign_choose() */
enum smb1_sign_choice {
	SMB1_SIGN_OFF,		/* unsigned */
	SMB1_SIGN_ON,		/* signed */
	SMB1_SIGN_UNAVAILABLE,	/* to be signed, cannot be: the mount fails */
	SMB1_SIGN_DOWNGRADE,	/* the mount signed, this one would not */
};

enum smb1_sign_choice smb1_sign_choose(bool offered, bool required,
				       bool sign, bool has_signed);
int smb1_negotiate(struct smb1_conn *conn, const struct smb1_mount_opts *o,
		   struct fs_context *fc);
int smb1_session_setup(struct smb1_conn *conn,
		       const struct smb1_mount_opts *o, struct fs_context *fc);
int smb1_tree_connect(struct smb1_conn *conn, const struct smb1_mount_opts *o,
		      struct fs_context *fc);
void smb1_tree_disconnect(struct smb1_conn *conn);
void smb1_logoff(struct smb1_conn *conn);

#endif /* _SMB1FS_SESSION_H */
