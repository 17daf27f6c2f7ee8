/**
 * The real kernel tree, built once per test run with the real engine into
 * .test-build/ (incremental: later calls and later runs reuse it; the
 * engine's objdir lock serialises parallel test files).
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { buildrump } from '../../buildrump/index.js';
import { createMemoryLogger } from '../../buildrump/logger.js';
import { defaultConfig } from '../../buildrump/toolchain.js';
import { REPO } from './run.js';

export interface Tree {
	root: string;
	objdir: string;
	destdir: string;
	libdir: string;
	bindir: string;
	incdir: string;
}

const built = new Map<string, Promise<Tree>>();

export function treeDirs(base = path.join(REPO, '.test-build')): Tree {
	const destdir = path.join(base, 'rump');
	return { root: REPO, objdir: path.join(base, 'obj'), destdir, libdir: path.join(destdir, 'lib'),
		bindir: path.join(destdir, 'bin'), incdir: path.join(destdir, 'include') };
}

export interface TreeOptions {
	/** 1: -D (DIAGNOSTIC), 2: -DD (DIAGNOSTIC, LOCKDEBUG, kmem leak report). */
	diagnostic?: 0 | 1 | 2;
}

/**
 * The real tree, built once per test process. A -D/-DD tree has its own
 * folders (.test-build-d1, .test-build-d2) so both stay incremental.
 */
export function realTree(opts: TreeOptions = {}): Promise<Tree> {
	const diag = opts.diagnostic ?? 0;
	let p = built.get(String(diag));
	if (p === undefined) {
		const t = treeDirs(path.join(REPO, diag === 0 ? '.test-build' : `.test-build-d${diag}`));
		const config = defaultConfig();
		config.diagnostic = diag;
		p = buildrump({
			root: t.root, objdir: t.objdir, destdir: t.destdir, config,
			logger: createMemoryLogger('warn'), target: 'fullbuild', display: 'plain',
			jobs: Math.min(2, availableParallelism()),
		}).then(() => t);
		built.set(String(diag), p);
	}
	return p;
}
