/**
 * The replay file of `rumpmake watch --then`: rumpctrl commands, one a line,
 * run after every restart to recreate the kernel's state.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RumpkitError } from '../buildrump/errors.js';

export interface ReplayLine {
	line: number;
	text: string;
	args: string[];
}

/** Split a command line into words: blanks separate, '...' and "..." quote, \ escapes. */
export function splitWords(text: string, where: string): string[] {
	const words: string[] = [];
	let cur = '';
	let inWord = false;
	let quote: '"' | "'" | null = null;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quote !== null) {
			if (c === quote)
				quote = null;
			else if (c === '\\' && quote === '"' && i + 1 < text.length)
				cur += text[++i];
			else
				cur += c;
		} else if (c === '"' || c === "'") {
			quote = c;
			inWord = true;
		} else if (c === '\\' && i + 1 < text.length) {
			cur += text[++i];
			inWord = true;
		} else if (/\s/.test(c)) {
			if (inWord)
				words.push(cur);
			cur = '';
			inWord = false;
		} else {
			cur += c;
			inWord = true;
		}
	}
	if (quote !== null)
		throw new RumpkitError('RUMPKIT_REPLAY', `${where}: unterminated ${quote} quote`);
	if (inWord)
		words.push(cur);
	return words;
}

export function parseReplay(text: string, file: string): ReplayLine[] {
	const out: ReplayLine[] = [];
	text.split('\n').forEach((raw, i) => {
		const t = raw.trim();
		if (t === '' || t.startsWith('#'))
			return;
		let args = splitWords(t, `${file}:${i + 1}`);
		// "rumpctrl mkdir /mnt" and "mkdir /mnt" both work.
		if (args[0] === 'rumpctrl')
			args = args.slice(1);
		if (args.length > 0)
			out.push({ line: i + 1, text: t, args });
	});
	return out;
}

export function readReplay(file: string, cwd: string): ReplayLine[] {
	const abs = path.resolve(cwd, file);
	let text: string;
	try {
		text = readFileSync(abs, 'utf8');
	} catch (e) {
		throw new RumpkitError('RUMPKIT_REPLAY', `cannot read the replay file ${file}: ${(e as Error).message}`);
	}
	return parseReplay(text, file);
}
