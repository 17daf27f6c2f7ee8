/*
 * Moving data between the kernel and processes: copyin/copyout and
 * uiomove.  A local process's memory is host memory (memcpy); a remote
 * client's is reached through sysproxy with its cookie.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/lwp.h>
#include <sys/uio.h>

#include <rump/rumpuser.h>

#include "rump_private.h"

static struct vmspace *
curvm(void)
{
	struct lwp *l = curlwp;

	return l != NULL ? l->l_proc->p_vmspace : vmspace_local();
}

int
copyin_vmspace(struct vmspace *vm, const void *uaddr, void *kaddr, size_t len)
{
	void *cookie;

	if (len == 0)
		return 0;
	if ((cookie = vmspace_spcookie(vm)) != NULL)
		return rumpuser_sp_copyin(cookie, uaddr, kaddr, len);
	if (uaddr == NULL)
		return EFAULT;
	memcpy(kaddr, uaddr, len);
	return 0;
}

int
copyout_vmspace(struct vmspace *vm, const void *kaddr, void *uaddr, size_t len)
{
	void *cookie;

	if (len == 0)
		return 0;
	if ((cookie = vmspace_spcookie(vm)) != NULL)
		return rumpuser_sp_copyout(cookie, kaddr, uaddr, len);
	if (uaddr == NULL)
		return EFAULT;
	memcpy(uaddr, kaddr, len);
	return 0;
}

int
copyin(const void *uaddr, void *kaddr, size_t len)
{

	return copyin_vmspace(curvm(), uaddr, kaddr, len);
}

int
copyout(const void *kaddr, void *uaddr, size_t len)
{

	return copyout_vmspace(curvm(), kaddr, uaddr, len);
}

int
copystr(const void *kfaddr, void *kdaddr, size_t len, size_t *done)
{
	const char *s = kfaddr;
	char *d = kdaddr;
	size_t i;

	for (i = 0; i < len; i++) {
		if ((d[i] = s[i]) == '\0') {
			if (done != NULL)
				*done = i + 1;
			return 0;
		}
	}
	if (done != NULL)
		*done = len;
	return ENAMETOOLONG;
}

int
copyinstr(const void *uaddr, void *kaddr, size_t len, size_t *done)
{
	void *cookie;
	size_t n;
	int error;

	if ((cookie = vmspace_spcookie(curvm())) != NULL) {
		n = len;
		error = rumpuser_sp_copyinstr(cookie, uaddr, kaddr, &n);
		if (error == 0 && done != NULL)
			*done = n;
		return error;
	}
	if (uaddr == NULL)
		return EFAULT;
	return copystr(uaddr, kaddr, len, done);
}

int
copyoutstr(const void *kaddr, void *uaddr, size_t len, size_t *done)
{
	void *cookie;
	size_t n;
	int error;

	if ((cookie = vmspace_spcookie(curvm())) != NULL) {
		n = len;
		error = rumpuser_sp_copyoutstr(cookie, kaddr, uaddr, &n);
		if (done != NULL)
			*done = n;
		return error;
	}
	if (uaddr == NULL)
		return EFAULT;
	return copystr(kaddr, uaddr, len, done);
}

int
copyinpath(const char *upath, char *kpath, size_t len, size_t *done)
{

	return copyinstr(upath, kpath, len, done);
}

int
kcopy(const void *src, void *dst, size_t len)
{

	memcpy(dst, src, len);
	return 0;
}

int
uiomove(void *buf, size_t n, struct uio *uio)
{
	char *cp = buf;
	struct iovec *iov;
	size_t cnt;
	int error = 0;

	KASSERT(uio->uio_rw == UIO_READ || uio->uio_rw == UIO_WRITE);
	while (n > 0 && uio->uio_resid > 0) {
		KASSERT(uio->uio_iovcnt > 0);
		iov = uio->uio_iov;
		cnt = iov->iov_len;
		if (cnt == 0) {
			uio->uio_iov++;
			uio->uio_iovcnt--;
			continue;
		}
		if (cnt > n)
			cnt = n;
		if (VMSPACE_IS_KERNEL_P(uio->uio_vmspace)) {
			if (uio->uio_rw == UIO_READ)
				memcpy(iov->iov_base, cp, cnt);
			else
				memcpy(cp, iov->iov_base, cnt);
		} else if (uio->uio_rw == UIO_READ) {
			error = copyout_vmspace(uio->uio_vmspace, cp,
			    iov->iov_base, cnt);
		} else {
			error = copyin_vmspace(uio->uio_vmspace, iov->iov_base,
			    cp, cnt);
		}
		if (error != 0)
			break;
		iov->iov_base = (char *)iov->iov_base + cnt;
		iov->iov_len -= cnt;
		uio->uio_resid -= cnt;
		uio->uio_offset += cnt;
		cp += cnt;
		n -= cnt;
	}
	return error;
}

int
uiomove_frombuf(void *buf, size_t buflen, struct uio *uio)
{
	size_t offset;

	if (uio->uio_offset < 0 || (size_t)uio->uio_offset >= buflen)
		return 0;
	offset = (size_t)uio->uio_offset;
	return uiomove((char *)buf + offset, buflen - offset, uio);
}
