/**
 * A rump_server with the VFS and tmpfs for the client tests: started in
 * the foreground, ready once its socket accepts, killed afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Tree } from '../helpers/tree.js';

export interface VfsServer {
	url: string;
	output(): string;
	/** Resolves with the exit code once the server is gone. */
	exited: Promise<number | null>;
	kill(): Promise<void>;
}

function accepts(sock: string): Promise<boolean> {
	return new Promise((resolve) => {
		const s = connect({ path: sock });
		s.once('connect', () => { s.destroy(); resolve(true); });
		s.once('error', () => resolve(false));
	});
}

export async function startVfsServer(tree: Tree, timeoutMs = 30_000): Promise<VfsServer> {
	const sock = path.join(mkdtempSync(path.join(tmpdir(), 'rumpkit-vfs-')), 'ctrl');
	const url = `unix://${sock}`;
	const proc: ChildProcess = spawn(path.join(tree.bindir, 'rump_server'), ['-s', '-lrumpvfs', '-lrumpfs_tmpfs', url],
		{ stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	proc.stdout?.on('data', (b: Buffer) => { out += b.toString(); });
	proc.stderr?.on('data', (b: Buffer) => { out += b.toString(); });
	// 'close': the process is gone and its output read to the end.
	const exited = new Promise<number | null>((resolve) => proc.once('close', (c) => resolve(c)));
	const deadline = Date.now() + timeoutMs;
	while (!(await accepts(sock))) {
		if (proc.exitCode !== null || proc.signalCode !== null || Date.now() > deadline)
			throw new Error(`rump_server did not start serving ${url}:\n${out}`);
		await new Promise((r) => setTimeout(r, 20));
	}
	return {
		url,
		output: () => out,
		exited,
		kill: async () => {
			if (proc.exitCode === null && proc.signalCode === null) {
				proc.kill('SIGKILL');
				await exited;
			}
		},
	};
}
