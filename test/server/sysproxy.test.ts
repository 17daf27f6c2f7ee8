/**
 * The sysproxy server (kernel/rumpuser/rumpuser_sp.c) with a stand-in
 * kernel: processes per connection, copies both ways, concurrency,
 * disconnects, the C client, and a server that dies.
 */
import { connect, type Socket } from 'node:net';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RumpClient } from '../../rumpctrl/client.js';
import { ServerDiedError, SyscallError } from '../../rumpctrl/errors.js';
import { FrameClass, FrameReader, FrameType, encodeHandshake, encodeSyscall, type Frame } from '../../rumpctrl/protocol.js';
import { REPO, run } from '../helpers/run.js';
import { waitUntil } from '../helpers/wait.js';
import { buildFakeKernel, startFakeServer, type FakeServer } from './fake.js';

const GETPID = 20, KILL = 37, MKDIR = 136, WRITE = 4, READ = 3, GETCWD = 296, UNLINK = 10;

let bin: string;
let srv: FakeServer;

/** Does process pid live in the fake kernel (its kill(pid, 0))? */
async function alive(pid: number): Promise<boolean> {
	const c = await RumpClient.connect(srv.url);
	try {
		return (await c.syscallRaw(KILL, [pid, 0])).errno === 0;
	} finally {
		await c.close();
	}
}

function waitFor(cond: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
	return waitUntil(cond, 'the condition', timeoutMs);
}

/** A raw socket speaking frames by hand. */
async function rawConnect(url: string): Promise<{ sock: Socket; next: () => Promise<Frame> }> {
	const sock = connect({ path: url.slice('unix://'.length) });
	await new Promise<void>((res, rej) => { sock.once('connect', res); sock.once('error', rej); });
	const reader = new FrameReader();
	const queue: Frame[] = [];
	const waiters: ((f: Frame) => void)[] = [];
	sock.on('data', (d: Buffer) => {
		for (const f of reader.push(d)) {
			const w = waiters.shift();
			if (w !== undefined)
				w(f);
			else
				queue.push(f);
		}
	});
	const next = (): Promise<Frame> => {
		const f = queue.shift();
		return f !== undefined ? Promise.resolve(f) : new Promise((res) => waiters.push(res));
	};
	return { sock, next };
}

beforeAll(async () => {
	bin = await buildFakeKernel();
	srv = await startFakeServer(bin);
});

afterAll(async () => {
	await srv?.stop();
});

