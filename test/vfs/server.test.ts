/**
 * The same checks through rump_server: the errno table, the semantics
 * and the model test run as sysproxy clients of a -D server (KASSERTs on) with
 * librumpvfs and librumpfs_tmpfs, so every path, buffer and structure
 * crosses the protocol; four model clients at once work on rumpfs.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';
import { linkVfsClient } from './programs.js';
import { startVfsServer, type VfsServer } from './server.js';

let tree: Tree;
let server: VfsServer | undefined;
const dirs: string[] = [];
beforeAll(async () => {
	tree = await realTree({ diagnostic: 1 });
});
afterEach(async () => {
	await server?.kill();
	server = undefined;
	for (const d of dirs.splice(0))
		rmSync(d, { recursive: true, force: true });
});

async function runClient(name: string, args: string[] = []): Promise<string> {
	const prog = await linkVfsClient(tree, name);
	server = await startVfsServer(tree);
	return checkClient(prog, args);
}

async function checkClient(prog: string, args: string[]): Promise<string> {
	if (server === undefined)
		throw new Error('no server');
	const r = await run(prog, args, { env: { ...process.env, RUMP_SERVER: server.url }, timeoutMs: 60_000 });
	const bad = r.stdout.split('\n').filter((l) => /^(FAIL|SETUP|MISMATCH|setup failed)/.test(l));
	expect(bad, server.output()).toEqual([]);
	expect(server.output()).not.toContain('panic');
	expect(r.code).toBe(0);
	return r.stdout;
}

function hostDir(): string {
	const d = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'rumpkit-model-'));
	dirs.push(d);
	return d;
}

describe('the VFS through rump_server', () => {
	it('gives the errno table\'s answers to a client', async () => {
		expect(await runClient('errno')).toMatch(/cases \d+ failed 0/);
	});

	it('keeps POSIX semantics for a client', async () => {
		expect(await runClient('semantics')).toMatch(/checks \d+ failed 0/);
	});

	it('agrees with the host in the model test for a client (seed 4242)', async () => {
		expect(await runClient('model', [hostDir(), '4242', '1500'])).toContain('mismatches 0');
	});

	it('agrees with the host for four clients at once on rumpfs', async () => {
		const prog = await linkVfsClient(tree, 'model');
		server = await startVfsServer(tree);
		const outs = await Promise.all([0, 1, 2, 3].map((k) =>
			checkClient(prog, [hostDir(), String(100 + k), '1500', `/c${k}`])));
		for (const [k, out] of outs.entries())
			expect(out).toContain(`seed ${100 + k} ops 1500 mismatches 0`);
	});
});
