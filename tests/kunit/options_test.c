// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for smb1fs mount options: the fs_parameter_spec table as the
 * VFS drives it, and the parsing of the //server/share source.
 */

#include <kunit/test.h>
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/slab.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <net/ipv6.h>

#include "../../fs/smb1fs/internal.h"

static struct fs_context *opt_fc(struct kunit *test)
{
	struct file_system_type *type = get_fs_type(SMB1FS_NAME);
	struct fs_context *fc;

	KUNIT_ASSERT_NOT_NULL(test, type);
	fc = fs_context_for_mount(type, 0);
	/* get_fs_type() took a module reference; the fc holds its own */
	module_put(type->owner);
	KUNIT_ASSERT_FALSE(test, IS_ERR(fc));
	return fc;
}

static struct smb1_mount_opts *fc_opts(struct fs_context *fc)
{
	return &((struct smb1_sb_info *)fc->fs_private)->opts;
}

struct opt_case {
	const char *key;
	const char *value;	/* NULL for a flag */
	int ret;
	bool (*check)(const struct smb1_mount_opts *o);
};

static bool port_139(const struct smb1_mount_opts *o) { return o->port == 139; }
static bool user_u(const struct smb1_mount_opts *o)
{
	return o->username && !strcmp(o->username, "u");
}
static bool pass_p(const struct smb1_mount_opts *o)
{
	return o->password && !strcmp(o->password, "p,w");
}
static bool pass_empty(const struct smb1_mount_opts *o)
{
	return o->password && !*o->password;
}
static bool dom_d(const struct smb1_mount_opts *o)
{
	return o->domain && !strcmp(o->domain, "WORKGROUP");
}
static bool ip_v4(const struct smb1_mount_opts *o)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)&o->addr;

	return o->have_addr && sin->sin_family == AF_INET &&
	       sin->sin_addr.s_addr == htonl(0x0a000102);
}
static bool ip_v6(const struct smb1_mount_opts *o)
{
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)&o->addr;

	return o->have_addr && sin6->sin6_family == AF_INET6 &&
	       ipv6_addr_loopback(&sin6->sin6_addr);
}
static bool uid_1000(const struct smb1_mount_opts *o)
{
	return uid_eq(o->uid, KUIDT_INIT(1000));
}
static bool gid_100(const struct smb1_mount_opts *o)
{
	return gid_eq(o->gid, KGIDT_INIT(100));
}
static bool fmode_644(const struct smb1_mount_opts *o) { return o->file_mode == 0644; }
static bool dmode_700(const struct smb1_mount_opts *o) { return o->dir_mode == 0700; }
static bool rsize_64k(const struct smb1_mount_opts *o) { return o->rsize == 65536; }
static bool rsize_rounded(const struct smb1_mount_opts *o) { return o->rsize == 8192; }
static bool actimeo_5(const struct smb1_mount_opts *o) { return o->actimeo == 5 * HZ; }
static bool actimeo_0(const struct smb1_mount_opts *o)
{
	return !o->actimeo;
}
static bool timeout_5(const struct smb1_mount_opts *o) { return o->timeout == 5 * HZ; }
static bool guest_set(const struct smb1_mount_opts *o) { return o->guest; }
static bool servern_set(const struct smb1_mount_opts *o)
{
	return o->servern && !strcmp(o->servern, "NAS");
}
static bool nbname_set(const struct smb1_mount_opts *o)
{
	return o->netbiosname && !strcmp(o->netbiosname, "CLIENT01");
}
static bool sec_lanman(const struct smb1_mount_opts *o)
{
	return o->sec == SMB1_SEC_LANMAN;
}
static bool sec_plain(const struct smb1_mount_opts *o)
{
	return o->sec == SMB1_SEC_PLAINTEXT;
}
static bool sec_none(const struct smb1_mount_opts *o) { return o->sec == SMB1_SEC_NONE; }
static bool sec_ntlm(const struct smb1_mount_opts *o) { return o->sec == SMB1_SEC_NTLM; }
static bool sec_ntlmssp(const struct smb1_mount_opts *o)
{
	return o->sec == SMB1_SEC_NTLMSSP;
}
static bool sec_ntlmv2(const struct smb1_mount_opts *o)
{
	return o->sec == SMB1_SEC_NTLMV2;
}
static bool sec_ntlmsspi(const struct smb1_mount_opts *o)
{
	return o->sec == SMB1_SEC_NTLMSSP && o->sign;
}
static bool sec_ntlmi(const struct smb1_mount_opts *o)
{
	return o->sec == SMB1_SEC_NTLM && o->sign;
}
static bool noperm_set(const struct smb1_mount_opts *o) { return o->noperm; }
static bool wsize_64k(const struct smb1_mount_opts *o) { return o->wsize == 65536; }
static bool no_ids(const struct smb1_mount_opts *o)
{
	return !o->serverino && !o->case_sensitive;
}
static bool case_sens(const struct smb1_mount_opts *o)
{
	return o->serverino && o->case_sensitive;
}
static bool vers_lm2(const struct smb1_mount_opts *o)
{
	return o->vers == BIT(SMB1_PROTO_LANMAN2);
}
static bool vers_any(const struct smb1_mount_opts *o) { return o->vers == SMB1_VERS_ANY; }
static bool vers_core(const struct smb1_mount_opts *o)
{
	return o->vers == BIT(SMB1_PROTO_CORE);
}

