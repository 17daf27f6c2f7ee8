/*
 * VFS benchmark: the same loops through rump_sys_* on tmpfs in a local
 * kernel and through host system calls in a host directory (the host's
 * /dev/shm), in one process, one after the other.
 *
 *	vfs_bench <hostdir> <nfiles> <mib>
 *
 * Prints "name ns" pairs on one line: metadata (create+stat+unlink of
 * nfiles files one after the other, then in phases: create all, stat
 * all, unlink all) and data (sequential write then read of mib
 * MiB in 1 MiB transfers), for each side, and the floor of writing into
 * fresh process memory (malloc and copy of mib MiB in 4 KiB pages).
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>
#include <rump/tmpfs_args.h>

#define	CHUNK	(1024 * 1024)

static char *buf;

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void
die(const char *what)
{

	fprintf(stderr, "vfs_bench: %s failed: errno %d\n", what, errno);
	exit(1);
}

static uint64_t
meta_rump(int n)
{
	struct rump_stat sb;
	char path[64];
	uint64_t t0 = now_ns();
	int i, fd;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/mnt/f%d", i);
		if ((fd = rump_sys_open(path, RUMP_O_CREAT | RUMP_O_RDWR, 0644)) < 0)
			die("rump open");
		rump_sys_close(fd);
		if (rump_sys_stat(path, &sb) != 0)
			die("rump stat");
		if (rump_sys_unlink(path) != 0)
			die("rump unlink");
	}
	return now_ns() - t0;
}

/* The same in phases: create all, stat all, unlink all (a big directory). */
static uint64_t
meta_rump_phases(int n)
{
	struct rump_stat sb;
	char path[64];
	uint64_t t0 = now_ns();
	int i, fd;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/mnt/f%d", i);
		if ((fd = rump_sys_open(path, RUMP_O_CREAT | RUMP_O_RDWR, 0644)) < 0)
			die("rump open");
		rump_sys_close(fd);
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/mnt/f%d", i);
		if (rump_sys_stat(path, &sb) != 0)
			die("rump stat");
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/mnt/f%d", i);
		if (rump_sys_unlink(path) != 0)
			die("rump unlink");
	}
	return now_ns() - t0;
}

static uint64_t
meta_host_phases(const char *dir, int n)
{
	struct stat sb;
	char path[4096];
	uint64_t t0 = now_ns();
	int i, fd;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		if ((fd = open(path, O_CREAT | O_RDWR, 0644)) < 0)
			die("host open");
		close(fd);
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		if (stat(path, &sb) != 0)
			die("host stat");
	}
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		if (unlink(path) != 0)
			die("host unlink");
	}
	return now_ns() - t0;
}

static uint64_t
meta_host(const char *dir, int n)
{
	struct stat sb;
	char path[4096];
	uint64_t t0 = now_ns();
	int i, fd;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/f%d", dir, i);
		if ((fd = open(path, O_CREAT | O_RDWR, 0644)) < 0)
			die("host open");
		close(fd);
		if (stat(path, &sb) != 0)
			die("host stat");
		if (unlink(path) != 0)
			die("host unlink");
	}
	return now_ns() - t0;
}

static void
data_rump(int mib, uint64_t *wns, uint64_t *rns)
{
	uint64_t t0;
	int fd, i;

	if ((fd = rump_sys_open("/mnt/big", RUMP_O_CREAT | RUMP_O_RDWR, 0644)) < 0)
		die("rump open big");
	t0 = now_ns();
	for (i = 0; i < mib; i++)
		if (rump_sys_write(fd, buf, CHUNK) != CHUNK)
			die("rump write");
	*wns = now_ns() - t0;
	rump_sys_lseek(fd, 0, RUMP_SEEK_SET);
	t0 = now_ns();
	for (i = 0; i < mib; i++)
		if (rump_sys_read(fd, buf, CHUNK) != CHUNK)
			die("rump read");
	*rns = now_ns() - t0;
	rump_sys_close(fd);
	rump_sys_unlink("/mnt/big");
}

static void
data_host(const char *dir, int mib, uint64_t *wns, uint64_t *rns)
{
	char path[4096];
	uint64_t t0;
	int fd, i;

	snprintf(path, sizeof(path), "%s/big", dir);
	if ((fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644)) < 0)
		die("host open big");
	t0 = now_ns();
	for (i = 0; i < mib; i++)
		if (write(fd, buf, CHUNK) != CHUNK)
			die("host write");
	*wns = now_ns() - t0;
	lseek(fd, 0, SEEK_SET);
	t0 = now_ns();
	for (i = 0; i < mib; i++)
		if (read(fd, buf, CHUNK) != CHUNK)
			die("host read");
	*rns = now_ns() - t0;
	close(fd);
	unlink(path);
}

/*
 * The floor of any in-process file system: allocating and filling mib
 * MiB of fresh memory in 4 KiB pages (the host faults each page in).
 */
static uint64_t
data_floor(int mib)
{
	size_t n = (size_t)mib * (CHUNK / 4096), i;
	void **pages = calloc(n, sizeof(void *));
	uint64_t t0, t;

	t0 = now_ns();
	for (i = 0; i < n; i++) {
		if ((pages[i] = malloc(4096 + 16)) == NULL)
			die("malloc");
		memcpy(pages[i], buf + (i * 4096) % CHUNK, 4096);
	}
	t = now_ns() - t0;
	for (i = 0; i < n; i++)
		free(pages[i]);
	free(pages);
	return t;
}

int
main(int argc, char **argv)
{
	struct tmpfs_args ta;
	uint64_t mr, mh, pr, ph, wr, rr, wh, rh, fl;
	int nfiles, mib;

	if (argc != 4) {
		fprintf(stderr, "usage: vfs_bench hostdir nfiles mib\n");
		return 2;
	}
	nfiles = atoi(argv[2]);
	mib = atoi(argv[3]);
	buf = malloc(CHUNK);
	memset(buf, 0x5a, CHUNK);
	if (rump_init() != 0 || rump_sys_mkdir("/mnt", 0755) != 0)
		die("boot");
	memset(&ta, 0, sizeof(ta));
	ta.ta_version = TMPFS_ARGS_VERSION;
	ta.ta_size_max = (int64_t)(mib + 64) * CHUNK;
	ta.ta_root_mode = 0755;
	if (rump_sys_mount("tmpfs", "/mnt", 0, &ta, sizeof(ta)) != 0)
		die("mount");

	mr = meta_rump(nfiles);
	mh = meta_host(argv[1], nfiles);
	pr = meta_rump_phases(nfiles);
	ph = meta_host_phases(argv[1], nfiles);
	data_rump(mib, &wr, &rr);
	data_host(argv[1], mib, &wh, &rh);
	fl = data_floor(mib);
	printf("meta_rump_ns %llu meta_host_ns %llu phases_rump_ns %llu "
	    "phases_host_ns %llu write_rump_ns %llu "
	    "read_rump_ns %llu write_host_ns %llu read_host_ns %llu "
	    "floor_ns %llu\n",
	    (unsigned long long)mr, (unsigned long long)mh,
	    (unsigned long long)pr, (unsigned long long)ph,
	    (unsigned long long)wr, (unsigned long long)rr,
	    (unsigned long long)wh, (unsigned long long)rh,
	    (unsigned long long)fl);
	return 0;
}
