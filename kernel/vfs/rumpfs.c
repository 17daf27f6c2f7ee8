/*
 * rumpfs: the root file system of a rump kernel, in memory.  It is
 * mounted on "/" when librumpvfs initialises and holds the mount points
 * of other file systems (mkdir /mnt; mount_tmpfs swap /mnt).
 *
 * XXX rumpfs is tmpfs's code (components/fs/tmpfs) with the mount
 * arguments taken out, because librumpvfs cannot depend on
 * librumpfs_tmpfs.  This file is made from tmpfs's sources by
 * test/vfs/rumpfs-gen.ts; after changing tmpfs, remake it with
 * RUMPFS_UPDATE=1 npx vitest run test/vfs/rumpfs.test.ts
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/dirent.h>
#include <sys/fcntl.h>
#include <sys/kauth.h>
#include <sys/kmem.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/proc.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/unistd.h>
#include <sys/vnode.h>
#include <sys/vnode_if.h>

#include "vfs_private.h"

#define	RUMPFS_MAXNAMLEN		255	/* longest name in a directory */
#define	RUMPFS_PAGE_SIZE		PAGE_SIZE

/* The page tree of a regular file: 64 pointers per level. */
#define	RUMPFS_RADIX_SHIFT	6
#define	RUMPFS_RADIX_FANOUT	(1 << RUMPFS_RADIX_SHIFT)

/* Directory cookies of "." and ".."; entries start after them. */
#define	RUMPFS_DIRCOOKIE_DOT	0
#define	RUMPFS_DIRCOOKIE_DOTDOT	1
#define	RUMPFS_DIRCOOKIE_FIRST	2

struct rumpfs_node;

/* A name in a directory. */
struct rumpfs_dirent {
	TAILQ_ENTRY(rumpfs_dirent) td_entries;	/* in the directory, by cookie */
	LIST_ENTRY(rumpfs_dirent) td_hash;	/* in the directory's name hash */
	uint32_t		 td_hashval;	/* hash of the name */
	struct rumpfs_node	*td_node;	/* the file it names */
	off_t			 td_cookie;	/* readdir position, increasing */
	uint16_t		 td_namelen;
	char			*td_name;	/* not NUL-terminated */
};

TAILQ_HEAD(rumpfs_dir, rumpfs_dirent);
LIST_HEAD(rumpfs_dhead, rumpfs_dirent);

/* A directory's name hash has 16 buckets at first, doubled as it fills. */
#define	RUMPFS_DIRHASH_MIN	16

struct rumpfs_node {
	LIST_ENTRY(rumpfs_node)	 tn_entries;	/* all nodes of the mount */
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
			struct rumpfs_node	*tn_parent;
			struct rumpfs_dir	 tn_dir;
			off_t			 tn_nextcookie;
			u_int			 tn_nentries;
			/* Entries by name: tn_hashsize buckets (0: none yet). */
			struct rumpfs_dhead	*tn_hash;
			u_int			 tn_hashsize;
			/*
			 * Where the last readdir stopped: the next entry
			 * and the offset it gave to continue there.
			 */
			struct rumpfs_dirent	*tn_readdir_last;
			off_t			 tn_readdir_lastoff;
		} tn_dir;
		struct {	/* VLNK */
			char			*tn_link;
		} tn_lnk;
		struct {	/* VREG */
			/*
			 * The pages, in a radix tree of tn_height levels of
			 * RUMPFS_RADIX_FANOUT pointers (height 0: tn_pages is
			 * page 0 itself), so a sparse file costs only what
			 * it holds.
			 */
			void			*tn_pages;
			u_int			 tn_height;
			size_t			 tn_resident; /* pages present */
		} tn_reg;
	} tn_spec;
};

struct rumpfs_mount {
	uint64_t		 tm_mem_limit;	/* most pages of data, in bytes */
	uint64_t		 tm_pages_used;	/* data pages allocated */
	ino_t			 tm_nodes_max;	/* most nodes */
	ino_t			 tm_nodes_cnt;	/* nodes in use */
	ino_t			 tm_nextid;	/* next file id */
	struct rumpfs_node	*tm_root;
	LIST_HEAD(, rumpfs_node)	 tm_nodes;
};

#define	VFS_TO_RUMPFS(mp)	((struct rumpfs_mount *)(mp)->mnt_data)
#define	VP_TO_RUMPFS_NODE(vp)	((struct rumpfs_node *)(vp)->v_data)
#define	VP_TO_RUMPFS_DIR(vp)	(&VP_TO_RUMPFS_NODE(vp)->tn_spec.tn_dir)

/* Update flags of rumpfs_update. */
#define	RUMPFS_UPDATE_ATIME	0x01
#define	RUMPFS_UPDATE_MTIME	0x02
#define	RUMPFS_UPDATE_CTIME	0x04

static int (**rumpfs_vnodeop_p)(void *);

static int rumpfs_alloc_node(struct rumpfs_mount *, enum vtype, uid_t, gid_t,
	    mode_t, const char *, struct rumpfs_node **);
static void rumpfs_free_node(struct rumpfs_mount *, struct rumpfs_node *);
static int rumpfs_construct_node(struct vnode *, struct vnode **, struct vattr *,
	    struct componentname *, char *);
static int rumpfs_vnode_get(struct mount *, struct rumpfs_node *,
	    struct vnode **);
static int rumpfs_alloc_dirent(struct rumpfs_mount *, const char *, uint16_t,
	    struct rumpfs_dirent **);
static void rumpfs_free_dirent(struct rumpfs_mount *, struct rumpfs_dirent *);
static void rumpfs_dir_attach(struct rumpfs_node *, struct rumpfs_dirent *,
	    struct rumpfs_node *);
static void rumpfs_dir_detach(struct rumpfs_node *, struct rumpfs_dirent *);
static struct rumpfs_dirent *rumpfs_dir_lookup(struct rumpfs_node *,
	    struct componentname *);
static int rumpfs_dir_getdents(struct rumpfs_node *, struct uio *, int *);
static int rumpfs_reg_resize(struct vnode *, off_t);
static void rumpfs_reg_free_from(struct rumpfs_mount *, struct rumpfs_node *,
	    uint64_t);
static int rumpfs_reg_read(struct rumpfs_node *, struct uio *);
static int rumpfs_reg_write(struct rumpfs_mount *, struct rumpfs_node *,
	    struct uio *);
static void rumpfs_update(struct rumpfs_node *, u_int);
static int rumpfs_chmod(struct vnode *, mode_t, kauth_cred_t);
static int rumpfs_chown(struct vnode *, uid_t, gid_t, kauth_cred_t);
static int rumpfs_chtimes(struct vnode *, const struct timespec *,
	    const struct timespec *, int, kauth_cred_t);

static int rumpfs_lookup(void *);
static int rumpfs_create(void *);
static int rumpfs_open(void *);
static int rumpfs_close(void *);
static int rumpfs_access(void *);
static int rumpfs_getattr(void *);
static int rumpfs_setattr(void *);
static int rumpfs_read(void *);
static int rumpfs_write(void *);
static int rumpfs_fsync(void *);
static int rumpfs_remove(void *);
static int rumpfs_link(void *);
static int rumpfs_rename(void *);
static int rumpfs_mkdir(void *);
static int rumpfs_rmdir(void *);
static int rumpfs_symlink(void *);
static int rumpfs_readdir(void *);
static int rumpfs_readlink(void *);
static int rumpfs_inactive(void *);
static int rumpfs_reclaim(void *);
static int rumpfs_pathconf(void *);


