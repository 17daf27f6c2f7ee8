/*
 * The randomized model test: the same random sequence of operations
 * (create, write at offsets, truncate, rename, link, unlink, mkdir,
 * rmdir, symlink, stat, read back) applied to tmpfs in a local kernel and to a
 * directory of the host; every result (success or the errno, by name)
 * and the final trees must agree.
 *
 *	model <hostdir> <seed> <nops> [rumpdir]
 *
 * With rumpdir the kernel side is that new directory (on whatever file
 * system holds it, e.g. rumpfs) instead of /mnt/m on a fresh tmpfs.
 *
 * Built with -DVT_CLIENT it runs against $RUMP_SERVER.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>
#include <rump/tmpfs_args.h>
#ifdef VT_CLIENT
#include <rump/rumpclient.h>
#define	rump_init()	rumpclient_init()
#endif

/* The compared directory in the kernel: /mnt/m on tmpfs, or argv[4]. */
static const char *rumpdir = "/mnt/m";
#define	MAXDATA	(128 * 1024)

static uint64_t rng;
static const char *hostdir;
static unsigned char wbuf[MAXDATA], hbuf[MAXDATA], rbuf[MAXDATA];
static int failures;
static char hbuf_root[4096];

static uint64_t
rnd(void)
{

	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static uint64_t
rndn(uint64_t n)
{

	return rnd() % n;
}

/* Errno values by name, on each side. */
static const struct {
	const char *name;
	int host, rump;
} errnames[] = {
	{ "ENOENT", ENOENT, RUMP_ENOENT }, { "EEXIST", EEXIST, RUMP_EEXIST },
	{ "ENOTDIR", ENOTDIR, RUMP_ENOTDIR }, { "EISDIR", EISDIR, RUMP_EISDIR },
	{ "ENOTEMPTY", ENOTEMPTY, RUMP_ENOTEMPTY },
	{ "EINVAL", EINVAL, RUMP_EINVAL }, { "EPERM", EPERM, RUMP_EPERM },
	{ "EBUSY", EBUSY, RUMP_EBUSY }, { "EXDEV", EXDEV, RUMP_EXDEV },
	{ "EBADF", EBADF, RUMP_EBADF }, { "EACCES", EACCES, RUMP_EACCES },
	{ "ENOSPC", ENOSPC, RUMP_ENOSPC }, { "ELOOP", ELOOP, RUMP_ELOOP },
	{ "EMLINK", EMLINK, RUMP_EMLINK },
};

static const char *
ename(int e, int rump)
{
	static char unk[2][32];
	size_t i;

	if (e == 0)
		return "OK";
	for (i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++)
		if ((rump ? errnames[i].rump : errnames[i].host) == e)
			return errnames[i].name;
	snprintf(unk[rump], sizeof(unk[rump]), "%s errno %d",
	    rump ? "rump" : "host", e);
	return unk[rump];
}

static void
hpath(char *buf, const char *rel)
{

	snprintf(buf, 4096, "%s/%s", hostdir, rel);
}

static void
rpath(char *buf, const char *rel)
{

	snprintf(buf, 4096, "%s/%s", rumpdir, rel);
}

/*
 * Compare the outcome of one operation.  Where Linux and NetBSD differ
 * by design, the pair counts as equal: unlink of a directory is EISDIR
 * on Linux and EPERM on NetBSD; rename looks up both parents first on
 * Linux but the source first on NetBSD (srcgone: the source does not
 * exist, so NetBSD's answer is ENOENT).
 */
static int srcgone;
static int verbose;	/* $MODEL_VERBOSE: print every step */

static void
compare(int step, const char *what, long hr, int he, long rr, int re)
{
	const char *hn = hr < 0 ? ename(he, 0) : "OK";
	const char *rn = rr < 0 ? ename(re, 1) : "OK";

	if (verbose)
		printf("step %d: %s: host %s rump %s\n", step, what, hn, rn);
	if (strcmp(hn, rn) == 0 && (hr < 0 || hr == rr))
		return;
	if (strncmp(what, "unlink", 6) == 0 && strcmp(hn, "EISDIR") == 0 &&
	    strcmp(rn, "EPERM") == 0)
		return;
	if (strncmp(what, "rename", 6) == 0 && srcgone &&
	    strcmp(rn, "ENOENT") == 0 && hr < 0)
		return;
	failures++;
	printf("MISMATCH step %d: %s: host %s (%ld) rump %s (%ld)\n", step,
	    what, hn, hr, rn, rr);
}

/*
 * Paths: names a, b, c nested up to three deep, in the directory
 * "root" of the compared directories, so a symlink to "../x" at the top
 * stays inside them.
 */
static void
randpath(char *buf)
{
	static const char *names[] = { "a", "b", "c" };
	int depth = 1 + (int)rndn(3), i;

	strcpy(buf, "root");
	for (i = 0; i < depth; i++) {
		strcat(buf, "/");
		strcat(buf, names[rndn(3)]);
	}
}

static void
fill(unsigned char *b, size_t n)
{
	size_t i;
	uint64_t v = rnd();

	for (i = 0; i < n; i++) {
		if ((i & 7) == 0)
			v = rnd();
		b[i] = (unsigned char)(v >> ((i & 7) * 8));
	}
}

/* Read a whole file on both sides and compare. */
static void
readback(int step, const char *rel)
{
	char hp[4096], rp[4096], what[4200];
	long hn = 0, rn = 0, n;
	int hfd, rfd, he = 0, re = 0;

	hpath(hp, rel);
	rpath(rp, rel);
	snprintf(what, sizeof(what), "read %s", rel);
	hfd = open(hp, O_RDONLY);
	he = errno;
	rfd = rump_sys_open(rp, RUMP_O_RDONLY, 0);
	re = errno;
	compare(step, what, hfd, he, rfd < 0 ? -1 : hfd, re);
	if (hfd < 0 || rfd < 0)
		goto out;
	while ((n = read(hfd, hbuf + hn, sizeof(hbuf) - hn)) > 0)
		hn += n;
	he = n < 0 ? errno : 0;
	while ((n = rump_sys_read(rfd, rbuf + rn, sizeof(rbuf) - rn)) > 0)
		rn += n;
	re = n < 0 ? errno : 0;
	compare(step, what, n < 0 ? -1 : hn, he, n < 0 ? -1 : rn, re);
	if (hn != rn || memcmp(hbuf, rbuf, hn) != 0) {
		failures++;
		printf("MISMATCH step %d: %s: contents differ (%ld, %ld bytes)\n",
		    step, what, hn, rn);
	}
 out:
	if (hfd >= 0)
		close(hfd);
	if (rfd >= 0)
		rump_sys_close(rfd);
}

static void
step(int k)
{
	char p[256], q[256], hp[4096], hq[4096], rp[4096], rq[4096];
	char what[600];
	struct stat st;
	long hr, rr;
	int he, re, hfd, rfd, op;
	off_t off;
	size_t len;

	randpath(p);
	randpath(q);
	hpath(hp, p);
	hpath(hq, q);
	rpath(rp, p);
	rpath(rq, q);
	op = (int)rndn(12);
	errno = 0;
	switch (op) {
	case 0:
		snprintf(what, sizeof(what), "create %s", p);
		hr = hfd = open(hp, O_CREAT | O_WRONLY, 0644);
		he = errno;
		rr = rfd = rump_sys_open(rp, RUMP_O_CREAT | RUMP_O_WRONLY, 0644);
		re = errno;
		if (hfd >= 0)
			close(hfd);
		if (rfd >= 0)
			rump_sys_close(rfd);
		compare(k, what, hr < 0 ? -1 : 0, he, rr < 0 ? -1 : 0, re);
		break;
	case 1:
	case 2:
		off = (off_t)rndn(3 * MAXDATA / 2);
		len = (size_t)rndn(MAXDATA / 4);
		fill(wbuf, len);
		snprintf(what, sizeof(what), "write %s at %lld len %zu", p,
		    (long long)off, len);
		hfd = open(hp, O_WRONLY);
		he = errno;
		rfd = rump_sys_open(rp, RUMP_O_WRONLY, 0);
		re = errno;
		compare(k, what, hfd < 0 ? -1 : 0, he, rfd < 0 ? -1 : 0, re);
		if (hfd >= 0 && rfd >= 0) {
			errno = 0;
			hr = pwrite(hfd, wbuf, len, off);
			he = errno;
			rr = rump_sys_pwrite(rfd, wbuf, len, off);
			re = errno;
			compare(k, what, hr, he, rr, re);
		}
		if (hfd >= 0)
			close(hfd);
		if (rfd >= 0)
			rump_sys_close(rfd);
		break;
	case 3:
		off = (off_t)rndn(3 * MAXDATA / 2);
		snprintf(what, sizeof(what), "truncate %s to %lld", p,
		    (long long)off);
		hr = truncate(hp, off);
		he = errno;
		rr = rump_sys_truncate(rp, off);
		re = errno;
		compare(k, what, hr, he, rr, re);
		break;
	case 4:
		snprintf(what, sizeof(what), "rename %s %s", p, q);
		srcgone = lstat(hp, &st) != 0;
		hr = rename(hp, hq);
		he = errno;
		rr = rump_sys_rename(rp, rq);
		re = errno;
		compare(k, what, hr, he, rr, re);
		break;
	case 5:
		snprintf(what, sizeof(what), "link %s %s", p, q);
		hr = link(hp, hq);
		he = errno;
		rr = rump_sys_link(rp, rq);
		re = errno;
		compare(k, what, hr, he, rr, re);
		break;
	case 6:
		snprintf(what, sizeof(what), "unlink %s", p);
		hr = unlink(hp);
		he = errno;
		rr = rump_sys_unlink(rp);
		re = errno;
		compare(k, what, hr, he, rr, re);
		break;
	case 7:
		snprintf(what, sizeof(what), "mkdir %s", p);
		hr = mkdir(hp, 0755);
		he = errno;
		rr = rump_sys_mkdir(rp, 0755);
		re = errno;
		compare(k, what, hr, he, rr, re);
		break;
	case 8:
		snprintf(what, sizeof(what), "rmdir %s", p);
		hr = rmdir(hp);
		he = errno;
		rr = rump_sys_rmdir(rp);
		re = errno;
		compare(k, what, hr, he, rr, re);
		break;
	case 9: {
		/* A symlink to a relative path, maybe dangling or a loop. */
		static const char *targets[] = { "a", "b", "../c", "a/b",
		    "../a/c", "c/../b", "." };
		const char *t = targets[rndn(7)];

		snprintf(what, sizeof(what), "symlink %s -> %s", p, t);
		hr = symlink(t, hp);
		he = errno;
		rr = rump_sys_symlink(t, rp);
		re = errno;
		compare(k, what, hr, he, rr, re);
		break;
	}
	case 10: {
		struct rump_stat rs;

		snprintf(what, sizeof(what), "stat %s", p);
		hr = stat(hp, &st);
		he = errno;
		rr = rump_sys_stat(rp, &rs);
		re = errno;
		compare(k, what, hr, he, rr, re);
		if (hr == 0 && rr == 0 && ((st.st_mode & S_IFMT) !=
		    (rs.st_mode & RUMP_S_IFMT) || (S_ISREG(st.st_mode) &&
		    st.st_size != rs.st_size))) {
			failures++;
			printf("MISMATCH step %d: %s: mode %o/%o size %lld/%lld\n",
			    k, what, st.st_mode, rs.st_mode,
			    (long long)st.st_size, (long long)rs.st_size);
		}
		break;
	}
	default:
		readback(k, p);
		break;
	}
}

/* Walk both trees in sorted order and compare names, types and data. */
static int
cmpstr(const void *a, const void *b)
{

	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
hostnames(const char *dir, char **names)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(char *), cmpstr);
	return n;
}

