// SPDX-License-Identifier: GPL-2.0
/*
 * Server error codes to errno.
 *
 * A reply carries either an NT status (when the reply has
 * SMBFLG2_NT_STATUS in Flags2) or a DOS error class and code.  Each kind
 * has one table, sorted by key and searched with bsearch().
 *
 * Choices worth knowing about, all made to match what a user of the
 * kernel's cifs client sees:
 *  - a name the server cannot represent (OBJECT_NAME_INVALID, ERRinvalidname,
 *    OBJECT_PATH_SYNTAX_BAD) is -ENOENT, not -EINVAL, so that a lookup of
 *    such a name behaves like the lookup of a name that does not exist;
 *  - STATUS_BUFFER_OVERFLOW (and its DOS form ERRmoredata) is a warning: the
 *    reply holds valid data that was cut to the size the client asked
 *    for.  It maps to 0, so the caller decodes the reply; every decoder
 *    checks the lengths the reply gives, so nothing reads past its end;
 *  - the end of a search or of a file (NO_MORE_FILES, END_OF_FILE,
 *    ERRnofiles, ERReof) is -ENODATA, which the callers turn into the end
 *    of a directory or a short read;
 *  - a tree or session the server no longer knows (NETWORK_NAME_DELETED,
 *    USER_SESSION_DELETED, ERRinvnid, ERRbaduid) is -ENETRESET: the
 *    request may succeed once the session is set up again;
 *  - "not supported" in all its forms (NOT_SUPPORTED, NOT_IMPLEMENTED,
 *    INVALID_INFO_CLASS, INVALID_LEVEL, INVALID_DEVICE_REQUEST, ERRunsup,
 *    ERRunknownlevel, ERRsmbcmd) is -EOPNOTSUPP, so that a caller can fall
 *    back to an older request or information level.
 *
 * An NT status that is not in the table maps by its severity: errors and
 * warnings give -EIO; informational and success codes give 0, except
 * success codes that are a DOS error passed through (STATUS_SMB_BAD_TID and
 * its kind: a DOS class in the low byte, a non-zero code in the high 16
 * bits), which go through the DOS table.
 */

#include <linux/kernel.h>
#include <linux/bsearch.h>
#include <linux/errno.h>

#include "internal.h"
#include "../../include/smb1fs/ntstatus.h"

#define NT(status, err)		{ NT_STATUS_##status, err }
#define DOS(class, code, err)	{ SMB1_DOS_KEY(class, class##_##code), err }

