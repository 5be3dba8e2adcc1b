// SPDX-License-Identifier: GPL-2.0
/*
 * smb1fs: mount an SMB1/CIFS share.  Mount options, the superblock and
 * module registration.
 */

#include <linux/module.h>
#include <linux/fs_parser.h>
#include <linux/inet.h>
#include <linux/slab.h>
#include <linux/seq_file.h>
#include <linux/statfs.h>
#include <linux/utsname.h>
#include <linux/ctype.h>
#include <linux/backing-dev.h>
#include <linux/pagemap.h>
#include <linux/sizes.h>

#include "internal.h"

#define SMB1_DEFAULT_MODE	0755
#define SMB1_DEFAULT_ACTIMEO	1	/* seconds */
#define SMB1_MAX_ACTIMEO	(24 * 60 * 60)
#define SMB1_MAX_TIMEOUT	(60 * 60)	/* seconds */
/* the share of the dirty threshold a mount may hold (percent) */
#define SMB1_BDI_MAX_RATIO	25
#define SMB1_DEFAULT_SERVERN	SMB1_NB_ANY_NAME

enum smb1_param {
	Opt_username, Opt_password, Opt_domain, Opt_ip, Opt_port,
	Opt_servern, Opt_netbiosname, Opt_uid, Opt_gid, Opt_file_mode,
	Opt_dir_mode, Opt_rsize, Opt_actimeo, Opt_timeout, Opt_guest, Opt_sec,
	Opt_vers, Opt_codepage, Opt_sharepass, Opt_iocharset, Opt_sign,
	Opt_soft, Opt_hard, Opt_echo_interval, Opt_noperm, Opt_perm,
	Opt_cache, Opt_wsize, Opt_serverino, Opt_nocase, Opt_case,
	Opt_cifs_same,
};

/* cifs's names with a trailing "i" also ask for signing, as "sign" does */
#define SMB1_SEC_SIGN	0x100

static const struct constant_table smb1_sec_names[] = {
	{ "auto",	SMB1_SEC_AUTO },
	{ "lanman",	SMB1_SEC_LANMAN },
	{ "none",	SMB1_SEC_NONE },
	{ "ntlm",	SMB1_SEC_NTLM },
	{ "ntlmi",	SMB1_SEC_NTLM | SMB1_SEC_SIGN },
	{ "ntlmssp",	SMB1_SEC_NTLMSSP },
	{ "ntlmsspi",	SMB1_SEC_NTLMSSP | SMB1_SEC_SIGN },
	{ "ntlmv2",	SMB1_SEC_NTLMV2 },
	{ "ntlmv2i",	SMB1_SEC_NTLMV2 | SMB1_SEC_SIGN },
	{ "plaintext",	SMB1_SEC_PLAINTEXT },
	{}
};

static unsigned int smb1_sec_index(enum smb1_sec sec)
{
	unsigned int i;

	for (i = 0; smb1_sec_names[i].name; i++)
		if (smb1_sec_names[i].value == sec)
			return i;
	return 0;
}

/* which dialect families may be offered */
static const struct constant_table smb1_vers_names[] = {
	{ "1.0",	SMB1_VERS_ANY },
	{ "core",	BIT(SMB1_PROTO_CORE) },
	{ "lanman1",	BIT(SMB1_PROTO_LANMAN1) },
	{ "lanman2",	BIT(SMB1_PROTO_LANMAN2) },
	{ "nt1",	BIT(SMB1_PROTO_NT) },
	{}
};

/*
 * cache=: smb1fs keeps file data in the page cache and checks it against
 * the server's size and time on open and after actimeo; "strict" and
 * "loose" of cifs both come to that.
 */
/* case=: how the share compares names (nocase and ignorecase: insensitive) */
static const struct constant_table smb1_case_names[] = {
	{ "insensitive", 0 },
	{ "sensitive",	1 },
	{}
};

static const struct constant_table smb1_cache_names[] = {
	{ "loose",	0 },
	{ "strict",	0 },
	{}
};

#define smb1_param_str(name, opt) \
	__fsparam(fs_param_is_string, name, opt, fs_param_can_be_empty, NULL)

/*
 * Options of cifs that mean what smb1fs always does, so that an fstab
 * line written for cifs mounts: no Unix extensions, inode numbers of our
 * own, owner and group from uid= and gid=, no byte-range locks, no ACLs
 * or extended attributes, no character remapping, no set-id bits.
 */
