/**
 * The host's C library: symbols that every program gets from the compiler
 * driver's default link (libc, libm, libpthread, libdl, librt, the dynamic
 * linker) and the system libraries that libraries name in DT_NEEDED. They
 * satisfy references but are never part of an answer.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SummaryCache } from './cache.js';
import { readLibrary } from './libdir.js';

const TRIPLETS: Record<string, string> = {
	x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu', ia32: 'i386-linux-gnu',
	arm: 'arm-linux-gnueabihf', ppc64: 'powerpc64le-linux-gnu', s390x: 's390x-linux-gnu', riscv64: 'riscv64-linux-gnu',
};

const DEFAULT_LIBS = ['libc.so.6', 'libm.so.6', 'libpthread.so.0', 'libdl.so.2', 'librt.so.1',
	'ld-linux-x86-64.so.2', 'ld-linux-aarch64.so.1', 'ld-linux.so.2', 'ld-linux-armhf.so.3'];

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
