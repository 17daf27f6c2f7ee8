/**
 * A pure ELF symbol-table parser: bytes in, table out, no file system.
 *
 * Reads ELF32 and ELF64, little and big endian. For shared objects (ET_DYN)
 * it reads `.dynsym` with the GNU symbol versions (`.gnu.version`,
 * `.gnu.version_d`, `.gnu.version_r`) and the `DT_SONAME`/`DT_NEEDED`
 * entries of `.dynamic`; for everything else `.symtab`. Every read is
 * bounds-checked: corrupt input throws ElfFormatError, never anything else.
 */
import { RumpkitError } from '../buildrump/errors.js';

export type SymBind = 'local' | 'global' | 'weak' | 'unique';
export type SymType = 'notype' | 'object' | 'func' | 'section' | 'file' | 'common' | 'tls' | 'ifunc' | 'other';
export type SymVisibility = 'default' | 'internal' | 'hidden' | 'protected';

export interface ElfSymbol {
	name: string;
	bind: SymBind;
	type: SymType;
	/** Defined in this object (st_shndx is not SHN_UNDEF). Common symbols count as defined. */
	defined: boolean;
	/** A tentative (common) definition: st_shndx is SHN_COMMON. */
	common: boolean;
	visibility: SymVisibility;
	/** GNU symbol version (`.dynsym` only): the version defined, or required for an undefined symbol. */
	version?: string;
	/** The version is not the default one (`name@VER`, not `name@@VER`). */
	hiddenVersion?: boolean;
	/** For an undefined versioned symbol: the file the version requirement names (vn_file). */
	versionFile?: string;
}

export interface ElfSymbolTable {
	kind: 'rel' | 'dyn' | 'exec' | 'core' | 'other';
	class: 32 | 64;
	endian: 'le' | 'be';
	machine: number;
	soname?: string;
	/** DT_NEEDED entries of a shared object, in order. */
	needed?: string[];
	symbols: ElfSymbol[];
}

export class ElfFormatError extends RumpkitError {
	readonly source: string;

	constructor(source: string, what: string) {
		super('WMD_ELF_FORMAT', `${source}: ${what}`);
		this.source = source;
	}
}

const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const SHT_DYNAMIC = 6;
const SHT_NOBITS = 8;
const SHT_DYNSYM = 11;
const SHT_GNU_VERDEF = 0x6ffffffd;
const SHT_GNU_VERNEED = 0x6ffffffe;
const SHT_GNU_VERSYM = 0x6fffffff;
const SHN_UNDEF = 0;
const SHN_COMMON = 0xfff2;
const SHN_XINDEX = 0xffff;
const DT_NULL = 0;
const DT_NEEDED = 1;
const DT_SONAME = 14;
const VER_FLG_BASE = 1;
const VERSYM_HIDDEN = 0x8000;

const BINDS: Record<number, SymBind> = { 0: 'local', 1: 'global', 2: 'weak', 10: 'unique' };
const TYPES: SymType[] = ['notype', 'object', 'func', 'section', 'file', 'common', 'tls'];
const VISIBILITIES: SymVisibility[] = ['default', 'internal', 'hidden', 'protected'];
const KINDS: ElfSymbolTable['kind'][] = ['other', 'rel', 'exec', 'dyn', 'core'];

/** Largest count of symbols or sections we accept; more means corruption, not a real file. */
const MAX_ENTRIES = 1 << 24;

interface Section {
	type: number;
	offset: number;
	size: number;
	link: number;
	info: number;
	entsize: number;
}

/** Bounds-checked reads of one endianness and class. */
class Reader {
	readonly view: DataView;
	readonly le: boolean;
	readonly is64: boolean;

	constructor(readonly bytes: Uint8Array, readonly source: string, le: boolean, is64: boolean) {
		this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		this.le = le;
		this.is64 = is64;
	}

	fail(what: string): never {
		throw new ElfFormatError(this.source, what);
	}

	check(off: number, len: number, what: string): void {
		if (!(off >= 0 && len >= 0 && off + len <= this.bytes.length))
			this.fail(what);
	}

	u8(off: number): number {
		return this.bytes[off]!;
	}

