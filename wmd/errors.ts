/** Typed errors of rump_wmd; each names the file or symbol that is wrong. */
import { RumpkitError } from '../buildrump/errors.js';
import { displaySymbol } from './names.js';

export { ElfFormatError } from './elf.js';
export { ArFormatError } from './ar.js';

/** A -l library that none of the -L directories holds. */
export class LibraryNotFoundError extends RumpkitError {
	constructor(lib: string, dirs: string[], staticOnly = false) {
		const files = staticOnly ? `lib${lib}.a` : `lib${lib}.so or lib${lib}.a`;
		super('WMD_LIB_NOT_FOUND', `lib${lib}: no ${files} in ${dirs.join(', ')}`);
	}
}

/** A -L directory that is missing or holds no libraries. */
export class LibraryDirError extends RumpkitError {
	constructor(dir: string, what: string) {
		super('WMD_LIB_DIR', `${dir}: ${what}`);
	}
}

/** A linker script where a library was expected: nothing to read, skipped. */
export class LinkerScriptError extends RumpkitError {
	constructor(path: string) {
		super('WMD_LINKER_SCRIPT', `${path}: a linker script, not a library with a symbol table`);
	}
}

export interface Unresolved {
	symbol: string;
	/** Libraries (lib<name>) whose code needs the symbol. */
	neededBy: string[];
}

/** Symbols that no library in the -L directories (nor the host C library) defines. */
export class UnresolvedSymbolError extends RumpkitError {
	readonly unresolved: Unresolved[];

	constructor(unresolved: Unresolved[]) {
		super('WMD_UNRESOLVED', unresolved.map(formatUnresolved).join('\n'));
		this.unresolved = unresolved;
	}
}

export function formatUnresolved(u: Unresolved): string {
	return `unresolved: ${displaySymbol(u.symbol)} (needed by ${u.neededBy.join(', ')})`;
}

/** --why named a symbol that the answer does not involve. */
export class SymbolNotNeededError extends RumpkitError {
	constructor(symbol: string, requested: string[]) {
		super('WMD_NOT_NEEDED', `${displaySymbol(symbol)} is not defined by any library that ${requested.map((l) => `-l${l}`).join(' ')} needs`);
	}
}
