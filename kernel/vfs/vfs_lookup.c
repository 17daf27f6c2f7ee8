/*
 * Pathname translation: pathbufs and namei().  See sys/namei.h for the
 * contract.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/kmem.h>
#include <sys/lwp.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/vnode.h>
#include <sys/vnode_if.h>

#include "vfs_private.h"

/* One allocation: the structure, then the path, then namei's copy. */
#define	PATHBUF_SIZE	(sizeof(struct pathbuf) + 2 * MAXPATHLEN)

static struct pathbuf *
pathbuf_alloc(void)
{
	struct pathbuf *pb;

	pb = kmem_alloc(PATHBUF_SIZE, KM_SLEEP);
	pb->pb_path = (char *)(pb + 1);
	pb->pb_pathcopy = pb->pb_path + MAXPATHLEN;
	pb->pb_pathcopyuses = 0;
	pb->pb_path[0] = '\0';
	return pb;
}

void
pathbuf_destroy(struct pathbuf *pb)
{

	kmem_free(pb, PATHBUF_SIZE);
}

/* A pathbuf holding a kernel string; NULL if it is too long. */
struct pathbuf *
pathbuf_create(const char *path)
{
	struct pathbuf *pb;

	if (strlen(path) >= MAXPATHLEN)
		return NULL;
	pb = pathbuf_alloc();
	strlcpy(pb->pb_path, path, MAXPATHLEN);
	return pb;
}

/*
 * Copy a path from the calling process.  Returns 0, EFAULT, or
 * ENAMETOOLONG if it does not fit in MAXPATHLEN bytes with its NUL.
 */
int
pathbuf_copyin(const char *userpath, struct pathbuf **ret)
{
	struct pathbuf *pb;
	int error;

	pb = pathbuf_alloc();
	error = copyinstr(userpath, pb->pb_path, MAXPATHLEN, NULL);
	if (error != 0) {
		pathbuf_destroy(pb);
		return error;
	}
	*ret = pb;
	return 0;
}

int
pathbuf_maybe_copyin(const char *path, enum uio_seg seg, struct pathbuf **ret)
{

	if (seg == UIO_USERSPACE)
		return pathbuf_copyin(path, ret);
	*ret = pathbuf_create(path);
	return *ret == NULL ? ENAMETOOLONG : 0;
}

/*
 * Read the target of symlink vp and splice it in front of rest (the
 * part of the path after the link) in buf.  Returns 0, ENOENT for an
 * empty link, ENAMETOOLONG if the result does not fit.
 */
static int
namei_splice_link(struct vnode *vp, char *buf, const char *rest,
    kauth_cred_t cred)
{
	struct iovec iov;
	struct uio uio;
	char *lb;
	size_t linklen, restlen;
	int error;

	lb = kmem_alloc(MAXPATHLEN, KM_SLEEP);
	iov.iov_base = lb;
	iov.iov_len = MAXPATHLEN;
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_offset = 0;
	uio.uio_resid = MAXPATHLEN;
	uio.uio_rw = UIO_READ;
	UIO_SETUP_SYSSPACE(&uio);
	error = VOP_READLINK(vp, &uio, cred);
	if (error != 0)
		goto out;
	linklen = MAXPATHLEN - uio.uio_resid;
	if (linklen == 0) {
		error = ENOENT;
		goto out;
	}
	restlen = strlen(rest);
	if (linklen + restlen + 1 > MAXPATHLEN) {
		error = ENAMETOOLONG;
		goto out;
	}
	/* rest may live in buf: move it first. */
	memmove(buf + linklen, rest, restlen + 1);
	memcpy(buf, lb, linklen);
 out:
	kmem_free(lb, MAXPATHLEN);
	return error;
}

/*
 * In a sticky directory (S_ISTXT) only the superuser and the owners of
 * the directory or of the file may remove or rename the file: EPERM.
 */
static int
namei_sticky(struct vnode *dvp, struct vnode *vp, kauth_cred_t cred)
{
	struct vattr va;
	uid_t uid;
	int error;

	if (cred == NOCRED || cred == FSCRED ||
	    (uid = kauth_cred_geteuid(cred)) == 0)
		return 0;
	vattr_null(&va);
	if ((error = VOP_GETATTR(dvp, &va, cred)) != 0)
		return error;
	if ((va.va_mode & S_ISTXT) == 0 || va.va_uid == uid)
		return 0;
	vattr_null(&va);
	if ((error = VOP_GETATTR(vp, &va, cred)) != 0)
		return error;
	return va.va_uid == uid ? 0 : EPERM;
}

