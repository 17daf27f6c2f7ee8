/*
 * The VOP_* calls: each packs its arguments into struct vop_<name>_args
 * and calls the operation through the vnode's vector (sys/vnode_if.h).
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/vnode.h>
#include <sys/vnode_if.h>

const struct vnodeop_desc vop_default_desc = {
	VOP_DEFAULT_DESCOFFSET, "vop_default"
};
const struct vnodeop_desc vop_lookup_desc = {
	VOP_LOOKUP_DESCOFFSET, "vop_lookup"
};
const struct vnodeop_desc vop_create_desc = {
	VOP_CREATE_DESCOFFSET, "vop_create"
};
const struct vnodeop_desc vop_open_desc = {
	VOP_OPEN_DESCOFFSET, "vop_open"
};
const struct vnodeop_desc vop_close_desc = {
	VOP_CLOSE_DESCOFFSET, "vop_close"
};
const struct vnodeop_desc vop_access_desc = {
	VOP_ACCESS_DESCOFFSET, "vop_access"
};
const struct vnodeop_desc vop_getattr_desc = {
	VOP_GETATTR_DESCOFFSET, "vop_getattr"
};
const struct vnodeop_desc vop_setattr_desc = {
	VOP_SETATTR_DESCOFFSET, "vop_setattr"
};
const struct vnodeop_desc vop_read_desc = {
	VOP_READ_DESCOFFSET, "vop_read"
};
const struct vnodeop_desc vop_write_desc = {
	VOP_WRITE_DESCOFFSET, "vop_write"
};
const struct vnodeop_desc vop_fsync_desc = {
	VOP_FSYNC_DESCOFFSET, "vop_fsync"
};
const struct vnodeop_desc vop_remove_desc = {
	VOP_REMOVE_DESCOFFSET, "vop_remove"
};
const struct vnodeop_desc vop_link_desc = {
	VOP_LINK_DESCOFFSET, "vop_link"
};
const struct vnodeop_desc vop_rename_desc = {
	VOP_RENAME_DESCOFFSET, "vop_rename"
};
const struct vnodeop_desc vop_mkdir_desc = {
	VOP_MKDIR_DESCOFFSET, "vop_mkdir"
};
const struct vnodeop_desc vop_rmdir_desc = {
	VOP_RMDIR_DESCOFFSET, "vop_rmdir"
};
const struct vnodeop_desc vop_symlink_desc = {
	VOP_SYMLINK_DESCOFFSET, "vop_symlink"
};
const struct vnodeop_desc vop_readdir_desc = {
	VOP_READDIR_DESCOFFSET, "vop_readdir"
};
const struct vnodeop_desc vop_readlink_desc = {
	VOP_READLINK_DESCOFFSET, "vop_readlink"
};
const struct vnodeop_desc vop_inactive_desc = {
	VOP_INACTIVE_DESCOFFSET, "vop_inactive"
};
const struct vnodeop_desc vop_reclaim_desc = {
	VOP_RECLAIM_DESCOFFSET, "vop_reclaim"
};
const struct vnodeop_desc vop_pathconf_desc = {
	VOP_PATHCONF_DESCOFFSET, "vop_pathconf"
};

const struct vnodeop_desc * const vfs_op_descs[] = {
	&vop_default_desc,
	&vop_lookup_desc,
	&vop_create_desc,
	&vop_open_desc,
	&vop_close_desc,
	&vop_access_desc,
	&vop_getattr_desc,
	&vop_setattr_desc,
	&vop_read_desc,
	&vop_write_desc,
	&vop_fsync_desc,
	&vop_remove_desc,
	&vop_link_desc,
	&vop_rename_desc,
	&vop_mkdir_desc,
	&vop_rmdir_desc,
	&vop_symlink_desc,
	&vop_readdir_desc,
	&vop_readlink_desc,
	&vop_inactive_desc,
	&vop_reclaim_desc,
	&vop_pathconf_desc,
	NULL,
};

int
VOP_LOOKUP(struct vnode *dvp, struct vnode **vpp, struct componentname *cnp)
{
	struct vop_lookup_args a;
	int error;

	a.a_desc = VDESC(vop_lookup);
	a.a_dvp = dvp;
	a.a_vpp = vpp;
	a.a_cnp = cnp;
	error = (VCALL(dvp, VOFFSET(vop_lookup), &a));
	return error;
}

int
VOP_CREATE(struct vnode *dvp, struct vnode **vpp, struct componentname *cnp,
    struct vattr *vap)
{
	struct vop_create_args a;
	int error;

	a.a_desc = VDESC(vop_create);
	a.a_dvp = dvp;
	a.a_vpp = vpp;
	a.a_cnp = cnp;
	a.a_vap = vap;
	error = (VCALL(dvp, VOFFSET(vop_create), &a));
	return error;
}

int
VOP_OPEN(struct vnode *vp, int mode, kauth_cred_t cred)
{
	struct vop_open_args a;
	int error;

	a.a_desc = VDESC(vop_open);
	a.a_vp = vp;
	a.a_mode = mode;
	a.a_cred = cred;
	error = (VCALL(vp, VOFFSET(vop_open), &a));
	return error;
}

int
VOP_CLOSE(struct vnode *vp, int fflag, kauth_cred_t cred)
{
	struct vop_close_args a;
	int error;

	a.a_desc = VDESC(vop_close);
	a.a_vp = vp;
	a.a_fflag = fflag;
	a.a_cred = cred;
	error = (VCALL(vp, VOFFSET(vop_close), &a));
	return error;
}

int
VOP_ACCESS(struct vnode *vp, int mode, kauth_cred_t cred)
{
	struct vop_access_args a;
	int error;

	a.a_desc = VDESC(vop_access);
	a.a_vp = vp;
	a.a_mode = mode;
	a.a_cred = cred;
	error = (VCALL(vp, VOFFSET(vop_access), &a));
	return error;
}

int
VOP_GETATTR(struct vnode *vp, struct vattr *vap, kauth_cred_t cred)
{
	struct vop_getattr_args a;
	int error;

	a.a_desc = VDESC(vop_getattr);
	a.a_vp = vp;
	a.a_vap = vap;
	a.a_cred = cred;
	error = (VCALL(vp, VOFFSET(vop_getattr), &a));
	return error;
}

int
VOP_SETATTR(struct vnode *vp, struct vattr *vap, kauth_cred_t cred)
{
	struct vop_setattr_args a;
	int error;

	a.a_desc = VDESC(vop_setattr);
	a.a_vp = vp;
	a.a_vap = vap;
	a.a_cred = cred;
	error = (VCALL(vp, VOFFSET(vop_setattr), &a));
	return error;
}

int
VOP_READ(struct vnode *vp, struct uio *uio, int ioflag, kauth_cred_t cred)
{
	struct vop_read_args a;
	int error;

	a.a_desc = VDESC(vop_read);
	a.a_vp = vp;
	a.a_uio = uio;
	a.a_ioflag = ioflag;
	a.a_cred = cred;
	error = (VCALL(vp, VOFFSET(vop_read), &a));
	return error;
}

int
VOP_WRITE(struct vnode *vp, struct uio *uio, int ioflag, kauth_cred_t cred)
{
	struct vop_write_args a;
	int error;

	a.a_desc = VDESC(vop_write);
	a.a_vp = vp;
	a.a_uio = uio;
	a.a_ioflag = ioflag;
	a.a_cred = cred;
	error = (VCALL(vp, VOFFSET(vop_write), &a));
	return error;
}

int
VOP_FSYNC(struct vnode *vp, kauth_cred_t cred, int flags, off_t offlo,
    off_t offhi)
{
	struct vop_fsync_args a;
	int error;

	a.a_desc = VDESC(vop_fsync);
	a.a_vp = vp;
	a.a_cred = cred;
	a.a_flags = flags;
	a.a_offlo = offlo;
	a.a_offhi = offhi;
	error = (VCALL(vp, VOFFSET(vop_fsync), &a));
	return error;
}

int
VOP_REMOVE(struct vnode *dvp, struct vnode *vp, struct componentname *cnp)
{
	struct vop_remove_args a;
	int error;

	a.a_desc = VDESC(vop_remove);
	a.a_dvp = dvp;
	a.a_vp = vp;
	a.a_cnp = cnp;
	error = (VCALL(dvp, VOFFSET(vop_remove), &a));
	return error;
}

int
VOP_LINK(struct vnode *dvp, struct vnode *vp, struct componentname *cnp)
{
	struct vop_link_args a;
	int error;

	a.a_desc = VDESC(vop_link);
	a.a_dvp = dvp;
	a.a_vp = vp;
	a.a_cnp = cnp;
	error = (VCALL(dvp, VOFFSET(vop_link), &a));
	return error;
}

int
VOP_RENAME(struct vnode *fdvp, struct vnode *fvp, struct componentname *fcnp,
    struct vnode *tdvp, struct vnode *tvp, struct componentname *tcnp)
{
	struct vop_rename_args a;
	int error;

	a.a_desc = VDESC(vop_rename);
	a.a_fdvp = fdvp;
	a.a_fvp = fvp;
	a.a_fcnp = fcnp;
	a.a_tdvp = tdvp;
	a.a_tvp = tvp;
	a.a_tcnp = tcnp;
	error = (VCALL(fdvp, VOFFSET(vop_rename), &a));
	return error;
}

int
VOP_MKDIR(struct vnode *dvp, struct vnode **vpp, struct componentname *cnp,
    struct vattr *vap)
{
	struct vop_mkdir_args a;
	int error;

	a.a_desc = VDESC(vop_mkdir);
	a.a_dvp = dvp;
	a.a_vpp = vpp;
	a.a_cnp = cnp;
	a.a_vap = vap;
	error = (VCALL(dvp, VOFFSET(vop_mkdir), &a));
	return error;
}

int
VOP_RMDIR(struct vnode *dvp, struct vnode *vp, struct componentname *cnp)
{
	struct vop_rmdir_args a;
	int error;

	a.a_desc = VDESC(vop_rmdir);
	a.a_dvp = dvp;
	a.a_vp = vp;
	a.a_cnp = cnp;
	error = (VCALL(dvp, VOFFSET(vop_rmdir), &a));
	return error;
}

int
VOP_SYMLINK(struct vnode *dvp, struct vnode **vpp, struct componentname *cnp,
    struct vattr *vap, char *target)
{
	struct vop_symlink_args a;
	int error;

	a.a_desc = VDESC(vop_symlink);
	a.a_dvp = dvp;
	a.a_vpp = vpp;
	a.a_cnp = cnp;
	a.a_vap = vap;
	a.a_target = target;
	error = (VCALL(dvp, VOFFSET(vop_symlink), &a));
	return error;
}

int
VOP_READDIR(struct vnode *vp, struct uio *uio, kauth_cred_t cred, int *eofflag,
    off_t **cookies, int *ncookies)
{
	struct vop_readdir_args a;
	int error;

	a.a_desc = VDESC(vop_readdir);
	a.a_vp = vp;
	a.a_uio = uio;
	a.a_cred = cred;
	a.a_eofflag = eofflag;
	a.a_cookies = cookies;
	a.a_ncookies = ncookies;
	error = (VCALL(vp, VOFFSET(vop_readdir), &a));
	return error;
}

int
VOP_READLINK(struct vnode *vp, struct uio *uio, kauth_cred_t cred)
{
	struct vop_readlink_args a;
	int error;

	a.a_desc = VDESC(vop_readlink);
	a.a_vp = vp;
	a.a_uio = uio;
	a.a_cred = cred;
	error = (VCALL(vp, VOFFSET(vop_readlink), &a));
	return error;
}

int
VOP_INACTIVE(struct vnode *vp, bool *recycle)
{
	struct vop_inactive_args a;
	int error;

	a.a_desc = VDESC(vop_inactive);
	a.a_vp = vp;
	a.a_recycle = recycle;
	error = (VCALL(vp, VOFFSET(vop_inactive), &a));
	return error;
}

int
VOP_RECLAIM(struct vnode *vp)
{
	struct vop_reclaim_args a;
	int error;

	a.a_desc = VDESC(vop_reclaim);
	a.a_vp = vp;
	error = (VCALL(vp, VOFFSET(vop_reclaim), &a));
	return error;
}

int
VOP_PATHCONF(struct vnode *vp, int name, register_t *retval)
{
	struct vop_pathconf_args a;
	int error;

	a.a_desc = VDESC(vop_pathconf);
	a.a_vp = vp;
	a.a_name = name;
	a.a_retval = retval;
	error = (VCALL(vp, VOFFSET(vop_pathconf), &a));
	return error;
}
