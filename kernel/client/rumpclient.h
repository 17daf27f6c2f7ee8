/*
 * librumpclient: system calls into a rump kernel served by rump_server,
 * over the sysproxy protocol (docs/sysproxy.md).
 *
 * Call rumpclient_init() once; then the rump_sys_*() calls of
 * <rump/rump_syscalls.h> run in the server, in a kernel process of their
 * own.  Calls from several threads may be in flight at once.
 */
#ifndef _RUMP_RUMPCLIENT_H_
#define _RUMP_RUMPCLIENT_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Connect to the server named by $RUMP_SERVER (unix://path or
 * tcp://address:port) and say hello.  Returns 0, or -1 with errno set
 * (host values: ENOENT, ECONNREFUSED, EINVAL for a bad URL or an unset
 * RUMP_SERVER, EPROTO for a server speaking another protocol version).
 */
int	rumpclient_init(void);

/* The same, with an explicit URL. */
int	rumpclient_init_url(const char *);

/* The pid of this client's process in the rump kernel (after init). */
int	rumpclient_getpid(void);

/* Disconnect: the server closes the process's files and reaps it. */
int	rumpclient_fini(void);

/*
 * Run system call num with its packed argument slots (8 bytes each,
 * docs/syscalls-master.md).  Returns 0 or the kernel's errno (NetBSD
 * values); retval[0..1] get the results.  When the server goes away the
 * call fails with RUMPCLIENT_EDIED.
 */
int	rumpclient_syscall(int, const void *, size_t, long *);

#define	RUMPCLIENT_EDIED	57	/* NetBSD ENOTCONN: server died */

#ifdef __cplusplus
}
#endif

#endif /* !_RUMP_RUMPCLIENT_H_ */
