/*
 * The server side of sysproxy: remote system calls into this rump kernel.
 *
 * rumpuser_sp_init() listens on a unix or tcp socket.  Every connection
 * is one kernel process (forked through hyp_lwproc_rfork() once the
 * client's handshake names its program).
 *
 * Threads serve a connection leader/follower style: one of them at a
 * time holds the reader role and reads the next frame.  The reader of a
 * syscall request executes it itself, bound to a fresh lwp of the
 * process, and keeps the role: a lone client's call costs no thread
 * switch (waking another thread per call doubled the round trip).  It
 * reads its own copy replies too.  A call that runs for more than a few
 * milliseconds loses the role: the monitor thread hands it to a waiting
 * thread of the connection (or starts one), so a slow call blocks nobody;
 * a syscall request that arrives while the reader waits for a copy reply
 * gets a thread of its own.  The kernel reaches the client's memory
 * through rumpuser_sp_copyin() and friends: they send a request and read
 * (as the reader) or wait for (otherwise) the reply.  When the client
 * goes away the last thread of the connection releases the process's
 * main lwp: its files are closed and it is reaped.
 *
 * A frame that breaks the protocol (docs/sysproxy.md) closes its
 * connection and nothing else.
 */

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sp_errno.h"
#include "sp_hyp.h"
#include "sp_proto.h"
#include "sp_subr.h"

/* A server-initiated copy request waiting for its reply. */
struct sp_copyreq {
	TAILQ_ENTRY(sp_copyreq)	scr_entries;
	uint32_t		scr_reqno;
	int			scr_type;	/* SP_COPYIN or SP_COPYINSTR */
	void			*scr_buf;	/* where the reply goes */
	size_t			scr_len;	/* exact (COPYIN) or max length */
	size_t			scr_got;	/* bytes delivered */
	int			scr_error;	/* errno from the client */
	int			scr_done;
	pthread_cond_t		scr_cv;
};

/* The request a thread is serving, found again by copyin & co. */
struct sp_cookie {
	struct spclient		*sc_spc;
	uint32_t		sc_sysreq;
};

/* One connection: one client process. */
struct spclient {
	int			spc_fd;
	pid_t			spc_pid;
	void			*spc_mainlwp;
	char			spc_comm[SP_MAXCOMM + 1];

	pthread_mutex_t		spc_mtx;	/* protects all below */
	pthread_mutex_t		spc_sendmtx;	/* one frame at a time */
	pthread_cond_t		spc_cv;		/* the reader role is free */
	int			spc_dead;	/* connection is gone */
	int			spc_reading;	/* a thread holds the role */
	int			spc_nthreads;	/* threads of this connection */
	int			spc_nwaiting;	/* threads waiting for the role */
	int			spc_inline;	/* the reader runs a call */
	pthread_t		spc_inlinethr;	/* ... on this thread */
	uint64_t		spc_inlinegen;	/* counts inline calls */
	uint64_t		spc_seengen;	/* the monitor's last look */
	uint32_t		spc_nextreq;	/* copy request numbers */
	TAILQ_HEAD(, sp_copyreq) spc_copyreqs;
	TAILQ_ENTRY(spclient)	spc_entries;	/* on sp_clients */

	/* Read buffers, used by the holder of the reader role only. */
	uint8_t			*spc_rbuf;
	size_t			spc_rstart, spc_rend;
	uint8_t			*spc_bigbuf;
};
#define	SP_RBUFSIZE	(64 * 1024)

/*
 * At most this many threads serve one connection: a client with more
 * calls in flight is broken or hostile, and is disconnected.
 */
#define	SP_MAXTHREADS	256

static const struct rumpuser_hyperup *sp_hyp;
static int sp_lfd = -1;
static char sp_sockpath[PATH_MAX];
static int sp_unlinkatexit;
static char sp_banner[SP_MAXINFO];
static size_t sp_bannerlen;
static pthread_attr_t sp_detached;

/*
 * The monitor: every SP_MONITOR_MS it takes the reader role from calls
 * that have run since its last look.  It sleeps for good after a while
 * without inline calls; the next one wakes it.
 */
#define	SP_MONITOR_MS	2
#define	SP_MONITOR_IDLE	25	/* looks without calls before sleeping */
static pthread_mutex_t sp_gmtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sp_gcv;
static TAILQ_HEAD(, spclient) sp_clients = TAILQ_HEAD_INITIALIZER(sp_clients);
static uint64_t sp_inlinestarts;	/* atomic */
static int sp_monsleeping;		/* atomic */

/* A syscall for a new thread: read while its reader waited for a copy. */
struct sp_job {
	struct spclient		*sj_spc;
	uint32_t		sj_reqno;
	int			sj_sysnum;
	uint64_t		sj_args[SP_MAXARGS];
};

