/*
 * tmpfs vnode operations.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/dirent.h>
#include <sys/fcntl.h>
#include <sys/kauth.h>
#include <sys/kmem.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/unistd.h>
#include <sys/vnode.h>
#include <sys/vnode_if.h>

#include "tmpfs.h"

int (**tmpfs_vnodeop_p)(void *);

const struct vnodeopv_entry_desc tmpfs_vnodeop_entries[] = {
	{ &vop_default_desc, vn_default_error },
	{ &vop_lookup_desc, tmpfs_lookup },
	{ &vop_create_desc, tmpfs_create },
	{ &vop_open_desc, tmpfs_open },
	{ &vop_close_desc, tmpfs_close },
	{ &vop_access_desc, tmpfs_access },
	{ &vop_getattr_desc, tmpfs_getattr },
	{ &vop_setattr_desc, tmpfs_setattr },
	{ &vop_read_desc, tmpfs_read },
	{ &vop_write_desc, tmpfs_write },
	{ &vop_fsync_desc, tmpfs_fsync },
	{ &vop_remove_desc, tmpfs_remove },
	{ &vop_link_desc, tmpfs_link },
	{ &vop_rename_desc, tmpfs_rename },
	{ &vop_mkdir_desc, tmpfs_mkdir },
	{ &vop_rmdir_desc, tmpfs_rmdir },
	{ &vop_symlink_desc, tmpfs_symlink },
	{ &vop_readdir_desc, tmpfs_readdir },
	{ &vop_readlink_desc, tmpfs_readlink },
	{ &vop_inactive_desc, tmpfs_inactive },
	{ &vop_reclaim_desc, tmpfs_reclaim },
	{ &vop_pathconf_desc, tmpfs_pathconf },
	{ NULL, NULL }
};

const struct vnodeopv_desc tmpfs_vnodeop_opv_desc = {
	&tmpfs_vnodeop_p, tmpfs_vnodeop_entries
};

/*
 * Look up cnp in directory dvp: "." is dvp, ".." its parent.  A missing
 * last component is EJUSTRETURN for CREATE and RENAME, else ENOENT.
 */
int
tmpfs_lookup(void *v)
{
	struct vop_lookup_args *ap = v;
	vnode_t *dvp = ap->a_dvp;
	vnode_t **vpp = ap->a_vpp;
	struct componentname *cnp = ap->a_cnp;
	struct tmpfs_node *dnode = VP_TO_TMPFS_NODE(dvp), *pnode;
	struct tmpfs_dirent *de;

	*vpp = NULL;
	if (cnp->cn_namelen == 1 && cnp->cn_nameptr[0] == '.') {
		vref(dvp);
		*vpp = dvp;
		return 0;
	}
	if ((cnp->cn_flags & ISDOTDOT) != 0) {
		pnode = dnode->tn_spec.tn_dir.tn_parent;
		if (pnode == NULL)
			return ENOENT;
		return tmpfs_vnode_get(dvp->v_mount, pnode, vpp);
	}
	de = tmpfs_dir_lookup(dnode, cnp);
	if (de == NULL) {
		if ((cnp->cn_flags & ISLASTCN) != 0 &&
		    (cnp->cn_nameiop == CREATE || cnp->cn_nameiop == RENAME) &&
		    dnode->tn_links > 0)
			return EJUSTRETURN;
		return ENOENT;
	}
	return tmpfs_vnode_get(dvp->v_mount, de->td_node, vpp);
}

int
tmpfs_create(void *v)
{
	struct vop_create_args *ap = v;
	vnode_t *dvp = ap->a_dvp;
	struct componentname *cnp = ap->a_cnp;
	struct vattr *vap = ap->a_vap;

	KASSERT(vap->va_type == VREG || vap->va_type == VSOCK);
	return tmpfs_construct_node(dvp, ap->a_vpp, vap, cnp, NULL);
}

