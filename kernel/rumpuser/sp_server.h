/*
 * The sysproxy server's shared parts: a connection's state and the
 * functions the three files of the server use from each other
 * (rumpuser_sp.c: listening, accepting and the monitor;
 * rumpuser_sp_conn.c: a connection's threads and frames;
 * rumpuser_sp_copy.c: the kernel's copyin and copyout).  Host code.
 */
#ifndef _SP_SERVER_H_
#define _SP_SERVER_H_

#include <sys/types.h>
#include <sys/queue.h>

#include <pthread.h>
#include <stdint.h>

#include "sp_proto.h"

#define	SP_HIDDEN	__attribute__((__visibility__("hidden")))

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

/* A syscall read by a reader that cannot run it: queued for a thread. */
struct sp_job {
	TAILQ_ENTRY(sp_job)	sj_entries;
	uint32_t		sj_reqno;
	int			sj_sysnum;
	uint64_t		sj_args[SP_MAXARGS];
};

/* One connection: one client process. */
struct spclient {
	int			spc_fd;
	pid_t			spc_pid;
	void			*spc_mainlwp;
	char			spc_comm[SP_MAXCOMM + 1];

	pthread_mutex_t		spc_mtx;	/* protects all below */
	pthread_mutex_t		spc_sendmtx;	/* one frame at a time */
	pthread_cond_t		spc_cv;		/* work: the role, or a job */
	int			spc_dead;	/* connection is gone */
	int			spc_reading;	/* a thread holds the role */
	int			spc_nthreads;	/* threads of this connection */
	int			spc_nwaiting;	/* threads waiting for work */
	int			spc_njobs;	/* calls queued for a thread */
	TAILQ_HEAD(, sp_job)	spc_jobs;
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
 * At most this many threads serve one connection; more calls in flight
 * wait in the queue for one.
 */
#define	SP_MAXTHREADS	256
/* Idle threads a connection keeps; more leave. */
#define	SP_MAXIDLE	4

/*
 * The monitor: every SP_MONITOR_MS it takes the reader role from calls
 * that have run since its last look.  It sleeps for good after a while
 * without inline calls; the next one wakes it.
 */
#define	SP_MONITOR_MS	2
#define	SP_MONITOR_IDLE	25	/* looks without calls before sleeping */


struct rumpuser_hyperup;
struct sp_hdr;

extern const struct rumpuser_hyperup *sp_hyp SP_HIDDEN;
extern pthread_attr_t sp_detached SP_HIDDEN;
extern char sp_banner[SP_MAXINFO] SP_HIDDEN;
extern size_t sp_bannerlen SP_HIDDEN;
extern pthread_mutex_t sp_gmtx SP_HIDDEN;
extern pthread_cond_t sp_gcv SP_HIDDEN;
extern TAILQ_HEAD(sp_clientlist, spclient) sp_clients SP_HIDDEN;
extern uint64_t sp_inlinestarts SP_HIDDEN;	/* atomic */
extern int sp_monsleeping SP_HIDDEN;		/* atomic */
/* The request served by this host thread, for copyin & co. */
extern __thread struct sp_cookie *sp_curcookie SP_HIDDEN;

/* rumpuser_sp_conn.c */
void	*sp_thread(void *) SP_HIDDEN;
int	sp_send(struct spclient *, uint32_t, int, int, uint32_t,
	    const void *, size_t, const void *, size_t) SP_HIDDEN;
int	sp_readone(struct spclient *, struct sp_job *, int *) SP_HIDDEN;
void	sp_kill(struct spclient *) SP_HIDDEN;
void	sp_wakeup(struct spclient *) SP_HIDDEN;

#endif /* !_SP_SERVER_H_ */
