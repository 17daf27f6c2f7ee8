/**
 * The sysproxy server linked with a stand-in kernel (fake_kernel.c), so
 * the protocol is tested on its own: built once per test file, started on
 * a socket in a temp folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO, run } from '../helpers/run.js';
import { socketDir } from './realserver.js';

export interface FakeServer {
	url: string;
	sockPath: string;
	proc: ChildProcess;
	stderr: () => string;
	/** Resolves with the exit code or signal once the server is gone. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	stop(): Promise<void>;
}

/* Servers a failed test left running die with the test process. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
	for (const p of live)
		p.kill('SIGKILL');
});

/** The sysproxy server's sources: kernel/rumpuser/rumpuser_sp*.c. */
export function spSources(): string[] {
	const dir = path.join(REPO, 'kernel/rumpuser');
	return readdirSync(dir).filter((f) => /^rumpuser_sp.*\.c$/.test(f)).sort().map((f) => path.join(dir, f));
}

export async function buildFakeKernel(extraSrcs: string[] = []): Promise<string> {
	const dir = mkdtempSync(path.join(tmpdir(), 'rumpkit-fake-'));
	const out = path.join(dir, 'fake_kernel');
	// Host code sees only the public rump headers, never kernel/include as a whole.
	mkdirSync(path.join(dir, 'include', 'rump'), { recursive: true });
	copyFileSync(path.join(REPO, 'kernel/include/rump/rumpuser.h'), path.join(dir, 'include', 'rump', 'rumpuser.h'));
	const r = await run('gcc', ['-std=gnu11', '-O2', '-g', '-Wall', '-D_GNU_SOURCE', '-pthread',
		`-I${path.join(REPO, 'kernel/rumpuser')}`, `-I${path.join(dir, 'include')}`, path.join(REPO, 'test/server/fake_kernel.c'),
		...spSources(), ...extraSrcs, '-o', out]);
	if (r.code !== 0)
		throw new Error(`building the fake kernel failed:\n${r.stderr}`);
	return out;
}

export function startFakeServer(bin: string, dir = socketDir('rumpkit-sp-')): Promise<FakeServer> {
	const sockPath = path.join(dir, 'ctrl');
	const url = `unix://${sockPath}`;
	const proc = spawn(bin, [url], { stdio: ['ignore', 'pipe', 'pipe'] });
	let err = '';
	proc.stderr?.on('data', (b: Buffer) => { err += b.toString(); });
	live.add(proc);
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		proc.on('exit', (code, signal) => { live.delete(proc); resolve({ code, signal }); }));
	return new Promise((resolve, reject) => {
		let out = '';
		proc.stdout?.on('data', (b: Buffer) => {
			out += b.toString();
			if (out.includes('ready\n'))
				resolve({
					url, sockPath, proc, exited, stderr: () => err,
					stop: async () => {
						if (proc.exitCode === null && proc.signalCode === null)
							proc.kill('SIGTERM');
						await exited;
					},
				});
		});
		void exited.then((e) => reject(new Error(`fake kernel exited (${e.code ?? e.signal}) before serving:\n${err}`)));
	});
}
