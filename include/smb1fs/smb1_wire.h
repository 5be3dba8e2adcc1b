/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SMB1 / CIFS wire format as used by smb1fs.
 *
 * Only fixed-layout parts live here as packed structs; everything of
 * variable length is decoded through the bounded cursor in decode.h.
 * Reference: [MS-CIFS] 2.2, [MS-SMB] 2.2.
 */
#ifndef _SMB1FS_SMB1_WIRE_H
#define _SMB1FS_SMB1_WIRE_H

#include <linux/types.h>
#include <linux/build_bug.h>

/* RFC 1002 session service packet types */
#define NB_SESSION_MESSAGE		0x00
#define NB_SESSION_REQUEST		0x81
#define NB_POSITIVE_RESPONSE		0x82
#define NB_NEGATIVE_RESPONSE		0x83
#define NB_RETARGET_RESPONSE		0x84
#define NB_SESSION_KEEPALIVE		0x85

#define NB_HDR_SIZE			4
/* A session message length is 17 bits on port 139, 24 bits on 445. */
#define NB_MAX_LEN_139			0x1ffff
#define NB_MAX_LEN_445			0xffffff
#define NB_NAME_LEN			16	/* raw NetBIOS name */
#define NB_ENCODED_NAME_LEN		34	/* length byte + 32 + NUL */

/* Negative session response error codes (RFC 1002 4.3.4) */
#define NB_ERR_NOT_LISTENING_CALLED	0x80
#define NB_ERR_NOT_LISTENING_CALLING	0x81
#define NB_ERR_CALLED_NOT_PRESENT	0x82
#define NB_ERR_INSUFFICIENT_RESOURCES	0x83
#define NB_ERR_UNSPECIFIED		0x8f

/* Commands ([MS-CIFS] 2.2.2.1) */
#define SMB_COM_CREATE_DIRECTORY	0x00
#define SMB_COM_DELETE_DIRECTORY	0x01
#define SMB_COM_OPEN			0x02
#define SMB_COM_CREATE			0x03
#define SMB_COM_CLOSE			0x04
#define SMB_COM_FLUSH			0x05
#define SMB_COM_DELETE			0x06
#define SMB_COM_RENAME			0x07
#define SMB_COM_QUERY_INFORMATION	0x08
#define SMB_COM_SET_INFORMATION		0x09
#define SMB_COM_READ			0x0a
#define SMB_COM_WRITE			0x0b
#define SMB_COM_CREATE_NEW		0x0f
#define SMB_COM_SET_INFORMATION2	0x22
#define SMB_COM_ECHO			0x2b
#define SMB_COM_OPEN_ANDX		0x2d
#define SMB_COM_READ_ANDX		0x2e
#define SMB_COM_WRITE_ANDX		0x2f
#define SMB_COM_TRANSACTION2		0x32
#define SMB_COM_FIND_CLOSE2		0x34
#define SMB_COM_TREE_CONNECT		0x70
#define SMB_COM_TREE_DISCONNECT		0x71
#define SMB_COM_NEGOTIATE		0x72
#define SMB_COM_SESSION_SETUP_ANDX	0x73
#define SMB_COM_LOGOFF_ANDX		0x74
#define SMB_COM_TREE_CONNECT_ANDX	0x75
#define SMB_COM_QUERY_INFORMATION_DISK	0x80
#define SMB_COM_SEARCH			0x81
#define SMB_COM_FIND_CLOSE		0x84
#define SMB_COM_NT_CREATE_ANDX		0xa2
#define SMB_COM_NT_RENAME		0xa5
#define SMB_COM_NO_ANDX_COMMAND		0xff

/* TRANS2 subcommands ([MS-CIFS] 2.2.6) */
#define TRANS2_FIND_FIRST2		0x0001
#define TRANS2_FIND_NEXT2		0x0002
#define TRANS2_QUERY_FS_INFORMATION	0x0003
#define TRANS2_QUERY_PATH_INFORMATION	0x0005
#define TRANS2_SET_PATH_INFORMATION	0x0006
#define TRANS2_QUERY_FILE_INFORMATION	0x0007
#define TRANS2_SET_FILE_INFORMATION	0x0008

