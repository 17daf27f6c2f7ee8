import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINI_KERNEL, writeTree } from '../helpers/fixture.js';
import { run, runTool } from '../helpers/run.js';

async function setup(): Promise<string> {
	const root = writeTree(MINI_KERNEL);
	const r = await runTool('buildrump', ['-s', root, '-o', path.join(root, 'obj'), '-d', path.join(root, 'rump'), '-j2', '-q'], { cwd: root });
	expect(r.code, r.stderr).toBe(0);
	return root;
}

/** Run obj/tooldir/rumpmake, the wrapper buildrump wrote, in `dir`. */
function rumpmake(root: string, dir: string, args: string[] = []): ReturnType<typeof run> {
	return run(path.join(root, 'obj', 'tooldir', 'rumpmake'), args, { cwd: path.join(root, dir) });
}

function lines(out: string, verb: string): string[] {
	return out.split('\n').filter((l) => l.trim().startsWith(verb + ' ')).map((l) => l.trim().replace(/^\S+\s+/, ''));
}

describe('rumpmake', () => {
	it('rebuilds nothing when nothing changed', async () => {
		const root = await setup();
		const r = await rumpmake(root, 'components/fs/demo');
		expect(r.code).toBe(0);
		expect(r.stdout).toBe('');
		const all = await rumpmake(root, '.', ['--all']);
		expect(all.stdout).toBe('');
	});

	it('after an edit, compiles exactly that component, as the tutorial shows, then installs it atomically', async () => {
		const root = await setup();
		const src = path.join(root, 'components/fs/demo/demo.c');
		writeFileSync(src, readFileSync(src, 'utf8').replace('demo says hello', 'directory created'));
		// -j1: with two jobs the .pico may finish first and the order varies.
		const r = await rumpmake(root, 'components/fs/demo', ['-j1']);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toBe([
			'    compile  libdemo/demo.o',
			'    compile  libdemo/demo.pico',
			'      build  libdemo/librumpfs_demo.a',
			'      build  libdemo/librumpfs_demo_pic.a',
			'      build  libdemo/librumpfs_demo.so.0.0', ''].join('\n'));
		const lib = path.join(root, 'rump', 'lib');
		const before = statSync(path.join(lib, 'librumpfs_demo.so.0.0')).ino;
		const i = await rumpmake(root, 'components/fs/demo', ['install']);
		expect(i.code, i.stderr).toBe(0);
		expect(lines(i.stdout, 'install')).toEqual(['librumpfs_demo.a', 'librumpfs_demo_pic.a', 'librumpfs_demo.so.0.0']
		    .map((f) => path.join(lib, f)));
		// A new inode: a server that mapped the old file keeps intact pages.
		expect(statSync(path.join(lib, 'librumpfs_demo.so.0.0')).ino).not.toBe(before);
		const strings = await run('strings', [path.join(lib, 'librumpfs_demo.a')]);
		expect(strings.stdout).toContain('directory created');
	});

	it('rebuilds an edit made within the same second as the last build', async () => {
		const root = await setup();
		const src = path.join(root, 'components/dev/other/other.c');
		const t = new Date(Math.floor(Date.now() / 1000) * 1000);
		utimesSync(src, t, t);
		expect((await rumpmake(root, 'components/dev/other')).code).toBe(0);
		writeFileSync(src, readFileSync(src, 'utf8').replace('"other', '"OTHER'));
		const r = await rumpmake(root, 'components/dev/other');
		expect(lines(r.stdout, 'compile')).toEqual(['libother/other.o', 'libother/other.pico']);
	});

	it('rebuilds exactly the dependents of a changed header', async () => {
		const root = await setup();
		const h = path.join(root, 'kernel/include/sys/shared.h');
		writeFileSync(h, '#define SHARED_MAGIC 43\n');
		const r = await rumpmake(root, '.', ['--all']);
		expect(r.code, r.stderr).toBe(0);
		expect(lines(r.stdout, 'compile').sort()).toEqual(['libdemo/demo.o', 'libdemo/demo.pico', 'librump/kern.o', 'librump/kern.pico']);
	});

	it('says why with -v, and -n does nothing', async () => {
		const root = await setup();
		writeFileSync(path.join(root, 'components/fs/demo/demo.c'), readFileSync(path.join(root, 'components/fs/demo/demo.c'), 'utf8') + '\n');
		const n = await rumpmake(root, 'components/fs/demo', ['-n', '-v']);
		expect(n.stdout).toContain('libdemo/demo.o: components/fs/demo/demo.c newer');
		expect(n.stdout).toContain('      build  libdemo/librumpfs_demo.so.0.0');
		const again = await rumpmake(root, 'components/fs/demo', ['-n']);
		expect(lines(again.stdout, 'compile')).toEqual(['libdemo/demo.o', 'libdemo/demo.pico']);
	});

	it('rebuilds everything when the flags change', async () => {
		const root = await setup();
		const r = await runTool('buildrump', ['-s', root, '-o', path.join(root, 'obj'), '-d', path.join(root, 'rump'), '-q', '-F', 'CFLAGS=-DEXTRA=1', 'build'], { cwd: root });
		expect(r.code, r.stderr).toBe(0);
		expect(lines(r.stdout, 'compile').length).toBe(8);
		const m = JSON.parse(readFileSync(path.join(root, 'components/fs/demo/component.json'), 'utf8')) as Record<string, unknown>;
		writeFileSync(path.join(root, 'components/fs/demo/component.json'), JSON.stringify({ ...m, cflags: ['-DDEMO=2'] }));
		const one = await rumpmake(root, 'components/fs/demo');
		expect(lines(one.stdout, 'compile')).toEqual(['libdemo/demo.o', 'libdemo/demo.pico']);
	});

	it('recovers from a build killed half-way: the rerun gives correct output', async () => {
		const root = await setup();
		// The source did not change, but a killed compiler left half an object.
		writeFileSync(path.join(root, 'obj/libdemo/demo.o'), 'garbage');
		const r = await rumpmake(root, 'components/fs/demo', ['install', '-v']);
		expect(r.code, r.stderr).toBe(0);
		expect(r.stdout).toContain('libdemo/demo.o: output changed since it was built');
		expect(lines(r.stdout, 'compile')).toEqual(['libdemo/demo.o']);
		const nm = await run('nm', [path.join(root, 'obj/libdemo/librumpfs_demo.a')]);
		expect(nm.stdout).toMatch(/T rumpns_demo_hello/);
	});

	it('notices a new source in a component whose srcs is a wildcard, after a remembered no-op', async () => {
		const root = await setup();
		expect((await rumpmake(root, 'kernel/rumpuser')).stdout).toBe('');
		expect((await rumpmake(root, 'kernel/rumpuser')).stdout).toBe('');
		writeFileSync(path.join(root, 'kernel/rumpuser/extra.c'), 'int rumpuser_extra(void) { return 1; }\n');
		const r = await rumpmake(root, 'kernel/rumpuser');
		expect(lines(r.stdout, 'compile')).toEqual(['librumpuser/extra.o', 'librumpuser/extra.pico']);
		// A remembered install notices a changed installed file too.
		expect((await rumpmake(root, 'kernel/rumpuser', ['install'])).code).toBe(0);
		writeFileSync(path.join(root, 'rump/lib/librumpuser.a'), 'clobbered');
		const i = await rumpmake(root, 'kernel/rumpuser', ['install']);
		expect(lines(i.stdout, 'install')).toEqual([path.join(root, 'rump/lib/librumpuser.a')]);
	});

	it('outside a component, says where the components are', async () => {
		const root = await setup();
		const r = await rumpmake(root, 'kernel');
		expect(r.code).toBe(1);
		expect(r.stderr).toContain('is not inside a component');
		expect(r.stderr).toContain('  components/fs/demo\n');
		expect(r.stderr).toContain('-C <dir> or --all');
	});

	it('clean removes the component outputs; the next rumpmake rebuilds them', async () => {
		const root = await setup();
		const c = await rumpmake(root, 'components/fs/demo', ['clean']);
		expect(c.code).toBe(0);
		expect(existsSync(path.join(root, 'obj/libdemo/demo.o'))).toBe(false);
		expect(existsSync(path.join(root, 'obj/librump/kern.o'))).toBe(true);
		const r = await rumpmake(root, 'components/fs/demo');
		expect(lines(r.stdout, 'compile')).toEqual(['libdemo/demo.o', 'libdemo/demo.pico']);
	});
});
