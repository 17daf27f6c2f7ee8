/*
 * librumpvfs: the VFS lock, file system types (vfs_attach), the current
 * directory hooks the kernel core calls, and the component's init: the
 * rumpfs root file system and the VFS system calls.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/atomic.h>
#include <sys/filedesc.h>
#include <sys/kmem.h>
#include <sys/lwp.h>
#include <sys/mount.h>
#include <sys/mutex.h>
#include <sys/proc.h>
#include <sys/rump_component.h>
#include <sys/rwlock.h>
#include <sys/syscallvar.h>
#include <sys/sysctl.h>
#include <sys/vnode.h>
#include <sys/vnode_if.h>

#include "vfs_private.h"

static LIST_HEAD(, vfsops) vfs_list = LIST_HEAD_INITIALIZER(vfs_list);

/* Set at halt: unmount everything as soon as it is no longer in use. */
bool	vfs_dying;
static bool vfs_tearing;

/*
 * At halt, whenever a vnode is released: unmount every mount nothing
 * uses any more, newest first, the root file system last; then forget
 * rumpfs.
 * => Caller holds the VFS lock.
 */
void
vfs_teardown(void)
{
	struct mount *mp, *pmp;
	bool progress;

	if (!vfs_dying || vfs_tearing)
		return;
	vfs_tearing = true;
	do {
		progress = false;
		for (mp = TAILQ_LAST(&mountlist, mntlist); mp != NULL;
		    mp = pmp) {
			pmp = TAILQ_PREV(mp, mntlist, mnt_list);
			if (dounmount(mp, 0, curlwp) == 0)
				progress = true;
		}
	} while (progress);
	if (TAILQ_EMPTY(&mountlist) &&
	    vfs_getopsbyname(rumpfs_vfsops.vfs_name) == &rumpfs_vfsops)
		vfs_detach_now(&rumpfs_vfsops);
	vfs_tearing = false;
}

/*
 * The VFS lock: a mutex with an owner and a depth, so an entry point
 * reached from inside the VFS (closef from a failed open, say) enters
 * it again.
 */
static kmutex_t		vfs_giant;
static struct lwp	*vfs_giant_owner;
static u_int		 vfs_giant_depth;

void
vfs_lock_enter(void)
{
	struct lwp *l = curlwp;

	/* Kernel code always runs as an lwp: l identifies the holder. */
	KASSERT(l != NULL);
	if (l != NULL &&
	    __atomic_load_n(&vfs_giant_owner, __ATOMIC_RELAXED) == l) {
		vfs_giant_depth++;
		return;
	}
	mutex_enter(&vfs_giant);
	__atomic_store_n(&vfs_giant_owner, l, __ATOMIC_RELAXED);
	vfs_giant_depth = 1;
}

void
vfs_lock_exit(void)
{

	KASSERT(vfs_lock_owned());
	if (--vfs_giant_depth > 0)
		return;
	__atomic_store_n(&vfs_giant_owner, NULL, __ATOMIC_RELAXED);
	mutex_exit(&vfs_giant);
}

bool
vfs_lock_owned(void)
{

	return vfs_giant_depth > 0 && curlwp != NULL &&
	    __atomic_load_n(&vfs_giant_owner, __ATOMIC_RELAXED) == curlwp;
}

struct vfsops *
vfs_getopsbyname(const char *name)
{
	struct vfsops *vfsp;

	LIST_FOREACH(vfsp, &vfs_list, vfs_list) {
		if (strcmp(vfsp->vfs_name, name) == 0)
			return vfsp;
	}
	return NULL;
}

/*
 * Build the operation vectors of a file system type: every slot gets
 * the table's vop_default entry (or vn_default_error), then its own.
 */
static void
vfs_opv_init(const struct vnodeopv_desc * const *descs)
{
	const struct vnodeopv_entry_desc *e;
	int (**vec)(void *);
	int (*dflt)(void *);
	int i, j;

	for (i = 0; descs[i] != NULL; i++) {
		vec = kmem_zalloc(VNODE_OPS_COUNT * sizeof(*vec), KM_SLEEP);
		dflt = vn_default_error;
		for (e = descs[i]->opv_desc_ops; e->opve_op != NULL; e++) {
			if (e->opve_op == &vop_default_desc)
				dflt = e->opve_impl;
		}
		for (j = 0; j < VNODE_OPS_COUNT; j++)
			vec[j] = dflt;
		for (e = descs[i]->opv_desc_ops; e->opve_op != NULL; e++)
			vec[e->opve_op->vdesc_offset] = e->opve_impl;
		*descs[i]->opv_desc_vector_p = vec;
	}
}

