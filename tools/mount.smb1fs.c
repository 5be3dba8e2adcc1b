// SPDX-License-Identifier: GPL-2.0
/*
 * mount.smb1fs: the mount(8) helper of the smb1fs file system.
 *
 *   mount.smb1fs //server/share DIR [-sfnvrw] [-N NS] [-o OPTIONS]
 *
 * mount(8) runs it for "mount -t smb1fs".  It resolves the server's name
 * (the kernel module takes only addresses): through getaddrinfo() (DNS,
 * /etc/hosts), and for a name that does not resolve so by a NetBIOS name
 * query (RFC 1002) to a WINS server or by broadcast.  It reads user name,
 * password and domain from a credentials file, the environment or the
 * terminal, turns user and group names of uid= and gid= into numbers,
 * drops the options that only user space knows, turns the generic ones
 * (ro, nosuid...) into mount flags and mounts.  The mount goes through
 * the fsopen() family of system calls when the kernel has them, so that
 * the reason the file system gives for a failure can be printed (and,
 * with "sloppy", the options it does not know can be left out one by
 * one); otherwise through mount(2).
 *
 * Secrets: the password is never printed (verbose output masks it), is
 * blotted out of this program's own command line as soon as it has been
 * copied, and every buffer that held it is cleared before it is freed.
 * No other program is started.
 */

#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <poll.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#ifndef SMB1FS_VERSION
#define SMB1FS_VERSION "unknown"
#endif

#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __noreturn	__attribute__((noreturn))
#define noinline	__attribute__((noinline))
#define fallthrough	__attribute__((fallthrough))

#define PROG		"mount.smb1fs"
#define FSTYPE		"smb1fs"

/* Exit codes, as mount(8) documents them. */
#define EX_OK		0
#define EX_USAGE	1	/* incorrect invocation or permissions */
#define EX_SYSERR	2	/* system error (out of memory...) */
#define EX_USER		8	/* user interrupt */
#define EX_FAIL		32	/* mount failure */

#define MAX_PASSWORD	512
#define MAX_CRED_FILE	65536
#define MASK		"********"

#ifndef MS_NOSYMFOLLOW
#define MS_NOSYMFOLLOW	256
#endif
#ifndef MS_LAZYTIME
#define MS_LAZYTIME	0x2000000
#endif

/*
 * The new mount API.  The system calls are made through syscall(2) so
 * that the helper builds with C libraries that do not wrap them; a kernel
 * without them answers ENOSYS and the helper uses mount(2).
 */
#if defined(__NR_fsopen) && defined(__NR_fsconfig) && \
	defined(__NR_fsmount) && defined(__NR_move_mount)
#define HAVE_NEW_MOUNT_API 1
#ifndef FSOPEN_CLOEXEC
#define FSOPEN_CLOEXEC			0x00000001
#endif
#ifndef FSMOUNT_CLOEXEC
#define FSMOUNT_CLOEXEC			0x00000001
#endif
#ifndef FSCONFIG_SET_FLAG
#define FSCONFIG_SET_FLAG		0
#define FSCONFIG_SET_STRING		1
#define FSCONFIG_CMD_CREATE		6
#endif
#ifndef MOVE_MOUNT_F_EMPTY_PATH
#define MOVE_MOUNT_F_EMPTY_PATH		0x00000004
#endif
#ifndef MOUNT_ATTR_RDONLY
#define MOUNT_ATTR_RDONLY		0x00000001
#define MOUNT_ATTR_NOSUID		0x00000002
#define MOUNT_ATTR_NODEV		0x00000004
#define MOUNT_ATTR_NOEXEC		0x00000008
#define MOUNT_ATTR_RELATIME		0x00000000
#define MOUNT_ATTR_NOATIME		0x00000010
#define MOUNT_ATTR_STRICTATIME		0x00000020
#define MOUNT_ATTR_NODIRATIME		0x00000080
#endif
#ifndef MOUNT_ATTR_NOSYMFOLLOW
#define MOUNT_ATTR_NOSYMFOLLOW		0x00200000
#endif
#endif

/* One option of the -o list: "key" (val NULL) or "key=val". */
struct opt {
	char *key;
	char *val;
};

struct optlist {
	struct opt *v;
	size_t n;
	size_t cap;
};

/* Where a credential came from, for the precedence rules. */
enum origin { FROM_NONE, FROM_ENV, FROM_FILE, FROM_OPTION };

struct secret {
	char *val;
	enum origin from;
};

struct mnt {
	const char *source;	/* //server/share, as given */
	const char *target;
	char *host;		/* server part of the source */

	struct optlist fs;	/* options for the kernel, in order */
	struct secret user, pass, dom;
	char *ip;		/* ip= or addr= as given */
	char *wins;		/* wins=: the NetBIOS name server to ask */
	char *cred_file;
	bool guest;
	char *opts;		/* the -o options, joined */

	unsigned long flags;	/* MS_* */
	bool fake, verbose;
	bool sloppy;		/* -s, sloppy: leave out what the kernel does not know */

	char **addrs;		/* addresses to try */
	size_t naddrs;
};

/* The messages of the last mount attempt's file system context. */
static char fs_log[8][512];
static int n_fs_log;

static volatile sig_atomic_t tty_saved;
static struct termios tty_orig;
static char prompt_buf[MAX_PASSWORD + 2];

static void msg(const char *fmt, ...) __printf(1, 2);
static void msg(const char *fmt, ...)
{
	va_list ap;

	fputs(PROG ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static void verbose(const struct mnt *m, const char *fmt, ...) __printf(2, 3);
static void verbose(const struct mnt *m, const char *fmt, ...)
{
	va_list ap;

	if (!m->verbose)
		return;
	fputs(PROG ": ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void __noreturn oom(void)
{
	msg("out of memory");
	exit(EX_SYSERR);
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		oom();
	return p;
}

static char *xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);

	if (!p)
		oom();
	return p;
}

/* Clear and free a string that may hold a secret. */
static void free_secret(char *s)
{
	if (s) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

static void set_secret(struct secret *s, const char *val, size_t len,
		       enum origin from)
{
	free_secret(s->val);
	s->val = xstrndup(val, len);
	s->from = from;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: " PROG " //server/share DIR [-sfnvrw] [-N NS] [-o OPTIONS]\n"
		"\n"
		"Mount an SMB1 (CIFS) share with the smb1fs kernel module.\n"
		"Normally run by mount(8): mount -t smb1fs //server/share DIR -o OPTIONS\n"
		"\n"
		"  -o OPTIONS   comma-separated mount options (see mount.smb1fs(8))\n"
		"  -f           do everything except the mount system call\n"
		"  -v           verbose: show the options passed to the kernel\n"
		"  -n           do not write /etc/mtab (accepted; nothing to do)\n"
		"  -s           sloppy: leave out the options the kernel does not know\n"
		"  -r, -w       mount read-only / read-write\n"
		"  -N NS        mount in the mount namespace NS (a path or a PID)\n"
		"  -h, --help   show this help\n"
		"  -V, --version\n"
		"\n"
		"User-space options: credentials=FILE, guest, wins=ADDRESS, sloppy, and\n"
		"those mount(8) handles (_netdev, nofail, noauto, user, x-systemd.*...).\n"
		"uid= and gid= take names as well as numbers.\n"
		"Environment: USER (user or user%%password), PASSWD, PASSWD_FD, PASSWD_FILE.\n");
}

/* ------------------------------------------------------------------ */
/* option lists                                                        */
/* ------------------------------------------------------------------ */

static void opt_add(struct optlist *l, const char *key, size_t klen,
		    const char *val, size_t vlen)
{
	struct opt *o;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct opt *v = reallocarray(l->v, cap, sizeof(*v));

		if (!v)
			oom();
		l->v = v;
		l->cap = cap;
	}
	o = &l->v[l->n++];
	o->key = xstrndup(key, klen);
	o->val = val ? xstrndup(val, vlen) : NULL;
}

static void optlist_free(struct optlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].key);
		free_secret(l->v[i].val);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/*
 * The length of the option at s: up to the next comma that is not inside
 * double quotes (password="a,b" is one option).
 */
static size_t opt_span(const char *s)
{
	bool quoted = false;
	size_t i;

	for (i = 0; s[i]; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == ',' && !quoted)
			break;
	}
	return i;
}