static bool cp_850(const struct smb1_mount_opts *o)
{
	return o->codepage && !strcmp(o->codepage, "cp850");
}
static bool iocharset_set(const struct smb1_mount_opts *o)
{
	return o->iocharset && !strcmp(o->iocharset, "iso8859-1");
}
static bool sharepass_set(const struct smb1_mount_opts *o)
{
	return o->sharepass && !strcmp(o->sharepass, "SECRET");
}
static bool hard_set(const struct smb1_mount_opts *o) { return o->hard; }
static bool echo_5(const struct smb1_mount_opts *o)
{
	return o->echo_interval == 5;
}
static bool echo_0(const struct smb1_mount_opts *o)
{
	return !o->echo_interval;
}
static bool defaults(const struct smb1_mount_opts *o)
{
	return o->port == 0 && o->file_mode == 0755 && o->dir_mode == 0755 &&
	       o->rsize == SMB1_DEFAULT_RSIZE && o->actimeo == HZ &&
	       o->timeout == SMB1_DEFAULT_TIMEOUT && !o->hard &&
	       o->echo_interval == SMB1_DEFAULT_ECHO &&
	       !o->guest && !o->username && !o->password &&
	       o->sec == SMB1_SEC_AUTO && !o->vers && !o->codepage &&
	       !o->iocharset && !o->noperm && !o->wsize && !o->domain &&
	       !o->sign && o->serverino && !o->case_sensitive;
}

