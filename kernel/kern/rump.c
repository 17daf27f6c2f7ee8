/*
 * Boot and halt of a rump kernel, component registration, the upcalls
 * host code uses (rumpuser_hyperup), and the fatal-trap report.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/lwp.h>
#include <sys/kmem.h>
#include <sys/cpu.h>
#include <sys/reboot.h>
#include <sys/sysctl.h>
#include <sys/rump_component.h>

#include <rump/rump.h>
#include <rump/rumpuser.h>

#include "rump_private.h"

int	rump_verbose;
int	rump_booted;
int	rump_threads = 1;
int	cold = 1;

static struct lwp *rump_booting_lwp;	/* the thread inside rump_init() */
static volatile int rump_halting;
struct cpu_info *cpu_infos;
static void	 once_init_all(void);

/*
 * Components.
 */
#define	RC_REGISTERED	0
#define	RC_READY	1	/* initialised */
#define	RC_FAILED	2

static struct rump_component *comp_list;	/* newest first */
static struct rump_component **comp_initorder;	/* in init order */
static u_int comp_ninit, comp_initcap;
static volatile int comp_lock;

static void
comp_enter(void)
{

	while (__atomic_test_and_set(&comp_lock, __ATOMIC_ACQUIRE))
		continue;
}

static void
comp_exit(void)
{

	__atomic_clear(&comp_lock, __ATOMIC_RELEASE);
}

static struct rump_component *
comp_find(const char *name, size_t len)
{
	struct rump_component *rc;

	for (rc = comp_list; rc != NULL; rc = rc->rc_next)
		if (strncmp(rc->rc_name, name, len) == 0 &&
		    rc->rc_name[len] == '\0')
			return rc;
	return NULL;
}

/*
 * Are the components rc requires initialised?  1: yes; 0: not yet;
 * -1: one is missing or failed (its name in *why).
 */
static int
comp_ready(struct rump_component *rc, const char **why, size_t *whylen,
    int *whystate)
{
	const char *p = rc->rc_requires, *e;
	struct rump_component *dep;
	int rv = 1;

	if (p == NULL)
		return 1;
	while (*p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		for (e = p; *e != '\0' && *e != ' ' && *e != ','; e++)
			continue;
		if (e == p)
			break;
		dep = comp_find(p, (size_t)(e - p));
		if (dep == NULL || dep->rc_state == RC_FAILED) {
			*why = p;
			*whylen = (size_t)(e - p);
			*whystate = dep == NULL ? -1 : RC_FAILED;
			return -1;
		}
		if (dep->rc_state != RC_READY)
			rv = 0;
		p = e;
	}
	return rv;
}

static void
comp_recordinit(struct rump_component *rc)
{
	struct rump_component **n;
	u_int ncap;

	if (comp_ninit == comp_initcap) {
		ncap = comp_initcap == 0 ? 16 : comp_initcap * 2;
		n = kmem_alloc_noleak(ncap * sizeof(*n), "components");
		if (comp_ninit > 0)
			memcpy(n, comp_initorder, comp_ninit * sizeof(*n));
		if (comp_initcap > 0)
			kmem_free_noleak(comp_initorder,
			    comp_initcap * sizeof(*n));
		comp_initorder = n;
		comp_initcap = ncap;
	}
	comp_initorder[comp_ninit++] = rc;
}

/* Run one component's init; report a failure by name. */
static int
comp_runinit(struct rump_component *rc)
{
	struct lwp *l = curlwp;
	int error;

	if (l != NULL)
		l->l_nesting++;
	error = rc->rc_init != NULL ? rc->rc_init() : 0;
	if (l != NULL)
		l->l_nesting--;
	if (error != 0) {
		rc->rc_state = RC_FAILED;
		aprint_error("component %s: init failed: %s (error %d)%s\n",
		    rc->rc_name, strerror(error), error,
		    (rc->rc_flags & RUMP_COMPONENT_ESSENTIAL) ? "" :
		    "; continuing without it");
		return error;
	}
	rc->rc_state = RC_READY;
	comp_recordinit(rc);
	aprint_verbose("component %s: initialised\n", rc->rc_name);
	return 0;
}

