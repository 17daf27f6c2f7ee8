/*
 * Processes, lwps, kernel threads and the lwproc interface.
 *
 * proc0 (pid 0) owns the kernel's own threads.  rump_init() makes pid 1
 * for the host program and binds the calling host thread to it.  New
 * processes come from rump_pub_lwproc_rfork() (a local program acting as
 * several processes) and from sysproxy clients (hyp_lwproc_rfork), and
 * get increasing pids.  A process lives while it has lwps: releasing the
 * last one closes its files and reaps it.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/lwp.h>
#include <sys/kthread.h>
#include <sys/kauth.h>
#include <sys/kmem.h>
#include <sys/filedesc.h>
#include <sys/file.h>
#include <sys/uio.h>

#include <rump/rump.h>
#include <rump/rumpuser.h>

#include "rump_private.h"

struct proc	proc0;
struct lwp	lwp0;
struct proc	*initproc;
kmutex_t	proc_lock;
struct proclist	allproc = LIST_HEAD_INITIALIZER(allproc);

static pid_t	nextpid = 1;
static LIST_HEAD(, proc_hooks) proc_hooks_list =
    LIST_HEAD_INITIALIZER(proc_hooks_list);

/*
 * Address spaces: the kernel's, the shared one of local processes (host
 * memory), and one per remote client holding its sysproxy cookie.
 */
struct vmspace {
	int	 vm_kind;
	void	*vm_spcookie;
};
#define	VM_KERNEL	0
#define	VM_LOCAL	1
#define	VM_REMOTE	2

static struct vmspace vmspace0 = { VM_KERNEL, NULL };
static struct vmspace vmspace_host = { VM_LOCAL, NULL };

struct vmspace *
vmspace_kernel(void)
{

	return &vmspace0;
}

struct vmspace *
vmspace_local(void)
{

	return &vmspace_host;
}

struct vmspace *
vmspace_remote(void *cookie)
{
	struct vmspace *vm;

	vm = kmem_alloc_noleak(sizeof(*vm), "vmspace_remote");
	vm->vm_kind = VM_REMOTE;
	vm->vm_spcookie = cookie;
	return vm;
}

void
vmspace_remote_free(struct vmspace *vm)
{

	if (vm != NULL && vm->vm_kind == VM_REMOTE)
		kmem_free_noleak(vm, sizeof(*vm));
}

/* The sysproxy cookie of a remote address space, NULL for host memory. */
void *
vmspace_spcookie(struct vmspace *vm)
{

	return vm->vm_kind == VM_REMOTE ? vm->vm_spcookie : NULL;
}

void
proc_setcomm(struct proc *p, const char *comm)
{

	strlcpy(p->p_comm, comm, sizeof(p->p_comm));
}

void
proc_hooks_register(struct proc_hooks *ph)
{

	mutex_enter(&proc_lock);
	LIST_INSERT_HEAD(&proc_hooks_list, ph, ph_entries);
	mutex_exit(&proc_lock);
}

void
proc_hooks_unregister(struct proc_hooks *ph)
{

	mutex_enter(&proc_lock);
	LIST_REMOVE(ph, ph_entries);
	mutex_exit(&proc_lock);
}

struct proc *
proc_find(pid_t pid)
{
	struct proc *p;

	KASSERT(mutex_owned(&proc_lock));
	PROCLIST_FOREACH(p, &allproc)
		if (p->p_pid == pid && p->p_stat == SACTIVE)
			return p;
	return NULL;
}

/*
 * Set up proc0 and lwp0 and bind the booting thread to lwp0.
 */
