/*
 * Helpers for the elevator's C test programs: checks that exit with a
 * message, and sysctl reads and writes by name in the local kernel.
 */
#ifndef _ELEVTEST_H_
#define _ELEVTEST_H_

#include <sys/types.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>

/* NetBSD's errno values, as the rump_sys_* calls report them. */
#ifndef RUMP_EBUSY
#define	RUMP_EBUSY	16
#endif
#ifndef RUMP_EINVAL
#define	RUMP_EINVAL	22
#endif
#ifndef RUMP_EALREADY
#define	RUMP_EALREADY	37
#endif
#ifndef RUMP_ENOSYS
#define	RUMP_ENOSYS	78
#endif
#define	NB_RB_HALT	0x8

#define	CHECK(e) do {							\
	if (!(e)) {							\
		fprintf(stderr, "%s:%d: check failed: %s (errno %d)\n",	\
		    __FILE__, __LINE__, #e, errno);			\
		exit(1);						\
	}								\
} while (0)

/* A call that must fail with errno err. */
#define	CHECK_ERR(call, err) do {					\
	errno = 0;							\
	CHECK((call) == -1 && errno == (err));				\
} while (0)

static int
elev_mib(const char *name, int *mib, unsigned int *len)
{

	*len = 8;
	return rump_pub_sysctl_nametomib(name, mib, len);
}

static int
sysctl_int(const char *name)
{
	int mib[8], v = -1;
	unsigned int len;
	size_t vlen = sizeof(v);

	CHECK(elev_mib(name, mib, &len) == 0);
	CHECK(rump_sys___sysctl(mib, len, &v, &vlen, NULL, 0) == 0);
	CHECK(vlen == sizeof(v));
	return v;
}

static void
sysctl_setint(const char *name, int v)
{
	int mib[8];
	unsigned int len;

	CHECK(elev_mib(name, mib, &len) == 0);
	CHECK(rump_sys___sysctl(mib, len, NULL, NULL, &v, sizeof(v)) == 0);
	CHECK(sysctl_int(name) == v);
}

static const char *
sysctl_str(const char *name)
{
	static char buf[64];
	int mib[8];
	unsigned int len;
	size_t vlen = sizeof(buf);

	CHECK(elev_mib(name, mib, &len) == 0);
	CHECK(rump_sys___sysctl(mib, len, buf, &vlen, NULL, 0) == 0);
	return buf;
}

/* Wait (up to a minute) until the int node has the value v. */
static void
wait_int(const char *name, int v)
{
	struct timespec ts = { 0, 1000000 };
	int i;

	for (i = 0; i < 60000 && sysctl_int(name) != v; i++)
		nanosleep(&ts, NULL);
	if (sysctl_int(name) != v) {
		fprintf(stderr, "%s is %d, never became %d\n", name,
		    sysctl_int(name), v);
		exit(1);
	}
}

/*
 * The lwps of process pid, from kern.proc2: this kernel's fixed
 * struct kinfo_proc2 (see kernel/include/sys/sysctl.h).
 */
struct elev_kinfo_proc2 {
	int32_t		p_pid, p_ppid;
	uint32_t	p_uid, p_gid;
	int32_t		p_nlwps, p_nfiles, p_stat, p_flag;
	int64_t		p_ustart_sec;
	char		p_comm[24];
	char		p_wmesg[8];
};

static int
proc_nlwps(pid_t pid)
{
	struct elev_kinfo_proc2 kp;
	int mib[6] = { 1, 47, 1, pid, sizeof(kp), 1 };	/* kern.proc2 by pid */
	size_t len = sizeof(kp);

	CHECK(rump_sys___sysctl(mib, 6, &kp, &len, NULL, 0) == 0);
	CHECK(len == sizeof(kp) && kp.p_pid == pid);
	return kp.p_nlwps;
}

#endif /* !_ELEVTEST_H_ */
