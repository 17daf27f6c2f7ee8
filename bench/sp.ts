/**
 * sysproxy benchmark: getpid round trips through the C librumpclient
 * against a bare C ping-pong over the same kind of unix socket, in the
 * same run (target ratio <= 1.5); mkdir+rmdir pairs; the TS client's
 * getpid; server start (exec to accepting) and SIGTERM to exit.
 *
 *	npx buildrump && node dist/bench/sp.js [--fake] [--no-record]
 *
 * --fake serves with the stand-in kernel of test/server (the protocol
 * alone) instead of the installed rump_server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageRoot } from '../buildrump/paths.js';
import { RumpClient } from '../rumpctrl/client.js';
import { median, recordResults } from './lib.js';

const ROOT = packageRoot();

function cc(out: string, srcs: string[], incs: string[]): void {
	const r = spawnSync('gcc', ['-std=gnu11', '-O2', '-D_GNU_SOURCE', '-pthread', ...incs.map((i) => `-I${i}`), ...srcs, '-o', out], { encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error(`gcc ${srcs.join(' ')} failed:\n${r.stderr}`);
}

function probe(sockPath: string): Promise<boolean> {
	return new Promise((resolve) => {
		const s = connect({ path: sockPath });
		s.once('connect', () => { s.destroy(); resolve(true); });
		s.once('error', () => resolve(false));
	});
}

async function waitAccepting(sockPath: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await probe(sockPath))) {
		if (child.exitCode !== null || Date.now() > end)
			throw new Error(`server did not start accepting on ${sockPath}`);
		await new Promise((r) => setImmediate(r));
	}
}

interface Server {
	argv: string[];
	label: string;
}

function serverCommand(fake: boolean, dir: string): Server {
	if (fake) {
		const inc = path.join(dir, 'include');
		mkdirSync(path.join(inc, 'rump'), { recursive: true });
		copyFileSync(path.join(ROOT, 'kernel/include/rump/rumpuser.h'), path.join(inc, 'rump', 'rumpuser.h'));
		const bin = path.join(dir, 'fake_kernel');
		const spdir = path.join(ROOT, 'kernel/rumpuser');
		const sp = readdirSync(spdir).filter((f) => /^rumpuser_sp.*\.c$/.test(f)).map((f) => path.join(spdir, f));
		cc(bin, [path.join(ROOT, 'test/server/fake_kernel.c'), ...sp], [spdir, inc]);
		return { argv: [bin], label: 'stand-in kernel (test/server/fake_kernel.c)' };
	}
	const bin = path.join(ROOT, 'rump', 'bin', 'rump_server');
	if (!existsSync(bin))
		throw new Error(`${bin} is missing: run npx buildrump first (or pass --fake)`);
	const libs = ['rumpvfs', 'rumpfs_tmpfs'].filter((l) => existsSync(path.join(ROOT, 'rump', 'lib', `lib${l}.so`)));
	return { argv: [bin, ...libs.map((l) => `-l${l}`), '-s'], label: `rump_server ${libs.map((l) => `-l${l}`).join(' ')} -s` };
}

async function startServer(srv: Server, sockPath: string): Promise<{ child: ChildProcess; ms: number }> {
	const t0 = process.hrtime.bigint();
	const child = spawn(srv.argv[0], [...srv.argv.slice(1), `unix://${sockPath}`], { stdio: 'ignore' });
	await waitAccepting(sockPath, child);
	return { child, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

async function stopServer(child: ChildProcess): Promise<number> {
	const t0 = process.hrtime.bigint();
	const done = new Promise<void>((r) => child.once('exit', () => r()));
	child.kill('SIGTERM');
	await done;
	return Number(process.hrtime.bigint() - t0) / 1e6;
}

function runPing(bin: string, mode: string, where: string, n: number): number {
	const r = spawnSync(bin, [mode, where, String(n)], { encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error(`sp_pingpong ${mode} failed:\n${r.stderr}`);
	return Number(r.stdout.trim().split(/\s+/)[2]) / 1000;
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
	const fake = argv.includes('--fake');
	const dir = mkdtempSync(path.join(tmpdir(), 'rumpkit-bench-sp-'));
	try {
		const srv = serverCommand(fake, dir);
		const ping = path.join(dir, 'sp_pingpong');
		cc(ping, [path.join(ROOT, 'bench/sp_pingpong.c'), path.join(ROOT, 'kernel/client/rumpclient.c')],
			[path.join(ROOT, 'kernel/client'), path.join(ROOT, 'kernel/rumpuser')]);
		const sock = path.join(dir, 'ctrl');
		const url = `unix://${sock}`;

		const starts: number[] = [];
		const stops: number[] = [];
		for (let i = 0; i < 5; i++) {
			const s = await startServer(srv, sock);
			starts.push(s.ms);
			stops.push(await stopServer(s.child));
			rmSync(sock, { force: true });
		}

		const { child } = await startServer(srv, sock);
		const N = 20_000;
		// Rounds alternate the two loops and pair them: a ratio per round
		// is robust to load that changes over the run (the machine is shared).
		const ROUNDS = 5;
		const rumpUs: number[] = [];
		const bareUs: number[] = [];
		const ratios: number[] = [];
		for (let round = 0; round < ROUNDS; round++) {
			bareUs.push(runPing(ping, 'bare', path.join(dir, 'bare.sock'), N));
			rumpUs.push(runPing(ping, 'rump', url, N));
			ratios.push(rumpUs[round] / bareUs[round]);
		}
		let mkdirUs: number | undefined;
		if (!fake && srv.argv.some((a) => a === '-lrumpfs_tmpfs'))
			mkdirUs = runPing(ping, 'mkdir', url, 2000);

		const c = await RumpClient.connect(url, { progname: 'bench' });
		for (let i = 0; i < 1000; i++)
			await c.call(20, []);
		const M = 5000;
		const t0 = process.hrtime.bigint();
		for (let i = 0; i < M; i++)
			await c.call(20, []);
		const tsUs = Number(process.hrtime.bigint() - t0) / 1e3 / M;
		await c.close();
		await stopServer(child);

		const rump = median(rumpUs);
		const bare = median(bareUs);
		const ratio = median(ratios);
		const lines = [
			`Server: ${srv.label}; \`node dist/bench/sp.js${fake ? ' --fake' : ''}\`, ${new Date().toISOString().slice(0, 10)}, ${N} calls a round, medians of ${ROUNDS} rounds.`,
			'',
			'| measure | value |',
			'|---|---|',
			`| getpid round trip, C librumpclient | ${rump.toFixed(1)} µs |`,
			`| bare C ping-pong, same socket kind (baseline) | ${bare.toFixed(1)} µs |`,
			`| **ratio** (target ≤ 1.5; median of the rounds' ratios, range ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}) | **${ratio.toFixed(2)}** |`,
			...(mkdirUs !== undefined ? [`| mkdir+rmdir pair on tmpfs | ${mkdirUs.toFixed(1)} µs (${Math.round(1e6 / mkdirUs)} pairs/s) |`] : []),
			`| getpid round trip, TS client | ${tsUs.toFixed(1)} µs |`,
			`| server start, exec to accepting (median of 5) | ${median(starts).toFixed(1)} ms |`,
			`| SIGTERM to exit (median of 5) | ${median(stops).toFixed(1)} ms |`,
			'',
			'For scale, NetBSD\'s rump_server on this kind of machine (issue 6): getpid 58–62 µs a call, mkdir+rmdir',
			'270–306 µs a pair, start to accepting 8.7 ms, SIGTERM to exit 1.5–2 s.',
		];
		process.stdout.write(lines.join('\n') + '\n');
		if (!argv.includes('--no-record'))
			recordResults(fake ? 'sysproxy (stand-in kernel)' : 'sysproxy', lines.join('\n'));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (import.meta.url === `file://${process.argv[1]}`)
	await main();