#define smb1_param_same(name)	fsparam_flag(name, Opt_cifs_same)

const struct fs_parameter_spec smb1_fs_parameters[] = {
	smb1_param_str("username",	Opt_username),
	smb1_param_str("user",		Opt_username),
	smb1_param_str("password",	Opt_password),
	smb1_param_str("pass",		Opt_password),
	smb1_param_str("domain",	Opt_domain),
	smb1_param_str("dom",		Opt_domain),
	fsparam_string("ip",		Opt_ip),
	fsparam_string("addr",		Opt_ip),
	fsparam_u32("port",		Opt_port),
	fsparam_string("servern",	Opt_servern),
	fsparam_string("netbiosname",	Opt_netbiosname),
	fsparam_u32("uid",		Opt_uid),
	fsparam_u32("gid",		Opt_gid),
	fsparam_u32oct("file_mode",	Opt_file_mode),
	fsparam_u32oct("dir_mode",	Opt_dir_mode),
	fsparam_u32("rsize",		Opt_rsize),
	fsparam_u32("actimeo",		Opt_actimeo),
	fsparam_u32("timeout",		Opt_timeout),
	fsparam_flag("guest",		Opt_guest),
	fsparam_enum("sec",		Opt_sec, smb1_sec_names),
	fsparam_enum("vers",		Opt_vers, smb1_vers_names),
	fsparam_string("codepage",	Opt_codepage),
	smb1_param_str("sharepass",	Opt_sharepass),
	fsparam_string("iocharset",	Opt_iocharset),
	fsparam_flag("sign",		Opt_sign),
	fsparam_flag("soft",		Opt_soft),
	fsparam_flag("hard",		Opt_hard),
	fsparam_u32("echo_interval",	Opt_echo_interval),
	smb1_param_str("workgroup",	Opt_domain),
	fsparam_flag("noperm",		Opt_noperm),
	fsparam_flag("perm",		Opt_perm),
	fsparam_enum("cache",		Opt_cache, smb1_cache_names),
	fsparam_u32("wsize",		Opt_wsize),
	fsparam_flag_no("serverino",	Opt_serverino),
	fsparam_flag("nocase",		Opt_nocase),
	fsparam_flag("ignorecase",	Opt_nocase),
	fsparam_enum("case",		Opt_case, smb1_case_names),
	smb1_param_same("nounix"),
	smb1_param_same("nobrl"),
	smb1_param_same("forceuid"),
	smb1_param_same("forcegid"),
	smb1_param_same("nosetuids"),
	smb1_param_same("noacl"),
	smb1_param_same("nouser_xattr"),
	smb1_param_same("nomapchars"),
	smb1_param_same("nomapposix"),
	smb1_param_same("nostrictsync"),
	{}
};

/*
 * cifs options that cannot apply to smb1fs, each refused with the
 * reason, whether given with a value or without.
 */
static const struct {
	const char *name;
	const char *why;
} smb1_cifs_refused[] = {
	{ "seal",	"SMB1 has no encryption" },
	{ "multiuser",	"one mount is one SMB session of the user who mounted" },
	{ "sfu",	"special files are not emulated" },
	{ "mfsymlinks",	"symbolic links are not emulated" },
	{ "fsc",	"there is no local cache (FS-Cache)" },
	{ "unix",	"the CIFS Unix extensions are not used" },
	{ "linux",	"the CIFS Unix extensions are not used" },
	{ "posix",	"the CIFS Unix extensions are not used" },
	{ "rdma",	"SMB Direct is SMB3 only" },
	{ "persistenthandles", "durable handles are SMB3 only" },
	{ "resilienthandles", "durable handles are SMB3 only" },
	{ "snapshot",	"previous versions are SMB2 and later" },
	{ "prefixpath",	"mount //server/share/dir/subdir instead" },
};

/* One message for a cifs option or value smb1fs cannot honour. */
static int smb1_refuse_cifs(struct fs_context *fc,
			    const struct fs_parameter *param)
{
	const char *v = param->type == fs_value_is_string ? param->string : NULL;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(smb1_cifs_refused); i++)
		if (!strcmp(param->key, smb1_cifs_refused[i].name))
			return invalfc(fc, "%s is not supported: %s", param->key,
				       smb1_cifs_refused[i].why);
	if (!v)
		return 0;
	if (!strcmp(param->key, "vers") && (v[0] == '2' || v[0] == '3' ||
					    !strcmp(v, "default")))
		return invalfc(fc, "vers=%s is not supported: smb1fs speaks SMB1 (vers=1.0); SMB2 and SMB3 servers are for the cifs client",
			       v);
	if (!strcmp(param->key, "cache") && strcmp(v, "strict") &&
	    strcmp(v, "loose"))
		return invalfc(fc, "cache=%s is not supported: file data is cached and checked on open (cache=strict)",
			       v);
	return 0;
}

