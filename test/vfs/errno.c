/*
 * The errno table: each system call's failures with the errno NetBSD
 * gives, on tmpfs mounted in a local kernel.  Prints one line per case
 * and "cases N failed M" at the end.
 */
#include "vfs_test.h"

static char longpath[1200], longname[700], tmpfslong[300];

static void
as_root(void)
{
	struct tmpfs_args ta;
	struct rump_stat sb;
	struct rump_iovec iov[1025];
	struct rump_timespec ts[2];
	char buf[4096];
	int fd, rfd, wfd, dfd, i, n;

	memset(longpath, 'a', sizeof(longpath) - 1);
	for (i = 100; i < (int)sizeof(longpath) - 1; i += 100)
		longpath[i] = '/';
	longpath[0] = '/';
	memset(longname, 'n', sizeof(longname) - 1);
	memcpy(longname, "/mnt/", 5);
	memset(tmpfslong, 'm', sizeof(tmpfslong) - 1);
	memcpy(tmpfslong, "/mnt/", 5);

	/* The tree: files, directories, links, a second and a small tmpfs. */
	MUST(rump_sys_mkdir("/mnt", 0755));
	MUST(vt_mount_tmpfs("/mnt", 0, 0, 0755));
	MUST(rump_sys_mkdir("/mnt2", 0755));
	MUST(vt_mount_tmpfs("/mnt2", 0, 0, 0755));
	MUST(rump_sys_mkdir("/mnt/d", 0755));
	MUST(rump_sys_mkdir("/mnt/d/sub", 0755));
	MUST(vt_putfile("/mnt/d/f", "abc", 0644));
	MUST(rump_sys_mkdir("/mnt/e", 0755));
	MUST(rump_sys_mkdir("/mnt/priv", 0700));
	MUST(vt_putfile("/mnt/priv/x", "x", 0644));
	MUST(vt_putfile("/mnt/f", "hello", 0644));
	MUST(vt_putfile("/mnt/secret", "s", 0600));
	MUST(rump_sys_link("/mnt/f", "/mnt/f2"));
	MUST(rump_sys_symlink("f", "/mnt/l"));
	MUST(rump_sys_symlink("loop2", "/mnt/loop1"));
	MUST(rump_sys_symlink("loop1", "/mnt/loop2"));
	MUST(rump_sys_symlink("nonexist", "/mnt/dangle"));
	MUST(vt_putfile("/mnt2/g", "g", 0644));
	MUST(rump_sys_mkdir("/mnt/sticky", 0777));
	MUST(rump_sys_chmod("/mnt/sticky", 01777));
	MUST(vt_putfile("/mnt/sticky/roots", "r", 0666));
	MUST(rump_sys_mkdir("/mnt/small", 0755));
	MUST(vt_mount_tmpfs("/mnt/small", 8 * 4096, 5, 0777));

	/* open, openat */
	EXPECT(RUMP_ENOENT, rump_sys_open("/mnt/nonexist", RUMP_O_RDONLY, 0));
	EXPECT(RUMP_ENOENT, rump_sys_open("", RUMP_O_RDONLY, 0));
	EXPECT(RUMP_ENOENT, rump_sys_open("/mnt/nonexist/x", RUMP_O_RDONLY, 0));
	EXPECT(RUMP_EEXIST, rump_sys_open("/mnt/f", RUMP_O_CREAT | RUMP_O_EXCL | RUMP_O_RDWR, 0644));
	EXPECT(RUMP_EEXIST, rump_sys_open("/mnt/l", RUMP_O_CREAT | RUMP_O_EXCL | RUMP_O_RDWR, 0644));
	EXPECT(RUMP_EISDIR, rump_sys_open("/mnt/d", RUMP_O_WRONLY, 0));
	EXPECT(RUMP_EISDIR, rump_sys_open("/mnt/d", RUMP_O_RDWR, 0));
	EXPECT(RUMP_EISDIR, rump_sys_open("/mnt/d", RUMP_O_RDONLY | RUMP_O_TRUNC, 0));
	EXPECT(RUMP_ENOTDIR, rump_sys_open("/mnt/f", RUMP_O_RDONLY | RUMP_O_DIRECTORY, 0));
	EXPECT(RUMP_ENOTDIR, rump_sys_open("/mnt/f/x", RUMP_O_RDONLY, 0));
	EXPECT(RUMP_ENOTDIR, rump_sys_open("/mnt/f/x", RUMP_O_CREAT | RUMP_O_RDWR, 0644));
	EXPECT(RUMP_EFTYPE, rump_sys_open("/mnt/l", RUMP_O_RDONLY | RUMP_O_NOFOLLOW, 0));
	EXPECT(RUMP_ELOOP, rump_sys_open("/mnt/loop1", RUMP_O_RDONLY, 0));
	EXPECT(RUMP_ELOOP, rump_sys_stat("/mnt/loop1/x", &sb));
	EXPECT(RUMP_ENOENT, rump_sys_open("/mnt/dangle", RUMP_O_RDONLY, 0));
	EXPECT(RUMP_ENAMETOOLONG, rump_sys_open(longpath, RUMP_O_RDONLY, 0));
	EXPECT(RUMP_ENAMETOOLONG, rump_sys_open(longname, RUMP_O_RDONLY, 0));
	EXPECT(RUMP_ENAMETOOLONG, rump_sys_open(tmpfslong, RUMP_O_CREAT | RUMP_O_RDWR, 0644));
	EXPECT(RUMP_EINVAL, rump_sys_open("/mnt/f", 3, 0));
	EXPECT(RUMP_EBADF, rump_sys_openat(999, "f", RUMP_O_RDONLY, 0));
	MUST(rfd = rump_sys_open("/mnt/f", RUMP_O_RDONLY, 0));
	EXPECT(RUMP_ENOTDIR, rump_sys_openat(rfd, "x", RUMP_O_RDONLY, 0));
	MUST(dfd = rump_sys_open("/mnt/d", RUMP_O_RDONLY, 0));
	EXPECT(0, fd = rump_sys_openat(dfd, "f", RUMP_O_RDONLY, 0));
	rump_sys_close(fd);
	EXPECT(0, fd = rump_sys_openat(999, "/mnt/f", RUMP_O_RDONLY, 0));
	rump_sys_close(fd);

	/* mkdir, rmdir, unlink */
	EXPECT(RUMP_EEXIST, rump_sys_mkdir("/mnt/d", 0755));
	EXPECT(RUMP_EEXIST, rump_sys_mkdir("/mnt/f", 0755));
	EXPECT(RUMP_EEXIST, rump_sys_mkdir("/", 0755));
	EXPECT(RUMP_ENOENT, rump_sys_mkdir("/mnt/nonexist/x", 0755));
	EXPECT(RUMP_ENOTDIR, rump_sys_mkdir("/mnt/f/x", 0755));
	EXPECT(RUMP_ENAMETOOLONG, rump_sys_mkdir(tmpfslong, 0755));
	EXPECT(0, rump_sys_mkdir("/mnt/trailing/", 0755));
	EXPECT(RUMP_ENOTEMPTY, rump_sys_rmdir("/mnt/d"));
	EXPECT(RUMP_ENOTDIR, rump_sys_rmdir("/mnt/f"));
	EXPECT(RUMP_EINVAL, rump_sys_rmdir("/mnt/e/."));
	EXPECT(RUMP_ENOTEMPTY, rump_sys_rmdir("/mnt/e/.."));
	EXPECT(RUMP_EBUSY, rump_sys_rmdir("/mnt2"));
	EXPECT(RUMP_ENOENT, rump_sys_rmdir("/mnt/nonexist"));
	EXPECT(RUMP_EPERM, rump_sys_unlink("/mnt/d"));
	EXPECT(RUMP_ENOENT, rump_sys_unlink("/mnt/nonexist"));
	EXPECT(RUMP_ENOTDIR, rump_sys_unlink("/mnt/f/x"));
	EXPECT(RUMP_EINVAL, rump_sys_unlinkat(RUMP_AT_FDCWD, "/mnt/f", 0x1));
	EXPECT(RUMP_ENOTDIR, rump_sys_unlinkat(RUMP_AT_FDCWD, "/mnt/f", RUMP_AT_REMOVEDIR));

	/* rename */
	EXPECT(RUMP_ENOENT, rump_sys_rename("/mnt/nonexist", "/mnt/x"));
	EXPECT(RUMP_EINVAL, rump_sys_rename("/mnt/d", "/mnt/d/sub/d"));
	EXPECT(RUMP_EINVAL, rump_sys_rename("/mnt/d", "/mnt/d/newname"));
	EXPECT(RUMP_ENOTDIR, rump_sys_rename("/mnt/e", "/mnt/f"));
	EXPECT(RUMP_EISDIR, rump_sys_rename("/mnt/f", "/mnt/e"));
	EXPECT(RUMP_ENOTEMPTY, rump_sys_rename("/mnt/e", "/mnt/d"));
	EXPECT(RUMP_EXDEV, rump_sys_rename("/mnt/f", "/mnt2/f"));
	EXPECT(RUMP_EINVAL, rump_sys_rename("/mnt/d/.", "/mnt/x"));
	EXPECT(RUMP_EINVAL, rump_sys_rename("/mnt/e", "/mnt/d/.."));
	EXPECT(RUMP_ENOENT, rump_sys_rename("/mnt/f", "/mnt/nonexist/x"));
	EXPECT(0, rump_sys_rename("/mnt/f", "/mnt/f2"));
	EXPECT(0, rump_sys_stat("/mnt/f", &sb));

	/* link, symlink, readlink */
	EXPECT(RUMP_EEXIST, rump_sys_link("/mnt/f", "/mnt/f2"));
	EXPECT(RUMP_EPERM, rump_sys_link("/mnt/d", "/mnt/dlink"));
	EXPECT(RUMP_EXDEV, rump_sys_link("/mnt/f", "/mnt2/flink"));
	EXPECT(RUMP_ENOENT, rump_sys_link("/mnt/nonexist", "/mnt/x"));
	EXPECT(RUMP_EEXIST, rump_sys_symlink("x", "/mnt/f"));
	EXPECT(RUMP_ENOENT, rump_sys_symlink("x", "/mnt/nonexist/x"));
	EXPECT(RUMP_EINVAL, rump_sys_readlink("/mnt/f", buf, sizeof(buf)));
	EXPECT(RUMP_ENOENT, rump_sys_readlink("/mnt/nonexist", buf, sizeof(buf)));

	/* chdir */
	EXPECT(RUMP_ENOTDIR, rump_sys_chdir("/mnt/f"));
	EXPECT(RUMP_ENOENT, rump_sys_chdir("/mnt/nonexist"));
	EXPECT(RUMP_EBADF, rump_sys_fchdir(999));
	EXPECT(RUMP_ENOTDIR, rump_sys_fchdir(rfd));

	/* read, write, seek, truncate on descriptors */
	MUST(wfd = rump_sys_open("/mnt/w", RUMP_O_CREAT | RUMP_O_WRONLY, 0644));
	EXPECT(RUMP_EBADF, rump_sys_read(999, buf, 1));
	EXPECT(RUMP_EBADF, rump_sys_write(rfd, "x", 1));
	EXPECT(RUMP_EBADF, rump_sys_read(wfd, buf, 1));
	EXPECT(RUMP_EISDIR, rump_sys_read(dfd, buf, 1));
	EXPECT(RUMP_EINVAL, rump_sys_lseek(rfd, 0, 7));
	EXPECT(RUMP_EINVAL, rump_sys_lseek(rfd, -1, RUMP_SEEK_SET));
	EXPECT(RUMP_EINVAL, rump_sys_pread(rfd, buf, 1, -1));
	EXPECT(RUMP_EINVAL, rump_sys_ftruncate(rfd, 0));
	EXPECT(RUMP_EINVAL, rump_sys_ftruncate(wfd, -1));
	EXPECT(RUMP_EISDIR, rump_sys_truncate("/mnt/d", 0));
	EXPECT(RUMP_EINVAL, rump_sys_truncate("/mnt/f", -1));
	EXPECT(RUMP_EINVAL, rump_sys_readv(rfd, iov, 1025));
	EXPECT(RUMP_EINVAL, rump_sys_getdents(rfd, buf, sizeof(buf)));
	EXPECT(RUMP_EINVAL, rump_sys_getdents(dfd, buf, 8));
	EXPECT(RUMP_EBADF, rump_sys_getdents(wfd, buf, sizeof(buf)));
	EXPECT(RUMP_EBADF, rump_sys_fstat(999, &sb));
	EXPECT(RUMP_EBADF, rump_sys_fsync(999));
	EXPECT(RUMP_EBADF, rump_sys_close(999));

	/* stat, access, getcwd, utimensat */
	EXPECT(RUMP_EINVAL, rump_sys_fstatat(RUMP_AT_FDCWD, "/mnt/f", &sb, 0x1));
	EXPECT(RUMP_ENOTDIR, rump_sys_stat("/mnt/f/", &sb));
	EXPECT(0, rump_sys_stat("/mnt/d/", &sb));
	EXPECT(RUMP_ENOENT, rump_sys_lstat("/mnt/nonexist", &sb));
	EXPECT(RUMP_EINVAL, rump_sys_access("/mnt/f", 0x10));
	EXPECT(RUMP_ENOENT, rump_sys_access("/mnt/nonexist", RUMP_F_OK));
	EXPECT(RUMP_ERANGE, rump_sys___getcwd(buf, 1));
	ts[0].tv_sec = 0;
	ts[0].tv_nsec = 2000000000L;
	ts[1] = ts[0];
	EXPECT(RUMP_EINVAL, rump_sys_utimensat(RUMP_AT_FDCWD, "/mnt/f", ts, 0));

	/* mount, unmount */
	EXPECT(RUMP_ENODEV, rump_sys_mount("nosuchfs", "/mnt/e", 0, NULL, 0));
	EXPECT(RUMP_ENOTDIR, vt_mount_tmpfs("/mnt/f", 0, 0, 0755));
	EXPECT(RUMP_ENOENT, vt_mount_tmpfs("/mnt/nonexist", 0, 0, 0755));
	EXPECT(RUMP_EBUSY, vt_mount_tmpfs("/mnt2", 0, 0, 0755));
	memset(&ta, 0, sizeof(ta));
	ta.ta_version = 99;
	EXPECT(RUMP_EINVAL, rump_sys_mount("tmpfs", "/mnt/e", 0, &ta, sizeof(ta)));
	EXPECT(RUMP_EINVAL, rump_sys_mount("tmpfs", "/mnt/e", 0, &ta, 4));
	EXPECT(RUMP_EINVAL, rump_sys_unmount("/mnt/d", 0));
	EXPECT(RUMP_EBUSY, rump_sys_unmount("/", 0));
	MUST(fd = rump_sys_open("/mnt2/g", RUMP_O_RDONLY, 0));
	EXPECT(RUMP_EBUSY, rump_sys_unmount("/mnt2", 0));
	rump_sys_close(fd);
	EXPECT(RUMP_EBUSY, rump_sys_unmount("/mnt", 0));

	/* A read-only mount. */
	MUST(rump_sys_mkdir("/mnt/ro", 0755));
	memset(&ta, 0, sizeof(ta));
	ta.ta_version = TMPFS_ARGS_VERSION;
	ta.ta_root_mode = 0777;
	MUST(rump_sys_mount("tmpfs", "/mnt/ro", RUMP_MNT_RDONLY, &ta, sizeof(ta)));
	EXPECT(RUMP_EROFS, rump_sys_mkdir("/mnt/ro/d", 0755));
	EXPECT(RUMP_EROFS, rump_sys_open("/mnt/ro/f", RUMP_O_CREAT | RUMP_O_RDWR, 0644));
	EXPECT(RUMP_EROFS, rump_sys_chmod("/mnt/ro", 0700));
	EXPECT(RUMP_EROFS, rump_sys_access("/mnt/ro", RUMP_W_OK));
	EXPECT(0, rump_sys_access("/mnt/ro", RUMP_R_OK));
	EXPECT(0, rump_sys_unmount("/mnt/ro", 0));

	/* A full file system: a short write, then ENOSPC; the node limit. */
	memset(buf, 'z', sizeof(buf));
	MUST(fd = rump_sys_open("/mnt/small/big", RUMP_O_CREAT | RUMP_O_RDWR, 0644));
	for (i = 0; i < 7; i++)
		MUST(rump_sys_write(fd, buf, sizeof(buf)));
	EXPECT(0, n = rump_sys_write(fd, buf, sizeof(buf)));
	EXPECT(RUMP_ENOSPC, rump_sys_write(fd, buf, 1));
	EXPECT(RUMP_ENOSPC, rump_sys_pwrite(fd, buf, 1, 1 << 20));
	EXPECT(0, rump_sys_pwrite(fd, buf, 1, 100));
	rump_sys_close(fd);
	MUST(rump_sys_mkdir("/mnt/small/d1", 0755));
	MUST(rump_sys_mkdir("/mnt/small/d2", 0755));
	MUST(rump_sys_mkdir("/mnt/small/d3", 0755));
	EXPECT(RUMP_ENOSPC, rump_sys_mkdir("/mnt/small/d4", 0755));
	EXPECT(RUMP_ENOSPC, rump_sys_open("/mnt/small/f4", RUMP_O_CREAT | RUMP_O_RDWR, 0644));
	EXPECT(RUMP_ENOSPC, rump_sys_symlink("x", "/mnt/small/l4"));
	EXPECT(0, rump_sys_link("/mnt/small/big", "/mnt/small/big2"));

	rump_sys_close(rfd);
	rump_sys_close(wfd);
	rump_sys_close(dfd);
}

