// SPDX-License-Identifier: GPL-2.0
/*
 * smb1fs transport: one TCP connection per mount, NetBIOS session framing,
 * a receive thread that hands each reply to the request waiting for it
 * (matched by MID), and the request life cycle.
 *
 * Locking: conn->reqs (an allocating xarray) maps MIDs to requests in
 * flight and holds one reference on each.  Its xa_lock also protects
 * conn->err and the request state.  A request leaves the table exactly
 * once: taken by the receive thread when its reply starts to arrive, by
 * its waiter on timeout or signal, or by smb1_conn_fail() when the link
 * breaks.  Whoever takes it completes it.
 *
 * Reconnect: once the mount is complete, a broken link is not the end.
 * conn->state (under conn->lock) goes GOOD -> NEED_RECONNECT when the
 * receive thread sees the link break; the reconnect worker then dials
 * again with the same parameters (RECONNECTING), has the mount's setup
 * function negotiate, log in and connect the tree, and on success bumps
 * conn->gen and returns to GOOD; on failure it tries again later, with a
 * growing delay.  Senders wait for GOOD in smb1_conn_wait_ready(): a
 * soft mount at most the request timeout from the loss, a hard one until
 * the server is back or a fatal signal arrives; both fail at once with
 * -EIO once an attempt was refused because the new session would not
 * sign where the mount did (-SMB1_EDOWNGRADE: a man in the middle may be
 * at work), until an attempt succeeds.  A request lost with the link is
 * sent again on the new one, unless it names a FID or search handle of
 * an older generation ("bound"), or must not run twice on the server
 * and may have reached it ("once": writes, deletes, renames, exclusive
 * creates; see smb1_cmd_replayable()): those fail with -SMB1_ELOST, and
 * their owner opens the file again or finds out what happened.  The
 * socket and the receive thread are swapped only by the worker, holding
 * send_mutex and sock_mutex; whoever else touches conn->sock holds one
 * of them.
 */

#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/net.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/tcp.h>
#include <linux/slab.h>
#include <linux/sched/signal.h>
#include <linux/sched/mm.h>
#include <linux/random.h>
#include <linux/ctype.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "internal.h"

/*
 * wait_event_killable_timeout() that lets the freezer take the task, so
 * that a laptop with a hard mount to an absent server can suspend.  The
 * waiter may hold locks of the VFS (a directory's i_rwsem in lookup):
 * "unsafe" tells lockdep that this is known, as for NFS and cifs.
 */
#define smb1_wait_freezable_timeout(wq, cond, timeout)			\
({									\
	long __ret = (timeout);						\
	might_sleep();							\
	if (!___wait_cond_timeout(cond))				\
		__ret = ___wait_event(wq, ___wait_cond_timeout(cond),	\
				      (TASK_KILLABLE | TASK_FREEZABLE_UNSAFE), \
				      0, timeout,			\
				      __ret = schedule_timeout(__ret));	\
	__ret;								\
})

/* How long a killed waiter lets a reply already being received finish. */
#define SMB1_RX_DRAIN_WAIT	(2 * HZ)
/* The goodbye requests of umount wait this long at most */
#define SMB1_QUIESCE_TIMEOUT	(2 * HZ)
/* The largest reply we accept for a request that is not a data read. */
#define SMB1_MAX_CTRL_FRAME	(SMB1_CLIENT_MAX_BUF + 1024)
/* A long reply is received in pieces of this size (see last_rx) */
#define SMB1_RX_PIECE		(64 * 1024)


/* ---------------------------------------------------------------- */
/* socket helpers                                                    */
/* ---------------------------------------------------------------- */

static int smb1_sock_send_more(struct socket *sock, const void *buf,
			       size_t len, bool more)
{
	struct kvec iov = { .iov_base = (void *)buf, .iov_len = len };
	struct msghdr msg = {
		.msg_flags = MSG_NOSIGNAL | (more ? MSG_MORE : 0),
	};
	int ret;

	while (iov.iov_len) {
		ret = kernel_sendmsg(sock, &msg, &iov, 1, iov.iov_len);
		if (ret < 0)
			return ret;
		if (ret == 0)
			return -EPIPE;
		iov.iov_base += ret;
		iov.iov_len -= ret;
	}
	return 0;
}

static int smb1_sock_send(struct socket *sock, const void *buf, size_t len)
{
	return smb1_sock_send_more(sock, buf, len, false);
}

/* Send what a copy of from covers (page cache folios, a kvec) */
static int smb1_sock_send_iter(struct socket *sock,
			       const struct iov_iter *from)
{
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL };
	int ret;

	msg.msg_iter = *from;
	while (msg_data_left(&msg)) {
		ret = sock_sendmsg(sock, &msg);
		if (ret < 0)
			return ret;
		if (ret == 0)
			return -EPIPE;
	}
	return 0;
}

/*
 * Receive exactly the iterator's count; 0 or a negative errno.  It comes
 * in pieces of at most SMB1_RX_PIECE bytes, each waited for at most the
 * socket's receive timeout; with stamp, the time each piece arrived is
 * noted there, so that the echo watchdog counts silence from the last
 * byte received and not from the start of a long reply.
 */
static int smb1_sock_recv_iter(struct socket *sock, struct iov_iter *iter,
			       unsigned long *stamp)
{
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL };
	int ret;

	while (iov_iter_count(iter)) {
		msg.msg_iter = *iter;
		iov_iter_truncate(&msg.msg_iter, SMB1_RX_PIECE);
		ret = sock_recvmsg(sock, &msg, MSG_WAITALL | MSG_NOSIGNAL);
		if (ret < 0)
			return ret == -EAGAIN ? -ETIMEDOUT : ret;
		if (ret == 0)
			return -ECONNRESET;
		iov_iter_advance(iter, ret);
		if (stamp)
			WRITE_ONCE(*stamp, jiffies);
	}
	return 0;
}

/*
 * Receive what has arrived into iter, at least one byte and at most its
 * count, waiting up to the receive timeout for the first: the count, or
 * a negative errno.
 */
static int smb1_sock_recv_some(struct socket *sock, struct iov_iter *iter,
			       unsigned long *stamp)
{
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL };
	int ret;

	msg.msg_iter = *iter;
	ret = sock_recvmsg(sock, &msg, MSG_NOSIGNAL);
	if (ret < 0)
		return ret == -EAGAIN ? -ETIMEDOUT : ret;
	if (ret == 0)
		return -ECONNRESET;
	iov_iter_advance(iter, ret);
	WRITE_ONCE(*stamp, jiffies);
	return ret;
}

static int smb1_sock_recv_stamp(struct socket *sock, void *buf, size_t len,
				unsigned long *stamp)
{
	struct kvec iov = { .iov_base = buf, .iov_len = len };
	struct iov_iter iter;

	iov_iter_kvec(&iter, ITER_DEST, &iov, 1, len);
	return smb1_sock_recv_iter(sock, &iter, stamp);
}

static int smb1_sock_recv(struct socket *sock, void *buf, size_t len)
{
	return smb1_sock_recv_stamp(sock, buf, len, NULL);
}

/* The receive thread's reads: each piece counts as a sign of life. */
static int smb1_rx_recv(struct smb1_conn *conn, void *buf, size_t len)
{
	return smb1_sock_recv_stamp(conn->sock, buf, len, &conn->last_rx);
}

/* Read and drop n bytes of the current frame. */
static int smb1_rx_discard(struct smb1_conn *conn, size_t n)
{
	u8 *scratch;
	int ret = 0;

	if (!n)
		return 0;
	scratch = kmalloc(min_t(size_t, n, PAGE_SIZE), GFP_KERNEL);
	if (!scratch)
		return -ENOMEM;
	while (n && !ret) {
		size_t chunk = min_t(size_t, n, PAGE_SIZE);

		ret = smb1_rx_recv(conn, scratch, chunk);
		n -= chunk;
	}
	kfree(scratch);
	return ret;
}

/* Bound the wait for the rest of a frame once its header has arrived. */
static void smb1_sock_set_rcvtimeo(struct socket *sock, long timeo)
{
	WRITE_ONCE(sock->sk->sk_rcvtimeo, timeo);
}

/* ---------------------------------------------------------------- */
/* NetBIOS session service (RFC 1002)                                */
/* ---------------------------------------------------------------- */

/*
 * First-level encoding of a NetBIOS name: pad to 15 characters with
 * spaces, append the type byte, split each byte into two nibbles added to
 * 'A'.  out gets the length byte 0x20, 32 characters and the empty scope
 * (a zero byte): NB_ENCODED_NAME_LEN bytes in all.
 */
int smb1_nb_encode_name(const char *name, u8 type, u8 *out)
{
	u8 raw[NB_NAME_LEN];
	size_t len = strlen(name);
	int i;

	if (!len || len > NB_NAME_LEN - 1)
		return -EINVAL;
	memset(raw, ' ', sizeof(raw));
	for (i = 0; i < len; i++)
		raw[i] = toupper(name[i]);
	raw[NB_NAME_LEN - 1] = type;

	out[0] = 2 * NB_NAME_LEN;
	for (i = 0; i < NB_NAME_LEN; i++) {
		out[1 + 2 * i] = 'A' + (raw[i] >> 4);
		out[2 + 2 * i] = 'A' + (raw[i] & 0x0f);
	}
	out[1 + 2 * NB_NAME_LEN] = 0;
	return 0;
}

static const char *smb1_nb_reason(u8 code)
{
	switch (code) {
	case NB_ERR_NOT_LISTENING_CALLED:
		return "not listening on called name";
	case NB_ERR_NOT_LISTENING_CALLING:
		return "not listening for calling name";
	case NB_ERR_CALLED_NOT_PRESENT:
		return "called name not present";
	case NB_ERR_INSUFFICIENT_RESOURCES:
		return "insufficient resources";
	default:
		return "unspecified error";
	}
}

/*
 * What a refused session request said: where a RETARGET response sends
 * us (IPv4 address and port), or the error code of a negative response.
 */
