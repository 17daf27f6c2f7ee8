/**
 * The errno table: every failure of the VFS system calls on tmpfs gives
 * NetBSD's errno, as root and as an ordinary user, on a -D kernel (so
 * KASSERTs are on).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';
import { linkVfsProgram } from './programs.js';

let tree: Tree;
beforeAll(async () => {
	tree = await realTree({ diagnostic: 1 });
});

describe('errno table', () => {
	it('gives NetBSD\'s errno for each of more than 60 failing calls', async () => {
		const prog = await linkVfsProgram(tree, 'errno');
		const r = await run(prog, [], { timeoutMs: 60_000 });
		const fails = r.stdout.split('\n').filter((l) => l.startsWith('FAIL') || l.startsWith('SETUP'));
		expect(fails).toEqual([]);
		const m = /cases (\d+) failed (\d+)/.exec(r.stdout);
		expect(m).not.toBeNull();
		expect(Number(m?.[1])).toBeGreaterThanOrEqual(60);
		expect(Number(m?.[2])).toBe(0);
		expect(r.code).toBe(0);
	});
});
