// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for smb1fs error mapping: NT status and DOS errors to errno.
 *
 * The expectations are spelled out here, one line per code, independently
 * of the tables in errmap.c; status values are those of [MS-ERREF] 2.3 and
 * DOS codes those of [MS-CIFS] 2.2.2.4.
 */

#include <kunit/test.h>
#include <linux/err.h>

#include "../../fs/smb1fs/internal.h"
#include "../../include/smb1fs/ntstatus.h"

struct nt_case {
	const char *name;
	u32 status;
	int err;
};

#define NTC(status, err)	{ #status, NT_STATUS_##status, err }

static const struct nt_case nt_cases[] = {
	NTC(SUCCESS,			0),
	/* authentication and permissions */
	NTC(ACCESS_DENIED,		-EACCES),
	NTC(LOGON_FAILURE,		-EACCES),
	NTC(WRONG_PASSWORD,		-EACCES),
	NTC(ACCOUNT_DISABLED,		-EACCES),
	NTC(ACCOUNT_RESTRICTION,	-EACCES),
	NTC(PASSWORD_EXPIRED,		-EACCES),
	NTC(INVALID_LOGON_HOURS,	-EACCES),
	NTC(INVALID_WORKSTATION,	-EACCES),
	NTC(ACCOUNT_LOCKED_OUT,		-EACCES),
	NTC(PASSWORD_MUST_CHANGE,	-EACCES),
	NTC(NO_SUCH_USER,		-EACCES),
	NTC(NETWORK_ACCESS_DENIED,	-EACCES),
	NTC(BAD_IMPERSONATION_LEVEL,	-EACCES),
	NTC(INVALID_ACCOUNT_NAME,	-EACCES),
	NTC(ACCOUNT_EXPIRED,		-EACCES),
	NTC(LOGON_TYPE_NOT_GRANTED,	-EACCES),
	NTC(PRIVILEGE_NOT_HELD,		-EPERM),
	NTC(CANNOT_DELETE,		-EACCES),
	NTC(DELETE_PENDING,		-EACCES),
	/* names */
	NTC(OBJECT_NAME_NOT_FOUND,	-ENOENT),
	NTC(OBJECT_PATH_NOT_FOUND,	-ENOENT),
	NTC(NO_SUCH_FILE,		-ENOENT),
	NTC(NO_SUCH_DEVICE,		-ENOENT),
	NTC(NOT_FOUND,			-ENOENT),
	NTC(BAD_NETWORK_NAME,		-ENOENT),
	NTC(BAD_NETWORK_PATH,		-ENOENT),
	NTC(OBJECT_NAME_INVALID,	-ENOENT),
	NTC(OBJECT_PATH_SYNTAX_BAD,	-ENOENT),
	NTC(OBJECT_PATH_INVALID,	-ENOTDIR),
	NTC(NOT_A_DIRECTORY,		-ENOTDIR),
	NTC(FILE_IS_A_DIRECTORY,	-EISDIR),
	NTC(OBJECT_NAME_COLLISION,	-EEXIST),
	NTC(NAME_TOO_LONG,		-ENAMETOOLONG),
	NTC(DIRECTORY_NOT_EMPTY,	-ENOTEMPTY),
	NTC(NOT_SAME_DEVICE,		-EXDEV),
	NTC(TOO_MANY_LINKS,		-EMLINK),
	NTC(PATH_NOT_COVERED,		-EREMOTE),
	/* sharing and locks */
	NTC(SHARING_VIOLATION,		-EBUSY),
	NTC(FILE_LOCK_CONFLICT,		-EAGAIN),
	NTC(LOCK_NOT_GRANTED,		-EAGAIN),
	NTC(RANGE_NOT_LOCKED,		-ENOLCK),
	/* space and resources */
	NTC(DISK_FULL,			-ENOSPC),
	NTC(QUOTA_EXCEEDED,		-EDQUOT),
	NTC(DISK_QUOTA_EXCEEDED,	-EDQUOT),
	NTC(FILE_TOO_LARGE,		-EFBIG),
	NTC(NO_MEMORY,			-ENOMEM),
	NTC(INSUFFICIENT_RESOURCES,	-ENOMEM),
	NTC(INSUFF_SERVER_RESOURCES,	-ENOMEM),
	NTC(TOO_MANY_OPENED_FILES,	-EMFILE),
	NTC(TOO_MANY_SESSIONS,		-EUSERS),
	NTC(REQUEST_NOT_ACCEPTED,	-EUSERS),
	/* requests the server does not support */
	NTC(INVALID_PARAMETER,		-EINVAL),
	NTC(INVALID_INFO_CLASS,		-EOPNOTSUPP),
	NTC(INVALID_LEVEL,		-EOPNOTSUPP),
	NTC(NOT_SUPPORTED,		-EOPNOTSUPP),
	NTC(NOT_IMPLEMENTED,		-EOPNOTSUPP),
	NTC(INVALID_DEVICE_REQUEST,	-EOPNOTSUPP),
	NTC(EAS_NOT_SUPPORTED,		-EOPNOTSUPP),
	NTC(BAD_DEVICE_TYPE,		-ENODEV),
	/* ends of data */
	NTC(END_OF_FILE,		-ENODATA),
	NTC(NO_MORE_FILES,		-ENODATA),
	NTC(NO_MORE_ENTRIES,		-ENODATA),
	NTC(NONEXISTENT_EA_ENTRY,	-ENODATA),
	NTC(NO_EAS_ON_FILE,		-ENODATA),
	NTC(BUFFER_OVERFLOW,		0),
	/* handles, media */
	NTC(INVALID_HANDLE,		-EBADF),
	NTC(FILE_CLOSED,		-EBADF),
	NTC(MEDIA_WRITE_PROTECTED,	-EROFS),
	NTC(NO_MEDIA_IN_DEVICE,		-ENOMEDIUM),
	NTC(UNSUCCESSFUL,		-EIO),
	NTC(CANCELLED,			-ECANCELED),
	/* network, session and tree */
	NTC(IO_TIMEOUT,			-ETIMEDOUT),
	NTC(NETWORK_NAME_DELETED,	-ENETRESET),
	NTC(USER_SESSION_DELETED,	-ENETRESET),
	NTC(NETWORK_SESSION_EXPIRED,	-ENETRESET),
	NTC(NETWORK_BUSY,		-EBUSY),
	NTC(VIRTUAL_CIRCUIT_CLOSED,	-ECONNABORTED),
	NTC(LOCAL_DISCONNECT,		-ECONNABORTED),
	NTC(REMOTE_DISCONNECT,		-ECONNABORTED),
	NTC(CONNECTION_RESET,		-ECONNRESET),
	NTC(CONNECTION_REFUSED,		-ECONNREFUSED),
	NTC(NETWORK_UNREACHABLE,	-ENETUNREACH),
	NTC(HOST_UNREACHABLE,		-EHOSTUNREACH),
	/* named pipes */
	NTC(PIPE_BROKEN,		-EPIPE),
	NTC(PIPE_DISCONNECTED,		-EPIPE),
	NTC(PIPE_CLOSING,		-EPIPE),
	NTC(INVALID_PIPE_STATE,		-EPIPE),
	NTC(PIPE_BUSY,			-EBUSY),
	NTC(PIPE_NOT_AVAILABLE,		-EBUSY),
	NTC(PIPE_EMPTY,			-EAGAIN),
	/* DOS errors passed through as success-severity NT status */
	NTC(INVALID_SMB,		-EIO),
	NTC(SMB_BAD_TID,		-ENETRESET),
	NTC(SMB_BAD_UID,		-ENETRESET),
	NTC(SMB_BAD_FID,		-EBADF),
	NTC(SMB_BAD_COMMAND,		-EOPNOTSUPP),
	NTC(SMB_USE_STANDARD,		-EOPNOTSUPP),
	NTC(OS2_INVALID_ACCESS,		-EACCES),
	/* not in the table: by severity */
	{ "unknown error", 0xc0001234, -EIO },
	{ "unknown error, DOS-like layout", 0xc0000002 | 0x00010000, -EIO },
	{ "unknown warning", NT_STATUS_STOPPED_ON_SYMLINK, -EIO },
	{ "unknown warning 0x8fffffff", 0x8fffffff, -EIO },
	{ "MORE_PROCESSING_REQUIRED", NT_STATUS_MORE_PROCESSING_REQUIRED,
	  -EIO },
	{ "BUFFER_TOO_SMALL", NT_STATUS_BUFFER_TOO_SMALL, -EIO },
	{ "informational", 0x40000000, 0 },
	{ "PENDING", NT_STATUS_PENDING, 0 },
	{ "NOTIFY_ENUM_DIR", NT_STATUS_NOTIFY_ENUM_DIR, 0 },
	{ "success with DOS class but no code", 0x00000001, 0 },
	{ "success, reserved byte set", 0x00050102, 0 },
	{ "success, DOS class 4", 0x00050004, 0 },
	{ "ERRCMD passed through", 0x00010000 | ERRCMD, -EIO },
	{ "unknown DOS error passed through", 0x3fff0001, -EIO },
	{ "informational, DOS-like layout", 0x40020001, 0 },
};

