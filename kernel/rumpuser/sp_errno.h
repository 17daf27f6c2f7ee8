/*
 * Host <-> kernel (NetBSD) errno values for the errors sysproxy's socket
 * code can meet.  A function instead of an array, so a missing value
 * falls to the default case instead of reading garbage.  Host code only.
 */
#ifndef _SP_ERRNO_H_
#define _SP_ERRNO_H_

#include <errno.h>

#define	SP_ERRNOS(X)							\
	X(EPERM, 1) X(ENOENT, 2) X(EIO, 5) X(EBADF, 9) X(ENOMEM, 12)	\
	X(EACCES, 13) X(EFAULT, 14) X(EBUSY, 16) X(EEXIST, 17)		\
	X(ENOTDIR, 20) X(EINVAL, 22) X(ENFILE, 23) X(EMFILE, 24)	\
	X(ENOSPC, 28) X(EROFS, 30) X(EPIPE, 32) X(EAGAIN, 35)		\
	X(ENOTSOCK, 38) X(EPROTONOSUPPORT, 43) X(EAFNOSUPPORT, 47)	\
	X(EADDRINUSE, 48) X(EADDRNOTAVAIL, 49) X(ENETUNREACH, 51)	\
	X(ECONNABORTED, 53) X(ECONNRESET, 54) X(ENOBUFS, 55)		\
	X(ENOTCONN, 57) X(ETIMEDOUT, 60) X(ECONNREFUSED, 61)		\
	X(ELOOP, 62) X(ENAMETOOLONG, 63) X(EHOSTUNREACH, 65)		\
	X(ENOSYS, 78) X(EPROTO, 96)

/* Host errno to the kernel's; EIO for anything unexpected. */
static inline int
sp_errno_tokernel(int host)
{

	switch (host) {
	case 0:
		return 0;
#define	SP_TOK(h, n) case h: return n;
	SP_ERRNOS(SP_TOK)
#undef SP_TOK
	default:
		return 5;
	}
}

/* Kernel errno to the host's, for messages; EIO for the unknown. */
static inline int
sp_errno_tohost(int kernel)
{

	switch (kernel) {
	case 0:
		return 0;
#define	SP_TOH(h, n) case n: return h;
	SP_ERRNOS(SP_TOH)
#undef SP_TOH
	default:
		return EIO;
	}
}

#endif /* !_SP_ERRNO_H_ */
