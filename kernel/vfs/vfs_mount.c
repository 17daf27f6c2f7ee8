/*
 * The mount table: mounting the root file system, mount(2), unmount(2),
 * statvfs1(2), fstatvfs1(2), getvfsstat(2) and sync(2).
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/kauth.h>
#include <sys/kmem.h>
#include <sys/lwp.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/proc.h>
#include <sys/statvfs.h>
#include <sys/syscallargs.h>
#include <sys/vnode.h>
#include <sys/vnode_if.h>

#include "vfs_private.h"

struct mntlist mountlist = TAILQ_HEAD_INITIALIZER(mountlist);
struct vnode *rootvnode;

/* The most mount data mount(2) copies in. */
#define	MOUNT_MAXDATA	65536

static struct mount *
vfs_mountalloc(struct vfsops *vfsops)
{
	struct mount *mp;

	mp = kmem_zalloc(sizeof(*mp), KM_SLEEP);
	mp->mnt_op = vfsops;
	TAILQ_INIT(&mp->mnt_vnodelist);
	strlcpy(mp->mnt_stat.f_fstypename, vfsops->vfs_name,
	    sizeof(mp->mnt_stat.f_fstypename));
	mp->mnt_stat.f_owner = kauth_cred_geteuid(kauth_cred_get());
	vfs_getnewfsid(mp);
	return mp;
}

/*
 * Mount rumpfs as the root file system; rootvnode keeps a reference to
 * its root directory.
 * => Caller holds the VFS lock.
 */
int
vfs_mountroot(void)
{
	struct mount *mp;
	size_t len = 0;
	int error;

	mp = vfs_mountalloc(&rumpfs_vfsops);
	mp->mnt_flag = MNT_LOCAL | MNT_ROOTFS;
	strlcpy(mp->mnt_stat.f_mntonname, "/",
	    sizeof(mp->mnt_stat.f_mntonname));
	error = VFS_MOUNT(mp, "/", NULL, &len);
	if (error != 0) {
		kmem_free(mp, sizeof(*mp));
		return error;
	}
	rumpfs_vfsops.vfs_refcount++;
	TAILQ_INSERT_TAIL(&mountlist, mp, mnt_list);
	error = VFS_ROOT(mp, 0, &rootvnode);
	if (error != 0)
		panic("vfs_mountroot: no root vnode: error %d", error);
	return 0;
}

/*
 * Mount a file system of type vfsops on the directory *vpp (referenced;
 * the mount keeps the reference).  data is the file system's argument
 * in kernel space.
 * => Caller holds the VFS lock.
 * Errors: ENOTDIR, EBUSY (something is mounted there already, or vp
 * is the root of a mount: mounts do not stack here), the file system's.
 */
int
mount_domount(struct lwp *l, struct vnode **vpp, struct vfsops *vfsops,
    const char *path, int flags, void *data, size_t *data_len)
{
	struct vnode *vp = *vpp;
	struct mount *mp;
	int error;

	if (vp->v_type != VDIR)
		return ENOTDIR;
	if (vp->v_mountedhere != NULL || (vp->v_vflag & VV_ROOT) != 0)
		return EBUSY;
	mp = vfs_mountalloc(vfsops);
	mp->mnt_flag = flags & MNT_BASIC_FLAGS;
	mp->mnt_vnodecovered = vp;
	error = vnode_to_path(mp->mnt_stat.f_mntonname,
	    sizeof(mp->mnt_stat.f_mntonname), vp, l, curproc);
	if (error != 0)
		strlcpy(mp->mnt_stat.f_mntonname, path,
		    sizeof(mp->mnt_stat.f_mntonname));
	error = VFS_MOUNT(mp, path, data, data_len);
	if (error != 0) {
		kmem_free(mp, sizeof(*mp));
		return error;
	}
	vfsops->vfs_refcount++;
	vp->v_mountedhere = mp;
	TAILQ_INSERT_TAIL(&mountlist, mp, mnt_list);
	*vpp = NULL;
	return 0;
}

/*
 * Unmount mp: EBUSY if something is mounted below it, or if one of its
 * vnodes is in use and not MNT_FORCE (forced, they become dead: their
 * files fail with EBADF or EIO); else its vnodes are reclaimed and the
 * file system lets go.
 * => Caller holds the VFS lock.
 */
