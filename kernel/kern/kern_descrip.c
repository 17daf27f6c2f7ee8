/*
 * File descriptor tables, open files and current directories.
 *
 * fd_getfile() takes a reference on the file and remembers it on the
 * calling lwp, so fd_putfile() releases exactly that file even if the
 * descriptor was closed or replaced meanwhile.  fd_close() consumes the
 * caller's fd_getfile() reference if it has one (NetBSD's contract).
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/proc.h>
#include <sys/lwp.h>
#include <sys/file.h>
#include <sys/filedesc.h>
#include <sys/kmem.h>
#include <sys/kauth.h>

#include "rump_private.h"

#define	NDFILE	32	/* initial slots */

u_int nfiles;

void
file_hold(file_t *fp)
{

	mutex_enter(&fp->f_lock);
	KASSERT(fp->f_count > 0);
	fp->f_count++;
	mutex_exit(&fp->f_lock);
}

/*
 * Drop a reference; the last one calls fo_close and frees the file.
 */
int
closef(file_t *fp)
{
	int error = 0;
	u_int n;

	mutex_enter(&fp->f_lock);
	KASSERTMSG(fp->f_count > 0, "closef: file %p has no references", fp);
	n = --fp->f_count;
	mutex_exit(&fp->f_lock);
	if (n > 0)
		return 0;
	if (fp->f_ops != NULL && fp->f_ops->fo_close != NULL)
		error = fp->f_ops->fo_close(fp);
	if (fp->f_cred != NULL)
		kauth_cred_free(fp->f_cred);
	mutex_destroy(&fp->f_lock);
	__atomic_sub_fetch(&nfiles, 1, __ATOMIC_RELAXED);
	kmem_free_noleak(fp, sizeof(*fp));
	return error;
}

struct filedesc *
fd_init(void)
{
	struct filedesc *fdp;

	fdp = kmem_alloc_noleak(sizeof(*fdp), "fd_init");
	mutex_init(&fdp->fd_lock, MUTEX_DEFAULT, IPL_NONE);
	fdp->fd_nfiles = NDFILE;
	fdp->fd_ofiles = kmem_alloc_noleak(NDFILE * sizeof(struct fdfile),
	    "fd_init");
	fdp->fd_lastfile = -1;
	fdp->fd_freefile = 0;
	fdp->fd_refcnt = 1;
	return fdp;
}

struct filedesc *
fd_copy(struct filedesc *src)
{
	struct filedesc *fdp;
	file_t *fp;
	int i;

	fdp = kmem_alloc_noleak(sizeof(*fdp), "fd_copy");
	mutex_init(&fdp->fd_lock, MUTEX_DEFAULT, IPL_NONE);
	mutex_enter(&src->fd_lock);
	fdp->fd_nfiles = src->fd_nfiles;
	fdp->fd_ofiles = kmem_alloc_noleak(src->fd_nfiles *
	    sizeof(struct fdfile), "fd_copy");
	for (i = 0; i < src->fd_nfiles; i++) {
		if ((fp = src->fd_ofiles[i].ff_file) == NULL)
			continue;
		file_hold(fp);
		fdp->fd_ofiles[i] = src->fd_ofiles[i];
	}
	fdp->fd_lastfile = src->fd_lastfile;
	fdp->fd_freefile = src->fd_freefile;
	mutex_exit(&src->fd_lock);
	fdp->fd_refcnt = 1;
	return fdp;
}

void
fd_share(struct proc *p)
{

	__atomic_add_fetch(&p->p_fd->fd_refcnt, 1, __ATOMIC_SEQ_CST);
}

/* Drop a reference to a table; the last one closes every file. */
void
fd_free(struct filedesc *fdp)
{
	file_t *fp;
	int i;

	if (fdp == NULL)
		return;
	if (__atomic_sub_fetch(&fdp->fd_refcnt, 1, __ATOMIC_SEQ_CST) > 0)
		return;
	for (i = 0; i < fdp->fd_nfiles; i++) {
		if ((fp = fdp->fd_ofiles[i].ff_file) == NULL)
			continue;
		fdp->fd_ofiles[i].ff_file = NULL;
		(void)closef(fp);
	}
	kmem_free_noleak(fdp->fd_ofiles, fdp->fd_nfiles * sizeof(struct fdfile));
	mutex_destroy(&fdp->fd_lock);
	kmem_free_noleak(fdp, sizeof(*fdp));
}