static void nt_case_desc(const struct nt_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s (0x%08x)", c->name,
		 c->status);
}

KUNIT_ARRAY_PARAM(nt, nt_cases, nt_case_desc);

static void nt_status_test(struct kunit *test)
{
	const struct nt_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, smb1_nt_status_to_errno(c->status), c->err);
}

struct dos_case {
	const char *name;
	u8 class;
	u16 code;
	int err;
};

#define DOSC(class, code, err)	{ #class "/" #code, class, class##_##code, err }

static const struct dos_case dos_cases[] = {
	DOSC(ERRDOS, BADFUNC,		-EOPNOTSUPP),
	DOSC(ERRDOS, BADFILE,		-ENOENT),
	DOSC(ERRDOS, BADPATH,		-ENOENT),
	DOSC(ERRDOS, NOFIDS,		-EMFILE),
	DOSC(ERRDOS, NOACCESS,		-EACCES),
	DOSC(ERRDOS, BADFID,		-EBADF),
	DOSC(ERRDOS, BADMCB,		-EIO),
	DOSC(ERRDOS, NOMEM,		-ENOMEM),
	DOSC(ERRDOS, BADMEM,		-EIO),
	DOSC(ERRDOS, BADENV,		-EIO),
	DOSC(ERRDOS, BADFORMAT,		-EIO),
	DOSC(ERRDOS, BADACCESS,		-EACCES),
	DOSC(ERRDOS, BADDATA,		-EIO),
	DOSC(ERRDOS, BADDRIVE,		-ENODEV),
	DOSC(ERRDOS, REMCD,		-EBUSY),
	DOSC(ERRDOS, DIFFDEVICE,	-EXDEV),
	DOSC(ERRDOS, NOFILES,		-ENODATA),
	DOSC(ERRDOS, GENERAL,		-EIO),
	DOSC(ERRDOS, BADSHARE,		-EBUSY),
	DOSC(ERRDOS, LOCK,		-EAGAIN),
	DOSC(ERRDOS, EOF,		-ENODATA),
	DOSC(ERRDOS, UNSUP,		-EOPNOTSUPP),
	DOSC(ERRDOS, FILEXISTS,		-EEXIST),
	DOSC(ERRDOS, INVALIDPARAM,	-EINVAL),
	DOSC(ERRDOS, DISKFULL,		-ENOSPC),
	DOSC(ERRDOS, INVALIDNAME,	-ENOENT),
	DOSC(ERRDOS, UNKNOWNLEVEL,	-EOPNOTSUPP),
	DOSC(ERRDOS, INVALIDSEEK,	-EINVAL),
	DOSC(ERRDOS, DIRNOTEMPTY,	-ENOTEMPTY),
	DOSC(ERRDOS, NOTLOCKED,		-ENOLCK),
	DOSC(ERRDOS, ALREADYEXISTS,	-EEXIST),
	DOSC(ERRDOS, BADPIPE,		-EPIPE),
	DOSC(ERRDOS, PIPEBUSY,		-EBUSY),
	DOSC(ERRDOS, PIPECLOSING,	-EPIPE),
	DOSC(ERRDOS, NOTCONNECTED,	-EPIPE),
	DOSC(ERRDOS, MOREDATA,		0),
	DOSC(ERRDOS, NOMOREITEMS,	-ENODATA),
	DOSC(ERRDOS, EASNOTSUPPORTED,	-EOPNOTSUPP),
	DOSC(ERRDOS, QUOTA,		-EDQUOT),

	DOSC(ERRSRV, ERROR,		-EIO),
	DOSC(ERRSRV, BADPW,		-EACCES),
	DOSC(ERRSRV, ACCESS,		-EACCES),
	DOSC(ERRSRV, INVNID,		-ENETRESET),
	DOSC(ERRSRV, INVNETNAME,	-ENOENT),
	DOSC(ERRSRV, INVDEVICE,		-ENODEV),
	DOSC(ERRSRV, BADCMD,		-EOPNOTSUPP),
	DOSC(ERRSRV, SMBCMD,		-EOPNOTSUPP),
	DOSC(ERRSRV, SRVERROR,		-EIO),
	DOSC(ERRSRV, FILESPECS,		-EINVAL),
	DOSC(ERRSRV, BADPERMITS,	-EACCES),
	DOSC(ERRSRV, SETATTRMODE,	-EINVAL),
	DOSC(ERRSRV, NOROOM,		-ENOSPC),
	DOSC(ERRSRV, TIMEOUT,		-ETIMEDOUT),
	DOSC(ERRSRV, NORESOURCE,	-ENOMEM),
	DOSC(ERRSRV, TOOMANYUIDS,	-EUSERS),
	DOSC(ERRSRV, BADUID,		-ENETRESET),
	DOSC(ERRSRV, USEMPX,		-EOPNOTSUPP),
	DOSC(ERRSRV, USESTD,		-EOPNOTSUPP),
	DOSC(ERRSRV, ACCOUNTEXPIRED,	-EACCES),
	DOSC(ERRSRV, BADCLIENT,		-EACCES),
	DOSC(ERRSRV, BADLOGONTIME,	-EACCES),
	DOSC(ERRSRV, PASSWORDEXPIRED,	-EACCES),
	DOSC(ERRSRV, NOSUPPORT,		-EOPNOTSUPP),

	DOSC(ERRHRD, NOWRITE,		-EROFS),
	DOSC(ERRHRD, BADUNIT,		-ENODEV),
	DOSC(ERRHRD, NOTREADY,		-ENOMEDIUM),
	DOSC(ERRHRD, BADCMD,		-EIO),
	DOSC(ERRHRD, DATA,		-EIO),
	DOSC(ERRHRD, BADREQ,		-EIO),
	DOSC(ERRHRD, SEEK,		-EIO),
	DOSC(ERRHRD, BADMEDIA,		-EMEDIUMTYPE),
	DOSC(ERRHRD, BADSECTOR,		-EIO),
	DOSC(ERRHRD, NOPAPER,		-EIO),
	DOSC(ERRHRD, WRITE,		-EIO),
	DOSC(ERRHRD, READ,		-EIO),
	DOSC(ERRHRD, GENERAL,		-EIO),
	DOSC(ERRHRD, BADSHARE,		-EBUSY),
	DOSC(ERRHRD, LOCK,		-EAGAIN),
	DOSC(ERRHRD, WRONGDISK,		-ENOMEDIUM),
	DOSC(ERRHRD, FCBUNAVAIL,	-EMFILE),
	DOSC(ERRHRD, SHAREBUFEXC,	-ENOLCK),
	DOSC(ERRHRD, DISKFULL,		-ENOSPC),

	/* success class, whatever the code */
	{ "SUCCESS/0", 0, 0, 0 },
	{ "SUCCESS/5", 0, 5, 0 },
	/* unknown */
	{ "ERRDOS/0", ERRDOS, 0, -EIO },
	{ "ERRDOS/14", ERRDOS, 14, -EIO },
	{ "ERRDOS/0xffff", ERRDOS, 0xffff, -EIO },
	{ "ERRSRV/3", ERRSRV, 3, -EIO },
	{ "ERRHRD/2", ERRHRD, ERRDOS_BADFILE, -EIO },
	{ "ERRCMD/1", ERRCMD, 1, -EIO },
	{ "class 4", 4, ERRDOS_BADFILE, -EIO },
	{ "class 0x80", 0x80, 1, -EIO },
};

