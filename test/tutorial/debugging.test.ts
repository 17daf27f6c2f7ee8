/**
 * Debugging a real rump_server (docs/debugging.md): a NULL dereference in
 * a driver (the rumpkern_debug component's debug.crashme.null_deref) gives
 * the fatal-trap report, SIGABRT and a core gdb can read; RUMP_DEBUGGER=1
 * waits for `gdb -p`; `-D` on a terminal stops at the db> prompt, and
 * without a terminal changes nothing.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';
import { ctl } from '../server/realserver.js';
import { startCrashServer, type CrashServer } from './crashserver.js';
import { hostCoreProblem, needGdb, needTool } from './host.js';

let tree: Tree;
const started: CrashServer[] = [];

beforeAll(async () => {
	needGdb();
	needTool('script', 'bsdutils');
	tree = await realTree();
});

afterEach(async () => {
	for (const s of started.splice(0)) {
		s.kill();
		await s.exited;
		rmSync(s.dir, { recursive: true, force: true });
	}
});

async function server(args: string[], opts: Parameters<typeof startCrashServer>[2] = {}): Promise<CrashServer> {
	const s = await startCrashServer(tree, args, opts);
	started.push(s);
	return s;
}

const CRASH = ['sysctl', '-w', 'debug.crashme.null_deref=1'];

function coreIn(dir: string): string {
	const problem = hostCoreProblem();
	if (problem !== null)
		throw new Error(problem);
	const core = readdirSync(dir).find((f) => f === 'core' || f.startsWith('core.'));
	if (core === undefined)
		throw new Error(`no core file in ${dir}: ${readdirSync(dir).join(' ')}`);
	return path.join(dir, core);
}

async function gdbBatch(args: string[]): Promise<string> {
	const r = await run('gdb', ['-nx', '-batch', '-ex', 'set width 0', ...args], { timeoutMs: 60_000 });
	const out = r.stdout + r.stderr;
	if (/ptrace: Operation not permitted/.test(out))
		throw new Error('this host forbids gdb -p (ptrace), which the test needs: see /proc/sys/kernel/yama/ptrace_scope');
	return out;
}

describe('a NULL dereference in a driver', () => {
	it('prints the fatal-trap report, dies by SIGABRT with a core, and the client hears that the server died', async () => {
		const s = await server(['-lrumpkern_debug']);
		const c = await ctl(s, CRASH);
		expect(c.code).not.toBe(0);
		expect(c.stderr).toBe('rumpctrl: rump kernel server at unix://ctrl died during __sysctl (connection lost)\n');
		expect(await s.exited).toEqual({ code: null, signal: 'SIGABRT' });
		const out = s.output();
		expect(out).toContain('Fatal trap 12: page fault while in kernel mode\n');
		expect(out).toMatch(/fault virtual address\s+= 0x0\n/);
		expect(out).toMatch(/current process\s+= \d+ \(sysctl\)\n/);
		expect(out).toMatch(/#0 +0x[0-9a-f]+ in crashme_null_deref at \S+kern_crashme\.c:\d+\n/);
		expect(out).toMatch(/#\d+ +0x[0-9a-f]+ in sys___sysctl at \S+kern_sysctl\.c:\d+\n/);
		expect(out).toMatch(/panic: page fault\nrump kernel halting\.\.\.\n/);
		// Every frame of the report is code, named: the walk stops where frame pointers end.
		for (const frame of out.split('\n').filter((l) => /^#\d+ /.test(l)))
			expect(frame).toMatch(/^#\d+ +0x[0-9a-f]+ in [A-Za-z_]\w* at \S+:\d+$/);

		const bt = await gdbBatch(['-ex', 'bt', path.join(tree.bindir, 'rump_server'), coreIn(s.dir)]);
		expect(bt).toContain('Program terminated with signal SIGABRT');
		expect(bt).toContain('<signal handler called>');
		expect(bt).toMatch(/#\d+ +0x[0-9a-f]+ in crashme_null_deref \(\) at \S+kern_crashme\.c:\d+/);
		expect(bt).toMatch(/#\d+ +0x[0-9a-f]+ in sys___sysctl \(.*\) at \S+kern_sysctl\.c:\d+/);
		expect(bt).not.toContain('rumpns_');
	});

	it('waits for a debugger with RUMP_DEBUGGER=1 and gdb -p attaches to the stopped kernel', async () => {
		const s = await server(['-lrumpkern_debug'], { env: { RUMP_DEBUGGER: '1' } });
		void ctl(s, CRASH);
		const m = await s.waitOutput(/gdb -p (\d+)\n/);
		expect(Number(m[1])).toBe(s.proc.pid);
		expect(s.output()).toContain('Fatal trap 12: page fault while in kernel mode\n');
		expect(s.output()).toMatch(/handle SIGSEGV nostop noprint/);
		const bt = await gdbBatch(['-p', m[1], '-ex', 'thread apply all bt']);
		expect(bt).toMatch(/in crashme_null_deref \(\) at \S+kern_crashme\.c:\d+/);
		expect(bt).toMatch(/in rumpuser_debugger_wait \(\)/);
		// Still waiting after gdb detached.
		expect(() => process.kill(s.proc.pid ?? -1, 0)).not.toThrow();
	});
});

describe('rump_server -D', () => {
	it('without a terminal says so and dumps core at once, as without -D', async () => {
		const s = await server(['-D', '-lrumpkern_debug']);
		expect(s.output()).toContain('rump_server: -D needs -s and a terminal; a panic dumps core as usual\n');
		await ctl(s, CRASH);
		expect(await s.exited).toEqual({ code: null, signal: 'SIGABRT' });
		expect(s.output()).not.toContain('db>');
		expect(existsSync(coreIn(s.dir))).toBe(true);
	});

	it('on a terminal stops at db>: trace, ps, show registers, dmesg, then dump leaves a core', async () => {
		const s = await server(['-D', '-lrumpkern_debug'], { tty: true });
		// The client waits while the kernel is stopped; it hears of the death after dump.
		const client = ctl(s, CRASH);
		await s.waitOutput(/Stopped at a fatal trap; commands: trace, ps, show registers, dmesg, gdb, dump\ndb> $/);
		const answer = async (cmd: string): Promise<string> => {
			const from = s.output().length;
			s.type(cmd);
			await s.waitOutput(new RegExp(`[^]{${from}}[^]*\\ndb> $`));
			return s.output().slice(from);
		};
		expect(await answer('trace')).toMatch(/#0 +0x[0-9a-f]+ in crashme_null_deref at \S+kern_crashme\.c:\d+\n(.*\n)*#\d+ +0x[0-9a-f]+ in sys___sysctl at /);
		const ps = await answer('ps');
		expect(ps).toMatch(/PID +LID +STAT +COMMAND/);
		expect(ps).toMatch(/>\s*\d+ +\d+ run +sysctl/);
		expect(ps).toMatch(/ 1 +1 +\S+ +rump_server/);
		const regs = await answer('show registers');
		expect(regs).toMatch(/rip +0x[0-9a-f]{16}\n/);
		expect(regs).toMatch(/cr2 +0x0{16}\n/);
		expect(await answer('dmesg')).toContain('boot: NetBSD ready');
		s.type('dump');
		await s.waitOutput(/dumping core\n/);
		await s.exited;
		expect(existsSync(coreIn(s.dir))).toBe(true);
		expect((await client).stderr).toContain('died during __sysctl');
	});

	it('on a terminal, db> gdb prints how to attach and waits; gdb -p sees the trapped thread', async () => {
		const s = await server(['-D', '-lrumpkern_debug'], { tty: true });
		void ctl(s, CRASH);
		await s.waitOutput(/\ndb> $/);
		s.type('gdb');
		const m = await s.waitOutput(/gdb -p (\d+)\n/);
		expect(Number(m[1])).toBe(s.serverPid());
		const bt = await gdbBatch(['-p', m[1], '-ex', 'thread apply all bt']);
		expect(bt).toMatch(/in crashme_null_deref \(\) at \S+kern_crashme\.c:\d+/);
		expect(bt).toMatch(/in ddb_enter \(/);
	});
});
