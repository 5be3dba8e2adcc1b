// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the smb1fs transport: the MID table and NetBIOS names.
 * The connection here has no socket; only the table logic is exercised.
 */

#include <kunit/test.h>
#include <linux/bitmap.h>
#include <linux/slab.h>
#include <linux/net.h>
#include <linux/in.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "../../fs/smb1fs/internal.h"

static struct smb1_conn *conn_new(struct kunit *test)
{
	struct smb1_conn *conn = kunit_kzalloc(test, sizeof(*conn), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, conn);
	smb1_conn_init(conn, HZ);
	return conn;
}

static struct smb1_req *req_new(struct kunit *test, struct smb1_conn *conn)
{
	struct smb1_req *req = smb1_req_alloc(conn, SMB_COM_ECHO, 16);

	KUNIT_ASSERT_NOT_NULL(test, req);
	return req;
}

static void mid_unique_test(struct kunit *test)
{
	const int n = 2000;
	struct smb1_conn *conn = conn_new(test);
	struct smb1_req **reqs;
	unsigned long *seen;
	int i;

	reqs = kunit_kcalloc(test, n, sizeof(*reqs), GFP_KERNEL);
	seen = kunit_kzalloc(test, BITS_TO_LONGS(0x10000) * sizeof(long),
			     GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, reqs);
	KUNIT_ASSERT_NOT_NULL(test, seen);

	for (i = 0; i < n; i++) {
		reqs[i] = req_new(test, conn);
		KUNIT_ASSERT_EQ(test, smb1_req_register(conn, reqs[i]), 0);
		KUNIT_EXPECT_NE(test, reqs[i]->mid, 0);
		KUNIT_EXPECT_NE(test, reqs[i]->mid, 0xffff);
		KUNIT_EXPECT_FALSE(test, test_bit(reqs[i]->mid, seen));
		__set_bit(reqs[i]->mid, seen);
		/* the MID is written into the message header */
		smb1_set_mid(reqs[i]->w.buf, reqs[i]->mid);
		KUNIT_EXPECT_EQ(test, get_unaligned_le16(reqs[i]->w.buf + 30),
				reqs[i]->mid);
	}
	for (i = 0; i < n; i++) {
		struct smb1_req *got = smb1_req_take(conn, reqs[i]->mid);

		KUNIT_EXPECT_PTR_EQ(test, got, reqs[i]);
		KUNIT_EXPECT_EQ(test, got->state, SMB1_REQ_RECEIVING);
		/* a second reply with the same MID finds nothing */
		KUNIT_EXPECT_NULL(test, smb1_req_take(conn, reqs[i]->mid));
		smb1_req_put(got);
		smb1_req_put(reqs[i]);
	}
	KUNIT_EXPECT_TRUE(test, xa_empty(&conn->reqs));
	xa_destroy(&conn->reqs);
}

/* The header's Flags: the connection's, case=sensitive without CASELESS */
static void hdr_flags_test(struct kunit *test)
{
	struct smb1_conn *conn = conn_new(test);
	struct smb1_req *req;

	KUNIT_EXPECT_EQ(test, smb1_hdr_flags(false),
			SMBFLG_CANONICAL_PATHS | SMBFLG_CASELESS);
	KUNIT_EXPECT_EQ(test, smb1_hdr_flags(true), SMBFLG_CANONICAL_PATHS);
	req = req_new(test, conn);
	KUNIT_EXPECT_EQ(test, req->w.buf[9],
			SMBFLG_CANONICAL_PATHS | SMBFLG_CASELESS);
	smb1_req_put(req);
	conn->flags = smb1_hdr_flags(true);
	req = req_new(test, conn);
	KUNIT_EXPECT_EQ(test, req->w.buf[9], SMBFLG_CANONICAL_PATHS);
	smb1_req_put(req);
}

