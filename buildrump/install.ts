/**
 * Installing into the destdir. Every file is written to a temporary name in
 * its final folder and renamed over the old one, so a rump_server that has
 * the old .so mapped keeps running on intact pages, and a reader never sees
 * half a file. Files whose content did not change are left alone.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { symlinkAtomic, writeFileAtomic } from './atomic.cjs';
import { RumpkitError } from './errors.js';
import { formatStepLine } from './engine.js';
import { genDir } from './gen/index.js';
import type { Logger } from './logger.js';
import { soNames, type Plan } from './plan.js';
import { BIN_TOOLS, toolDir } from './tooldir.js';

export interface InstallItem {
	from: string;
	to: string;
	mode: number;
}

export interface InstallOptions {
	destdir: string;
	logger: Logger;
	/** Paths in progress lines are shown relative to this folder. */
	cwd?: string;
	dryRun?: boolean;
}

/** What a plan installs: libraries, headers, programs. */
export function installItems(plan: Plan, objdir: string, destdir: string, headers: 'all' | 'selected'): InstallItem[] {
	const items: InstallItem[] = [];
	const lib = path.join(destdir, 'lib');
	for (const u of plan.libs)
		for (const s of [u.archive, u.picArchive, u.shlib])
			items.push({ from: s.out, to: path.join(lib, path.basename(s.out)), mode: s === u.shlib ? 0o755 : 0o644 });
	const pub = path.join(genDir(objdir), 'pub', 'rump');
	const names = headers === 'all' ?
	    (existsSync(pub) ? readdirSync(pub).filter((n) => n.endsWith('.h')) : []) :
	    plan.libs.flatMap((u) => u.manifest.headers.map((h) => path.basename(h)));
	for (const n of names.sort())
		items.push({ from: path.join(pub, n), to: path.join(destdir, 'include', 'rump', n), mode: 0o644 });
	for (const p of plan.progs)
		items.push({ from: p.link.out, to: path.join(destdir, 'bin', p.name), mode: 0o755 });
	if (headers === 'all')
		for (const t of BIN_TOOLS)
			items.push({ from: path.join(toolDir(objdir), t), to: path.join(destdir, 'bin', t), mode: 0o755 });
	return items;
}

function sameContent(a: Buffer, to: string): boolean {
	try {
		if (statSync(to).size !== a.length)
			return false;
		return readFileSync(to).equals(a);
	} catch {
		return false;
	}
}

/** Install the items; returns the destination paths that changed. */
export function installFiles(items: InstallItem[], opts: InstallOptions): string[] {
	for (const it of items)
		if (!existsSync(it.from))
			throw new RumpkitError('RUMPKIT_INSTALL', `cannot install ${it.to}: ${it.from} was not built (run the build first)`);
	const cwd = opts.cwd ?? process.cwd();
	const show = (p: string): string => {
		const r = path.relative(cwd, p);
		return r.startsWith('..') ? p : r;
	};
	const changed: string[] = [];
	for (const it of items) {
		const data = readFileSync(it.from);
		if (sameContent(data, it.to))
			continue;
		opts.logger.info(formatStepLine('install', show(it.to)));
		changed.push(it.to);
		if (opts.dryRun === true)
			continue;
		mkdirSync(path.dirname(it.to), { recursive: true });
		writeFileAtomic(it.to, data, it.mode);
	}
	if (opts.dryRun !== true) {
		const lib = path.join(opts.destdir, 'lib');
		for (const it of items) {
			const m = /^lib(.+)\.so\.0\.0$/.exec(path.basename(it.to));
			if (m === null || path.dirname(it.to) !== lib)
				continue;
			const n = soNames(m[1]);
			symlinkAtomic(path.join(lib, n.soname), n.real);
			symlinkAtomic(path.join(lib, n.dev), n.soname);
		}
	}
	return changed;
}
