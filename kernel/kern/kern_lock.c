/*
 * mutex(9), rwlock(9), condvar(9), tsleep/wakeup, kpause and once(9).
 *
 * Locks are host locks; the kernel keeps the owner and, in LOCKDEBUG
 * builds, checks every operation: releasing a lock the caller does not
 * hold, entering a mutex the caller already holds, and sleeping while a
 * spin mutex is held all panic with the lock's name and the two sites
 * involved (this operation, and where the lock was last taken).
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/mutex.h>
#include <sys/rwlock.h>
#include <sys/condvar.h>
#include <sys/proc.h>
#include <sys/lwp.h>
#include <sys/once.h>
#include <sys/kmem.h>
#include <sys/queue.h>

#include <rump/rumpuser.h>

#include "rump_private.h"

#undef mutex_init
#undef mutex_destroy
#undef mutex_enter
#undef mutex_exit
#undef mutex_tryenter
#undef mutex_spin_enter
#undef mutex_spin_exit
#undef rw_init
#undef rw_destroy
#undef rw_enter
#undef rw_tryenter
#undef rw_exit

#define	HOSTMTX(m)	((struct rumpuser_mtx *)(m)->mtx_host)
#define	HOSTRW(rw)	((struct rumpuser_rw *)(rw)->rw_host)
#define	HOSTCV(cv)	((struct rumpuser_cv *)(cv)->cv_host)

/*
 * The owner recorded for a lock taken by a host thread without an lwp
 * (host code calling into the kernel, e.g. the sysproxy server before it
 * binds a process): not an lwp, never dereferenced.
 */
#define	LOCK_HOSTTHREAD	((struct lwp *)-1L)
#define	REAL_LWP(l)	((l) != NULL && (l) != LOCK_HOSTTHREAD)

static inline struct lwp *
lock_owner_self(void)
{
	struct lwp *l = curlwp;

	return l != NULL ? l : LOCK_HOSTTHREAD;
}

#ifdef LOCKDEBUG
static const char *
lwpname(struct lwp *l, char *buf, size_t len)
{

	if (l == NULL)
		return "nobody";
	if (l == LOCK_HOSTTHREAD)
		return "a host thread without an lwp";
	snprintf(buf, len, "lwp %d.%d (%s)", l->l_proc->p_pid, l->l_lid,
	    l->l_name != NULL ? l->l_name : l->l_proc->p_comm);
	return buf;
}
#endif

/*
 * Make sure the host object exists: locks in zeroed memory that were
 * never initialised still work (LOCKDEBUG complains about them).
 */
