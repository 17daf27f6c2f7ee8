/**
 * The rump_wmd command end to end: the real CLI on fixture libraries,
 * its output, exit status and messages, and the cache.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/run.js';
import { fixtureTree, type FixtureTree } from './fixtures.js';

let t: FixtureTree;
let cacheHome: string;
beforeAll(() => {
	t = fixtureTree();
	cacheHome = mkdtempSync(path.join(tmpdir(), 'rumpkit-wmd-cache-'));
});

interface Result {
	code: number | null;
	stdout: string;
	stderr: string;
}

function wmd(args: string[], env: NodeJS.ProcessEnv = {}): Result {
	const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'rump_wmd.js'), ...args], {
		encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cacheHome, ...env },
	});
	return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('answers', () => {
	it('prints the tutorial answer', () => {
		const r = wmd([`-L${t.kern}`, '-lrumpfs_tmpfs']);
		expect(r).toEqual({ code: 0, stdout: '-lrumpvfs -lrumpfs_tmpfs\n', stderr: '' });
	});

	it('takes -L and -l as separate words too', () => {
		expect(wmd(['-L', t.kern, '-l', 'rumpfs_tmpfs']).stdout).toBe('-lrumpvfs -lrumpfs_tmpfs\n');
	});

	it('prints static link order with the kernel base', () => {
		expect(wmd(['--static', `-L${t.kern}`, '-lrumpfs_tmpfs']).stdout).toBe('-lrumpfs_tmpfs -lrumpvfs -lrump -lrumpuser\n');
	});

	it('explains each library with the names the developer wrote', () => {
		const r = wmd(['--explain', `-L${t.kern}`, '-lrumpfs_tmpfs']);
		expect(r.code).toBe(0);
		const lines = r.stdout.trim().split('\n');
		expect(lines.at(-1)).toBe('-lrumpvfs -lrumpfs_tmpfs');
		expect(lines.find((l) => l.startsWith('librumpvfs '))).toMatch(/needed by librumpfs_tmpfs for 2 symbols: namei, vfs_mount$/);
		expect(lines.find((l) => l.startsWith('librumpfs_tmpfs '))).toMatch(/requested$/);
		expect(lines.find((l) => l.startsWith('librump '))).toMatch(/needed by librumpvfs \(for librumpfs_tmpfs\) for 2 symbols: kmem_alloc, printf/);
		expect(r.stdout).not.toContain('rumpns_');
	});

	it('prints why a symbol is needed, with or without the rumpns_ prefix', () => {
		for (const sym of ['printf', 'rumpns_printf']) {
			const r = wmd(['--why', sym, `-L${t.kern}`, '-lrumpfs_tmpfs']);
			expect(r.code).toBe(0);
			expect(r.stdout.split('\n').slice(0, 3)).toEqual([
				'printf is defined by librump',
				'librumpfs_tmpfs (requested) needs librumpvfs for namei, vfs_mount',
				'  librumpvfs needs librump for printf, kmem_alloc',
			]);
		}
	});

	it('says when --why names a symbol nothing needs', () => {
		const r = wmd(['--why', 'devsw_attach', `-L${t.kern}`, '-lrumpfs_tmpfs']);
		expect(r.code).toBe(1);
		expect(r.stderr).toBe('rump_wmd: devsw_attach is not defined by any library that -lrumpfs_tmpfs needs\n');
	});

	it('prints JSON for tools', () => {
		const r = wmd(['--json', `-L${t.kern}`, '-lrumpfs_tmpfs']);
		const j = JSON.parse(r.stdout) as { flags: string[]; base: string[]; dependencies: { from: string; to: string; symbols: string[] }[] };
		expect(j.flags).toEqual(['-lrumpvfs', '-lrumpfs_tmpfs']);
		expect(j.base).toEqual(['rumpuser', 'rump']);
		expect(j.dependencies).toContainEqual({ from: 'rumpfs_tmpfs', to: 'rumpvfs', symbols: ['namei', 'vfs_mount'] });
	});

	it('prints the graph for Graphviz', () => {
		const r = wmd(['--dot', `-L${t.kern}`, '-lrumpfs_tmpfs']);
		expect(r.stdout).toMatch(/^digraph rump_wmd \{/);
		expect(r.stdout).toContain('"rumpfs_tmpfs" -> "rumpvfs" [label="namei, vfs_mount"];');
		expect(r.stdout).toContain('"rump" [label="librump", style=dashed];');
	});

	it('reports an equally small alternative with -v', () => {
		const r = wmd(['-v', `-L${t.gen}`, '-ltie_top']);
		expect(r.stdout).toBe('-ltie_x -ltie_top\n');
		expect(r.stderr).toContain('rump_wmd: equally small: -ltie_top -ltie_y');
	});
});

describe('bad input', () => {
	it('lists every unresolved symbol with who needs it, and exits 1', () => {
		const r = wmd([`-L${t.kern}`, '-lrumpfs_broken']);
		expect(r).toEqual({
			code: 1, stdout: '',
			stderr: 'rump_wmd: unresolved: garven_deh (needed by librumpfs_broken)\nrump_wmd: unresolved: tmpfs_foo (needed by librumpfs_broken)\n',
		});
	});

	it('names a missing library and where it looked', () => {
		const r = wmd([`-L${t.kern}`, '-lrumpfs_nope']);
		expect(r.code).toBe(1);
		expect(r.stderr).toBe(`rump_wmd: librumpfs_nope: no librumpfs_nope.so or librumpfs_nope.a in ${t.kern}\n`);
	});

	it('names a directory that is missing or holds no libraries', () => {
		const empty = mkdtempSync(path.join(tmpdir(), 'rumpkit-wmd-empty-'));
		expect(wmd([`-L${empty}`, '-lx']).stderr).toBe(`rump_wmd: ${empty}: no lib*.so or lib*.a libraries\n`);
		expect(wmd([`-L${empty}/nope`, '-lx']).stderr).toBe(`rump_wmd: ${empty}/nope: no such directory\n`);
	});

	it('names a non-ELF or truncated file and never crashes', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'rumpkit-wmd-bad-'));
		cpSync(path.join(t.kern, 'librumpvfs.so'), path.join(dir, 'librumpvfs.so'));
		writeFileSync(path.join(dir, 'libtext.so'), 'this is no library\n');
		let r = wmd([`-L${dir}`, '-lrumpvfs']);
		expect(r).toEqual({ code: 1, stdout: '', stderr: `rump_wmd: ${dir}/libtext.so: not an ELF file\n` });
		writeFileSync(path.join(dir, 'libtext.so'), readFileSync(path.join(t.kern, 'librump.so')).subarray(0, 600));
		r = wmd([`-L${dir}`, '-lrumpvfs']);
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(new RegExp(`^rump_wmd: ${dir}/libtext.so: truncated`));
	});

	it('skips a linker script such as glibc\'s libc.so', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'rumpkit-wmd-ld-'));
		for (const f of ['librumpvfs.so', 'librump.so', 'librumpuser.so'])
			cpSync(path.join(t.kern, f), path.join(dir, f));
		writeFileSync(path.join(dir, 'libscript.so'), '/* GNU ld script */\nGROUP ( /lib/libc.so.6 AS_NEEDED ( /lib/ld-linux-x86-64.so.2 ) )\n');
		expect(wmd([`-L${dir}`, '-lrumpvfs'])).toEqual({ code: 0, stdout: '-lrumpvfs\n', stderr: '' });
	});

	it('exits 2 on bad usage', () => {
		expect(wmd(['-lrumpfs_tmpfs']).code).toBe(2);
		expect(wmd([`-L${t.kern}`]).code).toBe(2);
		expect(wmd(['--json', '--dot', `-L${t.kern}`, '-lrumpfs_tmpfs']).code).toBe(2);
	});
});

