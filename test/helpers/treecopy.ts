/**
 * A private copy of the source tree for tests that edit kernel sources (the
 * tutorial's edits to tmpfs): the checkout itself is never touched.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildrump } from '../../buildrump/index.js';
import { createMemoryLogger, type Logger } from '../../buildrump/logger.js';
import { toolCommand } from '../../buildrump/paths.js';
import { defaultConfig } from '../../buildrump/toolchain.js';
import { readSavedConfig } from '../../buildrump/tooldir.js';
import { createWatch, type WatchSession } from '../../rumpmake/watch.js';
import { REPO } from './run.js';

export function copySourceTree(prefix = 'rumpkit-tree-'): string {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	for (const d of ['kernel', 'components'])
		cpSync(path.join(REPO, d), path.join(dir, d), { recursive: true });
	return dir;
}

/** Build a tree the way `npx buildrump` does, into <root>/obj and <root>/rump. */
export async function buildTreeAt(root: string): Promise<void> {
	await buildrump({ root, objdir: path.join(root, 'obj'), destdir: path.join(root, 'rump'), jobs: 2, config: defaultConfig(),
		logger: createMemoryLogger('silent'), target: 'fullbuild', display: 'plain' });
}

/**
 * `rumpmake watch` on a built private copy of the tree, with one
 * rump_server and a replay file, logging into `log`.
 */
export async function watchTreeCopy(opts: { prefix?: string; replay: string; serverArgs: string[]; log: Logger }):
    Promise<{ root: string; session: WatchSession }> {
	const root = copySourceTree(opts.prefix);
	await buildTreeAt(root);
	writeFileSync(path.join(root, 'replay'), opts.replay);
	const session = createWatch({
		build: readSavedConfig(path.join(root, 'obj')), logger: opts.log, cwd: root, debounceMs: 100, replayFile: 'replay',
		rumpctrl: toolCommand('rumpctrl'),
		servers: [[path.join(root, 'rump/bin/rump_server'), ...opts.serverArgs, '-s', 'unix://ctrl']],
	});
	await session.ready;
	return { root, session };
}
