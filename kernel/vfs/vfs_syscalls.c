/*
 * System calls on names: open, mkdir, link, rename, stat, chmod, ...
 *
 * Each takes the VFS lock around its work on vnodes; paths are copied
 * into a pathbuf first.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/dirent.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/kauth.h>
#include <sys/kmem.h>
#include <sys/lwp.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/syscallargs.h>
#include <sys/unistd.h>
#include <sys/vnode.h>
#include <sys/vnode_if.h>

#include "vfs_private.h"

/* The most getdents(2) returns at once. */
#define	GETDENTS_MAX	(64 * 1024)

/*
 * The directory a *at() call starts from: NULL for AT_FDCWD or an
 * absolute path, else the referenced vnode of fdat.  EBADF, ENOTDIR.
 * => Caller holds the VFS lock.
 */
static int
vfs_atdir(int fdat, const struct pathbuf *pb, struct vnode **vpp)
{
	struct file *fp;
	struct vnode *vp;
	int error;

	*vpp = NULL;
	if (fdat == AT_FDCWD || pb->pb_path[0] == '/')
		return 0;
	error = fd_getvnode(fdat, &fp);
	if (error != 0)
		return error;
	vp = fp->f_vnode;
	if (vp->v_type != VDIR)
		error = ENOTDIR;
	else {
		vref(vp);
		*vpp = vp;
	}
	fd_putfile(fdat);
	return error;
}

/*
 * Open path relative to fdat.  open_flags are open(2)'s O_* flags.
 * On success *fdp is the new descriptor.
 */
int
do_sys_openat(struct lwp *l, int fdat, const char *path, int open_flags,
    int mode, int *fdp)
{
	struct nameidata nd;
	struct pathbuf *pb;
	struct vnode *atdir;
	struct file *fp;
	int flags, fd, error;

	if ((open_flags & O_ACCMODE) == O_ACCMODE)
		return EINVAL;
	flags = FFLAGS(open_flags);
	error = pathbuf_copyin(path, &pb);
	if (error != 0)
		return error;
	error = fd_allocfile(&fp, &fd);
	if (error != 0) {
		pathbuf_destroy(pb);
		return error;
	}
	vfs_lock_enter();
	error = vfs_atdir(fdat, pb, &atdir);
	if (error == 0) {
		NDINIT(&nd, LOOKUP, TRYEMULROOT, pb);
		NDAT(&nd, atdir);
		error = vn_open(&nd, flags, mode);
		if (atdir != NULL)
			vrele(atdir);
	}
	if (error != 0) {
		vfs_lock_exit();
		fd_abort(curproc, fp, fd);
		pathbuf_destroy(pb);
		return error;
	}
	fp->f_flag = flags & FMASK;
	fp->f_type = DTYPE_VNODE;
	fp->f_ops = &vnops;
	fp->f_vnode = nd.ni_vp;
	fp->f_offset = 0;
	vfs_lock_exit();
	fd_affix(curproc, fp, fd);
	if ((open_flags & O_CLOEXEC) != 0)
		fd_set_exclose(l, fd, true);
	pathbuf_destroy(pb);
	*fdp = fd;
	return 0;
}

int
sys_open(struct lwp *l, const struct sys_open_args *uap, register_t *retval)
{
	int fd, error;

	error = do_sys_openat(l, AT_FDCWD, SCARG(uap, path),
	    SCARG(uap, flags), SCARG(uap, mode), &fd);
	if (error == 0)
		*retval = fd;
	return error;
}

int
sys_openat(struct lwp *l, const struct sys_openat_args *uap,
    register_t *retval)
{
	int fd, error;

	error = do_sys_openat(l, SCARG(uap, fd), SCARG(uap, path),
	    SCARG(uap, oflags), SCARG(uap, mode), &fd);
	if (error == 0)
		*retval = fd;
	return error;
}

/*
 * Look up path (relative to fdat) with nameiop and flags; on success
 * the caller owns nd's vnodes and must vrele them.
 * => Caller holds the VFS lock.
 */
static int
vfs_lookupat(int fdat, struct pathbuf *pb, struct nameidata *nd,
    uint32_t nameiop, uint32_t flags)
{
	struct vnode *atdir;
	int error;

	error = vfs_atdir(fdat, pb, &atdir);
	if (error != 0)
		return error;
	NDINIT(nd, nameiop, flags | TRYEMULROOT, pb);
	NDAT(nd, atdir);
	error = namei(nd);
	if (atdir != NULL)
		vrele(atdir);
	return error;
}

/*
 * Make a directory.  Called by mkdir(2) and mkdirat(2) with a user
 * path, by kernel code with a kernel one (seg).  Returns 0, EEXIST, or
 * an error of namei or the file system.
 */