int
tmpfs_mkdir(void *v)
{
	struct vop_mkdir_args *ap = v;
	vnode_t *dvp = ap->a_dvp;
	struct componentname *cnp = ap->a_cnp;
	vnode_t **vpp = ap->a_vpp;
	struct vattr *vap = ap->a_vap;

	KASSERT(vap->va_type == VDIR);
	return tmpfs_construct_node(dvp, vpp, vap, cnp, NULL);
}

int
tmpfs_symlink(void *v)
{
	struct vop_symlink_args *ap = v;
	vnode_t *dvp = ap->a_dvp;
	struct componentname *cnp = ap->a_cnp;
	struct vattr *vap = ap->a_vap;

	KASSERT(vap->va_type == VLNK);
	return tmpfs_construct_node(dvp, ap->a_vpp, vap, cnp, ap->a_target);
}

int
tmpfs_open(void *v)
{
	struct vop_open_args *ap = v;
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(ap->a_vp);

	/* A file removed while being opened is gone. */
	if (node->tn_links < 1)
		return ENOENT;
	return 0;
}

int
tmpfs_close(void *v)
{

	return 0;
}

int
tmpfs_access(void *v)
{
	struct vop_access_args *ap = v;
	vnode_t *vp = ap->a_vp;
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);

	if ((ap->a_mode & VWRITE) != 0 &&
	    (vp->v_mount->mnt_flag & MNT_RDONLY) != 0 &&
	    (vp->v_type == VDIR || vp->v_type == VREG || vp->v_type == VLNK))
		return EROFS;
	return vaccess(vp->v_type, node->tn_mode, node->tn_uid, node->tn_gid,
	    ap->a_mode, ap->a_cred);
}

int
tmpfs_getattr(void *v)
{
	struct vop_getattr_args *ap = v;
	vnode_t *vp = ap->a_vp;
	struct vattr *vap = ap->a_vap;
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);

	vattr_null(vap);
	vap->va_type = vp->v_type;
	vap->va_mode = node->tn_mode;
	vap->va_nlink = node->tn_links;
	vap->va_uid = node->tn_uid;
	vap->va_gid = node->tn_gid;
	vap->va_fsid = vp->v_mount->mnt_stat.f_fsidx.__fsid_val[0];
	vap->va_fileid = node->tn_id;
	vap->va_size = node->tn_size;
	vap->va_blocksize = PAGE_SIZE;
	vap->va_atime = node->tn_atime;
	vap->va_mtime = node->tn_mtime;
	vap->va_ctime = node->tn_ctime;
	vap->va_birthtime = node->tn_birthtime;
	vap->va_gen = 0;
	vap->va_flags = 0;
	vap->va_rdev = 0;
	if (vp->v_type == VREG)
		vap->va_bytes = (u_quad_t)node->tn_spec.tn_reg.tn_resident *
		    TMPFS_PAGE_SIZE;
	else
		vap->va_bytes = roundup2((u_quad_t)node->tn_size,
		    TMPFS_PAGE_SIZE);
	vap->va_filerev = 0;
	return 0;
}

/*
 * Change attributes: size (EISDIR for a directory, EINVAL for other
 * non-regular files), owner, mode and times, each with its permission
 * check.  EROFS on a read-only mount.
 */
