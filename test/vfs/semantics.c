/*
 * POSIX semantics of tmpfs through the VFS: data read back byte for
 * byte through write/pwrite/truncate/holes, sparse and large files,
 * links, symlinks, timestamps, modes and the umask, directory reading,
 * the *at calls, descriptors shared by dup, and true statvfs figures.
 * Prints "FAIL ..." lines and "checks N failed M".
 */
#include "vfs_test.h"

#define	CHECK(cond) do {						\
	vt_cases++;							\
	if (!(cond)) {							\
		vt_failed++;						\
		printf("FAIL line %d: %s (errno %d)\n", __LINE__, #cond,\
		    errno);						\
	}								\
} while (0)

static int
tscmp(const struct rump_timespec *a, const struct rump_timespec *b)
{

	if (a->tv_sec != b->tv_sec)
		return a->tv_sec < b->tv_sec ? -1 : 1;
	if (a->tv_nsec != b->tv_nsec)
		return a->tv_nsec < b->tv_nsec ? -1 : 1;
	return 0;
}

/* Wait until the kernel's clock has moved on, so a new stamp is later. */
static void
tick(void)
{
	struct rump_stat a, b;

	MUST(rump_sys_stat("/mnt", &a));
	do {
		MUST(rump_sys_utimes("/mnt/.tick", NULL));
		MUST(rump_sys_stat("/mnt/.tick", &b));
	} while (tscmp(&b.st_mtimespec, &a.st_ctimespec) <= 0);
}

