/*
 * kauth(9): credentials and authorisation.  The model is simple: the
 * superuser (effective uid 0) may do anything; others are judged by the
 * caller's own decision (e.g. a file system's permission bits).
 */
#ifndef _SYS_KAUTH_H_
#define _SYS_KAUTH_H_

#include <sys/types.h>

struct kauth_cred;
typedef struct kauth_cred	*kauth_cred_t;
typedef int			 kauth_action_t;

#define	NOCRED	((kauth_cred_t)-1)	/* no credential available */
#define	FSCRED	((kauth_cred_t)-2)	/* file system credential */

/* The credentials of the current lwp. */
kauth_cred_t	kauth_cred_get(void);
uid_t	kauth_cred_getuid(kauth_cred_t);
uid_t	kauth_cred_geteuid(kauth_cred_t);
uid_t	kauth_cred_getsvuid(kauth_cred_t);
gid_t	kauth_cred_getgid(kauth_cred_t);
gid_t	kauth_cred_getegid(kauth_cred_t);
gid_t	kauth_cred_getsvgid(kauth_cred_t);
void	kauth_cred_setuid(kauth_cred_t, uid_t);
void	kauth_cred_seteuid(kauth_cred_t, uid_t);
void	kauth_cred_setsvuid(kauth_cred_t, uid_t);
void	kauth_cred_setgid(kauth_cred_t, gid_t);
void	kauth_cred_setegid(kauth_cred_t, gid_t);
void	kauth_cred_setsvgid(kauth_cred_t, gid_t);
u_int	kauth_cred_ngroups(kauth_cred_t);
/* Set the supplementary groups (at most NGROUPS); 0 or EINVAL. */
int	kauth_cred_setgroups(kauth_cred_t, const gid_t *, u_int);
gid_t	kauth_cred_group(kauth_cred_t, u_int);
/* Sets *resultp to 1 if gid is the egid or a supplementary group. */
int	kauth_cred_ismember_gid(kauth_cred_t, gid_t, int *resultp);

kauth_cred_t	kauth_cred_alloc(void);		/* root, one reference */
kauth_cred_t	kauth_cred_dup(kauth_cred_t);
void		kauth_cred_hold(kauth_cred_t);
void		kauth_cred_free(kauth_cred_t);
int		kauth_cred_uidmatch(kauth_cred_t, kauth_cred_t);

/* Generic scope. */
#define	KAUTH_GENERIC_ISSUSER		1
int	kauth_authorize_generic(kauth_cred_t, kauth_action_t, void *);

/* System scope: mount, reboot, sysctl writes, time, ... */
#define	KAUTH_SYSTEM_MOUNT		1
#define	KAUTH_SYSTEM_REBOOT		2
#define	KAUTH_SYSTEM_SYSCTL		3
#define	KAUTH_SYSTEM_TIME		4
#define	KAUTH_SYSTEM_CHSYSFLAGS		5
#define	KAUTH_SYSTEM_FS_RESERVEDSPACE	6
#define	KAUTH_SYSTEM_SETIDCORE		7
#define	KAUTH_SYSTEM_MODULE		8
#define	KAUTH_SYSTEM_FILEHANDLE		9
#define	KAUTH_REQ_SYSTEM_MOUNT_GET	1
#define	KAUTH_REQ_SYSTEM_MOUNT_NEW	2
#define	KAUTH_REQ_SYSTEM_MOUNT_UNMOUNT	3
#define	KAUTH_REQ_SYSTEM_MOUNT_UPDATE	4
int	kauth_authorize_system(kauth_cred_t, kauth_action_t, int req,
	    void *, void *, void *);

/* Process scope. */
#define	KAUTH_PROCESS_SETID		1
#define	KAUTH_PROCESS_CANSEE		2
int	kauth_authorize_process(kauth_cred_t, kauth_action_t, struct proc *,
	    void *, void *, void *);

/*
 * Vnode scope: fs_decision is the file system's own answer (0 or an
 * errno, e.g. from its permission bits); the superuser overrides it.
 */
#define	KAUTH_VNODE_READ_DATA		(1U << 0)
#define	KAUTH_VNODE_LIST_DIRECTORY	KAUTH_VNODE_READ_DATA
#define	KAUTH_VNODE_WRITE_DATA		(1U << 1)
#define	KAUTH_VNODE_ADD_FILE		KAUTH_VNODE_WRITE_DATA
#define	KAUTH_VNODE_EXECUTE		(1U << 2)
#define	KAUTH_VNODE_SEARCH		KAUTH_VNODE_EXECUTE
#define	KAUTH_VNODE_DELETE		(1U << 3)
#define	KAUTH_VNODE_APPEND_DATA		(1U << 4)
#define	KAUTH_VNODE_ADD_SUBDIRECTORY	KAUTH_VNODE_APPEND_DATA
#define	KAUTH_VNODE_READ_TIMES		(1U << 5)
#define	KAUTH_VNODE_WRITE_TIMES		(1U << 6)
#define	KAUTH_VNODE_READ_FLAGS		(1U << 7)
#define	KAUTH_VNODE_WRITE_FLAGS		(1U << 8)
#define	KAUTH_VNODE_READ_SYSFLAGS	(1U << 9)
#define	KAUTH_VNODE_WRITE_SYSFLAGS	(1U << 10)
#define	KAUTH_VNODE_RENAME		(1U << 11)
#define	KAUTH_VNODE_CHANGE_OWNERSHIP	(1U << 12)
#define	KAUTH_VNODE_READ_SECURITY	(1U << 13)
#define	KAUTH_VNODE_WRITE_SECURITY	(1U << 14)
#define	KAUTH_VNODE_READ_ATTRIBUTES	(1U << 15)
#define	KAUTH_VNODE_WRITE_ATTRIBUTES	(1U << 16)
#define	KAUTH_VNODE_READ_EXTATTRIBUTES	(1U << 17)
#define	KAUTH_VNODE_WRITE_EXTATTRIBUTES	(1U << 18)
#define	KAUTH_VNODE_RETAIN_SUID		(1U << 19)
#define	KAUTH_VNODE_RETAIN_SGID		(1U << 20)
#define	KAUTH_VNODE_REVOKE		(1U << 21)
#define	KAUTH_VNODE_IS_EXEC		(1U << 26)
#define	KAUTH_VNODE_HAS_SYSFLAGS	(1U << 27)
#define	KAUTH_VNODE_ACCESS		(1U << 31)
int	kauth_authorize_vnode(kauth_cred_t, kauth_action_t, struct vnode *,
	    struct vnode *, int fs_decision);

#endif /* !_SYS_KAUTH_H_ */
