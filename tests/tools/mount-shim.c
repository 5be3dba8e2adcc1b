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
 * When fsopen() is called the shim also records the helper's command line
 * and environment as /proc/self shows them ("cmdline: ...", "environ:
 * ..."), and at exit, after the helper's own clean-up, it searches every
 * writable mapping of the process for the password given hex-encoded in
 * $SHIM_SECRET_HEX and records "secret-in-memory: N" (N places found).
 * The secret itself never lies whole in the shim's own memory.
 *
 * Every record is written with write(2) from buffers that are cleared
 * afterwards, so the shim leaves no copy of what it records.
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/syscall.h>

#define SHIM_FSCONFIG_SET_FLAG		0
#define SHIM_FSCONFIG_SET_STRING	1
#define SHIM_FSCONFIG_CMD_CREATE	6

static int fs_fd = -1;		/* the read end handed out as the fs context */
static int fs_log = -1;		/* its write end: the context's log */
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
		record("fsconfig flag %s", key);
		return 0;
	case SHIM_FSCONFIG_SET_STRING:
		record("fsconfig string %s=%s", key, val);
		if (!strcmp(key, "ip"))
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
