import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINI_KERNEL, writeTree } from '../helpers/fixture.js';
import { run, runTool } from '../helpers/run.js';

async function buildFixture(root: string, extra: string[] = []): Promise<Awaited<ReturnType<typeof runTool>>> {
	return runTool('buildrump', ['-s', root, '-o', path.join(root, 'obj'), '-d', path.join(root, 'rump'), '-j2', ...extra], { cwd: root });
}

function snapshot(dir: string): Record<string, string> {
	const out: Record<string, string> = {};
	const walk = (d: string): void => {
		for (const e of readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory())
				walk(p);
			else if (e.isSymbolicLink())
				out[path.relative(dir, p)] = `-> ${readlinkSync(p)}`;
			else
				out[path.relative(dir, p)] = createHash('sha1').update(readFileSync(p)).digest('hex') + ` ${statSync(p).mtimeMs}`;
		}
	};
	walk(dir);
	return out;
}

describe('buildrump on a fixture tree', () => {
	it('builds static, PIC and shared libraries with soname, symlinks and installed headers', async () => {
		const root = writeTree(MINI_KERNEL);
		const r = await buildFixture(root);
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('    compile  libdemo/demo.o\n');
		expect(r.stdout).toContain('    compile  libdemo/demo.pico\n');
		expect(r.stdout).toContain('      build  libdemo/librumpfs_demo.so.0.0\n');
		expect(r.stdout).toContain('    install  rump/lib/librumpfs_demo.so.0.0\n');
		const lib = path.join(root, 'rump', 'lib');
		for (const l of ['rump', 'rumpuser', 'rumpfs_demo', 'rumpdev_other'])
			for (const f of [`lib${l}.a`, `lib${l}_pic.a`, `lib${l}.so.0.0`])
				expect(existsSync(path.join(lib, f)), f).toBe(true);
		expect(readlinkSync(path.join(lib, 'librumpfs_demo.so.0'))).toBe('librumpfs_demo.so.0.0');
		expect(readlinkSync(path.join(lib, 'librumpfs_demo.so'))).toBe('librumpfs_demo.so.0');
		const dyn = await run('readelf', ['-d', path.join(lib, 'librumpfs_demo.so.0.0')]);
		expect(dyn.stdout).toContain('Library soname: [librumpfs_demo.so.0]');
		expect(dyn.stdout).not.toContain('(NEEDED)');
		expect(readFileSync(path.join(root, 'rump', 'include', 'rump', 'rump.h'), 'utf8')).toContain('rump_init');
		for (const t of ['rumpmake', 'rumpctrl', 'rump_wmd'])
			expect(statSync(path.join(root, 'obj', 'tooldir', t)).mode & 0o111, t).not.toBe(0);
		// The tutorial's PATH=$PATH:rump/bin finds rump_wmd and rumpctrl next to the servers.
		const wmd = await run(path.join(root, 'rump', 'bin', 'rump_wmd'), [`-L${path.join(root, 'rump', 'lib')}`, '-lrumpfs_demo']);
		expect(wmd.stdout).toBe('-lrumpfs_demo\n');
		const ctl = await run(path.join(root, 'rump', 'bin', 'rumpctrl'), ['--help']);
		expect(ctl.code).toBe(0);
		expect(ctl.stdout).toContain('rumpctrl');
		const compdb = JSON.parse(readFileSync(path.join(root, 'obj', 'compile_commands.json'), 'utf8')) as { file: string; arguments: string[] }[];
		expect(compdb.map((c) => path.basename(c.file)).sort()).toEqual(['demo.c', 'kern.c', 'other.c', 'user.c']);
		expect(compdb.find((c) => c.file.endsWith('kern.c'))?.arguments).toContain('-ffreestanding');
	});

	it('renames every global of kernel code to rumpns_ except the rump_ interfaces', async () => {
		const root = writeTree(MINI_KERNEL);
		expect((await buildFixture(root)).code).toBe(0);
		for (const f of ['librump.a', 'librump.so.0.0', 'librumpfs_demo.a', 'librumpfs_demo_pic.a', 'librumpfs_demo.so.0.0']) {
			const nm = await run('nm', ['-g', f.endsWith('.a') ? '' : '-D', path.join(root, 'rump', 'lib', f)].filter((x) => x !== ''));
			const names = nm.stdout.split('\n').map((l) => l.trim().split(/\s+/).pop() ?? '').filter((n) => n !== '' && !n.endsWith(':'));
			expect(names.length, f).toBeGreaterThan(0);
			// _GLOBAL_OFFSET_TABLE_ is the linker's, referenced by PIC code.
			for (const n of names)
				expect(n, `${f}: ${n}`).toMatch(/^(rumpns_|rump_|rumpuser_|_GLOBAL_OFFSET_TABLE_$)/);
		}
		const nm = await run('nm', [path.join(root, 'rump', 'lib', 'librumpfs_demo.a')]);
		expect(nm.stdout).toMatch(/ T rumpns_demo_hello/);
		expect(nm.stdout).toMatch(/ U rumpns_printf/);
		// Host code keeps its names: it calls libc.
		const user = await run('nm', [path.join(root, 'rump', 'lib', 'librumpuser.a')]);
		expect(user.stdout).toMatch(/ U write/);
		expect(user.stdout).toMatch(/ T rumpuser_putchar/);
	});

	it('links a C program against the static and the shared libraries, and it runs', async () => {
		const root = writeTree({ ...MINI_KERNEL, 'prog.c': `#include <rump/rump.h>
#include <stdio.h>
int rumpns_demo_hello(void);
int
main(void)
{
	rump_init();
	printf("count %d demo %d\\n", rump_boot_count(), rumpns_demo_hello());
	return 0;
}
` });
		expect((await buildFixture(root)).code).toBe(0);
		const lib = path.join(root, 'rump', 'lib');
		const inc = path.join(root, 'rump', 'include');
		const st = await run('gcc', ['-o', path.join(root, 'p_static'), path.join(root, 'prog.c'), `-I${inc}`,
			'-Wl,--whole-archive', path.join(lib, 'librumpfs_demo.a'), path.join(lib, 'librump.a'), '-Wl,--no-whole-archive',
			path.join(lib, 'librumpuser.a')]);
		expect(st.stderr).toBe('');
		const a = await run(path.join(root, 'p_static'), []);
		expect(a.stdout).toBe('kernel booted\ndemo says hello\ncount 1 demo 43\n');
		const dy = await run('gcc', ['-o', path.join(root, 'p_dyn'), path.join(root, 'prog.c'), `-I${inc}`, `-L${lib}`,
			'-lrumpfs_demo', '-lrump', '-lrumpuser', `-Wl,-rpath,${lib}`]);
		expect(dy.stderr).toBe('');
		const b = await run(path.join(root, 'p_dyn'), []);
		expect(b.stdout).toBe('kernel booted\ndemo says hello\ncount 1 demo 43\n');
	});

	it('stops on a compile error, names the component and leaves rump/ exactly as it was', async () => {
		const root = writeTree(MINI_KERNEL);
		expect((await buildFixture(root)).code).toBe(0);
		const before = snapshot(path.join(root, 'rump'));
		writeFileSync(path.join(root, 'components/fs/demo/demo.c'), 'int demo_hello(void) { return nosuchthing; }\n');
		writeFileSync(path.join(root, 'components/dev/other/other.c'), 'int other_thing(void) { return 7; }\n');
		const r = await buildFixture(root);
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('nosuchthing');
		expect(r.stderr).toContain('rumpfs_demo (components/fs/demo)');
		expect(r.stderr).toContain('nothing was installed');
		expect(snapshot(path.join(root, 'rump'))).toEqual(before);
	});
});