/* Information levels */
#define SMB_INFO_STANDARD		0x0001
#define SMB_FIND_FILE_DIRECTORY_INFO	0x0101
#define SMB_FIND_FILE_BOTH_DIRECTORY_INFO 0x0104
#define SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO 0x0105	/* [MS-SMB] */
#define SMB_QUERY_FILE_BASIC_INFO	0x0101
#define SMB_QUERY_FILE_STANDARD_INFO	0x0102
#define SMB_QUERY_FILE_ALL_INFO		0x0107
/*
 * Passthrough levels ([MS-SMB] 2.2.2.3.5, CAP_INFOLEVEL_PASSTHRU): an
 * [MS-FSCC] information class plus SMB_INFO_PASSTHROUGH
 */
#define SMB_INFO_PASSTHROUGH		0x03e8
#define FSCC_FILE_INTERNAL_INFORMATION	6
#define SMB_QUERY_FILE_INTERNAL_INFO_PT	\
	(SMB_INFO_PASSTHROUGH + FSCC_FILE_INTERNAL_INFORMATION)	/* 0x03ee */
#define SMB_INFO_ALLOCATION		0x0001
#define SMB_QUERY_FS_SIZE_INFO		0x0103

/* TRANS2_SET_{FILE,PATH}_INFORMATION levels ([MS-CIFS] 2.2.8.4) */
#define SMB_SET_FILE_BASIC_INFO		0x0101
#define SMB_SET_FILE_DISPOSITION_INFO	0x0102
#define SMB_SET_FILE_ALLOCATION_INFO	0x0103
#define SMB_SET_FILE_END_OF_FILE_INFO	0x0104
#define FSCC_FILE_RENAME_INFORMATION	10
#define SMB_SET_FILE_RENAME_INFO_PT	\
	(SMB_INFO_PASSTHROUGH + FSCC_FILE_RENAME_INFORMATION)	/* 0x03f2 */

/* NT_RENAME InformationLevel ([MS-CIFS] 2.2.4.66.1) */
#define SMB_NT_RENAME_SET_LINK_INFO	0x0103
#define SMB_NT_RENAME_RENAME_FILE	0x0104

/* WRITE_ANDX WriteMode */
#define SMB_WRITE_THROUGH		0x0001

/* FIND_FIRST2 / FIND_NEXT2 flags */
#define SMB_FIND_CLOSE_AFTER_REQUEST	0x0001
#define SMB_FIND_CLOSE_AT_EOS		0x0002
#define SMB_FIND_RETURN_RESUME_KEYS	0x0004
#define SMB_FIND_CONTINUE_FROM_LAST	0x0008

/* Header flags */
#define SMBFLG_CASELESS			0x08
#define SMBFLG_CANONICAL_PATHS		0x10
#define SMBFLG_REPLY			0x80

/* Header flags2 */
#define SMBFLG2_KNOWS_LONG_NAMES	0x0001
#define SMBFLG2_EAS			0x0002
#define SMBFLG2_SECURITY_SIGNATURE	0x0004
#define SMBFLG2_IS_LONG_NAME		0x0040
#define SMBFLG2_EXT_SEC			0x0800
#define SMBFLG2_DFS			0x1000
#define SMBFLG2_PAGING_IO		0x2000
#define SMBFLG2_NT_STATUS		0x4000
#define SMBFLG2_UNICODE			0x8000

/* Negotiate capabilities ([MS-CIFS] 2.2.4.52.2) */
#define CAP_RAW_MODE			0x00000001
#define CAP_MPX_MODE			0x00000002
#define CAP_UNICODE			0x00000004
#define CAP_LARGE_FILES			0x00000008
#define CAP_NT_SMBS			0x00000010
#define CAP_RPC_REMOTE_APIS		0x00000020
#define CAP_STATUS32			0x00000040
#define CAP_LEVEL_II_OPLOCKS		0x00000080
#define CAP_LOCK_AND_READ		0x00000100
#define CAP_NT_FIND			0x00000200
#define CAP_DFS				0x00001000
#define CAP_INFOLEVEL_PASSTHRU		0x00002000
#define CAP_LARGE_READX			0x00004000
#define CAP_LARGE_WRITEX		0x00008000
#define CAP_UNIX			0x00800000
#define CAP_EXTENDED_SECURITY		0x80000000

/* Negotiate SecurityMode */
#define NEGOTIATE_USER_SECURITY		0x01
#define NEGOTIATE_ENCRYPT_PASSWORDS	0x02
#define NEGOTIATE_SIGNATURES_ENABLED	0x04
#define NEGOTIATE_SIGNATURES_REQUIRED	0x08