/* Split "key=val" of length len; val is NULL without "=". */
static void opt_split(const char *s, size_t len, size_t *klen,
		      const char **val, size_t *vlen)
{
	const char *eq = memchr(s, '=', len);

	if (!eq) {
		*klen = len;
		*val = NULL;
		*vlen = 0;
		return;
	}
	*klen = eq - s;
	*val = eq + 1;
	*vlen = len - *klen - 1;
	/* one pair of surrounding double quotes is removed */
	if (*vlen >= 2 && (*val)[0] == '"' && (*val)[*vlen - 1] == '"') {
		(*val)++;
		*vlen -= 2;
	}
}

static bool key_is(const char *key, size_t klen, const char *name)
{
	return strlen(name) == klen && !strncmp(key, name, klen);
}

static bool is_password_key(const char *key, size_t klen)
{
	return key_is(key, klen, "password") || key_is(key, klen, "pass");
}

/* domain=, dom= and, as cifs has it, workgroup= */
static bool is_domain_key(const char *key, size_t klen)
{
	return key_is(key, klen, "domain") || key_is(key, klen, "dom") ||
	       key_is(key, klen, "workgroup");
}

/* Options whose values are never shown: the passwords */
static bool is_secret_key(const char *key, size_t klen)
{
	return is_password_key(key, klen) || key_is(key, klen, "sharepass");
}

/*
 * Blot the values of password options out of a string of our own command
 * line, so that ps(1) and /proc/PID/cmdline do not show them: each value
 * becomes a single "*" (which tells nothing of its length), the rest of
 * the string moves up and the bytes left over are cleared.
 */
static void scrub_arg(char *s)
{
	char *end = s + strlen(s);

	while (*s) {
		size_t len = opt_span(s), klen, vlen, cut;
		const char *val;
		char *v;

		opt_split(s, len, &klen, &val, &vlen);
		if (val && is_secret_key(s, klen) && len > klen + 1) {
			v = s + klen + 1;	/* the value as written */
			cut = len - klen - 2;
			*v = '*';
			memmove(v + 1, v + 1 + cut, end - (v + 1 + cut) + 1);
			end -= cut;
			memset(end + 1, 0, cut);
			len -= cut;
		}
		s += len;
		if (*s == ',')
			s++;
	}
}

/* ------------------------------------------------------------------ */
/* generic and user-space options                                      */
/* ------------------------------------------------------------------ */

struct flag_opt {
	const char *name;
	unsigned long set;
	unsigned long clear;
};

static const struct flag_opt flag_opts[] = {
	{ "ro",			MS_RDONLY,	0 },
	{ "rw",			0,		MS_RDONLY },
	{ "nosuid",		MS_NOSUID,	0 },
	{ "suid",		0,		MS_NOSUID },
	{ "nodev",		MS_NODEV,	0 },
	{ "dev",		0,		MS_NODEV },
	{ "noexec",		MS_NOEXEC,	0 },
	{ "exec",		0,		MS_NOEXEC },
	{ "sync",		MS_SYNCHRONOUS,	0 },
	{ "async",		0,		MS_SYNCHRONOUS },
	{ "dirsync",		MS_DIRSYNC,	0 },
	{ "remount",		MS_REMOUNT,	0 },
	{ "noatime",		MS_NOATIME,	0 },
	{ "atime",		0,		MS_NOATIME },
	{ "nodiratime",		MS_NODIRATIME,	0 },
	{ "diratime",		0,		MS_NODIRATIME },
	{ "relatime",		MS_RELATIME,	0 },
	{ "norelatime",		0,		MS_RELATIME },
	{ "strictatime",	MS_STRICTATIME,	0 },
	{ "nostrictatime",	0,		MS_STRICTATIME },
	{ "lazytime",		MS_LAZYTIME,	0 },
	{ "nolazytime",		0,		MS_LAZYTIME },
	{ "nosymfollow",	MS_NOSYMFOLLOW,	0 },
	{ "symfollow",		0,		MS_NOSYMFOLLOW },
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Options that mount(8), systemd or this helper handle; never passed on. */
static bool userspace_only(const char *key, size_t klen, bool has_val)
{
	static const char *const flags[] = {
		"_netdev", "nofail", "auto", "noauto", "user", "nouser",
		"users", "owner", "group", "defaults",
	};
	size_t i;

	if (klen >= 2 && !strncmp(key, "x-", 2))
		return true;
	if (key_is(key, klen, "comment"))
		return true;
	if (has_val)	/* user=NAME is the user name, not the flag */
		return false;
	for (i = 0; i < ARRAY_SIZE(flags); i++)
		if (key_is(key, klen, flags[i]))
			return true;
	return false;
}

static const struct flag_opt *find_flag(const char *key, size_t klen)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(flag_opts); i++)
		if (key_is(key, klen, flag_opts[i].name))
			return &flag_opts[i];
	return NULL;
}

/* Sort one -o option into the mount description. */
static void take_option(struct mnt *m, const char *s, size_t len)
{
	const struct flag_opt *f;
	const char *val;
	size_t klen, vlen;

	opt_split(s, len, &klen, &val, &vlen);
	if (!klen)
		return;
	if (userspace_only(s, klen, !!val))
		return;
	f = val ? NULL : find_flag(s, klen);
	if (f) {
		m->flags = (m->flags | f->set) & ~f->clear;
		return;
	}
	if (val && (key_is(s, klen, "credentials") || key_is(s, klen, "cred"))) {
		free(m->cred_file);
		m->cred_file = xstrndup(val, vlen);
	} else if (val && (key_is(s, klen, "username") ||
			   key_is(s, klen, "user"))) {
		set_secret(&m->user, val, vlen, FROM_OPTION);
	} else if (val && is_password_key(s, klen)) {
		set_secret(&m->pass, val, vlen, FROM_OPTION);
	} else if (val && is_domain_key(s, klen)) {
		/* passed on as domain=, whichever name it was given by */
		set_secret(&m->dom, val, vlen, FROM_OPTION);
	} else if (val && (key_is(s, klen, "ip") || key_is(s, klen, "addr"))) {
		free(m->ip);
		m->ip = xstrndup(val, vlen);
	} else if (val && key_is(s, klen, "wins")) {
		free(m->wins);
		m->wins = xstrndup(val, vlen);
	} else if (!val && key_is(s, klen, "sloppy")) {
		m->sloppy = true;
	} else {
		if (!val && key_is(s, klen, "guest"))
			m->guest = true;
		opt_add(&m->fs, s, klen, val, vlen);
	}
}

static void parse_options(struct mnt *m, const char *s)
{
	while (*s) {
		size_t len = opt_span(s);

		take_option(m, s, len);
		s += len;
		if (*s == ',')
			s++;
	}
}

