/**
 * rump_wmd as a library: which libraries does a component need?
 *
 * resolveDeps() reads the -L directories (through the summary cache),
 * solves the smallest closure and returns a plan; report.ts formats it.
 */
import type { Graph } from '@dagrejs/graphlib';
import { createMemoryLogger, type Logger } from '../buildrump/logger.js';
import { cacheFileFor, createNullCache, defaultCacheDir, openCache, type FileIdentity, type SummaryCache } from './cache.js';
import { LibraryNotFoundError, UnresolvedSymbolError } from './errors.js';
import { buildGraph, componentOrder } from './graph.js';
import { readHostSymbols } from './host.js';
import { readLibraries, type Library, type LinkMode } from './libdir.js';
import { solve, type Dependency } from './solve.js';
import { statSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';

export { parseElfSymbols, ElfFormatError } from './elf.js';
export type { ElfSymbol, ElfSymbolTable, SymBind } from './elf.js';
export { parseArchive, ArFormatError } from './ar.js';
export { summarizeLibrary } from './summary.js';
export { displaySymbol } from './names.js';
export * from './errors.js';

/** The kernel base: implied like in the original, because rump_server links it. */
export const KERNEL_BASE = 'rump';

export interface WmdOptions {
	libDirs: string[];
	libs: string[];
	/** Answer for static archives (link order) instead of shared objects (load order). */
	static?: boolean;
	/** Imply the kernel base librump when the directories hold it (default true). */
	base?: boolean;
	/** false: no cache; a string: the cache directory; default: $XDG_CACHE_HOME/rumpkit/wmd. */
	cache?: boolean | string;
	logger?: Logger;
	maxStates?: number;
}

export interface WmdPlan {
	mode: LinkMode;
	requested: string[];
	/** The base set (librump and what it needs), in load order; empty when not implied. */
	base: string[];
	/** Every library of the answer, base included, dependencies first. */
	loadOrder: string[];
	/** Components (cycles) in load order. */
	components: string[][];
	/** What the answer prints: -l names (shared: load order without the base; static: link order with it). */
	printed: string[];
	/** The printed answer as flags. */
	flags: string[];
	dependencies: Dependency[];
	/** Library -> symbols it takes from the host C library. */
	host: Map<string, string[]>;
	/** Other minimal sets (printed names), reported with -v. */
	ties: string[][];
	truncated: boolean;
	graph: Graph;
	libraries: Map<string, Library>;
	/** Every file and directory the answer depends on, with the size and mtime read. */
	inputs: FileIdentity[];
}

function openSummaryCache(opts: WmdOptions, dirs: string[], logger: Logger): SummaryCache {
	if (opts.cache === false)
		return createNullCache();
	const dir = typeof opts.cache === 'string' ? opts.cache : defaultCacheDir();
	return openCache(cacheFileFor(dir, dirs), logger);
}

export function resolveDeps(opts: WmdOptions): WmdPlan {
	const logger = opts.logger ?? createMemoryLogger('silent');
	const mode: LinkMode = opts.static === true ? 'static' : 'shared';
	const dirs = opts.libDirs.map((d) => resolvePath(d));
	const cache = openSummaryCache(opts, dirs, logger);
	const dirInputs: FileIdentity[] = [];
	for (const d of dirs) {
		try {
			const st = statSync(d);
			dirInputs.push({ path: d, size: st.size, mtimeMs: st.mtimeMs });
		} catch {
			// readLibraries reports it, naming the directory.
		}
	}
	const libs = readLibraries(opts.libDirs, mode, cache, logger);
	const requested = [...new Set(opts.libs)];
	for (const l of requested)
		if (!libs.has(l))
			throw new LibraryNotFoundError(l, opts.libDirs, mode === 'static');

	const extern = new Set<string>();
	const files = new Set<string>();
	for (const lib of libs.values()) {
		files.add(lib.path.slice(lib.path.lastIndexOf('/') + 1));
		if (lib.soname !== undefined)
			files.add(lib.soname);
	}
	for (const lib of libs.values())
		for (const n of lib.needed)
			if (!files.has(n))
				extern.add(n);
	const host = readHostSymbols(extern, cache);
	cache.save();

	const common = { libs, hostDefines: host.defines, hostFiles: host.files, maxStates: opts.maxStates };
	let base: string[] = [];
	if (opts.base !== false && libs.has(KERNEL_BASE) && !requested.includes(KERNEL_BASE)) {
		const b = solve({ ...common, requested: [KERNEL_BASE] });
		if (b.solution.unresolved.length > 0)
			throw new UnresolvedSymbolError(b.solution.unresolved.map(named));
		base = b.solution.libraries;
	}
	const result = solve({ ...common, requested, preset: base });
	const sol = result.solution;
	if (sol.unresolved.length > 0)
		throw new UnresolvedSymbolError(sol.unresolved.map(named));

	const graph = buildGraph(sol.libraries, sol.dependencies);
	const baseSet = new Set(base);
	const rank = (l: string): number => {
		const i = requested.indexOf(l);
		return i >= 0 ? i : baseSet.has(l) ? requested.length : requested.length + 1;
	};
	const components = componentOrder(graph, rank);
	const loadOrder = components.flat();
	let printed: string[];
	let flags: string[];
	if (mode === 'shared') {
		printed = loadOrder.filter((l) => !baseSet.has(l) || requested.includes(l));
		flags = printed.map((l) => `-l${l}`);
	} else {
		const linkOrder = componentOrder(graph, rank, true);
		printed = linkOrder.flat();
		flags = [];
		for (const c of linkOrder) {
			if (c.length > 1)
				flags.push('-Wl,--start-group', ...c.map((l) => `-l${l}`), '-Wl,--end-group');
			else
				flags.push(`-l${c[0]!}`);
		}
	}
	const ties = result.ties.map((t) => t.filter((l) => mode === 'static' || !baseSet.has(l)));
	if (result.truncated)
		logger.warn(`rump_wmd: search stopped after ${result.states} sets; the answer is valid but may not be the smallest`);
	return {
		mode, requested, base: loadOrder.filter((l) => baseSet.has(l)), loadOrder, components, printed, flags,
		dependencies: sol.dependencies, host: sol.host, ties, truncated: result.truncated, graph, libraries: libs,
		inputs: [...dirInputs, ...cache.inputs],
	};
}

function named(u: { symbol: string; neededBy: string[] }): { symbol: string; neededBy: string[] } {
	return { symbol: u.symbol, neededBy: u.neededBy.map((l) => `lib${l}`) };
}