static const char rumpfs_zeropage[RUMPFS_PAGE_SIZE];

/* Set the times flags names to now. */
static void
rumpfs_update(struct rumpfs_node *node, u_int flags)
{
	struct timespec now;

	nanotime(&now);
	if (flags & RUMPFS_UPDATE_ATIME)
		node->tn_atime = now;
	if (flags & RUMPFS_UPDATE_MTIME)
		node->tn_mtime = now;
	if (flags & RUMPFS_UPDATE_CTIME)
		node->tn_ctime = now;
}

/*
 * Allocate a node of type with the given owner and mode; a symlink
 * gets a copy of target.  ENOSPC when the mount has its most nodes.
 */
static int
rumpfs_alloc_node(struct rumpfs_mount *tmp, enum vtype type, uid_t uid,
    gid_t gid, mode_t mode, const char *target, struct rumpfs_node **nodep)
{
	struct rumpfs_node *nnode;
	size_t len;

	if (tmp->tm_nodes_cnt >= tmp->tm_nodes_max)
		return ENOSPC;
	nnode = kmem_zalloc(sizeof(*nnode), KM_SLEEP);
	nnode->tn_type = type;
	nnode->tn_id = tmp->tm_nextid++;
	nnode->tn_uid = uid;
	nnode->tn_gid = gid;
	nnode->tn_mode = mode & ALLPERMS;
	nnode->tn_links = 0;
	nanotime(&nnode->tn_birthtime);
	nnode->tn_atime = nnode->tn_mtime = nnode->tn_ctime =
	    nnode->tn_birthtime;

	switch (type) {
	case VDIR:
		TAILQ_INIT(&nnode->tn_spec.tn_dir.tn_dir);
		nnode->tn_spec.tn_dir.tn_parent = NULL;
		nnode->tn_spec.tn_dir.tn_nextcookie = RUMPFS_DIRCOOKIE_FIRST;
		nnode->tn_links = 1;	/* "." */
		break;
	case VLNK:
		KASSERT(target != NULL);
		len = strlen(target);
		nnode->tn_spec.tn_lnk.tn_link = kmem_alloc(len + 1, KM_SLEEP);
		memcpy(nnode->tn_spec.tn_lnk.tn_link, target, len + 1);
		nnode->tn_size = len;
		break;
	case VREG:
		break;
	default:
		kmem_free(nnode, sizeof(*nnode));
		return EOPNOTSUPP;
	}
	LIST_INSERT_HEAD(&tmp->tm_nodes, nnode, tn_entries);
	tmp->tm_nodes_cnt++;
	*nodep = nnode;
	return 0;
}

/*
 * Free a node and its data.  Directories must be empty.
 */
static void
rumpfs_free_node(struct rumpfs_mount *tmp, struct rumpfs_node *node)
{
	struct rumpfs_dirent *de;

	switch (node->tn_type) {
	case VDIR:
		while ((de = TAILQ_FIRST(&node->tn_spec.tn_dir.tn_dir)) !=
		    NULL) {
			TAILQ_REMOVE(&node->tn_spec.tn_dir.tn_dir, de,
			    td_entries);
			rumpfs_free_dirent(tmp, de);
		}
		if (node->tn_spec.tn_dir.tn_hashsize > 0)
			kmem_free(node->tn_spec.tn_dir.tn_hash,
			    node->tn_spec.tn_dir.tn_hashsize *
			    sizeof(struct rumpfs_dhead));
		break;
	case VLNK:
		kmem_free(node->tn_spec.tn_lnk.tn_link, node->tn_size + 1);
		break;
	case VREG:
		rumpfs_reg_free_from(tmp, node, 0);
		KASSERT(node->tn_spec.tn_reg.tn_resident == 0);
		break;
	default:
		break;
	}
	LIST_REMOVE(node, tn_entries);
	tmp->tm_nodes_cnt--;
	kmem_free(node, sizeof(*node));
}

/*
 * The vnode of a node, referenced (from the vnode cache, or a new one).
 */
static int
rumpfs_vnode_get(struct mount *mp, struct rumpfs_node *node, struct vnode **vpp)
{

	return vcache_get(mp, &node, sizeof(node), vpp);
}

static int
rumpfs_alloc_dirent(struct rumpfs_mount *tmp, const char *name, uint16_t len,
    struct rumpfs_dirent **dep)
{
	struct rumpfs_dirent *de;

	de = kmem_alloc(sizeof(*de), KM_SLEEP);
	de->td_name = kmem_alloc(len, KM_SLEEP);
	memcpy(de->td_name, name, len);
	de->td_namelen = len;
	de->td_node = NULL;
	de->td_cookie = 0;
	*dep = de;
	return 0;
}

static void
rumpfs_free_dirent(struct rumpfs_mount *tmp, struct rumpfs_dirent *de)
{

	kmem_free(de->td_name, de->td_namelen);
	kmem_free(de, sizeof(*de));
}

static uint32_t
rumpfs_dirhash(const char *name, size_t len)
{
	uint32_t h = 2166136261U;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (uint8_t)name[i]) * 16777619U;
	return h;
}

/* Give directory dnode a name hash of size buckets, moving its entries. */
static void
rumpfs_dir_rehash(struct rumpfs_node *dnode, u_int size)
{
	struct rumpfs_dhead *nh;
	struct rumpfs_dirent *de;
	u_int i;

	nh = kmem_alloc(size * sizeof(*nh), KM_SLEEP);
	for (i = 0; i < size; i++)
		LIST_INIT(&nh[i]);
	TAILQ_FOREACH(de, &dnode->tn_spec.tn_dir.tn_dir, td_entries)
		LIST_INSERT_HEAD(&nh[de->td_hashval & (size - 1)], de, td_hash);
	if (dnode->tn_spec.tn_dir.tn_hashsize > 0)
		kmem_free(dnode->tn_spec.tn_dir.tn_hash,
		    dnode->tn_spec.tn_dir.tn_hashsize * sizeof(*nh));
	dnode->tn_spec.tn_dir.tn_hash = nh;
	dnode->tn_spec.tn_dir.tn_hashsize = size;
}

/*
 * Enter de, naming node, at the end of directory dnode: the node gains
 * a link; a directory gets dnode as its parent (dnode gains the link of
 * its "..").
 */
static void
rumpfs_dir_attach(struct rumpfs_node *dnode, struct rumpfs_dirent *de,
    struct rumpfs_node *node)
{

	u_int hsize = dnode->tn_spec.tn_dir.tn_hashsize;

