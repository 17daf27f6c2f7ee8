/*
 * tmpfs: an efficient memory file system.  Structures and interfaces
 * shared by tmpfs_vfsops.c (mounting), tmpfs_vnops.c (vnode operations)
 * and tmpfs_subr.c (nodes, directory entries, file data).
 *
 * Every file is a struct tmpfs_node; a directory holds a list of struct
 * tmpfs_dirent naming its children, in creation order (for readdir) and
 * hashed by name (for lookup).  Regular file data lives in pages
 * (PAGE_SIZE bytes, allocated on first write, found through a radix
 * tree; a missing page is a hole that reads as zeros).  The mount
 * limits the pages (size) and nodes.
 *
 * Locking: the VFS lock (sys/vnode.h) covers all of it.
 */
#ifndef _FS_TMPFS_TMPFS_H_
#define _FS_TMPFS_TMPFS_H_

#include <sys/types.h>
#include <sys/queue.h>
#include <sys/time.h>
#include <sys/vnode.h>

#include "tmpfs_args.h"

#define	TMPFS_MAXNAMLEN		255	/* longest name in a directory */
#define	TMPFS_PAGE_SIZE		PAGE_SIZE
/* Default size limit when the mount does not give one. XXX host memory. */
#define	TMPFS_DEFAULT_SIZE	(4ULL * 1024 * 1024 * 1024)

/* The page tree of a regular file: 64 pointers per level. */
#define	TMPFS_RADIX_SHIFT	6
#define	TMPFS_RADIX_FANOUT	(1 << TMPFS_RADIX_SHIFT)

/* Directory cookies of "." and ".."; entries start after them. */
#define	TMPFS_DIRCOOKIE_DOT	0
#define	TMPFS_DIRCOOKIE_DOTDOT	1
#define	TMPFS_DIRCOOKIE_FIRST	2

struct tmpfs_node;

/* A name in a directory. */
struct tmpfs_dirent {
	TAILQ_ENTRY(tmpfs_dirent) td_entries;	/* in the directory, by cookie */
	LIST_ENTRY(tmpfs_dirent) td_hash;	/* in the directory's name hash */
	uint32_t		 td_hashval;	/* hash of the name */
	struct tmpfs_node	*td_node;	/* the file it names */
	off_t			 td_cookie;	/* readdir position, increasing */
	uint16_t		 td_namelen;
	char			*td_name;	/* not NUL-terminated */
};

TAILQ_HEAD(tmpfs_dir, tmpfs_dirent);
LIST_HEAD(tmpfs_dhead, tmpfs_dirent);

/* A directory's name hash has 16 buckets at first, doubled as it fills. */
#define	TMPFS_DIRHASH_MIN	16

struct tmpfs_node {
	LIST_ENTRY(tmpfs_node)	 tn_entries;	/* all nodes of the mount */
	enum vtype		 tn_type;
	ino_t			 tn_id;		/* file id (st_ino) */
	struct vnode		*tn_vnode;	/* its vnode, NULL if none */
	nlink_t			 tn_links;	/* names (dirs: + "." + subdirs' "..") */
	mode_t			 tn_mode;	/* permission bits */
	uid_t			 tn_uid;
	gid_t			 tn_gid;
	off_t			 tn_size;	/* bytes of data or link target */
	struct timespec		 tn_atime;
	struct timespec		 tn_mtime;
	struct timespec		 tn_ctime;
	struct timespec		 tn_birthtime;
	union {
		struct {	/* VDIR */
			struct tmpfs_node	*tn_parent;
			struct tmpfs_dir	 tn_dir;
			off_t			 tn_nextcookie;
			u_int			 tn_nentries;
			/* Entries by name: tn_hashsize buckets (0: none yet). */
			struct tmpfs_dhead	*tn_hash;
			u_int			 tn_hashsize;
			/*
			 * Where the last readdir stopped: the next entry
			 * and the offset it gave to continue there.
			 */
			struct tmpfs_dirent	*tn_readdir_last;
			off_t			 tn_readdir_lastoff;
		} tn_dir;
		struct {	/* VLNK */
			char			*tn_link;
		} tn_lnk;
		struct {	/* VREG */
			/*
			 * The pages, in a radix tree of tn_height levels of
			 * TMPFS_RADIX_FANOUT pointers (height 0: tn_pages is
			 * page 0 itself), so a sparse file costs only what
			 * it holds.
			 */
			void			*tn_pages;
			u_int			 tn_height;
			size_t			 tn_resident; /* pages present */
		} tn_reg;
	} tn_spec;
};

