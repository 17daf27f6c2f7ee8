/**
 * The sysproxy client: one connection to a rump_server is one process in
 * the rump kernel. Any number of calls may be in flight; the server's
 * copyin/copyout requests are served from the Buffers each call maps.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { AddressSpace } from './memory.js';
import { ConnectError, ServerDiedError, SyscallError } from './errors.js';
import { hostErrorMessage } from './errno.js';
import {
	FrameClass, FrameReader, FrameType, ProtocolError, decodeCopyRequest, decodeHandshakeReply,
	decodeSyscallReply, encodeFrame, encodeHandshake, encodeSyscall, type Frame, type HandshakeReply,
	type SyscallReply,
} from './protocol.js';

/** A syscall argument: a number, a Buffer (mapped for the call), a string (NUL added) or null. */
export type SysArg = bigint | number | Buffer | string | null;

export interface ConnectOptions {
	/** The program name the server shows in ps and crash reports. */
	progname?: string;
	/** Give up on a server that accepts but does not answer the handshake. */
	handshakeTimeoutMs?: number;
}

interface Pending {
	name: string;
	resolve: (r: SyscallReply) => void;
	reject: (e: Error) => void;
}

/** Parse unix://path or tcp://host:port into net.connect options. */
export function parseUrl(url: string): { path: string } | { host: string; port: number } | undefined {
	if (url.startsWith('unix://') && url.length > 7)
		return { path: url.slice(7) };
	const m = /^tcp:\/\/([^:]+):(\d+)$/.exec(url);
	if (m !== null && Number(m[2]) <= 65535)
		return { host: m[1], port: Number(m[2]) };
	return undefined;
}

export class RumpClient {
	readonly mem = new AddressSpace();
	private nextReq = 1;
	private pending = new Map<number, Pending>();
	private dead: Error | undefined;
	private reader = new FrameReader();

	private constructor(readonly url: string, private sock: Socket, readonly info: HandshakeReply) {
		sock.on('data', (d: Buffer) => this.onData(d));
		sock.on('close', () => this.fail(new ServerDiedError(url)));
		sock.on('error', () => { /* 'close' follows */ });
	}

	/** The pid of this client's process in the rump kernel. */
	get pid(): number {
		return this.info.pid;
	}

	static async connect(url: string, opts: ConnectOptions = {}): Promise<RumpClient> {
		const where = parseUrl(url);
		if (where === undefined)
			throw new ConnectError(url, 'not a server URL (unix://path or tcp://host:port)');
		const sock = netConnect(where);
		sock.setNoDelay(true);
		const info = await new Promise<HandshakeReply>((resolve, reject) => {
			const reader = new FrameReader();
			const timer = setTimeout(() => {
				sock.destroy();
				reject(new ConnectError(url, 'the server did not answer the handshake'));
			}, opts.handshakeTimeoutMs ?? 10_000);
			const done = (err: Error | undefined, r?: HandshakeReply): void => {
				clearTimeout(timer);
				sock.removeAllListeners('data');
				sock.removeAllListeners('error');
				sock.removeAllListeners('close');
				if (err !== undefined) {
					sock.destroy();
					reject(err);
				} else if (r !== undefined)
					resolve(r);
			};
			sock.on('error', (e: NodeJS.ErrnoException) => done(new ConnectError(url, hostErrorMessage(e))));
			sock.on('close', () => done(new ConnectError(url, 'the server closed the connection')));
			sock.on('connect', () => sock.write(encodeHandshake(0, opts.progname ?? 'rumpctrl')));
			sock.on('data', (d: Buffer) => {
				try {
					const frames = reader.push(d);
					if (frames.length === 0)
						return;
					const f = frames[0];
					if (f.type === FrameType.Handshake && f.cls === FrameClass.Error)
						return done(new ConnectError(url, f.arg === 75 ? 'the server speaks another protocol version' : `handshake refused (errno ${f.arg})`));
					if (f.cls !== FrameClass.Resp || frames.length > 1)
						throw new ProtocolError('unexpected frame during handshake');
					done(undefined, decodeHandshakeReply(f));
				} catch (e) {
					done(e instanceof Error ? e : new Error(String(e)));
				}
			});
		});
		return new RumpClient(url, sock, info);
	}

	/**
	 * Run syscall number sysnum. Buffers and strings among the arguments
	 * are mapped for the call. Resolves to the raw reply (errno and
	 * retval); see call() for the throwing form.
	 */
	async syscallRaw(sysnum: number, args: readonly SysArg[], name = `syscall ${sysnum}`): Promise<SyscallReply> {
		if (this.dead !== undefined)
			throw this.dead;
		const mapped: bigint[] = [];
		const slots = args.map((a): bigint => {
			if (a === null)
				return 0n;
			if (typeof a === 'bigint')
				return a;
			if (typeof a === 'number')
				return BigInt(a);
			const addr = this.mem.map(typeof a === 'string' ? Buffer.from(a + '\0', 'utf8') : a);
			mapped.push(addr);
			return addr;
		});
		const reqno = this.nextReq++;
		try {
			return await new Promise<SyscallReply>((resolve, reject) => {
				this.pending.set(reqno, { name, resolve, reject });
				this.sock.write(encodeSyscall(reqno, sysnum, slots));
			});
		} finally {
			this.pending.delete(reqno);
			for (const a of mapped)
				this.mem.unmap(a);
		}
	}

	/** Run a syscall; returns retval[0], throws SyscallError on failure. */
	async call(sysnum: number, args: readonly SysArg[], name = `syscall ${sysnum}`): Promise<bigint> {
		const r = await this.syscallRaw(sysnum, args, name);
		if (r.errno !== 0)
			throw new SyscallError(r.errno, name);
		return r.retval[0];
	}

	/** Disconnect: the server closes this process's files and reaps it. */
	async close(): Promise<void> {
		if (this.sock.destroyed)
			return;
		await new Promise<void>((resolve) => {
			this.sock.once('close', () => resolve());
			this.sock.end();
		});
	}

	private onData(d: Buffer): void {
		let frames: Frame[];
		try {
			frames = this.reader.push(d);
			for (const f of frames)
				this.onFrame(f);
		} catch (e) {
			this.sock.destroy();
			this.fail(e instanceof Error ? e : new Error(String(e)));
		}
	}

	private onFrame(f: Frame): void {
		if (f.cls === FrameClass.Resp && f.type === FrameType.Syscall) {
			const p = this.pending.get(f.reqno);
			if (p === undefined)
				throw new ProtocolError(`reply to unknown request ${f.reqno}`);
			this.pending.delete(f.reqno);
			p.resolve(decodeSyscallReply(f));
			return;
		}
		if (f.cls !== FrameClass.Req)
			throw new ProtocolError(`unexpected frame class ${f.cls}`);
		const r = decodeCopyRequest(f);
		if (r.kind === 'copyout') {
			this.mem.copyout(r.addr, r.data);
			return;
		}
		const res = r.kind === 'copyin' ? this.mem.copyin(r.addr, r.len) : this.mem.copyinstr(r.addr, r.maxlen);
		const type = r.kind === 'copyin' ? FrameType.Copyin : FrameType.Copyinstr;
		this.sock.write(typeof res === 'number' ?
			encodeFrame(r.reqno, FrameClass.Error, type, res) :
			encodeFrame(r.reqno, FrameClass.Resp, type, 0, res));
	}

	private fail(err: Error): void {
		if (this.dead !== undefined)
			return;
		this.dead = err;
		for (const p of this.pending.values())
			p.reject(err instanceof ServerDiedError ? new ServerDiedError(this.url, p.name) : err);
		this.pending.clear();
	}
}
