/**
 * The syscall table of the TS client, read from kernel/syscalls.master
 * (the single source) with the build engine's parser, so rumpctrl works
 * from a fresh clone without generated files.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RumpkitError } from '../buildrump/errors.js';
import { parseSyscallsMaster, type SyscallEntry } from '../buildrump/gen/syscalls-parse.js';

export class SyscallTable {
	private byName = new Map<string, SyscallEntry>();

	constructor(entries: SyscallEntry[]) {
		for (const e of entries)
			if (e.class === 'STD')
				this.byName.set(e.name, e);
	}

	has(name: string): boolean {
		return this.byName.has(name);
	}

	number(name: string): number {
		const e = this.byName.get(name);
		if (e === undefined)
			throw new RumpkitError('RUMPCTRL_NO_SYSCALL', `the kernel has no system call ${name} (kernel/syscalls.master)`);
		return e.number;
	}
}

/** kernel/syscalls.master of this checkout: found upwards from this module (source or dist). */
export function findSyscallsMaster(from = path.dirname(fileURLToPath(import.meta.url))): string {
	for (let dir = from; ; dir = path.dirname(dir)) {
		const p = path.join(dir, 'kernel', 'syscalls.master');
		if (existsSync(p))
			return p;
		if (path.dirname(dir) === dir)
			throw new RumpkitError('RUMPCTRL_NO_SYSCALLS_MASTER', `kernel/syscalls.master not found above ${from}`);
	}
}

let cached: SyscallTable | undefined;

export function readSyscallTable(file?: string): SyscallTable {
	if (file === undefined && cached !== undefined)
		return cached;
	const p = file ?? findSyscallsMaster();
	const t = new SyscallTable(parseSyscallsMaster(readFileSync(p, 'utf8'), p));
	if (file === undefined)
		cached = t;
	return t;
}
