/**
 * The summary cache: a library's summary keyed by its path, size and mtime,
 * so a repeated query on an unchanged tree parses no ELF at all. One JSON
 * file per set of -L directories, written atomically (temp file, rename);
 * a missing, corrupt or foreign-version cache is ignored and rebuilt.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import type { Logger } from '../buildrump/logger.js';
import type { LibrarySummary } from './summary.js';

const VERSION = 1;

interface Entry {
	size: number;
	mtimeMs: number;
	summary: LibrarySummary;
}

export interface FileIdentity {
	path: string;
	size: number;
	mtimeMs: number;
}

export interface SummaryCache {
	get(id: FileIdentity): LibrarySummary | undefined;
	set(id: FileIdentity, summary: LibrarySummary): void;
	/** Write the cache if anything changed; keeps only entries used since open. */
	save(): void;
	/** How many summaries came from the cache and how many were parsed. */
	readonly stats: { hits: number; misses: number };
	/** Every file looked up since open: the inputs of the answer. */
	readonly inputs: FileIdentity[];
}

/**
 * mkdir -p without { recursive: true }, which spins forever on some
 * unwritable paths (under /proc, say) in Node 20.
 */
export function ensureDir(dir: string): void {
	const parts = resolve(dir).split(sep);
	let cur = parts[0] === '' ? sep : parts[0]!;
	for (const p of parts.slice(1)) {
		if (p === '')
			continue;
		cur = join(cur, p);
		try {
			mkdirSync(cur);
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
				throw e;
		}
	}
}

/** Where caches live: $XDG_CACHE_HOME/rumpkit/wmd, else ~/.cache/rumpkit/wmd. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
	const base = env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : join(homedir(), '.cache');
	return join(base, 'rumpkit', 'wmd');
}

/** The cache file for one list of (absolute) library directories. */
export function cacheFileFor(cacheDir: string, dirs: string[]): string {
	return join(cacheDir, `summaries-${hashText(dirs.join('\0'))}.json`);
}

/** 64-bit FNV-1a as hex: a file-name key, cheap to compute (no crypto module to load). */
export function hashText(s: string): string {
	let h = 0xcbf29ce484222325n;
	for (let i = 0; i < s.length; i++) {
		h ^= BigInt(s.charCodeAt(i));
		h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
	}
	return h.toString(16).padStart(16, '0');
}

/** A cache that remembers nothing (--no-cache). */
export function createNullCache(): SummaryCache {
	const stats = { hits: 0, misses: 0 };
	const inputs: FileIdentity[] = [];
	return {
		stats,
		inputs,
		get: (id) => { inputs.push(id); stats.misses++; return undefined; },
		set: () => undefined,
		save: () => undefined,
	};
}

export function openCache(file: string, logger: Logger): SummaryCache {
	let old: Record<string, Entry> = {};
	try {
		const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
		if (isCacheFile(parsed))
			old = parsed.entries;
		else
			logger.verbose(`wmd: ignoring cache ${file}: unknown format`);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
			logger.verbose(`wmd: ignoring cache ${file}: ${(e as Error).message}`);
	}
	const used: Record<string, Entry> = {};
	let dirty = false;
	const stats = { hits: 0, misses: 0 };
	const inputs: FileIdentity[] = [];
	return {
		stats,
		inputs,
		get(id) {
			inputs.push(id);
			const e = old[id.path];
			if (e !== undefined && e.size === id.size && e.mtimeMs === id.mtimeMs) {
				used[id.path] = e;
				stats.hits++;
				return e.summary;
			}
			stats.misses++;
			return undefined;
		},
		set(id, summary) {
			used[id.path] = { size: id.size, mtimeMs: id.mtimeMs, summary };
			dirty = true;
		},
		save() {
			if (!dirty && Object.keys(used).length === Object.keys(old).length)
				return;
			try {
				ensureDir(join(file, '..'));
				const tmp = `${file}.${process.pid}.tmp`;
				writeFileSync(tmp, JSON.stringify({ version: VERSION, entries: used }));
				renameSync(tmp, file);
			} catch (e) {
				// A read-only home must not break the answer; the next run parses again.
				logger.verbose(`wmd: cannot write cache ${file}: ${(e as Error).message}`);
			}
		},
	};
}

function isCacheFile(v: unknown): v is { version: number; entries: Record<string, Entry> } {
	if (typeof v !== 'object' || v === null)
		return false;
	const o = v as { version?: unknown; entries?: unknown };
	if (o.version !== VERSION || typeof o.entries !== 'object' || o.entries === null)
		return false;
	for (const e of Object.values(o.entries as Record<string, unknown>)) {
		const x = e as Partial<Entry> | null;
		if (x === null || typeof x !== 'object' || typeof x.size !== 'number' || typeof x.mtimeMs !== 'number' ||
		    typeof x.summary !== 'object' || x.summary === null || !Array.isArray(x.summary.units) || !Array.isArray(x.summary.needed))
			return false;
		for (const u of x.summary.units)
			if (typeof u !== 'object' || u === null || !Array.isArray(u.defines) || !Array.isArray(u.needs) || !Array.isArray(u.weakRefs))
				return false;
	}
	return true;
}
