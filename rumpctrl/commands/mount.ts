/** mount [-t type] [-t type dev dir], mount_tmpfs, umount, df [-h]. */
import { RumpkitError, UsageError } from '../../buildrump/errors.js';
import { getopt } from '../getopt.js';
import { MNT_FORCE, type Sys } from '../sys.js';
import { MNT_LOCAL, MNT_RDONLY, STATVFS_SIZE, STAT_SIZE, decodeStatvfsList, decodeStat, type Statvfs } from '../structs.js';
import { humanize } from './format.js';
import { warnErr, type Command } from './context.js';

export class NoMountListError extends RumpkitError {
	constructor() {
		super('RUMPCTRL_NO_GETVFSSTAT', 'the kernel cannot list its mounts (no getvfsstat system call)');
	}
}

/** Every mount, from getvfsstat. */
export async function mounts(sys: Sys): Promise<Statvfs[]> {
	if (!sys.has('getvfsstat'))
		throw new NoMountListError();
	const n = Number(await sys.call('getvfsstat', [null, 0, 2 /* ST_NOWAIT */]));
	const b = Buffer.alloc((n + 8) * STATVFS_SIZE);
	const got = Number(await sys.call('getvfsstat', [b, b.length, 2]));
	return decodeStatvfsList(b, got);
}

function mountFlags(m: Statvfs): string {
	const f: string[] = [];
	if ((m.flag & BigInt(MNT_RDONLY)) !== 0n)
		f.push('read-only');
	if ((m.flag & BigInt(MNT_LOCAL)) !== 0n)
		f.push('local');
	return f.length > 0 ? ` (${f.join(', ')})` : '';
}

/** "10m", "1g", "4096": bytes (dehumanize_number). */
export function parseSize(text: string): number {
	const m = /^(\d+)([bkmgt]?)$/i.exec(text);
	if (m === null)
		throw new UsageError(`invalid size: ${text}`);
	const shift = { '': 0, b: 0, k: 10, m: 20, g: 30, t: 40 }[m[2].toLowerCase()] ?? 0;
	return Number(m[1]) * 2 ** shift;
}

/** struct tmpfs_args, NetBSD's layout (version 1). */
export function encodeTmpfsArgs(a: { nodes: bigint; size: bigint; uid: number; gid: number; mode: number }): Buffer {
	const b = Buffer.alloc(40);
	b.writeInt32LE(1, 0);
	b.writeBigUInt64LE(a.nodes, 8);
	b.writeBigInt64LE(a.size, 16);
	b.writeUInt32LE(a.uid, 24);
	b.writeUInt32LE(a.gid, 28);
	b.writeUInt32LE(a.mode, 32);
	return b;
}

export const mount_tmpfs: Command = async (ctx, args) => {
	const usage = 'mount_tmpfs [-g group] [-m mode] [-n nodes] [-s size] [-u user] tmpfs mount_point';
	const { flags, operands } = getopt(args, 'g:m:n:o:s:u:', usage);
	if (operands.length !== 2)
		throw new UsageError(`usage: ${usage}`);
	const dir = operands[1];
	const sys = await ctx.sys();
	try {
		// As NetBSD: the root takes the mount point's owner and mode unless told.
		const st = decodeStat(await sys.statRaw(dir, STAT_SIZE));
		const mode = flags.has('m') ? parseInt(String(flags.get('m')), 8) : st.mode & 0o7777;
		if (Number.isNaN(mode))
			throw new UsageError(`invalid file mode: ${String(flags.get('m'))}`);
		const data = encodeTmpfsArgs({
			nodes: BigInt(flags.has('n') ? Number(flags.get('n')) : 0),
			size: BigInt(flags.has('s') ? parseSize(String(flags.get('s'))) : 0),
			uid: flags.has('u') ? Number(flags.get('u')) : st.uid,
			gid: flags.has('g') ? Number(flags.get('g')) : st.gid,
			mode,
		});
		await sys.call('mount', ['tmpfs', dir, 0, data, data.length]);
		return 0;
	} catch (e) {
		warnErr(ctx, dir, e);
		return 1;
	}
};

export const mount: Command = async (ctx, args) => {
	const { flags, operands } = getopt(args, 't:o:', 'mount [-t type] [-t type special node]');
	const type = flags.get('t');
	if (operands.length === 2) {
		if (type !== 'tmpfs')
			throw new UsageError('mount: only -t tmpfs can be mounted by rumpctrl mount; use mount_<type>');
		return mount_tmpfs({ ...ctx, name: 'mount_tmpfs' }, operands);
	}
	if (operands.length !== 0)
		throw new UsageError('usage: mount [-t type] [-t type special node]');
	const sys = await ctx.sys();
	for (const m of await mounts(sys))
		if (typeof type !== 'string' || type.split(',').includes(m.fstypename))
			ctx.out.write(`${m.mntfromname} on ${m.mntonname} type ${m.fstypename}${mountFlags(m)}\n`);
	return 0;
};

export const umount: Command = async (ctx, args) => {
	const { flags, operands } = getopt(args, 'f', 'umount [-f] node ...');
	if (operands.length === 0)
		throw new UsageError('usage: umount [-f] node ...');
	const sys = await ctx.sys();
	let rc = 0;
	for (const dir of operands) {
		try {
			await sys.unmount(dir, flags.has('f') ? MNT_FORCE : 0);
		} catch (e) {
			warnErr(ctx, dir, e);
			rc = 1;
		}
	}
	return rc;
};

export const df: Command = async (ctx, args) => {
	const { flags, operands } = getopt(args, 'hk', 'df [-hk] [file ...]');
	const sys = await ctx.sys();
	let rc = 0;
	let list: Statvfs[] = [];
	if (operands.length === 0)
		list = await mounts(sys);
	for (const f of operands) {
		try {
			list.push(decodeStatvfsList(await sys.statvfsRaw(f, STATVFS_SIZE), 1)[0]);
		} catch (e) {
			warnErr(ctx, f, e);
			rc = 1;
		}
	}
	const human = flags.has('h');
	const rows = list.map((m) => {
		const unit = m.frsize > 0 ? m.frsize : m.bsize;
		const total = Number(m.blocks) * unit;
		const used = (Number(m.blocks) - Number(m.bfree)) * unit;
		const avail = Number(m.bavail) * unit;
		const cap = used + avail > 0 ? Math.round((100 * used) / (used + avail)) : 100;
		const show = (n: number): string => (human ? humanize(n) : String(Math.ceil(n / 1024)));
		return [m.mntfromname, show(total), show(used), show(avail), `${cap}%`, m.mntonname];
	});
	const head = ['Filesystem', human ? 'Size' : '1K-blocks', 'Used', 'Avail', '%Cap', 'Mounted on'];
	const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	for (const r of [head, ...rows])
		ctx.out.write(`${r[0].padEnd(w[0])} ${r.slice(1, 5).map((c, i) => c.padStart(w[i + 1])).join(' ')} ${r[5]}\n`);
	return rc;
};