struct tmpfs_mount {
	uint64_t		 tm_mem_limit;	/* most pages of data, in bytes */
	uint64_t		 tm_pages_used;	/* data pages allocated */
	ino_t			 tm_nodes_max;	/* most nodes */
	ino_t			 tm_nodes_cnt;	/* nodes in use */
	ino_t			 tm_nextid;	/* next file id */
	struct tmpfs_node	*tm_root;
	LIST_HEAD(, tmpfs_node)	 tm_nodes;
};

#define	VFS_TO_TMPFS(mp)	((struct tmpfs_mount *)(mp)->mnt_data)
#define	VP_TO_TMPFS_NODE(vp)	((struct tmpfs_node *)(vp)->v_data)
#define	VP_TO_TMPFS_DIR(vp)	(&VP_TO_TMPFS_NODE(vp)->tn_spec.tn_dir)

/* Update flags of tmpfs_update. */
#define	TMPFS_UPDATE_ATIME	0x01
#define	TMPFS_UPDATE_MTIME	0x02
#define	TMPFS_UPDATE_CTIME	0x04

extern int (**tmpfs_vnodeop_p)(void *);
extern struct vfsops tmpfs_vfsops;

/* tmpfs_subr.c */
int	tmpfs_alloc_node(struct tmpfs_mount *, enum vtype, uid_t, gid_t,
	    mode_t, const char *, struct tmpfs_node **);
void	tmpfs_free_node(struct tmpfs_mount *, struct tmpfs_node *);
int	tmpfs_construct_node(struct vnode *, struct vnode **, struct vattr *,
	    struct componentname *, char *);
int	tmpfs_vnode_get(struct mount *, struct tmpfs_node *,
	    struct vnode **);
int	tmpfs_alloc_dirent(struct tmpfs_mount *, const char *, uint16_t,
	    struct tmpfs_dirent **);
void	tmpfs_free_dirent(struct tmpfs_mount *, struct tmpfs_dirent *);
void	tmpfs_dir_attach(struct tmpfs_node *, struct tmpfs_dirent *,
	    struct tmpfs_node *);
void	tmpfs_dir_detach(struct tmpfs_node *, struct tmpfs_dirent *);
struct tmpfs_dirent *tmpfs_dir_lookup(struct tmpfs_node *,
	    struct componentname *);
int	tmpfs_dir_getdents(struct tmpfs_node *, struct uio *, int *);
int	tmpfs_reg_resize(struct vnode *, off_t);
void	tmpfs_reg_free_from(struct tmpfs_mount *, struct tmpfs_node *,
	    uint64_t);
int	tmpfs_reg_read(struct tmpfs_node *, struct uio *);
int	tmpfs_reg_write(struct tmpfs_mount *, struct tmpfs_node *,
	    struct uio *);
void	tmpfs_update(struct tmpfs_node *, u_int);
int	tmpfs_chmod(struct vnode *, mode_t, kauth_cred_t);
int	tmpfs_chown(struct vnode *, uid_t, gid_t, kauth_cred_t);
int	tmpfs_chtimes(struct vnode *, const struct timespec *,
	    const struct timespec *, int, kauth_cred_t);

/* tmpfs_vnops.c */
int	tmpfs_lookup(void *);
int	tmpfs_create(void *);
int	tmpfs_open(void *);
int	tmpfs_close(void *);
int	tmpfs_access(void *);
int	tmpfs_getattr(void *);
int	tmpfs_setattr(void *);
int	tmpfs_read(void *);
int	tmpfs_write(void *);
int	tmpfs_fsync(void *);
int	tmpfs_remove(void *);
int	tmpfs_link(void *);
int	tmpfs_rename(void *);
int	tmpfs_mkdir(void *);
int	tmpfs_rmdir(void *);
int	tmpfs_symlink(void *);
int	tmpfs_readdir(void *);
int	tmpfs_readlink(void *);
int	tmpfs_inactive(void *);
int	tmpfs_reclaim(void *);
int	tmpfs_pathconf(void *);

#endif /* !_FS_TMPFS_TMPFS_H_ */
