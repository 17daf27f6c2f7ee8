/*
 * Open vnodes: vn_open and the file operations of a descriptor open on
 * a vnode (read, write, seek, stat, close).
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/fcntl.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/kauth.h>
#include <sys/kmem.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/vnode.h>
#include <sys/vnode_if.h>

#include "vfs_private.h"

static int vn_read(struct file *, off_t *, struct uio *, kauth_cred_t, int);
static int vn_write(struct file *, off_t *, struct uio *, kauth_cred_t, int);
static int vn_ioctl(struct file *, u_long, void *);
static int vn_fcntl(struct file *, u_int, void *);
static int vn_poll(struct file *, int);
static int vn_statfile(struct file *, struct stat *);
static int vn_closefile(struct file *);
static int vn_seek(struct file *, off_t, int, off_t *, int);

const struct fileops vnops = {
	.fo_name = "vn",
	.fo_read = vn_read,
	.fo_write = vn_write,
	.fo_ioctl = vn_ioctl,
	.fo_fcntl = vn_fcntl,
	.fo_poll = vn_poll,
	.fo_stat = vn_statfile,
	.fo_close = vn_closefile,
	.fo_seek = vn_seek,
};

/*
 * The open file of descriptor fd if it is a vnode, with a use
 * reference (release with fd_putfile).  EBADF if fd is not open, EINVAL
 * if it is not a vnode.
 */
int
fd_getvnode(unsigned fd, struct file **fpp)
{
	struct file *fp;

	fp = fd_getfile(fd);
	if (fp == NULL)
		return EBADF;
	if (fp->f_type != DTYPE_VNODE) {
		fd_putfile(fd);
		return EINVAL;
	}
	*fpp = fp;
	return 0;
}

/*
 * Look up (creating with O_CREAT) and open the file ndp names; fmode is
 * FFLAGS() of the open flags, cmode the creation mode before the umask.
 * On success ndp->ni_vp is the open vnode, referenced.
 * => Caller holds the VFS lock.
 * Errors: those of namei, EEXIST (O_CREAT|O_EXCL), EISDIR (a directory
 * for writing), ENOTDIR (O_DIRECTORY), EFTYPE (O_NOFOLLOW and a
 * symlink, as NetBSD; O_REGULAR and not a regular file), EACCES, and
 * the file system's.
 */
int
vn_open(struct nameidata *ndp, int fmode, int cmode)
{
	struct componentname *cnp = &ndp->ni_cnd;
	kauth_cred_t cred = cnp->cn_cred;
	struct vnode *vp;
	struct vattr va;
	bool created = false;
	int mode, error;

	if ((fmode & O_CREAT) != 0) {
		cnp->cn_nameiop = CREATE;
		cnp->cn_flags |= LOCKPARENT;
		if ((fmode & (O_EXCL | O_NOFOLLOW)) == 0)
			cnp->cn_flags |= FOLLOW;
		error = namei(ndp);
		if (error != 0)
			return error;
		if (ndp->ni_vp == NULL) {
			vattr_null(&va);
			va.va_type = VREG;
			va.va_mode = cmode & ALLPERMS & ~vfs_curumask();
			if ((fmode & O_EXCL) != 0)
				va.va_vaflags |= VA_EXCLUSIVE;
			error = VOP_CREATE(ndp->ni_dvp, &ndp->ni_vp, cnp, &va);
			vrele(ndp->ni_dvp);
			ndp->ni_dvp = NULL;
			if (error != 0)
				return error;
			fmode &= ~O_TRUNC;
			created = true;
		} else {
			vrele(ndp->ni_dvp);
			ndp->ni_dvp = NULL;
			if ((fmode & O_EXCL) != 0) {
				error = EEXIST;
				goto bad;
			}
		}
	} else {
		cnp->cn_nameiop = LOOKUP;
		if ((fmode & O_NOFOLLOW) == 0)
			cnp->cn_flags |= FOLLOW;
		error = namei(ndp);
		if (error != 0)
			return error;
	}
	vp = ndp->ni_vp;

	if (vp->v_type == VSOCK) {
		error = EOPNOTSUPP;
		goto bad;
	}
	if (vp->v_type == VLNK) {
		error = EFTYPE;
		goto bad;
	}
	if ((fmode & O_DIRECTORY) != 0 && vp->v_type != VDIR) {
		error = ENOTDIR;
		goto bad;
	}
	if ((fmode & O_REGULAR) != 0 && vp->v_type != VREG) {
		error = EFTYPE;
		goto bad;
	}
	if (!created) {
		mode = 0;
		if ((fmode & FREAD) != 0)
			mode |= VREAD;
		if ((fmode & (FWRITE | O_TRUNC)) != 0) {
			mode |= VWRITE;
			if (vp->v_type == VDIR) {
				error = EISDIR;
				goto bad;
			}
		}
		if (mode != 0) {
			error = VOP_ACCESS(vp, mode, cred);
			if (error != 0)
				goto bad;
		}
	}
	if ((fmode & O_TRUNC) != 0 && vp->v_type == VREG) {
		vattr_null(&va);
		va.va_size = 0;
		error = VOP_SETATTR(vp, &va, cred);
		if (error != 0)
			goto bad;
	}
	error = VOP_OPEN(vp, fmode, cred);
	if (error != 0)
		goto bad;
	return 0;

 bad:
	vrele(ndp->ni_vp);
	ndp->ni_vp = NULL;
	return error;
}

