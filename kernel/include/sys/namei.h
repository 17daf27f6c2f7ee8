/*
 * Pathname lookup: namei(9).
 *
 * A caller copies the path into a pathbuf, describes the lookup in a
 * struct nameidata with NDINIT and calls namei().  On success ni_vp is
 * the referenced vnode of the last component (NULL for a CREATE or
 * RENAME lookup of a name that does not exist yet) and, with LOCKPARENT,
 * ni_dvp is the referenced directory holding it; ni_cnd describes the
 * last component (cn_nameptr points into ni_pnbuf).  The caller
 * releases both with vrele() and the pathbuf with pathbuf_destroy().
 *
 * Errors: ENOENT (a component or, for LOOKUP/DELETE, the last one is
 * missing; an empty path), ENOTDIR (a component used as a directory is
 * not one), ENAMETOOLONG (a component longer than NAME_MAX, a path
 * longer than MAXPATHLEN), ELOOP (more than MAXSYMLINKS symbolic links),
 * EACCES (no search permission on a directory), EBADF/ENOTDIR for a bad
 * at-directory descriptor.
 */
#ifndef _SYS_NAMEI_H_
#define _SYS_NAMEI_H_

#include <sys/types.h>
#include <sys/uio.h>
#include <sys/kauth.h>

struct vnode;

/* A path being looked up: the string and a copy namei edits. */
struct pathbuf {
	char		*pb_path;	/* the path as given, MAXPATHLEN bytes */
	char		*pb_pathcopy;	/* the working copy of namei */
	unsigned	 pb_pathcopyuses;
};

int	pathbuf_copyin(const char *userpath, struct pathbuf **ret);
struct pathbuf	*pathbuf_create(const char *path);	/* NULL if too long */
void	pathbuf_destroy(struct pathbuf *);
/* Copy a path from user or kernel space (seg). */
int	pathbuf_maybe_copyin(const char *path, enum uio_seg seg, struct pathbuf **ret);

struct componentname {
	/* Arguments to lookup. */
	uint32_t	 cn_nameiop;	/* namei operation */
	uint32_t	 cn_flags;	/* flags to namei */
	kauth_cred_t	 cn_cred;	/* credentials */
	/* Shared between lookup and commit routines. */
	const char	*cn_nameptr;	/* pointer to looked up name */
	size_t		 cn_namelen;	/* length of looked up comp */
	size_t		 cn_consume;	/* chars to consume in lookup */
};

struct nameidata {
	/* Arguments to namei/lookup. */
	struct vnode	*ni_atdir;	/* startup dir, cwd if null */
	struct pathbuf	*ni_pathbuf;	/* pathname container */
	char		*ni_pnbuf;	/* extra pathname buffer ref (XXX) */
	/* Internal starting state. */
	struct vnode	*ni_rootdir;	/* logical root directory */
	struct vnode	*ni_erootdir;	/* emulation root directory */
	/* Results: returned from/manipulated by lookup. */
	struct vnode	*ni_vp;		/* vnode of result */
	struct vnode	*ni_dvp;	/* vnode of intermediate directory */
	/* Internal state. */
	size_t		 ni_pathlen;	/* remaining chars in path */
	const char	*ni_next;	/* next location in pathname */
	unsigned int	 ni_loopcnt;	/* count of symlinks encountered */
	/* Lookup parameters: this structure describes the subset of
	 * information from the nameidata structure that is passed
	 * through the VOP interface. */
	struct componentname ni_cnd;
};

/* namei operations (cn_nameiop). */
#define	LOOKUP		0	/* perform name lookup only */
#define	CREATE		1	/* setup for file creation */
#define	DELETE		2	/* setup for file deletion */
#define	RENAME		3	/* setup for file renaming */
#define	OPMASK		3	/* mask for operation */

/* namei operational modifier flags, stored in cn_flags. */
#define	LOCKLEAF	0x00000004	/* lock vnode on return */
#define	LOCKPARENT	0x00000008	/* want parent vnode returned */
#define	TRYEMULROOT	0x00000010	/* try relative to emulation root first */
#define	NOCACHE		0x00000020	/* name must not be left in cache */
#define	FOLLOW		0x00000040	/* follow symbolic links */
#define	NOFOLLOW	0x00000000	/* do not follow symbolic links (pseudo) */
#define	EMULROOTSET	0x00000080	/* emulation root already in ni_erootdir */
#define	LOCKSHARED	0x00000100	/* want shared locks if possible */
#define	NOCHROOT	0x01000000	/* no chroot on abs path lookups */
#define	MODMASK		0x010001fc	/* mask of operational modifiers */

/* Namei parameter descriptors, set by namei for the file system. */
#define	NOCROSSMOUNT	0x0000800	/* do not cross mount points */
#define	RDONLY		0x0001000	/* lookup with read-only semantics */
#define	ISDOTDOT	0x0002000	/* current component name is .. */
#define	MAKEENTRY	0x0004000	/* entry is to be added to name cache */
#define	ISLASTCN	0x0008000	/* this is last component of pathname */
#define	ISWHITEOUT	0x0020000	/* found whiteout */
#define	DOWHITEOUT	0x0040000	/* do whiteouts */
#define	REQUIREDIR	0x0080000	/* must be a directory */
#define	CREATEDIR	0x0200000	/* trailing slashes are ok */
#define	PARAMASK	0x02ee800	/* mask of parameter descriptors */

#define	NDINIT(ndp, op, flags, pathbuf) do {				\
	(ndp)->ni_cnd.cn_nameiop = (op);				\
	(ndp)->ni_cnd.cn_flags = (flags);				\
	(ndp)->ni_atdir = NULL;						\
	(ndp)->ni_pathbuf = (pathbuf);					\
	(ndp)->ni_cnd.cn_cred = kauth_cred_get();			\
	(ndp)->ni_cnd.cn_consume = 0;					\
} while (/*CONSTCOND*/0)

#define	NDAT(ndp, dir) do {						\
	(ndp)->ni_atdir = (dir);					\
} while (/*CONSTCOND*/0)

int	namei(struct nameidata *);
/* namei from the directory of descriptor fdat (AT_FDCWD: the cwd). */
int	fd_nameiat(struct lwp *, int fdat, struct nameidata *);
/* Look up a single path simply: the referenced vnode in *vpp. */
int	namei_simple_kernel(const char *, int, struct vnode **);
#define	NSM_NOFOLLOW_NOEMULROOT	0
#define	NSM_FOLLOW_NOEMULROOT	1
/* The path of a directory vnode relative to the root, for __getcwd. */
int	vnode_to_path(char *, size_t, struct vnode *, struct lwp *, struct proc *);

#endif /* !_SYS_NAMEI_H_ */