/* SESSION_SETUP_ANDX reply Action */
#define SMB_SETUP_GUEST			0x0001

/* OPEN_ANDX */
#define SMB_OPEN_QUERY_INFORMATION	0x0001
#define SMB_ACCESS_READ			0x0000
#define SMB_SHARE_DENY_NONE		0x0040
#define SMB_OPEN_FUNC_OPEN		0x0001	/* open if exists, else fail */

/* NT_CREATE_ANDX Flags ([MS-CIFS] 2.2.4.64.1, [MS-SMB] 2.2.4.9.1) */
#define NT_CREATE_REQUEST_OPLOCK	0x00000002
#define NT_CREATE_REQUEST_OPBATCH	0x00000004
#define NT_CREATE_OPEN_TARGET_DIR	0x00000008
#define NT_CREATE_REQUEST_EXTENDED_RESPONSE 0x00000010

/* Access mask: NT_CREATE_ANDX DesiredAccess ([MS-SMB] 2.2.1.4) */
#define FILE_READ_DATA			0x00000001
#define FILE_WRITE_DATA			0x00000002
#define FILE_APPEND_DATA		0x00000004
#define FILE_READ_EA			0x00000008
#define FILE_WRITE_EA			0x00000010
#define FILE_EXECUTE			0x00000020
#define FILE_DELETE_CHILD		0x00000040
#define FILE_READ_ATTRIBUTES		0x00000080
#define FILE_WRITE_ATTRIBUTES		0x00000100
#define DELETE				0x00010000
#define READ_CONTROL			0x00020000
#define WRITE_DAC			0x00040000
#define WRITE_OWNER			0x00080000
#define SYNCHRONIZE			0x00100000
#define ACCESS_SYSTEM_SECURITY		0x01000000
#define MAXIMUM_ALLOWED			0x02000000
#define GENERIC_ALL			0x10000000
#define GENERIC_EXECUTE			0x20000000
#define GENERIC_WRITE			0x40000000
#define GENERIC_READ			0x80000000

/* NT_CREATE_ANDX ShareAccess */
#define FILE_SHARE_NONE			0x00000000
#define FILE_SHARE_READ			0x00000001
#define FILE_SHARE_WRITE		0x00000002
#define FILE_SHARE_DELETE		0x00000004

/* NT_CREATE_ANDX CreateDisposition: what to do if the file does (not) exist */
#define FILE_SUPERSEDE			0x00000000
#define FILE_OPEN			0x00000001
#define FILE_CREATE			0x00000002
#define FILE_OPEN_IF			0x00000003
#define FILE_OVERWRITE			0x00000004
#define FILE_OVERWRITE_IF		0x00000005

/* NT_CREATE_ANDX CreateOptions */
#define FILE_DIRECTORY_FILE		0x00000001
#define FILE_WRITE_THROUGH		0x00000002
#define FILE_SEQUENTIAL_ONLY		0x00000004
#define FILE_NO_INTERMEDIATE_BUFFERING	0x00000008
#define FILE_SYNCHRONOUS_IO_ALERT	0x00000010
#define FILE_SYNCHRONOUS_IO_NONALERT	0x00000020
#define FILE_NON_DIRECTORY_FILE		0x00000040
#define FILE_NO_EA_KNOWLEDGE		0x00000200
#define FILE_RANDOM_ACCESS		0x00000800
#define FILE_DELETE_ON_CLOSE		0x00001000
#define FILE_OPEN_BY_FILE_ID		0x00002000
#define FILE_OPEN_FOR_BACKUP_INTENT	0x00004000
#define FILE_OPEN_REPARSE_POINT		0x00200000

/* NT_CREATE_ANDX ImpersonationLevel */
#define SECURITY_ANONYMOUS		0
#define SECURITY_IDENTIFICATION		1
#define SECURITY_IMPERSONATION		2
#define SECURITY_DELEGATION		3

/* NT_CREATE_ANDX SecurityFlags */
#define SMB_SECURITY_CONTEXT_TRACKING	0x01
#define SMB_SECURITY_EFFECTIVE_ONLY	0x02

/* NT_CREATE_ANDX reply: OplockLevel */
#define SMB_OPLOCK_NONE			0
#define SMB_OPLOCK_EXCLUSIVE		1
#define SMB_OPLOCK_BATCH		2
#define SMB_OPLOCK_LEVEL_II		3

