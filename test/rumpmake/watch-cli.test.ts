import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINI_KERNEL, writeTree } from '../helpers/fixture.js';
import { REPO, runTool } from '../helpers/run.js';

describe('rumpmake watch from the command line', () => {
	it('serves, and on Ctrl-C stops its servers and removes their sockets', async () => {
		const root = writeTree(MINI_KERNEL);
		const b = await runTool('buildrump', ['-s', root, '-o', path.join(root, 'obj'), '-d', path.join(root, 'rump'), '-q'], { cwd: root });
		expect(b.code, b.stderr).toBe(0);
		const child = spawn(path.join(root, 'obj/tooldir/rumpmake'), ['watch', '--',
			path.join(REPO, 'test/fixtures/fake-server.mjs'), '-lrumpfs_demo', 'unix://ctrl'],
		{ cwd: root, env: { ...process.env, FAKE_LIBDIR: path.join(root, 'rump/lib') }, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
		child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
		const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
		const end = Date.now() + 60_000;
		while (!out.includes('rumpmake watch: serving on unix://ctrl')) {
			if (Date.now() > end)
				throw new Error(`rumpmake watch did not start:\n${out}`);
			await new Promise((r) => setTimeout(r, 25));
		}
		expect(out).toContain('fake server');
		expect(existsSync(path.join(root, 'ctrl'))).toBe(true);
		child.kill('SIGINT');
		expect(await exited).toBe(0);
		expect(out).toContain('rumpmake watch: stopping the servers');
		expect(existsSync(path.join(root, 'ctrl'))).toBe(false);
	});

	it('needs a server command, and says so with usage', async () => {
		const r = await runTool('rumpmake', ['watch']);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('watch needs a server command after --');
		expect(r.stderr).toContain('Usage: rumpmake watch');
	});
});
