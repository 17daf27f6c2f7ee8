/*
 * mutex(9): kernel mutexes on host mutexes.
 *
 * A MUTEX_DEFAULT mutex at IPL_NONE is adaptive (may be held while
 * sleeping); above IPL_NONE, or MUTEX_SPIN, it is a spin mutex (must not
 * be held while sleeping).  In LOCKDEBUG (-DD) builds, releasing a mutex
 * the caller does not hold, entering one it already holds, and sleeping
 * with a spin mutex held panic with the mutex's name and both sites.
 * The macros record the call site; functions of the same names exist.
 */
#ifndef _SYS_MUTEX_H_
#define _SYS_MUTEX_H_

#include <sys/types.h>
#include <sys/intr.h>

typedef enum kmutex_type_t {
	MUTEX_SPIN = 0,		/* spin mutex */
	MUTEX_ADAPTIVE = 1,	/* adaptive mutex */
	MUTEX_DEFAULT = 2,	/* kernel default: spin above IPL_NONE */
	MUTEX_DRIVER = 3,	/* driver default */
	MUTEX_NODEBUG = 4	/* no LOCKDEBUG checks */
} kmutex_type_t;

struct kmutex {
	void		*mtx_host;	/* the host mutex (rumpuser) */
	struct lwp	*mtx_owner;	/* holder, NULL if free */
	uint32_t	 mtx_magic;	/* MUTEX_MAGIC while initialised */
	uint16_t	 mtx_spin;	/* a spin mutex */
	uint16_t	 mtx_nodebug;	/* no LOCKDEBUG checks */
	const char	*mtx_name;	/* expression it was initialised with */
	const char	*mtx_initsite;	/* file:line of mutex_init */
	const char	*mtx_lastsite;	/* file:line of the last mutex_enter */
	struct lwp	*mtx_lastlwp;	/* who did that */
};
typedef struct kmutex	kmutex_t;

#define	MUTEX_MAGIC	0x6d757478	/* "mutx" */
#define	__MTX_SITE	__FILE__ ":" ___STRING(__LINE__)

void	mutex_init(kmutex_t *, kmutex_type_t, int);
void	mutex_destroy(kmutex_t *);
void	mutex_enter(kmutex_t *);
void	mutex_exit(kmutex_t *);
int	mutex_tryenter(kmutex_t *);
void	mutex_spin_enter(kmutex_t *);
void	mutex_spin_exit(kmutex_t *);
int	mutex_owned(const kmutex_t *);	/* held by the current lwp */
struct lwp	*mutex_owner(const kmutex_t *);

void	_mutex_init(kmutex_t *, kmutex_type_t, int, const char *, const char *);
void	_mutex_destroy(kmutex_t *, const char *);
void	_mutex_enter(kmutex_t *, const char *);
void	_mutex_exit(kmutex_t *, const char *);
int	_mutex_tryenter(kmutex_t *, const char *);

#define	mutex_init(m, t, i)	_mutex_init((m), (t), (i), #m, __MTX_SITE)
#define	mutex_destroy(m)	_mutex_destroy((m), __MTX_SITE)
#define	mutex_enter(m)		_mutex_enter((m), __MTX_SITE)
#define	mutex_exit(m)		_mutex_exit((m), __MTX_SITE)
#define	mutex_tryenter(m)	_mutex_tryenter((m), __MTX_SITE)
#define	mutex_spin_enter(m)	_mutex_enter((m), __MTX_SITE)
#define	mutex_spin_exit(m)	_mutex_exit((m), __MTX_SITE)

/* Reference-counted, separately allocated mutexes (vnode interlocks). */
kmutex_t	*mutex_obj_alloc(kmutex_type_t, int);
void		 mutex_obj_hold(kmutex_t *);
bool		 mutex_obj_free(kmutex_t *);

#endif /* !_SYS_MUTEX_H_ */
