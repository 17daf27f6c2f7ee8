/*
 * Vnode operations: the descriptors, argument structures and VOP_*
 * calls.  A file system provides an operation vector: a table of
 * { &vop_<name>_desc, <fs>_<name> } entries (struct vnodeopv_entry_desc)
 * that vfs_attach() turns into the array v_op points at.  VOP_<NAME>()
 * (kernel/vfs/vnode_if.c) packs its arguments into struct
 * vop_<name>_args and calls the file system through that array:
 *
 *	error = VCALL(dvp, VOFFSET(vop_mkdir), &a);
 *
 * The operation receives the argument structure as a void pointer:
 *
 *	int
 *	tmpfs_mkdir(void *v)
 *	{
 *		struct vop_mkdir_args *ap = v;
 *		vnode_t *dvp = ap->a_dvp;
 *		...
 *
 * References: operations never release the references they are given.
 * Those returning a vnode through a_vpp (lookup, create, mkdir,
 * symlink) return it referenced.  VOP_LOOKUP of a last component that
 * does not exist, for CREATE or RENAME, returns EJUSTRETURN.
 */
#ifndef _SYS_VNODE_IF_H_
#define _SYS_VNODE_IF_H_

#include <sys/types.h>
#include <sys/kauth.h>

struct vnode;
struct vattr;
struct uio;
struct componentname;

struct vnodeop_desc {
	int		 vdesc_offset;	/* offset in vector, first for speed */
	const char	*vdesc_name;	/* a readable name for debugging */
};

/* One entry of a file system's operation table. */
struct vnodeopv_entry_desc {
	const struct vnodeop_desc *opve_op;	/* which operation */
	int	(*opve_impl)(void *);		/* code implementing it */
};

/* A file system's operation table and where to put the built vector. */
struct vnodeopv_desc {
	int	(***opv_desc_vector_p)(void *);	/* ptr to the ptr to the vector */
	const struct vnodeopv_entry_desc *opv_desc_ops; /* NULL terminated */
};

enum {
	VOP_DEFAULT_DESCOFFSET = 0,
	VOP_LOOKUP_DESCOFFSET = 1,
	VOP_CREATE_DESCOFFSET = 2,
	VOP_OPEN_DESCOFFSET = 3,
	VOP_CLOSE_DESCOFFSET = 4,
	VOP_ACCESS_DESCOFFSET = 5,
	VOP_GETATTR_DESCOFFSET = 6,
	VOP_SETATTR_DESCOFFSET = 7,
	VOP_READ_DESCOFFSET = 8,
	VOP_WRITE_DESCOFFSET = 9,
	VOP_FSYNC_DESCOFFSET = 10,
	VOP_REMOVE_DESCOFFSET = 11,
	VOP_LINK_DESCOFFSET = 12,
	VOP_RENAME_DESCOFFSET = 13,
	VOP_MKDIR_DESCOFFSET = 14,
	VOP_RMDIR_DESCOFFSET = 15,
	VOP_SYMLINK_DESCOFFSET = 16,
	VOP_READDIR_DESCOFFSET = 17,
	VOP_READLINK_DESCOFFSET = 18,
	VOP_INACTIVE_DESCOFFSET = 19,
	VOP_RECLAIM_DESCOFFSET = 20,
	VOP_PATHCONF_DESCOFFSET = 21,
	VNODE_OPS_COUNT = 22
};

/* The operations, by their offset in a vector. */
extern const struct vnodeop_desc vop_default_desc;
extern const struct vnodeop_desc vop_lookup_desc;
extern const struct vnodeop_desc vop_create_desc;
extern const struct vnodeop_desc vop_open_desc;
extern const struct vnodeop_desc vop_close_desc;
extern const struct vnodeop_desc vop_access_desc;
extern const struct vnodeop_desc vop_getattr_desc;
extern const struct vnodeop_desc vop_setattr_desc;
extern const struct vnodeop_desc vop_read_desc;
extern const struct vnodeop_desc vop_write_desc;
extern const struct vnodeop_desc vop_fsync_desc;
extern const struct vnodeop_desc vop_remove_desc;
extern const struct vnodeop_desc vop_link_desc;
extern const struct vnodeop_desc vop_rename_desc;
extern const struct vnodeop_desc vop_mkdir_desc;
extern const struct vnodeop_desc vop_rmdir_desc;
extern const struct vnodeop_desc vop_symlink_desc;
extern const struct vnodeop_desc vop_readdir_desc;
extern const struct vnodeop_desc vop_readlink_desc;
extern const struct vnodeop_desc vop_inactive_desc;
extern const struct vnodeop_desc vop_reclaim_desc;
extern const struct vnodeop_desc vop_pathconf_desc;
extern const struct vnodeop_desc * const vfs_op_descs[];

#define	VOFFSET(OP)	(OP##_desc.vdesc_offset)
#define	VDESC(OP)	(&(OP##_desc))
#define	VCALL(VP, OFF, AP)	((*((VP)->v_op[(OFF)]))(AP))

struct vop_lookup_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_dvp;
	struct vnode	**a_vpp;
	struct componentname	*a_cnp;
};
int	VOP_LOOKUP(struct vnode *dvp, struct vnode **vpp,
    struct componentname *cnp);

