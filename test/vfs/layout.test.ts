/**
 * <rump/rumptypes.h> has the layout of the kernel's structures: a host
 * program's struct rump_stat (and statvfs, iovec, timeval, timespec,
 * dirent) reads exactly what the kernel's struct stat wrote.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, run } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';
import { VFS_TEST_DIR } from './programs.js';

let tree: Tree;
beforeAll(async () => {
	tree = await realTree();
});

describe('rumptypes.h', () => {
	it('matches the kernel structures field by field', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'rumpkit-layout-'));
		const kobj = path.join(dir, 'layout_kern.o');
		const prog = path.join(dir, 'layout');
		// The kernel's side is compiled as kernel code is.
		const k = await run('gcc', ['-c', '-ffreestanding', '-nostdinc', '-D_KERNEL', '-D_RUMPKERNEL',
			`-I${path.join(REPO, 'kernel', 'include')}`, path.join(VFS_TEST_DIR, 'layout_kern.c'), '-o', kobj]);
		expect(k.stderr).toBe('');
		const h = await run('gcc', ['-Wall', `-I${tree.incdir}`, path.join(VFS_TEST_DIR, 'layout.c'), kobj, '-o', prog]);
		expect(h.stderr).toBe('');
		const r = await run(prog, []);
		expect(r.stdout).toMatch(/fields \d+ mismatches 0/);
		expect(r.code).toBe(0);
	});
});
