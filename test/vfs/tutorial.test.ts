/**
 * The tutorial's file system steps in a local kernel: fstypes reads
 * "rumpfs tmpfs", the mount list reads as NetBSD's mount(8) prints it,
 * and gdb stopped in tmpfs_mkdir shows the frames and the nameidata
 * the tutorial shows (VOP_MKDIR called from do_sys_mkdirat, "p nd").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';
import { linkVfsProgram } from './programs.js';

let tree: Tree;
let prog: string;
beforeAll(async () => {
	tree = await realTree();
	prog = await linkVfsProgram(tree, 'tutorial');
});

describe('the tutorial in a local kernel', () => {
	it('lists rumpfs and tmpfs as file system types and mounts', async () => {
		const r = await run(prog, []);
		expect(r.stdout).toContain('vfs.generic.fstypes = rumpfs tmpfs\n');
		expect(r.stdout).toContain('rumpfs on / type rumpfs (local)\ntmpfs on /mnt type tmpfs (local)\n');
		expect(r.stdout).toContain('mkdir done');
		expect(r.code).toBe(0);
	});

	it('shows the tutorial\'s gdb session at tmpfs_mkdir', async () => {
		const r = await run('gdb', ['-batch', '-nx', '-ex', 'break tmpfs_mkdir', '-ex', 'run', '-ex', 'bt',
			'-ex', 'up', '-ex', 'up', '-ex', 'p nd', '--args', prog], { timeoutMs: 60_000 });
		const out = r.stdout;
		expect(out).toMatch(/Breakpoint 1, tmpfs_mkdir \(v=0x[0-9a-f]+\) at \S+tmpfs_vnops\.c:\d+/);
		expect(out).toMatch(/#1 .* in VOP_MKDIR \(dvp=.*\) at \S+vnode_if\.c:\d+/);
		expect(out).toMatch(/error = \(VCALL\(dvp, VOFFSET\(vop_mkdir\), &a\)\);/);
		// gdb may name entry values (fdat=fdat@entry=-100).
		expect(out).toMatch(/#2 .* in do_sys_mkdirat \(.*fdat=(?:fdat@entry=)?-100, .*mode=493, seg=(?:seg@entry=)?UIO_USERSPACE\)/);
		expect(out).toContain('error = VOP_MKDIR(nd.ni_dvp, &nd.ni_vp, &nd.ni_cnd, &vattr);');
		expect(out).toMatch(/ni_pnbuf = 0x[0-9a-f]+ "\/mnt\/test"/);
		expect(out).toMatch(/ni_vp = 0x0, ni_dvp = 0x[0-9a-f]+, ni_pathlen = 1, ni_next = 0x[0-9a-f]+ "", ni_loopcnt = 0/);
		expect(out).toMatch(/ni_cnd = \{cn_nameiop = 1, cn_flags = 2146328, cn_cred = 0x[0-9a-f]+, cn_nameptr = 0x[0-9a-f]+ "test", cn_namelen = 4, cn_consume = 0\}/);
	});
});