struct smb1_nb_retarget {
	__be32 addr;
	u16 port;
	u8 code;
};

/*
 * One session request for called.  Returns 0 (session up), -ENXIO (the
 * server does not know that name: another may do), -EREMCHG (go to *rt
 * instead), or another error, which has been reported.
 */
static int smb1_nb_session_request(struct socket *sock, const char *called,
				   const struct smb1_conn_params *p,
				   struct smb1_nb_retarget *rt,
				   struct fs_context *fc)
{
	u8 pkt[NB_HDR_SIZE + 2 * NB_ENCODED_NAME_LEN];
	u8 rsp[NB_HDR_SIZE], body[6];
	u16 len;
	u8 code;
	int ret;

	pkt[0] = NB_SESSION_REQUEST;
	pkt[1] = 0;
	put_unaligned_be16(2 * NB_ENCODED_NAME_LEN, &pkt[2]);
	/* the server is addressed as a file server (type 0x20) */
	ret = smb1_nb_encode_name(called, 0x20, &pkt[NB_HDR_SIZE]);
	if (!ret)
		ret = smb1_nb_encode_name(p->calling_name, 0x00,
					  &pkt[NB_HDR_SIZE + NB_ENCODED_NAME_LEN]);
	if (ret) {
		smb1_fc_err(fc, "invalid NetBIOS name (1 to 15 characters)");
		return ret;
	}
	ret = smb1_sock_send(sock, pkt, sizeof(pkt));
	if (!ret)
		ret = smb1_sock_recv(sock, rsp, sizeof(rsp));
	if (ret) {
		smb1_fc_err(fc, "NetBIOS session request failed (%d)", ret);
		return ret;
	}
	len = (rsp[1] & 1) ? 0xffff : get_unaligned_be16(&rsp[2]);

	switch (rsp[0]) {
	case NB_POSITIVE_RESPONSE:
		/* it has no payload: any would be taken for the next frame */
		if (!len)
			return 0;
		smb1_fc_err(fc, "NetBIOS positive session response with a payload");
		return -EIO;
	case NB_NEGATIVE_RESPONSE:
		if (len != 1 || smb1_sock_recv(sock, &code, 1))
			code = NB_ERR_UNSPECIFIED;
		smb1_info("NetBIOS session refused for name %s: %s (0x%02x)",
			  called, smb1_nb_reason(code), code);
		rt->code = code;
		if (code == NB_ERR_CALLED_NOT_PRESENT ||
		    code == NB_ERR_NOT_LISTENING_CALLED)
			return -ENXIO;
		smb1_fc_err(fc, "NetBIOS session refused for name %s: %s (0x%02x)",
			    called, smb1_nb_reason(code), code);
		return -ECONNREFUSED;
	case NB_RETARGET_RESPONSE:
		if (len != sizeof(body) || smb1_sock_recv(sock, body, len)) {
			smb1_fc_err(fc, "malformed NetBIOS retarget response");
			return -EIO;
		}
		memcpy(&rt->addr, body, 4);
		rt->port = get_unaligned_be16(body + 4);
		return -EREMCHG;
	default:
		smb1_fc_err(fc, "unexpected NetBIOS session response type 0x%02x",
			    rsp[0]);
		return -EIO;
	}
}

/*
 * NetBIOS node status (RFC 1002 4.2.17, 4.2.18): ask the server on UDP
 * port 137 for its names, and take the first unique one of the file
 * server type (0x20) into name.  Best effort: 0 or a negative errno.
 */
#define NB_NS_PORT		137
#define NB_NS_HDR		12
#define NB_NBSTAT		0x0021
#define NB_STAT_ENTRY		18	/* name (15), type, flags */
#define NB_NAME_GROUP		0x8000
#define NB_NS_TIMEOUT		(2 * HZ)

static int smb1_nb_node_status(const struct smb1_conn_params *p,
			       char name[NB_NAME_LEN])
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(NB_NS_PORT),
	};
	u8 q[NB_NS_HDR + NB_ENCODED_NAME_LEN + 4], *r;
	struct msghdr msg = {};
	struct socket *sock;
	struct smb1_cur c;
	struct kvec iov;
	u16 id, count, rdlen;
	u8 n, i;
	int ret;

	if (p->addr->ss_family != AF_INET)
		return -EAFNOSUPPORT;
	sin.sin_addr = ((const struct sockaddr_in *)p->addr)->sin_addr;

	get_random_bytes(&id, sizeof(id));
	memset(q, 0, sizeof(q));
	put_unaligned_be16(id, q);
	put_unaligned_be16(1, q + 4);		/* QDCOUNT */
	/* the name "*": every name the node has */
	q[NB_NS_HDR] = 2 * NB_NAME_LEN;
	q[NB_NS_HDR + 1] = 'A' + ('*' >> 4);
	q[NB_NS_HDR + 2] = 'A' + ('*' & 15);
	memset(q + NB_NS_HDR + 3, 'A', 2 * NB_NAME_LEN - 2);
	put_unaligned_be16(NB_NBSTAT, q + NB_NS_HDR + NB_ENCODED_NAME_LEN);
	put_unaligned_be16(1, q + NB_NS_HDR + NB_ENCODED_NAME_LEN + 2);

	r = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	ret = __sock_create(p->net ? p->net : current->nsproxy->net_ns,
			    AF_INET, SOCK_DGRAM, IPPROTO_UDP, &sock, 0);
	if (ret)
		goto out_free;
	sock->sk->sk_rcvtimeo = NB_NS_TIMEOUT;
	sock->sk->sk_sndtimeo = NB_NS_TIMEOUT;
	ret = kernel_connect(sock, (struct sockaddr *)&sin, sizeof(sin), 0);
	if (ret)
		goto out_sock;
	iov.iov_base = q;
	iov.iov_len = sizeof(q);
	ret = kernel_sendmsg(sock, &msg, &iov, 1, sizeof(q));
	if (ret < 0)
		goto out_sock;
	iov.iov_base = r;
	iov.iov_len = PAGE_SIZE;
	ret = kernel_recvmsg(sock, &msg, &iov, 1, PAGE_SIZE, 0);
	if (ret < 0)
		goto out_sock;

	/* header, the name echoed, type, class, TTL, RDLENGTH, NUM_NAMES */
	smb1_cur_init(&c, r, ret);
	ret = -EIO;
	if (smb1_cur_be16(&c, &count) || count != id ||
	    smb1_cur_skip(&c, NB_NS_HDR - 2 + NB_ENCODED_NAME_LEN) ||
	    smb1_cur_be16(&c, &count) || count != NB_NBSTAT ||
	    smb1_cur_skip(&c, 2 + 4) || smb1_cur_be16(&c, &rdlen) ||
	    smb1_cur_u8(&c, &n))
		goto out_sock;
	ret = -ENOENT;
	/* the names must lie within the answer's own length, too */
	if (1 + (size_t)n * NB_STAT_ENTRY > rdlen) {
		ret = -EIO;
		goto out_sock;
	}
	for (i = 0; i < n; i++) {
		const u8 *e;
		int len;

		if (smb1_cur_take(&c, &e, NB_STAT_ENTRY)) {
			ret = -EIO;
			break;
		}
		if (e[NB_NAME_LEN - 1] != 0x20 ||
		    get_unaligned_be16(e + NB_NAME_LEN) & NB_NAME_GROUP)
			continue;
		for (len = NB_NAME_LEN - 1; len && e[len - 1] == ' '; len--)
			;
		if (!len || memchr(e, 0, len))
			continue;
		memcpy(name, e, len);
		name[len] = 0;
		ret = 0;
		break;
	}
out_sock:
	sock_release(sock);
out_free:
	kfree(r);
	return ret;
}

/* ---------------------------------------------------------------- */
/* connection                                                        */
/* ---------------------------------------------------------------- */

/*
 * The socket's own allocations must not recurse into the file system:
 * once pages are written back through it, reclaim may wait on this very
 * socket.  No page fragment of the task that happens to send, either
 * (the sender may be in reclaim itself).
 */
#ifdef CONFIG_DEBUG_LOCK_ALLOC
/*
 * The socket's lock in a lockdep class of its own: a user's socket
 * copies into user memory under its lock (taking mmap_lock), ours is
 * sent on while a page fault holds a mapping's invalidate_lock, and
 * the two never meet.  One class for both would make lockdep see a
 * cycle that cannot happen (NFS and cifs do the same).
 */
static struct lock_class_key smb1_sk_key[2];
static struct lock_class_key smb1_slock_key[2];

static void smb1_sock_reclassify(struct sock *sk)
{
	if (WARN_ON_ONCE(!sock_allow_reclassification(sk)))
		return;
	if (sk->sk_family == AF_INET6)
		sock_lock_init_class_and_name(sk, "slock-AF_INET6-SMB1FS",
					      &smb1_slock_key[1],
					      "sk_lock-AF_INET6-SMB1FS",
					      &smb1_sk_key[1]);
	else
		sock_lock_init_class_and_name(sk, "slock-AF_INET-SMB1FS",
					      &smb1_slock_key[0],
					      "sk_lock-AF_INET-SMB1FS",
					      &smb1_sk_key[0]);
}
#else
static inline void smb1_sock_reclassify(struct sock *sk)
{
}
#endif

void smb1_sock_tune(struct socket *sock)
{
	struct sock *sk = sock->sk;

	smb1_sock_reclassify(sk);
	sk->sk_allocation = GFP_NOFS;
	smb1_sk_no_task_frag(sk);
	/* connect() blocks for at most the send timeout */
	sk->sk_sndtimeo = SMB1_CONNECT_TIMEOUT;
	sk->sk_rcvtimeo = SMB1_CONNECT_TIMEOUT;
	tcp_sock_set_nodelay(sk);
}

/* Make sock the socket being dialled; -ESHUTDOWN once umount has begun */
static int smb1_dial_begin(const struct smb1_conn_params *p,
			   struct socket *sock)
{
	struct smb1_dial *d = p->dial;
	int ret = 0;