static struct rumpuser_mtx *
mutex_host(kmutex_t *m, const char *site)
{
	struct rumpuser_mtx *h;
	void *expect = NULL;

	if (__predict_true(m->mtx_host != NULL))
		return HOSTMTX(m);
#ifdef LOCKDEBUG
	panic("LOCKDEBUG: mutex %p used at %s was never initialised", m, site);
#endif
	if (rumpuser_mutex_init(&h, 0) != 0)
		panic("mutex: out of memory at %s", site);
	if (!__atomic_compare_exchange_n(&m->mtx_host, &expect, h, 0,
	    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		rumpuser_mutex_destroy(h);
	return HOSTMTX(m);
}

void
_mutex_init(kmutex_t *m, kmutex_type_t type, int ipl, const char *name,
    const char *site)
{
	struct rumpuser_mtx *h;

	memset(m, 0, sizeof(*m));
	m->mtx_spin = type == MUTEX_SPIN ||
	    ((type == MUTEX_DEFAULT || type == MUTEX_DRIVER) && ipl != IPL_NONE);
	m->mtx_nodebug = type == MUTEX_NODEBUG;
	m->mtx_name = name;
	m->mtx_initsite = site;
	if (rumpuser_mutex_init(&h, m->mtx_spin ? RUMPUSER_MTX_SPIN : 0) != 0)
		panic("mutex_init: out of memory at %s", site);
	m->mtx_host = h;
	m->mtx_magic = MUTEX_MAGIC;
}

void
_mutex_destroy(kmutex_t *m, const char *site)
{
#ifdef LOCKDEBUG
	char b1[64];

	if (m->mtx_owner != NULL && !m->mtx_nodebug)
		panic("LOCKDEBUG: mutex_destroy: mutex \"%s\" (%p) destroyed "
		    "while held: destroyed at %s, acquired at %s by %s",
		    m->mtx_name, m, site, m->mtx_lastsite,
		    lwpname(m->mtx_owner, b1, sizeof(b1)));
#endif
	if (m->mtx_host != NULL)
		rumpuser_mutex_destroy(HOSTMTX(m));
	m->mtx_host = NULL;
	m->mtx_magic = 0;
}

static void
mutex_acquired(kmutex_t *m, struct lwp *l, const char *site)
{

	m->mtx_owner = l;
	m->mtx_lastsite = site;
	m->mtx_lastlwp = l;
	if (REAL_LWP(l)) {
		l->l_nlocks++;
		l->l_lastlock = m;
		l->l_lastlocksite = site;
	}
	if (m->mtx_spin && REAL_LWP(l)) {
		l->l_spinheld++;
		l->l_lastspin = m;
		l->l_lastspinsite = site;
	}
}

void
_mutex_enter(kmutex_t *m, const char *site)
{
	struct lwp *l = lock_owner_self();
	struct rumpuser_mtx *h = mutex_host(m, site);

#ifdef LOCKDEBUG
	char b1[64];

	if (!m->mtx_nodebug && REAL_LWP(l) && m->mtx_owner == l)
		panic("LOCKDEBUG: mutex_enter: locking against myself: mutex "
		    "\"%s\" (%p) entered at %s, already held since %s by %s",
		    m->mtx_name, m, site, m->mtx_lastsite,
		    lwpname(l, b1, sizeof(b1)));
#endif
	rumpuser_mutex_enter(h);
	mutex_acquired(m, l, site);
}

int
_mutex_tryenter(kmutex_t *m, const char *site)
{
	struct lwp *l = lock_owner_self();
	struct rumpuser_mtx *h = mutex_host(m, site);

	if (rumpuser_mutex_tryenter(h) != 0)
		return 0;
	mutex_acquired(m, l, site);
	return 1;
}

void
_mutex_exit(kmutex_t *m, const char *site)
{
#ifdef LOCKDEBUG
	struct lwp *l = lock_owner_self();
	char b1[64], b2[64];

	if (m->mtx_magic != MUTEX_MAGIC)
		panic("LOCKDEBUG: mutex_exit: mutex %p released at %s was "
		    "never initialised", m, site);
	if (!m->mtx_nodebug && m->mtx_owner != l) {
		if (m->mtx_owner == NULL)
			panic("LOCKDEBUG: mutex_exit: mutex \"%s\" (%p) not "
			    "held: released at %s by %s, last acquired at %s, "
			    "initialised at %s",
			    m->mtx_name, m, site, lwpname(l, b1, sizeof(b1)),
			    m->mtx_lastsite != NULL ? m->mtx_lastsite : "(never)",
			    m->mtx_initsite);
		panic("LOCKDEBUG: mutex_exit: mutex \"%s\" (%p) not held by "
		    "the caller: released at %s by %s, acquired at %s by %s",
		    m->mtx_name, m, site, lwpname(l, b1, sizeof(b1)),
		    m->mtx_lastsite, lwpname(m->mtx_owner, b2, sizeof(b2)));
	}
#endif
	if (REAL_LWP(m->mtx_owner) && m->mtx_owner->l_nlocks > 0)
		m->mtx_owner->l_nlocks--;
	if (m->mtx_spin && REAL_LWP(m->mtx_owner) &&
	    m->mtx_owner->l_spinheld > 0)
		m->mtx_owner->l_spinheld--;
	m->mtx_owner = NULL;
	rumpuser_mutex_exit(mutex_host(m, site));
}

void
mutex_init(kmutex_t *m, kmutex_type_t type, int ipl)
{

	_mutex_init(m, type, ipl, "?", "?");
}

void
mutex_destroy(kmutex_t *m)
{

	_mutex_destroy(m, "?");
}

void
mutex_enter(kmutex_t *m)
{

	_mutex_enter(m, "?");
}

void
mutex_exit(kmutex_t *m)
{

	_mutex_exit(m, "?");
}

int
mutex_tryenter(kmutex_t *m)
{

	return _mutex_tryenter(m, "?");
}

void
mutex_spin_enter(kmutex_t *m)
{

	_mutex_enter(m, "?");
}

void
mutex_spin_exit(kmutex_t *m)
{

	_mutex_exit(m, "?");
}

int
mutex_owned(const kmutex_t *m)
{

	return m->mtx_owner != NULL && m->mtx_owner == lock_owner_self();
}

struct lwp *
mutex_owner(const kmutex_t *m)
{

	return REAL_LWP(m->mtx_owner) ? m->mtx_owner : NULL;
}

struct kmutexobj {
	kmutex_t	mo_lock;
	u_int		mo_refcnt;
};

kmutex_t *
mutex_obj_alloc(kmutex_type_t type, int ipl)
{
	struct kmutexobj *mo;

	mo = kmem_alloc_noleak(sizeof(*mo), "mutex_obj_alloc");
	_mutex_init(&mo->mo_lock, type, ipl, "mutex_obj", "mutex_obj_alloc");
	mo->mo_refcnt = 1;
	return &mo->mo_lock;
}

void
mutex_obj_hold(kmutex_t *m)
{
	struct kmutexobj *mo = (struct kmutexobj *)m;

	__atomic_add_fetch(&mo->mo_refcnt, 1, __ATOMIC_SEQ_CST);
}

bool
mutex_obj_free(kmutex_t *m)
{
	struct kmutexobj *mo = (struct kmutexobj *)m;

	if (__atomic_sub_fetch(&mo->mo_refcnt, 1, __ATOMIC_SEQ_CST) > 0)
		return false;
	_mutex_destroy(&mo->mo_lock, "mutex_obj_free");
	kmem_free_noleak(mo, sizeof(*mo));
	return true;
}

/*
 * Sleeping with a spin mutex held (other than the interlock being
 * dropped for the sleep) is a bug: LOCKDEBUG panics naming the mutex.
 */
void
lockdebug_sleepcheck(const char *what, const void *interlock, const void *ra)
{
#ifdef LOCKDEBUG
	struct lwp *l = curlwp;
	const kmutex_t *il = interlock;
	char site[256];
	u_int held;

	if (l == NULL)
		return;
	held = l->l_spinheld;
	if (il != NULL && il->mtx_spin && il->mtx_owner == l && held > 0)
		held--;
	if (held > 0)
		rumpuser_symbolize((uintptr_t)ra - 1, site, sizeof(site));
	if (held > 0 && l->l_lastspin != NULL && l->l_lastspin != il)
		panic("LOCKDEBUG: %s: sleeping with spin mutex \"%s\" (%p) "
		    "held: sleep in %s, mutex acquired at %s",
		    what, l->l_lastspin->mtx_name, l->l_lastspin, site,
		    l->l_lastspinsite);
	if (held > 0)
		panic("LOCKDEBUG: %s: sleeping with %u spin mutex%s held, in %s",
		    what, held, held == 1 ? "" : "es", site);
#else
	(void)what;
	(void)interlock;
	(void)ra;
#endif
}

/*
 * Leaving the kernel (a system call returning, a kernel thread exiting)
 * with a mutex held is a bug: LOCKDEBUG panics naming the last one taken.
 */
void
lockdebug_returncheck(struct lwp *l, const char *what)
{
#ifdef LOCKDEBUG
	if (l != NULL && l->l_nlocks > 0 && l->l_lastlock != NULL)
		panic("LOCKDEBUG: %s with %u mutex%s held: last \"%s\" (%p) "
		    "acquired at %s", what, l->l_nlocks,
		    l->l_nlocks == 1 ? "" : "es", l->l_lastlock->mtx_name,
		    l->l_lastlock, l->l_lastlocksite);
#else
	(void)l;
	(void)what;
#endif
}

/*
 * Reader/writer locks.
 */
static struct rumpuser_rw *
rw_host(krwlock_t *rw, const char *site)
{
	struct rumpuser_rw *h;
	void *expect = NULL;

	if (__predict_true(rw->rw_host != NULL))
		return HOSTRW(rw);
#ifdef LOCKDEBUG
	panic("LOCKDEBUG: rwlock %p used at %s was never initialised", rw, site);
#endif
	if (rumpuser_rw_init(&h) != 0)
		panic("rwlock: out of memory at %s", site);
	if (!__atomic_compare_exchange_n(&rw->rw_host, &expect, h, 0,
	    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		rumpuser_rw_destroy(h);
	return HOSTRW(rw);
}

void
_rw_init(krwlock_t *rw, const char *name, const char *site)
{
	struct rumpuser_rw *h;

	memset(rw, 0, sizeof(*rw));
	rw->rw_name = name;
	rw->rw_initsite = site;
	if (rumpuser_rw_init(&h) != 0)
		panic("rw_init: out of memory at %s", site);
	rw->rw_host = h;
	rw->rw_magic = RW_MAGIC;
}

void
_rw_destroy(krwlock_t *rw, const char *site)
{
#ifdef LOCKDEBUG
	if (rw->rw_owner != NULL || rw->rw_readers != 0)
		panic("LOCKDEBUG: rw_destroy: rwlock \"%s\" (%p) destroyed "
		    "while held: destroyed at %s, acquired at %s",
		    rw->rw_name, rw, site, rw->rw_lastsite);
#endif
	if (rw->rw_host != NULL)
		rumpuser_rw_destroy(HOSTRW(rw));
	rw->rw_host = NULL;
	rw->rw_magic = 0;
}

void
_rw_enter(krwlock_t *rw, krw_t op, const char *site)
{
	struct lwp *l = lock_owner_self();
	struct rumpuser_rw *h = rw_host(rw, site);

#ifdef LOCKDEBUG
	if (REAL_LWP(l) && rw->rw_owner == l)
		panic("LOCKDEBUG: rw_enter: locking against myself: rwlock "
		    "\"%s\" (%p) entered as %s at %s, write-held since %s",
		    rw->rw_name, rw, op == RW_WRITER ? "writer" : "reader",
		    site, rw->rw_lastsite);
#endif
	rumpuser_rw_enter(op == RW_WRITER ? RUMPUSER_RW_WRITER :
	    RUMPUSER_RW_READER, h);
	if (op == RW_WRITER)
		rw->rw_owner = l;
	else
		__atomic_add_fetch(&rw->rw_readers, 1, __ATOMIC_SEQ_CST);
	rw->rw_lastsite = site;
	rw->rw_lastlwp = l;
}

int
_rw_tryenter(krwlock_t *rw, krw_t op, const char *site)
{
	struct lwp *l = lock_owner_self();
	struct rumpuser_rw *h = rw_host(rw, site);

	if (rumpuser_rw_tryenter(op == RW_WRITER ? RUMPUSER_RW_WRITER :
	    RUMPUSER_RW_READER, h) != 0)
		return 0;
	if (op == RW_WRITER)
		rw->rw_owner = l;
	else
		__atomic_add_fetch(&rw->rw_readers, 1, __ATOMIC_SEQ_CST);
	rw->rw_lastsite = site;
	rw->rw_lastlwp = l;
	return 1;
}

void
_rw_exit(krwlock_t *rw, const char *site)
{
	struct lwp *l = lock_owner_self();

	if (rw->rw_owner != NULL && rw->rw_owner == l) {
		rw->rw_owner = NULL;
	} else if (rw->rw_readers > 0) {
		__atomic_sub_fetch(&rw->rw_readers, 1, __ATOMIC_SEQ_CST);
	} else {
#ifdef LOCKDEBUG
		char b1[64];

		panic("LOCKDEBUG: rw_exit: rwlock \"%s\" (%p) not held: "
		    "released at %s by %s, last acquired at %s",
		    rw->rw_name, rw, site, lwpname(l, b1, sizeof(b1)),
		    rw->rw_lastsite != NULL ? rw->rw_lastsite : "(never)");
#endif
		rw->rw_owner = NULL;
	}
	rumpuser_rw_exit(rw_host(rw, site));
}

void
rw_init(krwlock_t *rw)
{

	_rw_init(rw, "?", "?");
}

void
rw_destroy(krwlock_t *rw)
{

	_rw_destroy(rw, "?");
}

void
rw_enter(krwlock_t *rw, krw_t op)
{

	_rw_enter(rw, op, "?");
}

int
rw_tryenter(krwlock_t *rw, krw_t op)
{

	return _rw_tryenter(rw, op, "?");
}

void
rw_exit(krwlock_t *rw)
{

	_rw_exit(rw, "?");
}

void
rw_downgrade(krwlock_t *rw)
{

	KASSERT(rw->rw_owner == lock_owner_self());
	rw->rw_owner = NULL;
	__atomic_add_fetch(&rw->rw_readers, 1, __ATOMIC_SEQ_CST);
	rumpuser_rw_downgrade(rw_host(rw, "rw_downgrade"));
}

int
rw_tryupgrade(krwlock_t *rw)
{

	if (rumpuser_rw_tryupgrade(rw_host(rw, "rw_tryupgrade")) != 0)
		return 0;
	__atomic_sub_fetch(&rw->rw_readers, 1, __ATOMIC_SEQ_CST);
	rw->rw_owner = lock_owner_self();
	return 1;
}

int
rw_write_held(krwlock_t *rw)
{

	return rw->rw_owner != NULL && rw->rw_owner == lock_owner_self();
}

int
rw_read_held(krwlock_t *rw)
{

	return rw->rw_readers > 0;
}

int
rw_lock_held(krwlock_t *rw)
{

	return rw_write_held(rw) || rw_read_held(rw);
}

krw_t
rw_lock_op(krwlock_t *rw)
{

	return rw->rw_owner != NULL ? RW_WRITER : RW_READER;
}

struct krwlockobj {
	krwlock_t	ro_lock;
	u_int		ro_refcnt;
};

krwlock_t *
rw_obj_alloc(void)
{
	struct krwlockobj *ro;

	ro = kmem_alloc_noleak(sizeof(*ro), "rw_obj_alloc");
	_rw_init(&ro->ro_lock, "rw_obj", "rw_obj_alloc");
	ro->ro_refcnt = 1;
	return &ro->ro_lock;
}

void
rw_obj_hold(krwlock_t *rw)
{
	struct krwlockobj *ro = (struct krwlockobj *)rw;

	__atomic_add_fetch(&ro->ro_refcnt, 1, __ATOMIC_SEQ_CST);
}

bool
rw_obj_free(krwlock_t *rw)
{
	struct krwlockobj *ro = (struct krwlockobj *)rw;

	if (__atomic_sub_fetch(&ro->ro_refcnt, 1, __ATOMIC_SEQ_CST) > 0)
		return false;
	_rw_destroy(&ro->ro_lock, "rw_obj_free");
	kmem_free_noleak(ro, sizeof(*ro));
	return true;
}

/*
 * Condition variables.
 */
static struct rumpuser_cv *
cv_host(kcondvar_t *cv)
{
	struct rumpuser_cv *h;
	void *expect = NULL;

	if (__predict_true(cv->cv_host != NULL))
		return HOSTCV(cv);
	if (rumpuser_cv_init(&h) != 0)
		panic("condvar: out of memory");
	if (!__atomic_compare_exchange_n(&cv->cv_host, &expect, h, 0,
	    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		rumpuser_cv_destroy(h);
	return HOSTCV(cv);
}

void
cv_init(kcondvar_t *cv, const char *wmesg)
{
	struct rumpuser_cv *h;

	memset(cv, 0, sizeof(*cv));
	cv->cv_wmesg = wmesg;
	if (rumpuser_cv_init(&h) != 0)
		panic("cv_init: out of memory");
	cv->cv_host = h;
}

void
cv_destroy(kcondvar_t *cv)
{

	KASSERTMSG(cv->cv_waiters == 0, "cv_destroy: \"%s\" has waiters",
	    cv->cv_wmesg);
	if (cv->cv_host != NULL)
		rumpuser_cv_destroy(HOSTCV(cv));
	cv->cv_host = NULL;
}

/*
 * Wait on cv with mtx held; ticks 0 means no timeout.  The owner
 * bookkeeping of mtx is given up for the sleep and taken back after.
 */
static int
cv_dowait(kcondvar_t *cv, kmutex_t *mtx, int ticks, const void *ra)
{
	struct lwp *self = lock_owner_self();
	struct lwp *l = REAL_LWP(self) ? self : NULL;
	struct rumpuser_cv *h = cv_host(cv);
	int error = 0;

	lockdebug_sleepcheck("cv_wait", mtx, ra);
	KASSERTMSG(mtx->mtx_owner == self, "cv_wait: \"%s\": interlock \"%s\" "
	    "not held", cv->cv_wmesg, mtx->mtx_name);
	if (mtx->mtx_spin && l != NULL && l->l_spinheld > 0)
		l->l_spinheld--;
	if (l != NULL && l->l_nlocks > 0)
		l->l_nlocks--;
	mtx->mtx_owner = NULL;
	if (l != NULL) {
		l->l_stat = LSSLEEP;
		l->l_wmesg = cv->cv_wmesg;
	}
	cv->cv_waiters++;
	if (ticks <= 0) {
		rumpuser_cv_wait(h, HOSTMTX(mtx));
	} else {
		int64_t ns = (int64_t)ticks * (1000000000L / hz);

		if (rumpuser_cv_timedwait(h, HOSTMTX(mtx), ns / 1000000000L,
		    ns % 1000000000L) != 0)
			error = EWOULDBLOCK;
	}
	cv->cv_waiters--;
	if (l != NULL) {
		l->l_stat = LSRUN;
		l->l_wmesg = NULL;
	}
	mtx->mtx_owner = self;
	if (l != NULL)
		l->l_nlocks++;
	if (mtx->mtx_spin && l != NULL)
		l->l_spinheld++;
	return error;
}

void
cv_wait(kcondvar_t *cv, kmutex_t *mtx)
{

	(void)cv_dowait(cv, mtx, 0, __return_address());
}

int
cv_wait_sig(kcondvar_t *cv, kmutex_t *mtx)
{

	return cv_dowait(cv, mtx, 0, __return_address());
}

int
cv_timedwait(kcondvar_t *cv, kmutex_t *mtx, int ticks)
{

	return cv_dowait(cv, mtx, ticks, __return_address());
}

int
cv_timedwait_sig(kcondvar_t *cv, kmutex_t *mtx, int ticks)
{

	return cv_dowait(cv, mtx, ticks, __return_address());
}

void
cv_signal(kcondvar_t *cv)
{

	rumpuser_cv_signal(cv_host(cv));
}

void
cv_broadcast(kcondvar_t *cv)
{

	rumpuser_cv_broadcast(cv_host(cv));
}

bool
cv_has_waiters(kcondvar_t *cv)
{

	return cv->cv_waiters > 0;
}

bool
cv_is_valid(kcondvar_t *cv)
{

	return cv->cv_host != NULL;
}

/*
 * tsleep/wakeup: sleepers on wait channels, one queue for all.
 */
struct sleeper {
	TAILQ_ENTRY(sleeper)	s_entries;
	const volatile void	*s_chan;
	bool			 s_woken;
};

static kmutex_t		sleepq_lock;
static kcondvar_t	sleepq_cv;
static TAILQ_HEAD(, sleeper) sleepq = TAILQ_HEAD_INITIALIZER(sleepq);

void
sleepq_init(void)
{

	mutex_init(&sleepq_lock, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&sleepq_cv, "tsleep");
}

int
mtsleep(const volatile void *chan, int pri, const char *wmesg, int timo,
    kmutex_t *mtx)
{
	struct lwp *l = curlwp;
	struct sleeper s;
	int error = 0;

	lockdebug_sleepcheck("tsleep", mtx, __return_address());
	s.s_chan = chan;
	s.s_woken = false;
	_mutex_enter(&sleepq_lock, "mtsleep");
	if (mtx != NULL)
		_mutex_exit(mtx, "mtsleep");
	TAILQ_INSERT_TAIL(&sleepq, &s, s_entries);
	if (l != NULL) {
		l->l_wchan = chan;
		l->l_wmesg = wmesg;
	}
	while (!s.s_woken && error == 0) {
		if (cv_dowait(&sleepq_cv, &sleepq_lock, timo, NULL) != 0)
			error = EWOULDBLOCK;
	}
	if (s.s_woken)
		error = 0;
	TAILQ_REMOVE(&sleepq, &s, s_entries);
	if (l != NULL) {
		l->l_wchan = NULL;
		l->l_wmesg = NULL;
	}
	_mutex_exit(&sleepq_lock, "mtsleep");
	if (mtx != NULL && (pri & PNORELOCK) == 0)
		_mutex_enter(mtx, "mtsleep");
	return error;
}

int
tsleep(const volatile void *chan, int pri, const char *wmesg, int timo)
{

	return mtsleep(chan, pri, wmesg, timo, NULL);
}

static void
dowakeup(const volatile void *chan, bool one)
{
	struct sleeper *s;

	_mutex_enter(&sleepq_lock, "wakeup");
	TAILQ_FOREACH(s, &sleepq, s_entries) {
		if (s->s_chan == chan && !s->s_woken) {
			s->s_woken = true;
			if (one)
				break;
		}
	}
	cv_broadcast(&sleepq_cv);
	_mutex_exit(&sleepq_lock, "wakeup");
}

void
wakeup(const volatile void *chan)
{

	dowakeup(chan, false);
}

void
wakeup_one(const volatile void *chan)
{

	dowakeup(chan, true);
}

/*
 * Sleep timo ticks (0: just yield), dropping mtx meanwhile.  Returns
 * EWOULDBLOCK, as the timeout always expires.
 */
int
kpause(const char *wmesg, bool intr, int timo, kmutex_t *mtx)
{
	struct lwp *l = curlwp;
	int64_t ns;

	lockdebug_sleepcheck("kpause", mtx, __return_address());
	if (mtx != NULL)
		_mutex_exit(mtx, "kpause");
	if (l != NULL) {
		l->l_stat = LSSLEEP;
		l->l_wmesg = wmesg;
	}
	ns = (int64_t)timo * (1000000000L / hz);
	rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, ns / 1000000000L,
	    ns % 1000000000L);
	if (l != NULL) {
		l->l_stat = LSRUN;
		l->l_wmesg = NULL;
	}
	if (mtx != NULL)
		_mutex_enter(mtx, "kpause");
	return EWOULDBLOCK;
}

void
yield(void)
{

	rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, 0);
}

void
preempt(void)
{

	yield();
}

void
delay(unsigned int us)
{

	rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, us / 1000000,
	    (long)(us % 1000000) * 1000);
}

/*
 * once(9).
 */
static kmutex_t once_lock;
static kcondvar_t once_cv;
static volatile int once_ready;

int
_init_once(once_t *o, int (*fn)(void))
{
	int error;

	if (!once_ready) {
		/* Before boot only one thread runs: no locking needed. */
		if (o->o_status != 2) {
			o->o_error = fn();
			o->o_status = 2;
		}
		return o->o_error;
	}
	mutex_enter(&once_lock);
	while (o->o_status == 1)
		cv_wait(&once_cv, &once_lock);
	if (o->o_status == 2) {
		mutex_exit(&once_lock);
		return o->o_error;
	}
	o->o_status = 1;
	mutex_exit(&once_lock);
	error = fn();
	mutex_enter(&once_lock);
	o->o_error = error;
	o->o_status = 2;
	cv_broadcast(&once_cv);
	mutex_exit(&once_lock);
	return error;
}

void
once_init(void)
{

	mutex_init(&once_lock, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&once_cv, "runonce");
	once_ready = 1;
}
