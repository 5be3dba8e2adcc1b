// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit: the attribute cache rules of attr.c.  A model inode takes a
 * sequence of replies and local changes, as the write path will make
 * them, and must never go back to an older view, shrink under data the
 * server has not seen, or drop such data.
 */

#include <kunit/test.h>

#include "../../fs/smb1fs/internal.h"

static const struct timespec64 t1 = { .tv_sec = 1000 };
static const struct timespec64 t2 = { .tv_sec = 2000 };

/* One reply against one inode state. */
static void attr_plan_test(struct kunit *test)
{
	const struct {
		const char *what;
		u64 cur_gen, gen;
		loff_t cur_size, size;
		struct timespec64 cur_mtime, mtime;
		bool is_reg, busy;
		unsigned int want;
		bool wrote;
	} t[] = {
		{ "same file, newer reply", 5, 6, 100, 100, t1, t1, true, false,
		  SMB1_ATTR_APPLY | SMB1_ATTR_SIZE },
		{ "same stamp (one listing, twice)", 6, 6, 100, 100, t1, t1,
		  true, false, SMB1_ATTR_APPLY | SMB1_ATTR_SIZE },
		{ "older reply dropped", 6, 5, 100, 50, t1, t2, true, false, 0 },
		{ "older reply dropped, busy too", 6, 5, 100, 50, t1, t2, true,
		  true, 0 },
		{ "unstamped reply (mount)", 6, 0, 100, 50, t1, t1, true,
		  false, SMB1_ATTR_APPLY | SMB1_ATTR_SIZE | SMB1_ATTR_INVAL },
		{ "new inode", 0, 3, 0, 100, (struct timespec64){}, t1, true,
		  false, SMB1_ATTR_APPLY | SMB1_ATTR_SIZE | SMB1_ATTR_INVAL },
		{ "grown on the server", 5, 6, 100, 200, t1, t2, true, false,
		  SMB1_ATTR_APPLY | SMB1_ATTR_SIZE | SMB1_ATTR_INVAL },
		{ "shrunk on the server", 5, 6, 100, 10, t1, t2, true, false,
		  SMB1_ATTR_APPLY | SMB1_ATTR_SIZE | SMB1_ATTR_INVAL },
		{ "rewritten, same size", 5, 6, 100, 100, t1, t2, true, false,
		  SMB1_ATTR_APPLY | SMB1_ATTR_SIZE | SMB1_ATTR_INVAL },
		{ "busy: no shrink, no invalidation", 5, 6, 100, 10, t1, t2,
		  true, true, SMB1_ATTR_APPLY },
		{ "busy: grows, no invalidation", 5, 6, 100, 200, t1, t2, true,
		  true, SMB1_ATTR_APPLY | SMB1_ATTR_SIZE },
		{ "directory: no page cache to drop", 5, 6, 0, 4096, t1, t2,
		  false, false, SMB1_ATTR_APPLY | SMB1_ATTR_SIZE },
		{ "written here: the new mtime is ours", 5, 6, 100, 100, t1,
		  t2, true, false, SMB1_ATTR_APPLY | SMB1_ATTR_SIZE, true },
		{ "written here, still busy: no shrink", 5, 6, 200, 100, t1,
		  t2, true, true, SMB1_ATTR_APPLY, true },
		{ "written here, older reply dropped", 6, 5, 200, 100, t1, t2,
		  true, false, 0, true },
	};
	struct smb1_attr_cur cur;
	struct smb1_fattr fa;
	int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		cur = (struct smb1_attr_cur){
			.gen = t[i].cur_gen, .size = t[i].cur_size,
			.mtime = t[i].cur_mtime, .is_reg = t[i].is_reg,
			.busy = t[i].busy, .wrote = t[i].wrote,
		};
		fa = (struct smb1_fattr){
			.gen = t[i].gen, .size = t[i].size, .mtime = t[i].mtime,
		};
		KUNIT_EXPECT_EQ_MSG(test, smb1_attr_plan(&cur, &fa, t[i].size),
				    t[i].want, "%s", t[i].what);
	}
}

/*
 * A model inode as inode.c keeps it: what it took last, its size and
 * mtime, whether it holds data the server has not seen, and whether its
 * page cache is marked stale.
 */
struct model {
	struct smb1_attr_cur cur;
	bool inval;
};

static void model_apply(struct model *m, u64 gen, loff_t size,
			struct timespec64 mtime)
{
	struct smb1_fattr fa = { .gen = gen, .size = size, .mtime = mtime };
	unsigned int plan = smb1_attr_plan(&m->cur, &fa, size);

	if (!(plan & SMB1_ATTR_APPLY))
		return;
	if (plan & SMB1_ATTR_SIZE)
		m->cur.size = size;
	m->cur.mtime = mtime;
	if (gen > m->cur.gen)
		m->cur.gen = gen;
	if (plan & SMB1_ATTR_INVAL)
		m->inval = true;
}

/*
 * Replies that cross: a listing sent first and answered last, a lookup
 * sent second and answered first.  The size never goes back.
 */
static void attr_crossing_replies_test(struct kunit *test)
{
	struct model m = { .cur = { .is_reg = true } };
	u64 listing = smb1_clock_tick(), lookup = smb1_clock_tick();

	model_apply(&m, lookup, 300, t2);
	KUNIT_EXPECT_EQ(test, m.cur.size, 300);
	model_apply(&m, listing, 100, t1);
	KUNIT_EXPECT_EQ(test, m.cur.size, 300);
	KUNIT_EXPECT_TRUE(test, timespec64_equal(&m.cur.mtime, &t2));
	KUNIT_EXPECT_EQ(test, m.cur.gen, lookup);
}

