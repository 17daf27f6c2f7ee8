/*
 * librumpuser: the hypercalls a rump kernel makes to its host.  This is
 * the only code of the kernel that calls the host's libc; everything it
 * returns to the kernel is in kernel (NetBSD) errno values.
 *
 * This file: boot, parameters, memory, console, clocks, randomness, exit.
 */
#include <sys/types.h>
#include <sys/random.h>
#include <sys/resource.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rump/rumpuser.h>

#include "rumpuser_int.h"

struct rumpuser_hyperup rumpuser__hyp;

/*
 * Boot: check the interface version and keep the kernel's upcalls.
 */
int
rumpuser_init(int version, const struct rumpuser_hyperup *hyp)
{

	if (version != RUMPUSER_VERSION) {
		rumpuser__msg("rumpuser: kernel wants hypervisor interface %d, "
		    "this librumpuser implements %d\n", version, RUMPUSER_VERSION);
		return RUMP_ENOTSUP;
	}
	rumpuser__hyp = *hyp;
	rumpuser__thread_init();
	return 0;
}

/*
 * Host errno to kernel errno, for the values hypercalls can produce.
 * A function instead of a table so a missing value falls to EIO visibly.
 */
int
rumpuser__errtrans(int error)
{

	switch (error) {
	case 0:		return 0;
	case EPERM:	return 1;
	case ENOENT:	return 2;
	case EINTR:	return 4;
	case EIO:	return 5;
	case ENOMEM:	return 12;
	case EACCES:	return 13;
	case EFAULT:	return 14;
	case EBUSY:	return 16;
	case EEXIST:	return 17;
	case EINVAL:	return 22;
	case ENOSPC:	return 28;
	case EAGAIN:	return 35;
	case ETIMEDOUT:	return 60;
	case ENAMETOOLONG: return 63;
	case ENOSYS:	return 78;
	case ENOTSUP:	return 86;
	default:	return 5;
	}
}

/*
 * Parameters: _RUMPUSER_NCPU (RUMP_NCPU, default: the host's CPUs),
 * _RUMPUSER_HOSTNAME (RUMP_HOSTNAME, default "rump-<pid>"), and any
 * other name is looked up in the environment as is.
 */
int
rumpuser_getparam(const char *name, void *buf, size_t buflen)
{
	const char *v;
	char tmp[64];

	if (strcmp(name, RUMPUSER_PARAM_NCPU) == 0) {
		if ((v = getenv("RUMP_NCPU")) == NULL) {
			long n = sysconf(_SC_NPROCESSORS_ONLN);
			snprintf(tmp, sizeof(tmp), "%ld", n > 0 ? n : 1);
			v = tmp;
		}
	} else if (strcmp(name, RUMPUSER_PARAM_HOSTNAME) == 0) {
		if ((v = getenv("RUMP_HOSTNAME")) == NULL) {
			snprintf(tmp, sizeof(tmp), "rump-%ld", (long)getpid());
			v = tmp;
		}
	} else if (strcmp(name, "_RUMPUSER_PROGNAME") == 0) {
		v = program_invocation_short_name;
	} else if ((v = getenv(name)) == NULL) {
		return RUMP_ENOENT;
	}
	if (strlen(v) + 1 > buflen)
		return RUMP_E2BIG;
	memcpy(buf, v, strlen(v) + 1);
	return 0;
}

int
rumpuser_malloc(size_t len, int alignment, void **memp)
{
	void *mem;
	int error;

	if (alignment > (int)sizeof(void *)) {
		error = posix_memalign(&mem, (size_t)alignment, len);
		if (error != 0)
			return rumpuser__errtrans(error);
	} else if ((mem = malloc(len)) == NULL) {
		return RUMP_ENOMEM;
	}
	*memp = mem;
	return 0;
}

void
rumpuser_free(void *mem, size_t len)
{

	(void)len;
	free(mem);
}

/*
 * Console output goes straight to file descriptor 1 with write(2):
 * nothing sits in a stdio buffer, so a panic message is never lost
 * whatever stdout is (terminal, pipe, file).
 */
