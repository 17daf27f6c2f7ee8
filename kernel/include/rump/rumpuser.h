/*
 * The rumpuser interface: the only way kernel code reaches the host.
 * librumpuser implements these hypercalls on the host's libc and
 * pthreads; the kernel gives it a table of upcalls (rumpuser_hyperup)
 * at rumpuser_init().  Errors are returned as kernel (NetBSD) errno
 * values.  See docs/rumpuser.md.
 */
#ifndef _RUMP_RUMPUSER_H_
#define _RUMP_RUMPUSER_H_

#include <sys/types.h>
#ifndef _KERNEL
#include <stdint.h>
#include <stddef.h>
#endif

#define	RUMPUSER_VERSION	17

struct lwp;
struct rumpuser_mtx;
struct rumpuser_rw;
struct rumpuser_cv;

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Upcalls: host code (e.g. the sysproxy server) calls into the kernel
 * through these.
 */
struct rumpuser_hyperup {
	/* Enter and leave the kernel around a call from host code (no-ops here). */
	void	(*hyp_schedule)(void);
	void	(*hyp_unschedule)(void);
	/*
	 * Around a host block inside the kernel (e.g. waiting for a client's
	 * copyin): give up and take back the virtual CPU.  nlocks is set to 0
	 * (no big kernel lock here).
	 */
	void	(*hyp_backend_unschedule)(int nlocks, int *countp, void *interlock);
	void	(*hyp_backend_schedule)(int nlocks, void *interlock);
	/* Bind the calling host thread to lwp l (NULL: unbind). */
	void	(*hyp_lwproc_switch)(struct lwp *l);
	/*
	 * Release the calling thread's lwp; releasing the last lwp of a
	 * process exits it (files closed, process reaped).
	 */
	void	(*hyp_lwproc_release)(void);
	/*
	 * New process for a sysproxy client: own descriptor table, root
	 * credentials, cwd "/", the next pid (2, 3, ...).  spcookie is kept
	 * for its copyin/copyout.  The calling host thread is switched to
	 * the new process's lwp.  Returns 0 or an errno.
	 */
	int	(*hyp_lwproc_rfork)(void *spcookie, int flags, const char *comm);
	/* Bind the calling host thread to a new lwp of process pid. */
	int	(*hyp_lwproc_newlwp)(pid_t pid);
	struct lwp *(*hyp_lwproc_curlwp)(void);
	/* Run a system call in the current process; returns 0 or an errno. */
	int	(*hyp_syscall)(int num, void *arg, long *retval);
	/* The calling kernel thread is about to exit. */
	void	(*hyp_lwpexit)(void);
	/* The current process runs a new program: set its command name. */
	void	(*hyp_execnotify)(const char *comm);
	/* pid of the current process. */
	pid_t	(*hyp_getpid)(void);
	void	*hyp__extra[8];
};

/* The table rumpuser_init() was given, for other host code (sysproxy). */
extern struct rumpuser_hyperup rumpuser__hyp;

/* Boot. Returns 0 or an errno (e.g. a version mismatch). */
int	rumpuser_init(int version, const struct rumpuser_hyperup *hyp);

/* Parameters from the host environment: RUMP_NCPU, RUMP_HOSTNAME, ... */
#define	RUMPUSER_PARAM_NCPU	"_RUMPUSER_NCPU"
#define	RUMPUSER_PARAM_HOSTNAME	"_RUMPUSER_HOSTNAME"
/* Returns 0, ENOENT if unset, or E2BIG if it does not fit. */
int	rumpuser_getparam(const char *name, void *buf, size_t buflen);

/* Memory.  alignment 0 means the malloc default. */
int	rumpuser_malloc(size_t len, int alignment, void **memp);
void	rumpuser_free(void *mem, size_t len);

/* Console: write the bytes to the host's stdout at once (write(2), no buffering). */
void	rumpuser_cons_write(const char *buf, size_t len);
void	rumpuser_putchar(int c);
/* Nonzero if both stdin and stdout are terminals (for the db> prompt). */
int	rumpuser_cons_isatty(void);
/* Read one line from stdin without its newline; its length, or -1 at EOF. */
int	rumpuser_cons_getline(char *buf, size_t len);
/* Print how to attach gdb to this process and wait for it forever. */
void	rumpuser_debugger_wait(void) __attribute__((__noreturn__));

/* Clocks. */
#define	RUMPUSER_CLOCK_RELWALL	0	/* relative sleep / the wall clock */
#define	RUMPUSER_CLOCK_ABSMONO	1	/* absolute sleep / the monotonic clock */
int	rumpuser_clock_gettime(int clk, int64_t *sec, long *nsec);
int	rumpuser_clock_sleep(int clk, int64_t sec, long nsec);

/* Random bytes (getrandom). */
#define	RUMPUSER_RANDOM_HARD	0x01
#define	RUMPUSER_RANDOM_NOWAIT	0x02
int	rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp);

/*
 * Exit the host process.  RUMPUSER_PANIC raises the core size limit to
 * the hard limit and aborts, so the host writes a core (saying why not
 * when the hard limit is 0).
 */
#define	RUMPUSER_PANIC	(-1)
void	rumpuser_exit(int how) __attribute__((__noreturn__));
/* Raise RLIMIT_CORE to its hard limit (for a core at abort). */
void	rumpuser_coredump_enable(void);
/* Set the host errno for the rump_sys_* stubs. */
void	rumpuser_seterrno(int error);

