/**
 * valgrind's memcheck over rump_server running the tutorial's commands:
 * no invalid reads or writes, no use of uninitialised memory, nothing
 * definitely leaked, with suppressions only for the documented host-side
 * allocations in valgrind.supp.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realTree, type Tree } from '../helpers/tree.js';
import { ctl } from '../server/realserver.js';
import { startCrashServer, type CrashServer } from './crashserver.js';
import { needTool } from './host.js';

const SUPP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'valgrind.supp');
let tree: Tree;
let s: CrashServer | undefined;

beforeAll(async () => {
	needTool('valgrind');
	tree = await realTree();
});

afterAll(async () => {
	if (s !== undefined) {
		s.kill();
		await s.exited;
		rmSync(s.dir, { recursive: true, force: true });
	}
});

describe('valgrind', () => {
	it('finds no memory errors in rump_server running the tutorial', async () => {
		s = await startCrashServer(tree, ['-lrumpvfs', '-lrumpfs_tmpfs'], {
			wrapper: ['valgrind', '-q', '--log-file=vg.log', `--suppressions=${SUPP}`, '--leak-check=full',
				'--show-leak-kinds=definite', '--errors-for-leak-kinds=definite', '--error-exitcode=99', '--track-origins=yes'],
		});
		const cmds = [['sysctl', 'vfs.generic.fstypes'], ['mkdir', '/mnt'], ['mount_tmpfs', 'swap', '/mnt'], ['mount'],
			['mkdir', '/mnt/test'], ['ls', '-l', '/mnt'], ['touch', '/mnt/test/f'], ['mv', '/mnt/test/f', '/mnt/g'],
			['rm', '/mnt/g'], ['rmdir', '/mnt/test'], ['mkdir', '/mnt/test'], ['mkdir', '/mnt/test'], ['umount', '/mnt']];
		for (const c of cmds) {
			const r = await ctl(s, c);
			expect(r.stderr, c.join(' ')).toBe(c[0] === 'mkdir' && r.code !== 0 ? 'mkdir: /mnt/test: File exists\n' : '');
		}
		expect((await ctl(s, ['halt'])).code).toBe(0);
		const exit = await s.exited;
		const log = readFileSync(path.join(s.dir, 'vg.log'), 'utf8');
		expect(log).not.toMatch(/Invalid (read|write|free)/);
		expect(log).not.toMatch(/uninitialised/);
		expect(log).not.toMatch(/definitely lost/);
		expect(log, log).toBe('');
		expect(exit).toEqual({ code: 0, signal: null });
	}, 180_000);
});