	KASSERT(dnode->tn_type == VDIR);
	de->td_node = node;
	de->td_cookie = dnode->tn_spec.tn_dir.tn_nextcookie++;
	de->td_hashval = rumpfs_dirhash(de->td_name, de->td_namelen);
	TAILQ_INSERT_TAIL(&dnode->tn_spec.tn_dir.tn_dir, de, td_entries);
	dnode->tn_spec.tn_dir.tn_nentries++;
	/* Keep at most two entries per bucket on average. */
	if (dnode->tn_spec.tn_dir.tn_nentries > 2 * hsize)
		rumpfs_dir_rehash(dnode, hsize == 0 ? RUMPFS_DIRHASH_MIN :
		    2 * hsize);
	else
		LIST_INSERT_HEAD(&dnode->tn_spec.tn_dir.tn_hash[de->td_hashval &
		    (hsize - 1)], de, td_hash);
	dnode->tn_size += sizeof(struct rumpfs_dirent);
	node->tn_links++;
	if (node->tn_type == VDIR) {
		node->tn_spec.tn_dir.tn_parent = dnode;
		dnode->tn_links++;
	}
	rumpfs_update(dnode, RUMPFS_UPDATE_MTIME | RUMPFS_UPDATE_CTIME);
}

/* Take de out of dnode: the reverse of rumpfs_dir_attach. */
static void
rumpfs_dir_detach(struct rumpfs_node *dnode, struct rumpfs_dirent *de)
{
	struct rumpfs_node *node = de->td_node;

	if (dnode->tn_spec.tn_dir.tn_readdir_last == de)
		dnode->tn_spec.tn_dir.tn_readdir_last = TAILQ_NEXT(de,
		    td_entries);
	TAILQ_REMOVE(&dnode->tn_spec.tn_dir.tn_dir, de, td_entries);
	LIST_REMOVE(de, td_hash);
	dnode->tn_spec.tn_dir.tn_nentries--;
	dnode->tn_size -= sizeof(struct rumpfs_dirent);
	KASSERT(node->tn_links > 0);
	node->tn_links--;
	if (node->tn_type == VDIR) {
		node->tn_spec.tn_dir.tn_parent = NULL;
		KASSERT(dnode->tn_links > 1);
		dnode->tn_links--;
	}
	de->td_node = NULL;
	rumpfs_update(dnode, RUMPFS_UPDATE_MTIME | RUMPFS_UPDATE_CTIME);
	rumpfs_update(node, RUMPFS_UPDATE_CTIME);
}

/* The entry of dnode named by cnp, or NULL. */
static struct rumpfs_dirent *
rumpfs_dir_lookup(struct rumpfs_node *dnode, struct componentname *cnp)
{
	struct rumpfs_dirent *de;
	u_int hsize = dnode->tn_spec.tn_dir.tn_hashsize;
	uint32_t h;

	if (hsize == 0)
		return NULL;
	h = rumpfs_dirhash(cnp->cn_nameptr, cnp->cn_namelen);
	LIST_FOREACH(de, &dnode->tn_spec.tn_dir.tn_hash[h & (hsize - 1)],
	    td_hash) {
		if (de->td_hashval == h && de->td_namelen == cnp->cn_namelen &&
		    memcmp(de->td_name, cnp->cn_nameptr, cnp->cn_namelen) == 0)
			return de;
	}
	return NULL;
}

/* Copy one struct dirent out; EJUSTRETURN if it does not fit. */
static int
rumpfs_dir_putdent(struct uio *uio, ino_t id, const char *name, size_t len,
    uint8_t type)
{
	struct dirent d;
	int error;

	d.d_fileno = id;
	d.d_namlen = len;
	d.d_type = type;
	memcpy(d.d_name, name, len);
	d.d_name[len] = '\0';
	d.d_reclen = _DIRENT_RECLEN(&d, len);
	if (uio->uio_resid < d.d_reclen)
		return EJUSTRETURN;
	/* The tail of d_name past the NUL is padding; send zeros. */
	memset(d.d_name + len + 1, 0, d.d_reclen - _DIRENT_NAMEOFF(&d) -
	    len - 1);
	error = uiomove(&d, d.d_reclen, uio);
	return error;
}

static uint8_t
rumpfs_dtype(enum vtype type)
{

	switch (type) {
	case VDIR:
		return DT_DIR;
	case VREG:
		return DT_REG;
	case VLNK:
		return DT_LNK;
	default:
		return DT_UNKNOWN;
	}
}

/*
 * Copy entries of dnode from the cookie uio_offset on, as many as fit;
 * uio_offset becomes the cookie to continue at.  EINVAL if not even one
 * entry fits.
 */
static int
rumpfs_dir_getdents(struct rumpfs_node *dnode, struct uio *uio, int *eofp)
{
	struct rumpfs_dirent *de;
	struct rumpfs_node *parent;
	size_t startresid = uio->uio_resid;
	off_t off = uio->uio_offset;
	int error = 0;

	*eofp = 0;
	if (off < 0)
		return EINVAL;
	if (off == RUMPFS_DIRCOOKIE_DOT) {
		error = rumpfs_dir_putdent(uio, dnode->tn_id, ".", 1, DT_DIR);
		if (error != 0)
			goto out;
		off = RUMPFS_DIRCOOKIE_DOTDOT;
	}
	if (off == RUMPFS_DIRCOOKIE_DOTDOT) {
		parent = dnode->tn_spec.tn_dir.tn_parent;
		if (parent == NULL)
			parent = dnode;
		error = rumpfs_dir_putdent(uio, parent->tn_id, "..", 2, DT_DIR);
		if (error != 0)
			goto out;
		off = RUMPFS_DIRCOOKIE_FIRST;
	}
	/* Continue where the last call stopped without searching again. */
	de = dnode->tn_spec.tn_dir.tn_readdir_last;
	if (de == NULL || off != dnode->tn_spec.tn_dir.tn_readdir_lastoff)
		de = TAILQ_FIRST(&dnode->tn_spec.tn_dir.tn_dir);
	for (; de != NULL; de = TAILQ_NEXT(de, td_entries)) {
		if (de->td_cookie < off)
			continue;
		error = rumpfs_dir_putdent(uio, de->td_node->tn_id, de->td_name,
		    de->td_namelen, rumpfs_dtype(de->td_node->tn_type));
		if (error != 0) {
			dnode->tn_spec.tn_dir.tn_readdir_last = de;
			dnode->tn_spec.tn_dir.tn_readdir_lastoff = off;
			goto out;
		}
		off = de->td_cookie + 1;
	}
	dnode->tn_spec.tn_dir.tn_readdir_last = NULL;
	off = dnode->tn_spec.tn_dir.tn_nextcookie;
	*eofp = 1;
 out:
	uio->uio_offset = off;
	if (error == EJUSTRETURN)
		error = uio->uio_resid == startresid ? EINVAL : 0;
	rumpfs_update(dnode, RUMPFS_UPDATE_ATIME);
	return error;
}

/* How many pages a page tree of height h covers. */
static uint64_t
rumpfs_radix_span(u_int h)
{

	return (uint64_t)1 << (RUMPFS_RADIX_SHIFT * h);
}

/* The page pg of a file, NULL for a hole. */
static void *
rumpfs_reg_page(struct rumpfs_node *node, uint64_t pg)
{
	u_int h = node->tn_spec.tn_reg.tn_height;
	void *p = node->tn_spec.tn_reg.tn_pages;

	if (pg >= rumpfs_radix_span(h))
		return NULL;
	for (; h > 0 && p != NULL; h--)
		p = ((void **)p)[(pg >> (RUMPFS_RADIX_SHIFT * (h - 1))) &
		    (RUMPFS_RADIX_FANOUT - 1)];
	return p;
}