int
tmpfs_setattr(void *v)
{
	struct vop_setattr_args *ap = v;
	vnode_t *vp = ap->a_vp;
	struct vattr *vap = ap->a_vap;
	kauth_cred_t cred = ap->a_cred;
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);
	int error = 0;

	if ((vp->v_mount->mnt_flag & MNT_RDONLY) != 0)
		return EROFS;
	if (vap->va_type != VNON || vap->va_nlink != (nlink_t)VNOVAL ||
	    vap->va_fsid != (dev_t)VNOVAL || vap->va_fileid != (ino_t)VNOVAL ||
	    vap->va_blocksize != VNOVAL || vap->va_gen != (u_long)VNOVAL ||
	    vap->va_rdev != (dev_t)VNOVAL || vap->va_bytes != (u_quad_t)VNOVAL)
		return EINVAL;
	if (vap->va_size != (u_quad_t)VNOVAL) {
		switch (vp->v_type) {
		case VDIR:
			return EISDIR;
		case VREG:
			if ((off_t)vap->va_size < 0)
				return EINVAL;
			error = tmpfs_reg_resize(vp, vap->va_size);
			if (error != 0)
				return error;
			tmpfs_update(node,
			    TMPFS_UPDATE_MTIME | TMPFS_UPDATE_CTIME);
			break;
		default:
			return EINVAL;
		}
	}
	if (vap->va_uid != (uid_t)VNOVAL || vap->va_gid != (gid_t)VNOVAL) {
		error = tmpfs_chown(vp, vap->va_uid, vap->va_gid, cred);
		if (error != 0)
			return error;
	}
	if (vap->va_mode != (mode_t)VNOVAL) {
		error = tmpfs_chmod(vp, vap->va_mode, cred);
		if (error != 0)
			return error;
	}
	if (vap->va_atime.tv_sec != VNOVAL || vap->va_mtime.tv_sec != VNOVAL) {
		error = tmpfs_chtimes(vp, &vap->va_atime, &vap->va_mtime,
		    vap->va_vaflags, cred);
		if (error != 0)
			return error;
	}
	return 0;
}

int
tmpfs_read(void *v)
{
	struct vop_read_args *ap = v;
	vnode_t *vp = ap->a_vp;
	struct uio *uio = ap->a_uio;
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);
	int error;

	if (vp->v_type == VDIR)
		return EISDIR;
	if (vp->v_type != VREG)
		return EINVAL;
	if (uio->uio_offset < 0)
		return EINVAL;
	error = tmpfs_reg_read(node, uio);
	if ((vp->v_mount->mnt_flag & MNT_NOATIME) == 0)
		tmpfs_update(node, TMPFS_UPDATE_ATIME);
	return error;
}

/*
 * Write at uio_offset (at the end with IO_APPEND).  EFBIG past the
 * largest offset, ENOSPC when the mount is full.
 */
int
tmpfs_write(void *v)
{
	struct vop_write_args *ap = v;
	vnode_t *vp = ap->a_vp;
	struct uio *uio = ap->a_uio;
	struct tmpfs_mount *tmp = VFS_TO_TMPFS(vp->v_mount);
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);
	size_t resid = uio->uio_resid;
	int error;

	if (vp->v_type != VREG)
		return vp->v_type == VDIR ? EISDIR : EINVAL;
	if ((ap->a_ioflag & IO_APPEND) != 0)
		uio->uio_offset = node->tn_size;
	if (uio->uio_offset < 0)
		return EINVAL;
	if (uio->uio_resid == 0)
		return 0;
	if (uio->uio_offset > INT64_MAX - (off_t)uio->uio_resid)
		return EFBIG;
	error = tmpfs_reg_write(tmp, node, uio);
	if (uio->uio_resid != resid)
		tmpfs_update(node, TMPFS_UPDATE_MTIME | TMPFS_UPDATE_CTIME);
	return error;
}

int
tmpfs_fsync(void *v)
{

	return 0;
}

/* Remove the name cnp of vp (not a directory) from dvp. */
int
tmpfs_remove(void *v)
{
	struct vop_remove_args *ap = v;
	vnode_t *dvp = ap->a_dvp;
	vnode_t *vp = ap->a_vp;
	struct componentname *cnp = ap->a_cnp;
	struct tmpfs_mount *tmp = VFS_TO_TMPFS(dvp->v_mount);
	struct tmpfs_node *dnode = VP_TO_TMPFS_NODE(dvp);
	struct tmpfs_dirent *de;

	if (vp->v_type == VDIR)
		return EPERM;
	de = tmpfs_dir_lookup(dnode, cnp);
	if (de == NULL || de->td_node != VP_TO_TMPFS_NODE(vp))
		return ENOENT;
	tmpfs_dir_detach(dnode, de);
	tmpfs_free_dirent(tmp, de);
	return 0;
}

