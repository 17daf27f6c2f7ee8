/**
 * rumpmake: rebuild and install only what changed, in one component (found
 * from the cwd or -C) or the whole tree (--all), with the engine and build
 * database that buildrump set up. `watch` lives in watch.ts.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { DB_FILE, readDb, writeDb } from '../buildrump/db.js';
import { build, type BuildResult } from '../buildrump/engine.js';
import { installFiles, installItems } from '../buildrump/install.js';
import { acquireLock } from '../buildrump/lock.js';
import type { Logger } from '../buildrump/logger.js';
import { readManifests, type Manifest } from '../buildrump/manifest.js';
import { createPlainProgress } from '../buildrump/progress.js';
import { checkToolchain } from '../buildrump/toolchain.js';
import type { SavedConfig } from '../buildrump/tooldir.js';
import { selectComponent } from './locate.js';
import { writeMemo, type MemoKey } from './memo.cjs';
import { genInputs } from '../buildrump/gen/index.js';

export const MAKE_TARGETS = ['all', 'install', 'clean', 'cleandir'] as const;
export type MakeTarget = typeof MAKE_TARGETS[number];

export interface RumpmakeOptions {
	build: SavedConfig;
	target: MakeTarget;
	/** The component folder (or a folder inside it); ignored with all. */
	dir: string;
	all: boolean;
	jobs?: number;
	dryRun?: boolean;
	explain?: boolean;
	logger: Logger;
	/** Install lines are shown relative to this folder when under it. */
	cwd?: string;
	/** Record the no-op memo for this command line (memo.ts) after a successful run. */
	memo?: MemoKey;
}

export interface RumpmakeResult {
	components: Manifest[];
	build?: BuildResult;
	installed: string[];
	removed: number;
}

export function selectManifests(manifests: Manifest[], opts: { all: boolean; dir: string; root: string }): Manifest[] {
	return opts.all ? manifests : [selectComponent(manifests, opts.dir, opts.root)];
}

/** Remove a component's outputs (clean) or its whole object folder (cleandir). */
function clean(b: SavedConfig, comps: Manifest[], target: 'clean' | 'cleandir', logger: Logger, dryRun: boolean): number {
	const dbFile = path.join(b.objdir, DB_FILE);
	const db = readDb(dbFile);
	let removed = 0;
	for (const m of comps) {
		const odir = path.join(b.objdir, m.objdir) + path.sep;
		for (const out of Object.keys(db.entries)) {
			if (!out.startsWith(odir))
				continue;
			removed++;
			if (!dryRun) {
				rmSync(out, { force: true });
				rmSync(`${out}.d`, { force: true });
				rmSync(`${out}.syms`, { force: true });
				delete db.entries[out];
			}
		}
		if (target === 'cleandir' && !dryRun)
			rmSync(odir, { recursive: true, force: true });
		logger.info(`${(target === 'clean' ? 'clean' : 'cleandir').padStart(11)}  ${m.objdir}`);
	}
	if (!dryRun)
		writeDb(dbFile, db);
	return removed;
}

/** Everything a no-op check must look at: what the plan read and wrote, what generation reads, the manifests. */
function memoFiles(b: SavedConfig, manifests: Manifest[], result: BuildResult, installed: string[]): string[] {
	const db = result.db;
	const files: string[] = [...installed, ...genInputs(b.root, manifests).files,
		path.join(b.root, 'kernel'), path.join(b.root, 'components')];
	for (const s of result.plan.steps) {
		files.push(s.out);
		for (const [p] of db.entries[s.out]?.inputs ?? [])
			files.push(p);
	}
	for (const m of manifests)
		files.push(m.dir, path.join(m.dir, 'component.json'));
	return files;
}

export async function rumpmake(opts: RumpmakeOptions): Promise<RumpmakeResult> {
	const b = opts.build;
	const lock = await acquireLock(b.objdir, opts.logger);
	try {
		const manifests = readManifests(b.root);
		const comps = selectManifests(manifests, { all: opts.all, dir: opts.dir, root: b.root });
		if (opts.target === 'clean' || opts.target === 'cleandir')
			return { components: comps, installed: [], removed: clean(b, comps, opts.target, opts.logger, opts.dryRun === true) };
		checkToolchain(b.config);
		const progress = createPlainProgress(opts.logger);
		const result = await build({
			root: b.root, objdir: b.objdir, manifests, config: b.config, jobs: opts.jobs ?? b.jobs,
			logger: opts.logger, explain: opts.explain, dryRun: opts.dryRun, events: progress.events,
			only: opts.all ? undefined : new Set(comps),
		});
		let installed: string[] = [];
		const items = installItems(result.plan, b.objdir, b.destdir, opts.all ? 'all' : 'selected');
		if (opts.target === 'install')
			installed = installFiles(items, { destdir: b.destdir, logger: opts.logger, cwd: opts.cwd, dryRun: opts.dryRun });
		if (opts.memo !== undefined && opts.dryRun !== true)
			writeMemo(opts.memo, memoFiles(b, manifests, result, opts.target === 'install' ? items.map((it) => it.to) : []));
		return { components: comps, build: result, installed, removed: 0 };
	} finally {
		lock.release();
	}
}