static bool all_digits(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

/* errno after getpwnam() or getgrnam() found nothing */
static bool not_found(int err)
{
	return !err || err == ENOENT || err == ESRCH || err == EBADF ||
	       err == EPERM;
}

/*
 * uid=NAME and gid=NAME: the kernel takes numbers only, so a name is
 * looked up in the user or group database (nsswitch.conf) and replaced
 * by its number.  Returns 0, or -1 after a message.
 */
static int resolve_ids(struct mnt *m)
{
	char num[24];
	size_t i;

	for (i = 0; i < m->fs.n; i++) {
		struct opt *o = &m->fs.v[i];
		bool user = !strcmp(o->key, "uid");
		const char *what = user ? "user" : "group";
		unsigned long id;
		struct passwd *pw = NULL;
		struct group *gr = NULL;

		if (!o->val || (!user && strcmp(o->key, "gid")) ||
		    !*o->val || all_digits(o->val))
			continue;
		errno = 0;
		if (user)
			pw = getpwnam(o->val);
		else
			gr = getgrnam(o->val);
		if (!pw && !gr) {
			if (not_found(errno))
				msg("%s=%s: there is no %s of that name",
				    o->key, o->val, what);
			else
				msg("%s=%s: cannot look the %s up: %s",
				    o->key, o->val, what, strerror(errno));
			return -1;
		}
		id = user ? (unsigned long)pw->pw_uid :
			    (unsigned long)gr->gr_gid;
		snprintf(num, sizeof(num), "%lu", id);
		verbose(m, "%s=%s is %s %s", o->key, o->val, what, num);
		free(o->val);
		o->val = xstrdup(num);
	}
	return 0;
}

/* The options only this helper reads, checked before anything is done. */
static int check_options(struct mnt *m)
{
	struct in_addr a;

	if (m->wins && inet_pton(AF_INET, m->wins, &a) != 1) {
		msg("wins=%s is not an IPv4 address (the NetBIOS name server to ask)",
		    m->wins);
		return -1;
	}
	return resolve_ids(m);
}

/* ------------------------------------------------------------------ */
/* the source                                                          */
/* ------------------------------------------------------------------ */

/* "//server/share" or "\\server\share", an optional trailing separator. */
static int parse_source(struct mnt *m)
{
	const char *s = m->source, *host, *sep;

	if (!((s[0] == '/' && s[1] == '/') || (s[0] == '\\' && s[1] == '\\')))
		goto bad;
	host = s + 2;
	sep = strpbrk(host, "/\\");
	if (!sep || sep == host || !sep[1] || sep[1] == '/' || sep[1] == '\\')
		goto bad;
	m->host = xstrndup(host, sep - host);
	return 0;
bad:
	msg("%s is not a share name: use //server/share", s);
	return -1;
}

/* ------------------------------------------------------------------ */
/* credentials                                                         */
/* ------------------------------------------------------------------ */

static bool key_is_ci(const char *key, size_t klen, const char *name)
{
	return strlen(name) == klen && !strncasecmp(key, name, klen);
}

/* A key worth repeating in a message: short, printable, no spaces. */
static bool printable_key(const char *key, size_t klen)
{
	size_t i;

	if (!klen || klen > 32)
		return false;
	for (i = 0; i < klen; i++)
		if (key[i] <= ' ' || key[i] > '~')
			return false;
	return true;
}

/*
 * Apply line lineno of a credentials file: username= (user=), password=
 * (pass=), domain= (dom=, workgroup=), the keys in any case.  Blank lines
 * and comments (# or ;) are skipped; any other line is ignored with a
 * message that names the line and, when it has one, its key, but never
 * shows what follows the "=".
 */
static void cred_line(struct mnt *m, const char *path, unsigned int lineno,
		      char *line, size_t len)
{
	struct secret *dst = NULL;
	char *eq;
	size_t klen;

	while (len && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	if (len && line[len - 1] == '\r')
		len--;
	if (!len || *line == '#' || *line == ';')
		return;
	eq = memchr(line, '=', len);
	klen = eq ? (size_t)(eq - line) : 0;
	while (klen && (line[klen - 1] == ' ' || line[klen - 1] == '\t'))
		klen--;
	if (!klen) {
		msg("credentials file %s: line %u ignored: not of the form key=value",
		    path, lineno);
		return;
	}
	if (key_is_ci(line, klen, "username") || key_is_ci(line, klen, "user"))
		dst = &m->user;
	else if (key_is_ci(line, klen, "password") ||
		 key_is_ci(line, klen, "pass"))
		dst = &m->pass;
	else if (key_is_ci(line, klen, "domain") ||
		 key_is_ci(line, klen, "dom") ||
		 key_is_ci(line, klen, "workgroup"))
		dst = &m->dom;
	if (!dst) {
		if (printable_key(line, klen))
			msg("credentials file %s: line %u ignored: unknown key %.*s (known: username, password, domain)",
			    path, lineno, (int)klen, line);
		else
			msg("credentials file %s: line %u ignored: unknown key (known: username, password, domain)",
			    path, lineno);
		return;
	}
	if (dst->from < FROM_FILE)
		set_secret(dst, eq + 1, len - (eq + 1 - line), FROM_FILE);
}

/*
 * Read a credentials file: lines username=, password=, domain= (or user=,
 * pass=, dom=, workgroup=, in any case); other lines are ignored, and
 * said to be.  The file must not be readable by group or others.  Read
 * with read(2) into a buffer of our own, so that no stdio buffer keeps a
 * copy of the password.
 */
static int read_credentials(struct mnt *m)
{
	const char *path = m->cred_file;
	struct stat st;
	char *buf, *p, *nl;
	unsigned int lineno = 0;
	size_t len = 0;
	ssize_t n;
	int fd, ret = -1;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		msg("cannot open credentials file %s: %s", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st)) {
		msg("cannot stat credentials file %s: %s", path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		msg("credentials file %s is not a regular file", path);
		close(fd);
		return -1;
	}
	if (st.st_mode & 0044) {	/* group or others may read */
		msg("credentials file %s can be read by %s (mode %04o); refusing to use it: chmod 600 %s",
		    path, (st.st_mode & 0004) ? "everyone" : "its group",
		    (unsigned int)(st.st_mode & 07777), path);
		close(fd);
		return -1;
	}
	if (st.st_size > MAX_CRED_FILE) {
		msg("credentials file %s is larger than %d bytes", path,
		    MAX_CRED_FILE);
		close(fd);
		return -1;
	}
	buf = malloc(MAX_CRED_FILE + 1);
	if (!buf)
		oom();
	for (;;) {
		n = read(fd, buf + len, MAX_CRED_FILE - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			msg("cannot read credentials file %s: %s", path,
			    strerror(errno));
			goto out;
		}
		if (!n)
			break;
		len += n;
		if (len == MAX_CRED_FILE) {
			msg("credentials file %s is larger than %d bytes",
			    path, MAX_CRED_FILE - 1);
			goto out;
		}
	}
	buf[len] = 0;
	for (p = buf; p < buf + len; p = nl + 1) {
		nl = memchr(p, '\n', buf + len - p);
		if (!nl)
			nl = buf + len;
		cred_line(m, path, ++lineno, p, nl - p);
	}
	ret = 0;
out:
	explicit_bzero(buf, MAX_CRED_FILE + 1);
	free(buf);
	close(fd);
	return ret;
}

/*
 * The password as the first line of what fd gives (PASSWD_FD, PASSWD_FILE),
 * without its line end.  Read with read(2) into a buffer of our own that
 * is cleared afterwards.  what names the source for messages.  Returns 0,
 * or -1 after a message.
 */
static int password_from_fd(struct mnt *m, int fd, const char *what)
{
	char *buf, *nl = NULL;
	size_t len = 0;
	ssize_t n;
	int ret = -1;

	buf = malloc(MAX_PASSWORD + 2);
	if (!buf)
		oom();
	while (len < MAX_PASSWORD + 1) {
		n = read(fd, buf + len, MAX_PASSWORD + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			msg("cannot read the password from %s: %s", what,
			    strerror(errno));
			goto out;
		}
		if (!n)
			break;
		nl = memchr(buf + len, '\n', n);
		len += n;
		if (nl)
			break;
	}
	if (nl)
		len = nl - buf;
	if (len > MAX_PASSWORD) {
		msg("the password from %s is longer than %d characters", what,
		    MAX_PASSWORD);
		goto out;
	}
	if (len && buf[len - 1] == '\r')
		len--;
	set_secret(&m->pass, buf, len, FROM_ENV);
	ret = 0;
out:
	explicit_bzero(buf, MAX_PASSWORD + 2);
	free(buf);
	return ret;
}

/*
 * PASSWD_FD: the number of an open file descriptor to read the password
 * from; PASSWD_FILE: a file to read it from.  Either way the first line.
 */
static int password_from_env_fd(struct mnt *m)
{
	const char *fds = getenv("PASSWD_FD"), *file = getenv("PASSWD_FILE");
	char what[64];
	int fd, ret;

	if (fds && *fds) {
		snprintf(what, sizeof(what), "PASSWD_FD=%.20s", fds);
		if (!all_digits(fds) || strlen(fds) > 9) {
			msg("%s is not a file descriptor number", what);
			return -1;
		}
		return password_from_fd(m, atoi(fds), what);
	}
	if (!file || !*file)
		return 0;
	fd = open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		msg("cannot open PASSWD_FILE %s: %s", file, strerror(errno));
		return -1;
	}
	ret = password_from_fd(m, fd, "PASSWD_FILE");
	close(fd);
	return ret;
}

/*
 * USER may be "user" or "user%password", PASSWD the password; without
 * a password from those, PASSWD_FD or PASSWD_FILE gives it.  The password
 * is wiped from the environment once copied, so that /proc/PID/environ
 * does not keep it either.  Returns 0, or -1 after a message.
 */
static int read_environment(struct mnt *m)
{
	char *user = getenv("USER"), *pw = getenv("PASSWD"), *pct;

	if (!m->guest && user && *user && m->user.from == FROM_NONE) {
		pct = strchr(user, '%');
		if (pct) {
			set_secret(&m->user, user, pct - user, FROM_ENV);
			if (m->pass.from == FROM_NONE)
				set_secret(&m->pass, pct + 1, strlen(pct + 1),
					   FROM_ENV);
		} else {
			set_secret(&m->user, user, strlen(user), FROM_ENV);
		}
	}
	pct = user ? strchr(user, '%') : NULL;
	if (pct)
		explicit_bzero(pct + 1, strlen(pct + 1));
	if (pw) {
		if (!m->guest && m->pass.from == FROM_NONE)
			set_secret(&m->pass, pw, strlen(pw), FROM_ENV);
		explicit_bzero(pw, strlen(pw));
	}
	if (m->guest || m->pass.from != FROM_NONE)
		return 0;
	return password_from_env_fd(m);
}

static void restore_tty(void)
{
	if (tty_saved) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &tty_orig);
		tty_saved = 0;
	}
}

