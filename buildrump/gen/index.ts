/**
 * The `gen` step: files generated from kernel/syscalls.master and the kernel
 * headers, and the public headers staged as they will be installed. Files
 * are rewritten only when their content changes, so nothing downstream is
 * rebuilt by a no-op generation.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../atomic.cjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sameStamp, stampOf, type Stamp } from '../stamp.cjs';
import type { Manifest } from '../manifest.js';
import { emitRumpdefsH } from './rumpdefs.js';
import { componentProviders, CORE_PROVIDER, parseSyscallsMaster } from './syscalls-parse.js';
import { emitClientStubsC, emitLocalStubsC, emitProviderC, emitPublicH, emitSyscallArgsH,
	emitSyscallH, emitSysentC, emitSyscallsJson } from './syscalls-emit.js';

export const CLIENT_LIB = 'rumpclient';

export interface GenResult {
	/** Generated C sources per lib. */
	sources: Map<string, string[]>;
	/** Files whose content changed in this run. */
	changed: string[];
	/** Providers named in syscalls.master that no component builds. */
	orphanProviders: string[];
}

/** Write `text` to `file` unless it already holds exactly that. */
export function writeIfChanged(file: string, text: string | Buffer): boolean {
	const data = typeof text === 'string' ? Buffer.from(text) : text;
	try {
		if (readFileSync(file).equals(data))
			return false;
	} catch {
		// Missing: write it.
	}
	mkdirSync(path.dirname(file), { recursive: true });
	writeFileAtomic(file, data);
	return true;
}

export function genDir(objdir: string): string {
	return path.join(objdir, 'gen');
}

interface GenMemo {
	key: string;
	inputs: Stamp[];
	outputs: Stamp[];
	sources: [string, string[]][];
	orphanProviders: string[];
}

const GEN_MODULES = ['index', 'syscalls-parse', 'syscalls-emit', 'rumpdefs']
    .map((m) => fileURLToPath(new URL(`./${m}${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url)));

/** The files generation reads, and what else decides its result. */
export function genInputs(root: string, manifests: Manifest[]): { key: string; files: string[] } {
	const files = [path.join(root, 'kernel', 'syscalls.master'), ...GEN_MODULES];
	for (const m of manifests)
		for (const h of [...m.headers, ...m.rumpdefs])
			files.push(path.join(m.dir, h));
	const key = JSON.stringify(manifests.map((m) => [m.lib ?? '', m.headers, m.rumpdefs]));
	return { key, files };
}

/**
 * Generation, skipped when nothing it reads changed and everything it wrote
 * is still there (the memo in gen/.memo.json): rumpmake's no-op and one-file
 * rebuilds should not regenerate the whole syscall layer.
 */
export function runGen(root: string, objdir: string, manifests: Manifest[]): GenResult {
	const memoFile = path.join(genDir(objdir), '.memo.json');
	const { key, files } = genInputs(root, manifests);
	const inputs = files.map(stampOf);
	try {
		const memo = JSON.parse(readFileSync(memoFile, 'utf8')) as GenMemo;
		if (memo.key === key && memo.inputs.length === inputs.length && memo.inputs.every((x, i) => sameStamp(x, inputs[i])) &&
		    memo.outputs.every((o) => sameStamp(stampOf(o[0]), o)))
			return { sources: new Map(memo.sources), changed: [], orphanProviders: memo.orphanProviders };
	} catch {
		// No memo or an unreadable one: generate.
	}
	const res = generate(root, objdir, manifests);
	const memo: GenMemo = { key, inputs, outputs: res.written.map(stampOf), sources: [...res.sources], orphanProviders: res.orphanProviders };
	writeIfChanged(memoFile, JSON.stringify(memo));
	return res;
}

function generate(root: string, objdir: string, manifests: Manifest[]): GenResult & { written: string[] } {
	const gen = genDir(objdir);
	const written: string[] = [];
	const changed: string[] = [];
	const put = (rel: string, text: string | Buffer): string => {
		const f = path.join(gen, rel);
		if (writeIfChanged(f, text))
			changed.push(f);
		written.push(f);
		return f;
	};
	const sources = new Map<string, string[]>();
	const libs = new Set(manifests.flatMap((m) => (m.lib !== undefined ? [m.lib] : [])));
	const add = (lib: string, f: string): void => {
		if (!libs.has(lib))
			return;
		sources.set(lib, [...(sources.get(lib) ?? []), f]);
	};

	for (const m of manifests)
		for (const h of m.headers)
			put(path.join('pub', 'rump', path.basename(h)), readFileSync(path.join(m.dir, h)));

	const defs = manifests.flatMap((m) => m.rumpdefs.map((h) => {
		const abs = path.join(m.dir, h);
		return { path: path.relative(root, abs), text: readFileSync(abs, 'utf8') };
	}));
	if (defs.length > 0)
		put(path.join('pub', 'rump', 'rumpdefs.h'), emitRumpdefsH(defs));

	let orphanProviders: string[] = [];
	const master = path.join(root, 'kernel', 'syscalls.master');
	if (existsSync(master)) {
		const rel = path.relative(root, master);
		const entries = parseSyscallsMaster(readFileSync(master, 'utf8'), rel);
		put(path.join('include', 'sys', 'syscall.h'), emitSyscallH(entries));
		put(path.join('include', 'sys', 'syscallargs.h'), emitSyscallArgsH(entries));
		put(path.join('pub', 'rump', 'rump_syscalls.h'), emitPublicH(entries, rel));
		put('syscalls.json', emitSyscallsJson(entries));
		add(CORE_PROVIDER, put('sysent.c', emitSysentC(entries)));
		add(CORE_PROVIDER, put('rump_syscalls.c', emitLocalStubsC(entries)));
		add(CLIENT_LIB, put('rumpclient_syscalls.c', emitClientStubsC(entries, rel)));
		const providers = componentProviders(entries);
		for (const p of providers)
			add(p, put(`syscalls_${p}.c`, emitProviderC(entries, p)));
		orphanProviders = providers.filter((p) => !libs.has(p));
	}
	return { sources, changed, orphanProviders, written };
}
