/*
 * kthread(9): kernel threads, each an lwp of proc0 on its own host thread.
 */
#ifndef _SYS_KTHREAD_H_
#define _SYS_KTHREAD_H_

#include <sys/types.h>

struct cpu_info;

#define	KTHREAD_IDLE		0x01	/* do not run on creation */
#define	KTHREAD_MPSAFE		0x02	/* does not need kernel_lock */
#define	KTHREAD_INTR		0x04	/* interrupt handler */
#define	KTHREAD_TS		0x08	/* timeshared */
#define	KTHREAD_MUSTJOIN	0x20	/* reaped by kthread_join() */

/*
 * Create a kernel thread running func(arg), named by the printf format.
 * With KTHREAD_MUSTJOIN the thread must be waited for with kthread_join().
 * Returns 0 or an errno (EAGAIN: no host thread).
 */
int	kthread_create(int pri, int flags, struct cpu_info *,
	    void (*func)(void *), void *arg, struct lwp **, const char *fmt, ...)
	    __printflike(7, 8);
/* Terminate the calling kernel thread; ecode goes to kthread_join(). */
void	kthread_exit(int ecode) __dead;
/* Wait for a KTHREAD_MUSTJOIN thread to exit; returns its exit code. */
int	kthread_join(struct lwp *);

#endif /* !_SYS_KTHREAD_H_ */
