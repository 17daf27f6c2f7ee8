/**
 * A real rump_server started for crashing: any environment, optionally on
 * a terminal (script(1) gives it a pty), its output collected, and a way
 * to wait until the output shows something.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Tree } from '../helpers/tree.js';
import { accepts, waitUntil } from '../server/realserver.js';
import { descendants } from './terminal.js';

export interface CrashServer {
	dir: string;
	url: string;
	proc: ChildProcessWithoutNullStreams;
	/** Output so far, carriage returns removed. */
	output(): string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** Resolve with the first match of re in the output. */
	waitOutput(re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
	type(line: string): void;
	/** The rump_server process (under script(1) or a wrapper, its descendant). */
	serverPid(): number;
	kill(): void;
}

export interface CrashServerOptions {
	env?: NodeJS.ProcessEnv;
	/** Run it on a pseudo terminal (script -qfec). */
	tty?: boolean;
	/** A wrapper command such as ['valgrind', ...]. */
	wrapper?: string[];
	dir?: string;
}

function shq(s: string): string {
	return `'${s.replace(/'/g, `'\\''`)}'`;
}

export async function startCrashServer(tree: Tree, args: string[], opts: CrashServerOptions = {}): Promise<CrashServer> {
	const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'rumpkit-dbg-'));
	const argv = [...(opts.wrapper ?? []), path.join(tree.bindir, 'rump_server'), ...args, '-s', 'unix://ctrl'];
	const env = { ...process.env, RUMP_DEBUGGER: '', RUMP_VERBOSE: '', ...opts.env };
	const proc = opts.tty === true ?
	    spawn('script', ['-qfec', argv.map(shq).join(' '), '/dev/null'], { cwd: dir, env }) :
	    spawn(argv[0], argv.slice(1), { cwd: dir, env });
	proc.stdin.on('error', () => undefined);
	let out = '';
	const waiters: (() => void)[] = [];
	const add = (b: Buffer): void => {
		out += b.toString().replace(/\r/g, '');
		for (const w of waiters.splice(0))
			w();
	};
	proc.stdout.on('data', add);
	proc.stderr.on('data', add);
	let gone = false;
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		proc.on('exit', (code, signal) => { gone = true; resolve({ code, signal }); for (const w of waiters.splice(0)) w(); }));
	const sock = path.join(dir, 'ctrl');
	await waitUntil(async () => {
		if (gone)
			throw new Error(`rump_server exited before serving:\n${out}`);
		return accepts({ path: sock });
	}, `rump_server ${args.join(' ')} to accept`, 60_000);
	const waitOutput = async (re: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> => {
		const end = Date.now() + timeoutMs;
		for (;;) {
			const m = re.exec(out);
			if (m !== null)
				return m;
			if (Date.now() > end || gone)
				throw new Error(`${gone ? 'rump_server ended' : 'timed out'} waiting for ${String(re)} in:\n${out}`);
			await new Promise<void>((resolve) => {
				const t = setTimeout(resolve, 500);
				waiters.push(() => { clearTimeout(t); resolve(); });
			});
		}
	};
	return {
		dir, url: 'unix://ctrl', proc, exited, waitOutput, output: () => out,
		type: (line) => { proc.stdin.write(`${line}\n`); },
		serverPid: () => {
			for (const pid of [proc.pid ?? -1, ...descendants(proc.pid ?? -1)]) {
				try {
					if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'rump_server')
						return pid;
				} catch {
					// Gone.
				}
			}
			return proc.pid ?? -1;
		},
		kill: () => {
			if (gone)
				return;
			// The server under script(1) first, then script itself.
			for (const pid of [...descendants(proc.pid ?? -1), proc.pid ?? -1]) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// Gone already.
				}
			}
		},
	};
}
