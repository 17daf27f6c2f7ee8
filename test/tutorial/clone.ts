/**
 * A checkout of rumpkit in a temp folder, as a fresh clone has it, for
 * running the tutorial without touching the real tree: the sources it
 * builds and edits are copied, the compiled tools and node_modules are
 * shared (read-only for the tutorial).
 */
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO } from '../helpers/run.js';

const COPIED = ['package.json', 'package-lock.json', 'bin', 'dist', 'kernel', 'components'];

export interface Clone {
	root: string;
	remove(): void;
}

export function makeClone(): Clone {
	const base = realpathSync(mkdtempSync(path.join(tmpdir(), 'rumpkit-tut-')));
	const root = path.join(base, 'rumpkit');
	mkdirSync(root);
	for (const f of COPIED)
		cpSync(path.join(REPO, f), path.join(root, f), { recursive: true });
	symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'));
	return { root, remove: () => rmSync(base, { recursive: true, force: true }) };
}
