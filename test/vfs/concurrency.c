/*
 * Several processes of a local kernel working at once in one tmpfs:
 * each in a directory of its own (results checked) and all in a shared
 * one (creates, renames, links and unlinks racing; only the errors the
 * races explain are allowed).  Afterwards the file system unmounts and
 * the -DD leak report is empty.
 *
 *	concurrency <threads> <ops>
 */
#include <pthread.h>

#include "vfs_test.h"

static int nops;
static volatile int bad;

static int
allowed(int e)
{

	/* Names come and go, and change between files and directories. */
	return e == RUMP_ENOENT || e == RUMP_EEXIST || e == RUMP_ENOTEMPTY ||
	    e == RUMP_ENOTDIR || e == RUMP_EISDIR || e == RUMP_EPERM;
}

static void *
worker(void *arg)
{
	int id = (int)(long)arg, i, fd, n;
	char mine[64], p[64], q[64], buf[512], want[512];
	unsigned int seed = id * 7919 + 1;

	if (rump_pub_lwproc_rfork(RUMP_RFCFDG) != 0) {
		bad++;
		return NULL;
	}
	snprintf(mine, sizeof(mine), "/mnt/w%d", id);
	if (rump_sys_mkdir(mine, 0755) != 0 || rump_sys_chdir(mine) != 0) {
		bad++;
		return NULL;
	}
	for (i = 0; i < nops; i++) {
		/* Private: what is written is read back. */
		snprintf(p, sizeof(p), "f%d", i % 7);
		n = snprintf(want, sizeof(want), "%d:%d", id, i);
		fd = rump_sys_open(p, RUMP_O_CREAT | RUMP_O_RDWR | RUMP_O_TRUNC, 0644);
		if (fd < 0 || rump_sys_write(fd, want, n) != n ||
		    rump_sys_pread(fd, buf, sizeof(buf), 0) != n ||
		    memcmp(buf, want, n) != 0) {
			printf("FAIL worker %d op %d: private file\n", id, i);
			bad++;
		}
		if (fd >= 0)
			rump_sys_close(fd);
		/* Shared: anything may have happened in between. */
		snprintf(p, sizeof(p), "/mnt/shared/s%d", rand_r(&seed) % 5);
		snprintf(q, sizeof(q), "/mnt/shared/s%d", rand_r(&seed) % 5);
		switch (rand_r(&seed) % 6) {
		case 0:
			fd = rump_sys_open(p, RUMP_O_CREAT | RUMP_O_RDWR, 0644);
			if (fd >= 0) {
				rump_sys_write(fd, "x", 1);
				rump_sys_close(fd);
			} else if (!allowed(errno))
				goto unexpected;
			break;
		case 1:
			if (rump_sys_rename(p, q) != 0 && !allowed(errno))
				goto unexpected;
			break;
		case 2:
			if (rump_sys_link(p, q) != 0 && !allowed(errno))
				goto unexpected;
			break;
		case 3:
			if (rump_sys_unlink(p) != 0 && !allowed(errno))
				goto unexpected;
			break;
		case 4:
			if (rump_sys_mkdir(p, 0755) != 0 && !allowed(errno))
				goto unexpected;
			break;
		case 5:
			if (rump_sys_rmdir(p) != 0 && !allowed(errno))
				goto unexpected;
			break;
		}
		continue;
 unexpected:
		printf("FAIL worker %d op %d: errno %d on %s %s\n", id, i,
		    errno, p, q);
		bad++;
	}
	rump_sys_chdir("/");
	rump_pub_lwproc_releaselwp();
	return NULL;
}

int
main(int argc, char **argv)
{
	pthread_t t[16];
	char buf[64];
	int n, i;

	n = argc > 1 ? atoi(argv[1]) : 4;
	nops = argc > 2 ? atoi(argv[2]) : 1000;
	if (n > 16)
		n = 16;
	MUST(vt_boot());
	MUST(rump_sys_mkdir("/mnt", 0755));
	MUST(vt_mount_tmpfs("/mnt", 0, 0, 0777));
	MUST(rump_sys_mkdir("/mnt/shared", 0777));
	for (i = 0; i < n; i++)
		pthread_create(&t[i], NULL, worker, (void *)(long)i);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	/* Nothing is left in use: the mount goes. */
	if (rump_sys_unmount("/mnt", 0) != 0) {
		printf("FAIL unmount: errno %d\n", errno);
		bad++;
	}
	snprintf(buf, sizeof(buf), "threads %d ops %d failed %d\n", n, nops,
	    bad);
	fputs(buf, stdout);
	fflush(stdout);
	rump_sys_reboot(RUMP_RB_HALT, NULL);
	return bad == 0 ? 0 : 1;
}
