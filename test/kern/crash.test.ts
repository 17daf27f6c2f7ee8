/**
 * How the kernel fails: panic with its two lines, a core and SIGABRT;
 * the fatal-trap report for a NULL dereference in a component; waiting
 * for a debugger; LOCKDEBUG and kmem checks of a -DD kernel; and the
 * leak report at halt.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';
import { kernProgram, runUntil } from './programs.js';

let tree: Tree;
let prog: string;
const scratch = mkdtempSync(path.join(tmpdir(), 'rumpkit-kern-'));

beforeAll(async () => {
	tree = await realTree({ diagnostic: 2 });
	prog = await kernProgram(tree, 'debug', ['rumpkern_debug']);
});

afterAll(() => {
	rmSync(scratch, { recursive: true, force: true });
});

const ENV = { ...process.env, RUMP_VERBOSE: '', RUMP_DEBUGGER: '' };

/** The core file the host's core_pattern gives a crash in dir, if it writes files. */
function corePattern(): string {
	return readFileSync('/proc/sys/kernel/core_pattern', 'utf8').trim();
}

describe('panic', () => {
	it('prints both lines, even into a pipe, aborts and dumps core', async () => {
		const dir = mkdtempSync(path.join(scratch, 'panic-'));
		// bash reports "Aborted (core dumped)" from the wait status, whatever
		// core_pattern does with the core; the core limit starts at 0 so
		// only the kernel raising it can produce one.
		const r = await run('bash', ['-c', 'ulimit -S -c 0; "$0" crash panic; exit $?', prog], { cwd: dir, env: ENV, timeoutMs: 60_000 });
		expect(r.stdout).toMatch(/panic: crashme: panic requested\nrump kernel halting\.\.\.\n/);
		expect(r.stdout).not.toContain('survived');
		expect(r.code).toBe(128 + 6);					// SIGABRT
		expect(r.stderr).toMatch(/Aborted\s+\(core dumped\)/);
		const pattern = corePattern();
		if (!pattern.startsWith('|') && !pattern.includes('/'))
			expect(readdirSync(dir).some((f) => f.startsWith(pattern.split('%')[0] || 'core'))).toBe(true);
	});

	it('loses no console line when stdout is a file', async () => {
		const dir = mkdtempSync(path.join(scratch, 'file-'));
		const r = await run('bash', ['-c', '"$0" crash panic > out.txt; exit $?', prog], { cwd: dir, env: ENV, timeoutMs: 60_000 });
		expect(r.code).toBe(128 + 6);
		expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).toMatch(/panic: crashme: panic requested\nrump kernel halting\.\.\.\n/);
	});

	it('says why there is no core when the host forbids one', async () => {
		const dir = mkdtempSync(path.join(scratch, 'nocore-'));
		const r = await run('bash', ['-c', 'ulimit -H -c 0; "$0" crash panic; exit $?', prog], { cwd: dir, env: ENV, timeoutMs: 60_000 });
		expect(r.code).toBe(128 + 6);
		expect(r.stdout).toMatch(/panic: crashme: panic requested\nrump kernel halting\.\.\.\n/);
		expect(r.stdout).toMatch(/rump kernel: no core dump: the hard core size limit is 0 \(it would have gone to .+\)\n/);
		expect(readdirSync(dir)).toEqual([]);
	});

	it('fails a KASSERT in a DIAGNOSTIC kernel with the expression and site', async () => {
		const r = await run(prog, ['crash', 'kassert'], { cwd: scratch, env: ENV, timeoutMs: 60_000 });
		expect(r.signal).toBe('SIGABRT');
		expect(r.stdout).toMatch(/panic: kernel diagnostic assertion "v == 0" failed: file ".*kern_crashme\.c", line \d+/);
	});
});