int
do_sys_mkdirat(struct lwp *l, int fdat, const char *path, mode_t mode,
    enum uio_seg seg)
{
	struct proc *p = curlwp->l_proc;
	struct vnode *vp;
	struct vattr vattr;
	struct pathbuf *pb;
	struct nameidata nd;
	int error;

	error = pathbuf_maybe_copyin(path, seg, &pb);
	if (error != 0)
		return error;
	vfs_lock_enter();
	NDINIT(&nd, CREATE, LOCKPARENT | CREATEDIR | TRYEMULROOT, pb);
	if ((error = fd_nameiat(l, fdat, &nd)) != 0)
		goto out;
	vp = nd.ni_vp;
	if (vp != NULL) {
		vrele(nd.ni_dvp);
		vrele(vp);
		error = EEXIST;
		goto out;
	}
	vattr_null(&vattr);
	vattr.va_type = VDIR;
	vattr.va_mode = (mode & ACCESSPERMS) & ~vfs_curumask();
	(void)p;
	error = VOP_MKDIR(nd.ni_dvp, &nd.ni_vp, &nd.ni_cnd, &vattr);
	if (error == 0)
		vrele(nd.ni_vp);
	vrele(nd.ni_dvp);
 out:
	vfs_lock_exit();
	pathbuf_destroy(pb);
	return error;
}

int
sys_mkdir(struct lwp *l, const struct sys_mkdir_args *uap, register_t *retval)
{

	return do_sys_mkdirat(l, AT_FDCWD, SCARG(uap, path), SCARG(uap, mode),
	    UIO_USERSPACE);
}

int
sys_mkdirat(struct lwp *l, const struct sys_mkdirat_args *uap,
    register_t *retval)
{

	return do_sys_mkdirat(l, SCARG(uap, fd), SCARG(uap, path),
	    SCARG(uap, mode), UIO_USERSPACE);
}

/*
 * Remove a directory.  EINVAL for ".", ENOTEMPTY for "..", ENOTDIR,
 * EBUSY for a mount point or the root.
 */
static int
do_sys_rmdirat(struct lwp *l, int fdat, const char *path)
{
	struct nameidata nd;
	struct pathbuf *pb;
	struct vnode *vp;
	int error;

	error = pathbuf_copyin(path, &pb);
	if (error != 0)
		return error;
	vfs_lock_enter();
	error = vfs_lookupat(fdat, pb, &nd, DELETE, LOCKPARENT);
	if (error != 0)
		goto out;
	vp = nd.ni_vp;
	if ((nd.ni_cnd.cn_flags & ISDOTDOT) != 0)
		error = ENOTEMPTY;
	else if (vp == nd.ni_dvp)
		error = EINVAL;
	else if (vp->v_type != VDIR)
		error = ENOTDIR;
	else if ((vp->v_vflag & VV_ROOT) != 0)
		error = EBUSY;
	else
		error = VOP_RMDIR(nd.ni_dvp, vp, &nd.ni_cnd);
	vrele(vp);
	vrele(nd.ni_dvp);
 out:
	vfs_lock_exit();
	pathbuf_destroy(pb);
	return error;
}

int
sys_rmdir(struct lwp *l, const struct sys_rmdir_args *uap, register_t *retval)
{

	return do_sys_rmdirat(l, AT_FDCWD, SCARG(uap, path));
}

/* Remove a name that is not a directory: EPERM for a directory. */
static int
do_sys_unlinkat(struct lwp *l, int fdat, const char *path)
{
	struct nameidata nd;
	struct pathbuf *pb;
	struct vnode *vp;
	int error;

	error = pathbuf_copyin(path, &pb);
	if (error != 0)
		return error;
	vfs_lock_enter();
	error = vfs_lookupat(fdat, pb, &nd, DELETE, LOCKPARENT);
	if (error != 0)
		goto out;
	vp = nd.ni_vp;
	if (vp->v_type == VDIR)
		error = EPERM;
	else if ((vp->v_vflag & VV_ROOT) != 0)
		error = EBUSY;
	else
		error = VOP_REMOVE(nd.ni_dvp, vp, &nd.ni_cnd);
	vrele(vp);
	vrele(nd.ni_dvp);
 out:
	vfs_lock_exit();
	pathbuf_destroy(pb);
	return error;
}

int
sys_unlink(struct lwp *l, const struct sys_unlink_args *uap,
    register_t *retval)
{

	return do_sys_unlinkat(l, AT_FDCWD, SCARG(uap, path));
}

int
sys_unlinkat(struct lwp *l, const struct sys_unlinkat_args *uap,
    register_t *retval)
{
	int flag = SCARG(uap, flag);

	if ((flag & ~AT_REMOVEDIR) != 0)
		return EINVAL;
	if ((flag & AT_REMOVEDIR) != 0)
		return do_sys_rmdirat(l, SCARG(uap, fd), SCARG(uap, path));
	return do_sys_unlinkat(l, SCARG(uap, fd), SCARG(uap, path));
}

