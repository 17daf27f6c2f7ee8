/**
 * Fixture libraries for rump_wmd tests, built with the host gcc into a
 * temp folder: static archives, their PIC twins and shared objects, in two
 * directories: `kern` (a tiny rump kernel: librump, librumpuser and
 * rumpns_-prefixed components) and `gen` (plain libraries: chains,
 * alternatives, cycles, weak and common symbols, versions).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface LibSpec {
	name: string;
	/** Member file name -> C source. */
	srcs: Record<string, string>;
	cflags?: string[];
	/** Extra arguments for the shared link (version scripts, other libraries). */
	ldflags?: string[];
	/** Build only the shared object. */
	sharedOnly?: boolean;
	/** Also install lib<name>_pic.a, as buildrump does. */
	pic?: boolean;
}

function gcc(args: string[], cwd: string): void {
	execFileSync('gcc', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function buildLibs(dir: string, specs: LibSpec[]): void {
	mkdirSync(dir, { recursive: true });
	const src = path.join(dir, '.src');
	for (const s of specs) {
		const objs: string[] = [];
		const work = path.join(src, s.name);
		mkdirSync(work, { recursive: true });
		for (const [file, text] of Object.entries(s.srcs)) {
			writeFileSync(path.join(work, file), text);
			const o = path.join(work, file.replace(/\.c$/, '.o'));
			gcc(['-c', '-fPIC', '-O1', ...(s.cflags ?? []), '-o', o, file], work);
			objs.push(o);
		}
		if (s.sharedOnly !== true) {
			execFileSync('ar', ['rcs', path.join(dir, `lib${s.name}.a`), ...objs]);
			if (s.pic === true)
				execFileSync('ar', ['rcs', path.join(dir, `lib${s.name}_pic.a`), ...objs]);
		}
		gcc(['-shared', '-o', path.join(dir, `lib${s.name}.so`), `-Wl,-soname,lib${s.name}.so`, ...objs, ...(s.ldflags ?? [])], dir);
	}
}

const fn = (name: string, body = 'return 0;'): string => `int ${name}(void) { ${body} }\n`;
const ext = (...names: string[]): string => names.map((n) => `int ${n}(void);\n`).join('');
const calls = (...names: string[]): string => names.map((n) => `${n}() + `).join('') + '0';

/** A tiny kernel: components reference each other through rumpns_ symbols, librump calls rumpuser_. */
export const KERN: LibSpec[] = [
	{ name: 'rumpuser', srcs: { 'rumpuser.c': '#include <unistd.h>\nint rumpuser_putc(int c) { char ch = c; return write(1, &ch, 1); }\n' } },
	{ name: 'rump', pic: true, srcs: {
		'kern_init.c': 'int rumpns_printf(const char *);\nint rump_init(void) { return rumpns_printf("booted\\n"); }\n',
		'subr_prf.c': 'int rumpuser_putc(int);\nint rumpns_printf(const char *s) { while (*s) rumpuser_putc(*s++); return 0; }\n',
		'kmem.c': 'static char arena[4096];\nvoid *rumpns_kmem_alloc(unsigned long n) { return n < sizeof(arena) ? arena : 0; }\n',
	} },
	{ name: 'rumpvfs', pic: true, srcs: {
		'vfs_mount.c': 'int rumpns_printf(const char *);\nvoid *rumpns_kmem_alloc(unsigned long);\nint rumpns_vfs_mount(void) { return rumpns_kmem_alloc(1) != 0 && rumpns_printf("mount\\n"); }\n',
		'vfs_lookup.c': 'int rumpns_namei(void) { return 1; }\n',
	} },
	{ name: 'rumpdev', pic: true, srcs: { 'dev.c': 'int rumpns_printf(const char *);\nint rumpns_devsw_attach(void) { return rumpns_printf("dev\\n"); }\n' } },
	{ name: 'rumpfs_tmpfs', pic: true, srcs: {
		'tmpfs_vfsops.c': ext('rumpns_vfs_mount') + fn('rumpns_tmpfs_mount', `return ${calls('rumpns_vfs_mount')};`),
		'tmpfs_vnops.c': ext('rumpns_namei') + fn('rumpns_tmpfs_lookup', `return ${calls('rumpns_namei')};`),
	} },
	{ name: 'rumpfs_ffs', pic: true, srcs: {
		'ffs.c': ext('rumpns_vfs_mount', 'rumpns_devsw_attach') + fn('rumpns_ffs_mount', `return ${calls('rumpns_vfs_mount', 'rumpns_devsw_attach')};`),
	} },
	{ name: 'rumpfs_broken', srcs: {
		'broken.c': ext('rumpns_vfs_mount', 'rumpns_tmpfs_foo', 'rumpns_garven_deh') +
		    fn('rumpns_broken_mount', `return ${calls('rumpns_vfs_mount', 'rumpns_tmpfs_foo', 'rumpns_garven_deh')};`),
	} },
];

/** Plain libraries: the solver's cases. */
export const GEN: LibSpec[] = [
	// A chain: a -> b -> c.
	{ name: 'chain_c', srcs: { 'c.c': fn('c_fn') } },
	{ name: 'chain_b', srcs: { 'b.c': ext('c_fn') + fn('b_fn', `return ${calls('c_fn')};`) } },
	{ name: 'chain_a', srcs: { 'a.c': ext('b_fn') + fn('a_fn', `return ${calls('b_fn')};`) } },
	// Alternatives: s1 and s2 come from p1 and p2, or both from alt_both.
	{ name: 'alt_p1', srcs: { 'p1.c': fn('s1') } },
	{ name: 'alt_p2', srcs: { 'p2.c': fn('s2') } },
	{ name: 'alt_both', srcs: { 'both.c': fn('s1') + fn('s2') } },
	{ name: 'alt_top', srcs: { 'top.c': ext('s1', 's2') + fn('alt_top_fn', `return ${calls('s1', 's2')};`) } },
	// A tie: t1 from either tie_x or tie_y.
	{ name: 'tie_x', srcs: { 'x.c': fn('t1') } },
	{ name: 'tie_y', srcs: { 'y.c': fn('t1') } },
	{ name: 'tie_top', srcs: { 'top.c': ext('t1') + fn('tie_top_fn', `return ${calls('t1')};`) } },
	// A cycle: cyc_a and cyc_b need each other; both need chain_c.
	{ name: 'cyc_a', srcs: { 'a.c': ext('cb', 'c_fn') + fn('ca', `return ${calls('cb', 'c_fn')};`) } },
	{ name: 'cyc_b', srcs: { 'b.c': ext('ca') + fn('cb', `return ${calls('ca')};`) } },
	{ name: 'cyc_top', srcs: { 'top.c': ext('ca') + fn('cyc_top_fn', `return ${calls('ca')};`) } },
	// Weak: a weak reference to a hook is no dependency; the strong one is.
	{ name: 'weak_hook', srcs: { 'hook.c': fn('weak_hook') } },
	{ name: 'weak_core', srcs: { 'core.c': fn('w_core') } },
	{ name: 'weak_user', srcs: { 'user.c': '__attribute__((weak)) int weak_hook(void);\n' + ext('w_core') +
	    fn('weak_user_fn', 'return (weak_hook ? weak_hook() : 0) + w_core();') } },
	// Weak definition: still a definition.
	{ name: 'weakdef', srcs: { 'wd.c': '__attribute__((weak)) int wd_fn(void) { return 1; }\n' } },
	{ name: 'weakdef_user', srcs: { 'u.c': ext('wd_fn') + fn('wdu_fn', `return ${calls('wd_fn')};`) } },
	// Common: a tentative definition (-fcommon) defines the symbol.
	{ name: 'common_def', cflags: ['-fcommon'], srcs: { 'def.c': 'int shared_counter;\n' } },
	{ name: 'common_user', srcs: { 'user.c': 'extern int shared_counter;\n' + fn('cu_fn', 'return shared_counter;') } },
	// Members: mem_top needs only m1; m2 (which needs mem_z) is pulled from the archive only by the shared object.
	{ name: 'mem_z', srcs: { 'z.c': fn('z_only') } },
	{ name: 'mem_lib', srcs: { 'm1.c': fn('m1'), 'm2.c': ext('z_only') + fn('m2', `return ${calls('z_only')};`) } },
	{ name: 'mem_top', srcs: { 'top.c': ext('m1') + fn('mem_top_fn', `return ${calls('m1')};`) } },
	// Host: uses libc only.
	{ name: 'hostuser', srcs: { 'h.c': '#include <string.h>\nint hu_fn(const char *s) { return (int)strlen(s); }\n' } },
];

/** Symbol versions need a version script and a link against the definition. */
export function versionedSpecs(dir: string): LibSpec[] {
	const map = path.join(dir, '.ver.map');
	mkdirSync(dir, { recursive: true });
	writeFileSync(map, 'V1 { global: vsym; local: *; };\nV2 { global: vsym; } V1;\n');
	return [
		{ name: 'ver_def', sharedOnly: true, ldflags: [`-Wl,--version-script=${map}`], srcs: { 'v.c':
		    '__asm__(".symver vsym_old, vsym@V1");\n__asm__(".symver vsym_new, vsym@@V2");\nint vsym_old(void) { return 1; }\nint vsym_new(void) { return 2; }\n' } },
		{ name: 'ver_user', sharedOnly: true, ldflags: [`-L${dir}`, '-lver_def'], srcs: { 'u.c': ext('vsym') + fn('vu_fn', `return ${calls('vsym')};`) } },
	];
}

export interface FixtureTree {
	root: string;
	kern: string;
	gen: string;
}

let built: FixtureTree | undefined;

/** Build both directories once per test file. */
export function fixtureTree(): FixtureTree {
	if (built !== undefined)
		return built;
	const root = mkdtempSync(path.join(tmpdir(), 'rumpkit-wmd-'));
	const kern = path.join(root, 'kern');
	const gen = path.join(root, 'gen');
	buildLibs(kern, KERN);
	buildLibs(gen, GEN);
	buildLibs(gen, versionedSpecs(gen));
	built = { root, kern, gen };
	return built;
}
