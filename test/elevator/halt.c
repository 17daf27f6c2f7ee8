/*
 * Halting the kernel while the elevator works.
 *
 *	halt running	halt while the car carries passengers
 *	halt stopping	halt while a stop_elevator() waits for deliveries
 *			(a second stop meanwhile is EALREADY; the first
 *			returns EINTR)
 *
 * The kernel must stop the thread and free every passenger: in a -DD
 * kernel the leak report at halt is empty.
 */
#include "elevtest.h"

static void *
stopper(void *arg)
{
	int rv;

	CHECK(rump_pub_lwproc_rfork(RUMP_RFCFDG) == 0);
	errno = 0;
	rv = rump_sys_stop_elevator();
	/* The halt cut the deliveries short: EINTR (4 in NetBSD too). */
	printf("stop returned %d errno %d\n", rv, errno);
	fflush(stdout);
	return NULL;
}

int
main(int argc, char **argv)
{
	struct timespec ts = { 0, 1000000 };
	pthread_t t;
	int i;

	CHECK(argc == 2);
	CHECK(rump_init() == 0);
	sysctl_setint("elevator.delay", 2);
	for (i = 0; i < 40; i++)
		CHECK(rump_sys_issue_request(i % RUMP_ELEVATOR_NTYPES,
		    1 + i % 10, 10 - i % 10) == 0);
	CHECK(rump_sys_start_elevator() == 0);
	for (i = 0; i < 60000 && sysctl_int("elevator.riding") == 0; i++)
		nanosleep(&ts, NULL);
	CHECK(sysctl_int("elevator.riding") > 0);

	if (strcmp(argv[1], "stopping") == 0) {
		CHECK(pthread_create(&t, NULL, stopper, NULL) == 0);
		wait_int("elevator.stopping", 1);
		CHECK_ERR(rump_sys_stop_elevator(), RUMP_EALREADY);
	} else
		CHECK(strcmp(argv[1], "running") == 0);

	printf("halting with %d riding, %d waiting\n",
	    sysctl_int("elevator.riding"), sysctl_int("elevator.waiting"));
	fflush(stdout);
	rump_sys_reboot(NB_RB_HALT, NULL);
	if (strcmp(argv[1], "stopping") == 0)
		CHECK(pthread_join(t, NULL) == 0);
	printf("reboot returned\n");
	return 0;
}
