/**
 * Typed system calls over a RumpClient: names resolved through the
 * syscall table, Buffers for user memory, SyscallError on failure.
 */
import type { RumpClient, SysArg } from './client.js';
import { SyscallError } from './errors.js';
import type { SyscallTable } from './syscalls.js';

export const O_RDONLY = 0x0, O_WRONLY = 0x1, O_RDWR = 0x2, O_APPEND = 0x8, O_CREAT = 0x200, O_TRUNC = 0x400,
	O_EXCL = 0x800, O_DIRECTORY = 0x200000;
export const AT_FDCWD = -100;
export const RB_HALT = 0x8;
export const MNT_FORCE = 0x80000;

/** Syscalls the commands use, by name. */
export class Sys {
	constructor(readonly client: RumpClient, readonly table: SyscallTable) {}

	call(name: string, args: readonly SysArg[]): Promise<bigint> {
		return this.client.call(this.table.number(name), args, name);
	}

	async raw(name: string, args: readonly SysArg[]): Promise<{ errno: number; retval: bigint }> {
		const r = await this.client.syscallRaw(this.table.number(name), args, name);
		return { errno: r.errno, retval: r.retval[0] };
	}

	has(name: string): boolean {
		return this.table.has(name);
	}

	getpid(): Promise<bigint> { return this.call('getpid', []); }
	mkdir(path: string, mode: number): Promise<bigint> { return this.call('mkdir', [path, mode]); }
	umask(mask: number): Promise<bigint> { return this.call('umask', [mask]); }
	rmdir(path: string): Promise<bigint> { return this.call('rmdir', [path]); }
	unlink(path: string): Promise<bigint> { return this.call('unlink', [path]); }
	rename(from: string, to: string): Promise<bigint> { return this.call('rename', [from, to]); }
	link(path: string, link: string): Promise<bigint> { return this.call('link', [path, link]); }
	symlink(path: string, link: string): Promise<bigint> { return this.call('symlink', [path, link]); }
	unmount(path: string, flags: number): Promise<bigint> { return this.call('unmount', [path, flags]); }
	close(fd: number): Promise<bigint> { return this.call('close', [fd]); }

	async open(path: string, flags: number, mode = 0): Promise<number> {
		return Number(await this.call('open', [path, flags, mode]));
	}

	async read(fd: number, len: number): Promise<Buffer> {
		const b = Buffer.alloc(len);
		const n = Number(await this.call('read', [fd, b, len]));
		return b.subarray(0, n);
	}

	async write(fd: number, data: Buffer): Promise<number> {
		let off = 0;
		while (off < data.length) {
			const chunk = data.subarray(off, off + (1 << 20));
			off += Number(await this.call('write', [fd, chunk, chunk.length]));
		}
		return off;
	}

	async readlink(path: string): Promise<string> {
		const b = Buffer.alloc(1024);
		const n = Number(await this.call('readlink', [path, b, b.length]));
		return b.toString('utf8', 0, n);
	}

	/** stat or lstat into a Buffer of the kernel's struct stat size. */
	async statRaw(path: string, size: number, follow = true): Promise<Buffer> {
		const b = Buffer.alloc(size);
		await this.call(follow ? 'stat' : 'lstat', [path, b]);
		return b;
	}

	async getdents(fd: number, size = 8192): Promise<Buffer> {
		const b = Buffer.alloc(size);
		const n = Number(await this.call('getdents', [fd, b, size]));
		return b.subarray(0, n);
	}

	async statvfsRaw(path: string, size: number): Promise<Buffer> {
		const b = Buffer.alloc(size);
		await this.call('statvfs1', [path, b, 1 /* ST_WAIT */]);
		return b;
	}

	/**
	 * __sysctl: read (newv null) or write a node. Returns the old value's
	 * bytes (at most oldSize of them; oldSize 0 asks only for the length).
	 */
	async sysctl(mib: readonly number[], oldSize: number | null, newv: Buffer | null = null): Promise<{ len: number; data: Buffer }> {
		const name = Buffer.alloc(4 * mib.length);
		mib.forEach((n, i) => name.writeInt32LE(n, 4 * i));
		const old = oldSize === null ? null : Buffer.alloc(oldSize);
		const lenb = Buffer.alloc(8);
		lenb.writeBigUInt64LE(BigInt(oldSize ?? 0), 0);
		await this.call('__sysctl', [name, mib.length, old, oldSize === null ? null : lenb, newv, newv?.length ?? 0]);
		const len = Number(lenb.readBigUInt64LE(0));
		return { len, data: old === null ? Buffer.alloc(0) : old.subarray(0, Math.min(len, old.length)) };
	}

	/** Read a whole sysctl value, growing the buffer as the kernel asks (ENOMEM). */
	async sysctlRead(mib: readonly number[]): Promise<Buffer> {
		let size = 1024;
		for (let tries = 0; ; tries++) {
			try {
				const r = await this.sysctl(mib, size);
				if (r.len <= size)
					return r.data;
				size = r.len + 1024;
			} catch (e) {
				if (!(e instanceof SyscallError) || e.errno !== 12 || tries > 8)
					throw e;
				size *= 4;
			}
		}
	}

	async reboot(howto: number): Promise<void> {
		await this.call('reboot', [howto, null]);
	}
}