static const struct opt_case opt_cases[] = {
	{ "port", "139", 0, port_139 },
	{ "port", "0", -EINVAL, defaults },
	{ "port", "65536", -EINVAL, defaults },
	{ "port", "notanumber", -EINVAL, defaults },
	{ "port", NULL, -EINVAL, defaults },
	{ "username", "u", 0, user_u },
	{ "user", "u", 0, user_u },
	{ "password", "p,w", 0, pass_p },
	{ "pass", "p,w", 0, pass_p },
	{ "password", "", 0, pass_empty },
	{ "domain", "WORKGROUP", 0, dom_d },
	{ "dom", "WORKGROUP", 0, dom_d },
	{ "ip", "10.0.1.2", 0, ip_v4 },
	{ "addr", "10.0.1.2", 0, ip_v4 },
	{ "ip", "::1", 0, ip_v6 },
	{ "ip", "[::1]", 0, ip_v6 },
	{ "ip", "nas.example", -EINVAL, defaults },
	{ "ip", "10.0.1.256", -EINVAL, defaults },
	{ "uid", "1000", 0, uid_1000 },
	{ "gid", "100", 0, gid_100 },
	{ "uid", "-1", -EINVAL, defaults },
	{ "file_mode", "0644", 0, fmode_644 },
	{ "file_mode", "644", 0, fmode_644 },
	{ "dir_mode", "0700", 0, dmode_700 },
	{ "file_mode", "0999", -EINVAL, defaults },
	{ "dir_mode", "017777", -EINVAL, defaults },
	{ "rsize", "65536", 0, rsize_64k },
	{ "rsize", "10000", 0, rsize_rounded },
	{ "rsize", "100", -EINVAL, defaults },
	{ "rsize", "1073741824", -EINVAL, defaults },
	{ "actimeo", "5", 0, actimeo_5 },
	{ "actimeo", "0", 0, actimeo_0 },
	{ "actimeo", "864000", -EINVAL, defaults },
	{ "timeout", "5", 0, timeout_5 },
	{ "timeout", "0", -EINVAL, defaults },
	{ "timeout", "3601", -EINVAL, defaults },
	{ "guest", NULL, 0, guest_set },
	{ "sec", "lanman", 0, sec_lanman },
	{ "sec", "plaintext", 0, sec_plain },
	{ "sec", "none", 0, sec_none },
	{ "sec", "auto", 0, defaults },
	{ "sec", "ntlm", 0, sec_ntlm },
	{ "sec", "ntlmssp", 0, sec_ntlmssp },
	{ "sec", "ntlmv2", 0, sec_ntlmv2 },
	{ "sec", "ntlmsspi", 0, sec_ntlmsspi },
	{ "sec", "ntlmi", 0, sec_ntlmi },
	{ "sec", "krb5", -EINVAL, defaults },
	{ "sec", "", -EINVAL, defaults },
	{ "vers", "lanman2", 0, vers_lm2 },
	{ "vers", "1.0", 0, vers_any },
	{ "vers", "core", 0, vers_core },
	{ "vers", "2.0", -EINVAL, defaults },
	{ "codepage", "cp850", 0, cp_850 },
	{ "sharepass", "SECRET", 0, sharepass_set },
	{ "iocharset", "iso8859-1", 0, iocharset_set },
	{ "guest", "yes", -EINVAL, defaults },
	{ "servern", "NAS", 0, servern_set },
	{ "servern", "ABCDEFGHIJKLMNOP", -EINVAL, defaults },
	{ "netbiosname", "CLIENT01", 0, nbname_set },
	{ "netbiosname", "", -EINVAL, defaults },
	{ "hard", NULL, 0, hard_set },
	{ "soft", NULL, 0, defaults },
	{ "hard", "1", -EINVAL, defaults },
	{ "echo_interval", "5", 0, echo_5 },
	{ "echo_interval", "0", 0, echo_0 },
	{ "echo_interval", "3601", -EINVAL, defaults },
	{ "bogus", "1", -EINVAL, defaults },
	/* what a cifs fstab line carries */
	{ "workgroup", "WORKGROUP", 0, dom_d },
	{ "noperm", NULL, 0, noperm_set },
	{ "perm", NULL, 0, defaults },
	{ "cache", "strict", 0, defaults },
	{ "cache", "loose", 0, defaults },
	{ "cache", "none", -EINVAL, defaults },
	{ "cache", "bogus", -EINVAL, defaults },
	{ "wsize", "65536", 0, wsize_64k },
	{ "wsize", "100", -EINVAL, defaults },
	{ "nounix", NULL, 0, defaults },
	{ "noserverino", NULL, 0, no_ids },
	{ "serverino", NULL, 0, defaults },
	{ "serverino", "1", -EINVAL, defaults },
	{ "case", "sensitive", 0, case_sens },
	{ "case", "insensitive", 0, defaults },
	{ "case", "upper", -EINVAL, defaults },
	{ "nocase", NULL, 0, defaults },
	{ "ignorecase", NULL, 0, defaults },
	{ "nobrl", NULL, 0, defaults },
	{ "forceuid", NULL, 0, defaults },
	{ "forcegid", NULL, 0, defaults },
	{ "nosetuids", NULL, 0, defaults },
	{ "noacl", NULL, 0, defaults },
	{ "nouser_xattr", NULL, 0, defaults },
	{ "nomapchars", NULL, 0, defaults },
	{ "nomapposix", NULL, 0, defaults },
	{ "nostrictsync", NULL, 0, defaults },
	{ "nounix", "1", -EINVAL, defaults },
	{ "seal", NULL, -EINVAL, defaults },
	{ "multiuser", NULL, -EINVAL, defaults },
	{ "mfsymlinks", NULL, -EINVAL, defaults },
	{ "snapshot", "1234", -EINVAL, defaults },
	{ "prefixpath", "a/b", -EINVAL, defaults },
	{ "vers", "3.0", -EINVAL, defaults },
	{ "vers", "default", -EINVAL, defaults },
};

static void opt_desc(const struct opt_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s%s%s", c->key,
		 c->value ? "=" : "", c->value ? c->value : "");
}

KUNIT_ARRAY_PARAM(opt, opt_cases, opt_desc);

static void option_test(struct kunit *test)
{
	const struct opt_case *c = test->param_value;
	struct fs_context *fc = opt_fc(test);
	int ret;

	ret = vfs_parse_fs_string(fc, c->key, c->value,
				  c->value ? strlen(c->value) : 0);
	KUNIT_EXPECT_EQ(test, ret, c->ret);
	KUNIT_EXPECT_TRUE(test, c->check(fc_opts(fc)));
	put_fs_context(fc);
}

