/*
 * File control: open(2) flags and fcntl(2) commands, NetBSD values
 * (the system call ABI).  Exported to host programs as RUMP_O_* etc.
 */
#ifndef _SYS_FCNTL_H_
#define _SYS_FCNTL_H_

#include <sys/types.h>

#define	O_RDONLY	0x00000000	/* open for reading only */
#define	O_WRONLY	0x00000001	/* open for writing only */
#define	O_RDWR		0x00000002	/* open for reading and writing */
#define	O_ACCMODE	0x00000003	/* mask for above modes */
#define	O_NONBLOCK	0x00000004	/* no delay */
#define	O_APPEND	0x00000008	/* set append mode */
#define	O_SHLOCK	0x00000010	/* open with shared file lock */
#define	O_EXLOCK	0x00000020	/* open with exclusive file lock */
#define	O_ASYNC		0x00000040	/* signal pgrp when data ready */
#define	O_SYNC		0x00000080	/* synchronous writes */
#define	O_NOFOLLOW	0x00000100	/* don't follow symlinks on the last */
#define	O_CREAT		0x00000200	/* create if nonexistent */
#define	O_TRUNC		0x00000400	/* truncate to zero length */
#define	O_EXCL		0x00000800	/* error if already exists */
#define	O_NOCTTY	0x00008000	/* don't assign controlling terminal */
#define	O_DSYNC		0x00010000	/* write: I/O data completion */
#define	O_RSYNC		0x00020000	/* read: I/O completion as for write */
#define	O_DIRECT	0x00080000	/* direct I/O hint */
#define	O_DIRECTORY	0x00200000	/* fail if not a directory */
#define	O_CLOEXEC	0x00400000	/* set close on exec */
#define	O_SEARCH	0x00800000	/* skip search permission checks */
#define	O_NOSIGPIPE	0x01000000	/* don't deliver sigpipe */
#define	O_REGULAR	0x02000000	/* fail if not a regular file */

#ifdef _KERNEL
/* The kernel's file flags: FREAD/FWRITE are O_RDONLY/O_WRONLY plus one. */
#define	FREAD		0x00000001
#define	FWRITE		0x00000002
#define	FNONBLOCK	O_NONBLOCK
#define	FAPPEND		O_APPEND
#define	FASYNC		O_ASYNC
#define	FFSYNC		O_SYNC
#define	FDSYNC		O_DSYNC
#define	FRSYNC		O_RSYNC
#define	FDIRECT		O_DIRECT
#define	FNOSIGPIPE	O_NOSIGPIPE
#define	FFLAGS(oflags)	((oflags) + 1)
#define	OFLAGS(fflags)	((fflags) - 1)
/* Flags fcntl(F_SETFL) may change. */
#define	FCNTLFLAGS	(FAPPEND|FASYNC|FFSYNC|FNONBLOCK|FDSYNC|FRSYNC|FDIRECT|FNOSIGPIPE)
/* Flags kept in f_flag. */
#define	FMASK		(FREAD|FWRITE|FCNTLFLAGS)
#endif

#define	FD_CLOEXEC	1		/* close-on-exec flag */

#define	F_DUPFD		0		/* duplicate file descriptor */
#define	F_GETFD		1		/* get file descriptor flags */
#define	F_SETFD		2		/* set file descriptor flags */
#define	F_GETFL		3		/* get file status flags */
#define	F_SETFL		4		/* set file status flags */
#define	F_GETOWN	5		/* get SIGIO/SIGURG proc/pgrp */
#define	F_SETOWN	6		/* set SIGIO/SIGURG proc/pgrp */
#define	F_GETLK		7		/* get record locking information */
#define	F_SETLK		8		/* set record locking information */
#define	F_SETLKW	9		/* F_SETLK; wait if blocked */
#define	F_CLOSEM	10		/* close all fds >= to the one given */
#define	F_MAXFD		11		/* return the max open fd */
#define	F_DUPFD_CLOEXEC	12		/* close on exec duplicated fd */

#define	AT_FDCWD		-100	/* use the current directory */
#define	AT_EACCESS		0x100	/* access(2): use the effective ids */
#define	AT_SYMLINK_NOFOLLOW	0x200	/* do not follow symlinks */
#define	AT_SYMLINK_FOLLOW	0x400	/* follow symlinks */
#define	AT_REMOVEDIR		0x800	/* remove a directory, not a file */

#endif /* !_SYS_FCNTL_H_ */
