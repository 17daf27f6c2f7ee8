/**
 * C test programs that boot a local kernel: compiled against the installed
 * headers and linked with the chosen kernel libraries whole (so component
 * constructors are kept), librump and librumpuser.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from './run.js';
import type { Tree } from './tree.js';

export interface LinkOptions {
	/** C source text, or a path ending in .c. */
	source: string;
	/** Kernel component libraries besides librump, e.g. ['rumpvfs', 'rumpfs_tmpfs']. */
	libs?: string[];
	/** Link librumpclient instead of a local kernel. */
	client?: boolean;
	cflags?: string[];
	out?: string;
}

export async function linkLocalProgram(tree: Tree, opts: LinkOptions): Promise<string> {
	const dir = mkdtempSync(path.join(tmpdir(), 'rumpkit-prog-'));
	let src = opts.source;
	if (!src.endsWith('.c')) {
		src = path.join(dir, 'prog.c');
		writeFileSync(src, opts.source);
	}
	const out = opts.out ?? path.join(dir, 'prog');
	const lib = (l: string): string => path.join(tree.libdir, `lib${l}.a`);
	const libArgs = opts.client === true ?
	    [lib('rumpclient')] :
	    ['-Wl,--whole-archive', ...(opts.libs ?? []).map(lib), lib('rump'), '-Wl,--no-whole-archive', lib('rumpuser')];
	const r = await run('gcc', ['-g', '-O0', '-Wall', `-I${tree.incdir}`, ...(opts.cflags ?? []), src, '-o', out,
		...libArgs, '-lpthread', '-ldl']);
	if (r.code !== 0)
		throw new Error(`linking ${src} failed:\n${r.stderr}`);
	return out;
}