static void on_signal(int sig)
{
	(void)sig;
	restore_tty();
	explicit_bzero(prompt_buf, sizeof(prompt_buf));
	_exit(EX_USER);
}

/* Ask for the password on the terminal (stdin), without echo. */
static int prompt_password(struct mnt *m)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct termios t;
	size_t len = 0;
	ssize_t n;
	char c;
	int ret = 0;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);

	if (tcgetattr(STDIN_FILENO, &tty_orig)) {
		msg("cannot read the terminal settings: %s", strerror(errno));
		return -1;
	}
	t = tty_orig;
	t.c_lflag &= ~(ECHO | ECHOE | ECHOK);
	t.c_lflag |= ECHONL;
	tty_saved = 1;
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t)) {
		tty_saved = 0;
		msg("cannot switch off terminal echo: %s", strerror(errno));
		return -1;
	}
	fprintf(stderr, "Password for %s@%s: ", m->user.val, m->source);
	fflush(stderr);
	for (;;) {
		n = read(STDIN_FILENO, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			msg("cannot read the password: %s", strerror(errno));
			ret = -1;
			break;
		}
		if (!n || c == '\n')
			break;
		if (len == MAX_PASSWORD) {
			msg("password longer than %d characters", MAX_PASSWORD);
			ret = -1;
			break;
		}
		prompt_buf[len++] = c;
	}
	explicit_bzero(&c, sizeof(c));
	restore_tty();
	if (!ret) {
		if (!n)	/* end of input without a newline */
			fputc('\n', stderr);
		set_secret(&m->pass, prompt_buf, len, FROM_OPTION);
	}
	explicit_bzero(prompt_buf, sizeof(prompt_buf));
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	return ret;
}

/* Settle user name, password and domain. */
static int get_credentials(struct mnt *m)
{
	if (m->cred_file && read_credentials(m))
		return EX_USAGE;
	if (read_environment(m))
		return EX_USAGE;
	if (!m->guest && m->user.val && m->pass.from == FROM_NONE) {
		if (isatty(STDIN_FILENO)) {
			if (prompt_password(m))
				return EX_SYSERR;
		} else {
			verbose(m, "no password given and no terminal to ask for one; logging in without a password");
		}
	}
	return EX_OK;
}

/* ------------------------------------------------------------------ */
/* the server's address                                                */
/* ------------------------------------------------------------------ */

static void add_addr(struct mnt *m, const char *a)
{
	size_t i;

	for (i = 0; i < m->naddrs; i++)
		if (!strcmp(m->addrs[i], a))
			return;
	m->addrs = reallocarray(m->addrs, m->naddrs + 1, sizeof(*m->addrs));
	if (!m->addrs)
		oom();
	m->addrs[m->naddrs++] = xstrdup(a);
}

/* ------------------------------------------------------------------ */
/* NetBIOS name queries (RFC 1002, 4.2.12 to 4.2.14)                   */
/* ------------------------------------------------------------------ */

#define NB_PORT		137
#define NB_NAME_LEN	15
#define NB_ENC_LEN	34	/* length byte, 32 letters, root label */
#define NB_HDR_LEN	12
#define NB_QUERY_LEN	(NB_HDR_LEN + NB_ENC_LEN + 4)
#define NB_RR_LEN	(NB_HDR_LEN + NB_ENC_LEN + 10)	/* to RDATA */
#define NB_TRIES	2	/* queries of each name, to each address */
#define NB_WAIT_MS	1000	/* for the answers to one round */
#define NB_GRACE_MS	200	/* for <20> once <00> has answered */
#define NB_MAX_ADDRS	16
#define NB_MAX_BCAST	16

#define NB_RESPONSE	0x8000
#define NB_OPCODE	0x7800
#define NB_RD		0x0100
#define NB_BROADCAST	0x0010
#define NB_RCODE	0x000f
#define NB_TYPE_NB	0x0020
#define NB_CLASS_IN	0x0001

/* The names asked for: the file server service <20>, the machine <00>. */
static const unsigned char nb_types[2] = { 0x20, 0x00 };

enum nb_result {
	NB_IGNORE = -2,		/* not an answer to our queries */
	NB_MALFORMED = -1,	/* an answer, but one that cannot be used */
	NB_FOUND = 0,
	NB_NEGATIVE,		/* the name server does not know the name */
	NB_NO_ANSWER,
	NB_ERROR,		/* err says why */
};

/* One exchange: the queries sent to one server, or by broadcast. */
struct nb_ask {
	int fd;
	bool bcast;
	const struct sockaddr_in *dst;	/* broadcast addresses */
	size_t ndst;
	unsigned short port;
	unsigned char qname[2][NB_ENC_LEN];
	unsigned short tid[2][NB_TRIES];
	bool sent[2][NB_TRIES];
	int rounds;
	bool negative[2];
	int type;			/* of the answer: index in nb_types */
	struct in_addr addr[NB_MAX_ADDRS];
	size_t naddr;
	unsigned int malformed;
	int err;
};

/*
 * The name service's port: 137; the tests run a fake name server on a
 * port of their own, given in SMB1FS_TEST_NBNS_PORT.
 */
static unsigned short nb_port(void)
{
	const char *s = getenv("SMB1FS_TEST_NBNS_PORT");

	if (s && all_digits(s) && strlen(s) <= 5 && atoi(s) > 0 &&
	    atoi(s) < 65536)
		return atoi(s);
	return NB_PORT;
}

/*
 * A name worth asking for: 1 to 15 printable ASCII characters, none of
 * those a NetBIOS name may not have, and no dot (a DNS name).
 */
static bool nb_name_ok(const char *name)
{
	size_t len = strlen(name), i;

	if (!len || len > NB_NAME_LEN)
		return false;
	for (i = 0; i < len; i++)
		if (name[i] <= ' ' || name[i] > '~' ||
		    strchr(".\\/:*?\"<>|[]", name[i]))
			return false;
	return true;
}

/* First-level encoding: the name in capitals, padded with spaces. */
static void nb_encode(unsigned char *out, const char *name,
		      unsigned char type)
{
	size_t len = strlen(name), i;
	unsigned char c;

	out[0] = 32;
	for (i = 0; i < 16; i++) {
		if (i == 15)
			c = type;
		else if (i < len)
			c = toupper((unsigned char)name[i]);
		else
			c = ' ';
		out[1 + 2 * i] = 'A' + (c >> 4);
		out[2 + 2 * i] = 'A' + (c & 15);
	}
	out[33] = 0;
}