void
rumpuser_cons_write(const char *buf, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(STDOUT_FILENO, buf, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		buf += n;
		len -= (size_t)n;
	}
}

void
rumpuser_putchar(int c)
{
	char ch = (char)c;

	rumpuser_cons_write(&ch, 1);
}

int
rumpuser_cons_isatty(void)
{

	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

int
rumpuser_cons_getline(char *buf, size_t len)
{
	size_t n = 0;
	ssize_t r;
	char c;

	for (;;) {
		r = read(STDIN_FILENO, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			if (n == 0)
				return -1;
			break;
		}
		if (c == '\n')
			break;
		if (c == '\r')
			continue;
		if (n + 1 < len)
			buf[n++] = c;
	}
	buf[n] = '\0';
	return (int)n;
}

/* Messages of librumpuser itself: formatted here, written unbuffered. */
void
rumpuser__msg(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		rumpuser_cons_write(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

int
rumpuser_clock_gettime(int clk, int64_t *sec, long *nsec)
{
	struct timespec ts;

	if (clock_gettime(clk == RUMPUSER_CLOCK_RELWALL ? CLOCK_REALTIME :
	    CLOCK_MONOTONIC, &ts) == -1)
		return rumpuser__errtrans(errno);
	*sec = ts.tv_sec;
	*nsec = ts.tv_nsec;
	return 0;
}

int
rumpuser_clock_sleep(int clk, int64_t sec, long nsec)
{
	struct timespec ts;
	int error;

	ts.tv_sec = sec;
	ts.tv_nsec = nsec;
	if (clk == RUMPUSER_CLOCK_RELWALL) {
		do {
			error = clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &ts);
		} while (error == EINTR);
	} else {
		do {
			error = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME,
			    &ts, NULL);
		} while (error == EINTR);
	}
	return rumpuser__errtrans(error);
}

int
rumpuser_getrandom(void *buf, size_t buflen, int flags, size_t *retp)
{
	ssize_t n;

	n = getrandom(buf, buflen,
	    (flags & RUMPUSER_RANDOM_NOWAIT) ? GRND_NONBLOCK : 0);
	if (n < 0)
		return rumpuser__errtrans(errno);
	*retp = (size_t)n;
	return 0;
}

void
rumpuser_coredump_enable(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_CORE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_CORE, &rl);
	}
}

/*
 * When the host forbids cores (hard limit 0), say so, and where the core
 * would have gone, before aborting.
 */
static void
coredump_explain(void)
{
	char pattern[256], cwd[512];
	struct rlimit rl;
	ssize_t n;
	int fd;

	if (getrlimit(RLIMIT_CORE, &rl) != 0 || rl.rlim_cur != 0)
		return;
	pattern[0] = '\0';
	if ((fd = open("/proc/sys/kernel/core_pattern", O_RDONLY)) != -1) {
		if ((n = read(fd, pattern, sizeof(pattern) - 1)) > 0) {
			pattern[n] = '\0';
			pattern[strcspn(pattern, "\n")] = '\0';
		}
		close(fd);
	}
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		strcpy(cwd, ".");
	if (pattern[0] == '|' )
		rumpuser__msg("rump kernel: no core dump: the hard core size "
		    "limit is 0 (it would have gone to \"%s\")\n", pattern);
	else
		rumpuser__msg("rump kernel: no core dump: the hard core size "
		    "limit is 0 (it would have gone to %s%s%s)\n",
		    pattern[0] == '/' ? "" : cwd, pattern[0] == '/' ? "" : "/",
		    pattern[0] != '\0' ? pattern : "core");
}

/*
 * Exit the host process.  RUMPUSER_PANIC: raise the core limit to the
 * hard limit and abort, so the host writes a core.
 */
void
rumpuser_exit(int how)
{

	if (how == RUMPUSER_PANIC) {
		rumpuser_coredump_enable();
		coredump_explain();
		signal(SIGABRT, SIG_DFL);
		abort();
	}
	_exit(how);
}

void
rumpuser_seterrno(int error)
{

	errno = error;
}
