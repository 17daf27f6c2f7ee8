/*
 * The public interface of a rump kernel for host programs: boot, halt
 * (rump_sys_reboot in <rump/rump_syscalls.h>), and the lwproc calls that
 * choose which kernel process and lwp the calling host thread runs as.
 */
#ifndef _RUMP_RUMP_H_
#define _RUMP_RUMP_H_

#include <sys/types.h>

struct lwp;

#ifdef __cplusplus
extern "C" {
#endif

/* rump_pub_lwproc_rfork() flags (NetBSD's values). */
#define	RUMP_RFFDG	0x04	/* copy the file descriptor table */
#define	RUMP_RFCFDG	0x1000	/* start with an empty descriptor table */

/*
 * Boot the kernel: print the banner, initialise the core and every
 * registered component in dependency order, create pid 1 and bind the
 * calling host thread to it.  Returns 0 or an errno (an essential
 * component failed, or the hypervisor version does not match).
 * Calling it again after a successful boot returns 0.
 */
int	rump_init(void);

/*
 * Serve this kernel over sysproxy at url (unix://path, tcp://host:port).
 * Returns 0 or an errno.
 */
int	rump_init_server(const char *url);

/*
 * Processes and lwps.  rfork makes a new process (a copy of the current
 * one's credentials and directories; descriptors copied with RUMP_RFFDG,
 * empty with RUMP_RFCFDG) and switches the calling thread to its new lwp.
 * newlwp binds the calling thread to a new lwp of process pid.  switch
 * makes the thread run as lwp l (NULL: unbind).  releaselwp releases
 * the current lwp; releasing the last lwp of a process exits it (its
 * files are closed and it is reaped).  Return 0 or an errno.
 */
int		 rump_pub_lwproc_rfork(int flags);
int		 rump_pub_lwproc_newlwp(pid_t pid);
void		 rump_pub_lwproc_switch(struct lwp *l);
void		 rump_pub_lwproc_releaselwp(void);
struct lwp	*rump_pub_lwproc_curlwp(void);

/*
 * Debugger mode (also RUMP_DEBUGGER=1): a panic or fatal trap stops at a
 * db> prompt when stdin and stdout are a terminal, otherwise prints
 * "gdb -p <pid>" and waits, instead of aborting at once.
 */
void	rump_pub_debugger(int on);

/* Name the current process (shown by ps and in trap reports). */
void	rump_pub_proc_setcomm(const char *comm);

/* Copy the message buffer (dmesg) to buf, NUL-terminated; returns its length. */
size_t	rump_pub_dmesg(char *buf, size_t len);

/* Resolve a sysctl name ("kern.hostname") to a MIB; *lenp in: room, out: length. */
int	rump_pub_sysctl_nametomib(const char *name, int *mib, unsigned int *lenp);

/* Run system call num in the current process (see docs/syscalls-master.md). */
int	rump_syscall(int num, void *data, size_t dlen, long *retval);

#define	rump_lwproc_rfork	rump_pub_lwproc_rfork
#define	rump_lwproc_newlwp	rump_pub_lwproc_newlwp
#define	rump_lwproc_switch	rump_pub_lwproc_switch
#define	rump_lwproc_releaselwp	rump_pub_lwproc_releaselwp
#define	rump_lwproc_curlwp	rump_pub_lwproc_curlwp

#ifdef __cplusplus
}
#endif

#endif /* !_RUMP_RUMP_H_ */