static unsigned int get16(const unsigned char *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

static void put16(unsigned char *p, unsigned int v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* A transaction id not used before in this exchange. */
static unsigned short nb_new_tid(const struct nb_ask *a)
{
	static unsigned int seed;
	unsigned short tid;
	int t, r;

	for (;;) {
		if (getrandom(&tid, sizeof(tid), GRND_NONBLOCK) !=
		    sizeof(tid)) {
			if (!seed)
				seed = time(NULL) ^ getpid();
			tid = rand_r(&seed);
		}
		for (t = 0; t < 2; t++)
			for (r = 0; r < a->rounds; r++)
				if (a->sent[t][r] && a->tid[t][r] == tid)
					goto again;
		return tid;
again:
		;
	}
}

/* One round: a query for each name still open, to every address. */
static void nb_send(struct nb_ask *a)
{
	unsigned char pkt[NB_QUERY_LEN];
	int r = a->rounds, t;
	size_t i;
	ssize_t n;

	for (t = 0; t < 2; t++) {
		if (a->negative[t])
			continue;
		a->tid[t][r] = nb_new_tid(a);
		a->sent[t][r] = true;
		memset(pkt, 0, sizeof(pkt));
		put16(pkt, a->tid[t][r]);
		put16(pkt + 2, NB_RD | (a->bcast ? NB_BROADCAST : 0));
		put16(pkt + 4, 1);			/* QDCOUNT */
		memcpy(pkt + NB_HDR_LEN, a->qname[t], NB_ENC_LEN);
		put16(pkt + NB_HDR_LEN + NB_ENC_LEN, NB_TYPE_NB);
		put16(pkt + NB_HDR_LEN + NB_ENC_LEN + 2, NB_CLASS_IN);
		for (i = 0; i < (a->bcast ? a->ndst : 1); i++) {
			if (a->bcast)
				n = sendto(a->fd, pkt, sizeof(pkt), 0,
					   (const struct sockaddr *)&a->dst[i],
					   sizeof(a->dst[i]));
			else
				n = send(a->fd, pkt, sizeof(pkt), 0);
			if (n != sizeof(pkt))
				a->err = n < 0 ? errno : EMSGSIZE;
		}
	}
	a->rounds++;
}

/*
 * Judge a datagram: anyone who can reach our port can send one, so every
 * field and length is checked before it is used.  An answer must carry a
 * transaction id of ours, be a response to a query (opcode 0) and name
 * exactly the name asked for, without a scope.  A positive one has one
 * answer record of type NB, class IN, whose data is whole NB_FLAGS and
 * NB_ADDRESS pairs filling the rest of the datagram to the byte, with at
 * least one address a host can have; the addresses go into a->addr.
 */
static enum nb_result nb_reply(struct nb_ask *a, const unsigned char *p,
			       size_t len, int *type)
{
	struct in_addr addr[NB_MAX_ADDRS];
	unsigned int tid, flags, rdlen, i;
	const unsigned char *rr = p + NB_HDR_LEN + NB_ENC_LEN;
	size_t n = 0;
	int t, r;

	if (len < NB_HDR_LEN)
		return NB_IGNORE;
	tid = get16(p);
	flags = get16(p + 2);
	if (!(flags & NB_RESPONSE))
		return NB_IGNORE;	/* a query: our own broadcast? */
	for (t = 0; t < 2; t++)
		for (r = 0; r < a->rounds; r++)
			if (a->sent[t][r] && a->tid[t][r] == tid)
				goto ours;
	return NB_IGNORE;
ours:
	*type = t;
	if ((flags & NB_OPCODE) || len < NB_RR_LEN ||
	    memcmp(p + NB_HDR_LEN, a->qname[t], NB_ENC_LEN))
		return NB_MALFORMED;
	if (flags & NB_RCODE)
		return NB_NEGATIVE;
	/* QDCOUNT 0, ANCOUNT 1, NSCOUNT 0, ARCOUNT 0 */
	if (get16(p + 4) || get16(p + 6) != 1 || get16(p + 8) ||
	    get16(p + 10))
		return NB_MALFORMED;
	if (get16(rr) != NB_TYPE_NB || get16(rr + 2) != NB_CLASS_IN)
		return NB_MALFORMED;
	rdlen = get16(rr + 8);
	if (!rdlen || rdlen % 6 || len != NB_RR_LEN + (size_t)rdlen)
		return NB_MALFORMED;
	for (i = 0; i < rdlen; i += 6) {
		const unsigned char *e = p + NB_RR_LEN + i + 2;
		unsigned long v = (unsigned long)e[0] << 24 | e[1] << 16 |
				  e[2] << 8 | e[3];

		/* not 0.0.0.0, multicast, class E or broadcast */
		if (!v || e[0] >= 224 || n == NB_MAX_ADDRS)
			continue;
		memcpy(&addr[n++], e, 4);
	}
	if (!n)
		return NB_MALFORMED;
	memcpy(a->addr, addr, n * sizeof(addr[0]));
	a->naddr = n;
	a->type = t;
	return NB_FOUND;
}

/* Wait up to NB_WAIT_MS for the answers to the last round. */
static enum nb_result nb_wait(struct nb_ask *a)
{
	unsigned char buf[1500];
	struct sockaddr_in from;
	struct pollfd pfd = { .fd = a->fd, .events = POLLIN };
	long long deadline = now_ms() + NB_WAIT_MS, left;
	bool have00 = a->naddr > 0;
	enum nb_result res;
	socklen_t flen;
	ssize_t n;
	int t, r;

	while ((left = deadline - now_ms()) > 0) {
		r = poll(&pfd, 1, left);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			a->err = errno;
			return NB_ERROR;
		}
		if (!r)
			break;
		flen = sizeof(from);
		n = recvfrom(a->fd, buf, sizeof(buf), MSG_DONTWAIT,
			     (struct sockaddr *)&from, &flen);
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			/* unicast: ICMP port unreachable and the like */
			a->err = errno;
			if (!a->bcast)
				return NB_ERROR;
			continue;
		}
		/* a name server answers from its port */
		if (a->bcast && (flen != sizeof(from) ||
				 from.sin_family != AF_INET ||
				 from.sin_port != htons(a->port)))
			continue;
		res = nb_reply(a, buf, n, &t);
		switch (res) {
		case NB_FOUND:
			if (t == 0 || a->negative[0])
				return NB_FOUND;
			/* <00>: a little longer for <20> */
			have00 = true;
			if (deadline > now_ms() + NB_GRACE_MS)
				deadline = now_ms() + NB_GRACE_MS;
			break;
		case NB_NEGATIVE:
			/* by broadcast, another host may still answer */
			if (a->bcast)
				break;
			a->negative[t] = true;
			if (have00)
				return NB_FOUND;
			if (a->negative[0] && a->negative[1])
				return NB_NEGATIVE;
			break;
		case NB_MALFORMED:
			a->malformed++;
			break;
		default:
			break;
		}
	}
	return have00 ? NB_FOUND : NB_NO_ANSWER;
}

/* Ask, NB_TRIES rounds at most. */
static enum nb_result nb_ask(struct nb_ask *a, const char *name)
{
	enum nb_result res = NB_NO_ANSWER;
	int t;

	for (t = 0; t < 2; t++)
		nb_encode(a->qname[t], name, nb_types[t]);
	while (a->rounds < NB_TRIES) {
		a->err = 0;
		nb_send(a);
		if (a->err && !a->bcast)
			return NB_ERROR;
		res = nb_wait(a);
		if (res != NB_NO_ANSWER)
			break;
	}
	return res;
}

/* Append to the account of what was tried, "; " between the parts. */
static void tried(char *buf, size_t size, const char *fmt, ...)
	__printf(3, 4);
static void tried(char *buf, size_t size, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len && len + 2 < size) {
		memcpy(buf + len, "; ", 3);
		len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(buf + len, size - len, fmt, ap);
	va_end(ap);
}

/* What an unsuccessful exchange came to, for the message. */
static const char *nb_outcome(char *buf, size_t size, const struct nb_ask *a,
			      enum nb_result res)
{
	if (res == NB_NEGATIVE)
		snprintf(buf, size, "the name is not registered there");
	else if (res == NB_ERROR)
		snprintf(buf, size, "%s", strerror(a->err));
	else if (a->malformed)
		snprintf(buf, size, "no usable answer (%u malformed dropped)",
			 a->malformed);
	else if (a->err)
		snprintf(buf, size, "no answer (%s)", strerror(a->err));
	else
		snprintf(buf, size, "no answer");
	return buf;
}

/*
 * The broadcast address of every interface that is up, not a loopback,
 * and has IPv4 broadcast; their names, separated by spaces, in names.
 */
static size_t nb_broadcasts(struct sockaddr_in *dst, size_t max,
			    unsigned short port, char *names, size_t nsize)
{
	struct ifaddrs *ifa, *i;
	size_t n = 0, j, len;

	names[0] = 0;
	if (getifaddrs(&ifa))
		return 0;
	for (i = ifa; i && n < max; i = i->ifa_next) {
		const struct sockaddr_in *b =
			(const struct sockaddr_in *)i->ifa_broadaddr;
		char abuf[INET_ADDRSTRLEN];

		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET ||
		    !(i->ifa_flags & IFF_UP) ||
		    (i->ifa_flags & IFF_LOOPBACK) ||
		    !(i->ifa_flags & IFF_BROADCAST) || !b ||
		    b->sin_family != AF_INET || !b->sin_addr.s_addr)
			continue;
		for (j = 0; j < n; j++)
			if (dst[j].sin_addr.s_addr == b->sin_addr.s_addr)
				break;
		if (j < n)
			continue;
		memset(&dst[n], 0, sizeof(dst[n]));
		dst[n].sin_family = AF_INET;
		dst[n].sin_port = htons(port);
		dst[n].sin_addr = b->sin_addr;
		n++;
		len = strlen(names);
		if (inet_ntop(AF_INET, &b->sin_addr, abuf, sizeof(abuf)))
			snprintf(names + len, nsize - len, "%s%s (%s)",
				 len ? ", " : "", abuf,
				 i->ifa_name ? i->ifa_name : "?");
	}
	freeifaddrs(ifa);
	return n;
}

