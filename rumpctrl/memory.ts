/**
 * The client's "user memory" as the kernel sees it: Buffers registered at
 * made-up addresses for the duration of a call, so the server's copyin,
 * copyinstr and copyout land in (or come from) ordinary Buffers.
 */
export const EFAULT = 14;
export const ENAMETOOLONG = 63;

const BASE = 0x1000_0000n;
const ALIGN = 16n;

export class AddressSpace {
	private next = BASE;
	private regions = new Map<bigint, Buffer>();

	/** Make buf reachable by the kernel; returns its address. */
	map(buf: Buffer): bigint {
		const addr = this.next;
		this.regions.set(addr, buf);
		// A gap after each region so an overrun faults instead of spilling over.
		this.next += ((BigInt(buf.length) + ALIGN - 1n) / ALIGN) * ALIGN + ALIGN;
		return addr;
	}

	unmap(addr: bigint): void {
		this.regions.delete(addr);
	}

	/** The region holding [addr, addr+len), as a view; undefined for a fault. */
	private find(addr: bigint, len: number): Buffer | undefined {
		for (const [base, buf] of this.regions) {
			if (addr >= base && addr + BigInt(len) <= base + BigInt(buf.length)) {
				const off = Number(addr - base);
				return buf.subarray(off, off + len);
			}
			if (addr >= base && addr < base + BigInt(buf.length) && len > 0)
				return undefined;
		}
		return undefined;
	}

	/** Bytes for the kernel, or an errno. */
	copyin(addr: bigint, len: number): Buffer | number {
		return this.find(addr, len) ?? EFAULT;
	}

	/** A NUL-terminated string of at most maxlen bytes with its NUL, or an errno. */
	copyinstr(addr: bigint, maxlen: number): Buffer | number {
		for (const [base, buf] of this.regions) {
			if (addr < base || addr >= base + BigInt(buf.length))
				continue;
			const off = Number(addr - base);
			const end = buf.indexOf(0, off);
			if (end === -1)
				return buf.length - off >= maxlen ? ENAMETOOLONG : EFAULT;
			if (end - off + 1 > maxlen)
				return ENAMETOOLONG;
			return buf.subarray(off, end + 1);
		}
		return EFAULT;
	}

	/** Store kernel bytes; returns 0 or EFAULT. */
	copyout(addr: bigint, data: Buffer): number {
		const dst = this.find(addr, data.length);
		if (dst === undefined)
			return EFAULT;
		data.copy(dst);
		return 0;
	}
}
