/**
 * Hostile input: at least 10,000 random, truncated and malformed frames,
 * seeded, over loopback, each on a connection of its own, while a
 * well-formed client keeps working. The server must close only the bad
 * connections, lose nothing for the good client and reap every process.
 */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { RumpClient } from '../../rumpctrl/client.js';
import { Sys } from '../../rumpctrl/sys.js';
import { readSyscallTable } from '../../rumpctrl/syscalls.js';
import { CTL_KERN, KERN_PROC2, KERN_PROC_ALL, KINFO_PROC2_SIZE, decodeKinfoProcs } from '../../rumpctrl/structs.js';
import { realTree } from '../helpers/tree.js';
import { startServer } from './realserver.js';
import { FrameClass, FrameType, HDR_LEN, MAX_FRAME, encodeFrame, encodeHandshake, encodeSyscall } from '../../rumpctrl/protocol.js';
import { buildFakeKernel, startFakeServer, type FakeServer } from './fake.js';

const FRAMES = 10_000;
const PARALLEL = 16;
const SEED = 0x5eed_2026;

/** mulberry32: small, seeded, good enough to pick fuzz cases. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * One hostile byte stream. Syscalls are limited to numbers harmless with
 * any arguments (no reboot): the target is the protocol, not the kernel.
 */
function hostile(rnd: () => number): Buffer {
	const int = (n: number): number => Math.floor(rnd() * n);
	const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => int(256)));
	const hello = encodeHandshake(0, 'fuzz');
	const safeSys = [20, 39, 136, 4, 3, 296, 479, 511, 512, 0xffffffff][int(10)];
	const valid = encodeSyscall(1 + int(1000), safeSys, Array.from({ length: int(9) }, () => BigInt(int(2 ** 31))));
	switch (int(9)) {
	case 0:
		return bytes(int(80));
	case 1:
		return valid.subarray(0, int(valid.length));
	case 2:
		return Buffer.concat([hello, valid.subarray(0, int(valid.length))]);
	case 3: {
		const h = encodeFrame(int(2 ** 32), int(4), int(8), int(2 ** 32), bytes(int(40)));
		h.writeUInt32LE([0, 1, HDR_LEN - 1, MAX_FRAME + 1, 0xffffffff, int(2 ** 32)][int(6)], 0);
		return Buffer.concat([hello, h]);
	}
	case 4: {
		const bad = encodeHandshake(0, 'fuzz');
		bad.writeUInt32LE(int(2 ** 32), HDR_LEN);
		return bad;
	}
	case 5:
		// A reply to a copy request nobody made.
		return Buffer.concat([hello, encodeFrame(int(2 ** 32), FrameClass.Resp, [FrameType.Copyin, FrameType.Copyinstr][int(2)], 0, bytes(int(32)))]);
	case 6:
		// Syscall payloads that are not whole slots, or too many.
		return Buffer.concat([hello, encodeFrame(1, FrameClass.Req, FrameType.Syscall, 20, bytes([3, 65, 72, 100][int(4)]))]);
	case 7:
		return Buffer.concat([hello, valid, bytes(int(40))]);
	default:
		return Buffer.concat([hello, encodeFrame(0, FrameClass.Req, FrameType.Handshake, 0, bytes(int(80)))]);
	}
}

function sendAndClose(path: string, data: Buffer): Promise<void> {
	return new Promise((resolve, reject) => {
		const s = connect({ path });
		s.on('data', () => { /* drain */ });
		s.on('error', (e: NodeJS.ErrnoException) => { if (e.code !== 'EPIPE' && e.code !== 'ECONNRESET') reject(e); });
		s.on('close', () => resolve());
		s.on('connect', () => s.end(data));
	});
}

/** Fuzz the server at sockPath; liveProcs counts the client processes it has. */
async function fuzz(sockPath: string, liveProcs: (c: RumpClient) => Promise<number>): Promise<void> {
	const url = `unix://${sockPath}`;
	const rnd = prng(SEED);
	const good = await RumpClient.connect(url, { progname: 'good' });
	let goodCalls = 0;
	let fuzzing = true;
	const goodLoop = (async () => {
		while (fuzzing) {
			if (goodCalls % 10 === 0)
				await good.call(136, [`/good-${goodCalls}`, 0o755]);
			expect(await good.call(20, [])).toBe(BigInt(good.pid));
			goodCalls++;
		}
	})();

	let sent = 0;
	const worker = async (): Promise<void> => {
		while (sent < FRAMES) {
			sent++;
			await sendAndClose(sockPath, hostile(rnd));
		}
	};
	await Promise.all(Array.from({ length: PARALLEL }, worker));
	fuzzing = false;
	await goodLoop;

	expect(sent).toBe(FRAMES);
	expect(goodCalls).toBeGreaterThan(0);
	// Every directory the good client made is there: nothing was lost.
	for (let i = 0; i < goodCalls; i += 10 * Math.max(1, Math.floor(goodCalls / 500)))
		expect((await good.syscallRaw(136, [`/good-${i}`, 0o755])).errno).toBe(17);
	// Every fuzz connection's process was reaped: only `good` and the probe live.
	const end = Date.now() + 20_000;
	let live = 0;
	for (;;) {
		const probe = await RumpClient.connect(url, { progname: 'probe' });
		live = await liveProcs(probe);
		await probe.close();
		if (live === 2 || Date.now() > end)
			break;
		await new Promise((r) => setTimeout(r, 20));
	}
	expect(live, 'live client processes after the fuzz (good client and probe only)').toBe(2);
	await good.close();
}

describe('sysproxy server under hostile input', () => {
	it(`survives ${FRAMES} random and truncated frames and keeps serving a good client (stand-in kernel)`, async () => {
		const srv: FakeServer = await startFakeServer(await buildFakeKernel());
		try {
			// The stand-in kernel's getppid counts its live processes.
			await fuzz(srv.sockPath, async (c) => Number(await c.call(39, [])));
			expect(srv.proc.exitCode).toBeNull();
		} finally {
			await srv.stop();
		}
	}, 180_000);

	it.each([
		['rump_server', 0],
		['a DIAGNOSTIC+LOCKDEBUG rump_server', 2],
	] as const)(`survives ${FRAMES} random and truncated frames and keeps serving a good client (%s)`, async (_name, diagnostic) => {
		const srv = await startServer(await realTree({ diagnostic }), ['-lrumpvfs', '-lrumpfs_tmpfs']);
		try {
			await fuzz(srv.sockPath, async (c) => {
				const sys = new Sys(c, readSyscallTable());
				const procs = decodeKinfoProcs(await sys.sysctlRead([CTL_KERN, KERN_PROC2, KERN_PROC_ALL, 0, KINFO_PROC2_SIZE, 4096]));
				return procs.filter((p) => p.pid > 1).length;
			});
			expect(srv.proc.exitCode).toBeNull();
			expect(await srv.stop()).toBeGreaterThanOrEqual(0);
			expect((await srv.exited).code).toBe(0);
			expect(srv.output()).not.toContain('panic');
			// A LOCKDEBUG kernel counts its memory: 10,000 reaped connections leaked none.
			if (diagnostic === 2)
				expect(srv.output()).toContain('kmem: no leaks');
		} finally {
			await srv.stop();
		}
	}, 600_000);
});