/* An option given twice: the last one wins, the first is freed. */
static void option_repeat_test(struct kunit *test)
{
	struct fs_context *fc = opt_fc(test);

	KUNIT_EXPECT_EQ(test, vfs_parse_fs_string(fc, "password", "a", 1), 0);
	KUNIT_EXPECT_EQ(test, vfs_parse_fs_string(fc, "password", "p,w", 3), 0);
	KUNIT_EXPECT_TRUE(test, pass_p(fc_opts(fc)));
	/* the last of soft and hard counts */
	KUNIT_EXPECT_EQ(test, vfs_parse_fs_string(fc, "hard", NULL, 0), 0);
	KUNIT_EXPECT_TRUE(test, fc_opts(fc)->hard);
	KUNIT_EXPECT_EQ(test, vfs_parse_fs_string(fc, "soft", NULL, 0), 0);
	KUNIT_EXPECT_FALSE(test, fc_opts(fc)->hard);
	put_fs_context(fc);
}

struct source_case {
	const char *source;
	const char *ip;		/* an ip= option given first, or NULL */
	int ret;
	const char *server;
	const char *share;
	const char *unc;
	sa_family_t family;
	const char *prefix;	/* the subdirectory, NULL for none */
};

static const struct source_case source_cases[] = {
	{ "//127.0.0.1/share", NULL, 0, "127.0.0.1", "share",
	  "\\\\127.0.0.1\\share", AF_INET },
	{ "//127.0.0.1/share/", NULL, 0, "127.0.0.1", "share",
	  "\\\\127.0.0.1\\share", AF_INET },
	{ "\\\\10.1.2.3\\Public", NULL, 0, "10.1.2.3", "Public",
	  "\\\\10.1.2.3\\Public", AF_INET },
	{ "//[::1]/s", NULL, 0, "[::1]", "s", "\\\\[::1]\\s", AF_INET6 },
	{ "//nas/media", "192.168.1.5", 0, "nas", "media",
	  "\\\\nas\\media", AF_INET },
	{ "//nas/media", NULL, -EINVAL },
	{ "//127.0.0.1", NULL, -EINVAL },
	{ "//127.0.0.1/", NULL, -EINVAL },
	{ "///share", NULL, -EINVAL },
	{ "127.0.0.1/share", NULL, -EINVAL },
	{ "//127.0.0.1/share/sub", NULL, 0, "127.0.0.1", "share",
	  "\\\\127.0.0.1\\share", AF_INET, "\\sub" },
	{ "//127.0.0.1/share/a//b/", NULL, 0, "127.0.0.1", "share",
	  "\\\\127.0.0.1\\share", AF_INET, "\\a\\b" },
	{ "\\\\127.0.0.1\\share\\a b\\c", NULL, 0, "127.0.0.1", "share",
	  "\\\\127.0.0.1\\share", AF_INET, "\\a b\\c" },
	{ "//127.0.0.1/share//", NULL, 0, "127.0.0.1", "share",
	  "\\\\127.0.0.1\\share", AF_INET },
	{ "//127.0.0.1/share/a/../b", NULL, -EINVAL },
	{ "//127.0.0.1/share/./b", NULL, -EINVAL },
};

static void source_desc(const struct source_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->source);
}

KUNIT_ARRAY_PARAM(source, source_cases, source_desc);

static void source_test(struct kunit *test)
{
	const struct source_case *c = test->param_value;
	struct fs_context *fc = opt_fc(test);
	struct smb1_mount_opts *o = fc_opts(fc);

	if (c->ip)
		KUNIT_ASSERT_EQ(test, vfs_parse_fs_string(fc, "ip", c->ip,
							  strlen(c->ip)), 0);
	fc->source = kstrdup(c->source, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fc->source);
	KUNIT_ASSERT_EQ(test, smb1_parse_source(fc, o), c->ret);
	if (!c->ret) {
		KUNIT_EXPECT_STREQ(test, o->server, c->server);
		KUNIT_EXPECT_STREQ(test, o->share, c->share);
		KUNIT_EXPECT_STREQ(test, o->unc, c->unc);
		KUNIT_EXPECT_EQ(test, o->addr.ss_family, c->family);
		if (c->prefix)
			KUNIT_EXPECT_STREQ(test, o->prefix, c->prefix);
		else
			KUNIT_EXPECT_NULL(test, o->prefix);
	}
	put_fs_context(fc);
}

static struct kunit_case smb1_options_test_cases[] = {
	KUNIT_CASE_PARAM(option_test, opt_gen_params),
	KUNIT_CASE(option_repeat_test),
	KUNIT_CASE_PARAM(source_test, source_gen_params),
	{}
};

static struct kunit_suite smb1_options_test_suite = {
	.name = "smb1fs_options",
	.test_cases = smb1_options_test_cases,
};

kunit_test_suites(&smb1_options_test_suite);
