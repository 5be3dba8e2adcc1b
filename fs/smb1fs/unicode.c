// SPDX-License-Identifier: GPL-2.0
/*
 * Names: UTF-16LE (the wire, with CAP_UNICODE) <-> UTF-8 (the VFS).
 * Times: NT time, UTIME and SMB_DATE/SMB_TIME -> timespec64, and
 * timespec64 -> NT time, SMB_DATE/SMB_TIME.
 *
 * The converters are strict.  Names come from the server, so a name that
 * is not valid UTF-16 (an unpaired or reversed surrogate, an odd length)
 * or that holds U+0000 is refused rather than mangled: two different
 * wire names must never become the same VFS name.  In the other direction
 * a VFS name that is not valid UTF-8 (overlong forms, encoded surrogates,
 * code points above U+10FFFF, truncated sequences) is refused as well.
 *
 * Each converter checks the whole input before it writes anything, so an
 * invalid input gives -EINVAL whatever the size of the output buffer, and
 * a failed conversion never leaves a partial name behind.
 *
 * Case folding: servers without Unix extensions compare names without
 * regard to case; smb1_upcase() and the name functions after it fold
 * names the way they do, for the dcache and for inode numbers.
 */

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/time.h>
#include <linux/ctype.h>
#include <linux/nls.h>
#include <linux/stringhash.h>

#include "internal.h"

#define SMB1_SURROGATE_HIGH	0xd800	/* first of a pair */
#define SMB1_SURROGATE_LOW	0xdc00	/* second of a pair */
#define SMB1_SURROGATE_END	0xe000
#define SMB1_UNICODE_MAX	0x10ffff

/* Seconds from 1601-01-01 to 1970-01-01 (369 years, 89 of them leap) */
#define SMB1_NT_EPOCH_DELTA	((369LL * 365 + 89) * 24 * 60 * 60)
#define SMB1_NT_TICKS_PER_SEC	10000000U	/* NT time counts 100 ns */
#define SMB1_NSEC_PER_TICK	100U

static bool smb1_is_surrogate(u32 c)
{
	return c >= SMB1_SURROGATE_HIGH && c < SMB1_SURROGATE_END;
}

/*
 * The code point starting at unit *i of a UTF-16LE string of n units;
 * advances *i past it.  Returns the code point or -EINVAL.
 */
static int smb1_utf16_next(const u8 *src, size_t n, size_t *i)
{
	u32 hi, lo;

	hi = get_unaligned_le16(src + 2 * *i);
	if (hi == 0)
		return -EINVAL;
	if (!smb1_is_surrogate(hi)) {
		*i += 1;
		return hi;
	}
	/* a low surrogate first, or a high one with no low one after it */
	if (hi >= SMB1_SURROGATE_LOW || *i + 1 >= n)
		return -EINVAL;
	lo = get_unaligned_le16(src + 2 * (*i + 1));
	if (lo < SMB1_SURROGATE_LOW || lo >= SMB1_SURROGATE_END)
		return -EINVAL;
	*i += 2;
	return 0x10000 + ((hi - SMB1_SURROGATE_HIGH) << 10) +
	       (lo - SMB1_SURROGATE_LOW);
}

static unsigned int smb1_utf8_width(u32 c)
{
	if (c < 0x80)
		return 1;
	if (c < 0x800)
		return 2;
	if (c < 0x10000)
		return 3;
	return 4;
}

static void smb1_put_utf8(u32 c, unsigned int width, char *dst)
{
	switch (width) {
	case 1:
		dst[0] = c;
		break;
	case 2:
		dst[0] = 0xc0 | (c >> 6);
		dst[1] = 0x80 | (c & 0x3f);
		break;
	case 3:
		dst[0] = 0xe0 | (c >> 12);
		dst[1] = 0x80 | ((c >> 6) & 0x3f);
		dst[2] = 0x80 | (c & 0x3f);
		break;
	default:
		dst[0] = 0xf0 | (c >> 18);
		dst[1] = 0x80 | ((c >> 12) & 0x3f);
		dst[2] = 0x80 | ((c >> 6) & 0x3f);
		dst[3] = 0x80 | (c & 0x3f);
		break;
	}
}

/**
 * smb1_utf16_to_utf8() - convert a name from the wire
 * @src: UTF-16LE, any alignment
 * @src_bytes: length of @src in bytes, no terminator
 * @dst: output buffer
 * @dst_len: size of @dst; the result and a NUL terminator must fit
 *
 * Return: the length of the result without its terminator, -EINVAL for
 * an odd length, an unpaired or reversed surrogate or a U+0000, or
 * -ENAMETOOLONG when the result and its terminator do not fit.  On error
 * @dst holds an empty string (if @dst_len allows it).
 */
