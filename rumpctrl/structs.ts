/**
 * Kernel structures as the commands read them: byte layouts of our
 * kernel's headers (kernel/include/sys/*.h), decoded from Buffers. Pure.
 */

/** struct sysctlnode (kernel/include/sys/sysctl.h), as CTL_QUERY copies it out. */
export const SYSCTLNODE_SIZE = 96;
export const SYSCTL_VERSION = 0x1000;
export const CTL_QUERY = -2;
export const CTLTYPE = { NODE: 1, INT: 2, STRING: 3, QUAD: 4, STRUCT: 5, BOOL: 6 } as const;
export const CTLFLAG_READWRITE = 0x70, CTLFLAG_HEX = 0x1000, CTLFLAG_IMMEDIATE = 0x800,
	CTLFLAG_HIDDEN = 0x8000, CTLFLAG_UNSIGNED = 0x80000;

export interface SysctlNode {
	flags: number;
	type: number;
	num: number;
	name: string;
	size: number;
}

export function decodeSysctlNodes(b: Buffer): SysctlNode[] {
	const out: SysctlNode[] = [];
	for (let off = 0; off + SYSCTLNODE_SIZE <= b.length; off += SYSCTLNODE_SIZE) {
		const flags = b.readUInt32LE(off);
		const nameRaw = b.subarray(off + 8, off + 40);
		const nul = nameRaw.indexOf(0);
		out.push({
			flags, type: flags & 0xf, num: b.readInt32LE(off + 4),
			name: nameRaw.toString('utf8', 0, nul === -1 ? 32 : nul),
			size: Number(b.readBigUInt64LE(off + 48)),
		});
	}
	return out;
}

/** The query node passed as newp with CTL_QUERY. */
export function encodeQueryNode(): Buffer {
	const b = Buffer.alloc(SYSCTLNODE_SIZE);
	b.writeUInt32LE(SYSCTL_VERSION, 0);
	return b;
}

/** struct kinfo_proc2 (kernel/include/sys/sysctl.h). */
export const KINFO_PROC2_SIZE = 72;
export const CTL_KERN = 1, KERN_PROC2 = 47, KERN_PROC_ALL = 0, KERN_MSGBUF = 84;

export interface KinfoProc {
	pid: number;
	ppid: number;
	uid: number;
	gid: number;
	nlwps: number;
	nfiles: number;
	stat: number;
	flag: number;
	start: number;
	comm: string;
	wmesg: string;
}

function cstr(b: Buffer, start: number, len: number): string {
	const s = b.subarray(start, start + len);
	const nul = s.indexOf(0);
	return s.toString('utf8', 0, nul === -1 ? len : nul);
}

export function decodeKinfoProcs(b: Buffer): KinfoProc[] {
	const out: KinfoProc[] = [];
	for (let o = 0; o + KINFO_PROC2_SIZE <= b.length; o += KINFO_PROC2_SIZE)
		out.push({
			pid: b.readInt32LE(o), ppid: b.readInt32LE(o + 4), uid: b.readUInt32LE(o + 8), gid: b.readUInt32LE(o + 12),
			nlwps: b.readInt32LE(o + 16), nfiles: b.readInt32LE(o + 20), stat: b.readInt32LE(o + 24),
			flag: b.readInt32LE(o + 28), start: Number(b.readBigInt64LE(o + 32)),
			comm: cstr(b, o + 40, 24), wmesg: cstr(b, o + 64, 8),
		});
	return out;
}

/** struct stat (kernel/include/sys/stat.h, NetBSD's amd64 layout). */
export const STAT_SIZE = 152;

export interface Stat {
	dev: bigint;
	mode: number;
	ino: bigint;
	nlink: number;
	uid: number;
	gid: number;
	rdev: bigint;
	atime: Date;
	mtime: Date;
	ctime: Date;
	birthtime: Date;
	size: bigint;
	blocks: bigint;
	blksize: number;
	flags: number;
}

function ts(b: Buffer, o: number): Date {
	return new Date(Number(b.readBigInt64LE(o)) * 1000 + Math.floor(Number(b.readBigInt64LE(o + 8)) / 1e6));
}

export function decodeStat(b: Buffer): Stat {
	return {
		dev: b.readBigUInt64LE(0), mode: b.readUInt32LE(8), ino: b.readBigUInt64LE(16), nlink: b.readUInt32LE(24),
		uid: b.readUInt32LE(28), gid: b.readUInt32LE(32), rdev: b.readBigUInt64LE(40),
		atime: ts(b, 48), mtime: ts(b, 64), ctime: ts(b, 80), birthtime: ts(b, 96),
		size: b.readBigInt64LE(112), blocks: b.readBigInt64LE(120), blksize: b.readUInt32LE(128), flags: b.readUInt32LE(132),
	};
}

export const S_IFMT = 0o170000, S_IFDIR = 0o040000, S_IFREG = 0o100000, S_IFLNK = 0o120000,
	S_IFCHR = 0o020000, S_IFBLK = 0o060000, S_IFIFO = 0o010000, S_IFSOCK = 0o140000;

export function isDir(mode: number): boolean {
	return (mode & S_IFMT) === S_IFDIR;
}

/** struct dirent (kernel/include/sys/dirent.h): fileno u64, reclen u16, namlen u16, type u8, name. */
export interface Dirent {
	ino: bigint;
	type: number;
	name: string;
}

export function decodeDirents(b: Buffer): Dirent[] {
	const out: Dirent[] = [];
	let o = 0;
	while (o + 13 <= b.length) {
		const reclen = b.readUInt16LE(o + 8);
		const namlen = b.readUInt16LE(o + 10);
		if (reclen === 0 || o + reclen > b.length)
			break;
		out.push({ ino: b.readBigUInt64LE(o), type: b.readUInt8(o + 12), name: b.toString('utf8', o + 13, o + 13 + namlen) });
		o += reclen;
	}
	return out;
}

/** struct statvfs (kernel/include/sys/statvfs.h). */
export const STATVFS_SIZE = 2272;

export interface Statvfs {
	flag: bigint;
	bsize: number;
	frsize: number;
	blocks: bigint;
	bfree: bigint;
	bavail: bigint;
	files: bigint;
	ffree: bigint;
	fstypename: string;
	mntonname: string;
	mntfromname: string;
}

export function decodeStatvfs(b: Buffer): Statvfs {
	return {
		flag: b.readBigUInt64LE(0), bsize: Number(b.readBigUInt64LE(8)), frsize: Number(b.readBigUInt64LE(16)),
		blocks: b.readBigUInt64LE(32), bfree: b.readBigUInt64LE(40), bavail: b.readBigUInt64LE(48),
		files: b.readBigUInt64LE(64), ffree: b.readBigUInt64LE(72),
		fstypename: cstr(b, 192, 32), mntonname: cstr(b, 224, 1024), mntfromname: cstr(b, 1248, 1024),
	};
}

export function decodeStatvfsList(b: Buffer, n: number): Statvfs[] {
	const out: Statvfs[] = [];
	for (let i = 0; i < n && (i + 1) * STATVFS_SIZE <= b.length; i++)
		out.push(decodeStatvfs(b.subarray(i * STATVFS_SIZE, (i + 1) * STATVFS_SIZE)));
	return out;
}

export const MNT_LOCAL = 0x1000, MNT_RDONLY = 0x1;