	u16(off: number): number {
		return this.view.getUint16(off, this.le);
	}

	u32(off: number): number {
		return this.view.getUint32(off, this.le);
	}

	/** A 64-bit value as a number; values beyond 2^53 become Infinity so bounds checks fail. */
	u64(off: number): number {
		const lo = this.view.getUint32(off + (this.le ? 0 : 4), this.le);
		const hi = this.view.getUint32(off + (this.le ? 4 : 0), this.le);
		return hi >= 0x200000 ? Infinity : hi * 0x100000000 + lo;
	}

	/** An address-sized word: u32 for ELF32, u64 for ELF64. */
	word(off: number): number {
		return this.is64 ? this.u64(off) : this.u32(off);
	}
}

/** A string table decoded once; names are sliced out by offset. */
class StringTable {
	private text: string | undefined;
	private ascii = true;

	constructor(private readonly r: Reader, private readonly sec: Section | undefined, private readonly what: string) {}

	get(off: number): string {
		const sec = this.sec;
		if (sec === undefined)
			return off === 0 ? '' : this.r.fail(`${this.what} has no string table`);
		if (this.text === undefined) {
			this.r.check(sec.offset, sec.size, `${this.what} string table outside the file`);
			// latin1 maps each byte to one char, so offsets stay byte offsets.
			const raw = this.r.bytes.subarray(sec.offset, sec.offset + sec.size);
			this.text = new TextDecoder('latin1').decode(raw);
			this.ascii = raw.every((b) => b < 0x80);
		}
		const text = this.text;
		if (off >= text.length)
			return off === 0 ? '' : this.r.fail(`${this.what} name offset ${off} outside its string table`);
		let end = text.indexOf('\0', off);
		if (end < 0)
			end = text.length;
		const s = text.slice(off, end);
		// Rare non-ASCII names are UTF-8: decode those bytes properly.
		if (!this.ascii && /[^\x00-\x7f]/.test(s))
			return new TextDecoder('utf-8').decode(this.r.bytes.subarray(sec.offset + off, sec.offset + end));
		return s;
	}
}

/**
 * Parse the symbol table of one ELF object. `source` names the input in
 * error messages (a path, or `lib.a(member.o)`).
 */
