/**
 * The solver on hand-made summaries: set cover with alternatives, forced
 * DT_NEEDED edges, all unresolved symbols at once, and the search bound.
 */
import { describe, expect, it } from 'vitest';
import type { Library } from '../../wmd/libdir.js';
import { solve, type SolveInput } from '../../wmd/solve.js';
import { summarizeTable } from '../../wmd/summary.js';

function lib(name: string, defines: string[], needs: string[] = [], extra: Partial<Library> = {}): Library {
	return { name, path: `/x/lib${name}.so`, kind: 'shared', needed: [], units: [{ defines, needs, weakRefs: [] }], ...extra };
}

function input(libs: Library[], requested: string[], over: Partial<SolveInput> = {}): SolveInput {
	return { libs: new Map(libs.map((l) => [l.name, l])), requested, hostDefines: new Set(['malloc']), hostFiles: new Set(['libc.so.6']), ...over };
}

describe('solve', () => {
	it('finds the smallest cover even when the greedy first choice is wrong', () => {
		// big covers the most symbols first, but {left, right} covers all four with two libraries
		// while big needs two more to complete.
		const libs = [
			lib('top', [], ['a', 'b', 'c', 'd']),
			lib('big', ['a', 'b', 'c'], ['e', 'f']),
			lib('e1', ['e']), lib('f1', ['f']),
			lib('left', ['a', 'b']), lib('right', ['c', 'd']),
		];
		const r = solve(input(libs, ['top']));
		expect(r.solution.libraries).toEqual(['left', 'right', 'top']);
		expect(r.ties).toEqual([]);
	});

	it('follows DT_NEEDED to a library of the directory', () => {
		const libs = [lib('a', ['x'], [], { needed: ['libb.so', 'libc.so.6'] }), lib('b', ['y'])];
		const r = solve(input(libs, ['a']));
		expect(r.solution.libraries).toEqual(['a', 'b']);
		expect(r.solution.dependencies).toEqual([{ from: 'a', to: 'b', symbols: [], explicit: true }]);
	});

	it('lists every unresolved symbol with every library that needs it', () => {
		const libs = [lib('a', [], ['gone', 'missing', 'p']), lib('p', ['p'], ['gone'])];
		const r = solve(input(libs, ['a']));
		expect(r.solution.unresolved).toEqual([
			{ symbol: 'gone', neededBy: ['a', 'p'] },
			{ symbol: 'missing', neededBy: ['a'] },
		]);
	});

	it('takes host symbols from the host, versioned or not', () => {
		const a = lib('a', [], ['malloc', 'getentropy']);
		a.units[0]!.needFrom = { getentropy: 'libc.so.6' };
		const r = solve(input([a], ['a']));
		expect(r.solution.unresolved).toEqual([]);
		expect(r.solution.host.get('a')).toEqual(['getentropy', 'malloc']);
	});

	it('stops a huge search with a valid answer and says so', () => {
		// 12 symbols, each from two of 24 single-symbol libraries: 4096 equally small sets.
		const libs = [lib('top', [], Array.from({ length: 12 }, (_, i) => `s${i}`))];
		for (let i = 0; i < 12; i++)
			libs.push(lib(`p${i}a`, [`s${i}`]), lib(`p${i}b`, [`s${i}`]));
		const r = solve(input(libs, ['top'], { maxStates: 200 }));
		expect(r.truncated).toBe(true);
		expect(r.solution.libraries).toHaveLength(13);
		expect(r.solution.unresolved).toEqual([]);
	});
});

describe('summarizeTable', () => {
	it('exports neither hidden symbols nor non-default versions of a shared object', () => {
		const u = summarizeTable({ kind: 'dyn', class: 64, endian: 'le', machine: 62, symbols: [
			{ name: 'pub', bind: 'global', type: 'func', defined: true, common: false, visibility: 'default' },
			{ name: 'hid', bind: 'global', type: 'func', defined: true, common: false, visibility: 'hidden' },
			{ name: 'old', bind: 'global', type: 'func', defined: true, common: false, visibility: 'default', version: 'V1', hiddenVersion: true },
			{ name: 'weakref', bind: 'weak', type: 'func', defined: false, common: false, visibility: 'default' },
			{ name: '_GLOBAL_OFFSET_TABLE_', bind: 'global', type: 'notype', defined: false, common: false, visibility: 'default' },
			{ name: '__start_link_set_x', bind: 'global', type: 'notype', defined: false, common: false, visibility: 'default' },
			{ name: 'need', bind: 'global', type: 'func', defined: false, common: false, visibility: 'default' },
		] });
		expect(u).toEqual({ defines: ['pub'], needs: ['need'], weakRefs: ['weakref'] });
	});

	it('counts hidden definitions of a relocatable object: they link within one program', () => {
		const u = summarizeTable({ kind: 'rel', class: 64, endian: 'le', machine: 62, symbols: [
			{ name: 'hid', bind: 'global', type: 'func', defined: true, common: false, visibility: 'hidden' },
			{ name: 'cmn', bind: 'global', type: 'object', defined: true, common: true, visibility: 'default' },
		] });
		expect(u.defines).toEqual(['hid', 'cmn']);
	});
});
