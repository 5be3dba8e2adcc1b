/* SPDX-License-Identifier: GPL-2.0 */
/* The connection: socket, framing, receive thread, requests (transport.c) */
#ifndef _SMB1FS_TRANSPORT_H
#define _SMB1FS_TRANSPORT_H

#include "proto.h"

struct smb1_conn;

enum smb1_req_state {
	SMB1_REQ_NEW,
	SMB1_REQ_SENT,
	SMB1_REQ_RECEIVING,	/* the receive thread owns it */
	SMB1_REQ_DONE,		/* rbuf holds the reply */
	SMB1_REQ_FAILED,	/* err holds why */
};

struct smb1_req {
	struct kref ref;
	struct smb1_conn *conn;
	struct list_head list;		/* on conn->unsent while queued */
	enum smb1_req_state state;
	int err;
	bool nowait;			/* nobody waits for the reply */
	/*
	 * A nowait request may have done(): called exactly once after it
	 * is settled (reply, failure, timeout, lost link), in the per-CPU
	 * completion worker (process context: it may sleep).  priv is for
	 * done.
	 */
	void (*done)(struct smb1_req *req);
	void *priv;
	/*
	 * late: a request whose reply must not go unread (an OPEN, whose
	 * FID would leak).  Given up by its waiter while still on the
	 * server, it becomes a nowait request with late() as its done().
	 */
	void (*late)(struct smb1_req *req);
	/*
	 * lost: failed because the connection broke under it.  bound: it
	 * names a FID or search handle, valid only on the connection
	 * generation gen; otherwise gen is the generation it was last sent
	 * on (or, before that, allocated on).
	 */
	bool lost;
	bool bound;
	/*
	 * once: a second run on the server would not be the same as one
	 * (a write, a delete, a rename, an exclusive create): lost after
	 * it may have reached the server (on_wire), it is not sent again
	 * but fails with -SMB1_ELOST, and its owner finds out what
	 * happened.  Set from the command (smb1_cmd_replayable()) and by
	 * smb1_req_once().
	 */
	bool once;
	bool on_wire;
	u32 gen;
	unsigned long deadline;		/* jiffies: when it is given up */
	u16 mid;
	u8 cmd;
	wait_queue_head_t wq;
	struct work_struct wake;	/* wakes wq for the receive thread */
	/* request: NB header + message; w.buf points past the NB header */
	u8 *sbuf;
	struct smb1_wbuf w;
	/* reply: the message without the NetBIOS header */
	u8 *rbuf;
	size_t rlen;		/* bytes in rbuf */
	size_t total_len;	/* bytes of the whole reply on the wire */
	/*
	 * A reply with a payload (READ_ANDX): the payload goes straight
	 * into data_iter (at most data_max bytes).  Once data_prefix bytes
	 * of the reply are in rbuf, data_at() says where in the whole reply
	 * of total bytes the payload lies (offset and length), or fails
	 * for a reply to be received whole (an error, a malformed one).
	 * rbuf then holds just what lies before the payload, and data_len
	 * says how much of it arrived.
	 */
	struct iov_iter *data_iter;
	/*
	 * A request with a payload (the data of a write): it goes on the
	 * wire after the message in w, from a copy of payload, which the
	 * request never advances; what it points to must not change until
	 * the request is settled (a signed mount keeps pages stable).
	 */
	struct iov_iter payload;
	bool has_payload;
	int (*data_at)(const u8 *buf, size_t have, size_t total, u32 *off,
		       u32 *len);
	u32 data_prefix;
	u32 data_max;
	u32 data_len;
	/*
	 * cancelled: the waiter gave up while the reply was being received;
	 * the receive thread then stops filling data_iter, says so in
	 * iter_released (release; the waiter acquires) and drops the rest.
	 */
	bool cancelled;
	bool iter_released;
	/* message signing: the sequence number the request went out with */
	bool sign;
	u32 sign_seq;
};

/* header, WordCount, 12 parameter words, ByteCount of a READ_ANDX reply */
#define SMB1_READ_RSP_PREFIX	(SMB1_HDR_SIZE + 1 + 24 + 2)
/* header, WordCount, 5 words, ByteCount, 0x01 and the count of a READ */
#define SMB1_CORE_READ_RSP_PREFIX	(SMB1_HDR_SIZE + 1 + 10 + 2 + 3)

/* Dialect families, oldest first */
enum smb1_proto {
	SMB1_PROTO_CORE = 1,	/* PC NETWORK PROGRAM 1.0: no AndX, no login */
	SMB1_PROTO_LANMAN1,	/* LANMAN1.0: no TRANS2 */
	SMB1_PROTO_LANMAN2,	/* LM1.2X002, LANMAN2.1 */
	SMB1_PROTO_NT,		/* NT LM 0.12 */
};

