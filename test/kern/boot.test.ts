/**
 * The kernel core in a local kernel: boot and halt, identity and the
 * sysctl tree, component system calls that are not loaded, processes
 * and credentials, kernel threads, and components whose init fails.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';
import { kernProgram } from './programs.js';

let tree: Tree;
beforeAll(async () => {
	tree = await realTree();
});

const ENV = { ...process.env, RUMP_NCPU: '3', RUMP_VERBOSE: '' };

describe('boot and halt', () => {
	it('boots as pid 1, answers sysctl and halts with RB_HALT back to the caller', async () => {
		const r = await run(await kernProgram(tree, 'boot'), [], { env: ENV, timeoutMs: 60_000 });
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const out = r.stdout;
		expect(out).toContain('kern.ostype = NetBSD\n');
		expect(out).toContain('kern.osrelease = 10.0\n');
		expect(out).toContain('hw.ncpu = 3\n');
		expect(out).toContain('kern.hostname = rumptest\n');
		expect(out).toContain('write kern.ostype: 1\n');		// EPERM
		expect(out).toContain('short read: 12 len 9\n');		// ENOMEM, "rumptest" + NUL
		expect(out).toContain("vfs.generic.fstypes = ''\n");
		expect(out).toContain('missing node: 2\n');			// ENOENT
		expect(out).toContain('query kern: hostname is 10, type 3\n');	// KERN_HOSTNAME, CTLTYPE_STRING
		expect(out).toContain('query kern.proc2: 0 children\n');
		expect(out).toContain('mkdir: -1 errno 78\n');			// ENOSYS: rumpvfs not loaded
		expect(out).toContain('nanosleep 20 ms slept >= 20 ms: 1\n');
		expect(out).toContain('gettimeofday after 2020: 1\n');
		expect(out).toContain('nanosleep bad nsec: -1 errno 22\n');	// EINVAL
		expect(out).toContain('clock 42: -1 errno 22\n');
		expect(out).toContain('dmesg has banner: 1\n');
		expect(out).toContain('rump_pub_dmesg has cpu0: 1\n');
		expect(out).toMatch(/rump kernel halting\.\.\.\nhalted\n/);
		expect(out).toContain('after halt: -1 errno 6\n');		// ENXIO
		expect(out).toContain('boot ok\n');
		// Boot chatter stays in the message buffer unless RUMP_VERBOSE=1.
		expect(out).not.toContain('thinair0');
	});

	it('prints the NetBSD-style boot messages with RUMP_VERBOSE=1', async () => {
		const r = await run(await kernProgram(tree, 'boot'), [], { env: { ...ENV, RUMP_VERBOSE: '1' }, timeoutMs: 60_000 });
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/NetBSD 10\.0 \(RUMP-ROAST\)/);
		expect(r.stdout).toContain('cpu2 at thinair0: rump virtual cpu\n');
	});
});

describe('processes', () => {
	it('gives each process its pid, parent and credentials across lwp switches', async () => {
		const r = await run(await kernProgram(tree, 'procs'), [], { env: ENV, timeoutMs: 60_000 });
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		const out = r.stdout;
		expect(out).toContain('child: pid 2 ppid 1 uid 0\n');
		expect(out).toContain('child: 3 groups 5 20 30\n');
		expect(out).toContain('child: getgroups(1): -1 errno 22\n');
		expect(out).toContain('child: uid 1000 euid 1000 gid 100 egid 100\n');
		expect(out).toContain('child: setuid(0) -1 errno 1\n');
		expect(out).toContain('child: seteuid(0) -1 errno 1\n');
		expect(out).toContain('child: setgroups -1 errno 1\n');
		expect(out).toContain('parent: pid 1 uid 0\n');
		expect(out).toContain('ps: pid 1 ppid 0 uid 0 comm procs\n');
		expect(out).toContain('ps: pid 2 ppid 1 uid 1000 comm child\n');
		expect(out).toContain('newlwp: pid 2 uid 1000\n');
		expect(out).toContain('l2: pid 2\n');
		expect(out).toContain('unbound: pid 1\n');
		expect(out).toContain('newlwp on exited pid 2: 3\n');		// ESRCH
		expect(out).toContain('next child: pid 3\n');
		// Both children are gone from the table at the end.
		const last = out.slice(out.lastIndexOf('unbound'));
		expect(last).not.toMatch(/ps: pid [23] /);
		expect(out).toContain('procs ok\n');
	});
});

describe('descriptor tables', () => {
	it('dups, closes and copies descriptors with NetBSD semantics', async () => {
		const prog = await kernProgram(tree, 'fds', ['rumpvfs', 'rumpfs_tmpfs']);
		const r = await run(prog, [], { env: ENV, timeoutMs: 60_000 });
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		expect(r.stdout).toContain([
			'open: 0', 'dup: 1', 'dup2: 10', 'F_DUPFD 5: 5', 'F_GETFL accmode: 2', 'F_GETFD 10: 1, 0: 0', 'F_MAXFD: 10',
			'pread: 5 abcde',							// one file, one offset
			'close 1: 0', 'close 1 again: -1 errno 9', 'close -1: -1 errno 9',	// EBADF
			'dup2 out of range: -1 errno 9', 'dup 77: -1 errno 9',
			'RFFDG child 2: fd 0 2', 'parent after child closed: 2',
			'RFCFDG child 3: fd 0 -9',
			'after F_CLOSEM: 0 2, 5 -9, 10 -9',
			'fds ok',
		].join('\n') + '\n');
	});
});

describe('kernel threads', () => {
	it('runs four kthreads in proc0 at once and joins them', async () => {
		const r = await run(await kernProgram(tree, 'debug', ['rumpkern_debug']), ['kthreads'], { env: ENV, timeoutMs: 60_000 });
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		// 4 x 1000 increments, and all 4 threads ran as lwps of pid 0.
		expect(r.stdout).toContain('kthreads: error 0 value 4004000\n');
	});
});

describe('sleeping and locks', () => {
	it('times out, wakes up, shares rwlocks among readers and runs once', async () => {
		const r = await run(await kernProgram(tree, 'debug', ['rumpkern_debug']), ['sync'], { env: ENV, timeoutMs: 60_000 });
		expect(r.stderr).toBe('');
		expect(r.code).toBe(0);
		// One bit per check (kern_selftest.c): all seven passed.
		expect(r.stdout).toContain('sync: error 0 value 0x7f\n');
	});
});

describe('memory limit', () => {
	it('enforces RUMP_MEMLIMIT on kernel allocations', async () => {
		const prog = await kernProgram(tree, 'debug', ['rumpkern_debug']);
		const limited = await run(prog, ['hog'], { env: { ...ENV, RUMP_MEMLIMIT: '4m' }, timeoutMs: 60_000 });
		expect(limited.code).toBe(0);
		expect(limited.stdout).toContain('total memory = 4096 KB\n');
		// Less than 4 MiB of chunks fit next to what the kernel already holds.
		expect(limited.stdout).toMatch(/hog: error 0 chunks [0-3]\n/);
		const free = await run(prog, ['hog'], { env: ENV, timeoutMs: 60_000 });
		expect(free.stdout).toContain('total memory = unlimited (host limit)\n');
		expect(free.stdout).toContain('hog: error 0 chunks 64\n');
	});
});

describe('components', () => {
	it('reports a component whose init fails by name and boots without it', async () => {
		const prog = await kernProgram(tree, 'debug', ['rumpkern_debug']);
		const r = await run(prog, ['nodes'], { env: { ...ENV, RUMP_CRASHME_FAILINIT: '1' }, timeoutMs: 60_000 });
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('component rumpkern_debug: init failed: Invalid argument (error 22); continuing without it\n');
		expect(r.stdout).toContain('debug.crashme.panic: 2\n');		// never created
		expect(r.stdout).toContain('debug.selftest.kthreads: 0\n');	// the other component is fine
	});

	it('refuses to boot when an essential component fails, saying which and why', async () => {
		const prog = await kernProgram(tree, 'debug', ['rumpkern_debug']);
		const r = await run(prog, ['nodes'], { env: { ...ENV, RUMP_CRASHME_FAILINIT: 'essential' }, timeoutMs: 60_000 });
		expect(r.code).toBe(3);
		expect(r.stdout).toContain('component rumpkern_essential: init failed: Operation not supported by device (error 19)\n');
		expect(r.stdout).toContain('rump_init: an essential component failed: Operation not supported by device; not booting\n');
		expect(r.stdout).toContain('rump_init: 19\n');
	});

	it('initialises a component loaded after boot at once', async () => {
		// Shared librump, as rump_server uses it, then dlopen of the component.
		const here = path.dirname(fileURLToPath(import.meta.url));
		const prog = path.join(mkdtempSync(path.join(tmpdir(), 'rumpkit-late-')), 'late');
		const cc = await run('gcc', ['-g', `-I${tree.incdir}`, path.join(here, 'late.c'), '-o', prog,
			'-Wl,--no-as-needed', `-L${tree.libdir}`, '-lrump', '-lrumpuser', `-Wl,-rpath,${tree.libdir}`, '-ldl', '-lpthread']);
		expect(cc.stderr).toBe('');
		const r = await run(prog, [path.join(tree.libdir, 'librumpkern_debug.so')], { env: ENV, timeoutMs: 60_000 });
		expect(r.code).toBe(0);
		expect(r.stdout).toContain('before dlopen: 2\n');		// ENOENT: not there yet
		expect(r.stdout).toContain('after dlopen: 0 value 4004000\n');
	});
});