static void
data(void)
{
	static char buf[3 * 4096], zero[3 * 4096];
	struct rump_stat sb;
	struct rump_iovec iov[3];
	int fd, fd2;

	MUST(fd = rump_sys_open("/mnt/data", RUMP_O_CREAT | RUMP_O_RDWR, 0644));
	/* A hole between two writes reads as zeros. */
	CHECK(rump_sys_pwrite(fd, "head", 4, 0) == 4);
	CHECK(rump_sys_pwrite(fd, "tail", 4, 10000) == 4);
	CHECK(rump_sys_pread(fd, buf, sizeof(buf), 0) == 10004);
	CHECK(memcmp(buf, "head", 4) == 0 && memcmp(buf + 4, zero, 9996) == 0);
	CHECK(memcmp(buf + 10000, "tail", 4) == 0);
	CHECK(rump_sys_fstat(fd, &sb) == 0 && sb.st_size == 10004);
	CHECK(sb.st_blocks == 2 * 4096 / 512);
	CHECK(sb.st_blksize == 4096);
	/* Truncating into a page and extending again reads zeros there. */
	CHECK(rump_sys_ftruncate(fd, 2) == 0);
	CHECK(rump_sys_ftruncate(fd, 8) == 0);
	CHECK(rump_sys_pread(fd, buf, sizeof(buf), 0) == 8);
	CHECK(memcmp(buf, "he\0\0\0\0\0\0", 8) == 0);
	/* The offset: read/write advance it, lseek moves it. */
	CHECK(rump_sys_lseek(fd, 0, RUMP_SEEK_END) == 8);
	CHECK(rump_sys_write(fd, "XY", 2) == 2);
	CHECK(rump_sys_lseek(fd, -3, RUMP_SEEK_CUR) == 7);
	CHECK(rump_sys_read(fd, buf, 10) == 3 && memcmp(buf, "\0XY", 3) == 0);
	CHECK(rump_sys_read(fd, buf, 10) == 0);
	/* Vectors. */
	iov[0].iov_base = "ab";
	iov[0].iov_len = 2;
	iov[1].iov_base = "";
	iov[1].iov_len = 0;
	iov[2].iov_base = "cde";
	iov[2].iov_len = 3;
	CHECK(rump_sys_lseek(fd, 0, RUMP_SEEK_SET) == 0);
	CHECK(rump_sys_writev(fd, iov, 3) == 5);
	memset(buf, 0, sizeof(buf));
	iov[0].iov_base = buf;
	iov[0].iov_len = 1;
	iov[1].iov_base = buf + 1;
	iov[1].iov_len = 4;
	CHECK(rump_sys_lseek(fd, 0, RUMP_SEEK_SET) == 0);
	CHECK(rump_sys_readv(fd, iov, 2) == 5 && memcmp(buf, "abcde", 5) == 0);
	/* dup shares the offset; O_APPEND writes at the end. */
	MUST(fd2 = rump_sys_dup(fd));
	CHECK(rump_sys_lseek(fd, 3, RUMP_SEEK_SET) == 3);
	CHECK(rump_sys_lseek(fd2, 0, RUMP_SEEK_CUR) == 3);
	rump_sys_close(fd2);
	MUST(fd2 = rump_sys_open("/mnt/data", RUMP_O_WRONLY | RUMP_O_APPEND, 0));
	CHECK((rump_sys_fcntl(fd2, RUMP_F_GETFL, NULL) & RUMP_O_APPEND) != 0);
	CHECK(rump_sys_write(fd2, "EN", 2) == 2);
	/* pwrite appends too, as NetBSD's does. */
	CHECK(rump_sys_pwrite(fd2, "D", 1, 0) == 1);
	CHECK(rump_sys_fstat(fd, &sb) == 0);
	CHECK(rump_sys_pread(fd, buf, 3, sb.st_size - 3) == 3 &&
	    memcmp(buf, "END", 3) == 0);
	rump_sys_close(fd2);
	/* fcntl: status flags, descriptor flags and F_DUPFD on a file. */
	MUST(fd2 = rump_sys_open("/mnt/data", RUMP_O_RDWR, 0));
	CHECK((rump_sys_fcntl(fd2, RUMP_F_GETFL, NULL) & RUMP_O_ACCMODE) == RUMP_O_RDWR);
	CHECK(rump_sys_fcntl(fd2, RUMP_F_SETFL, (void *)(long)RUMP_O_APPEND) == 0);
	CHECK((rump_sys_fcntl(fd2, RUMP_F_GETFL, NULL) & RUMP_O_APPEND) != 0);
	CHECK(rump_sys_fstat(fd2, &sb) == 0);
	CHECK(rump_sys_write(fd2, "!", 1) == 1);
	CHECK(rump_sys_pread(fd2, buf, 1, sb.st_size) == 1 && buf[0] == '!');
	CHECK(rump_sys_fcntl(fd2, RUMP_F_SETFD, (void *)(long)RUMP_FD_CLOEXEC) == 0);
	CHECK(rump_sys_fcntl(fd2, RUMP_F_GETFD, NULL) == RUMP_FD_CLOEXEC);
	CHECK(rump_sys_fcntl(fd2, RUMP_F_DUPFD, (void *)(long)20) == 20);
	CHECK(rump_sys_lseek(20, 0, RUMP_SEEK_SET) == 0);
	CHECK(rump_sys_lseek(fd2, 0, RUMP_SEEK_CUR) == 0);
	CHECK(rump_sys_dup2(fd2, 21) == 21 && rump_sys_close(21) == 0);
	CHECK(rump_sys_close(20) == 0 && rump_sys_close(fd2) == 0);
	/* O_TRUNC empties. */
	MUST(fd2 = rump_sys_open("/mnt/data", RUMP_O_RDWR | RUMP_O_TRUNC, 0));
	CHECK(rump_sys_fstat(fd2, &sb) == 0 && sb.st_size == 0 && sb.st_blocks == 0);
	rump_sys_close(fd2);
	/* A sparse file far beyond 4 GiB. */
	CHECK(rump_sys_pwrite(fd, "far", 3, 5LL << 30) == 3);
	CHECK(rump_sys_fstat(fd, &sb) == 0 && sb.st_size == (5LL << 30) + 3);
	CHECK(sb.st_blocks == 4096 / 512);
	CHECK(rump_sys_pread(fd, buf, 6, (5LL << 30) - 3) == 6 &&
	    memcmp(buf, "\0\0\0far", 6) == 0);
	/* Near the largest offset: one page, found again, then cut off. */
	CHECK(rump_sys_pwrite(fd, "top", 3, (1LL << 62) + 5) == 3);
	CHECK(rump_sys_fstat(fd, &sb) == 0 && sb.st_size == (1LL << 62) + 8);
	CHECK(sb.st_blocks == 2 * 4096 / 512);
	CHECK(rump_sys_pread(fd, buf, 10, (1LL << 62) + 4) == 4 &&
	    memcmp(buf, "\0top", 4) == 0);
	CHECK(rump_sys_pread(fd, buf, 3, (5LL << 30)) == 3 &&
	    memcmp(buf, "far", 3) == 0);
	CHECK(rump_sys_ftruncate(fd, (5LL << 30) + 1) == 0);
	CHECK(rump_sys_fstat(fd, &sb) == 0 && sb.st_blocks == 4096 / 512);
	CHECK(rump_sys_pread(fd, buf, 10, (5LL << 30)) == 1 && buf[0] == 'f');
	CHECK(rump_sys_pwrite(fd, "x", 1, 0x7fffffffffffffffLL) == -1 &&
	    errno == RUMP_EFBIG);
	rump_sys_close(fd);
}

