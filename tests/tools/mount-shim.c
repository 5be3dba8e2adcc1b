// SPDX-License-Identifier: GPL-2.0
/*
 * Test shim for mount.smb1fs, loaded with LD_PRELOAD by tests/tools/run.sh.
 *
 * It stands in for the kernel: the mount system calls (fsopen, fsconfig,
 * fsmount, move_mount through syscall(2), and mount(2)) are recorded, one
 * line each, in the file $SHIM_LOG and answered as $SHIM_MODE says:
 *
 *   new          the new mount API works and the mount succeeds (default)
 *   legacy       fsopen() answers ENOSYS, mount(2) succeeds
 *   fail         FSCONFIG_CMD_CREATE fails with EACCES and leaves
 *                "e smb1fs: login failed for user u" in the context's log
 *   refuse=ADDR  the mount fails with ECONNREFUSED while ip=ADDR
 *   legacy-fail  fsopen() answers ENOSYS, mount(2) fails with EACCES
 *
 * and as the kernel's option table would:
 *
 *   SHIM_UNKNOWN=K1,K2  options the kernel does not know: fsconfig fails
 *                with EINVAL and "e smb1fs: Unknown parameter
 *                'K1'" in the context's log; mount(2) with any of them
 *                fails with EINVAL and logs the same words to the kernel
 *                log, which is a pipe the shim hands out when the helper
 *                opens /dev/kmsg (without SHIM_KMSG=no)
 *   SHIM_BADVAL=K  fsconfig of option K fails with EINVAL and "e smb1fs:
 *                Bad value for 'K'"
 *
 * SHIM_IFADDRS replaces the network interfaces getifaddrs(3) reports:
 * entries NAME:FLAGS:BROADCAST separated by spaces, FLAGS letters of u
 * (up), b (broadcast), l (loopback), BROADCAST an IPv4 address or "-";
 * set and empty, no interface at all.
 *
 * Every record is written with write(2) from buffers that are cleared
 * afterwards, so the shim leaves no copy of what it records.
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/mount.h>
#include <sys/syscall.h>

#define SHIM_FSCONFIG_SET_FLAG		0
#define SHIM_FSCONFIG_SET_STRING	1
#define SHIM_FSCONFIG_CMD_CREATE	6

static int fs_fd = -1;		/* the read end handed out as the fs context */
static int fs_log = -1;		/* its write end: the context's log */
static int kmsg_w = -1;		/* write end of the last /dev/kmsg handed out */
static char cur_ip[64];

#define __printf(a, b)	__attribute__((format(printf, a, b)))

static void record(const char *fmt, ...) __printf(1, 2);
static void record(const char *fmt, ...)
{
	const char *path = getenv("SHIM_LOG");
	char buf[4096];
	va_list ap;
	int fd, n;

	if (!path)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0) {
		if (write(fd, buf, n) != n)
			n = 0;
		close(fd);
	}
	explicit_bzero(buf, sizeof(buf));
}

/* Record a /proc/self file, NULs shown as spaces. */
static void record_proc(const char *what)
{
	char path[64], buf[8192];
	ssize_t n, i;
	int fd;

	snprintf(path, sizeof(path), "/proc/self/%s", what);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		n = 0;
	for (i = 0; i < n; i++)
		if (!buf[i])
			buf[i] = ' ';
	buf[n] = 0;
	record("%s: %s", what, buf);
	explicit_bzero(buf, sizeof(buf));
}

static const char *mode(void)
{
	const char *m = getenv("SHIM_MODE");

	return m ? m : "new";
}

static int refused(void)
{
	const char *m = mode();

	return !strncmp(m, "refuse=", 7) && !strcmp(m + 7, cur_ip);
}

/* Is key (of length len) in the comma-separated list of $var? */
static int listed(const char *var, const char *key, size_t len)
{
	const char *l = getenv(var), *e;

	while (l && *l) {
		e = strchrnul(l, ',');
		if ((size_t)(e - l) == len && !strncmp(l, key, len))
			return 1;
		l = *e ? e + 1 : e;
	}
	return 0;
}

/* The context's log gets a message, as the kernel's logfc() writes it. */
static int fc_error(const char *fmt, const char *key)
{
	char buf[256];
	int n = snprintf(buf, sizeof(buf), fmt, key);

	if (n > 0 && write(fs_log, buf, n) < 0)
		return -1;
	errno = EINVAL;
	return -1;
}

