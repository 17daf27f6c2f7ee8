/*
 * The elevator in a local kernel: argument errors, requests issued
 * before the start, then several processes (one host thread each)
 * issuing random requests at once while the car runs; stop delivers
 * everyone and the sysctl status adds up.
 *
 *	local nthreads requests-per-thread seed
 */
#include "elevtest.h"

static int nrequests;
static unsigned int seed;
static int loadviolations;

static void *
worker(void *arg)
{
	unsigned int r = seed + (unsigned int)(uintptr_t)arg;
	int i, type, start, dest;

	/* A process of its own, as a client is. */
	CHECK(rump_pub_lwproc_rfork(RUMP_RFCFDG) == 0);
	for (i = 0; i < nrequests; i++) {
		type = rand_r(&r) % RUMP_ELEVATOR_NTYPES;
		start = 1 + rand_r(&r) % RUMP_ELEVATOR_NFLOORS;
		dest = 1 + rand_r(&r) % RUMP_ELEVATOR_NFLOORS;
		CHECK(rump_sys_issue_request(type, start, dest) == 0);
		if (sysctl_int("elevator.load") > RUMP_ELEVATOR_MAXLOAD)
			__atomic_add_fetch(&loadviolations, 1, __ATOMIC_RELAXED);
	}
	rump_pub_lwproc_releaselwp();
	return NULL;
}

int
main(int argc, char **argv)
{
	pthread_t *t;
	int nthreads, i, total, base;

	CHECK(argc == 4);
	nthreads = atoi(argv[1]);
	nrequests = atoi(argv[2]);
	seed = (unsigned int)strtoul(argv[3], NULL, 10);
	CHECK(rump_init() == 0);

	/* Bad arguments. */
	CHECK_ERR(rump_sys_issue_request(RUMP_ELEVATOR_NTYPES, 1, 2), RUMP_EINVAL);
	CHECK_ERR(rump_sys_issue_request(-1, 1, 2), RUMP_EINVAL);
	CHECK_ERR(rump_sys_issue_request(0, 0, 2), RUMP_EINVAL);
	CHECK_ERR(rump_sys_issue_request(0, 11, 2), RUMP_EINVAL);
	CHECK_ERR(rump_sys_issue_request(0, 1, 0), RUMP_EINVAL);
	CHECK_ERR(rump_sys_issue_request(0, 1, 11), RUMP_EINVAL);
	CHECK(sysctl_int("elevator.issued") == 0);

	/* Offline: a stop has nothing to do; requests wait. */
	CHECK(strcmp(sysctl_str("elevator.state"), "offline") == 0);
	CHECK(rump_sys_stop_elevator() == 0);
	CHECK(sysctl_int("elevator.floor") == 1);
	CHECK(sysctl_int("elevator.maxload") == RUMP_ELEVATOR_MAXLOAD);
	sysctl_setint("elevator.delay", 1);
	CHECK(rump_sys_issue_request(RUMP_ELEVATOR_BELLHOP, 3, 7) == 0);
	CHECK(rump_sys_issue_request(RUMP_ELEVATOR_CHILD, 5, 5) == 0);
	CHECK(sysctl_int("elevator.waiting") == 2);

	base = proc_nlwps(0);
	CHECK(rump_sys_start_elevator() == 0);
	CHECK_ERR(rump_sys_start_elevator(), RUMP_EBUSY);
	CHECK(proc_nlwps(0) == base + 1);
	/* The two early ones are served without anyone stopping the car. */
	wait_int("elevator.serviced", 2);

	t = calloc(nthreads, sizeof(*t));
	for (i = 0; i < nthreads; i++)
		CHECK(pthread_create(&t[i], NULL, worker, (void *)(uintptr_t)i) == 0);
	for (i = 0; i < nthreads; i++)
		CHECK(pthread_join(t[i], NULL) == 0);

	/* Stop returns once everyone issued before it is delivered. */
	CHECK(rump_sys_stop_elevator() == 0);
	total = 2 + nthreads * nrequests;
	CHECK(sysctl_int("elevator.issued") == total);
	CHECK(sysctl_int("elevator.serviced") == total);
	CHECK(sysctl_int("elevator.waiting") == 0);
	CHECK(sysctl_int("elevator.riding") == 0);
	CHECK(sysctl_int("elevator.load") == 0);
	CHECK(sysctl_int("elevator.stopping") == 0);
	CHECK(sysctl_int("elevator.peakload") > 0);
	CHECK(sysctl_int("elevator.peakload") <= RUMP_ELEVATOR_MAXLOAD);
	CHECK(loadviolations == 0);
	CHECK(strcmp(sysctl_str("elevator.state"), "offline") == 0);
	CHECK(proc_nlwps(0) == base);

	/* It can run again; a request issued while it is stopped waits for that. */
	CHECK(rump_sys_issue_request(RUMP_ELEVATOR_ADULT, 10, 1) == 0);
	CHECK(sysctl_int("elevator.waiting") == 1);
	CHECK(rump_sys_start_elevator() == 0);
	CHECK(rump_sys_stop_elevator() == 0);
	CHECK(sysctl_int("elevator.serviced") == total + 1);
	CHECK(sysctl_int("elevator.floor") == 1);

	printf("serviced %d peakload %d\n", sysctl_int("elevator.serviced"),
	    sysctl_int("elevator.peakload"));
	return 0;
}