/* The request served by this host thread, for copyin & co. */
static __thread struct sp_cookie *sp_curcookie;

static void	*sp_thread(void *);
static void	*sp_jobthread(void *);

/*
 * Upcalls into the kernel.  Each runs on a virtual CPU: schedule first,
 * unschedule after, as the kernel expects from host threads.
 */
static int
lwproc_rfork(void *cookie, int flags, const char *comm)
{
	int rv;

	sp_hyp->hyp_schedule();
	rv = sp_hyp->hyp_lwproc_rfork(cookie, flags, comm);
	sp_hyp->hyp_unschedule();
	return rv;
}

static int
lwproc_newlwp(pid_t pid)
{
	int rv;

	sp_hyp->hyp_schedule();
	rv = sp_hyp->hyp_lwproc_newlwp(pid);
	sp_hyp->hyp_unschedule();
	return rv;
}

static void *
lwproc_curlwp(void)
{
	void *l;

	sp_hyp->hyp_schedule();
	l = sp_hyp->hyp_lwproc_curlwp();
	sp_hyp->hyp_unschedule();
	return l;
}

static pid_t
lwproc_getpid(void)
{
	pid_t pid;

	sp_hyp->hyp_schedule();
	pid = sp_hyp->hyp_getpid();
	sp_hyp->hyp_unschedule();
	return pid;
}

static void
lwproc_switch(void *l)
{

	sp_hyp->hyp_schedule();
	sp_hyp->hyp_lwproc_switch(l);
	sp_hyp->hyp_unschedule();
}

static void
lwproc_release(void)
{

	sp_hyp->hyp_schedule();
	sp_hyp->hyp_lwproc_release();
	sp_hyp->hyp_unschedule();
}

static int
rumpsyscall(int sysnum, void *data, long *retval)
{
	int rv;

	sp_hyp->hyp_schedule();
	rv = sp_hyp->hyp_syscall(sysnum, data, retval);
	sp_hyp->hyp_unschedule();
	return rv;
}

/*
 * Send one frame.  Serialised per connection so frames never interleave.
 */
static int
sp_send(struct spclient *spc, uint32_t reqno, int class, int type,
    uint32_t arg, const void *p1, size_t l1, const void *p2, size_t l2)
{
	uint8_t hdr[SP_HDRLEN + 32];
	size_t hlen = SP_HDRLEN;
	int error;

	sp_hdr_encode(hdr, (uint32_t)(SP_HDRLEN + l1 + l2), reqno, class,
	    type, arg);
	/* Small first parts go out with the header in one write. */
	if (l1 <= sizeof(hdr) - SP_HDRLEN) {
		memcpy(hdr + SP_HDRLEN, p1, l1);
		hlen += l1;
		l1 = 0;
	}
	pthread_mutex_lock(&spc->spc_sendmtx);
	error = sp_writeall(spc->spc_fd, hdr, hlen);
	if (error == 0 && l1 > 0)
		error = sp_writeall(spc->spc_fd, p1, l1);
	if (error == 0 && l2 > 0)
		error = sp_writeall(spc->spc_fd, p2, l2);
	pthread_mutex_unlock(&spc->spc_sendmtx);
	return error;
}

/*
 * Read one frame into *hdr and a payload pointer valid until the next
 * call.  Returns 0, an errno from the socket, or EPROTO for a frame no
 * well-behaved client sends.
 * => Caller holds the reader role.
 */
static int
sp_readframe(struct spclient *spc, struct sp_hdr *hdr, uint8_t **payload)
{
	size_t avail, plen;
	ssize_t n;
	int error;

	for (;;) {
		avail = spc->spc_rend - spc->spc_rstart;
		if (avail >= SP_HDRLEN) {
			sp_hdr_decode(spc->spc_rbuf + spc->spc_rstart, hdr);
			if (hdr->sph_len < SP_HDRLEN ||
			    hdr->sph_len > SP_MAXFRAME || hdr->sph_flags != 0)
				return EPROTO;
			if (avail >= hdr->sph_len) {
				*payload = spc->spc_rbuf + spc->spc_rstart +
				    SP_HDRLEN;
				spc->spc_rstart += hdr->sph_len;
				return 0;
			}
			if (hdr->sph_len > SP_RBUFSIZE) {
				/* Large frame: read it into its own buffer. */
				plen = hdr->sph_len - SP_HDRLEN;
				free(spc->spc_bigbuf);
				if ((spc->spc_bigbuf = malloc(plen)) == NULL)
					return ENOMEM;
				avail -= SP_HDRLEN;
				memcpy(spc->spc_bigbuf, spc->spc_rbuf +
				    spc->spc_rstart + SP_HDRLEN, avail);
				spc->spc_rstart = spc->spc_rend = 0;
				error = sp_readall(spc->spc_fd,
				    spc->spc_bigbuf + avail, plen - avail);
				*payload = spc->spc_bigbuf;
				return error;
			}
		}
		/* Compact and fill. */
		if (spc->spc_rstart > 0) {
			memmove(spc->spc_rbuf, spc->spc_rbuf + spc->spc_rstart,
			    avail);
			spc->spc_rstart = 0;
			spc->spc_rend = avail;
		}
		n = read(spc->spc_fd, spc->spc_rbuf + spc->spc_rend,
		    SP_RBUFSIZE - spc->spc_rend);
		if (n == 0)
			return ECONNRESET;
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		spc->spc_rend += (size_t)n;
	}
}