describe('fatal traps', () => {
	it('reports a NULL dereference in kernel code BSD-style with a symbolized backtrace', async () => {
		const r = await run(prog, ['crash', 'null_deref'], { cwd: scratch, env: ENV, timeoutMs: 60_000 });
		const out = r.stdout;
		expect(r.signal).toBe('SIGABRT');
		expect(out).toContain('Fatal trap 12: page fault while in kernel mode\n');
		expect(out).toMatch(/fault virtual address\s+= 0x0\n/);
		expect(out).toMatch(/fault code\s+= supervisor read data, page not present\n/);
		expect(out).toMatch(/instruction pointer\s+= 0x[0-9a-f]+\n/);
		expect(out).toMatch(/stack pointer\s+= 0x[0-9a-f]+\n/);
		expect(out).toMatch(/frame pointer\s+= 0x[0-9a-f]+\n/);
		expect(out).toMatch(/current process\s+= 1 \(debugtest\)\n/);
		// Frame 0 is the faulting function, by its source name, file and line.
		expect(out).toMatch(/#0 +0x[0-9a-f]+ in crashme_null_deref at \S*kernel\/kern\/debug\/kern_crashme\.c:\d+\n/);
		expect(out).toMatch(/#\d+ +0x[0-9a-f]+ in sys___sysctl at \S*kern_sysctl\.c:\d+\n/);
		expect(out).not.toContain('rumpns_');
		expect(out).toMatch(/panic: page fault\nrump kernel halting\.\.\.\n/);
	});

	it('leaves a fault in the host program, outside the kernel, to the host', async () => {
		const r = await run(prog, ['hostcrash'], { cwd: scratch, env: ENV, timeoutMs: 60_000 });
		expect(r.signal).toBe('SIGSEGV');
		expect(r.stdout).toContain('host program faults\n');
		expect(r.stdout).not.toContain('Fatal trap');
	});

	it('waits for a debugger with RUMP_DEBUGGER=1, printing how to attach', async () => {
		const w = await runUntil(prog, ['crash', 'null_deref'], { ...ENV, RUMP_DEBUGGER: '1' }, /gdb -p \d+/);
		try {
			expect(w.output).toContain('Fatal trap 12: page fault while in kernel mode');
			expect(w.output).toContain(`gdb -p ${w.pid}`);
			// Still alive, stopped for the debugger.
			expect(() => process.kill(w.pid, 0)).not.toThrow();
		} finally {
			w.kill();
		}
	});
});

describe('the db> prompt', () => {
	it('stops a trapped kernel at db> on a terminal: trace, ps, show registers, dmesg, dump', async () => {
		// script(1) gives the program a terminal; the commands wait in its input.
		const r = await run('script', ['-qfec', `${prog} crash null_deref`, '/dev/null'], {
			cwd: scratch, env: { ...ENV, RUMP_DEBUGGER: '1' }, input: 'trace\nps\nshow registers\nnope\ndmesg\ndump\n', timeoutMs: 60_000,
		});
		const out = r.stdout.replace(/\r/g, '');
		expect(out).toContain('Stopped at a fatal trap; commands: trace, ps, show registers, dmesg, gdb, dump\n');
		const prompt = out.slice(out.indexOf('Stopped at'));
		expect(prompt).toMatch(/db> #0 +0x[0-9a-f]+ in crashme_null_deref at \S*kern_crashme\.c:\d+\n/);
		expect(prompt).toMatch(/ +PID +LID STAT +COMMAND +WAIT\n> +1 +1 run +debugtest/);
		expect(prompt).toMatch(/ +0 +1 run +system/);
		expect(prompt).toMatch(/rip +0x[0-9a-f]{16}\n/);
		expect(prompt).toMatch(/cr2 +0x0{16}\n/);
		expect(prompt).toContain('unknown command "nope"');
		expect(prompt).toContain('cpu0 at thinair0: rump virtual cpu');	// dmesg
		expect(prompt).toContain('dumping core\n');
		expect(r.code).not.toBe(0);
	});

	it('stops a panicking kernel at db> too, and dumps at end of input', async () => {
		const r = await run('script', ['-qfec', `${prog} crash panic`, '/dev/null'], {
			cwd: scratch, env: { ...ENV, RUMP_DEBUGGER: '1' }, input: 'show registers\n', timeoutMs: 60_000,
		});
		const out = r.stdout.replace(/\r/g, '');
		expect(out).toMatch(/panic: crashme: panic requested\nrump kernel halting\.\.\.\nStopped at panic;/);
		expect(out).toContain('no trap frame: stopped by panic\n');
		expect(out).toContain('dumping core\n');
	});
});

describe('LOCKDEBUG (-DD)', () => {
	it('catches releasing a mutex nobody holds, naming the mutex and both sites', async () => {
		const r = await run(prog, ['crash', 'bad_unlock'], { cwd: scratch, env: ENV, timeoutMs: 60_000 });
		expect(r.signal).toBe('SIGABRT');
		expect(r.stdout).toMatch(/panic: LOCKDEBUG: mutex_exit: mutex "&crashme_lock" \(0x[0-9a-f]+\) not held: released at \S*kern_crashme\.c:\d+ by lwp 1\.1 \(debugtest\), last acquired at \(never\), initialised at \S*kern_crashme\.c:\d+\n/);
	});

	it('catches entering a mutex already held', async () => {
		const r = await run(prog, ['crash', 'lock_recurse'], { cwd: scratch, env: ENV, timeoutMs: 60_000 });
		expect(r.signal).toBe('SIGABRT');
		expect(r.stdout).toMatch(/panic: LOCKDEBUG: mutex_enter: locking against myself: mutex "&crashme_lock" \(0x[0-9a-f]+\) entered at \S*kern_crashme\.c:(\d+), already held since \S*kern_crashme\.c:\d+/);
	});

	it('catches sleeping with a spin mutex held', async () => {
		const r = await run(prog, ['crash', 'spin_sleep'], { cwd: scratch, env: ENV, timeoutMs: 60_000 });
		expect(r.signal).toBe('SIGABRT');
		expect(r.stdout).toMatch(/panic: LOCKDEBUG: kpause: sleeping with spin mutex "&crashme_spin" \(0x[0-9a-f]+\) held: sleep in crashme_spin_sleep at \S*kern_crashme\.c:\d+, mutex acquired at \S*kern_crashme\.c:\d+/);
	});

	it('catches a system call returning with a mutex held', async () => {
		const r = await run(prog, ['crash', 'lock_leak'], { cwd: scratch, env: ENV, timeoutMs: 60_000 });
		expect(r.signal).toBe('SIGABRT');
		expect(r.stdout).toMatch(/panic: LOCKDEBUG: __sysctl with 1 mutex held: last "&crashme_lock" \(0x[0-9a-f]+\) acquired at \S*kern_crashme\.c:\d+\n/);
	});

	it('catches a system call returning without fd_putfile', async () => {
		const r = await run(prog, ['crash', 'fd_leak'], { cwd: scratch, env: ENV, timeoutMs: 60_000 });
		expect(r.signal).toBe('SIGABRT');
		expect(r.stdout).toContain('panic: __sysctl returned with descriptor 0 still held by fd_getfile (no fd_putfile)\n');
	});

	it('catches kmem_free with the wrong size, naming both sites', async () => {
		const r = await run(prog, ['crash', 'kmem_badfree'], { cwd: scratch, env: ENV, timeoutMs: 60_000 });
		expect(r.signal).toBe('SIGABRT');
		expect(r.stdout).toMatch(/panic: kmem_free: size mismatch for 0x[0-9a-f]+: freed with 32 bytes at \S*kern_crashme\.c:\d+, allocated with 64 bytes at \S*kern_crashme\.c:\d+/);
	});
});

describe('kmem leak report (-DD)', () => {
	it('names the size and allocation site of memory never freed', async () => {
		const r = await run(prog, ['crash', 'kmem_leak'], { cwd: scratch, env: ENV, timeoutMs: 60_000 });
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('debug.crashme.kmem_leak survived: 0\n');
		expect(r.stdout).toContain('kmem: 1 allocation (123 bytes) not freed:\n');
		expect(r.stdout).toMatch(/kmem leak: 123 bytes at 0x[0-9a-f]+, allocated at \S*kernel\/kern\/debug\/kern_crashme\.c:\d+\n/);
	});

	it('reports no leaks after a clean run', async () => {
		const r = await run(prog, ['kthreads'], { cwd: scratch, env: ENV, timeoutMs: 60_000 });
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('kmem: no leaks\n');
	});
});
