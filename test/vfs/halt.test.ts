/**
 * Halting a -DD rump_server whose file systems are in use (tmpfs
 * mounted, a client's file open and cwd inside it, files on rumpfs):
 * the VFS lets go of everything and the leak report is empty.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';
import { linkVfsClient } from './programs.js';
import { startVfsServer, type VfsServer } from './server.js';

let tree: Tree;
let server: VfsServer | undefined;
beforeAll(async () => {
	tree = await realTree({ diagnostic: 2 });
});
afterEach(async () => {
	await server?.kill();
	server = undefined;
});

describe('halting a server with file systems in use', () => {
	it('prints an empty -DD leak report', async () => {
		const prog = await linkVfsClient(tree, 'halt');
		server = await startVfsServer(tree);
		const r = await run(prog, [], { env: { ...process.env, RUMP_SERVER: server.url }, timeoutMs: 60_000 });
		expect(r.stdout).toContain('halting');
		expect(await server.exited).toBe(0);
		const out = server.output();
		expect(out).toContain('rump kernel halting...');
		expect(out).toContain('kmem: no leaks');
		expect(out).not.toContain('kmem leak:');
		expect(out).not.toContain('panic');
	});
});