int smb1_utf16_to_utf8(const u8 *src, size_t src_bytes, char *dst,
		       size_t dst_len)
{
	size_t units = src_bytes / 2;
	size_t need = 0, out = 0, i;
	int c, ret;

	if (src_bytes & 1) {
		ret = -EINVAL;
		goto fail;
	}
	for (i = 0; i < units; ) {
		c = smb1_utf16_next(src, units, &i);
		if (c < 0) {
			ret = c;
			goto fail;
		}
		need += smb1_utf8_width(c);
	}
	if (need >= dst_len || need > INT_MAX) {
		ret = -ENAMETOOLONG;
		goto fail;
	}

	for (i = 0; i < units; ) {
		unsigned int w;

		c = smb1_utf16_next(src, units, &i);
		w = smb1_utf8_width(c);
		smb1_put_utf8(c, w, dst + out);
		out += w;
	}
	dst[out] = '\0';
	return out;

fail:
	if (dst_len)
		dst[0] = '\0';
	return ret;
}

/*
 * The code point starting at byte *i of a UTF-8 string of n bytes;
 * advances *i past it.  Returns the code point or -EINVAL.
 */
static int smb1_utf8_next(const u8 *s, size_t n, size_t *i)
{
	u32 c = s[*i], lowest;
	unsigned int more, k;

	if (c < 0x80) {
		if (c == 0)
			return -EINVAL;
		*i += 1;
		return c;
	}
	if (c < 0xc2) {		/* a continuation byte, or overlong C0/C1 */
		return -EINVAL;
	} else if (c < 0xe0) {
		more = 1;
		c &= 0x1f;
		lowest = 0x80;
	} else if (c < 0xf0) {
		more = 2;
		c &= 0x0f;
		lowest = 0x800;
	} else if (c < 0xf5) {
		more = 3;
		c &= 0x07;
		lowest = 0x10000;
	} else {
		return -EINVAL;
	}
	if (n - *i <= more)
		return -EINVAL;
	for (k = 1; k <= more; k++) {
		u8 b = s[*i + k];

		if ((b & 0xc0) != 0x80)
			return -EINVAL;
		c = (c << 6) | (b & 0x3f);
	}
	if (c < lowest || c > SMB1_UNICODE_MAX || smb1_is_surrogate(c))
		return -EINVAL;
	*i += more + 1;
	return c;
}

/**
 * smb1_utf16_len() - bytes of UTF-16LE needed for a UTF-8 string
 * @src: UTF-8
 * @src_len: length of @src in bytes, no terminator
 *
 * Return: the number of bytes (no terminator), -EINVAL if @src is not
 * valid UTF-8 or holds a NUL, -ENAMETOOLONG beyond INT_MAX.
 */
int smb1_utf16_len(const char *src, size_t src_len)
{
	const u8 *s = (const u8 *)src;
	size_t need = 0, i;
	int c;

	for (i = 0; i < src_len; ) {
		c = smb1_utf8_next(s, src_len, &i);
		if (c < 0)
			return c;
		need += c < 0x10000 ? 2 : 4;
		if (need > INT_MAX)
			return -ENAMETOOLONG;
	}
	return need;
}

/**
 * smb1_utf8_to_utf16() - convert a name for the wire
 * @src: UTF-8
 * @src_len: length of @src in bytes, no terminator
 * @dst: output buffer, any alignment
 * @dst_bytes: size of @dst
 *
 * A two-byte NUL terminator is appended when there is room for it after
 * the result; it is not counted.
 *
 * Return: the bytes written without the terminator, -EINVAL for invalid
 * UTF-8 or a NUL in @src, or -ENAMETOOLONG when the result does not fit.
 * Nothing is written on error.
 */
int smb1_utf8_to_utf16(const char *src, size_t src_len, u8 *dst,
		       size_t dst_bytes)
{
	const u8 *s = (const u8 *)src;
	size_t out = 0, i;
	int need, c;

	need = smb1_utf16_len(src, src_len);
	if (need < 0)
		return need;
	if ((size_t)need > dst_bytes)
		return -ENAMETOOLONG;

	for (i = 0; i < src_len; ) {
		c = smb1_utf8_next(s, src_len, &i);
		if (c < 0x10000) {
			put_unaligned_le16(c, dst + out);
			out += 2;
		} else {
			c -= 0x10000;
			put_unaligned_le16(SMB1_SURROGATE_HIGH + (c >> 10),
					   dst + out);
			put_unaligned_le16(SMB1_SURROGATE_LOW + (c & 0x3ff),
					   dst + out + 2);
			out += 4;
		}
	}
	if (dst_bytes - out >= 2)
		put_unaligned_le16(0, dst + out);
	return out;
}