static long shim_fsopen(const char *fs)
{
	int p[2];

	record("fsopen %s", fs);
	if (!strncmp(mode(), "legacy", 6)) {
		errno = ENOSYS;
		return -1;
	}
	record_proc("cmdline");
	record_proc("environ");
	if (pipe2(p, O_CLOEXEC | O_NONBLOCK))
		return -1;
	fs_fd = p[0];
	fs_log = p[1];
	cur_ip[0] = 0;
	return fs_fd;
}

static long shim_fsconfig(int fd, unsigned int cmd, const char *key,
			  const char *val)
{
	static const char msg[] = "e smb1fs: login failed for user u";

	if (fd != fs_fd) {
		errno = EBADF;
		return -1;
	}
	switch (cmd) {
	case SHIM_FSCONFIG_SET_FLAG:
	case SHIM_FSCONFIG_SET_STRING:
		if (cmd == SHIM_FSCONFIG_SET_FLAG)
			record("fsconfig flag %s", key);
		else
			record("fsconfig string %s=%s", key, val);
		if (listed("SHIM_UNKNOWN", key, strlen(key)))
			return fc_error("e smb1fs: Unknown parameter '%s'",
					key);
		if (listed("SHIM_BADVAL", key, strlen(key)))
			return fc_error("e smb1fs: Bad value for '%s'", key);
		if (cmd == SHIM_FSCONFIG_SET_STRING && !strcmp(key, "ip"))
			snprintf(cur_ip, sizeof(cur_ip), "%s", val);
		return 0;
	case SHIM_FSCONFIG_CMD_CREATE:
		record("fsconfig create");
		if (refused()) {
			errno = ECONNREFUSED;
			return -1;
		}
		if (!strcmp(mode(), "fail")) {
			if (write(fs_log, msg, sizeof(msg) - 1) < 0)
				return -1;
			errno = EACCES;
			return -1;
		}
		return 0;
	default:
		record("fsconfig command %u", cmd);
		errno = EINVAL;
		return -1;
	}
}

