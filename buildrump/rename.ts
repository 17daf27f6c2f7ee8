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

/** The rename rule of the rumpns_ namespace, for renameElfSymbols(). */
export function rumpnsRule(name: string, sym: { bind: number }): string | null {
	return sym.bind === 0 || keepsName(name) ? null : `${RUMPNS}${name}`;
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