static void
names(void)
{
	struct rump_stat a, b;
	char buf[256];
	int fd, n;

	/* Hard links share the file and count. */
	MUST(vt_putfile("/mnt/orig", "content", 0640));
	CHECK(rump_sys_link("/mnt/orig", "/mnt/hard") == 0);
	CHECK(rump_sys_stat("/mnt/orig", &a) == 0 && rump_sys_stat("/mnt/hard", &b) == 0);
	CHECK(a.st_ino == b.st_ino && a.st_nlink == 2 && b.st_nlink == 2);
	CHECK(rump_sys_unlink("/mnt/orig") == 0);
	CHECK(rump_sys_stat("/mnt/hard", &b) == 0 && b.st_nlink == 1);
	/* Symlinks: readlink, lstat, following, relative targets. */
	CHECK(rump_sys_symlink("hard", "/mnt/sym") == 0);
	CHECK((n = rump_sys_readlink("/mnt/sym", buf, sizeof(buf))) == 4 &&
	    memcmp(buf, "hard", 4) == 0);
	CHECK(rump_sys_readlink("/mnt/sym", buf, 2) == 2);
	CHECK(rump_sys_lstat("/mnt/sym", &a) == 0 &&
	    (a.st_mode & RUMP_S_IFMT) == RUMP_S_IFLNK && a.st_size == 4);
	CHECK(rump_sys_stat("/mnt/sym", &a) == 0 && a.st_ino == b.st_ino);
	CHECK(rump_sys_mkdir("/mnt/sd", 0755) == 0);
	CHECK(rump_sys_symlink("../hard", "/mnt/sd/up") == 0);
	CHECK(rump_sys_stat("/mnt/sd/up", &a) == 0 && a.st_ino == b.st_ino);
	CHECK(rump_sys_symlink("/mnt/sd", "/mnt/abs") == 0);
	CHECK(rump_sys_stat("/mnt/abs/up", &a) == 0 && a.st_ino == b.st_ino);
	/* O_CREAT through a dangling symlink creates its target. */
	CHECK(rump_sys_symlink("made", "/mnt/dl") == 0);
	CHECK((fd = rump_sys_open("/mnt/dl", RUMP_O_CREAT | RUMP_O_RDWR, 0644)) >= 0);
	rump_sys_close(fd);
	CHECK(rump_sys_stat("/mnt/made", &a) == 0);
	/* ".." crosses back out of a mount. */
	CHECK(rump_sys_stat("/mnt/..", &a) == 0 && rump_sys_stat("/", &b) == 0 &&
	    a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	CHECK(rump_sys_stat("/..", &a) == 0 && a.st_ino == b.st_ino);
	/* Directory link counts: 2 + subdirectories. */
	CHECK(rump_sys_mkdir("/mnt/sd/s1", 0755) == 0);
	CHECK(rump_sys_mkdir("/mnt/sd/s2", 0755) == 0);
	CHECK(rump_sys_stat("/mnt/sd", &a) == 0 && a.st_nlink == 4);
	CHECK(rump_sys_rename("/mnt/sd/s2", "/mnt/s2") == 0);
	CHECK(rump_sys_stat("/mnt/sd", &a) == 0 && a.st_nlink == 3);
	/* Renaming over a file replaces it. */
	MUST(vt_putfile("/mnt/r1", "one", 0644));
	MUST(vt_putfile("/mnt/r2", "two", 0644));
	CHECK(rump_sys_rename("/mnt/r1", "/mnt/r2") == 0);
	CHECK(rump_sys_stat("/mnt/r1", &a) != 0 && errno == RUMP_ENOENT);
	CHECK(rump_sys_stat("/mnt/r2", &a) == 0 && a.st_size == 3 && a.st_nlink == 1);
	/* An empty directory may replace an empty directory. */
	CHECK(rump_sys_mkdir("/mnt/e1", 0755) == 0 && rump_sys_mkdir("/mnt/e2", 0755) == 0);
	CHECK(rump_sys_rename("/mnt/e1", "/mnt/e2") == 0);
	/* An open file whose name is gone stays readable. */
	MUST(fd = rump_sys_open("/mnt/r2", RUMP_O_RDONLY, 0));
	CHECK(rump_sys_unlink("/mnt/r2") == 0);
	CHECK(rump_sys_read(fd, buf, 10) == 3 && memcmp(buf, "one", 3) == 0);
	CHECK(rump_sys_fstat(fd, &a) == 0 && a.st_nlink == 0);
	rump_sys_close(fd);
}

static void
dirs(void)
{
	char buf[200], name[32];
	int fd, i, n, seen[40], total = 0, dots = 0;

	CHECK(rump_sys_mkdir("/mnt/many", 0755) == 0);
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "/mnt/many/entry%02d", i);
		MUST(vt_putfile(name, "", 0644));
		seen[i] = 0;
	}
	/* A small buffer: several calls, each entry exactly once. */
	MUST(fd = rump_sys_open("/mnt/many", RUMP_O_RDONLY | RUMP_O_DIRECTORY, 0));
	while ((n = rump_sys_getdents(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < n;) {
			struct rump_dirent *d = (struct rump_dirent *)(buf + i);
			int k;

			CHECK(d->d_namlen == strlen(d->d_name));
			if (d->d_name[0] == '.')
				dots++;
			else if (sscanf(d->d_name, "entry%d", &k) == 1 &&
			    k >= 0 && k < 40) {
				seen[k]++;
				CHECK(d->d_type == RUMP_DT_REG);
				/* Removing entries meanwhile skips none. */
				if (k % 2 == 0) {
					snprintf(name, sizeof(name),
					    "/mnt/many/entry%02d", k);
					CHECK(rump_sys_unlink(name) == 0);
				}
			}
			total++;
			i += d->d_reclen;
		}
	}
	CHECK(n == 0);
	CHECK(dots == 2 && total == 42);
	for (i = 0; i < 40; i++)
		CHECK(seen[i] == 1);
	rump_sys_close(fd);
}

