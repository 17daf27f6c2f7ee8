/*
 * The system call entry and the core's own system calls.
 *
 * The table (sysent) is generated from kernel/syscalls.master.  Calls of
 * a component have no handler until the component establishes them and
 * return ENOSYS meanwhile, as a module stub does.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/lwp.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/kauth.h>
#include <sys/reboot.h>
#include <sys/time.h>
#include <sys/syscall.h>
#include <sys/syscallargs.h>
#include <sys/syscallvar.h>

#include <rump/rump.h>
#include <rump/rumpuser.h>

#include "rump_private.h"

static volatile u_int syscall_active[SYS_NSYSENT];

/*
 * Run system call num for lwp l.  Returns 0 or an errno.
 */
int
rump_syscall_lwp(struct lwp *l, int num, void *data, register_t *retval)
{
	sy_call_t *call;
	int error;

	if (num < 0 || num >= SYS_NSYSENT)
		return ENOSYS;
	__atomic_add_fetch(&syscall_active[num], 1, __ATOMIC_SEQ_CST);
	call = __atomic_load_n(&sysent[num].sy_call, __ATOMIC_ACQUIRE);
	if (call == NULL) {
		error = ENOSYS;
	} else {
		l->l_nesting++;
		error = call(l, data, retval);
		l->l_nesting--;
		if (l->l_nesting == 0) {
			const char *name = sysent[num].sy_name != NULL ?
			    sysent[num].sy_name : "system call";

			lockdebug_returncheck(l, name);
			if (l->l_nfdref > 0)
				fd_leakcheck(l, name);
		}
	}
	__atomic_sub_fetch(&syscall_active[num], 1, __ATOMIC_SEQ_CST);
	return error;
}

int
rump_syscall(int num, void *data, size_t dlen, register_t *retval)
{
	struct lwp *l = curlwp, *implicit = NULL;
	int error;

	(void)dlen;
	if (!rump_booted)
		return ENXIO;
	if (l == NULL)
		l = implicit = lwp_implicit_enter();
	retval[0] = retval[1] = 0;
	error = rump_syscall_lwp(l, num, data, retval);
	if (implicit != NULL)
		lwp_implicit_exit(implicit);
	return error;
}

int
syscall_establish(const struct emul *em, const struct syscall_package *sp)
{
	int i;

	(void)em;
	for (i = 0; sp[i].sp_call != NULL; i++) {
		if (sp[i].sp_code >= SYS_NSYSENT)
			return EINVAL;
		if (sysent[sp[i].sp_code].sy_call != NULL &&
		    sysent[sp[i].sp_code].sy_call != sp[i].sp_call)
			return EBUSY;
	}
	for (i = 0; sp[i].sp_call != NULL; i++)
		__atomic_store_n(&sysent[sp[i].sp_code].sy_call, sp[i].sp_call,
		    __ATOMIC_RELEASE);
	return 0;
}

int
syscall_disestablish(const struct emul *em, const struct syscall_package *sp)
{
	int i;

	(void)em;
	for (i = 0; sp[i].sp_call != NULL; i++)
		if (sp[i].sp_code < SYS_NSYSENT)
			__atomic_store_n(&sysent[sp[i].sp_code].sy_call, NULL,
			    __ATOMIC_RELEASE);
	for (i = 0; sp[i].sp_call != NULL; i++)
		if (sp[i].sp_code < SYS_NSYSENT &&
		    syscall_active[sp[i].sp_code] > 0)
			return EBUSY;
	return 0;
}

/*
 * Processes and credentials.
 */
int
sys_getpid(struct lwp *l, const void *v, register_t *retval)
{

	retval[0] = l->l_proc->p_pid;
	return 0;
}

int
sys_getppid(struct lwp *l, const void *v, register_t *retval)
{
	struct proc *pp = l->l_proc->p_pptr;

	retval[0] = pp != NULL ? pp->p_pid : 0;
	return 0;
}

