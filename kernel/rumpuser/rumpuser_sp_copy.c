/*
 * sysproxy server: the kernel's copyin, copyinstr, copyout and
 * copyoutstr of a remote client's memory.
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
 * Send a copy request and wait for its reply: the reader running this
 * call inline reads it itself (queueing any syscall that arrives
 * meanwhile for another thread); any other thread waits for the reader
 * to hand it over.  The kernel CPU is given up meanwhile, so a slow
 * client holds up no other thread.  Returns 0 or a kernel errno
 * (EFAULT when the client is gone); *got is the bytes delivered.
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
			/* A call of another client thread: for a thread. */
			if ((nsj = malloc(sizeof(*nsj))) == NULL)
				rerror = ENOMEM;
			else {
				memcpy(nsj, &sj, sizeof(sj));
				TAILQ_INSERT_TAIL(&spc->spc_jobs, nsj,
				    sj_entries);
				spc->spc_njobs++;
				sp_wakeup(spc);
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