static void
comp_fail_dep(struct rump_component *rc, const char *why, size_t whylen,
    int whystate)
{

	rc->rc_state = RC_FAILED;
	aprint_error("component %s: init failed: requires %.*s, which %s%s\n",
	    rc->rc_name, (int)whylen, why,
	    whystate == RC_FAILED ? "failed" : "is not loaded",
	    (rc->rc_flags & RUMP_COMPONENT_ESSENTIAL) ? "" :
	    "; continuing without it");
}

/*
 * Initialise every registered component: repeatedly the ready one with
 * the lowest level (then registration order).  Returns an errno if an
 * essential component failed.
 */
int
rump_components_init(void)
{
	struct rump_component *rc, *best;
	const char *why;
	size_t whylen;
	int whystate, r, error;

	for (;;) {
		best = NULL;
		comp_enter();
		for (rc = comp_list; rc != NULL; rc = rc->rc_next) {
			if (rc->rc_state != RC_REGISTERED)
				continue;
			r = comp_ready(rc, &why, &whylen, &whystate);
			if (r < 0) {
				comp_exit();
				comp_fail_dep(rc, why, whylen, whystate);
				if (rc->rc_flags & RUMP_COMPONENT_ESSENTIAL)
					return ENOENT;
				comp_enter();
				continue;
			}
			/* comp_list is newest first: <= keeps the oldest. */
			if (r == 1 && (best == NULL ||
			    rc->rc_level <= best->rc_level))
				best = rc;
		}
		comp_exit();
		if (best == NULL)
			break;
		error = comp_runinit(best);
		if (error != 0 && (best->rc_flags & RUMP_COMPONENT_ESSENTIAL))
			return error;
	}
	/* Whatever is left waits on a cycle. */
	for (rc = comp_list; rc != NULL; rc = rc->rc_next) {
		if (rc->rc_state != RC_REGISTERED)
			continue;
		rc->rc_state = RC_FAILED;
		aprint_error("component %s: init failed: its requirements (%s) "
		    "form a cycle\n", rc->rc_name, rc->rc_requires);
		if (rc->rc_flags & RUMP_COMPONENT_ESSENTIAL)
			return EDEADLK;
	}
	return 0;
}

void
rump_components_fini(void)
{
	struct rump_component *rc;

	while (comp_ninit > 0) {
		rc = comp_initorder[--comp_ninit];
		if (rc->rc_state == RC_READY && rc->rc_fini != NULL)
			rc->rc_fini();
		rc->rc_state = RC_REGISTERED;
	}
}

/*
 * Called by component constructors.  Before boot the component waits
 * for rump_init(); after boot (a library loaded later) it is initialised
 * at once, in the calling thread.
 */
void
rump_component_register(struct rump_component *rc)
{
	struct lwp *implicit = NULL;
	const char *why;
	size_t whylen;
	int whystate, r;

	comp_enter();
	rc->rc_state = RC_REGISTERED;
	rc->rc_next = comp_list;
	comp_list = rc;
	comp_exit();
	if (!rump_booted)
		return;
	if (curlwp == NULL)
		implicit = lwp_implicit_enter();
	r = comp_ready(rc, &why, &whylen, &whystate);
	if (r < 0)
		comp_fail_dep(rc, why, whylen, whystate);
	else if (r == 0)
		aprint_error("component %s: init failed: requires %s, not yet "
		    "initialised\n", rc->rc_name, rc->rc_requires);
	else
		(void)comp_runinit(rc);
	if (implicit != NULL)
		lwp_implicit_exit(implicit);
}

/* Called by component destructors (dlclose, process exit): forget it. */
void
rump_component_unregister(struct rump_component *rc)
{
	struct rump_component **rcp;
	u_int i;

	comp_enter();
	for (rcp = &comp_list; *rcp != NULL; rcp = &(*rcp)->rc_next) {
		if (*rcp == rc) {
			*rcp = rc->rc_next;
			break;
		}
	}
	for (i = 0; i < comp_ninit; i++) {
		if (comp_initorder[i] == rc) {
			memmove(&comp_initorder[i], &comp_initorder[i + 1],
			    (comp_ninit - i - 1) * sizeof(rc));
			comp_ninit--;
			break;
		}
	}
	comp_exit();
}

/*
 * Shutdown hooks.
 */
struct shutdownhook {
	struct shutdownhook	*sh_next;
	void			(*sh_fn)(void *);
	void			*sh_arg;
};
static struct shutdownhook *shutdownhooks;

