/**
 * The ground truth for an answer: link a program with exactly the printed
 * flags and let ld say whether every symbol is defined.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { summarizeLibrary } from '../../wmd/summary.js';

export interface LinkResult {
	ok: boolean;
	stderr: string;
}

/** A program that references one defined symbol of each requested library, so none can be dropped. */
function mainSource(dir: string, requested: string[], mode: 'shared' | 'static'): string {
	const refs = requested.map((l) => {
		const file = path.join(dir, `lib${l}.${mode === 'shared' ? 'so' : 'a'}`);
		const s = summarizeLibrary(readFileSync(file), file);
		const sym = s.units.flatMap((u) => u.defines).filter((d) => !d.startsWith('_')).sort()[0];
		if (sym === undefined)
			throw new Error(`${file} defines nothing`);
		return sym;
	});
	return refs.map((r) => `extern char ${r}[];\n`).join('') +
	    `int main(void) { return (int)(${refs.map((r) => `(unsigned long)${r}`).join(' + ') || '0'}); }\n`;
}

/**
 * Link with the flags. Shared: every listed library is kept (--no-as-needed)
 * and ld refuses undefined symbols in them (the default for executables).
 * Static: archives only, the requested libraries whole, as a server links
 * its components. `tail` is what the program links anyway (the kernel base
 * for a shared answer).
 */
export function linkWith(dir: string, requested: string[], flags: string[], mode: 'shared' | 'static', tail: string[] = []): LinkResult {
	const work = mkdtempSync(path.join(tmpdir(), 'rumpkit-wmd-link-'));
	const main = path.join(work, 'main.c');
	writeFileSync(main, mainSource(dir, requested, mode));
	// -fPIC: references to library data and functions go through the GOT.
	const args = ['-fPIC', '-o', path.join(work, 'prog'), main, `-L${dir}`];
	if (mode === 'shared') {
		args.push('-Wl,--no-as-needed', '-Wl,--no-allow-shlib-undefined', ...flags, ...tail);
	} else {
		const wrapped = flags.flatMap((f) => requested.some((r) => f === `-l${r}`)
		    ? ['-Wl,--whole-archive', f, '-Wl,--no-whole-archive'] : [f]);
		args.push('-Wl,-Bstatic', ...wrapped, ...tail, '-Wl,-Bdynamic');
	}
	const r = spawnSync('gcc', args, { encoding: 'utf8' });
	return { ok: r.status === 0, stderr: r.stderr };
}

/** Every flag list obtained by dropping one -l flag. */
export function dropOne(flags: string[]): { dropped: string; flags: string[] }[] {
	const out: { dropped: string; flags: string[] }[] = [];
	flags.forEach((f, i) => {
		if (f.startsWith('-l'))
			out.push({ dropped: f, flags: flags.filter((_, j) => j !== i) });
	});
	return out;
}
