/*
 * Helpers for file systems: permission checks, generic vnode operations
 * and statvfs bookkeeping.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kauth.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/vnode.h>
#include <sys/vnode_if.h>

#include "vfs_private.h"

/*
 * Check acc_mode (VREAD, VWRITE, VEXEC) against the owner, group and
 * other bits of a file.  The superuser may do anything except execute
 * a file no one may execute.  Returns 0 or EACCES.
 */
int
vaccess(enum vtype type, mode_t file_mode, uid_t uid, gid_t gid,
    int acc_mode, kauth_cred_t cred)
{
	mode_t mask;
	int ismember;

	if (cred == NOCRED || cred == FSCRED ||
	    kauth_cred_geteuid(cred) == 0) {
		if ((acc_mode & VEXEC) != 0 && type != VDIR &&
		    (file_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) == 0)
			return EACCES;
		return 0;
	}

	mask = 0;
	if (kauth_cred_geteuid(cred) == uid) {
		if (acc_mode & VEXEC)
			mask |= S_IXUSR;
		if (acc_mode & VREAD)
			mask |= S_IRUSR;
		if (acc_mode & VWRITE)
			mask |= S_IWUSR;
		return (file_mode & mask) == mask ? 0 : EACCES;
	}
	ismember = 0;
	if (kauth_cred_getegid(cred) == gid ||
	    (kauth_cred_ismember_gid(cred, gid, &ismember) == 0 &&
	    ismember)) {
		if (acc_mode & VEXEC)
			mask |= S_IXGRP;
		if (acc_mode & VREAD)
			mask |= S_IRGRP;
		if (acc_mode & VWRITE)
			mask |= S_IWGRP;
		return (file_mode & mask) == mask ? 0 : EACCES;
	}
	if (acc_mode & VEXEC)
		mask |= S_IXOTH;
	if (acc_mode & VREAD)
		mask |= S_IROTH;
	if (acc_mode & VWRITE)
		mask |= S_IWOTH;
	return (file_mode & mask) == mask ? 0 : EACCES;
}

/* The default of an operation table: the operation is not supported. */
int
vn_default_error(void *v)
{

	return EOPNOTSUPP;
}

int
genfs_nullop(void *v)
{

	return 0;
}

int
genfs_eopnotsupp(void *v)
{

	return EOPNOTSUPP;
}

/* File system ids: a counter, so every mount has its own. */
void
vfs_getnewfsid(struct mount *mp)
{
	static int32_t xxxfs_mntid;

	mp->mnt_stat.f_fsidx.__fsid_val[0] = 0x5200 + ++xxxfs_mntid;
	mp->mnt_stat.f_fsidx.__fsid_val[1] = 0;
	mp->mnt_stat.f_fsid = (unsigned long)mp->mnt_stat.f_fsidx.__fsid_val[0];
}

/* Copy what the VFS keeps about a mount into a statvfs. */
void
copy_statvfs_info(struct statvfs *sbp, const struct mount *mp)
{
	const struct statvfs *mbp = &mp->mnt_stat;

	sbp->f_flag = (unsigned long)(mp->mnt_flag &
	    (MNT_BASIC_FLAGS | MNT_LOCAL | MNT_ROOTFS | MNT_QUOTA));
	sbp->f_fsidx = mbp->f_fsidx;
	sbp->f_fsid = mbp->f_fsid;
	sbp->f_owner = mbp->f_owner;
	sbp->f_namemax = mbp->f_namemax;
	memcpy(sbp->f_fstypename, mbp->f_fstypename,
	    sizeof(sbp->f_fstypename));
	memcpy(sbp->f_mntonname, mbp->f_mntonname, sizeof(sbp->f_mntonname));
	memcpy(sbp->f_mntfromname, mbp->f_mntfromname,
	    sizeof(sbp->f_mntfromname));
}

/*
 * Ask the file system for its figures and add the VFS's.
 * => Caller holds the VFS lock.
 */
int
dostatvfs(struct mount *mp, struct statvfs *sp, struct lwp *l, int flags,
    int root)
{
	int error;

	memset(sp, 0, sizeof(*sp));
	error = VFS_STATVFS(mp, sp);
	if (error != 0)
		return error;
	copy_statvfs_info(sp, mp);
	return 0;
}

int
vfs_stdsync(struct mount *mp, int waitfor, kauth_cred_t cred)
{

	return 0;
}

static bool
genfs_is_root(kauth_cred_t cred)
{

	return cred == NOCRED || cred == FSCRED ||
	    kauth_cred_geteuid(cred) == 0;
}

/*
 * chmod: the owner or the superuser (EPERM).  Others than the superuser
 * may not set the sticky bit on a file (EFTYPE) nor the set-group-id
 * bit for a group they are not in (EPERM), as in NetBSD.
 */
int
genfs_can_chmod(struct vnode *vp, kauth_cred_t cred, uid_t cur_uid,
    gid_t cur_gid, mode_t new_mode)
{
	int ismember;

	if (genfs_is_root(cred))
		return 0;
	if (kauth_cred_geteuid(cred) != cur_uid)
		return EPERM;
	/* Only the superuser may set the sticky bit on a file. */
	if (vp->v_type != VDIR && (new_mode & S_ISTXT) != 0)
		return EFTYPE;
	/* Set-group-id only for a group the caller is in. */
	if ((new_mode & S_ISGID) != 0 && kauth_cred_getegid(cred) != cur_gid) {
		ismember = 0;
		if (kauth_cred_ismember_gid(cred, cur_gid, &ismember) != 0 ||
		    !ismember)
			return EPERM;
	}
	return 0;
}

/*
 * chown: the superuser, or the owner giving the file to a group it is
 * in while keeping its owner.
 */
int
genfs_can_chown(struct vnode *vp, kauth_cred_t cred, uid_t cur_uid,
    gid_t cur_gid, uid_t new_uid, gid_t new_gid)
{
	int ismember;

	if (genfs_is_root(cred))
		return 0;
	if (kauth_cred_geteuid(cred) != cur_uid || new_uid != cur_uid)
		return EPERM;
	if (new_gid == cur_gid || new_gid == kauth_cred_getegid(cred))
		return 0;
	ismember = 0;
	if (kauth_cred_ismember_gid(cred, new_gid, &ismember) == 0 &&
	    ismember)
		return 0;
	return EPERM;
}

/*
 * utimes: explicit times need the owner or the superuser (EPERM);
 * "now" (VA_UTIMES_NULL) also write permission (EACCES).
 */
int
genfs_can_chtimes(struct vnode *vp, kauth_cred_t cred, uid_t owner_uid,
    u_int vaflags)
{

	if (genfs_is_root(cred) || kauth_cred_geteuid(cred) == owner_uid)
		return 0;
	if ((vaflags & VA_UTIMES_NULL) == 0)
		return EPERM;
	return VOP_ACCESS(vp, VWRITE, cred);
}