#define SMB1_VERS_ANY	(BIT(SMB1_PROTO_CORE) | BIT(SMB1_PROTO_LANMAN1) | \
			 BIT(SMB1_PROTO_LANMAN2) | BIT(SMB1_PROTO_NT))

/* How lookup and readdir ask: the information levels the server knows */
enum smb1_level {
	SMB1_LEVEL_CORE,	/* QUERY_INFORMATION and SEARCH */
	SMB1_LEVEL_STANDARD,	/* TRANS2 with SMB_INFO_STANDARD */
	SMB1_LEVEL_NT,		/* TRANS2 with the NT levels */
};

/*
 * sec=, strongest first.  auto (the default) takes NTLMSSP when the
 * server offers extended security and raw NTLMv2 otherwise; the others
 * force one way of logging in.
 */
enum smb1_sec {
	SMB1_SEC_AUTO,		/* NTLMv2, in NTLMSSP where the server has it */
	SMB1_SEC_NTLMV2,	/* LMv2 and NTLMv2 responses */
	SMB1_SEC_NTLMSSP,	/* the same in NTLMSSP (extended security) */
	SMB1_SEC_NTLM,		/* NTLMv1 response */
	SMB1_SEC_LANMAN,	/* LM response */
	SMB1_SEC_PLAINTEXT,	/* the password itself */
	SMB1_SEC_NONE,		/* anonymous */
};

/* The NetBIOS name most servers answer to besides their own */
#define SMB1_NB_ANY_NAME	"*SMBSERVER"

/*
 * The life of a connection (see transport.c).  GOOD: requests flow.
 * NEED_RECONNECT: the link broke; the reconnect worker is due.
 * RECONNECTING: the worker is dialling, negotiating and logging in
 * again; only its own requests are sent.  DEAD: closed for good.
 */
enum smb1_conn_state {
	SMB1_CONN_GOOD,
	SMB1_CONN_NEED_RECONNECT,
	SMB1_CONN_RECONNECTING,
	SMB1_CONN_DEAD,
};

enum smb1_conn_event {
	SMB1_EV_LOST,		/* the receive thread saw the link break */
	SMB1_EV_START,		/* the worker begins an attempt */
	SMB1_EV_UP,		/* the attempt succeeded */
	SMB1_EV_FAILED,		/* the attempt failed */
	SMB1_EV_CLOSE,		/* umount */
};

/* A request failed because the link broke: worth a retry on a new one */
#define SMB1_ELOST		ENOTCONN
/*
 * A reconnect refused: the mount signed, the new session would not
 * (see smb1_sign_choose()); requests fail with EIO until one succeeds
 */
#define SMB1_EDOWNGRADE		EKEYREJECTED

/* Pure helpers of the reconnect logic (for the KUnit suite too) */
enum smb1_conn_state smb1_conn_next_state(enum smb1_conn_state s,
					  enum smb1_conn_event ev,
					  bool can_reconnect);
/* The wait before reconnect attempt number attempt (0: the first) */
unsigned long smb1_reconnect_delay(unsigned int attempt);
/* soft mounts: requests have waited long enough for the link since lost */
bool smb1_soft_expired(unsigned long lost_at, unsigned long now,
		       unsigned long bound);
/* May a request of command cmd that was lost be sent again? */
bool smb1_cmd_replayable(u8 cmd);

/* The longest SMB message one frame carries on port (139: NetBIOS) */
u32 smb1_frame_limit(u16 port);

/* conn->refused after a reconnect attempt ended with ev and ret */
bool smb1_refused_next(bool refused, enum smb1_conn_event ev, int ret);

enum smb1_echo_act {
	SMB1_ECHO_NONE,		/* traffic, or a probe not yet overdue */
	SMB1_ECHO_PROBE,	/* idle for an interval: send ECHO */
	SMB1_ECHO_DEAD,		/* a probe went an interval unanswered */
};

/*
 * The echo watchdog at now: the last byte came at last_rx, the last
 * probe went out at probe_at (0: none yet), the interval is iv.
 */
enum smb1_echo_act smb1_echo_verdict(unsigned long now, unsigned long last_rx,
				     unsigned long probe_at, unsigned long iv);

#define SMB1_RECONNECT_MAX_DELAY	(8 * HZ)
/* A soft mount resends a request lost with the link at most so often */
#define SMB1_SOFT_RETRIES		2

struct smb1_conn;

/*
 * Logs in again on a new link: negotiate, session setup, tree connect.
 * Called by the reconnect worker with the new socket in place.
 */
typedef int (*smb1_setup_fn)(struct smb1_conn *conn, void *arg);

