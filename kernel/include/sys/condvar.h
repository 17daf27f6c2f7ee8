/*
 * condvar(9): condition variables, waited on with a kmutex interlock.
 * The timed and _sig variants return 0, EWOULDBLOCK on timeout (ticks),
 * or never EINTR (no signals in a rump kernel).
 */
#ifndef _SYS_CONDVAR_H_
#define _SYS_CONDVAR_H_

#include <sys/types.h>
#include <sys/mutex.h>

struct kcondvar {
	void		*cv_host;	/* the host condition variable */
	const char	*cv_wmesg;	/* name shown while waiting */
	volatile u_int	 cv_waiters;
};
typedef struct kcondvar	kcondvar_t;

void	cv_init(kcondvar_t *, const char *);
void	cv_destroy(kcondvar_t *);
void	cv_wait(kcondvar_t *, kmutex_t *);
int	cv_wait_sig(kcondvar_t *, kmutex_t *);
int	cv_timedwait(kcondvar_t *, kmutex_t *, int);
int	cv_timedwait_sig(kcondvar_t *, kmutex_t *, int);
void	cv_signal(kcondvar_t *);
void	cv_broadcast(kcondvar_t *);
bool	cv_has_waiters(kcondvar_t *);
bool	cv_is_valid(kcondvar_t *);

#endif /* !_SYS_CONDVAR_H_ */
