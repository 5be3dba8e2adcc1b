/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few kernel types, macros and functions that the pure decoders of
 * smb1fs (proto.c, unicode.c, errmap.c, the NTLMSSP part of auth.c) use,
 * mapped onto the C library so that those files build unmodified in user
 * space for the fuzz targets.  Everything else the shared headers name is
 * an opaque or dummy type: the fuzz targets never touch it.
 */
#ifndef _SMB1FS_KSHIM_H
#define _SMB1FS_KSHIM_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <limits.h>
#include <ctype.h>
#include <assert.h>
#include <wchar.h>
#include <sys/types.h>
#include <sys/socket.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
typedef uint16_t __le16;
typedef uint32_t __le32;
typedef uint64_t __le64;
typedef uint16_t __be16;
typedef uint32_t __be32;
typedef s64 time64_t;
typedef unsigned long pgoff_t;
typedef unsigned int gfp_t;
typedef struct { unsigned int val; } kuid_t;
typedef struct { unsigned int val; } kgid_t;
typedef unsigned short umode_t;

#undef __always_inline
#define __packed		__attribute__((packed))
#define __always_inline		inline __attribute__((always_inline))
#define __maybe_unused		__attribute__((unused))
#define __printf(a, b)		__attribute__((format(printf, a, b)))
#define fallthrough		__attribute__((fallthrough))
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

#define U8_MAX		((u8)~0U)
#define U16_MAX		((u16)~0U)
#define U32_MAX		((u32)~0U)
#define U64_MAX		((u64)~0ULL)
#define S64_MAX		((s64)(U64_MAX >> 1))
#define S64_MIN		(-S64_MAX - 1)
#define NSEC_PER_SEC	1000000000L
#define HZ		100

/* kernel-only error numbers the shared code may name */
#ifndef ENOTSUPP
#define ENOTSUPP	524
#endif

#define BIT(n)			(1UL << (n))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define BUILD_BUG_ON(c)		_Static_assert(!(c), #c)
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))
#define upper_32_bits(n)	((u32)(((u64)(n)) >> 32))
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define min(a, b)		((a) < (b) ? (a) : (b))
#define max(a, b)		((a) > (b) ? (a) : (b))
#define min_t(t, a, b)		min((t)(a), (t)(b))
#define max_t(t, a, b)		max((t)(a), (t)(b))
#define ALIGN(x, a)		(((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))
#define clamp(v, lo, hi)	min(max(v, lo), hi)
#define clamp_t(t, v, lo, hi)	clamp((t)(v), (t)(lo), (t)(hi))
#define check_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)
#define check_sub_overflow(a, b, d)	__builtin_sub_overflow(a, b, d)

/* messages: silent, but the arguments are still type checked */
static inline __printf(1, 2)
void kshim_no_printk(const char *fmt, ...)
{
	(void)fmt;
}
#define pr_err(...)			kshim_no_printk(__VA_ARGS__)
#define pr_warn(...)			kshim_no_printk(__VA_ARGS__)
#define pr_info(...)			kshim_no_printk(__VA_ARGS__)
#define pr_debug(...)			kshim_no_printk(__VA_ARGS__)
#define pr_err_ratelimited(...)		kshim_no_printk(__VA_ARGS__)
#define pr_warn_ratelimited(...)	kshim_no_printk(__VA_ARGS__)
#define pr_info_ratelimited(...)	kshim_no_printk(__VA_ARGS__)
#define errorfc(fc, ...)		((void)(fc), kshim_no_printk(__VA_ARGS__))

/* unaligned little- and big-endian access (x86: byte order of the host) */
static inline u16 get_unaligned_le16(const void *p)
{
	const u8 *b = p;

	return b[0] | (u16)b[1] << 8;
}

static inline u32 get_unaligned_le32(const void *p)
{
	const u8 *b = p;

	return b[0] | (u32)b[1] << 8 | (u32)b[2] << 16 | (u32)b[3] << 24;
}

static inline u64 get_unaligned_le64(const void *p)
{
	const u8 *b = p;

	return get_unaligned_le32(b) | (u64)get_unaligned_le32(b + 4) << 32;
}

static inline u16 get_unaligned_be16(const void *p)
{
	const u8 *b = p;

	return (u16)b[0] << 8 | b[1];
}

static inline void put_unaligned_le16(u16 v, void *p)
{
	u8 *b = p;

	b[0] = v;
	b[1] = v >> 8;
}

