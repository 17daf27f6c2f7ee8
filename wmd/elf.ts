/**
 * A pure ELF symbol-table parser: bytes in, table out, no file system.
 *
 * Reads ELF32 and ELF64, little and big endian. For shared objects (ET_DYN)
 * it reads `.dynsym` with the GNU symbol versions (`.gnu.version`,
 * `.gnu.version_d`, `.gnu.version_r`) and the `DT_SONAME`/`DT_NEEDED`
 * entries of `.dynamic`; for everything else `.symtab`. Every read is
 * bounds-checked: corrupt input throws ElfFormatError, never anything else.
 */
import { ElfFormatError, MAX_ENTRIES, Reader, SHT_STRTAB, StringTable, type Section } from './elfread.js';
import { readDynamic, readVersions, type VersionInfo } from './elfdyn.js';

export { ElfFormatError } from './elfread.js';

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

const SHT_SYMTAB = 2;
const SHT_NOBITS = 8;
const SHT_DYNSYM = 11;
const SHN_UNDEF = 0;
const SHN_COMMON = 0xfff2;
const SHN_XINDEX = 0xffff;
const VERSYM_HIDDEN = 0x8000;

const BINDS: Record<number, SymBind> = { 0: 'local', 1: 'global', 2: 'weak', 10: 'unique' };
const TYPES: SymType[] = ['notype', 'object', 'func', 'section', 'file', 'common', 'tls'];
const VISIBILITIES: SymVisibility[] = ['default', 'internal', 'hidden', 'protected'];
const KINDS: ElfSymbolTable['kind'][] = ['other', 'rel', 'exec', 'dyn', 'core'];

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