/* Replace *dst with the parameter's string, taking ownership of it. */
static void smb1_take_string(char **dst, struct fs_parameter *param,
			     bool sensitive)
{
	if (sensitive)
		kfree_sensitive(*dst);
	else
		kfree(*dst);
	*dst = param->string;
	param->string = NULL;
}

static int smb1_parse_addr(const char *s, struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	size_t len = strlen(s);

	memset(ss, 0, sizeof(*ss));
	if (len > 2 && s[0] == '[' && s[len - 1] == ']') {
		s++;
		len -= 2;
	}
	if (in4_pton(s, len, (u8 *)&sin->sin_addr, -1, NULL)) {
		sin->sin_family = AF_INET;
		return 0;
	}
	if (in6_pton(s, len, (u8 *)&sin6->sin6_addr, -1, NULL)) {
		sin6->sin6_family = AF_INET6;
		return 0;
	}
	return -EINVAL;
}

static int smb1_parse_param(struct fs_context *fc, struct fs_parameter *param)
{
	struct smb1_sb_info *sbi = fc->fs_private;
	struct smb1_mount_opts *o = &sbi->opts;
	struct fs_parse_result result;
	int opt;

	opt = smb1_refuse_cifs(fc, param);
	if (opt)
		return opt;
	opt = fs_parse(fc, smb1_fs_parameters, param, &result);
	if (opt < 0)
		return opt;

	switch (opt) {
	case Opt_username:
		smb1_take_string(&o->username, param, false);
		break;
	case Opt_password:
		smb1_take_string(&o->password, param, true);
		break;
	case Opt_domain:
		smb1_take_string(&o->domain, param, false);
		break;
	case Opt_ip:
		if (smb1_parse_addr(param->string, &o->addr))
			return invalfc(fc, "ip=%s is not an IPv4 or IPv6 address",
				       param->string);
		o->have_addr = true;
		break;
	case Opt_port:
		if (!result.uint_32 || result.uint_32 > 65535)
			return invalfc(fc, "port=%u is out of range",
				       result.uint_32);
		o->port = result.uint_32;
		break;
	case Opt_servern:
	case Opt_netbiosname:
		if (!*param->string || strlen(param->string) > NB_NAME_LEN - 1)
			return invalfc(fc, "%s must be 1 to 15 characters",
				       param->key);
		smb1_take_string(opt == Opt_servern ? &o->servern :
				 &o->netbiosname, param, false);
		break;
	case Opt_uid:
		o->uid = make_kuid(current_user_ns(), result.uint_32);
		if (!uid_valid(o->uid))
			return invalfc(fc, "uid=%u is not valid here",
				       result.uint_32);
		break;
	case Opt_gid:
		o->gid = make_kgid(current_user_ns(), result.uint_32);
		if (!gid_valid(o->gid))
			return invalfc(fc, "gid=%u is not valid here",
				       result.uint_32);
		break;
	case Opt_file_mode:
	case Opt_dir_mode:
		if (result.uint_32 & ~07777)
			return invalfc(fc, "%s=%o has bits beyond 07777",
				       param->key, result.uint_32);
		if (opt == Opt_file_mode)
			o->file_mode = result.uint_32;
		else
			o->dir_mode = result.uint_32;
		break;
	case Opt_rsize:
	case Opt_wsize:
		if (result.uint_32 < PAGE_SIZE || result.uint_32 > SMB1_MAX_RSIZE)
			return invalfc(fc, "%s=%u must be between %lu and %u",
				       param->key, result.uint_32, PAGE_SIZE,
				       SMB1_MAX_RSIZE);
		*(opt == Opt_rsize ? &o->rsize : &o->wsize) =
			round_down(result.uint_32, PAGE_SIZE);
		break;
	case Opt_actimeo:
		if (result.uint_32 > SMB1_MAX_ACTIMEO)
			return invalfc(fc, "actimeo=%u is more than a day",
				       result.uint_32);
		o->actimeo = result.uint_32 * HZ;
		break;
	case Opt_timeout:
		if (!result.uint_32 || result.uint_32 > SMB1_MAX_TIMEOUT)
			return invalfc(fc, "timeout=%u must be between 1 and %u seconds",
				       result.uint_32, SMB1_MAX_TIMEOUT);
		o->timeout = result.uint_32 * HZ;
		break;
	case Opt_guest:
		o->guest = true;
		break;
	case Opt_sec:
		o->sec = result.uint_32 & ~SMB1_SEC_SIGN;
		if (result.uint_32 & SMB1_SEC_SIGN)
			o->sign = true;
		break;
	case Opt_vers:
		o->vers = result.uint_32;
		break;
	case Opt_codepage:
		smb1_take_string(&o->codepage, param, false);
		break;
	case Opt_sharepass:
		smb1_take_string(&o->sharepass, param, true);
		break;
	case Opt_iocharset:
		smb1_take_string(&o->iocharset, param, false);
		break;
	case Opt_sign:
		o->sign = true;
		break;
	case Opt_soft:
	case Opt_hard:
		o->hard = opt == Opt_hard;
		break;
	case Opt_echo_interval:
		if (result.uint_32 > SMB1_MAX_ECHO)
			return invalfc(fc, "echo_interval=%u is more than an hour",
				       result.uint_32);
		o->echo_interval = result.uint_32;
		break;
	case Opt_noperm:
	case Opt_perm:
		o->noperm = opt == Opt_noperm;
		break;
	case Opt_serverino:
		o->serverino = !result.negated;
		break;
	case Opt_nocase:
		o->case_sensitive = false;
		break;
	case Opt_case:
		o->case_sensitive = result.uint_32;
		break;
	case Opt_cache:
	case Opt_cifs_same:
		break;
	}
	return 0;
}

