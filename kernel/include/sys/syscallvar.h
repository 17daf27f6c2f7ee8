/*
 * Registering system calls.  The syscall table is generated from
 * kernel/syscalls.master; the calls a component provides stay ENOSYS
 * until the component's init establishes them:
 *
 *	error = syscall_establish(NULL, rumpvfs_syscalls);
 *
 * and go back to ENOSYS when it disestablishes them.
 */
#ifndef _SYS_SYSCALLVAR_H_
#define _SYS_SYSCALLVAR_H_

#include <sys/types.h>
#include <sys/syscall.h>
#include <sys/syscallargs.h>

struct emul;

/* Returns 0, or EBUSY if a call of the package is already established. */
int	syscall_establish(const struct emul *, const struct syscall_package *);
/* Returns 0, or EBUSY if a call of the package is being executed. */
int	syscall_disestablish(const struct emul *, const struct syscall_package *);

#endif /* !_SYS_SYSCALLVAR_H_ */
