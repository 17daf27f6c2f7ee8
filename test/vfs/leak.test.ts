/**
 * No leaks: unmounting tmpfs frees all it allocated, and halting a -DD
 * kernel with file systems mounted, files open and directories in use
 * prints an empty leak report.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';
import { linkVfsProgram } from './programs.js';

let tree: Tree;
beforeAll(async () => {
	tree = await realTree({ diagnostic: 2 });
});

describe('memory after unmount and at halt', () => {
	it('frees everything of a mount at unmount and leaves an empty -DD leak report at halt', async () => {
		const prog = await linkVfsProgram(tree, 'leak');
		const r = await run(prog, [], { timeoutMs: 60_000 });
		const m = /kmem in use before mount (\d+) after unmount (\d+)/.exec(r.stdout);
		expect(m).not.toBeNull();
		expect(m?.[2]).toBe(m?.[1]);
		const v = /vnodes before mount (\d+) after unmount (\d+)/.exec(r.stdout);
		expect(v).not.toBeNull();
		expect(v?.[2]).toBe(v?.[1]);
		expect(r.stdout).toContain('failed 0');
		expect(r.stdout).toContain('kmem: no leaks');
		expect(r.stdout).not.toContain('kmem leak:');
		expect(r.stdout).not.toContain('panic');
		expect(r.code).toBe(0);
	});
});
