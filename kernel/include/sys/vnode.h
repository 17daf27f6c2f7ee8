/*
 * Vnodes: the kernel's handle on a file of any file system.
 *
 * A vnode belongs to a mount (v_mount) and is found through the vnode
 * cache by its file system's key (vcache_get).  v_usecount counts the
 * references; when the last one goes (vrele), the file system's
 * VOP_INACTIVE decides whether the vnode stays cached (the file still
 * has links) or is reclaimed at once (VOP_RECLAIM, then freed).
 *
 * Locking.  XXX All of the VFS, the file systems below it and the vnode
 * cache run under one recursive lock, the VFS lock (vfs_lock_enter);
 * every entry point (system calls, file operations, cwd hooks) takes it.
 * Reference counts are atomic so vref() needs no lock.  Fine-grained
 * vnode locks are future work; VOP_LOCK/VOP_UNLOCK are therefore absent.
 */
#ifndef _SYS_VNODE_H_
#define _SYS_VNODE_H_

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/kauth.h>

struct mount;
struct componentname;
struct namecache;
struct nameidata;
struct stat;
struct file;
struct lwp;

/* Vnode types.  VNON means no type. */
enum vtype	{ VNON, VREG, VDIR, VBLK, VCHR, VLNK, VSOCK, VFIFO, VBAD };

/* Vnode tag types: which file system a vnode belongs to. */
enum vtagtype	{ VT_NON, VT_RUMP, VT_TMPFS };

struct vnode {
	struct mount	*v_mount;	/* file system it belongs to */
	int		(**v_op)(void *); /* vnode operations vector */
	enum vtype	 v_type;	/* vnode type */
	enum vtagtype	 v_tag;		/* type of underlying data */
	volatile u_int	 v_usecount;	/* references */
	u_int		 v_vflag;	/* VV_* */
	u_int		 v_iflag;	/* VI_* */
	void		*v_data;	/* private data for fs */
	struct mount	*v_mountedhere;	/* the mount on this directory */
	TAILQ_ENTRY(vnode) v_mntvnodes;	/* vnodes of the mount */
	TAILQ_ENTRY(vnode) v_freelist;	/* unreferenced, cached vnodes */
	LIST_ENTRY(vnode) v_hash;	/* vnode cache hash chain */
	const void	*v_key;		/* cache key: the fs's own */
	size_t		 v_keylen;	/* and its length */
	u_int		 v_hashval;	/* hash of mount and key */
};
typedef struct vnode	vnode_t;

/* v_vflag. */
#define	VV_ROOT		0x0001	/* root of its file system */

/* v_iflag. */
#define	VI_FREE		0x0001	/* on the free list */
#define	VI_RECLAIMED	0x0002	/* being or been reclaimed */
#define	VI_LOADING	0x0004	/* being loaded by the file system */
#define	VI_DEAD		0x0008	/* revoked by a forced unmount */

/*
 * Vnode attributes.  A field set to VNOVAL is unknown (getattr) or not to
 * be changed (setattr).
 */
struct vattr {
	enum vtype	va_type;	/* vnode type (for create) */
	mode_t		va_mode;	/* files access mode and type */
	nlink_t		va_nlink;	/* number of references to file */
	uid_t		va_uid;		/* owner user id */
	gid_t		va_gid;		/* owner group id */
	dev_t		va_fsid;	/* file system id (dev for now) */
	ino_t		va_fileid;	/* file id */
	u_quad_t	va_size;	/* file size in bytes */
	long		va_blocksize;	/* blocksize preferred for i/o */
	struct timespec	va_atime;	/* time of last access */
	struct timespec	va_mtime;	/* time of last modification */
	struct timespec	va_ctime;	/* time file changed */
	struct timespec	va_birthtime;	/* time file created */
	u_long		va_gen;		/* generation number of file */
	u_long		va_flags;	/* flags defined for file */
	dev_t		va_rdev;	/* device the special file represents */
	u_quad_t	va_bytes;	/* bytes of disk space held by file */
	u_quad_t	va_filerev;	/* file modification number */
	u_int		va_vaflags;	/* operations flags, see below */
};

#define	VNOVAL		(-1)