/*
 * The socket a reconnect is dialling, so that umount can abort the dial
 * (a connect() to an absent server waits SMB1_CONNECT_TIMEOUT).  Once
 * stop is set no new dial starts.
 */
struct smb1_dial {
	struct mutex lock;
	struct socket *sock;
	bool stop;
};

struct smb1_conn_params {
	struct smb1_dial *dial;		/* NULL: the dial cannot be aborted */
	const struct sockaddr_storage *addr;
	u16 port;			/* 0: 445, then 139 */
	const char *called_name;	/* NetBIOS name of the server */
	const char *calling_name;	/* ours */
	unsigned long timeout;		/* per request, jiffies */
	struct net *net;		/* NULL: the caller's */
	bool case_sensitive;		/* names matched with their case */
};

struct smb1_conn {
	struct socket *sock;
	struct task_struct *rx_task;
	struct mutex send_mutex;	/* one frame on the wire at a time */
	spinlock_t lock;		/* reqs, next_mid, err */
	struct xarray reqs;		/* MID -> struct smb1_req */
	u32 next_mid;			/* cursor for cyclic allocation */
	bool closing;
	int err;			/* non-zero once the link is gone */
	struct semaphore mpx;		/* requests in flight <= max_mpx */
	struct delayed_work expire;	/* gives up unanswered nowait reqs */
	unsigned long timeout;
	u16 port;
	u32 max_frame;			/* largest reply accepted */

	/* reconnect; the state fields are under lock */
	enum smb1_conn_state state;
	u32 gen;			/* bumped by every reconnect */
	unsigned int attempts;		/* failed attempts since the loss */
	unsigned long lost_at;		/* jiffies of the loss */
	wait_queue_head_t state_wq;	/* woken on every state change */
	struct delayed_work reconnect;
	struct task_struct *rc_task;	/* the worker, while it works */
	smb1_setup_fn setup;		/* NULL: no reconnect (mounting) */
	void *setup_arg;
	bool hard;			/* wait for the server for ever */
	struct smb1_conn_params params;	/* how to dial again */
	struct smb1_dial dial;		/* the dial of a reconnect */
	struct net *net;		/* the mounter's, held */
	struct mutex sock_mutex;	/* sock and rx_task change under it */
	u32 reconnects;			/* successful ones */
	bool refused;			/* since the last success: EDOWNGRADE */
	/* echo */
	struct delayed_work echo;
	unsigned long echo_interval;	/* jiffies; 0: no echo */
	unsigned long last_rx;		/* jiffies of the last frame */
	unsigned long echo_at;		/* the last probe (echo work only) */
	/* FIDs of opens given up by their waiters, closed by a worker */
	spinlock_t late_lock;
	unsigned int n_late;
	struct {
		u16 fid;
		u32 gen;
	} late[16];
	struct work_struct late_close;
	/* requests holding a MaxMpxCount slot, and the most ever held */
	atomic_t inflight;
	atomic_t max_inflight;
	bool mpx_set;			/* slots given out (first negotiate) */

	/* from negotiate and session setup */
	u16 max_mpx;
	u32 max_buffer;
	u32 caps;
	u8 security_mode;
	u32 session_key;
	u16 dialect;
	s16 tz;
	u8 challenge[8];
	u8 challenge_len;
	enum smb1_proto proto;
	enum smb1_level level;
	struct nls_table *oem;		/* code page of OEM strings */
	bool unicode;
	bool offset64;			/* READ_ANDX takes OffsetHigh */
	bool ext_sec;			/* extended security (NTLMSSP) */
	bool no_open_read;		/* no READ_ANDX chained to opens */
	bool no_open_close;		/* no CLOSE chained after that */
	/*
	 * File ids: asked for in listings (set at mount when the mount
	 * uses them); the pass-through query level refused by the server.
	 */
	bool want_ids;			/* serverino on a server with them */
	bool ids_in_use;		/* the mount's inodes are keyed by them */
	bool find_ids;
	bool no_pt_query;
	bool no_fid_query;		/* ids of open files: by name only */
	bool no_nt_create;		/* opens with OPEN_ANDX all the same */
	bool no_setinfo2;		/* times by name: SET_INFORMATION2 refused */
	atomic_t handles;		/* smb1_handle of this connection */
	unsigned int statfs_way;	/* SMB1_STATFS_*: what statfs asks */
	u8 flags;			/* sent in every request */
	u16 flags2;			/* sent in every request */
	u16 uid;
	u16 tid;
	u32 pid;
	bool guest;
	const char *auth;		/* how the session logged in */
	char *server_domain;		/* UTF-8, from negotiate */