/* The slot of page pg, making the levels of the tree it needs. */
static void **
rumpfs_reg_slot(struct rumpfs_node *node, uint64_t pg)
{
	void **pp, **level;
	u_int h;

	while (pg >= rumpfs_radix_span(node->tn_spec.tn_reg.tn_height)) {
		if (node->tn_spec.tn_reg.tn_pages != NULL) {
			level = kmem_zalloc(RUMPFS_RADIX_FANOUT * sizeof(void *),
			    KM_SLEEP);
			level[0] = node->tn_spec.tn_reg.tn_pages;
			node->tn_spec.tn_reg.tn_pages = level;
		}
		node->tn_spec.tn_reg.tn_height++;
	}
	pp = &node->tn_spec.tn_reg.tn_pages;
	for (h = node->tn_spec.tn_reg.tn_height; h > 0; h--) {
		if (*pp == NULL)
			*pp = kmem_zalloc(RUMPFS_RADIX_FANOUT * sizeof(void *),
			    KM_SLEEP);
		pp = &((void **)*pp)[(pg >> (RUMPFS_RADIX_SHIFT * (h - 1))) &
		    (RUMPFS_RADIX_FANOUT - 1)];
	}
	return pp;
}

/* Free the pages from first on in the subtree *pp of height h at base. */
static void
rumpfs_radix_free(struct rumpfs_mount *tmp, struct rumpfs_node *node, void **pp,
    u_int h, uint64_t base, uint64_t first)
{
	void **level = *pp;
	uint64_t span;
	u_int i;

	if (level == NULL)
		return;
	if (h == 0) {
		if (base >= first) {
			kmem_free(level, RUMPFS_PAGE_SIZE);
			*pp = NULL;
			node->tn_spec.tn_reg.tn_resident--;
			tmp->tm_pages_used--;
		}
		return;
	}
	span = rumpfs_radix_span(h - 1);
	for (i = 0; i < RUMPFS_RADIX_FANOUT; i++) {
		if (base + (i + 1) * span <= first)
			continue;
		rumpfs_radix_free(tmp, node, &level[i], h - 1, base + i * span,
		    first);
	}
	if (base >= first) {
		kmem_free(level, RUMPFS_RADIX_FANOUT * sizeof(void *));
		*pp = NULL;
	}
}

/* Free the pages of a regular file from page first on. */
static void
rumpfs_reg_free_from(struct rumpfs_mount *tmp, struct rumpfs_node *node,
    uint64_t first)
{

	rumpfs_radix_free(tmp, node, &node->tn_spec.tn_reg.tn_pages,
	    node->tn_spec.tn_reg.tn_height, 0, first);
	if (node->tn_spec.tn_reg.tn_pages == NULL)
		node->tn_spec.tn_reg.tn_height = 0;
}

/*
 * Set the size of a regular file: pages past the end are freed, the
 * tail of the last one is zeroed so a later extension reads zeros;
 * growing allocates nothing (a hole).
 */
static int
rumpfs_reg_resize(struct vnode *vp, off_t newsize)
{
	struct rumpfs_mount *tmp = VFS_TO_RUMPFS(vp->v_mount);
	struct rumpfs_node *node = VP_TO_RUMPFS_NODE(vp);
	void *page;

	KASSERT(vp->v_type == VREG);
	KASSERT(newsize >= 0);
	if (newsize < node->tn_size) {
		rumpfs_reg_free_from(tmp, node,
		    howmany((uint64_t)newsize, RUMPFS_PAGE_SIZE));
		if ((newsize & PAGE_MASK) != 0 &&
		    (page = rumpfs_reg_page(node, newsize / RUMPFS_PAGE_SIZE)) !=
		    NULL)
			memset((char *)page + (newsize & PAGE_MASK), 0,
			    RUMPFS_PAGE_SIZE - (newsize & PAGE_MASK));
	}
	node->tn_size = newsize;
	return 0;
}

/* Read file data at uio_offset, holes as zeros, up to the end of file. */
static int
rumpfs_reg_read(struct rumpfs_node *node, struct uio *uio)
{
	off_t off;
	size_t pg, pgoff, len;
	const void *page;
	int error = 0;

	while (uio->uio_resid > 0 && uio->uio_offset < node->tn_size) {
		off = uio->uio_offset;
		pg = off / RUMPFS_PAGE_SIZE;
		pgoff = off & (RUMPFS_PAGE_SIZE - 1);
		len = MIN(RUMPFS_PAGE_SIZE - pgoff, uio->uio_resid);
		if ((off_t)len > node->tn_size - off)
			len = node->tn_size - off;
		page = rumpfs_reg_page(node, pg);
		if (page == NULL)
			page = rumpfs_zeropage;
		error = uiomove(__UNCONST((const char *)page + pgoff), len,
		    uio);
		if (error != 0)
			break;
	}
	return error;
}

/*
 * Write uio to file data, allocating pages as needed and extending the
 * file.  ENOSPC when the mount's size limit is reached (what was
 * written before stays).
 */
static int
rumpfs_reg_write(struct rumpfs_mount *tmp, struct rumpfs_node *node,
    struct uio *uio)
{
	off_t off;
	size_t pg, pgoff, len;
	void *page, **slot;
	int error = 0;

	while (uio->uio_resid > 0) {
		off = uio->uio_offset;
		pg = off / RUMPFS_PAGE_SIZE;
		pgoff = off & (RUMPFS_PAGE_SIZE - 1);
		len = MIN(RUMPFS_PAGE_SIZE - pgoff, uio->uio_resid);
		slot = rumpfs_reg_slot(node, pg);
		page = *slot;
		if (page == NULL) {
			if ((tmp->tm_pages_used + 1) * RUMPFS_PAGE_SIZE >
			    tmp->tm_mem_limit) {
				error = ENOSPC;
				break;
			}
			page = kmem_alloc(RUMPFS_PAGE_SIZE, KM_SLEEP);
			if (pgoff != 0 || len != RUMPFS_PAGE_SIZE)
				memset(page, 0, RUMPFS_PAGE_SIZE);
			*slot = page;
			node->tn_spec.tn_reg.tn_resident++;
			tmp->tm_pages_used++;
		}
		error = uiomove((char *)page + pgoff, len, uio);
		if (uio->uio_offset > node->tn_size)
			node->tn_size = uio->uio_offset;
		if (error != 0)
			break;
	}
	return error;
}

/* chmod: the owner or the superuser (genfs_can_chmod). */
static int
rumpfs_chmod(struct vnode *vp, mode_t mode, kauth_cred_t cred)
{
	struct rumpfs_node *node = VP_TO_RUMPFS_NODE(vp);
	int error;

	error = genfs_can_chmod(vp, cred, node->tn_uid, node->tn_gid, mode);
	if (error != 0)
		return error;
	node->tn_mode = mode & ALLPERMS;
	rumpfs_update(node, RUMPFS_UPDATE_CTIME);
	return 0;
}

/*
 * chown: uid or gid VNOVAL stays as it is.  POSIX: a regular file
 * changed by someone other than the superuser loses S_ISUID and S_ISGID.
 */