void
proc_bootstrap(void)
{
	struct proc *p = &proc0;
	struct lwp *l = &lwp0;

	mutex_init(&proc_lock, MUTEX_DEFAULT, IPL_NONE);
	mutex_init(&p->p_lock, MUTEX_DEFAULT, IPL_NONE);
	p->p_pid = 0;
	p->p_stat = SACTIVE;
	p->p_flag = PK_SYSTEM;
	proc_setcomm(p, "system");
	p->p_cred = kauth_cred_boot();
	p->p_vmspace = &vmspace0;
	p->p_fd = fd_init();
	LIST_INIT(&p->p_lwps);
	LIST_INSERT_HEAD(&allproc, p, p_list);
	nanouptime(&p->p_start);

	l->l_proc = p;
	l->l_lid = ++p->p_nlwpid;
	l->l_flag = LW_SYSTEM;
	l->l_stat = LSRUN;
	l->l_cred = p->p_cred;
	kauth_cred_hold(l->l_cred);
	LIST_INSERT_HEAD(&p->p_lwps, l, l_sibling);
	p->p_nlwps = 1;
	rumpuser_curlwpop(RUMPUSER_LWP_SET, l);
	p->p_cwdi = cwdinit_fresh();
}

/*
 * A new process: parent's credentials, a copy of parent's directories
 * (fresh root directories when parent is NULL), and a descriptor table
 * empty (RUMP_RFCFDG), copied (RUMP_RFFDG) or shared.  No lwps yet.
 */
struct proc *
proc_create(struct proc *parent, struct vmspace *vm, int flags,
    const char *comm)
{
	struct proc *p;

	p = kmem_alloc_noleak(sizeof(*p), "proc_create");
	mutex_init(&p->p_lock, MUTEX_DEFAULT, IPL_NONE);
	LIST_INIT(&p->p_lwps);
	p->p_stat = SACTIVE;
	p->p_pptr = parent != NULL ? parent : &proc0;
	p->p_vmspace = vm;
	if (vm == &vmspace_host)
		p->p_flag |= PK_LOCAL;
	p->p_cred = kauth_cred_dup(parent != NULL ? parent->p_cred :
	    proc0.p_cred);
	if (parent == NULL || (flags & RUMP_RFCFDG) != 0)
		p->p_fd = fd_init();
	else if ((flags & RUMP_RFFDG) != 0)
		p->p_fd = fd_copy(parent->p_fd);
	else {
		p->p_fd = parent->p_fd;
		__atomic_add_fetch(&p->p_fd->fd_refcnt, 1, __ATOMIC_SEQ_CST);
	}
	if (parent == NULL || parent->p_cwdi == NULL)
		p->p_cwdi = cwdinit_fresh();
	else {
		struct cwdinfo *save = curlwp != NULL ? curproc->p_cwdi : NULL;

		/* cwdinit() copies curproc's; make parent's the one copied. */
		if (curlwp != NULL && curproc != parent)
			curproc->p_cwdi = parent->p_cwdi;
		p->p_cwdi = cwdinit();
		if (curlwp != NULL && save != NULL)
			curproc->p_cwdi = save;
	}
	proc_setcomm(p, comm != NULL ? comm :
	    (parent != NULL ? parent->p_comm : "rump"));
	nanouptime(&p->p_start);

	mutex_enter(&proc_lock);
	p->p_pid = nextpid++;
	LIST_INSERT_HEAD(&allproc, p, p_list);
	mutex_exit(&proc_lock);
	return p;
}

/*
 * Close every descriptor of p (its table stays, empty).
 */
void
proc_closefiles(struct proc *p)
{
	struct filedesc *fdp = p->p_fd;
	file_t *fp;
	int fd;

	if (fdp == NULL)
		return;
	for (fd = 0; fd < fdp->fd_nfiles; fd++) {
		mutex_enter(&fdp->fd_lock);
		fp = fdp->fd_ofiles[fd].ff_file;
		fdp->fd_ofiles[fd].ff_file = NULL;
		fdp->fd_ofiles[fd].ff_allocated = false;
		mutex_exit(&fdp->fd_lock);
		if (fp != NULL)
			(void)closef(fp);
	}
}

/*
 * The last lwp of p is going: run the exit hooks, close its files and
 * drop its directories.  Runs as that lwp when it is the caller's.
 */
