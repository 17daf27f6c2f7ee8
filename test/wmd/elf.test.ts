/**
 * The ELF symbol-table parser: real objects from gcc checked against nm,
 * every class and byte order through a synthetic writer, and corrupt
 * input (truncated, mutated) that must end in ElfFormatError, never a crash.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ElfFormatError, parseElfSymbols, type ElfSymbolTable } from '../../wmd/elf.js';
import { fixtureTree, type FixtureTree } from './fixtures.js';
import { writeElf } from './elfwriter.js';
import { mutations } from './mutate.js';

const SRC = `
int global_data = 1;
static int local_data = 2;
int common_data;
extern int undefined_data;
__attribute__((weak)) int weak_fn(void);
__attribute__((weak)) int weak_def(void) { return 3; }
__attribute__((visibility("hidden"))) int hidden_fn(void) { return 4; }
__thread int tls_var;
int undefined_fn(void);
int
global_fn(void)
{
	return global_data + local_data + common_data + undefined_data + tls_var +
	    (weak_fn ? weak_fn() : 0) + undefined_fn() + hidden_fn();
}
`;

let work: string;
let obj: Uint8Array;
let t: FixtureTree;
beforeAll(() => {
	work = mkdtempSync(path.join(tmpdir(), 'rumpkit-elf-'));
	writeFileSync(path.join(work, 'x.c'), SRC);
	execFileSync('gcc', ['-c', '-fPIC', '-fcommon', '-o', 'x.o', 'x.c'], { cwd: work });
	obj = readFileSync(path.join(work, 'x.o'));
	t = fixtureTree();
});

function sym(table: ElfSymbolTable, name: string) {
	const s = table.symbols.find((x) => x.name === name);
	expect(s, name).toBeDefined();
	return s!;
}

describe('a relocatable object from gcc', () => {
	it('reads .symtab with binding, type, visibility and common symbols', () => {
		const tab = parseElfSymbols(obj, 'x.o');
		expect(tab).toMatchObject({ kind: 'rel', class: 64, endian: 'le', machine: 62 });
		expect(sym(tab, 'global_data')).toMatchObject({ bind: 'global', type: 'object', defined: true, common: false });
		expect(sym(tab, 'local_data')).toMatchObject({ bind: 'local', defined: true });
		expect(sym(tab, 'common_data')).toMatchObject({ bind: 'global', defined: true, common: true });
		expect(sym(tab, 'undefined_data')).toMatchObject({ bind: 'global', defined: false });
		expect(sym(tab, 'weak_fn')).toMatchObject({ bind: 'weak', defined: false });
		expect(sym(tab, 'weak_def')).toMatchObject({ bind: 'weak', type: 'func', defined: true });
		expect(sym(tab, 'hidden_fn')).toMatchObject({ bind: 'global', visibility: 'hidden', defined: true });
		expect(sym(tab, 'tls_var')).toMatchObject({ type: 'tls', defined: true });
		expect(sym(tab, 'global_fn')).toMatchObject({ type: 'func', visibility: 'default' });
	});

	it('agrees with nm on every global symbol', () => {
		const nm = execFileSync('nm', ['x.o'], { cwd: work, encoding: 'utf8' }).trim().split('\n')
		    .map((l) => l.trim().split(/\s+/)).filter((p) => /^[A-Z]$/.test(p.at(-2)!) || p.at(-2) === 'w' || p.at(-2) === 'v')
		    .map((p) => `${p.at(-1)} ${p.at(-2) === 'U' || p.at(-2) === 'w' ? 'U' : 'D'}`).sort();
		const mine = parseElfSymbols(obj, 'x.o').symbols.filter((s) => s.bind !== 'local' && s.name !== '')
		    .map((s) => `${s.name} ${s.defined ? 'D' : 'U'}`).sort();
		expect(mine).toEqual(nm);
	});
});

describe('a shared object', () => {
	it('reads .dynsym, the soname, DT_NEEDED and symbol versions', () => {
		const def = parseElfSymbols(readFileSync(path.join(t.gen, 'libver_def.so')), 'libver_def.so');
		expect(def.kind).toBe('dyn');
		expect(def.soname).toBe('libver_def.so');
		const vs = def.symbols.filter((s) => s.name === 'vsym');
		expect(vs).toHaveLength(2);
		expect(vs.find((s) => s.version === 'V2')).toMatchObject({ defined: true });
		expect(vs.find((s) => s.version === 'V2')!.hiddenVersion).toBeUndefined();
		expect(vs.find((s) => s.version === 'V1')).toMatchObject({ defined: true, hiddenVersion: true });

		const user = parseElfSymbols(readFileSync(path.join(t.gen, 'libver_user.so')), 'libver_user.so');
		expect(user.needed).toContain('libver_def.so');
		expect(sym(user, 'vsym')).toMatchObject({ defined: false, version: 'V2', versionFile: 'libver_def.so' });
		expect(user.symbols.find((s) => s.name === 'vu_fn')).toMatchObject({ defined: true, bind: 'global' });
	});

	it('agrees with nm -D on a shared object', () => {
		const file = path.join(t.kern, 'librumpuser.so');
		const nm = execFileSync('nm', ['-D', file], { encoding: 'utf8' }).trim().split('\n')
		    .map((l) => l.trim().split(/\s+/)).map((p) => p.at(-1)!.replace(/@.*/, '')).sort();
		const mine = parseElfSymbols(readFileSync(file), file).symbols.filter((s) => s.name !== '').map((s) => s.name).sort();
		expect(mine).toEqual(nm);
	});
});

