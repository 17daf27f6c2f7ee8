/**
 * The randomized model test: one random sequence of create, write at
 * offsets, truncate, rename, link, unlink, mkdir, rmdir and read-back
 * runs against tmpfs in a local kernel and against a directory of the
 * host; every result and the final trees must agree. A fixed seed
 * always runs; a random one is in the test's name so a failure can be
 * replayed (test/vfs/model <dir> <seed> <ops>).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';
import { realTree } from '../helpers/tree.js';
import { linkVfsProgram } from './programs.js';

const OPS = 4000;
const RANDOM_SEED = Math.floor(Math.random() * 2 ** 31);
const dirs: string[] = [];
let prog: string;

beforeAll(async () => {
	prog = await linkVfsProgram(await realTree({ diagnostic: 1 }), 'model');
});
afterAll(() => {
	for (const d of dirs)
		rmSync(d, { recursive: true, force: true });
});

/** A fresh host directory, on the host's tmpfs when there is one. */
function hostDir(): string {
	const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
	const d = mkdtempSync(path.join(base, 'rumpkit-model-'));
	dirs.push(d);
	return d;
}

async function runModel(seed: number): Promise<void> {
	const r = await run(prog, [hostDir(), String(seed), String(OPS)], { timeoutMs: 60_000 });
	const mismatches = r.stdout.split('\n').filter((l) => l.startsWith('MISMATCH'));
	expect(mismatches, `seed ${seed}`).toEqual([]);
	expect(r.stdout).toContain(`seed ${seed} ops ${OPS} mismatches 0`);
	expect(r.code).toBe(0);
}

describe('tmpfs against the host', () => {
	it('agrees with the host for the fixed seed 12345', async () => {
		await runModel(12345);
	});

	it(`agrees with the host for a random seed (${RANDOM_SEED})`, async () => {
		await runModel(RANDOM_SEED);
	});
});
