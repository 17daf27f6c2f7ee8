/*
 * File system statistics: struct statvfs as statvfs1(2), fstatvfs1(2)
 * and getvfsstat(2) return it, NetBSD's layout (before f_mntfromlabel)
 * and flag values.  <rump/rumptypes.h> has the same layout as struct
 * rump_statvfs.
 */
#ifndef _SYS_STATVFS_H_
#define _SYS_STATVFS_H_

#include <sys/types.h>

#define	_VFS_NAMELEN	32
#define	_VFS_MNAMELEN	1024

typedef struct {
	int32_t	__fsid_val[2];
} fsid_t;

struct statvfs {
	unsigned long	f_flag;		/* copy of mount exported flags */
	unsigned long	f_bsize;	/* file system block size */
	unsigned long	f_frsize;	/* fundamental file system block size */
	unsigned long	f_iosize;	/* optimal file system block size */

	fsblkcnt_t	f_blocks;	/* blocks in f_frsize units */
	fsblkcnt_t	f_bfree;	/* free blocks in file system */
	fsblkcnt_t	f_bavail;	/* free blocks avail to non-root */
	fsblkcnt_t	f_bresvd;	/* blocks reserved for root */

	fsfilcnt_t	f_files;	/* total file nodes in file system */
	fsfilcnt_t	f_ffree;	/* free file nodes in file system */
	fsfilcnt_t	f_favail;	/* free file nodes avail to non-root */
	fsfilcnt_t	f_fresvd;	/* file nodes reserved for root */

	uint64_t	f_syncreads;	/* count of sync reads since mount */
	uint64_t	f_syncwrites;	/* count of sync writes since mount */
	uint64_t	f_asyncreads;	/* count of async reads since mount */
	uint64_t	f_asyncwrites;	/* count of async writes since mount */

	fsid_t		f_fsidx;	/* NetBSD compatible fsid */
	unsigned long	f_fsid;		/* POSIX compatible fsid */
	unsigned long	f_namemax;	/* maximum filename length */
	uid_t		f_owner;	/* user that mounted the file system */

	uint64_t	f_spare[4];	/* spare space */

	char	f_fstypename[_VFS_NAMELEN];	/* fs type name */
	char	f_mntonname[_VFS_MNAMELEN];	/* directory on which mounted */
	char	f_mntfromname[_VFS_MNAMELEN];	/* mounted file system */
};

/* f_flag: the MNT_* flags of <sys/mount.h> that are exported. */
#define	ST_RDONLY	0x00000001	/* read only filesystem */
#define	ST_SYNCHRONOUS	0x00000002	/* file system written synchronously */
#define	ST_NOEXEC	0x00000004	/* can't exec from filesystem */
#define	ST_NOSUID	0x00000008	/* don't honor setuid bits on fs */
#define	ST_NODEV	0x00000010	/* don't interpret special files */
#define	ST_ASYNC	0x00000040	/* file system written asynchronously */
#define	ST_LOCAL	0x00001000	/* filesystem is stored locally */
#define	ST_ROOTFS	0x00004000	/* identifies the root filesystem */

/* flags of statvfs1(2) and getvfsstat(2). */
#define	ST_WAIT		1	/* synchronously wait for I/O to complete */
#define	ST_NOWAIT	2	/* start all I/O, but do not wait for it */

#endif /* !_SYS_STATVFS_H_ */