/* Take the addresses of an answer; say where they came from. */
static void nb_found(struct mnt *m, const struct nb_ask *a,
		     const char *from)
{
	char buf[INET_ADDRSTRLEN], name[NB_NAME_LEN + 1];
	size_t i;

	for (i = 0; i < a->naddr; i++)
		if (inet_ntop(AF_INET, &a->addr[i], buf, sizeof(buf)))
			add_addr(m, buf);
	for (i = 0; m->host[i] && i < NB_NAME_LEN; i++)
		name[i] = toupper((unsigned char)m->host[i]);
	name[i] = 0;
	/*
	 * A server that answers to NAME<20> answers to that name on the
	 * NetBIOS session service too (port 139), where some old ones
	 * take no other: the kernel calls it so unless servern= is given.
	 */
	if (!a->type) {
		for (i = 0; i < m->fs.n; i++)
			if (!strcmp(m->fs.v[i].key, "servern"))
				break;
		if (i == m->fs.n)
			opt_add(&m->fs, "servern", 7, name, strlen(name));
	}
	if (m->verbose) {
		printf(PROG ": %s resolves to", m->host);
		for (i = 0; i < m->naddrs; i++)
			printf(" %s", m->addrs[i]);
		printf(" (NetBIOS name %s<%02x>, %s)\n", name,
		       nb_types[a->type], from);
		fflush(stdout);
	}
}

/*
 * Look the server's name up by NetBIOS name queries: at the WINS server
 * of wins= (unicast, recursion desired), then by broadcast on the local
 * networks.  why holds what failed so far (the DNS lookup); the final
 * message tells everything that was tried.  Returns EX_OK with the
 * addresses in m->addrs, or EX_FAIL.
 */
static int netbios_lookup(struct mnt *m, char *why, size_t size)
{
	struct sockaddr_in dst[NB_MAX_BCAST], wins;
	unsigned short port = nb_port();
	char names[256], from[64], out[128];
	enum nb_result res;
	struct nb_ask a;
	int one = 1;
	size_t n;

	verbose(m, "%s is not in DNS or the hosts file; asking for it by NetBIOS name",
		m->host);
	if (m->wins) {
		memset(&a, 0, sizeof(a));
		memset(&wins, 0, sizeof(wins));
		wins.sin_family = AF_INET;
		wins.sin_port = htons(port);
		inet_pton(AF_INET, m->wins, &wins.sin_addr);
		a.port = port;
		a.fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (a.fd < 0 || connect(a.fd, (struct sockaddr *)&wins,
					sizeof(wins))) {
			a.err = errno;
			res = NB_ERROR;
		} else {
			res = nb_ask(&a, m->host);
		}
		if (a.fd >= 0)
			close(a.fd);
		if (res == NB_FOUND) {
			snprintf(from, sizeof(from), "from WINS server %s",
				 m->wins);
			nb_found(m, &a, from);
			return EX_OK;
		}
		tried(why, size, "NetBIOS name query to WINS server %s: %s",
		      m->wins, nb_outcome(out, sizeof(out), &a, res));
	}

	n = nb_broadcasts(dst, NB_MAX_BCAST, port, names, sizeof(names));
	if (!n) {
		tried(why, size, "NetBIOS broadcast: no network interface with a broadcast address");
		goto fail;
	}
	verbose(m, "asking for %s by broadcast to %s", m->host, names);
	memset(&a, 0, sizeof(a));
	a.bcast = true;
	a.dst = dst;
	a.ndst = n;
	a.port = port;
	a.fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (a.fd < 0 ||
	    setsockopt(a.fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one))) {
		a.err = errno;
		res = NB_ERROR;
	} else {
		/*
		 * Windows 95 answers to port 137 whatever port the query
		 * came from: take it when it is free (no nmbd here).
		 */
		if (port == NB_PORT) {
			struct sockaddr_in me = {
				.sin_family = AF_INET,
				.sin_port = htons(NB_PORT),
			};

			if (bind(a.fd, (struct sockaddr *)&me, sizeof(me)))
				verbose(m, "port %d is taken (%s); asking from another port",
					NB_PORT, strerror(errno));
		}
		res = nb_ask(&a, m->host);
	}
	if (a.fd >= 0)
		close(a.fd);
	if (res == NB_FOUND) {
		nb_found(m, &a, "by broadcast");
		return EX_OK;
	}
	tried(why, size, "NetBIOS name query by broadcast to %s: %s", names,
	      nb_outcome(out, sizeof(out), &a, res));
fail:
	msg("cannot resolve host name %s: %s", m->host, why);
	return EX_FAIL;
}

