/*
 * Descriptor tables: dup, dup2, fcntl, close and their errors, files
 * shared between descriptors, and tables copied (RUMP_RFFDG) or empty
 * (RUMP_RFCFDG) in a new process.  Files come from the VFS (linked in).
 */
#include "kerntest.h"

static int
getfl(int fd)
{
	int rv = rump_sys_fcntl(fd, RUMP_F_GETFL, NULL);

	return rv == -1 ? -errno : rv;
}

int
main(void)
{
	struct lwp *parent;
	char buf[16];
	int fd, rv;

	CHECK(rump_init() == 0);
	parent = rump_pub_lwproc_curlwp();
	fd = rump_sys_open("/f", RUMP_O_CREAT | RUMP_O_RDWR, 0644);
	printf("open: %d\n", fd);
	printf("dup: %d\n", rump_sys_dup(fd));
	printf("dup2: %d\n", rump_sys_dup2(fd, 10));
	printf("F_DUPFD 5: %d\n", rump_sys_fcntl(fd, RUMP_F_DUPFD, (void *)5));
	printf("F_GETFL accmode: %d\n", getfl(fd) & RUMP_O_ACCMODE);
	CHECK(rump_sys_fcntl(10, RUMP_F_SETFD, (void *)RUMP_FD_CLOEXEC) == 0);
	printf("F_GETFD 10: %d, 0: %d\n", rump_sys_fcntl(10, RUMP_F_GETFD, NULL),
	    rump_sys_fcntl(fd, RUMP_F_GETFD, NULL));
	printf("F_MAXFD: %d\n", rump_sys_fcntl(0, RUMP_F_MAXFD, NULL));

	/* One open file behind all of them: the offset is shared. */
	CHECK(rump_sys_write(10, "abc", 3) == 3);
	CHECK(rump_sys_write(5, "de", 2) == 2);
	memset(buf, 0, sizeof(buf));
	rv = (int)rump_sys_pread(fd, buf, sizeof(buf) - 1, 0);
	printf("pread: %d %s\n", rv, buf);

	printf("close 1: %d\n", rump_sys_close(1));
	rv = rump_sys_close(1);
	printf("close 1 again: %d errno %d\n", rv, errno);
	rv = rump_sys_close(-1);
	printf("close -1: %d errno %d\n", rv, errno);
	rv = rump_sys_dup2(fd, 100000);
	printf("dup2 out of range: %d errno %d\n", rv, errno);
	rv = rump_sys_dup(77);
	printf("dup 77: %d errno %d\n", rv, errno);

	/* A copied table: same files; closing in the child leaves the parent's. */
	CHECK(rump_pub_lwproc_rfork(RUMP_RFFDG) == 0);
	printf("RFFDG child %d: fd 0 %d\n", rump_sys_getpid(), getfl(0) & RUMP_O_ACCMODE);
	CHECK(rump_sys_close(0) == 0);
	rump_pub_lwproc_releaselwp();
	rump_pub_lwproc_switch(parent);
	printf("parent after child closed: %d\n", getfl(0) & RUMP_O_ACCMODE);

	/* An empty table. */
	CHECK(rump_pub_lwproc_rfork(RUMP_RFCFDG) == 0);
	printf("RFCFDG child %d: fd 0 %d\n", rump_sys_getpid(), getfl(0));
	rump_pub_lwproc_releaselwp();
	rump_pub_lwproc_switch(parent);

	/* F_CLOSEM closes everything from 3 up. */
	CHECK(rump_sys_fcntl(3, RUMP_F_CLOSEM, NULL) == 0);
	printf("after F_CLOSEM: 0 %d, 5 %d, 10 %d\n", getfl(0) & RUMP_O_ACCMODE,
	    getfl(5), getfl(10));
	CHECK(rump_sys_close(0) == 0);
	CHECK(rump_sys_reboot(RUMP_RB_HALT, NULL) == 0);
	printf("fds ok\n");
	return 0;
}