/*
 * Make a hard link.  EEXIST if the new name exists, EXDEV across
 * mounts, EPERM for a directory.  Symlinks are not followed.
 */
int
sys_link(struct lwp *l, const struct sys_link_args *uap, register_t *retval)
{
	struct nameidata nd;
	struct pathbuf *pb, *lpb;
	struct vnode *vp;
	int error;

	error = pathbuf_copyin(SCARG(uap, path), &pb);
	if (error != 0)
		return error;
	error = pathbuf_copyin(SCARG(uap, link), &lpb);
	if (error != 0) {
		pathbuf_destroy(pb);
		return error;
	}
	vfs_lock_enter();
	NDINIT(&nd, LOOKUP, NOFOLLOW | TRYEMULROOT, pb);
	error = namei(&nd);
	if (error != 0)
		goto out;
	vp = nd.ni_vp;
	NDINIT(&nd, CREATE, LOCKPARENT | TRYEMULROOT, lpb);
	error = namei(&nd);
	if (error != 0)
		goto out1;
	if (nd.ni_vp != NULL) {
		vrele(nd.ni_vp);
		error = EEXIST;
	} else if (nd.ni_dvp->v_mount != vp->v_mount)
		error = EXDEV;
	else if (vp->v_type == VDIR)
		error = EPERM;
	else
		error = VOP_LINK(nd.ni_dvp, vp, &nd.ni_cnd);
	vrele(nd.ni_dvp);
 out1:
	vrele(vp);
 out:
	vfs_lock_exit();
	pathbuf_destroy(lpb);
	pathbuf_destroy(pb);
	return error;
}

/* Make a symbolic link named link holding path.  EEXIST. */
int
sys_symlink(struct lwp *l, const struct sys_symlink_args *uap,
    register_t *retval)
{
	struct nameidata nd;
	struct pathbuf *lpb;
	struct vattr va;
	char *target;
	int error;

	target = kmem_alloc(MAXPATHLEN, KM_SLEEP);
	error = copyinstr(SCARG(uap, path), target, MAXPATHLEN, NULL);
	if (error != 0)
		goto out0;
	error = pathbuf_copyin(SCARG(uap, link), &lpb);
	if (error != 0)
		goto out0;
	vfs_lock_enter();
	NDINIT(&nd, CREATE, LOCKPARENT | TRYEMULROOT, lpb);
	error = namei(&nd);
	if (error != 0)
		goto out;
	if (nd.ni_vp != NULL) {
		vrele(nd.ni_vp);
		vrele(nd.ni_dvp);
		error = EEXIST;
		goto out;
	}
	vattr_null(&va);
	va.va_type = VLNK;
	va.va_mode = ACCESSPERMS & ~vfs_curumask();
	error = VOP_SYMLINK(nd.ni_dvp, &nd.ni_vp, &nd.ni_cnd, &va, target);
	if (error == 0)
		vrele(nd.ni_vp);
	vrele(nd.ni_dvp);
 out:
	vfs_lock_exit();
	pathbuf_destroy(lpb);
 out0:
	kmem_free(target, MAXPATHLEN);
	return error;
}

/* Read a symbolic link: EINVAL if path is not one. */
int
sys_readlink(struct lwp *l, const struct sys_readlink_args *uap,
    register_t *retval)
{
	struct nameidata nd;
	struct pathbuf *pb;
	struct iovec iov;
	struct uio uio;
	struct vnode *vp;
	size_t len = MIN(SCARG(uap, count), MAXPATHLEN);
	char *kbuf;
	int error;

	error = pathbuf_copyin(SCARG(uap, path), &pb);
	if (error != 0)
		return error;
	kbuf = kmem_alloc(MAXPATHLEN, KM_SLEEP);
	vfs_lock_enter();
	NDINIT(&nd, LOOKUP, NOFOLLOW | TRYEMULROOT, pb);
	error = namei(&nd);
	if (error != 0)
		goto out;
	vp = nd.ni_vp;
	if (vp->v_type != VLNK)
		error = EINVAL;
	else {
		iov.iov_base = kbuf;
		iov.iov_len = len;
		uio.uio_iov = &iov;
		uio.uio_iovcnt = 1;
		uio.uio_offset = 0;
		uio.uio_rw = UIO_READ;
		uio.uio_resid = len;
		UIO_SETUP_SYSSPACE(&uio);
		error = VOP_READLINK(vp, &uio, l->l_cred);
		len -= uio.uio_resid;
	}
	vrele(vp);
 out:
	vfs_lock_exit();
	pathbuf_destroy(pb);
	/* The link goes out after the lock is dropped. */
	if (error == 0 && len > 0)
		error = copyout(kbuf, SCARG(uap, buf), len);
	if (error == 0)
		*retval = len;
	kmem_free(kbuf, MAXPATHLEN);
	return error;
}