/*
 * The subdirectory of "//server/share/sub/dir" as the server path
 * "\\sub\\dir" in o->prefix; none for "//server/share" or a trailing
 * separator.  Empty components are skipped; "." and ".." are refused.
 */
static int smb1_parse_prefix(struct fs_context *fc, struct smb1_mount_opts *o,
			     const char *rest)
{
	size_t n, len = 0;
	char *p;

	o->prefix = kmalloc(strlen(rest) + 2, GFP_KERNEL);
	if (!o->prefix)
		return -ENOMEM;
	p = o->prefix;
	while (*rest) {
		rest += strspn(rest, "/\\");
		n = strcspn(rest, "/\\");
		if (!n)
			break;
		if ((n == 1 && rest[0] == '.') ||
		    (n == 2 && rest[0] == '.' && rest[1] == '.'))
			return invalfc(fc, "source %s: the path in the share may not contain . or ..",
				       fc->source);
		p[len++] = '\\';
		memcpy(p + len, rest, n);
		len += n;
		rest += n;
	}
	p[len] = '\0';
	if (!len) {
		kfree(o->prefix);
		o->prefix = NULL;
	}
	return 0;
}

/*
 * Split "//server/share[/sub/dir]" (or with backslashes) into server,
 * share and subdirectory, and build the UNC name "\\server\share" that
 * TREE_CONNECT wants.
 */
int smb1_parse_source(struct fs_context *fc, struct smb1_mount_opts *o)
{
	const char *s = fc->source;
	const char *server, *share, *end;

	if (!s)
		return invalfc(fc, "no source given: use //server/share");
	if (!((s[0] == '/' && s[1] == '/') || (s[0] == '\\' && s[1] == '\\')))
		return invalfc(fc, "source %s is not of the form //server/share", s);
	server = s + 2;
	share = strpbrk(server, "/\\");
	if (!share || share == server || !share[1])
		return invalfc(fc, "source %s is not of the form //server/share", s);
	end = strpbrk(share + 1, "/\\");
	if (end) {
		int ret = smb1_parse_prefix(fc, o, end);

		if (ret)
			return ret;
	}

	o->server = kstrndup(server, share - server, GFP_KERNEL);
	share++;
	o->share = end ? kstrndup(share, end - share, GFP_KERNEL) :
			 kstrdup(share, GFP_KERNEL);
	if (!o->server || !o->share)
		return -ENOMEM;
	o->unc = kasprintf(GFP_KERNEL, "\\\\%s\\%s", o->server, o->share);
	if (!o->unc)
		return -ENOMEM;

	if (!o->have_addr) {
		if (smb1_parse_addr(o->server, &o->addr))
			return invalfc(fc, "server %s is not an IP address; give ip= or mount through mount.smb1fs, which resolves names",
				       o->server);
		o->have_addr = true;
	}
	return 0;
}