static void mid_wrap_test(struct kunit *test)
{
	struct smb1_conn *conn = conn_new(test);
	struct smb1_req *busy, *r[3];
	int i;

	/* MID 1 stays in flight across the wrap */
	conn->next_mid = 1;
	busy = req_new(test, conn);
	KUNIT_ASSERT_EQ(test, smb1_req_register(conn, busy), 0);
	KUNIT_EXPECT_EQ(test, busy->mid, 1);

	conn->next_mid = 0xfffe;
	for (i = 0; i < 3; i++) {
		r[i] = req_new(test, conn);
		KUNIT_ASSERT_EQ(test, smb1_req_register(conn, r[i]), 0);
	}
	KUNIT_EXPECT_EQ(test, r[0]->mid, 0xfffe);
	/* neither 0xffff nor 0 nor the busy 1 */
	KUNIT_EXPECT_EQ(test, r[1]->mid, 2);
	KUNIT_EXPECT_EQ(test, r[2]->mid, 3);

	/* an unknown MID is not found */
	KUNIT_EXPECT_NULL(test, smb1_req_take(conn, 0x1234));

	smb1_conn_fail(conn, -ECONNRESET);
	smb1_req_put(busy);
	for (i = 0; i < 3; i++)
		smb1_req_put(r[i]);
	xa_destroy(&conn->reqs);
}

static void conn_fail_test(struct kunit *test)
{
	struct smb1_conn *conn = conn_new(test);
	struct smb1_req *r[10], *late;
	int i;

	for (i = 0; i < ARRAY_SIZE(r); i++) {
		r[i] = req_new(test, conn);
		KUNIT_ASSERT_EQ(test, smb1_req_register(conn, r[i]), 0);
	}
	smb1_conn_fail(conn, -ECONNRESET);
	KUNIT_EXPECT_TRUE(test, xa_empty(&conn->reqs));
	for (i = 0; i < ARRAY_SIZE(r); i++) {
		KUNIT_EXPECT_EQ(test, r[i]->state, SMB1_REQ_FAILED);
		KUNIT_EXPECT_EQ(test, r[i]->err, -ECONNRESET);
		smb1_req_put(r[i]);
	}
	/* a request after the failure is refused with the same error */
	late = req_new(test, conn);
	KUNIT_EXPECT_EQ(test, smb1_req_register(conn, late), -ECONNRESET);
	KUNIT_EXPECT_EQ(test, late->state, SMB1_REQ_NEW);
	KUNIT_EXPECT_TRUE(test, xa_empty(&conn->reqs));
	/* a second failure keeps the first error */
	smb1_conn_fail(conn, -EIO);
	KUNIT_EXPECT_EQ(test, conn->err, -ECONNRESET);
	smb1_req_put(late);
	xa_destroy(&conn->reqs);
}

struct nb_name_case {
	const char *name;
	u8 type;
	int ret;
	const char *encoded;	/* the 32 characters after the length byte */
};

static const struct nb_name_case nb_name_cases[] = {
	/* RFC 1001 14.1: "FRED" padded with spaces */
	{ "FRED", 0x20, 0, "EGFCEFEECACACACACACACACACACACACA" },
	{ "fred", 0x20, 0, "EGFCEFEECACACACACACACACACACACACA" },
	{ "*SMBSERVER", 0x20, 0, "CKFDENECFDEFFCFGEFFCCACACACACACA" },
	{ "HOST", 0x00, 0, "EIEPFDFECACACACACACACACACACACAAA" },
	{ "ABCDEFGHIJKLMNO", 0x20, 0, "EBECEDEEEFEGEHEIEJEKELEMENEOEPCA" },
	{ "ABCDEFGHIJKLMNOP", 0x20, -EINVAL, NULL },
	{ "", 0x20, -EINVAL, NULL },
};

static void nb_name_desc(const struct nb_name_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "\"%s\" type 0x%02x",
		 c->name, c->type);
}

KUNIT_ARRAY_PARAM(nb_name, nb_name_cases, nb_name_desc);