/* Remove the empty directory vp, named cnp in dvp.  ENOTEMPTY. */
int
tmpfs_rmdir(void *v)
{
	struct vop_rmdir_args *ap = v;
	vnode_t *dvp = ap->a_dvp;
	vnode_t *vp = ap->a_vp;
	struct componentname *cnp = ap->a_cnp;
	struct tmpfs_mount *tmp = VFS_TO_TMPFS(dvp->v_mount);
	struct tmpfs_node *dnode = VP_TO_TMPFS_NODE(dvp);
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);
	struct tmpfs_dirent *de;

	if (vp->v_type != VDIR)
		return ENOTDIR;
	if (node->tn_spec.tn_dir.tn_nentries > 0)
		return ENOTEMPTY;
	de = tmpfs_dir_lookup(dnode, cnp);
	if (de == NULL || de->td_node != node)
		return ENOENT;
	tmpfs_dir_detach(dnode, de);
	tmpfs_free_dirent(tmp, de);
	/* Its "." goes too: no links are left. */
	KASSERT(node->tn_links == 1);
	node->tn_links = 0;
	return 0;
}

/* Another name cnp in dvp for vp.  EXDEV, EPERM for a directory. */
int
tmpfs_link(void *v)
{
	struct vop_link_args *ap = v;
	vnode_t *dvp = ap->a_dvp;
	vnode_t *vp = ap->a_vp;
	struct componentname *cnp = ap->a_cnp;
	struct tmpfs_mount *tmp = VFS_TO_TMPFS(dvp->v_mount);
	struct tmpfs_node *dnode = VP_TO_TMPFS_NODE(dvp);
	struct tmpfs_node *node;
	struct tmpfs_dirent *de;
	int error;

	if (vp->v_mount != dvp->v_mount)
		return EXDEV;
	if (vp->v_type == VDIR)
		return EPERM;
	node = VP_TO_TMPFS_NODE(vp);
	if (cnp->cn_namelen > TMPFS_MAXNAMLEN)
		return ENAMETOOLONG;
	if (node->tn_links >= INT32_MAX)
		return EMLINK;
	if (node->tn_links == 0)
		return ENOENT;
	error = tmpfs_alloc_dirent(tmp, cnp->cn_nameptr, cnp->cn_namelen, &de);
	if (error != 0)
		return error;
	tmpfs_dir_attach(dnode, de, node);
	tmpfs_update(node, TMPFS_UPDATE_CTIME);
	return 0;
}

/*
 * Rename fcnp in fdvp (the file fvp) to tcnp in tdvp, replacing tvp if
 * there is one.  The VFS has checked types, "." and "..", mounts and
 * that a directory is not moved below itself; left here: ENOTEMPTY for
 * a non-empty directory tvp, ENAMETOOLONG.
 */