struct vop_create_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_dvp;
	struct vnode	**a_vpp;
	struct componentname	*a_cnp;
	struct vattr	*a_vap;
};
int	VOP_CREATE(struct vnode *dvp, struct vnode **vpp,
    struct componentname *cnp, struct vattr *vap);

struct vop_open_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_vp;
	int	a_mode;
	kauth_cred_t	a_cred;
};
int	VOP_OPEN(struct vnode *vp, int mode, kauth_cred_t cred);

struct vop_close_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_vp;
	int	a_fflag;
	kauth_cred_t	a_cred;
};
int	VOP_CLOSE(struct vnode *vp, int fflag, kauth_cred_t cred);

struct vop_access_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_vp;
	int	a_mode;
	kauth_cred_t	a_cred;
};
int	VOP_ACCESS(struct vnode *vp, int mode, kauth_cred_t cred);

struct vop_getattr_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_vp;
	struct vattr	*a_vap;
	kauth_cred_t	a_cred;
};
int	VOP_GETATTR(struct vnode *vp, struct vattr *vap, kauth_cred_t cred);

struct vop_setattr_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_vp;
	struct vattr	*a_vap;
	kauth_cred_t	a_cred;
};
int	VOP_SETATTR(struct vnode *vp, struct vattr *vap, kauth_cred_t cred);

struct vop_read_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_vp;
	struct uio	*a_uio;
	int	a_ioflag;
	kauth_cred_t	a_cred;
};
int	VOP_READ(struct vnode *vp, struct uio *uio, int ioflag,
    kauth_cred_t cred);

struct vop_write_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_vp;
	struct uio	*a_uio;
	int	a_ioflag;
	kauth_cred_t	a_cred;
};
int	VOP_WRITE(struct vnode *vp, struct uio *uio, int ioflag,
    kauth_cred_t cred);

struct vop_fsync_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_vp;
	kauth_cred_t	a_cred;
	int	a_flags;
	off_t	a_offlo;
	off_t	a_offhi;
};
int	VOP_FSYNC(struct vnode *vp, kauth_cred_t cred, int flags, off_t offlo,
    off_t offhi);

struct vop_remove_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_dvp;
	struct vnode	*a_vp;
	struct componentname	*a_cnp;
};
int	VOP_REMOVE(struct vnode *dvp, struct vnode *vp,
    struct componentname *cnp);

struct vop_link_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_dvp;
	struct vnode	*a_vp;
	struct componentname	*a_cnp;
};
int	VOP_LINK(struct vnode *dvp, struct vnode *vp,
    struct componentname *cnp);

struct vop_rename_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_fdvp;
	struct vnode	*a_fvp;
	struct componentname	*a_fcnp;
	struct vnode	*a_tdvp;
	struct vnode	*a_tvp;
	struct componentname	*a_tcnp;
};
int	VOP_RENAME(struct vnode *fdvp, struct vnode *fvp,
    struct componentname *fcnp, struct vnode *tdvp, struct vnode *tvp,
    struct componentname *tcnp);

struct vop_mkdir_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_dvp;
	struct vnode	**a_vpp;
	struct componentname	*a_cnp;
	struct vattr	*a_vap;
};
int	VOP_MKDIR(struct vnode *dvp, struct vnode **vpp,
    struct componentname *cnp, struct vattr *vap);

struct vop_rmdir_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_dvp;
	struct vnode	*a_vp;
	struct componentname	*a_cnp;
};
int	VOP_RMDIR(struct vnode *dvp, struct vnode *vp,
    struct componentname *cnp);

struct vop_symlink_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_dvp;
	struct vnode	**a_vpp;
	struct componentname	*a_cnp;
	struct vattr	*a_vap;
	char	*a_target;
};
int	VOP_SYMLINK(struct vnode *dvp, struct vnode **vpp,
    struct componentname *cnp, struct vattr *vap, char *target);

struct vop_readdir_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_vp;
	struct uio	*a_uio;
	kauth_cred_t	a_cred;
	int	*a_eofflag;
	off_t	**a_cookies;
	int	*a_ncookies;
};
int	VOP_READDIR(struct vnode *vp, struct uio *uio, kauth_cred_t cred,
    int *eofflag, off_t **cookies, int *ncookies);

struct vop_readlink_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_vp;
	struct uio	*a_uio;
	kauth_cred_t	a_cred;
};
int	VOP_READLINK(struct vnode *vp, struct uio *uio, kauth_cred_t cred);

struct vop_inactive_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_vp;
	bool	*a_recycle;
};
int	VOP_INACTIVE(struct vnode *vp, bool *recycle);

struct vop_reclaim_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_vp;
};
int	VOP_RECLAIM(struct vnode *vp);

struct vop_pathconf_args {
	const struct vnodeop_desc *a_desc;
	struct vnode	*a_vp;
	int	a_name;
	register_t	*a_retval;
};
int	VOP_PATHCONF(struct vnode *vp, int name, register_t *retval);

#endif /* !_SYS_VNODE_IF_H_ */
