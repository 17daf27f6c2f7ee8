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
#include "sp_server.h"
#include "sp_subr.h"

const struct rumpuser_hyperup *sp_hyp;
pthread_attr_t sp_detached;
char sp_banner[SP_MAXINFO];
size_t sp_bannerlen;
pthread_mutex_t sp_gmtx = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t sp_gcv;
struct sp_clientlist sp_clients = TAILQ_HEAD_INITIALIZER(sp_clients);
uint64_t sp_inlinestarts;
int sp_monsleeping;
__thread struct sp_cookie *sp_curcookie;

static int sp_lfd = -1;
static char sp_sockpath[PATH_MAX];
static int sp_unlinkatexit;

/*
 * Take the reader role from the thread running a call inline and give
 * it to a waiting thread, or a new one.  => Caller holds spc_mtx.
 */
static void
sp_promote(struct spclient *spc)
{

	spc->spc_inline = 0;
	spc->spc_reading = 0;
	sp_wakeup(spc);
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
		TAILQ_INIT(&spc->spc_jobs);
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