/* Our NetBIOS name by default: the host name up to its first dot. */
static char *smb1_default_netbiosname(void)
{
	char name[NB_NAME_LEN];
	const char *host = utsname()->nodename;
	int i;

	for (i = 0; i < NB_NAME_LEN - 1 && host[i] && host[i] != '.'; i++)
		name[i] = toupper(host[i]);
	name[i] = 0;
	return kstrdup(i ? name : "LINUX", GFP_KERNEL);
}

/* ---------------------------------------------------------------- */
/* superblock                                                        */
/* ---------------------------------------------------------------- */

void smb1_free_opts(struct smb1_mount_opts *o)
{
	kfree(o->server);
	kfree(o->share);
	kfree(o->unc);
	kfree(o->username);
	kfree_sensitive(o->password);
	kfree(o->domain);
	kfree(o->servern);
	kfree(o->netbiosname);
	kfree(o->codepage);
	kfree_sensitive(o->sharepass);
	kfree(o->iocharset);
	kfree(o->prefix);
	memset(o, 0, sizeof(*o));
}

static void smb1_free_sbi(struct smb1_sb_info *sbi)
{
	if (!sbi)
		return;
	if (sbi->local)
		unload_nls(sbi->local);
	smb1_free_opts(&sbi->opts);
	kfree(sbi);
}

static int smb1_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	struct smb1_fs_size fs;
	u64 unit;
	int ret;

	buf->f_type = SMB1FS_SUPER_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;

	ret = smb1_query_fs_size(SMB1_SB(dentry->d_sb)->conn, &fs);
	/* a server without this information level reports no sizes */
	if (ret == -EOPNOTSUPP || ret == -EINVAL)
		return 0;
	if (ret)
		return ret;
	unit = (u64)fs.sectors_per_unit * fs.bytes_per_sector;
	if (!unit || unit > SZ_1G || fs.free_units > fs.total_units) {
		smb1_err("server reports an implausible file system size");
		return -EIO;
	}
	buf->f_bsize = unit;
	buf->f_frsize = unit;
	buf->f_blocks = fs.total_units;
	buf->f_bfree = fs.free_units;
	buf->f_bavail = fs.free_units;
	return 0;
}

static int smb1_show_options(struct seq_file *m, struct dentry *root)
{
	struct smb1_sb_info *sbi = SMB1_SB(root->d_sb);
	struct smb1_mount_opts *o = &sbi->opts;

	if (o->guest)
		seq_puts(m, ",guest");
	else if (o->username)
		seq_show_option(m, "username", o->username);
	if (o->domain)
		seq_show_option(m, "domain", o->domain);
	seq_printf(m, ",addr=%pISc,port=%u", &o->addr, sbi->conn->port);
	if (o->servern)
		seq_show_option(m, "servern", o->servern);
	seq_printf(m, ",uid=%u,gid=%u,file_mode=0%o,dir_mode=0%o",
		   from_kuid_munged(&init_user_ns, o->uid),
		   from_kgid_munged(&init_user_ns, o->gid),
		   o->file_mode, o->dir_mode);
	seq_printf(m, ",rsize=%u,actimeo=%u,timeout=%lu",
		   smb1_read_size(sbi->conn, o->rsize), o->actimeo / HZ,
		   o->timeout / HZ);
	seq_printf(m, ",sec=%s", smb1_sec_names[smb1_sec_index(o->sec)].name);
	if (o->vers && o->vers != SMB1_VERS_ANY)
		seq_printf(m, ",vers=%s", o->vers == BIT(SMB1_PROTO_NT) ? "nt1" :
			   o->vers == BIT(SMB1_PROTO_LANMAN2) ? "lanman2" :
			   o->vers == BIT(SMB1_PROTO_LANMAN1) ? "lanman1" :
			   "core");
	if (sbi->conn->oem)
		seq_show_option(m, "codepage", sbi->conn->oem->charset);
	if (sbi->local)
		seq_show_option(m, "iocharset", sbi->local->charset);
	/* whether asked for or required by the server */
	if (sbi->conn->signing)
		seq_puts(m, ",sign");
	seq_printf(m, ",%s,echo_interval=%u", o->hard ? "hard" : "soft",
		   o->echo_interval);
	if (o->noperm)
		seq_puts(m, ",noperm");
	/* the largest write, as wsize, the server and the port allow */
	seq_printf(m, ",wsize=%u", smb1_write_size(sbi->conn, o->wsize));
	/* whether the server's file ids are in use */
	seq_puts(m, sbi->ids ? ",serverino" : ",noserverino");
	if (o->case_sensitive)
		seq_puts(m, ",case=sensitive");
	return 0;
}

