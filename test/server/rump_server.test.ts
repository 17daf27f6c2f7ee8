/**
 * rump_server and rump_allserver as users run them: libraries in any
 * order, load errors, detaching, stale sockets, halting, a panicking
 * kernel, tcp, a client killed mid-request, and the C librumpclient.
 */
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FrameClass, FrameReader, FrameType, encodeHandshake, encodeSyscall, type Frame } from '../../rumpctrl/protocol.js';
import { linkLocalProgram } from '../helpers/cprog.js';
import { run } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';
import { accepts, ctl, socketDir, startServer, waitUntil } from './realserver.js';

let tree: Tree;

beforeAll(async () => {
	tree = await realTree();
});

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = createServer();
		s.listen(0, '127.0.0.1', () => {
			const a = s.address();
			s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
		});
	});
}

describe('rump_server', () => {
	it('loads its libraries in either order', async () => {
		for (const libs of [['-lrumpvfs', '-lrumpfs_tmpfs'], ['-lrumpfs_tmpfs', '-lrumpvfs']]) {
			const srv = await startServer(tree, libs);
			expect((await ctl(srv, ['sysctl', 'vfs.generic.fstypes'])).stdout).toBe('vfs.generic.fstypes = rumpfs tmpfs\n');
			await srv.stop();
		}
	});

	it('names the missing symbol and the library that defines it', async () => {
		const r = await run(path.join(tree.bindir, 'rump_server'), ['-lrumpfs_tmpfs', '-s', 'unix://ctrl'], { cwd: socketDir('rumpkit-srv-') });
		expect(r.code).toBe(1);
		expect(r.stderr).toMatch(/^rump_server: cannot load librumpfs_tmpfs\.so: undefined symbol \w+, defined by librumpvfs\.so: add -lrumpvfs\n$/);
		expect(r.stderr).not.toContain('rumpns_');
		const missing = await run(path.join(tree.bindir, 'rump_server'), ['-lrumpnothing', '-s', 'unix://ctrl']);
		expect(missing.stderr).toMatch(/^rump_server: librumpnothing\.so: not found/);
	});

	it('halts on SIGTERM at once and removes its socket', async () => {
		const srv = await startServer(tree, ['-lrumpvfs']);
		const ms = await srv.stop();
		expect(await srv.exited).toEqual({ code: 0, signal: null });
		expect(existsSync(srv.sockPath)).toBe(false);
		// Typically a few ms; the bound is generous for a loaded machine.
		expect(ms).toBeLessThan(2000);
	});

	it('halts on rumpctrl halt', async () => {
		const srv = await startServer(tree, []);
		const r = await ctl(srv, ['halt']);
		expect(r.code).toBe(0);
		expect(r.stderr).toBe('');
		expect((await srv.exited).code).toBe(0);
		expect(existsSync(srv.sockPath)).toBe(false);
	});

	it('detaches without -s once the socket accepts', async () => {
		const dir = socketDir('rumpkit-srv-');
		const r = await run(path.join(tree.bindir, 'rump_server'), ['-lrumpvfs', '-lrumpfs_tmpfs', 'unix://ctrl'], { cwd: dir });
		expect(r.code).toBe(0);
		expect(await accepts({ path: path.join(dir, 'ctrl') })).toBe(true);
		const srv = { dir, url: 'unix://ctrl' };
		expect((await ctl(srv, ['sysctl', 'vfs.generic.fstypes'])).stdout).toBe('vfs.generic.fstypes = rumpfs tmpfs\n');
		expect((await ctl(srv, ['halt'])).code).toBe(0);
		await waitUntil(() => !existsSync(path.join(dir, 'ctrl')), 'the detached server to halt');
	});

	it('replaces a stale socket but not a live server\'s', async () => {
		const first = await startServer(tree, []);
		const dup = await run(path.join(tree.bindir, 'rump_server'), ['-s', 'unix://ctrl'], { cwd: first.dir });
		expect(dup.code).toBe(1);
		expect(dup.stderr).toBe('rump_server: unix://ctrl: another server is listening there\n');
		first.proc.kill('SIGKILL');
		await first.exited;
		expect(existsSync(first.sockPath)).toBe(true);
		const second = await startServer(tree, [], { dir: first.dir });
		expect((await ctl(second, ['sysctl', 'kern.ostype'])).stdout).toBe('kern.ostype = NetBSD\n');
		await second.stop();
	});

	it('serves tcp://127.0.0.1:port', async () => {
		const url = `tcp://127.0.0.1:${await freePort()}`;
		const srv = await startServer(tree, [], { url });
		expect((await ctl(srv, ['sysctl', 'kern.ostype'])).stdout).toBe('kern.ostype = NetBSD\n');
		await srv.stop();
	});

	it('rejects a bad memory limit and gives the kernel a good one', async () => {
		const bad = await run(path.join(tree.bindir, 'rump_server'), ['-r', 'lots', '-s', 'unix://ctrl']);
		expect(bad.stderr).toBe('rump_server: invalid memory limit: lots\n');
		const srv = await startServer(tree, ['-v', '-r', '64m']);
		expect(srv.output()).toContain('total memory = 65536 KB');
		await srv.stop();
	});

	it('rump_allserver has every component without -l', async () => {
		const srv = await startServer(tree, [], { bin: 'rump_allserver' });
		expect((await ctl(srv, ['sysctl', 'vfs.generic.fstypes'])).stdout).toMatch(/^vfs\.generic\.fstypes = rumpfs.* tmpfs/);
		await srv.stop();
	});
});