/*
 * OEM strings, for servers without Unicode.  cp is the server's code page
 * (an NLS table); without one only ASCII passes, in both directions.  As
 * with UTF-16, a name that does not convert is refused, never mangled.
 */

/**
 * smb1_utf8_to_oem() - convert a string for a non-Unicode server
 * @cp: the server's code page, or NULL for ASCII only
 * @src: UTF-8
 * @src_len: length of @src in bytes, no terminator
 * @dst: output buffer
 * @dst_len: its size; a NUL is appended when there is room
 * @upper: upper-case the result in the code page (LM hashes, 8.3 names)
 *
 * Return: the bytes written without the terminator, -EINVAL for invalid
 * UTF-8 or a character the code page lacks, -ENAMETOOLONG when the result
 * does not fit.
 */
int smb1_utf8_to_oem(const struct nls_table *cp, const char *src,
		     size_t src_len, u8 *dst, size_t dst_len, bool upper)
{
	const u8 *s = (const u8 *)src;
	size_t out = 0, i, k;
	int c, n;

	for (i = 0; i < src_len; ) {
		c = smb1_utf8_next(s, src_len, &i);
		if (c < 0)
			return c;
		if (!cp) {
			if (c >= 0x80)
				return -EINVAL;
			if (out >= dst_len)
				return -ENAMETOOLONG;
			dst[out++] = upper ? toupper(c) : c;
			continue;
		}
		if (c >= 0x10000)
			return -EINVAL;
		if (out >= dst_len)
			return -ENAMETOOLONG;
		n = cp->uni2char(c, dst + out, dst_len - out);
		if (n == -ENAMETOOLONG)
			return n;
		if (n <= 0)
			return -EINVAL;
		if (upper && n == 1 && cp->charset2upper[dst[out]])
			dst[out] = cp->charset2upper[dst[out]];
		for (k = 0; k < (size_t)n; k++)
			if (!dst[out + k])
				return -EINVAL;
		out += n;
	}
	if (out < dst_len)
		dst[out] = 0;
	return out;
}

/**
 * smb1_oem_to_utf8() - convert a string from a non-Unicode server
 * @cp: the server's code page, or NULL for ASCII only
 * @src: the string, no terminator
 * @src_len: its length in bytes
 * @dst: output buffer
 * @dst_len: its size; the result and a NUL terminator must fit
 *
 * Return: the length of the result, -EINVAL for a byte the code page
 * does not map (or a NUL), -ENAMETOOLONG when it does not fit.
 */
int smb1_oem_to_utf8(const struct nls_table *cp, const u8 *src,
		     size_t src_len, char *dst, size_t dst_len)
{
	size_t out = 0, i = 0;
	unsigned int w;
	wchar_t uc;
	int n;

	while (i < src_len) {
		if (!src[i])
			goto inval;
		if (!cp) {
			if (src[i] >= 0x80)
				goto inval;
			uc = src[i];
			n = 1;
		} else {
			n = cp->char2uni(src + i, src_len - i, &uc);
			if (n <= 0 || !uc)
				goto inval;
		}
		i += n;
		w = smb1_utf8_width(uc);
		if (out + w >= dst_len) {
			if (dst_len)
				dst[0] = 0;
			return -ENAMETOOLONG;
		}
		smb1_put_utf8(uc, w, dst + out);
		out += w;
	}
	if (out >= dst_len)
		return -ENAMETOOLONG;
	dst[out] = 0;
	return out;
inval:
	if (dst_len)
		dst[0] = 0;
	return -EINVAL;
}

/**
 * smb1_local_to_utf8() - a VFS name in the iocharset to UTF-8
 * @local: the NLS table of iocharset=, or NULL for UTF-8
 * @src: the name, no terminator
 * @src_len: its length in bytes
 * @dst: output buffer
 * @dst_len: its size; the result and a NUL terminator must fit
 *
 * With UTF-8 the name is copied as it is (the encoders check it).
 *
 * Return: the length of the result, -EINVAL for a byte sequence the
 * table does not map, -ENAMETOOLONG when it does not fit.
 */
