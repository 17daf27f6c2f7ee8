/*
 * A stand-in kernel for testing the sysproxy server alone: it provides
 * the hypercall upcalls rumpuser_sp.c uses (a process table of pids with
 * their names, lwps bound to host threads) and a handful of system calls
 * that exercise every kind of copy.  Run: fake_kernel url.
 *
 *	getpid (20)	the calling process's pid
 *	mkdir (136)	copyinstr the path; EEXIST the second time
 *	write (4)	copyin nbyte bytes; returns their sum in retval[1]
 *	read (3)	copyout nbyte bytes of (fd + i) & 0xff
 *	__getcwd (296)	copyoutstr "/fake"
 *	unlink (10)	copyinstr the path; "/panic" aborts the kernel
 *	reboot (208)	exit(0)
 *	getppid (39)	the number of live processes
 *	kill (37)	0 if process a[0] lives, ESRCH if not
 *	sync (36)	sleeps 300 ms: a slow call
 */
#include <sys/types.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sp_errno.h"
#include "sp_hyp.h"

#define	FK_MAXIO	(16 * 1024 * 1024)	/* EINVAL above: fuzzed lengths */

struct fproc {
	int	fp_pid;
	int	fp_nlwp;
	void	*fp_cookie;
	char	fp_comm[64];
};
struct flwp {
	struct fproc	*fl_proc;
};

static pthread_mutex_t fk_mtx = PTHREAD_MUTEX_INITIALIZER;
static int fk_nextpid = 2;
static int fk_nproc;
static char fk_dirs[16384][64];
static int fk_ndirs;
static __thread struct flwp *fk_curlwp;
static struct fproc *fk_procs[65536];

static void fk_schedule(void) { }
static void fk_unschedule(void) { }
static void fk_bunschedule(int n, int *np, void *i) { (void)n; *np = 0; (void)i; }
static void fk_bschedule(int n, void *i) { (void)n; (void)i; }

static int
fk_rfork(void *cookie, int flags, const char *comm)
{
	struct flwp *l = calloc(1, sizeof(*l));
	struct fproc *p = calloc(1, sizeof(*p));

	(void)flags;
	pthread_mutex_lock(&fk_mtx);
	p->fp_pid = fk_nextpid++;
	fk_nproc++;
	if (p->fp_pid < 65536)
		fk_procs[p->fp_pid] = p;
	pthread_mutex_unlock(&fk_mtx);
	p->fp_nlwp = 1;
	p->fp_cookie = cookie;
	snprintf(p->fp_comm, sizeof(p->fp_comm), "%s", comm);
	l->fl_proc = p;
	fk_curlwp = l;
	return 0;
}

static int
fk_newlwp(pid_t pid)
{
	struct flwp *l;
	struct fproc *p;

	pthread_mutex_lock(&fk_mtx);
	p = pid < 65536 ? fk_procs[pid] : NULL;
	if (p != NULL)
		p->fp_nlwp++;
	pthread_mutex_unlock(&fk_mtx);
	if (p == NULL)
		return ESRCH;
	l = calloc(1, sizeof(*l));
	l->fl_proc = p;
	fk_curlwp = l;
	return 0;
}

static void
fk_switch(struct lwp *l)
{

	fk_curlwp = (struct flwp *)l;
}

static struct lwp *
fk_curlwpf(void)
{
	struct flwp *l = fk_curlwp;

	/* Remember the process by pid so newlwp finds it. */
	pthread_mutex_lock(&fk_mtx);
	if (l != NULL && l->fl_proc->fp_pid < 65536)
		fk_procs[l->fl_proc->fp_pid] = l->fl_proc;
	pthread_mutex_unlock(&fk_mtx);
	return (struct lwp *)l;
}

static void
fk_release(void)
{
	struct flwp *l = fk_curlwp;
	struct fproc *p = l->fl_proc;
	int last;

	pthread_mutex_lock(&fk_mtx);
	last = --p->fp_nlwp == 0;
	if (last) {
		fk_procs[p->fp_pid] = NULL;
		fk_nproc--;
	}
	pthread_mutex_unlock(&fk_mtx);
	if (last)
		free(p);
	free(l);
	fk_curlwp = NULL;
}

static pid_t
fk_getpid(void)
{

	return fk_curlwp != NULL ? fk_curlwp->fl_proc->fp_pid : 1;
}

