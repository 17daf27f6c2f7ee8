/**
 * Reporting a server that died on its own: its panic or trap message, the
 * backtrace from its core (gdb in batch mode) and the command that opens the
 * core in gdb.
 */
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { findOnPath } from '../buildrump/toolchain.js';

export interface CrashReport {
	/** `panic: ...` or `Fatal trap ...` lines the server printed. */
	message: string[];
	status: string;
	core: string | null;
	/** Why there is no core, when there is none. */
	noCore?: string;
	backtrace: string[];
	gdbCommand: string | null;
}

/** The lines of the server's output that say what went wrong. */
export function crashMessage(output: string[]): string[] {
	const i = output.findIndex((l) => /^(panic: |Fatal trap |kernel: |assertion ".*" failed)/.test(l.trim()));
	if (i < 0)
		return output.slice(-5);
	return output.slice(i, i + 12).filter((l) => l.trim() !== '');
}

/**
 * The core a process left in `dir`: core.<pid> or core (the kernel's
 * core_pattern decides), newer than `since`. A plain `core` is renamed to
 * core.<pid> so the next crash does not overwrite it.
 */
export function findCore(dir: string, pid: number, since: number): string | null {
	const named = path.join(dir, `core.${pid}`);
	if (existsSync(named))
		return named;
	const plain = path.join(dir, 'core');
	if (existsSync(plain) && statSync(plain).mtimeMs >= since - 1000) {
		renameSync(plain, named);
		return named;
	}
	for (const n of readdirSync(dir))
		if (n.startsWith('core.') && n.includes(String(pid)))
			return path.join(dir, n);
	return null;
}

/** `#0 ...` frames from gdb's bt of a core, with the frames of abort() and the signal trampoline kept. */
export async function coreBacktrace(program: string, core: string, cwd: string): Promise<string[]> {
	if (findOnPath('gdb') === null)
		return ['(gdb is not installed: apt-get install gdb)'];
	// gdb's warnings go to stderr and would land in the middle of frames: read stdout alone.
	const out = await new Promise<string>((resolve) => {
		execFile('gdb', ['-batch', '-nx', '-ex', 'set pagination off', '-ex', 'set width 0', '-ex', 'bt', program, core],
		    { cwd, maxBuffer: 16 << 20 }, (_err, stdout) => resolve(String(stdout)));
	});
	// gdb shows frame #0 once when it loads the core and again in bt: keep bt's.
	const frames = out.split('\n').filter((l) => /^#\d+\s/.test(l));
	const last0 = frames.map((l) => l.startsWith('#0 ')).lastIndexOf(true);
	return last0 > 0 ? frames.slice(last0) : frames;
}

export async function reportCrash(opts: { program: string; pid: number; cwd: string; since: number;
	output: string[]; code: number | null; signal: NodeJS.Signals | null }): Promise<CrashReport> {
	const status = opts.signal !== null ? `killed by ${opts.signal}` : `exited with status ${opts.code}`;
	const program = findOnPath(opts.program) ?? path.resolve(opts.cwd, opts.program);
	const dumps = opts.signal === 'SIGABRT' || opts.signal === 'SIGSEGV' || opts.signal === 'SIGBUS';
	const core = dumps ? findCore(opts.cwd, opts.pid, opts.since) : null;
	const rep: CrashReport = { message: crashMessage(opts.output), status, core, backtrace: [], gdbCommand: null };
	if (core !== null) {
		rep.backtrace = await coreBacktrace(program, core, opts.cwd);
		rep.gdbCommand = `gdb ${path.relative(opts.cwd, program).startsWith('..') ? program : path.relative(opts.cwd, program)} ${path.relative(opts.cwd, core)}`;
	} else if (dumps) {
		rep.noCore = `no core file in ${opts.cwd} (check \`ulimit -c\` and /proc/sys/kernel/core_pattern)`;
	}
	return rep;
}

export function formatCrash(url: string, r: CrashReport): string[] {
	const out = [`rumpmake watch: the server on ${url} died (${r.status})`, ...r.message.map((l) => `  ${l}`)];
	if (r.backtrace.length > 0)
		out.push('backtrace from the core:', ...r.backtrace.map((l) => `  ${l}`));
	if (r.gdbCommand !== null)
		out.push(`open it with: ${r.gdbCommand}`);
	if (r.noCore !== undefined)
		out.push(r.noCore);
	return out;
}
