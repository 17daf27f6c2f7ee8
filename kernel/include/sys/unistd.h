/*
 * access(2) modes and lseek(2) whence values, NetBSD's.
 */
#ifndef _SYS_UNISTD_H_
#define _SYS_UNISTD_H_

#define	F_OK		0	/* test for existence of file */
#define	X_OK		0x01	/* test for execute or search permission */
#define	W_OK		0x02	/* test for write permission */
#define	R_OK		0x04	/* test for read permission */

#define	SEEK_SET	0	/* set file offset to offset */
#define	SEEK_CUR	1	/* set file offset to current plus offset */
#define	SEEK_END	2	/* set file offset to EOF plus offset */

#endif /* !_SYS_UNISTD_H_ */