/*
 * Read the handshake, fork the kernel process and answer with its pid.
 */
static int
sp_handshake(struct spclient *spc)
{
	struct sp_hdr hdr;
	uint8_t *payload;
	uint8_t reply[8 + SP_MAXINFO];
	size_t clen;
	uint32_t version;
	int error;

	error = sp_readframe(spc, &hdr, &payload);
	if (error != 0)
		return error;
	if (hdr.sph_class != SP_REQ || hdr.sph_type != SP_HANDSHAKE ||
	    hdr.sph_len < SP_HDRLEN + 4 ||
	    hdr.sph_len > SP_HDRLEN + 4 + SP_MAXCOMM)
		return EPROTO;
	version = sp_get32(payload);
	if (version != SP_VERSION) {
		(void)sp_send(spc, hdr.sph_reqno, SP_ERROR, SP_HANDSHAKE,
		    SP_EPROGMISMATCH, NULL, 0, NULL, 0);
		return EPROTO;
	}
	clen = hdr.sph_len - SP_HDRLEN - 4;
	memcpy(spc->spc_comm, payload + 4, clen);
	spc->spc_comm[clen] = '\0';
	if (clen == 0 || memchr(spc->spc_comm, '\0', clen) != NULL)
		strcpy(spc->spc_comm, "?");

	/* A new process with a clean descriptor table. */
	error = lwproc_rfork(spc, RUMP_RFCFDG, spc->spc_comm);
	if (error != 0) {
		(void)sp_send(spc, hdr.sph_reqno, SP_ERROR, SP_HANDSHAKE,
		    (uint32_t)error, NULL, 0, NULL, 0);
		return error;
	}
	spc->spc_pid = lwproc_getpid();
	spc->spc_mainlwp = lwproc_curlwp();
	lwproc_switch(NULL);

	sp_put32(reply, SP_VERSION);
	sp_put32(reply + 4, (uint32_t)spc->spc_pid);
	memcpy(reply + 8, sp_banner, sp_bannerlen);
	return sp_send(spc, hdr.sph_reqno, SP_RESP, SP_HANDSHAKE, 0,
	    reply, 8 + sp_bannerlen, NULL, 0);
}

/*
 * Hand a copy reply to the thread waiting for it.  Returns EPROTO when
 * nobody waits for that number or the reply does not fit the request.
 */
static int
sp_deliver(struct spclient *spc, const struct sp_hdr *hdr,
    const uint8_t *payload)
{
	struct sp_copyreq *scr;
	size_t plen = hdr->sph_len - SP_HDRLEN;
	int error = 0;

	pthread_mutex_lock(&spc->spc_mtx);
	TAILQ_FOREACH(scr, &spc->spc_copyreqs, scr_entries)
		if (scr->scr_reqno == hdr->sph_reqno && !scr->scr_done)
			break;
	if (scr == NULL || hdr->sph_type != scr->scr_type) {
		error = EPROTO;
		goto out;
	}
	if (hdr->sph_class == SP_ERROR) {
		if (plen != 0 || hdr->sph_arg == 0) {
			error = EPROTO;
			goto out;
		}
		scr->scr_error = (int)hdr->sph_arg;
	} else if (scr->scr_type == SP_COPYIN) {
		if (plen != scr->scr_len) {
			error = EPROTO;
			goto out;
		}
		memcpy(scr->scr_buf, payload, plen);
		scr->scr_got = plen;
	} else {
		/* A string: non-empty, NUL-terminated, NUL only at the end. */
		if (plen == 0 || plen > scr->scr_len ||
		    payload[plen - 1] != '\0' ||
		    memchr(payload, '\0', plen) != payload + plen - 1) {
			error = EPROTO;
			goto out;
		}
		memcpy(scr->scr_buf, payload, plen);
		scr->scr_got = plen;
	}
	scr->scr_done = 1;
	pthread_cond_signal(&scr->scr_cv);
 out:
	pthread_mutex_unlock(&spc->spc_mtx);
	return error;
}