static void
proc_teardown(struct proc *p)
{
	struct proc_hooks *ph;

	KASSERT(p != &proc0);
	LIST_FOREACH(ph, &proc_hooks_list, ph_entries)
		if (ph->ph_exit != NULL)
			ph->ph_exit(p);
	fd_free(p->p_fd);
	p->p_fd = NULL;
	if (p->p_cwdi != NULL)
		cwdfree(p->p_cwdi);
	p->p_cwdi = NULL;
}

/* Remove p from the process table and free it. */
static void
proc_reap(struct proc *p)
{
	struct proc *q;

	mutex_enter(&proc_lock);
	LIST_REMOVE(p, p_list);
	/* Orphans go to proc0. */
	PROCLIST_FOREACH(q, &allproc)
		if (q->p_pptr == p)
			q->p_pptr = &proc0;
	if (initproc == p)
		initproc = NULL;
	mutex_exit(&proc_lock);
	p->p_stat = SDEAD;
	vmspace_remote_free(p->p_vmspace);
	kauth_cred_free(p->p_cred);
	mutex_destroy(&p->p_lock);
	kmem_free_noleak(p, sizeof(*p));
}

static void
proc_exit(struct proc *p)
{

	mutex_enter(&proc_lock);
	p->p_stat = SDYING;
	mutex_exit(&proc_lock);
	proc_teardown(p);
	proc_reap(p);
}

/*
 * At halt: close the files of every process; reap all but the caller's.
 */
void
proc_exit_all(struct proc *keep)
{
	struct proc *p;
	struct lwp *l;

	for (;;) {
		mutex_enter(&proc_lock);
		PROCLIST_FOREACH(p, &allproc)
			if (p != &proc0 && p != keep && p->p_stat == SACTIVE)
				break;
		mutex_exit(&proc_lock);
		if (p == NULL)
			break;
		/* Its lwps are bound to host threads we cannot stop: drop them. */
		while ((l = LIST_FIRST(&p->p_lwps)) != NULL) {
			LIST_REMOVE(l, l_sibling);
			p->p_nlwps--;
			kauth_cred_free(l->l_cred);
			if (l->l_name != NULL)
				kmem_strfree(l->l_name);
			kmem_free_noleak(l, sizeof(*l));
		}
		proc_exit(p);
	}
	if (keep != NULL && keep != &proc0)
		proc_closefiles(keep);
}

struct lwp *
lwp_create(struct proc *p, int flags)
{
	struct lwp *l;

	l = kmem_alloc_noleak(sizeof(*l), "lwp_create");
	l->l_proc = p;
	l->l_flag = flags;
	l->l_stat = LSRUN;
	mutex_enter(&p->p_lock);
	l->l_lid = ++p->p_nlwpid;
	l->l_cred = p->p_cred;
	kauth_cred_hold(l->l_cred);
	LIST_INSERT_HEAD(&p->p_lwps, l, l_sibling);
	p->p_nlwps++;
	mutex_exit(&p->p_lock);
	return l;
}

/*
 * Free an lwp; if it was the last of its process (not proc0), the
 * process exits: its files are closed while the lwp is still there (and
 * still the caller's curlwp if it was), then it is reaped.  The lwp is
 * unbound from the calling thread if bound to it.
 */
void
lwp_free(struct lwp *l)
{
	struct proc *p = l->l_proc;
	bool last;

	fd_release_lwprefs(l);
	mutex_enter(&proc_lock);
	mutex_enter(&p->p_lock);
	last = p->p_nlwps == 1 && p != &proc0;
	if (last)
		p->p_stat = SDYING;	/* proc_find() no longer sees it */
	mutex_exit(&p->p_lock);
	mutex_exit(&proc_lock);
	if (last)
		proc_teardown(p);
	mutex_enter(&p->p_lock);
	LIST_REMOVE(l, l_sibling);
	p->p_nlwps--;
	mutex_exit(&p->p_lock);
	kauth_cred_free(l->l_cred);
	if (l->l_name != NULL)
		kmem_strfree(l->l_name);
	if (curlwp == l)
		rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, l);
	if (l != &lwp0)
		kmem_free_noleak(l, sizeof(*l));
	if (last)
		proc_reap(p);
}