static int
rumpfs_chown(struct vnode *vp, uid_t uid, gid_t gid, kauth_cred_t cred)
{
	struct rumpfs_node *node = VP_TO_RUMPFS_NODE(vp);
	int error;

	if (uid == (uid_t)VNOVAL)
		uid = node->tn_uid;
	if (gid == (gid_t)VNOVAL)
		gid = node->tn_gid;
	error = genfs_can_chown(vp, cred, node->tn_uid, node->tn_gid, uid,
	    gid);
	if (error != 0)
		return error;
	/* A file given away by an ordinary user loses its set-id bits. */
	if ((node->tn_uid != uid || node->tn_gid != gid) &&
	    vp->v_type == VREG && cred != NOCRED && cred != FSCRED &&
	    kauth_cred_geteuid(cred) != 0)
		node->tn_mode &= ~(S_ISUID | S_ISGID);
	node->tn_uid = uid;
	node->tn_gid = gid;
	rumpfs_update(node, RUMPFS_UPDATE_CTIME);
	return 0;
}

/* utimes: times with tv_sec VNOVAL stay as they are. */
static int
rumpfs_chtimes(struct vnode *vp, const struct timespec *atime,
    const struct timespec *mtime, int vaflags, kauth_cred_t cred)
{
	struct rumpfs_node *node = VP_TO_RUMPFS_NODE(vp);
	int error;

	error = genfs_can_chtimes(vp, cred, node->tn_uid, vaflags);
	if (error != 0)
		return error;
	if (atime->tv_sec != VNOVAL)
		node->tn_atime = *atime;
	if (mtime->tv_sec != VNOVAL)
		node->tn_mtime = *mtime;
	rumpfs_update(node, RUMPFS_UPDATE_CTIME);
	return 0;
}

/*
 * Create a file, directory or symlink (vap->va_type) named cnp in dvp;
 * *vpp is its vnode, referenced.  Owner: the caller; group: dvp's.
 * ENAMETOOLONG for a name longer than RUMPFS_MAXNAMLEN, ENOSPC at the
 * node limit, EMLINK if dvp cannot take another subdirectory.
 */
static int
rumpfs_construct_node(struct vnode *dvp, struct vnode **vpp,
    struct vattr *vap, struct componentname *cnp, char *target)
{
	struct rumpfs_mount *tmp = VFS_TO_RUMPFS(dvp->v_mount);
	struct rumpfs_node *dnode = VP_TO_RUMPFS_NODE(dvp), *node;
	struct rumpfs_dirent *de;
	int error;

	if (cnp->cn_namelen > RUMPFS_MAXNAMLEN)
		return ENAMETOOLONG;
	if (vap->va_type == VDIR && dnode->tn_links >= INT32_MAX)
		return EMLINK;
	/* A directory being removed takes no new entries. */
	if (dnode->tn_links == 0)
		return ENOENT;
	error = rumpfs_alloc_node(tmp, vap->va_type,
	    kauth_cred_geteuid(cnp->cn_cred), dnode->tn_gid, vap->va_mode,
	    target, &node);
	if (error != 0)
		return error;
	error = rumpfs_alloc_dirent(tmp, cnp->cn_nameptr, cnp->cn_namelen, &de);
	if (error != 0) {
		rumpfs_free_node(tmp, node);
		return error;
	}
	error = rumpfs_vnode_get(dvp->v_mount, node, vpp);
	if (error != 0) {
		rumpfs_free_dirent(tmp, de);
		rumpfs_free_node(tmp, node);
		return error;
	}
	/* Nothing can fail from here on. */
	rumpfs_dir_attach(dnode, de, node);
	KASSERT(node->tn_links >= 1);
	return 0;
}

static const struct vnodeopv_entry_desc rumpfs_vnodeop_entries[] = {
	{ &vop_default_desc, vn_default_error },
	{ &vop_lookup_desc, rumpfs_lookup },
	{ &vop_create_desc, rumpfs_create },
	{ &vop_open_desc, rumpfs_open },
	{ &vop_close_desc, rumpfs_close },
	{ &vop_access_desc, rumpfs_access },
	{ &vop_getattr_desc, rumpfs_getattr },
	{ &vop_setattr_desc, rumpfs_setattr },
	{ &vop_read_desc, rumpfs_read },
	{ &vop_write_desc, rumpfs_write },
	{ &vop_fsync_desc, rumpfs_fsync },
	{ &vop_remove_desc, rumpfs_remove },
	{ &vop_link_desc, rumpfs_link },
	{ &vop_rename_desc, rumpfs_rename },
	{ &vop_mkdir_desc, rumpfs_mkdir },
	{ &vop_rmdir_desc, rumpfs_rmdir },
	{ &vop_symlink_desc, rumpfs_symlink },
	{ &vop_readdir_desc, rumpfs_readdir },
	{ &vop_readlink_desc, rumpfs_readlink },
	{ &vop_inactive_desc, rumpfs_inactive },
	{ &vop_reclaim_desc, rumpfs_reclaim },
	{ &vop_pathconf_desc, rumpfs_pathconf },
	{ NULL, NULL }
};

static const struct vnodeopv_desc rumpfs_vnodeop_opv_desc = {
	&rumpfs_vnodeop_p, rumpfs_vnodeop_entries
};

/*
 * Look up cnp in directory dvp: "." is dvp, ".." its parent.  A missing
 * last component is EJUSTRETURN for CREATE and RENAME, else ENOENT.
 */
static int
rumpfs_lookup(void *v)
{
	struct vop_lookup_args *ap = v;
	vnode_t *dvp = ap->a_dvp;
	vnode_t **vpp = ap->a_vpp;
	struct componentname *cnp = ap->a_cnp;
	struct rumpfs_node *dnode = VP_TO_RUMPFS_NODE(dvp), *pnode;
	struct rumpfs_dirent *de;

	*vpp = NULL;
	if (cnp->cn_namelen == 1 && cnp->cn_nameptr[0] == '.') {
		vref(dvp);
		*vpp = dvp;
		return 0;
	}
	if ((cnp->cn_flags & ISDOTDOT) != 0) {
		pnode = dnode->tn_spec.tn_dir.tn_parent;
		if (pnode == NULL)
			return ENOENT;
		return rumpfs_vnode_get(dvp->v_mount, pnode, vpp);
	}
	de = rumpfs_dir_lookup(dnode, cnp);
	if (de == NULL) {
		if ((cnp->cn_flags & ISLASTCN) != 0 &&
		    (cnp->cn_nameiop == CREATE || cnp->cn_nameiop == RENAME) &&
		    dnode->tn_links > 0)
			return EJUSTRETURN;
		return ENOENT;
	}
	return rumpfs_vnode_get(dvp->v_mount, de->td_node, vpp);
}

static int
rumpfs_create(void *v)
{
	struct vop_create_args *ap = v;
	vnode_t *dvp = ap->a_dvp;
	struct componentname *cnp = ap->a_cnp;
	struct vattr *vap = ap->a_vap;

	KASSERT(vap->va_type == VREG || vap->va_type == VSOCK);
	return rumpfs_construct_node(dvp, ap->a_vpp, vap, cnp, NULL);
}

