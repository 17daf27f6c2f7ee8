import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitUntil } from '../helpers/wait.js';
import { createMemoryLogger } from '../../buildrump/logger.js';
import { readSavedConfig } from '../../buildrump/tooldir.js';
import { createWatch, type WatchSession } from '../../rumpmake/watch.js';
import { MINI_KERNEL, writeTree } from '../helpers/fixture.js';
import { buildTreeAt } from '../helpers/treecopy.js';
import { REPO } from '../helpers/run.js';

const FAKE = path.join(REPO, 'test/fixtures/fake-server.mjs');

function until(what: string, cond: () => boolean, ms = 60_000): Promise<void> {
	return waitUntil(cond, what, ms);
}

let session: WatchSession | undefined;
afterEach(async () => {
	await session?.stop();
	session = undefined;
});

async function start(): Promise<{ root: string; log: ReturnType<typeof createMemoryLogger>; src: string }> {
	const root = writeTree({ ...MINI_KERNEL, 'components/fs/demo/demo.c': 'const char demo_marker[] = "marker-one";\nint demo_hello(void) { return 1; }\n' });
	const log = createMemoryLogger('info');
	await buildTreeAt(root);
	const build = readSavedConfig(path.join(root, 'obj'));
	session = createWatch({
		build, logger: log, cwd: root, debounceMs: 200, rumpctrl: ['true'],
		servers: [[FAKE, '-lrumpfs_demo', 'unix://ctrl'], [FAKE, '-lrumpdev_other', 'unix://other']],
		env: { ...process.env, FAKE_LIBDIR: path.join(root, 'rump', 'lib') },
	});
	await session.ready;
	return { root, log, src: path.join(root, 'components/fs/demo/demo.c') };
}

describe('rumpmake watch', () => {
	it('rebuilds on save, restarts only the server using the component, and times it', async () => {
		const { log, src } = await start();
		expect(log.lines.some((l) => /loaded rumpfs_demo with marker-one/.test(l))).toBe(true);
		const otherStarts = (): number => log.lines.filter((l) => /loaded rumpdev_other/.test(l)).length;
		expect(otherStarts()).toBe(1);
		const cycle = session!.nextCycle();
		writeFileSync(src, readFileSync(src, 'utf8').replace('marker-one', 'marker-two'));
		const t = await cycle;
		expect(t).not.toBeNull();
		expect(log.lines).toContain('    compile  libdemo/demo.pico');
		await until('the restarted server', () => log.lines.some((l) => /loaded rumpfs_demo with marker-two/.test(l)));
		const status = log.lines.find((l) => l.startsWith('rumpmake watch: components/fs/demo/demo.c changed; rebuilt rumpfs_demo; serving again'));
		expect(status).toMatch(/serving again \d+ ms after the save \(build \d+ ms, install \d+ ms, restart \d+ ms, replay \d+ ms\)/);
		expect(otherStarts()).toBe(1);
	});

	it('keeps the old server running when the edit does not compile', async () => {
		const { root, log, src } = await start();
		const cycle = session!.nextCycle();
		writeFileSync(src, 'int demo_hello(void) { return }\n');
		expect(await cycle).toBeNull();
		expect(log.lines.join('\n')).toMatch(/error: expected expression/);
		expect(log.lines).toContain('rumpmake watch: the servers keep running the last good build; waiting for the next save');
		expect(existsSync(path.join(root, 'ctrl'))).toBe(true);
		expect(log.lines.filter((l) => /loaded rumpfs_demo/.test(l)).length).toBe(1);
		const fixed = session!.nextCycle();
		writeFileSync(src, 'const char demo_marker[] = "marker-fixed";\nint demo_hello(void) { return 2; }\n');
		expect(await fixed).not.toBeNull();
		await until('the fixed server', () => log.lines.some((l) => /marker-fixed/.test(l)));
	});

	it('takes a burst of saves as one build', async () => {
		const { log, src } = await start();
		const cycle = session!.nextCycle();
		for (let i = 0; i < 5; i++)
			writeFileSync(src, `const char demo_marker[] = "marker-b${i}";\nint demo_hello(void) { return ${i}; }\n`);
		await cycle;
		await until('the last version', () => log.lines.some((l) => /marker-b4/.test(l)));
		expect(log.lines.filter((l) => l === '    compile  libdemo/demo.pico').length).toBe(1);
	});
});
