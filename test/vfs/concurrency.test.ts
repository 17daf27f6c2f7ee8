/**
 * Processes of one -DD kernel working in one tmpfs at once: private
 * files read back what was written, races in a shared directory give
 * only the errors they explain, the file system unmounts afterwards and
 * the leak report at halt is empty (LOCKDEBUG checks every lock).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';
import { linkVfsProgram } from './programs.js';

let tree: Tree;
beforeAll(async () => {
	tree = await realTree({ diagnostic: 2 });
});

describe('concurrent processes', () => {
	it('keep files, names and references consistent', async () => {
		const prog = await linkVfsProgram(tree, 'concurrency', ['-pthread']);
		const r = await run(prog, ['6', '3000'], { timeoutMs: 60_000 });
		expect(r.stdout.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([]);
		expect(r.stdout).toContain('threads 6 ops 3000 failed 0');
		expect(r.stdout).toContain('kmem: no leaks');
		expect(r.stdout).not.toContain('panic');
		expect(r.code).toBe(0);
	});
});