int smb1_local_to_utf8(const struct nls_table *local, const char *src,
		       size_t src_len, char *dst, size_t dst_len)
{
	if (local)
		return smb1_oem_to_utf8(local, (const u8 *)src, src_len, dst,
					dst_len);
	if (src_len >= dst_len)
		return -ENAMETOOLONG;
	memcpy(dst, src, src_len);
	dst[src_len] = 0;
	return src_len;
}

/**
 * smb1_utf8_to_local() - a server name, as UTF-8, to the iocharset
 * @local: the NLS table of iocharset=, or NULL for UTF-8
 * @src: the name, valid UTF-8, no terminator
 * @src_len: its length in bytes
 * @dst: output buffer
 * @dst_len: its size; the result and a NUL terminator must fit
 *
 * Return: the length of the result, -EINVAL for a character the table
 * lacks, -ENAMETOOLONG when it does not fit.
 */
int smb1_utf8_to_local(const struct nls_table *local, const char *src,
		       size_t src_len, char *dst, size_t dst_len)
{
	int n;

	if (!local) {
		if (src_len >= dst_len)
			return -ENAMETOOLONG;
		memcpy(dst, src, src_len);
		dst[src_len] = 0;
		return src_len;
	}
	n = smb1_utf8_to_oem(local, src, src_len, (u8 *)dst, dst_len, false);
	if (n >= 0 && (size_t)n >= dst_len)
		return -ENAMETOOLONG;
	return n;
}

/*
 * Characters no 8.3 name may hold, besides the controls and the one dot
 * that separates the extension.
 */
static bool smb1_83_bad_char(u8 c)
{
	return c < 0x20 || strchr("\"*+,/:;<=>?[\\]|", c);
}

/**
 * smb1_is_83_name() - can a core protocol server have this name?
 * @oem: the server's code page, or NULL for ASCII only
 * @name: one path component, UTF-8
 * @len: its length in bytes
 *
 * The name must convert to the code page and, upper-cased there, be one
 * to eight characters, optionally followed by a dot and one to three
 * more, without the characters DOS forbids.  "." and ".." are not
 * names.
 *
 * Return: true when it is a valid 8.3 name.
 */
bool smb1_is_83_name(const struct nls_table *oem, const char *name,
		     size_t len)
{
	u8 buf[13];
	int n, i, dot = -1;

	n = smb1_utf8_to_oem(oem, name, len, buf, sizeof(buf), true);
	if (n <= 0 || n > 12)
		return false;
	for (i = 0; i < n; i++) {
		if (buf[i] == '.') {
			if (dot >= 0)
				return false;
			dot = i;
		} else if (smb1_83_bad_char(buf[i])) {
			return false;
		}
	}
	if (buf[0] == ' ')
		return false;
	if (dot < 0)
		return n <= 8;
	/* a base of 1-8 and an extension of 1-3 */
	return dot >= 1 && dot <= 8 && n - dot - 1 >= 1 && n - dot - 1 <= 3;
}

/**
 * smb1_name_storable() - can an NT server store this name as it is?
 * @name: one path component, in any byte encoding whose bytes below 0x80
 *        are ASCII (UTF-8 or an iocharset)
 * @len: its length in bytes
 *
 * Windows refuses the characters \ : * ? " < > | and the control
 * characters in names (':' would name a stream), and strips a trailing
 * dot or space, so that the file would get another name than asked for.
 *
 * Return: 0, or -EINVAL for such a name.
 */
int smb1_name_storable(const char *name, size_t len)
{
	static const char bad[] = "\\:*?\"<>|";
	size_t i;
	u8 c;

	if (!len)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		c = name[i];
		if (c < 0x20 || strchr(bad, c))
			return -EINVAL;
	}
	c = name[len - 1];
	if ((c == '.' || c == ' ') &&
	    !(len <= 2 && !memcmp(name, "..", len)))
		return -EINVAL;
	return 0;
}

