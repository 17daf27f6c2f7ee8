/*
 * Boot, identity, sysctl reads and writes, ENOSYS for a component's
 * system call that is not loaded, and halt.
 */
#include "kerntest.h"

int
main(void)
{
	char buf[65536], name[256];
	int v, error;

	CHECK(rump_init() == 0);
	CHECK(rump_init() == 0);	/* a second call is harmless */
	CHECK(rump_sys_getpid() == 1);

	CHECK(sysctl_string("kern.ostype", buf, sizeof(buf)) == 0);
	printf("kern.ostype = %s\n", buf);
	CHECK(sysctl_string("kern.osrelease", buf, sizeof(buf)) == 0);
	printf("kern.osrelease = %s\n", buf);
	CHECK(sysctl_int("hw.ncpu", &v) == 0);
	printf("hw.ncpu = %d\n", v);

	/* kern.hostname is writable by root and reads back. */
	CHECK(sysctl_byname("kern.hostname", NULL, NULL, "rumptest",
	    sizeof("rumptest")) == 0);
	CHECK(sysctl_string("kern.hostname", name, sizeof(name)) == 0);
	printf("kern.hostname = %s\n", name);
	/* Read-only nodes refuse writes. */
	error = sysctl_byname("kern.ostype", NULL, NULL, "Linux", 6);
	printf("write kern.ostype: %d\n", error);
	/* A buffer too small is ENOMEM, with the length needed. */
	{
		size_t len = 3;

		error = sysctl_byname("kern.hostname", name, &len, NULL, 0);
		printf("short read: %d len %zu\n", error, len);
	}
	/* vfs.generic.fstypes exists (empty without file systems). */
	CHECK(sysctl_string("vfs.generic.fstypes", buf, sizeof(buf)) == 0);
	printf("vfs.generic.fstypes = '%s'\n", buf);
	error = sysctl_int("kern.nosuchnode", &v);
	printf("missing node: %d\n", error);

	/* CTL_QUERY lists children, also of a node with a handler. */
	{
		struct rump_sysctlnode {
			uint32_t flags;
			int32_t num;
			char name[32];
			char rest[56];
		} nodes[64];
		int qmib[3] = { RUMP_CTL_KERN, RUMP_CTL_QUERY, 0 };
		size_t len = sizeof(nodes), i;

		CHECK(sizeof(nodes[0]) == 96);
		CHECK(rump_sys___sysctl(qmib, 2, nodes, &len, NULL, 0) == 0);
		for (i = 0; i < len / sizeof(nodes[0]); i++)
			if (strcmp(nodes[i].name, "hostname") == 0)
				printf("query kern: hostname is %d, type %u\n",
				    nodes[i].num, nodes[i].flags & 0xf);
		qmib[1] = RUMP_KERN_PROC2;
		qmib[2] = RUMP_CTL_QUERY;
		len = sizeof(nodes);
		CHECK(rump_sys___sysctl(qmib, 3, nodes, &len, NULL, 0) == 0);
		printf("query kern.proc2: %zu children\n", len / sizeof(nodes[0]));
	}

	/* mkdir belongs to rumpvfs, not linked in: ENOSYS, not a crash. */
	v = rump_sys_mkdir("/x", 0755);
	printf("mkdir: %d errno %d\n", v, errno);

	/* Time. */
	{
		struct rump_timespec ts0, ts1, req = { 0, 20 * 1000 * 1000 };
		struct rump_timeval tv;
		long long ms;

		CHECK(rump_sys_clock_gettime(RUMP_CLOCK_MONOTONIC, &ts0) == 0);
		CHECK(rump_sys_nanosleep(&req, NULL) == 0);
		CHECK(rump_sys_clock_gettime(RUMP_CLOCK_MONOTONIC, &ts1) == 0);
		ms = (ts1.tv_sec - ts0.tv_sec) * 1000LL +
		    (ts1.tv_nsec - ts0.tv_nsec) / 1000000;
		printf("nanosleep 20 ms slept >= 20 ms: %d\n", ms >= 20);
		CHECK(rump_sys_gettimeofday(&tv, NULL) == 0);
		printf("gettimeofday after 2020: %d\n", tv.tv_sec > 1577836800);
		req.tv_nsec = 1000000000L;
		v = rump_sys_nanosleep(&req, NULL);
		printf("nanosleep bad nsec: %d errno %d\n", v, errno);
		v = rump_sys_clock_gettime(42, &ts0);
		printf("clock 42: %d errno %d\n", v, errno);
		CHECK(rump_sys_sched_yield() == 0);
	}

	CHECK(sysctl_string("kern.msgbuf", buf, sizeof(buf)) == 0);
	printf("dmesg has banner: %d\n", strstr(buf, "NetBSD 10.0") != NULL);
	CHECK(rump_pub_dmesg(buf, sizeof(buf)) > 0);
	printf("rump_pub_dmesg has cpu0: %d\n",
	    strstr(buf, "cpu0 at thinair0") != NULL);
	fflush(stdout);

	CHECK(rump_sys_reboot(RUMP_RB_HALT, NULL) == 0);
	v = rump_sys_getpid();
	printf("after halt: %d errno %d\n", v, errno);
	printf("boot ok\n");
	return 0;
}