/* Sorted by status. */
static const struct smb1_errmap smb1_nt_map[] = {
	NT(BUFFER_OVERFLOW,		0),
	NT(NO_MORE_FILES,		-ENODATA),
	NT(NO_MORE_ENTRIES,		-ENODATA),
	NT(UNSUCCESSFUL,		-EIO),
	NT(NOT_IMPLEMENTED,		-EOPNOTSUPP),
	NT(INVALID_INFO_CLASS,		-EOPNOTSUPP),
	NT(INVALID_HANDLE,		-EBADF),
	NT(INVALID_PARAMETER,		-EINVAL),
	NT(NO_SUCH_DEVICE,		-ENOENT),
	NT(NO_SUCH_FILE,		-ENOENT),
	NT(INVALID_DEVICE_REQUEST,	-EOPNOTSUPP),
	NT(END_OF_FILE,			-ENODATA),
	NT(NO_MEDIA_IN_DEVICE,		-ENOMEDIUM),
	NT(NO_MEMORY,			-ENOMEM),
	NT(ACCESS_DENIED,		-EACCES),
	NT(OBJECT_NAME_INVALID,		-ENOENT),
	NT(OBJECT_NAME_NOT_FOUND,	-ENOENT),
	NT(OBJECT_NAME_COLLISION,	-EEXIST),
	NT(OBJECT_PATH_INVALID,		-ENOTDIR),
	NT(OBJECT_PATH_NOT_FOUND,	-ENOENT),
	NT(OBJECT_PATH_SYNTAX_BAD,	-ENOENT),
	NT(SHARING_VIOLATION,		-EBUSY),
	NT(QUOTA_EXCEEDED,		-EDQUOT),
	NT(EAS_NOT_SUPPORTED,		-EOPNOTSUPP),
	NT(NONEXISTENT_EA_ENTRY,	-ENODATA),
	NT(NO_EAS_ON_FILE,		-ENODATA),
	NT(FILE_LOCK_CONFLICT,		-EAGAIN),
	NT(LOCK_NOT_GRANTED,		-EAGAIN),
	NT(DELETE_PENDING,		-EACCES),
	NT(PRIVILEGE_NOT_HELD,		-EPERM),
	NT(INVALID_ACCOUNT_NAME,	-EACCES),
	NT(NO_SUCH_USER,		-EACCES),
	NT(WRONG_PASSWORD,		-EACCES),
	NT(LOGON_FAILURE,		-EACCES),
	NT(ACCOUNT_RESTRICTION,		-EACCES),
	NT(INVALID_LOGON_HOURS,		-EACCES),
	NT(INVALID_WORKSTATION,		-EACCES),
	NT(PASSWORD_EXPIRED,		-EACCES),
	NT(ACCOUNT_DISABLED,		-EACCES),
	NT(RANGE_NOT_LOCKED,		-ENOLCK),
	NT(DISK_FULL,			-ENOSPC),
	NT(INSUFFICIENT_RESOURCES,	-ENOMEM),
	NT(MEDIA_WRITE_PROTECTED,	-EROFS),
	NT(BAD_IMPERSONATION_LEVEL,	-EACCES),
	NT(PIPE_NOT_AVAILABLE,		-EBUSY),
	NT(INVALID_PIPE_STATE,		-EPIPE),
	NT(PIPE_BUSY,			-EBUSY),
	NT(PIPE_DISCONNECTED,		-EPIPE),
	NT(PIPE_CLOSING,		-EPIPE),
	NT(IO_TIMEOUT,			-ETIMEDOUT),
	NT(FILE_IS_A_DIRECTORY,		-EISDIR),
	NT(NOT_SUPPORTED,		-EOPNOTSUPP),
	NT(BAD_NETWORK_PATH,		-ENOENT),
	NT(NETWORK_BUSY,		-EBUSY),
	NT(NETWORK_NAME_DELETED,	-ENETRESET),
	NT(NETWORK_ACCESS_DENIED,	-EACCES),
	NT(BAD_DEVICE_TYPE,		-ENODEV),
	NT(BAD_NETWORK_NAME,		-ENOENT),
	NT(TOO_MANY_SESSIONS,		-EUSERS),
	NT(REQUEST_NOT_ACCEPTED,	-EUSERS),
	NT(NOT_SAME_DEVICE,		-EXDEV),
	NT(VIRTUAL_CIRCUIT_CLOSED,	-ECONNABORTED),
	NT(PIPE_EMPTY,			-EAGAIN),
	NT(DIRECTORY_NOT_EMPTY,		-ENOTEMPTY),
	NT(NOT_A_DIRECTORY,		-ENOTDIR),
	NT(NAME_TOO_LONG,		-ENAMETOOLONG),
	NT(TOO_MANY_OPENED_FILES,	-EMFILE),
	NT(CANCELLED,			-ECANCELED),
	NT(CANNOT_DELETE,		-EACCES),
	NT(FILE_CLOSED,			-EBADF),
	NT(LOCAL_DISCONNECT,		-ECONNABORTED),
	NT(REMOTE_DISCONNECT,		-ECONNABORTED),
	NT(INVALID_LEVEL,		-EOPNOTSUPP),
	NT(PIPE_BROKEN,			-EPIPE),
	NT(LOGON_TYPE_NOT_GRANTED,	-EACCES),
	NT(ACCOUNT_EXPIRED,		-EACCES),
	NT(USER_SESSION_DELETED,	-ENETRESET),
	NT(INSUFF_SERVER_RESOURCES,	-ENOMEM),
	NT(CONNECTION_RESET,		-ECONNRESET),
	NT(PASSWORD_MUST_CHANGE,	-EACCES),
	NT(NOT_FOUND,			-ENOENT),
	NT(ACCOUNT_LOCKED_OUT,		-EACCES),
	NT(CONNECTION_REFUSED,		-ECONNREFUSED),
	NT(NETWORK_UNREACHABLE,		-ENETUNREACH),
	NT(HOST_UNREACHABLE,		-EHOSTUNREACH),
	NT(PATH_NOT_COVERED,		-EREMOTE),
	NT(TOO_MANY_LINKS,		-EMLINK),
	NT(NETWORK_SESSION_EXPIRED,	-ENETRESET),
	NT(DISK_QUOTA_EXCEEDED,		-EDQUOT),
	NT(FILE_TOO_LARGE,		-EFBIG),
};