/*
 * Is vp (a directory) tdvp or above it?  Walks up from tdvp by ".."
 * within one mount.  => Caller holds the VFS lock.
 */
static int
vfs_isancestor(struct vnode *vp, struct vnode *tdvp, kauth_cred_t cred,
    bool *res)
{
	struct componentname cn;
	struct vnode *dp, *up;
	int error;

	*res = false;
	dp = tdvp;
	vref(dp);
	for (;;) {
		if (dp == vp) {
			*res = true;
			break;
		}
		if ((dp->v_vflag & VV_ROOT) != 0 || dp == rootvnode)
			break;
		memset(&cn, 0, sizeof(cn));
		cn.cn_nameiop = LOOKUP;
		cn.cn_flags = ISDOTDOT | ISLASTCN;
		cn.cn_cred = FSCRED;
		cn.cn_nameptr = "..";
		cn.cn_namelen = 2;
		error = VOP_LOOKUP(dp, &up, &cn);
		if (error != 0) {
			vrele(dp);
			return error;
		}
		vrele(dp);
		if (up == dp)
			return 0;
		dp = up;
	}
	vrele(dp);
	return 0;
}

/*
 * Rename from to to.  In this order: EINVAL for "." or "..", EXDEV
 * across mounts, EINVAL for a directory moved below itself, ENOTEMPTY
 * when the target is a directory above the source, ENOTDIR/EISDIR for a
 * directory replacing a file or a file a directory, EBUSY for a mount
 * point, ENOTEMPTY for a directory replacing a non-empty one (from the
 * file system).  The source is looked up first: a missing source is
 * ENOENT whatever the target.
 * Renaming a file onto another name of itself does nothing.
 */
static int
do_sys_renameat(struct lwp *l, int fromfd, const char *from, int tofd,
    const char *to)
{
	struct nameidata fnd, tnd;
	struct pathbuf *fpb, *tpb;
	struct vnode *fdvp, *fvp, *tdvp, *tvp;
	bool below;
	int error;

	error = pathbuf_copyin(from, &fpb);
	if (error != 0)
		return error;
	error = pathbuf_copyin(to, &tpb);
	if (error != 0) {
		pathbuf_destroy(fpb);
		return error;
	}
	vfs_lock_enter();
	error = vfs_lookupat(fromfd, fpb, &fnd, DELETE, LOCKPARENT);
	if (error != 0)
		goto out;
	fdvp = fnd.ni_dvp;
	fvp = fnd.ni_vp;
	if (fvp == fdvp || (fnd.ni_cnd.cn_flags & ISDOTDOT) != 0) {
		error = EINVAL;
		goto out1;
	}
	error = vfs_lookupat(tofd, tpb, &tnd, RENAME,
	    LOCKPARENT | (fvp->v_type == VDIR ? CREATEDIR : 0));
	if (error != 0)
		goto out1;
	tdvp = tnd.ni_dvp;
	tvp = tnd.ni_vp;
	if (tvp == tdvp || (tnd.ni_cnd.cn_flags & ISDOTDOT) != 0) {
		error = EINVAL;
		goto out2;
	}
	if (fvp->v_mount != tdvp->v_mount ||
	    (tvp != NULL && tvp->v_mount != tdvp->v_mount)) {
		error = EXDEV;
		goto out2;
	}
	if (fvp == tvp) {
		/* Two names of one file: nothing to do. */
		error = 0;
		goto out2;
	}
	if (fvp->v_type == VDIR && fdvp != tdvp) {
		error = vfs_isancestor(fvp, tdvp, FSCRED, &below);
		if (error == 0 && below)
			error = EINVAL;
		if (error != 0)
			goto out2;
	}
	if (tvp != NULL) {
		/* A target above the source holds it: it is not empty. */
		if (tvp->v_type == VDIR) {
			error = vfs_isancestor(tvp, fdvp, FSCRED, &below);
			if (error == 0 && below)
				error = ENOTEMPTY;
			if (error != 0)
				goto out2;
		}
		if (fvp->v_type == VDIR && tvp->v_type != VDIR) {
			error = ENOTDIR;
			goto out2;
		}
		if (fvp->v_type != VDIR && tvp->v_type == VDIR) {
			error = EISDIR;
			goto out2;
		}
		if ((tvp->v_vflag & VV_ROOT) != 0 ||
		    tvp->v_mountedhere != NULL) {
			error = EBUSY;
			goto out2;
		}
	}
	if ((fvp->v_vflag & VV_ROOT) != 0 || fvp->v_mountedhere != NULL) {
		error = EBUSY;
		goto out2;
	}
	error = VOP_RENAME(fdvp, fvp, &fnd.ni_cnd, tdvp, tvp, &tnd.ni_cnd);
 out2:
	if (tvp != NULL)
		vrele(tvp);
	vrele(tdvp);
 out1:
	vrele(fvp);
	vrele(fdvp);
 out:
	vfs_lock_exit();
	pathbuf_destroy(tpb);
	pathbuf_destroy(fpb);
	return error;
}