struct lwp *
lwp_find(struct proc *p, lwpid_t lid)
{
	struct lwp *l;

	mutex_enter(&p->p_lock);
	LIST_FOREACH(l, &p->p_lwps, l_sibling)
		if (l->l_lid == lid)
			break;
	mutex_exit(&p->p_lock);
	return l;
}

void
lwp_setname(struct lwp *l, const char *name)
{
	char *old = l->l_name;

	l->l_name = kmem_strdup(name, KM_SLEEP);
	if (old != NULL)
		kmem_strfree(old);
}

/* Bind the calling host thread to l (NULL: unbind). */
void
lwp_bind(struct lwp *l)
{
	struct lwp *old = curlwp;

	if (old != NULL)
		rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, old);
	if (l != NULL)
		rumpuser_curlwpop(RUMPUSER_LWP_SET, l);
}

/*
 * A host thread calling into the kernel without an lwp gets a temporary
 * one in the local process (pid 1), freed when the call returns.
 */
struct lwp *
lwp_implicit_enter(void)
{
	struct proc *p;
	struct lwp *l;

	mutex_enter(&proc_lock);
	p = initproc != NULL ? initproc : &proc0;
	mutex_exit(&proc_lock);
	l = lwp_create(p, LW_IMPLICIT);
	rumpuser_curlwpop(RUMPUSER_LWP_SET, l);
	return l;
}

void
lwp_implicit_exit(struct lwp *l)
{
	struct proc *p = l->l_proc;

	rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, l);
	/* Never let a temporary lwp take its process down. */
	fd_release_lwprefs(l);
	mutex_enter(&p->p_lock);
	LIST_REMOVE(l, l_sibling);
	p->p_nlwps--;
	mutex_exit(&p->p_lock);
	kauth_cred_free(l->l_cred);
	kmem_free_noleak(l, sizeof(*l));
}

/*
 * The lwproc interface.
 */
static void
lwproc_drop_implicit(void)
{
	struct lwp *l = curlwp;

	if (l != NULL && (l->l_flag & LW_IMPLICIT) != 0)
		lwp_implicit_exit(l);
}

int
lwproc_rfork_vm(struct vmspace *vm, int flags, const char *comm)
{
	struct proc *parent, *p;
	struct lwp *l;

	if (!rump_booted)
		return ENXIO;
	parent = curlwp != NULL && vm == &vmspace_host ? curproc : NULL;
	if (parent == &proc0)
		parent = NULL;
	p = proc_create(parent, vm, flags, comm);
	l = lwp_create(p, 0);
	lwproc_drop_implicit();
	lwp_bind(l);
	return 0;
}

int
lwproc_newlwp(pid_t pid)
{
	struct proc *p;
	struct lwp *l;

	if (!rump_booted)
		return ENXIO;
	mutex_enter(&proc_lock);
	p = proc_find(pid);
	mutex_exit(&proc_lock);
	if (p == NULL)
		return ESRCH;
	l = lwp_create(p, 0);
	lwproc_drop_implicit();
	lwp_bind(l);
	return 0;
}

void
lwproc_switch(struct lwp *l)
{

	lwproc_drop_implicit();
	lwp_bind(l);
}

void
lwproc_release(void)
{
	struct lwp *l = curlwp;

	if (l == NULL)
		return;
	KASSERTMSG((l->l_flag & LW_SYSTEM) == 0,
	    "lwproc_release: releasing kernel thread %p", l);
	if (l->l_flag & LW_IMPLICIT) {
		lwp_implicit_exit(l);
	} else {
		/* Closing the files runs kernel code: traps get reported. */
		l->l_nesting++;
		lwp_free(l);	/* unbinds it */
	}
}