int
sys_getuid(struct lwp *l, const void *v, register_t *retval)
{

	retval[0] = kauth_cred_getuid(l->l_cred);
	return 0;
}

int
sys_geteuid(struct lwp *l, const void *v, register_t *retval)
{

	retval[0] = kauth_cred_geteuid(l->l_cred);
	return 0;
}

int
sys_getgid(struct lwp *l, const void *v, register_t *retval)
{

	retval[0] = kauth_cred_getgid(l->l_cred);
	return 0;
}

int
sys_getegid(struct lwp *l, const void *v, register_t *retval)
{

	retval[0] = kauth_cred_getegid(l->l_cred);
	return 0;
}

/* Give p (and every lwp of it) the credentials ncred. */
static void
proc_setcred(struct proc *p, kauth_cred_t ncred)
{
	struct lwp *l;
	kauth_cred_t ocred;

	mutex_enter(&p->p_lock);
	ocred = p->p_cred;
	p->p_cred = ncred;
	LIST_FOREACH(l, &p->p_lwps, l_sibling) {
		kauth_cred_hold(ncred);
		kauth_cred_free(l->l_cred);
		l->l_cred = ncred;
	}
	mutex_exit(&p->p_lock);
	kauth_cred_free(ocred);
}

/*
 * setuid(2): root sets all three uids; others may only set the
 * effective uid to their real or saved uid.
 */
int
sys_setuid(struct lwp *l, const struct sys_setuid_args *uap,
    register_t *retval)
{
	uid_t uid = SCARG(uap, uid);
	kauth_cred_t cred = l->l_cred, ncred;

	if (kauth_cred_geteuid(cred) != 0 && uid != kauth_cred_getuid(cred) &&
	    uid != kauth_cred_getsvuid(cred))
		return EPERM;
	ncred = kauth_cred_dup(cred);
	if (kauth_cred_geteuid(cred) == 0) {
		kauth_cred_setuid(ncred, uid);
		kauth_cred_setsvuid(ncred, uid);
	}
	kauth_cred_seteuid(ncred, uid);
	proc_setcred(l->l_proc, ncred);
	return 0;
}

int
sys_setgid(struct lwp *l, const struct sys_setgid_args *uap,
    register_t *retval)
{
	gid_t gid = SCARG(uap, gid);
	kauth_cred_t cred = l->l_cred, ncred;

	if (kauth_cred_geteuid(cred) != 0 && gid != kauth_cred_getgid(cred) &&
	    gid != kauth_cred_getsvgid(cred))
		return EPERM;
	ncred = kauth_cred_dup(cred);
	if (kauth_cred_geteuid(cred) == 0) {
		kauth_cred_setgid(ncred, gid);
		kauth_cred_setsvgid(ncred, gid);
	}
	kauth_cred_setegid(ncred, gid);
	proc_setcred(l->l_proc, ncred);
	return 0;
}

int
sys_seteuid(struct lwp *l, const struct sys_seteuid_args *uap,
    register_t *retval)
{
	uid_t euid = SCARG(uap, euid);
	kauth_cred_t cred = l->l_cred, ncred;

	if (kauth_cred_geteuid(cred) != 0 && euid != kauth_cred_getuid(cred) &&
	    euid != kauth_cred_getsvuid(cred))
		return EPERM;
	ncred = kauth_cred_dup(cred);
	kauth_cred_seteuid(ncred, euid);
	proc_setcred(l->l_proc, ncred);
	return 0;
}

int
sys_setegid(struct lwp *l, const struct sys_setegid_args *uap,
    register_t *retval)
{
	gid_t egid = SCARG(uap, egid);
	kauth_cred_t cred = l->l_cred, ncred;

	if (kauth_cred_geteuid(cred) != 0 && egid != kauth_cred_getgid(cred) &&
	    egid != kauth_cred_getsvgid(cred))
		return EPERM;
	ncred = kauth_cred_dup(cred);
	kauth_cred_setegid(ncred, egid);
	proc_setcred(l->l_proc, ncred);
	return 0;
}