describe('every class and byte order', () => {
	for (const cls of [32, 64] as const) {
		for (const endian of ['le', 'be'] as const) {
			it(`ELF${cls} ${endian === 'le' ? 'little' : 'big'} endian, relocatable and shared`, () => {
				const symbols = [
					{ name: 'defined_fn', bind: 1, type: 2, shndx: 1 },
					{ name: 'undef_obj', bind: 1, type: 1, shndx: 0 },
					{ name: 'weak_ref', bind: 2, type: 0, shndx: 0 },
					{ name: 'common_obj', bind: 1, type: 1, shndx: 0xfff2 },
					{ name: 'hidden_fn', bind: 1, type: 2, shndx: 1, other: 2 },
					{ name: 'unique_obj', bind: 10, type: 1, shndx: 1 },
				];
				const rel = parseElfSymbols(writeElf({ class: cls, endian, type: 1, machine: 43, symbols }), 'syn.o');
				expect(rel).toMatchObject({ kind: 'rel', class: cls, endian, machine: 43 });
				expect(rel.symbols.map((s) => [s.name, s.bind, s.type, s.defined, s.common, s.visibility])).toEqual([
					['defined_fn', 'global', 'func', true, false, 'default'],
					['undef_obj', 'global', 'object', false, false, 'default'],
					['weak_ref', 'weak', 'notype', false, false, 'default'],
					['common_obj', 'global', 'object', true, true, 'default'],
					['hidden_fn', 'global', 'func', true, false, 'hidden'],
					['unique_obj', 'unique', 'object', true, false, 'default'],
				]);
				const so = parseElfSymbols(writeElf({ class: cls, endian, type: 3, symbols, soname: 'libsyn.so.1', needed: ['libc.so.6'] }), 'libsyn.so');
				expect(so).toMatchObject({ kind: 'dyn', soname: 'libsyn.so.1', needed: ['libc.so.6'] });
				expect(so.symbols).toHaveLength(symbols.length);
			});
		}
	}
});

describe('bad input', () => {
	it('says a file is not ELF, naming it', () => {
		expect(() => parseElfSymbols(new TextEncoder().encode('GROUP ( libc.so.6 )'), 'libc.so')).toThrow(ElfFormatError);
		expect(() => parseElfSymbols(new Uint8Array(), 'empty.so')).toThrow('empty.so: not an ELF file');
	});

	it('says what is truncated', () => {
		expect(() => parseElfSymbols(obj.subarray(0, 40), 'x.o')).toThrow('x.o: truncated ELF header');
		expect(() => parseElfSymbols(obj.subarray(0, obj.length - 10), 'x.o')).toThrow('x.o: truncated section header table');
	});

	it('never crashes on truncated or mutated objects', () => {
		const inputs: [string, Uint8Array][] = [
			['x.o', obj],
			['librump.so', readFileSync(path.join(t.kern, 'librump.so'))],
			['libver_user.so', readFileSync(path.join(t.gen, 'libver_user.so'))],
			['be32.so', writeElf({ class: 32, endian: 'be', type: 3, symbols: [{ name: 'f', bind: 1, type: 2, shndx: 1 }], soname: 'x' })],
		];
		let parsed = 0;
		let rejected = 0;
		for (const [name, bytes] of inputs) {
			for (const m of mutations(bytes, 1500, name.length)) {
				try {
					parseElfSymbols(m, name);
					parsed++;
				} catch (e) {
					expect(e, String(e)).toBeInstanceOf(ElfFormatError);
					expect((e as Error).message.startsWith(`${name}: `)).toBe(true);
					rejected++;
				}
			}
		}
		expect(parsed).toBeGreaterThan(0);
		expect(rejected).toBeGreaterThan(0);
	});
});
