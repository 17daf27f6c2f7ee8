/**
 * A private copy of the source tree for tests that edit kernel sources (the
 * tutorial's edits to tmpfs): the checkout itself is never touched.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO } from './run.js';

export function copySourceTree(prefix = 'rumpkit-tree-'): string {
	const dir = mkdtempSync(path.join(tmpdir(), prefix));
	for (const d of ['kernel', 'components'])
		cpSync(path.join(REPO, d), path.join(dir, d), { recursive: true });
	return dir;
}