/*
 * Serve one syscall: a new lwp in the client's process, the call, the
 * reply.
 */
static void
sp_serve(struct spclient *spc, uint32_t reqno, int sysnum, uint64_t *args)
{
	struct sp_cookie cookie;
	long retval[2] = { 0, 0 };
	uint8_t reply[16];
	int error;

	error = lwproc_newlwp(spc->spc_pid);
	if (error == 0) {
		cookie.sc_spc = spc;
		cookie.sc_sysreq = reqno;
		sp_curcookie = &cookie;
		error = rumpsyscall(sysnum, args, retval);
		sp_curcookie = NULL;
		lwproc_release();
	}
	if (error != 0)
		retval[0] = -1;
	sp_put64(reply, (uint64_t)retval[0]);
	sp_put64(reply + 8, (uint64_t)retval[1]);
	(void)sp_send(spc, reqno, SP_RESP, SP_SYSCALL, (uint32_t)error,
	    reply, sizeof(reply), NULL, 0);
}

/*
 * The connection is gone or broke the protocol: stop it, fail every
 * pending copy and wake every thread so they leave.
 * => Caller holds spc_mtx.
 */
static void
sp_kill(struct spclient *spc)
{
	struct sp_copyreq *scr;

	if (spc->spc_dead)
		return;
	spc->spc_dead = 1;
	shutdown(spc->spc_fd, SHUT_RDWR);
	TAILQ_FOREACH(scr, &spc->spc_copyreqs, scr_entries) {
		scr->scr_done = 1;
		scr->scr_error = SP_EFAULT;
		pthread_cond_signal(&scr->scr_cv);
	}
	pthread_cond_broadcast(&spc->spc_cv);
}

/*
 * The last thread of a dead connection: release the process's main lwp
 * so the kernel closes its files and reaps it, and free the connection.
 */
static void
sp_destroy(struct spclient *spc)
{

	pthread_mutex_lock(&sp_gmtx);
	TAILQ_REMOVE(&sp_clients, spc, spc_entries);
	pthread_mutex_unlock(&sp_gmtx);
	if (spc->spc_mainlwp != NULL) {
		lwproc_switch(spc->spc_mainlwp);
		lwproc_release();
	}
	close(spc->spc_fd);
	pthread_mutex_destroy(&spc->spc_mtx);
	pthread_mutex_destroy(&spc->spc_sendmtx);
	pthread_cond_destroy(&spc->spc_cv);
	free(spc->spc_rbuf);
	free(spc->spc_bigbuf);
	free(spc);
}

/*
 * Decode a syscall request's argument slots.  Returns EPROTO for a
 * payload that is not whole slots or has too many.
 */
static int
sp_decodeargs(const struct sp_hdr *hdr, const uint8_t *payload,
    uint64_t *args)
{
	size_t plen = hdr->sph_len - SP_HDRLEN, i;

	if (plen % 8 != 0 || plen > SP_MAXARGS * 8)
		return EPROTO;
	memset(args, 0, SP_MAXARGS * sizeof(*args));
	for (i = 0; i < plen / 8; i++)
		args[i] = sp_get64(payload + 8 * i);
	return 0;
}

/*
 * Start a thread for the connection, with a syscall to serve first or
 * none.  => Caller holds spc_mtx.
 */
static int
sp_newthread(struct spclient *spc, struct sp_job *sj)
{
	pthread_t pt;
	int error;

	if (spc->spc_nthreads >= SP_MAXTHREADS)
		return EAGAIN;
	if (sj != NULL)
		error = pthread_create(&pt, &sp_detached, sp_jobthread, sj);
	else
		error = pthread_create(&pt, &sp_detached, sp_thread, spc);
	if (error == 0)
		spc->spc_nthreads++;
	return error;
}


/*
 * Take the reader role from the thread running a call inline and give
 * it to a waiting thread, or a new one.  => Caller holds spc_mtx.
 */
static void
sp_promote(struct spclient *spc)
{

	spc->spc_inline = 0;
	spc->spc_reading = 0;
	if (spc->spc_nwaiting > 0)
		pthread_cond_signal(&spc->spc_cv);
	else
		(void)sp_newthread(spc, NULL);
}

