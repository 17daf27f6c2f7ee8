/*
 * Helpers for the kernel core's test programs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>
#include <rump/rumpdefs.h>

#define	CHECK(cond) do {						\
	if (!(cond)) {							\
		printf("FAIL %s:%d: %s (errno %d)\n", __FILE__, __LINE__, \
		    #cond, errno);					\
		fflush(stdout);						\
		exit(1);						\
	}								\
} while (0)

/* Read (and optionally write) a sysctl by name; returns 0 or an errno. */
static inline int
sysctl_byname(const char *name, void *oldp, size_t *oldlenp,
    const void *newp, size_t newlen)
{
	int mib[RUMP_CTL_MAXNAME];
	unsigned int n = RUMP_CTL_MAXNAME;
	int error;

	if ((error = rump_pub_sysctl_nametomib(name, mib, &n)) != 0)
		return error;
	if (rump_sys___sysctl(mib, n, oldp, oldlenp, newp, newlen) == -1)
		return errno;
	return 0;
}

static inline int
sysctl_int(const char *name, int *v)
{
	size_t len = sizeof(*v);

	return sysctl_byname(name, v, &len, NULL, 0);
}

static inline int
sysctl_setint(const char *name, int v)
{

	return sysctl_byname(name, NULL, NULL, &v, sizeof(v));
}

static inline int
sysctl_string(const char *name, char *buf, size_t len)
{

	return sysctl_byname(name, buf, &len, NULL, 0);
}
