/*
 * tmpfs: nodes, directory entries and regular file data.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/dirent.h>
#include <sys/kauth.h>
#include <sys/kmem.h>
#include <sys/mount.h>
#include <sys/namei.h>
#include <sys/stat.h>
#include <sys/vnode.h>
#include <sys/vnode_if.h>

#include "tmpfs.h"

static const char tmpfs_zeropage[TMPFS_PAGE_SIZE];

/* Set the times flags names to now. */
void
tmpfs_update(struct tmpfs_node *node, u_int flags)
{
	struct timespec now;

	nanotime(&now);
	if (flags & TMPFS_UPDATE_ATIME)
		node->tn_atime = now;
	if (flags & TMPFS_UPDATE_MTIME)
		node->tn_mtime = now;
	if (flags & TMPFS_UPDATE_CTIME)
		node->tn_ctime = now;
}

/*
 * Allocate a node of type with the given owner and mode; a symlink
 * gets a copy of target.  ENOSPC when the mount has its most nodes.
 */
int
tmpfs_alloc_node(struct tmpfs_mount *tmp, enum vtype type, uid_t uid,
    gid_t gid, mode_t mode, const char *target, struct tmpfs_node **nodep)
{
	struct tmpfs_node *nnode;
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
		nnode->tn_spec.tn_dir.tn_nextcookie = TMPFS_DIRCOOKIE_FIRST;
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
void
tmpfs_free_node(struct tmpfs_mount *tmp, struct tmpfs_node *node)
{
	struct tmpfs_dirent *de;

	switch (node->tn_type) {
	case VDIR:
		while ((de = TAILQ_FIRST(&node->tn_spec.tn_dir.tn_dir)) !=
		    NULL) {
			TAILQ_REMOVE(&node->tn_spec.tn_dir.tn_dir, de,
			    td_entries);
			tmpfs_free_dirent(tmp, de);
		}
		if (node->tn_spec.tn_dir.tn_hashsize > 0)
			kmem_free(node->tn_spec.tn_dir.tn_hash,
			    node->tn_spec.tn_dir.tn_hashsize *
			    sizeof(struct tmpfs_dhead));
		break;
	case VLNK:
		kmem_free(node->tn_spec.tn_lnk.tn_link, node->tn_size + 1);
		break;
	case VREG:
		tmpfs_reg_free_from(tmp, node, 0);
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
int
tmpfs_vnode_get(struct mount *mp, struct tmpfs_node *node, struct vnode **vpp)
{

	return vcache_get(mp, &node, sizeof(node), vpp);
}

int
tmpfs_alloc_dirent(struct tmpfs_mount *tmp, const char *name, uint16_t len,
    struct tmpfs_dirent **dep)
{
	struct tmpfs_dirent *de;

	de = kmem_alloc(sizeof(*de), KM_SLEEP);
	de->td_name = kmem_alloc(len, KM_SLEEP);
	memcpy(de->td_name, name, len);
	de->td_namelen = len;
	de->td_node = NULL;
	de->td_cookie = 0;
	*dep = de;
	return 0;
}

void
tmpfs_free_dirent(struct tmpfs_mount *tmp, struct tmpfs_dirent *de)
{

	kmem_free(de->td_name, de->td_namelen);
	kmem_free(de, sizeof(*de));
}

static uint32_t
tmpfs_dirhash(const char *name, size_t len)
{
	uint32_t h = 2166136261U;
	size_t i;

	for (i = 0; i < len; i++)
		h = (h ^ (uint8_t)name[i]) * 16777619U;
	return h;
}

/* Give directory dnode a name hash of size buckets, moving its entries. */
static void
tmpfs_dir_rehash(struct tmpfs_node *dnode, u_int size)
{
	struct tmpfs_dhead *nh;
	struct tmpfs_dirent *de;
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
void
tmpfs_dir_attach(struct tmpfs_node *dnode, struct tmpfs_dirent *de,
    struct tmpfs_node *node)
{

	u_int hsize = dnode->tn_spec.tn_dir.tn_hashsize;

	KASSERT(dnode->tn_type == VDIR);
	de->td_node = node;
	de->td_cookie = dnode->tn_spec.tn_dir.tn_nextcookie++;
	de->td_hashval = tmpfs_dirhash(de->td_name, de->td_namelen);
	TAILQ_INSERT_TAIL(&dnode->tn_spec.tn_dir.tn_dir, de, td_entries);
	dnode->tn_spec.tn_dir.tn_nentries++;
	/* Keep at most two entries per bucket on average. */
	if (dnode->tn_spec.tn_dir.tn_nentries > 2 * hsize)
		tmpfs_dir_rehash(dnode, hsize == 0 ? TMPFS_DIRHASH_MIN :
		    2 * hsize);
	else
		LIST_INSERT_HEAD(&dnode->tn_spec.tn_dir.tn_hash[de->td_hashval &
		    (hsize - 1)], de, td_hash);
	dnode->tn_size += sizeof(struct tmpfs_dirent);
	node->tn_links++;
	if (node->tn_type == VDIR) {
		node->tn_spec.tn_dir.tn_parent = dnode;
		dnode->tn_links++;
	}
	tmpfs_update(dnode, TMPFS_UPDATE_MTIME | TMPFS_UPDATE_CTIME);
}

/* Take de out of dnode: the reverse of tmpfs_dir_attach. */
void
tmpfs_dir_detach(struct tmpfs_node *dnode, struct tmpfs_dirent *de)
{
	struct tmpfs_node *node = de->td_node;

	if (dnode->tn_spec.tn_dir.tn_readdir_last == de)
		dnode->tn_spec.tn_dir.tn_readdir_last = TAILQ_NEXT(de,
		    td_entries);
	TAILQ_REMOVE(&dnode->tn_spec.tn_dir.tn_dir, de, td_entries);
	LIST_REMOVE(de, td_hash);
	dnode->tn_spec.tn_dir.tn_nentries--;
	dnode->tn_size -= sizeof(struct tmpfs_dirent);
	KASSERT(node->tn_links > 0);
	node->tn_links--;
	if (node->tn_type == VDIR) {
		node->tn_spec.tn_dir.tn_parent = NULL;
		KASSERT(dnode->tn_links > 1);
		dnode->tn_links--;
	}
	de->td_node = NULL;
	tmpfs_update(dnode, TMPFS_UPDATE_MTIME | TMPFS_UPDATE_CTIME);
	tmpfs_update(node, TMPFS_UPDATE_CTIME);
}

/* The entry of dnode named by cnp, or NULL. */
struct tmpfs_dirent *
tmpfs_dir_lookup(struct tmpfs_node *dnode, struct componentname *cnp)
{
	struct tmpfs_dirent *de;
	u_int hsize = dnode->tn_spec.tn_dir.tn_hashsize;
	uint32_t h;

	if (hsize == 0)
		return NULL;
	h = tmpfs_dirhash(cnp->cn_nameptr, cnp->cn_namelen);
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
tmpfs_dir_putdent(struct uio *uio, ino_t id, const char *name, size_t len,
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
tmpfs_dtype(enum vtype type)
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
int
tmpfs_dir_getdents(struct tmpfs_node *dnode, struct uio *uio, int *eofp)
{
	struct tmpfs_dirent *de;
	struct tmpfs_node *parent;
	size_t startresid = uio->uio_resid;
	off_t off = uio->uio_offset;
	int error = 0;

	*eofp = 0;
	if (off < 0)
		return EINVAL;
	if (off == TMPFS_DIRCOOKIE_DOT) {
		error = tmpfs_dir_putdent(uio, dnode->tn_id, ".", 1, DT_DIR);
		if (error != 0)
			goto out;
		off = TMPFS_DIRCOOKIE_DOTDOT;
	}
	if (off == TMPFS_DIRCOOKIE_DOTDOT) {
		parent = dnode->tn_spec.tn_dir.tn_parent;
		if (parent == NULL)
			parent = dnode;
		error = tmpfs_dir_putdent(uio, parent->tn_id, "..", 2, DT_DIR);
		if (error != 0)
			goto out;
		off = TMPFS_DIRCOOKIE_FIRST;
	}
	/* Continue where the last call stopped without searching again. */
	de = dnode->tn_spec.tn_dir.tn_readdir_last;
	if (de == NULL || off != dnode->tn_spec.tn_dir.tn_readdir_lastoff)
		de = TAILQ_FIRST(&dnode->tn_spec.tn_dir.tn_dir);
	for (; de != NULL; de = TAILQ_NEXT(de, td_entries)) {
		if (de->td_cookie < off)
			continue;
		error = tmpfs_dir_putdent(uio, de->td_node->tn_id, de->td_name,
		    de->td_namelen, tmpfs_dtype(de->td_node->tn_type));
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
	tmpfs_update(dnode, TMPFS_UPDATE_ATIME);
	return error;
}

/* How many pages a page tree of height h covers. */
static uint64_t
tmpfs_radix_span(u_int h)
{

	return (uint64_t)1 << (TMPFS_RADIX_SHIFT * h);
}

/* The page pg of a file, NULL for a hole. */
static void *
tmpfs_reg_page(struct tmpfs_node *node, uint64_t pg)
{
	u_int h = node->tn_spec.tn_reg.tn_height;
	void *p = node->tn_spec.tn_reg.tn_pages;

	if (pg >= tmpfs_radix_span(h))
		return NULL;
	for (; h > 0 && p != NULL; h--)
		p = ((void **)p)[(pg >> (TMPFS_RADIX_SHIFT * (h - 1))) &
		    (TMPFS_RADIX_FANOUT - 1)];
	return p;
}

/* The slot of page pg, making the levels of the tree it needs. */
static void **
tmpfs_reg_slot(struct tmpfs_node *node, uint64_t pg)
{
	void **pp, **level;
	u_int h;

	while (pg >= tmpfs_radix_span(node->tn_spec.tn_reg.tn_height)) {
		if (node->tn_spec.tn_reg.tn_pages != NULL) {
			level = kmem_zalloc(TMPFS_RADIX_FANOUT * sizeof(void *),
			    KM_SLEEP);
			level[0] = node->tn_spec.tn_reg.tn_pages;
			node->tn_spec.tn_reg.tn_pages = level;
		}
		node->tn_spec.tn_reg.tn_height++;
	}
	pp = &node->tn_spec.tn_reg.tn_pages;
	for (h = node->tn_spec.tn_reg.tn_height; h > 0; h--) {
		if (*pp == NULL)
			*pp = kmem_zalloc(TMPFS_RADIX_FANOUT * sizeof(void *),
			    KM_SLEEP);
		pp = &((void **)*pp)[(pg >> (TMPFS_RADIX_SHIFT * (h - 1))) &
		    (TMPFS_RADIX_FANOUT - 1)];
	}
	return pp;
}

/* Free the pages from first on in the subtree *pp of height h at base. */
static void
tmpfs_radix_free(struct tmpfs_mount *tmp, struct tmpfs_node *node, void **pp,
    u_int h, uint64_t base, uint64_t first)
{
	void **level = *pp;
	uint64_t span;
	u_int i;

	if (level == NULL)
		return;
	if (h == 0) {
		if (base >= first) {
			kmem_free(level, TMPFS_PAGE_SIZE);
			*pp = NULL;
			node->tn_spec.tn_reg.tn_resident--;
			tmp->tm_pages_used--;
		}
		return;
	}
	span = tmpfs_radix_span(h - 1);
	for (i = 0; i < TMPFS_RADIX_FANOUT; i++) {
		if (base + (i + 1) * span <= first)
			continue;
		tmpfs_radix_free(tmp, node, &level[i], h - 1, base + i * span,
		    first);
	}
	if (base >= first) {
		kmem_free(level, TMPFS_RADIX_FANOUT * sizeof(void *));
		*pp = NULL;
	}
}

/* Free the pages of a regular file from page first on. */
void
tmpfs_reg_free_from(struct tmpfs_mount *tmp, struct tmpfs_node *node,
    uint64_t first)
{

	tmpfs_radix_free(tmp, node, &node->tn_spec.tn_reg.tn_pages,
	    node->tn_spec.tn_reg.tn_height, 0, first);
	if (node->tn_spec.tn_reg.tn_pages == NULL)
		node->tn_spec.tn_reg.tn_height = 0;
}

/*
 * Set the size of a regular file: pages past the end are freed, the
 * tail of the last one is zeroed so a later extension reads zeros;
 * growing allocates nothing (a hole).
 */
int
tmpfs_reg_resize(struct vnode *vp, off_t newsize)
{
	struct tmpfs_mount *tmp = VFS_TO_TMPFS(vp->v_mount);
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);
	void *page;

	KASSERT(vp->v_type == VREG);
	KASSERT(newsize >= 0);
	if (newsize < node->tn_size) {
		tmpfs_reg_free_from(tmp, node,
		    howmany((uint64_t)newsize, TMPFS_PAGE_SIZE));
		if ((newsize & PAGE_MASK) != 0 &&
		    (page = tmpfs_reg_page(node, newsize / TMPFS_PAGE_SIZE)) !=
		    NULL)
			memset((char *)page + (newsize & PAGE_MASK), 0,
			    TMPFS_PAGE_SIZE - (newsize & PAGE_MASK));
	}
	node->tn_size = newsize;
	return 0;
}

/* Read file data at uio_offset, holes as zeros, up to the end of file. */
int
tmpfs_reg_read(struct tmpfs_node *node, struct uio *uio)
{
	off_t off;
	size_t pg, pgoff, len;
	const void *page;
	int error = 0;

	while (uio->uio_resid > 0 && uio->uio_offset < node->tn_size) {
		off = uio->uio_offset;
		pg = off / TMPFS_PAGE_SIZE;
		pgoff = off & (TMPFS_PAGE_SIZE - 1);
		len = MIN(TMPFS_PAGE_SIZE - pgoff, uio->uio_resid);
		if ((off_t)len > node->tn_size - off)
			len = node->tn_size - off;
		page = tmpfs_reg_page(node, pg);
		if (page == NULL)
			page = tmpfs_zeropage;
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
int
tmpfs_reg_write(struct tmpfs_mount *tmp, struct tmpfs_node *node,
    struct uio *uio)
{
	off_t off;
	size_t pg, pgoff, len;
	void *page, **slot;
	int error = 0;

	while (uio->uio_resid > 0) {
		off = uio->uio_offset;
		pg = off / TMPFS_PAGE_SIZE;
		pgoff = off & (TMPFS_PAGE_SIZE - 1);
		len = MIN(TMPFS_PAGE_SIZE - pgoff, uio->uio_resid);
		slot = tmpfs_reg_slot(node, pg);
		page = *slot;
		if (page == NULL) {
			if ((tmp->tm_pages_used + 1) * TMPFS_PAGE_SIZE >
			    tmp->tm_mem_limit) {
				error = ENOSPC;
				break;
			}
			page = kmem_alloc(TMPFS_PAGE_SIZE, KM_SLEEP);
			if (pgoff != 0 || len != TMPFS_PAGE_SIZE)
				memset(page, 0, TMPFS_PAGE_SIZE);
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
int
tmpfs_chmod(struct vnode *vp, mode_t mode, kauth_cred_t cred)
{
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);
	int error;

	error = genfs_can_chmod(vp, cred, node->tn_uid, node->tn_gid, mode);
	if (error != 0)
		return error;
	node->tn_mode = mode & ALLPERMS;
	tmpfs_update(node, TMPFS_UPDATE_CTIME);
	return 0;
}

/*
 * chown: uid or gid VNOVAL stays as it is.  POSIX: a regular file
 * changed by someone other than the superuser loses S_ISUID and S_ISGID.
 */
int
tmpfs_chown(struct vnode *vp, uid_t uid, gid_t gid, kauth_cred_t cred)
{
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);
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
	tmpfs_update(node, TMPFS_UPDATE_CTIME);
	return 0;
}

/* utimes: times with tv_sec VNOVAL stay as they are. */
int
tmpfs_chtimes(struct vnode *vp, const struct timespec *atime,
    const struct timespec *mtime, int vaflags, kauth_cred_t cred)
{
	struct tmpfs_node *node = VP_TO_TMPFS_NODE(vp);
	int error;

	error = genfs_can_chtimes(vp, cred, node->tn_uid, vaflags);
	if (error != 0)
		return error;
	if (atime->tv_sec != VNOVAL)
		node->tn_atime = *atime;
	if (mtime->tv_sec != VNOVAL)
		node->tn_mtime = *mtime;
	tmpfs_update(node, TMPFS_UPDATE_CTIME);
	return 0;
}

/*
 * Create a file, directory or symlink (vap->va_type) named cnp in dvp;
 * *vpp is its vnode, referenced.  Owner: the caller; group: dvp's.
 * ENAMETOOLONG for a name longer than TMPFS_MAXNAMLEN, ENOSPC at the
 * node limit, EMLINK if dvp cannot take another subdirectory.
 */
int
tmpfs_construct_node(struct vnode *dvp, struct vnode **vpp,
    struct vattr *vap, struct componentname *cnp, char *target)
{
	struct tmpfs_mount *tmp = VFS_TO_TMPFS(dvp->v_mount);
	struct tmpfs_node *dnode = VP_TO_TMPFS_NODE(dvp), *node;
	struct tmpfs_dirent *de;
	int error;

	if (cnp->cn_namelen > TMPFS_MAXNAMLEN)
		return ENAMETOOLONG;
	if (vap->va_type == VDIR && dnode->tn_links >= INT32_MAX)
		return EMLINK;
	/* A directory being removed takes no new entries. */
	if (dnode->tn_links == 0)
		return ENOENT;
	error = tmpfs_alloc_node(tmp, vap->va_type,
	    kauth_cred_geteuid(cnp->cn_cred), dnode->tn_gid, vap->va_mode,
	    target, &node);
	if (error != 0)
		return error;
	error = tmpfs_alloc_dirent(tmp, cnp->cn_nameptr, cnp->cn_namelen, &de);
	if (error != 0) {
		tmpfs_free_node(tmp, node);
		return error;
	}
	error = tmpfs_vnode_get(dvp->v_mount, node, vpp);
	if (error != 0) {
		tmpfs_free_dirent(tmp, de);
		tmpfs_free_node(tmp, node);
		return error;
	}
	/* Nothing can fail from here on. */
	tmpfs_dir_attach(dnode, de, node);
	KASSERT(node->tn_links >= 1);
	return 0;
}
