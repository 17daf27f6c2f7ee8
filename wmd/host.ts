/**
 * The host's C library: symbols that every program gets from the compiler
 * driver's default link (libc, libm, libpthread, libdl, librt, the dynamic
 * linker, libc_nonshared.a, libgcc.a) and the system libraries that
 * libraries name in DT_NEEDED. They
 * satisfy references but are never part of an answer.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SummaryCache } from './cache.js';
import { readLibrary } from './libdir.js';

const TRIPLETS: Record<string, string> = {
	x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu', ia32: 'i386-linux-gnu',
	arm: 'arm-linux-gnueabihf', ppc64: 'powerpc64le-linux-gnu', s390x: 's390x-linux-gnu', riscv64: 'riscv64-linux-gnu',
};

const DEFAULT_LIBS = ['libc.so.6', 'libm.so.6', 'libpthread.so.0', 'libdl.so.2', 'librt.so.1',
	'ld-linux-x86-64.so.2', 'ld-linux-aarch64.so.1', 'ld-linux.so.2', 'ld-linux-armhf.so.3'];

/**
 * Static archives the compiler driver adds to every link: libc_nonshared.a
 * (atexit, stat wrappers) and the newest libgcc.a (compiler helpers).
 */
export function hostArchives(dirs: string[] = hostLibDirs()): string[] {
	const out: string[] = [];
	const nonshared = dirs.map((d) => join(d, 'libc_nonshared.a')).find((p) => existsSync(p));
	if (nonshared !== undefined)
		out.push(nonshared);
	const t = TRIPLETS[process.arch];
	if (t !== undefined) {
		const base = `/usr/lib/gcc/${t}`;
		try {
			const vers = readdirSync(base).sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
			const gcc = vers.map((v) => join(base, v, 'libgcc.a')).find((p) => existsSync(p));
			if (gcc !== undefined)
				out.push(gcc);
		} catch {
			// No gcc installed: nothing to add.
		}
	}
	return out;
}

export function hostLibDirs(): string[] {
	const t = TRIPLETS[process.arch];
	const dirs = t === undefined ? [] : [`/lib/${t}`, `/usr/lib/${t}`];
	return [...dirs, '/lib64', '/usr/lib64', '/lib', '/usr/lib'].filter((d) => existsSync(d));
}

export interface HostSymbols {
	/** Symbols the host libraries define. */
	defines: Set<string>;
	/** File names (sonames) of the host libraries read. */
	files: Set<string>;
}

/**
 * Read the default host libraries plus `extra` sonames (DT_NEEDED entries
 * the -L directories do not hold). Unreadable host files are skipped: they
 * only widen what counts as satisfied.
 */
export function readHostSymbols(extra: Iterable<string>, cache: SummaryCache, dirs: string[] = hostLibDirs()): HostSymbols {
	const defines = new Set<string>();
	const files = new Set<string>();
	const want = new Set([...DEFAULT_LIBS, ...extra]);
	for (const p of hostArchives(dirs)) {
		try {
			for (const u of readLibrary(p, cache).units)
				for (const sym of u.defines)
					defines.add(sym);
		} catch {
			// Unreadable: it only widens what counts as satisfied.
		}
	}
	for (const name of want) {
		for (const d of dirs) {
			const p = join(d, name);
			if (!existsSync(p))
				continue;
			try {
				const s = readLibrary(p, cache);
				if (s.kind !== 'shared')
					continue;
				for (const u of s.units)
					for (const sym of u.defines)
						defines.add(sym);
				files.add(name);
			} catch {
				// Not an ELF shared object we can read (a linker script, say).
			}
			break;
		}
	}
	return { defines, files };
}