int
dounmount(struct mount *mp, int flags, struct lwp *l)
{
	struct vnode *coveredvp = mp->mnt_vnodecovered;
	struct vnode *vp;
	int error;

	TAILQ_FOREACH(vp, &mp->mnt_vnodelist, v_mntvnodes) {
		if (vp->v_mountedhere != NULL)
			return EBUSY;
	}
	error = vflush(mp, NULL, (flags & MNT_FORCE) != 0 ? FORCECLOSE : 0);
	if (error != 0)
		return error;
	mp->mnt_iflag |= IMNT_UNMOUNT;
	error = VFS_UNMOUNT(mp, flags);
	if (error != 0) {
		mp->mnt_iflag &= ~IMNT_UNMOUNT;
		return error;
	}
	KASSERT(TAILQ_EMPTY(&mp->mnt_vnodelist));
	mp->mnt_iflag |= IMNT_GONE;
	TAILQ_REMOVE(&mountlist, mp, mnt_list);
	if (--mp->mnt_op->vfs_refcount == 0 &&
	    (mp->mnt_op->vfs_flags & VFS_DETACHWANT) != 0)
		vfs_detach_now(mp->mnt_op);
	if (coveredvp != NULL) {
		coveredvp->v_mountedhere = NULL;
		vrele(coveredvp);
	}
	kmem_free(mp, sizeof(*mp));
	return 0;
}

/*
 * mount(2): mount a file system of type on path.  EPERM without
 * privilege, ENODEV for an unknown type, EINVAL for bad data,
 * EOPNOTSUPP for MNT_UPDATE and MNT_GETARGS.
 */
int
sys_mount(struct lwp *l, const struct sys_mount_args *uap, register_t *retval)
{
	char fstype[_VFS_NAMELEN];
	struct nameidata nd;
	struct pathbuf *pb;
	struct vfsops *vfsops;
	struct vnode *vp;
	void *data = NULL;
	size_t data_len = SCARG(uap, data_len);
	int flags = SCARG(uap, flags), error;

	error = kauth_authorize_system(l->l_cred, KAUTH_SYSTEM_MOUNT,
	    KAUTH_REQ_SYSTEM_MOUNT_NEW, NULL, NULL, NULL);
	if (error != 0)
		return error;
	if ((flags & (MNT_UPDATE | MNT_GETARGS)) != 0)
		return EOPNOTSUPP;
	error = copyinstr(SCARG(uap, type), fstype, sizeof(fstype), NULL);
	if (error != 0)
		return error == ENAMETOOLONG ? ENODEV : error;
	if (data_len > MOUNT_MAXDATA)
		return EINVAL;
	if (data_len > 0) {
		data = kmem_alloc(data_len, KM_SLEEP);
		error = copyin(SCARG(uap, data), data, data_len);
		if (error != 0)
			goto out0;
	}
	error = pathbuf_copyin(SCARG(uap, path), &pb);
	if (error != 0)
		goto out0;
	vfs_lock_enter();
	vfsops = vfs_getopsbyname(fstype);
	if (vfsops == NULL) {
		error = ENODEV;
		goto out;
	}
	if (data_len < vfsops->vfs_min_mount_data) {
		error = EINVAL;
		goto out;
	}
	NDINIT(&nd, LOOKUP, FOLLOW | TRYEMULROOT, pb);
	error = namei(&nd);
	if (error != 0)
		goto out;
	vp = nd.ni_vp;
	error = mount_domount(l, &vp, vfsops, pb->pb_path, flags, data,
	    &data_len);
	if (vp != NULL)
		vrele(vp);
 out:
	vfs_lock_exit();
	pathbuf_destroy(pb);
 out0:
	if (data != NULL)
		kmem_free(data, SCARG(uap, data_len));
	return error;
}

/*
 * unmount(2): EPERM without privilege, EINVAL if path is not the root
 * of a mount, EBUSY for the root file system or a mount in use.
 */
