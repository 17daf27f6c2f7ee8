/*
 * The kernel's hypercall upcalls as seen by the sysproxy server.
 *
 * XXX: until kernel/include/rump/rumpuser.h defines struct
 * rumpuser_hyperup, this header carries NetBSD's layout of it, and the
 * table is found through the weak symbol rumpuser__hyp that
 * rumpuser_init() fills in.
 */
#ifndef _SP_HYP_H_
#define _SP_HYP_H_

#include <sys/types.h>

#if defined(__has_include) && __has_include(<rump/rumpuser.h>)
#include <rump/rumpuser.h>
#else
struct lwp;
struct rumpuser_hyperup {
	void	(*hyp_schedule)(void);
	void	(*hyp_unschedule)(void);
	void	(*hyp_backend_unschedule)(int, int *, void *);
	void	(*hyp_backend_schedule)(int, void *);
	void	(*hyp_lwproc_switch)(struct lwp *);
	void	(*hyp_lwproc_release)(void);
	int	(*hyp_lwproc_rfork)(void *, int, const char *);
	int	(*hyp_lwproc_newlwp)(pid_t);
	struct lwp *(*hyp_lwproc_curlwp)(void);
	int	(*hyp_syscall)(int, void *, long *);
	void	(*hyp_lwpexit)(void);
	void	(*hyp_execnotify)(const char *);
	pid_t	(*hyp_getpid)(void);
	void	*hyp__extra[8];
};
#endif

#ifndef RUMP_RFCFDG
#define	RUMP_RFCFDG	0x1000	/* new process with a clean fd table */
#endif

extern struct rumpuser_hyperup rumpuser__hyp __attribute__((weak));

static inline const struct rumpuser_hyperup *
sp_gethyp(void)
{

	return &rumpuser__hyp;
}

int	rumpuser_sp_init(const char *, const char *, const char *, const char *);
void	rumpuser_sp_fini(void *);
int	rumpuser_sp_copyin(void *, const void *, void *, size_t);
int	rumpuser_sp_copyinstr(void *, const void *, void *, size_t *);
int	rumpuser_sp_copyout(void *, const void *, void *, size_t);
int	rumpuser_sp_copyoutstr(void *, const void *, void *, size_t *);

#endif /* !_SP_HYP_H_ */
