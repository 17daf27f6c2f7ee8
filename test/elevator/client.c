/*
 * A remote client of the elevator (librumpclient, $RUMP_SERVER).
 *
 *	client enosys		all three calls fail with ENOSYS
 *	client issue SEED N	N random requests; prints "issued N"
 */
#include <sys/types.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rump/rumpclient.h>
#include <rump/rump_syscalls.h>

#define	NB_EINVAL	22
#define	NB_ENOSYS	78

#define	CHECK(e) do {							\
	if (!(e)) {							\
		fprintf(stderr, "%s:%d: check failed: %s (errno %d)\n",	\
		    __FILE__, __LINE__, #e, errno);			\
		exit(1);						\
	}								\
} while (0)

int
main(int argc, char **argv)
{
	unsigned int seed;
	int i, n;

	CHECK(argc >= 2);
	CHECK(rumpclient_init() == 0);
	if (strcmp(argv[1], "enosys") == 0) {
		errno = 0;
		CHECK(rump_sys_start_elevator() == -1 && errno == NB_ENOSYS);
		errno = 0;
		CHECK(rump_sys_issue_request(0, 1, 2) == -1 && errno == NB_ENOSYS);
		errno = 0;
		CHECK(rump_sys_stop_elevator() == -1 && errno == NB_ENOSYS);
		printf("enosys ok\n");
		return 0;
	}
	CHECK(strcmp(argv[1], "issue") == 0 && argc == 4);
	seed = (unsigned int)strtoul(argv[2], NULL, 10);
	n = atoi(argv[3]);
	errno = 0;
	CHECK(rump_sys_issue_request(0, 1, 11) == -1 && errno == NB_EINVAL);
	for (i = 0; i < n; i++)
		CHECK(rump_sys_issue_request(rand_r(&seed) % 4,
		    1 + rand_r(&seed) % 10, 1 + rand_r(&seed) % 10) == 0);
	printf("issued %d\n", n);
	return 0;
}