	if (!d)
		return 0;
	mutex_lock(&d->lock);
	if (d->stop)
		ret = -ESHUTDOWN;
	else
		d->sock = sock;
	mutex_unlock(&d->lock);
	return ret;
}

/* Before the socket dialled is released or handed on */
static void smb1_dial_end(const struct smb1_conn_params *p)
{
	struct smb1_dial *d = p->dial;

	if (!d)
		return;
	mutex_lock(&d->lock);
	d->sock = NULL;
	mutex_unlock(&d->lock);
}

/* Abort the dial in progress, and every later one. */
static void smb1_dial_stop(struct smb1_dial *d)
{
	mutex_lock(&d->lock);
	d->stop = true;
	/* wakes a connect() or a session request waiting on it */
	if (d->sock)
		kernel_sock_shutdown(d->sock, SHUT_RDWR);
	mutex_unlock(&d->lock);
}

static int smb1_connect(const struct smb1_conn_params *p, u16 port,
			struct socket **sockp, struct fs_context *fc)
{
	struct sockaddr_storage ss = *p->addr;
	struct socket *sock;
	int addrlen, ret;

	if (ss.ss_family == AF_INET6) {
		((struct sockaddr_in6 *)&ss)->sin6_port = htons(port);
		addrlen = sizeof(struct sockaddr_in6);
	} else {
		((struct sockaddr_in *)&ss)->sin_port = htons(port);
		addrlen = sizeof(struct sockaddr_in);
	}

	/* a user-style socket, so it pins the mounter's network namespace */
	ret = __sock_create(p->net ? p->net : current->nsproxy->net_ns,
			    ss.ss_family,
			    SOCK_STREAM, IPPROTO_TCP, &sock, 0);
	if (ret)
		return ret;
	smb1_sock_tune(sock);
	ret = smb1_dial_begin(p, sock);
	if (ret) {
		sock_release(sock);
		return ret;
	}
	ret = kernel_connect(sock, (struct sockaddr *)&ss, addrlen, 0);
	if (ret == -EINPROGRESS || ret == -EAGAIN)
		ret = -ETIMEDOUT;
	if (!ret && p->dial && READ_ONCE(p->dial->stop))
		ret = -ESHUTDOWN;
	if (ret) {
		smb1_dial_end(p);
		sock_release(sock);
		return ret;
	}
	*sockp = sock;
	return 0;
}

/*
 * The NetBIOS session on port 139.  A server that does not know the name
 * we call it by is tried again with *SMBSERVER and with the name it gives
 * in a node status query; a RETARGET response is followed once.  Each try
 * is a new connection, as the server closes the refused one.
 */
static int smb1_nb_connect(const struct smb1_conn_params *p,
			   struct socket **sockp, struct fs_context *fc)
{
	struct sockaddr_storage alt;
	struct smb1_conn_params q = *p;
	struct smb1_nb_retarget rt;
	char learned[NB_NAME_LEN];
	const char *called = p->called_name;
	bool asked = false, moved = false;
	u16 port = 139;
	int ret;

	for (;;) {
		ret = smb1_connect(&q, port, sockp, fc);
		if (ret)
			return ret;
		ret = smb1_nb_session_request(*sockp, called, &q, &rt, fc);
		if (!ret)
			return 0;
		smb1_dial_end(&q);
		sock_release(*sockp);
		*sockp = NULL;
		if (ret == -EREMCHG && !moved) {
			struct sockaddr_in *sin = (struct sockaddr_in *)&alt;

			memset(&alt, 0, sizeof(alt));
			sin->sin_family = AF_INET;
			sin->sin_addr.s_addr = rt.addr;
			q.addr = &alt;
			port = rt.port;
			moved = true;
			smb1_info("NetBIOS session retargeted to %pISc port %u",
				  &alt, port);
			continue;
		}
		if (ret == -EREMCHG) {
			smb1_fc_err(fc, "NetBIOS session retargeted more than once");
			return -ECONNREFUSED;
		}
		if (ret != -ENXIO)
			return ret;
		if (strcmp(called, SMB1_NB_ANY_NAME)) {
			called = SMB1_NB_ANY_NAME;
			continue;
		}
		if (!asked && !(p->dial && READ_ONCE(p->dial->stop))) {
			asked = true;
			if (!smb1_nb_node_status(&q, learned) &&
			    strcmp(learned, p->called_name)) {
				called = learned;
				continue;
			}
		}
		smb1_fc_err(fc, "NetBIOS session refused for name %s: %s (0x%02x)",
			    called, smb1_nb_reason(rt.code), rt.code);
		return -ECONNREFUSED;
	}
}

static int smb1_open_sock(const struct smb1_conn_params *p, u16 port,
			  struct socket **sockp, struct fs_context *fc)
{
	int ret;

	ret = port == 139 ? smb1_nb_connect(p, sockp, fc) :
			    smb1_connect(p, port, sockp, fc);
	if (!ret) {
		/* the caller owns it now (a dial aborted: the caller sees) */
		smb1_dial_end(p);
		(*sockp)->sk->sk_sndtimeo = p->timeout;
	}
	return ret;
}

/* A MaxMpxCount slot taken and given back; counted for the stats. */
static void smb1_mpx_taken(struct smb1_conn *conn)
{
	int n = atomic_inc_return(&conn->inflight);
	int max = atomic_read(&conn->max_inflight);

	while (n > max && !atomic_try_cmpxchg(&conn->max_inflight, &max, n))
		;
}

static void smb1_mpx_put(struct smb1_conn *conn)
{
	atomic_dec(&conn->inflight);
	up(&conn->mpx);
}

struct workqueue_struct *smb1_complete_wq;
/*
 * Reconnects, expiry of requests nobody waits for and echoes: the mount
 * recovers through them, also under memory pressure once writeback
 * waits on it, so they get a queue with a rescuer of its own.
 */
static struct workqueue_struct *smb1_conn_wq;

int smb1_transport_init(void)
{
	/*
	 * Bound to CPUs, not unbound, and of normal priority: its work
	 * runs where it was queued, after the receive thread.  It has to
	 * make progress under memory pressure, as page-cache reads wait
	 * for it.
	 */
	smb1_complete_wq = alloc_workqueue("smb1fs-complete", WQ_MEM_RECLAIM,
					   0);
	if (!smb1_complete_wq)
		return -ENOMEM;
	smb1_conn_wq = alloc_workqueue("smb1fs-conn", WQ_MEM_RECLAIM, 0);
	if (!smb1_conn_wq) {
		destroy_workqueue(smb1_complete_wq);
		return -ENOMEM;
	}
	return 0;
}

/* At module unload, after the last superblock: drains the last works. */
void smb1_transport_exit(void)
{
	destroy_workqueue(smb1_conn_wq);
	destroy_workqueue(smb1_complete_wq);
}

/* The worker's half of settling req: see smb1_req_complete(). */
static void smb1_req_wake(struct work_struct *work)
{
	struct smb1_req *req = container_of(work, struct smb1_req, wake);

	if (req->nowait && req->done)
		req->done(req);
	else
		wake_up(&req->wq);
	smb1_req_put(req);
}

/*
 * Settle req (with the table's xa_lock held).  A request nobody waits
 * for gives its MaxMpxCount slot back here; the others do so in
 * smb1_req_wait().  Its done() runs in the per-CPU worker, outside the
 * lock, where it may sleep.
 *
 * The receive thread does not wake a waiter itself but through a worker
 * on its CPU, which runs once the thread sleeps on the socket again.
 * Woken by a task still running on the waiter's CPU, the waiter is moved
 * to another CPU, and at the next request the server and the receive
 * thread move after it; woken by a per-CPU worker it stays.  Random
 * reads and opens of small files against a server on the same two CPUs
 * took a fifth longer the direct way.
 */
static void smb1_req_complete(struct smb1_req *req, enum smb1_req_state state,
			      int err)
{
	req->err = err;
	/* the reply and err before the state: smb1_req_finished() */
	smp_store_release(&req->state, state);
	if (req->nowait)
		smb1_mpx_put(req->conn);
	if ((req->nowait && req->done) ||
	    (!req->nowait && current == READ_ONCE(req->conn->rx_task))) {
		/*
		 * A request sent again after a lost link may be settled
		 * again before the wake of the loss has run: that one
		 * wakes for both, and keeps its own reference.  (A nowait
		 * request is settled once.)
		 */
		kref_get(&req->ref);
		if (!queue_work(smb1_complete_wq, &req->wake))
			smb1_req_put(req);
	} else {
		wake_up(&req->wq);
	}
}

/*
 * Give up the requests nobody waits for (CLOSE) that got no reply within
 * the request timeout, as smb1_req_wait() gives up its own: a server that
 * never answers them must not keep their MaxMpxCount slots for ever.
 */
static void smb1_conn_expire(struct work_struct *work)
{
	struct smb1_conn *conn = container_of(to_delayed_work(work),
					      struct smb1_conn, expire);
	unsigned long mid, now = jiffies, next = 0;
	struct smb1_req *req;
	bool more = false;

	xa_lock(&conn->reqs);
	xa_for_each(&conn->reqs, mid, req) {
		if (!req->nowait)
			continue;
		if (time_before(now, req->deadline)) {
			if (!more || time_before(req->deadline, next))
				next = req->deadline;
			more = true;
			continue;
		}
		smb1_err("server did not answer command 0x%02x in %lu s",
			 req->cmd, conn->timeout / HZ);
		__xa_erase(&conn->reqs, mid);
		smb1_req_complete(req, SMB1_REQ_FAILED, -ETIMEDOUT);
		/* the table's reference */
		smb1_req_put(req);
	}
	xa_unlock(&conn->reqs);
	if (more)
		queue_delayed_work(smb1_conn_wq, &conn->expire, next - now);
}