/* Threads. */
int	rumpuser_thread_create(void *(*fun)(void *), void *arg,
	    const char *name, int joinable, int priority, int cpuidx,
	    void **cookie);
void	rumpuser_thread_exit(void) __attribute__((__noreturn__));
int	rumpuser_thread_join(void *cookie);

/* The lwp bound to the calling host thread (thread-local). */
#define	RUMPUSER_LWP_CREATE	1	/* an lwp is being created */
#define	RUMPUSER_LWP_DESTROY	2	/* an lwp is being destroyed */
#define	RUMPUSER_LWP_SET	3	/* bind l to the calling thread */
#define	RUMPUSER_LWP_CLEAR	4	/* unbind l from the calling thread */
void	rumpuser_curlwpop(int op, struct lwp *l);
struct lwp *rumpuser_curlwp(void);

/* Mutexes. */
#define	RUMPUSER_MTX_SPIN	0x01
#define	RUMPUSER_MTX_KMUTEX	0x02
int	rumpuser_mutex_init(struct rumpuser_mtx **, int flags);
void	rumpuser_mutex_enter(struct rumpuser_mtx *);
void	rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *);
int	rumpuser_mutex_tryenter(struct rumpuser_mtx *);	/* 0 or EBUSY */
void	rumpuser_mutex_exit(struct rumpuser_mtx *);
void	rumpuser_mutex_destroy(struct rumpuser_mtx *);

/* Reader/writer locks. */
#define	RUMPUSER_RW_READER	0
#define	RUMPUSER_RW_WRITER	1
int	rumpuser_rw_init(struct rumpuser_rw **);
void	rumpuser_rw_enter(int enum_rumprwlock, struct rumpuser_rw *);
int	rumpuser_rw_tryenter(int enum_rumprwlock, struct rumpuser_rw *);
int	rumpuser_rw_tryupgrade(struct rumpuser_rw *);
void	rumpuser_rw_downgrade(struct rumpuser_rw *);
void	rumpuser_rw_exit(struct rumpuser_rw *);
void	rumpuser_rw_destroy(struct rumpuser_rw *);

/* Condition variables. timedwait: relative time; returns 0 or ETIMEDOUT. */
int	rumpuser_cv_init(struct rumpuser_cv **);
void	rumpuser_cv_destroy(struct rumpuser_cv *);
void	rumpuser_cv_wait(struct rumpuser_cv *, struct rumpuser_mtx *);
void	rumpuser_cv_wait_nowrap(struct rumpuser_cv *, struct rumpuser_mtx *);
int	rumpuser_cv_timedwait(struct rumpuser_cv *, struct rumpuser_mtx *,
	    int64_t sec, int64_t nsec);
void	rumpuser_cv_signal(struct rumpuser_cv *);
void	rumpuser_cv_broadcast(struct rumpuser_cv *);
void	rumpuser_cv_has_waiters(struct rumpuser_cv *, int *);

/*
 * Fatal traps.  The kernel registers a handler; on SIGSEGV/SIGBUS/SIGILL/
 * SIGFPE rumpuser fills in a rumpuser_trapframe and calls it on an
 * alternate stack.  The handler returns nonzero if the fault was in
 * kernel code (and it reported it); rumpuser then aborts for a core.
 * Zero: not the kernel's; the host's default action follows.
 */
struct rumpuser_trapframe {
	int		tf_signo;	/* host signal number */
	int		tf_trapno;	/* BSD trap type (12: page fault) */
	int		tf_code;	/* si_code */
	int		tf_write;	/* the fault was a write */
	int		tf_user;	/* page present (protection fault) */
	uintptr_t	tf_addr;	/* fault virtual address */
	uintptr_t	tf_ip;		/* instruction pointer */
	uintptr_t	tf_sp;		/* stack pointer */
	uintptr_t	tf_fp;		/* frame pointer */
	uint64_t	tf_flags;	/* processor flags */
};
int	rumpuser_trap_init(int (*handler)(const struct rumpuser_trapframe *));
/* After the report: abort for a core. */
void	rumpuser_trap_finish(void) __attribute__((__noreturn__));

/*
 * Backtraces: fill pcs with up to max return addresses of the calling
 * thread (walking frame pointers from fp, or from the caller if fp is 0).
 * Returns how many.
 */
int	rumpuser_backtrace(uintptr_t fp, uintptr_t *pcs, int max);
/*
 * Describe pc as "function+0xoff (file:line)" into buf, with the rumpns_
 * prefix removed (symbolized with addr2line from the DWARF).
 */
void	rumpuser_symbolize(uintptr_t pc, char *buf, size_t buflen);

/*
 * Sysproxy (rumpuser_sp.c, written by the sysproxy side).  copyin and
 * copyout of a remote client's memory; 0 or an errno (EFAULT when the
 * client is gone).
 */
int	rumpuser_sp_init(const char *url, const char *ostype,
	    const char *osrelease, const char *machine);
int	rumpuser_sp_copyin(void *cookie, const void *raddr, void *laddr, size_t len);
int	rumpuser_sp_copyout(void *cookie, const void *laddr, void *raddr, size_t len);
int	rumpuser_sp_copyinstr(void *cookie, const void *raddr, void *laddr, size_t *lenp);
int	rumpuser_sp_copyoutstr(void *cookie, const void *laddr, void *raddr, size_t *lenp);
void	rumpuser_sp_fini(void *cookie);

#ifdef __cplusplus
}
#endif

#endif /* !_RUMP_RUMPUSER_H_ */