/* A directory of thousands: every name found, listed once, removed. */
static void
bigdir(void)
{
	static char buf[65536];
	struct rump_stat sb;
	char name[64];
	int fd, i, n, found = 0, ok = 1;

	CHECK(rump_sys_mkdir("/mnt/big", 0755) == 0);
	for (i = 0; i < 5000 && ok; i++) {
		snprintf(name, sizeof(name), "/mnt/big/n%d", i);
		ok = vt_putfile(name, "", 0644) == 0;
	}
	CHECK(ok);
	for (i = 0; i < 5000 && ok; i++) {
		snprintf(name, sizeof(name), "/mnt/big/n%d", i);
		ok = rump_sys_stat(name, &sb) == 0;
	}
	CHECK(ok);
	MUST(fd = rump_sys_open("/mnt/big", RUMP_O_RDONLY, 0));
	while ((n = rump_sys_getdents(fd, buf, sizeof(buf))) > 0)
		for (i = 0; i < n; i += ((struct rump_dirent *)(buf + i))->d_reclen)
			found++;
	rump_sys_close(fd);
	CHECK(found == 5002);
	for (i = 4999; i >= 0 && ok; i--) {
		snprintf(name, sizeof(name), "/mnt/big/n%d", i);
		ok = rump_sys_unlink(name) == 0;
	}
	CHECK(ok);
	CHECK(rump_sys_rmdir("/mnt/big") == 0);
}

