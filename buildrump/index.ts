/**
 * buildrump: build every kernel component into static and shared
 * libraries, headers and servers (what buildrump.sh does). The library API
 * under `buildrump/cli.ts`; rumpmake uses the same engine.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildResult } from './engine.js';
import { RumpkitError } from './errors.js';
import { installFiles, installItems } from './install.js';
import { acquireLock } from './lock.js';
import type { Logger } from './logger.js';
import { readManifests } from './manifest.js';
import { createProgress, type Progress } from './progress.js';
import { checkToolchain, type BuildConfig } from './toolchain.js';
import { writeSavedConfig, writeToolWrappers } from './tooldir.js';
import { DB_FILE } from './db.js';

export { build, formatStepLine } from './engine.js';
export type { BuildOptions, BuildResult } from './engine.js';
export { readManifests, parseManifest } from './manifest.js';
export { defaultConfig } from './toolchain.js';
export type { BuildConfig } from './toolchain.js';

export const TARGETS = ['tools', 'build', 'install', 'fullbuild', 'clean'] as const;
export type Target = typeof TARGETS[number];

export interface BuildrumpOptions {
	/** The source tree: kernel/ and components/ are under it. */
	root: string;
	objdir: string;
	destdir: string;
	jobs: number;
	config: BuildConfig;
	logger: Logger;
	target: Target;
	/** listr2 task list (terminal) or plain lines. */
	display: 'tty' | 'plain';
	explain?: boolean;
}

export interface BuildrumpSummary {
	components: number;
	rebuilt: number;
	installed: string[];
	ms: number;
}

function clean(opts: BuildrumpOptions): void {
	const { objdir, destdir } = opts;
	if (existsSync(objdir)) {
		if (!existsSync(path.join(objdir, DB_FILE)) && !existsSync(path.join(objdir, 'buildrump.json')))
			throw new RumpkitError('RUMPKIT_CLEAN', `refusing to remove ${objdir}: it is not a buildrump objdir`);
		rmSync(objdir, { recursive: true, force: true });
		opts.logger.info(`buildrump: removed ${objdir}`);
	}
	if (existsSync(destdir)) {
		if (!existsSync(path.join(destdir, 'lib')) && !existsSync(path.join(destdir, 'include', 'rump')))
			throw new RumpkitError('RUMPKIT_CLEAN', `refusing to remove ${destdir}: it is not a rump destdir`);
		rmSync(destdir, { recursive: true, force: true });
		opts.logger.info(`buildrump: removed ${destdir}`);
	}
}

export async function buildrump(opts: BuildrumpOptions): Promise<BuildrumpSummary> {
	const started = Date.now();
	const { root, objdir, destdir, logger, target } = opts;
	const summary: BuildrumpSummary = { components: 0, rebuilt: 0, installed: [], ms: 0 };
	const lock = await acquireLock(objdir, logger);
	try {
		if (target === 'clean') {
			clean(opts);
			return summary;
		}
		checkToolchain(opts.config);
		const manifests = readManifests(root);
		if (manifests.length === 0)
			throw new RumpkitError('RUMPKIT_NO_COMPONENTS', `no component.json under ${path.join(root, 'kernel')} or ${path.join(root, 'components')}`);
		if (target === 'tools' || target === 'fullbuild')
			writeSavedConfig({ version: 1, root, objdir, destdir, jobs: opts.jobs, config: opts.config });
		writeToolWrappers(objdir);
		let result: BuildResult | undefined;
		if (target === 'build' || target === 'fullbuild' || target === 'install') {
			const progress: Progress = await createProgress(opts.display, logger);
			try {
				result = await build({ root, objdir, manifests, config: opts.config, jobs: opts.jobs, logger,
					explain: opts.explain, events: target === 'install' ? undefined : progress.events, dryRun: target === 'install' });
			} catch (e) {
				await progress.finish(false);
				throw e;
			}
			await progress.finish(true);
			summary.components = result.plan.libs.length + result.plan.progs.length;
			if (target === 'install' && result.rebuilt.length > 0)
				throw new RumpkitError('RUMPKIT_NOT_BUILT', `${result.rebuilt.length} output(s) are out of date (first: ${result.rebuilt[0].label}): run \`buildrump build\` before \`buildrump install\``);
			summary.rebuilt = target === 'install' ? 0 : result.rebuilt.length;
		}
		if (result !== undefined && (target === 'install' || target === 'fullbuild'))
			summary.installed = installFiles(installItems(result.plan, objdir, destdir, 'all'), { destdir, logger });
	} finally {
		lock.release();
	}
	summary.ms = Date.now() - started;
	return summary;
}
