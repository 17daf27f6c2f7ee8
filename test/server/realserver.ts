/**
 * The real rump_server of the tree built by realTree(), started in a temp
 * folder with -s on unix://ctrl, and rumpctrl run against it as a user
 * runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runTool, type RunResult } from '../helpers/run.js';
import type { Tree } from '../helpers/tree.js';

export interface RealServer {
	dir: string;
	url: string;
	sockPath: string;
	proc: ChildProcess;
	output: () => string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** SIGTERM and wait; resolves to the milliseconds from signal to exit. */
	stop(): Promise<number>;
}

export function accepts(target: { path: string } | { host: string; port: number }): Promise<boolean> {
	return new Promise((resolve) => {
		// A bare connect without a handshake: the server makes no process for it.
		const s = connect(target);
		s.once('connect', () => { s.destroy(); resolve(true); });
		s.once('error', () => resolve(false));
	});
}

import { waitUntil } from '../helpers/wait.js';

export { waitUntil };

/**
 * A temp folder for a server's socket. A unix socket path has at most 107
 * bytes: under a long $TMPDIR use /tmp.
 */
export function socketDir(prefix: string): string {
	const base = tmpdir().length <= 40 ? tmpdir() : '/tmp';
	return mkdtempSync(path.join(base, prefix));
}

/* Servers a failed test left running die with the test process. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
	for (const p of live)
		p.kill('SIGKILL');
});

export async function startServer(tree: Tree, args: string[], opts: { dir?: string; url?: string; bin?: string } = {}): Promise<RealServer> {
	const dir = opts.dir ?? socketDir('rumpkit-srv-');
	const url = opts.url ?? 'unix://ctrl';
	const sockPath = path.join(dir, 'ctrl');
	const proc = spawn(path.join(tree.bindir, opts.bin ?? 'rump_server'), [...args, '-s', url], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	proc.stdout?.on('data', (b: Buffer) => { out += b.toString(); });
	proc.stderr?.on('data', (b: Buffer) => { out += b.toString(); });
	live.add(proc);
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		proc.on('exit', (code, signal) => { live.delete(proc); resolve({ code, signal }); }));
	let gone = false;
	void exited.then(() => { gone = true; });
	const m = /^tcp:\/\/([^:]+):(\d+)$/.exec(url);
	const target = m !== null ? { host: m[1], port: Number(m[2]) } : { path: path.resolve(dir, url.slice('unix://'.length)) };
	await waitUntil(async () => {
		if (gone)
			throw new Error(`rump_server exited before serving:\n${out}`);
		return accepts(target);
	}, `rump_server ${args.join(' ')} to accept`);
	return {
		dir, url, sockPath, proc, exited, output: () => out,
		stop: async () => {
			if (gone)
				return 0;
			const t0 = process.hrtime.bigint();
			proc.kill('SIGTERM');
			await exited;
			return Number(process.hrtime.bigint() - t0) / 1e6;
		},
	};
}

/** rumpctrl with RUMP_SERVER set, from the server's folder. */
export function ctl(srv: { dir: string; url: string }, args: string[], input?: string): Promise<RunResult> {
	return runTool('rumpctrl', args, { cwd: srv.dir, env: { ...process.env, RUMP_SERVER: srv.url }, input, timeoutMs: 60_000 });
}

export function sockGone(srv: RealServer): boolean {
	return !existsSync(srv.sockPath);
}