static void
attrs(void)
{
	struct rump_stat a, b;
	struct rump_timeval tv[2];
	struct rump_timespec ts[2];
	char buf[8];
	int fd;

	MUST(vt_putfile("/mnt/.tick", "", 0644));
	/* The umask applies to creation. */
	CHECK(rump_sys_umask(027) == 022);
	MUST(vt_putfile("/mnt/masked", "", 0666));
	CHECK(rump_sys_stat("/mnt/masked", &a) == 0 && (a.st_mode & 07777) == 0640);
	CHECK(rump_sys_mkdir("/mnt/maskd", 0777) == 0);
	CHECK(rump_sys_stat("/mnt/maskd", &a) == 0 && (a.st_mode & 07777) == 0750);
	CHECK(rump_sys_umask(022) == 027);
	/* chmod changes ctime only; chown by root sets owners. */
	CHECK(rump_sys_stat("/mnt/masked", &a) == 0);
	tick();
	CHECK(rump_sys_chmod("/mnt/masked", 0604) == 0);
	CHECK(rump_sys_stat("/mnt/masked", &b) == 0 && (b.st_mode & 07777) == 0604);
	CHECK(tscmp(&b.st_ctimespec, &a.st_ctimespec) > 0);
	CHECK(tscmp(&b.st_mtimespec, &a.st_mtimespec) == 0);
	CHECK(rump_sys_chown("/mnt/masked", 12, 34) == 0);
	CHECK(rump_sys_stat("/mnt/masked", &b) == 0 && b.st_uid == 12 && b.st_gid == 34);
	CHECK(rump_sys_chown("/mnt/masked", -1, 56) == 0);
	CHECK(rump_sys_stat("/mnt/masked", &b) == 0 && b.st_uid == 12 && b.st_gid == 56);
	/* write: mtime and ctime; read: atime; the parent on create. */
	MUST(fd = rump_sys_open("/mnt/masked", RUMP_O_RDWR, 0));
	CHECK(rump_sys_stat("/mnt/masked", &a) == 0);
	tick();
	CHECK(rump_sys_write(fd, "w", 1) == 1);
	CHECK(rump_sys_fstat(fd, &b) == 0);
	CHECK(tscmp(&b.st_mtimespec, &a.st_mtimespec) > 0);
	CHECK(tscmp(&b.st_ctimespec, &a.st_ctimespec) > 0);
	a = b;
	tick();
	CHECK(rump_sys_pread(fd, buf, 1, 0) == 1);
	CHECK(rump_sys_fstat(fd, &b) == 0);
	CHECK(tscmp(&b.st_atimespec, &a.st_atimespec) > 0);
	CHECK(tscmp(&b.st_mtimespec, &a.st_mtimespec) == 0);
	rump_sys_close(fd);
	CHECK(rump_sys_stat("/mnt", &a) == 0);
	tick();
	MUST(vt_putfile("/mnt/newfile", "", 0644));
	CHECK(rump_sys_stat("/mnt", &b) == 0);
	CHECK(tscmp(&b.st_mtimespec, &a.st_mtimespec) > 0);
	CHECK(tscmp(&b.st_birthtimespec, &a.st_birthtimespec) == 0);
	/* utimes and utimensat set the times asked for. */
	tv[0].tv_sec = 1000;
	tv[0].tv_usec = 5;
	tv[1].tv_sec = 2000;
	tv[1].tv_usec = 7;
	CHECK(rump_sys_utimes("/mnt/newfile", tv) == 0);
	CHECK(rump_sys_stat("/mnt/newfile", &a) == 0);
	CHECK(a.st_atimespec.tv_sec == 1000 && a.st_atimespec.tv_nsec == 5000);
	CHECK(a.st_mtimespec.tv_sec == 2000 && a.st_mtimespec.tv_nsec == 7000);
	ts[0].tv_sec = 0;
	ts[0].tv_nsec = RUMP_UTIME_OMIT;
	ts[1].tv_sec = 3000;
	ts[1].tv_nsec = 1;
	CHECK(rump_sys_utimensat(RUMP_AT_FDCWD, "/mnt/newfile", ts, 0) == 0);
	CHECK(rump_sys_stat("/mnt/newfile", &a) == 0);
	CHECK(a.st_atimespec.tv_sec == 1000 && a.st_mtimespec.tv_sec == 3000 &&
	    a.st_mtimespec.tv_nsec == 1);
	/* A symlink's own times with AT_SYMLINK_NOFOLLOW. */
	CHECK(rump_sys_symlink("newfile", "/mnt/nfl") == 0);
	CHECK(rump_sys_utimensat(RUMP_AT_FDCWD, "/mnt/nfl", ts, RUMP_AT_SYMLINK_NOFOLLOW) == 0);
	CHECK(rump_sys_lstat("/mnt/nfl", &a) == 0 && a.st_mtimespec.tv_sec == 3000);
	/* access as root. */
	CHECK(rump_sys_access("/mnt/newfile", RUMP_R_OK | RUMP_W_OK) == 0);
	CHECK(rump_sys_access("/mnt/newfile", RUMP_X_OK) != 0 && errno == RUMP_EACCES);
}