static void *
sp_monitor(void *arg)
{
	struct spclient *spc;
	struct timespec ts;
	uint64_t starts, last = 0;
	int idle = 0;

	(void)arg;
	pthread_mutex_lock(&sp_gmtx);
	for (;;) {
		starts = __atomic_load_n(&sp_inlinestarts, __ATOMIC_SEQ_CST);
		idle = starts == last ? idle + 1 : 0;
		last = starts;
		if (idle > SP_MONITOR_IDLE) {
			/* Pairs with the check in sp_thread(). */
			__atomic_store_n(&sp_monsleeping, 1, __ATOMIC_SEQ_CST);
			if (__atomic_load_n(&sp_inlinestarts,
			    __ATOMIC_SEQ_CST) == last)
				pthread_cond_wait(&sp_gcv, &sp_gmtx);
			__atomic_store_n(&sp_monsleeping, 0, __ATOMIC_SEQ_CST);
			idle = 0;
			continue;
		}
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_nsec += SP_MONITOR_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		(void)pthread_cond_timedwait(&sp_gcv, &sp_gmtx, &ts);
		TAILQ_FOREACH(spc, &sp_clients, spc_entries) {
			pthread_mutex_lock(&spc->spc_mtx);
			if (spc->spc_inline && !spc->spc_dead &&
			    spc->spc_inlinegen == spc->spc_seengen)
				sp_promote(spc);
			spc->spc_seengen = spc->spc_inlinegen;
			pthread_mutex_unlock(&spc->spc_mtx);
		}
	}
	return NULL;
}

/*
 * Read one frame as the reader and act on it: a syscall request is
 * decoded into *sj, a copy reply delivered.  Returns 0 (*issys says
 * which), or an errno that ends the connection.
 */
static int
sp_readone(struct spclient *spc, struct sp_job *sj, int *issys)
{
	struct sp_hdr hdr;
	uint8_t *payload;
	int error;

	*issys = 0;
	if ((error = sp_readframe(spc, &hdr, &payload)) != 0)
		return error;
	if (hdr.sph_class == SP_REQ && hdr.sph_type == SP_SYSCALL) {
		*issys = 1;
		sj->sj_spc = spc;
		sj->sj_reqno = hdr.sph_reqno;
		sj->sj_sysnum = (int)hdr.sph_arg;
		return sp_decodeargs(&hdr, payload, sj->sj_args);
	}
	if ((hdr.sph_class == SP_RESP || hdr.sph_class == SP_ERROR) &&
	    (hdr.sph_type == SP_COPYIN || hdr.sph_type == SP_COPYINSTR))
		return sp_deliver(spc, &hdr, payload);
	return EPROTO;
}

/*
 * A thread of a connection: take the reader role, read frames, run the
 * syscalls it reads.
 */
static void *
sp_thread(void *arg)
{
	struct spclient *spc = arg;
	struct sp_job sj;
	int error, last, issys, hold = 0;

	pthread_mutex_lock(&spc->spc_mtx);
	for (;;) {
		if (spc->spc_dead) {
			if (hold)
				spc->spc_reading = 0;
			break;
		}
		if (!hold) {
			while (spc->spc_reading && !spc->spc_dead) {
				spc->spc_nwaiting++;
				pthread_cond_wait(&spc->spc_cv, &spc->spc_mtx);
				spc->spc_nwaiting--;
			}
			if (spc->spc_dead)
				break;
			spc->spc_reading = 1;
			hold = 1;
		}
		pthread_mutex_unlock(&spc->spc_mtx);

		issys = 0;
		if (spc->spc_mainlwp == NULL)
			error = sp_handshake(spc);
		else
			error = sp_readone(spc, &sj, &issys);

		pthread_mutex_lock(&spc->spc_mtx);
		if (error != 0) {
			spc->spc_reading = 0;
			hold = 0;
			sp_kill(spc);
			break;
		}
		if (!issys)
			continue;

		/* Run the call here, keeping the role unless it is slow. */
		spc->spc_inline = 1;
		spc->spc_inlinethr = pthread_self();
		spc->spc_inlinegen++;
		pthread_mutex_unlock(&spc->spc_mtx);
		__atomic_add_fetch(&sp_inlinestarts, 1, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&sp_monsleeping, __ATOMIC_SEQ_CST)) {
			pthread_mutex_lock(&sp_gmtx);
			pthread_cond_signal(&sp_gcv);
			pthread_mutex_unlock(&sp_gmtx);
		}
		sp_serve(spc, sj.sj_reqno, sj.sj_sysnum, sj.sj_args);
		pthread_mutex_lock(&spc->spc_mtx);
		if (spc->spc_inline &&
		    pthread_equal(spc->spc_inlinethr, pthread_self()))
			spc->spc_inline = 0;
		else
			hold = 0;	/* the monitor passed the role on */
	}
	last = --spc->spc_nthreads == 0;
	pthread_mutex_unlock(&spc->spc_mtx);
	if (last)
		sp_destroy(spc);
	return NULL;
}

/* A thread started for a job: serve it, then join the connection. */
static void *
sp_jobthread(void *arg)
{
	struct sp_job *sj = arg;
	struct spclient *spc = sj->sj_spc;

	sp_serve(spc, sj->sj_reqno, sj->sj_sysnum, sj->sj_args);
	free(sj);
	return sp_thread(spc);
}

