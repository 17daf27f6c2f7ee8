/*
 * A client that leaves the server's file systems in use and halts it:
 * tmpfs mounted, a file open, the cwd inside, a directory on rumpfs.
 * The -DD server's leak report must be empty.
 */
#include "vfs_test.h"

int
main(void)
{
	int fd;

	MUST(vt_boot());
	MUST(rump_sys_mkdir("/mnt", 0755));
	MUST(vt_mount_tmpfs("/mnt", 0, 0, 0755));
	MUST(rump_sys_mkdir("/mnt/d", 0755));
	MUST(vt_putfile("/mnt/d/f", "data", 0644));
	MUST(rump_sys_mkdir("/root-dir", 0755));
	MUST(vt_putfile("/root-dir/g", "more", 0644));
	MUST(fd = rump_sys_open("/mnt/d/f", RUMP_O_RDONLY, 0));
	MUST(rump_sys_chdir("/mnt/d"));
	printf("halting\n");
	fflush(stdout);
	/* RB_HALT: the server goes away; the call may not return. */
	rump_sys_reboot(RUMP_RB_HALT, NULL);
	return 0;
}