static int
rumpnames(const char *dir, char **names)
{
	char buf[8192];
	int fd, n = 0, got, i;

	fd = rump_sys_open(dir, RUMP_O_RDONLY | RUMP_O_DIRECTORY, 0);
	if (fd < 0)
		return -1;
	while ((got = rump_sys_getdents(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < got;) {
			struct rump_dirent *d = (struct rump_dirent *)(buf + i);

			if (strcmp(d->d_name, ".") != 0 &&
			    strcmp(d->d_name, "..") != 0)
				names[n++] = strdup(d->d_name);
			i += d->d_reclen;
		}
	}
	rump_sys_close(fd);
	qsort(names, n, sizeof(char *), cmpstr);
	return n;
}

static void
comparetree(const char *rel)
{
	char *hn[64], *rn[64], hp[4096], rp[4096], sub[1024];
	struct stat hs;
	struct rump_stat rs;
	int nh, nr, i;

	hpath(hp, rel);
	rpath(rp, rel);
	nh = hostnames(hp, hn);
	nr = rumpnames(rp, rn);
	if (nh != nr) {
		failures++;
		printf("MISMATCH tree %s: %d entries on the host, %d in tmpfs\n",
		    rel, nh, nr);
		return;
	}
	for (i = 0; i < nh; i++) {
		if (strcmp(hn[i], rn[i]) != 0) {
			failures++;
			printf("MISMATCH tree %s: %s vs %s\n", rel, hn[i], rn[i]);
			continue;
		}
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "",
		    hn[i]);
		hpath(hp, sub);
		rpath(rp, sub);
		if (lstat(hp, &hs) != 0 || rump_sys_lstat(rp, &rs) != 0) {
			failures++;
			printf("MISMATCH tree %s: stat failed\n", sub);
			continue;
		}
		if ((hs.st_mode & S_IFMT) != (rs.st_mode & RUMP_S_IFMT) ||
		    (S_ISREG(hs.st_mode) && (hs.st_size != rs.st_size ||
		    hs.st_nlink != rs.st_nlink))) {
			failures++;
			printf("MISMATCH tree %s: mode %o/%o size %lld/%lld "
			    "nlink %lu/%u\n", sub, hs.st_mode, rs.st_mode,
			    (long long)hs.st_size, (long long)rs.st_size,
			    (unsigned long)hs.st_nlink, rs.st_nlink);
		}
		if (S_ISDIR(hs.st_mode))
			comparetree(sub);
		else if (S_ISLNK(hs.st_mode)) {
			char ht[256], rt[256];
			ssize_t hl = readlink(hp, ht, sizeof(ht));
			ssize_t rl = rump_sys_readlink(rp, rt, sizeof(rt));

			if (hl != rl || hl < 0 || memcmp(ht, rt, hl) != 0) {
				failures++;
				printf("MISMATCH tree %s: link targets differ\n",
				    sub);
			}
		} else
			readback(-1, sub);
		free(hn[i]);
		free(rn[i]);
	}
}

