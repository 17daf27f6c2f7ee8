/*
 * librumpuser: threads, the current lwp, mutexes, rwlocks and condition
 * variables on POSIX threads.  Kernel lwps run directly on host threads;
 * the kernel does its own lock bookkeeping (owners, LOCKDEBUG), these are
 * the bare host primitives.
 */
#include <sys/types.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rump/rumpuser.h>

#include "rumpuser_int.h"

struct rumpuser_mtx {
	pthread_mutex_t	pmtx;
};

struct rumpuser_rw {
	pthread_rwlock_t prw;
};

struct rumpuser_cv {
	pthread_cond_t	pcv;
	volatile int	nwaiters;
};

static __thread struct lwp *curlwp_tls;

void
rumpuser__thread_init(void)
{

	rumpuser__altstack();
}

struct thrstart {
	void	*(*ts_fun)(void *);
	void	*ts_arg;
};

static void *
thread_trampoline(void *arg)
{
	struct thrstart ts = *(struct thrstart *)arg;

	free(arg);
	rumpuser__altstack();
	return ts.ts_fun(ts.ts_arg);
}

int
rumpuser_thread_create(void *(*fun)(void *), void *arg, const char *name,
    int joinable, int priority, int cpuidx, void **cookie)
{
	pthread_attr_t attr;
	pthread_t *pt;
	struct thrstart *ts;
	char tname[16];
	int error;

	(void)priority;
	(void)cpuidx;
	if ((pt = malloc(sizeof(*pt))) == NULL)
		return RUMP_ENOMEM;
	if ((ts = malloc(sizeof(*ts))) == NULL) {
		free(pt);
		return RUMP_ENOMEM;
	}
	ts->ts_fun = fun;
	ts->ts_arg = arg;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr,
	    joinable ? PTHREAD_CREATE_JOINABLE : PTHREAD_CREATE_DETACHED);
	error = pthread_create(pt, &attr, thread_trampoline, ts);
	pthread_attr_destroy(&attr);
	if (error != 0) {
		free(pt);
		free(ts);
		return error == EAGAIN ? RUMP_EAGAIN : rumpuser__errtrans(error);
	}
	if (name != NULL) {
		strncpy(tname, name, sizeof(tname) - 1);
		tname[sizeof(tname) - 1] = '\0';
		(void)pthread_setname_np(*pt, tname);
	}
	if (joinable) {
		*cookie = pt;
	} else {
		free(pt);
		if (cookie != NULL)
			*cookie = NULL;
	}
	return 0;
}

void
rumpuser_thread_exit(void)
{

	pthread_exit(NULL);
}

int
rumpuser_thread_join(void *cookie)
{
	pthread_t *pt = cookie;
	int error;

	error = pthread_join(*pt, NULL);
	free(pt);
	return rumpuser__errtrans(error);
}

void
rumpuser_curlwpop(int op, struct lwp *l)
{

	switch (op) {
	case RUMPUSER_LWP_SET:
		curlwp_tls = l;
		break;
	case RUMPUSER_LWP_CLEAR:
		if (curlwp_tls == l)
			curlwp_tls = NULL;
		break;
	default:
		break;
	}
}

struct lwp *
rumpuser_curlwp(void)
{

	return curlwp_tls;
}

int
rumpuser_mutex_init(struct rumpuser_mtx **mtxp, int flags)
{
	struct rumpuser_mtx *mtx;

	(void)flags;
	if ((mtx = malloc(sizeof(*mtx))) == NULL)
		return RUMP_ENOMEM;
	pthread_mutex_init(&mtx->pmtx, NULL);
	*mtxp = mtx;
	return 0;
}

void
rumpuser_mutex_enter(struct rumpuser_mtx *mtx)
{

	pthread_mutex_lock(&mtx->pmtx);
}

void
rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *mtx)
{

	pthread_mutex_lock(&mtx->pmtx);
}

