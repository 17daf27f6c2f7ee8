/**
 * The sysproxy wire format (docs/sysproxy.md), mirroring
 * kernel/rumpuser/sp_proto.h. Pure: bytes in, values out.
 */
import { RumpkitError } from '../buildrump/errors.js';

export const SP_VERSION = 1;
export const HDR_LEN = 16;
export const COPY_CHUNK = 1024 * 1024;
export const MAX_FRAME = HDR_LEN + 16 + COPY_CHUNK;
export const MAX_ARGS = 8;
export const MAX_COMM = 64;

export const FrameClass = { Req: 0, Resp: 1, Error: 2 } as const;
export const FrameType = { Handshake: 1, Syscall: 2, Copyin: 3, Copyinstr: 4, Copyout: 5 } as const;

export interface FrameHeader {
	len: number;
	reqno: number;
	cls: number;
	type: number;
	flags: number;
	arg: number;
}

export interface Frame extends FrameHeader {
	payload: Buffer;
}

/** The peer broke the protocol; the connection cannot be trusted any more. */
export class ProtocolError extends RumpkitError {
	constructor(message: string) {
		super('RUMPCTRL_PROTOCOL', `sysproxy protocol error: ${message}`);
	}
}

export function encodeFrame(reqno: number, cls: number, type: number, arg: number, ...parts: Buffer[]): Buffer {
	const plen = parts.reduce((n, p) => n + p.length, 0);
	const b = Buffer.allocUnsafe(HDR_LEN + plen);
	b.writeUInt32LE(HDR_LEN + plen, 0);
	b.writeUInt32LE(reqno >>> 0, 4);
	b.writeUInt8(cls, 8);
	b.writeUInt8(type, 9);
	b.writeUInt16LE(0, 10);
	b.writeUInt32LE(arg >>> 0, 12);
	let off = HDR_LEN;
	for (const p of parts) {
		p.copy(b, off);
		off += p.length;
	}
	return b;
}

export function decodeHeader(b: Buffer, off = 0): FrameHeader {
	return {
		len: b.readUInt32LE(off),
		reqno: b.readUInt32LE(off + 4),
		cls: b.readUInt8(off + 8),
		type: b.readUInt8(off + 9),
		flags: b.readUInt16LE(off + 10),
		arg: b.readUInt32LE(off + 12),
	};
}

/**
 * Splits a byte stream into frames. push() returns the complete frames;
 * throws ProtocolError for a frame length no peer may send. Chunks are
 * joined only when a frame is complete, so a large frame arriving in
 * many pieces is copied once.
 */
export class FrameReader {
	private chunks: Buffer[] = [];
	private size = 0;

	private coalesce(): Buffer {
		if (this.chunks.length > 1)
			this.chunks = [Buffer.concat(this.chunks, this.size)];
		return this.chunks[0];
	}

	push(data: Buffer): Frame[] {
		const out: Frame[] = [];
		if (data.length > 0) {
			this.chunks.push(data);
			this.size += data.length;
		}
		while (this.size >= HDR_LEN) {
			const first = this.chunks[0].length >= HDR_LEN ? this.chunks[0] : this.coalesce();
			const h = decodeHeader(first);
			if (h.len < HDR_LEN || h.len > MAX_FRAME)
				throw new ProtocolError(`bad frame length ${h.len}`);
			if (h.flags !== 0)
				throw new ProtocolError(`bad frame flags ${h.flags}`);
			if (this.size < h.len)
				break;
			const buf = first.length >= h.len ? first : this.coalesce();
			out.push({ ...h, payload: buf.subarray(HDR_LEN, h.len) });
			if (buf.length > h.len)
				this.chunks[0] = buf.subarray(h.len);
			else
				this.chunks.shift();
			this.size -= h.len;
		}
		return out;
	}
}

export function encodeHandshake(reqno: number, progname: string): Buffer {
	const v = Buffer.alloc(4);
	v.writeUInt32LE(SP_VERSION, 0);
	const name = Buffer.from(progname, 'utf8').subarray(0, MAX_COMM);
	return encodeFrame(reqno, FrameClass.Req, FrameType.Handshake, 0, v, name);
}

