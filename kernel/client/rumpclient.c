/*
 * librumpclient: the client side of sysproxy (docs/sysproxy.md).
 *
 * One connection per program.  A call sends its syscall request and waits
 * for its reply.  Calls from several threads may be in flight at once:
 * one waiting thread at a time reads the connection, hands replies to
 * their callers and serves the server's copyin/copyinstr/copyout requests
 * against this program's memory (shared by all threads, so any reader
 * can serve any call's copies).
 */

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rumpclient.h"
#include "sp_proto.h"
#include "sp_subr.h"

extern const char *__progname;

#define	RC_RBUFSIZE	(64 * 1024)
#define	RC_MINADDR	4096	/* below this an address is a fault */

/* A call waiting for its reply. */
struct rc_wait {
	TAILQ_ENTRY(rc_wait)	rw_entries;
	uint32_t		rw_reqno;
	int			rw_done;
	int			rw_error;
	long			rw_retval[2];
	pthread_cond_t		rw_cv;
};

static pthread_mutex_t rc_mtx = PTHREAD_MUTEX_INITIALIZER;	/* below */
static int rc_fd = -1;
static int rc_pid = -1;
static int rc_dead;		/* the server went away */
static int rc_reading;		/* a thread reads the connection */
static uint32_t rc_nextreq = 1;
static TAILQ_HEAD(, rc_wait) rc_waits = TAILQ_HEAD_INITIALIZER(rc_waits);

/* One frame at a time goes out. */
static pthread_mutex_t rc_sendmtx = PTHREAD_MUTEX_INITIALIZER;

/* The reader's buffers. */
static uint8_t rc_rbuf[RC_RBUFSIZE];
static size_t rc_rstart, rc_rend;
static uint8_t *rc_big;

/* Send header and up to two parts in one sendmsg. */
static int
rc_send(uint32_t reqno, int class, int type, uint32_t arg,
    const void *p1, size_t l1, const void *p2, size_t l2)
{
	uint8_t hdr[SP_HDRLEN];
	struct iovec iov[3];
	struct msghdr msg;
	size_t total = SP_HDRLEN + l1 + l2;
	ssize_t n;
	int i;

	sp_hdr_encode(hdr, (uint32_t)total, reqno, class, type, arg);
	iov[0].iov_base = hdr;
	iov[0].iov_len = SP_HDRLEN;
	iov[1].iov_base = (void *)(uintptr_t)p1;
	iov[1].iov_len = l1;
	iov[2].iov_base = (void *)(uintptr_t)p2;
	iov[2].iov_len = l2;
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = iov;
	msg.msg_iovlen = 3;
	pthread_mutex_lock(&rc_sendmtx);
	while (total > 0) {
		n = sendmsg(rc_fd, &msg, MSG_NOSIGNAL);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			pthread_mutex_unlock(&rc_sendmtx);
			return errno;
		}
		total -= (size_t)n;
		/* Skip what went out. */
		for (i = 0; n > 0 && i < 3; i++) {
			size_t d = (size_t)n < msg.msg_iov[0].iov_len ?
			    (size_t)n : msg.msg_iov[0].iov_len;
			msg.msg_iov[0].iov_base =
			    (char *)msg.msg_iov[0].iov_base + d;
			msg.msg_iov[0].iov_len -= d;
			n -= (ssize_t)d;
			if (msg.msg_iov[0].iov_len == 0 && msg.msg_iovlen > 1) {
				msg.msg_iov++;
				msg.msg_iovlen--;
			}
		}
	}
	pthread_mutex_unlock(&rc_sendmtx);
	return 0;
}

/* Read one frame; the payload is valid until the next call. */
static int
rc_readframe(struct sp_hdr *hdr, uint8_t **payload)
{
	size_t avail, plen;
	ssize_t n;
	int error;

	for (;;) {
		avail = rc_rend - rc_rstart;
		if (avail >= SP_HDRLEN) {
			sp_hdr_decode(rc_rbuf + rc_rstart, hdr);
			if (hdr->sph_len < SP_HDRLEN ||
			    hdr->sph_len > SP_MAXFRAME)
				return EPROTO;
			if (avail >= hdr->sph_len) {
				*payload = rc_rbuf + rc_rstart + SP_HDRLEN;
				rc_rstart += hdr->sph_len;
				return 0;
			}
			if (hdr->sph_len > RC_RBUFSIZE) {
				plen = hdr->sph_len - SP_HDRLEN;
				free(rc_big);
				if ((rc_big = malloc(plen)) == NULL)
					return ENOMEM;
				avail -= SP_HDRLEN;
				memcpy(rc_big, rc_rbuf + rc_rstart + SP_HDRLEN,
				    avail);
				rc_rstart = rc_rend = 0;
				error = sp_readall(rc_fd, rc_big + avail,
				    plen - avail);
				*payload = rc_big;
				return error;
			}
		}
		if (rc_rstart > 0) {
			memmove(rc_rbuf, rc_rbuf + rc_rstart, avail);
			rc_rstart = 0;
			rc_rend = avail;
		}
		n = read(rc_fd, rc_rbuf + rc_rend, RC_RBUFSIZE - rc_rend);
		if (n == 0)
			return ECONNRESET;
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return errno;
		}
		rc_rend += (size_t)n;
	}
}

