/*
 * debug.selftest: exercises of kernel services that tests read back.
 *
 *	debug.selftest.kthreads	(read) start 4 joinable kernel threads that
 *				each add 1000 to a counter under a mutex,
 *				sleeping with kpause and waking each other
 *				with a condvar; join them and return the
 *				counter plus 1000000 times the number of
 *				threads that ran in proc0 (pid 0).
 *	debug.selftest.sync	(read) sleep and synchronisation checks; the
 *				value has one bit per check that passed
 *				(SELFTEST_SYNC_ALL when all did).
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kthread.h>
#include <sys/mutex.h>
#include <sys/condvar.h>
#include <sys/proc.h>
#include <sys/lwp.h>
#include <sys/sysctl.h>
#include <sys/rwlock.h>
#include <sys/once.h>
#include <sys/rump_component.h>

#define	NTHREADS	4
#define	NADD		1000

struct selftest {
	kmutex_t	st_lock;
	kcondvar_t	st_cv;
	int		st_counter;
	int		st_started;
	int		st_inproc0;
};

static struct sysctllog *selftest_log;

static void
selftest_thread(void *arg)
{
	struct selftest *st = arg;
	int i;

	mutex_enter(&st->st_lock);
	if (curproc->p_pid == 0 && (curlwp->l_flag & LW_SYSTEM) != 0)
		st->st_inproc0++;
	/* Wait until every thread runs: they must overlap. */
	st->st_started++;
	cv_broadcast(&st->st_cv);
	while (st->st_started < NTHREADS)
		cv_wait(&st->st_cv, &st->st_lock);
	mutex_exit(&st->st_lock);
	for (i = 0; i < NADD; i++) {
		mutex_enter(&st->st_lock);
		st->st_counter++;
		mutex_exit(&st->st_lock);
		if (i % 250 == 0)
			kpause("selftst", false, 1, NULL);
	}
	kthread_exit(0);
}

static int
sysctl_selftest_kthreads(SYSCTLFN_ARGS)
{
	struct sysctlnode node = *rnode;
	struct lwp *lwps[NTHREADS];
	struct selftest st;
	int i, error, v;

	if (newp != NULL)
		return EPERM;
	memset(&st, 0, sizeof(st));
	mutex_init(&st.st_lock, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&st.st_cv, "selftest");
	for (i = 0; i < NTHREADS; i++) {
		error = kthread_create(PRI_NONE, KTHREAD_MPSAFE |
		    KTHREAD_MUSTJOIN, NULL, selftest_thread, &st, &lwps[i],
		    "selftest%d", i);
		if (error != 0)
			panic("selftest: kthread_create: %d", error);
	}
	for (i = 0; i < NTHREADS; i++)
		(void)kthread_join(lwps[i]);
	v = st.st_counter + 1000000 * st.st_inproc0;
	cv_destroy(&st.st_cv);
	mutex_destroy(&st.st_lock);
	node.sysctl_data = &v;
	return sysctl_lookup(SYSCTLFN_CALL(&node));
}

/*
 * Sleep and synchronisation checks.
 */
#define	SYNC_CVTIMEOUT	0x01	/* cv_timedwait times out with EWOULDBLOCK */
#define	SYNC_TSLEEPTMO	0x02	/* tsleep times out with EWOULDBLOCK */
#define	SYNC_WAKEUP	0x04	/* wakeup() from a kthread ends a tsleep */
#define	SYNC_READERS	0x08	/* two readers hold an rwlock at once */
#define	SYNC_WRITER	0x10	/* a writer excludes readers */
#define	SYNC_ONCE	0x20	/* RUN_ONCE runs its function once */
#define	SYNC_CVSIGNAL	0x40	/* cv_signal ends a cv_timedwait early */
#define	SELFTEST_SYNC_ALL	0x7f

struct synctest {
	kmutex_t	sy_lock;
	kcondvar_t	sy_cv;
	krwlock_t	sy_rw;
	int		sy_readers;
	int		sy_maxreaders;
	int		sy_flag;
};

static int once_count;
static ONCE_DECL(selftest_once)

static int
selftest_oncefn(void)
{

	once_count++;
	return 0;
}

static void
sync_waker(void *arg)
{
	struct synctest *sy = arg;

	kpause("waker", false, 2, NULL);
	mutex_enter(&sy->sy_lock);
	sy->sy_flag = 1;
	mutex_exit(&sy->sy_lock);
	wakeup(&sy->sy_flag);
	kthread_exit(0);
}

static void
sync_signaller(void *arg)
{
	struct synctest *sy = arg;

	kpause("signal", false, 2, NULL);
	mutex_enter(&sy->sy_lock);
	sy->sy_flag = 2;
	cv_signal(&sy->sy_cv);
	mutex_exit(&sy->sy_lock);
	kthread_exit(0);
}