export interface HandshakeReply {
	version: number;
	pid: number;
	ostype: string;
	osrelease: string;
	machine: string;
}

export function decodeHandshakeReply(f: Frame): HandshakeReply {
	if (f.type !== FrameType.Handshake || f.payload.length < 8)
		throw new ProtocolError('bad handshake reply');
	const [ostype = '', osrelease = '', machine = ''] = f.payload.subarray(8).toString('latin1').split('\0');
	return { version: f.payload.readUInt32LE(0), pid: f.payload.readUInt32LE(4), ostype, osrelease, machine };
}

/** Argument slots: 8 bytes each, little-endian, sign- or zero-extended. */
export function encodeArgs(args: readonly bigint[]): Buffer {
	if (args.length > MAX_ARGS)
		throw new RangeError(`at most ${MAX_ARGS} syscall arguments`);
	const b = Buffer.alloc(8 * args.length);
	args.forEach((a, i) => b.writeBigUInt64LE(BigInt.asUintN(64, a), 8 * i));
	return b;
}

export function decodeArgs(b: Buffer): bigint[] {
	const out: bigint[] = [];
	for (let i = 0; i + 8 <= b.length; i += 8)
		out.push(b.readBigInt64LE(i));
	return out;
}

export function encodeSyscall(reqno: number, sysnum: number, args: readonly bigint[]): Buffer {
	return encodeFrame(reqno, FrameClass.Req, FrameType.Syscall, sysnum, encodeArgs(args));
}

export interface SyscallReply {
	errno: number;
	retval: [bigint, bigint];
}

export function decodeSyscallReply(f: Frame): SyscallReply {
	if (f.payload.length !== 16)
		throw new ProtocolError(`syscall reply of ${f.payload.length} bytes`);
	return { errno: f.arg, retval: [f.payload.readBigInt64LE(0), f.payload.readBigInt64LE(8)] };
}

/** A server request for client memory. */
export type CopyRequest =
	| { kind: 'copyin'; reqno: number; sysreq: number; addr: bigint; len: number }
	| { kind: 'copyinstr'; reqno: number; sysreq: number; addr: bigint; maxlen: number }
	| { kind: 'copyout'; reqno: number; sysreq: number; addr: bigint; data: Buffer };

export function decodeCopyRequest(f: Frame): CopyRequest {
	const p = f.payload;
	if (f.type === FrameType.Copyout) {
		if (p.length < 8)
			throw new ProtocolError('short copyout');
		return { kind: 'copyout', reqno: f.reqno, sysreq: f.arg, addr: p.readBigUInt64LE(0), data: p.subarray(8) };
	}
	if (f.type !== FrameType.Copyin && f.type !== FrameType.Copyinstr)
		throw new ProtocolError(`unexpected request type ${f.type}`);
	if (p.length !== 16)
		throw new ProtocolError('bad copy request');
	const len = p.readBigUInt64LE(8);
	if (len > BigInt(COPY_CHUNK))
		throw new ProtocolError(`copy request of ${len} bytes`);
	const addr = p.readBigUInt64LE(0);
	return f.type === FrameType.Copyin ?
		{ kind: 'copyin', reqno: f.reqno, sysreq: f.arg, addr, len: Number(len) } :
		{ kind: 'copyinstr', reqno: f.reqno, sysreq: f.arg, addr, maxlen: Number(len) };
}

export function encodeCopyRequest(r: CopyRequest): Buffer {
	const a = Buffer.alloc(8);
	a.writeBigUInt64LE(r.addr, 0);
	if (r.kind === 'copyout')
		return encodeFrame(r.reqno, FrameClass.Req, FrameType.Copyout, r.sysreq, a, r.data);
	const l = Buffer.alloc(8);
	l.writeBigUInt64LE(BigInt(r.kind === 'copyin' ? r.len : r.maxlen), 0);
	return encodeFrame(r.reqno, FrameClass.Req, r.kind === 'copyin' ? FrameType.Copyin : FrameType.Copyinstr, r.sysreq, a, l);
}