/* getgroups(2): with a size of 0, just the number of groups. */
int
sys_getgroups(struct lwp *l, const struct sys_getgroups_args *uap,
    register_t *retval)
{
	kauth_cred_t cred = l->l_cred;
	gid_t groups[NGROUPS];
	int size = SCARG(uap, gidsetsize);
	u_int n = kauth_cred_ngroups(cred), i;
	int error;

	if (size == 0) {
		retval[0] = n;
		return 0;
	}
	if (size < 0 || (u_int)size < n)
		return EINVAL;
	for (i = 0; i < n; i++)
		groups[i] = kauth_cred_group(cred, i);
	if ((error = copyout(groups, SCARG(uap, gidset), n * sizeof(gid_t))) != 0)
		return error;
	retval[0] = n;
	return 0;
}

int
sys_setgroups(struct lwp *l, const struct sys_setgroups_args *uap,
    register_t *retval)
{
	gid_t groups[NGROUPS];
	int size = SCARG(uap, gidsetsize), error;
	kauth_cred_t ncred;

	if ((error = kauth_authorize_generic(l->l_cred, KAUTH_GENERIC_ISSUSER,
	    NULL)) != 0)
		return error;
	if (size < 0 || size > NGROUPS)
		return EINVAL;
	if ((error = copyin(SCARG(uap, gidset), groups,
	    (size_t)size * sizeof(gid_t))) != 0)
		return error;
	ncred = kauth_cred_dup(l->l_cred);
	(void)kauth_cred_setgroups(ncred, groups, (u_int)size);
	proc_setcred(l->l_proc, ncred);
	return 0;
}

/*
 * Time.
 */
int
sys_sched_yield(struct lwp *l, const void *v, register_t *retval)
{

	yield();
	return 0;
}

int
sys_gettimeofday(struct lwp *l, const struct sys_gettimeofday_args *uap,
    register_t *retval)
{
	struct timeval tv;

	if (SCARG(uap, tp) == NULL)
		return 0;
	memset(&tv, 0, sizeof(tv));
	microtime(&tv);
	return copyout(&tv, SCARG(uap, tp), sizeof(tv));
}

int
sys_clock_gettime(struct lwp *l, const struct sys_clock_gettime_args *uap,
    register_t *retval)
{
	struct timespec ts;

	switch (SCARG(uap, clock_id)) {
	case CLOCK_REALTIME:
		nanotime(&ts);
		break;
	case CLOCK_MONOTONIC:
		nanouptime(&ts);
		break;
	default:
		return EINVAL;
	}
	return copyout(&ts, SCARG(uap, tp), sizeof(ts));
}

/* nanosleep(2): never interrupted here, so *rmtp is always zero. */
int
sys_nanosleep(struct lwp *l, const struct sys_nanosleep_args *uap,
    register_t *retval)
{
	struct timespec rq, rm;
	int error;

	if ((error = copyin(SCARG(uap, rqtp), &rq, sizeof(rq))) != 0)
		return error;
	if (rq.tv_sec < 0 || rq.tv_nsec < 0 || rq.tv_nsec >= 1000000000L)
		return EINVAL;
	lockdebug_sleepcheck("nanosleep", NULL, __return_address());
	rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, rq.tv_sec, rq.tv_nsec);
	if (SCARG(uap, rmtp) != NULL) {
		memset(&rm, 0, sizeof(rm));
		error = copyout(&rm, SCARG(uap, rmtp), sizeof(rm));
	}
	return error;
}

/*
 * exit(2): the process's files are closed at once; the process itself
 * goes away when its host side releases its last lwp.
 */
int
sys_exit(struct lwp *l, const struct sys_exit_args *uap, register_t *retval)
{

	l->l_proc->p_xexit = SCARG(uap, rval);
	proc_closefiles(l->l_proc);
	return 0;
}

/*
 * Descriptors.
 */
int
sys_close(struct lwp *l, const struct sys_close_args *uap, register_t *retval)
{
	int fd = SCARG(uap, fd);

	if (fd < 0 || fd_getfile((unsigned)fd) == NULL)
		return EBADF;
	return fd_close((unsigned)fd);
}