/*
 * Fail req (xa_lock held) because the link broke under it.  Once the
 * mount can reconnect, that is -SMB1_ELOST, and the request may be
 * sent again on the new link.
 */
static void smb1_req_lose(struct smb1_req *req, int err)
{
	req->lost = true;
	smb1_req_complete(req, SMB1_REQ_FAILED,
			  READ_ONCE(req->conn->setup) ? -SMB1_ELOST : err);
}

void smb1_conn_fail(struct smb1_conn *conn, int err)
{
	struct smb1_req *req;
	unsigned long mid;

	xa_lock(&conn->reqs);
	if (!conn->err)
		conn->err = err;
	xa_for_each(&conn->reqs, mid, req) {
		__xa_erase(&conn->reqs, mid);
		smb1_req_lose(req, conn->err);
		/* the table's reference */
		smb1_req_put(req);
	}
	xa_unlock(&conn->reqs);
}

/* ---------------------------------------------------------------- */
/* connection state                                                  */
/* ---------------------------------------------------------------- */

enum smb1_conn_state smb1_conn_next_state(enum smb1_conn_state s,
					  enum smb1_conn_event ev,
					  bool can_reconnect)
{
	if (s == SMB1_CONN_DEAD || ev == SMB1_EV_CLOSE)
		return SMB1_CONN_DEAD;
	switch (ev) {
	case SMB1_EV_LOST:
		/* while reconnecting, the worker sees the failure itself */
		if (s != SMB1_CONN_GOOD)
			return s;
		return can_reconnect ? SMB1_CONN_NEED_RECONNECT :
				       SMB1_CONN_DEAD;
	case SMB1_EV_START:
		return s == SMB1_CONN_NEED_RECONNECT ? SMB1_CONN_RECONNECTING :
						       s;
	case SMB1_EV_UP:
		return s == SMB1_CONN_RECONNECTING ? SMB1_CONN_GOOD : s;
	case SMB1_EV_FAILED:
		return s == SMB1_CONN_RECONNECTING ?
		       SMB1_CONN_NEED_RECONNECT : s;
	default:
		return s;
	}
}

/* 0 for the first attempt, then 1, 2, 4, 8, 8 ... seconds */
unsigned long smb1_reconnect_delay(unsigned int attempt)
{
	if (!attempt)
		return 0;
	if (attempt > 4)
		return SMB1_RECONNECT_MAX_DELAY;
	return min_t(unsigned long, (unsigned long)HZ << (attempt - 1),
		     SMB1_RECONNECT_MAX_DELAY);
}

bool smb1_soft_expired(unsigned long lost_at, unsigned long now,
		       unsigned long bound)
{
	return time_after_eq(now, lost_at + bound);
}

/*
 * Whether a request lost with the link may go out again on a new one
 * although the server may have run it: only when running it twice
 * changes nothing, as for reads, queries, listings and opens (opens
 * that create exclusively mark themselves with smb1_req_once()).  Every
 * other command, as every one not listed here, is sent once.
 */
bool smb1_cmd_replayable(u8 cmd)
{
	switch (cmd) {
	case SMB_COM_CLOSE:		/* bound: never resent anyway */
	case SMB_COM_QUERY_INFORMATION:
	case SMB_COM_ECHO:
	case SMB_COM_OPEN:
	case SMB_COM_OPEN_ANDX:
	case SMB_COM_READ:
	case SMB_COM_READ_ANDX:
	case SMB_COM_TRANSACTION2:	/* queries; set-info marks itself */
	case SMB_COM_FIND_CLOSE2:	/* bound */
	case SMB_COM_TREE_DISCONNECT:
	case SMB_COM_NEGOTIATE:
	case SMB_COM_SESSION_SETUP_ANDX:
	case SMB_COM_LOGOFF_ANDX:
	case SMB_COM_TREE_CONNECT_ANDX:
	case SMB_COM_QUERY_INFORMATION_DISK:
	case SMB_COM_SEARCH:
	case SMB_COM_NT_CREATE_ANDX:
		return true;
	default:
		return false;
	}
}

/*
 * The longest SMB message a session message may carry on port: 17 bits
 * of length on the NetBIOS session service (139; the other seven bits of
 * that byte are flags, zero), 24 on direct TCP (445 and others).
 */
u32 smb1_frame_limit(u16 port)
{
	return port == 139 ? NB_MAX_LEN_139 : NB_MAX_LEN_445;
}

/*
 * Refused for signing: requests fail until an attempt succeeds; an
 * attempt that fails for another reason (a timeout on a slow link)
 * does not make the mount wait as if no server had answered.
 */
bool smb1_refused_next(bool refused, enum smb1_conn_event ev, int ret)
{
	if (ev == SMB1_EV_FAILED && ret == -SMB1_EDOWNGRADE)
		return true;
	return ev == SMB1_EV_UP ? false : refused;
}

/*
 * The link is declared dead only after a probe was sent and nothing came
 * for a whole interval after it: a watchdog that runs late (a loaded
 * host, a guest descheduled) then probes first instead of breaking a
 * link that merely looked quiet.  A byte in the jiffy of the probe
 * counts as an answer: that errs towards keeping the link.
 */
enum smb1_echo_act smb1_echo_verdict(unsigned long now, unsigned long last_rx,
				     unsigned long probe_at, unsigned long iv)
{
	bool pending = probe_at && time_before(last_rx, probe_at);

	if (time_before(now, last_rx + iv))
		return SMB1_ECHO_NONE;
	if (!pending)
		return SMB1_ECHO_PROBE;
	return time_after_eq(now, probe_at + iv) ? SMB1_ECHO_DEAD :
						   SMB1_ECHO_NONE;
}

/* The receive thread saw the link break (it may say so twice). */
static void smb1_conn_lost(struct smb1_conn *conn)
{
	enum smb1_conn_state old;

	spin_lock(&conn->lock);
	old = conn->state;
	conn->state = smb1_conn_next_state(old, SMB1_EV_LOST,
					   conn->setup && !conn->closing);
	if (old == SMB1_CONN_GOOD && conn->state == SMB1_CONN_NEED_RECONNECT) {
		conn->lost_at = jiffies;
		conn->attempts = 0;
		queue_delayed_work(smb1_conn_wq, &conn->reconnect, 0);
	}
	spin_unlock(&conn->lock);
	wake_up_all(&conn->state_wq);
}

/* Shut the current link down (its receive thread then fails it). */
static void smb1_conn_break(struct smb1_conn *conn)
{
	mutex_lock(&conn->sock_mutex);
	if (conn->sock)
		kernel_sock_shutdown(conn->sock, SHUT_RDWR);
	mutex_unlock(&conn->sock_mutex);
}

static bool smb1_conn_settled(struct smb1_conn *conn)
{
	enum smb1_conn_state s = READ_ONCE(conn->state);

	return s == SMB1_CONN_GOOD || s == SMB1_CONN_DEAD ||
	       READ_ONCE(conn->refused);
}

int smb1_conn_wait_ready(struct smb1_conn *conn)
{
	unsigned long lost_at, timeo;
	enum smb1_conn_state s;
	bool refused;
	long left;

	if (READ_ONCE(conn->rc_task) == current)
		return 0;
	for (;;) {
		spin_lock(&conn->lock);
		s = conn->state;
		lost_at = conn->lost_at;
		refused = conn->refused;
		spin_unlock(&conn->lock);
		if (s == SMB1_CONN_GOOD)
			return 0;
		if (s == SMB1_CONN_DEAD)
			return READ_ONCE(conn->err) ?: -ESHUTDOWN;
		/*
		 * The new session would not sign: failing at once, soft or
		 * hard, beats waiting for a man in the middle to give up
		 */
		if (refused)
			return -EIO;
		timeo = MAX_SCHEDULE_TIMEOUT;
		if (!conn->hard) {
			if (smb1_soft_expired(lost_at, jiffies, conn->timeout))
				return -EHOSTDOWN;
			timeo = lost_at + conn->timeout - jiffies;
		}
		left = smb1_wait_freezable_timeout(conn->state_wq,
						   smb1_conn_settled(conn),
						   timeo);
		if (left < 0)
			return -EINTR;
	}
}

/* The receive thread writes no more into req's data_iter. */
static void smb1_rx_release_iter(struct smb1_req *req)
{
	/* the writes into the caller's buffer before: smb1_req_iter_free() */
	smp_store_release(&req->iter_released, true);
	wake_up(&req->wq);
}

/*
 * The rest of a reply with a payload after its prefix: find the payload
 * (req->data_at()), skip any padding, receive the payload into
 * req->data_iter and drop whatever trails it.  A malformed reply sets
 * *err; a socket error is returned.
 */
static int smb1_rx_payload(struct smb1_conn *conn, struct smb1_req *req,
			   size_t len, int *err)
{
	struct iov_iter iter;
	size_t pos = req->rlen;
	u32 status, off, n;
	int ret;

	/*
	 * An error reply, or a reply we cannot take apart from its prefix:
	 * read the whole (small) frame into rbuf for the caller to judge.
	 */
	status = get_unaligned_le32(req->rbuf + offsetof(struct smb1_hdr, status));
	if (status || req->data_at(req->rbuf, req->rlen, len, &off, &n)) {
		u8 *full = NULL;

		if (len <= SMB1_MAX_CTRL_FRAME)
			full = kvmalloc(len, GFP_KERNEL);
		if (!full) {
			*err = len <= SMB1_MAX_CTRL_FRAME ? -ENOMEM : -EIO;
			return smb1_rx_discard(conn, len - pos);
		}
		memcpy(full, req->rbuf, pos);
		kvfree(req->rbuf);
		req->rbuf = full;
		req->rlen = len;
		return smb1_rx_recv(conn, full + pos, len - pos);
	}

	if (off < pos || off > len || n > len - off || n > req->data_max ||
	    n > iov_iter_count(req->data_iter)) {
		*err = -EIO;
		return smb1_rx_discard(conn, len - pos);
	}
	ret = smb1_rx_discard(conn, off - pos);
	if (ret)
		return ret;
	pos = off;

	/*
	 * Into the caller's buffer as it arrives: once its waiter has given
	 * up, the rest is dropped here and the link goes on.
	 */
	iter = *req->data_iter;
	iov_iter_truncate(&iter, n);
	while (iov_iter_count(&iter)) {
		if (READ_ONCE(req->cancelled)) {
			smb1_rx_release_iter(req);
			*err = -EINTR;
			return smb1_rx_discard(conn, len - pos);
		}
		ret = smb1_sock_recv_some(conn->sock, &iter, &conn->last_rx);
		if (ret < 0)
			return ret;
		pos += ret;
	}
	req->data_len = n;
	return smb1_rx_discard(conn, len - pos);
}

