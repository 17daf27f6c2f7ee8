/*
 * The path of a directory: __getcwd(2) and the mount point names.  The
 * path is found by walking up with ".." and searching each parent for
 * the entry with the child's file id.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/dirent.h>
#include <sys/filedesc.h>
#include <sys/kmem.h>
#include <sys/lwp.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/proc.h>
#include <sys/syscallargs.h>
#include <sys/vnode.h>
#include <sys/vnode_if.h>

#include "vfs_private.h"

#define	GETCWD_DIRBUF	4096

/*
 * Find the name of the entry with file id fileid in directory dvp and
 * prepend "/name" before *bpp, not below bufstart.  ENOENT if there is
 * none, ERANGE if it does not fit.
 */
static int
getcwd_scandir(struct vnode *dvp, ino_t fileid, char **bpp, char *bufstart)
{
	struct iovec iov;
	struct uio uio;
	struct dirent *dp;
	char *dirbuf, *cp, *end;
	int eof, error;
	off_t off = 0;

	dirbuf = kmem_alloc(GETCWD_DIRBUF, KM_SLEEP);
	for (;;) {
		iov.iov_base = dirbuf;
		iov.iov_len = GETCWD_DIRBUF;
		uio.uio_iov = &iov;
		uio.uio_iovcnt = 1;
		uio.uio_offset = off;
		uio.uio_resid = GETCWD_DIRBUF;
		uio.uio_rw = UIO_READ;
		UIO_SETUP_SYSSPACE(&uio);
		eof = 0;
		error = VOP_READDIR(dvp, &uio, FSCRED, &eof, NULL, NULL);
		if (error != 0)
			break;
		off = uio.uio_offset;
		end = dirbuf + (GETCWD_DIRBUF - uio.uio_resid);
		if (end == dirbuf) {
			error = ENOENT;
			break;
		}
		for (cp = dirbuf; cp < end; cp += dp->d_reclen) {
			dp = (struct dirent *)cp;
			if (dp->d_reclen == 0)
				break;
			if (dp->d_fileno != fileid ||
			    (dp->d_namlen == 1 && dp->d_name[0] == '.') ||
			    (dp->d_namlen == 2 && dp->d_name[0] == '.' &&
			    dp->d_name[1] == '.'))
				continue;
			if (*bpp - bufstart < dp->d_namlen + 1) {
				error = ERANGE;
				goto out;
			}
			*bpp -= dp->d_namlen;
			memcpy(*bpp, dp->d_name, dp->d_namlen);
			*--*bpp = '/';
			error = 0;
			goto out;
		}
		if (eof) {
			error = ENOENT;
			break;
		}
	}
 out:
	kmem_free(dirbuf, GETCWD_DIRBUF);
	return error;
}

/*
 * Write the path of directory vp, as seen from the process's root, to
 * buf (bufsize bytes with the NUL).  ERANGE if it does not fit, ENOENT
 * if vp is no longer reachable.
 * => Caller holds the VFS lock.
 */
int
vnode_to_path(char *buf, size_t bufsize, struct vnode *vp, struct lwp *l,
    struct proc *p)
{
	struct componentname cn;
	struct vnode *rootdir, *uvp, *tvp;
	struct vattr va;
	char *bp;
	int error = 0;

	if (bufsize < 2)
		return ERANGE;
	rootdir = vfs_curroot();
	bp = buf + bufsize;
	*--bp = '\0';
	vref(vp);
	for (;;) {
		while (vp != rootdir && (vp->v_vflag & VV_ROOT) != 0 &&
		    vp->v_mount->mnt_vnodecovered != NULL) {
			tvp = vp->v_mount->mnt_vnodecovered;
			vref(tvp);
			vrele(vp);
			vp = tvp;
		}
		if (vp == rootdir || vp == rootvnode)
			break;
		vattr_null(&va);
		error = VOP_GETATTR(vp, &va, FSCRED);
		if (error != 0)
			break;
		memset(&cn, 0, sizeof(cn));
		cn.cn_nameiop = LOOKUP;
		cn.cn_flags = ISDOTDOT | ISLASTCN;
		cn.cn_cred = FSCRED;
		cn.cn_nameptr = "..";
		cn.cn_namelen = 2;
		error = VOP_LOOKUP(vp, &uvp, &cn);
		if (error != 0)
			break;
		vrele(vp);
		vp = uvp;
		if (uvp->v_type != VDIR) {
			error = ENOENT;
			break;
		}
		error = getcwd_scandir(uvp, va.va_fileid, &bp, buf);
		if (error != 0)
			break;
	}
	vrele(vp);
	vrele(rootdir);
	if (error != 0)
		return error;
	if (*bp == '\0') {
		if (bp == buf)
			return ERANGE;
		*--bp = '/';
	}
	memmove(buf, bp, buf + bufsize - bp);
	return 0;
}

/*
 * __getcwd(2): the current directory's path; returns its length with
 * the NUL.  ERANGE if length is too small.
 */
int
sys___getcwd(struct lwp *l, const struct sys___getcwd_args *uap,
    register_t *retval)
{
	struct vnode *cwd;
	size_t len = SCARG(uap, length);
	char *buf;
	int error;

	if (len > MAXPATHLEN * 4)
		len = MAXPATHLEN * 4;
	else if (len < 2)
		return ERANGE;
	buf = kmem_alloc(len, KM_SLEEP);
	vfs_lock_enter();
	cwd = vfs_curcwd();
	error = vnode_to_path(buf, len, cwd, l, curproc);
	vrele(cwd);
	vfs_lock_exit();
	if (error == 0) {
		*retval = strlen(buf) + 1;
		error = copyout(buf, SCARG(uap, bufp), *retval);
	}
	kmem_free(buf, len);
	return error;
}
