import { describe, expect, it } from 'vitest';
import { AddressSpace, EFAULT, ENAMETOOLONG } from '../../rumpctrl/memory.js';
import {
	FrameClass, FrameReader, FrameType, HDR_LEN, MAX_FRAME, ProtocolError, decodeArgs, decodeCopyRequest,
	decodeHandshakeReply, decodeHeader, decodeSyscallReply, encodeArgs, encodeCopyRequest, encodeFrame,
	encodeHandshake, encodeSyscall, type CopyRequest,
} from '../../rumpctrl/protocol.js';

describe('sysproxy frames', () => {
	it('round-trips a syscall request, arguments sign-extended in 8-byte slots', () => {
		const f = encodeSyscall(7, 136, [0x1000_0000n, 0o755n, -100n]);
		expect(f.length).toBe(HDR_LEN + 24);
		const h = decodeHeader(f);
		expect(h).toEqual({ len: f.length, reqno: 7, cls: FrameClass.Req, type: FrameType.Syscall, flags: 0, arg: 136 });
		expect(decodeArgs(f.subarray(HDR_LEN))).toEqual([0x1000_0000n, 0o755n, -100n]);
		expect(encodeArgs([-1n]).toString('hex')).toBe('ffffffffffffffff');
	});

	it('round-trips every kind of copy request', () => {
		const reqs: CopyRequest[] = [
			{ kind: 'copyin', reqno: 1, sysreq: 9, addr: 0x1234n, len: 100 },
			{ kind: 'copyinstr', reqno: 2, sysreq: 9, addr: 0x5678n, maxlen: 1024 },
			{ kind: 'copyout', reqno: 0, sysreq: 9, addr: 0x9abcn, data: Buffer.from('stat bytes') },
		];
		for (const r of reqs) {
			const [f] = new FrameReader().push(encodeCopyRequest(r));
			expect(decodeCopyRequest(f)).toEqual(r);
		}
	});

	it('decodes the handshake and syscall replies', () => {
		const p = Buffer.alloc(8);
		p.writeUInt32LE(1, 0);
		p.writeUInt32LE(4, 4);
		const [hs] = new FrameReader().push(encodeFrame(0, FrameClass.Resp, FrameType.Handshake, 0, p, Buffer.from('NetBSD\0' + '10.0\0amd64\0')));
		expect(decodeHandshakeReply(hs)).toEqual({ version: 1, pid: 4, ostype: 'NetBSD', osrelease: '10.0', machine: 'amd64' });
		const rv = Buffer.alloc(16);
		rv.writeBigInt64LE(-1n, 0);
		const [sr] = new FrameReader().push(encodeFrame(3, FrameClass.Resp, FrameType.Syscall, 17, rv));
		expect(decodeSyscallReply(sr)).toEqual({ errno: 17, retval: [-1n, 0n] });
		const hello = encodeHandshake(0, 'rumpctrl');
		expect(hello.subarray(HDR_LEN + 4).toString()).toBe('rumpctrl');
	});

	it('reassembles frames split at every byte boundary', () => {
		const stream = Buffer.concat([encodeSyscall(1, 20, []), encodeSyscall(2, 136, [5n, 6n])]);
		for (let cut = 0; cut <= stream.length; cut++) {
			const r = new FrameReader();
			const got = [...r.push(stream.subarray(0, cut)), ...r.push(stream.subarray(cut))];
			expect(got.map((f) => [f.reqno, f.arg])).toEqual([[1, 20], [2, 136]]);
		}
	});

	it('reassembles a large frame from many small pieces', () => {
		const big = encodeFrame(9, FrameClass.Req, FrameType.Copyout, 1, Buffer.alloc(8), Buffer.alloc(300_000, 0xab));
		const stream = Buffer.concat([encodeSyscall(1, 20, []), big, encodeSyscall(2, 20, [])]);
		const r = new FrameReader();
		const got = [];
		for (let off = 0; off < stream.length; off += 4093)
			got.push(...r.push(stream.subarray(off, off + 4093)));
		expect(got.map((f) => [f.reqno, f.payload.length])).toEqual([[1, 0], [9, 300_008], [2, 0]]);
		expect(got[1].payload[300_007]).toBe(0xab);
	});

	it('rejects impossible frame lengths', () => {
		const bad = Buffer.alloc(HDR_LEN);
		bad.writeUInt32LE(3, 0);
		expect(() => new FrameReader().push(bad)).toThrow(ProtocolError);
		bad.writeUInt32LE(MAX_FRAME + 1, 0);
		expect(() => new FrameReader().push(bad)).toThrow(/bad frame length/);
	});
});

describe('client address space', () => {
	it('serves copyin, copyinstr and copyout from mapped Buffers only', () => {
		const as = new AddressSpace();
		const path = as.map(Buffer.from('/mnt/test\0'));
		const out = Buffer.alloc(8);
		const o = as.map(out);
		expect(as.copyinstr(path, 64)).toEqual(Buffer.from('/mnt/test\0'));
		expect(as.copyinstr(path + 5n, 64)).toEqual(Buffer.from('test\0'));
		expect(as.copyinstr(path, 4)).toBe(ENAMETOOLONG);
		expect(as.copyin(path, 4)).toEqual(Buffer.from('/mnt'));
		expect(as.copyin(path, 11)).toBe(EFAULT);
		expect(as.copyin(0n, 1)).toBe(EFAULT);
		expect(as.copyout(o, Buffer.from('abcdefgh'))).toBe(0);
		expect(out.toString()).toBe('abcdefgh');
		expect(as.copyout(o + 4n, Buffer.from('abcdefgh'))).toBe(EFAULT);
		as.unmap(o);
		expect(as.copyout(o, Buffer.from('x'))).toBe(EFAULT);
	});
});
