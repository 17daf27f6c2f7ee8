/*
 * librumpuser: fatal traps and backtraces.
 *
 * SIGSEGV, SIGBUS, SIGILL and SIGFPE are caught on an alternate stack
 * (so a kernel stack overflow is reported too).  The kernel's handler
 * decides whether the fault happened in kernel code and prints the
 * report (and may stop for a debugger); then the process aborts for a
 * core.  A fault outside the kernel gets the host's usual
 * treatment (the handler that was installed before, or the default).
 */
#include <sys/types.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/wait.h>

#include <dlfcn.h>
#include <elf.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include <rump/rumpuser.h>

#include "rumpuser_int.h"

#define	ALTSTACK_SIZE	(64 * 1024)

static const int trapsigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE };
#define	NTRAPSIGS	(sizeof(trapsigs) / sizeof(trapsigs[0]))

static int (*trap_handler)(const struct rumpuser_trapframe *);
static struct sigaction trap_oldact[NTRAPSIGS];
static __thread int altstack_done;

/* Give the calling thread an alternate signal stack (once). */
void
rumpuser__altstack(void)
{
	stack_t ss;

	if (altstack_done)
		return;
	if ((ss.ss_sp = malloc(ALTSTACK_SIZE)) == NULL)
		return;
	ss.ss_size = ALTSTACK_SIZE;
	ss.ss_flags = 0;
	if (sigaltstack(&ss, NULL) == 0)
		altstack_done = 1;
	else
		free(ss.ss_sp);
}

/* x86 exception vector to the BSD trap type the report prints. */
static int
bsd_trapno(int signo, int vector)
{

	switch (vector) {
	case 0:		return 18;	/* integer divide fault */
	case 6:		return 1;	/* privileged instruction fault */
	case 13:	return 9;	/* general protection fault */
	case 14:	return 12;	/* page fault */
	case 17:	return 14;	/* alignment fault */
	default:
		break;
	}
	switch (signo) {
	case SIGILL:	return 1;
	case SIGFPE:	return 18;
	default:	return 12;
	}
}

static void
trap_signal(int signo, siginfo_t *si, void *ctx)
{
	struct rumpuser_trapframe tf;
	ucontext_t *uc = ctx;
	size_t i;

	memset(&tf, 0, sizeof(tf));
	tf.tf_signo = signo;
	tf.tf_code = si->si_code;
	tf.tf_addr = (uintptr_t)si->si_addr;
#if defined(__x86_64__)
	tf.tf_ip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
	tf.tf_sp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
	tf.tf_fp = (uintptr_t)uc->uc_mcontext.gregs[REG_RBP];
	tf.tf_flags = (uint64_t)uc->uc_mcontext.gregs[REG_EFL];
	tf.tf_write = (uc->uc_mcontext.gregs[REG_ERR] & 0x2) != 0;
	tf.tf_user = (uc->uc_mcontext.gregs[REG_ERR] & 0x1) != 0;
	tf.tf_trapno = bsd_trapno(signo, (int)uc->uc_mcontext.gregs[REG_TRAPNO]);
#else
	(void)uc;
	tf.tf_trapno = bsd_trapno(signo, -1);
#endif
	if (trap_handler != NULL && trap_handler(&tf))
		rumpuser_trap_finish();

	/* Not the kernel's fault: whatever the host would have done. */
	for (i = 0; i < NTRAPSIGS; i++) {
		if (trapsigs[i] == signo) {
			sigaction(signo, &trap_oldact[i], NULL);
			break;
		}
	}
	/* Returning re-executes the faulting instruction under that action. */
}

int
rumpuser_trap_init(int (*handler)(const struct rumpuser_trapframe *))
{
	struct sigaction sa;
	size_t i;

	trap_handler = handler;
	rumpuser__altstack();
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = trap_signal;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NTRAPSIGS; i++) {
		if (sigaction(trapsigs[i], &sa, &trap_oldact[i]) == -1)
			return rumpuser__errtrans(errno);
	}
	return 0;
}

void
rumpuser_trap_finish(void)
{

	rumpuser_exit(RUMPUSER_PANIC);
}

/*
 * Print how to attach gdb (and what to tell it about the signals this
 * process uses) and wait for it forever.
 */
void
rumpuser_debugger_wait(void)
{
	long pid = (long)getpid();

#if defined(__linux__) && defined(PR_SET_PTRACER)
	/*
	 * Yama (ptrace_scope 1) lets only ancestors attach, and the gdb
	 * asked for below is not one.
	 */
	(void)prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
#endif
	rumpuser__msg("rump kernel stopped, waiting for a debugger: gdb -p %ld\n"
	    "(in gdb: handle SIGSEGV nostop noprint pass, then bt, frame N, "
	    "print ...)\n", pid);
	for (;;)
		pause();
}

/*
 * Walk the frame-pointer chain from fp (kernel code keeps frame
 * pointers), staying inside the thread's stack.
 */
