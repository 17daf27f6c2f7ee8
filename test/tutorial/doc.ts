/**
 * The runnable parts of a markdown tutorial (docs/tutorial.md explains
 * the format to its readers):
 *
 *   ```sh t1            commands typed in terminal t1 (t1, t2, t3, ...)
 *   $ rump_server ...   a shell command
 *   (gdb) bt            a line typed at gdb's prompt
 *   db> trace           a line typed at the kernel debugger's prompt
 *   ^C                  Ctrl-C: SIGINT to what runs in the foreground
 *   anything else       the output the input before it prints
 *   ...                 any number of output lines
 *   ```
 *
 * `tty` on a terminal's first block: the terminal is a pseudo terminal
 * (programs in it see a terminal; ^C is typed, not sent as a signal).
 * `running` after the terminal name: the block's last command keeps
 * running (a server); the tutorial moves on once it has printed the lines
 * shown. A block that starts with output lines continues the output of
 * that terminal's last command. `sh norun` blocks are shown, not run;
 * `diff apply` blocks are patches applied with `git apply` at the top of
 * the checkout, as a reader applies them with an editor.
 */

export type InputKind = 'shell' | 'gdb' | 'db' | 'intr';

export interface Step {
	/** null: the block continues the output of the terminal's previous step. */
	input: { kind: InputKind; text: string } | null;
	expected: string[];
	/** 1-based line of the tutorial where the step starts. */
	line: number;
}

export type Block =
	| { type: 'terminal'; terminal: string; running: boolean; tty: boolean; steps: Step[]; line: number }
	| { type: 'patch'; text: string; line: number };

export class TutorialFormatError extends Error {
	constructor(file: string, line: number, msg: string) {
		super(`${file}:${line}: ${msg}`);
	}
}

const PROMPTS: [string, InputKind][] = [['$ ', 'shell'], ['(gdb) ', 'gdb'], ['db> ', 'db']];

function parseLine(text: string): { kind: InputKind; text: string } | null {
	if (text === '^C')
		return { kind: 'intr', text: '' };
	for (const [p, kind] of PROMPTS)
		if (text.startsWith(p))
			return { kind, text: text.slice(p.length) };
	return null;
}

/** The blocks of a tutorial, in order. */
export function parseTutorial(markdown: string, file = 'tutorial.md'): Block[] {
	const lines = markdown.split('\n');
	const blocks: Block[] = [];
	for (let i = 0; i < lines.length; i++) {
		const m = /^```(\S*)\s*(.*)$/.exec(lines[i]);
		if (m === null)
			continue;
		const start = i + 1;
		const body: string[] = [];
		for (i++; i < lines.length && !lines[i].startsWith('```'); i++)
			body.push(lines[i]);
		if (i >= lines.length)
			throw new TutorialFormatError(file, start, 'code block is not closed');
		const lang = m[1];
		const words = m[2].split(/\s+/).filter((w) => w !== '');
		if (lang === 'diff' && words.includes('apply')) {
			blocks.push({ type: 'patch', text: body.join('\n') + '\n', line: start });
			continue;
		}
		if (lang !== 'sh' || words.includes('norun'))
			continue;
		const terminal = words.find((w) => /^t\d+$/.test(w));
		if (terminal === undefined)
			throw new TutorialFormatError(file, start, '```sh block names no terminal (t1, t2, ...) and is not marked norun');
		const unknown = words.filter((w) => w !== terminal && w !== 'running' && w !== 'tty');
		if (unknown.length > 0)
			throw new TutorialFormatError(file, start, `unknown word "${unknown[0]}" after \`\`\`sh`);
		const steps: Step[] = [];
		body.forEach((text, k) => {
			const input = parseLine(text);
			if (input !== null || steps.length === 0)
				steps.push({ input, expected: [], line: start + 1 + k });
			if (input === null)
				steps[steps.length - 1].expected.push(text);
		});
		blocks.push({ type: 'terminal', terminal, running: words.includes('running'), tty: words.includes('tty'), steps, line: start });
	}
	return blocks;
}