static void dos_case_desc(const struct dos_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s (%u/%u)", c->name, c->class,
		 c->code);
}

KUNIT_ARRAY_PARAM(dos, dos_cases, dos_case_desc);

static void dos_error_test(struct kunit *test)
{
	const struct dos_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, smb1_dos_error_to_errno(c->class, c->code),
			c->err);
}

/*
 * The same DOS error, as the status field of a reply without
 * SMBFLG2_NT_STATUS: class in the low byte, code in the high 16 bits.
 * The reserved byte between them is ignored.
 */
static void frame_dos_test(struct kunit *test)
{
	const struct dos_case *c = test->param_value;
	struct smb1_frame f = {
		.flags2 = SMBFLG2_UNICODE | SMBFLG2_KNOWS_LONG_NAMES,
		.status = ((u32)c->code << 16) | c->class,
	};

	KUNIT_EXPECT_EQ(test, smb1_frame_errno(&f), c->err);
	f.status |= 0xab00;
	KUNIT_EXPECT_EQ(test, smb1_frame_errno(&f), c->err);
}

static void frame_nt_test(struct kunit *test)
{
	const struct nt_case *c = test->param_value;
	struct smb1_frame f = {
		.flags2 = SMBFLG2_NT_STATUS | SMBFLG2_UNICODE,
		.status = c->status,
	};

	KUNIT_EXPECT_EQ(test, smb1_frame_errno(&f), c->err);
}

