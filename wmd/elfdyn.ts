/**
 * The parts of a shared object beyond its symbols: `.dynamic` (DT_SONAME,
 * DT_NEEDED) and the GNU symbol versions (`.gnu.version`, `.gnu.version_d`,
 * `.gnu.version_r`).
 */
import type { ElfSymbolTable } from './elf.js';
import { MAX_ENTRIES, StringTable, type Linked, type Reader, type Section } from './elfread.js';

const SHT_DYNAMIC = 6;
const SHT_GNU_VERDEF = 0x6ffffffd;
const SHT_GNU_VERNEED = 0x6ffffffe;
const SHT_GNU_VERSYM = 0x6fffffff;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_SONAME = 14;
const VER_FLG_BASE = 1;

export function readDynamic(r: Reader, sections: Section[], table: ElfSymbolTable, linked: Linked): void {
	const dyn = sections.find((s) => s.type === SHT_DYNAMIC);
	if (dyn === undefined)
		return;
	const entsize = r.is64 ? 16 : 8;
	r.check(dyn.offset, dyn.size, 'truncated .dynamic');
	const strtab = new StringTable(r, linked(dyn, '.dynamic'), '.dynamic');
	const needed: string[] = [];
	const n = Math.floor(dyn.size / entsize);
	for (let i = 0; i < n; i++) {
		const o = dyn.offset + i * entsize;
		const tag = r.is64 ? r.u64(o) : r.u32(o);
		if (tag === DT_NULL)
			break;
		const val = r.word(o + entsize / 2);
		if (tag === DT_SONAME)
			table.soname = strtab.get(val);
		else if (tag === DT_NEEDED)
			needed.push(strtab.get(val));
	}
	table.needed = needed;
}

export interface VersionInfo {
	versym: Uint16Array;
	defs: Map<number, string>;
	needs: Map<number, { name: string; file: string }>;
}

export function readVersions(r: Reader, sections: Section[], count: number, linked: Linked): VersionInfo | undefined {
	const vs = sections.find((s) => s.type === SHT_GNU_VERSYM);
	if (vs === undefined)
		return undefined;
	r.check(vs.offset, vs.size, 'truncated .gnu.version');
	const n = Math.min(count, Math.floor(vs.size / 2));
	const versym = new Uint16Array(n);
	for (let i = 0; i < n; i++)
		versym[i] = r.u16(vs.offset + i * 2);

	const defs = new Map<number, string>();
	const vd = sections.find((s) => s.type === SHT_GNU_VERDEF);
	if (vd !== undefined) {
		const strtab = new StringTable(r, linked(vd, '.gnu.version_d'), '.gnu.version_d');
		let off = vd.offset;
		// sh_info is the entry count; bound it by the section size too.
		for (let i = 0; i < vd.info && i < MAX_ENTRIES; i++) {
			r.check(off, 20, 'truncated .gnu.version_d');
			const flags = r.u16(off + 2);
			const ndx = r.u16(off + 4);
			const aux = r.u32(off + 12);
			const next = r.u32(off + 16);
			if (r.u16(off + 6) > 0) {
				r.check(off + aux, 8, 'truncated .gnu.version_d');
				if ((flags & VER_FLG_BASE) === 0)
					defs.set(ndx & 0x7fff, strtab.get(r.u32(off + aux)));
			}
			if (next === 0)
				break;
			off += next;
		}
	}

	const needs = new Map<number, { name: string; file: string }>();
	const vn = sections.find((s) => s.type === SHT_GNU_VERNEED);
	if (vn !== undefined) {
		const strtab = new StringTable(r, linked(vn, '.gnu.version_r'), '.gnu.version_r');
		let off = vn.offset;
		let budget = MAX_ENTRIES;
		for (let i = 0; i < vn.info && i < MAX_ENTRIES; i++) {
			r.check(off, 16, 'truncated .gnu.version_r');
			const cnt = r.u16(off + 2);
			const file = strtab.get(r.u32(off + 4));
			let aoff = off + r.u32(off + 8);
			for (let j = 0; j < cnt; j++) {
				if (--budget < 0)
					r.fail('.gnu.version_r loops');
				r.check(aoff, 16, 'truncated .gnu.version_r');
				const other = r.u16(aoff + 6);
				needs.set(other & 0x7fff, { name: strtab.get(r.u32(aoff + 8)), file });
				const anext = r.u32(aoff + 12);
				if (anext === 0)
					break;
				aoff += anext;
			}
			const next = r.u32(off + 12);
			if (next === 0)
				break;
			off += next;
		}
	}
	return { versym, defs, needs };
}
