/*
 * A component loaded after boot (dlopen of its .so, as rump_server does
 * for a library given later) is initialised at once.
 *
 *	late <path to librumpkern_debug.so>
 */
#include <dlfcn.h>

#include "kerntest.h"

int
main(int argc, char **argv)
{
	int v = 0, error;

	if (argc != 2)
		return 2;
	CHECK(rump_init() == 0);
	error = sysctl_int("debug.selftest.kthreads", &v);
	printf("before dlopen: %d\n", error);
	if (dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL) == NULL) {
		printf("dlopen: %s\n", dlerror());
		return 1;
	}
	error = sysctl_int("debug.selftest.kthreads", &v);
	printf("after dlopen: %d value %d\n", error, v);
	CHECK(rump_sys_reboot(RUMP_RB_HALT, NULL) == 0);
	return 0;
}