/*
 * Look up a path.  See sys/namei.h.
 * => Caller holds the VFS lock.
 */
int
namei(struct nameidata *ndp)
{
	struct componentname *cnp = &ndp->ni_cnd;
	struct vnode *dp, *foundobj, *rootdir, *tdp;
	const char *cp, *ep, *np;
	uint32_t nameiop = cnp->cn_nameiop;
	bool islast, slash;
	int error;

	KASSERT(vfs_lock_owned());
	cnp->cn_flags &= ~PARAMASK | CREATEDIR;
	ndp->ni_pnbuf = ndp->ni_pathbuf->pb_pathcopy;
	strlcpy(ndp->ni_pnbuf, ndp->ni_pathbuf->pb_path, MAXPATHLEN);
	ndp->ni_vp = NULL;
	ndp->ni_dvp = NULL;
	ndp->ni_loopcnt = 0;
	ndp->ni_erootdir = NULL;
	if (ndp->ni_pnbuf[0] == '\0')
		return ENOENT;

	rootdir = vfs_curroot();
	ndp->ni_rootdir = rootdir;
	if (ndp->ni_pnbuf[0] == '/') {
		dp = rootdir;
		vref(dp);
	} else if (ndp->ni_atdir != NULL) {
		dp = ndp->ni_atdir;
		vref(dp);
	} else
		dp = vfs_curcwd();
	cp = ndp->ni_pnbuf;
	foundobj = NULL;

	for (;;) {
		while (*cp == '/')
			cp++;
		if (*cp == '\0') {
			/*
			 * Nothing left to look up ("/", or a link to a
			 * directory with nothing after it): the result is
			 * the directory itself.
			 */
			if (dp->v_type != VDIR) {
				error = ENOTDIR;
				goto bad;
			}
			if (nameiop != LOOKUP) {
				error = nameiop == CREATE ? EEXIST : EBUSY;
				goto bad;
			}
			cnp->cn_nameptr = cp;
			cnp->cn_namelen = 0;
			cnp->cn_flags |= ISLASTCN;
			ndp->ni_next = cp;
			ndp->ni_pathlen = 1;
			ndp->ni_vp = dp;
			vrele(rootdir);
			return 0;
		}

		/* The next component and what follows it. */
		for (ep = cp; *ep != '\0' && *ep != '/'; ep++)
			continue;
		for (np = ep; *np == '/'; np++)
			continue;
		islast = (*np == '\0');
		slash = islast && np != ep;
		cnp->cn_nameptr = cp;
		cnp->cn_namelen = ep - cp;
		ndp->ni_next = ep;
		ndp->ni_pathlen = strlen(ep) + 1;
		cnp->cn_flags &=
		    ~(ISLASTCN | ISDOTDOT | MAKEENTRY | REQUIREDIR);
		if (islast)
			cnp->cn_flags |= ISLASTCN;
		if (slash)
			cnp->cn_flags |= REQUIREDIR;
		if (!islast || (nameiop != DELETE && nameiop != RENAME))
			cnp->cn_flags |= MAKEENTRY;
		if (cnp->cn_namelen > NAME_MAX) {
			error = ENAMETOOLONG;
			goto bad;
		}
		if (dp->v_type != VDIR) {
			error = ENOTDIR;
			goto bad;
		}
		error = VOP_ACCESS(dp, VEXEC, cnp->cn_cred);
		if (error != 0)
			goto bad;

		if (cnp->cn_namelen == 2 && cp[0] == '.' && cp[1] == '.') {
			cnp->cn_flags |= ISDOTDOT;
			/* ".." of the root directory is itself. */
			if (dp == rootdir || dp == rootvnode) {
				foundobj = dp;
				vref(foundobj);
				goto found;
			}
			/* ".." of a mount's root is ".." of what it covers. */
			while ((dp->v_vflag & VV_ROOT) != 0 &&
			    dp->v_mount->mnt_vnodecovered != NULL) {
				tdp = dp->v_mount->mnt_vnodecovered;
				vref(tdp);
				vrele(dp);
				dp = tdp;
			}
		}

		error = VOP_LOOKUP(dp, &foundobj, cnp);
		if (error == EJUSTRETURN) {
			/* The last component may be created. */
			KASSERT(islast);
			if (slash && (cnp->cn_flags & CREATEDIR) == 0) {
				error = ENOENT;
				goto bad;
			}
			error = VOP_ACCESS(dp, VWRITE, cnp->cn_cred);
			if (error != 0)
				goto bad;
			ndp->ni_vp = NULL;
			ndp->ni_dvp = dp;
			vrele(rootdir);
			return 0;
		}
		if (error != 0)
			goto bad;
		if (islast && (nameiop == DELETE || nameiop == RENAME)) {
			/*
			 * Removing a name needs write permission on its
			 * directory, and in a sticky one ownership.
			 */
			error = VOP_ACCESS(dp, VWRITE, cnp->cn_cred);
			if (error == 0 && (cnp->cn_flags & ISDOTDOT) == 0 &&
			    foundobj != dp)
				error = namei_sticky(dp, foundobj,
				    cnp->cn_cred);
			if (error != 0)
				goto bad2;
		}
 found:
		/* Cross mount points. */
		while (foundobj->v_type == VDIR &&
		    foundobj->v_mountedhere != NULL &&
		    (cnp->cn_flags & NOCROSSMOUNT) == 0) {
			error = VFS_ROOT(foundobj->v_mountedhere, 0, &tdp);
			if (error != 0)
				goto bad2;
			vrele(foundobj);
			foundobj = tdp;
		}

		if (foundobj->v_type == VLNK &&
		    (!islast || slash || (cnp->cn_flags & FOLLOW) != 0)) {
			if (++ndp->ni_loopcnt > MAXSYMLINKS) {
				error = ELOOP;
				goto bad2;
			}
			error = namei_splice_link(foundobj, ndp->ni_pnbuf, ep,
			    cnp->cn_cred);
			if (error != 0)
				goto bad2;
			vrele(foundobj);
			foundobj = NULL;
			if (ndp->ni_pnbuf[0] == '/') {
				vrele(dp);
				dp = rootdir;
				vref(dp);
			}
			cp = ndp->ni_pnbuf;
			continue;
		}

		if (!islast) {
			vrele(dp);
			dp = foundobj;
			foundobj = NULL;
			cp = np;
			continue;
		}

		if (slash && foundobj->v_type != VDIR) {
			error = ENOTDIR;
			goto bad2;
		}
		ndp->ni_vp = foundobj;
		if ((cnp->cn_flags & LOCKPARENT) != 0)
			ndp->ni_dvp = dp;
		else
			vrele(dp);
		vrele(rootdir);
		return 0;
	}

 bad2:
	vrele(foundobj);
 bad:
	vrele(dp);
	vrele(rootdir);
	ndp->ni_vp = NULL;
	ndp->ni_dvp = NULL;
	return error;
}