int
sys_rename(struct lwp *l, const struct sys_rename_args *uap,
    register_t *retval)
{

	return do_sys_renameat(l, AT_FDCWD, SCARG(uap, from), AT_FDCWD,
	    SCARG(uap, to));
}

int
sys_renameat(struct lwp *l, const struct sys_renameat_args *uap,
    register_t *retval)
{

	return do_sys_renameat(l, SCARG(uap, fromfd), SCARG(uap, from),
	    SCARG(uap, tofd), SCARG(uap, to));
}

/* Change the current directory to vp (referenced; consumed). */
static int
vfs_setcwd(struct vnode *vp, kauth_cred_t cred)
{
	struct cwdinfo *cwdi = curproc->p_cwdi;
	struct vnode *ovp;
	int error;

	if (vp->v_type != VDIR)
		error = ENOTDIR;
	else
		error = VOP_ACCESS(vp, VEXEC, cred);
	if (error != 0) {
		vrele(vp);
		return error;
	}
	rw_enter(&cwdi->cwdi_lock, RW_WRITER);
	ovp = cwdi->cwdi_cdir;
	cwdi->cwdi_cdir = vp;
	rw_exit(&cwdi->cwdi_lock);
	if (ovp != NULL)
		vrele(ovp);
	return 0;
}

int
sys_chdir(struct lwp *l, const struct sys_chdir_args *uap, register_t *retval)
{
	struct nameidata nd;
	struct pathbuf *pb;
	int error;

	error = pathbuf_copyin(SCARG(uap, path), &pb);
	if (error != 0)
		return error;
	vfs_lock_enter();
	NDINIT(&nd, LOOKUP, FOLLOW | TRYEMULROOT, pb);
	error = namei(&nd);
	if (error == 0)
		error = vfs_setcwd(nd.ni_vp, l->l_cred);
	vfs_lock_exit();
	pathbuf_destroy(pb);
	return error;
}

int
sys_fchdir(struct lwp *l, const struct sys_fchdir_args *uap,
    register_t *retval)
{
	struct file *fp;
	struct vnode *vp;
	int error;

	error = fd_getvnode(SCARG(uap, fd), &fp);
	if (error != 0)
		return error;
	vfs_lock_enter();
	vp = fp->f_vnode;
	vref(vp);
	error = vfs_setcwd(vp, l->l_cred);
	vfs_lock_exit();
	fd_putfile(SCARG(uap, fd));
	return error;
}

/* Set attributes of vp after the file system's permission checks. */
static int
vfs_setattr(struct vnode *vp, struct vattr *va, kauth_cred_t cred)
{

	return VOP_SETATTR(vp, va, cred);
}

/*
 * Run fn on the vnode path names (following symlinks or not), or on
 * the vnode of descriptor fd when path is NULL.
 */
static int
vfs_onpath(struct lwp *l, int fdat, const char *path, bool follow,
    struct vattr *va)
{
	struct nameidata nd;
	struct pathbuf *pb;
	int error;

	error = pathbuf_copyin(path, &pb);
	if (error != 0)
		return error;
	vfs_lock_enter();
	error = vfs_lookupat(fdat, pb, &nd, LOOKUP, follow ? FOLLOW : NOFOLLOW);
	if (error == 0) {
		error = vfs_setattr(nd.ni_vp, va, l->l_cred);
		vrele(nd.ni_vp);
	}
	vfs_lock_exit();
	pathbuf_destroy(pb);
	return error;
}

static int
vfs_onfd(struct lwp *l, int fd, struct vattr *va)
{
	struct file *fp;
	int error;

	error = fd_getvnode(fd, &fp);
	if (error != 0)
		return error;
	vfs_lock_enter();
	error = vfs_setattr(fp->f_vnode, va, l->l_cred);
	vfs_lock_exit();
	fd_putfile(fd);
	return error;
}

int
sys_chmod(struct lwp *l, const struct sys_chmod_args *uap, register_t *retval)
{
	struct vattr va;

	vattr_null(&va);
	va.va_mode = SCARG(uap, mode) & ALLPERMS;
	return vfs_onpath(l, AT_FDCWD, SCARG(uap, path), true, &va);
}

