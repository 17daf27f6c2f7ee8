/**
 * Names as a developer wrote them. Kernel code is compiled with every global
 * renamed to `rumpns_<name>`; messages show the name without the prefix
 * (the linker's "undefined rumpns_garven_deh" is a missing `garven_deh`).
 */
export const RUMPNS = 'rumpns_';

export function displaySymbol(sym: string): string {
	return sym.startsWith(RUMPNS) ? sym.slice(RUMPNS.length) : sym;
}

/** `rumpfs_tmpfs` -> `librumpfs_tmpfs`. */
export function libName(name: string): string {
	return `lib${name}`;
}
