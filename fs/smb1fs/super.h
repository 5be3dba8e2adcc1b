/* SPDX-License-Identifier: GPL-2.0 */
/* Mount options and the superblock (super.c) */
#ifndef _SMB1FS_SUPER_H
#define _SMB1FS_SUPER_H

#include <linux/ratelimit.h>

#include "transport.h"

struct smb1_mount_opts {
	char *source;		/* //server/share as given */
	char *server;
	char *share;
	char *unc;		/* \\server\share */
	char *username;
	char *password;
	char *domain;
	struct sockaddr_storage addr;
	bool have_addr;
	u16 port;
	char *servern;
	char *netbiosname;
	kuid_t uid;
	kgid_t gid;
	umode_t file_mode;
	umode_t dir_mode;
	u32 rsize;
	unsigned int actimeo;	/* jiffies */
	unsigned long timeout;	/* per request, jiffies */
	bool guest;
	bool sign;		/* insist on message signing */
	enum smb1_sec sec;	/* the weakest authentication allowed */
	u32 vers;		/* BIT(SMB1_PROTO_*): dialects to offer */
	char *codepage;		/* OEM code page of a non-Unicode server */
	char *sharepass;	/* share-level security password */
	char *iocharset;	/* character set of local names */
	bool hard;		/* wait for a lost server for ever */
	unsigned int echo_interval;	/* seconds; 0: no echo */
	bool noperm;		/* no permission checks of our own */
	u32 wsize;		/* largest write; 0: the server's limit */
	bool serverino;		/* inode numbers from the server's file ids */
	bool case_sensitive;	/* case=sensitive: the share tells case apart */
	char *prefix;		/* subdirectory mounted, "\\a\\b", or NULL */
};

struct smb1_sb_info {
	struct smb1_conn *conn;
	struct smb1_mount_opts opts;
	/* iocharset=, NULL for UTF-8 (names pass through unconverted) */
	struct nls_table *local;
	bool ids;		/* inodes keyed by the server's file ids */
	bool nocase;		/* names compared without case */
	/*
	 * Failed writes are logged per mount, so that one mount's failures
	 * do not silence another's (see smb1_wb_finish()).
	 */
	struct ratelimit_state wb_log;
};

static inline struct smb1_sb_info *SMB1_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

void smb1_free_opts(struct smb1_mount_opts *o);
int smb1_parse_source(struct fs_context *fc, struct smb1_mount_opts *o);
extern const struct fs_parameter_spec smb1_fs_parameters[];

#endif /* _SMB1FS_SUPER_H */