static void nb_name_test(struct kunit *test)
{
	const struct nb_name_case *c = test->param_value;
	u8 out[NB_ENCODED_NAME_LEN + 1];

	memset(out, 0xaa, sizeof(out));
	KUNIT_ASSERT_EQ(test, smb1_nb_encode_name(c->name, c->type, out),
			c->ret);
	if (c->ret)
		return;
	KUNIT_EXPECT_EQ(test, out[0], 32);
	KUNIT_EXPECT_MEMEQ(test, out + 1, c->encoded, 32);
	KUNIT_EXPECT_EQ(test, out[33], 0);
	/* nothing written past the encoded name */
	KUNIT_EXPECT_EQ(test, out[NB_ENCODED_NAME_LEN], 0xaa);
}

/* The reconnect state machine: every state under every event. */
static void conn_state_test(struct kunit *test)
{
	static const struct {
		enum smb1_conn_state from;
		enum smb1_conn_event ev;
		bool can;
		enum smb1_conn_state to;
	} t[] = {
		{ SMB1_CONN_GOOD, SMB1_EV_LOST, true, SMB1_CONN_NEED_RECONNECT },
		{ SMB1_CONN_GOOD, SMB1_EV_LOST, false, SMB1_CONN_DEAD },
		{ SMB1_CONN_GOOD, SMB1_EV_START, true, SMB1_CONN_GOOD },
		{ SMB1_CONN_GOOD, SMB1_EV_UP, true, SMB1_CONN_GOOD },
		{ SMB1_CONN_GOOD, SMB1_EV_FAILED, true, SMB1_CONN_GOOD },
		{ SMB1_CONN_GOOD, SMB1_EV_CLOSE, true, SMB1_CONN_DEAD },
		{ SMB1_CONN_NEED_RECONNECT, SMB1_EV_LOST, true,
		  SMB1_CONN_NEED_RECONNECT },
		{ SMB1_CONN_NEED_RECONNECT, SMB1_EV_START, true,
		  SMB1_CONN_RECONNECTING },
		{ SMB1_CONN_NEED_RECONNECT, SMB1_EV_UP, true,
		  SMB1_CONN_NEED_RECONNECT },
		{ SMB1_CONN_NEED_RECONNECT, SMB1_EV_CLOSE, true, SMB1_CONN_DEAD },
		{ SMB1_CONN_RECONNECTING, SMB1_EV_LOST, true,
		  SMB1_CONN_RECONNECTING },
		{ SMB1_CONN_RECONNECTING, SMB1_EV_START, true,
		  SMB1_CONN_RECONNECTING },
		{ SMB1_CONN_RECONNECTING, SMB1_EV_UP, true, SMB1_CONN_GOOD },
		{ SMB1_CONN_RECONNECTING, SMB1_EV_FAILED, true,
		  SMB1_CONN_NEED_RECONNECT },
		{ SMB1_CONN_RECONNECTING, SMB1_EV_CLOSE, true, SMB1_CONN_DEAD },
		{ SMB1_CONN_DEAD, SMB1_EV_LOST, true, SMB1_CONN_DEAD },
		{ SMB1_CONN_DEAD, SMB1_EV_START, true, SMB1_CONN_DEAD },
		{ SMB1_CONN_DEAD, SMB1_EV_UP, true, SMB1_CONN_DEAD },
		{ SMB1_CONN_DEAD, SMB1_EV_FAILED, true, SMB1_CONN_DEAD },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(t); i++)
		KUNIT_EXPECT_EQ_MSG(test, smb1_conn_next_state(t[i].from,
							       t[i].ev,
							       t[i].can),
				    t[i].to, "case %d", i);
}