/* The same 32 bits mean different things with and without the flag. */
static void frame_flag_test(struct kunit *test)
{
	struct smb1_frame f = { .status = NT_STATUS_ACCESS_DENIED };

	/* as a DOS error: class 0x22 is unknown */
	KUNIT_EXPECT_EQ(test, smb1_frame_errno(&f), -EIO);
	f.flags2 = SMBFLG2_NT_STATUS;
	KUNIT_EXPECT_EQ(test, smb1_frame_errno(&f), -EACCES);

	/* ERRDOS/ERRbadfile: -ENOENT either way */
	f.status = (ERRDOS_BADFILE << 16) | ERRDOS;
	KUNIT_EXPECT_EQ(test, smb1_frame_errno(&f), -ENOENT);
	f.flags2 = 0;
	KUNIT_EXPECT_EQ(test, smb1_frame_errno(&f), -ENOENT);

	f.status = 0;
	KUNIT_EXPECT_EQ(test, smb1_frame_errno(&f), 0);
	f.flags2 = SMBFLG2_NT_STATUS;
	KUNIT_EXPECT_EQ(test, smb1_frame_errno(&f), 0);
}

/* Both tables are searched with bsearch(): strictly ascending keys. */
static void check_sorted(struct kunit *test, const struct smb1_errmap *map,
			 size_t n, const char *which)
{
	size_t i;

	KUNIT_ASSERT_GT(test, n, (size_t)1);
	for (i = 1; i < n; i++)
		KUNIT_EXPECT_LT_MSG(test, map[i - 1].key, map[i].key,
				    "%s table: entry %zu (0x%08x) not before entry %zu (0x%08x)",
				    which, i - 1, map[i - 1].key, i, map[i].key);
}