/* The checks of a user without privilege, in a process of its own. */
static void
as_user(void)
{
	struct rump_stat sb;
	struct rump_timeval tv[2];
#ifndef VT_CLIENT
	struct lwp *me = rump_pub_lwproc_curlwp();

	MUST(rump_pub_lwproc_rfork(RUMP_RFCFDG));
#endif
	/* A client is a process of its own: this is its last step. */
	MUST(rump_sys_setgid(1000));
	MUST(rump_sys_setuid(1000));
	EXPECT(RUMP_EACCES, rump_sys_open("/mnt/secret", RUMP_O_RDONLY, 0));
	EXPECT(RUMP_EACCES, rump_sys_open("/mnt/f", RUMP_O_WRONLY, 0));
	EXPECT(RUMP_EACCES, rump_sys_mkdir("/mnt/newdir", 0755));
	EXPECT(RUMP_EACCES, rump_sys_open("/mnt/newfile", RUMP_O_CREAT | RUMP_O_RDWR, 0644));
	EXPECT(RUMP_EACCES, rump_sys_unlink("/mnt/f"));
	EXPECT(RUMP_EACCES, rump_sys_rename("/mnt/f", "/mnt/d/f9"));
	EXPECT(RUMP_EACCES, rump_sys_chdir("/mnt/priv"));
	EXPECT(RUMP_EACCES, rump_sys_stat("/mnt/priv/x", &sb));
	EXPECT(RUMP_EACCES, rump_sys_access("/mnt/f", RUMP_W_OK));
	EXPECT(0, rump_sys_access("/mnt/f", RUMP_R_OK));
	EXPECT(RUMP_EPERM, rump_sys_chmod("/mnt/f", 0777));
	EXPECT(RUMP_EPERM, rump_sys_chown("/mnt/f", 1000, 1000));
	EXPECT(RUMP_EPERM, vt_mount_tmpfs("/mnt/e", 0, 0, 0755));
	EXPECT(RUMP_EPERM, rump_sys_unmount("/mnt2", 0));
	tv[0].tv_sec = tv[1].tv_sec = 1;
	tv[0].tv_usec = tv[1].tv_usec = 0;
	EXPECT(RUMP_EPERM, rump_sys_utimes("/mnt/f", tv));
	EXPECT(RUMP_EACCES, rump_sys_utimes("/mnt/f", NULL));
	/* A sticky directory: others' files stay, one's own may go. */
	EXPECT(RUMP_EPERM, rump_sys_unlink("/mnt/sticky/roots"));
	EXPECT(RUMP_EPERM, rump_sys_rename("/mnt/sticky/roots", "/mnt/sticky/x"));
	EXPECT(0, vt_putfile("/mnt/sticky/mine", "m", 0644));
	EXPECT(RUMP_EPERM, rump_sys_rename("/mnt/sticky/mine", "/mnt/sticky/roots"));
	EXPECT(0, rump_sys_rename("/mnt/sticky/mine", "/mnt/sticky/mine2"));
	EXPECT(0, rump_sys_unlink("/mnt/sticky/mine2"));
	/* Set-id bits: set-group-id only for one's groups; chown drops them. */
	EXPECT(0, vt_putfile("/mnt/sticky/own", "o", 0644));
	EXPECT(RUMP_EPERM, rump_sys_chmod("/mnt/sticky/own", 02755));
	EXPECT(RUMP_EFTYPE, rump_sys_chmod("/mnt/sticky/own", 01755));
	EXPECT(0, rump_sys_chmod("/mnt/sticky/own", 04755));
	EXPECT(0, rump_sys_chown("/mnt/sticky/own", -1, 1000));
	EXPECT(0, rump_sys_stat("/mnt/sticky/own", &sb));
	if ((sb.st_mode & 07777) != 0755 || sb.st_gid != 1000) {
		vt_failed++;
		printf("FAIL: mode %o gid %u after chown, want 755 1000\n",
		    sb.st_mode & 07777, sb.st_gid);
	}
	EXPECT(0, rump_sys_chmod("/mnt/sticky/own", 02755));
#ifndef VT_CLIENT
	rump_pub_lwproc_releaselwp();
	rump_pub_lwproc_switch(me);
#endif
}

int
main(void)
{

	MUST(vt_boot());
	as_root();
	as_user();
	printf("cases %d failed %d\n", vt_cases, vt_failed);
	return vt_failed == 0 ? 0 : 1;
}