/* The connection's state and counters, in /proc/self/mountstats */
static int smb1_show_stats(struct seq_file *m, struct dentry *root)
{
	struct smb1_sb_info *sbi = SMB1_SB(root->d_sb);
	struct smb1_conn *conn = sbi->conn;
	const char *auth = READ_ONCE(conn->auth);

	smb1_conn_show_stats(m, conn);
	seq_printf(m, " auth=%s", auth ?: "none");
	/* the largest read, as rsize, the server and the port allow */
	seq_printf(m, " read_size=%u", smb1_read_size(conn, sbi->opts.rsize));
	seq_printf(m, " write_size=%u",
		   smb1_write_size(conn, sbi->opts.wsize));
	return 0;
}

static const struct super_operations smb1_super_ops = {
	.alloc_inode	= smb1_alloc_inode,
	.free_inode	= smb1_free_inode,
	.evict_inode	= smb1_evict_inode,
	.statfs		= smb1_statfs,
	.show_options	= smb1_show_options,
	.show_stats	= smb1_show_stats,
};

/*
 * Log in again on a new link, as the mount did: the reconnect worker
 * calls this with the new socket in place.  Errors go to the kernel log.
 */
static int smb1_relogin(struct smb1_conn *conn, void *arg)
{
	struct smb1_sb_info *sbi = arg;
	int ret;

	ret = smb1_negotiate(conn, &sbi->opts, NULL);
	if (!ret)
		ret = smb1_session_setup(conn, &sbi->opts, NULL);
	if (!ret)
		ret = smb1_tree_connect(conn, &sbi->opts, NULL);
	return ret;
}

/* Connect, log in and attach to the share. */
static int smb1_connect_share(struct smb1_sb_info *sbi, struct fs_context *fc)
{
	struct smb1_mount_opts *o = &sbi->opts;
	struct smb1_conn_params p = {
		.addr = &o->addr,
		.port = o->port,
		.called_name = o->servern ? o->servern : SMB1_DEFAULT_SERVERN,
		.calling_name = o->netbiosname,
		.timeout = o->timeout,
		.case_sensitive = o->case_sensitive,
	};
	int ret;

	ret = smb1_conn_open(&p, &sbi->conn, fc);
	if (ret)
		return ret;
	ret = smb1_negotiate(sbi->conn, o, fc);
	if (!ret)
		ret = smb1_session_setup(sbi->conn, o, fc);
	if (!ret)
		ret = smb1_tree_connect(sbi->conn, o, fc);
	return ret;
}