int
sys_unmount(struct lwp *l, const struct sys_unmount_args *uap,
    register_t *retval)
{
	struct nameidata nd;
	struct pathbuf *pb;
	struct mount *mp;
	struct vnode *vp;
	int error;

	error = kauth_authorize_system(l->l_cred, KAUTH_SYSTEM_MOUNT,
	    KAUTH_REQ_SYSTEM_MOUNT_UNMOUNT, NULL, NULL, NULL);
	if (error != 0)
		return error;
	error = pathbuf_copyin(SCARG(uap, path), &pb);
	if (error != 0)
		return error;
	vfs_lock_enter();
	NDINIT(&nd, LOOKUP, FOLLOW | TRYEMULROOT, pb);
	error = namei(&nd);
	if (error != 0)
		goto out;
	vp = nd.ni_vp;
	mp = vp->v_mount;
	if ((vp->v_vflag & VV_ROOT) == 0)
		error = EINVAL;
	else if (mp->mnt_vnodecovered == NULL)
		error = EBUSY;
	vrele(vp);
	if (error == 0)
		error = dounmount(mp, SCARG(uap, flags), l);
 out:
	vfs_lock_exit();
	pathbuf_destroy(pb);
	return error;
}

int
sys_statvfs1(struct lwp *l, const struct sys_statvfs1_args *uap,
    register_t *retval)
{
	struct nameidata nd;
	struct pathbuf *pb;
	struct statvfs *sb;
	int error;

	error = pathbuf_copyin(SCARG(uap, path), &pb);
	if (error != 0)
		return error;
	sb = kmem_alloc(sizeof(*sb), KM_SLEEP);
	vfs_lock_enter();
	NDINIT(&nd, LOOKUP, FOLLOW | TRYEMULROOT, pb);
	error = namei(&nd);
	if (error == 0) {
		error = dostatvfs(nd.ni_vp->v_mount, sb, l, SCARG(uap, flags),
		    1);
		vrele(nd.ni_vp);
	}
	vfs_lock_exit();
	if (error == 0)
		error = copyout(sb, SCARG(uap, buf), sizeof(*sb));
	kmem_free(sb, sizeof(*sb));
	pathbuf_destroy(pb);
	return error;
}

int
sys_fstatvfs1(struct lwp *l, const struct sys_fstatvfs1_args *uap,
    register_t *retval)
{
	struct statvfs *sb;
	struct file *fp;
	int error;

	error = fd_getvnode(SCARG(uap, fd), &fp);
	if (error != 0)
		return error;
	sb = kmem_alloc(sizeof(*sb), KM_SLEEP);
	vfs_lock_enter();
	/* A file of a file system unmounted by force has no mount. */
	if (fp->f_vnode->v_mount == NULL)
		error = EBADF;
	else
		error = dostatvfs(fp->f_vnode->v_mount, sb, l,
		    SCARG(uap, flags), 1);
	vfs_lock_exit();
	fd_putfile(SCARG(uap, fd));
	if (error == 0)
		error = copyout(sb, SCARG(uap, buf), sizeof(*sb));
	kmem_free(sb, sizeof(*sb));
	return error;
}

/*
 * getvfsstat(2): a statvfs for each mount, in mount order, as many as
 * bufsize holds; returns how many were stored (with buf NULL: how many
 * mounts there are).
 */
int
sys_getvfsstat(struct lwp *l, const struct sys_getvfsstat_args *uap,
    register_t *retval)
{
	struct statvfs *sb;
	struct mount *mp;
	size_t maxcount = SCARG(uap, bufsize) / sizeof(struct statvfs);
	size_t count = 0, n;
	int error = 0;

	vfs_lock_enter();
	n = 0;
	TAILQ_FOREACH(mp, &mountlist, mnt_list)
		n++;
	if (SCARG(uap, buf) == NULL) {
		vfs_lock_exit();
		*retval = n;
		return 0;
	}
	n = MIN(n, maxcount);
	sb = n > 0 ? kmem_alloc(n * sizeof(*sb), KM_SLEEP) : NULL;
	TAILQ_FOREACH(mp, &mountlist, mnt_list) {
		if (count >= n)
			break;
		error = dostatvfs(mp, &sb[count], l, SCARG(uap, flags), 0);
		if (error != 0)
			break;
		count++;
	}
	vfs_lock_exit();
	/* Copied out after the lock is dropped (a client's memory is slow). */
	if (error == 0 && count > 0)
		error = copyout(sb, SCARG(uap, buf), count * sizeof(*sb));
	if (sb != NULL)
		kmem_free(sb, n * sizeof(*sb));
	if (error == 0)
		*retval = count;
	return error;
}

int
sys_sync(struct lwp *l, const void *v, register_t *retval)
{
	struct mount *mp;

	vfs_lock_enter();
	TAILQ_FOREACH(mp, &mountlist, mnt_list)
		(void)VFS_SYNC(mp, MNT_NOWAIT, l->l_cred);
	vfs_lock_exit();
	return 0;
}