int
sys_fchmod(struct lwp *l, const struct sys_fchmod_args *uap,
    register_t *retval)
{
	struct vattr va;

	vattr_null(&va);
	va.va_mode = SCARG(uap, mode) & ALLPERMS;
	return vfs_onfd(l, SCARG(uap, fd), &va);
}

int
sys_chown(struct lwp *l, const struct sys_chown_args *uap, register_t *retval)
{
	struct vattr va;

	vattr_null(&va);
	va.va_uid = SCARG(uap, uid);
	va.va_gid = SCARG(uap, gid);
	return vfs_onpath(l, AT_FDCWD, SCARG(uap, path), true, &va);
}

int
sys_lchown(struct lwp *l, const struct sys_lchown_args *uap,
    register_t *retval)
{
	struct vattr va;

	vattr_null(&va);
	va.va_uid = SCARG(uap, uid);
	va.va_gid = SCARG(uap, gid);
	return vfs_onpath(l, AT_FDCWD, SCARG(uap, path), false, &va);
}

int
sys_fchown(struct lwp *l, const struct sys_fchown_args *uap,
    register_t *retval)
{
	struct vattr va;

	vattr_null(&va);
	va.va_uid = SCARG(uap, uid);
	va.va_gid = SCARG(uap, gid);
	return vfs_onfd(l, SCARG(uap, fd), &va);
}

/*
 * Set access and modification times from ts (kernel copy, NULL: now;
 * UTIME_NOW and UTIME_OMIT honoured) on path relative to fdat, or on
 * descriptor fdat when path is NULL.
 */
static int
do_sys_utimensat(struct lwp *l, int fdat, const char *path,
    const struct timespec *ts, int flag)
{
	struct vattr va;
	struct timespec now;
	bool follow = (flag & AT_SYMLINK_NOFOLLOW) == 0;
	int i;

	if ((flag & ~AT_SYMLINK_NOFOLLOW) != 0)
		return EINVAL;
	vattr_null(&va);
	vfs_timestamp(&now);
	if (ts == NULL) {
		va.va_atime = now;
		va.va_mtime = now;
		va.va_vaflags |= VA_UTIMES_NULL;
	} else {
		for (i = 0; i < 2; i++) {
			if (ts[i].tv_nsec != UTIME_NOW &&
			    ts[i].tv_nsec != UTIME_OMIT &&
			    (ts[i].tv_nsec < 0 || ts[i].tv_nsec >= 1000000000L))
				return EINVAL;
		}
		if (ts[0].tv_nsec == UTIME_OMIT && ts[1].tv_nsec == UTIME_OMIT)
			return 0;
		if (ts[0].tv_nsec == UTIME_NOW && ts[1].tv_nsec == UTIME_NOW)
			va.va_vaflags |= VA_UTIMES_NULL;
		if (ts[0].tv_nsec == UTIME_NOW)
			va.va_atime = now;
		else if (ts[0].tv_nsec != UTIME_OMIT)
			va.va_atime = ts[0];
		if (ts[1].tv_nsec == UTIME_NOW)
			va.va_mtime = now;
		else if (ts[1].tv_nsec != UTIME_OMIT)
			va.va_mtime = ts[1];
	}
	if (path == NULL)
		return vfs_onfd(l, fdat, &va);
	return vfs_onpath(l, fdat, path, follow, &va);
}

int
sys_utimes(struct lwp *l, const struct sys_utimes_args *uap,
    register_t *retval)
{
	struct timeval tv[2];
	struct timespec ts[2];
	int error;

	if (SCARG(uap, tptr) == NULL)
		return do_sys_utimensat(l, AT_FDCWD, SCARG(uap, path), NULL, 0);
	error = copyin(SCARG(uap, tptr), tv, sizeof(tv));
	if (error != 0)
		return error;
	if (tv[0].tv_usec < 0 || tv[0].tv_usec >= 1000000 ||
	    tv[1].tv_usec < 0 || tv[1].tv_usec >= 1000000)
		return EINVAL;
	TIMEVAL_TO_TIMESPEC(&tv[0], &ts[0]);
	TIMEVAL_TO_TIMESPEC(&tv[1], &ts[1]);
	return do_sys_utimensat(l, AT_FDCWD, SCARG(uap, path), ts, 0);
}

int
sys_utimensat(struct lwp *l, const struct sys_utimensat_args *uap,
    register_t *retval)
{
	struct timespec ts[2];
	int error;

	if (SCARG(uap, tptr) == NULL)
		return do_sys_utimensat(l, SCARG(uap, fd), SCARG(uap, path),
		    NULL, SCARG(uap, flag));
	error = copyin(SCARG(uap, tptr), ts, sizeof(ts));
	if (error != 0)
		return error;
	return do_sys_utimensat(l, SCARG(uap, fd), SCARG(uap, path), ts,
	    SCARG(uap, flag));
}