	/* message signing (sign.c) */
	bool sign_wanted;		/* negotiate: sign once logged in */
	bool signing;			/* every request is signed */
	bool has_signed;		/* a session of this mount signed */
	u32 sign_seq;			/* the next request's; send_mutex */
	struct crypto_shash *sign_md5;
	u8 *sign_key;
	size_t sign_key_len;
};

/*
 * Work the receive thread hands on: it runs on the same CPU once the
 * thread sleeps again (see smb1_req_complete()).  Set up at module load.
 */
extern struct workqueue_struct *smb1_complete_wq;
int smb1_transport_init(void);
void smb1_transport_exit(void);

u8 smb1_hdr_flags(bool case_sensitive);
void smb1_conn_init(struct smb1_conn *conn, unsigned long timeout);
int smb1_conn_open(const struct smb1_conn_params *p, struct smb1_conn **out,
		   struct fs_context *fc);
/* Fail every request in flight and refuse new ones with err. */
void smb1_conn_fail(struct smb1_conn *conn, int err);
/* No reclaim into the fs, no task page fragment, timeouts, no Nagle */
void smb1_sock_tune(struct socket *sock);
/* Close fid of generation gen from a worker; callable in any context */
void smb1_conn_defer_close(struct smb1_conn *conn, u16 fid, u32 gen);
void smb1_conn_close(struct smb1_conn *conn);
/*
 * After the mount is complete: log in again with setup(conn, arg) after
 * a loss, wait for the server for ever if hard, send ECHO when the link
 * has been idle for echo_interval jiffies (0: never).
 */
void smb1_conn_enable_reconnect(struct smb1_conn *conn, smb1_setup_fn setup,
				void *arg, bool hard,
				unsigned long echo_interval);
/*
 * Start of umount: no more reconnects, the goodbye requests wait for
 * a short time only.
 */
void smb1_conn_quiesce(struct smb1_conn *conn);
/*
 * Wait until the link is up (killable; soft: bounded by the timeout
 * since the loss).  0, -EINTR, -EHOSTDOWN or -ESHUTDOWN; -EIO once a
 * reconnect was refused because the new session would not sign, until
 * an attempt succeeds.
 */
int smb1_conn_wait_ready(struct smb1_conn *conn);
static inline u32 smb1_conn_gen(struct smb1_conn *conn)
{
	return READ_ONCE(conn->gen);
}

static inline bool smb1_conn_up(struct smb1_conn *conn)
{
	return READ_ONCE(conn->state) == SMB1_CONN_GOOD;
}

/* req names a FID or search handle of connection generation gen */
static inline void smb1_req_bind(struct smb1_req *req, u32 gen)
{
	req->bound = true;
	req->gen = gen;
}

/* req must not run twice on the server (see struct smb1_req, once) */
static inline void smb1_req_once(struct smb1_req *req)
{
	req->once = true;
}

/* For /proc/self/mountstats */
struct seq_file;
void smb1_conn_show_stats(struct seq_file *m, struct smb1_conn *conn);
/* Allow up to n requests in flight (after negotiate). */
void smb1_conn_set_mpx(struct smb1_conn *conn, u16 n);
int smb1_nb_encode_name(const char *name, u8 type, u8 *out);

/* A request with room for len bytes of message; header already written. */
struct smb1_req *smb1_req_alloc(struct smb1_conn *conn, u8 cmd, size_t len);
void smb1_req_put(struct smb1_req *req);
/* The MID table: enter a request (gets its MID), take one out by MID. */
int smb1_req_register(struct smb1_conn *conn, struct smb1_req *req);
struct smb1_req *smb1_req_take(struct smb1_conn *conn, u16 mid);
/*
 * Put req on the wire.  block: wait (killable) for one of the server's
 * MaxMpxCount slots; else -EAGAIN when none is free (a task that already
 * has requests in flight must not wait for one).  On success the caller
 * owes smb1_req_wait().
 */
int smb1_req_send(struct smb1_req *req, bool block);
/*
 * Wait (killable, bounded by conn->timeout) for the reply to a request
 * smb1_req_send() put on the wire, and give its slot back.  Returns 0
 * with req->rbuf/rlen set, or a negative errno.
 */
int smb1_req_wait(struct smb1_req *req);
/*
 * Send req and wait (killable, bounded by conn->timeout) for the reply.
 * Returns 0 with req->rbuf/rlen set, or a negative errno.
 */
int smb1_req_send_wait(struct smb1_req *req);
/*
 * Send a request whose reply nobody needs (CLOSE): the reply, or the
 * failure of the link, completes it; the caller just drops its reference.
 */
int smb1_req_send_nowait(struct smb1_req *req);

#endif /* _SMB1FS_TRANSPORT_H */
