/**
 * The rumpns_ namespace: every global symbol of kernel code, defined or
 * undefined, is renamed to rumpns_<name> so a kernel printf or malloc never
 * meets the host's. The public interfaces keep their names.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseElfSymbols } from '../wmd/elf.js';

export const RUMPNS = 'rumpns_';

const KEEP = /^(rump_|rumpuser_|rumpclient_|rumpns_)/;
/** Symbols of the linker and the ABI, never ours to rename. */
const LINKER = new Set(['_GLOBAL_OFFSET_TABLE_', '__dso_handle', '_DYNAMIC', '__tls_get_addr', '_init', '_fini']);

export function keepsName(name: string): boolean {
	return KEEP.test(name) || LINKER.has(name) || name.startsWith('__x86.') || name.startsWith('.');
}

/** The `old new` lines for objcopy --redefine-syms, for one relocatable object. */
export function renameList(bytes: Uint8Array, source: string): string[] {
	const table = parseElfSymbols(bytes, source);
	const seen = new Set<string>();
	const lines: string[] = [];
	for (const s of table.symbols) {
		if (s.bind === 'local' || s.name === '' || s.type === 'section' || s.type === 'file')
			continue;
		if (keepsName(s.name) || seen.has(s.name))
			continue;
		seen.add(s.name);
		lines.push(`${s.name} ${RUMPNS}${s.name}`);
	}
	return lines;
}

/** Write the redefine-syms file for `obj`; returns false when nothing needs renaming. */
export function writeRenameFile(obj: string, symsFile: string): boolean {
	const lines = renameList(readFileSync(obj), obj);
	if (lines.length === 0)
		return false;
	writeFileSync(symsFile, lines.join('\n') + '\n');
	return true;
}