/* Grow the table to hold slot want; called and returns with fd_lock held. */
static int
fd_grow(struct filedesc *fdp, int want)
{
	struct fdfile *nf, *of;
	int nn, on;

	while (want >= fdp->fd_nfiles) {
		on = fdp->fd_nfiles;
		nn = MIN(on * 2, NOFILE);
		if (nn <= on)
			return EMFILE;
		mutex_exit(&fdp->fd_lock);
		nf = kmem_alloc_noleak(nn * sizeof(*nf), "fd_grow");
		mutex_enter(&fdp->fd_lock);
		if (fdp->fd_nfiles != on) {
			kmem_free_noleak(nf, nn * sizeof(*nf));
			continue;
		}
		of = fdp->fd_ofiles;
		memcpy(nf, of, on * sizeof(*nf));
		fdp->fd_ofiles = nf;
		fdp->fd_nfiles = nn;
		kmem_free_noleak(of, on * sizeof(*of));
	}
	return 0;
}

/*
 * Reserve the lowest free descriptor >= want in p.  Returns 0, EMFILE.
 */
int
fd_alloc(struct proc *p, int want, int *result)
{
	struct filedesc *fdp = p->p_fd;
	int i, error;

	if (want < 0 || want >= NOFILE)
		return EINVAL;
	mutex_enter(&fdp->fd_lock);
	for (i = MAX(want, fdp->fd_freefile); i < NOFILE; i++) {
		if (i >= fdp->fd_nfiles &&
		    (error = fd_grow(fdp, i)) != 0) {
			mutex_exit(&fdp->fd_lock);
			return error;
		}
		if (!fdp->fd_ofiles[i].ff_allocated)
			break;
	}
	if (i >= NOFILE) {
		mutex_exit(&fdp->fd_lock);
		return EMFILE;
	}
	fdp->fd_ofiles[i].ff_allocated = true;
	fdp->fd_ofiles[i].ff_file = NULL;
	fdp->fd_ofiles[i].ff_exclose = false;
	if (i > fdp->fd_lastfile)
		fdp->fd_lastfile = i;
	if (want <= fdp->fd_freefile)
		fdp->fd_freefile = i + 1;
	mutex_exit(&fdp->fd_lock);
	*result = i;
	return 0;
}

static void
fd_unused(struct filedesc *fdp, int fd)
{

	KASSERT(mutex_owned(&fdp->fd_lock));
	fdp->fd_ofiles[fd].ff_allocated = false;
	fdp->fd_ofiles[fd].ff_file = NULL;
	fdp->fd_ofiles[fd].ff_exclose = false;
	if (fd < fdp->fd_freefile)
		fdp->fd_freefile = fd;
	while (fdp->fd_lastfile >= 0 &&
	    !fdp->fd_ofiles[fdp->fd_lastfile].ff_allocated)
		fdp->fd_lastfile--;
}

/*
 * A new file and a descriptor for it (not yet visible): fill in the file,
 * then fd_affix() or fd_abort().
 */
int
fd_allocfile(file_t **fpp, int *fdp)
{
	struct lwp *l = curlwp;
	file_t *fp;
	int error;

	if ((error = fd_alloc(l->l_proc, 0, fdp)) != 0)
		return error;
	fp = kmem_alloc_noleak(sizeof(*fp), "fd_allocfile");
	mutex_init(&fp->f_lock, MUTEX_DEFAULT, IPL_NONE);
	fp->f_count = 1;
	fp->f_cred = kauth_cred_get();
	kauth_cred_hold(fp->f_cred);
	__atomic_add_fetch(&nfiles, 1, __ATOMIC_RELAXED);
	*fpp = fp;
	return 0;
}

void
fd_affix(struct proc *p, file_t *fp, unsigned fd)
{
	struct filedesc *fdp = p->p_fd;

	mutex_enter(&fdp->fd_lock);
	KASSERT(fd < (unsigned)fdp->fd_nfiles && fdp->fd_ofiles[fd].ff_allocated);
	fdp->fd_ofiles[fd].ff_file = fp;
	mutex_exit(&fdp->fd_lock);
}