int
main(int argc, char **argv)
{
	struct tmpfs_args ta;
	int nops, k;

	char rroot[1024];

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: model hostdir seed nops [rumpdir]\n");
		return 2;
	}
	hostdir = argv[1];
	verbose = getenv("MODEL_VERBOSE") != NULL;
	rng = strtoull(argv[2], NULL, 0) * 0x9E3779B97F4A7C15ULL + 1;
	nops = atoi(argv[3]);
	if (rump_init() != 0)
		return 2;
	if (argc == 5)
		rumpdir = argv[4];
	else {
		memset(&ta, 0, sizeof(ta));
		ta.ta_version = TMPFS_ARGS_VERSION;
		ta.ta_root_mode = 0755;
		if (rump_sys_mkdir("/mnt", 0755) != 0 ||
		    rump_sys_mount("tmpfs", "/mnt", 0, &ta, sizeof(ta)) != 0) {
			printf("setup failed: %d\n", errno);
			return 2;
		}
	}
	snprintf(rroot, sizeof(rroot), "%s/root", rumpdir);
	if (rump_sys_mkdir(rumpdir, 0755) != 0 ||
	    rump_sys_mkdir(rroot, 0755) != 0 ||
	    mkdir(strcat(strcpy(hbuf_root, hostdir), "/root"), 0755) != 0) {
		printf("setup failed: %d\n", errno);
		return 2;
	}
	for (k = 0; k < nops; k++)
		step(k);
	comparetree("");
	printf("seed %s ops %d mismatches %d\n", argv[2], nops, failures);
	return failures == 0 ? 0 : 1;
}