long syscall(long nr, ...)
{
	static long (*real)(long, ...);
	long a[6];
	va_list ap;
	int i;

	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);

	switch (nr) {
	case __NR_fsopen:
		return shim_fsopen((const char *)a[0]);
	case __NR_fsconfig:
		return shim_fsconfig(a[0], a[1], (const char *)a[2],
				     (const char *)a[3]);
	case __NR_fsmount:
		record("fsmount attrs=0x%lx", a[2]);
		return open("/dev/null", O_RDONLY | O_CLOEXEC);
	case __NR_move_mount:
		record("move_mount %s", (const char *)a[3]);
		return 0;
	}
	if (!real)
		real = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
	return real(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

int mount(const char *src, const char *target, const char *type,
	  unsigned long flags, const void *data)
{
	const char *d = data ? data : "(null)";

	record("mount %s %s %s flags=0x%lx data=%s", src, target, type, flags,
	       d);
	if (!strcmp(mode(), "legacy-fail")) {
		errno = EACCES;
		return -1;
	}
	/* the first option the kernel does not know, as mount(2) parses */
	while (data && *d) {
		size_t len = strcspn(d, ","), klen = strcspn(d, ",=");
		char buf[256];
		int n;

		if (listed("SHIM_UNKNOWN", d, klen)) {
			n = snprintf(buf, sizeof(buf),
				     "3,%d,100,-;smb1fs: Unknown parameter '%.*s'\n",
				     getpid(), (int)klen, d);
			if (kmsg_w >= 0 && write(kmsg_w, buf, n) < 0)
				n = 0;
			errno = EINVAL;
			return -1;
		}
		d += len;
		if (*d == ',')
			d++;
	}
	d = data ? data : "(null)";
	if (data && getenv("SHIM_LOG")) {
		const char *ip = strstr(d, "ip=");

		if (ip) {
			snprintf(cur_ip, sizeof(cur_ip), "%.*s",
				 (int)strcspn(ip + 3, ","), ip + 3);
			if (refused()) {
				errno = ECONNREFUSED;
				return -1;
			}
		}
	}
	return 0;
}

/* /dev/kmsg is a pipe the shim writes the kernel's words into. */
static int shim_open(const char *path, int flags, mode_t mode, int is64)
{
	static int (*real)(const char *, int, ...);
	static int (*real64)(const char *, int, ...);
	const char *k = getenv("SHIM_KMSG");
	int p[2];

	if (!strcmp(path, "/dev/kmsg") && !(k && !strcmp(k, "no"))) {
		record("open /dev/kmsg");
		if (pipe2(p, O_CLOEXEC | O_NONBLOCK))
			return -1;
		if (kmsg_w >= 0)
			close(kmsg_w);
		kmsg_w = p[1];
		return p[0];
	}
	if (!strcmp(path, "/dev/kmsg")) {
		errno = EACCES;
		return -1;
	}
	if (is64) {
		if (!real64)
			real64 = (int (*)(const char *, int, ...))
				 dlsym(RTLD_NEXT, "open64");
		return real64(path, flags, mode);
	}
	if (!real)
		real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	return real(path, flags, mode);
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return shim_open(path, flags, mode, 0);
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return shim_open(path, flags, mode, 1);
}

#define SHIM_MAX_IF	8
static struct ifaddrs shim_ifa[SHIM_MAX_IF];
static struct sockaddr_in shim_if_addr[SHIM_MAX_IF], shim_if_bcast[SHIM_MAX_IF];
static char shim_if_name[SHIM_MAX_IF][16];

int getifaddrs(struct ifaddrs **ifap)
{
	static int (*real)(struct ifaddrs **);
	const char *spec = getenv("SHIM_IFADDRS");
	char name[16], fl[8], bc[32];
	int n = 0, used;

	if (!spec) {
		if (!real)
			real = (int (*)(struct ifaddrs **))
			       dlsym(RTLD_NEXT, "getifaddrs");
		return real(ifap);
	}
	record("getifaddrs");
	memset(shim_ifa, 0, sizeof(shim_ifa));
	while (n < SHIM_MAX_IF &&
	       sscanf(spec, " %15[^:]:%7[^:]:%31s%n", name, fl, bc, &used) == 3) {
		struct ifaddrs *i = &shim_ifa[n];

		spec += used;
		memcpy(shim_if_name[n], name, sizeof(name));
		i->ifa_name = shim_if_name[n];
		i->ifa_flags = (strchr(fl, 'u') ? IFF_UP : 0) |
			       (strchr(fl, 'b') ? IFF_BROADCAST : 0) |
			       (strchr(fl, 'l') ? IFF_LOOPBACK : 0);
		shim_if_addr[n].sin_family = AF_INET;
		shim_if_addr[n].sin_addr.s_addr = htonl(0xc0000201 + n);
		i->ifa_addr = (struct sockaddr *)&shim_if_addr[n];
		if (strcmp(bc, "-")) {
			shim_if_bcast[n].sin_family = AF_INET;
			inet_pton(AF_INET, bc, &shim_if_bcast[n].sin_addr);
			i->ifa_broadaddr = (struct sockaddr *)&shim_if_bcast[n];
		}
		if (n)
			shim_ifa[n - 1].ifa_next = i;
		n++;
	}
	*ifap = n ? shim_ifa : NULL;
	return 0;
}

void freeifaddrs(struct ifaddrs *ifa)
{
	static void (*real)(struct ifaddrs *);

	if (!ifa || ifa == shim_ifa)
		return;
	if (!real)
		real = (void (*)(struct ifaddrs *))dlsym(RTLD_NEXT, "freeifaddrs");
	real(ifa);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Byte i of the secret, decoded on demand; -1 past its end. */
static int secret_byte(const char *hex, size_t i)
{
	int hi, lo;

	if (!hex[2 * i] || !hex[2 * i + 1])
		return -1;
	hi = hexval(hex[2 * i]);
	lo = hexval(hex[2 * i + 1]);
	return (hi < 0 || lo < 0) ? -1 : hi * 16 + lo;
}

static size_t scan(const unsigned char *p, size_t len, const char *hex)
{
	size_t i, j, found = 0;
	int first = secret_byte(hex, 0);

	for (i = 0; i < len; i++) {
		if (p[i] != first)
			continue;
		for (j = 1; i + j < len; j++) {
			int b = secret_byte(hex, j);

			if (b < 0) {
				found++;
				break;
			}
			if (p[i + j] != b)
				break;
		}
	}
	return found;
}

__attribute__((destructor)) static void shim_exit(void)
{
	const char *hex = getenv("SHIM_SECRET_HEX");
	char line[512];
	size_t found = 0;
	FILE *maps;

	if (!hex || secret_byte(hex, 0) < 0)
		return;
	maps = fopen("/proc/self/maps", "re");
	if (!maps)
		return;
	while (fgets(line, sizeof(line), maps)) {
		unsigned long lo, hi;
		char perms[8];

		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3)
			continue;
		if (perms[0] != 'r' || perms[1] != 'w')
			continue;
		found += scan((const unsigned char *)lo, hi - lo, hex);
	}
	fclose(maps);
	record("secret-in-memory: %zu", found);
}
