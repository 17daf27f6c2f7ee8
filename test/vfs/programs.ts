/**
 * The C test programs of test/vfs, linked against a tree's tmpfs, VFS
 * and kernel libraries.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { linkLocalProgram } from '../helpers/cprog.js';
import type { Tree } from '../helpers/tree.js';

export const VFS_TEST_DIR = path.dirname(fileURLToPath(import.meta.url));

/** Link test/vfs/<name>.c with librumpfs_tmpfs and librumpvfs. */
export function linkVfsProgram(tree: Tree, name: string, extra: string[] = []): Promise<string> {
	return linkLocalProgram(tree, {
		source: path.join(VFS_TEST_DIR, `${name}.c`),
		libs: ['rumpfs_tmpfs', 'rumpvfs'],
		cflags: [`-I${VFS_TEST_DIR}`, ...extra],
	});
}

/** Link test/vfs/<name>.c as a sysproxy client (-DVT_CLIENT, librumpclient). */
export function linkVfsClient(tree: Tree, name: string): Promise<string> {
	return linkLocalProgram(tree, {
		source: path.join(VFS_TEST_DIR, `${name}.c`),
		client: true,
		cflags: [`-I${VFS_TEST_DIR}`, '-DVT_CLIENT'],
	});
}
