/**
 * A rump_server for the elevator tests: started in the foreground (-s),
 * ready once a client can connect, stopped by halting it (or killed if
 * it will not halt).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RumpClient } from '../../rumpctrl/client.js';
import type { Tree } from '../helpers/tree.js';

export interface Server {
	url: string;
	proc: ChildProcess;
	/** Console output so far (stdout and stderr). */
	output(): string;
	/** Resolves with the exit code once the process is gone. */
	exited: Promise<number | null>;
	kill(): void;
}

export async function startServer(tree: Tree, libs: string[], timeoutMs = 30_000): Promise<Server> {
	const dir = mkdtempSync(path.join(tmpdir(), 'rumpkit-elev-'));
	const url = `unix://${path.join(dir, 'ctrl')}`;
	const proc = spawn(path.join(tree.bindir, 'rump_server'), ['-s', ...libs.map((l) => `-l${l}`), url],
		{ stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	proc.stdout?.on('data', (b: Buffer) => { out += b.toString(); });
	proc.stderr?.on('data', (b: Buffer) => { out += b.toString(); });
	const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
	let gone = false;
	void exited.then(() => { gone = true; });
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			const c = await RumpClient.connect(url, { progname: 'probe' });
			await c.close();
			break;
		} catch (e) {
			if (gone || Date.now() > deadline)
				throw new Error(`rump_server did not start serving ${url}: ${String(e)}\n${out}`);
			await new Promise((r) => setTimeout(r, 20));
		}
	}
	return { url, proc, output: () => out, exited, kill: () => { if (!gone) proc.kill('SIGKILL'); } };
}
