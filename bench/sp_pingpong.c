/*
 * Round-trip latency of the sysproxy getpid against a bare ping-pong.
 *
 *	sp_pingpong rump url n		getpid through librumpclient
 *	sp_pingpong bare path n		16-byte request, 32-byte reply between
 *					two processes over a unix socket
 *	sp_pingpong mkdir url n		mkdir+rmdir pairs through librumpclient
 *
 * Prints "<mode> <n> <nanoseconds per round trip>".  Both loops do what
 * a syscall round trip must at least do: one write and one read on each
 * side.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rumpclient.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int
fullio(int fd, void *buf, size_t len, int wr)
{
	char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = wr ? write(fd, p, len) : read(fd, p, len);
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static void
bare(const char *path, long n)
{
	struct sockaddr_un sun;
	char req[16], rep[32];
	int lfd, fd, status;
	double t0;
	long i;
	pid_t pid;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s", path);
	unlink(path);
	if ((lfd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    bind(lfd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    listen(lfd, 1) == -1)
		err(1, "listen %s", path);
	if ((pid = fork()) == 0) {
		if ((fd = accept(lfd, NULL, NULL)) == -1)
			_exit(1);
		memset(rep, 0, sizeof(rep));
		while (fullio(fd, req, sizeof(req), 0) == 0)
			if (fullio(fd, rep, sizeof(rep), 1) == -1)
				break;
		_exit(0);
	}
	close(lfd);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1 ||
	    connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1)
		err(1, "connect %s", path);
	memset(req, 0, sizeof(req));
	for (i = 0; i < n / 10; i++)	/* warm up */
		if (fullio(fd, req, sizeof(req), 1) == -1 ||
		    fullio(fd, rep, sizeof(rep), 0) == -1)
			errx(1, "ping-pong failed");
	t0 = now();
	for (i = 0; i < n; i++)
		if (fullio(fd, req, sizeof(req), 1) == -1 ||
		    fullio(fd, rep, sizeof(rep), 0) == -1)
			errx(1, "ping-pong failed");
	printf("bare %ld %.0f\n", n, (now() - t0) / n);
	close(fd);
	waitpid(pid, &status, 0);
	unlink(path);
}

static void
rump(const char *url, long n)
{
	long rv[2];
	double t0;
	long i;

	if (rumpclient_init_url(url) == -1)
		err(1, "rumpclient_init %s", url);
	for (i = 0; i < n / 10; i++)
		if (rumpclient_syscall(20, NULL, 0, rv) != 0)
			errx(1, "getpid failed");
	t0 = now();
	for (i = 0; i < n; i++)
		if (rumpclient_syscall(20, NULL, 0, rv) != 0)
			errx(1, "getpid failed");
	printf("rump %ld %.0f\n", n, (now() - t0) / n);
	rumpclient_fini();
}

static void
mkdirs(const char *url, long n)
{
	char path[64];
	int64_t arg[2];
	long rv[2];
	double t0;
	long i;
	int error;

	if (rumpclient_init_url(url) == -1)
		err(1, "rumpclient_init %s", url);
	t0 = now();
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/sp-bench-%ld", i);
		arg[0] = (int64_t)(uintptr_t)path;
		arg[1] = 0755;
		if ((error = rumpclient_syscall(136, arg, sizeof(arg), rv)) != 0)
			errx(1, "mkdir %s: errno %d", path, error);
		if ((error = rumpclient_syscall(137, arg, 8, rv)) != 0)
			errx(1, "rmdir %s: errno %d", path, error);
	}
	printf("mkdir %ld %.0f\n", n, (now() - t0) / n);
	rumpclient_fini();
}

int
main(int argc, char *argv[])
{
	long n;

	if (argc != 4 || (n = atol(argv[3])) <= 0)
		errx(1, "usage: sp_pingpong rump|mkdir|bare url|path n");
	if (strcmp(argv[1], "bare") == 0)
		bare(argv[2], n);
	else if (strcmp(argv[1], "rump") == 0)
		rump(argv[2], n);
	else if (strcmp(argv[1], "mkdir") == 0)
		mkdirs(argv[2], n);
	else
		errx(1, "unknown mode %s", argv[1]);
	return 0;
}