export function parseElfSymbols(bytes: Uint8Array, source: string): ElfSymbolTable {
	if (bytes.length < 16 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46)
		throw new ElfFormatError(source, 'not an ELF file');
	const cls = bytes[4];
	const data = bytes[5];
	if (cls !== 1 && cls !== 2)
		throw new ElfFormatError(source, `unknown ELF class ${cls}`);
	if (data !== 1 && data !== 2)
		throw new ElfFormatError(source, `unknown ELF data encoding ${data}`);
	const is64 = cls === 2;
	const r = new Reader(bytes, source, data === 1, is64);
	r.check(0, is64 ? 64 : 52, 'truncated ELF header');

	const etype = r.u16(16);
	const machine = r.u16(18);
	const shoff = r.word(is64 ? 40 : 32);
	const shentsize = r.u16(is64 ? 58 : 46);
	let shnum = r.u16(is64 ? 60 : 48);
	let shstrndx = r.u16(is64 ? 62 : 50);
	const kind = KINDS[etype] ?? 'other';
	const table: ElfSymbolTable = {
		kind, class: is64 ? 64 : 32, endian: data === 1 ? 'le' : 'be', machine, symbols: [],
	};
	if (shoff === 0)
		return table;	// No section headers: nothing to read (a stripped core, say).
	const minEnt = is64 ? 64 : 40;
	if (shentsize < minEnt)
		r.fail(`bad section header size ${shentsize}`);
	r.check(shoff, shentsize, 'truncated section header table');
	const readSection = (i: number): Section => {
		const o = shoff + i * shentsize;
		return is64
		    ? { type: r.u32(o + 4), offset: r.u64(o + 24), size: r.u64(o + 32), link: r.u32(o + 40), info: r.u32(o + 44), entsize: r.u64(o + 56) }
		    : { type: r.u32(o + 4), offset: r.u32(o + 16), size: r.u32(o + 20), link: r.u32(o + 24), info: r.u32(o + 28), entsize: r.u32(o + 36) };
	};
	// Extended numbering: the real counts live in section 0.
	const sec0 = readSection(0);
	if (shnum === 0)
		shnum = sec0.size;
	if (shstrndx === SHN_XINDEX)
		shstrndx = sec0.link;
	if (shnum > MAX_ENTRIES)
		r.fail(`implausible section count ${shnum}`);
	r.check(shoff, shnum * shentsize, 'truncated section header table');
	const sections: Section[] = [];
	for (let i = 0; i < shnum; i++)
		sections.push(readSection(i));

	const find = (type: number): Section | undefined => sections.find((s) => s.type === type);
	const linked = (sec: Section, what: string): Section | undefined => {
		if (sec.link === 0)
			return undefined;
		const l = sections[sec.link];
		if (l === undefined)
			r.fail(`${what} links to missing section ${sec.link}`);
		if (l.type !== SHT_STRTAB)
			r.fail(`${what} links to section ${sec.link}, which is not a string table`);
		return l;
	};

	let symsec: Section | undefined;
	if (kind === 'dyn')
		symsec = find(SHT_DYNSYM) ?? find(SHT_SYMTAB);
	else
		symsec = find(SHT_SYMTAB) ?? find(SHT_DYNSYM);

	if (kind === 'dyn')
		readDynamic(r, sections, table, linked);
	if (symsec === undefined || symsec.type === SHT_NOBITS)
		return table;

	const what = symsec.type === SHT_DYNSYM ? '.dynsym' : '.symtab';
	const entsize = is64 ? 24 : 16;
	if (symsec.entsize !== 0 && symsec.entsize < entsize)
		r.fail(`${what} entry size ${symsec.entsize} too small`);
	const step = symsec.entsize || entsize;
	r.check(symsec.offset, symsec.size, `truncated ${what}`);
	const count = Math.floor(symsec.size / step);
	if (count > MAX_ENTRIES)
		r.fail(`implausible ${what} size`);
	const strtab = new StringTable(r, linked(symsec, what), what);

	let versions: VersionInfo | undefined;
	if (symsec.type === SHT_DYNSYM)
		versions = readVersions(r, sections, count, linked);

	const symbols = table.symbols;
	for (let i = 1; i < count; i++) {
		const o = symsec.offset + i * step;
		let nameoff: number, info: number, other: number, shndx: number;
		if (is64) {
			nameoff = r.u32(o);
			info = r.u8(o + 4);
			other = r.u8(o + 5);
			shndx = r.u16(o + 6);
		} else {
			nameoff = r.u32(o);
			info = r.u8(o + 12);
			other = r.u8(o + 13);
			shndx = r.u16(o + 14);
		}
		const t = info & 0xf;
		const sym: ElfSymbol = {
			name: strtab.get(nameoff),
			bind: BINDS[info >> 4] ?? 'global',
			type: t === 10 ? 'ifunc' : TYPES[t] ?? 'other',
			defined: shndx !== SHN_UNDEF,
			common: shndx === SHN_COMMON,
			visibility: VISIBILITIES[other & 3]!,
		};
		if (versions !== undefined) {
			const v = versions.versym[i] ?? 0;
			const idx = v & 0x7fff;
			if (idx >= 2) {
				const name = sym.defined ? versions.defs.get(idx) : versions.needs.get(idx)?.name;
				if (name !== undefined) {
					sym.version = name;
					if (v & VERSYM_HIDDEN)
						sym.hiddenVersion = true;
					const file = sym.defined ? undefined : versions.needs.get(idx)?.file;
					if (file !== undefined)
						sym.versionFile = file;
				}
			}
		}
		symbols.push(sym);
	}
	return table;
}

type Linked = (sec: Section, what: string) => Section | undefined;

function readDynamic(r: Reader, sections: Section[], table: ElfSymbolTable, linked: Linked): void {
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

interface VersionInfo {
	versym: Uint16Array;
	defs: Map<number, string>;
	needs: Map<number, { name: string; file: string }>;
}

function readVersions(r: Reader, sections: Section[], count: number, linked: Linked): VersionInfo | undefined {
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