/*
 * Close what vn_open opened and drop its reference.
 * => Caller holds the VFS lock.
 */
int
vn_close(struct vnode *vp, int flags, kauth_cred_t cred)
{
	int error;

	error = VOP_CLOSE(vp, flags, cred);
	vrele(vp);
	return error;
}

/*
 * Read or write a kernel buffer from or to a vnode.  *aresid gets what
 * was not transferred; without aresid a short transfer is EIO.
 * => Caller holds the VFS lock.
 */
int
vn_rdwr(enum uio_rw rw, struct vnode *vp, void *base, int len, off_t offset,
    enum uio_seg segflg, int ioflg, kauth_cred_t cred, size_t *aresid,
    struct lwp *l)
{
	struct iovec iov;
	struct uio uio;
	int error;

	iov.iov_base = base;
	iov.iov_len = len;
	uio.uio_iov = &iov;
	uio.uio_iovcnt = 1;
	uio.uio_resid = len;
	uio.uio_offset = offset;
	uio.uio_rw = rw;
	if (segflg == UIO_SYSSPACE)
		UIO_SETUP_SYSSPACE(&uio);
	else
		uio.uio_vmspace = curproc->p_vmspace;
	if (rw == UIO_READ)
		error = VOP_READ(vp, &uio, ioflg, cred);
	else
		error = VOP_WRITE(vp, &uio, ioflg, cred);
	if (aresid != NULL)
		*aresid = uio.uio_resid;
	else if (error == 0 && uio.uio_resid != 0)
		error = EIO;
	return error;
}

/* Check that a vnode may be written: EROFS on a read-only mount. */
int
vn_writechk(struct vnode *vp)
{

	if (vp->v_mount != NULL && (vp->v_mount->mnt_flag & MNT_RDONLY) != 0)
		return EROFS;
	return 0;
}

/*
 * Fill a struct stat from a vnode's attributes.
 * => Caller holds the VFS lock.
 */
int
vn_stat(struct vnode *vp, struct stat *sb)
{
	struct vattr va;
	int error;

	vattr_null(&va);
	error = VOP_GETATTR(vp, &va, kauth_cred_get());
	if (error != 0)
		return error;
	memset(sb, 0, sizeof(*sb));
	sb->st_dev = va.va_fsid;
	sb->st_ino = va.va_fileid;
	sb->st_mode = va.va_mode | VTTOIF(va.va_type);
	sb->st_nlink = va.va_nlink;
	sb->st_uid = va.va_uid;
	sb->st_gid = va.va_gid;
	sb->st_rdev = va.va_rdev;
	sb->st_size = va.va_size;
	sb->st_atimespec = va.va_atime;
	sb->st_mtimespec = va.va_mtime;
	sb->st_ctimespec = va.va_ctime;
	sb->st_birthtimespec = va.va_birthtime;
	sb->st_blksize = va.va_blocksize;
	sb->st_flags = va.va_flags;
	sb->st_gen = 0;
	sb->st_blocks = va.va_bytes / S_BLKSIZE;
	return 0;
}

/*
 * Transfers with a remote process (a sysproxy client) copy its memory
 * over a socket, which may take long: they go through a kernel buffer
 * so the VFS lock is never held while the client is asked for data.
 */
#define	VN_BOUNCE	(64 * 1024)

static bool
vn_uio_remote(const struct uio *uio)
{

	return !VMSPACE_IS_KERNEL_P(uio->uio_vmspace) &&
	    (curproc->p_flag & PK_LOCAL) == 0;
}

/* One chunk of a bounced transfer: kbuf from or to the vnode. */
static int
vn_rdwr_chunk(struct vnode *vp, enum uio_rw rw, void *kbuf, size_t len,
    off_t *offset, int ioflag, kauth_cred_t cred, size_t *done)
{
	struct iovec iov;
	struct uio kuio;
	int error;

	iov.iov_base = kbuf;
	iov.iov_len = len;
	kuio.uio_iov = &iov;
	kuio.uio_iovcnt = 1;
	kuio.uio_resid = len;
	kuio.uio_rw = rw;
	UIO_SETUP_SYSSPACE(&kuio);
	vfs_lock_enter();
	kuio.uio_offset = *offset;
	if (rw == UIO_READ)
		error = VOP_READ(vp, &kuio, ioflag, cred);
	else
		error = VOP_WRITE(vp, &kuio, ioflag, cred);
	*offset = kuio.uio_offset;
	vfs_lock_exit();
	*done = len - kuio.uio_resid;
	return error;
}