static int
fk_syscall(int num, void *arg, long *retval)
{
	uint64_t *a = arg;
	void *cookie = fk_curlwp->fl_proc->fp_cookie;
	char path[64], *buf;
	size_t len, i;
	long sum;
	int error, k;

	switch (num) {
	case 20:
		retval[0] = fk_curlwp->fl_proc->fp_pid;
		return 0;
	case 36:
		usleep(300 * 1000);
		return 0;
	case 37:
		pthread_mutex_lock(&fk_mtx);
		error = a[0] < 65536 && fk_procs[a[0]] != NULL ? 0 : 3;
		pthread_mutex_unlock(&fk_mtx);
		return error;
	case 39:
		pthread_mutex_lock(&fk_mtx);
		retval[0] = fk_nproc;
		pthread_mutex_unlock(&fk_mtx);
		return 0;
	case 136:
	case 10:
		len = sizeof(path);
		error = rumpuser_sp_copyinstr(cookie, (void *)(uintptr_t)a[0],
		    path, &len);
		if (error != 0)
			return error;
		if (num == 10 && strcmp(path, "/panic") == 0) {
			fprintf(stderr, "panic: fake kernel asked to panic\n");
			abort();
		}
		if (num == 10)
			return 0;
		pthread_mutex_lock(&fk_mtx);
		for (k = 0; k < fk_ndirs; k++)
			if (strcmp(fk_dirs[k], path) == 0)
				break;
		if (k < fk_ndirs || fk_ndirs == 16384)
			error = k < fk_ndirs ? 17 : 28;
		else
			strcpy(fk_dirs[fk_ndirs++], path);
		pthread_mutex_unlock(&fk_mtx);
		return error;
	case 4:
		len = a[2];
		if (len > FK_MAXIO)
			return 22;
		if ((buf = malloc(len + 1)) == NULL)
			return 12;
		error = rumpuser_sp_copyin(cookie, (void *)(uintptr_t)a[1],
		    buf, len);
		for (sum = 0, i = 0; error == 0 && i < len; i++)
			sum += (unsigned char)buf[i];
		free(buf);
		retval[0] = (long)len;
		retval[1] = sum;
		return error;
	case 3:
		len = a[2];
		if (len > FK_MAXIO)
			return 22;
		if ((buf = malloc(len + 1)) == NULL)
			return 12;
		for (i = 0; i < len; i++)
			buf[i] = (char)((a[0] + i) & 0xff);
		error = rumpuser_sp_copyout(cookie, buf,
		    (void *)(uintptr_t)a[1], len);
		free(buf);
		retval[0] = (long)len;
		return error;
	case 296:
		len = a[1];
		error = rumpuser_sp_copyoutstr(cookie, "/fake",
		    (void *)(uintptr_t)a[0], &len);
		retval[0] = (long)len;
		return error;
	case 208:
		rumpuser_sp_fini(NULL);
		exit(0);
	default:
		return 78;
	}
}

static void fk_lwpexit(void) { }
static void fk_execnotify(const char *c) { (void)c; }

struct rumpuser_hyperup rumpuser__hyp = {
	.hyp_schedule = fk_schedule,
	.hyp_unschedule = fk_unschedule,
	.hyp_backend_unschedule = fk_bunschedule,
	.hyp_backend_schedule = fk_bschedule,
	.hyp_lwproc_switch = fk_switch,
	.hyp_lwproc_release = fk_release,
	.hyp_lwproc_rfork = fk_rfork,
	.hyp_lwproc_newlwp = fk_newlwp,
	.hyp_lwproc_curlwp = fk_curlwpf,
	.hyp_syscall = fk_syscall,
	.hyp_lwpexit = fk_lwpexit,
	.hyp_execnotify = fk_execnotify,
	.hyp_getpid = fk_getpid,
};

int
main(int argc, char *argv[])
{
	sigset_t set;
	int error, sig;

	if (argc != 2) {
		fprintf(stderr, "usage: fake_kernel url\n");
		return 1;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if ((error = rumpuser_sp_init(argv[1], "NetBSD", "fake", "amd64"))
	    != 0) {
		fprintf(stderr, "fake_kernel: %s: %s\n", argv[1],
		    strerror(sp_errno_tohost(error)));
		return 1;
	}
	printf("ready\n");
	fflush(stdout);
	sigwait(&set, &sig);
	rumpuser_sp_fini(NULL);
	return 0;
}
