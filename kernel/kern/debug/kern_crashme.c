/*
 * debug.crashme: deliberate kernel failures, for testing how the kernel
 * reports them (as NetBSD's CRASHME option).  Writing a nonzero value to
 * a node triggers it:
 *
 *	debug.crashme.panic		panic("crashme: panic requested")
 *	debug.crashme.null_deref	a load through a NULL pointer
 *	debug.crashme.kassert		KASSERT(false) (DIAGNOSTIC kernels)
 *	debug.crashme.bad_unlock	mutex_exit of a mutex nobody holds
 *	debug.crashme.lock_recurse	mutex_enter of a mutex already held
 *	debug.crashme.spin_sleep	kpause with a spin mutex held
 *	debug.crashme.lock_leak		return from the system call holding a mutex
 *	debug.crashme.fd_leak		open a descriptor and return still holding
 *					it from fd_getfile (no fd_putfile)
 *	debug.crashme.kmem_leak		kmem_alloc 123 bytes and forget them
 *	debug.crashme.kmem_badfree	kmem_free with the wrong size
 *	debug.crashme.kmem_hog		(read) how many 1 MiB KM_NOSLEEP
 *					allocations succeed (at most 64), all
 *					freed again: shows RUMP_MEMLIMIT
 *
 * The LOCKDEBUG cases panic only in -DD kernels; elsewhere they do
 * whatever the broken code does.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kmem.h>
#include <sys/mutex.h>
#include <sys/sysctl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/proc.h>
#include <sys/rump_component.h>

#include <rump/rumpuser.h>

static struct sysctllog *crashme_log;
static kmutex_t crashme_lock;
static kmutex_t crashme_spin;
int *volatile crashme_nullptr;		/* NULL, where the compiler cannot see it */
void *crashme_leaked;

static int __noinline
crashme_null_deref(void)
{

	return *crashme_nullptr;
}

static void
crashme_bad_unlock(void)
{

	mutex_exit(&crashme_lock);
}

static void
crashme_lock_recurse(void)
{

	mutex_enter(&crashme_lock);
	mutex_enter(&crashme_lock);
	mutex_exit(&crashme_lock);
}

static void
crashme_spin_sleep(void)
{

	mutex_enter(&crashme_spin);
	kpause("crashme", false, 1, NULL);
	mutex_exit(&crashme_spin);
}

static void
crashme_lock_leak(void)
{

	mutex_enter(&crashme_lock);
}

static const struct fileops crashme_fileops = {
	.fo_name = "crashme",
};

static int
crashme_fd_leak(void)
{
	file_t *fp;
	int fd, error;

	if ((error = fd_allocfile(&fp, &fd)) != 0)
		return error;
	fp->f_ops = &crashme_fileops;
	fp->f_type = DTYPE_MISC;
	fp->f_flag = FREAD;
	fd_affix(curproc, fp, (unsigned)fd);
	(void)fd_getfile((unsigned)fd);
	return 0;
}

static void
crashme_kmem_leak(void)
{

	crashme_leaked = kmem_alloc(123, KM_SLEEP);
}

static void
crashme_kmem_badfree(void)
{
	void *p = kmem_alloc(64, KM_SLEEP);

	kmem_free(p, 32);
}

enum crashme_what {
	CRASHME_PANIC = 1,
	CRASHME_NULL,
	CRASHME_KASSERT,
	CRASHME_BADUNLOCK,
	CRASHME_RECURSE,
	CRASHME_SPINSLEEP,
	CRASHME_LEAK,
	CRASHME_BADFREE,
	CRASHME_LOCKLEAK,
	CRASHME_FDLEAK,
};

#define	HOG_CHUNK	(1024 * 1024)
#define	HOG_MAX		64

static int
sysctl_crashme_hog(SYSCTLFN_ARGS)
{
	struct sysctlnode node = *rnode;
	void *chunks[HOG_MAX];
	int n, i;

	if (newp != NULL)
		return EPERM;
	for (n = 0; n < HOG_MAX; n++)
		if ((chunks[n] = kmem_alloc(HOG_CHUNK, KM_NOSLEEP)) == NULL)
			break;
	for (i = 0; i < n; i++)
		kmem_free(chunks[i], HOG_CHUNK);
	node.sysctl_data = &n;
	node.sysctl_flags &= ~CTLFLAG_IMMEDIATE;
	return sysctl_lookup(SYSCTLFN_CALL(&node));
}

