/**
 * The kernel core's C test programs, linked against a real tree, and a
 * way to run one until its output shows something (for programs that
 * stop and wait, such as RUMP_DEBUGGER=1).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { linkLocalProgram } from '../helpers/cprog.js';
import type { Tree } from '../helpers/tree.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

const linked = new Map<string, Promise<string>>();

/** Link test/kern/<name>.c with librump (+ libs), once per tree and set. */
export function kernProgram(tree: Tree, name: string, libs: string[] = []): Promise<string> {
	const key = `${tree.objdir}:${name}:${libs.join(',')}`;
	let p = linked.get(key);
	if (p === undefined) {
		p = linkLocalProgram(tree, { source: path.join(HERE, `${name}.c`), libs });
		linked.set(key, p);
	}
	return p;
}

export interface Waited {
	output: string;
	pid: number;
	kill: () => void;
}

/** Start prog and resolve once its stdout+stderr matches re (or reject after timeoutMs). */
export function runUntil(prog: string, args: string[], env: NodeJS.ProcessEnv, re: RegExp, timeoutMs = 60_000): Promise<Waited> {
	return new Promise((resolve, reject) => {
		const child = spawn(prog, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		let done = false;
		const kill = (): void => { child.kill('SIGKILL'); };
		const timer = setTimeout(() => {
			if (!done) {
				done = true;
				kill();
				reject(new Error(`${prog} ${args.join(' ')}: no ${String(re)} in ${timeoutMs} ms:\n${output}`));
			}
		}, timeoutMs);
		const check = (b: Buffer): void => {
			output += b.toString();
			if (!done && re.test(output)) {
				done = true;
				clearTimeout(timer);
				resolve({ output, pid: child.pid ?? -1, kill });
			}
		};
		child.stdout.on('data', check);
		child.stderr.on('data', check);
		child.on('close', () => {
			if (!done) {
				done = true;
				clearTimeout(timer);
				reject(new Error(`${prog} ${args.join(' ')} exited before ${String(re)}:\n${output}`));
			}
		});
	});
}