void
fd_abort(struct proc *p, file_t *fp, unsigned fd)
{
	struct filedesc *fdp = p->p_fd;

	mutex_enter(&fdp->fd_lock);
	if (fd < (unsigned)fdp->fd_nfiles)
		fd_unused(fdp, (int)fd);
	mutex_exit(&fdp->fd_lock);
	if (fp != NULL) {
		/* Never opened: no fo_close. */
		fp->f_ops = NULL;
		(void)closef(fp);
	}
}

file_t *
fd_getfile2(struct proc *p, unsigned fd)
{
	struct filedesc *fdp = p->p_fd;
	file_t *fp = NULL;

	if (fdp == NULL)
		return NULL;
	mutex_enter(&fdp->fd_lock);
	if (fd < (unsigned)fdp->fd_nfiles &&
	    (fp = fdp->fd_ofiles[fd].ff_file) != NULL)
		file_hold(fp);
	mutex_exit(&fdp->fd_lock);
	return fp;
}

file_t *
fd_getfile(unsigned fd)
{
	struct lwp *l = curlwp;
	file_t *fp;

	if ((fp = fd_getfile2(l->l_proc, fd)) == NULL)
		return NULL;
	if (l->l_nfdref >= LWP_MAXFDREF)
		panic("fd_getfile: more than %d descriptors in use by lwp %d.%d",
		    LWP_MAXFDREF, l->l_proc->p_pid, l->l_lid);
	l->l_fdref[l->l_nfdref].fr_fd = (int)fd;
	l->l_fdref[l->l_nfdref].fr_fp = fp;
	l->l_nfdref++;
	return fp;
}

/* Take the lwp's fd_getfile() record for fd; NULL if there is none. */
static file_t *
fd_takeref(struct lwp *l, int fd)
{
	file_t *fp;
	int i;

	for (i = l->l_nfdref - 1; i >= 0; i--) {
		if (l->l_fdref[i].fr_fd != fd)
			continue;
		fp = l->l_fdref[i].fr_fp;
		l->l_nfdref--;
		l->l_fdref[i] = l->l_fdref[l->l_nfdref];
		return fp;
	}
	return NULL;
}

void
fd_putfile(unsigned fd)
{
	struct lwp *l = curlwp;
	file_t *fp;

	fp = fd_takeref(l, (int)fd);
	KASSERTMSG(fp != NULL, "fd_putfile: descriptor %u was not fd_getfile'd",
	    fd);
	if (fp != NULL)
		(void)closef(fp);
}

/*
 * A system call returned with fd_getfile() references it never put back:
 * a bug (panic in -DD kernels); otherwise drop them so the lwp goes on.
 */
void
fd_leakcheck(struct lwp *l, const char *what)
{

#ifdef LOCKDEBUG
	panic("%s returned with descriptor %d still held by fd_getfile "
	    "(no fd_putfile)", what, l->l_fdref[0].fr_fd);
#else
	(void)what;
	fd_release_lwprefs(l);
#endif
}

/* Drop the fd_getfile() references an exiting lwp still has. */
void
fd_release_lwprefs(struct lwp *l)
{

	while (l->l_nfdref > 0) {
		l->l_nfdref--;
		(void)closef(l->l_fdref[l->l_nfdref].fr_fp);
	}
}

int
fd_close(unsigned fd)
{
	struct lwp *l = curlwp;
	struct filedesc *fdp = l->l_proc->p_fd;
	file_t *fp, *ref;

	ref = fd_takeref(l, (int)fd);
	mutex_enter(&fdp->fd_lock);
	if (fd >= (unsigned)fdp->fd_nfiles ||
	    (fp = fdp->fd_ofiles[fd].ff_file) == NULL) {
		mutex_exit(&fdp->fd_lock);
		if (ref != NULL)
			(void)closef(ref);
		return EBADF;
	}
	fd_unused(fdp, (int)fd);
	mutex_exit(&fdp->fd_lock);
	if (ref != NULL)
		(void)closef(ref);
	return closef(fp);
}

int
fd_dup(file_t *fp, int minfd, int *newfd, bool exclose)
{
	struct proc *p = curproc;
	struct filedesc *fdp = p->p_fd;
	int error;

	if ((error = fd_alloc(p, minfd, newfd)) != 0)
		return error;
	file_hold(fp);
	mutex_enter(&fdp->fd_lock);
	fdp->fd_ofiles[*newfd].ff_file = fp;
	fdp->fd_ofiles[*newfd].ff_exclose = exclose;
	mutex_exit(&fdp->fd_lock);
	return 0;
}