/*
 * namei relative to the directory open as fdat (AT_FDCWD: the current
 * directory).  Returns EBADF for a bad descriptor and ENOTDIR if it is
 * not a directory, else what namei returns.
 */
int
fd_nameiat(struct lwp *l, int fdat, struct nameidata *ndp)
{
	struct file *fp;
	struct vnode *vp;
	int error;

	if (fdat == AT_FDCWD || ndp->ni_pathbuf->pb_path[0] == '/')
		return namei(ndp);
	error = fd_getvnode(fdat, &fp);
	if (error != 0)
		return error;
	vp = fp->f_vnode;
	if (vp->v_type != VDIR) {
		fd_putfile(fdat);
		return ENOTDIR;
	}
	NDAT(ndp, vp);
	error = namei(ndp);
	fd_putfile(fdat);
	return error;
}

/*
 * Look up a kernel path to a referenced vnode.
 * => Caller holds the VFS lock.
 */
int
namei_simple_kernel(const char *path, int how, struct vnode **vpp)
{
	struct nameidata nd;
	struct pathbuf *pb;
	int error;

	pb = pathbuf_create(path);
	if (pb == NULL)
		return ENAMETOOLONG;
	NDINIT(&nd, LOOKUP, how == NSM_FOLLOW_NOEMULROOT ? FOLLOW : NOFOLLOW,
	    pb);
	error = namei(&nd);
	pathbuf_destroy(pb);
	if (error == 0)
		*vpp = nd.ni_vp;
	return error;
}