int
rump_pub_lwproc_rfork(int flags)
{

	return lwproc_rfork_vm(&vmspace_host, flags, NULL);
}

int
rump_pub_lwproc_newlwp(pid_t pid)
{

	return lwproc_newlwp(pid);
}

void
rump_pub_lwproc_switch(struct lwp *l)
{

	lwproc_switch(l);
}

void
rump_pub_lwproc_releaselwp(void)
{

	lwproc_release();
}

struct lwp *
rump_pub_lwproc_curlwp(void)
{
	struct lwp *l = curlwp;

	if (l != NULL && (l->l_flag & LW_IMPLICIT) != 0)
		return NULL;
	return l;
}

void
rump_pub_proc_setcomm(const char *comm)
{
	struct lwp *l = curlwp;

	if (l != NULL)
		proc_setcomm(l->l_proc, comm);
}

/*
 * Kernel threads.
 */
struct kthread_start {
	void	(*ks_func)(void *);
	void	*ks_arg;
	struct lwp *ks_lwp;
};

static void *
kthread_trampoline(void *arg)
{
	struct kthread_start ks = *(struct kthread_start *)arg;

	kmem_free_noleak(arg, sizeof(ks));
	rumpuser_curlwpop(RUMPUSER_LWP_SET, ks.ks_lwp);
	ks.ks_func(ks.ks_arg);
	kthread_exit(0);
}

int
kthread_create(int pri, int flags, struct cpu_info *ci,
    void (*func)(void *), void *arg, struct lwp **newlp, const char *fmt, ...)
{
	struct kthread_start *ks;
	char name[MAXCOMLEN + 16];
	struct lwp *l;
	va_list ap;
	int error;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);

	l = lwp_create(&proc0, LW_SYSTEM |
	    ((flags & KTHREAD_MUSTJOIN) ? LW_MUSTJOIN : 0));
	l->l_name = kmem_strdup(name, KM_SLEEP);
	ks = kmem_alloc_noleak(sizeof(*ks), "kthread_create");
	ks->ks_func = func;
	ks->ks_arg = arg;
	ks->ks_lwp = l;
	if (newlp != NULL)
		*newlp = l;
	error = rumpuser_thread_create(kthread_trampoline, ks, name,
	    (flags & KTHREAD_MUSTJOIN) != 0, pri, -1, &l->l_thread);
	if (error != 0) {
		kmem_free_noleak(ks, sizeof(*ks));
		lwp_free(l);
		if (newlp != NULL)
			*newlp = NULL;
		return error;
	}
	return 0;
}

void
kthread_exit(int ecode)
{
	struct lwp *l = curlwp;

	KASSERTMSG(l != NULL && (l->l_flag & LW_SYSTEM) != 0,
	    "kthread_exit: not a kernel thread");
	lockdebug_returncheck(l, "kthread_exit");
	if (l->l_flag & LW_MUSTJOIN) {
		rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, l);
		l->l_exitcode = ecode;
		__atomic_store_n(&l->l_stat, LSZOMB, __ATOMIC_RELEASE);
	} else {
		lwp_free(l);	/* unbinds it */
	}
	rumpuser_thread_exit();
}

int
kthread_join(struct lwp *l)
{
	int error, ecode;

	KASSERTMSG((l->l_flag & LW_MUSTJOIN) != 0,
	    "kthread_join: thread %s was not created KTHREAD_MUSTJOIN",
	    l->l_name);
	lockdebug_sleepcheck("kthread_join", NULL, __return_address());
	if ((error = rumpuser_thread_join(l->l_thread)) != 0)
		return error;
	ecode = l->l_exitcode;
	lwp_free(l);
	return ecode;
}

/* The current thread of host code (sysproxy) leaves the kernel for good. */
void
lwp_exit_host(void)
{

	lwproc_release();
}