static int
rumpfs_mkdir(void *v)
{
	struct vop_mkdir_args *ap = v;
	vnode_t *dvp = ap->a_dvp;
	struct componentname *cnp = ap->a_cnp;
	vnode_t **vpp = ap->a_vpp;
	struct vattr *vap = ap->a_vap;

	KASSERT(vap->va_type == VDIR);
	return rumpfs_construct_node(dvp, vpp, vap, cnp, NULL);
}

static int
rumpfs_symlink(void *v)
{
	struct vop_symlink_args *ap = v;
	vnode_t *dvp = ap->a_dvp;
	struct componentname *cnp = ap->a_cnp;
	struct vattr *vap = ap->a_vap;

	KASSERT(vap->va_type == VLNK);
	return rumpfs_construct_node(dvp, ap->a_vpp, vap, cnp, ap->a_target);
}

static int
rumpfs_open(void *v)
{
	struct vop_open_args *ap = v;
	struct rumpfs_node *node = VP_TO_RUMPFS_NODE(ap->a_vp);

	/* A file removed while being opened is gone. */
	if (node->tn_links < 1)
		return ENOENT;
	return 0;
}

static int
rumpfs_close(void *v)
{

	return 0;
}

static int
rumpfs_access(void *v)
{
	struct vop_access_args *ap = v;
	vnode_t *vp = ap->a_vp;
	struct rumpfs_node *node = VP_TO_RUMPFS_NODE(vp);

	if ((ap->a_mode & VWRITE) != 0 &&
	    (vp->v_mount->mnt_flag & MNT_RDONLY) != 0 &&
	    (vp->v_type == VDIR || vp->v_type == VREG || vp->v_type == VLNK))
		return EROFS;
	return vaccess(vp->v_type, node->tn_mode, node->tn_uid, node->tn_gid,
	    ap->a_mode, ap->a_cred);
}

static int
rumpfs_getattr(void *v)
{
	struct vop_getattr_args *ap = v;
	vnode_t *vp = ap->a_vp;
	struct vattr *vap = ap->a_vap;
	struct rumpfs_node *node = VP_TO_RUMPFS_NODE(vp);

	vattr_null(vap);
	vap->va_type = vp->v_type;
	vap->va_mode = node->tn_mode;
	vap->va_nlink = node->tn_links;
	vap->va_uid = node->tn_uid;
	vap->va_gid = node->tn_gid;
	vap->va_fsid = vp->v_mount->mnt_stat.f_fsidx.__fsid_val[0];
	vap->va_fileid = node->tn_id;
	vap->va_size = node->tn_size;
	vap->va_blocksize = PAGE_SIZE;
	vap->va_atime = node->tn_atime;
	vap->va_mtime = node->tn_mtime;
	vap->va_ctime = node->tn_ctime;
	vap->va_birthtime = node->tn_birthtime;
	vap->va_gen = 0;
	vap->va_flags = 0;
	vap->va_rdev = 0;
	if (vp->v_type == VREG)
		vap->va_bytes = (u_quad_t)node->tn_spec.tn_reg.tn_resident *
		    RUMPFS_PAGE_SIZE;
	else
		vap->va_bytes = roundup2((u_quad_t)node->tn_size,
		    RUMPFS_PAGE_SIZE);
	vap->va_filerev = 0;
	return 0;
}

/*
 * Change attributes: size (EISDIR for a directory, EINVAL for other
 * non-regular files), owner, mode and times, each with its permission
 * check.  EROFS on a read-only mount.
 */
static int
rumpfs_setattr(void *v)
{
	struct vop_setattr_args *ap = v;
	vnode_t *vp = ap->a_vp;
	struct vattr *vap = ap->a_vap;
	kauth_cred_t cred = ap->a_cred;
	struct rumpfs_node *node = VP_TO_RUMPFS_NODE(vp);
	int error = 0;

	if ((vp->v_mount->mnt_flag & MNT_RDONLY) != 0)
		return EROFS;
	if (vap->va_type != VNON || vap->va_nlink != (nlink_t)VNOVAL ||
	    vap->va_fsid != (dev_t)VNOVAL || vap->va_fileid != (ino_t)VNOVAL ||
	    vap->va_blocksize != VNOVAL || vap->va_gen != (u_long)VNOVAL ||
	    vap->va_rdev != (dev_t)VNOVAL || vap->va_bytes != (u_quad_t)VNOVAL)
		return EINVAL;
	if (vap->va_size != (u_quad_t)VNOVAL) {
		switch (vp->v_type) {
		case VDIR:
			return EISDIR;
		case VREG:
			if ((off_t)vap->va_size < 0)
				return EINVAL;
			error = rumpfs_reg_resize(vp, vap->va_size);
			if (error != 0)
				return error;
			rumpfs_update(node,
			    RUMPFS_UPDATE_MTIME | RUMPFS_UPDATE_CTIME);
			break;
		default:
			return EINVAL;
		}
	}
	if (vap->va_uid != (uid_t)VNOVAL || vap->va_gid != (gid_t)VNOVAL) {
		error = rumpfs_chown(vp, vap->va_uid, vap->va_gid, cred);
		if (error != 0)
			return error;
	}
	if (vap->va_mode != (mode_t)VNOVAL) {
		error = rumpfs_chmod(vp, vap->va_mode, cred);
		if (error != 0)
			return error;
	}
	if (vap->va_atime.tv_sec != VNOVAL || vap->va_mtime.tv_sec != VNOVAL) {
		error = rumpfs_chtimes(vp, &vap->va_atime, &vap->va_mtime,
		    vap->va_vaflags, cred);
		if (error != 0)
			return error;
	}
	return 0;
}

static int
rumpfs_read(void *v)
{
	struct vop_read_args *ap = v;
	vnode_t *vp = ap->a_vp;
	struct uio *uio = ap->a_uio;
	struct rumpfs_node *node = VP_TO_RUMPFS_NODE(vp);
	int error;

	if (vp->v_type == VDIR)
		return EISDIR;
	if (vp->v_type != VREG)
		return EINVAL;
	if (uio->uio_offset < 0)
		return EINVAL;
	error = rumpfs_reg_read(node, uio);
	if ((vp->v_mount->mnt_flag & MNT_NOATIME) == 0)
		rumpfs_update(node, RUMPFS_UPDATE_ATIME);
	return error;
}

/*
 * Write at uio_offset (at the end with IO_APPEND).  EFBIG past the
 * largest offset, ENOSPC when the mount is full.
 */
static int
rumpfs_write(void *v)
{
	struct vop_write_args *ap = v;
	vnode_t *vp = ap->a_vp;
	struct uio *uio = ap->a_uio;
	struct rumpfs_mount *tmp = VFS_TO_RUMPFS(vp->v_mount);
	struct rumpfs_node *node = VP_TO_RUMPFS_NODE(vp);
	size_t resid = uio->uio_resid;
	int error;

	if (vp->v_type != VREG)
		return vp->v_type == VDIR ? EISDIR : EINVAL;
	if ((ap->a_ioflag & IO_APPEND) != 0)
		uio->uio_offset = node->tn_size;
	if (uio->uio_offset < 0)
		return EINVAL;
	if (uio->uio_resid == 0)
		return 0;
	if (uio->uio_offset > INT64_MAX - (off_t)uio->uio_resid)
		return EFBIG;
	error = rumpfs_reg_write(tmp, node, uio);
	if (uio->uio_resid != resid)
		rumpfs_update(node, RUMPFS_UPDATE_MTIME | RUMPFS_UPDATE_CTIME);
	return error;
}

