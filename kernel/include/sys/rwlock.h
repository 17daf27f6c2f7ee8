/*
 * rwlock(9): reader/writer locks on host rwlocks.  LOCKDEBUG (-DD)
 * builds panic on releasing a lock not held, and on a writer
 * re-entering its own lock, naming the lock and both sites.
 */
#ifndef _SYS_RWLOCK_H_
#define _SYS_RWLOCK_H_

#include <sys/types.h>

typedef enum krw_t {
	RW_READER = 0,
	RW_WRITER = 1
} krw_t;

struct krwlock {
	void		*rw_host;	/* the host rwlock (rumpuser) */
	struct lwp	*rw_owner;	/* writer, NULL if none */
	volatile u_int	 rw_readers;	/* number of readers */
	uint32_t	 rw_magic;
	const char	*rw_name;
	const char	*rw_initsite;
	const char	*rw_lastsite;	/* last rw_enter */
	struct lwp	*rw_lastlwp;
};
typedef struct krwlock	krwlock_t;

#define	RW_MAGIC	0x72776c6b	/* "rwlk" */

void	rw_init(krwlock_t *);
void	rw_destroy(krwlock_t *);
void	rw_enter(krwlock_t *, krw_t);
int	rw_tryenter(krwlock_t *, krw_t);
void	rw_exit(krwlock_t *);
void	rw_downgrade(krwlock_t *);
int	rw_tryupgrade(krwlock_t *);
int	rw_read_held(krwlock_t *);
int	rw_write_held(krwlock_t *);
int	rw_lock_held(krwlock_t *);
krw_t	rw_lock_op(krwlock_t *);

void	_rw_init(krwlock_t *, const char *, const char *);
void	_rw_destroy(krwlock_t *, const char *);
void	_rw_enter(krwlock_t *, krw_t, const char *);
int	_rw_tryenter(krwlock_t *, krw_t, const char *);
void	_rw_exit(krwlock_t *, const char *);

#define	__RW_SITE	__FILE__ ":" ___STRING(__LINE__)
#define	rw_init(rw)		_rw_init((rw), #rw, __RW_SITE)
#define	rw_destroy(rw)		_rw_destroy((rw), __RW_SITE)
#define	rw_enter(rw, op)	_rw_enter((rw), (op), __RW_SITE)
#define	rw_tryenter(rw, op)	_rw_tryenter((rw), (op), __RW_SITE)
#define	rw_exit(rw)		_rw_exit((rw), __RW_SITE)

krwlock_t	*rw_obj_alloc(void);
void		 rw_obj_hold(krwlock_t *);
bool		 rw_obj_free(krwlock_t *);

#endif /* !_SYS_RWLOCK_H_ */
