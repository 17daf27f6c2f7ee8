/*
 * Memory after unmount: everything tmpfs and the VFS allocated for a
 * mount is freed when it is unmounted, also by force with files in use
 * once they are released (kmem in use and the vnode count return to
 * what they were before the mount), and halting a kernel with file systems still
 * mounted, files open and a cwd inside them leaves an empty leak
 * report (checked by the test on a -DD kernel).
 *
 *	leak
 */
#include "vfs_test.h"

/* Kernel symbols carry the rumpns_ prefix. */
size_t	rumpns_kmem_inuse(void);
extern unsigned int rumpns_numvnodes;

static void
work(const char *dir)
{
	char path[256], buf[8192];
	int fd, i;

	memset(buf, 'q', sizeof(buf));
	for (i = 0; i < 50; i++) {
		snprintf(path, sizeof(path), "%s/d%d", dir, i % 5);
		(void)rump_sys_mkdir(path, 0755);
		snprintf(path, sizeof(path), "%s/d%d/f%d", dir, i % 5, i);
		MUST(fd = rump_sys_open(path, RUMP_O_CREAT | RUMP_O_RDWR, 0644));
		MUST(rump_sys_pwrite(fd, buf, sizeof(buf), i * 10000));
		MUST(rump_sys_close(fd));
	}
	snprintf(path, sizeof(path), "%s/d0/f0", dir);
	snprintf(buf, sizeof(buf), "%s/hard", dir);
	MUST(rump_sys_link(path, buf));
	snprintf(buf, sizeof(buf), "%s/sym", dir);
	MUST(rump_sys_symlink(path, buf));
	snprintf(path, sizeof(path), "%s/d1", dir);
	snprintf(buf, sizeof(buf), "%s/d4/moved", dir);
	MUST(rump_sys_rename(path, buf));
	snprintf(path, sizeof(path), "%s/d2/f2", dir);
	MUST(rump_sys_truncate(path, 3));
	snprintf(path, sizeof(path), "%s/d3/f3", dir);
	MUST(rump_sys_unlink(path));
	/* An open file whose last name goes away. */
	snprintf(path, sizeof(path), "%s/d3/f8", dir);
	MUST(fd = rump_sys_open(path, RUMP_O_RDWR, 0));
	MUST(rump_sys_unlink(path));
	MUST(rump_sys_write(fd, "x", 1));
	MUST(rump_sys_close(fd));
}

int
main(void)
{
	size_t before, after;
	unsigned int vbefore, vafter;
	int fd;

	MUST(rump_init());
	MUST(rump_sys_mkdir("/mnt", 0755));
	before = rumpns_kmem_inuse();
	vbefore = rumpns_numvnodes;
	MUST(vt_mount_tmpfs("/mnt", 0, 0, 0755));
	work("/mnt");
	MUST(rump_sys_chdir("/mnt/d4"));
	EXPECT(RUMP_EBUSY, rump_sys_unmount("/mnt", 0));
	MUST(rump_sys_chdir("/"));
	MUST(rump_sys_unmount("/mnt", 0));
	/* Forced, with a file open and the cwd inside: freed when released. */
	MUST(vt_mount_tmpfs("/mnt", 0, 0, 0755));
	work("/mnt");
	MUST(fd = rump_sys_open("/mnt/d0/f0", RUMP_O_RDONLY, 0));
	MUST(rump_sys_chdir("/mnt/d4"));
	MUST(rump_sys_unmount("/mnt", RUMP_MNT_FORCE));
	MUST(rump_sys_close(fd));
	MUST(rump_sys_chdir("/"));
	after = rumpns_kmem_inuse();
	vafter = rumpns_numvnodes;
	printf("kmem in use before mount %zu after unmount %zu\n", before,
	    after);
	printf("vnodes before mount %u after unmount %u\n", vbefore, vafter);
	if (before != after || vbefore != vafter)
		vt_failed++;

	/* Halt with everything in use. */
	MUST(vt_mount_tmpfs("/mnt", 0, 0, 0755));
	work("/mnt");
	work("/");
	MUST(fd = rump_sys_open("/mnt/d0/f5", RUMP_O_RDONLY, 0));
	MUST(rump_sys_chdir("/mnt/d4/moved"));
	MUST(rump_pub_lwproc_rfork(RUMP_RFFDG));
	MUST(rump_sys_chdir("/mnt/d2"));
	printf("failed %d\n", vt_failed);
	fflush(stdout);
	rump_sys_reboot(RUMP_RB_HALT, NULL);
	return vt_failed == 0 ? 0 : 1;
}
