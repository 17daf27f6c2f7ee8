/**
 * A terminal of the tutorial: one bash reading commands from a pipe, its
 * output and every program's (stdout and stderr together, in order) in
 * one buffer. Programs started from it inherit its input, so lines typed
 * at gdb's or the kernel debugger's prompt reach them as they would from
 * a keyboard.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** Printed by the shell after each command: the runner's view of the prompt. */
const DONE = '\u001eRKDONE';
const READY = 'RKTERMINAL_READY';

export class Terminal {
	private readonly proc: ChildProcessWithoutNullStreams;
	private buf = '';
	private waiters: (() => void)[] = [];
	private exited = false;

	/** Resolves once the shell reads commands (a tty terminal first turns echo off). */
	readonly ready: Promise<void>;

	/**
	 * tty: the shell runs on a pseudo terminal (script(1)), as in a real
	 * terminal window: programs see a terminal, ^C goes through the line
	 * discipline, and the shell reports jobs as an interactive one does.
	 */
	constructor(readonly name: string, cwd: string, env: NodeJS.ProcessEnv, readonly tty = false) {
		this.proc = tty ?
		    spawn('script', ['-qfec', 'bash --norc --noprofile --noediting', '/dev/null'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] }) :
		    spawn('bash', ['--norc', '--noprofile'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
		const add = (b: Buffer): void => {
			this.buf += b.toString();
			this.wake();
		};
		this.proc.stdout.on('data', add);
		this.proc.stderr.on('data', add);
		this.proc.on('exit', () => { this.exited = true; this.wake(); });
		this.proc.stdin.on('error', () => undefined);
		if (tty) {
			// Typed lines are not echoed, the prompt is empty and each prompt
			// prints the marker (an interrupted command line prints it too);
			// READY is printed in two halves so the echo of this line lacks it.
			this.proc.stdin.write(`stty -echo; PS1=; PS2=; PROMPT_COMMAND="printf '${DONE} %d\\n' \\$?"; ` +
			    `printf '%s%s\\n' ${READY.slice(0, 4)} ${READY.slice(4)}\n`);
			this.ready = this.waitFor(() => afterDone(this.buf.slice(Math.max(0, this.buf.indexOf(READY)))) >= 0 && this.buf.includes(READY),
			    30_000, () => 'for the terminal')
			    .then(() => {
				const i = this.buf.indexOf(READY);
				this.buf = this.buf.slice(i + afterDone(this.buf.slice(i)));
			    });
		} else {
			this.proc.stdin.write('exec 2>&1\n');
			this.ready = Promise.resolve();
		}
	}

	private wake(): void {
		const w = this.waiters;
		this.waiters = [];
		for (const f of w)
			f();
	}

	/** How much the terminal has printed so far (an offset for since()). */
	get length(): number {
		return this.buf.length;
	}

	/** Everything printed since offset `from`, with the runner's markers left in. */
	since(from: number): string {
		return this.buf.slice(from);
	}

	/** A shell command; it is read whole before it runs, so a program it starts reads only what is typed later. */
	shell(cmd: string): void {
		if (this.tty)
			this.proc.stdin.write(`${cmd}\n`);
		else
			this.proc.stdin.write(`{ ${cmd}\n}; printf '${DONE} %d\\n' $?\n`);
	}

	/** A line for the program that runs in the foreground (gdb, db>). */
	type(line: string): void {
		this.proc.stdin.write(`${line}\n`);
	}

	/** Ctrl-C: SIGINT to the programs the shell runs (not to the shell). */
	interrupt(): void {
		if (this.tty) {
			this.proc.stdin.write('\u0003');
			return;
		}
		for (const pid of childrenOf(this.proc.pid ?? -1)) {
			try {
				process.kill(pid, 'SIGINT');
			} catch {
				// Gone already.
			}
		}
	}

	/** Resolve when cond() holds, re-checked on every output; reject after timeoutMs. */
	async waitFor(cond: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
		const end = Date.now() + timeoutMs;
		while (!cond()) {
			const left = end - Date.now();
			if (left <= 0 || this.exited)
				throw new Error(`${this.exited ? 'terminal exited' : `timed out after ${timeoutMs} ms`} ${what()}`);
			await new Promise<void>((resolve) => {
				const t = setTimeout(resolve, Math.min(left, 1000));
				this.waiters.push(() => { clearTimeout(t); resolve(); });
			});
		}
	}

	/** Kill the shell and everything it started. */
	close(): void {
		const all = descendants(this.proc.pid ?? -1);
		for (const pid of [...all, this.proc.pid ?? -1]) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// Gone already.
			}
		}
	}
}

export function splitDone(text: string): { output: string; done: boolean } {
	const i = text.indexOf(DONE);
	if (i < 0)
		return { output: text, done: false };
	return { output: text.slice(0, i), done: true };
}

/** Length of text up to and including the first shell marker line. */
export function afterDone(text: string): number {
	const i = text.indexOf(DONE);
	if (i < 0)
		return -1;
	const nl = text.indexOf('\n', i);
	return nl < 0 ? -1 : nl + 1;
}

function childrenOf(pid: number): number[] {
	const out: number[] = [];
	let tasks: string[];
	try {
		tasks = readdirSync(`/proc/${pid}/task`);
	} catch {
		return out;
	}
	for (const t of tasks) {
		try {
			for (const c of readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(/\s+/))
				if (c !== '')
					out.push(Number(c));
		} catch {
			// The task ended.
		}
	}
	return out;
}

export function descendants(pid: number): number[] {
	const kids = childrenOf(pid);
	return [...kids, ...kids.flatMap(descendants)];
}