static int
sysctl_crashme(SYSCTLFN_ARGS)
{
	struct sysctlnode node = *rnode;
	int v = 0, error;

	node.sysctl_data = &v;
	node.sysctl_flags &= ~CTLFLAG_IMMEDIATE;
	error = sysctl_lookup(SYSCTLFN_CALL(&node));
	if (error != 0 || newp == NULL || v == 0)
		return error;
	switch ((enum crashme_what)rnode->sysctl_idata) {
	case CRASHME_PANIC:
		panic("crashme: panic requested");
	case CRASHME_NULL:
		return crashme_null_deref();
	case CRASHME_KASSERT:
		KASSERT(v == 0);
		return EOPNOTSUPP;
	case CRASHME_BADUNLOCK:
		crashme_bad_unlock();
		return 0;
	case CRASHME_RECURSE:
		crashme_lock_recurse();
		return 0;
	case CRASHME_SPINSLEEP:
		crashme_spin_sleep();
		return 0;
	case CRASHME_LEAK:
		crashme_kmem_leak();
		return 0;
	case CRASHME_BADFREE:
		crashme_kmem_badfree();
		return 0;
	case CRASHME_LOCKLEAK:
		crashme_lock_leak();
		return 0;
	case CRASHME_FDLEAK:
		return crashme_fd_leak();
	}
	return EINVAL;
}

static const struct {
	const char	*name;
	enum crashme_what what;
	const char	*desc;
} crashme_nodes[] = {
	{ "panic", CRASHME_PANIC, "panic" },
	{ "null_deref", CRASHME_NULL, "dereference a NULL pointer" },
	{ "kassert", CRASHME_KASSERT, "fail a KASSERT" },
	{ "bad_unlock", CRASHME_BADUNLOCK, "release a mutex nobody holds" },
	{ "lock_recurse", CRASHME_RECURSE, "enter a held mutex again" },
	{ "spin_sleep", CRASHME_SPINSLEEP, "sleep holding a spin mutex" },
	{ "kmem_leak", CRASHME_LEAK, "leak a 123-byte allocation" },
	{ "kmem_badfree", CRASHME_BADFREE, "free with the wrong size" },
	{ "lock_leak", CRASHME_LOCKLEAK, "return holding a mutex" },
	{ "fd_leak", CRASHME_FDLEAK, "return holding a descriptor" },
};

static void
crashme_fini(void)
{

	sysctl_teardown(&crashme_log);
}

RUMP_COMPONENT_FULL(RUMP_COMPONENT_POSTINIT, rumpkern_debug, NULL, 0,
    crashme_fini)
{
	const struct sysctlnode *cnode = NULL;
	char buf[8];
	size_t i;
	int error;

	/* Lets tests see how a failing component init is reported. */
	if (rumpuser_getparam("RUMP_CRASHME_FAILINIT", buf, sizeof(buf)) == 0 &&
	    buf[0] == '1')
		return EINVAL;

	mutex_init(&crashme_lock, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&crashme_spin, MUTEX_SPIN, IPL_VM);
	error = sysctl_createv(&crashme_log, 0, NULL, &cnode, 0,
	    CTLTYPE_NODE, "crashme", SYSCTL_DESCR("Deliberate crashes"),
	    NULL, 0, NULL, 0, CTL_DEBUG, DEBUG_CRASHME, CTL_EOL);
	if (error != 0)
		return error;
	for (i = 0; i < __arraycount(crashme_nodes); i++) {
		error = sysctl_createv(&crashme_log, 0, &cnode, NULL,
		    CTLFLAG_READWRITE | CTLFLAG_IMMEDIATE, CTLTYPE_INT,
		    crashme_nodes[i].name, crashme_nodes[i].desc,
		    sysctl_crashme, crashme_nodes[i].what, NULL, 0,
		    CTL_CREATE, CTL_EOL);
		if (error != 0)
			return error;
	}
	/* Hidden: sysctl -a must not allocate 64 MiB on the way. */
	return sysctl_createv(&crashme_log, 0, &cnode, NULL, CTLFLAG_HIDDEN,
	    CTLTYPE_INT, "kmem_hog", "allocate 1 MiB chunks until the limit",
	    sysctl_crashme_hog, 0, NULL, 0, CTL_CREATE, CTL_EOL);
}

/*
 * An essential component that fails when RUMP_CRASHME_FAILINIT=essential:
 * rump_init() must then refuse to boot, saying why.
 */
RUMP_COMPONENT_FULL(RUMP_COMPONENT_POSTINIT, rumpkern_essential,
    NULL, RUMP_COMPONENT_ESSENTIAL, NULL)
{
	char buf[16];

	if (rumpuser_getparam("RUMP_CRASHME_FAILINIT", buf, sizeof(buf)) == 0 &&
	    strcmp(buf, "essential") == 0)
		return ENODEV;
	return 0;
}
