/*
 * Reading and writing descriptors: read, write, readv, writev, pread,
 * pwrite and lseek, through the file's operations.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/kmem.h>
#include <sys/proc.h>
#include <sys/syscallargs.h>
#include <sys/uio.h>
#include <sys/vnode.h>

#include "vfs_private.h"

#define	UIO_SMALLIOV	8	/* iovecs kept on the stack */

/*
 * Read or write iovcnt user iovecs (iovp is in kernel space when
 * iovkernel) on fd, at *offset (NULL: the file's offset, which is
 * updated).  EBADF if fd is not open for the direction, EINVAL for a
 * bad count or total length, ESPIPE for an offset on an unseekable
 * file.
 */
static int
do_filerw(struct lwp *l, int fd, enum uio_rw rw, const struct iovec *iovp,
    int iovcnt, bool iovkernel, const off_t *offset, register_t *retval)
{
	struct iovec aiov[UIO_SMALLIOV], *iov = aiov;
	struct file *fp;
	struct uio auio;
	size_t cnt, iovlen = 0;
	off_t off;
	int i, error;

	fp = fd_getfile(fd);
	if (fp == NULL)
		return EBADF;
	if ((fp->f_flag & (rw == UIO_READ ? FREAD : FWRITE)) == 0) {
		error = EBADF;
		goto out;
	}
	if (offset != NULL) {
		if (fp->f_ops->fo_seek == NULL) {
			error = ESPIPE;
			goto out;
		}
		if (*offset < 0) {
			error = EINVAL;
			goto out;
		}
	}
	if ((u_int)iovcnt > UIO_MAXIOV) {
		error = EINVAL;
		goto out;
	}
	if (iovcnt > UIO_SMALLIOV) {
		iovlen = iovcnt * sizeof(struct iovec);
		iov = kmem_alloc(iovlen, KM_SLEEP);
	}
	if (iovkernel)
		memcpy(iov, iovp, iovcnt * sizeof(struct iovec));
	else {
		error = copyin(iovp, iov, iovcnt * sizeof(struct iovec));
		if (error != 0)
			goto out;
	}

	auio.uio_iov = iov;
	auio.uio_iovcnt = iovcnt;
	auio.uio_rw = rw;
	auio.uio_vmspace = curproc->p_vmspace;
	auio.uio_resid = 0;
	for (i = 0; i < iovcnt; i++) {
		auio.uio_resid += iov[i].iov_len;
		if (iov[i].iov_len > SSIZE_MAX ||
		    auio.uio_resid > SSIZE_MAX) {
			error = EINVAL;
			goto out;
		}
	}
	cnt = auio.uio_resid;
	if (offset != NULL) {
		off = *offset;
		error = rw == UIO_READ ?
		    (*fp->f_ops->fo_read)(fp, &off, &auio, fp->f_cred, 0) :
		    (*fp->f_ops->fo_write)(fp, &off, &auio, fp->f_cred, 0);
	} else {
		error = rw == UIO_READ ?
		    (*fp->f_ops->fo_read)(fp, &fp->f_offset, &auio, fp->f_cred,
		    FOF_UPDATE_OFFSET) :
		    (*fp->f_ops->fo_write)(fp, &fp->f_offset, &auio,
		    fp->f_cred, FOF_UPDATE_OFFSET);
	}
	/* A transfer cut short after some bytes moved is a success. */
	if (error != 0 && auio.uio_resid != cnt &&
	    (error == EINTR || error == EWOULDBLOCK || error == ENOSPC ||
	    error == EFBIG))
		error = 0;
	*retval = cnt - auio.uio_resid;
 out:
	if (iovlen != 0)
		kmem_free(iov, iovlen);
	fd_putfile(fd);
	return error;
}

int
sys_read(struct lwp *l, const struct sys_read_args *uap, register_t *retval)
{
	struct iovec iov;

	iov.iov_base = SCARG(uap, buf);
	iov.iov_len = SCARG(uap, nbyte);
	return do_filerw(l, SCARG(uap, fd), UIO_READ, &iov, 1, true, NULL,
	    retval);
}

int
sys_write(struct lwp *l, const struct sys_write_args *uap, register_t *retval)
{
	struct iovec iov;

	iov.iov_base = __UNCONST(SCARG(uap, buf));
	iov.iov_len = SCARG(uap, nbyte);
	return do_filerw(l, SCARG(uap, fd), UIO_WRITE, &iov, 1, true, NULL,
	    retval);
}

int
sys_readv(struct lwp *l, const struct sys_readv_args *uap, register_t *retval)
{

	return do_filerw(l, SCARG(uap, fd), UIO_READ, SCARG(uap, iovp),
	    SCARG(uap, iovcnt), false, NULL, retval);
}

int
sys_writev(struct lwp *l, const struct sys_writev_args *uap,
    register_t *retval)
{

	return do_filerw(l, SCARG(uap, fd), UIO_WRITE, SCARG(uap, iovp),
	    SCARG(uap, iovcnt), false, NULL, retval);
}

int
sys_pread(struct lwp *l, const struct sys_pread_args *uap, register_t *retval)
{
	struct iovec iov;
	off_t off = SCARG(uap, offset);

	iov.iov_base = SCARG(uap, buf);
	iov.iov_len = SCARG(uap, nbyte);
	return do_filerw(l, SCARG(uap, fd), UIO_READ, &iov, 1, true, &off,
	    retval);
}

int
sys_pwrite(struct lwp *l, const struct sys_pwrite_args *uap,
    register_t *retval)
{
	struct iovec iov;
	off_t off = SCARG(uap, offset);

	iov.iov_base = __UNCONST(SCARG(uap, buf));
	iov.iov_len = SCARG(uap, nbyte);
	return do_filerw(l, SCARG(uap, fd), UIO_WRITE, &iov, 1, true, &off,
	    retval);
}

/* lseek: ESPIPE for an unseekable file, EINVAL, EOVERFLOW. */
int
sys_lseek(struct lwp *l, const struct sys_lseek_args *uap, register_t *retval)
{
	struct file *fp;
	off_t newoff;
	int error;

	fp = fd_getfile(SCARG(uap, fd));
	if (fp == NULL)
		return EBADF;
	if (fp->f_ops->fo_seek == NULL)
		error = ESPIPE;
	else
		error = (*fp->f_ops->fo_seek)(fp, SCARG(uap, offset),
		    SCARG(uap, whence), &newoff, FOF_UPDATE_OFFSET);
	fd_putfile(SCARG(uap, fd));
	if (error == 0)
		*retval = newoff;
	return error;
}