/*
 * Whether a reply says that the session or the tree connect is gone
 * while the link is up (a share closed or exported anew, a session
 * expired on the server).  The mount then starts over as after a lost
 * link: it logs in and connects the tree again, reopens what it had
 * open, and sends the request again.  Not while mounting, nor for the
 * reconnect's own requests: those just fail.
 */
static bool smb1_rx_session_gone(struct smb1_conn *conn, const u8 *hdr)
{
	u32 status = get_unaligned_le32(hdr + offsetof(struct smb1_hdr, status));
	u16 flags2 = get_unaligned_le16(hdr + offsetof(struct smb1_hdr, flags2));
	int err;

	if (!status || !READ_ONCE(conn->setup) || READ_ONCE(conn->rc_task))
		return false;
	if (flags2 & SMBFLG2_NT_STATUS)
		err = smb1_nt_status_to_errno(status);
	else
		err = smb1_dos_error_to_errno(SMB1_DOS_CLASS(status),
					      SMB1_DOS_CODE(status));
	return err == -ENETRESET;
}

/*
 * Receive one reply whose MID belongs to req.  hdr holds its first
 * SMB1_HDR_SIZE bytes; len is the whole message.  A problem confined to
 * this reply fails only req; a socket error is returned to break the link.
 *
 * The reply to a signed request is taken only with the right MAC, a bare
 * header or a malformed reply too: anyone on the path can send a header
 * with the MID of a request in flight.  One that is wrong, or too large
 * to be checked, is refused, and the link dropped: the request is then
 * lost with the link and sent again on the next one.
 */
static int smb1_rx_reply(struct smb1_conn *conn, struct smb1_req *req,
			 const u8 *hdr, size_t len)
{
	size_t have = SMB1_HDR_SIZE;
	size_t prefix, max;
	bool bare;
	int ret, err = 0;

	/*
	 * A bare header with an error status (impacket answers commands it
	 * lacks so, FIND_CLOSE2 among them) is taken, as cifs takes it, for
	 * the error reply it means, with empty word and byte blocks.  Any
	 * other header without WordCount and ByteCount is no reply, but the
	 * framing still holds.
	 */
	bare = len == SMB1_HDR_SIZE && hdr[4] == req->cmd &&
	       get_unaligned_le32(hdr + offsetof(struct smb1_hdr, status));
	max = SMB1_MAX_CTRL_FRAME;
	if (req->data_iter)
		max += req->data_max;
	if (!bare && (len < SMB1_MIN_MSG_SIZE || len > max ||
		      hdr[4] != req->cmd))
		err = -EIO;
	if (err && req->sign && len > max) {
		smb1_err("reply to command 0x%02x (MID %u) too large to check its signature (%zu bytes); dropping the connection",
			 req->cmd, req->mid, len);
		ret = -EIO;
		goto out_fail;
	}
	if (err && !req->sign) {
		smb1_err("bad reply to command 0x%02x (command 0x%02x, %zu bytes)",
			 req->cmd, hdr[4], len);
		ret = smb1_rx_discard(conn, len - have);
		goto out_fail;
	}

	/*
	 * A data read receives only the parameter block into rbuf and the
	 * data straight into the caller's iterator; with signing the whole
	 * reply comes into rbuf, so no data is passed on before the MAC
	 * over all of it has been checked.  A bare header gets room for
	 * the empty blocks it lacks.
	 */
	prefix = len;
	if (req->data_iter && !req->sign)
		prefix = min_t(size_t, len, req->data_prefix);
	if (bare)
		req->rbuf = kvzalloc(SMB1_MIN_MSG_SIZE, GFP_KERNEL);
	else
		req->rbuf = kvmalloc(prefix, GFP_KERNEL);
	if (!req->rbuf) {
		ret = smb1_rx_discard(conn, len - have);
		err = -ENOMEM;
		goto out_fail;
	}
	memcpy(req->rbuf, hdr, have);
	ret = smb1_rx_recv(conn, req->rbuf + have, prefix - have);
	if (ret)
		goto out_fail;
	req->rlen = prefix;
	req->total_len = len;

	if (req->sign &&
	    smb1_sign_verify(conn, req->rbuf, len, req->sign_seq + 1)) {
		/* the stream can no longer be trusted: drop the link */
		smb1_err("bad signature on the reply to command 0x%02x (MID %u); dropping the connection",
			 req->cmd, req->mid);
		ret = -EIO;
		goto out_fail;
	}
	if (err) {
		/* signed by the server, but not a reply we can use */
		smb1_err("bad reply to command 0x%02x (command 0x%02x, %zu bytes)",
			 req->cmd, hdr[4], len);
		goto out_fail;
	}
	if (bare) {
		req->rlen = SMB1_MIN_MSG_SIZE;
		req->total_len = SMB1_MIN_MSG_SIZE;
		goto out_done;
	}
	if (req->data_iter && !req->sign) {
		ret = smb1_rx_payload(conn, req, len, &err);
		if (ret || err)
			goto out_fail;
	}

out_done:
	if (smb1_rx_session_gone(conn, req->rbuf)) {
		smb1_warn("server ended the session or the tree connect (status 0x%08x); connecting again",
			  get_unaligned_le32(req->rbuf +
					     offsetof(struct smb1_hdr, status)));
		ret = -ENETRESET;
		goto out_fail;
	}
	xa_lock(&conn->reqs);
	smb1_req_complete(req, SMB1_REQ_DONE, 0);
	xa_unlock(&conn->reqs);
	return 0;

out_fail:
	/*
	 * The link dies of this reply: say so before its request is
	 * settled, or the request, sent again at once, goes out on this
	 * link and is lost with it, a retry wasted.
	 */
	if (ret)
		smb1_conn_lost(conn);
	xa_lock(&conn->reqs);
	if (ret)
		smb1_req_lose(req, ret);
	else
		smb1_req_complete(req, SMB1_REQ_FAILED, err);
	xa_unlock(&conn->reqs);
	return ret;
}

static int smb1_rx_frame(struct smb1_conn *conn)
{
	u8 nb[NB_HDR_SIZE];
	u8 hdr[SMB1_HDR_SIZE];
	struct smb1_req *req;
	size_t len;
	u16 mid;
	int ret;

	/* Idle: wait for the next frame without a bound. */
	smb1_sock_set_rcvtimeo(conn->sock, MAX_SCHEDULE_TIMEOUT);
	ret = smb1_rx_recv(conn, nb, sizeof(nb));
	if (ret)
		return ret;
	WRITE_ONCE(conn->last_rx, jiffies);
	smb1_sock_set_rcvtimeo(conn->sock, conn->timeout);

	len = (nb[1] << 16) | get_unaligned_be16(&nb[2]);
	switch (nb[0]) {
	case NB_SESSION_KEEPALIVE:
		if (len) {
			smb1_err("session keepalive with payload of %zu bytes", len);
			return -EIO;
		}
		return 0;
	case NB_SESSION_MESSAGE:
		break;
	default:
		smb1_err("unexpected NetBIOS frame type 0x%02x", nb[0]);
		return -EIO;
	}
	if (len < SMB1_HDR_SIZE || len > conn->max_frame ||
	    len > smb1_frame_limit(conn->port)) {
		smb1_err("bad frame length %zu", len);
		return -EIO;
	}

	ret = smb1_rx_recv(conn, hdr, sizeof(hdr));
	if (ret)
		return ret;
	if (memcmp(hdr, "\xffSMB", 4)) {
		smb1_err("frame is not SMB1 (signature %*ph)", 4, hdr);
		return -EIO;
	}
	if (!(hdr[offsetof(struct smb1_hdr, flags)] & SMBFLG_REPLY)) {
		/* a server request such as an oplock break: not asked for */
		smb1_dbg("dropping server request 0x%02x", hdr[4]);
		return smb1_rx_discard(conn, len - sizeof(hdr));
	}

	mid = get_unaligned_le16(&hdr[offsetof(struct smb1_hdr, mid)]);
	req = smb1_req_take(conn, mid);
	if (!req) {
		/* late reply for a request that gave up, or a bogus one */
		smb1_dbg("dropping reply with unknown MID %u", mid);
		return smb1_rx_discard(conn, len - sizeof(hdr));
	}
	ret = smb1_rx_reply(conn, req, hdr, len);
	smb1_req_put(req);
	return ret;
}