int
sys_dup(struct lwp *l, const struct sys_dup_args *uap, register_t *retval)
{
	int fd = SCARG(uap, fd), newfd, error;
	file_t *fp;

	if (fd < 0 || (fp = fd_getfile((unsigned)fd)) == NULL)
		return EBADF;
	error = fd_dup(fp, 0, &newfd, false);
	fd_putfile((unsigned)fd);
	if (error == 0)
		retval[0] = newfd;
	return error;
}

int
sys_dup2(struct lwp *l, const struct sys_dup2_args *uap, register_t *retval)
{
	int from = SCARG(uap, from), to = SCARG(uap, to), error;
	file_t *fp;

	if (from < 0 || (fp = fd_getfile((unsigned)from)) == NULL)
		return EBADF;
	if (to < 0 || to >= NOFILE) {
		fd_putfile((unsigned)from);
		return EBADF;
	}
	error = from == to ? 0 : fd_dup2(fp, (unsigned)to, 0);
	fd_putfile((unsigned)from);
	if (error == 0)
		retval[0] = to;
	return error;
}

int
sys_fcntl(struct lwp *l, const struct sys_fcntl_args *uap, register_t *retval)
{
	int fd = SCARG(uap, fd), cmd = SCARG(uap, cmd), newfd, tmp, error = 0;
	long arg = (long)(uintptr_t)SCARG(uap, arg);
	struct filedesc *fdp = l->l_proc->p_fd;
	file_t *fp;

	if (cmd == F_CLOSEM) {
		int i;

		if (fd < 0)
			return EBADF;
		for (i = fdp->fd_lastfile; i >= fd; i--)
			if (fd_getfile((unsigned)i) != NULL)
				(void)fd_close((unsigned)i);
		return 0;
	}
	if (cmd == F_MAXFD) {
		retval[0] = fdp->fd_lastfile;
		return 0;
	}
	if (fd < 0 || (fp = fd_getfile((unsigned)fd)) == NULL)
		return EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg < 0 || arg >= NOFILE) {
			error = EINVAL;
			break;
		}
		error = fd_dup(fp, (int)arg, &newfd, cmd == F_DUPFD_CLOEXEC);
		if (error == 0)
			retval[0] = newfd;
		break;
	case F_GETFD:
		retval[0] = fd_get_exclose(l, fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		fd_set_exclose(l, fd, (arg & FD_CLOEXEC) != 0);
		break;
	case F_GETFL:
		retval[0] = OFLAGS(fp->f_flag);
		break;
	case F_SETFL:
		tmp = FFLAGS((int)arg) & FCNTLFLAGS;
		if (fp->f_ops != NULL && fp->f_ops->fo_fcntl != NULL) {
			error = fp->f_ops->fo_fcntl(fp, F_SETFL, &tmp);
			if (error == EOPNOTSUPP || error == ENOTTY)
				error = 0;
		}
		if (error == 0) {
			mutex_enter(&fp->f_lock);
			fp->f_flag = (fp->f_flag & ~FCNTLFLAGS) | tmp;
			mutex_exit(&fp->f_lock);
		}
		break;
	default:
		if (fp->f_ops != NULL && fp->f_ops->fo_fcntl != NULL)
			error = fp->f_ops->fo_fcntl(fp, (u_int)cmd,
			    SCARG(uap, arg));
		else
			error = EINVAL;
		break;
	}
	fd_putfile((unsigned)fd);
	return error;
}

/*
 * reboot(2): see rump_halt().
 */
int
sys_reboot(struct lwp *l, const struct sys_reboot_args *uap,
    register_t *retval)
{
	int error;

	if ((error = kauth_authorize_system(l->l_cred, KAUTH_SYSTEM_REBOOT, 0,
	    NULL, NULL, NULL)) != 0)
		return error;
	return rump_halt(SCARG(uap, opt));
}