static void
atcalls(void)
{
	struct rump_stat a;
	char buf[256];
	int dfd, fd;

	CHECK(rump_sys_mkdir("/mnt/at", 0755) == 0);
	MUST(dfd = rump_sys_open("/mnt/at", RUMP_O_RDONLY | RUMP_O_DIRECTORY, 0));
	CHECK(rump_sys_mkdirat(dfd, "sub", 0755) == 0);
	CHECK((fd = rump_sys_openat(dfd, "sub/f", RUMP_O_CREAT | RUMP_O_RDWR, 0644)) >= 0);
	rump_sys_close(fd);
	CHECK(rump_sys_fstatat(dfd, "sub/f", &a, 0) == 0 && a.st_size == 0);
	CHECK(rump_sys_renameat(dfd, "sub/f", dfd, "g") == 0);
	CHECK(rump_sys_stat("/mnt/at/g", &a) == 0);
	CHECK(rump_sys_unlinkat(dfd, "g", 0) == 0);
	CHECK(rump_sys_unlinkat(dfd, "sub", RUMP_AT_REMOVEDIR) == 0);
	/* chdir, fchdir, getcwd, relative paths. */
	CHECK(rump_sys_mkdir("/mnt/at/x", 0755) == 0);
	CHECK(rump_sys_chdir("/mnt/at/x") == 0);
	CHECK(rump_sys___getcwd(buf, sizeof(buf)) > 0 && strcmp(buf, "/mnt/at/x") == 0);
	CHECK(rump_sys_rename("/mnt/at/x", "/mnt/at/y") == 0);
	CHECK(rump_sys___getcwd(buf, sizeof(buf)) > 0 && strcmp(buf, "/mnt/at/y") == 0);
	MUST(vt_putfile("rel", "r", 0644));
	CHECK(rump_sys_stat("/mnt/at/y/rel", &a) == 0);
	CHECK(rump_sys_stat("../y/./rel", &a) == 0);
	CHECK(rump_sys_fchdir(dfd) == 0);
	CHECK(rump_sys___getcwd(buf, sizeof(buf)) > 0 && strcmp(buf, "/mnt/at") == 0);
	CHECK(rump_sys_chdir("/") == 0);
	CHECK(rump_sys___getcwd(buf, sizeof(buf)) == 2 && strcmp(buf, "/") == 0);
	rump_sys_close(dfd);
}