static int smb1_rx_thread(void *data)
{
	struct smb1_conn *conn = data;
	int ret = 0;

	/* what it allocates must not wait for writeback through itself */
	memalloc_nofs_save();

	while (!kthread_should_stop()) {
		ret = smb1_rx_frame(conn);
		if (ret)
			break;
	}
	if (ret && !READ_ONCE(conn->closing))
		smb1_warn("connection to server lost (%d)", ret);
	/* senders blocked on the dead link give up too */
	kernel_sock_shutdown(conn->sock, SHUT_RDWR);
	/* the state first, so that failed requests find it changed */
	smb1_conn_lost(conn);
	smb1_conn_fail(conn, ret ? ret : -ESHUTDOWN);

	/* kthread_stop() expects to find us alive */
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

static void smb1_conn_reconnect_work(struct work_struct *work);
static void smb1_conn_echo_work(struct work_struct *work);

/*
 * The FIDs that late replies to given-up opens brought, and those a
 * killed task could not send the CLOSE of: closed here, so that a
 * process killed during an open or a close leaves no handle on the
 * server.  A FID of an older link died with it (smb1_close() knows).
 */
static void smb1_conn_late_close_work(struct work_struct *work)
{
	struct smb1_conn *conn = container_of(work, struct smb1_conn,
					      late_close);
	u16 fid;
	u32 gen;

	for (;;) {
		spin_lock(&conn->late_lock);
		if (!conn->n_late) {
			spin_unlock(&conn->late_lock);
			return;
		}
		conn->n_late--;
		fid = conn->late[conn->n_late].fid;
		gen = conn->late[conn->n_late].gen;
		spin_unlock(&conn->late_lock);
		smb1_dbg("closing file id %u late", fid);
		smb1_close(conn, fid, gen);
	}
}

void smb1_conn_defer_close(struct smb1_conn *conn, u16 fid, u32 gen)
{
	bool queued = false;

	spin_lock(&conn->late_lock);
	if (conn->n_late < ARRAY_SIZE(conn->late)) {
		conn->late[conn->n_late].fid = fid;
		conn->late[conn->n_late].gen = gen;
		conn->n_late++;
		queued = true;
	}
	spin_unlock(&conn->late_lock);
	if (queued)
		queue_work(smb1_conn_wq, &conn->late_close);
	else
		smb1_dbg("file id %u stays open", fid);
}

/*
 * The header Flags of every request: paths canonical (no DOS wildcards
 * in them) and, unless case=sensitive, matched without case.  Servers
 * that take the latter per request (Samba, from a client that offers
 * NT LM 0.12 alone) look a name up as written when it is clear, where
 * otherwise a name not found makes them read its directory for any
 * case of it.
 */
u8 smb1_hdr_flags(bool case_sensitive)
{
	u8 flags = SMBFLG_CANONICAL_PATHS;

	if (!case_sensitive)
		flags |= SMBFLG_CASELESS;
	return flags;
}

/* The state of a connection before it has a socket. */
void smb1_conn_init(struct smb1_conn *conn, unsigned long timeout)
{
	mutex_init(&conn->send_mutex);
	mutex_init(&conn->sock_mutex);
	mutex_init(&conn->dial.lock);
	spin_lock_init(&conn->lock);
	xa_init_flags(&conn->reqs, XA_FLAGS_ALLOC1);
	sema_init(&conn->mpx, 1);
	INIT_DELAYED_WORK(&conn->expire, smb1_conn_expire);
	INIT_DELAYED_WORK(&conn->reconnect, smb1_conn_reconnect_work);
	INIT_DELAYED_WORK(&conn->echo, smb1_conn_echo_work);
	spin_lock_init(&conn->late_lock);
	INIT_WORK(&conn->late_close, smb1_conn_late_close_work);
	init_waitqueue_head(&conn->state_wq);
	conn->state = SMB1_CONN_GOOD;
	conn->gen = 1;
	conn->last_rx = jiffies;
	conn->timeout = timeout;
	conn->max_frame = SMB1_MAX_CTRL_FRAME;
	conn->next_mid = get_random_u32() & 0x7fff;
	conn->pid = task_tgid_nr(current);
	conn->flags = smb1_hdr_flags(false);
	/* what we can take in the negotiate reply; narrowed by its caps */
	conn->flags2 = SMBFLG2_KNOWS_LONG_NAMES | SMBFLG2_NT_STATUS |
		       SMBFLG2_UNICODE;
}

int smb1_conn_open(const struct smb1_conn_params *p, struct smb1_conn **out,
		   struct fs_context *fc)
{
	static const u16 default_ports[] = { 445, 139 };
	struct smb1_conn *conn;
	int i, ret = -EINVAL;

	conn = kzalloc(sizeof(*conn), GFP_KERNEL);
	if (!conn)
		return -ENOMEM;
	smb1_conn_init(conn, p->timeout);
	conn->flags = smb1_hdr_flags(p->case_sensitive);
	/* a reconnect dials from a worker: in the mounter's namespace */
	conn->net = get_net(p->net ? p->net : current->nsproxy->net_ns);
	conn->params = *p;
	conn->params.net = conn->net;
	/* the mount's own dial is above; a reconnect's can be aborted */
	conn->params.dial = &conn->dial;

	if (p->port) {
		conn->port = p->port;
		ret = smb1_open_sock(p, p->port, &conn->sock, fc);
	} else {
		for (i = 0; i < ARRAY_SIZE(default_ports); i++) {
			conn->port = default_ports[i];
			ret = smb1_open_sock(p, conn->port, &conn->sock, fc);
			if (!ret || ret == -ETIMEDOUT)
				break;
		}
	}
	if (ret) {
		smb1_fc_err(fc, "cannot connect to %pISc port %u: error %d",
			p->addr, conn->port, ret);
		goto err_free;
	}

	conn->rx_task = kthread_run(smb1_rx_thread, conn, "smb1fs-rx");
	if (IS_ERR(conn->rx_task)) {
		ret = PTR_ERR(conn->rx_task);
		goto err_sock;
	}
	*out = conn;
	return 0;

err_sock:
	sock_release(conn->sock);
err_free:
	put_net(conn->net);
	kfree(conn);
	return ret;
}

void smb1_conn_quiesce(struct smb1_conn *conn)
{
	bool up;

	spin_lock(&conn->lock);
	WRITE_ONCE(conn->closing, true);
	up = conn->state == SMB1_CONN_GOOD;
	if (!up)
		conn->state = smb1_conn_next_state(conn->state, SMB1_EV_CLOSE,
						   false);
	spin_unlock(&conn->lock);
	wake_up_all(&conn->state_wq);
	/* a reconnect dialling an absent server: no waiting for connect() */
	smb1_dial_stop(&conn->dial);
	cancel_delayed_work_sync(&conn->echo);
	/* a reconnect in progress: its requests fail now */
	if (!up)
		smb1_conn_break(conn);
	cancel_delayed_work_sync(&conn->reconnect);
	WRITE_ONCE(conn->timeout, min(conn->timeout, SMB1_QUIESCE_TIMEOUT));
}

void smb1_conn_close(struct smb1_conn *conn)
{
	if (!conn)
		return;
	smb1_conn_quiesce(conn);
	spin_lock(&conn->lock);
	conn->state = SMB1_CONN_DEAD;
	spin_unlock(&conn->lock);
	wake_up_all(&conn->state_wq);
	smb1_conn_break(conn);
	/* nothing swaps the socket any more */
	if (conn->rx_task)
		kthread_stop(conn->rx_task);
	cancel_delayed_work_sync(&conn->expire);
	/* the done() of requests settled above has run */
	flush_workqueue(smb1_complete_wq);
	cancel_work_sync(&conn->late_close);
	/* the thread failed every request still in the table */
	WARN_ON_ONCE(!xa_empty(&conn->reqs));
	xa_destroy(&conn->reqs);
	if (conn->sock)
		sock_release(conn->sock);
	smb1_sign_free(conn);
	if (conn->oem)
		unload_nls(conn->oem);
	put_net(conn->net);
	kfree(conn->server_domain);
	kfree(conn);
}

void smb1_conn_set_mpx(struct smb1_conn *conn, u16 n)
{
	/* the slots are given out once; a reconnect keeps them */
	if (conn->mpx_set)
		return;
	conn->mpx_set = true;
	/* one slot exists from the start (for negotiate) */
	while (n-- > 1)
		up(&conn->mpx);
}

void smb1_conn_enable_reconnect(struct smb1_conn *conn, smb1_setup_fn setup,
				void *arg, bool hard,
				unsigned long echo_interval)
{
	spin_lock(&conn->lock);
	conn->setup_arg = arg;
	conn->hard = hard;
	conn->echo_interval = echo_interval;
	WRITE_ONCE(conn->setup, setup);
	/* lost between the mount's last request and now */
	if (conn->state == SMB1_CONN_DEAD && !conn->closing) {
		conn->state = SMB1_CONN_NEED_RECONNECT;
		conn->lost_at = jiffies;
		queue_delayed_work(smb1_conn_wq, &conn->reconnect, 0);
	}
	if (echo_interval)
		queue_delayed_work(smb1_conn_wq, &conn->echo, echo_interval);
	spin_unlock(&conn->lock);
}

/*
 * Replace the broken link by a new one: stop the old receive thread,
 * release the old socket, dial again and start a new thread.
 */
static int smb1_conn_redial(struct smb1_conn *conn)
{
	struct task_struct *task;
	struct socket *sock;
	int ret;

	mutex_lock(&conn->send_mutex);
	mutex_lock(&conn->sock_mutex);
	sock = conn->sock;
	task = conn->rx_task;
	conn->rx_task = NULL;
	mutex_unlock(&conn->sock_mutex);
	mutex_unlock(&conn->send_mutex);
	if (task) {
		/*
		 * It has failed every request of the old link, or does now.
		 * It uses conn->sock until it stops: that stays until then.
		 */
		kernel_sock_shutdown(sock, SHUT_RDWR);
		kthread_stop(task);
	}
	mutex_lock(&conn->send_mutex);
	mutex_lock(&conn->sock_mutex);
	conn->sock = NULL;
	mutex_unlock(&conn->sock_mutex);
	mutex_unlock(&conn->send_mutex);
	if (sock)
		sock_release(sock);

	ret = smb1_open_sock(&conn->params, conn->port, &sock, NULL);
	if (ret)
		return ret;
	xa_lock(&conn->reqs);
	conn->err = 0;
	xa_unlock(&conn->reqs);

	mutex_lock(&conn->sock_mutex);
	ret = -ESHUTDOWN;
	if (READ_ONCE(conn->closing))
		goto out_release;
	conn->sock = sock;
	WRITE_ONCE(conn->last_rx, jiffies);
	task = kthread_run(smb1_rx_thread, conn, "smb1fs-rx");
	if (IS_ERR(task)) {
		ret = PTR_ERR(task);
		conn->sock = NULL;
		goto out_release;
	}
	conn->rx_task = task;
	mutex_unlock(&conn->sock_mutex);
	return 0;

out_release:
	mutex_unlock(&conn->sock_mutex);
	sock_release(sock);
	return ret;
}

/*
 * The new link starts a new session: UID and TID come from its session
 * setup and tree connect.  Whatever else belongs to a session (message
 * signing: its key and sequence numbers) starts again here too.
 */
static void smb1_conn_new_session(struct smb1_conn *conn)
{
	conn->uid = 0;
	conn->tid = 0;
	/* unsigned until the new session setup starts signing again */
	mutex_lock(&conn->send_mutex);
	WRITE_ONCE(conn->signing, false);
	conn->flags2 &= ~SMBFLG2_SECURITY_SIGNATURE;
	mutex_unlock(&conn->send_mutex);
}

static void smb1_conn_reconnect_work(struct work_struct *work)
{
	struct smb1_conn *conn = container_of(to_delayed_work(work),
					      struct smb1_conn, reconnect);
	enum smb1_conn_event ev;
	int ret;

	spin_lock(&conn->lock);
	if (conn->state != SMB1_CONN_NEED_RECONNECT || conn->closing) {
		spin_unlock(&conn->lock);
		return;
	}
	conn->state = smb1_conn_next_state(conn->state, SMB1_EV_START, true);
	WRITE_ONCE(conn->rc_task, current);
	spin_unlock(&conn->lock);

	ret = smb1_conn_redial(conn);
	if (!ret) {
		smb1_conn_new_session(conn);
		ret = conn->setup(conn, conn->setup_arg);
	}
	/* lost again before it was of any use */
	if (!ret)
		ret = READ_ONCE(conn->err);

	spin_lock(&conn->lock);
	WRITE_ONCE(conn->rc_task, NULL);
	ev = conn->closing ? SMB1_EV_CLOSE : ret ? SMB1_EV_FAILED : SMB1_EV_UP;
	WRITE_ONCE(conn->refused, smb1_refused_next(conn->refused, ev, ret));
	if (ev == SMB1_EV_UP) {
		WRITE_ONCE(conn->gen, conn->gen + 1);
		conn->reconnects++;
		conn->attempts = 0;
	}
	conn->state = smb1_conn_next_state(conn->state, ev, true);
	if (conn->state == SMB1_CONN_NEED_RECONNECT) {
		conn->attempts++;
		queue_delayed_work(smb1_conn_wq, &conn->reconnect,
				   smb1_reconnect_delay(conn->attempts));
	}
	spin_unlock(&conn->lock);
	wake_up_all(&conn->state_wq);

	if (ev == SMB1_EV_UP)
		smb1_info("reconnected to %pISc port %u", conn->params.addr,
			  conn->port);
	else if (ev == SMB1_EV_FAILED)
		smb1_dbg("reconnect attempt failed (%d)", ret);
}

/* The data of every ECHO: any will do, the server sends it back */
static const char smb1_echo_data[] = "E";
static const struct kvec smb1_echo_kvec = { (void *)smb1_echo_data, 1 };

/* ECHO, nobody waiting for the reply: the receive thread notes it. */
static void smb1_conn_send_echo(struct smb1_conn *conn)
{
	struct smb1_req *req;

	bool core = conn->proto == SMB1_PROTO_CORE;
	int ret;

	/* the core protocol has no ECHO: its disk query is as cheap */
	req = smb1_req_alloc(conn, core ? SMB_COM_QUERY_INFORMATION_DISK :
				   SMB_COM_ECHO, 16);
	if (!req)
		return;
	req->nowait = true;
	if (core) {
		ret = smb1_enc_query_disk(&req->w);
	} else {
		/* its data goes out as a payload, as a write's would */
		iov_iter_kvec(&req->payload, ITER_SOURCE, &smb1_echo_kvec, 1,
			      smb1_echo_kvec.iov_len);
		req->has_payload = true;
		ret = smb1_enc_echo(&req->w, 1, smb1_echo_kvec.iov_len);
	}
	/* no free slot: requests are in flight, their replies will do */
	if (!ret && !smb1_req_send(req, false))
		queue_delayed_work(smb1_conn_wq, &conn->expire, conn->timeout);
	smb1_req_put(req);
}

/*
 * Bytes of the server wait in our socket, not yet taken by the receive
 * thread (which a loaded or descheduled machine may run late): the
 * server is not silent then, we are behind.
 */
static bool smb1_conn_rx_pending(struct smb1_conn *conn)
{
	bool pending = false;

	mutex_lock(&conn->sock_mutex);
	if (conn->sock && conn->sock->sk)
		pending = !skb_queue_empty_lockless(&conn->sock->sk->sk_receive_queue);
	mutex_unlock(&conn->sock_mutex);
	return pending;
}

/*
 * Every echo_interval: after an idle interval send ECHO; when nothing at
 * all came in for an interval after that probe, and nothing waits in
 * the socket either, the link is taken for dead and broken, which starts
 * a reconnect (smb1_echo_verdict()).
 */
static void smb1_conn_echo_work(struct work_struct *work)
{
	struct smb1_conn *conn = container_of(to_delayed_work(work),
					      struct smb1_conn, echo);
	unsigned long iv = conn->echo_interval, now = jiffies;
	unsigned long last = READ_ONCE(conn->last_rx);

	if (smb1_conn_up(conn)) {
		switch (smb1_echo_verdict(now, last, conn->echo_at, iv)) {
		case SMB1_ECHO_DEAD:
			conn->echo_at = 0;
			if (smb1_conn_rx_pending(conn)) {
				smb1_dbg("receive thread behind by %lu s",
					 (now - last) / HZ);
				break;
			}
			smb1_warn("server silent for %lu s; reconnecting",
				  (now - last) / HZ);
			smb1_conn_break(conn);
			break;
		case SMB1_ECHO_PROBE:
			/* jiffies 0 means "no probe": skip it */
			conn->echo_at = now ?: 1;
			smb1_conn_send_echo(conn);
			break;
		case SMB1_ECHO_NONE:
			break;
		}
	}
	spin_lock(&conn->lock);
	if (!conn->closing)
		queue_delayed_work(smb1_conn_wq, &conn->echo, iv);
	spin_unlock(&conn->lock);
}

void smb1_conn_show_stats(struct seq_file *m, struct smb1_conn *conn)
{
	static const char *const names[] = {
		[SMB1_CONN_GOOD] = "good",
		[SMB1_CONN_NEED_RECONNECT] = "need_reconnect",
		[SMB1_CONN_RECONNECTING] = "reconnecting",
		[SMB1_CONN_DEAD] = "dead",
	};
	enum smb1_conn_state s = READ_ONCE(conn->state);

	seq_printf(m, "smb1fs state=%s generation=%u reconnects=%u inflight=%d max_inflight=%d max_mpx=%u",
		   s < ARRAY_SIZE(names) ? names[s] : "?",
		   smb1_conn_gen(conn), READ_ONCE(conn->reconnects),
		   atomic_read(&conn->inflight),
		   atomic_read(&conn->max_inflight), conn->max_mpx);
}

/* ---------------------------------------------------------------- */
/* requests                                                          */
/* ---------------------------------------------------------------- */

struct smb1_req *smb1_req_alloc(struct smb1_conn *conn, u8 cmd, size_t len)
{
	struct smb1_hdr_info hi = {
		.cmd = cmd,
		.flags = conn->flags,
		.flags2 = conn->flags2,
		.tid = conn->tid,
		.uid = conn->uid,
		.pid = conn->pid,
	};
	struct smb1_req *req;

	req = kzalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return NULL;
	req->sbuf = kmalloc(NB_HDR_SIZE + SMB1_HDR_SIZE + len, GFP_KERNEL);
	if (!req->sbuf) {
		kfree(req);
		return NULL;
	}
	kref_init(&req->ref);
	INIT_WORK(&req->wake, smb1_req_wake);
	init_waitqueue_head(&req->wq);
	req->conn = conn;
	req->cmd = cmd;
	req->once = !smb1_cmd_replayable(cmd);
	req->gen = smb1_conn_gen(conn);
	req->state = SMB1_REQ_NEW;
	smb1_wbuf_init(&req->w, req->sbuf + NB_HDR_SIZE, SMB1_HDR_SIZE + len);
	req->w.oem = conn->oem;
	req->w.upper_names = conn->oem && conn->level == SMB1_LEVEL_CORE;
	smb1_put_hdr(&req->w, &hi);
	return req;
}

static void smb1_req_release(struct kref *ref)
{
	struct smb1_req *req = container_of(ref, struct smb1_req, ref);

	kvfree(req->rbuf);
	kfree(req->sbuf);
	kfree(req);
}

void smb1_req_put(struct smb1_req *req)
{
	if (req)
		kref_put(&req->ref, smb1_req_release);
}

/*
 * Give req a MID that no other request in flight has and enter it in the
 * table, unless the connection is already gone.
 */
int smb1_req_register(struct smb1_conn *conn, struct smb1_req *req)
{
	u32 mid;
	int ret;

	kref_get(&req->ref);		/* the table's reference */
	req->deadline = jiffies + conn->timeout;
	ret = xa_alloc_cyclic(&conn->reqs, &mid, req, XA_LIMIT(1, 0xfffe),
			      &conn->next_mid, GFP_KERNEL);
	if (ret < 0) {
		smb1_req_put(req);
		return ret;
	}
	/* smb1_conn_fail() sets err before it sweeps the table */
	xa_lock(&conn->reqs);
	if (conn->err) {
		ret = conn->err;
		/* lost with the link before it went out */
		req->lost = true;
		if (READ_ONCE(conn->setup))
			ret = -SMB1_ELOST;
		__xa_erase(&conn->reqs, mid);
		xa_unlock(&conn->reqs);
		smb1_req_put(req);
		return ret;
	}
	req->mid = mid;
	req->state = SMB1_REQ_SENT;
	xa_unlock(&conn->reqs);
	return 0;
}

/* Remove the request for mid from the table; the caller gets its ref. */
struct smb1_req *smb1_req_take(struct smb1_conn *conn, u16 mid)
{
	struct smb1_req *req;

	xa_lock(&conn->reqs);
	req = __xa_erase(&conn->reqs, mid);
	if (req)
		req->state = SMB1_REQ_RECEIVING;
	xa_unlock(&conn->reqs);
	return req;
}

/*
 * Whether req is settled.  Acquire pairs with the release in
 * smb1_req_complete(): who sees it settled sees its reply and err.
 */
static bool smb1_req_finished(struct smb1_req *req)
{
	/* pairs with smp_store_release() in smb1_req_complete() */
	enum smb1_req_state s = smp_load_acquire(&req->state);

	return s == SMB1_REQ_DONE || s == SMB1_REQ_FAILED;
}

/* The receive thread is done with req's data_iter (settled or released) */
static bool smb1_req_iter_free(struct smb1_req *req)
{
	if (smb1_req_finished(req))
		return true;
	/* pairs with smp_store_release() in smb1_rx_release_iter() */
	return smp_load_acquire(&req->iter_released);
}

/* Give up on a request after a signal or a timeout. */
static int smb1_req_abandon(struct smb1_req *req, int why)
{
	struct smb1_conn *conn = req->conn;
	struct smb1_req *old;

	xa_lock(&conn->reqs);
	if (req->late && xa_load(&conn->reqs, req->mid) == req) {
		/*
		 * Its reply is still to come and must be read: it stays in
		 * the table, keeps its slot and gets no waiter (see late).
		 */
		req->nowait = true;
		req->done = req->late;
		req->deadline = jiffies + conn->timeout;
		xa_unlock(&conn->reqs);
		queue_delayed_work(smb1_conn_wq, &conn->expire, conn->timeout);
		return why;
	}
	old = __xa_cmpxchg(&conn->reqs, req->mid, req, NULL, GFP_ATOMIC);
	if (old == req) {
		smb1_req_complete(req, SMB1_REQ_FAILED, why);
		xa_unlock(&conn->reqs);
		smb1_req_put(req);
		return why;
	}
	xa_unlock(&conn->reqs);

	/*
	 * The receive thread owns the request: its reply is arriving.  Into
	 * the request's own buffer, that is no concern of the caller's any
	 * more.  Into the caller's buffer, the receive thread stops at the
	 * next piece and drops the rest; if no piece comes for a while, the
	 * link is stuck mid-frame and is torn down.
	 */
	WRITE_ONCE(req->cancelled, true);
	if (!req->data_iter || req->sign)
		return why;
	if (!wait_event_timeout(req->wq, smb1_req_iter_free(req),
				SMB1_RX_DRAIN_WAIT)) {
		smb1_conn_break(conn);
		wait_event(req->wq, smb1_req_iter_free(req));
	}
	return why;
}

/* Take req, just registered, out of the table again as lost. */
static void smb1_req_drop_lost(struct smb1_req *req)
{
	struct smb1_conn *conn = req->conn;
	struct smb1_req *old;

	xa_lock(&conn->reqs);
	old = __xa_cmpxchg(&conn->reqs, req->mid, req, NULL, GFP_ATOMIC);
	if (old == req)
		smb1_req_lose(req, -ENOTCONN);
	xa_unlock(&conn->reqs);
	if (old == req)
		smb1_req_put(req);
}

/*
 * May req go on the current link (send_mutex held)?  Only the reconnect
 * worker sends while the link is not up.  A request made for an older
 * generation gets the session's UID and TID of today, unless it names a
 * handle of that generation: then it is lost with it.
 */
static bool smb1_req_current(struct smb1_conn *conn, struct smb1_req *req)
{
	u32 gen = smb1_conn_gen(conn);
	u8 *h = req->w.buf;

	if (READ_ONCE(conn->rc_task) == current)
		return conn->sock != NULL;
	if (!smb1_conn_up(conn) || !conn->sock)
		return false;
	if (req->gen == gen)
		return true;
	if (req->bound)
		return false;
	put_unaligned_le16(conn->uid, h + offsetof(struct smb1_hdr, uid));
	put_unaligned_le16(conn->tid, h + offsetof(struct smb1_hdr, tid));
	put_unaligned_le16(conn->flags2, h + offsetof(struct smb1_hdr, flags2));
	req->gen = gen;
	return true;
}

/*
 * Put req on the wire once one of the server's MaxMpxCount slots is free.
 * With block, wait for a slot (killable); without, return -EAGAIN when
 * none is free: a task that has requests of its own in flight must not
 * wait for a slot, since the slots they hold come back only when it
 * waits for them.  A request that is waited for gives its slot back in
 * smb1_req_wait(), a nowait one when it is settled.
 */
int smb1_req_send(struct smb1_req *req, bool block)
{
	struct smb1_conn *conn = req->conn;
	size_t data = req->has_payload ? iov_iter_count(&req->payload) : 0;
	size_t len = req->w.len + data;
	int ret;

	if (req->w.overflow || len > smb1_frame_limit(conn->port))
		return -EINVAL;
	req->sbuf[0] = NB_SESSION_MESSAGE;
	req->sbuf[1] = len >> 16;
	put_unaligned_be16(len & 0xffff, &req->sbuf[2]);

	/*
	 * A task with requests in flight must not wait for a reconnect
	 * either: the worker may need the slots it holds.
	 */
	if (!block) {
		if (!smb1_conn_up(conn) && READ_ONCE(conn->rc_task) != current)
			return -EAGAIN;
		if (down_trylock(&conn->mpx))
			return -EAGAIN;
	} else {
		ret = smb1_conn_wait_ready(conn);
		if (ret)
			return ret;
		if (down_killable(&conn->mpx))
			return -EINTR;
	}
	smb1_mpx_taken(conn);

	ret = smb1_req_register(conn, req);
	if (ret) {
		smb1_mpx_put(conn);
		return ret;
	}
	smb1_set_mid(req->w.buf, req->mid);

	mutex_lock(&conn->send_mutex);
	if (!smb1_req_current(conn, req)) {
		mutex_unlock(&conn->send_mutex);
		smb1_req_drop_lost(req);
		return 0;
	}
	/* sequence numbers follow the order on the wire */
	ret = smb1_sign_req(conn, req);
	/* from here on, some or all of it may reach the server */
	req->on_wire = true;
	if (!ret)
		ret = smb1_sock_send_more(conn->sock, req->sbuf,
					  NB_HDR_SIZE + req->w.len, data);
	if (!ret && data)
		ret = smb1_sock_send_iter(conn->sock, &req->payload);
	if (ret) {
		/* a partial frame breaks the framing for everybody */
		smb1_err("send failed (%d)", ret);
		kernel_sock_shutdown(conn->sock, SHUT_RDWR);
	}
	mutex_unlock(&conn->send_mutex);
	if (ret)
		smb1_conn_fail(conn, ret);
	/* a failed send has failed req too: the wait reports it */
	return 0;
}

int smb1_req_wait(struct smb1_req *req)
{
	struct smb1_conn *conn = req->conn;
	long left;
	int ret = 0;

	left = smb1_wait_freezable_timeout(req->wq, smb1_req_finished(req),
					   conn->timeout);
	if (left <= 0) {
		ret = smb1_req_abandon(req, left ? -EINTR : -ETIMEDOUT);
		if (ret == -ETIMEDOUT)
			smb1_err("server did not answer command 0x%02x in %lu s",
				 req->cmd, conn->timeout / HZ);
		/* handed to its late reply, slot and all */
		if (req->nowait)
			return ret;
	}
	if (smb1_req_finished(req))
		ret = req->state == SMB1_REQ_DONE ? 0 : req->err;
	smb1_mpx_put(conn);
	return ret;
}

int smb1_req_send_nowait(struct smb1_req *req)
{
	int ret;

	req->nowait = true;
	ret = smb1_req_send(req, true);
	if (!ret)
		queue_delayed_work(smb1_conn_wq, &req->conn->expire,
				   req->conn->timeout);
	return ret;
}

/*
 * May req, lost with the link, be sent again on a new one?  Not when it
 * names a handle of the old link, nor when it is to run once and may
 * have reached the server, nor from the reconnect worker, nor at
 * umount; a soft mount tries a few times only (a request that kills the
 * server each time must not loop).
 */
static bool smb1_req_may_retry(struct smb1_req *req, unsigned int tries)
{
	struct smb1_conn *conn = req->conn;

	return !req->bound && !(req->once && req->on_wire) &&
	       READ_ONCE(conn->setup) &&
	       READ_ONCE(conn->rc_task) != current &&
	       !READ_ONCE(conn->closing) &&
	       (conn->hard || tries <= SMB1_SOFT_RETRIES);
}

/* Back to the state before the first send (not in the table). */
static void smb1_req_reset(struct smb1_req *req)
{
	kvfree(req->rbuf);
	req->rbuf = NULL;
	req->rlen = 0;
	req->total_len = 0;
	req->data_len = 0;
	req->lost = false;
	req->on_wire = false;
	req->err = 0;
	req->cancelled = false;
	req->iter_released = false;
	req->state = SMB1_REQ_NEW;
}

int smb1_req_send_wait(struct smb1_req *req)
{
	unsigned int tries = 0;
	int ret;

	for (;;) {
		ret = smb1_req_send(req, true);
		if (!ret)
			ret = smb1_req_wait(req);
		if (ret != -SMB1_ELOST || !req->lost)
			return ret;
		if (!smb1_req_may_retry(req, ++tries))
			return tries > SMB1_SOFT_RETRIES && !req->bound &&
			       !(req->once && req->on_wire) ? -EIO : ret;
		smb1_req_reset(req);
	}
}
