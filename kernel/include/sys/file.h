/*
 * Open files.  A struct file is what a descriptor refers to: its
 * operations (f_ops) and their object (f_data, e.g. a vnode), the offset
 * and the open flags.  Files are reference counted; the last closef()
 * calls fo_close.
 */
#ifndef _SYS_FILE_H_
#define _SYS_FILE_H_

#include <sys/types.h>
#include <sys/fcntl.h>
#include <sys/unistd.h>
#include <sys/queue.h>
#include <sys/mutex.h>
#include <sys/kauth.h>

struct stat;
struct uio;

/* Flag for fo_read/fo_write: use and update f_offset. */
#define	FOF_UPDATE_OFFSET	0x0001

struct fileops {
	const char *fo_name;
	int	(*fo_read)(struct file *, off_t *, struct uio *, kauth_cred_t, int);
	int	(*fo_write)(struct file *, off_t *, struct uio *, kauth_cred_t, int);
	int	(*fo_ioctl)(struct file *, u_long, void *);
	int	(*fo_fcntl)(struct file *, u_int, void *);
	int	(*fo_poll)(struct file *, int);
	int	(*fo_stat)(struct file *, struct stat *);
	int	(*fo_close)(struct file *);
	/* Optional: compute a new offset (lseek); NULL means ESPIPE. */
	int	(*fo_seek)(struct file *, off_t, int, off_t *, int);
};

struct file {
	kmutex_t	 f_lock;	/* protects f_offset, f_flag, f_count */
	off_t		 f_offset;	/* current offset */
	kauth_cred_t	 f_cred;	/* credentials of who opened it */
	const struct fileops *f_ops;	/* operations */
	union {
		void		*fd_data;	/* object of f_ops */
		struct vnode	*fd_vp;		/* DTYPE_VNODE */
	} f_undata;
	int		 f_flag;	/* FREAD, FWRITE, FAPPEND, ... */
	int		 f_type;	/* DTYPE_* */
	u_int		 f_count;	/* references (descriptors, users) */
	LIST_ENTRY(file) f_list;	/* in filehead */
};
#define	f_data	f_undata.fd_data
#define	f_vnode	f_undata.fd_vp

#define	DTYPE_VNODE	1	/* file */
#define	DTYPE_SOCKET	2	/* communications endpoint */
#define	DTYPE_PIPE	3	/* pipe */
#define	DTYPE_KQUEUE	4	/* event queue */
#define	DTYPE_MISC	5	/* misc file descriptor type */
#define	DTYPE_CRYPTO	6	/* crypto */
#define	DTYPE_MQUEUE	7	/* message queue */
#define	DTYPE_SEM	8	/* semaphore */

extern u_int	nfiles;		/* open files in the system */

/* Take another reference on fp. */
void	file_hold(file_t *);
/* Drop a reference; the last one calls fo_close and frees fp. Returns its error. */
int	closef(file_t *);

#endif /* !_SYS_FILE_H_ */