int
rumpuser_mutex_tryenter(struct rumpuser_mtx *mtx)
{

	return pthread_mutex_trylock(&mtx->pmtx) == 0 ? 0 : RUMP_EBUSY;
}

void
rumpuser_mutex_exit(struct rumpuser_mtx *mtx)
{

	pthread_mutex_unlock(&mtx->pmtx);
}

void
rumpuser_mutex_destroy(struct rumpuser_mtx *mtx)
{

	pthread_mutex_destroy(&mtx->pmtx);
	free(mtx);
}

int
rumpuser_rw_init(struct rumpuser_rw **rwp)
{
	struct rumpuser_rw *rw;

	if ((rw = malloc(sizeof(*rw))) == NULL)
		return RUMP_ENOMEM;
	pthread_rwlock_init(&rw->prw, NULL);
	*rwp = rw;
	return 0;
}

void
rumpuser_rw_enter(int op, struct rumpuser_rw *rw)
{

	if (op == RUMPUSER_RW_WRITER)
		pthread_rwlock_wrlock(&rw->prw);
	else
		pthread_rwlock_rdlock(&rw->prw);
}

int
rumpuser_rw_tryenter(int op, struct rumpuser_rw *rw)
{
	int error;

	if (op == RUMPUSER_RW_WRITER)
		error = pthread_rwlock_trywrlock(&rw->prw);
	else
		error = pthread_rwlock_tryrdlock(&rw->prw);
	return error == 0 ? 0 : RUMP_EBUSY;
}

/* POSIX rwlocks cannot be upgraded in place: always "busy". */
int
rumpuser_rw_tryupgrade(struct rumpuser_rw *rw)
{

	(void)rw;
	return RUMP_EBUSY;
}

/* Not atomic on POSIX rwlocks: a writer may slip in between. */
void
rumpuser_rw_downgrade(struct rumpuser_rw *rw)
{

	pthread_rwlock_unlock(&rw->prw);
	pthread_rwlock_rdlock(&rw->prw);
}

void
rumpuser_rw_exit(struct rumpuser_rw *rw)
{

	pthread_rwlock_unlock(&rw->prw);
}

void
rumpuser_rw_destroy(struct rumpuser_rw *rw)
{

	pthread_rwlock_destroy(&rw->prw);
	free(rw);
}

int
rumpuser_cv_init(struct rumpuser_cv **cvp)
{
	struct rumpuser_cv *cv;
	pthread_condattr_t attr;

	if ((cv = malloc(sizeof(*cv))) == NULL)
		return RUMP_ENOMEM;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&cv->pcv, &attr);
	pthread_condattr_destroy(&attr);
	cv->nwaiters = 0;
	*cvp = cv;
	return 0;
}

void
rumpuser_cv_destroy(struct rumpuser_cv *cv)
{

	pthread_cond_destroy(&cv->pcv);
	free(cv);
}

void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{

	cv->nwaiters++;
	pthread_cond_wait(&cv->pcv, &mtx->pmtx);
	cv->nwaiters--;
}

void
rumpuser_cv_wait_nowrap(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{

	rumpuser_cv_wait(cv, mtx);
}

int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
    int64_t sec, int64_t nsec)
{
	struct timespec ts;
	int error;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += sec;
	ts.tv_nsec += nsec;
	while (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	cv->nwaiters++;
	error = pthread_cond_timedwait(&cv->pcv, &mtx->pmtx, &ts);
	cv->nwaiters--;
	return error == ETIMEDOUT ? RUMP_ETIMEDOUT : 0;
}

void
rumpuser_cv_signal(struct rumpuser_cv *cv)
{

	pthread_cond_signal(&cv->pcv);
}

void
rumpuser_cv_broadcast(struct rumpuser_cv *cv)
{

	pthread_cond_broadcast(&cv->pcv);
}

void
rumpuser_cv_has_waiters(struct rumpuser_cv *cv, int *nwaiters)
{

	*nwaiters = cv->nwaiters;
}