int
tmpfs_rename(void *v)
{
	struct vop_rename_args *ap = v;
	vnode_t *fdvp = ap->a_fdvp;
	vnode_t *fvp = ap->a_fvp;
	vnode_t *tdvp = ap->a_tdvp;
	vnode_t *tvp = ap->a_tvp;
	struct componentname *fcnp = ap->a_fcnp;
	struct componentname *tcnp = ap->a_tcnp;
	struct tmpfs_mount *tmp = VFS_TO_TMPFS(fdvp->v_mount);
	struct tmpfs_node *fdnode = VP_TO_TMPFS_NODE(fdvp);
	struct tmpfs_node *tdnode = VP_TO_TMPFS_NODE(tdvp);
	struct tmpfs_node *fnode = VP_TO_TMPFS_NODE(fvp), *tnode;
	struct tmpfs_dirent *fde, *tde;
	char *newname = NULL;

	if (tcnp->cn_namelen > TMPFS_MAXNAMLEN)
		return ENAMETOOLONG;
	fde = tmpfs_dir_lookup(fdnode, fcnp);
	if (fde == NULL || fde->td_node != fnode)
		return ENOENT;
	tde = NULL;
	if (tvp != NULL) {
		tnode = VP_TO_TMPFS_NODE(tvp);
		if (tvp->v_type == VDIR &&
		    tnode->tn_spec.tn_dir.tn_nentries > 0)
			return ENOTEMPTY;
		tde = tmpfs_dir_lookup(tdnode, tcnp);
		if (tde == NULL || tde->td_node != tnode)
			return ENOENT;
	}
	if (tdnode->tn_links == 0)
		return ENOENT;

	/* Allocate first, then change what cannot fail. */
	if (fde->td_namelen != tcnp->cn_namelen ||
	    memcmp(fde->td_name, tcnp->cn_nameptr, tcnp->cn_namelen) != 0)
		newname = kmem_alloc(tcnp->cn_namelen, KM_SLEEP);

	if (tde != NULL) {
		tnode = tde->td_node;
		tmpfs_dir_detach(tdnode, tde);
		tmpfs_free_dirent(tmp, tde);
		if (tnode->tn_type == VDIR) {
			KASSERT(tnode->tn_links == 1);
			tnode->tn_links = 0;
		}
	}
	tmpfs_dir_detach(fdnode, fde);
	if (newname != NULL) {
		memcpy(newname, tcnp->cn_nameptr, tcnp->cn_namelen);
		kmem_free(fde->td_name, fde->td_namelen);
		fde->td_name = newname;
		fde->td_namelen = tcnp->cn_namelen;
	}
	tmpfs_dir_attach(tdnode, fde, fnode);
	tmpfs_update(fnode, TMPFS_UPDATE_CTIME);
	return 0;
}

int
tmpfs_readdir(void *v)
{
	struct vop_readdir_args *ap = v;
	vnode_t *vp = ap->a_vp;
	int eof = 0, error;

	if (vp->v_type != VDIR)
		return ENOTDIR;
	error = tmpfs_dir_getdents(VP_TO_TMPFS_NODE(vp), ap->a_uio, &eof);
	if (ap->a_eofflag != NULL)
		*ap->a_eofflag = eof;
	if (ap->a_ncookies != NULL)
		*ap->a_ncookies = 0;
	return error;
}

int
tmpfs_readlink(void *v)
{
	struct vop_readlink_args *ap = v;
	vnode_t *vp = ap->a_vp;
	struct uio *uio = ap->a_uio;
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);
	int error;

	KASSERT(vp->v_type == VLNK);
	error = uiomove(node->tn_spec.tn_lnk.tn_link,
	    MIN((size_t)node->tn_size, uio->uio_resid), uio);
	if ((vp->v_mount->mnt_flag & MNT_NOATIME) == 0)
		tmpfs_update(node, TMPFS_UPDATE_ATIME);
	return error;
}

/* The last reference is gone: recycle the vnode if the file is. */
int
tmpfs_inactive(void *v)
{
	struct vop_inactive_args *ap = v;
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(ap->a_vp);

	*ap->a_recycle = node->tn_links == 0;
	return 0;
}

/* The vnode goes away; a file without names goes with it. */
int
tmpfs_reclaim(void *v)
{
	struct vop_reclaim_args *ap = v;
	vnode_t *vp = ap->a_vp;
	struct tmpfs_mount *tmp = VFS_TO_TMPFS(vp->v_mount);
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);

	node->tn_vnode = NULL;
	vp->v_data = NULL;
	if (node->tn_links == 0)
		tmpfs_free_node(tmp, node);
	return 0;
}

int
tmpfs_pathconf(void *v)
{
	struct vop_pathconf_args *ap = v;

	switch (ap->a_name) {
	case 1:		/* _PC_LINK_MAX */
		*ap->a_retval = INT32_MAX;
		return 0;
	case 3:		/* _PC_NAME_MAX */
		*ap->a_retval = TMPFS_MAXNAMLEN;
		return 0;
	case 4:		/* _PC_PATH_MAX */
		*ap->a_retval = PATH_MAX;
		return 0;
	default:
		return EINVAL;
	}
}
