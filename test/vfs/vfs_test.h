/*
 * Helpers of the VFS test programs: boot a local kernel, mount tmpfs,
 * and check a call's result against an expected errno.
 */
#ifndef VFS_TEST_H
#define VFS_TEST_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>
#include <rump/tmpfs_args.h>

/*
 * Built with -DVT_CLIENT the program is a sysproxy client of the
 * rump_server at $RUMP_SERVER instead of booting a kernel of its own.
 */
#ifdef VT_CLIENT
#include <rump/rumpclient.h>
#define	vt_boot()	rumpclient_init()
#else
#define	vt_boot()	rump_init()
#endif

static int vt_cases __attribute__((unused)), vt_failed __attribute__((unused));

/* Run expr; it must fail with want (or succeed when want is 0). */
#define	EXPECT(want, expr) do {						\
	long vt_r;							\
	int vt_e;							\
	errno = 0;							\
	vt_r = (long)(expr);						\
	vt_e = vt_r < 0 ? errno : 0;					\
	vt_cases++;							\
	if (vt_e != (want)) {						\
		vt_failed++;						\
		printf("FAIL line %d: %s: errno %d, want %d\n",		\
		    __LINE__, #expr, vt_e, (want));			\
	} else								\
		printf("ok %s -> %d\n", #expr, vt_e);			\
} while (0)

/* expr must succeed; the program stops otherwise. */
#define	MUST(expr) do {							\
	if ((long)(expr) < 0) {						\
		printf("SETUP FAIL line %d: %s: errno %d\n", __LINE__,	\
		    #expr, errno);					\
		exit(2);						\
	}								\
} while (0)

static int __attribute__((unused))
vt_mount_tmpfs(const char *path, int64_t size, uint64_t nodes, int mode)
{
	struct tmpfs_args ta;

	memset(&ta, 0, sizeof(ta));
	ta.ta_version = TMPFS_ARGS_VERSION;
	ta.ta_size_max = size;
	ta.ta_nodes_max = nodes;
	ta.ta_root_mode = mode;
	return rump_sys_mount("tmpfs", path, 0, &ta, sizeof(ta));
}

static int __attribute__((unused))
vt_putfile(const char *path, const char *data, int mode)
{
	int fd;

	fd = rump_sys_open(path, RUMP_O_CREAT | RUMP_O_WRONLY | RUMP_O_TRUNC,
	    mode);
	if (fd < 0)
		return -1;
	if (rump_sys_write(fd, data, strlen(data)) != (ssize_t)strlen(data))
		return -1;
	return rump_sys_close(fd);
}

#endif /* VFS_TEST_H */