int
rumpuser_backtrace(uintptr_t fp, uintptr_t *pcs, int max)
{
	pthread_attr_t attr;
	void *stackaddr;
	size_t stacksize;
	uintptr_t lo, hi, next;
	Dl_info dli;
	int n = 0;

	if (fp == 0)
		fp = (uintptr_t)__builtin_frame_address(0);
	lo = 0;
	hi = UINTPTR_MAX;
	if (pthread_getattr_np(pthread_self(), &attr) == 0) {
		if (pthread_attr_getstack(&attr, &stackaddr, &stacksize) == 0) {
			lo = (uintptr_t)stackaddr;
			hi = lo + stacksize;
		}
		pthread_attr_destroy(&attr);
	}
	while (n < max) {
		if (fp < lo || fp + 2 * sizeof(uintptr_t) > hi ||
		    (fp & (sizeof(uintptr_t) - 1)) != 0)
			break;
		next = ((uintptr_t *)fp)[0];
		pcs[n] = ((uintptr_t *)fp)[1];
		/* Host code without frame pointers leaves garbage: stop there. */
		if (pcs[n] == 0 || dladdr((void *)pcs[n], &dli) == 0)
			break;
		n++;
		if (next <= fp)
			break;
		fp = next;
	}
	return n;
}

/* Copy a string, cutting it to fit (symbol names may be long). */
static void
strfit(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (len == 0)
		return;
	if (n >= len)
		n = len - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Run addr2line on file for addr; fills func and loc ("file:line"). */
static int
addr2line(const char *file, uintptr_t addr, char *func, size_t funclen,
    char *loc, size_t loclen)
{
	char abuf[32], out[1024];
	int pfd[2], status;
	size_t got = 0;
	ssize_t n;
	pid_t pid;
	char *nl;

	snprintf(abuf, sizeof(abuf), "0x%lx", (unsigned long)addr);
	if (pipe(pfd) == -1)
		return -1;
	if ((pid = fork()) == -1) {
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		char *argv[] = { "addr2line", "-f", "-e", (char *)file, abuf, NULL };

		dup2(pfd[1], STDOUT_FILENO);
		close(pfd[0]);
		close(pfd[1]);
		execvp("addr2line", argv);
		_exit(127);
	}
	close(pfd[1]);
	while (got < sizeof(out) - 1 &&
	    (n = read(pfd[0], out + got, sizeof(out) - 1 - got)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		got += (size_t)n;
	}
	out[got] = '\0';
	close(pfd[0]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		continue;
	if ((nl = strchr(out, '\n')) == NULL)
		return -1;
	*nl = '\0';
	strfit(func, funclen, out);
	strfit(loc, loclen, nl + 1);
	if ((nl = strchr(loc, '\n')) != NULL)
		*nl = '\0';
	if ((nl = strstr(loc, " (discriminator")) != NULL)
		*nl = '\0';
	return 0;
}

static const char *
strip_rumpns(const char *name)
{

	return strncmp(name, "rumpns_", 7) == 0 ? name + 7 : name;
}

/*
 * "function at file:line" for pc, from the DWARF of the object pc is in
 * (addr2line), or "function+0xoff" from the dynamic symbol table.
 */
void
rumpuser_symbolize(uintptr_t pc, char *buf, size_t buflen)
{
	char func[256], loc[512], exe[512];
	const char *file, *b1, *b2;
	const Elf64_Ehdr *eh;
	uintptr_t addr;
	Dl_info dli;
	ssize_t n;

	if (dladdr((void *)pc, &dli) == 0 || dli.dli_fname == NULL) {
		snprintf(buf, buflen, "0x%lx", (unsigned long)pc);
		return;
	}
	file = dli.dli_fname;
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
		exe[n] = '\0';
		b1 = strrchr(exe, '/') ? strrchr(exe, '/') + 1 : exe;
		b2 = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
		if (file[0] == '\0' || strcmp(b1, b2) == 0)
			file = exe;
	}
	eh = dli.dli_fbase;
	addr = (eh != NULL && eh->e_type == ET_DYN) ?
	    pc - (uintptr_t)dli.dli_fbase : pc;
	if (addr2line(file, addr, func, sizeof(func), loc, sizeof(loc)) == 0 &&
	    strcmp(func, "??") != 0) {
		if (strncmp(loc, "??", 2) == 0)
			snprintf(buf, buflen, "%s", strip_rumpns(func));
		else
			snprintf(buf, buflen, "%s at %s", strip_rumpns(func), loc);
		return;
	}
	if (dli.dli_sname != NULL)
		snprintf(buf, buflen, "%s+0x%lx", strip_rumpns(dli.dli_sname),
		    (unsigned long)(pc - (uintptr_t)dli.dli_saddr));
	else
		snprintf(buf, buflen, "0x%lx in %s", (unsigned long)pc, file);
}