/* stat of path relative to fdat, following the last symlink or not. */
static int
do_sys_statat(struct lwp *l, int fdat, const char *path, bool follow,
    struct stat *sb)
{
	struct nameidata nd;
	struct pathbuf *pb;
	int error;

	error = pathbuf_copyin(path, &pb);
	if (error != 0)
		return error;
	vfs_lock_enter();
	error = vfs_lookupat(fdat, pb, &nd, LOOKUP, follow ? FOLLOW : NOFOLLOW);
	if (error == 0) {
		error = vn_stat(nd.ni_vp, sb);
		vrele(nd.ni_vp);
	}
	vfs_lock_exit();
	pathbuf_destroy(pb);
	return error;
}

int
sys_stat(struct lwp *l, const struct sys_stat_args *uap, register_t *retval)
{
	struct stat sb;
	int error;

	error = do_sys_statat(l, AT_FDCWD, SCARG(uap, path), true, &sb);
	if (error != 0)
		return error;
	return copyout(&sb, SCARG(uap, ub), sizeof(sb));
}

int
sys_lstat(struct lwp *l, const struct sys_lstat_args *uap, register_t *retval)
{
	struct stat sb;
	int error;

	error = do_sys_statat(l, AT_FDCWD, SCARG(uap, path), false, &sb);
	if (error != 0)
		return error;
	return copyout(&sb, SCARG(uap, ub), sizeof(sb));
}

int
sys_fstatat(struct lwp *l, const struct sys_fstatat_args *uap,
    register_t *retval)
{
	struct stat sb;
	int error;

	if ((SCARG(uap, flag) & ~AT_SYMLINK_NOFOLLOW) != 0)
		return EINVAL;
	error = do_sys_statat(l, SCARG(uap, fd), SCARG(uap, path),
	    (SCARG(uap, flag) & AT_SYMLINK_NOFOLLOW) == 0, &sb);
	if (error != 0)
		return error;
	return copyout(&sb, SCARG(uap, buf), sizeof(sb));
}

int
sys_fstat(struct lwp *l, const struct sys_fstat_args *uap, register_t *retval)
{
	struct stat sb;
	struct file *fp;
	int error;

	fp = fd_getfile(SCARG(uap, fd));
	if (fp == NULL)
		return EBADF;
	if (fp->f_ops->fo_stat == NULL)
		error = EOPNOTSUPP;
	else
		error = (*fp->f_ops->fo_stat)(fp, &sb);
	fd_putfile(SCARG(uap, fd));
	if (error != 0)
		return error;
	return copyout(&sb, SCARG(uap, sb), sizeof(sb));
}

/*
 * access(2): may the real user do mode (R_OK, W_OK, X_OK, or F_OK for
 * existence)?  EINVAL for other bits, EACCES, EROFS.
 */
int
sys_access(struct lwp *l, const struct sys_access_args *uap,
    register_t *retval)
{
	struct nameidata nd;
	struct pathbuf *pb;
	kauth_cred_t cred;
	struct vnode *vp;
	int mode = SCARG(uap, flags), vmode, error;

	if ((mode & ~(R_OK | W_OK | X_OK)) != 0)
		return EINVAL;
	error = pathbuf_copyin(SCARG(uap, path), &pb);
	if (error != 0)
		return error;
	cred = kauth_cred_dup(l->l_cred);
	kauth_cred_seteuid(cred, kauth_cred_getuid(l->l_cred));
	kauth_cred_setegid(cred, kauth_cred_getgid(l->l_cred));
	vfs_lock_enter();
	NDINIT(&nd, LOOKUP, FOLLOW | TRYEMULROOT, pb);
	nd.ni_cnd.cn_cred = cred;
	error = namei(&nd);
	if (error != 0)
		goto out;
	vp = nd.ni_vp;
	if (mode != 0) {
		vmode = 0;
		if (mode & R_OK)
			vmode |= VREAD;
		if (mode & W_OK)
			vmode |= VWRITE;
		if (mode & X_OK)
			vmode |= VEXEC;
		error = VOP_ACCESS(vp, vmode, cred);
		if (error == 0 && (vmode & VWRITE) != 0)
			error = vn_writechk(vp);
	}
	vrele(vp);
 out:
	vfs_lock_exit();
	kauth_cred_free(cred);
	pathbuf_destroy(pb);
	return error;
}

