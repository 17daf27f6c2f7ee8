/*
 * File status: struct stat as stat(2) returns it and the file type and
 * permission bits of st_mode, NetBSD's layout and values (the system
 * call ABI).  <rump/rumptypes.h> has the same layout as struct rump_stat.
 */
#ifndef _SYS_STAT_H_
#define _SYS_STAT_H_

#include <sys/types.h>
#include <sys/time.h>

struct stat {
	dev_t		st_dev;		/* inode's device */
	mode_t		st_mode;	/* inode protection mode */
	ino_t		st_ino;		/* inode's number */
	nlink_t		st_nlink;	/* number of hard links */
	uid_t		st_uid;		/* user ID of the file's owner */
	gid_t		st_gid;		/* group ID of the file's group */
	dev_t		st_rdev;	/* device type */
	struct timespec	st_atimespec;	/* time of last access */
	struct timespec	st_mtimespec;	/* time of last data modification */
	struct timespec	st_ctimespec;	/* time of last file status change */
	struct timespec	st_birthtimespec; /* time of creation */
	off_t		st_size;	/* file size, in bytes */
	blkcnt_t	st_blocks;	/* blocks allocated for file */
	blksize_t	st_blksize;	/* optimal blocksize for I/O */
	uint32_t	st_flags;	/* user defined flags for file */
	uint32_t	st_gen;		/* file generation number */
	uint32_t	st_spare[2];
};

#define	st_atime	st_atimespec.tv_sec
#define	st_mtime	st_mtimespec.tv_sec
#define	st_ctime	st_ctimespec.tv_sec
#define	st_birthtime	st_birthtimespec.tv_sec

#define	S_ISUID	0004000			/* set user id on execution */
#define	S_ISGID	0002000			/* set group id on execution */
#define	S_ISTXT	0001000			/* sticky bit */
#define	S_ISVTX	S_ISTXT

#define	S_IRWXU	0000700			/* RWX mask for owner */
#define	S_IRUSR	0000400			/* R for owner */
#define	S_IWUSR	0000200			/* W for owner */
#define	S_IXUSR	0000100			/* X for owner */
#define	S_IRWXG	0000070			/* RWX mask for group */
#define	S_IRGRP	0000040			/* R for group */
#define	S_IWGRP	0000020			/* W for group */
#define	S_IXGRP	0000010			/* X for group */
#define	S_IRWXO	0000007			/* RWX mask for other */
#define	S_IROTH	0000004			/* R for other */
#define	S_IWOTH	0000002			/* W for other */
#define	S_IXOTH	0000001			/* X for other */

#define	S_IFMT	 0170000		/* type of file mask */
#define	S_IFIFO	 0010000		/* named pipe (fifo) */
#define	S_IFCHR	 0020000		/* character special */
#define	S_IFDIR	 0040000		/* directory */
#define	S_IFBLK	 0060000		/* block special */
#define	S_IFREG	 0100000		/* regular */
#define	S_IFLNK	 0120000		/* symbolic link */
#define	S_IFSOCK 0140000		/* socket */
#define	S_IFWHT	 0160000		/* whiteout */

#define	S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define	S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define	S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define	S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define	S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define	S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define	S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)

#define	ACCESSPERMS	(S_IRWXU|S_IRWXG|S_IRWXO)	/* 0777 */
#define	ALLPERMS	(S_ISUID|S_ISGID|S_ISTXT|S_IRWXU|S_IRWXG|S_IRWXO)
#define	DEFFILEMODE	(S_IRUSR|S_IWUSR|S_IRGRP|S_IWGRP|S_IROTH|S_IWOTH)

#define	S_BLKSIZE	512		/* block size used in the stat struct */

/* Special tv_nsec values of utimensat(2), as NetBSD has them here too. */
#ifndef UTIME_NOW
#define	UTIME_NOW	((1 << 30) - 1)
#define	UTIME_OMIT	((1 << 30) - 2)
#endif

#endif /* !_SYS_STAT_H_ */
