/**
 * Parser for kernel/syscalls.master (format: docs/syscalls-master.md).
 * Pure: text in, entries out; errors name the file, the line and the field.
 */
import { RumpkitError } from '../errors.js';

export class SyscallsMasterError extends RumpkitError {
	constructor(file: string, line: number, message: string) {
		super('RUMPKIT_SYSCALLS_MASTER', `${file}:${line}: ${message}`);
	}
}

export interface SyscallArg {
	/** C type as written in kernel code, normalised (`const char *`). */
	type: string;
	name: string;
	/** NetBSD-style alignment padding (`int PAD`): zero, not in rump_sys_* prototypes. */
	pad: boolean;
}

export interface SyscallEntry {
	number: number;
	class: 'STD' | 'UNIMPL';
	/** lib name of the implementing component; `rump` for the kernel core. */
	provider: string;
	name: string;
	ret: string;
	args: SyscallArg[];
	line: number;
}

export const MAX_SYSCALL = 512;
export const MAX_ARGS = 8;
export const CORE_PROVIDER = 'rump';

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function normaliseType(t: string): string {
	return t.replace(/\s+/g, ' ').replace(/\s*\*\s*/g, ' *').replace(/\* \*/g, '**').trim();
}

/** Split `const char *path` into type `const char *` and name `path`. */
function parseArg(text: string, file: string, line: number, index: number): SyscallArg {
	const m = /^(.*?)([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(text.trim());
	if (m === null || m[1].trim() === '')
		throw new SyscallsMasterError(file, line, `argument ${index + 1}: expected "<type> <name>", got "${text.trim()}"`);
	const type = normaliseType(m[1]);
	return { type, name: m[2], pad: m[2] === 'PAD' };
}

/** `;` or `#` start a comment, except inside the `{ ... }` prototype. */
function stripComment(line: string): string {
	let depth = 0;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (c === '{')
			depth++;
		else if (c === '}')
			depth--;
		else if ((c === ';' || c === '#') && depth <= 0)
			return line.slice(0, i).trim();
	}
	return line.trim();
}

export function parseSyscallsMaster(text: string, file = 'kernel/syscalls.master'): SyscallEntry[] {
	const entries: SyscallEntry[] = [];
	const names = new Set<string>();
	let prev = -1;
	const lines = text.split('\n');
	for (let i = 0; i < lines.length; i++) {
		const lineno = i + 1;
		const raw = lines[i].replace(/\r$/, '');
		const stripped = stripComment(raw);
		if (stripped === '')
			continue;
		const m = /^(\S+)\s+(\S+)\s+(\S+)\s*(.*)$/.exec(stripped);
		if (m === null)
			throw new SyscallsMasterError(file, lineno, 'expected "<number> <class> <provider> { <prototype>; }"');
		const [, numText, cls, provider, proto] = m;
		if (!/^\d+$/.test(numText))
			throw new SyscallsMasterError(file, lineno, `number: "${numText}" is not a decimal number`);
		const number = Number(numText);
		if (number >= MAX_SYSCALL)
			throw new SyscallsMasterError(file, lineno, `number: ${number} is not below ${MAX_SYSCALL}`);
		if (number <= prev)
			throw new SyscallsMasterError(file, lineno, `number: ${number} is not above the previous ${prev}`);
		prev = number;
		if (cls === 'UNIMPL') {
			entries.push({ number, class: 'UNIMPL', provider: '-', name: `#${number}`, ret: 'int', args: [], line: lineno });
			continue;
		}
		if (cls !== 'STD')
			throw new SyscallsMasterError(file, lineno, `class: "${cls}" is not STD or UNIMPL`);
		if (!IDENT.test(provider))
			throw new SyscallsMasterError(file, lineno, `provider: "${provider}" is not a library name`);
		const p = /^\{\s*(.+?)\s*\(\s*(.*?)\s*\)\s*;\s*\}$/.exec(proto);
		if (p === null)
			throw new SyscallsMasterError(file, lineno, 'prototype: expected "{ <type> <name>(<args>); }"');
		const head = /^(.*?)([A-Za-z_][A-Za-z0-9_]*)$/.exec(p[1].trim());
		if (head === null || head[1].trim() === '')
			throw new SyscallsMasterError(file, lineno, `prototype: cannot find the return type and name in "${p[1]}"`);
		const name = head[2];
		if (names.has(name))
			throw new SyscallsMasterError(file, lineno, `name: ${name} is defined twice`);
		names.add(name);
		const argText = p[2];
		const args = argText === '' || argText === 'void' ? [] :
		    argText.split(',').map((a, k) => parseArg(a, file, lineno, k));
		if (args.length > MAX_ARGS)
			throw new SyscallsMasterError(file, lineno, `args: ${name} has ${args.length} arguments, at most ${MAX_ARGS}`);
		const seen = new Set<string>();
		for (const a of args) {
			if (seen.has(a.name))
				throw new SyscallsMasterError(file, lineno, `args: ${name} names "${a.name}" twice`);
			seen.add(a.name);
		}
		entries.push({ number, class: 'STD', provider, name, ret: normaliseType(head[1]), args, line: lineno });
	}
	return entries;
}

/** Providers other than the kernel core, in first-seen order. */
export function componentProviders(entries: SyscallEntry[]): string[] {
	const out: string[] = [];
	for (const e of entries)
		if (e.class === 'STD' && e.provider !== CORE_PROVIDER && !out.includes(e.provider))
			out.push(e.provider);
	return out;
}
