/**
 * The host's C library: symbols that every program gets from the compiler
 * driver's default link (libc, the dynamic linker, libc_nonshared.a,
 * libgcc.a) and the system libraries that libraries name in DT_NEEDED.
 * They satisfy references but are never part of an answer.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SummaryCache } from './cache.js';
import { readLibrary } from './libdir.js';
import { summarizeLibrary } from './summary.js';

/**
 * What a host archive defines, from its symbol index alone (libgcc.a is
 * megabytes of objects; its index is a few kilobytes). Without an index,
 * every member is read.
 */
function readArchiveIndex(path: string, cache: SummaryCache): string[] {
	const st = statSync(path);
	const id = { path: `${path}#index`, size: st.size, mtimeMs: st.mtimeMs };
	const hit = cache.get(id);
	if (hit !== undefined)
		return hit.units.flatMap((u) => u.defines);
	const defines = readGnuIndexNames(path) ?? summarizeLibrary(readFileSync(path), path).units.flatMap((u) => u.defines);
	cache.set(id, { kind: 'static', needed: [], units: [{ defines, needs: [], weakRefs: [] }] });
	return defines;
}

/** The names of a GNU archive's `/` symbol index, reading only that member; undefined if there is none. */
function readGnuIndexNames(path: string): string[] | undefined {
	const fd = openSync(path, 'r');
	try {
		const head = Buffer.alloc(68);
		if (readSync(fd, head, 0, 68, 0) !== 68 || head.toString('latin1', 0, 8) !== '!<arch>\n' || head.toString('latin1', 8, 24).trimEnd() !== '/')
			return undefined;
		const size = Number(head.toString('latin1', 56, 66).trim());
		if (!Number.isInteger(size) || size < 4 || size > (64 << 20))
			return undefined;
		const data = Buffer.alloc(size);
		if (readSync(fd, data, 0, size, 68) !== size)
			return undefined;
		const n = data.readUInt32BE(0);
		const strs = 4 + n * 4;
		if (strs > size)
			return undefined;
		const names = data.toString('latin1', strs).split('\0');
		return [...new Set(names.slice(0, n).filter((x) => x !== ''))];
	} finally {
		closeSync(fd);
	}
}

const TRIPLETS: Record<string, string> = {
	x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu', ia32: 'i386-linux-gnu',
	arm: 'arm-linux-gnueabihf', ppc64: 'powerpc64le-linux-gnu', s390x: 's390x-linux-gnu', riscv64: 'riscv64-linux-gnu',
};

/**
 * What `cc` links into every program: the C library and the dynamic linker.
 * libm, libpthread and the like count only when a library names them in
 * DT_NEEDED (since glibc 2.34 libpthread and libdl are empty anyway).
 */
const DEFAULT_LIBS = ['libc.so.6', 'ld-linux-x86-64.so.2', 'ld-linux-aarch64.so.1', 'ld-linux.so.2', 'ld-linux-armhf.so.3'];

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
			for (const sym of readArchiveIndex(p, cache))
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
