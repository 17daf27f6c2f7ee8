/**
 * Running rumpctrl commands from the elevator tests, through the library
 * (runCommand), with their output captured.
 */
import { Writable } from 'node:stream';
import { runCommand } from '../../rumpctrl/index.js';

export interface CtlResult {
	code: number;
	out: string;
	err: string;
}

function sink(): { stream: Writable; text: () => string } {
	let s = '';
	const stream = new Writable({ write(chunk: Buffer, _enc, cb) { s += chunk.toString(); cb(); } });
	return { stream, text: () => s };
}

/** `rumpctrl <name> args...` against url. */
export async function ctl(url: string, name: string, ...args: string[]): Promise<CtlResult> {
	const out = sink(), err = sink();
	const code = await runCommand(name, args, { url, out: out.stream, err: err.stream });
	return { code, out: out.text(), err: err.text() };
}

/** `sysctl elevator` as name -> value. */
export async function elevatorStatus(url: string): Promise<Record<string, string>> {
	const r = await ctl(url, 'sysctl', 'elevator');
	if (r.code !== 0)
		throw new Error(`sysctl elevator failed: ${r.err}`);
	const st: Record<string, string> = {};
	for (const line of r.out.trim().split('\n')) {
		const m = /^elevator\.(\w+) = (.*)$/.exec(line);
		if (m !== null)
			st[m[1]] = m[2];
	}
	return st;
}

/** Lwps of process pid, from `ps`. */
export async function nlwps(url: string, pid: number): Promise<number> {
	const r = await ctl(url, 'ps');
	for (const line of r.out.split('\n').slice(1)) {
		const f = line.trim().split(/\s+/);
		if (Number(f[0]) === pid)
			return Number(f[3]);
	}
	throw new Error(`no process ${pid} in ps:\n${r.out}`);
}
