/**
 * The elevator in a rump_server: two remote clients issue a few hundred
 * random requests at once while the car runs, stop delivers everyone,
 * and the sysctl status adds up. Without the component the calls are
 * ENOSYS, and rumpctrl says so. The server is a -DD kernel: KASSERTs
 * and lock checks are on.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { linkLocalProgram } from '../helpers/cprog.js';
import { run, runTool } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';
import { ctl, elevatorStatus, nlwps } from './ctl.js';
import { startServer, type Server } from './serve.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

let tree: Tree;
let client: string;
let servers: Server[] = [];
beforeAll(async () => {
	tree = await realTree({ diagnostic: 2 });
	client = await linkLocalProgram(tree, { source: path.join(HERE, 'client.c'), client: true });
});
afterEach(() => {
	for (const s of servers)
		s.kill();
	servers = [];
});

async function serve(libs: string[]): Promise<Server> {
	const s = await startServer(tree, libs);
	servers.push(s);
	return s;
}

function runClient(url: string, args: string[]): ReturnType<typeof run> {
	return run(client, args, { env: { ...process.env, RUMP_SERVER: url }, timeoutMs: 60_000 });
}

describe('a server without the elevator', () => {
	it('answers the three calls with ENOSYS, and rumpctrl says Function not implemented', async () => {
		const s = await serve([]);
		const c = await runClient(s.url, ['enosys']);
		expect(c.stderr).toBe('');
		expect(c.stdout).toBe('enosys ok\n');
		for (const args of [['start'], ['issue', 'adult', '1', '5'], ['stop']]) {
			const r = await ctl(s.url, 'elevator', ...args);
			expect(r).toEqual({ code: 1, out: '', err: `elevator: ${args[0]}: Function not implemented\n` });
		}
		const cli = await runTool('rumpctrl', ['elevator', 'start'], { env: { ...process.env, RUMP_SERVER: s.url }, timeoutMs: 60_000 });
		expect(cli).toMatchObject({ code: 1, stdout: '', stderr: 'elevator: start: Function not implemented\n' });
		expect((await ctl(s.url, 'sysctl', 'elevator')).err).toBe("sysctl: top level name 'elevator' in 'elevator' is invalid\n");
		expect((await ctl(s.url, 'halt')).code).toBe(0);
		expect(await s.exited).toBe(0);
	});
});

describe('a server with the elevator', () => {
	it('serves a few hundred random requests from two clients exactly once, never overloaded', async () => {
		const s = await serve(['rumpdev_elevator']);
		expect(await elevatorStatus(s.url)).toMatchObject({ state: 'offline', floor: '1', maxload: '16', serviced: '0' });
		expect((await ctl(s.url, 'sysctl', '-w', 'elevator.delay=1')).code).toBe(0);

		const base = await nlwps(s.url, 0);
		expect(await ctl(s.url, 'elevator', 'start')).toEqual({ code: 0, out: '', err: '' });
		expect(await ctl(s.url, 'elevator', 'start')).toEqual({ code: 1, out: '', err: 'elevator: start: Device busy\n' });
		expect(await nlwps(s.url, 0)).toBe(base + 1);
		expect((await ctl(s.url, 'elevator', 'issue', 'bellhop', '0', '3')).err).toBe('elevator: issue: Invalid argument\n');

		// Watch the load while the clients run.
		let running = true;
		const loads: number[] = [];
		const watcher = (async () => {
			while (running)
				loads.push(Number((await elevatorStatus(s.url)).load));
		})();
		const [a, b] = await Promise.all([runClient(s.url, ['issue', '1', '150']), runClient(s.url, ['issue', '2', '150'])]);
		running = false;
		await watcher;
		expect([a.stderr, b.stderr]).toEqual(['', '']);
		expect([a.stdout, b.stdout]).toEqual(['issued 150\n', 'issued 150\n']);
		expect(loads.length).toBeGreaterThan(0);
		expect(Math.max(...loads)).toBeLessThanOrEqual(16);

		// Stop returns once every passenger is delivered, then the thread is gone.
		expect(await ctl(s.url, 'elevator', 'stop')).toEqual({ code: 0, out: '', err: '' });
		const st = await elevatorStatus(s.url);
		expect(st).toMatchObject({ state: 'offline', issued: '300', serviced: '300', waiting: '0', riding: '0', load: '0', stopping: '0' });
		expect(Number(st.peakload)).toBeGreaterThan(0);
		expect(Number(st.peakload)).toBeLessThanOrEqual(16);
		expect(await nlwps(s.url, 0)).toBe(base);

		expect((await ctl(s.url, 'halt')).code).toBe(0);
		expect(await s.exited).toBe(0);
		expect(s.output()).toContain('kmem: no leaks');
		expect(s.output()).not.toContain('panic');
	});
});
