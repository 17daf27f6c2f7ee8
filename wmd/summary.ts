/**
 * What a library offers and asks for, reduced from its symbol tables. Pure:
 * takes bytes or parsed tables, touches no files. The result is plain data
 * so the cache can store it as JSON.
 */
import { isArchive, parseArchive } from './ar.js';
import { parseElfSymbols, type ElfSymbolTable } from './elf.js';

/** One unit the linker takes or leaves whole: a shared object, or one archive member. */
export interface Unit {
	/** Archive member name; absent for a shared object. */
	member?: string;
	/** Symbols this unit defines for others to use. */
	defines: string[];
	/** Symbols this unit needs (strong undefined references). */
	needs: string[];
	/** Symbols it references weakly: welcome but never required. */
	weakRefs: string[];
	/** For versioned undefined symbols: the file the version requirement names (symbol -> file). */
	needFrom?: Record<string, string>;
}

export interface LibrarySummary {
	kind: 'shared' | 'static';
	soname?: string;
	needed: string[];
	units: Unit[];
}

/**
 * Symbols the linker or the C runtime start files provide to every link;
 * references to them are never a dependency on a library.
 */
const LINKER_PROVIDED = new Set([
	'_GLOBAL_OFFSET_TABLE_', '_DYNAMIC', '__ehdr_start', '__executable_start', '_end', 'end',
	'_edata', 'edata', '_etext', 'etext', '__bss_start', '__dso_handle', '_init', '_fini',
	'__init_array_start', '__init_array_end', '__fini_array_start', '__fini_array_end',
	'__preinit_array_start', '__preinit_array_end', '__TMC_END__', '_PROCEDURE_LINKAGE_TABLE_',
]);

export function isLinkerProvided(sym: string): boolean {
	return LINKER_PROVIDED.has(sym) || sym.startsWith('__start_') || sym.startsWith('__stop_');
}

/** Reduce one ELF symbol table to what it defines and needs. */
export function summarizeTable(table: ElfSymbolTable, member?: string): Unit {
	const shared = table.kind === 'dyn';
	const defines = new Set<string>();
	const needs = new Set<string>();
	const weakRefs = new Set<string>();
	let needFrom: Record<string, string> | undefined;
	for (const s of table.symbols) {
		if (s.bind === 'local' || s.name === '' || s.type === 'section' || s.type === 'file')
			continue;
		if (s.defined) {
			// A shared object exports only default and protected symbols, and a
			// new link binds only to the default version (`name@@V`).
			if (shared && (s.visibility === 'hidden' || s.visibility === 'internal' || s.hiddenVersion))
				continue;
			defines.add(s.name);
		} else if (s.bind === 'weak') {
			weakRefs.add(s.name);
		} else if (!isLinkerProvided(s.name)) {
			needs.add(s.name);
			if (s.versionFile !== undefined)
				(needFrom ??= {})[s.name] = s.versionFile;
		}
	}
	for (const d of defines) {
		needs.delete(d);
		weakRefs.delete(d);
	}
	for (const n of needs)
		weakRefs.delete(n);
	const unit: Unit = { defines: [...defines], needs: [...needs], weakRefs: [...weakRefs] };
	if (member !== undefined)
		unit.member = member;
	if (needFrom !== undefined)
		unit.needFrom = needFrom;
	return unit;
}

/**
 * Summarize a library file: an ar archive of relocatable objects, or a
 * shared object. `source` names the file in errors.
 */
export function summarizeLibrary(bytes: Uint8Array, source: string): LibrarySummary {
	if (isArchive(bytes)) {
		const ar = parseArchive(bytes, source);
		const units: Unit[] = [];
		for (const m of ar.members) {
			// Archives may carry non-ELF members (LLVM bitcode, notes): skip them.
			if (m.data.length < 4 || m.data[0] !== 0x7f || m.data[1] !== 0x45 || m.data[2] !== 0x4c || m.data[3] !== 0x46)
				continue;
			units.push(summarizeTable(parseElfSymbols(m.data, `${source}(${m.name})`), m.name));
		}
		return { kind: 'static', needed: [], units };
	}
	const table = parseElfSymbols(bytes, source);
	const summary: LibrarySummary = { kind: 'shared', needed: table.needed ?? [], units: [summarizeTable(table)] };
	if (table.soname !== undefined)
		summary.soname = table.soname;
	return summary;
}