static void
space(void)
{
	struct rump_statvfs a, b;
	static char page[4096];
	int fd;

	CHECK(rump_sys_mkdir("/mnt/sp", 0755) == 0);
	MUST(vt_mount_tmpfs("/mnt/sp", 100 * 4096, 50, 0755));
	CHECK(rump_sys_statvfs1("/mnt/sp", &a, RUMP_ST_WAIT) == 0);
	CHECK(a.f_bsize == 4096 && a.f_frsize == 4096 && a.f_blocks == 100);
	CHECK(a.f_bfree == 100 && a.f_bavail == 100);
	CHECK(a.f_files == 50 && a.f_ffree == 49);
	CHECK(strcmp(a.f_fstypename, "tmpfs") == 0 && strcmp(a.f_mntonname, "/mnt/sp") == 0);
	CHECK((a.f_flag & RUMP_MNT_LOCAL) != 0 && a.f_namemax == 255);
	MUST(fd = rump_sys_open("/mnt/sp/f", RUMP_O_CREAT | RUMP_O_RDWR, 0644));
	CHECK(rump_sys_pwrite(fd, page, sizeof(page), 0) == 4096);
	CHECK(rump_sys_pwrite(fd, page, sizeof(page), 40960) == 4096);
	CHECK(rump_sys_fstatvfs1(fd, &b, RUMP_ST_WAIT) == 0);
	CHECK(b.f_bfree == 98 && b.f_ffree == 48);
	CHECK(b.f_fsidx.__fsid_val[0] == a.f_fsidx.__fsid_val[0]);
	CHECK(rump_sys_ftruncate(fd, 100) == 0);
	CHECK(rump_sys_fstatvfs1(fd, &b, RUMP_ST_WAIT) == 0 && b.f_bfree == 99);
	rump_sys_close(fd);
	CHECK(rump_sys_unlink("/mnt/sp/f") == 0);
	CHECK(rump_sys_statvfs1("/mnt/sp", &b, RUMP_ST_WAIT) == 0);
	CHECK(b.f_bfree == 100 && b.f_ffree == 49);
	CHECK(rump_sys_unmount("/mnt/sp", 0) == 0);
	CHECK(rump_sys_statvfs1("/mnt/sp", &b, RUMP_ST_WAIT) == 0 &&
	    strcmp(b.f_fstypename, "tmpfs") == 0 && strcmp(b.f_mntonname, "/mnt") == 0);
}

/* A forced unmount: files and directories in use go dead. */
static void
forced(void)
{
	struct rump_stat sb;
	struct rump_statvfs sv;
	char buf[16];
	int fd, dfd;

	CHECK(rump_sys_mkdir("/mnt/fu", 0755) == 0);
	MUST(vt_mount_tmpfs("/mnt/fu", 0, 0, 0755));
	MUST(vt_putfile("/mnt/fu/f", "data", 0644));
	MUST(rump_sys_mkdir("/mnt/fu/d", 0755));
	MUST(fd = rump_sys_open("/mnt/fu/f", RUMP_O_RDWR, 0));
	MUST(dfd = rump_sys_open("/mnt/fu/d", RUMP_O_RDONLY, 0));
	MUST(rump_sys_chdir("/mnt/fu/d"));
	CHECK(rump_sys_unmount("/mnt/fu", 0) == -1 && errno == RUMP_EBUSY);
	CHECK(rump_sys_unmount("/mnt/fu", RUMP_MNT_FORCE) == 0);
	CHECK(rump_sys_read(fd, buf, sizeof(buf)) == -1 && errno == RUMP_EIO);
	CHECK(rump_sys_write(fd, "x", 1) == -1 && errno == RUMP_EIO);
	CHECK(rump_sys_fstat(fd, &sb) == -1 && errno == RUMP_EBADF);
	CHECK(rump_sys_fstatvfs1(fd, &sv, RUMP_ST_WAIT) == -1 && errno == RUMP_EBADF);
	CHECK(rump_sys_fchdir(dfd) == -1 && errno == RUMP_ENOTDIR);
	CHECK(rump_sys_stat("x", &sb) == -1 && errno == RUMP_ENOTDIR);
	CHECK(rump_sys_close(fd) == 0 && rump_sys_close(dfd) == 0);
	CHECK(rump_sys_chdir("/") == 0);
	/* The directory underneath is back, empty, and mountable again. */
	CHECK(rump_sys_stat("/mnt/fu/f", &sb) == -1 && errno == RUMP_ENOENT);
	CHECK(vt_mount_tmpfs("/mnt/fu", 0, 0, 0755) == 0);
	CHECK(rump_sys_unmount("/mnt/fu", 0) == 0);
}

int
main(void)
{

	MUST(vt_boot());
	MUST(rump_sys_mkdir("/mnt", 0755));
	MUST(vt_mount_tmpfs("/mnt", 0, 0, 0755));
	data();
	names();
	dirs();
	bigdir();
	attrs();
	atcalls();
	space();
	forced();
	printf("checks %d failed %d\n", vt_cases, vt_failed);
	return vt_failed == 0 ? 0 : 1;
}
