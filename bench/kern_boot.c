/*
 * Benchmark program: time rump_init() to halt of a local kernel (with
 * whatever components are linked in), a local getpid, and a mkdir+rmdir
 * pair when a file system is there.  Prints one line of figures:
 *
 *	boot_us <n> halt_us <n> getpid_ns <n> mkdir_rmdir_ns <n|-1> maxrss_kb <n>
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <time.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>
#include <rump/rumpdefs.h>

/* Peak RSS of this program (VmHWM: unlike ru_maxrss, not inherited across exec). */
static long
peak_rss_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f;

	if ((f = fopen("/proc/self/status", "r")) == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = atol(line + 6);
	fclose(f);
	return kb;
}

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

int
main(int argc, char **argv)
{
	int loops = argc > 1 ? atoi(argv[1]) : 0, i;
	double t0, t1, t2, t3, mkdir_ns = -1, getpid_ns = -1;

	t0 = now_us();
	if (rump_init() != 0)
		return 1;
	t1 = now_us();
	if (loops > 0) {
		t2 = now_us();
		for (i = 0; i < loops; i++)
			(void)rump_sys_getpid();
		getpid_ns = (now_us() - t2) * 1000 / loops;
		if (rump_sys_mkdir("/bench", 0755) == 0 &&
		    rump_sys_rmdir("/bench") == 0) {
			t2 = now_us();
			for (i = 0; i < loops; i++) {
				rump_sys_mkdir("/bench", 0755);
				rump_sys_rmdir("/bench");
			}
			mkdir_ns = (now_us() - t2) * 1000 / loops;
		}
	}
	t2 = now_us();
	if (rump_sys_reboot(RUMP_RB_HALT, NULL) != 0)
		return 1;
	t3 = now_us();
	fprintf(stderr, "boot_us %.1f halt_us %.1f getpid_ns %.1f "
	    "mkdir_rmdir_ns %.1f maxrss_kb %ld\n", t1 - t0, t3 - t2,
	    getpid_ns, mkdir_ns, peak_rss_kb());
	return 0;
}
