/**
 * Running a tutorial (parsed by doc.ts) in a checkout: each terminal is a
 * Terminal, inputs go in in the tutorial's order, and each command's output
 * is compared with the lines the tutorial shows after it. A mismatch is an
 * error naming the tutorial line of the command and of the first line that
 * differs, with the output the command really printed.
 */
import path from 'node:path';
import { run } from '../helpers/run.js';
import type { Block, InputKind, Step } from './doc.js';
import { firstMismatch, matchLines } from './match.js';
import { afterDone, splitDone, Terminal } from './terminal.js';

export interface RunnerOptions {
	file: string;
	/** The checkout the terminals start in. */
	root: string;
	/** How the tutorial writes the checkout's path in output (e.g. /home/you/rumpkit). */
	shownRoot: string;
	env: NodeJS.ProcessEnv;
	/** Per step; the first command (the build) gets three times as long. */
	timeoutMs: number;
	log?: (line: string) => void;
}

interface Current {
	step: Step | null;		/* null: output after a finished command */
	start: number;
	expected: string[];
}

const PROMPT: Partial<Record<InputKind, string>> = { gdb: '(gdb) ', db: 'db> ' };

export class TutorialMismatch extends Error {}

function describeInput(s: Step | null): string {
	if (s?.input == null)
		return 'output';
	const i = s.input;
	return i.kind === 'shell' ? `"$ ${i.text}"` : i.kind === 'gdb' ? `"(gdb) ${i.text}"` : i.kind === 'db' ? `"db> ${i.text}"` : '^C';
}

export async function runTutorial(blocks: Block[], opts: RunnerOptions): Promise<void> {
	const terms = new Map<string, Terminal>();
	const cur = new Map<string, Current>();
	const log = opts.log ?? ((): void => undefined);
	let first = true;

	/** The kind of the next input typed into terminal t after block b, step s. */
	const nextKind = (t: string, b: number, s: number): InputKind | null => {
		for (let i = b; i < blocks.length; i++) {
			const blk = blocks[i];
			if (blk.type !== 'terminal' || blk.terminal !== t)
				continue;
			for (let k = i === b ? s + 1 : 0; k < blk.steps.length; k++) {
				const inp = blk.steps[k].input;
				if (inp !== null)
					return inp.kind;
			}
		}
		return null;
	};

	const lines = (term: Terminal, c: Current, complete: boolean): string[] => {
		let text = splitDone(term.since(c.start)).output.split(opts.root).join(opts.shownRoot);
		for (const p of Object.values(PROMPT))
			if (text.endsWith(p))
				text = text.slice(0, -p.length);
		const ls = text.split('\n').map((l) => l.replace(/\r/g, '').replace(/^(?:\(gdb\) |db> )+/, ''));
		if (!complete || ls[ls.length - 1] === '')
			ls.pop();
		return ls;
	};

	const fail = (t: string, c: Current, actual: string[], why: string): never => {
		const mm = firstMismatch(c.expected, actual);
		const at = c.step !== null ? `${opts.file}:${c.step.line}` : opts.file;
		const detail = mm !== null ? `the first line that differs is "${mm.line}" (line ${mm.index + 1} of what the tutorial shows)` :
		    'it printed more than the tutorial shows';
		throw new TutorialMismatch(`${at} (terminal ${t}): ${describeInput(c.step)} ${why}: ${detail}\n` +
		    `--- the tutorial shows:\n${c.expected.join('\n')}\n--- the command printed:\n${actual.join('\n')}\n---`);
	};

	/** Wait until c's output so far shows every line expected of it. */
	const waitShown = async (t: string, term: Terminal, c: Current): Promise<void> => {
		try {
			await term.waitFor(() => {
				if (matchLines(c.expected, lines(term, c, false), true) >= 0)
					return true;
				if (c.step?.input?.kind === 'shell' && splitDone(term.since(c.start)).done)
					throw new Error('ended without printing what the tutorial shows');
				return false;
			}, opts.timeoutMs, () => `waiting for the output the tutorial shows`);
		} catch (e) {
			fail(t, c, lines(term, c, true), (e as Error).message);
		}
	};

	/** Wait for c to finish as the next input needs it, then compare its whole output. */
	const finish = async (t: string, term: Terminal, c: Current, next: InputKind | null): Promise<number> => {
		const prompt = next !== null ? PROMPT[next] : undefined;
		if (c.step === null || next === 'intr' || (next === null && c.step.input?.kind !== 'shell')) {
			await waitShown(t, term, c);
			return term.length;
		}
		const ms = first ? opts.timeoutMs * 3 : opts.timeoutMs;
		try {
			await term.waitFor(() => (prompt !== undefined ? term.since(c.start).endsWith(prompt) : splitDone(term.since(c.start)).done),
			    ms, () => `waiting for ${prompt !== undefined ? `the prompt "${prompt}"` : 'the command to finish'}`);
		} catch (e) {
			fail(t, c, lines(term, c, true), (e as Error).message);
		}
		const actual = lines(term, c, true);
		if (matchLines(c.expected, actual, false) < 0)
			fail(t, c, actual, 'printed something else');
		const end = afterDone(term.since(c.start));
		return prompt === undefined && end >= 0 ? c.start + end : term.length;
	};

	try {
		for (let b = 0; b < blocks.length; b++) {
			const blk = blocks[b];
			if (blk.type === 'patch') {
				log(`patch at ${opts.file}:${blk.line}`);
				// git apply works outside a repository too, and git is wherever the checkout is.
				const r = await run('git', ['apply', '-p1', '-'], { cwd: opts.root, input: blk.text });
				if (r.code !== 0)
					throw new TutorialMismatch(`${opts.file}:${blk.line}: the patch does not apply:\n${r.stdout}${r.stderr}`);
				continue;
			}
			const t = blk.terminal;
			let term = terms.get(t);
			if (term === undefined) {
				term = new Terminal(t, opts.root, opts.env, blk.tty);
				terms.set(t, term);
				await term.ready;
			}
			for (let s = 0; s < blk.steps.length; s++) {
				const step = blk.steps[s];
				const c = cur.get(t);
				if (step.input === null) {
					const cc = c ?? { step: null, start: term.length, expected: [] };
					cc.expected.push(...step.expected);
					cur.set(t, cc);
					await waitShown(t, term, cc);
					continue;
				}
				if (c !== undefined) {
					const kind = step.input.kind;
					if (c.step === null) {
						const actual = lines(term, c, false);
						if (matchLines(c.expected, actual, false) < 0)
							fail(t, c, actual, 'printed something else');
					} else
						await finish(t, term, c, kind);
				}
				log(`${t}: ${describeInput(step)} (${opts.file}:${step.line})`);
				const nc: Current = { step, start: term.length, expected: [...step.expected] };
				cur.set(t, nc);
				switch (step.input.kind) {
				case 'shell': term.shell(step.input.text); break;
				case 'intr': term.interrupt(); break;
				default: term.type(step.input.text);
				}
				if (s === blk.steps.length - 1 && blk.running) {
					await waitShown(t, term, nc);
				} else {
					const end = await finish(t, term, nc, nextKind(t, b, s));
					cur.set(t, { step: null, start: end, expected: [] });
				}
				first = false;
			}
		}
	} finally {
		for (const term of terms.values())
			term.close();
	}
}

export const TUTORIAL = path.join('docs', 'tutorial.md');
