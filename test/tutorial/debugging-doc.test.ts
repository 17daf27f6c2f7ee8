/**
 * The sessions in docs/debugging.md are true: run like the tutorial's
 * (runner.ts), in a temp copy of the checkout, with terminal t1 a pseudo
 * terminal so the server's -D stops at db>.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { REPO } from '../helpers/run.js';
import { makeClone, type Clone } from './clone.js';
import { parseTutorial } from './doc.js';
import { hostCoreProblem, needGdb, needTool } from './host.js';
import { runTutorial } from './runner.js';

const DOC = path.join('docs', 'debugging.md');
let clone: Clone | undefined;

afterAll(() => {
	clone?.remove();
});

describe('docs/debugging.md', () => {
	it('every session prints what the page shows', async () => {
		needGdb();
		needTool('script', 'bsdutils');
		const core = hostCoreProblem();
		if (core !== null)
			throw new Error(core);
		const blocks = parseTutorial(readFileSync(path.join(REPO, DOC), 'utf8'), DOC);
		clone = makeClone();
		const env: NodeJS.ProcessEnv = { ...process.env, HOME: path.dirname(clone.root), LC_ALL: 'C', RUMP_DEBUGGER: '',
			RUMP_VERBOSE: '', TERM: 'dumb' };
		delete env.RUMP_SERVER;
		await runTutorial(blocks, {
			file: DOC, root: clone.root, shownRoot: '/home/you/rumpkit', env, timeoutMs: 60_000,
			log: process.env.RUMPKIT_TUTORIAL_VERBOSE === '1' ? (l) => process.stderr.write(`${l}\n`) : undefined,
		});
	}, 300_000);
});