describe('clients of rump_server', () => {
	it('cannot connect to a server that is not there, fast', async () => {
		const t0 = Date.now();
		const r = await ctl({ dir: socketDir('rumpkit-srv-'), url: 'unix://ctrl' }, ['mkdir', '/x']);
		expect(r.stderr).toBe('rumpctrl: cannot connect to unix://ctrl: No such file or directory\n');
		expect(r.code).toBe(1);
		expect(Date.now() - t0).toBeLessThan(10_000);
	});

	it('hear that the server died when the kernel panics', async () => {
		const srv = await startServer(tree, ['-lrumpkern_debug']);
		const r = await ctl(srv, ['sysctl', '-w', 'debug.crashme.panic=1']);
		expect(r.stderr).toBe('rumpctrl: rump kernel server at unix://ctrl died during __sysctl (connection lost)\n');
		expect(r.code).toBe(1);
		expect((await srv.exited).signal).toBe('SIGABRT');
		expect(srv.output()).toContain('panic: crashme: panic requested');
	});

	it.each([['', 0], [' (DIAGNOSTIC+LOCKDEBUG kernel, no leak)', 2]] as const)('leave the kernel consistent when killed in the middle of a request%s', async (_what, diagnostic) => {
		const srv = await startServer(diagnostic === 0 ? tree : await realTree({ diagnostic }), ['-lrumpvfs', '-lrumpfs_tmpfs']);
		const sock = connect({ path: srv.sockPath });
		const reader = new FrameReader();
		const frames: Frame[] = [];
		sock.on('data', (d: Buffer) => frames.push(...reader.push(d)));
		await new Promise((r) => sock.once('connect', r));
		sock.write(encodeHandshake(0, 'victim'));
		await waitUntil(() => frames.length === 1, 'the handshake reply');
		sock.write(encodeSyscall(1, 136, [0x7000_0000n, 0o755n]));
		await waitUntil(() => frames.length === 2, 'the copyinstr request');
		expect([frames[1].cls, frames[1].type]).toEqual([FrameClass.Req, FrameType.Copyinstr]);
		sock.destroy();
		await waitUntil(async () => !(await ctl(srv, ['ps'])).stdout.includes('victim'), 'the victim to be reaped');
		expect((await ctl(srv, ['mkdir', '/after'])).code).toBe(0);
		expect((await ctl(srv, ['ls', '/'])).stdout).toContain('after\n');
		await srv.stop();
		expect(srv.output()).not.toContain('panic');
		if (diagnostic === 2)
			expect(srv.output()).toContain('kmem: no leaks');
	}, 600_000);

	it('the C librumpclient runs rump_sys_* calls in the server', async () => {
		const prog = await linkLocalProgram(tree, {
			client: true, source: `
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <rump/rumpclient.h>
#include <rump/rump_syscalls.h>

int
main(void)
{
	struct rump_stat st;
	char buf[64];
	int fd;

	if (rumpclient_init() == -1)
		err(1, "rumpclient_init");
	printf("pid %d\\n", rumpclient_getpid());
	if (rump_sys_getpid() != rumpclient_getpid())
		errx(1, "getpid");
	if (rump_sys_mkdir("/cdir", 0755) == -1)
		errx(1, "mkdir: %d", errno);
	if (rump_sys_mkdir("/cdir", 0755) != -1 || errno != RUMP_EEXIST)
		errx(1, "mkdir twice: %d", errno);
	if ((fd = rump_sys_open("/cdir/f", RUMP_O_CREAT | RUMP_O_RDWR, 0644)) == -1)
		errx(1, "open: %d", errno);
	if (rump_sys_write(fd, "hello", 5) != 5)
		errx(1, "write: %d", errno);
	memset(buf, 0, sizeof(buf));
	if (rump_sys_pread(fd, buf, sizeof(buf) - 1, 0) != 5)
		errx(1, "pread: %d", errno);
	if (rump_sys_fstat(fd, &st) == -1)
		errx(1, "fstat: %d", errno);
	rump_sys_close(fd);
	printf("read %s size %lld\\n", buf, (long long)st.st_size);
	if (rump_sys_stat("/nothing", &st) != -1 || errno != RUMP_ENOENT)
		errx(1, "stat of nothing: %d", errno);
	printf("ok\\n");
	return 0;
}
` });
		const srv = await startServer(tree, ['-lrumpvfs', '-lrumpfs_tmpfs']);
		const r = await run(prog, [], { env: { ...process.env, RUMP_SERVER: `unix://${srv.sockPath}` } });
		expect(r.stderr).toBe('');
		expect(r.stdout).toMatch(/^pid \d+\nread hello size 5\nok\n$/);
		expect((await ctl(srv, ['ls', '-l', '/cdir'])).stdout).toMatch(/-rw-r--r-- +1 root +wheel +5 .* f\n$/);
		await srv.stop();
	});

	it('serve a C client\'s threads at once', async () => {
		const prog = await linkLocalProgram(tree, {
			client: true, source: `
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <rump/rumpclient.h>
#include <rump/rump_syscalls.h>

static void *
worker(void *arg)
{
	struct rump_stat st;
	char path[64];
	int i, n = (int)(intptr_t)arg;

	for (i = 0; i < 100; i++) {
		snprintf(path, sizeof(path), "/t%d-%d", n, i);
		if (rump_sys_mkdir(path, 0755) == -1 || rump_sys_stat(path, &st) == -1 ||
		    rump_sys_getpid() != rumpclient_getpid())
			printf("thread %d failed at %d\\n", n, i);
	}
	return NULL;
}

int
main(void)
{
	pthread_t t[4];
	int i;

	if (rumpclient_init() == -1)
		return 2;
	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("done\\n");
	return 0;
}
` });
		const srv = await startServer(tree, ['-lrumpvfs', '-lrumpfs_tmpfs']);
		const r = await run(prog, [], { env: { ...process.env, RUMP_SERVER: `unix://${srv.sockPath}` } });
		expect(r.stdout).toBe('done\n');
		const ls = (await ctl(srv, ['ls', '/'])).stdout.split('\n').filter((l) => /^t\d-\d+$/.test(l));
		expect(ls.length).toBe(400);
		await srv.stop();
	});
});
