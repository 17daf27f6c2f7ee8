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

let built: Promise<Tree> | undefined;

export function treeDirs(base = path.join(REPO, '.test-build')): Tree {
	const destdir = path.join(base, 'rump');
	return { root: REPO, objdir: path.join(base, 'obj'), destdir, libdir: path.join(destdir, 'lib'),
		bindir: path.join(destdir, 'bin'), incdir: path.join(destdir, 'include') };
}

export function realTree(): Promise<Tree> {
	if (built === undefined) {
		const t = treeDirs();
		built = buildrump({
			root: t.root, objdir: t.objdir, destdir: t.destdir, config: defaultConfig(),
			logger: createMemoryLogger('warn'), target: 'fullbuild', display: 'plain',
			jobs: Math.min(2, availableParallelism()),
		}).then(() => t);
	}
	return built;
}