static int smb1_fill_super(struct super_block *sb, struct fs_context *fc)
{
	struct smb1_sb_info *sbi = fc->fs_private;
	struct smb1_fattr fa;
	struct smb1_ikey k;
	struct inode *root;
	u32 rsize;
	int ret;

	fc->fs_private = NULL;
	sb->s_fs_info = sbi;
	sb->s_magic = SMB1FS_SUPER_MAGIC;
	sb->s_op = &smb1_super_ops;
	sbi->nocase = !sbi->opts.case_sensitive;
	sb->s_d_op = sbi->nocase ? &smb1_ci_dentry_ops : &smb1_dentry_ops;
	/* read-write unless mounted ro; access times stay the server's */
	sb->s_flags |= SB_NODIRATIME | SB_NOATIME;
	sb->s_time_gran = 100;
	sb->s_maxbytes = MAX_LFS_FILESIZE;
	sb->s_blocksize = PAGE_SIZE;
	sb->s_blocksize_bits = PAGE_SHIFT;

	ret = smb1_connect_share(sbi, fc);
	if (ret)
		return ret;
	/* offsets of 32 bits without CAP_LARGE_FILES: a file ends at 4 GiB */
	if (!sbi->conn->offset64)
		sb->s_maxbytes = U32_MAX;
	/*
	 * Without the NT levels times are whole seconds: DOS dates and times
	 * (1980-2107, in steps of two seconds; smb1_setattr() rounds) or,
	 * from the core protocol's QUERY_INFORMATION, seconds since 1970 in
	 * 32 bits.
	 */
	if (sbi->conn->level != SMB1_LEVEL_NT) {
		sb->s_time_gran = NSEC_PER_SEC;
		sb->s_time_min = SMB1_DOS_TIME_MIN;
		sb->s_time_max = sbi->conn->level == SMB1_LEVEL_CORE ?
				 U32_MAX : SMB1_DOS_TIME_MAX;
	}

	ret = super_setup_bdi(sb);
	if (ret)
		return ret;
	/*
	 * A server that stops answering must not hold the machine's whole
	 * allowance of dirty memory, with every other writer throttled
	 * behind it: this mount's dirty pages are held to a share of the
	 * dirty threshold, counted for the mount alone (both tunable in
	 * /sys/class/bdi/).
	 */
	sb->s_bdi->capabilities |= BDI_CAP_STRICTLIMIT;
	ret = bdi_set_max_ratio(sb->s_bdi, SMB1_BDI_MAX_RATIO);
	if (ret)
		return ret;
	/*
	 * A signed message's MAC covers the data of a write: its pages
	 * must not change between the MAC and the send, nor before a
	 * resend.  A mount that signs keeps signing (smb1_sign_choose()).
	 */
	if (sbi->conn->signing)
		sb->s_iflags |= SB_I_STABLE_WRITES;
	rsize = smb1_read_size(sbi->conn, sbi->opts.rsize);
	sb->s_bdi->io_pages = max_t(unsigned long, rsize >> PAGE_SHIFT, 1);
	/* readahead keeps up to four reads of rsize in flight */
	sb->s_bdi->ra_pages = max_t(unsigned long, 4 * sb->s_bdi->io_pages,
				    VM_READAHEAD_PAGES);

	/* the root's reply tells whether the server gives file ids */
	WRITE_ONCE(sbi->conn->want_ids, sbi->opts.serverino &&
		   (sbi->conn->caps & CAP_INFOLEVEL_PASSTHRU));
	ret = smb1_query_path_info(sbi->conn, sbi->opts.prefix ?: "", &fa);
	if (ret == -ENOENT && sbi->opts.prefix) {
		smb1_fc_err(fc, "%s does not exist on the share",
			    sbi->opts.prefix);
		return ret;
	}
	if (ret) {
		smb1_fc_err(fc, "cannot read the attributes of the share root: %d",
			    ret);
		return ret;
	}
	if (!(fa.attrs & ATTR_DIRECTORY)) {
		smb1_fc_err(fc, "%s is not a directory",
			    sbi->opts.prefix ?: "the share root");
		return -ENOTDIR;
	}
	/* file ids if the server gave the root one (NT, pass-through) */
	sbi->ids = sbi->opts.serverino && fa.file_id;
	WRITE_ONCE(sbi->conn->want_ids, sbi->ids);
	WRITE_ONCE(sbi->conn->ids_in_use, sbi->ids);
	WRITE_ONCE(sbi->conn->find_ids, sbi->ids);
	smb1_sb_ikey(sb, &k, &fa, sbi->opts.prefix ?: "", NULL, 0);
	root = smb1_iget(sb, &k, &fa);
	if (IS_ERR(root))
		return PTR_ERR(root);
	sb->s_root = d_make_root(root);
	if (!sb->s_root)
		return -ENOMEM;
	smb1_conn_enable_reconnect(sbi->conn, smb1_relogin, sbi, sbi->opts.hard,
				   sbi->opts.echo_interval * HZ);
	return 0;
}

/*
 * The character set of local names.  UTF-8, the default, needs no table:
 * names pass through as they are.
 */
static int smb1_load_iocharset(struct fs_context *fc, struct smb1_sb_info *sbi)
{
	const char *name = sbi->opts.iocharset;

	if (!name || !strcmp(name, "utf8") || !strcmp(name, "utf-8"))
		return 0;
	sbi->local = load_nls(name);
	if (!sbi->local)
		return invalfc(fc, "iocharset %s is not available (no NLS table of that name)",
			       name);
	return 0;
}