describe('buildrump bad input', () => {
	it('names the manifest file and field of an invalid manifest', async () => {
		const root = writeTree({ ...MINI_KERNEL, 'components/fs/demo/component.json': '{ "lib": "rumpfs_demo", "srcs": ["demo.c", "gone.c"] }' });
		const r = await buildFixture(root);
		expect(r.code).toBe(1);
		expect(r.stderr).toBe('buildrump: components/fs/demo/component.json: srcs[1]: gone.c does not exist\n');
		const root2 = writeTree({ ...MINI_KERNEL, 'components/fs/demo/component.json': '{ "lib": "rumpfs_demo", "sources": ["demo.c"] }' });
		const r2 = await buildFixture(root2);
		expect(r2.code).toBe(1);
		expect(r2.stderr).toMatch(/^buildrump: components\/fs\/demo\/component.json: sources: unknown field/);
	});

	it('prints usage and exits 2 on an unknown option or target', async () => {
		const r = await runTool('buildrump', ['--frobnicate']);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain("unknown option '--frobnicate'");
		expect(r.stderr).toContain('Usage: buildrump [options]');
		const t = await runTool('buildrump', ['everything']);
		expect(t.code).toBe(2);
		expect(t.stderr).toContain('unknown target "everything"');
	});

	it('says what to install when the compiler is missing', async () => {
		const root = writeTree(MINI_KERNEL);
		const r = await runTool('buildrump', ['-s', root, '-o', path.join(root, 'obj'), '-d', path.join(root, 'rump')],
		    { cwd: root, env: { ...process.env, CC: 'no-such-gcc-12' } });
		expect(r.code).toBe(1);
		expect(r.stderr).toBe('buildrump: no-such-gcc-12 not found on PATH: install it (apt-get install gcc)\n');
		expect(existsSync(path.join(root, 'rump'))).toBe(false);
	});

	it('lets two buildrumps on one objdir take turns, with a correct result', async () => {
		const root = writeTree(MINI_KERNEL);
		const [a, b] = await Promise.all([buildFixture(root), buildFixture(root)]);
		expect(a.code).toBe(0);
		expect(b.code).toBe(0);
		const waited = (a.stderr + b.stderr);
		const compiles = (a.stdout + b.stdout).split('\n').filter((l) => l.includes('compile  libdemo/demo.o')).length;
		// One did the work; the other waited for the lock and found it done.
		expect(compiles).toBe(1);
		expect(waited).toMatch(/waiting for process \d+, which holds .*\.lock/);
		const again = await buildFixture(root);
		expect(again.stdout).toContain('0 outputs rebuilt');
	});
});
