/**
 * The reader at the edge: finds the libraries in the -L directories and
 * summarizes each (through the cache). The only module of the solver path
 * that touches files, together with host.ts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from '../buildrump/logger.js';
import type { SummaryCache } from './cache.js';
import { LibraryDirError, LinkerScriptError } from './errors.js';
import { summarizeLibrary, type LibrarySummary } from './summary.js';

export type LinkMode = 'shared' | 'static';

export interface Library extends LibrarySummary {
	/** The name -l takes: `rumpfs_tmpfs`. */
	name: string;
	path: string;
}

interface Candidates {
	so?: string;
	soVersioned: string[];
	a?: string;
}

const SO = /^lib(.+)\.so$/;
const SOV = /^lib(.+)\.so\.[0-9.]+$/;
const AR = /^lib(.+)\.a$/;

/**
 * List the libraries of the directories: name -> file. The first directory
 * holding a name wins, as with the linker. In shared mode a name's `.so` is
 * used (its `.a` when there is no shared object); in static mode its `.a`.
 * `lib<X>_pic.a` is the PIC build of X, not a library of its own.
 */
export function listLibraries(dirs: string[], mode: LinkMode): Map<string, string> {
	const found = new Map<string, string>();
	for (const dir of dirs) {
		let names: string[];
		try {
			names = readdirSync(dir);
		} catch (e) {
			const code = (e as NodeJS.ErrnoException).code;
			throw new LibraryDirError(dir, code === 'ENOENT' ? 'no such directory' : code === 'ENOTDIR' ? 'not a directory' : (e as Error).message);
		}
		const byName = new Map<string, Candidates>();
		const slot = (n: string): Candidates => {
			let c = byName.get(n);
			if (c === undefined)
				byName.set(n, c = { soVersioned: [] });
			return c;
		};
		for (const f of names) {
			let m: RegExpExecArray | null;
			if ((m = SO.exec(f)) !== null)
				slot(m[1]!).so = f;
			else if ((m = SOV.exec(f)) !== null)
				slot(m[1]!).soVersioned.push(f);
			else if ((m = AR.exec(f)) !== null)
				slot(m[1]!).a = f;
		}
		let any = false;
		for (const [name, c] of byName) {
			if (name.endsWith('_pic') && c.so === undefined && c.soVersioned.length === 0 && byName.has(name.slice(0, -4)))
				continue;
			const so = c.so ?? c.soVersioned.sort(compareVersioned).at(-1);
			const file = mode === 'shared' ? so ?? c.a : c.a;
			if (file === undefined)
				continue;
			any = true;
			if (!found.has(name))
				found.set(name, join(dir, file));
		}
		if (!any)
			throw new LibraryDirError(dir, `no ${mode === 'shared' ? 'lib*.so or lib*.a' : 'lib*.a'} libraries`);
	}
	return found;
}

function compareVersioned(a: string, b: string): number {
	const va = a.split('.so.')[1]!.split('.').map(Number);
	const vb = b.split('.so.')[1]!.split('.').map(Number);
	for (let i = 0; i < Math.max(va.length, vb.length); i++) {
		const d = (va[i] ?? -1) - (vb[i] ?? -1);
		if (d !== 0)
			return d;
	}
	return 0;
}

/** Summarize one file through the cache. Errors name the file. */
export function readLibrary(path: string, cache: SummaryCache): LibrarySummary {
	let st;
	try {
		st = statSync(path);
	} catch (e) {
		throw new LibraryDirError(path, (e as Error).message);
	}
	const id = { path: resolve(path), size: st.size, mtimeMs: st.mtimeMs };
	const hit = cache.get(id);
	if (hit !== undefined)
		return hit;
	const bytes = readFileSync(path);
	if (isLinkerScript(bytes))
		throw new LinkerScriptError(path);
	const summary = summarizeLibrary(bytes, path);
	cache.set(id, summary);
	return summary;
}

/**
 * A text file such as glibc's libc.so (`GROUP ( libc.so.6 ... )`): a
 * library to ld, but no symbol table to read.
 */
export function isLinkerScript(bytes: Uint8Array): boolean {
	const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512));
	return /^(\s|\/\*[^]*?\*\/)*(GROUP|INPUT|OUTPUT_FORMAT|SEARCH_DIR)\s*\(/.test(head);
}

/** Read every library of the directories. */
export function readLibraries(dirs: string[], mode: LinkMode, cache: SummaryCache, logger: Logger): Map<string, Library> {
	const libs = new Map<string, Library>();
	for (const [name, path] of listLibraries(dirs, mode)) {
		try {
			const s = readLibrary(path, cache);
			libs.set(name, { name, path, ...s });
		} catch (e) {
			if (!(e instanceof LinkerScriptError))
				throw e;
			logger.verbose(`wmd: ${path}: a linker script, skipped`);
		}
	}
	logger.verbose(`wmd: ${libs.size} libraries (${cache.stats.hits} from cache, ${cache.stats.misses} parsed)`);
	return libs;
}
