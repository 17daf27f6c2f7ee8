/**
 * The rumpns_ namespace: every global symbol of kernel code, defined or
 * undefined, is renamed to rumpns_<name> so a kernel printf or malloc never
 * meets the host's. The public interfaces keep their names.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic.cjs';
import { renameElfSymbols } from './elfrename.js';
import { parseElfSymbols } from '../wmd/elf.js';

export const RUMPNS = 'rumpns_';

/** The public interfaces, the linker's and the ABI's symbols, and names already renamed. */
const KEEP_PREFIXES = ['rump_', 'rumpuser_', 'rumpclient_', 'rumpns_', '__x86[.]', '[.]'];
const LINKER = ['_GLOBAL_OFFSET_TABLE_', '__dso_handle', '_DYNAMIC', '__tls_get_addr', '_init', '_fini'];
/** The names that keep their names, as an extended regular expression that awk reads too. */
export const KEEP_ERE = `^(${KEEP_PREFIXES.join('|')}|(${LINKER.join('|')})$)`;
const KEEP = new RegExp(KEEP_ERE);

export function keepsName(name: string): boolean {
	return KEEP.test(name);
}

/** Whether a symbol is renamed: every non-local name that is not kept. */
export function renamesSymbol(name: string, local: boolean): boolean {
	return !local && name !== '' && !keepsName(name);
}

/** The `old new` lines for objcopy --redefine-syms, for one relocatable object. */
export function renameList(bytes: Uint8Array, source: string): string[] {
	const table = parseElfSymbols(bytes, source);
	const seen = new Set<string>();
	const lines: string[] = [];
	for (const s of table.symbols) {
		if (s.type === 'section' || s.type === 'file' || !renamesSymbol(s.name, s.bind === 'local') || seen.has(s.name))
			continue;
		seen.add(s.name);
		lines.push(`${s.name} ${RUMPNS}${s.name}`);
	}
	return lines;
}

/** The rename rule of the rumpns_ namespace, for renameElfSymbols(). */
export function rumpnsRule(name: string, sym: { bind: number }): string | null {
	return renamesSymbol(name, sym.bind === 0) ? `${RUMPNS}${name}` : null;
}

/**
 * Rename `obj` in place without another process when it is an ELF64 LE
 * object; returns false when objcopy must do it (writeRenameFile).
 */
export function renameInProcess(obj: string): boolean {
	const buf = readFileSync(obj);
	if (buf.length < 6 || buf[4] !== 2 || buf[5] !== 1)
		return false;
	const out = renameElfSymbols(buf, rumpnsRule);
	if (out !== null)
		writeFileAtomic(obj, out);
	return true;
}

/** Write the redefine-syms file for `obj`; returns false when nothing needs renaming. */
export function writeRenameFile(obj: string, symsFile: string): boolean {
	const lines = renameList(readFileSync(obj), obj);
	if (lines.length === 0)
		return false;
	writeFileSync(symsFile, lines.join('\n') + '\n');
	return true;
}
