/*
 * debug.selftest: exercises of kernel services that tests read back.
 *
 *	debug.selftest.kthreads	(read) start 4 joinable kernel threads that
 *				each add 1000 to a counter under a mutex,
 *				sleeping with kpause and waking each other
 *				with a condvar; join them and return the
 *				counter plus 1000000 times the number of
 *				threads that ran in proc0 (pid 0).
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kthread.h>
#include <sys/mutex.h>
#include <sys/condvar.h>
#include <sys/proc.h>
#include <sys/lwp.h>
#include <sys/sysctl.h>
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

RUMP_COMPONENT_FULL(RUMP_COMPONENT_POSTINIT, rumpkern_selftest, NULL, 0, NULL)
{
	const struct sysctlnode *cnode = NULL;
	int error;

	error = sysctl_createv(&selftest_log, 0, NULL, &cnode, 0,
	    CTLTYPE_NODE, "selftest", SYSCTL_DESCR("Kernel self tests"),
	    NULL, 0, NULL, 0, CTL_DEBUG, CTL_CREATE, CTL_EOL);
	if (error != 0)
		return error;
	return sysctl_createv(&selftest_log, 0, &cnode, NULL, 0,
	    CTLTYPE_INT, "kthreads", SYSCTL_DESCR("Run kernel threads"),
	    sysctl_selftest_kthreads, 0, NULL, 0, CTL_CREATE, CTL_EOL);
}