static int
rumpfs_fsync(void *v)
{

	return 0;
}

/* Remove the name cnp of vp (not a directory) from dvp. */
static int
rumpfs_remove(void *v)
{
	struct vop_remove_args *ap = v;
	vnode_t *dvp = ap->a_dvp;
	vnode_t *vp = ap->a_vp;
	struct componentname *cnp = ap->a_cnp;
	struct rumpfs_mount *tmp = VFS_TO_RUMPFS(dvp->v_mount);
	struct rumpfs_node *dnode = VP_TO_RUMPFS_NODE(dvp);
	struct rumpfs_dirent *de;

	if (vp->v_type == VDIR)
		return EPERM;
	de = rumpfs_dir_lookup(dnode, cnp);
	if (de == NULL || de->td_node != VP_TO_RUMPFS_NODE(vp))
		return ENOENT;
	rumpfs_dir_detach(dnode, de);
	rumpfs_free_dirent(tmp, de);
	return 0;
}

/* Remove the empty directory vp, named cnp in dvp.  ENOTEMPTY. */
static int
rumpfs_rmdir(void *v)
{
	struct vop_rmdir_args *ap = v;
	vnode_t *dvp = ap->a_dvp;
	vnode_t *vp = ap->a_vp;
	struct componentname *cnp = ap->a_cnp;
	struct rumpfs_mount *tmp = VFS_TO_RUMPFS(dvp->v_mount);
	struct rumpfs_node *dnode = VP_TO_RUMPFS_NODE(dvp);
	struct rumpfs_node *node = VP_TO_RUMPFS_NODE(vp);
	struct rumpfs_dirent *de;

	if (vp->v_type != VDIR)
		return ENOTDIR;
	if (node->tn_spec.tn_dir.tn_nentries > 0)
		return ENOTEMPTY;
	de = rumpfs_dir_lookup(dnode, cnp);
	if (de == NULL || de->td_node != node)
		return ENOENT;
	rumpfs_dir_detach(dnode, de);
	rumpfs_free_dirent(tmp, de);
	/* Its "." goes too: no links are left. */
	KASSERT(node->tn_links == 1);
	node->tn_links = 0;
	return 0;
}

/* Another name cnp in dvp for vp.  EXDEV, EPERM for a directory. */
static int
rumpfs_link(void *v)
{
	struct vop_link_args *ap = v;
	vnode_t *dvp = ap->a_dvp;
	vnode_t *vp = ap->a_vp;
	struct componentname *cnp = ap->a_cnp;
	struct rumpfs_mount *tmp = VFS_TO_RUMPFS(dvp->v_mount);
	struct rumpfs_node *dnode = VP_TO_RUMPFS_NODE(dvp);
	struct rumpfs_node *node;
	struct rumpfs_dirent *de;
	int error;

	if (vp->v_mount != dvp->v_mount)
		return EXDEV;
	if (vp->v_type == VDIR)
		return EPERM;
	node = VP_TO_RUMPFS_NODE(vp);
	if (cnp->cn_namelen > RUMPFS_MAXNAMLEN)
		return ENAMETOOLONG;
	if (node->tn_links >= INT32_MAX)
		return EMLINK;
	if (node->tn_links == 0)
		return ENOENT;
	error = rumpfs_alloc_dirent(tmp, cnp->cn_nameptr, cnp->cn_namelen, &de);
	if (error != 0)
		return error;
	rumpfs_dir_attach(dnode, de, node);
	rumpfs_update(node, RUMPFS_UPDATE_CTIME);
	return 0;
}

/*
 * Rename fcnp in fdvp (the file fvp) to tcnp in tdvp, replacing tvp if
 * there is one.  The VFS has checked types, "." and "..", mounts and
 * that a directory is not moved below itself; left here: ENOTEMPTY for
 * a non-empty directory tvp, ENAMETOOLONG.
 */
static int
rumpfs_rename(void *v)
{
	struct vop_rename_args *ap = v;
	vnode_t *fdvp = ap->a_fdvp;
	vnode_t *fvp = ap->a_fvp;
	vnode_t *tdvp = ap->a_tdvp;
	vnode_t *tvp = ap->a_tvp;
	struct componentname *fcnp = ap->a_fcnp;
	struct componentname *tcnp = ap->a_tcnp;
	struct rumpfs_mount *tmp = VFS_TO_RUMPFS(fdvp->v_mount);
	struct rumpfs_node *fdnode = VP_TO_RUMPFS_NODE(fdvp);
	struct rumpfs_node *tdnode = VP_TO_RUMPFS_NODE(tdvp);
	struct rumpfs_node *fnode = VP_TO_RUMPFS_NODE(fvp), *tnode;
	struct rumpfs_dirent *fde, *tde;
	char *newname = NULL;

	if (tcnp->cn_namelen > RUMPFS_MAXNAMLEN)
		return ENAMETOOLONG;
	fde = rumpfs_dir_lookup(fdnode, fcnp);
	if (fde == NULL || fde->td_node != fnode)
		return ENOENT;
	tde = NULL;
	if (tvp != NULL) {
		tnode = VP_TO_RUMPFS_NODE(tvp);
		if (tvp->v_type == VDIR &&
		    tnode->tn_spec.tn_dir.tn_nentries > 0)
			return ENOTEMPTY;
		tde = rumpfs_dir_lookup(tdnode, tcnp);
		if (tde == NULL || tde->td_node != tnode)
			return ENOENT;
	}
	if (tdnode->tn_links == 0)
		return ENOENT;

	/* Allocate first, then change what cannot fail. */
	if (fde->td_namelen != tcnp->cn_namelen ||
	    memcmp(fde->td_name, tcnp->cn_nameptr, tcnp->cn_namelen) != 0)
		newname = kmem_alloc(tcnp->cn_namelen, KM_SLEEP);

	if (tde != NULL) {
		tnode = tde->td_node;
		rumpfs_dir_detach(tdnode, tde);
		rumpfs_free_dirent(tmp, tde);
		if (tnode->tn_type == VDIR) {
			KASSERT(tnode->tn_links == 1);
			tnode->tn_links = 0;
		}
	}
	rumpfs_dir_detach(fdnode, fde);
	if (newname != NULL) {
		memcpy(newname, tcnp->cn_nameptr, tcnp->cn_namelen);
		kmem_free(fde->td_name, fde->td_namelen);
		fde->td_name = newname;
		fde->td_namelen = tcnp->cn_namelen;
	}
	rumpfs_dir_attach(tdnode, fde, fnode);
	rumpfs_update(fnode, RUMPFS_UPDATE_CTIME);
	return 0;
}

static int
rumpfs_readdir(void *v)
{
	struct vop_readdir_args *ap = v;
	vnode_t *vp = ap->a_vp;
	int eof = 0, error;

	if (vp->v_type != VDIR)
		return ENOTDIR;
	error = rumpfs_dir_getdents(VP_TO_RUMPFS_NODE(vp), ap->a_uio, &eof);
	if (ap->a_eofflag != NULL)
		*ap->a_eofflag = eof;
	if (ap->a_ncookies != NULL)
		*ap->a_ncookies = 0;
	return error;
}