void
vfs_opv_free(const struct vfsops *vfs)
{
	const struct vnodeopv_desc * const *descs = vfs->vfs_opv_descs;
	int i;

	for (i = 0; descs[i] != NULL; i++) {
		if (*descs[i]->opv_desc_vector_p == NULL)
			continue;
		kmem_free(*descs[i]->opv_desc_vector_p,
		    VNODE_OPS_COUNT * sizeof(int (*)(void *)));
		*descs[i]->opv_desc_vector_p = NULL;
	}
}

/*
 * Make a file system type known.  Returns 0, or EEXIST if a type of
 * that name is attached already.
 */
int
vfs_attach(struct vfsops *vfs)
{
	int error = 0;

	vfs_lock_enter();
	if (vfs_getopsbyname(vfs->vfs_name) != NULL) {
		error = EEXIST;
		goto out;
	}
	vfs_opv_init(vfs->vfs_opv_descs);
	if (vfs->vfs_init != NULL)
		(*vfs->vfs_init)();
	vfs->vfs_refcount = 0;
	vfs->vfs_flags = 0;
	LIST_INSERT_HEAD(&vfs_list, vfs, vfs_list);
	sysctl_fstypes_add(vfs->vfs_name);
 out:
	vfs_lock_exit();
	return error;
}

/*
 * Forget a file system type now.
 * => Caller holds the VFS lock; the type is attached and not mounted.
 */
void
vfs_detach_now(struct vfsops *vfs)
{

	KASSERT(vfs->vfs_refcount == 0);
	LIST_REMOVE(vfs, vfs_list);
	vfs->vfs_flags &= ~VFS_DETACHWANT;
	if (vfs->vfs_done != NULL)
		(*vfs->vfs_done)();
	vfs_opv_free(vfs);
	sysctl_fstypes_remove(vfs->vfs_name);
}

/*
 * Forget a file system type.  Returns 0, ESRCH if it is not attached,
 * or EBUSY while it is mounted: it is forgotten when its last mount is
 * unmounted (so a halting kernel frees everything).
 */
int
vfs_detach(struct vfsops *vfs)
{
	int error = 0;

	vfs_lock_enter();
	if (vfs_getopsbyname(vfs->vfs_name) != vfs)
		error = ESRCH;
	else if (vfs->vfs_refcount > 0) {
		vfs->vfs_flags |= VFS_DETACHWANT;
		error = EBUSY;
	} else
		vfs_detach_now(vfs);
	vfs_lock_exit();
	return error;
}

/*
 * The cwd hooks of the kernel core.  A new process starts in the root
 * directory, or shares its parent's directories.  Only references are
 * taken here (vref needs no lock); dropping them needs the VFS lock.
 */
static void
vfs_cwdi_init(struct cwdinfo *cwdi, struct cwdinfo *parent)
{
	struct vnode *cdir, *rdir;

	if (parent != NULL && parent->cwdi_cdir != NULL) {
		rw_enter(&parent->cwdi_lock, RW_READER);
		cdir = parent->cwdi_cdir;
		rdir = parent->cwdi_rdir;
		vref(cdir);
		if (rdir != NULL)
			vref(rdir);
		rw_exit(&parent->cwdi_lock);
	} else {
		cdir = rootvnode;
		vref(cdir);
		rdir = NULL;
	}
	cwdi->cwdi_cdir = cdir;
	cwdi->cwdi_rdir = rdir;
}

static void
vfs_cwdi_free(struct cwdinfo *cwdi)
{

	vfs_lock_enter();
	if (cwdi->cwdi_cdir != NULL)
		vrele(cwdi->cwdi_cdir);
	if (cwdi->cwdi_rdir != NULL)
		vrele(cwdi->cwdi_rdir);
	cwdi->cwdi_cdir = NULL;
	cwdi->cwdi_rdir = NULL;
	vfs_lock_exit();
}