describe('sysproxy server', () => {
	it('gives each connection its own process, pids increasing', async () => {
		const a = await RumpClient.connect(srv.url);
		const b = await RumpClient.connect(srv.url);
		expect(b.pid).toBeGreaterThan(a.pid);
		expect(await a.call(GETPID, [])).toBe(BigInt(a.pid));
		expect(await b.call(GETPID, [])).toBe(BigInt(b.pid));
		expect(a.info.ostype).toBe('NetBSD');
		await a.close();
		await b.close();
	});

	it('moves strings and buffers both ways, errno on failure', async () => {
		const c = await RumpClient.connect(srv.url);
		await c.call(MKDIR, ['/sp-dir', 0o755], 'mkdir');
		const e = await c.call(MKDIR, ['/sp-dir', 0o755], 'mkdir').catch((x: unknown) => x);
		expect(e).toBeInstanceOf(SyscallError);
		expect((e as SyscallError).message).toBe('File exists');
		const data = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
		const w = await c.syscallRaw(WRITE, [0, data, data.length]);
		expect(w).toEqual({ errno: 0, retval: [BigInt(data.length), BigInt(data.length * 7)] });
		const out = Buffer.alloc(2 * 1024 * 1024 + 3);
		expect((await c.syscallRaw(READ, [1, out, out.length])).errno).toBe(0);
		expect(out[0]).toBe(1);
		expect(out[out.length - 1]).toBe((1 + out.length - 1) & 0xff);
		const cwd = Buffer.alloc(16);
		expect((await c.syscallRaw(GETCWD, [cwd, 16])).retval[0]).toBe(6n);
		expect(cwd.toString('latin1', 0, 6)).toBe('/fake\0');
		expect((await c.syscallRaw(GETCWD, [cwd, 3])).errno).toBe(63);
		await c.close();
	});

	it('answers EFAULT for memory the client does not have', async () => {
		const c = await RumpClient.connect(srv.url);
		expect((await c.syscallRaw(MKDIR, [0x42n, 0o755])).errno).toBe(14);
		expect((await c.syscallRaw(WRITE, [0, Buffer.alloc(4), 8])).errno).toBe(14);
		await c.close();
	});

	it('serves many calls in flight on one connection and many clients at once', async () => {
		const clients = await Promise.all(Array.from({ length: 8 }, () => RumpClient.connect(srv.url)));
		const results = await Promise.all(clients.flatMap((c) =>
			Array.from({ length: 50 }, (_, i) => c.call(MKDIR, [`/many-${c.pid}-${i}`, 0o755]).then(() => c.call(GETPID, [])))));
		expect(results.length).toBe(400);
		for (const c of clients)
			await c.close();
	});

	it('reaps the process of a client killed in the middle of a request', async () => {
		const raw = await rawConnect(srv.url);
		raw.sock.write(encodeHandshake(0, 'victim'));
		const hello = await raw.next();
		expect(hello.cls).toBe(FrameClass.Resp);
		const victim = hello.payload.readUInt32LE(4);
		expect(await alive(victim)).toBe(true);
		raw.sock.write(encodeSyscall(1, MKDIR, [0x1000_0000n, 0o755n]));
		const req = await raw.next();
		expect([req.cls, req.type]).toEqual([FrameClass.Req, FrameType.Copyinstr]);
		raw.sock.destroy();
		await waitFor(async () => !(await alive(victim)));
		const c = await RumpClient.connect(srv.url);
		await c.call(MKDIR, ['/after-victim', 0o755]);
		await c.close();
	});

	it('serves a slow client without holding up the others', async () => {
		const raw = await rawConnect(srv.url);
		raw.sock.write(encodeHandshake(0, 'slow'));
		await raw.next();
		raw.sock.write(encodeSyscall(1, MKDIR, [0x1000_0000n, 0o755n]));
		await raw.next();
		// The slow client never answers its copyinstr; others carry on.
		const c = await RumpClient.connect(srv.url);
		for (let i = 0; i < 20; i++)
			await c.call(MKDIR, [`/fast-${i}`, 0o755]);
		await c.close();
		raw.sock.destroy();
	});

	it('lets a slow call hold up no other call of the same client', async () => {
		const c = await RumpClient.connect(srv.url);
		let slowDone = false;
		const slow = c.call(36, [], 'sync').then(() => { slowDone = true; });
		const t0 = Date.now();
		for (let i = 0; i < 5; i++)
			await c.call(MKDIR, [`/beside-slow-${i}`, 0o755]);
		expect(slowDone).toBe(false);
		expect(Date.now() - t0).toBeLessThan(250);
		await slow;
		await c.close();
	});

	it('serves the C librumpclient', async () => {
		const out = path.join(path.dirname(bin), 'spp');
		const b = await run('gcc', ['-O2', '-D_GNU_SOURCE', '-pthread', `-I${REPO}/kernel/client`, `-I${REPO}/kernel/rumpuser`,
			path.join(REPO, 'bench/sp_pingpong.c'), path.join(REPO, 'kernel/client/rumpclient.c'), '-o', out]);
		expect(b.stderr).toBe('');
		const r = await run(out, ['rump', srv.url, '200']);
		expect(r.code).toBe(0);
		expect(r.stdout).toMatch(/^rump 200 \d+/);
	});
});

