/*
 * Interfaces between the files of librumpvfs; not for file systems.
 */
#ifndef _VFS_PRIVATE_H_
#define _VFS_PRIVATE_H_

#include <sys/types.h>
#include <sys/uio.h>

struct mount;
struct vnode;
struct vfsops;
struct lwp;
struct file;
struct nameidata;

void	vcache_init(void);
void	vfs_dead_init(void);
void	vrevoke_dead(struct vnode *);
extern bool vfs_dying;
void	vfs_teardown(void);
void	vfs_detach_now(struct vfsops *);
void	vfs_opv_free(const struct vfsops *);

/* The root file system (rumpfs.c). */
extern struct vfsops rumpfs_vfsops;
int	vfs_mountroot(void);

/* The file of a descriptor that must be a vnode: EBADF otherwise. */
int	fd_getvnode(unsigned, struct file **);

/* The cwd and root directory of the current process, referenced. */
struct vnode	*vfs_curcwd(void);
struct vnode	*vfs_curroot(void);
mode_t		 vfs_curumask(void);

/* Time stamps (now) for file systems. */
void	vfs_timestamp(struct timespec *);

#endif /* !_VFS_PRIVATE_H_ */
