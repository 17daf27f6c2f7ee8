/*
 * tmpfs: mounting, the file system operations and the component that
 * attaches the "tmpfs" file system type.
 */
#include <sys/param.h>
#include <sys/systm.h>
#include <sys/kauth.h>
#include <sys/kmem.h>
#include <sys/mount.h>
#include <sys/rump_component.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/vnode.h>
#include <sys/vnode_if.h>

#include "tmpfs.h"

extern const struct vnodeopv_desc tmpfs_vnodeop_opv_desc;

static const struct vnodeopv_desc * const tmpfs_vnodeopv_descs[] = {
	&tmpfs_vnodeop_opv_desc,
	NULL,
};

/*
 * Mount: data is a struct tmpfs_args.  Size 0 means TMPFS_DEFAULT_SIZE,
 * nodes 0 one node per KiB of size.  EINVAL for a bad version or size.
 */
static int
tmpfs_mount(struct mount *mp, const char *path, void *data, size_t *data_len)
{
	struct tmpfs_args *args = data;
	struct tmpfs_mount *tmp;
	struct tmpfs_node *root;
	uint64_t size;
	ino_t nodes;
	int error;

	if (args == NULL || *data_len < sizeof(*args))
		return EINVAL;
	if (args->ta_version != TMPFS_ARGS_VERSION)
		return EINVAL;
	if (args->ta_size_max < 0)
		return EINVAL;
	size = args->ta_size_max == 0 ? TMPFS_DEFAULT_SIZE :
	    roundup2((uint64_t)args->ta_size_max, TMPFS_PAGE_SIZE);
	if (size < TMPFS_PAGE_SIZE)
		return EINVAL;
	nodes = args->ta_nodes_max;
	if (nodes == 0)
		nodes = 3 + size / 1024;
	if (nodes < 3)
		return EINVAL;

	tmp = kmem_zalloc(sizeof(*tmp), KM_SLEEP);
	tmp->tm_mem_limit = size;
	tmp->tm_nodes_max = nodes;
	tmp->tm_nextid = 2;
	LIST_INIT(&tmp->tm_nodes);
	error = tmpfs_alloc_node(tmp, VDIR, args->ta_root_uid,
	    args->ta_root_gid, args->ta_root_mode & ALLPERMS, NULL, &root);
	if (error != 0) {
		kmem_free(tmp, sizeof(*tmp));
		return error;
	}
	/* The root is its own parent and has a name: itself, from above. */
	root->tn_spec.tn_dir.tn_parent = root;
	root->tn_links++;
	tmp->tm_root = root;

	mp->mnt_data = tmp;
	mp->mnt_flag |= MNT_LOCAL;
	mp->mnt_stat.f_namemax = TMPFS_MAXNAMLEN;
	strlcpy(mp->mnt_stat.f_mntfromname, "tmpfs",
	    sizeof(mp->mnt_stat.f_mntfromname));
	return 0;
}

static int
tmpfs_start(struct mount *mp, int flags)
{

	return 0;
}

/* Unmount: the VFS reclaimed every vnode; free every node. */
static int
tmpfs_unmount(struct mount *mp, int mntflags)
{
	struct tmpfs_mount *tmp = VFS_TO_TMPFS(mp);
	struct tmpfs_node *node;

	while ((node = LIST_FIRST(&tmp->tm_nodes)) != NULL) {
		KASSERT(node->tn_vnode == NULL);
		tmpfs_free_node(tmp, node);
	}
	KASSERT(tmp->tm_pages_used == 0);
	KASSERT(tmp->tm_nodes_cnt == 0);
	kmem_free(tmp, sizeof(*tmp));
	mp->mnt_data = NULL;
	return 0;
}

static int
tmpfs_root(struct mount *mp, int lktype, struct vnode **vpp)
{

	return tmpfs_vnode_get(mp, VFS_TO_TMPFS(mp)->tm_root, vpp);
}

/*
 * The figures: size and free space in pages of data, files and free
 * files against the node limit.
 */
static int
tmpfs_statvfs(struct mount *mp, struct statvfs *sbp)
{
	struct tmpfs_mount *tmp = VFS_TO_TMPFS(mp);
	uint64_t total = tmp->tm_mem_limit / TMPFS_PAGE_SIZE;

	sbp->f_bsize = TMPFS_PAGE_SIZE;
	sbp->f_frsize = TMPFS_PAGE_SIZE;
	sbp->f_iosize = TMPFS_PAGE_SIZE;
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
tmpfs_sync(struct mount *mp, int waitfor, kauth_cred_t cred)
{

	return 0;
}

/* Attach a new vnode to the node the key (a node pointer) names. */
static int
tmpfs_loadvnode(struct mount *mp, struct vnode *vp, const void *key,
    size_t key_len, const void **new_key)
{
	struct tmpfs_node *node;

	KASSERT(key_len == sizeof(node));
	memcpy(&node, key, key_len);
	KASSERT(node->tn_vnode == NULL);
	vp->v_tag = VT_TMPFS;
	vp->v_type = node->tn_type;
	vp->v_op = tmpfs_vnodeop_p;
	vp->v_data = node;
	if (node == VFS_TO_TMPFS(mp)->tm_root)
		vp->v_vflag |= VV_ROOT;
	node->tn_vnode = vp;
	*new_key = &vp->v_data;
	return 0;
}

struct vfsops tmpfs_vfsops = {
	.vfs_name = MOUNT_TMPFS,
	.vfs_min_mount_data = sizeof(struct tmpfs_args),
	.vfs_mount = tmpfs_mount,
	.vfs_start = tmpfs_start,
	.vfs_unmount = tmpfs_unmount,
	.vfs_root = tmpfs_root,
	.vfs_statvfs = tmpfs_statvfs,
	.vfs_sync = tmpfs_sync,
	.vfs_loadvnode = tmpfs_loadvnode,
	.vfs_opv_descs = tmpfs_vnodeopv_descs,
};

static void
tmpfs_modfini(void)
{

	(void)vfs_detach(&tmpfs_vfsops);
}

RUMP_COMPONENT_FULL(RUMP_COMPONENT_FS, rumpfs_tmpfs, "rumpvfs", 0,
    tmpfs_modfini)
{

	return vfs_attach(&tmpfs_vfsops);
}
