/*
 * Mounted file systems and file system types.
 *
 * A file system type is a struct vfsops; vfs_attach() makes it known
 * (and adds its name to vfs.generic.fstypes), vfs_detach() forgets it.
 * A mount (struct mount) is one instance of a type covering a directory
 * vnode (mnt_vnodecovered, whose v_mountedhere points back).  The
 * mount list is in mount order, the root file system first.
 *
 * mount(2) and unmount(2) flags and the MNT_* bits of struct statvfs
 * f_flag are NetBSD's values.
 */
#ifndef _SYS_MOUNT_H_
#define _SYS_MOUNT_H_

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/statvfs.h>
#include <sys/kauth.h>

/* File system type names. */
#define	MOUNT_FFS	"ffs"		/* UNIX "Fast" Filesystem */
#define	MOUNT_TMPFS	"tmpfs"		/* Efficient memory file-system */
#define	MOUNT_RUMPFS	"rumpfs"	/* rump virtual file system */

/* Flags of mount(2), kept in mnt_flag and exported in f_flag. */
#define	MNT_RDONLY	0x00000001	/* read only filesystem */
#define	MNT_SYNCHRONOUS	0x00000002	/* file system written synchronously */
#define	MNT_NOEXEC	0x00000004	/* can't exec from filesystem */
#define	MNT_NOSUID	0x00000008	/* don't honor setuid bits on fs */
#define	MNT_NODEV	0x00000010	/* don't interpret special files */
#define	MNT_UNION	0x00000020	/* union with underlying filesystem */
#define	MNT_ASYNC	0x00000040	/* file system written asynchronously */
#define	MNT_NOCOREDUMP	0x00008000	/* don't write core dumps to this FS */
#define	MNT_RELATIME	0x00020000	/* only update access time if mod/ch */
#define	MNT_IGNORE	0x00100000	/* don't show entry in df */
#define	MNT_NOATIME	0x04000000	/* Never update access times in fs */
#define	MNT_SYMPERM	0x20000000	/* recognize symlink permission */
#define	MNT_NODEVMTIME	0x40000000	/* Never update mod times for devs */
#define	MNT_LOCAL	0x00001000	/* filesystem is stored locally */
#define	MNT_QUOTA	0x00002000	/* quotas are enabled on fs */
#define	MNT_ROOTFS	0x00004000	/* identifies the root filesystem */

/* Flags of mount(2) that are operations, not kept. */
#define	MNT_UPDATE	0x00010000	/* not a real mount, just an update */
#define	MNT_RELOAD	0x00040000	/* reload filesystem data */
#define	MNT_FORCE	0x00080000	/* force unmount or readonly change */
#define	MNT_GETARGS	0x00400000	/* retrieve file system specific args */

/* Flags mount(2) accepts and keeps. */
#define	MNT_BASIC_FLAGS	(MNT_RDONLY | MNT_SYNCHRONOUS | MNT_NOEXEC | \
	MNT_NOSUID | MNT_NODEV | MNT_UNION | MNT_ASYNC | MNT_NOCOREDUMP | \
	MNT_RELATIME | MNT_IGNORE | MNT_NOATIME | MNT_SYMPERM | \
	MNT_NODEVMTIME)

/* Wait flags of sync and statvfs1. */
#define	MNT_WAIT	1	/* synchronously wait for I/O to complete */
#define	MNT_NOWAIT	2	/* start all I/O, but do not wait for it */
#define	MNT_LAZY	3	/* push data not written by filesystem syncer */

#ifdef _KERNEL
struct vnode;
struct vnodeopv_desc;
struct lwp;

struct mount {
	TAILQ_ENTRY(mount) mnt_list;	/* mount list */
	struct vfsops	*mnt_op;	/* operations on fs */
	struct vnode	*mnt_vnodecovered; /* vnode we mounted on */
	TAILQ_HEAD(, vnode) mnt_vnodelist; /* list of vnodes this mount */
	int		 mnt_flag;	/* flags */
	int		 mnt_iflag;	/* internal flags (IMNT_*) */
	void		*mnt_data;	/* private data */
	u_int		 mnt_nvnodes;	/* vnodes on mnt_vnodelist */
	struct statvfs	 mnt_stat;	/* cache of filesystem stats */
};

