import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { waitUntil } from '../helpers/wait.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../buildrump/logger.js';
import type { WatchSession } from '../../rumpmake/watch.js';
import { runTool } from '../helpers/run.js';
import { watchTreeCopy } from '../helpers/treecopy.js';

/*
 * The tutorial's edit loop under `rumpmake watch`, with the real
 * rump_server and rumpctrl on a private copy of the tree.
 */
let root: string;
let session: WatchSession;
const log = createMemoryLogger('info');
let vnops: string;
let pristine: string;

function until(what: string, cond: () => boolean, ms = 90_000): Promise<void> {
	return waitUntil(cond, what, ms, () => `log:\n${log.lines.slice(-40).join('\n')}`);
}

function edit(after: string, insert: string): void {
	const src = readFileSync(vnops, 'utf8');
	const anchor = 'struct componentname *cnp = ap->a_cnp;\n';
	const i = src.indexOf(anchor, src.indexOf('tmpfs_mkdir(void *v)'));
	expect(i).toBeGreaterThan(0);
	writeFileSync(vnops, after === '' ? src : src.slice(0, i + anchor.length) + insert + src.slice(i + anchor.length));
}

beforeAll(async () => {
	({ root, session } = await watchTreeCopy({ replay: 'mkdir /mnt\nmount_tmpfs swap /mnt\nmkdir /mnt/test\n',
		serverArgs: ['-lrumpvfs', '-lrumpfs_tmpfs'], log }));
	vnops = path.join(root, 'components/fs/tmpfs/tmpfs_vnops.c');
	pristine = readFileSync(vnops, 'utf8');
});

afterAll(async () => {
	await session?.stop();
});

describe('rumpmake watch with rump_server', () => {
	it('replays the state at start', () => {
		expect(log.lines).toContain('rumpctrl$ mount_tmpfs swap /mnt');
		expect(log.lines.some((l) => l.startsWith('rumpmake watch: serving on unix://ctrl'))).toBe(true);
	});

	it('runs the tutorial printf after one save', async () => {
		await session.idle();
		edit('printf', '\tprintf("directory \\"%s\\" created by pid %d\\n",\n\t    cnp->cn_nameptr, curproc->p_pid);\n');
		await until('the printf', () => log.lines.some((l) => /^directory "test" created by pid \d+$/.test(l)));
		expect(log.lines).toContain('    compile  libtmpfs/tmpfs_vnops.pico');
		await until('the status line', () => log.lines.some((l) => /components\/fs\/tmpfs\/tmpfs_vnops.c changed; rebuilt rumpfs_tmpfs(, rump_allserver)?; serving again \d+ ms after the save/.test(l)));
	});

	it('keeps the old server answering on a syntax error', async () => {
		await session.idle();
		const cycle = session.nextCycle();
		edit('syntax', '\tthis is not C;\n');
		expect(await cycle).toBeNull();
		const r = await runTool('rumpctrl', ['sysctl', 'vfs.generic.fstypes'], { cwd: root, env: { ...process.env, RUMP_SERVER: 'unix://ctrl' } });
		expect(r.stdout).toBe('vfs.generic.fstypes = rumpfs tmpfs\n');
		const rr = await runTool('rumpctrl', ['ls', '/mnt'], { cwd: root, env: { ...process.env, RUMP_SERVER: 'unix://ctrl' } });
		expect(rr.stdout).toBe('test\n');
	});

	it('reports a panic with the backtrace from the core and the gdb command, then serves again once fixed', async () => {
		await session.idle();
		writeFileSync(vnops, pristine);
		const cycle = session.nextCycle();
		edit('panic', '\tif (dvp != NULL) panic("tmpfs_mkdir: parent directory is NULL");\n');
		await cycle;
		await until('the crash report', () => log.lines.some((l) => l.startsWith('open it with: gdb ')));
		const text = log.lines.join('\n');
		expect(text).toMatch(/the server on unix:\/\/ctrl died \(killed by SIGABRT\)/);
		expect(text).toContain('  panic: tmpfs_mkdir: parent directory is NULL');
		expect(text).toMatch(/#\d+ .*tmpfs_mkdir \(.*tmpfs_vnops\.c:\d+/);
		expect(text).toMatch(/open it with: gdb \S*rump_server core\.\d+/);
		await session.idle();
		log.lines.length = 0;
		writeFileSync(vnops, pristine);
		await until('serving again', () => log.lines.some((l) => /serving again \d+ ms after the save/.test(l)));
		const r = await runTool('rumpctrl', ['ls', '/mnt'], { cwd: root, env: { ...process.env, RUMP_SERVER: 'unix://ctrl' } });
		expect(r.stdout).toBe('test\n');
	});
});