/* NT_CREATE_ANDX reply: CreateDisposition, the action taken */
#define FILE_SUPERSEDED			0x00000000
#define FILE_OPENED			0x00000001
#define FILE_CREATED			0x00000002
#define FILE_OVERWRITTEN		0x00000003

/* DOS / SMB_FILE_ATTRIBUTE and extended attributes */
#define ATTR_READONLY			0x0001
#define ATTR_HIDDEN			0x0002
#define ATTR_SYSTEM			0x0004
#define ATTR_VOLUME			0x0008
#define ATTR_DIRECTORY			0x0010
#define ATTR_ARCHIVE			0x0020
#define ATTR_NORMAL			0x0080

/* The fixed 32-byte SMB header ([MS-CIFS] 2.2.3.1) */
struct smb1_hdr {
	__u8	protocol[4];		/* 0xFF 'S' 'M' 'B' */
	__u8	command;
	__le32	status;			/* NT status, or DOS class/code */
	__u8	flags;
	__le16	flags2;
	__le16	pid_high;
	__u8	security_features[8];
	__le16	reserved;
	__le16	tid;
	__le16	pid_low;
	__le16	uid;
	__le16	mid;
} __packed;

#define SMB1_HDR_SIZE			32
/* header + WordCount + ByteCount: the smallest valid message */
#define SMB1_MIN_MSG_SIZE		(SMB1_HDR_SIZE + 1 + 2)

/* A DOS error in the status field when NT status is not negotiated. */
#define SMB1_DOS_CLASS(status)		((status) & 0xff)
#define SMB1_DOS_CODE(status)		((status) >> 16)
#define ERRDOS				0x01
#define ERRSRV				0x02
#define ERRHRD				0x03

/* Parameter words shared by every AndX command */
struct smb1_andx {
	__u8	command;
	__u8	reserved;
	__le16	offset;
} __packed;

/* READ_ANDX response parameter block (12 words) */
struct smb1_read_andx_rsp {
	struct smb1_andx andx;
	__le16	available;
	__le16	data_compaction_mode;
	__le16	reserved1;
	__le16	data_length;
	__le16	data_offset;
	__le16	data_length_high;
	__le16	reserved2[4];
} __packed;

/* Fixed part of a FIND entry at SMB_FIND_FILE_DIRECTORY_INFO */
struct smb1_find_dir_info {
	__le32	next_entry_offset;
	__le32	file_index;
	__le64	creation_time;
	__le64	last_access_time;
	__le64	last_write_time;
	__le64	change_time;
	__le64	end_of_file;
	__le64	allocation_size;
	__le32	ext_file_attributes;
	__le32	file_name_length;
	/* file name follows */
} __packed;

/*
 * Fixed part of a FIND entry at SMB_FIND_FILE_ID_FULL_DIRECTORY_INFO
 * ([MS-SMB] 2.2.8.1.3): the SMB_FIND_FILE_DIRECTORY_INFO fields, EaSize,
 * a reserved field and the server's file id.
 */
struct smb1_find_id_full_dir_info {
	struct smb1_find_dir_info dir;
	__le32	ea_size;
	__le32	reserved;
	__le64	file_id;
	/* file name follows */
} __packed;

/* SMB_QUERY_FILE_ALL_INFO fixed part */
struct smb1_file_all_info {
	__le64	creation_time;
	__le64	last_access_time;
	__le64	last_write_time;
	__le64	change_time;
	__le32	ext_file_attributes;
	__le32	reserved1;
	__le64	allocation_size;
	__le64	end_of_file;
	__le32	number_of_links;
	__u8	delete_pending;
	__u8	directory;
	__le16	reserved2;
	__le32	ea_size;
	__le32	file_name_length;
	/* file name follows */
} __packed;

static inline void smb1_wire_size_checks(void)
{
	BUILD_BUG_ON(sizeof(struct smb1_hdr) != SMB1_HDR_SIZE);
	BUILD_BUG_ON(sizeof(struct smb1_andx) != 4);
	BUILD_BUG_ON(sizeof(struct smb1_read_andx_rsp) != 24);
	BUILD_BUG_ON(sizeof(struct smb1_find_dir_info) != 64);
	BUILD_BUG_ON(sizeof(struct smb1_find_id_full_dir_info) != 80);
	BUILD_BUG_ON(sizeof(struct smb1_file_all_info) != 72);
}

#endif /* _SMB1FS_SMB1_WIRE_H */
