/**
 * rumpfs (kernel/vfs/rumpfs.c) is tmpfs's code made into the root file
 * system of librumpvfs, which cannot depend on librumpfs_tmpfs: one
 * file, everything static, names rumpfs_*, no mount arguments, a fixed
 * size. This is the transformation, pure: tmpfs's sources in, rumpfs.c
 * out. rumpfs.test.ts checks that rumpfs.c is what it makes.
 */

export interface TmpfsSources {
	header: string;
	subr: string;
	vnops: string;
	vfsops: string;
}

function between(s: string, from: string, to: string): string {
	const i = s.indexOf(from);
	const j = s.indexOf(to, i);
	if (i < 0 || j < 0)
		throw new Error(`rumpfs-gen: tmpfs sources changed shape: cannot find ${JSON.stringify(i < 0 ? from : to)}`);
	return s.slice(i, j);
}

/** What follows the #include "tmpfs.h" line. */
function body(s: string): string {
	const inc = '#include "tmpfs.h"\n';
	const i = s.indexOf(inc);
	if (i < 0)
		throw new Error('rumpfs-gen: a tmpfs source does not include tmpfs.h');
	return s.slice(i + inc.length);
}

const PROLOGUE = `/*
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

`;

const ROOT_MOUNT = `/*
 * Mount the root file system: no arguments; it holds up to 4 GiB of
 * file data (XXX the host's memory is not known here) and one node per
 * KiB of that, which statvfs reports.
 */
static int
tmpfs_mount(struct mount *mp, const char *path, void *data, size_t *data_len)
{
	struct tmpfs_mount *tmp;
	struct tmpfs_node *root;
	int error;

	tmp = kmem_zalloc(sizeof(*tmp), KM_SLEEP);
	tmp->tm_mem_limit = 4ULL * 1024 * 1024 * 1024;
	tmp->tm_nodes_max = 3 + tmp->tm_mem_limit / 1024;
	tmp->tm_nextid = 2;
	LIST_INIT(&tmp->tm_nodes);
	error = tmpfs_alloc_node(tmp, VDIR, 0, 0, 0755, NULL, &root);
	if (error != 0) {
		kmem_free(tmp, sizeof(*tmp));
		return error;
	}
	root->tn_spec.tn_dir.tn_parent = root;
	root->tn_links++;
	tmp->tm_root = root;

	mp->mnt_data = tmp;
	mp->mnt_flag |= MNT_LOCAL;
	mp->mnt_stat.f_namemax = TMPFS_MAXNAMLEN;
	strlcpy(mp->mnt_stat.f_mntfromname, "rumpfs",
	    sizeof(mp->mnt_stat.f_mntfromname));
	return 0;
}

`;

export function rumpfsFromTmpfs(src: TmpfsSources): string {
	const h = src.header;
	let hb = between(h, '#define\tTMPFS_MAXNAMLEN', 'extern int (**tmpfs_vnodeop_p)');
	hb = hb.replace(/\/\* Default size limit.*?\n#define\tTMPFS_DEFAULT_SIZE[^\n]*\n/s, '');
	let protos = between(h, '/* tmpfs_subr.c */', '#endif');
	protos = protos.replace(/\/\* tmpfs_\w+\.c \*\/\n/g, '');
	protos = protos.replace(/(^|\n)(int|void|struct tmpfs_dirent \*)\t?(tmpfs_)/g, '$1static $2 $3');
	protos = protos.replaceAll('static struct tmpfs_dirent * tmpfs', 'static struct tmpfs_dirent *tmpfs');

	let vfsb = body(src.vfsops);
	const start = vfsb.indexOf('/*\n * Mount: data is');
	const end = vfsb.indexOf('static int\ntmpfs_start');
	if (start < 0 || end < 0)
		throw new Error('rumpfs-gen: tmpfs_vfsops.c changed shape around tmpfs_mount');
	vfsb = vfsb.slice(0, start) + ROOT_MOUNT + vfsb.slice(end);
	const fini = vfsb.indexOf('static void\ntmpfs_modfini');
	if (fini < 0)
		throw new Error('rumpfs-gen: tmpfs_vfsops.c has no tmpfs_modfini');
	vfsb = vfsb.slice(0, fini);
	vfsb = vfsb.replace('.vfs_name = MOUNT_TMPFS,\n\t.vfs_min_mount_data = sizeof(struct tmpfs_args),',
		'.vfs_name = MOUNT_RUMPFS,\n\t.vfs_min_mount_data = 0,');
	vfsb = vfsb.replace('VT_TMPFS', 'VT_RUMP');
	vfsb = vfsb.replace('extern const struct vnodeopv_desc tmpfs_vnodeop_opv_desc;\n\n', '');
	const vnb = body(src.vnops).replace('int (**tmpfs_vnodeop_p)(void *);\n\n', '');

	let out = hb + 'static int (**tmpfs_vnodeop_p)(void *);\n\n' + protos + body(src.subr) + vnb + vfsb;
	out = out.replace(/\n(int|void|struct tmpfs_dirent \*)\ntmpfs_/g, '\nstatic $1\ntmpfs_');
	out = out.replace(/\nconst struct vnodeopv_(entry_desc|desc) tmpfs_/g, '\nstatic const struct vnodeopv_$1 tmpfs_');
	return PROLOGUE + out.replaceAll('tmpfs', 'rumpfs').replaceAll('TMPFS', 'RUMPFS');
}
