/**
 * rump_wmd on the real rump/lib tree: the tutorial's answer, and for every
 * component an answer that links with exactly the printed flags and from
 * which no library can be dropped.
 */
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveDeps } from '../../wmd/index.js';
import { realTree } from '../helpers/tree.js';
import { dropOne, linkWith } from './link.js';

let libdir: string;
let components: string[];
beforeAll(async () => {
	libdir = (await realTree()).libdir;
	// Kernel components: every library but the base and the host-side client.
	components = readdirSync(libdir).map((f) => /^lib(.+)\.so$/.exec(f)?.[1]).filter((n): n is string => n !== undefined)
	    .filter((n) => !['rump', 'rumpuser', 'rumpclient'].includes(n)).sort();
});

describe('the real tree', () => {
	it('answers the tutorial query: tmpfs needs rumpvfs', () => {
		const plan = resolveDeps({ libDirs: [libdir], libs: ['rumpfs_tmpfs'], cache: false });
		expect(plan.flags.join(' ')).toBe('-lrumpvfs -lrumpfs_tmpfs');
		expect(plan.base).toEqual(['rumpuser', 'rump']);
	});

	it('has components to check', () => {
		expect(components).toContain('rumpfs_tmpfs');
		expect(components).toContain('rumpvfs');
	});

	for (const mode of ['shared', 'static'] as const) {
		it(`gives ${mode} answers for every component that link and are minimal`, () => {
			for (const c of components) {
				const plan = resolveDeps({ libDirs: [libdir], libs: [c], static: mode === 'static', cache: false });
				const tail = mode === 'shared' ? ['-lrump', '-lrumpuser'] : [];
				const full = linkWith(libdir, [c], plan.flags, mode, tail);
				expect(full.stderr, `${c}: ${plan.flags.join(' ')}`).toBe('');
				expect(full.ok).toBe(true);
				for (const d of dropOne(plan.flags))
					expect(linkWith(libdir, [c], d.flags, mode, tail).ok, `${c} without ${d.dropped}`).toBe(false);
			}
		});
	}
});
