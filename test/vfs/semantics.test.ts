/**
 * POSIX semantics of tmpfs through the VFS in a local -D kernel: data
 * through writes, holes and truncation, sparse files past 4 GiB, hard
 * and symbolic links, rename, directory reading while entries go,
 * timestamps, modes and the umask, the *at calls and the cwd, and
 * statvfs figures that follow what is written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';
import { linkVfsProgram } from './programs.js';

let tree: Tree;
beforeAll(async () => {
	tree = await realTree({ diagnostic: 1 });
});

describe('tmpfs semantics', () => {
	it('reads back data, links, times, modes, directories and space as POSIX says', async () => {
		const prog = await linkVfsProgram(tree, 'semantics');
		const r = await run(prog, [], { timeoutMs: 60_000 });
		const fails = r.stdout.split('\n').filter((l) => l.startsWith('FAIL') || l.startsWith('SETUP'));
		expect(fails).toEqual([]);
		expect(r.stdout).toMatch(/checks \d+ failed 0/);
		expect(r.code).toBe(0);
	});
});
