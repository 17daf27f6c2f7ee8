/*
 * The kernel structures of the system calls, for host programs: the
 * same layout as the kernel's struct stat, statvfs, iovec, timeval,
 * timespec and dirent (NetBSD's, amd64), under rump_ names so they do
 * not clash with the host's.  <rump/rump_syscalls.h> includes this.
 * test/vfs checks that the layouts match.
 */
#ifndef _RUMP_RUMPTYPES_H_
#define _RUMP_RUMPTYPES_H_

#ifdef _KERNEL
#include <sys/types.h>
#else
#include <stddef.h>
#include <stdint.h>
#endif

struct rump_timespec {
	int64_t		tv_sec;
	long		tv_nsec;
};

struct rump_timeval {
	int64_t		tv_sec;
	int		tv_usec;
};

struct rump_iovec {
	void		*iov_base;
	size_t		 iov_len;
};

struct rump_stat {
	uint64_t	st_dev;
	uint32_t	st_mode;
	uint64_t	st_ino;
	uint32_t	st_nlink;
	uint32_t	st_uid;
	uint32_t	st_gid;
	uint64_t	st_rdev;
	struct rump_timespec st_atimespec;
	struct rump_timespec st_mtimespec;
	struct rump_timespec st_ctimespec;
	struct rump_timespec st_birthtimespec;
	int64_t		st_size;
	int64_t		st_blocks;
	int32_t		st_blksize;
	uint32_t	st_flags;
	uint32_t	st_gen;
	uint32_t	st_spare[2];
};

#define	RUMP_VFS_NAMELEN	32
#define	RUMP_VFS_MNAMELEN	1024

struct rump_statvfs {
	unsigned long	f_flag;
	unsigned long	f_bsize;
	unsigned long	f_frsize;
	unsigned long	f_iosize;
	uint64_t	f_blocks;
	uint64_t	f_bfree;
	uint64_t	f_bavail;
	uint64_t	f_bresvd;
	uint64_t	f_files;
	uint64_t	f_ffree;
	uint64_t	f_favail;
	uint64_t	f_fresvd;
	uint64_t	f_syncreads;
	uint64_t	f_syncwrites;
	uint64_t	f_asyncreads;
	uint64_t	f_asyncwrites;
	struct {
		int32_t	__fsid_val[2];
	}		f_fsidx;
	unsigned long	f_fsid;
	unsigned long	f_namemax;
	uint32_t	f_owner;
	uint64_t	f_spare[4];
	char		f_fstypename[RUMP_VFS_NAMELEN];
	char		f_mntonname[RUMP_VFS_MNAMELEN];
	char		f_mntfromname[RUMP_VFS_MNAMELEN];
};

struct rump_dirent {
	uint64_t	d_fileno;
	uint16_t	d_reclen;
	uint16_t	d_namlen;
	uint8_t		d_type;
	char		d_name[512];
};

#endif /* !_RUMP_RUMPTYPES_H_ */