/* Sorted by class, then code. */
static const struct smb1_errmap smb1_dos_map[] = {
	DOS(ERRDOS, BADFUNC,		-EOPNOTSUPP),
	DOS(ERRDOS, BADFILE,		-ENOENT),
	DOS(ERRDOS, BADPATH,		-ENOENT),
	DOS(ERRDOS, NOFIDS,		-EMFILE),
	DOS(ERRDOS, NOACCESS,		-EACCES),
	DOS(ERRDOS, BADFID,		-EBADF),
	DOS(ERRDOS, BADMCB,		-EIO),
	DOS(ERRDOS, NOMEM,		-ENOMEM),
	DOS(ERRDOS, BADMEM,		-EIO),
	DOS(ERRDOS, BADENV,		-EIO),
	DOS(ERRDOS, BADFORMAT,		-EIO),
	DOS(ERRDOS, BADACCESS,		-EACCES),
	DOS(ERRDOS, BADDATA,		-EIO),
	DOS(ERRDOS, BADDRIVE,		-ENODEV),
	DOS(ERRDOS, REMCD,		-EBUSY),
	DOS(ERRDOS, DIFFDEVICE,		-EXDEV),
	DOS(ERRDOS, NOFILES,		-ENODATA),
	DOS(ERRDOS, GENERAL,		-EIO),
	DOS(ERRDOS, BADSHARE,		-EBUSY),
	DOS(ERRDOS, LOCK,		-EAGAIN),
	DOS(ERRDOS, EOF,		-ENODATA),
	DOS(ERRDOS, UNSUP,		-EOPNOTSUPP),
	DOS(ERRDOS, FILEXISTS,		-EEXIST),
	DOS(ERRDOS, INVALIDPARAM,	-EINVAL),
	DOS(ERRDOS, DISKFULL,		-ENOSPC),
	DOS(ERRDOS, INVALIDNAME,	-ENOENT),
	DOS(ERRDOS, UNKNOWNLEVEL,	-EOPNOTSUPP),
	DOS(ERRDOS, INVALIDSEEK,	-EINVAL),
	DOS(ERRDOS, DIRNOTEMPTY,	-ENOTEMPTY),
	DOS(ERRDOS, NOTLOCKED,		-ENOLCK),
	DOS(ERRDOS, ALREADYEXISTS,	-EEXIST),
	DOS(ERRDOS, BADPIPE,		-EPIPE),
	DOS(ERRDOS, PIPEBUSY,		-EBUSY),
	DOS(ERRDOS, PIPECLOSING,	-EPIPE),
	DOS(ERRDOS, NOTCONNECTED,	-EPIPE),
	DOS(ERRDOS, MOREDATA,		0),
	DOS(ERRDOS, NOMOREITEMS,	-ENODATA),
	DOS(ERRDOS, EASNOTSUPPORTED,	-EOPNOTSUPP),
	DOS(ERRDOS, QUOTA,		-EDQUOT),

	DOS(ERRSRV, ERROR,		-EIO),
	DOS(ERRSRV, BADPW,		-EACCES),
	DOS(ERRSRV, ACCESS,		-EACCES),
	DOS(ERRSRV, INVNID,		-ENETRESET),
	DOS(ERRSRV, INVNETNAME,		-ENOENT),
	DOS(ERRSRV, INVDEVICE,		-ENODEV),
	DOS(ERRSRV, BADCMD,		-EOPNOTSUPP),
	DOS(ERRSRV, SMBCMD,		-EOPNOTSUPP),
	DOS(ERRSRV, SRVERROR,		-EIO),
	DOS(ERRSRV, FILESPECS,		-EINVAL),
	DOS(ERRSRV, BADPERMITS,		-EACCES),
	DOS(ERRSRV, SETATTRMODE,	-EINVAL),
	DOS(ERRSRV, NOROOM,		-ENOSPC),
	DOS(ERRSRV, TIMEOUT,		-ETIMEDOUT),
	DOS(ERRSRV, NORESOURCE,		-ENOMEM),
	DOS(ERRSRV, TOOMANYUIDS,	-EUSERS),
	DOS(ERRSRV, BADUID,		-ENETRESET),
	DOS(ERRSRV, USEMPX,		-EOPNOTSUPP),
	DOS(ERRSRV, USESTD,		-EOPNOTSUPP),
	DOS(ERRSRV, ACCOUNTEXPIRED,	-EACCES),
	DOS(ERRSRV, BADCLIENT,		-EACCES),
	DOS(ERRSRV, BADLOGONTIME,	-EACCES),
	DOS(ERRSRV, PASSWORDEXPIRED,	-EACCES),
	DOS(ERRSRV, NOSUPPORT,		-EOPNOTSUPP),

	DOS(ERRHRD, NOWRITE,		-EROFS),
	DOS(ERRHRD, BADUNIT,		-ENODEV),
	DOS(ERRHRD, NOTREADY,		-ENOMEDIUM),
	DOS(ERRHRD, BADCMD,		-EIO),
	DOS(ERRHRD, DATA,		-EIO),
	DOS(ERRHRD, BADREQ,		-EIO),
	DOS(ERRHRD, SEEK,		-EIO),
	DOS(ERRHRD, BADMEDIA,		-EMEDIUMTYPE),
	DOS(ERRHRD, BADSECTOR,		-EIO),
	DOS(ERRHRD, NOPAPER,		-EIO),
	DOS(ERRHRD, WRITE,		-EIO),
	DOS(ERRHRD, READ,		-EIO),
	DOS(ERRHRD, GENERAL,		-EIO),
	DOS(ERRHRD, BADSHARE,		-EBUSY),
	DOS(ERRHRD, LOCK,		-EAGAIN),
	DOS(ERRHRD, WRONGDISK,		-ENOMEDIUM),
	DOS(ERRHRD, FCBUNAVAIL,		-EMFILE),
	DOS(ERRHRD, SHAREBUFEXC,	-ENOLCK),
	DOS(ERRHRD, DISKFULL,		-ENOSPC),
};