/* => Caller holds rc_mtx; no call may be in flight. */
static void
rc_disconnect(void)
{

	if (rc_fd != -1)
		close(rc_fd);
	rc_fd = -1;
	rc_pid = -1;
	rc_dead = 0;
	rc_rstart = rc_rend = 0;
	free(rc_big);
	rc_big = NULL;
}

/*
 * The server went away or broke the protocol: every call in flight fails
 * with RUMPCLIENT_EDIED, and so does every later one.
 * => Caller holds rc_mtx.
 */
static void
rc_died(void)
{
	struct rc_wait *rw;

	if (rc_dead)
		return;
	fprintf(stderr, "%s: rump kernel server died\n", __progname);
	rc_dead = 1;
	shutdown(rc_fd, SHUT_RDWR);
	TAILQ_FOREACH(rw, &rc_waits, rw_entries) {
		if (!rw->rw_done) {
			rw->rw_done = 1;
			rw->rw_error = RUMPCLIENT_EDIED;
		}
		pthread_cond_signal(&rw->rw_cv);
	}
}

int
rumpclient_init_url(const char *url)
{
	struct sp_addr sa;
	struct sp_hdr hdr;
	uint8_t hello[4 + SP_MAXCOMM], *payload;
	size_t clen;
	int fd, error;

	if ((error = sp_parseurl(url, &sa)) != 0) {
		errno = error;
		return -1;
	}
	pthread_mutex_lock(&rc_mtx);
	rc_disconnect();
	if ((fd = socket(sa.sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		goto fail;
	if (connect(fd, (const struct sockaddr *)&sa.sa_u, sa.sa_len) == -1) {
		error = errno;
		close(fd);
		errno = error;
		goto fail;
	}
	sp_nodelay(fd, &sa);
	rc_fd = fd;

	clen = strlen(__progname);
	if (clen > SP_MAXCOMM)
		clen = SP_MAXCOMM;
	sp_put32(hello, SP_VERSION);
	memcpy(hello + 4, __progname, clen);
	/* No call is in flight yet: this thread reads without the role. */
	if ((error = rc_send(0, SP_REQ, SP_HANDSHAKE, 0, hello, 4 + clen,
	    NULL, 0)) != 0 || (error = rc_readframe(&hdr, &payload)) != 0)
		goto bad;
	if (hdr.sph_type != SP_HANDSHAKE || hdr.sph_class == SP_REQ ||
	    hdr.sph_len < SP_HDRLEN + (hdr.sph_class == SP_RESP ? 8 : 0)) {
		error = EPROTO;
		goto bad;
	}
	if (hdr.sph_class == SP_ERROR) {
		error = hdr.sph_arg == SP_EPROGMISMATCH ? EPROTO : EIO;
		goto bad;
	}
	if (sp_get32(payload) != SP_VERSION) {
		error = EPROTO;
		goto bad;
	}
	rc_pid = (int)sp_get32(payload + 4);
	pthread_mutex_unlock(&rc_mtx);
	return 0;
 bad:
	rc_disconnect();
	errno = error == ECONNRESET ? ECONNREFUSED : error;
 fail:
	pthread_mutex_unlock(&rc_mtx);
	return -1;
}

int
rumpclient_init(void)
{
	const char *url = getenv("RUMP_SERVER");

	if (url == NULL || *url == '\0') {
		errno = EINVAL;
		return -1;
	}
	return rumpclient_init_url(url);
}

int
rumpclient_getpid(void)
{

	return rc_pid;
}

int
rumpclient_fini(void)
{

	pthread_mutex_lock(&rc_mtx);
	rc_disconnect();
	pthread_mutex_unlock(&rc_mtx);
	return 0;
}

/* Serve one copy request of the server against our memory. */
static int
rc_copy(const struct sp_hdr *hdr, const uint8_t *payload)
{
	size_t plen = hdr->sph_len - SP_HDRLEN;
	uint64_t addr, len;
	const char *s;
	size_t slen;

	if (plen < 8)
		return EPROTO;
	addr = sp_get64(payload);
	switch (hdr->sph_type) {
	case SP_COPYIN:
	case SP_COPYINSTR:
		if (plen != 16)
			return EPROTO;
		len = sp_get64(payload + 8);
		if (len > SP_COPYCHUNK)
			return EPROTO;
		if (addr < RC_MINADDR)
			return rc_send(hdr->sph_reqno, SP_ERROR, hdr->sph_type,
			    SP_EFAULT, NULL, 0, NULL, 0);
		if (hdr->sph_type == SP_COPYIN)
			return rc_send(hdr->sph_reqno, SP_RESP, SP_COPYIN, 0,
			    (const void *)(uintptr_t)addr, (size_t)len, NULL, 0);
		s = (const char *)(uintptr_t)addr;
		slen = strnlen(s, (size_t)len);
		if (slen == len)
			return rc_send(hdr->sph_reqno, SP_ERROR, SP_COPYINSTR,
			    SP_ENAMETOOLONG, NULL, 0, NULL, 0);
		return rc_send(hdr->sph_reqno, SP_RESP, SP_COPYINSTR, 0,
		    s, slen + 1, NULL, 0);
	case SP_COPYOUT:
		/* Not answered; a bad address is dropped, as NULL is. */
		if (addr >= RC_MINADDR)
			memcpy((void *)(uintptr_t)addr, payload + 8, plen - 8);
		return 0;
	default:
		return EPROTO;
	}
}

/*
 * Read one frame as the reader and act on it: a reply goes to its caller,
 * a copy request is served.  Returns 0, or nonzero when the connection
 * is unusable.  => Caller holds the reader role, not rc_mtx.
 */
static int
rc_readone(void)
{
	struct sp_hdr hdr;
	struct rc_wait *rw;
	uint8_t *payload;
	int error = 0;

	if (rc_readframe(&hdr, &payload) != 0)
		return EPIPE;
	if (hdr.sph_class == SP_REQ)
		return rc_copy(&hdr, payload);
	if (hdr.sph_class != SP_RESP || hdr.sph_type != SP_SYSCALL ||
	    hdr.sph_len != SP_HDRLEN + 16)
		return EPROTO;
	pthread_mutex_lock(&rc_mtx);
	TAILQ_FOREACH(rw, &rc_waits, rw_entries)
		if (rw->rw_reqno == hdr.sph_reqno && !rw->rw_done)
			break;
	if (rw != NULL) {
		rw->rw_retval[0] = (long)sp_get64(payload);
		rw->rw_retval[1] = (long)sp_get64(payload + 8);
		rw->rw_error = (int)hdr.sph_arg;
		rw->rw_done = 1;
		pthread_cond_signal(&rw->rw_cv);
	} else
		error = EPROTO;
	pthread_mutex_unlock(&rc_mtx);
	return error;
}

int
rumpclient_syscall(int num, const void *data, size_t dlen, long *retval)
{
	struct rc_wait rw, *other;
	int error;

	if (dlen > SP_MAXARGS * 8 || dlen % 8 != 0)
		return SP_EINVAL;
	pthread_mutex_lock(&rc_mtx);
	if (rc_fd == -1 || rc_dead) {
		pthread_mutex_unlock(&rc_mtx);
		return RUMPCLIENT_EDIED;
	}
	memset(&rw, 0, sizeof(rw));
	rw.rw_reqno = rc_nextreq++;
	pthread_cond_init(&rw.rw_cv, NULL);
	TAILQ_INSERT_TAIL(&rc_waits, &rw, rw_entries);
	pthread_mutex_unlock(&rc_mtx);

	error = rc_send(rw.rw_reqno, SP_REQ, SP_SYSCALL, (uint32_t)num, data,
	    dlen, NULL, 0);

	pthread_mutex_lock(&rc_mtx);
	if (error != 0)
		rc_died();
	while (!rw.rw_done) {
		if (rc_reading) {
			pthread_cond_wait(&rw.rw_cv, &rc_mtx);
			continue;
		}
		rc_reading = 1;
		pthread_mutex_unlock(&rc_mtx);
		error = rc_readone();
		pthread_mutex_lock(&rc_mtx);
		rc_reading = 0;
		if (error != 0)
			rc_died();
	}
	TAILQ_REMOVE(&rc_waits, &rw, rw_entries);
	/* Someone must read on for the calls still waiting. */
	if (!rc_reading)
		TAILQ_FOREACH(other, &rc_waits, rw_entries)
			if (!other->rw_done) {
				pthread_cond_signal(&other->rw_cv);
				break;
			}
	pthread_mutex_unlock(&rc_mtx);
	pthread_cond_destroy(&rw.rw_cv);
	retval[0] = rw.rw_retval[0];
	retval[1] = rw.rw_retval[1];
	return rw.rw_error;
}