/*
 * Case folding
 *
 * A server without Unix extensions takes "FOO" and "foo" for the same
 * file.  Windows upper-cases both names with the up-case table of the
 * volume (NTFS) or of the system and compares the results; Samba does the
 * same with its own table (strcasecmp_m(), toupper_m()).  The two tables
 * are not the same: Samba's is older and lacks the letters Unicode added
 * since 3.0, which newer Windows tables fold.
 *
 * smb1_upcase() folds only where both agree.  Folding two characters the
 * server keeps apart would let one dentry stand for two files; leaving a
 * pair unfolded only costs a second dentry for the same file.  Hence it
 * folds a character to the single upper-case letter both tables give it,
 * in the scripts below, and leaves everything else as it is:
 *
 *   U+0061-U+007A     a-z                    -0x20
 *   U+00E0-U+00FE     Latin-1, but U+00F7    -0x20
 *   U+00FF            y diaeresis            U+0178
 *   U+0100-U+017F     Latin Extended-A pairs (upper, lower)
 *   U+01C4-U+0217     Latin Extended-B: the digraphs DZ, LJ, NJ (the
 *                     lower-case one to the capital; the title-case
 *                     one stays) and the regular pairs U+01CD-U+01DC,
 *                     U+01DE-U+01EF, U+01F4/5, U+01FA-U+0217
 *   U+03AC-U+03CE     Greek: alpha to omega (-0x20), final sigma to
 *                     Sigma, the letters with tonos and dialytika
 *   U+0430-U+044F     Cyrillic                -0x20
 *   U+0451-U+045F     Cyrillic, but U+045D    -0x50
 *   U+0460-U+04F9     Cyrillic pairs of Unicode 2.0
 *   U+0561-U+0586     Armenian                -0x30
 *   U+FF41-U+FF5A     full-width a-z          -0x20
 *
 * Left as they are, although some server folds them:
 *   - U+00B5 micro sign, U+00DF sharp s, U+0131 dotless i, U+0138 kra,
 *     U+0149, U+017F long s, U+01F0, U+0390 and U+03B0: neither Windows
 *     nor Samba gives them a single upper-case letter.  U+0130, capital
 *     I with dot, stays apart from I.
 *   - U+01C5, U+01C8, U+01CB, U+01F2: title-case digraphs, kept apart
 *     from the capitals by both.
 *   - Letters newer than Unicode 2.0 (U+0450, U+045D, U+048A-U+048F,
 *     U+04C5-U+04CF but U+04C7/8 and U+04CB/C, U+04EC/D, U+04F6/7,
 *     U+04FA-U+04FF, U+0500 and up, U+01F8/9, U+0218 and up): Windows
 *     folds them, Samba does not.
 *   - The irregular letters of Latin Extended-B and the IPA (U+0180-
 *     U+01BF, U+01DD, U+0250-U+02AF), the Greek letters past U+03CE
 *     (Coptic among them), polytonic Greek, Latin Extended Additional,
 *     Roman numerals, circled letters, Georgian and the rest of the BMP,
 *     and everything above U+FFFF.  Both servers fold many of these;
 *     leaving them unfolded costs only dentries.
 */

/* The lower-case letters first..last, or every other one from first */
struct smb1_fold_range {
	u16 first;
	u16 last;
	s16 delta;		/* to the upper-case letter */
	bool alternate;		/* only first, first + 2, ... */
};

#define FOLD_ALL(first, last, delta)	{ first, last, delta, false }
#define FOLD_ODD_EVEN(first, last)	{ first, last, -1, true }
#define FOLD_ONE(c, delta)		{ c, c, delta, false }