static void *
sp_acceptor(void *arg)
{
	struct spclient *spc;
	pthread_t pt;
	int fd, one = 1;

	(void)arg;
	for (;;) {
		fd = accept4(sp_lfd, NULL, NULL, SOCK_CLOEXEC);
		if (fd == -1) {
			if (errno == EINTR || errno == ECONNABORTED ||
			    errno == EMFILE || errno == ENFILE ||
			    errno == ENOBUFS || errno == ENOMEM) {
				if (errno != EINTR && errno != ECONNABORTED)
					usleep(10000);
				continue;
			}
			break;
		}
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one,
		    sizeof(one));
		if ((spc = calloc(1, sizeof(*spc))) == NULL ||
		    (spc->spc_rbuf = malloc(SP_RBUFSIZE)) == NULL) {
			free(spc);
			close(fd);
			continue;
		}
		spc->spc_fd = fd;
		spc->spc_nextreq = 1;
		spc->spc_nthreads = 1;
		pthread_mutex_init(&spc->spc_mtx, NULL);
		pthread_mutex_init(&spc->spc_sendmtx, NULL);
		pthread_cond_init(&spc->spc_cv, NULL);
		TAILQ_INIT(&spc->spc_copyreqs);
		pthread_mutex_lock(&sp_gmtx);
		TAILQ_INSERT_TAIL(&sp_clients, spc, spc_entries);
		pthread_mutex_unlock(&sp_gmtx);
		if (pthread_create(&pt, &sp_detached, sp_thread, spc) != 0) {
			pthread_mutex_lock(&sp_gmtx);
			TAILQ_REMOVE(&sp_clients, spc, spc_entries);
			pthread_mutex_unlock(&sp_gmtx);
			close(fd);
			pthread_mutex_destroy(&spc->spc_mtx);
			pthread_mutex_destroy(&spc->spc_sendmtx);
			pthread_cond_destroy(&spc->spc_cv);
			free(spc->spc_rbuf);
			free(spc);
		}
	}
	return NULL;
}

static void
sp_atexit(void)
{

	if (sp_unlinkatexit) {
		sp_unlinkatexit = 0;
		(void)unlink(sp_sockpath);
	}
}

/*
 * Bind a unix socket, replacing a stale socket file that nobody listens
 * on.  Returns 0 or errno (EADDRINUSE when a live server owns the path).
 */
