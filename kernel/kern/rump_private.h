/*
 * Internals shared by the files of librump.
 */
#ifndef _RUMP_PRIVATE_H_
#define _RUMP_PRIVATE_H_

#include <sys/types.h>

struct lwp;
struct proc;
struct vmspace;

extern int	rump_verbose;		/* RUMP_VERBOSE=1: boot chatter on the console */
extern int	rump_console_quiet;
extern int	rump_booted;		/* 1 after rump_init(), 0 again once halted */

size_t	msgbuf_length(void);

/* kmem */
void	*kmem_alloc_noleak(size_t, const char *);	/* not in the leak report */
void	 kmem_free_noleak(void *, size_t);
void	 kmem_leak_report(void);
void	 pool_leak_report(void);
void	 kmem_setlimit(size_t);
size_t	 kmem_getlimit(void);

/* locks */
void	 lockdebug_sleepcheck(const char *, const void *, const void *);
void	 sleepq_init(void);
void	 lockdebug_returncheck(struct lwp *, const char *);

/* lwps and processes */
void	 proc_bootstrap(void);
struct proc *proc_create(struct proc *, struct vmspace *, int, const char *);
void	 proc_exit_all(struct proc *);
void	 proc_closefiles(struct proc *);
struct lwp *lwp_create(struct proc *, int);
void	 lwp_free(struct lwp *);
void	 lwp_bind(struct lwp *);
struct lwp *lwp_implicit_enter(void);
void	 lwp_implicit_exit(struct lwp *);
int	 lwproc_rfork_vm(struct vmspace *, int, const char *);
int	 lwproc_newlwp(pid_t);
void	 lwproc_switch(struct lwp *);
void	 lwproc_release(void);
void	 lwp_exit_host(void);
void	 cwd_bootstrap(struct proc *);

/* address spaces */
struct vmspace *vmspace_local(void);
struct vmspace *vmspace_remote(void *);
void	 vmspace_remote_free(struct vmspace *);
void	*vmspace_spcookie(struct vmspace *);

/* credentials */
struct kauth_cred *kauth_cred_boot(void);

/* descriptors */
void	 fd_release_lwprefs(struct lwp *);
void	 fd_leakcheck(struct lwp *, const char *);

/* sysctl */
void	 sysctl_bootstrap(void);

/* syscalls */
int	 rump_syscall_lwp(struct lwp *, int, void *, register_t *);

/* halt */
int	 rump_halt(int);

/* components */
int	 rump_components_init(void);
void	 rump_components_fini(void);

/* traps and the debugger */
void	 trap_init(void);
struct rumpuser_trapframe;
void	 ddb_init(void);
void	 ddb_enter(const struct rumpuser_trapframe *);

/* time */
void	 kern_time_init(void);

#endif /* !_RUMP_PRIVATE_H_ */