/* sorted, not overlapping */
static const struct smb1_fold_range smb1_fold_ranges[] = {
	FOLD_ALL(0x0061, 0x007a, -0x20),	/* a-z */
	FOLD_ALL(0x00e0, 0x00f6, -0x20),	/* a grave - o diaeresis */
	FOLD_ALL(0x00f8, 0x00fe, -0x20),	/* o slash - thorn */
	FOLD_ONE(0x00ff, 0x0178 - 0x00ff),	/* y diaeresis */
	FOLD_ODD_EVEN(0x0101, 0x012f),		/* a macron - i ogonek */
	FOLD_ODD_EVEN(0x0133, 0x0137),		/* ij - k cedilla */
	FOLD_ODD_EVEN(0x013a, 0x0148),		/* l acute - n caron */
	FOLD_ODD_EVEN(0x014b, 0x0177),		/* eng - y circumflex */
	FOLD_ODD_EVEN(0x017a, 0x017e),		/* z acute - z caron */
	FOLD_ONE(0x01c6, -2),			/* dz caron */
	FOLD_ONE(0x01c9, -2),			/* lj */
	FOLD_ONE(0x01cc, -2),			/* nj */
	FOLD_ODD_EVEN(0x01ce, 0x01dc),		/* a caron - u diaer. grave */
	FOLD_ODD_EVEN(0x01df, 0x01ef),		/* a diaer. macron - ezh */
	FOLD_ONE(0x01f3, -2),			/* dz */
	FOLD_ONE(0x01f5, -1),			/* g acute */
	FOLD_ODD_EVEN(0x01fb, 0x0217),		/* a ring acute - u breve */
	FOLD_ONE(0x03ac, 0x0386 - 0x03ac),	/* alpha tonos */
	/* epsilon, eta, iota tonos */
	FOLD_ALL(0x03ad, 0x03af, 0x0388 - 0x03ad),
	FOLD_ALL(0x03b1, 0x03c1, -0x20),	/* alpha - rho */
	FOLD_ONE(0x03c2, 0x03a3 - 0x03c2),	/* final sigma */
	FOLD_ALL(0x03c3, 0x03cb, -0x20),	/* sigma - upsilon dialytika */
	FOLD_ONE(0x03cc, 0x038c - 0x03cc),	/* omicron tonos */
	/* upsilon, omega tonos */
	FOLD_ALL(0x03cd, 0x03ce, 0x038e - 0x03cd),
	FOLD_ALL(0x0430, 0x044f, -0x20),	/* a - ya */
	FOLD_ALL(0x0451, 0x045c, -0x50),	/* io - kje */
	FOLD_ALL(0x045e, 0x045f, -0x50),	/* short u, dzhe */
	FOLD_ODD_EVEN(0x0461, 0x0481),		/* omega - koppa */
	FOLD_ODD_EVEN(0x0491, 0x04bf),		/* ghe upturn - abkhasian che */
	FOLD_ODD_EVEN(0x04c2, 0x04c4),		/* zhe breve, ka hook */
	FOLD_ONE(0x04c8, -1),			/* en hook */
	FOLD_ONE(0x04cc, -1),			/* khakassian che */
	FOLD_ODD_EVEN(0x04d1, 0x04eb),		/* a breve - barred o diaer. */
	FOLD_ODD_EVEN(0x04ef, 0x04f5),		/* u macron - che diaeresis */
	FOLD_ONE(0x04f9, -1),			/* yeru diaeresis */
	FOLD_ALL(0x0561, 0x0586, -0x30),	/* Armenian ayb - feh */
	FOLD_ALL(0xff41, 0xff5a, -0x20),	/* full-width a-z */
};

/**
 * smb1_upcase() - the upper-case letter the server compares a letter as
 * @c: a code point
 *
 * Return: its upper-case letter where Windows and Samba agree on one in
 * the ranges above, @c itself otherwise (and for anything above U+FFFF).
 */
u32 smb1_upcase(u32 c)
{
	const struct smb1_fold_range *r;

	if (c < 0x80)
		return c >= 'a' && c <= 'z' ? c - 0x20 : c;
	for (r = smb1_fold_ranges; r < smb1_fold_ranges +
	     ARRAY_SIZE(smb1_fold_ranges); r++) {
		if (c < r->first)
			break;
		if (c > r->last)
			continue;
		if (r->alternate && ((c - r->first) & 1))
			break;
		return c + r->delta;
	}
	return c;
}

/*
 * A byte that does not decode stands for itself: a value past U+10FFFF,
 * which no character (and so no fold) can give.
 */
#define SMB1_FOLD_RAW(b)	(0x110000 | (b))

/*
 * The folded character starting at byte *i of a name of len bytes, in
 * the iocharset local (NULL: UTF-8); advances *i past it, by one byte at
 * least.  Reads only s[*i] to s[len - 1].
 */
static u32 smb1_fold_next(const struct nls_table *local, const u8 *s,
			  size_t len, size_t *i)
{
	size_t left = len - *i;
	wchar_t uc;
	int c, n;

	if (!local) {
		c = smb1_utf8_next(s, len, i);
		if (c >= 0)
			return smb1_upcase(c);
	} else {
		n = local->char2uni(s + *i, min_t(size_t, left, INT_MAX), &uc);
		if (n > 0 && (size_t)n <= left && uc) {
			*i += n;
			return smb1_upcase(uc);
		}
	}
	return SMB1_FOLD_RAW(s[(*i)++]);
}

/**
 * smb1_name_hash() - the dcache hash of a name, case folded
 * @salt: the salt of the hash (the parent dentry)
 * @local: the NLS table of iocharset=, or NULL for UTF-8
 * @name: the name; it may change under us (RCU walk), only
 *	  name[0..len - 1] is read
 * @len: its length in bytes
 *
 * Two names that smb1_name_equal() finds equal have the same hash.
 * Neither function sleeps nor allocates.
 *
 * Return: the hash, for struct qstr's hash.
 */
