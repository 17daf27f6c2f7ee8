/*
 * Vnodes: reference counting and the vnode cache.
 *
 * Every vnode of a mounted file system is in the cache, hashed by its
 * mount and the key its file system chose (tmpfs: the node's address).
 * A vnode whose last reference goes away is kept on the free list while
 * its file still exists, so a later lookup finds it again; beyond
 * desiredvnodes cached vnodes, the oldest are reclaimed.  A vnode whose
 * file is gone (VOP_INACTIVE says recycle) is reclaimed at once.
 *
 * Locking: the VFS lock covers the cache, the free list and the mount
 * vnode lists (sys/vnode.h).
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/atomic.h>
#include <sys/kmem.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vnode.h>
#include <sys/vnode_if.h>

#include "vfs_private.h"

#define	VCACHE_HASHSIZE	4096		/* power of two */

static LIST_HEAD(, vnode) vcache_hash[VCACHE_HASHSIZE];
static TAILQ_HEAD(, vnode) vnode_free_list =
    TAILQ_HEAD_INITIALIZER(vnode_free_list);
static u_int numfree;

u_int	numvnodes;
u_int	desiredvnodes = 1024;

const enum vtype iftovt_tab[16] = {
	VNON, VFIFO, VCHR, VNON, VDIR, VNON, VBLK, VNON,
	VREG, VNON, VLNK, VNON, VSOCK, VNON, VNON, VBAD,
};
const int vttoif_tab[9] = {
	0, S_IFREG, S_IFDIR, S_IFBLK, S_IFCHR, S_IFLNK,
	S_IFSOCK, S_IFIFO, S_IFMT,
};

void
vcache_init(void)
{
	u_int i;

	for (i = 0; i < VCACHE_HASHSIZE; i++)
		LIST_INIT(&vcache_hash[i]);
}

static u_int
vcache_hash_key(const struct mount *mp, const void *key, size_t keylen)
{
	const uint8_t *p = key;
	uint32_t h = 2166136261U;
	uintptr_t m = (uintptr_t)mp;
	size_t i;

	for (i = 0; i < keylen; i++)
		h = (h ^ p[i]) * 16777619U;
	h ^= (uint32_t)(m >> 4) ^ (uint32_t)(m >> 32);
	return h;
}

/*
 * Take another reference on a vnode the caller already holds one on
 * (or that the caller found in the cache under the VFS lock).
 */
void
vref(struct vnode *vp)
{

	KASSERT(vp->v_usecount > 0 || vfs_lock_owned());
	atomic_inc_uint(&vp->v_usecount);
}

/*
 * Drop a reference.  The last one deactivates the vnode: it is either
 * cached on the free list or, if the file system says so, reclaimed.
 * => Caller holds the VFS lock.
 */
void
vrele(struct vnode *vp)
{
	bool recycle;

	KASSERT(vfs_lock_owned());
	KASSERTMSG(vp->v_usecount > 0, "vrele: vnode %p has no references",
	    vp);
	if (atomic_dec_uint_nv(&vp->v_usecount) > 0)
		return;

	recycle = false;
	(void)VOP_INACTIVE(vp, &recycle);
	if (vp->v_usecount > 0)
		return;
	if (recycle || vp->v_mount == NULL ||
	    (vp->v_mount->mnt_iflag & IMNT_GONE) != 0) {
		vgone(vp);
		vfs_teardown();
		return;
	}
	TAILQ_INSERT_TAIL(&vnode_free_list, vp, v_freelist);
	vp->v_iflag |= VI_FREE;
	numfree++;
	while (numfree > desiredvnodes) {
		struct vnode *ovp = TAILQ_FIRST(&vnode_free_list);

		vgone(ovp);
	}
	vfs_teardown();
}

/*
 * Get the vnode of the file key names in mp, referenced: from the cache
 * or newly made by the file system's VFS_LOADVNODE.
 * => Caller holds the VFS lock.
 * Returns 0 or the error of VFS_LOADVNODE.
 */
int
vcache_get(struct mount *mp, const void *key, size_t keylen,
    struct vnode **vpp)
{
	struct vnode *vp;
	const void *newkey;
	u_int hash;
	int error;

	KASSERT(vfs_lock_owned());
	hash = vcache_hash_key(mp, key, keylen);
	LIST_FOREACH(vp, &vcache_hash[hash & (VCACHE_HASHSIZE - 1)], v_hash) {
		if (vp->v_hashval != hash || vp->v_mount != mp ||
		    vp->v_keylen != keylen ||
		    memcmp(vp->v_key, key, keylen) != 0)
			continue;
		if ((vp->v_iflag & VI_FREE) != 0) {
			TAILQ_REMOVE(&vnode_free_list, vp, v_freelist);
			vp->v_iflag &= ~VI_FREE;
			numfree--;
		}
		atomic_inc_uint(&vp->v_usecount);
		*vpp = vp;
		return 0;
	}

