/**
 * Halting a -DD rump_server while the elevator carries passengers: the
 * component stops its thread, frees every passenger, the kmem leak
 * report at halt is empty, and the server exits cleanly.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { realTree, type Tree } from '../helpers/tree.js';
import { waitUntil } from '../helpers/wait.js';
import { ctl, elevatorStatus } from './ctl.js';
import { startServer, type Server } from './serve.js';

let tree: Tree;
let server: Server | undefined;
beforeAll(async () => {
	tree = await realTree({ diagnostic: 2 });
});
afterEach(() => {
	server?.kill();
	server = undefined;
});

function waitFor(cond: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
	return waitUntil(cond, 'the condition', timeoutMs);
}

describe('halting a -DD server while the elevator runs', () => {
	it('stops the thread cleanly, with an empty leak report', async () => {
		server = await startServer(tree, ['rumpdev_elevator']);
		const url = server.url;
		expect((await ctl(url, 'sysctl', '-w', 'elevator.delay=2')).code).toBe(0);
		for (let i = 0; i < 20; i++)
			expect((await ctl(url, 'elevator', 'issue', String(i % 4), String(1 + (i % 10)), String(10 - (i % 10)))).code).toBe(0);
		expect((await ctl(url, 'elevator', 'start')).code).toBe(0);
		await waitFor(async () => Number((await elevatorStatus(url)).riding) > 0);

		expect((await ctl(url, 'halt')).code).toBe(0);
		expect(await server.exited).toBe(0);
		const out = server.output();
		expect(out).toMatch(/elevator: halted with [1-9]\d* riding and \d+ waiting/);
		expect(out).toContain('kmem: no leaks');
		expect(out).not.toContain('kmem leak:');
		expect(out).not.toContain('panic');
	});
});