void *
shutdownhook_establish(void (*fn)(void *), void *arg)
{
	struct shutdownhook *sh;

	sh = kmem_alloc_noleak(sizeof(*sh), "shutdownhook_establish");
	sh->sh_fn = fn;
	sh->sh_arg = arg;
	comp_enter();
	sh->sh_next = shutdownhooks;
	shutdownhooks = sh;
	comp_exit();
	return sh;
}

void
shutdownhook_disestablish(void *cookie)
{
	struct shutdownhook **shp, *sh = cookie;

	comp_enter();
	for (shp = &shutdownhooks; *shp != NULL; shp = &(*shp)->sh_next) {
		if (*shp == sh) {
			*shp = sh->sh_next;
			break;
		}
	}
	comp_exit();
	kmem_free_noleak(sh, sizeof(*sh));
}

/*
 * The upcalls for host code.
 */
static void
hyp_schedule(void)
{
}

static void
hyp_unschedule(void)
{
}

static void
hyp_backend_unschedule(int nlocks, int *countp, void *interlock)
{

	if (countp != NULL)
		*countp = 0;
}

static void
hyp_backend_schedule(int nlocks, void *interlock)
{
}

static int
hyp_lwproc_rfork(void *spcookie, int flags, const char *comm)
{
	struct vmspace *vm;
	int error;

	vm = spcookie != NULL ? vmspace_remote(spcookie) : vmspace_local();
	error = lwproc_rfork_vm(vm, flags | (spcookie != NULL ? RUMP_RFCFDG : 0),
	    comm);
	if (error != 0)
		vmspace_remote_free(vm);
	return error;
}

static struct lwp *
hyp_lwproc_curlwp(void)
{

	return rump_pub_lwproc_curlwp();
}

static int
hyp_syscall(int num, void *arg, long *retval)
{

	return rump_syscall(num, arg, 0, retval);
}

static void
hyp_execnotify(const char *comm)
{

	rump_pub_proc_setcomm(comm);
}

static pid_t
hyp_getpid(void)
{
	struct lwp *l = curlwp;

	return l != NULL ? l->l_proc->p_pid : -1;
}

static const struct rumpuser_hyperup hyp = {
	.hyp_schedule = hyp_schedule,
	.hyp_unschedule = hyp_unschedule,
	.hyp_backend_unschedule = hyp_backend_unschedule,
	.hyp_backend_schedule = hyp_backend_schedule,
	.hyp_lwproc_switch = lwproc_switch,
	.hyp_lwproc_release = lwproc_release,
	.hyp_lwproc_rfork = hyp_lwproc_rfork,
	.hyp_lwproc_newlwp = lwproc_newlwp,
	.hyp_lwproc_curlwp = hyp_lwproc_curlwp,
	.hyp_syscall = hyp_syscall,
	.hyp_lwpexit = lwp_exit_host,
	.hyp_execnotify = hyp_execnotify,
	.hyp_getpid = hyp_getpid,
};

/*
 * Fatal traps: a SIGSEGV/SIGBUS/SIGILL/SIGFPE in a thread that is
 * running kernel code (a system call, a kernel thread, rump_init or a
 * component init) gets the BSD report and a symbolized backtrace.
 */
static const char *
trap_name(int trapno)
{

	switch (trapno) {
	case 1:		return "privileged instruction fault";
	case 9:		return "general protection fault";
	case 12:	return "page fault";
	case 14:	return "alignment fault";
	case 18:	return "integer divide fault";
	default:	return "unknown trap";
	}
}

static void
trap_frame(int n, uintptr_t pc, uintptr_t lookup)
{
	char sym[512];

	rumpuser_symbolize(lookup, sym, sizeof(sym));
	printf("#%-2d 0x%016lx in %s\n", n, (unsigned long)pc, sym);
}