static void
sync_reader(void *arg)
{
	struct synctest *sy = arg;
	int i;

	rw_enter(&sy->sy_rw, RW_READER);
	mutex_enter(&sy->sy_lock);
	sy->sy_readers++;
	if (sy->sy_readers > sy->sy_maxreaders)
		sy->sy_maxreaders = sy->sy_readers;
	cv_broadcast(&sy->sy_cv);
	/* Wait (bounded) for the other reader to be inside too. */
	for (i = 0; i < 1000 && sy->sy_maxreaders < 2; i++)
		(void)cv_timedwait(&sy->sy_cv, &sy->sy_lock, 1);
	sy->sy_readers--;
	mutex_exit(&sy->sy_lock);
	rw_exit(&sy->sy_rw);
	kthread_exit(0);
}

static int
sync_checks(void)
{
	struct synctest sy;
	struct lwp *l1, *l2;
	int ok = 0, error;

	memset(&sy, 0, sizeof(sy));
	mutex_init(&sy.sy_lock, MUTEX_DEFAULT, IPL_NONE);
	cv_init(&sy.sy_cv, "synctest");
	rw_init(&sy.sy_rw);

	mutex_enter(&sy.sy_lock);
	if (cv_timedwait(&sy.sy_cv, &sy.sy_lock, 2) == EWOULDBLOCK)
		ok |= SYNC_CVTIMEOUT;
	mutex_exit(&sy.sy_lock);

	if (tsleep(&sy, PZERO, "tsltest", 2) == EWOULDBLOCK)
		ok |= SYNC_TSLEEPTMO;

	if (kthread_create(PRI_NONE, KTHREAD_MUSTJOIN, NULL, sync_waker, &sy,
	    &l1, "waker") == 0) {
		mutex_enter(&sy.sy_lock);
		error = 0;
		while (sy.sy_flag != 1 && error == 0)
			error = mtsleep(&sy.sy_flag, PZERO, "wakeme", 10 * hz,
			    &sy.sy_lock);
		if (sy.sy_flag == 1 && error == 0)
			ok |= SYNC_WAKEUP;
		mutex_exit(&sy.sy_lock);
		(void)kthread_join(l1);
	}

	sy.sy_flag = 0;
	if (kthread_create(PRI_NONE, KTHREAD_MUSTJOIN, NULL, sync_signaller,
	    &sy, &l1, "signaller") == 0) {
		mutex_enter(&sy.sy_lock);
		error = 0;
		while (sy.sy_flag != 2 && error == 0)
			error = cv_timedwait(&sy.sy_cv, &sy.sy_lock, 10 * hz);
		if (sy.sy_flag == 2 && error == 0)
			ok |= SYNC_CVSIGNAL;
		mutex_exit(&sy.sy_lock);
		(void)kthread_join(l1);
	}

	if (kthread_create(PRI_NONE, KTHREAD_MUSTJOIN, NULL, sync_reader, &sy,
	    &l1, "reader1") == 0 &&
	    kthread_create(PRI_NONE, KTHREAD_MUSTJOIN, NULL, sync_reader, &sy,
	    &l2, "reader2") == 0) {
		(void)kthread_join(l1);
		(void)kthread_join(l2);
		if (sy.sy_maxreaders == 2)
			ok |= SYNC_READERS;
	}

	rw_enter(&sy.sy_rw, RW_WRITER);
	if (rw_write_held(&sy.sy_rw) && !rw_tryenter(&sy.sy_rw, RW_READER))
		ok |= SYNC_WRITER;
	rw_exit(&sy.sy_rw);

	(void)RUN_ONCE(&selftest_once, selftest_oncefn);
	(void)RUN_ONCE(&selftest_once, selftest_oncefn);
	if (once_count == 1)
		ok |= SYNC_ONCE;

	rw_destroy(&sy.sy_rw);
	cv_destroy(&sy.sy_cv);
	mutex_destroy(&sy.sy_lock);
	return ok;
}

static int
sysctl_selftest_sync(SYSCTLFN_ARGS)
{
	struct sysctlnode node = *rnode;
	int v;

	if (newp != NULL)
		return EPERM;
	v = sync_checks();
	node.sysctl_data = &v;
	return sysctl_lookup(SYSCTLFN_CALL(&node));
}

RUMP_COMPONENT_FULL(RUMP_COMPONENT_POSTINIT, rumpkern_selftest, NULL, 0, NULL)
{
	const struct sysctlnode *cnode = NULL;
	int error;

	error = sysctl_createv(&selftest_log, 0, NULL, &cnode, 0,
	    CTLTYPE_NODE, "selftest", SYSCTL_DESCR("Kernel self tests"),
	    NULL, 0, NULL, 0, CTL_DEBUG, CTL_CREATE, CTL_EOL);
	if (error != 0)
		return error;
	error = sysctl_createv(&selftest_log, 0, &cnode, NULL, 0,
	    CTLTYPE_INT, "kthreads", SYSCTL_DESCR("Run kernel threads"),
	    sysctl_selftest_kthreads, 0, NULL, 0, CTL_CREATE, CTL_EOL);
	if (error != 0)
		return error;
	return sysctl_createv(&selftest_log, 0, &cnode, NULL, 0,
	    CTLTYPE_INT, "sync", SYSCTL_DESCR("Sleep and lock checks"),
	    sysctl_selftest_sync, 0, NULL, 0, CTL_CREATE, CTL_EOL);
}