describe('the cache', () => {
	function kernCopy(): string {
		const dir = path.join(mkdtempSync(path.join(tmpdir(), 'rumpkit-wmd-copy-')), 'lib');
		mkdirSync(dir);
		for (const f of readdirSync(t.kern).filter((n) => n.endsWith('.so')))
			cpSync(path.join(t.kern, f), path.join(dir, f));
		return dir;
	}

	it('parses nothing on a repeated query of an unchanged tree, and reparses a changed file', () => {
		const home = mkdtempSync(path.join(tmpdir(), 'rumpkit-wmd-home-'));
		const dir = kernCopy();
		const first = wmd(['-v', `-L${dir}`, '-lrumpfs_tmpfs'], { XDG_CACHE_HOME: home });
		expect(first.stderr).toMatch(/wmd: \d+ libraries \(0 from cache, \d+ parsed\)/);
		const second = wmd(['-v', `-L${dir}`, '-lrumpfs_tmpfs'], { XDG_CACHE_HOME: home });
		expect(second.stderr).toMatch(/from cache, 0 parsed\)/);
		const later = new Date(Date.now() + 5000);
		utimesSync(path.join(dir, 'librumpvfs.so'), later, later);
		const third = wmd(['-v', `-L${dir}`, '-lrumpfs_tmpfs'], { XDG_CACHE_HOME: home });
		expect(third.stderr).toMatch(/from cache, 1 parsed\)/);
		expect(third.stdout).toBe('-lrumpvfs -lrumpfs_tmpfs\n');
	});

	it('answers again when a library changes what it needs', () => {
		const home = mkdtempSync(path.join(tmpdir(), 'rumpkit-wmd-home-'));
		const dir = kernCopy();
		const args = [`-L${dir}`, '-lrumpfs_tmpfs'];
		expect(wmd(args, { XDG_CACHE_HOME: home }).stdout).toBe('-lrumpvfs -lrumpfs_tmpfs\n');
		expect(wmd(args, { XDG_CACHE_HOME: home }).stdout).toBe('-lrumpvfs -lrumpfs_tmpfs\n');
		// tmpfs now also attaches a device: it needs rumpdev.
		const src = path.join(dir, '..', 'tmpfs.c');
		writeFileSync(src, 'int rumpns_vfs_mount(void); int rumpns_devsw_attach(void);\nint rumpns_tmpfs_mount(void) { return rumpns_vfs_mount() + rumpns_devsw_attach(); }\n');
		execFileSync('gcc', ['-shared', '-fPIC', '-o', path.join(dir, 'librumpfs_tmpfs.so'), src]);
		expect(wmd(args, { XDG_CACHE_HOME: home }).stdout).toBe('-lrumpdev -lrumpvfs -lrumpfs_tmpfs\n');
	});

	it('ignores a corrupt cache', () => {
		const home = mkdtempSync(path.join(tmpdir(), 'rumpkit-wmd-home-'));
		const args = [`-L${t.kern}`, '-lrumpfs_tmpfs'];
		expect(wmd(args, { XDG_CACHE_HOME: home }).stdout).toBe('-lrumpvfs -lrumpfs_tmpfs\n');
		const cdir = path.join(home, 'rumpkit', 'wmd');
		const files = readdirSync(cdir);
		expect(files.some((f) => f.startsWith('summaries-'))).toBe(true);
		expect(files.some((f) => f.startsWith('answer-'))).toBe(true);
		for (const f of files)
			writeFileSync(path.join(cdir, f), f.startsWith('answer-') ? '{"version":1,"argv":[' : '{"version":1,"entries":{"x":{"size":"big"}}}');
		expect(wmd(args, { XDG_CACHE_HOME: home })).toEqual({ code: 0, stdout: '-lrumpvfs -lrumpfs_tmpfs\n', stderr: '' });
		expect(wmd(args, { XDG_CACHE_HOME: home }).stdout).toBe('-lrumpvfs -lrumpfs_tmpfs\n');
	});

	it('works with --no-cache and without a writable cache', () => {
		expect(wmd(['--no-cache', `-L${t.kern}`, '-lrumpfs_tmpfs']).stdout).toBe('-lrumpvfs -lrumpfs_tmpfs\n');
		const r = wmd([`-L${t.kern}`, '-lrumpfs_tmpfs'], { XDG_CACHE_HOME: '/proc/no-such-cache' });
		expect(r).toEqual({ code: 0, stdout: '-lrumpvfs -lrumpfs_tmpfs\n', stderr: '' });
	});
});