static int
trap_report(const struct rumpuser_trapframe *tf)
{
	struct lwp *l = curlwp;
	struct proc *p;
	uintptr_t pcs[32];
	int i, n;

	if (l == NULL || (l->l_nesting == 0 &&
	    (l->l_flag & LW_SYSTEM) == 0 && l != rump_booting_lwp))
		return 0;
	p = l->l_proc;
	panicstr = "fatal trap";
	rump_console_quiet = 0;
	printf("\nFatal trap %d: %s while in kernel mode\n", tf->tf_trapno,
	    trap_name(tf->tf_trapno));
	if (tf->tf_trapno == 12) {
		printf("fault virtual address   = 0x%lx\n",
		    (unsigned long)tf->tf_addr);
		printf("fault code              = supervisor %s, %s\n",
		    tf->tf_write ? "write data" : "read data",
		    tf->tf_user ? "protection violation" : "page not present");
	}
	printf("instruction pointer     = 0x%lx\n", (unsigned long)tf->tf_ip);
	printf("stack pointer           = 0x%lx\n", (unsigned long)tf->tf_sp);
	printf("frame pointer           = 0x%lx\n", (unsigned long)tf->tf_fp);
	printf("processor eflags        = 0x%lx\n", (unsigned long)tf->tf_flags);
	printf("current process         = %d (%s)\n", p->p_pid, p->p_comm);
	printf("current thread          = lwp %d%s%s%s\n", l->l_lid,
	    l->l_name != NULL ? " (" : "", l->l_name != NULL ? l->l_name : "",
	    l->l_name != NULL ? ")" : "");
	printf("Stack trace:\n");
	trap_frame(0, tf->tf_ip, tf->tf_ip);
	n = rumpuser_backtrace(tf->tf_fp, pcs, __arraycount(pcs));
	for (i = 0; i < n; i++)
		trap_frame(i + 1, pcs[i], pcs[i] - 1);
	printf("panic: %s\n", trap_name(tf->tf_trapno));
	printf("rump kernel halting...\n");
	ddb_enter(tf);
	return 1;
}

void
trap_init(void)
{

	if (rumpuser_trap_init(trap_report) != 0)
		aprint_error("warning: cannot catch fatal traps\n");
}

/*
 * Odds and ends the rest of the kernel uses.
 */
struct cpu_info *
curcpu(void)
{

	return &cpu_infos[0];
}

struct cpu_info *
cpu_lookup(u_int idx)
{

	return idx < ncpu ? &cpu_infos[idx] : NULL;
}

static uint64_t cprng_state;

