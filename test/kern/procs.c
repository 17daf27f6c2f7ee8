/*
 * Processes: pids, credentials and parents per process, switching
 * between lwps, and the process table in kern.proc2.
 */
#include "kerntest.h"

struct rump_kinfo_proc2 {
	int32_t		p_pid, p_ppid;
	uint32_t	p_uid, p_gid;
	int32_t		p_nlwps, p_nfiles, p_stat, p_flag;
	int64_t		p_ustart_sec;
	char		p_comm[24];
	char		p_wmesg[8];
};

static void
ps(void)
{
	struct rump_kinfo_proc2 kp[16];
	size_t len = sizeof(kp), i;

	CHECK(sysctl_byname("kern.proc2", kp, &len, NULL, 0) == 0);
	for (i = 0; i < len / sizeof(kp[0]); i++)
		printf("ps: pid %d ppid %d uid %u comm %s\n", kp[i].p_pid,
		    kp[i].p_ppid, kp[i].p_uid, kp[i].p_comm);
}

int
main(void)
{
	struct lwp *l1, *l2;

	CHECK(rump_init() == 0);
	rump_pub_proc_setcomm("procs");
	l1 = rump_pub_lwproc_curlwp();
	CHECK(l1 != NULL);
	CHECK(rump_sys_getpid() == 1);

	/* A child: new pid, parent 1, inherits root. */
	CHECK(rump_pub_lwproc_rfork(RUMP_RFCFDG) == 0);
	l2 = rump_pub_lwproc_curlwp();
	rump_pub_proc_setcomm("child");
	printf("child: pid %d ppid %d uid %d\n", rump_sys_getpid(),
	    rump_sys_getppid(), rump_sys_getuid());
	/* Supplementary groups, while still root. */
	{
		gid_t set[3] = { 5, 20, 30 }, got[8];
		int n;

		CHECK(rump_sys_setgroups(3, set) == 0);
		n = rump_sys_getgroups(0, NULL);
		CHECK(rump_sys_getgroups(8, got) == 3);
		printf("child: %d groups %u %u %u\n", n, got[0], got[1], got[2]);
		n = rump_sys_getgroups(1, got);
		printf("child: getgroups(1): %d errno %d\n", n, errno);
	}
	/* Group first: once not root, setgid(100) is EPERM. */
	CHECK(rump_sys_setgid(100) == 0);
	CHECK(rump_sys_setuid(1000) == 0);
	printf("child: uid %d euid %d gid %d egid %d\n", rump_sys_getuid(),
	    rump_sys_geteuid(), rump_sys_getgid(), rump_sys_getegid());
	/* No way back to root for an ordinary user. */
	{
		int rv = rump_sys_setuid(0);

		printf("child: setuid(0) %d errno %d\n", rv, errno);
		rv = rump_sys_seteuid(0);
		printf("child: seteuid(0) %d errno %d\n", rv, errno);
		rv = rump_sys_setgroups(0, NULL);
		printf("child: setgroups %d errno %d\n", rv, errno);
	}

	/* Back to pid 1: still root. */
	rump_pub_lwproc_switch(l1);
	printf("parent: pid %d uid %d\n", rump_sys_getpid(), rump_sys_getuid());
	ps();

	/* A second lwp of the child sees the child's credentials. */
	CHECK(rump_pub_lwproc_newlwp(2) == 0);
	printf("newlwp: pid %d uid %d\n", rump_sys_getpid(), rump_sys_getuid());
	rump_pub_lwproc_releaselwp();
	/* The first lwp of the child is still there. */
	rump_pub_lwproc_switch(l2);
	printf("l2: pid %d\n", rump_sys_getpid());
	/* Releasing its last lwp ends the child. */
	rump_pub_lwproc_releaselwp();
	CHECK(rump_pub_lwproc_curlwp() == NULL);
	/* An unbound thread runs as pid 1. */
	printf("unbound: pid %d\n", rump_sys_getpid());
	printf("newlwp on exited pid 2: %d\n", rump_pub_lwproc_newlwp(2));

	/* Pids keep increasing. */
	rump_pub_lwproc_switch(l1);
	CHECK(rump_pub_lwproc_rfork(RUMP_RFFDG) == 0);
	printf("next child: pid %d\n", rump_sys_getpid());
	rump_pub_lwproc_releaselwp();
	rump_pub_lwproc_switch(l1);
	ps();
	CHECK(rump_sys_reboot(RUMP_RB_HALT, NULL) == 0);
	printf("procs ok\n");
	return 0;
}