static int smb1_get_tree(struct fs_context *fc)
{
	struct smb1_sb_info *sbi = fc->fs_private;
	int ret;

	ret = smb1_parse_source(fc, &sbi->opts);
	if (ret)
		return ret;
	if (!sbi->opts.netbiosname) {
		sbi->opts.netbiosname = smb1_default_netbiosname();
		if (!sbi->opts.netbiosname)
			return -ENOMEM;
	}
	ret = smb1_load_iocharset(fc, sbi);
	if (ret)
		return ret;
	return get_tree_nodev(fc, smb1_fill_super);
}

static int smb1_reconfigure(struct fs_context *fc)
{
	/*
	 * Options are fixed for the life of a mount; only ro and rw change
	 * (the VFS flips the flag once this returns).
	 */
	sync_filesystem(fc->root->d_sb);
	return 0;
}

static void smb1_free_fc(struct fs_context *fc)
{
	smb1_free_sbi(fc->fs_private);
}

static const struct fs_context_operations smb1_context_ops = {
	.parse_param	= smb1_parse_param,
	.get_tree	= smb1_get_tree,
	.reconfigure	= smb1_reconfigure,
	.free		= smb1_free_fc,
};

static int smb1_init_fs_context(struct fs_context *fc)
{
	struct smb1_sb_info *sbi;

	sbi = kzalloc(sizeof(*sbi), GFP_KERNEL);
	if (!sbi)
		return -ENOMEM;
	sbi->opts.uid = current_uid();
	sbi->opts.gid = current_gid();
	sbi->opts.file_mode = SMB1_DEFAULT_MODE;
	sbi->opts.dir_mode = SMB1_DEFAULT_MODE;
	sbi->opts.rsize = SMB1_DEFAULT_RSIZE;
	sbi->opts.actimeo = SMB1_DEFAULT_ACTIMEO * HZ;
	sbi->opts.timeout = SMB1_DEFAULT_TIMEOUT;
	sbi->opts.echo_interval = SMB1_DEFAULT_ECHO;
	sbi->opts.serverino = true;
	ratelimit_state_init(&sbi->wb_log, 5 * HZ, 10);
	fc->fs_private = sbi;
	fc->ops = &smb1_context_ops;
	return 0;
}

static void smb1_kill_sb(struct super_block *sb)
{
	struct smb1_sb_info *sbi = SMB1_SB(sb);

	/*
	 * Dirty data no close wrote back (a shared mapping that outlived
	 * its file, a process killed in its close) goes out first: the
	 * writeback of a file nobody has open opens it by name, and
	 * generic_shutdown_super() drops the dentries before it syncs.
	 */
	if (sb->s_root)
		sync_filesystem(sb);
	kill_anon_super(sb);
	if (!sbi)
		return;
	if (sbi->conn) {
		/* reads still in flight put their handles before this */
		wait_var_event(&sbi->conn->handles,
			       !atomic_read(&sbi->conn->handles));
		/* no reconnect from here on; the goodbyes wait briefly */
		smb1_conn_quiesce(sbi->conn);
		if (sbi->conn->tid)
			smb1_tree_disconnect(sbi->conn);
		if (sbi->conn->uid)
			smb1_logoff(sbi->conn);
		smb1_conn_close(sbi->conn);
	}
	smb1_free_sbi(sbi);
}

static struct file_system_type smb1_fs_type = {
	.owner			= THIS_MODULE,
	.name			= SMB1FS_NAME,
	.init_fs_context	= smb1_init_fs_context,
	.parameters		= smb1_fs_parameters,
	.kill_sb		= smb1_kill_sb,
};
MODULE_ALIAS_FS(SMB1FS_NAME);

static int __init smb1_init(void)
{
	int ret;

	smb1_wire_size_checks();
	smb1_ikey_init();
	ret = smb1_init_inodecache();
	if (ret)
		return ret;
	ret = smb1_transport_init();
	if (ret)
		goto out_cache;
	ret = register_filesystem(&smb1_fs_type);
	if (ret)
		goto out_wq;
	return 0;
out_wq:
	smb1_transport_exit();
out_cache:
	smb1_destroy_inodecache();
	return ret;
}

static void __exit smb1_exit(void)
{
	unregister_filesystem(&smb1_fs_type);
	smb1_transport_exit();
	smb1_destroy_inodecache();
}

module_init(smb1_init);
module_exit(smb1_exit);

MODULE_DESCRIPTION("SMB1/CIFS client for legacy servers");
MODULE_AUTHOR("The smb1fs authors");
MODULE_LICENSE("GPL");
MODULE_VERSION(SMB1FS_VERSION);
MODULE_SOFTDEP("pre: md5 hmac");
