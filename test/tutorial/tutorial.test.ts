/**
 * docs/tutorial.md is true: every command block is run, in a temp copy of
 * the checkout, in the terminals the tutorial names, and what each command
 * prints is compared with what the tutorial shows (numbers, addresses and
 * dates may differ). The tutorial's edits to tmpfs are applied to the
 * copy, never to the real components/fs/tmpfs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/run.js';
import { makeClone, type Clone } from './clone.js';
import { parseTutorial } from './doc.js';
import { hostCoreProblem, needGdb } from './host.js';
import { runTutorial, TUTORIAL } from './runner.js';

const SHOWN_ROOT = '/home/you/rumpkit';
let clone: Clone | undefined;

afterAll(() => {
	clone?.remove();
});

describe('docs/tutorial.md', () => {
	it('every command block prints what the tutorial shows', async () => {
		needGdb();
		const core = hostCoreProblem();
		if (core !== null)
			throw new Error(core);
		const text = readFileSync(path.join(REPO, TUTORIAL), 'utf8');
		const blocks = parseTutorial(text, TUTORIAL);
		expect(blocks.length).toBeGreaterThan(10);
		clone = makeClone();
		const env: NodeJS.ProcessEnv = { ...process.env, HOME: path.dirname(clone.root), LC_ALL: 'C', RUMP_SERVER: '',
			RUMP_DEBUGGER: '', RUMP_VERBOSE: '', TERM: 'dumb' };
		delete env.RUMP_SERVER;
		await runTutorial(blocks, {
			file: TUTORIAL, root: clone.root, shownRoot: SHOWN_ROOT, env, timeoutMs: 60_000,
			log: process.env.RUMPKIT_TUTORIAL_VERBOSE === '1' ? (l) => process.stderr.write(`${l}\n`) : undefined,
		});
	}, 300_000);
});
