/*
 * Drives the rumpkern_debug component: "kthreads" runs the kernel
 * thread self test, "sync" the sleep and lock checks, "crash <what>" writes debug.crashme.<what>,
 * "nodes" lists what exists.  Halts with RB_HALT when it survives.
 */
#include "kerntest.h"

int
main(int argc, char **argv)
{
	char name[128];
	int v = 0, error;

	if (argc < 2)
		return 2;
	if ((error = rump_init()) != 0) {
		printf("rump_init: %d\n", error);
		return 3;
	}
	rump_pub_proc_setcomm("debugtest");
	if (strcmp(argv[1], "kthreads") == 0) {
		error = sysctl_int("debug.selftest.kthreads", &v);
		printf("kthreads: error %d value %d\n", error, v);
	} else if (strcmp(argv[1], "sync") == 0) {
		error = sysctl_int("debug.selftest.sync", &v);
		printf("sync: error %d value 0x%x\n", error, v);
	} else if (strcmp(argv[1], "hog") == 0) {
		char dmesg[8192];

		error = sysctl_int("debug.crashme.kmem_hog", &v);
		printf("hog: error %d chunks %d\n", error, v);
		rump_pub_dmesg(dmesg, sizeof(dmesg));
		if (strstr(dmesg, "total memory = ") != NULL)
			printf("%.*s\n", (int)strcspn(strstr(dmesg,
			    "total memory = "), "\n"), strstr(dmesg, "total memory = "));
	} else if (strcmp(argv[1], "hostcrash") == 0) {
		/* A bug in the host program, not in the kernel. */
		volatile int *volatile p = NULL;

		printf("host program faults\n");
		fflush(stdout);
		v = *p;
	} else if (strcmp(argv[1], "nodes") == 0) {
		printf("debug.crashme.panic: %d\n",
		    sysctl_int("debug.crashme.panic", &v));
		printf("debug.selftest.kthreads: %d\n",
		    sysctl_int("debug.selftest.kthreads", &v));
	} else if (strcmp(argv[1], "crash") == 0 && argc == 3) {
		snprintf(name, sizeof(name), "debug.crashme.%s", argv[2]);
		printf("writing %s\n", name);
		fflush(stdout);
		error = sysctl_setint(name, 1);
		printf("%s survived: %d\n", name, error);
	} else {
		return 2;
	}
	fflush(stdout);
	CHECK(rump_sys_reboot(RUMP_RB_HALT, NULL) == 0);
	return 0;
}
