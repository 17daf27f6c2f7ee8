/**
 * The servers that `rumpmake watch` runs: started in the foreground (-s),
 * waited for until their socket accepts, stopped with SIGTERM and then
 * SIGKILL, and watched for deaths that are not ours (panics, traps).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { RumpkitError } from '../buildrump/errors.js';

export interface ServerSpec {
	/** The command as given, e.g. rump_server -lrumpvfs -lrumpfs_tmpfs -s unix://ctrl. */
	argv: string[];
	/** The url it serves (its last argument). */
	url: string;
	/** Libraries it loads with -l (rump_allserver: all). */
	libs: string[];
	all: boolean;
}

export type SocketAddr = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number };

export function parseUrl(url: string, cwd: string): SocketAddr {
	const u = /^unix:\/\/(.+)$/.exec(url);
	if (u !== null)
		return { kind: 'unix', path: path.resolve(cwd, u[1]) };
	const t = /^tcp:\/\/([^:/]+):(\d+)\/?$/.exec(url);
	if (t !== null)
		return { kind: 'tcp', host: t[1], port: Number(t[2]) };
	throw new RumpkitError('RUMPKIT_BAD_URL', `${url}: not unix://path or tcp://host:port`);
}

/** Understand a server command line; -s is added so it stays in the foreground. */
export function parseServerCommand(argv: string[]): ServerSpec {
	if (argv.length < 2)
		throw new RumpkitError('RUMPKIT_USAGE', `server command "${argv.join(' ')}" needs at least a program and a url`, 2);
	const url = argv[argv.length - 1];
	if (!/^(unix|tcp):\/\//.test(url))
		throw new RumpkitError('RUMPKIT_USAGE', `server command "${argv.join(' ')}": the last argument must be the url (unix://... or tcp://...)`, 2);
	const libs: string[] = [];
	for (let i = 1; i < argv.length - 1; i++) {
		const a = argv[i];
		if (a === '-l' && i + 1 < argv.length - 1)
			libs.push(argv[++i]);
		else if (a.startsWith('-l'))
			libs.push(a.slice(2));
	}
	const hasS = argv.slice(1, -1).some((a) => /^-[a-zA-Z]*s[a-zA-Z]*$/.test(a) && !a.startsWith('-l'));
	const full = hasS ? [...argv] : [argv[0], '-s', ...argv.slice(1)];
	return { argv: full, url, libs, all: path.basename(argv[0]) === 'rump_allserver' };
}

function tryConnect(addr: SocketAddr): Promise<boolean> {
	return new Promise((resolve) => {
		const s = addr.kind === 'unix' ? net.connect(addr.path) : net.connect(addr.port, addr.host);
		s.once('connect', () => { s.destroy(); resolve(true); });
		s.once('error', () => { s.destroy(); resolve(false); });
	});
}

export interface RunningServer {
	spec: ServerSpec;
	child: ChildProcess;
	pid: number;
	/** Everything the server printed, for crash reports. */
	output: string[];
	/** Resolves with the exit status when the process is gone. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** True once we asked it to stop (its death is then not a crash). */
	stopping: boolean;
}

export interface StartOptions {
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** Each output line of the server, as it comes. */
	onLine(line: string, server: RunningServer): void;
	readyTimeoutMs?: number;
}

export class ServerStartError extends RumpkitError {
	constructor(readonly server: RunningServer, why: string) {
		super('RUMPKIT_SERVER_START', `${server.spec.argv.join(' ')}: ${why}`);
	}
}

export function startServer(spec: ServerSpec, opts: StartOptions): RunningServer {
	const child = spawn(spec.argv[0], spec.argv.slice(1), { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
	const srv: RunningServer = {
		spec, child, pid: child.pid ?? -1, output: [], stopping: false,
		exited: new Promise((resolve) => {
			child.once('exit', (code, signal) => resolve({ code, signal }));
			child.once('error', () => resolve({ code: 127, signal: null }));
		}),
	};
	const lines = (stream: NodeJS.ReadableStream): void => {
		let buf = '';
		stream.on('data', (b: Buffer) => {
			buf += b.toString();
			let i;
			while ((i = buf.indexOf('\n')) >= 0) {
				const line = buf.slice(0, i);
				buf = buf.slice(i + 1);
				srv.output.push(line);
				if (srv.output.length > 2000)
					srv.output.splice(0, 1000);
				opts.onLine(line, srv);
			}
		});
	};
	if (child.stdout !== null)
		lines(child.stdout);
	if (child.stderr !== null)
		lines(child.stderr);
	return srv;
}

/** Resolve when the server's socket accepts; reject if it dies first or takes too long. */
export async function waitReady(srv: RunningServer, cwd: string, timeoutMs = 15_000): Promise<void> {
	const addr = parseUrl(srv.spec.url, cwd);
	let dead = false;
	void srv.exited.then(() => { dead = true; });
	const deadline = Date.now() + timeoutMs;
	// Poll every millisecond at first: a rump_server is usually up in a few.
	let delay = 1;
	let tries = 0;
	for (;;) {
		if (dead)
			throw new ServerStartError(srv, 'exited before it accepted connections');
		if (await tryConnect(addr))
			return;
		if (Date.now() > deadline)
			throw new ServerStartError(srv, `did not accept connections on ${srv.spec.url} within ${timeoutMs} ms`);
		await new Promise((r) => setTimeout(r, delay));
		if (++tries > 50)
			delay = Math.min(delay * 2, 50);
	}
}

/** SIGTERM, then SIGKILL after `killAfterMs`; resolves when it is gone. */
export async function stopServer(srv: RunningServer, cwd: string, killAfterMs = 3000): Promise<void> {
	srv.stopping = true;
	if (srv.child.exitCode === null && srv.child.signalCode === null) {
		srv.child.kill('SIGTERM');
		const timer = setTimeout(() => srv.child.kill('SIGKILL'), killAfterMs);
		await srv.exited;
		clearTimeout(timer);
	}
	const addr = parseUrl(srv.spec.url, cwd);
	if (addr.kind === 'unix' && !(await tryConnect(addr)))
		rmSync(addr.path, { force: true });
}