const struct smb1_errmap *smb1_nt_errmap(size_t *n)
{
	*n = ARRAY_SIZE(smb1_nt_map);
	return smb1_nt_map;
}

const struct smb1_errmap *smb1_dos_errmap(size_t *n)
{
	*n = ARRAY_SIZE(smb1_dos_map);
	return smb1_dos_map;
}

static int smb1_errmap_cmp(const void *key, const void *elt)
{
	u32 k = *(const u32 *)key;
	const struct smb1_errmap *e = elt;

	if (k < e->key)
		return -1;
	return k > e->key;
}

static const struct smb1_errmap *smb1_errmap_find(const struct smb1_errmap *map,
						  size_t n, u32 key)
{
	return bsearch(&key, map, n, sizeof(*map), smb1_errmap_cmp);
}

/**
 * smb1_dos_error_to_errno() - errno for a DOS error class and code
 * @class: ERRDOS, ERRSRV, ERRHRD or ERRCMD; 0 is success
 * @code: the error code within the class
 *
 * Return: 0 for success (and for ERRmoredata, see above), else a negative
 * errno; -EIO for anything unknown.
 */
int smb1_dos_error_to_errno(u8 class, u16 code)
{
	const struct smb1_errmap *e;

	if (class == 0)
		return 0;
	e = smb1_errmap_find(smb1_dos_map, ARRAY_SIZE(smb1_dos_map),
			     SMB1_DOS_KEY(class, code));
	return e ? e->err : -EIO;
}

/**
 * smb1_nt_status_to_errno() - errno for an NT status
 * @status: the status as it stands in the SMB header (host order)
 *
 * Return: 0 for success, for informational codes and for the warnings
 * the table maps to 0, else a negative errno.
 */
int smb1_nt_status_to_errno(u32 status)
{
	const struct smb1_errmap *e;
	u8 class;
	u16 code;

	if (status == NT_STATUS_SUCCESS)
		return 0;
	e = smb1_errmap_find(smb1_nt_map, ARRAY_SIZE(smb1_nt_map), status);
	if (e)
		return e->err;

	switch (NT_STATUS_SEVERITY(status)) {
	case NT_STATUS_SEV_SUCCESS:
		/* a DOS error in the NT status field: class, zero, code */
		class = SMB1_DOS_CLASS(status);
		code = SMB1_DOS_CODE(status);
		if (code && !(status & 0xff00) &&
		    (class == ERRDOS || class == ERRSRV || class == ERRHRD ||
		     class == ERRCMD))
			return smb1_dos_error_to_errno(class, code);
		return 0;
	case NT_STATUS_SEV_INFO:
		return 0;
	default:
		return -EIO;
	}
}

/**
 * smb1_frame_errno() - errno for the status of a checked reply
 * @f: the reply
 *
 * Return: 0 when the reply reports success, else a negative errno.
 */
int smb1_frame_errno(const struct smb1_frame *f)
{
	if (f->flags2 & SMBFLG2_NT_STATUS)
		return smb1_nt_status_to_errno(f->status);
	return smb1_dos_error_to_errno(SMB1_DOS_CLASS(f->status),
				       SMB1_DOS_CODE(f->status));
}