static void tables_sorted_test(struct kunit *test)
{
	const struct smb1_errmap *map;
	size_t n;

	map = smb1_nt_errmap(&n);
	check_sorted(test, map, n, "NT");
	map = smb1_dos_errmap(&n);
	check_sorted(test, map, n, "DOS");
}

/*
 * Every entry of the tables is found by the lookup and is a plausible
 * errno, so an entry missed by the cases above is still checked once.
 */
static void tables_reachable_test(struct kunit *test)
{
	const struct smb1_errmap *map;
	size_t n, i;

	map = smb1_nt_errmap(&n);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_EQ_MSG(test, smb1_nt_status_to_errno(map[i].key),
				    map[i].err, "NT 0x%08x", map[i].key);
		KUNIT_EXPECT_TRUE(test, map[i].err <= 0 &&
					map[i].err >= -MAX_ERRNO);
	}
	map = smb1_dos_errmap(&n);
	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_EQ_MSG(test,
				    smb1_dos_error_to_errno(map[i].key >> 16,
							    map[i].key & 0xffff),
				    map[i].err, "DOS 0x%08x", map[i].key);
		KUNIT_EXPECT_TRUE(test, map[i].err <= 0 &&
					map[i].err >= -MAX_ERRNO);
	}
}

/* Every table entry is covered by an explicit expectation above. */
static void tables_covered_test(struct kunit *test)
{
	const struct smb1_errmap *map;
	size_t n, i, j;
	bool found;

	map = smb1_nt_errmap(&n);
	for (i = 0; i < n; i++) {
		found = false;
		for (j = 0; j < ARRAY_SIZE(nt_cases); j++)
			found |= nt_cases[j].status == map[i].key;
		KUNIT_EXPECT_TRUE_MSG(test, found,
				      "NT 0x%08x has no test case", map[i].key);
	}
	map = smb1_dos_errmap(&n);
	for (i = 0; i < n; i++) {
		found = false;
		for (j = 0; j < ARRAY_SIZE(dos_cases); j++)
			found |= SMB1_DOS_KEY(dos_cases[j].class,
					      dos_cases[j].code) == map[i].key;
		KUNIT_EXPECT_TRUE_MSG(test, found,
				      "DOS 0x%08x has no test case", map[i].key);
	}
}

static struct kunit_case smb1_errmap_test_cases[] = {
	KUNIT_CASE_PARAM(nt_status_test, nt_gen_params),
	KUNIT_CASE_PARAM(dos_error_test, dos_gen_params),
	KUNIT_CASE_PARAM(frame_nt_test, nt_gen_params),
	KUNIT_CASE_PARAM(frame_dos_test, dos_gen_params),
	KUNIT_CASE(frame_flag_test),
	KUNIT_CASE(tables_sorted_test),
	KUNIT_CASE(tables_reachable_test),
	KUNIT_CASE(tables_covered_test),
	{}
};

static struct kunit_suite smb1_errmap_test_suite = {
	.name = "smb1fs_errmap",
	.test_cases = smb1_errmap_test_cases,
};

kunit_test_suites(&smb1_errmap_test_suite);
