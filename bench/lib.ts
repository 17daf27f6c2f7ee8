/**
 * Shared by the benchmarks: timing commands, medians, and recording
 * figures in bench/RESULTS.md under a section of their own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../buildrump/paths.js';

export interface Timed {
	ms: number;
	stdout: string;
	stderr: string;
}

/** Run a command to completion and time it; a failure aborts the benchmark. */
export function timeCommand(argv: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Timed {
	const t0 = process.hrtime.bigint();
	const r = spawnSync(argv[0], argv.slice(1), { cwd: opts.cwd, env: opts.env ?? process.env, encoding: 'utf8', maxBuffer: 64 << 20 });
	const ms = Number(process.hrtime.bigint() - t0) / 1e6;
	if (r.status !== 0)
		throw new Error(`${argv.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
	return { ms, stdout: r.stdout, stderr: r.stderr };
}

export function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function fmtMs(ms: number): string {
	return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

export function shQuote(s: string): string {
	return /^[A-Za-z0-9_./=,:+@%-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Replace (or add) the section `## <title>` of bench/RESULTS.md. */
export function recordResults(title: string, body: string): void {
	const file = path.join(packageRoot(), 'bench', 'RESULTS.md');
	let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmark results\n\nFigures recorded by the benchmarks in bench/ (each prints a ratio against a baseline measured in the same run).\n';
	const head = `## ${title}\n`;
	const i = text.indexOf(head);
	const section = `${head}\n${body.trim()}\n\n`;
	if (i < 0) {
		text = text.trimEnd() + '\n\n' + section;
	} else {
		const rest = text.slice(i + head.length);
		const j = rest.search(/\n## /);
		text = text.slice(0, i) + section + (j < 0 ? '' : rest.slice(j + 1));
	}
	writeFileSync(file, text.trimEnd() + '\n');
}