describe('sysproxy server lifetime', () => {
	it('replaces a stale socket file and removes it on SIGTERM', async () => {
		const s1 = await startFakeServer(bin);
		s1.proc.kill('SIGKILL');
		await s1.exited;
		expect(existsSync(s1.sockPath)).toBe(true);
		const s2 = await startFakeServer(bin, path.dirname(s1.sockPath));
		const c = await RumpClient.connect(s2.url);
		await c.close();
		const t0 = Date.now();
		await s2.stop();
		expect(Date.now() - t0).toBeLessThan(1000);
		expect(existsSync(s2.sockPath)).toBe(false);
	});

	it('refuses to take over a socket another server listens on', async () => {
		const s1 = await startFakeServer(bin);
		await expect(startFakeServer(bin, path.dirname(s1.sockPath))).rejects.toThrow(/Address already in use/);
		await s1.stop();
	});

	it('serves the threads of one C client at once, a slow call blocking none', async () => {
		const src = path.join(path.dirname(bin), 'threads.c');
		writeFileSync(src, `#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include "rumpclient.h"
static volatile int slowdone;
static void *
slow(void *arg)
{
	long rv[2];

	(void)arg;
	if (rumpclient_syscall(36, NULL, 0, rv) != 0)
		printf("sync failed\\n");
	slowdone = 1;
	return NULL;
}
static void *
worker(void *arg)
{
	char path[64];
	int64_t a[2];
	long rv[2];
	int i, n = (int)(intptr_t)arg;

	for (i = 0; i < 200; i++) {
		snprintf(path, sizeof(path), "/thr-%d-%d", n, i);
		a[0] = (int64_t)(uintptr_t)path;
		a[1] = 0755;
		if (rumpclient_syscall(136, a, sizeof(a), rv) != 0 ||
		    rumpclient_syscall(20, NULL, 0, rv) != 0 ||
		    rv[0] != rumpclient_getpid())
			printf("worker %d failed at %d\\n", n, i);
	}
	return NULL;
}
int
main(void)
{
	pthread_t s, w[3];
	int i, beforeslow;

	if (rumpclient_init() == -1)
		return 2;
	pthread_create(&s, NULL, slow, NULL);
	for (i = 0; i < 3; i++)
		pthread_create(&w[i], NULL, worker, (void *)(intptr_t)i);
	for (i = 0; i < 3; i++)
		pthread_join(w[i], NULL);
	beforeslow = !slowdone;
	pthread_join(s, NULL);
	printf("workers done %s the slow call\\n", beforeslow ? "before" : "after");
	return 0;
}
`);
		const out = path.join(path.dirname(bin), 'threads');
		const b = await run('gcc', ['-D_GNU_SOURCE', '-pthread', `-I${REPO}/kernel/client`, `-I${REPO}/kernel/rumpuser`, src,
			path.join(REPO, 'kernel/client/rumpclient.c'), '-o', out]);
		expect(b.stderr).toBe('');
		const r = await run(out, [], { env: { ...process.env, RUMP_SERVER: srv.url } });
		expect(r.stdout).toBe('workers done before the slow call\n');
		expect(r.code).toBe(0);
	});

	it('tells a C client that the server died, with an errno instead of a hang', async () => {
		const s = await startFakeServer(bin);
		const src = path.join(path.dirname(bin), 'died.c');
		writeFileSync(src, `#include <stdint.h>
#include <stdio.h>
#include "rumpclient.h"
int
main(void)
{
	int64_t arg[1] = { (int64_t)(uintptr_t)"/panic" };
	long rv[2];
	int error;

	if (rumpclient_init() == -1)
		return 2;
	error = rumpclient_syscall(10, arg, sizeof(arg), rv);
	printf("errno %d, then %d\\n", error, rumpclient_syscall(20, NULL, 0, rv));
	return 0;
}
`);
		const out = path.join(path.dirname(bin), 'died');
		const b = await run('gcc', ['-D_GNU_SOURCE', '-pthread', `-I${REPO}/kernel/client`, `-I${REPO}/kernel/rumpuser`, src,
			path.join(REPO, 'kernel/client/rumpclient.c'), '-o', out]);
		expect(b.stderr).toBe('');
		const r = await run(out, [], { env: { ...process.env, RUMP_SERVER: s.url } });
		expect(r.stdout).toBe('errno 57, then 57\n');
		expect(r.stderr).toBe('died: rump kernel server died\n');
		expect((await s.exited).signal).toBe('SIGABRT');
	});

	it('tells clients in the middle of a call that the server died', async () => {
		const s = await startFakeServer(bin);
		const c = await RumpClient.connect(s.url);
		const e = await c.call(UNLINK, ['/panic'], 'unlink').catch((x: unknown) => x);
		expect(e).toBeInstanceOf(ServerDiedError);
		expect((e as Error).message).toMatch(/died during unlink/);
		expect((await s.exited).signal).toBe('SIGABRT');
		await expect(c.call(GETPID, [])).rejects.toBeInstanceOf(ServerDiedError);
	});
});
