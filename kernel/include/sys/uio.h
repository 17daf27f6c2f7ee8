/*
 * I/O vectors and struct uio: a transfer between the kernel and a process
 * (or kernel) address space, done with uiomove(9).
 */
#ifndef _SYS_UIO_H_
#define _SYS_UIO_H_

#include <sys/types.h>

struct iovec {
	void	*iov_base;	/* base address */
	size_t	 iov_len;	/* length */
};

enum uio_rw { UIO_READ, UIO_WRITE };

/* Segment flag of do_sys_* interfaces: where a pathname argument lives. */
enum uio_seg {
	UIO_USERSPACE,		/* from user data space */
	UIO_SYSSPACE		/* from system space */
};

#define	UIO_MAXIOV	1024	/* max 1K of iov's */

#ifdef _KERNEL
/*
 * An address space.  The kernel's is vmspace_kernel(); each process has
 * its own (p_vmspace), which for a remote client says how to reach its
 * memory.  Only the kernel looks inside.
 */
struct vmspace;

struct uio {
	struct iovec	*uio_iov;	/* pointer to array of iovecs */
	int		 uio_iovcnt;	/* number of iovecs in array */
	off_t		 uio_offset;	/* offset into file this uio corresponds to */
	size_t		 uio_resid;	/* residual i/o count */
	enum uio_rw	 uio_rw;	/* see above */
	struct vmspace	*uio_vmspace;	/* address space of uio_iov's bases */
};

struct vmspace	*vmspace_kernel(void);
#define	UIO_SETUP_SYSSPACE(uio)	((uio)->uio_vmspace = vmspace_kernel())
#define	VMSPACE_IS_KERNEL_P(vm)	((vm) == vmspace_kernel())

/*
 * Move n bytes between buf and the space uio describes, in the direction
 * uio_rw says (UIO_READ: kernel buf to uio), advancing the uio.
 * Returns 0 or EFAULT.
 */
int	uiomove(void *buf, size_t n, struct uio *uio);
int	uiomove_frombuf(void *buf, size_t buflen, struct uio *uio);
/* copyin/copyout against an explicit address space. */
int	copyin_vmspace(struct vmspace *, const void *uaddr, void *kaddr, size_t len);
int	copyout_vmspace(struct vmspace *, const void *kaddr, void *uaddr, size_t len);
#endif

#endif /* !_SYS_UIO_H_ */
