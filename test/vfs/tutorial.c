/*
 * The tutorial's steps in a local kernel, for the gdb session of the
 * test: mkdir /mnt, mount_tmpfs swap /mnt, mkdir /mnt/test, and print
 * vfs.generic.fstypes and the mount list as the tutorial shows them.
 */
#include "vfs_test.h"

int
main(void)
{
	struct rump_statvfs sv[8];
	char fstypes[256];
	size_t len = sizeof(fstypes);
	int mib[8], n, i;
	unsigned int miblen = 8;

	MUST(vt_boot());
	MUST(rump_pub_sysctl_nametomib("vfs.generic.fstypes", mib, &miblen));
	MUST(rump_sys___sysctl(mib, miblen, fstypes, &len, NULL, 0));
	printf("vfs.generic.fstypes = %s\n", fstypes);
	MUST(rump_sys_mkdir("/mnt", 0777));
	MUST(vt_mount_tmpfs("/mnt", 0, 0, 01777));
	MUST(n = rump_sys_getvfsstat(sv, sizeof(sv), RUMP_ST_WAIT));
	for (i = 0; i < n; i++)
		printf("%s on %s type %s%s\n", sv[i].f_mntfromname,
		    sv[i].f_mntonname, sv[i].f_fstypename,
		    (sv[i].f_flag & RUMP_MNT_LOCAL) ? " (local)" : "");
	MUST(rump_sys_mkdir("/mnt/test", 0755));
	printf("mkdir done\n");
	return 0;
}