/* va_vaflags. */
#define	VA_UTIMES_NULL	0x01	/* utimes argument was NULL */
#define	VA_EXCLUSIVE	0x02	/* exclusive create request */

/* ioflag of VOP_READ/VOP_WRITE. */
#define	IO_UNIT		0x00010	/* do I/O as atomic unit */
#define	IO_APPEND	0x00020	/* append write to end */
#define	IO_SYNC		0x00040	/* sync I/O file integrity completion */
#define	IO_NODELOCKED	0x00080	/* underlying node already locked */
#define	IO_DSYNC	0x00400	/* sync I/O data integrity completion */

/* Modes of VOP_ACCESS. */
#define	VREAD		0x0004	/* read, write, execute permissions */
#define	VWRITE		0x0002
#define	VEXEC		0x0001
#define	VAPPEND		0x0008	/* append only (with VWRITE) */

/* fsync flags. */
#define	FSYNC_WAIT	0x0001	/* fsync: wait for completion */
#define	FSYNC_DATAONLY	0x0002	/* fsync: hint: sync file data only */

/* The type of a vnode from the S_IFMT bits of a mode, and back. */
extern const enum vtype	iftovt_tab[];
extern const int	vttoif_tab[];
#define	IFTOVT(mode)	(iftovt_tab[((mode) & 0170000) >> 12])
#define	VTTOIF(indx)	(vttoif_tab[(int)(indx)])
#define	MAKEIMODE(indx, mode)	(int)(VTTOIF(indx) | (mode))

extern struct vnode	*rootvnode;	/* root (i.e. "/") vnode */
extern u_int		 numvnodes;	/* vnodes allocated */
extern u_int		 desiredvnodes;	/* unreferenced vnodes kept cached */

/* The VFS lock (see above).  Recursive; entry points take it. */
void	vfs_lock_enter(void);
void	vfs_lock_exit(void);
bool	vfs_lock_owned(void);

/* Reference counting. */
void	vref(struct vnode *);
void	vrele(struct vnode *);
/* vput: NetBSD's "unlock and release"; without vnode locks it is vrele. */
#define	vput(vp)	vrele(vp)

/*
 * The vnode cache.  vcache_get returns the referenced vnode of the file
 * the key names in mp, calling VFS_LOADVNODE to make one if none is
 * cached.  vcache_rekey is not needed by our file systems.
 */
int	vcache_get(struct mount *, const void *, size_t, struct vnode **);
/* Reclaim an unreferenced vnode now (VOP_RECLAIM) and free it. */
void	vgone(struct vnode *);

void	vattr_null(struct vattr *);
#define	VATTR_NULL(vap)	vattr_null(vap)

/*
 * Permission check of the classic owner/group/other bits: 0 or EACCES,
 * overridden by the superuser through kauth.
 */
int	vaccess(enum vtype, mode_t, uid_t, gid_t, int acc_mode, kauth_cred_t);

/* Operations on open vnodes (vfs_vnops.c). */
int	vn_open(struct nameidata *, int fmode, int cmode);
int	vn_close(struct vnode *, int flags, kauth_cred_t);
int	vn_rdwr(enum uio_rw, struct vnode *, void *, int, off_t, enum uio_seg,
	    int, kauth_cred_t, size_t *, struct lwp *);
int	vn_stat(struct vnode *, struct stat *);
int	vn_writechk(struct vnode *);
extern const struct fileops vnops;

/* Generic vnode operations for file systems. */
int	vn_default_error(void *);
int	genfs_nullop(void *);
int	genfs_eopnotsupp(void *);
/*
 * Who may change a file's mode, owner or times (chmod, chown, utimes):
 * 0, EPERM, or (times set to now by a non-owner) EACCES.  cur_* are the
 * file's present owner and mode.
 */
int	genfs_can_chmod(struct vnode *, kauth_cred_t, uid_t, gid_t, mode_t);
int	genfs_can_chown(struct vnode *, kauth_cred_t, uid_t, gid_t, uid_t,
	    gid_t);
int	genfs_can_chtimes(struct vnode *, kauth_cred_t, uid_t, u_int);

#endif /* !_SYS_VNODE_H_ */
