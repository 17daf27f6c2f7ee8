/**
 * The answer memo: the printed output of a successful run, keyed by the
 * command line and working directory, valid while every input file (the
 * libraries, the -L directories themselves, the host C library) keeps its
 * size and mtime. A hit prints without loading the parser, the solver or
 * commander, which is what makes a cached answer cost little more than
 * starting node. Any doubt (missing, corrupt, changed) means a miss. The
 * tool's own compiled files are inputs too: a new rump_wmd answers afresh.
 */
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDir, hashText, type FileIdentity } from './cache.js';

const VERSION = 1;

export interface Memo {
	argv: string[];
	cwd: string;
	inputs: FileIdentity[];
	stdout: string;
	stderr: string;
}

/** The identities of rump_wmd's own compiled modules. */
export function toolInputs(): FileIdentity[] {
	const dir = dirname(fileURLToPath(import.meta.url));
	return readdirSync(dir).filter((f) => f.endsWith('.js')).sort().map((f) => {
		const path = join(dir, f);
		const st = statSync(path);
		return { path, size: st.size, mtimeMs: st.mtimeMs };
	});
}

export function memoFile(cacheDir: string, argv: string[], cwd: string): string {
	return join(cacheDir, `answer-${hashText(JSON.stringify([cwd, argv]))}.json`);
}

/** The memo for this command line if it is still valid. */
export function lookupMemo(cacheDir: string, argv: string[], cwd: string): Memo | undefined {
	let m: Memo & { version?: number };
	try {
		m = JSON.parse(readFileSync(memoFile(cacheDir, argv, cwd), 'utf8')) as Memo & { version?: number };
	} catch {
		return undefined;
	}
	if (m === null || typeof m !== 'object' || m.version !== VERSION || m.cwd !== cwd ||
	    !Array.isArray(m.argv) || m.argv.length !== argv.length || m.argv.some((a, i) => a !== argv[i]) ||
	    !Array.isArray(m.inputs) || typeof m.stdout !== 'string' || typeof m.stderr !== 'string')
		return undefined;
	for (const id of m.inputs) {
		try {
			// `file#index` is the symbol index of an archive: the file's identity.
			const st = statSync(id.path.replace(/#index$/, ''));
			if (st.size !== id.size || st.mtimeMs !== id.mtimeMs)
				return undefined;
		} catch {
			return undefined;
		}
	}
	return m;
}

export function storeMemo(cacheDir: string, memo: Memo): void {
	try {
		ensureDir(cacheDir);
		const file = memoFile(cacheDir, memo.argv, memo.cwd);
		const tmp = `${file}.${process.pid}.tmp`;
		writeFileSync(tmp, JSON.stringify({ version: VERSION, ...memo }));
		renameSync(tmp, file);
	} catch {
		// An unwritable cache only costs speed.
	}
}
