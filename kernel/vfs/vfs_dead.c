/*
 * Dead vnodes: what a vnode still in use becomes when its file system
 * is unmounted by force (MNT_FORCE).  The file system has let go of it
 * (VOP_RECLAIM); it stays, without a mount or data, until its last
 * reference goes, and every operation on it fails.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/mount.h>
#include <sys/vnode.h>
#include <sys/vnode_if.h>

#include "vfs_private.h"

/* Static, so it outlives the component's fini (files close after it). */
static int (*dead_vnodeop_vec[VNODE_OPS_COUNT])(void *);

static int
dead_ebadf(void *v)
{

	return EBADF;
}

static int
dead_eio(void *v)
{

	return EIO;
}

static int
dead_lookup(void *v)
{
	struct vop_lookup_args *ap = v;

	*ap->a_vpp = NULL;
	return ENOTDIR;
}

static int
dead_inactive(void *v)
{
	struct vop_inactive_args *ap = v;

	*ap->a_recycle = true;
	return 0;
}

static const struct vnodeopv_entry_desc dead_vnodeop_entries[] = {
	{ &vop_default_desc, dead_ebadf },
	{ &vop_lookup_desc, dead_lookup },
	{ &vop_open_desc, dead_ebadf },
	{ &vop_read_desc, dead_eio },
	{ &vop_write_desc, dead_eio },
	{ &vop_readdir_desc, dead_eio },
	{ &vop_readlink_desc, dead_eio },
	{ &vop_close_desc, genfs_nullop },
	{ &vop_fsync_desc, genfs_nullop },
	{ &vop_inactive_desc, dead_inactive },
	{ &vop_reclaim_desc, genfs_nullop },
	{ NULL, NULL }
};

void
vfs_dead_init(void)
{
	const struct vnodeopv_entry_desc *e;
	int i;

	for (i = 0; i < VNODE_OPS_COUNT; i++)
		dead_vnodeop_vec[i] = dead_ebadf;
	for (e = dead_vnodeop_entries; e->opve_op != NULL; e++)
		dead_vnodeop_vec[e->opve_op->vdesc_offset] = e->opve_impl;
}

/*
 * Make a vnode in use dead: its file system lets go of it, it leaves
 * the cache and its mount; the last vrele frees it.
 * => Caller holds the VFS lock.
 */
void
vrevoke_dead(struct vnode *vp)
{
	struct mount *mp = vp->v_mount;

	KASSERT(vfs_lock_owned());
	KASSERT(vp->v_usecount > 0);
	KASSERT((vp->v_iflag & (VI_FREE | VI_DEAD)) == 0);
	(void)VOP_RECLAIM(vp);
	LIST_REMOVE(vp, v_hash);
	TAILQ_REMOVE(&mp->mnt_vnodelist, vp, v_mntvnodes);
	mp->mnt_nvnodes--;
	vp->v_iflag |= VI_DEAD;
	vp->v_op = dead_vnodeop_vec;
	vp->v_type = VBAD;
	vp->v_tag = VT_NON;
	vp->v_data = NULL;
	vp->v_mount = NULL;
	vp->v_vflag &= ~VV_ROOT;
}
