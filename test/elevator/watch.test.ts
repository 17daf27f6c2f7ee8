/**
 * rumpmake watch with the elevator, not a file system: a change to the
 * component's header rebuilds it, the server restarts on the same socket
 * and the replay script (rumpctrl elevator commands) brings the running
 * elevator back. On a private copy of the tree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { waitUntil } from '../helpers/wait.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../buildrump/logger.js';
import type { WatchSession } from '../../rumpmake/watch.js';
import { runTool } from '../helpers/run.js';
import { watchTreeCopy } from '../helpers/treecopy.js';

let root: string;
let session: WatchSession | undefined;
const log = createMemoryLogger('info');

function until(what: string, cond: () => boolean, ms = 90_000): Promise<void> {
	return waitUntil(cond, what, ms, () => `log:\n${log.lines.slice(-40).join('\n')}`);
}

async function sysctl(name: string): Promise<string> {
	const r = await runTool('rumpctrl', ['sysctl', '-n', name], { cwd: root, env: { ...process.env, RUMP_SERVER: 'unix://ctrl' } });
	expect(r.stderr).toBe('');
	return r.stdout.trim();
}

beforeAll(async () => {
	({ root, session } = await watchTreeCopy({ prefix: 'rumpkit-elev-tree-', log, serverArgs: ['-lrumpdev_elevator'],
		replay: 'sysctl -w elevator.delay=1\nelevator issue bellhop 3 7\nelevator start\n' }));
});

afterAll(async () => {
	await session?.stop();
});

describe('rumpmake watch with the elevator', () => {
	it('replays the elevator commands at start', async () => {
		expect(log.lines).toContain('rumpctrl$ elevator start');
		expect(await sysctl('elevator.maxload')).toBe('16');
		expect(await sysctl('elevator.issued')).toBe('1');
	});

	it('rebuilds the component after a header edit and brings the running elevator back', async () => {
		if (session === undefined)
			throw new Error('no watch session');
		await session.idle();
		log.lines.length = 0;
		const defs = path.join(root, 'components/examples/elevator/elevator_defs.h');
		const src = readFileSync(defs, 'utf8');
		expect(src).toMatch(/#define\tELEVATOR_MAXLOAD\t16\b/);
		writeFileSync(defs, src.replace(/(#define\tELEVATOR_MAXLOAD\t)16\b/, '$112'));
		await until('serving again', () => log.lines.some((l) =>
			/components\/examples\/elevator\/elevator_defs\.h changed; rebuilt .*rumpdev_elevator.*; serving again \d+ ms after the save/.test(l)));
		expect(log.lines).toContain('rumpctrl$ elevator start');
		expect(await sysctl('elevator.maxload')).toBe('12');
		expect(await sysctl('elevator.issued')).toBe('1');
		expect(await sysctl('elevator.state')).not.toBe('offline');
	});
});