static int
sp_bindunix(int fd, const struct sp_addr *sa)
{
	const char *path = sa->sa_u.un.sun_path;
	struct stat sb;
	int probe, error;

	if (bind(fd, (const struct sockaddr *)&sa->sa_u.un, sa->sa_len) == 0)
		return 0;
	if (errno != EADDRINUSE)
		return errno;
	if (lstat(path, &sb) == -1 || !S_ISSOCK(sb.st_mode))
		return EADDRINUSE;
	if ((probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return errno;
	error = connect(probe, (const struct sockaddr *)&sa->sa_u.un,
	    sa->sa_len) == 0 ? EADDRINUSE : errno;
	close(probe);
	if (error != ECONNREFUSED)
		return EADDRINUSE;
	/* Stale: left behind by a server that did not exit cleanly. */
	if (unlink(path) == -1 && errno != ENOENT)
		return errno;
	if (bind(fd, (const struct sockaddr *)&sa->sa_u.un, sa->sa_len) == -1)
		return errno;
	return 0;
}

static int
sp_init(const char *url, const char *ostype, const char *osrelease,
    const char *machine)
{
	struct sp_addr sa;
	pthread_condattr_t cattr;
	pthread_t pt;
	int fd, error, one = 1;
	size_t n;

	if (sp_hyp == NULL && (sp_hyp = sp_gethyp()) == NULL)
		return ENOSYS;
	if (sp_lfd != -1)
		return EBUSY;
	if ((error = sp_parseurl(url, &sa)) != 0)
		return error;

	n = (size_t)snprintf(sp_banner, sizeof(sp_banner), "%s%c%s%c%s",
	    ostype, 0, osrelease, 0, machine);
	sp_bannerlen = n + 1 < sizeof(sp_banner) ? n + 1 : sizeof(sp_banner);
	sp_banner[sizeof(sp_banner) - 1] = '\0';

	if ((fd = socket(sa.sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return errno;
	if (sa.sa_family == AF_UNIX) {
		error = sp_bindunix(fd, &sa);
		if (error == 0) {
			if (sa.sa_u.un.sun_path[0] == '/' ||
			    getcwd(sp_sockpath, sizeof(sp_sockpath)) == NULL)
				sp_sockpath[0] = '\0';
			else
				strncat(sp_sockpath, "/",
				    sizeof(sp_sockpath) - strlen(sp_sockpath) - 1);
			strncat(sp_sockpath, sa.sa_u.un.sun_path,
			    sizeof(sp_sockpath) - strlen(sp_sockpath) - 1);
			sp_unlinkatexit = 1;
			atexit(sp_atexit);
		}
	} else {
		(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
		    sizeof(one));
		error = bind(fd, (const struct sockaddr *)&sa.sa_u.in,
		    sa.sa_len) == -1 ? errno : 0;
	}
	if (error == 0 && listen(fd, 128) == -1)
		error = errno;
	if (error != 0) {
		close(fd);
		return error;
	}
	sp_lfd = fd;

	pthread_attr_init(&sp_detached);
	pthread_attr_setdetachstate(&sp_detached, PTHREAD_CREATE_DETACHED);
	/* The monitor's timed waits are on the monotonic clock. */
	pthread_condattr_init(&cattr);
	pthread_condattr_setclock(&cattr, CLOCK_MONOTONIC);
	pthread_cond_init(&sp_gcv, &cattr);
	pthread_condattr_destroy(&cattr);
	error = pthread_create(&pt, &sp_detached, sp_monitor, NULL);
	if (error == 0)
		error = pthread_create(&pt, &sp_detached, sp_acceptor, NULL);
	if (error != 0) {
		rumpuser_sp_fini(NULL);
		return error;
	}
	return 0;
}

/*
 * Start serving sysproxy on url.  Called by the kernel's
 * rump_init_server() after the kernel has booted.  Returns 0, EINVAL for
 * a bad URL, EADDRINUSE when another server listens there, or the
 * errno of the failing socket call, as kernel (NetBSD) errno values.
 */
int
rumpuser_sp_init(const char *url, const char *ostype, const char *osrelease,
    const char *machine)
{

	return sp_errno_tokernel(sp_init(url, ostype, osrelease, machine));
}

/*
 * Stop accepting and remove the socket file.  Called when the kernel
 * halts; safe to call more than once.
 */
void
rumpuser_sp_fini(void *arg)
{

	(void)arg;
	if (sp_lfd != -1) {
		shutdown(sp_lfd, SHUT_RDWR);
		close(sp_lfd);
		sp_lfd = -1;
	}
	sp_atexit();
}

/*
 * Wait for the reply to a copy request.  The kernel CPU is given up while
 * waiting so a slow client holds up no other thread.
 */
static int
sp_copyrequest(struct sp_cookie *sc, int type, uint64_t raddr, void *buf,
    size_t len, size_t *got)
{
	struct spclient *spc = sc->sc_spc;
	struct sp_copyreq scr;
	struct sp_job sj, *nsj;
	uint8_t req[16];
	int error, rerror, nlocks, reader, issys;

	memset(&scr, 0, sizeof(scr));
	scr.scr_type = type;
	scr.scr_buf = buf;
	scr.scr_len = len;
	pthread_cond_init(&scr.scr_cv, NULL);

	sp_hyp->hyp_backend_unschedule(0, &nlocks, NULL);
	pthread_mutex_lock(&spc->spc_mtx);
	if (spc->spc_dead) {
		pthread_mutex_unlock(&spc->spc_mtx);
		error = SP_EFAULT;
		goto out;
	}
	scr.scr_reqno = spc->spc_nextreq++;
	TAILQ_INSERT_TAIL(&spc->spc_copyreqs, &scr, scr_entries);
	/* The reader running a call inline reads its own reply. */
	reader = spc->spc_inline &&
	    pthread_equal(spc->spc_inlinethr, pthread_self());
	if (reader)
		spc->spc_inline = 0;	/* reading: not the monitor's */
	pthread_mutex_unlock(&spc->spc_mtx);

	sp_put64(req, raddr);
	sp_put64(req + 8, len);
	error = sp_send(spc, scr.scr_reqno, SP_REQ, type, sc->sc_sysreq,
	    req, sizeof(req), NULL, 0);

	pthread_mutex_lock(&spc->spc_mtx);
	if (error != 0)
		sp_kill(spc);
	while (reader && !scr.scr_done) {
		pthread_mutex_unlock(&spc->spc_mtx);
		rerror = sp_readone(spc, &sj, &issys);
		pthread_mutex_lock(&spc->spc_mtx);
		if (rerror == 0 && issys) {
			/* A call of another client thread: its own thread. */
			if ((nsj = malloc(sizeof(*nsj))) == NULL ||
			    sp_newthread(spc, memcpy(nsj, &sj,
			    sizeof(sj))) != 0) {
				free(nsj);
				rerror = ENOMEM;
			}
		}
		if (rerror != 0)
			sp_kill(spc);
	}
	while (!scr.scr_done)
		pthread_cond_wait(&scr.scr_cv, &spc->spc_mtx);
	if (reader && !spc->spc_dead) {
		spc->spc_inline = 1;
		spc->spc_inlinegen++;
	}
	TAILQ_REMOVE(&spc->spc_copyreqs, &scr, scr_entries);
	pthread_mutex_unlock(&spc->spc_mtx);
	error = error != 0 ? SP_EFAULT : scr.scr_error;
	*got = scr.scr_got;
 out:
	sp_hyp->hyp_backend_schedule(nlocks, NULL);
	pthread_cond_destroy(&scr.scr_cv);
	return error;
}

/* The cookie of the calling thread, checked against the kernel's. */
static struct sp_cookie *
sp_cookie(void *cookie)
{
	struct sp_cookie *sc = sp_curcookie;

	if (sc == NULL || sc->sc_spc != cookie)
		return NULL;
	return sc;
}

/*
 * Copy len bytes at client address raddr to laddr.  Returns 0, or EFAULT
 * when the client cannot supply them or is gone.
 */
int
rumpuser_sp_copyin(void *cookie, const void *raddr, void *laddr, size_t len)
{
	struct sp_cookie *sc;
	uint64_t ra = (uint64_t)(uintptr_t)raddr;
	size_t chunk, got;
	int error;

	if ((sc = sp_cookie(cookie)) == NULL)
		return SP_EFAULT;
	while (len > 0) {
		chunk = len < SP_COPYCHUNK ? len : SP_COPYCHUNK;
		error = sp_copyrequest(sc, SP_COPYIN, ra, laddr, chunk, &got);
		if (error != 0)
			return error;
		ra += chunk;
		laddr = (char *)laddr + chunk;
		len -= chunk;
	}
	return 0;
}

/*
 * Copy a NUL-terminated string of at most *lenp bytes (NUL included) from
 * the client; on success *lenp is the length copied, NUL included.
 * Returns 0, EFAULT or ENAMETOOLONG.
 */
int
rumpuser_sp_copyinstr(void *cookie, const void *raddr, void *laddr,
    size_t *lenp)
{
	struct sp_cookie *sc;
	size_t got = 0, max = *lenp;
	int error;

	if ((sc = sp_cookie(cookie)) == NULL)
		return SP_EFAULT;
	if (max > SP_COPYCHUNK)
		max = SP_COPYCHUNK;
	if (max == 0)
		return SP_ENAMETOOLONG;
	error = sp_copyrequest(sc, SP_COPYINSTR, (uint64_t)(uintptr_t)raddr,
	    laddr, max, &got);
	if (error == 0)
		*lenp = got;
	return error;
}

/*
 * Copy len bytes from laddr to client address raddr.  Copyouts are not
 * answered (the client cannot refuse them); the syscall's reply, which
 * follows on the same stream, orders them.  Returns 0 or EFAULT when the
 * client is gone.
 */
int
rumpuser_sp_copyout(void *cookie, const void *laddr, void *raddr, size_t len)
{
	struct sp_cookie *sc;
	struct spclient *spc;
	uint64_t ra = (uint64_t)(uintptr_t)raddr;
	uint8_t addr[8];
	size_t chunk;
	int error = 0, nlocks;

	if ((sc = sp_cookie(cookie)) == NULL)
		return SP_EFAULT;
	spc = sc->sc_spc;
	sp_hyp->hyp_backend_unschedule(0, &nlocks, NULL);
	do {
		chunk = len < SP_COPYCHUNK ? len : SP_COPYCHUNK;
		sp_put64(addr, ra);
		if (sp_send(spc, 0, SP_REQ, SP_COPYOUT, sc->sc_sysreq,
		    addr, sizeof(addr), laddr, chunk) != 0) {
			error = SP_EFAULT;
			break;
		}
		ra += chunk;
		laddr = (const char *)laddr + chunk;
		len -= chunk;
	} while (len > 0);
	sp_hyp->hyp_backend_schedule(nlocks, NULL);
	return error;
}

/*
 * Copy the NUL-terminated string at laddr, at most *lenp bytes with the
 * NUL, to the client.  Returns 0, EFAULT, or ENAMETOOLONG when it does
 * not fit; *lenp is set to the bytes copied.
 */
int
rumpuser_sp_copyoutstr(void *cookie, const void *laddr, void *raddr,
    size_t *lenp)
{
	size_t len;
	int error;

	len = strnlen(laddr, *lenp);
	if (len == *lenp) {
		error = SP_ENAMETOOLONG;
		if (len > 0)
			(void)rumpuser_sp_copyout(cookie, laddr, raddr, len);
		return error;
	}
	error = rumpuser_sp_copyout(cookie, laddr, raddr, len + 1);
	if (error == 0)
		*lenp = len + 1;
	return error;
}