/* Backoff: immediate, then doubling, never above the cap. */
static void reconnect_delay_test(struct kunit *test)
{
	unsigned int i;

	KUNIT_EXPECT_EQ(test, smb1_reconnect_delay(0), 0UL);
	KUNIT_EXPECT_EQ(test, smb1_reconnect_delay(1), (unsigned long)HZ);
	KUNIT_EXPECT_EQ(test, smb1_reconnect_delay(2), 2UL * HZ);
	KUNIT_EXPECT_EQ(test, smb1_reconnect_delay(3), 4UL * HZ);
	for (i = 1; i < 1000; i++) {
		KUNIT_EXPECT_LE(test, smb1_reconnect_delay(i),
				(unsigned long)SMB1_RECONNECT_MAX_DELAY);
		KUNIT_EXPECT_GE(test, smb1_reconnect_delay(i + 1),
				smb1_reconnect_delay(i));
	}
	KUNIT_EXPECT_EQ(test, smb1_reconnect_delay(UINT_MAX),
			(unsigned long)SMB1_RECONNECT_MAX_DELAY);
}

/* The soft bound, also across a jiffies wrap. */
static void soft_expired_test(struct kunit *test)
{
	unsigned long t0 = -5UL * HZ;

	KUNIT_EXPECT_FALSE(test, smb1_soft_expired(1000, 1000, 5 * HZ));
	KUNIT_EXPECT_FALSE(test, smb1_soft_expired(1000, 999 + 5 * HZ, 5 * HZ));
	KUNIT_EXPECT_TRUE(test, smb1_soft_expired(1000, 1000 + 5 * HZ, 5 * HZ));
	KUNIT_EXPECT_FALSE(test, smb1_soft_expired(t0, t0 + 4 * HZ, 5 * HZ));
	KUNIT_EXPECT_TRUE(test, smb1_soft_expired(t0, t0 + 6 * HZ, 5 * HZ));
}

/*
 * Once the mount can reconnect, a request failed by the link is "lost"
 * (-SMB1_ELOST), and registering on a broken link says so too.
 */
static int fake_setup(struct smb1_conn *conn, void *arg)
{
	return 0;
}

static void conn_lost_test(struct kunit *test)
{
	struct smb1_conn *conn = conn_new(test);
	struct smb1_req *req = req_new(test, conn), *late;

	conn->setup = fake_setup;
	KUNIT_ASSERT_EQ(test, smb1_req_register(conn, req), 0);
	smb1_conn_fail(conn, -ECONNRESET);
	KUNIT_EXPECT_EQ(test, req->state, SMB1_REQ_FAILED);
	KUNIT_EXPECT_EQ(test, req->err, -SMB1_ELOST);
	KUNIT_EXPECT_TRUE(test, req->lost);
	late = req_new(test, conn);
	KUNIT_EXPECT_EQ(test, smb1_req_register(conn, late), -SMB1_ELOST);
	KUNIT_EXPECT_TRUE(test, late->lost);
	KUNIT_EXPECT_TRUE(test, xa_empty(&conn->reqs));
	smb1_req_put(late);
	smb1_req_put(req);
	xa_destroy(&conn->reqs);
}

/*
 * The socket's allocations do not recurse into file systems, nor use
 * the page fragment of whichever task sends: writeback will wait on it.
 */
static void sock_tune_test(struct kunit *test)
{
	struct socket *sock;

	KUNIT_ASSERT_EQ(test, sock_create_kern(&init_net, AF_INET, SOCK_STREAM,
					       IPPROTO_TCP, &sock), 0);
	smb1_sock_tune(sock);
	KUNIT_EXPECT_EQ(test, sock->sk->sk_allocation, GFP_NOFS);
#ifdef SMB1_HAVE_SK_USE_TASK_FRAG
	KUNIT_EXPECT_FALSE(test, sock->sk->sk_use_task_frag);
#endif
	KUNIT_EXPECT_GT(test, sock->sk->sk_sndtimeo, 0L);
	sock_release(sock);
}

/*
 * While the last reconnect was refused (the new session would not sign
 * where the mount did), requests fail with EIO at once, soft or hard;
 * otherwise a soft mount long past its bound fails with EHOSTDOWN.
 */
