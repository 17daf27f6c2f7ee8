/*
 * Per-process file descriptor tables and current directories.
 *
 * Descriptor use follows NetBSD: fd_getfile(fd) returns the file with a
 * use reference (or NULL: EBADF) and must be paired with fd_putfile(fd).
 * To open: fd_allocfile(&fp, &fd), fill in fp (f_ops, f_data, f_flag,
 * f_type), then fd_affix(curproc, fp, fd), or fd_abort(curproc, fp, fd)
 * on failure.
 */
#ifndef _SYS_FILEDESC_H_
#define _SYS_FILEDESC_H_

#include <sys/param.h>
#include <sys/mutex.h>
#include <sys/rwlock.h>

struct fdfile {
	file_t		*ff_file;	/* the open file, NULL if free */
	bool		 ff_exclose;	/* close on exec */
	bool		 ff_allocated;	/* reserved by fd_allocfile */
};

struct filedesc {
	kmutex_t	 fd_lock;	/* protects everything below */
	struct fdfile	*fd_ofiles;	/* descriptor slots */
	int		 fd_nfiles;	/* number of slots */
	int		 fd_lastfile;	/* highest slot in use, -1 if none */
	int		 fd_freefile;	/* lowest slot that may be free */
	u_int		 fd_refcnt;	/* processes sharing it */
};

/* Descriptor limit of a process (the NOFILE default). */
#define	fd_maxfiles()	NOFILE

int	fd_allocfile(file_t **, int *);
void	fd_affix(struct proc *, file_t *, unsigned);
void	fd_abort(struct proc *, file_t *, unsigned);
file_t	*fd_getfile(unsigned);
file_t	*fd_getfile2(struct proc *, unsigned);
void	fd_putfile(unsigned);
int	fd_close(unsigned);
int	fd_dup(file_t *, int minfd, int *newfd, bool exclose);
int	fd_dup2(file_t *, unsigned newfd, int flags);
void	fd_set_exclose(struct lwp *, int, bool);
bool	fd_get_exclose(struct lwp *, int);
/* Allocate a descriptor slot >= want for fp in p (not yet visible). */
int	fd_alloc(struct proc *, int want, int *result);

struct filedesc	*fd_init(void);			/* empty table */
struct filedesc	*fd_copy(struct filedesc *);	/* copy, files shared */
void		 fd_share(struct proc *);
void		 fd_free(struct filedesc *);	/* close all, free */

/*
 * Current and root directory of a process, and its umask.  The kernel
 * core does not know what a vnode is: the VFS, when it attaches, installs
 * cwd operations that take and drop references and give a new process
 * its directories.  Until then the directories stay NULL.
 */
struct cwdinfo {
	krwlock_t	 cwdi_lock;	/* protects the fields below */
	struct vnode	*cwdi_cdir;	/* current directory */
	struct vnode	*cwdi_rdir;	/* root directory */
	struct vnode	*cwdi_edir;	/* emulation root, unused */
	mode_t		 cwdi_cmask;	/* mask for file creation */
	u_int		 cwdi_refcnt;	/* processes sharing it */
};

struct cwdops {
	/*
	 * Fill a new cwdinfo: copy parent's directories taking references
	 * or, with parent NULL (a fresh process), point both at the root.
	 */
	void	(*cwdo_init)(struct cwdinfo *newcwdi, struct cwdinfo *parent);
	/* Release the references a cwdinfo holds; called once at its end. */
	void	(*cwdo_free)(struct cwdinfo *);
};

/*
 * Install (ops) or remove (NULL) the cwd operations.  Installing gives
 * every existing process without a current directory a fresh one.
 */
void	cwd_setops(const struct cwdops *);
struct cwdinfo	*cwdinit(void);		/* copy of curproc's */
struct cwdinfo	*cwdinit_fresh(void);	/* root directories */
void		 cwdshare(struct proc *);
void		 cwdfree(struct cwdinfo *);

#endif /* !_SYS_FILEDESC_H_ */