unsigned long smb1_name_hash(const void *salt, const struct nls_table *local,
			     const unsigned char *name, unsigned int len)
{
	unsigned long hash = init_name_hash(salt);
	size_t i = 0;

	while (i < len)
		hash = partial_name_hash(smb1_fold_next(local, name, len, &i),
					 hash);
	return end_name_hash(hash);
}

/**
 * smb1_name_equal() - do two names name the same file on the server?
 * @local: the NLS table of iocharset=, or NULL for UTF-8
 * @a: one name; only a[0..alen - 1] is read
 * @alen: its length in bytes
 * @b: the other; only b[0..blen - 1] is read
 * @blen: its length in bytes
 *
 * The names are equal when they fold to the same characters.  A byte
 * that does not decode is a character of its own, equal only to the same
 * byte.
 *
 * Return: true when they are equal.
 */
bool smb1_name_equal(const struct nls_table *local, const unsigned char *a,
		     unsigned int alen, const unsigned char *b,
		     unsigned int blen)
{
	size_t i = 0, j = 0;

	if (alen == blen && !memcmp(a, b, alen))
		return true;
	while (i < alen && j < blen)
		if (smb1_fold_next(local, a, alen, &i) !=
		    smb1_fold_next(local, b, blen, &j))
			return false;
	return i == alen && j == blen;
}

static void smb1_fold_fnv_sink(void *arg, u8 b)
{
	u64 *h = arg;

	*h = (*h ^ b) * SMB1_FNV_PRIME;
}

/**
 * smb1_fold_fnv() - continue a 64-bit FNV-1a hash over a folded name
 * @h: the hash so far (SMB1_FNV_BASIS to start one)
 * @utf8: the name or path, UTF-8
 * @len: its length in bytes
 *
 * The bytes hashed are the UTF-8 of each folded character, and each byte
 * that does not decode as it is: the hash of a name is the FNV-1a of its
 * upper-cased form, and a name of valid UTF-8 without lower-case letters
 * hashes as its own bytes.  No string of folded characters and raw bytes
 * has the bytes of another (a raw byte never starts a valid sequence with
 * what follows it), so names hash alike only when they fold alike, save
 * for collisions of the hash itself.
 *
 * Return: the new hash.
 */
u64 smb1_fold_fnv(u64 h, const char *utf8, size_t len)
{
	smb1_fold_walk(utf8, len, smb1_fold_fnv_sink, &h);
	return h;
}

/**
 * smb1_fold_walk() - the bytes of a folded name, one at a time
 * @utf8: the name or path, UTF-8
 * @len: its length in bytes
 * @sink: called with each byte, in order
 * @arg: for sink
 *
 * The bytes are those smb1_fold_fnv() hashes: the UTF-8 of each folded
 * character, and each byte that does not decode as it is.
 */
void smb1_fold_walk(const char *utf8, size_t len,
		    void (*sink)(void *arg, u8 b), void *arg)
{
	const u8 *s = (const u8 *)utf8;
	unsigned int w, k;
	char enc[4];
	size_t i = 0;
	int c;

	while (i < len) {
		c = smb1_utf8_next(s, len, &i);
		if (c < 0) {
			sink(arg, s[i++]);
			continue;
		}
		c = smb1_upcase(c);
		w = smb1_utf8_width(c);
		smb1_put_utf8(c, w, enc);
		for (k = 0; k < w; k++)
			sink(arg, enc[k]);
	}
}

/**
 * smb1_nt_time_to_ts() - NT time to timespec64
 * @nt: 100 ns units since 1601-01-01 00:00 UTC
 *
 * Every u64 is representable: times before 1970 give a negative tv_sec
 * with tv_nsec in [0, NSEC_PER_SEC).
 */
struct timespec64 smb1_nt_time_to_ts(u64 nt)
{
	struct timespec64 ts;
	u32 ticks;
	u64 secs;

	secs = div_u64_rem(nt, SMB1_NT_TICKS_PER_SEC, &ticks);
	/* at most U64_MAX / 10^7, about 1.8e12: no overflow */
	ts.tv_sec = (s64)secs - SMB1_NT_EPOCH_DELTA;
	ts.tv_nsec = ticks * SMB1_NSEC_PER_TICK;
	return ts;
}

