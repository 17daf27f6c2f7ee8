/*
 * Directory entries as getdents(2) returns them, NetBSD's layout.
 * <rump/rumptypes.h> has the same layout as struct rump_dirent.
 */
#ifndef _SYS_DIRENT_H_
#define _SYS_DIRENT_H_

#include <sys/types.h>

struct dirent {
	ino_t		d_fileno;	/* file number of entry */
	uint16_t	d_reclen;	/* length of this record */
	uint16_t	d_namlen;	/* length of string in d_name */
	uint8_t		d_type;		/* file type, see below */
	char		d_name[511 + 1]; /* name, NUL-terminated */
};

/* File types of d_type. */
#define	DT_UNKNOWN	 0
#define	DT_FIFO		 1
#define	DT_CHR		 2
#define	DT_DIR		 4
#define	DT_BLK		 6
#define	DT_REG		 8
#define	DT_LNK		10
#define	DT_SOCK		12
#define	DT_WHT		14

/*
 * The length of a record holding a name of namlen bytes: the fixed part,
 * the name and its NUL, rounded up to 8 bytes.
 */
#define	_DIRENT_NAMEOFF(dp)	((char *)(void *)&(dp)->d_name - (char *)(void *)(dp))
#define	_DIRENT_RECLEN(dp, namlen)					\
	((_DIRENT_NAMEOFF(dp) + (namlen) + 1 + 7) & ~7)
#define	_DIRENT_SIZE(dp)	_DIRENT_RECLEN((dp), (dp)->d_namlen)
#define	_DIRENT_MINSIZE(dp)	_DIRENT_RECLEN((dp), 0)

/* Conversion between S_IF* types and DT_* types. */
#define	IFTODT(mode)	(((mode) & 0170000) >> 12)
#define	DTTOIF(dirtype)	((dirtype) << 12)

#endif /* !_SYS_DIRENT_H_ */