static int server_addresses(struct mnt *m)
{
	struct addrinfo hints = {
		.ai_family = AF_UNSPEC,
		.ai_socktype = SOCK_STREAM,
	};
	struct addrinfo *res, *ai;
	char name[256], buf[INET6_ADDRSTRLEN];
	const char *host = m->host;
	size_t len = strlen(host);
	const void *a;
	int ret;

	if (m->ip) {
		add_addr(m, m->ip);
		return EX_OK;
	}
	/* a bracketed IPv6 literal: //[fe80::1]/share */
	if (len > 2 && host[0] == '[' && host[len - 1] == ']') {
		if (len - 2 >= sizeof(name)) {
			msg("cannot resolve host name %s: too long", host);
			return EX_FAIL;
		}
		memcpy(name, host + 1, len - 2);
		name[len - 2] = 0;
		host = name;
		hints.ai_flags = AI_NUMERICHOST;
	}
	ret = getaddrinfo(host, NULL, &hints, &res);
	if (ret) {
		const char *err = ret == EAI_SYSTEM ? strerror(errno) :
						      gai_strerror(ret);
		char why[1024];

		if (host == name || !nb_name_ok(host)) {
			msg("cannot resolve host name %s: %s", m->host, err);
			return EX_FAIL;
		}
		/* the start of an account of what was tried */
		snprintf(why, sizeof(why), "DNS and hosts file: %s", err);
		return netbios_lookup(m, why, sizeof(why));
	}
	for (ai = res; ai; ai = ai->ai_next) {
		if (ai->ai_family == AF_INET)
			a = &((struct sockaddr_in *)ai->ai_addr)->sin_addr;
		else if (ai->ai_family == AF_INET6)
			a = &((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr;
		else
			continue;
		if (inet_ntop(ai->ai_family, a, buf, sizeof(buf)))
			add_addr(m, buf);
	}
	freeaddrinfo(res);
	if (!m->naddrs) {
		msg("cannot resolve host name %s: no IPv4 or IPv6 address",
		    m->host);
		return EX_FAIL;
	}
	if (m->verbose) {
		size_t i;

		printf(PROG ": %s resolves to", m->host);
		for (i = 0; i < m->naddrs; i++)
			printf(" %s", m->addrs[i]);
		putchar('\n');
		fflush(stdout);
	}
	return EX_OK;
}

/* ------------------------------------------------------------------ */
/* mounting                                                            */
/* ------------------------------------------------------------------ */

/*
 * The options for the kernel: the credentials, the other file system
 * options in their order, and the address.
 */
static void kernel_options(const struct mnt *m, const char *addr,
			   struct optlist *out)
{
	size_t i;

	if (m->user.val)
		opt_add(out, "username", 8, m->user.val, strlen(m->user.val));
	if (m->pass.val)
		opt_add(out, "password", 8, m->pass.val, strlen(m->pass.val));
	if (m->dom.val)
		opt_add(out, "domain", 6, m->dom.val, strlen(m->dom.val));
	for (i = 0; i < m->fs.n; i++) {
		const struct opt *o = &m->fs.v[i];

		opt_add(out, o->key, strlen(o->key), o->val,
			o->val ? strlen(o->val) : 0);
	}
	if (addr)
		opt_add(out, "ip", 2, addr, strlen(addr));
}

static bool is_secret_opt(const struct opt *o)
{
	return o->val && is_secret_key(o->key, strlen(o->key));
}

/* "key=val,key" for mount(2) (mask: the password replaced for display). */
static char *join_options(const struct optlist *l, bool mask)
{
	size_t i, len = 1;
	char *s, *p;

	for (i = 0; i < l->n; i++)
		len += strlen(l->v[i].key) + 2 + sizeof(MASK) +
		       (l->v[i].val ? strlen(l->v[i].val) : 0);
	s = malloc(len);
	if (!s)
		oom();
	p = s;
	for (i = 0; i < l->n; i++) {
		const struct opt *o = &l->v[i];

		if (i)
			*p++ = ',';
		p = stpcpy(p, o->key);
		if (o->val) {
			*p++ = '=';
			p = stpcpy(p, mask && is_secret_opt(o) ? MASK : o->val);
		}
	}
	*p = 0;
	return s;
}

static void print_flags(const struct mnt *m)
{
	static const struct { unsigned long f; const char *n; } names[] = {
		{ MS_RDONLY, "ro" }, { MS_NOSUID, "nosuid" },
		{ MS_NODEV, "nodev" }, { MS_NOEXEC, "noexec" },
		{ MS_SYNCHRONOUS, "sync" }, { MS_DIRSYNC, "dirsync" },
		{ MS_REMOUNT, "remount" }, { MS_NOATIME, "noatime" },
		{ MS_NODIRATIME, "nodiratime" }, { MS_RELATIME, "relatime" },
		{ MS_STRICTATIME, "strictatime" }, { MS_LAZYTIME, "lazytime" },
		{ MS_NOSYMFOLLOW, "nosymfollow" },
	};
	size_t i;
	bool first = true;

	if (!m->verbose)
		return;
	printf(PROG ": flags: 0x%lx (", m->flags);
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (m->flags & names[i].f) {
			printf("%s%s", first ? "" : ",", names[i].n);
			first = false;
		}
	}
	printf("%s)\n", first ? "none" : "");
	fflush(stdout);
}

/* A failure worth trying the next address of the server for. */
static bool try_next_address(int err)
{
	return err == ECONNREFUSED || err == EHOSTUNREACH ||
	       err == ENETUNREACH || err == ETIMEDOUT ||
	       err == EADDRNOTAVAIL || err == EAFNOSUPPORT ||
	       err == ECONNRESET;
}

/*
 * Sloppy: an option the kernel does not know is left out.  The kernel
 * says so as "smb1fs: Unknown parameter 'KEY'" (the VFS's words), in the
 * file system context's log or, for mount(2), in the kernel log.
 */
#define UNKNOWN_PARAM	FSTYPE ": Unknown parameter '"

/* The option of l that the message s says is unknown, or -1. */
static int unknown_option(const char *s, const struct optlist *l)
{
	const char *k = strstr(s, UNKNOWN_PARAM), *end;
	size_t i;

	if (!k)
		return -1;
	k += strlen(UNKNOWN_PARAM);
	end = strchr(k, '\'');
	if (!end)
		return -1;
	for (i = 0; i < l->n; i++)
		if (key_is(k, end - k, l->v[i].key))
			return i;
	return -1;
}

/* Leave an unknown option out, of this and of every later attempt. */
static void drop_option(struct mnt *m, const char *key)
{
	size_t i, j;

	if (m->verbose)
		msg("the kernel does not know the option %s; left out (sloppy)",
		    key);
	for (i = j = 0; i < m->fs.n; i++) {
		if (strcmp(m->fs.v[i].key, key)) {
			m->fs.v[j++] = m->fs.v[i];
			continue;
		}
		free(m->fs.v[i].key);
		free_secret(m->fs.v[i].val);
	}
	m->fs.n = j;
}

#ifdef HAVE_NEW_MOUNT_API
static int sys_fsopen(const char *fs, unsigned int flags)
{
	return syscall(__NR_fsopen, fs, flags);
}

static int sys_fsconfig(int fd, unsigned int cmd, const char *key,
			const void *val, int aux)
{
	return syscall(__NR_fsconfig, fd, cmd, key, val, aux);
}

static int sys_fsmount(int fd, unsigned int flags, unsigned int attrs)
{
	return syscall(__NR_fsmount, fd, flags, attrs);
}

static int sys_move_mount(int from_dfd, const char *from, int to_dfd,
			  const char *to, unsigned int flags)
{
	return syscall(__NR_move_mount, from_dfd, from, to_dfd, to, flags);
}

/*
 * Collect what the file system wrote into the context's log: "e smb1fs:
 * ..." for errors, "w ..." warnings, "i ..." information (kept only when
 * verbose).  Added to what fs_log holds already.
 */
static void drain_log(const struct mnt *m, int fd)
{
	char buf[sizeof(fs_log[0])];
	ssize_t n;

	for (;;) {
		n = read(fd, buf, sizeof(buf) - 1);
		if (n <= 0)
			break;
		buf[n] = 0;
		if (buf[n - 1] == '\n')
			buf[--n] = 0;
		if ((buf[0] == 'i' && !m->verbose) ||
		    n_fs_log == ARRAY_SIZE(fs_log))
			continue;
		memcpy(fs_log[n_fs_log++], buf, n + 1);
	}
}

/* Print the collected messages; returns how many errors and warnings. */
static int print_log(void)
{
	int i, n = 0;

	for (i = 0; i < n_fs_log; i++) {
		const char *s = fs_log[i];

		if (s[0] && s[1] == ' ') {
			msg("%s: %s", s[0] == 'e' ? "reason" :
			    s[0] == 'w' ? "warning" : "note", s + 2);
			if (s[0] != 'i')
				n++;
		} else {
			msg("%s", s);
		}
	}
	n_fs_log = 0;
	return n;
}

/*
 * Mount through fsopen/fsconfig/fsmount/move_mount.  Returns 0, an errno,
 * or -1 when the kernel does not have these calls.  What the file system
 * said is left in fs_log.
 */
static int mount_new_api(struct mnt *m, const struct optlist *l)
{
	static const struct { unsigned long f; const char *sb; unsigned int attr; }
	map[] = {
		{ MS_RDONLY,		"ro",		MOUNT_ATTR_RDONLY },
		{ MS_SYNCHRONOUS,	"sync",		0 },
		{ MS_DIRSYNC,		"dirsync",	0 },
		{ MS_LAZYTIME,		"lazytime",	0 },
		{ MS_NOSUID,		NULL,		MOUNT_ATTR_NOSUID },
		{ MS_NODEV,		NULL,		MOUNT_ATTR_NODEV },
		{ MS_NOEXEC,		NULL,		MOUNT_ATTR_NOEXEC },
		{ MS_NOATIME,		NULL,		MOUNT_ATTR_NOATIME },
		{ MS_STRICTATIME,	NULL,		MOUNT_ATTR_STRICTATIME },
		{ MS_NODIRATIME,	NULL,		MOUNT_ATTR_NODIRATIME },
		{ MS_NOSYMFOLLOW,	NULL,		MOUNT_ATTR_NOSYMFOLLOW },
	};
	unsigned int attrs = MOUNT_ATTR_RELATIME;
	int fd, mfd = -1, err = 0, before, j;
	size_t i;

	n_fs_log = 0;
	fd = sys_fsopen(FSTYPE, FSOPEN_CLOEXEC);
	if (fd < 0)
		return errno == ENOSYS ? -1 : errno;

	if (sys_fsconfig(fd, FSCONFIG_SET_STRING, "source", m->source, 0))
		goto fail;
	for (i = 0; i < l->n; i++) {
		const struct opt *o = &l->v[i];

		if (!(o->val ? sys_fsconfig(fd, FSCONFIG_SET_STRING, o->key,
					    o->val, 0) :
			       sys_fsconfig(fd, FSCONFIG_SET_FLAG, o->key,
					    NULL, 0)))
			continue;
		if (errno != EINVAL || !m->sloppy)
			goto fail;
		/* sloppy: is it an option the kernel does not know? */
		before = n_fs_log;
		drain_log(m, fd);
		for (j = before; j < n_fs_log; j++)
			if (unknown_option(fs_log[j], l) == (int)i)
				break;
		if (j == n_fs_log) {
			errno = EINVAL;
			goto fail;
		}
		n_fs_log = before;
		drop_option(m, o->key);
	}
	for (i = 0; i < ARRAY_SIZE(map); i++) {
		if (!(m->flags & map[i].f))
			continue;
		attrs |= map[i].attr;
		if (map[i].sb &&
		    sys_fsconfig(fd, FSCONFIG_SET_FLAG, map[i].sb, NULL, 0))
			goto fail;
	}
	if (sys_fsconfig(fd, FSCONFIG_CMD_CREATE, NULL, NULL, 0))
		goto fail;
	mfd = sys_fsmount(fd, FSMOUNT_CLOEXEC, attrs);
	if (mfd < 0)
		goto fail;
	if (sys_move_mount(mfd, "", AT_FDCWD, m->target,
			   MOVE_MOUNT_F_EMPTY_PATH))
		goto fail;
	drain_log(m, fd);
	close(mfd);
	close(fd);
	return 0;
fail:
	err = errno;
	drain_log(m, fd);
	if (mfd >= 0)
		close(mfd);
	close(fd);
	return err;
}
#endif

/*
 * The kernel log from now on, for mount(2) in sloppy mode, where the
 * kernel's reason goes nowhere else.  -1 when it cannot be read.
 */
static int kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd >= 0)
		lseek(fd, 0, SEEK_END);
	return fd;
}