/* Truncate or extend to length: EINVAL if negative, EISDIR, EACCES. */
int
sys_truncate(struct lwp *l, const struct sys_truncate_args *uap,
    register_t *retval)
{
	struct nameidata nd;
	struct pathbuf *pb;
	struct vattr va;
	struct vnode *vp;
	int error;

	if (SCARG(uap, length) < 0)
		return EINVAL;
	error = pathbuf_copyin(SCARG(uap, path), &pb);
	if (error != 0)
		return error;
	vfs_lock_enter();
	NDINIT(&nd, LOOKUP, FOLLOW | TRYEMULROOT, pb);
	error = namei(&nd);
	if (error != 0)
		goto out;
	vp = nd.ni_vp;
	if (vp->v_type == VDIR)
		error = EISDIR;
	else if ((error = vn_writechk(vp)) == 0 &&
	    (error = VOP_ACCESS(vp, VWRITE, l->l_cred)) == 0) {
		vattr_null(&va);
		va.va_size = SCARG(uap, length);
		error = VOP_SETATTR(vp, &va, l->l_cred);
	}
	vrele(vp);
 out:
	vfs_lock_exit();
	pathbuf_destroy(pb);
	return error;
}

/* ftruncate: EINVAL if negative or fd is not open for writing. */
int
sys_ftruncate(struct lwp *l, const struct sys_ftruncate_args *uap,
    register_t *retval)
{
	struct file *fp;
	struct vattr va;
	struct vnode *vp;
	int error;

	if (SCARG(uap, length) < 0)
		return EINVAL;
	error = fd_getvnode(SCARG(uap, fd), &fp);
	if (error != 0)
		return error;
	if ((fp->f_flag & FWRITE) == 0) {
		fd_putfile(SCARG(uap, fd));
		return EINVAL;
	}
	vfs_lock_enter();
	vp = fp->f_vnode;
	if (vp->v_type == VDIR)
		error = EISDIR;
	else {
		vattr_null(&va);
		va.va_size = SCARG(uap, length);
		error = VOP_SETATTR(vp, &va, fp->f_cred);
	}
	vfs_lock_exit();
	fd_putfile(SCARG(uap, fd));
	return error;
}

int
sys_fsync(struct lwp *l, const struct sys_fsync_args *uap, register_t *retval)
{
	struct file *fp;
	int error;

	error = fd_getvnode(SCARG(uap, fd), &fp);
	if (error != 0)
		return error;
	vfs_lock_enter();
	error = VOP_FSYNC(fp->f_vnode, fp->f_cred, FSYNC_WAIT, 0, 0);
	vfs_lock_exit();
	fd_putfile(SCARG(uap, fd));
	return error;
}

/*
 * Read directory entries (struct dirent) from the offset of fd.
 * EBADF if not open for reading, EINVAL if not a directory or the
 * buffer cannot hold one entry.
 */
int
sys_getdents(struct lwp *l, const struct sys_getdents_args *uap,
    register_t *retval)
{
	struct file *fp;
	struct iovec iov;
	struct uio uio;
	struct vnode *vp;
	size_t len, buflen;
	char *kbuf;
	int eof, error;

	error = fd_getvnode(SCARG(uap, fd), &fp);
	if (error != 0)
		return error;
	if ((fp->f_flag & FREAD) == 0) {
		fd_putfile(SCARG(uap, fd));
		return EBADF;
	}
	/* Entries go through a kernel buffer: no copyout under the lock. */
	len = MIN(SCARG(uap, count), GETDENTS_MAX);
	buflen = MAX(len, 1);
	kbuf = kmem_alloc(buflen, KM_SLEEP);
	vfs_lock_enter();
	vp = fp->f_vnode;
	if (vp->v_type != VDIR) {
		error = EINVAL;
		vfs_lock_exit();
		goto out;
	}
	iov.iov_base = kbuf;
	iov.iov_len = len;
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_rw = UIO_READ;
	uio.uio_resid = len;
	uio.uio_offset = fp->f_offset;
	UIO_SETUP_SYSSPACE(&uio);
	eof = 0;
	error = VOP_READDIR(vp, &uio, fp->f_cred, &eof, NULL, NULL);
	fp->f_offset = uio.uio_offset;
	vfs_lock_exit();
	len -= uio.uio_resid;
	if (error == 0 && len > 0)
		error = copyout(kbuf, SCARG(uap, buf), len);
	if (error == 0)
		*retval = len;
 out:
	kmem_free(kbuf, buflen);
	fd_putfile(SCARG(uap, fd));
	return error;
}

/* Set the file creation mask; returns the old one. */
int
sys_umask(struct lwp *l, const struct sys_umask_args *uap, register_t *retval)
{
	struct cwdinfo *cwdi = curproc->p_cwdi;

	rw_enter(&cwdi->cwdi_lock, RW_WRITER);
	*retval = cwdi->cwdi_cmask;
	cwdi->cwdi_cmask = SCARG(uap, newmask) & ALLPERMS;
	rw_exit(&cwdi->cwdi_lock);
	return 0;
}