static inline void put_unaligned_le32(u32 v, void *p)
{
	u8 *b = p;

	put_unaligned_le16(v, b);
	put_unaligned_le16(v >> 16, b + 2);
}

static inline void put_unaligned_le64(u64 v, void *p)
{
	u8 *b = p;

	put_unaligned_le32(v, b);
	put_unaligned_le32(v >> 32, b + 4);
}

static inline void put_unaligned_be16(u16 v, void *p)
{
	u8 *b = p;

	b[0] = v >> 8;
	b[1] = v;
}

#define cpu_to_le16(x)	((u16)(x))
#define cpu_to_le32(x)	((u32)(x))
#define le16_to_cpu(x)	((u16)(x))
#define le32_to_cpu(x)	((u32)(x))

static inline u32 rol32(u32 w, unsigned int s)
{
	return (w << (s & 31)) | (w >> ((-s) & 31));
}

static inline u64 div_u64_rem(u64 n, u32 d, u32 *rem)
{
	*rem = n % d;
	return n / d;
}

/* Seconds since 1970 of a proleptic Gregorian UTC date and time. */
static inline time64_t mktime64(unsigned int year, unsigned int mon,
				unsigned int day, unsigned int hour,
				unsigned int min, unsigned int sec)
{
	s64 y = (s64)year - (mon <= 2);
	s64 era = (y >= 0 ? y : y - 399) / 400;
	s64 yoe = y - era * 400;
	s64 m = mon > 2 ? mon - 3 : mon + 9;
	s64 doy = (153 * m + 2) / 5 + day - 1;
	s64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	s64 days = era * 146097 + doe - 719468;

	return ((days * 24 + hour) * 60 + min) * 60 + sec;
}

/* The kernel's broken-down time (not the C library's). */
struct tm {
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon;
	long tm_year;
	int tm_wday;
	long tm_yday;
};

/* The inverse of mktime64(), with an offset in seconds. */
static inline void time64_to_tm(time64_t t, int offset, struct tm *tm)
{
	s64 days, secs, era, doe, yoe, doy, mp, y;

	t += offset;
	days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	secs = t - days * 86400;
	tm->tm_hour = secs / 3600;
	tm->tm_min = secs / 60 % 60;
	tm->tm_sec = secs % 60;
	tm->tm_wday = ((days % 7) + 11) % 7;	/* 1970-01-01 was a Thursday */
	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	tm->tm_mday = doy - (153 * mp + 2) / 5 + 1;
	tm->tm_mon = mp < 10 ? mp + 2 : mp - 10;
	y = yoe + era * 400 + (tm->tm_mon <= 1);
	tm->tm_year = y - 1900;
	/* the day of the year is not used by the decoders */
	tm->tm_yday = 0;
}

/* errors in pointers */
#define MAX_ERRNO	4095
#define IS_ERR_VALUE(x)	((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)
static inline void *ERR_PTR(long err)
{
	return (void *)err;
}

static inline long PTR_ERR(const void *p)
{
	return (long)p;
}

static inline bool IS_ERR(const void *p)
{
	return IS_ERR_VALUE(p);
}

static inline bool IS_ERR_OR_NULL(const void *p)
{
	return !p || IS_ERR(p);
}

/* memory */
#define GFP_KERNEL	0U
#define GFP_NOFS	0U
static inline void *kmalloc(size_t n, gfp_t gfp)
{
	(void)gfp;
	return malloc(n ? n : 1);
}

static inline void *kzalloc(size_t n, gfp_t gfp)
{
	(void)gfp;
	return calloc(1, n ? n : 1);
}

static inline void kfree(const void *p)
{
	free((void *)p);
}

static inline void memzero_explicit(void *p, size_t n)
{
	memset(p, 0, n);
	__asm__ __volatile__("" : : "r"(p) : "memory");
}

static inline void kfree_sensitive(const void *p)
{
	free((void *)p);
}

/* time */
struct timespec64 {
	time64_t tv_sec;
	long tv_nsec;
};

/* code pages: the fuzz targets use none (ASCII only) */
struct nls_table {
	const char *charset;
	int (*uni2char)(wchar_t uni, unsigned char *out, int boundlen);
	int (*char2uni)(const unsigned char *rawstring, int boundlen,
			wchar_t *uni);
	const unsigned char *charset2lower;
	const unsigned char *charset2upper;
};

