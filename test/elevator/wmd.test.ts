/**
 * rump_wmd on the built tree: the elevator needs the kernel core only,
 * which rump_server always has, so the answer is the component alone.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTool } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';

let tree: Tree;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
	tree = await realTree();
	env = { ...process.env, XDG_CACHE_HOME: mkdtempSync(path.join(tmpdir(), 'rumpkit-elev-wmd-')) };
});

describe('rump_wmd -lrumpdev_elevator', () => {
	it('prints just the component', async () => {
		const r = await runTool('rump_wmd', [`-L${tree.libdir}`, '-lrumpdev_elevator'], { env });
		expect(r).toMatchObject({ code: 0, stdout: '-lrumpdev_elevator\n', stderr: '' });
	});

	it('explains that only the kernel core is needed', async () => {
		const r = await runTool('rump_wmd', ['--explain', `-L${tree.libdir}`, '-lrumpdev_elevator'], { env });
		expect(r.code).toBe(0);
		const libs = r.stdout.split('\n').filter((l) => /^lib\w+ /.test(l)).map((l) => l.split(/\s+/)[0]);
		expect(new Set(libs)).toEqual(new Set(['librump', 'librumpuser', 'librumpdev_elevator']));
		expect(r.stdout).toMatch(/^librump +needed by librumpdev_elevator for \d+ symbols: .*\[kernel base\]$/m);
		expect(r.stdout).toMatch(/^librumpdev_elevator +requested$/m);
	});
});