static int
vn_bounce(struct file *fp, off_t *offset, struct uio *uio, kauth_cred_t cred,
    int ioflag)
{
	struct vnode *vp = fp->f_vnode;
	size_t len, done, buflen;
	void *kbuf;
	int error = 0, error2;

	buflen = MIN(uio->uio_resid, VN_BOUNCE);
	if (buflen == 0)
		return 0;
	kbuf = kmem_alloc(buflen, KM_SLEEP);
	while (uio->uio_resid > 0) {
		len = MIN(uio->uio_resid, buflen);
		if (uio->uio_rw == UIO_READ) {
			error = vn_rdwr_chunk(vp, UIO_READ, kbuf, len, offset,
			    ioflag, cred, &done);
			if (done > 0 &&
			    (error2 = uiomove(kbuf, done, uio)) != 0)
				error = error2;
		} else {
			if ((error = uiomove(kbuf, len, uio)) != 0)
				break;
			error = vn_rdwr_chunk(vp, UIO_WRITE, kbuf, len, offset,
			    ioflag, cred, &done);
			/* What was not written was not transferred. */
			uio->uio_resid += len - done;
		}
		if (error != 0 || done < len)
			break;
	}
	kmem_free(kbuf, buflen);
	return error;
}

static int
vn_read(struct file *fp, off_t *offset, struct uio *uio, kauth_cred_t cred,
    int flags)
{
	struct vnode *vp = fp->f_vnode;
	off_t off;
	int ioflag = 0, error;

	if (vn_uio_remote(uio)) {
		off = *offset;
		error = vn_bounce(fp, &off, uio, cred, ioflag);
		if ((flags & FOF_UPDATE_OFFSET) != 0)
			*offset = off;
		return error;
	}
	vfs_lock_enter();
	uio->uio_offset = *offset;
	error = VOP_READ(vp, uio, ioflag, cred);
	if ((flags & FOF_UPDATE_OFFSET) != 0)
		*offset = uio->uio_offset;
	vfs_lock_exit();
	return error;
}

static int
vn_write(struct file *fp, off_t *offset, struct uio *uio, kauth_cred_t cred,
    int flags)
{
	struct vnode *vp = fp->f_vnode;
	off_t off;
	int ioflag = 0, error;

	/* As in NetBSD, O_APPEND appends even for pwrite. */
	if ((fp->f_flag & FAPPEND) != 0)
		ioflag |= IO_APPEND;
	if ((fp->f_flag & FFSYNC) != 0)
		ioflag |= IO_SYNC;
	else if ((fp->f_flag & FDSYNC) != 0)
		ioflag |= IO_DSYNC;
	if (vn_uio_remote(uio)) {
		/* XXX a bounced write is atomic per chunk only. */
		off = *offset;
		error = vn_bounce(fp, &off, uio, cred, ioflag);
		if ((flags & FOF_UPDATE_OFFSET) != 0)
			*offset = off;
		return error;
	}
	vfs_lock_enter();
	uio->uio_offset = *offset;
	error = VOP_WRITE(vp, uio, ioflag, cred);
	if ((flags & FOF_UPDATE_OFFSET) != 0)
		*offset = uio->uio_offset;
	vfs_lock_exit();
	return error;
}

static int
vn_ioctl(struct file *fp, u_long com, void *data)
{

	return ENOTTY;
}

static int
vn_fcntl(struct file *fp, u_int com, void *data)
{

	return 0;
}

static int
vn_poll(struct file *fp, int events)
{

	/* Files are always ready. */
	return events;
}

static int
vn_statfile(struct file *fp, struct stat *sb)
{
	int error;

	vfs_lock_enter();
	error = vn_stat(fp->f_vnode, sb);
	vfs_lock_exit();
	return error;
}

static int
vn_closefile(struct file *fp)
{
	int error;

	vfs_lock_enter();
	error = vn_close(fp->f_vnode, fp->f_flag, fp->f_cred);
	vfs_lock_exit();
	return error;
}

/*
 * lseek: the new offset from whence and delta.  EINVAL for a bad whence
 * or a negative result, EOVERFLOW if it does not fit in off_t.
 */
static int
vn_seek(struct file *fp, off_t delta, int whence, off_t *newoffp, int flags)
{
	struct vnode *vp = fp->f_vnode;
	struct vattr va;
	off_t base, newoff;
	int error = 0;

	vfs_lock_enter();
	switch (whence) {
	case SEEK_CUR:
		base = fp->f_offset;
		break;
	case SEEK_END:
		vattr_null(&va);
		error = VOP_GETATTR(vp, &va, fp->f_cred);
		if (error != 0)
			goto out;
		base = (off_t)va.va_size;
		break;
	case SEEK_SET:
		base = 0;
		break;
	default:
		error = EINVAL;
		goto out;
	}
	if ((delta > 0 && base > INT64_MAX - delta) ||
	    (delta < 0 && base < INT64_MIN - delta)) {
		error = EOVERFLOW;
		goto out;
	}
	newoff = base + delta;
	if (newoff < 0) {
		error = EINVAL;
		goto out;
	}
	if ((flags & FOF_UPDATE_OFFSET) != 0)
		fp->f_offset = newoff;
	if (newoffp != NULL)
		*newoffp = newoff;
 out:
	vfs_lock_exit();
	return error;
}
