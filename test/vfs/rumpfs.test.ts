/**
 * kernel/vfs/rumpfs.c is tmpfs's code as test/vfs/rumpfs-gen.ts makes
 * it: a fix to tmpfs reaches the root file system too. With
 * RUMPFS_UPDATE=1 the test writes rumpfs.c instead of failing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/run.js';
import { rumpfsFromTmpfs } from './rumpfs-gen.js';

const TMPFS = path.join(REPO, 'components', 'fs', 'tmpfs');
const RUMPFS = path.join(REPO, 'kernel', 'vfs', 'rumpfs.c');

describe('rumpfs', () => {
	it('is made from tmpfs\'s current sources', () => {
		const made = rumpfsFromTmpfs({
			header: readFileSync(path.join(TMPFS, 'tmpfs.h'), 'utf8'),
			subr: readFileSync(path.join(TMPFS, 'tmpfs_subr.c'), 'utf8'),
			vnops: readFileSync(path.join(TMPFS, 'tmpfs_vnops.c'), 'utf8'),
			vfsops: readFileSync(path.join(TMPFS, 'tmpfs_vfsops.c'), 'utf8'),
		});
		if (process.env.RUMPFS_UPDATE === '1')
			writeFileSync(RUMPFS, made);
		expect(readFileSync(RUMPFS, 'utf8'), 'kernel/vfs/rumpfs.c is out of date: RUMPFS_UPDATE=1 npx vitest run test/vfs/rumpfs.test.ts').toBe(made);
	});
});