/*
 * The dcache's hash of a name, one character at a time: any mixing does
 * for the fuzz targets, which check only that equal names hash alike.
 */
#define init_name_hash(salt)	((unsigned long)(salt))

static inline unsigned long partial_name_hash(unsigned long c,
					      unsigned long prevhash)
{
	return (prevhash ^ c) * 0x9e3779b97f4a7c15UL;
}

static inline unsigned int end_name_hash(unsigned long hash)
{
	return (unsigned int)(hash >> 32);
}

/* opaque or dummy kernel objects named by the shared headers */
struct list_head {
	struct list_head *next, *prev;
};

struct kref {
	int refcount;
};

struct mutex {
	int locked;
};

struct semaphore {
	int count;
};

struct xarray {
	void *head;
};

struct delayed_work {
	int pending;
};

typedef struct {
	int locked;
} spinlock_t;

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	int refs;
} refcount_t;

/* a request's payload iterator: only its size matters here */
struct iov_iter {
	size_t count;
};

struct work_struct {
	int pending;
};

struct ratelimit_state {
	int burst;
};

typedef struct {
	int waiters;
} wait_queue_head_t;

struct fs_parameter_spec {
	const char *name;
};

struct inode {
	struct timespec64 i_atime;
	struct timespec64 i_mtime;
	struct timespec64 i_ctime;
};

struct super_block {
	void *s_fs_info;
};

struct fs_context;
struct socket;
struct task_struct;
struct iov_iter;
struct dentry;
struct kstat;
struct file;
struct folio;
struct address_space;
struct pipe_inode_info;
struct user_namespace;
struct mnt_idmap;

/* referred to by the compatibility helpers, never called */
void generic_fillattr(struct user_namespace *idmap, struct inode *inode,
		      struct kstat *stat);
ssize_t generic_file_splice_read(struct file *in, loff_t *ppos,
				 struct pipe_inode_info *pipe, size_t len,
				 unsigned int flags);
struct folio *__filemap_get_folio(struct address_space *mapping,
				  pgoff_t index, int fgp, gfp_t gfp);
gfp_t mapping_gfp_mask(struct address_space *mapping);
#define FGP_LOCK	1
#define FGP_CREAT	2
#define FGP_NOWAIT	4
#define FGP_WRITE	8
#define FGP_STABLE	16
struct readahead_control;
struct kiocb;
struct iattr;
typedef void *fl_owner_t;

/*
 * The crypto API: no hash and no cipher here.  The fuzz targets call
 * only the decoders of auth.c, which use neither.
 */
struct crypto_shash;
struct shash_desc {
	struct crypto_shash *tfm;
};

#define SHASH_DESC_ON_STACK(desc, shash)			\
	struct shash_desc __##desc##_ctx = { .tfm = (shash) };	\
	struct shash_desc *desc = &__##desc##_ctx

static inline struct crypto_shash *crypto_alloc_shash(const char *name,
						      u32 type, u32 mask)
{
	(void)name;
	(void)type;
	(void)mask;
	return ERR_PTR(-ENOENT);
}

static inline int crypto_shash_setkey(struct crypto_shash *tfm, const u8 *key,
				      unsigned int len)
{
	(void)tfm;
	(void)key;
	(void)len;
	return -ENOENT;
}

static inline int crypto_shash_init(struct shash_desc *desc)
{
	(void)desc;
	return -ENOENT;
}

static inline int crypto_shash_update(struct shash_desc *desc, const u8 *p,
				      unsigned int len)
{
	(void)desc;
	(void)p;
	(void)len;
	return -ENOENT;
}

static inline int crypto_shash_final(struct shash_desc *desc, u8 *out)
{
	(void)desc;
	(void)out;
	return -ENOENT;
}

static inline void shash_desc_zero(struct shash_desc *desc)
{
	memzero_explicit(desc, sizeof(*desc));
}

static inline void crypto_free_shash(struct crypto_shash *tfm)
{
	(void)tfm;
}

struct des_ctx {
	u8 key[8];
};

static inline int des_expand_key(struct des_ctx *ctx, const u8 *key,
				 unsigned int len)
{
	memcpy(ctx->key, key, len < 8 ? len : 8);
	return 0;
}

static inline void des_encrypt(const struct des_ctx *ctx, u8 *dst,
			       const u8 *src)
{
	(void)ctx;
	memmove(dst, src, 8);
}

#endif /* _SMB1FS_KSHIM_H */