static const struct cwdops vfs_cwdops = {
	.cwdo_init = vfs_cwdi_init,
	.cwdo_free = vfs_cwdi_free,
};

/*
 * The current directory of the calling process, referenced.
 * => Caller holds the VFS lock.
 */
struct vnode *
vfs_curcwd(void)
{
	struct cwdinfo *cwdi = curproc->p_cwdi;
	struct vnode *vp;

	rw_enter(&cwdi->cwdi_lock, RW_READER);
	vp = cwdi->cwdi_cdir;
	if (vp == NULL)
		vp = rootvnode;
	vref(vp);
	rw_exit(&cwdi->cwdi_lock);
	return vp;
}

/* The root directory of the calling process, referenced. */
struct vnode *
vfs_curroot(void)
{
	struct cwdinfo *cwdi = curproc->p_cwdi;
	struct vnode *vp;

	rw_enter(&cwdi->cwdi_lock, RW_READER);
	vp = cwdi->cwdi_rdir;
	if (vp == NULL)
		vp = rootvnode;
	vref(vp);
	rw_exit(&cwdi->cwdi_lock);
	return vp;
}

mode_t
vfs_curumask(void)
{
	struct cwdinfo *cwdi = curproc->p_cwdi;
	mode_t mask;

	rw_enter(&cwdi->cwdi_lock, RW_READER);
	mask = cwdi->cwdi_cmask;
	rw_exit(&cwdi->cwdi_lock);
	return mask;
}

void
vfs_timestamp(struct timespec *ts)
{

	nanotime(ts);
}

/*
 * At halt: no more system calls; processes let go of their directories
 * now (their files are closed after this by the kernel core), and the
 * file systems are unmounted as their last vnodes are released (see
 * vfs_teardown), so the leak report of a -DD kernel is empty.
 */
static void
rumpvfs_fini(void)
{
	struct vnode **vps, *rvp;
	struct proc *p;
	struct cwdinfo *cwdi;
	u_int n, i;

	(void)syscall_disestablish(NULL, rumpvfs_syscalls);
	cwd_setops(NULL);

	mutex_enter(&proc_lock);
	n = 0;
	PROCLIST_FOREACH(p, &allproc)
		n++;
	vps = kmem_zalloc((2 * n + 1) * sizeof(*vps), KM_SLEEP);
	i = 0;
	PROCLIST_FOREACH(p, &allproc) {
		if ((cwdi = p->p_cwdi) == NULL || i >= 2 * n)
			continue;
		rw_enter(&cwdi->cwdi_lock, RW_WRITER);
		if (cwdi->cwdi_cdir != NULL)
			vps[i++] = cwdi->cwdi_cdir;
		if (cwdi->cwdi_rdir != NULL)
			vps[i++] = cwdi->cwdi_rdir;
		cwdi->cwdi_cdir = NULL;
		cwdi->cwdi_rdir = NULL;
		rw_exit(&cwdi->cwdi_lock);
	}
	mutex_exit(&proc_lock);

	vfs_lock_enter();
	vfs_dying = true;
	while (i > 0)
		vrele(vps[--i]);
	kmem_free(vps, (2 * n + 1) * sizeof(*vps));
	rvp = rootvnode;
	rootvnode = NULL;
	if (rvp != NULL)
		vrele(rvp);
	vfs_teardown();
	vfs_lock_exit();
}

/*
 * The component: attach rumpfs, mount it as the root file system, give
 * processes their directories and establish the system calls.
 */
RUMP_COMPONENT_FULL(RUMP_COMPONENT_VFS, rumpvfs, NULL,
    RUMP_COMPONENT_ESSENTIAL, rumpvfs_fini)
{
	int error;

	mutex_init(&vfs_giant, MUTEX_DEFAULT, IPL_NONE);
	vcache_init();
	vfs_dead_init();
	error = vfs_attach(&rumpfs_vfsops);
	if (error != 0)
		return error;
	vfs_lock_enter();
	error = vfs_mountroot();
	vfs_lock_exit();
	if (error != 0)
		return error;
	cwd_setops(&vfs_cwdops);
	return syscall_establish(NULL, rumpvfs_syscalls);
}
