/*
 * sysproxy server: the threads and frames of one connection (see
 * rumpuser_sp.c for the design).
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
#include "sp_server.h"
#include "sp_subr.h"

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
int
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
void
sp_kill(struct spclient *spc)
{
	struct sp_copyreq *scr;
	struct sp_job *sj;

	if (spc->spc_dead)
		return;
	spc->spc_dead = 1;
	shutdown(spc->spc_fd, SHUT_RDWR);
	while ((sj = TAILQ_FIRST(&spc->spc_jobs)) != NULL) {
		TAILQ_REMOVE(&spc->spc_jobs, sj, sj_entries);
		spc->spc_njobs--;
		free(sj);
	}
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
 * Start a thread for the connection.  => Caller holds spc_mtx.
 */
static int
sp_newthread(struct spclient *spc)
{
	pthread_t pt;
	int error;

	if (spc->spc_nthreads >= SP_MAXTHREADS)
		return EAGAIN;
	error = pthread_create(&pt, &sp_detached, sp_thread, spc);
	if (error == 0)
		spc->spc_nthreads++;
	return error;
}

/*
 * There is work for a thread: a queued job, or the reader role is free.
 * Wake the waiting threads, and start one more when they are too few
 * for all the work (woken threads still count as waiting until they
 * run, so a signal per event could be lost on one of them).
 * => Caller holds spc_mtx.
 */
void
sp_wakeup(struct spclient *spc)
{
	int need = spc->spc_njobs + (spc->spc_reading ? 0 : 1);

	if (spc->spc_nwaiting > 0)
		pthread_cond_broadcast(&spc->spc_cv);
	if (need > spc->spc_nwaiting)
		(void)sp_newthread(spc);
}

/*
 * Read one frame as the reader and act on it: a syscall request is
 * decoded into *sj, a copy reply delivered.  Returns 0 (*issys says
 * which), or an errno that ends the connection.
 */
int
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
 * A thread of a connection: serve queued jobs, or take the reader role,
 * read frames and run the syscalls it reads.
 */
void *
sp_thread(void *arg)
{
	struct spclient *spc = arg;
	struct sp_job sj, *qj;
	int error, last, issys, hold = 0;

	pthread_mutex_lock(&spc->spc_mtx);
	for (;;) {
		if (spc->spc_dead) {
			if (hold)
				spc->spc_reading = 0;
			break;
		}
		if (!hold) {
			while (TAILQ_EMPTY(&spc->spc_jobs) && spc->spc_reading &&
			    !spc->spc_dead) {
				if (spc->spc_nwaiting >= SP_MAXIDLE)
					goto leave;	/* enough idle threads */
				spc->spc_nwaiting++;
				pthread_cond_wait(&spc->spc_cv, &spc->spc_mtx);
				spc->spc_nwaiting--;
			}
			if (spc->spc_dead)
				break;
			if ((qj = TAILQ_FIRST(&spc->spc_jobs)) != NULL) {
				TAILQ_REMOVE(&spc->spc_jobs, qj, sj_entries);
				spc->spc_njobs--;
				pthread_mutex_unlock(&spc->spc_mtx);
				sp_serve(spc, qj->sj_reqno, qj->sj_sysnum,
				    qj->sj_args);
				free(qj);
				pthread_mutex_lock(&spc->spc_mtx);
				continue;
			}
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
 leave:
	last = --spc->spc_nthreads == 0;
	pthread_mutex_unlock(&spc->spc_mtx);
	if (last)
		sp_destroy(spc);
	return NULL;
}