/*
 * A local change (a write, later) stamps the inode: a reply sent before
 * it describes the file without it and is dropped; one sent after it is
 * taken.  While the data is unseen by the server the size stays and
 * nothing is invalidated.
 */
static void attr_local_change_test(struct kunit *test)
{
	struct model m = { .cur = { .is_reg = true } };
	u64 before = smb1_clock_tick();

	model_apply(&m, smb1_clock_tick(), 100, t1);
	m.inval = false;
	/* a write grows the file to 500 in the page cache */
	m.cur.size = 500;
	m.cur.busy = true;
	m.cur.gen = smb1_clock_tick();
	model_apply(&m, before, 100, t1);
	KUNIT_EXPECT_EQ(test, m.cur.size, 500);
	/* sent after the write began, answered before it reached the server */
	model_apply(&m, smb1_clock_tick(), 100, t2);
	KUNIT_EXPECT_EQ(test, m.cur.size, 500);
	KUNIT_EXPECT_FALSE(test, m.inval);
	/* written back: the server has it all */
	m.cur.busy = false;
	model_apply(&m, smb1_clock_tick(), 500, t2);
	KUNIT_EXPECT_EQ(test, m.cur.size, 500);
	KUNIT_EXPECT_FALSE(test, m.inval);
}

/* The clock only goes forward, also when many take from it. */
static void attr_clock_test(struct kunit *test)
{
	u64 a = smb1_clock_tick(), b;
	int i;

	for (i = 0; i < 1000; i++) {
		b = smb1_clock_tick();
		KUNIT_EXPECT_GT(test, b, a);
		a = b;
	}
}

/*
 * The keys of inode identity: which replies name one file.  A row gives
 * two files (path and the id their reply carried) and whether they must
 * be one inode under the mount's rules.
 */
static void ikey_test(struct kunit *test)
{
	static const struct {
		const char *what;
		bool ids, nocase;
		const char *dir1, *name1;
		u64 id1;
		const char *dir2, *name2;
		u64 id2;
		bool same;
	} t[] = {
		{ "one id, two names", true, true, "\\d", "a", 7, "\\d", "b",
		  7, true },
		{ "two ids, one name (replaced)", true, true, "\\d", "a", 7,
		  "\\d", "a", 8, false },
		{ "case folded path", false, true, "\\Dir", "FOO", 0,
		  "\\dir", "foo", 0, true },
		{ "case kept when sensitive", false, false, "\\Dir", "FOO", 0,
		  "\\dir", "foo", 0, false },
		{ "ids off: the path decides", false, true, "\\d", "a", 7,
		  "\\d", "b", 7, false },
		{ "no id in the reply: by path", true, true, "\\d", "a", 0,
		  "\\d", "A", 0, true },
		{ "id against path key", true, true, "\\d", "a", 7, "\\d",
		  "a", 0, false },
		{ "dir\\name against dir + name", false, true, "\\d\\a", NULL,
		  0, "\\d", "a", 0, true },
		{ "different paths", false, true, "\\d", "a", 0, "\\d", "b",
		  0, false },
	};
	struct smb1_fattr fa = {};
	struct smb1_ikey k1, k2;
	int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		fa.file_id = t[i].id1;
		smb1_ikey_make(&k1, t[i].ids, t[i].nocase, &fa, t[i].dir1,
			       t[i].name1,
			       t[i].name1 ? strlen(t[i].name1) : 0);
		fa.file_id = t[i].id2;
		smb1_ikey_make(&k2, t[i].ids, t[i].nocase, &fa, t[i].dir2,
			       t[i].name2,
			       t[i].name2 ? strlen(t[i].name2) : 0);
		KUNIT_EXPECT_EQ_MSG(test, k1.key == k2.key &&
				    k1.by_id == k2.by_id, t[i].same,
				    "%s", t[i].what);
		KUNIT_EXPECT_EQ_MSG(test, smb1_ikey_ino(&k1) ==
				    smb1_ikey_ino(&k2), t[i].same, "%s ino",
				    t[i].what);
	}
	/* a directory is never the file with its id */
	fa.file_id = 7;
	smb1_ikey_make(&k1, true, true, &fa, "\\d", "a", 1);
	fa.attrs = ATTR_DIRECTORY;
	smb1_ikey_make(&k2, true, true, &fa, "\\d", "a", 1);
	KUNIT_EXPECT_TRUE(test, k2.dir && !k1.dir);
	/* the id itself is the number where ino_t holds it */
	if (BITS_PER_LONG == 64)
		KUNIT_EXPECT_EQ(test, smb1_ikey_ino(&k1), (ino_t)7);
	/* 0 is no inode number */
	k1.ino = 0;
	KUNIT_EXPECT_NE(test, smb1_ikey_ino(&k1), (ino_t)0);
}

static struct kunit_case smb1_attr_test_cases[] = {
	KUNIT_CASE(attr_plan_test),
	KUNIT_CASE(attr_crossing_replies_test),
	KUNIT_CASE(attr_local_change_test),
	KUNIT_CASE(attr_clock_test),
	KUNIT_CASE(ikey_test),
	{}
};

static struct kunit_suite smb1_attr_test_suite = {
	.name = "smb1fs_attr",
	.test_cases = smb1_attr_test_cases,
};

kunit_test_suites(&smb1_attr_test_suite);
