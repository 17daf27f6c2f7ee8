/**
 * The elevator example in local kernels (C programs linked with librump):
 * ENOSYS without the component, argument errors, several processes
 * issuing random requests at once, stop delivering everyone, and a
 * clean halt (empty -DD leak report) while the car runs. All on a -DD
 * kernel, so KASSERTs and lock checks are on.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { linkLocalProgram } from '../helpers/cprog.js';
import { run } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LIBS = ['rumpdev_elevator'];

let tree: Tree;
beforeAll(async () => {
	tree = await realTree({ diagnostic: 2 });
});

async function program(name: string, libs: string[] = LIBS): Promise<string> {
	return linkLocalProgram(tree, { source: path.join(HERE, `${name}.c`), libs });
}

describe('elevator system calls in a local kernel', () => {
	it('returns ENOSYS for all three calls when the component is not linked in', async () => {
		const r = await run(await program('enosys', []), [], { timeoutMs: 60_000 });
		expect(r.stderr).toBe('');
		expect(r.stdout).toContain('enosys ok');
		expect(r.code).toBe(0);
	});

	it('serves every request from four processes exactly once, under the weight limit', async () => {
		const r = await run(await program('local'), ['4', '75', '1234'], { timeoutMs: 120_000 });
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		// 2 early requests, 4 x 75 random ones and 1 after the restart.
		expect(r.stdout).toMatch(/serviced 303 peakload \d+/);
	});
});

describe('halting the kernel while the elevator works', () => {
	for (const mode of ['running', 'stopping']) {
		it(`stops the thread and frees every passenger (${mode})`, async () => {
			const r = await run(await program('halt'), [mode], { timeoutMs: 120_000 });
			const out = r.stdout + r.stderr;
			expect(out).toMatch(/halting with [1-9]\d* riding/);
			expect(out).toContain('kmem: no leaks');
			expect(out).not.toContain('kmem leak:');
			expect(out).not.toContain('panic');
			if (mode === 'stopping')
				expect(out).toContain('stop returned -1 errno 4\n');
			expect(r.signal).toBeNull();
		});
	}
});
