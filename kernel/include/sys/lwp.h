/*
 * Light-weight processes: each kernel thread of control runs on a host
 * thread.  curlwp is the lwp bound to the calling host thread.
 */
#ifndef _SYS_LWP_H_
#define _SYS_LWP_H_

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/kauth.h>

struct kmutex;

#define	LWP_MAXFDREF	8	/* fd_getfile() nesting per lwp */

struct lwp {
	struct proc	*l_proc;	/* process this lwp belongs to */
	lwpid_t		 l_lid;		/* lwp id within the process */
	int		 l_flag;	/* LW_* */
	int		 l_stat;	/* LSRUN, LSSLEEP, LSZOMB */
	kauth_cred_t	 l_cred;	/* credentials (the process's) */
	char		*l_name;	/* name of a kernel thread */
	const char	*l_wmesg;	/* what it sleeps on, for ps */
	const volatile void *l_wchan;	/* tsleep wait channel */
	void		*l_private;	/* for the lwp's owner */
	LIST_ENTRY(lwp)	 l_sibling;	/* in p_lwps */
	LIST_ENTRY(lwp)	 l_list;	/* in alllwp */
	void		*l_thread;	/* host thread of a joinable kthread */
	int		 l_exitcode;	/* kthread_exit() value for kthread_join() */
	int		 l_nesting;	/* kernel entries (syscalls) in progress */
	u_int		 l_spinheld;	/* spin mutexes held (LOCKDEBUG) */
	u_int		 l_nlocks;	/* mutexes held (LOCKDEBUG) */
	struct kmutex	*l_lastlock;	/* the last one taken */
	const char	*l_lastlocksite; /* and where */
	struct kmutex	*l_lastspin;	/* the last one taken (LOCKDEBUG) */
	const char	*l_lastspinsite; /* and where */
	int		 l_refcnt;	/* references from the host (switch) */
	int		 l_nfdref;	/* fd_getfile() uses outstanding */
	struct {
		int	 fr_fd;
		struct file *fr_fp;
	}		 l_fdref[LWP_MAXFDREF];	/* for fd_putfile() */
};

#define	LW_SYSTEM	0x0001	/* kernel thread */
#define	LW_MUSTJOIN	0x0002	/* kthread_join() will reap it */
#define	LW_WEXITING	0x0004	/* exiting */
#define	LW_IMPLICIT	0x0008	/* made for an unbound host thread, freed on return */
#define	LW_BOUND	0x0010	/* bound to a host thread */

#define	LSRUN		2	/* running */
#define	LSSLEEP		3	/* sleeping */
#define	LSZOMB		5	/* dead, not yet reaped */

/* The lwp bound to the calling host thread (NULL outside the kernel). */
struct lwp	*rumpuser_curlwp(void);
#define	curlwp	(rumpuser_curlwp())

extern struct lwp	lwp0;		/* the first lwp of proc0 */

/* Look up an lwp of the current process; NULL if none. */
struct lwp	*lwp_find(struct proc *, lwpid_t);
/* Give an lwp a name shown by ps (copied). */
void		 lwp_setname(struct lwp *, const char *);

#endif /* !_SYS_LWP_H_ */
