/**
 * The build database: one JSON file in the objdir recording, for every
 * output, the hash of the command that made it, the identity (mtime in ns
 * and size) of every input including headers found through depfiles, and
 * of the output itself. An output is rebuilt when any of that differs; the
 * reason is kept so `-v` can say why.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic.cjs';
import { stampOf } from './stamp.cjs';

export const DB_VERSION = 2;
export const DB_FILE = '.rumpdb.json';

/** [path, mtimeNs, size] */
export type FileStamp = [string, string, number];

export interface DbEntry {
	cmd: string;
	inputs: FileStamp[];
	out: [string, number];
}

export interface BuildDb {
	version: number;
	entries: Record<string, DbEntry>;
}

export type StaleReason =
	| { kind: 'no-record' }
	| { kind: 'output-missing' }
	| { kind: 'output-changed' }
	| { kind: 'command-changed' }
	| { kind: 'input-changed'; path: string }
	| { kind: 'input-missing'; path: string };

export function describeReason(r: StaleReason, rel: (p: string) => string): string {
	switch (r.kind) {
	case 'no-record': return 'never built';
	case 'output-missing': return 'output missing';
	case 'output-changed': return 'output changed since it was built';
	case 'command-changed': return 'flags changed';
	case 'input-changed': return `${rel(r.path)} newer`;
	case 'input-missing': return `${rel(r.path)} gone`;
	}
}

export function hashCommand(argv: readonly string[]): string {
	return createHash('sha1').update(argv.join('\0')).digest('hex');
}

export function readDb(file: string): BuildDb {
	try {
		const j = JSON.parse(readFileSync(file, 'utf8')) as BuildDb;
		if (j.version === DB_VERSION && typeof j.entries === 'object' && j.entries !== null)
			return j;
	} catch {
		// Missing or corrupt: start over, everything is rebuilt.
	}
	return { version: DB_VERSION, entries: {} };
}

export function writeDb(file: string, db: BuildDb): void {
	writeFileAtomic(file, JSON.stringify(db));
}

/** stat() with a per-build cache: headers are shared by many objects. */
export class StatCache {
	private readonly cache = new Map<string, [string, number] | null>();

	stamp(p: string): [string, number] | null {
		let v = this.cache.get(p);
		if (v === undefined) {
			const [, mtime, size] = stampOf(p);
			v = mtime === null || size === null ? null : [mtime, size];
			this.cache.set(p, v);
		}
		return v;
	}

	/** Forget a path whose file this build just wrote. */
	invalidate(p: string): void {
		this.cache.delete(p);
	}
}

export function checkStale(entry: DbEntry | undefined, output: string, cmd: string, stats: StatCache): StaleReason | null {
	if (entry === undefined)
		return { kind: 'no-record' };
	const out = stats.stamp(output);
	if (out === null)
		return { kind: 'output-missing' };
	if (entry.cmd !== cmd)
		return { kind: 'command-changed' };
	for (const [p, mtime, size] of entry.inputs) {
		const s = stats.stamp(p);
		if (s === null)
			return { kind: 'input-missing', path: p };
		if (s[0] !== mtime || s[1] !== size)
			return { kind: 'input-changed', path: p };
	}
	if (out[0] !== entry.out[0] || out[1] !== entry.out[1])
		return { kind: 'output-changed' };
	return null;
}

export function makeEntry(output: string, cmd: string, inputs: string[], stats: StatCache): DbEntry {
	stats.invalidate(output);
	const out = stats.stamp(output);
	if (out === null)
		throw new Error(`build output ${output} vanished`);
	const stamps: FileStamp[] = [];
	for (const p of new Set(inputs)) {
		const s = stats.stamp(p);
		if (s !== null)
			stamps.push([p, s[0], s[1]]);
	}
	return { cmd, inputs: stamps, out };
}