static int
rumpfs_readlink(void *v)
{
	struct vop_readlink_args *ap = v;
	vnode_t *vp = ap->a_vp;
	struct uio *uio = ap->a_uio;
	struct rumpfs_node *node = VP_TO_RUMPFS_NODE(vp);
	int error;

	KASSERT(vp->v_type == VLNK);
	error = uiomove(node->tn_spec.tn_lnk.tn_link,
	    MIN((size_t)node->tn_size, uio->uio_resid), uio);
	if ((vp->v_mount->mnt_flag & MNT_NOATIME) == 0)
		rumpfs_update(node, RUMPFS_UPDATE_ATIME);
	return error;
}

/* The last reference is gone: recycle the vnode if the file is. */
static int
rumpfs_inactive(void *v)
{
	struct vop_inactive_args *ap = v;
	struct rumpfs_node *node = VP_TO_RUMPFS_NODE(ap->a_vp);

	*ap->a_recycle = node->tn_links == 0;
	return 0;
}

/* The vnode goes away; a file without names goes with it. */
static int
rumpfs_reclaim(void *v)
{
	struct vop_reclaim_args *ap = v;
	vnode_t *vp = ap->a_vp;
	struct rumpfs_mount *tmp = VFS_TO_RUMPFS(vp->v_mount);
	struct rumpfs_node *node = VP_TO_RUMPFS_NODE(vp);

	node->tn_vnode = NULL;
	vp->v_data = NULL;
	if (node->tn_links == 0)
		rumpfs_free_node(tmp, node);
	return 0;
}

static int
rumpfs_pathconf(void *v)
{
	struct vop_pathconf_args *ap = v;

	switch (ap->a_name) {
	case 1:		/* _PC_LINK_MAX */
		*ap->a_retval = INT32_MAX;
		return 0;
	case 3:		/* _PC_NAME_MAX */
		*ap->a_retval = RUMPFS_MAXNAMLEN;
		return 0;
	case 4:		/* _PC_PATH_MAX */
		*ap->a_retval = PATH_MAX;
		return 0;
	default:
		return EINVAL;
	}
}

static const struct vnodeopv_desc * const rumpfs_vnodeopv_descs[] = {
	&rumpfs_vnodeop_opv_desc,
	NULL,
};

/*
 * Mount the root file system: no arguments; it holds up to 4 GiB of
 * file data (XXX the host's memory is not known here) and one node per
 * KiB of that, which statvfs reports.
 */
static int
rumpfs_mount(struct mount *mp, const char *path, void *data, size_t *data_len)
{
	struct rumpfs_mount *tmp;
	struct rumpfs_node *root;
	int error;

	tmp = kmem_zalloc(sizeof(*tmp), KM_SLEEP);
	tmp->tm_mem_limit = 4ULL * 1024 * 1024 * 1024;
	tmp->tm_nodes_max = 3 + tmp->tm_mem_limit / 1024;
	tmp->tm_nextid = 2;
	LIST_INIT(&tmp->tm_nodes);
	error = rumpfs_alloc_node(tmp, VDIR, 0, 0, 0755, NULL, &root);
	if (error != 0) {
		kmem_free(tmp, sizeof(*tmp));
		return error;
	}
	root->tn_spec.tn_dir.tn_parent = root;
	root->tn_links++;
	tmp->tm_root = root;

	mp->mnt_data = tmp;
	mp->mnt_flag |= MNT_LOCAL;
	mp->mnt_stat.f_namemax = RUMPFS_MAXNAMLEN;
	strlcpy(mp->mnt_stat.f_mntfromname, "rumpfs",
	    sizeof(mp->mnt_stat.f_mntfromname));
	return 0;
}

static int
rumpfs_start(struct mount *mp, int flags)
{

	return 0;
}

/* Unmount: the VFS reclaimed every vnode; free every node. */
static int
rumpfs_unmount(struct mount *mp, int mntflags)
{
	struct rumpfs_mount *tmp = VFS_TO_RUMPFS(mp);
	struct rumpfs_node *node;

	while ((node = LIST_FIRST(&tmp->tm_nodes)) != NULL) {
		KASSERT(node->tn_vnode == NULL);
		rumpfs_free_node(tmp, node);
	}
	KASSERT(tmp->tm_pages_used == 0);
	KASSERT(tmp->tm_nodes_cnt == 0);
	kmem_free(tmp, sizeof(*tmp));
	mp->mnt_data = NULL;
	return 0;
}

static int
rumpfs_root(struct mount *mp, int lktype, struct vnode **vpp)
{

	return rumpfs_vnode_get(mp, VFS_TO_RUMPFS(mp)->tm_root, vpp);
}

/*
 * The figures: size and free space in pages of data, files and free
 * files against the node limit.
 */
static int
rumpfs_statvfs(struct mount *mp, struct statvfs *sbp)
{
	struct rumpfs_mount *tmp = VFS_TO_RUMPFS(mp);
	uint64_t total = tmp->tm_mem_limit / RUMPFS_PAGE_SIZE;

	sbp->f_bsize = RUMPFS_PAGE_SIZE;
	sbp->f_frsize = RUMPFS_PAGE_SIZE;
	sbp->f_iosize = RUMPFS_PAGE_SIZE;
	sbp->f_blocks = total;
	sbp->f_bfree = total - tmp->tm_pages_used;
	sbp->f_bavail = sbp->f_bfree;
	sbp->f_bresvd = 0;
	sbp->f_files = tmp->tm_nodes_max;
	sbp->f_ffree = tmp->tm_nodes_max - tmp->tm_nodes_cnt;
	sbp->f_favail = sbp->f_ffree;
	sbp->f_fresvd = 0;
	return 0;
}

static int
rumpfs_sync(struct mount *mp, int waitfor, kauth_cred_t cred)
{

	return 0;
}

/* Attach a new vnode to the node the key (a node pointer) names. */
static int
rumpfs_loadvnode(struct mount *mp, struct vnode *vp, const void *key,
    size_t key_len, const void **new_key)
{
	struct rumpfs_node *node;

	KASSERT(key_len == sizeof(node));
	memcpy(&node, key, key_len);
	KASSERT(node->tn_vnode == NULL);
	vp->v_tag = VT_RUMP;
	vp->v_type = node->tn_type;
	vp->v_op = rumpfs_vnodeop_p;
	vp->v_data = node;
	if (node == VFS_TO_RUMPFS(mp)->tm_root)
		vp->v_vflag |= VV_ROOT;
	node->tn_vnode = vp;
	*new_key = &vp->v_data;
	return 0;
}

struct vfsops rumpfs_vfsops = {
	.vfs_name = MOUNT_RUMPFS,
	.vfs_min_mount_data = 0,
	.vfs_mount = rumpfs_mount,
	.vfs_start = rumpfs_start,
	.vfs_unmount = rumpfs_unmount,
	.vfs_root = rumpfs_root,
	.vfs_statvfs = rumpfs_statvfs,
	.vfs_sync = rumpfs_sync,
	.vfs_loadvnode = rumpfs_loadvnode,
	.vfs_opv_descs = rumpfs_vnodeopv_descs,
};

