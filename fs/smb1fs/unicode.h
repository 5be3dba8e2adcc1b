/* SPDX-License-Identifier: GPL-2.0 */
/* UTF-16LE and OEM strings, case folding, time formats (unicode.c) */
#ifndef _SMB1FS_UNICODE_H
#define _SMB1FS_UNICODE_H

#include "common.h"

/*
 * Strict conversions: an unpaired surrogate, an invalid UTF-8 sequence or
 * a result that does not fit gives -EINVAL / -ENAMETOOLONG, never a
 * partial result.  Return the number of bytes written (no terminator is
 * counted; a NUL is appended when there is room for it).
 */
int smb1_utf16_to_utf8(const u8 *src, size_t src_bytes, char *dst,
		       size_t dst_len);
int smb1_utf8_to_utf16(const char *src, size_t src_len, u8 *dst,
		       size_t dst_bytes);
/* bytes of UTF-16LE needed for src, or -EINVAL */
int smb1_utf16_len(const char *src, size_t src_len);
/* The same for OEM strings in code page cp (NULL: ASCII only) */
int smb1_utf8_to_oem(const struct nls_table *cp, const char *src,
		     size_t src_len, u8 *dst, size_t dst_len, bool upper);
int smb1_oem_to_utf8(const struct nls_table *cp, const u8 *src,
		     size_t src_len, char *dst, size_t dst_len);
/* VFS names in the iocharset (local: NULL for UTF-8) <-> UTF-8 */
int smb1_local_to_utf8(const struct nls_table *local, const char *src,
		       size_t src_len, char *dst, size_t dst_len);
int smb1_utf8_to_local(const struct nls_table *local, const char *src,
		       size_t src_len, char *dst, size_t dst_len);
/* one path component: 0 if an NT server stores it as it is, else -EINVAL */
int smb1_name_storable(const char *name, size_t len);
/* one path component, UTF-8: a valid 8.3 name in code page oem? */
bool smb1_is_83_name(const struct nls_table *oem, const char *name,
		     size_t len);

/*
 * Case folding as servers without Unix extensions compare names: the
 * upper-case letter of a code point (itself if unsure), the dcache hash
 * and equality of names in the iocharset (local: NULL for UTF-8), and a
 * 64-bit FNV-1a over a folded UTF-8 path.  A byte that does not decode
 * is a character of its own.  None of them sleeps or allocates.
 */
u32 smb1_upcase(u32 c);
unsigned long smb1_name_hash(const void *salt, const struct nls_table *local,
			     const unsigned char *name, unsigned int len);
bool smb1_name_equal(const struct nls_table *local, const unsigned char *a,
		     unsigned int alen, const unsigned char *b,
		     unsigned int blen);

/* 64-bit FNV-1a: the same on every machine and for every mount */
#define SMB1_FNV_BASIS	0xcbf29ce484222325ULL
#define SMB1_FNV_PRIME	0x00000100000001b3ULL
u64 smb1_fold_fnv(u64 h, const char *utf8, size_t len);
void smb1_fold_walk(const char *utf8, size_t len,
		    void (*sink)(void *arg, u8 b), void *arg);

struct timespec64 smb1_nt_time_to_ts(u64 nt);
u64 smb1_ts_to_nt_time(struct timespec64 ts);
/* UTIME: seconds since 1970-01-01 (0xffffffff: not set, gives 0) */
struct timespec64 smb1_utime_to_ts(u32 utime);
/*
 * SMB_DATE and SMB_TIME, in the server's local time; tz_minutes is the
 * ServerTimeZone of the negotiate reply (UTC = local time + tz_minutes).
 * A date of 0 (not set) gives 0.
 */
/* The range of DOS dates: 1980-01-01 to 2107-12-31 23:59:58 (as UTC) */
#define SMB1_DOS_TIME_MIN	315532800LL
#define SMB1_DOS_TIME_MAX	4354819198LL
struct timespec64 smb1_dos_time_to_ts(u16 date, u16 time, int tz_minutes);
/* The other way; -EINVAL (and the nearest end) outside the DOS range */
int smb1_ts_to_dos_time(struct timespec64 ts, int tz_minutes, u16 *date,
			u16 *time);

#endif /* _SMB1FS_UNICODE_H */