static void conn_refused_test(struct kunit *test)
{
	struct smb1_conn *conn = conn_new(test);

	conn->setup = fake_setup;
	conn->state = SMB1_CONN_NEED_RECONNECT;
	conn->lost_at = jiffies - 2 * conn->timeout;
	KUNIT_EXPECT_EQ(test, smb1_conn_wait_ready(conn), -EHOSTDOWN);
	conn->refused = true;
	KUNIT_EXPECT_EQ(test, smb1_conn_wait_ready(conn), -EIO);
	conn->state = SMB1_CONN_RECONNECTING;
	KUNIT_EXPECT_EQ(test, smb1_conn_wait_ready(conn), -EIO);
	conn->hard = true;
	KUNIT_EXPECT_EQ(test, smb1_conn_wait_ready(conn), -EIO);
	/* a reconnect that worked */
	conn->refused = false;
	conn->state = SMB1_CONN_GOOD;
	KUNIT_EXPECT_EQ(test, smb1_conn_wait_ready(conn), 0);
	xa_destroy(&conn->reqs);
}

/* A refusal for signing lasts until an attempt succeeds. */
static void refused_next_test(struct kunit *test)
{
	const int down = -SMB1_EDOWNGRADE;

	KUNIT_EXPECT_TRUE(test, smb1_refused_next(false, SMB1_EV_FAILED, down));
	KUNIT_EXPECT_TRUE(test, smb1_refused_next(true, SMB1_EV_FAILED, down));
	/* a later attempt timed out or could not dial: still refused */
	KUNIT_EXPECT_TRUE(test, smb1_refused_next(true, SMB1_EV_FAILED,
						  -ETIMEDOUT));
	KUNIT_EXPECT_TRUE(test, smb1_refused_next(true, SMB1_EV_FAILED,
						  -ECONNREFUSED));
	KUNIT_EXPECT_FALSE(test, smb1_refused_next(false, SMB1_EV_FAILED,
						   -ETIMEDOUT));
	/* success clears it; umount leaves it as it was */
	KUNIT_EXPECT_FALSE(test, smb1_refused_next(true, SMB1_EV_UP, 0));
	KUNIT_EXPECT_TRUE(test, smb1_refused_next(true, SMB1_EV_CLOSE, down));
	KUNIT_EXPECT_FALSE(test, smb1_refused_next(false, SMB1_EV_CLOSE, 0));
}

/*
 * The echo watchdog: probe after an idle interval, dead only when that
 * probe went a whole interval unanswered, also when the watchdog runs
 * late and across a jiffies wrap.
 */
static void echo_verdict_test(struct kunit *test)
{
	const unsigned long iv = HZ, w = -3UL * HZ;
	static const char *const act[] = { "none", "probe", "dead" };
	const struct {
		unsigned long now, last_rx, probe_at;
		enum smb1_echo_act want;
	} t[] = {
		/* traffic within the interval */
		{ 1000 + iv - 1, 1000, 0, SMB1_ECHO_NONE },
		{ 1000 + iv - 1, 1000, 900, SMB1_ECHO_NONE },
		/* idle for an interval, no probe yet: probe */
		{ 1000 + iv, 1000, 0, SMB1_ECHO_PROBE },
		/* the watchdog ran late: still a probe first, not dead */
		{ 1000 + 10 * iv, 1000, 0, SMB1_ECHO_PROBE },
		/* the last probe was answered: probe again */
		{ 1000 + 2 * iv, 1000, 1000 - iv, SMB1_ECHO_PROBE },
		/* a byte in the jiffy of the probe answers it */
		{ 1000 + 2 * iv, 1000, 1000, SMB1_ECHO_PROBE },
		/* probe out, not yet an interval old */
		{ 1000 + 2 * iv - 1, 1000, 1000 + iv, SMB1_ECHO_NONE },
		/* probe an interval old, nothing since */
		{ 1000 + 2 * iv, 1000, 1000 + iv, SMB1_ECHO_DEAD },
		{ 1000 + 9 * iv, 1000, 1000 + iv, SMB1_ECHO_DEAD },
		/* across the wrap */
		{ w + iv, w, 0, SMB1_ECHO_PROBE },
		{ w + 2 * iv + 5, w, w + iv, SMB1_ECHO_DEAD },
		{ w + 2 * iv - 1, w, w + iv, SMB1_ECHO_NONE },
		{ w + 5 * iv - 1, w + 4 * iv, w + iv, SMB1_ECHO_NONE },
		{ w + 5 * iv, w + 4 * iv, w + iv, SMB1_ECHO_PROBE },
	};
	enum smb1_echo_act got;
	int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		got = smb1_echo_verdict(t[i].now, t[i].last_rx, t[i].probe_at,
					iv);
		KUNIT_EXPECT_EQ_MSG(test, got, t[i].want, "case %d: %s, not %s",
				    i, act[got], act[t[i].want]);
	}
}

