/**
 * Where rumpmake runs: the component folder found from the cwd (like make
 * finds its Makefile), and the build it belongs to (the objdir that
 * buildrump configured).
 */
import path from 'node:path';
import { RumpkitError } from '../buildrump/errors.js';
import { findManifestFiles, type Manifest } from '../buildrump/manifest.js';
import { readSavedConfig, type SavedConfig } from '../buildrump/tooldir.js';
import { findUp } from './memo.cjs';

export class NotInComponentError extends RumpkitError {
	constructor(dir: string, root: string) {
		const where = findManifestFiles(root).map((f) => path.relative(root, path.dirname(f)));
		super('RUMPKIT_NOT_IN_COMPONENT', `${dir} is not inside a component (no component.json here or above it).\n` +
		    `Components of ${root}:\n${where.map((w) => `  ${w}`).join('\n')}\n` +
		    'Run rumpmake in one of them, or use -C <dir> or --all.');
	}
}

/** The nearest folder at or above `dir` (inside `root`) with a component.json. */
export function findComponentDir(dir: string, root: string): string | null {
	return findUp(dir, 'component.json', root);
}

/** The source tree that holds `dir`: the nearest folder at or above it with a build in obj/. */
export function findTreeRoot(dir: string): string | null {
	return findUp(dir, path.join('obj', 'buildrump.json'));
}

/** The build configuration: from --objdir (the tooldir wrapper passes it), else <tree>/obj. */
export function locateBuild(objdir: string | undefined, cwd: string): SavedConfig {
	if (objdir !== undefined)
		return readSavedConfig(path.resolve(objdir));
	const root = findTreeRoot(cwd);
	if (root === null)
		throw new RumpkitError('RUMPKIT_NO_BUILD', `no build found above ${cwd}: run buildrump first (npx buildrump), or pass --objdir, or use obj/tooldir/rumpmake`);
	return readSavedConfig(path.join(root, 'obj'));
}

export function selectComponent(manifests: Manifest[], dir: string, root: string): Manifest {
	const found = findComponentDir(dir, root);
	const m = found === null ? undefined : manifests.find((x) => x.dir === found);
	if (m === undefined)
		throw new NotInComponentError(path.resolve(dir), root);
	return m;
}