int
fd_dup2(file_t *fp, unsigned newfd, int flags)
{
	struct filedesc *fdp = curproc->p_fd;
	file_t *old;
	int error;

	if (newfd >= NOFILE)
		return EBADF;
	file_hold(fp);
	mutex_enter(&fdp->fd_lock);
	if ((error = fd_grow(fdp, (int)newfd)) != 0) {
		mutex_exit(&fdp->fd_lock);
		(void)closef(fp);
		return error;
	}
	old = fdp->fd_ofiles[newfd].ff_file;
	fdp->fd_ofiles[newfd].ff_file = fp;
	fdp->fd_ofiles[newfd].ff_allocated = true;
	fdp->fd_ofiles[newfd].ff_exclose = (flags & O_CLOEXEC) != 0;
	if ((int)newfd > fdp->fd_lastfile)
		fdp->fd_lastfile = (int)newfd;
	mutex_exit(&fdp->fd_lock);
	if (old != NULL)
		(void)closef(old);
	return 0;
}

void
fd_set_exclose(struct lwp *l, int fd, bool exclose)
{
	struct filedesc *fdp = l->l_proc->p_fd;

	mutex_enter(&fdp->fd_lock);
	if (fd >= 0 && fd < fdp->fd_nfiles)
		fdp->fd_ofiles[fd].ff_exclose = exclose;
	mutex_exit(&fdp->fd_lock);
}

bool
fd_get_exclose(struct lwp *l, int fd)
{
	struct filedesc *fdp = l->l_proc->p_fd;
	bool rv = false;

	mutex_enter(&fdp->fd_lock);
	if (fd >= 0 && fd < fdp->fd_nfiles)
		rv = fdp->fd_ofiles[fd].ff_exclose;
	mutex_exit(&fdp->fd_lock);
	return rv;
}

/*
 * Current directories: the VFS supplies the operations on vnodes.
 */
static const struct cwdops *cwdops;

static struct cwdinfo *
cwd_alloc(void)
{
	struct cwdinfo *cwdi;

	cwdi = kmem_alloc_noleak(sizeof(*cwdi), "cwdinit");
	rw_init(&cwdi->cwdi_lock);
	cwdi->cwdi_cmask = 022;
	cwdi->cwdi_refcnt = 1;
	return cwdi;
}

struct cwdinfo *
cwdinit(void)
{
	struct cwdinfo *cwdi = cwd_alloc(), *parent = NULL;

	if (curlwp != NULL)
		parent = curproc->p_cwdi;
	if (parent != NULL)
		cwdi->cwdi_cmask = parent->cwdi_cmask;
	if (cwdops != NULL)
		cwdops->cwdo_init(cwdi, parent);
	return cwdi;
}

struct cwdinfo *
cwdinit_fresh(void)
{
	struct cwdinfo *cwdi = cwd_alloc();

	if (cwdops != NULL)
		cwdops->cwdo_init(cwdi, NULL);
	return cwdi;
}

void
cwdshare(struct proc *p)
{

	__atomic_add_fetch(&p->p_cwdi->cwdi_refcnt, 1, __ATOMIC_SEQ_CST);
}

void
cwdfree(struct cwdinfo *cwdi)
{

	if (__atomic_sub_fetch(&cwdi->cwdi_refcnt, 1, __ATOMIC_SEQ_CST) > 0)
		return;
	if (cwdops != NULL)
		cwdops->cwdo_free(cwdi);
	rw_destroy(&cwdi->cwdi_lock);
	kmem_free_noleak(cwdi, sizeof(*cwdi));
}

void
cwd_setops(const struct cwdops *ops)
{
	struct proc *p;

	mutex_enter(&proc_lock);
	cwdops = ops;
	if (ops != NULL) {
		PROCLIST_FOREACH(p, &allproc) {
			if (p->p_cwdi != NULL && p->p_cwdi->cwdi_cdir == NULL)
				ops->cwdo_init(p->p_cwdi, NULL);
		}
	}
	mutex_exit(&proc_lock);
}
