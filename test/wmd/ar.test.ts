/**
 * The ar parser: GNU archives from binutils ar (long names, symbol index),
 * BSD archives written by hand (#1/len names, __.SYMDEF), and corrupt
 * archives that must end in ArFormatError.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArFormatError, parseArchive } from '../../wmd/ar.js';
import { ElfFormatError } from '../../wmd/elf.js';
import { summarizeLibrary } from '../../wmd/summary.js';
import { mutations } from './mutate.js';

let work: string;
let gnu: Uint8Array;
let shortObj: Uint8Array;
let longObj: Uint8Array;
const LONG = 'a_member_name_longer_than_fifteen.o';

beforeAll(() => {
	work = mkdtempSync(path.join(tmpdir(), 'rumpkit-ar-'));
	writeFileSync(path.join(work, 's.c'), 'int short_fn(void) { return 1; }\n');
	writeFileSync(path.join(work, 'l.c'), 'int short_fn(void); int long_fn(void) { return short_fn(); }\n');
	execFileSync('gcc', ['-c', '-o', 's.o', 's.c'], { cwd: work });
	execFileSync('gcc', ['-c', '-o', LONG, 'l.c'], { cwd: work });
	execFileSync('ar', ['rcs', 'libx.a', 's.o', LONG], { cwd: work });
	gnu = readFileSync(path.join(work, 'libx.a'));
	shortObj = readFileSync(path.join(work, 's.o'));
	longObj = readFileSync(path.join(work, LONG));
});

function header(name: string, size: number): string {
	return name.padEnd(16) + '0'.padEnd(12) + '0'.padEnd(6) + '0'.padEnd(6) + '644'.padEnd(8) + String(size).padEnd(10) + '`\n';
}

/** A BSD archive: names as #1/len before the data, a __.SYMDEF index. */
function bsdArchive(members: [string, Uint8Array][], index: [string, number][]): Uint8Array {
	const parts: Uint8Array[] = [];
	const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
	const member = (name: string, data: Uint8Array): Uint8Array => {
		let n = name;
		while (n.length % 4 !== 0)
			n += '\0';
		const body = new Uint8Array(n.length + data.length + ((n.length + data.length) & 1));
		body.set(enc(n), 0);
		body.set(data, n.length);
		return new Uint8Array([...enc(header(`#1/${n.length}`, n.length + data.length)), ...body]);
	};
	// Offsets of the members' headers, after the magic and the index member.
	const strings: number[] = [];
	const strx: number[] = [];
	for (const [sym] of index) {
		strx.push(strings.length);
		strings.push(...enc(sym), 0);
	}
	const symdefData = (offsets: number[]): Uint8Array => {
		const buf = new Uint8Array(4 + index.length * 8 + 4 + strings.length);
		const v = new DataView(buf.buffer);
		v.setUint32(0, index.length * 8, true);
		index.forEach(([, m], i) => {
			v.setUint32(4 + i * 8, strx[i]!, true);
			v.setUint32(8 + i * 8, offsets[m]!, true);
		});
		v.setUint32(4 + index.length * 8, strings.length, true);
		buf.set(strings, 8 + index.length * 8);
		return buf;
	};
	const symdefLen = member('__.SYMDEF', symdefData(members.map(() => 0))).length;
	let off = 8 + symdefLen;
	const offsets: number[] = [];
	const bodies = members.map(([n, d]) => {
		const b = member(n, d);
		offsets.push(off);
		off += b.length;
		return b;
	});
	parts.push(enc('!<arch>\n'), member('__.SYMDEF', symdefData(offsets)), ...bodies);
	return Uint8Array.from(parts.flatMap((p) => [...p]));
}

describe('GNU archives', () => {
	it('lists members with long names and reads the symbol index', () => {
		const a = parseArchive(gnu, 'libx.a');
		expect(a.members.map((m) => m.name)).toEqual(['s.o', LONG]);
		expect(Buffer.from(a.members[1]!.data).equals(longObj)).toBe(true);
		expect(a.symbolIndex?.get('short_fn')).toBe('s.o');
		expect(a.symbolIndex?.get('long_fn')).toBe(LONG);
	});

	it('summarizes each member as a unit', () => {
		const s = summarizeLibrary(gnu, 'libx.a');
		expect(s.kind).toBe('static');
		expect(s.units.map((u) => [u.member, u.defines, u.needs])).toEqual([
			['s.o', ['short_fn'], []],
			[LONG, ['long_fn'], ['short_fn']],
		]);
	});
});

describe('BSD archives', () => {
	it('reads #1/len names and the __.SYMDEF index', () => {
		const bytes = bsdArchive([['short.o', shortObj], [LONG, longObj]], [['short_fn', 0], ['long_fn', 1]]);
		const a = parseArchive(bytes, 'libbsd.a');
		expect(a.members.map((m) => m.name)).toEqual(['short.o', LONG]);
		expect(Buffer.from(a.members[0]!.data).equals(shortObj)).toBe(true);
		expect(a.symbolIndex?.get('short_fn')).toBe('short.o');
		expect(a.symbolIndex?.get('long_fn')).toBe(LONG);
		expect(summarizeLibrary(bytes, 'libbsd.a').units.map((u) => u.defines)).toEqual([['short_fn'], ['long_fn']]);
	});
});

describe('bad archives', () => {
	it('names the file and what is wrong', () => {
		expect(() => parseArchive(gnu.subarray(0, 70), 'libx.a')).toThrow(/^libx\.a: truncated member/);
		expect(() => parseArchive(new TextEncoder().encode('!<thin>\n'), 'libt.a')).toThrow('libt.a: thin archives are not supported');
		expect(() => parseArchive(new TextEncoder().encode('hello'), 'libh.a')).toThrow('libh.a: not an ar archive');
	});

	it('never crashes on truncated or mutated archives', () => {
		const bsd = bsdArchive([['short.o', shortObj], [LONG, longObj]], [['short_fn', 0], ['long_fn', 1]]);
		for (const [name, bytes] of [['libx.a', gnu], ['libbsd.a', bsd]] as const) {
			for (const m of mutations(bytes, 1500, 7)) {
				try {
					summarizeLibrary(m, name);
				} catch (e) {
					expect(e instanceof ArFormatError || e instanceof ElfFormatError, String(e)).toBe(true);
					expect((e as Error).message.startsWith(name)).toBe(true);
				}
			}
		}
	});
});
