/**
 * rump_wmd answers on fixture libraries built with gcc: each answer is
 * checked by linking with exactly the printed flags (no undefined symbols)
 * and by dropping each library in turn (the link must then fail).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveDeps, type WmdPlan } from '../../wmd/index.js';
import { dropOne, linkWith } from './link.js';
import { fixtureTree, type FixtureTree } from './fixtures.js';

let t: FixtureTree;
beforeAll(() => {
	t = fixtureTree();
});

interface Case {
	what: string;
	dir: 'kern' | 'gen';
	libs: string[];
	shared: string;
	static?: string;
}

const CASES: Case[] = [
	{ what: 'the tutorial answer: tmpfs needs rumpvfs; the kernel base is implied', dir: 'kern', libs: ['rumpfs_tmpfs'],
		shared: '-lrumpvfs -lrumpfs_tmpfs', static: '-lrumpfs_tmpfs -lrumpvfs -lrump -lrumpuser' },
	{ what: 'a component needing two kernel libraries', dir: 'kern', libs: ['rumpfs_ffs'],
		shared: '-lrumpdev -lrumpvfs -lrumpfs_ffs', static: '-lrumpfs_ffs -lrumpdev -lrumpvfs -lrump -lrumpuser' },
	{ what: 'a chain, dependencies first', dir: 'gen', libs: ['chain_a'],
		shared: '-lchain_c -lchain_b -lchain_a', static: '-lchain_a -lchain_b -lchain_c' },
	{ what: 'alternatives: one library providing both symbols beats two', dir: 'gen', libs: ['alt_top'],
		shared: '-lalt_both -lalt_top', static: '-lalt_top -lalt_both' },
	{ what: 'a cycle, grouped for static links', dir: 'gen', libs: ['cyc_top'],
		shared: '-lchain_c -lcyc_a -lcyc_b -lcyc_top', static: '-lcyc_top -Wl,--start-group -lcyc_a -lcyc_b -Wl,--end-group -lchain_c' },
	{ what: 'a weak reference is no dependency, a strong one is', dir: 'gen', libs: ['weak_user'],
		shared: '-lweak_core -lweak_user', static: '-lweak_user -lweak_core' },
	{ what: 'a weak definition satisfies a reference', dir: 'gen', libs: ['weakdef_user'],
		shared: '-lweakdef -lweakdef_user', static: '-lweakdef_user -lweakdef' },
	{ what: 'a common symbol is a definition', dir: 'gen', libs: ['common_user'],
		shared: '-lcommon_def -lcommon_user', static: '-lcommon_user -lcommon_def' },
	{ what: 'an archive contributes only the members that are needed', dir: 'gen', libs: ['mem_top'],
		shared: '-lmem_z -lmem_lib -lmem_top', static: '-lmem_top -lmem_lib' },
	{ what: 'libc symbols come from the host', dir: 'gen', libs: ['hostuser'],
		shared: '-lhostuser', static: '-lhostuser' },
	{ what: 'a versioned reference names its library', dir: 'gen', libs: ['ver_user'],
		shared: '-lver_def -lver_user' },
	{ what: 'two requested libraries share their dependencies', dir: 'kern', libs: ['rumpfs_tmpfs', 'rumpfs_ffs'],
		shared: '-lrumpvfs -lrumpfs_tmpfs -lrumpdev -lrumpfs_ffs',
		static: '-lrumpfs_tmpfs -lrumpfs_ffs -lrumpdev -lrumpvfs -lrump -lrumpuser' },
];

function checkLinks(dir: string, c: Case, plan: WmdPlan, mode: 'shared' | 'static'): void {
	const tail = mode === 'shared' && plan.base.length > 0 ? ['-lrump', '-lrumpuser'] : [];
	const full = linkWith(dir, c.libs, plan.flags, mode, tail);
	expect(full.stderr).toBe('');
	expect(full.ok).toBe(true);
	for (const d of dropOne(plan.flags)) {
		const r = linkWith(dir, c.libs, d.flags, mode, tail);
		expect(r.ok, `linking without ${d.dropped} should fail`).toBe(false);
	}
}

describe('shared answers link, and every library in them is needed', () => {
	for (const c of CASES) {
		it(c.what, () => {
			const dir = t[c.dir];
			const plan = resolveDeps({ libDirs: [dir], libs: c.libs, cache: false });
			expect(plan.flags.join(' ')).toBe(c.shared);
			checkLinks(dir, c, plan, 'shared');
		});
	}
});

describe('static answers link in the printed order, and every library in them is needed', () => {
	for (const c of CASES.filter((x) => x.static !== undefined)) {
		it(c.what, () => {
			const dir = t[c.dir];
			const plan = resolveDeps({ libDirs: [dir], libs: c.libs, static: true, cache: false });
			expect(plan.flags.join(' ')).toBe(c.static);
			checkLinks(dir, c, plan, 'static');
		});
	}
});

describe('choices', () => {
	it('reports an equally small alternative as a tie', () => {
		const plan = resolveDeps({ libDirs: [t.gen], libs: ['tie_top'], cache: false });
		expect(plan.flags).toEqual(['-ltie_x', '-ltie_top']);
		expect(plan.ties).toEqual([['tie_top', 'tie_y']]);
		checkLinks(t.gen, { what: '', dir: 'gen', libs: ['tie_top'], shared: '' }, plan, 'shared');
	});

	it('prefers a requested library over another provider', () => {
		const plan = resolveDeps({ libDirs: [t.gen], libs: ['tie_top', 'tie_y'], cache: false });
		expect(plan.flags).toEqual(['-ltie_y', '-ltie_top']);
		expect(plan.ties).toEqual([]);
	});

	it('does not imply the kernel base with --no-base', () => {
		const plan = resolveDeps({ libDirs: [t.kern], libs: ['rumpfs_tmpfs'], base: false, cache: false });
		expect(plan.flags.join(' ')).toBe('-lrumpuser -lrump -lrumpvfs -lrumpfs_tmpfs');
		expect(plan.base).toEqual([]);
	});

	it('prints a requested library even when it is part of the kernel base', () => {
		const plan = resolveDeps({ libDirs: [t.kern], libs: ['rumpuser'], cache: false });
		expect(plan.flags).toEqual(['-lrumpuser']);
		expect(resolveDeps({ libDirs: [t.kern], libs: ['rump'], cache: false }).flags).toEqual(['-lrumpuser', '-lrump']);
	});

	it('skips lib<X>_pic.a: it is the PIC build of X, not another provider', () => {
		const plan = resolveDeps({ libDirs: [t.kern], libs: ['rumpfs_tmpfs'], static: true, cache: false });
		expect(plan.ties).toEqual([]);
		expect([...plan.libraries.keys()].some((l) => l.endsWith('_pic'))).toBe(false);
	});

	it('searches several -L directories, the first one holding a name winning', () => {
		const plan = resolveDeps({ libDirs: [t.gen, t.kern], libs: ['rumpfs_tmpfs', 'chain_a'], cache: false });
		expect(new Set(plan.printed)).toEqual(new Set(['rumpvfs', 'rumpfs_tmpfs', 'chain_c', 'chain_b', 'chain_a']));
		const i = (l: string): number => plan.printed.indexOf(l);
		expect(i('chain_c')).toBeLessThan(i('chain_b'));
		expect(i('chain_b')).toBeLessThan(i('chain_a'));
		expect(i('rumpvfs')).toBeLessThan(i('rumpfs_tmpfs'));
	});
});
