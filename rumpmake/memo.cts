/**
 * The no-op memo: after a successful `rumpmake` or `rumpmake install`, the
 * identity (mtime, size) of every file the build read or wrote is saved; a
 * later identical command whose files all still match has nothing to do
 * and exits before commander, the engine or the manifests are even loaded.
 * Only node: built-ins (and buildrump/stamp.cts) here, and CommonJS (.cts): bin/rumpmake.cjs
 * requires it before node's ES module loader starts, which is most of the
 * cost of a no-op.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../buildrump/atomic.cjs';
import { sameStamp, stampOf, type Stamp } from '../buildrump/stamp.cjs';

export interface MemoKey {
	objdir: string;
	component: string;
	target: 'all' | 'install';
}

function memoFile(k: MemoKey): string {
	// FNV-1a: node:crypto alone would cost more than the whole check.
	let h = 0x811c9dc5;
	for (const c of `${k.component}\0${k.target}`) {
		h ^= c.charCodeAt(0);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return path.join(k.objdir, '.memo', `rumpmake-${h.toString(16)}-${path.basename(k.component)}.json`);
}

/** Every compiled module of rumpkit's build path: a new rumpkit invalidates memos. */
function ownModules(): string[] {
	const dist = path.resolve(__dirname, '..');
	const out: string[] = [];
	for (const d of ['buildrump', path.join('buildrump', 'gen'), 'rumpmake']) {
		const dir = path.join(dist, d);
		if (existsSync(dir))
			for (const n of readdirSync(dir))
				if (n.endsWith('.js') || n.endsWith('.ts'))
					out.push(path.join(dir, n));
	}
	return out;
}

/** The nearest folder at or above `dir` (and not above `top`) that holds `rel`. */
export function findUp(dir: string, rel: string, top?: string): string | null {
	let d = path.resolve(dir);
	const stop = top === undefined ? undefined : path.resolve(top);
	for (;;) {
		if (existsSync(path.join(d, rel)))
			return d;
		if (d === stop || path.dirname(d) === d)
			return null;
		d = path.dirname(d);
	}
}

/** The memo key of a command line, or null when it is not a plain build or install. */
export function memoKeyOf(argv: string[], cwd: string): MemoKey | null {
	let objdir: string | undefined;
	let target: 'all' | 'install' = 'all';
	let positional = 0;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--objdir' && i + 1 < argv.length)
			objdir = path.resolve(argv[++i]);
		else if (a === 'all' || a === 'install') {
			target = a;
			positional++;
		} else {
			return null;
		}
	}
	if (positional > 1)
		return null;
	const component = findUp(cwd, 'component.json');
	if (objdir === undefined) {
		const tree = findUp(cwd, path.join('obj', 'buildrump.json'));
		objdir = tree === null ? undefined : path.join(tree, 'obj');
	}
	if (component === null || objdir === undefined)
		return null;
	return { objdir, component, target };
}

/** True when the memo says this command has nothing to do. */
export function memoSaysNoop(k: MemoKey): boolean {
	let files: Stamp[];
	try {
		files = (JSON.parse(readFileSync(memoFile(k), 'utf8')) as { files: Stamp[] }).files;
	} catch {
		return false;
	}
	return files.every((f) => sameStamp(stampOf(f[0]), f));
}

/** Record the files of a successful run (`paths`, plus rumpkit's own modules). */
export function writeMemo(k: MemoKey, paths: Iterable<string>): void {
	const all = new Set([...paths, ...ownModules(), path.join(k.objdir, 'buildrump.json')]);
	const file = memoFile(k);
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileAtomic(file, JSON.stringify({ files: [...all].sort().map(stampOf) }));
}