/*
 * Frames by port: 17 bits of length on the NetBIOS session service
 * (139), 24 on direct TCP; a large read is sized so that its reply fits.
 */
static void frame_limit_test(struct kunit *test)
{
	const struct {
		u16 port;
		u32 caps, max_buffer, rsize, want_frame, want_read;
	} t[] = {
		{ 139, CAP_LARGE_READX, 65535, 1048576, 0x1ffff, 126976 },
		{ 445, CAP_LARGE_READX, 65535, 1048576, 0xffffff, 1048576 },
		{ 4447, CAP_LARGE_READX, 65535, 1048576, 0xffffff, 1048576 },
		{ 139, CAP_LARGE_READX, 65535, 65536, 0x1ffff, 65536 },
		/* without large reads the server's buffer decides */
		{ 139, 0, 16644, 1048576, 0x1ffff, 16384 },
		{ 445, 0, 65535, 1048576, 0xffffff, 61440 },
	};
	struct smb1_conn *conn = conn_new(test);
	int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		conn->port = t[i].port;
		conn->caps = t[i].caps;
		conn->max_buffer = t[i].max_buffer;
		KUNIT_EXPECT_EQ_MSG(test, smb1_frame_limit(t[i].port),
				    t[i].want_frame, "case %d", i);
		KUNIT_EXPECT_EQ_MSG(test, smb1_read_size(conn, t[i].rsize),
				    t[i].want_read, "case %d", i);
	}
	xa_destroy(&conn->reqs);
}

/*
 * Writes by server: 64 KiB by default, at most 128 KiB (Samba reads no
 * longer message without the Unix extensions) and what the port's frames
 * carry; within MaxBufferSize without CAP_LARGE_WRITEX, and when signing
 * to a server without the Unix extensions.  Without CAP_LARGE_FILES
 * writes end at 4 GiB - 1.
 */
static void write_size_test(struct kunit *test)
{
	const u32 lw = CAP_LARGE_WRITEX;
	const struct {
		u16 port;
		u32 caps, max_buffer, wsize;
		bool signing;
		u32 want;
	} t[] = {
		{ 445, lw, 65535, 0, false, 65536 },
		{ 445, lw, 65535, 1048576, false, 131072 },
		{ 445, lw, 65535, 8192, false, 8192 },
		{ 139, lw, 65535, 1048576, false, 126976 },
		{ 445, 0, 16644, 0, false, 16384 },
		{ 445, lw, 16644, 0, true, 16384 },
		{ 445, lw | CAP_UNIX, 16644, 0, true, 65536 },
		/* Windows 98: whole pages still */
		{ 139, 0, 4356, 0, false, 4096 },
		/* DOS: a buffer of less than a page */
		{ 139, 0, 2920, 0, false, 2856 },
	};
	struct smb1_conn *conn = conn_new(test);
	int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		conn->port = t[i].port;
		conn->caps = t[i].caps;
		conn->max_buffer = t[i].max_buffer;
		conn->signing = t[i].signing;
		KUNIT_EXPECT_EQ_MSG(test, smb1_write_size(conn, t[i].wsize),
				    t[i].want, "case %d", i);
	}
	conn->caps = CAP_LARGE_FILES;
	KUNIT_EXPECT_EQ(test, smb1_write_limit(conn), MAX_LFS_FILESIZE);
	conn->caps = 0;
	KUNIT_EXPECT_EQ(test, smb1_write_limit(conn), (loff_t)U32_MAX);
	conn->signing = false;
	xa_destroy(&conn->reqs);
}

