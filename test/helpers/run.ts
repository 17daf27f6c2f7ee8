/**
 * Running programs from tests: a command's exit status, signal and output,
 * with a generous timeout instead of fixed sleeps.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	input?: string;
	timeoutMs?: number;
}

export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (b: Buffer) => { stdout += b.toString(); });
		child.stderr?.on('data', (b: Buffer) => { stderr += b.toString(); });
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`${cmd} ${args.join(' ')} did not finish in ${opts.timeoutMs ?? 300_000} ms\n${stdout}\n${stderr}`));
		}, opts.timeoutMs ?? 300_000);
		child.on('error', (e) => { clearTimeout(timer); reject(e); });
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr });
		});
		if (child.stdin !== null) {
			// A program that exits without reading its input is not an error here.
			child.stdin.on('error', () => undefined);
			child.stdin.end(opts.input);
		}
	});
}

/** Run one of our CLIs (bin/<tool>.js, the compiled TypeScript) the way a user does. */
export function runTool(tool: 'buildrump' | 'rumpmake' | 'rump_wmd' | 'rumpctrl', args: string[], opts: RunOptions = {}): Promise<RunResult> {
	const bin = (JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin[tool];
	return run(process.execPath, [path.join(REPO, bin), ...args], opts);
}