uint64_t
cprng_fast64(void)
{
	uint64_t x, old;

	do {
		old = cprng_state;
		x = old != 0 ? old : 0x9e3779b97f4a7c15ULL;
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	} while (!__atomic_compare_exchange_n(&cprng_state, &old, x, 0,
	    __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	return x;
}

uint32_t
cprng_fast32(void)
{

	return (uint32_t)(cprng_fast64() >> 16);
}

uint32_t
cprng_strong32(void)
{
	uint32_t v;
	size_t got;

	if (rumpuser_getrandom(&v, sizeof(v), 0, &got) != 0 || got != sizeof(v))
		v = cprng_fast32();
	return v;
}

void
cprng_fast(void *buf, size_t len)
{
	uint8_t *p = buf;
	uint64_t v;

	while (len > 0) {
		v = cprng_fast64();
		memcpy(p, &v, MIN(len, sizeof(v)));
		p += MIN(len, sizeof(v));
		len -= MIN(len, sizeof(v));
	}
}

static int
getparam_int(const char *name, int def)
{
	char buf[32];

	if (rumpuser_getparam(name, buf, sizeof(buf)) != 0)
		return def;
	return (int)strtol(buf, NULL, 10);
}

/* "64m", "512k", "1g" or plain bytes; 0 if it does not parse. */
static size_t
parse_size(const char *s)
{
	char *end;
	size_t v = (size_t)strtoull(s, &end, 10);

	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	default: break;
	}
	return *end == '\0' && end != s ? v : 0;
}

/*
 * Boot.
 */
int
rump_init(void)
{
	struct lwp *l;
	size_t got;
	char buf[64];
	u_int i;
	int error;

	if (rump_booted)
		return 0;
	if ((error = rumpuser_init(RUMPUSER_VERSION, &hyp)) != 0)
		return error;
	if (rumpuser_getrandom(&cprng_state, sizeof(cprng_state),
	    RUMPUSER_RANDOM_NOWAIT, &got) != 0)
		cprng_state = 0;
	cold = 1;
	rump_halting = 0;
	rump_verbose = getparam_int("RUMP_VERBOSE", 0);
	rump_console_quiet = !rump_verbose;
	ncpu = (u_int)getparam_int(RUMPUSER_PARAM_NCPU, 1);
	if (ncpu < 1)
		ncpu = 1;
	if (rumpuser_getparam(RUMPUSER_PARAM_HOSTNAME, hostname,
	    MAXHOSTNAMELEN) != 0)
		strlcpy(hostname, "rump", MAXHOSTNAMELEN);
	hostnamelen = (int)strlen(hostname);

	if (rumpuser_getparam("RUMP_MEMLIMIT", buf, sizeof(buf)) == 0)
		kmem_setlimit(parse_size(buf));
	kern_time_init();
	proc_bootstrap();
	sleepq_init();
	once_init_all();
	cpu_infos = kmem_alloc_noleak(ncpu * sizeof(*cpu_infos), "rump_init");
	for (i = 0; i < ncpu; i++) {
		cpu_infos[i].ci_index = i;
		snprintf(cpu_infos[i].ci_name, sizeof(cpu_infos[i].ci_name),
		    "cpu%u", i);
	}
	sysctl_bootstrap();
	trap_init();
	ddb_init();
	rump_booting_lwp = curlwp;

	printf("%s\n", version);
	if (kmem_getlimit() != 0)
		printf("total memory = %zu KB\n", kmem_getlimit() / 1024);
	else
		printf("total memory = unlimited (host limit)\n");
	printf("timecounter: Timecounters tick every %d.000 msec\n", 1000 / hz);
	printf("mainbus0 (root)\n");
	for (i = 0; i < ncpu; i++)
		printf("%s at thinair0: rump virtual cpu\n",
		    cpu_infos[i].ci_name);

	/* pid 1, the host program; the booting thread joins it after. */
	if (rumpuser_getparam("_RUMPUSER_PROGNAME", buf, sizeof(buf)) != 0)
		strlcpy(buf, "rump", sizeof(buf));
	initproc = proc_create(NULL, vmspace_local(), RUMP_RFCFDG, buf);
	l = lwp_create(initproc, 0);

	if ((error = rump_components_init()) != 0) {
		rump_console_quiet = 0;
		printf("rump_init: an essential component failed: %s; "
		    "not booting\n", strerror(error));
		rump_booting_lwp = NULL;
		lwp_bind(NULL);
		return error;
	}
	printf("boot: %s ready, %u cpu%s\n", ostype, ncpu, ncpu == 1 ? "" : "s");
	rump_console_quiet = 0;
	rump_booting_lwp = NULL;
	cold = 0;
	rump_booted = 1;
	lwp_bind(l);
	return 0;
}

int
rump_init_server(const char *url)
{

	if (!rump_booted)
		return ENXIO;
	return rumpuser_sp_init(url, ostype, osrelease, machine);
}

/*
 * Halt (reboot(2)): run the shutdown hooks and the components' fini in
 * reverse init order, close every process's files, print the leak report
 * (KMEM_LEAKCHECK), then: RB_DUMP aborts for a core; RB_HALT from a local
 * process returns to it (the kernel is down); otherwise the host process
 * exits.
 */
int
rump_halt(int howto)
{
	struct lwp *l = curlwp;
	struct shutdownhook *sh;

	if (__atomic_exchange_n(&rump_halting, 1, __ATOMIC_SEQ_CST))
		return EBUSY;
	printf("rump kernel halting...\n");
	if ((howto & RB_DUMP) == 0) {
		for (sh = shutdownhooks; sh != NULL; sh = sh->sh_next)
			sh->sh_fn(sh->sh_arg);
		rump_components_fini();
		proc_exit_all(l != NULL ? l->l_proc : NULL);
	}
	kmem_leak_report();
	pool_leak_report();
	rumpuser_sp_fini(NULL);
	if (howto & RB_DUMP) {
		printf("dumping core\n");
		rumpuser_exit(RUMPUSER_PANIC);
	}
	printf("halted\n");
	rump_booted = 0;
	if ((howto & RB_HALT) && l != NULL &&
	    (l->l_proc->p_flag & PK_LOCAL) != 0)
		return 0;
	rumpuser_exit(0);
}

size_t
rump_pub_dmesg(char *buf, size_t len)
{

	return msgbuf_read(buf, len);
}

void	once_init(void);

static void
once_init_all(void)
{

	once_init();
}