/*
 * Replay after a lost link: reads, queries, listings and opens may run
 * twice on the server; writes and namespace changes may not, nor any
 * command the table does not know.
 */
static void replay_policy_test(struct kunit *test)
{
	static const u8 again[] = {
		SMB_COM_ECHO, SMB_COM_READ_ANDX, SMB_COM_TRANSACTION2,
		SMB_COM_QUERY_INFORMATION, SMB_COM_OPEN_ANDX,
		SMB_COM_NT_CREATE_ANDX, SMB_COM_SEARCH,
		SMB_COM_QUERY_INFORMATION_DISK, SMB_COM_CLOSE,
		SMB_COM_FIND_CLOSE2,
	};
	static const u8 once[] = {
		SMB_COM_WRITE_ANDX, SMB_COM_WRITE, SMB_COM_DELETE,
		SMB_COM_RENAME, SMB_COM_NT_RENAME, SMB_COM_CREATE_DIRECTORY,
		SMB_COM_DELETE_DIRECTORY, SMB_COM_CREATE_NEW, SMB_COM_CREATE,
		SMB_COM_SET_INFORMATION, SMB_COM_SET_INFORMATION2, 0x42, 0xfe,
	};
	struct smb1_conn *conn = conn_new(test);
	struct smb1_req *req;
	int i;

	for (i = 0; i < ARRAY_SIZE(again); i++)
		KUNIT_EXPECT_TRUE_MSG(test, smb1_cmd_replayable(again[i]),
				      "command 0x%02x", again[i]);
	for (i = 0; i < ARRAY_SIZE(once); i++)
		KUNIT_EXPECT_FALSE_MSG(test, smb1_cmd_replayable(once[i]),
				       "command 0x%02x", once[i]);

	req = smb1_req_alloc(conn, SMB_COM_WRITE_ANDX, 16);
	KUNIT_ASSERT_NOT_NULL(test, req);
	KUNIT_EXPECT_TRUE(test, req->once);
	KUNIT_EXPECT_FALSE(test, req->on_wire);
	smb1_req_put(req);
	req = req_new(test, conn);
	KUNIT_EXPECT_FALSE(test, req->once);
	smb1_req_once(req);
	KUNIT_EXPECT_TRUE(test, req->once);
	smb1_req_put(req);
	xa_destroy(&conn->reqs);
}

static struct kunit_case smb1_transport_test_cases[] = {
	KUNIT_CASE(sock_tune_test),
	KUNIT_CASE(mid_unique_test),
	KUNIT_CASE(mid_wrap_test),
	KUNIT_CASE(hdr_flags_test),
	KUNIT_CASE(conn_fail_test),
	KUNIT_CASE(conn_state_test),
	KUNIT_CASE(reconnect_delay_test),
	KUNIT_CASE(soft_expired_test),
	KUNIT_CASE(echo_verdict_test),
	KUNIT_CASE(frame_limit_test),
	KUNIT_CASE(write_size_test),
	KUNIT_CASE(replay_policy_test),
	KUNIT_CASE(conn_lost_test),
	KUNIT_CASE(conn_refused_test),
	KUNIT_CASE(refused_next_test),
	KUNIT_CASE_PARAM(nb_name_test, nb_name_gen_params),
	{}
};

static struct kunit_suite smb1_transport_test_suite = {
	.name = "smb1fs_transport",
	.test_cases = smb1_transport_test_cases,
};

kunit_test_suites(&smb1_transport_test_suite);
