/*
 * Benchmark driver: run two programs n times each, alternating (so both
 * see the same machine), with their output to /dev/null, and print the
 * median exec -> exit wall time of each in microseconds.  No interpreter
 * sits in the measurement.
 *
 *	kern_spawn n progA progB
 */
#include <sys/wait.h>

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{

	qsort(v, (size_t)n, sizeof(*v), cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Run prog once; its wall time in microseconds, or -1 if it failed. */
static double
once(const char *prog, posix_spawn_file_actions_t *fa)
{
	char *argv[] = { (char *)prog, NULL };
	struct timespec t0, t1;
	int status;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (posix_spawn(&pid, prog, fa, NULL, argv, environ) != 0)
		return -1;
	if (waitpid(pid, &status, 0) == -1 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0.tv_sec) * 1e6 + (t1.tv_nsec - t0.tv_nsec) / 1e3;
}

int
main(int argc, char **argv)
{
	posix_spawn_file_actions_t fa;
	double *a, *b;
	int n, i;

	if (argc != 4 || (n = atoi(argv[1])) < 1)
		return 2;
	a = calloc((size_t)n, sizeof(*a));
	b = calloc((size_t)n, sizeof(*b));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	for (i = 0; i < n; i++) {
		if ((a[i] = once(argv[2], &fa)) < 0 ||
		    (b[i] = once(argv[3], &fa)) < 0)
			return 1;
	}
	printf("%.1f %.1f\n", median(a, n), median(b, n));
	return 0;
}
