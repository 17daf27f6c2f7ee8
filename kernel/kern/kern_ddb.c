/*
 * Stopping for a debugger after a panic or a fatal trap.
 *
 * With the debugger mode on (RUMP_DEBUGGER=1, or rump_pub_debugger(1)
 * from a server's -D option), a panicking kernel does not abort at once:
 * on a terminal it stops at a small db> prompt, as BSD virtual kernels
 * do; without a terminal it prints how to attach gdb and waits.
 *
 *	db> trace		backtrace of the thread that stopped
 *	db> ps			processes and their lwps
 *	db> show registers	the trap's registers
 *	db> dmesg		the message buffer
 *	db> gdb			print "gdb -p <pid>" and wait for it
 *	db> dump		abort with a core (also at end of input)
 *
 * Other threads are not stopped while the prompt waits.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/lwp.h>
#include <sys/kmem.h>

#include <rump/rump.h>
#include <rump/rumpuser.h>

#include "rump_private.h"

static int ddb_mode;

void
rump_pub_debugger(int on)
{

	ddb_mode = on;
}

void
ddb_init(void)
{
	char buf[8];

	if (rumpuser_getparam("RUMP_DEBUGGER", buf, sizeof(buf)) == 0 &&
	    buf[0] == '1')
		ddb_mode = 1;
}

static void
db_trace(const struct rumpuser_trapframe *tf)
{
	uintptr_t pcs[32];
	char sym[512];
	int i, n, first = 0;

	if (tf != NULL) {
		rumpuser_symbolize(tf->tf_ip, sym, sizeof(sym));
		printf("#0  0x%016lx in %s\n", (unsigned long)tf->tf_ip, sym);
		first = 1;
	}
	n = rumpuser_backtrace(tf != NULL ? tf->tf_fp : 0, pcs, __arraycount(pcs));
	for (i = 0; i < n; i++) {
		rumpuser_symbolize(pcs[i] - 1, sym, sizeof(sym));
		printf("#%-2d 0x%016lx in %s\n", i + first, (unsigned long)pcs[i],
		    sym);
	}
}

static const char *
db_stat(int stat)
{

	switch (stat) {
	case LSRUN:	return "run";
	case LSSLEEP:	return "sleep";
	case LSZOMB:	return "zomb";
	default:	return "?";
	}
}

/* No locks: the kernel is stopped in an unknown state. */
static void
db_ps(void)
{
	struct proc *p;
	struct lwp *l;

	printf("  PID   LID STAT   COMMAND          WAIT\n");
	PROCLIST_FOREACH(p, &allproc) {
		LIST_FOREACH(l, &p->p_lwps, l_sibling) {
			printf("%c%4d %5d %-6s %-16s %s\n",
			    l == curlwp ? '>' : ' ', p->p_pid, l->l_lid,
			    db_stat(l->l_stat),
			    l->l_name != NULL ? l->l_name : p->p_comm,
			    l->l_wmesg != NULL ? l->l_wmesg : "");
		}
	}
}

static void
db_registers(const struct rumpuser_trapframe *tf)
{

	if (tf == NULL) {
		printf("no trap frame: stopped by panic\n");
		return;
	}
	printf("rip     0x%016lx\n", (unsigned long)tf->tf_ip);
	printf("rsp     0x%016lx\n", (unsigned long)tf->tf_sp);
	printf("rbp     0x%016lx\n", (unsigned long)tf->tf_fp);
	printf("rflags  0x%016lx\n", (unsigned long)tf->tf_flags);
	printf("cr2     0x%016lx\n", (unsigned long)tf->tf_addr);
	printf("trapno  %d\n", tf->tf_trapno);
}

static void
db_dmesg(void)
{
	size_t len = msgbuf_length() + 1;
	char *buf;

	if (rumpuser_malloc(len, 0, (void **)&buf) != 0)
		return;
	msgbuf_read(buf, len);
	rumpuser_cons_write(buf, strlen(buf));
	rumpuser_free(buf, len);
}

/*
 * Called after a panic or trap report, before aborting.  Returns when
 * the process should abort for a core.
 */
void
ddb_enter(const struct rumpuser_trapframe *tf)
{
	char line[128];

	if (!ddb_mode)
		return;
	if (!rumpuser_cons_isatty())
		rumpuser_debugger_wait();
	printf("Stopped at %s; commands: trace, ps, show registers, dmesg, "
	    "gdb, dump\n", tf != NULL ? "a fatal trap" : "panic");
	for (;;) {
		printf_nolog("db> ");
		if (rumpuser_cons_getline(line, sizeof(line)) < 0)
			break;
		if (strcmp(line, "trace") == 0 || strcmp(line, "bt") == 0)
			db_trace(tf);
		else if (strcmp(line, "ps") == 0)
			db_ps();
		else if (strcmp(line, "show registers") == 0 ||
		    strcmp(line, "show reg") == 0)
			db_registers(tf);
		else if (strcmp(line, "dmesg") == 0)
			db_dmesg();
		else if (strcmp(line, "gdb") == 0)
			rumpuser_debugger_wait();
		else if (strcmp(line, "dump") == 0 || strcmp(line, "reboot") == 0)
			break;
		else if (line[0] != '\0')
			printf("unknown command \"%s\"; commands: trace, ps, "
			    "show registers, dmesg, gdb, dump\n", line);
	}
	printf("dumping core\n");
}
