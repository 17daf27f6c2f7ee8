/*
 * Processes.  Every client of a rump kernel is a process with its own
 * pid, credentials, current directory and file descriptor table.  proc0
 * (pid 0) owns the kernel threads; pid 1 is the host program that called
 * rump_init(); sysproxy clients and rump_pub_lwproc_rfork() make the rest.
 */
#ifndef _SYS_PROC_H_
#define _SYS_PROC_H_

#include <sys/types.h>
#include <sys/param.h>
#include <sys/queue.h>
#include <sys/mutex.h>
#include <sys/lwp.h>
#include <sys/kauth.h>

struct filedesc;
struct cwdinfo;
struct vmspace;

struct proc {
	LIST_ENTRY(proc) p_list;	/* in allproc */
	pid_t		 p_pid;		/* process id */
	struct proc	*p_pptr;	/* parent (proc0 for clients) */
	char		 p_comm[MAXCOMLEN + 1];	/* command name */
	kauth_cred_t	 p_cred;	/* credentials */
	struct filedesc	*p_fd;		/* open files */
	struct cwdinfo	*p_cwdi;	/* current and root directory, umask */
	struct vmspace	*p_vmspace;	/* its memory: local or a client's */
	kmutex_t	 p_lock;	/* protects p_lwps, p_nlwps, p_stat */
	LIST_HEAD(, lwp) p_lwps;	/* lwps of this process */
	int		 p_nlwps;	/* number of lwps */
	lwpid_t		 p_nlwpid;	/* next lwp id */
	int		 p_stat;	/* SACTIVE, SDYING, SDEAD */
	int		 p_flag;	/* PK_* */
	int		 p_xexit;	/* exit status */
	struct timespec	 p_start;	/* when created (uptime) */
};

#define	SIDL		1	/* being created */
#define	SACTIVE		2	/* running */
#define	SDYING		3	/* exiting: last lwp released */
#define	SDEAD		4	/* reaped */

#define	PK_SYSTEM	0x0001	/* the kernel's own (proc0) */
#define	PK_LOCAL	0x0002	/* memory is host memory (not sysproxy) */

#define	curproc		(curlwp->l_proc)

extern struct proc	proc0;
extern struct proc	*initproc;	/* pid 1, the local host program */
extern kmutex_t		proc_lock;	/* protects allproc and pids */
extern LIST_HEAD(proclist, proc) allproc;

#define	PROCLIST_FOREACH(var, head)	LIST_FOREACH(var, head, p_list)

/* Find a live process by pid; caller holds proc_lock. */
struct proc	*proc_find(pid_t);
/* Set the command name shown by ps and in trap reports. */
void		 proc_setcomm(struct proc *, const char *);

/*
 * Hooks a component registers to follow process life (e.g. VFS, to drop
 * per-process state).  Called with no locks held.
 */
struct proc_hooks {
	void	(*ph_exit)(struct proc *);	/* before its files are closed */
	LIST_ENTRY(proc_hooks) ph_entries;
};
void	proc_hooks_register(struct proc_hooks *);
void	proc_hooks_unregister(struct proc_hooks *);

#endif /* !_SYS_PROC_H_ */