/* The option of l the kernel logged as unknown since kmsg_open(), or -1. */
static int kmsg_unknown(int fd, const struct optlist *l)
{
	char buf[8192];
	ssize_t n;
	int i = -1;

	while (i < 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		if (n < 0 && (errno == EINTR || errno == EPIPE))
			continue;	/* EPIPE: records were overwritten */
		if (n <= 0)
			break;
		buf[n] = 0;
		i = unknown_option(buf, l);
	}
	return i;
}

/*
 * mount(2).  Returns 0, an errno, or -1 after a message of its own.  In
 * sloppy mode an option the kernel logs as unknown is left out and the
 * mount made again, as often as there are options.
 */
static int mount_legacy(struct mnt *m, struct optlist *l)
{
	char *data;
	size_t i, tries = l->n;
	int err = 0, kfd = -1, kerr = 0, k;

	for (i = 0; i < l->n; i++) {
		const struct opt *o = &l->v[i];

		if (o->val && strchr(o->val, ',')) {
			msg("the value of %s contains a comma, which the mount(2) system call cannot pass",
			    o->key);
			return -1;
		}
	}
	for (;;) {
		if (m->sloppy) {
			kfd = kmsg_open();
			kerr = errno;
		}
		data = join_options(l, false);
		err = mount(m->source, m->target, FSTYPE, m->flags, data) ?
		      errno : 0;
		free_secret(data);
		if (err != EINVAL || !m->sloppy || !tries--)
			break;
		if (kfd < 0) {
			verbose(m, "cannot read the kernel log (%s), so sloppy cannot tell which option the kernel refused",
				strerror(kerr));
			break;
		}
		k = kmsg_unknown(kfd, l);
		close(kfd);
		kfd = -1;
		if (k < 0)
			break;
		drop_option(m, l->v[k].key);
		free(l->v[k].key);
		free_secret(l->v[k].val);
		memmove(&l->v[k], &l->v[k + 1],
			(l->n - k - 1) * sizeof(l->v[0]));
		l->n--;
	}
	if (kfd >= 0)
		close(kfd);
	return err;
}

static void explain(const struct mnt *m, int err)
{
	bool reason;

	msg("mounting %s on %s failed: %s", m->source, m->target,
	    strerror(err));
	reason = print_log() > 0;
	switch (err) {
	case ENODEV:
		msg("the kernel has no smb1fs file system: is the module installed? (modprobe smb1fs)");
		break;
	case EPERM:
		msg("only root can mount smb1fs shares");
		break;
	case ENOENT:
	case ENOTDIR:
		if (!reason && access(m->target, F_OK)) {
			msg("mount point %s does not exist", m->target);
			break;
		}
		fallthrough;
	default:
		if (!reason)
			msg("the kernel log may say why: dmesg | grep smb1fs");
		break;
	}
}

static int do_mount(struct mnt *m)
{
	struct optlist l = { 0 };
	size_t i;
	int err = 0;
	char *shown;

	print_flags(m);
	for (i = 0; i < m->naddrs; i++) {
		bool last = i + 1 == m->naddrs;

		optlist_free(&l);
		kernel_options(m, m->addrs[i], &l);
		if (m->verbose) {
			shown = join_options(&l, true);
			verbose(m, "options: %s", shown);
			free(shown);
		}
		if (m->fake) {
			verbose(m, "fake mount (-f): not mounting");
			break;
		}
#ifdef HAVE_NEW_MOUNT_API
		err = mount_new_api(m, &l);
		if (err < 0) {
			verbose(m, "no fsopen() in this kernel; using mount(2)");
			err = mount_legacy(m, &l);
		}
#else
		err = mount_legacy(m, &l);
#endif
		if (!err || last || !try_next_address(err))
			break;
		if (m->verbose)
			print_log();
		verbose(m, "%s: %s; trying the next address", m->addrs[i],
			strerror(err));
	}
	optlist_free(&l);
	if (err < 0)
		return EX_USAGE;
	if (err) {
		explain(m, err);
		return EX_FAIL;
	}
	print_log();
	if (!m->fake)
		verbose(m, "mounted %s on %s", m->source, m->target);
	return EX_OK;
}

/* Remount: only the generic flags change; the kernel keeps its options. */
static int do_remount(struct mnt *m)
{
	print_flags(m);
	if (m->fake) {
		verbose(m, "fake mount (-f): not remounting");
		return EX_OK;
	}
	if (mount(m->source, m->target, FSTYPE, m->flags, NULL)) {
		explain(m, errno);
		return EX_FAIL;
	}
	return EX_OK;
}

/* -N: the mount namespace to mount in, a path or a PID. */
static int enter_namespace(const char *ns)
{
	char path[64];
	int fd;

	if (*ns && strspn(ns, "0123456789") == strlen(ns)) {
		snprintf(path, sizeof(path), "/proc/%s/ns/mnt", ns);
		ns = path;
	}
	fd = open(ns, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWNS)) {
		msg("cannot enter mount namespace %s: %s", ns, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

/*
 * Clear the stack below the caller: copies of the password made there by
 * the C library (register spills of string functions) are gone with it.
 */
static noinline void clear_stack(void)
{
	char buf[65536];

	explicit_bzero(buf, sizeof(buf));
}

/* Everything, secrets cleared, at exit (also after an early exit()). */
static struct mnt *cleanup_mnt;

static void free_mnt(void)
{
	struct mnt *m = cleanup_mnt;
	size_t i;

	if (!m)
		return;
	cleanup_mnt = NULL;
	free_secret(m->opts);
	optlist_free(&m->fs);
	free_secret(m->user.val);
	free_secret(m->pass.val);
	free_secret(m->dom.val);
	free(m->host);
	free(m->ip);
	free(m->wins);
	free(m->cred_file);
	for (i = 0; i < m->naddrs; i++)
		free(m->addrs[i]);
	free(m->addrs);
	clear_stack();
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 },
	};
	static struct mnt m;
	char *ns = NULL;
	size_t olen = 0;
	int c, ret;

	/* no core dumps or ptrace by others while we hold a password */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	cleanup_mnt = &m;
	atexit(free_mnt);

	while ((c = getopt_long(argc, argv, "o:t:N:sfnvrwhV", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'o': {
			size_t n = strlen(optarg);
			char *p = malloc(olen + n + 2);

			if (!p)
				oom();
			if (olen) {
				memcpy(p, m.opts, olen);
				p[olen++] = ',';
			}
			memcpy(p + olen, optarg, n + 1);
			olen += n;
			free_secret(m.opts);
			m.opts = p;
			scrub_arg(optarg);
			break;
		}
		case 't':
			if (strcmp(optarg, FSTYPE)) {
				msg("this helper mounts only %s, not %s",
				    FSTYPE, optarg);
				return EX_USAGE;
			}
			break;
		case 'N':
			ns = optarg;
			break;
		case 'f':
			m.fake = true;
			break;
		case 'v':
			m.verbose = true;
			break;
		case 'r':
			m.flags |= MS_RDONLY;
			break;
		case 'w':
			m.flags &= ~MS_RDONLY;
			break;
		case 's':
			m.sloppy = true;
			break;
		case 'n':
			break;
		case 'h':
			usage(stdout);
			return EX_OK;
		case 'V':
			printf(PROG " (smb1fs) %s\n", SMB1FS_VERSION);
			return EX_OK;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	if (argc - optind != 2) {
		usage(stderr);
		return EX_USAGE;
	}
	m.source = argv[optind];
	m.target = argv[optind + 1];

	if (parse_source(&m))
		return EX_USAGE;
	if (m.opts)
		parse_options(&m, m.opts);
	free_secret(m.opts);
	m.opts = NULL;

	/* names of uid= and gid= as the caller's user database has them */
	if (!(m.flags & MS_REMOUNT) && check_options(&m))
		return EX_USAGE;
	if (ns && enter_namespace(ns))
		return EX_USAGE;
	if (m.flags & MS_REMOUNT)
		return do_remount(&m);
	ret = get_credentials(&m);
	if (!ret)
		ret = server_addresses(&m);
	if (!ret)
		ret = do_mount(&m);
	return ret;
}
