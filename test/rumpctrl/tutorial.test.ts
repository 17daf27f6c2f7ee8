/**
 * The tutorial end to end: the real rump_server, driven by the real
 * rumpctrl CLI, with a second client connected the whole time.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RumpClient } from '../../rumpctrl/client.js';
import { realTree } from '../helpers/tree.js';
import { run } from '../helpers/run.js';
import { runTool } from '../helpers/run.js';
import { ctl, startServer, type RealServer } from '../server/realserver.js';

let srv: RealServer;
let other: RumpClient;

beforeAll(async () => {
	const tree = await realTree();
	srv = await startServer(tree, ['-lrumpvfs', '-lrumpfs_tmpfs']);
	// A second client, connected through every step below.
	other = await RumpClient.connect(`unix://${srv.sockPath}`, { progname: 'other' });
});

afterAll(async () => {
	await other?.close();
	await srv?.stop();
});

function psPid(stdout: string, comm: string): number {
	const line = stdout.split('\n').find((l) => l.trim().endsWith(` ${comm}`));
	if (line === undefined)
		throw new Error(`no ${comm} in ps output:\n${stdout}`);
	return Number(line.trim().split(/\s+/)[0]);
}

describe('the tutorial through rumpctrl', () => {
	it('lists the file system types', async () => {
		const r = await ctl(srv, ['sysctl', 'vfs.generic.fstypes']);
		expect(r.stderr).toBe('');
		expect(r.stdout).toBe('vfs.generic.fstypes = rumpfs tmpfs\n');
		expect(r.code).toBe(0);
	});

	it('mounts tmpfs and shows it in mount', async () => {
		expect((await ctl(srv, ['mkdir', '/mnt'])).code).toBe(0);
		const m = await ctl(srv, ['mount_tmpfs', 'swap', '/mnt']);
		expect(m.stderr).toBe('');
		expect(m.code).toBe(0);
		const r = await ctl(srv, ['mount']);
		expect(r.stdout).toBe('rumpfs on / type rumpfs (local)\ntmpfs on /mnt type tmpfs (local)\n');
		expect((await ctl(srv, ['mount', '-t', 'tmpfs'])).stdout).toBe('tmpfs on /mnt type tmpfs (local)\n');
	});

	it('makes a directory and lists it as NetBSD ls -l does', async () => {
		expect((await ctl(srv, ['mkdir', '/mnt/test'])).code).toBe(0);
		const r = await ctl(srv, ['ls', '-l', '/mnt']);
		expect(r.stdout).toMatch(/^total \d+\ndrwxr-xr-x +2 root +wheel +\d+ [A-Z][a-z]{2} [ \d]\d \d\d:\d\d test\n$/);
	});

	it('reports errors as NetBSD commands do', async () => {
		const r = await ctl(srv, ['mkdir', '/mnt/test']);
		expect(r.stderr).toBe('mkdir: /mnt/test: File exists\n');
		expect(r.code).toBe(1);
		const rm = await ctl(srv, ['rm', '/mnt/nothing']);
		expect(rm.stderr).toBe('rm: /mnt/nothing: No such file or directory\n');
		expect(rm.code).toBe(1);
		const bad = await ctl(srv, ['sysctl', 'vfs.generic.nothing']);
		expect(bad.stderr).toBe("sysctl: third level name 'nothing' in 'vfs.generic.nothing' is invalid\n");
		const opt = await ctl(srv, ['ls', '-z', '/mnt']);
		expect(opt.stderr).toBe('ls: unknown option -- z\nusage: ls [-1adlR] [file ...]\n');
		expect(opt.code).toBe(1);
	});

	it('runs each command as a new process, pids increasing', async () => {
		const a = psPid((await ctl(srv, ['ps'])).stdout, 'ps');
		const b = psPid((await ctl(srv, ['ps'])).stdout, 'ps');
		expect(b).toBe(a + 1);
		const ps = (await ctl(srv, ['ps'])).stdout;
		expect(psPid(ps, 'other')).toBe(other.pid);
		expect(ps).toMatch(/^ {2}PID {2}PPID {3}UID NLWP NFILE COMMAND\n {4}0 +0 +0 +\d+ +\d+ system\n/);
		const psl = (await ctl(srv, ['ps', '-l'])).stdout;
		expect(psl).toMatch(/^ {2}PID {2}PPID {3}UID NLWP NFILE WCHAN {4}STAT TTY {4}TIME COMMAND\n {4}0 .* DK +\? +0:00\.00 \[system\]\n/);
		expect(psl).toMatch(new RegExp(`\\n +${b + 2} .* Rl? +\\? +0:00\\.00 ps\\n`));
		expect(psl).toContain(' other\n');
	});

	it('serves two clients at once', async () => {
		const names = (p: string): string[] => Array.from({ length: 10 }, (_, i) => `/mnt/${p}${i}`);
		const mine = (async () => {
			for (const d of names('o'))
				await other.call(136, [d, 0o755], 'mkdir');
		})();
		const [x, y] = await Promise.all([ctl(srv, ['mkdir', ...names('x')]), ctl(srv, ['mkdir', ...names('y')]), mine]);
		expect([x.code, y.code]).toEqual([0, 0]);
		const ls = (await ctl(srv, ['ls', '/mnt'])).stdout.split('\n').filter((l) => l !== '');
		expect(ls).toEqual([...names('o'), ...names('x'), ...names('y'), '/mnt/test'].map((p) => p.slice(5)).sort());
	});

	it('copies files between the host and the kernel', async () => {
		writeFileSync(path.join(srv.dir, 'notes.txt'), 'rump kernels\n');
		expect((await ctl(srv, ['cp', 'host:./notes.txt', '/mnt/notes.txt'])).code).toBe(0);
		expect((await ctl(srv, ['cat', '/mnt/notes.txt'])).stdout).toBe('rump kernels\n');
		expect((await ctl(srv, ['cp', '/mnt/notes.txt', 'host:./back.txt'])).code).toBe(0);
		expect(readFileSync(path.join(srv.dir, 'back.txt'), 'utf8')).toBe('rump kernels\n');
		expect((await ctl(srv, ['ln', '-s', '/mnt/notes.txt', '/mnt/link'])).code).toBe(0);
		expect((await ctl(srv, ['ls', '-l', '/mnt/link'])).stdout).toMatch(/^lrwx.* \/mnt\/link -> \/mnt\/notes.txt\n$/);
		expect((await ctl(srv, ['mv', '/mnt/notes.txt', '/mnt/n2'])).code).toBe(0);
		expect((await ctl(srv, ['rm', '/mnt/n2', '/mnt/link'])).code).toBe(0);
		expect((await ctl(srv, ['mkdir', '-p', '/mnt/p/q/r'])).code).toBe(0);
		expect((await ctl(srv, ['ls', '-R', '/mnt/p'])).stdout).toBe('q\n\n/mnt/p/q:\nr\n\n/mnt/p/q/r:\n');
		expect((await ctl(srv, ['rm', '-r', '/mnt/p'])).code).toBe(0);
	});

	it('runs an interactive shell with the server in its prompt and keeps a history', async () => {
		const histfile = path.join(mkdtempSync(path.join(tmpdir(), 'rumpkit-hist-')), 'history');
		const input = 'mkdir /mnt/fromshell\nls -d /mnt/fromshell\nmkdir /mnt/fromshell\nexit\n';
		const r = await runTool('rumpctrl', ['shell'], { cwd: srv.dir, input, env: { ...process.env, RUMP_SERVER: srv.url, RUMPCTRL_HISTFILE: histfile } });
		expect(r.stdout).toBe('rumpctrl (unix://ctrl)$ rumpctrl (unix://ctrl)$ /mnt/fromshell\nrumpctrl (unix://ctrl)$ rumpctrl (unix://ctrl)$ \n');
		expect(r.stderr).toBe('mkdir: /mnt/fromshell: File exists\n');
		expect(readFileSync(histfile, 'utf8')).toBe(input);
	});

	it('shows the kernel: dmesg, stat, df, touch', async () => {
		expect((await ctl(srv, ['dmesg'])).stdout).toMatch(/NetBSD/);
		expect((await ctl(srv, ['touch', '/mnt/t'])).code).toBe(0);
		expect((await ctl(srv, ['stat', '/mnt/t'])).stdout).toMatch(/^\d+ \d+ -rw-r--r-- 1 root wheel \d+ 0 "[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}" .* \/mnt\/t\n$/);
		const df = (await ctl(srv, ['df', '-h', '/mnt'])).stdout.split('\n');
		expect(df[0]).toMatch(/^Filesystem +Size +Used +Avail +%Cap Mounted on$/);
		expect(df[1]).toMatch(/^tmpfs +\S+ +\S+ +\S+ +\d+% \/mnt$/);
	});

	it('defines the commands in the user\'s shell with env and removes them with env -u', async () => {
		const script = 'eval "$(node bin/rumpctrl.js env)"; mkdir /mnt/fromenv && ls -d /mnt/fromenv; ' +
			'echo "$PS1"; eval "$(node bin/rumpctrl.js env -u)"; type mkdir';
		const r = await run('sh', ['-c', script], { cwd: path.resolve(import.meta.dirname, '../..'), env: { ...process.env, RUMP_SERVER: `unix://${srv.sockPath}` } });
		const lines = r.stdout.split('\n');
		expect(lines[0]).toBe('/mnt/fromenv');
		expect(lines[1]).toBe(`rumpctrl (\${RUMP_SERVER:-NULL})$ `);
		expect(lines[2]).toMatch(/^mkdir is \//);
	});

	it('unmounts tmpfs', async () => {
		const r = await ctl(srv, ['umount', '/mnt']);
		expect(r.stderr).toBe('');
		expect((await ctl(srv, ['mount'])).stdout).toBe('rumpfs on / type rumpfs (local)\n');
		expect((await ctl(srv, ['umount', '/mnt'])).code).toBe(1);
	});
});
