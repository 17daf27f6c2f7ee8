/*
 * librumpuser internals.
 */
#ifndef _RUMPUSER_INT_H_
#define _RUMPUSER_INT_H_

#include <stdarg.h>

/* Kernel (NetBSD) errno values hypercalls return. */
#define	RUMP_ENOENT	2
#define	RUMP_E2BIG	7
#define	RUMP_ENOMEM	12
#define	RUMP_EBUSY	16
#define	RUMP_EINVAL	22
#define	RUMP_EAGAIN	35
#define	RUMP_ETIMEDOUT	60
#define	RUMP_ENOTSUP	86

int	rumpuser__errtrans(int);
void	rumpuser__msg(const char *, ...) __attribute__((__format__(__printf__, 1, 2)));
void	rumpuser__thread_init(void);
void	rumpuser__altstack(void);

#endif /* !_RUMPUSER_INT_H_ */