/* mnt_iflag. */
#define	IMNT_GONE	0x00000001	/* filesystem is gone.. */
#define	IMNT_UNMOUNT	0x00000002	/* unmount in progress */
#define	IMNT_MPSAFE	0x00000080	/* file system code MP safe */

struct vfsops {
	const char *vfs_name;
	size_t	vfs_min_mount_data;
	/* Mount: path is where, data the fs arguments (kernel copy). */
	int	(*vfs_mount)(struct mount *, const char *, void *, size_t *);
	int	(*vfs_start)(struct mount *, int);
	int	(*vfs_unmount)(struct mount *, int);
	int	(*vfs_root)(struct mount *, int, struct vnode **);
	int	(*vfs_statvfs)(struct mount *, struct statvfs *);
	int	(*vfs_sync)(struct mount *, int, kauth_cred_t);
	/* Initialise vp for the file key names; *newkey: the key to keep. */
	int	(*vfs_loadvnode)(struct mount *, struct vnode *, const void *,
		    size_t, const void **);
	void	(*vfs_init)(void);
	void	(*vfs_done)(void);
	const struct vnodeopv_desc * const *vfs_opv_descs;
	int	vfs_refcount;		/* mounts of this type */
	int	vfs_flags;		/* VFS_* below, the VFS's own */
	LIST_ENTRY(vfsops) vfs_list;
};

/* vfs_flags. */
#define	VFS_DETACHWANT	0x0001	/* detach when the last mount goes */

#define	VFS_MOUNT(MP, PATH, DATA, DATA_LEN) \
	(*(MP)->mnt_op->vfs_mount)(MP, PATH, DATA, DATA_LEN)
#define	VFS_START(MP, F)	(*(MP)->mnt_op->vfs_start)(MP, F)
#define	VFS_UNMOUNT(MP, F)	(*(MP)->mnt_op->vfs_unmount)(MP, F)
#define	VFS_ROOT(MP, LK, VPP)	(*(MP)->mnt_op->vfs_root)(MP, LK, VPP)
#define	VFS_STATVFS(MP, SBP)	(*(MP)->mnt_op->vfs_statvfs)(MP, SBP)
#define	VFS_SYNC(MP, W, C)	(*(MP)->mnt_op->vfs_sync)(MP, W, C)
#define	VFS_LOADVNODE(MP, VP, KEY, KEYLEN, NEWKEY) \
	(*(MP)->mnt_op->vfs_loadvnode)(MP, VP, KEY, KEYLEN, NEWKEY)

/* The mount list, in mount order. */
TAILQ_HEAD(mntlist, mount);
extern struct mntlist	mountlist;

/*
 * Make a file system type known, building its vnode operation vectors
 * and adding its name to vfs.generic.fstypes.  Returns 0 or EEXIST.
 */
int	vfs_attach(struct vfsops *);
/*
 * Forget a type.  EBUSY while it is mounted: it is then forgotten when
 * its last mount is unmounted.
 */
int	vfs_detach(struct vfsops *);
struct vfsops	*vfs_getopsbyname(const char *);

/* Mount a file system of type ops on directory vp (referenced). */
int	mount_domount(struct lwp *, struct vnode **, struct vfsops *,
	    const char *, int, void *, size_t *);
/* Unmount; EBUSY if a vnode of it is in use (unless MNT_FORCE). */
int	dounmount(struct mount *, int, struct lwp *);
/* Reclaim every vnode of mp; EBUSY if one is referenced, unless forced. */
int	vflush(struct mount *, struct vnode *, int);
#define	FORCECLOSE	0x0002		/* vflush: close active files */

/* Fill the generic part of a statvfs and copy the rest from mp. */
int	dostatvfs(struct mount *, struct statvfs *, struct lwp *, int, int);
void	copy_statvfs_info(struct statvfs *, const struct mount *);
int	set_statvfs_info(const char *, int, const char *, int, const char *,
	    struct mount *, struct lwp *);
/* A new file system id for mp. */
void	vfs_getnewfsid(struct mount *);
int	vfs_stdsync(struct mount *, int, kauth_cred_t);
#endif /* _KERNEL */

#endif /* !_SYS_MOUNT_H_ */