	vp = kmem_zalloc(sizeof(*vp), KM_SLEEP);
	vp->v_mount = mp;
	vp->v_usecount = 1;
	vp->v_type = VNON;
	vp->v_iflag = VI_LOADING;
	newkey = NULL;
	error = VFS_LOADVNODE(mp, vp, key, keylen, &newkey);
	if (error != 0) {
		kmem_free(vp, sizeof(*vp));
		return error;
	}
	KASSERT(newkey != NULL);
	KASSERT(vp->v_op != NULL);
	vp->v_iflag &= ~VI_LOADING;
	vp->v_key = newkey;
	vp->v_keylen = keylen;
	vp->v_hashval = hash;
	LIST_INSERT_HEAD(&vcache_hash[hash & (VCACHE_HASHSIZE - 1)], vp,
	    v_hash);
	TAILQ_INSERT_TAIL(&mp->mnt_vnodelist, vp, v_mntvnodes);
	mp->mnt_nvnodes++;
	numvnodes++;
	*vpp = vp;
	return 0;
}

/*
 * Reclaim a vnode: the file system lets go of it (VOP_RECLAIM), it
 * leaves the cache and its mount, and is freed.
 * => Caller holds the VFS lock; nobody else references vp.
 */
void
vgone(struct vnode *vp)
{
	struct mount *mp = vp->v_mount;

	KASSERT(vfs_lock_owned());
	KASSERT((vp->v_iflag & VI_RECLAIMED) == 0);
	if ((vp->v_iflag & VI_DEAD) != 0) {
		/* Revoked: already out of the cache and its mount. */
		numvnodes--;
		kmem_free(vp, sizeof(*vp));
		return;
	}
	if ((vp->v_iflag & VI_FREE) != 0) {
		TAILQ_REMOVE(&vnode_free_list, vp, v_freelist);
		vp->v_iflag &= ~VI_FREE;
		numfree--;
	}
	vp->v_iflag |= VI_RECLAIMED;
	(void)VOP_RECLAIM(vp);
	LIST_REMOVE(vp, v_hash);
	if (mp != NULL) {
		TAILQ_REMOVE(&mp->mnt_vnodelist, vp, v_mntvnodes);
		mp->mnt_nvnodes--;
	}
	numvnodes--;
	kmem_free(vp, sizeof(*vp));
}

/*
 * Reclaim the vnodes of mp.  A referenced vnode other than skipvp makes
 * it EBUSY (nothing is reclaimed then), unless FORCECLOSE: then vnodes
 * in use become dead (vrevoke_dead) and are freed when released.
 * => Caller holds the VFS lock.
 */
int
vflush(struct mount *mp, struct vnode *skipvp, int flags)
{
	struct vnode *vp, *nvp;

	KASSERT(vfs_lock_owned());
	if ((flags & FORCECLOSE) == 0) {
		TAILQ_FOREACH(vp, &mp->mnt_vnodelist, v_mntvnodes) {
			if (vp != skipvp && vp->v_usecount > 0)
				return EBUSY;
		}
	}
	TAILQ_FOREACH_SAFE(vp, &mp->mnt_vnodelist, v_mntvnodes, nvp) {
		if (vp == skipvp)
			continue;
		if (vp->v_usecount == 0)
			vgone(vp);
		else if ((flags & FORCECLOSE) != 0)
			vrevoke_dead(vp);
	}
	return 0;
}

void
vattr_null(struct vattr *vap)
{

	memset(vap, 0, sizeof(*vap));
	vap->va_type = VNON;
	vap->va_mode = VNOVAL;
	vap->va_nlink = VNOVAL;
	vap->va_uid = VNOVAL;
	vap->va_gid = VNOVAL;
	vap->va_fsid = VNOVAL;
	vap->va_fileid = VNOVAL;
	vap->va_size = VNOVAL;
	vap->va_blocksize = VNOVAL;
	vap->va_atime.tv_sec = vap->va_atime.tv_nsec = VNOVAL;
	vap->va_mtime.tv_sec = vap->va_mtime.tv_nsec = VNOVAL;
	vap->va_ctime.tv_sec = vap->va_ctime.tv_nsec = VNOVAL;
	vap->va_birthtime.tv_sec = vap->va_birthtime.tv_nsec = VNOVAL;
	vap->va_gen = VNOVAL;
	vap->va_flags = VNOVAL;
	vap->va_rdev = VNOVAL;
	vap->va_bytes = VNOVAL;
	vap->va_filerev = VNOVAL;
	vap->va_vaflags = 0;
}