/**
 * smb1_ts_to_nt_time() - timespec64 to NT time
 * @ts: the time; tv_nsec outside [0, NSEC_PER_SEC) is clamped into it
 *
 * Return: the NT time, 0 for times before 1601, U64_MAX for times beyond
 * what NT time can hold.  Precision below 100 ns is dropped.
 */
u64 smb1_ts_to_nt_time(struct timespec64 ts)
{
	long nsec = clamp_t(long, ts.tv_nsec, 0, NSEC_PER_SEC - 1);
	u64 secs, nt;

	if (ts.tv_sec < -SMB1_NT_EPOCH_DELTA)
		return 0;
	if (ts.tv_sec > S64_MAX - SMB1_NT_EPOCH_DELTA)
		return U64_MAX;
	secs = ts.tv_sec + SMB1_NT_EPOCH_DELTA;
	if (check_mul_overflow(secs, (u64)SMB1_NT_TICKS_PER_SEC, &nt) ||
	    check_add_overflow(nt, (u64)(nsec / SMB1_NSEC_PER_TICK), &nt))
		return U64_MAX;
	return nt;
}

/**
 * smb1_utime_to_ts() - UTIME to timespec64
 * @utime: seconds since 1970-01-01 00:00; 0xffffffff means "not set"
 *
 * Return: the time, or 0 (the epoch) for "not set".
 */
struct timespec64 smb1_utime_to_ts(u32 utime)
{
	struct timespec64 ts = { 0, 0 };

	if (utime != U32_MAX)
		ts.tv_sec = utime;
	return ts;
}

/**
 * smb1_dos_time_to_ts() - SMB_DATE and SMB_TIME to timespec64
 * @date: year since 1980 (bits 15-9), month (8-5), day (4-0)
 * @time: hours (bits 15-11), minutes (10-5), seconds / 2 (4-0)
 * @tz_minutes: ServerTimeZone from the negotiate reply
 *
 * The pair is the server's local time.  ServerTimeZone ([MS-CIFS]
 * 2.2.4.52.2) is the server's offset from UTC in minutes, with the sign
 * Windows gives its time-zone bias and Samba its offset "west of UTC":
 * positive west of Greenwich, so that UTC = local time + ServerTimeZone
 * (a server in UTC+01:00 sends -60).
 *
 * A field out of its range is clamped into it; a date of 0 means "not
 * set" and gives 0 (the epoch).
 */
struct timespec64 smb1_dos_time_to_ts(u16 date, u16 time, int tz_minutes)
{
	struct timespec64 ts = { 0, 0 };
	unsigned int year, month, day, hours, minutes, seconds;

	if (date == 0)
		return ts;
	year = 1980 + (date >> 9);
	month = clamp((date >> 5) & 0x0f, 1, 12);
	day = clamp(date & 0x1f, 1, 31);
	hours = min(time >> 11, 23);
	minutes = min((time >> 5) & 0x3f, 59);
	seconds = min((time & 0x1f) * 2, 59);

	ts.tv_sec = mktime64(year, month, day, hours, minutes, seconds) +
		    (time64_t)tz_minutes * 60;
	return ts;
}

/**
 * smb1_ts_to_dos_time() - timespec64 to SMB_DATE and SMB_TIME
 * @ts: the time (UTC); below a second and odd seconds are dropped
 * @tz_minutes: ServerTimeZone from the negotiate reply
 * @date: the date, in the server's local time (as smb1_dos_time_to_ts())
 * @time: the time of day, in steps of two seconds
 *
 * Return: 0, or -EINVAL when the local time lies outside the DOS range
 * (1980-01-01 00:00:00 to 2107-12-31 23:59:59); @date and @time then
 * hold the nearest end of the range, never 0.
 */
int smb1_ts_to_dos_time(struct timespec64 ts, int tz_minutes, u16 *date,
			u16 *time)
{
	time64_t local;
	struct tm tm;
	int ret = 0;

	if (check_sub_overflow(ts.tv_sec, (time64_t)tz_minutes * 60, &local))
		local = ts.tv_sec < 0 ? S64_MIN : S64_MAX;
	if (local < SMB1_DOS_TIME_MIN) {
		local = SMB1_DOS_TIME_MIN;
		ret = -EINVAL;
	} else if (local > SMB1_DOS_TIME_MAX + 1) {
		local = SMB1_DOS_TIME_MAX;
		ret = -EINVAL;
	}
	time64_to_tm(local, 0, &tm);
	*date = (tm.tm_year + 1900 - 1980) << 9 | (tm.tm_mon + 1) << 5 |
		tm.tm_mday;
	*time = tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2;
	return ret;
}
