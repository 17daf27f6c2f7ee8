/**
 * `rumpctrl shell`: an interactive loop with line editing and history
 * (node:readline), the prompt `rumpctrl (unix://ctrl)$ `, every command
 * its own connection as in the user's shell. Builtins: exit, help,
 * export RUMP_SERVER=url.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { reportCliError } from '../buildrump/errors.js';
import { COMMANDS } from './commands/index.js';
import { runCommand } from './index.js';

export interface ShellOptions {
	url: string | undefined;
	input: NodeJS.ReadableStream;
	out: NodeJS.WritableStream;
	err: NodeJS.WritableStream;
	terminal?: boolean;
	/** History file; none when null. */
	histfile?: string | null;
}

/** Split a line into words: blanks separate, '...' and "..." quote, \ escapes. Pure. */
export function splitWords(line: string): string[] {
	const words: string[] = [];
	let cur = '';
	let inWord = false;
	let quote: '"' | "'" | undefined;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (quote !== undefined) {
			if (c === quote)
				quote = undefined;
			else if (c === '\\' && quote === '"' && i + 1 < line.length)
				cur += line[++i];
			else
				cur += c;
		} else if (c === "'" || c === '"') {
			quote = c;
			inWord = true;
		} else if (c === '\\' && i + 1 < line.length) {
			cur += line[++i];
			inWord = true;
		} else if (c === ' ' || c === '\t') {
			if (inWord)
				words.push(cur);
			cur = '';
			inWord = false;
		} else if (c === '#' && !inWord) {
			break;
		} else {
			cur += c;
			inWord = true;
		}
	}
	if (inWord)
		words.push(cur);
	return words;
}

export function prompt(url: string | undefined): string {
	return `rumpctrl (${url ?? 'NULL'})$ `;
}

function defaultHistfile(): string {
	return process.env.RUMPCTRL_HISTFILE ?? path.join(homedir(), '.rumpctrl_history');
}

export async function runShell(opts: ShellOptions): Promise<number> {
	let url = opts.url;
	const histfile = opts.histfile === undefined ? defaultHistfile() : opts.histfile;
	let history: string[] = [];
	if (histfile !== null) {
		try {
			history = readFileSync(histfile, 'utf8').split('\n').filter((l) => l !== '').reverse().slice(0, 500);
		} catch {
			history = [];
		}
	}
	const rl = createInterface({
		input: opts.input, output: opts.out, terminal: opts.terminal ?? false, history, historySize: 500,
		completer: (line: string): [string[], string] => {
			const words = line.split(/\s+/);
			if (words.length > 1)
				return [[], line];
			const all = [...Object.keys(COMMANDS), 'exit', 'help'];
			return [all.filter((c) => c.startsWith(line)), line];
		},
	});
	// Ctrl-C drops the line being typed, as a shell does (not the shell).
	rl.on('SIGINT', () => {
		opts.out.write('^C\n');
		rl.write(null, { ctrl: true, name: 'u' });
		rl.prompt();
	});
	rl.setPrompt(prompt(url));
	rl.prompt();
	let status = 0;
	for await (const line of rl) {
		const words = splitWords(line);
		if (words.length > 0 && histfile !== null) {
			try {
				appendFileSync(histfile, line + '\n');
			} catch {
				// A history that cannot be saved is no reason to stop.
			}
		}
		if (words.length === 0) {
			// Nothing to do.
		} else if (words[0] === 'exit' || words[0] === 'quit') {
			status = words[1] !== undefined ? Number(words[1]) || 0 : status;
			break;
		} else if (words[0] === 'help') {
			opts.out.write(`commands: ${Object.keys(COMMANDS).join(' ')}\nbuiltins: export RUMP_SERVER=url, exit, help\n`);
		} else if (words[0] === 'export' && words.length === 2 && words[1].startsWith('RUMP_SERVER=')) {
			url = words[1].slice('RUMP_SERVER='.length) || undefined;
		} else {
			try {
				status = await runCommand(words[0], words.slice(1), { url, out: opts.out, err: opts.err });
			} catch (e) {
				status = reportCliError('rumpctrl', e, opts.err);
			}
		}
		rl.setPrompt(prompt(url));
		rl.prompt();
	}
	rl.close();
	if (opts.terminal !== true)
		opts.out.write('\n');
	return status;
}
