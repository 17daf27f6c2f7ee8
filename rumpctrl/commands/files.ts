/** mkdir, rmdir, rm, touch, ln, mv: NetBSD's behaviour and messages. */
import { UsageError } from '../../buildrump/errors.js';
import { getopt } from '../getopt.js';
import { O_CREAT, O_WRONLY } from '../sys.js';
import type { Sys } from '../sys.js';
import { STAT_SIZE, decodeStat, isDir } from '../structs.js';
import { listDir } from './dirs.js';
import { errnoOf, warnErr, type Command } from './context.js';

const EEXIST = 17, ENOENT = 2;

export const mkdir: Command = async (ctx, args) => {
	const { flags, operands } = getopt(args, 'pm:', 'mkdir [-p] [-m mode] directory ...');
	if (operands.length === 0)
		throw new UsageError('usage: mkdir [-p] [-m mode] directory ...');
	const given = flags.has('m') ? parseInt(String(flags.get('m')), 8) : 0o777;
	if (Number.isNaN(given))
		throw new UsageError(`invalid file mode: ${String(flags.get('m'))}`);
	const sys = await ctx.sys();
	// As NetBSD's mkdir(1): the mode is 0777 less the umask, computed here
	// (the umask is then 0 for this one-command process), so the kernel
	// sees mkdir(path, 0755) as the tutorial's gdb session shows.
	const mask = Number(await sys.umask(0));
	const mode = flags.has('m') ? given : given & ~mask;
	let rc = 0;
	for (const dir of operands) {
		try {
			if (flags.has('p'))
				await mkdirp(sys, dir, mode);
			else
				await sys.mkdir(dir, mode);
		} catch (e) {
			warnErr(ctx, dir, e);
			rc = 1;
		}
	}
	return rc;
};

async function mkdirp(sys: Sys, dir: string, mode: number): Promise<void> {
	const parts = dir.split('/');
	let path = dir.startsWith('/') ? '' : '.';
	for (const p of parts.filter((x) => x !== '')) {
		path = path === '' ? `/${p}` : `${path}/${p}`;
		try {
			await sys.mkdir(path, mode);
		} catch (e) {
			if (errnoOf(e) !== EEXIST)
				throw e;
			const st = decodeStat(await sys.statRaw(path, STAT_SIZE));
			if (!isDir(st.mode))
				throw e;
		}
	}
}

export const rmdir: Command = async (ctx, args) => {
	const { operands } = getopt(args, '', 'rmdir directory ...');
	if (operands.length === 0)
		throw new UsageError('usage: rmdir directory ...');
	const sys = await ctx.sys();
	let rc = 0;
	for (const dir of operands) {
		try {
			await sys.rmdir(dir);
		} catch (e) {
			warnErr(ctx, dir, e);
			rc = 1;
		}
	}
	return rc;
};

async function rmTree(sys: Sys, path: string): Promise<void> {
	for (const d of await listDir(sys, path))
		if (d.name !== '.' && d.name !== '..') {
			const child = `${path.replace(/\/+$/, '')}/${d.name}`;
			const st = decodeStat(await sys.statRaw(child, STAT_SIZE, false));
			if (isDir(st.mode))
				await rmTree(sys, child);
			else
				await sys.unlink(child);
		}
	await sys.rmdir(path);
}

export const rm: Command = async (ctx, args) => {
	const { flags, operands } = getopt(args, 'frR', 'rm [-fr] file ...');
	const force = flags.has('f');
	const recursive = flags.has('r') || flags.has('R');
	if (operands.length === 0 && !force)
		throw new UsageError('usage: rm [-fr] file ...');
	const sys = await ctx.sys();
	let rc = 0;
	for (const f of operands) {
		try {
			const st = decodeStat(await sys.statRaw(f, STAT_SIZE, false));
			if (isDir(st.mode)) {
				if (!recursive) {
					ctx.err.write(`rm: ${f}: is a directory\n`);
					rc = 1;
					continue;
				}
				await rmTree(sys, f);
			} else
				await sys.unlink(f);
		} catch (e) {
			if (force && errnoOf(e) === ENOENT)
				continue;
			warnErr(ctx, f, e);
			rc = 1;
		}
	}
	return rc;
};

export const touch: Command = async (ctx, args) => {
	const { operands } = getopt(args, '', 'touch file ...');
	if (operands.length === 0)
		throw new UsageError('usage: touch file ...');
	const sys = await ctx.sys();
	let rc = 0;
	for (const f of operands) {
		try {
			const r = await sys.raw('utimes', [f, null]);
			if (r.errno === ENOENT)
				await sys.close(await sys.open(f, O_WRONLY | O_CREAT, 0o666));
			else if (r.errno !== 0)
				await sys.call('utimes', [f, null]);
		} catch (e) {
			warnErr(ctx, f, e);
			rc = 1;
		}
	}
	return rc;
};

export const ln: Command = async (ctx, args) => {
	const { flags, operands } = getopt(args, 's', 'ln [-s] source target');
	if (operands.length !== 2)
		throw new UsageError('usage: ln [-s] source target');
	const [src, dst] = operands;
	const sys = await ctx.sys();
	try {
		if (flags.has('s'))
			await sys.symlink(src, dst);
		else
			await sys.link(src, dst);
		return 0;
	} catch (e) {
		warnErr(ctx, dst, e);
		return 1;
	}
};

export const mv: Command = async (ctx, args) => {
	const { operands } = getopt(args, '', 'mv source target');
	if (operands.length !== 2)
		throw new UsageError('usage: mv source target');
	let [src, dst] = operands;
	const sys = await ctx.sys();
	try {
		const st = await sys.raw('stat', [dst, Buffer.alloc(STAT_SIZE)]);
		if (st.errno === 0) {
			const b = await sys.statRaw(dst, STAT_SIZE);
			if (isDir(decodeStat(b).mode))
				dst = `${dst.replace(/\/+$/, '')}/${src.replace(/\/+$/, '').split('/').pop() ?? src}`;
		}
		await sys.rename(src, dst);
		return 0;
	} catch (e) {
		warnErr(ctx, `rename ${src} to ${dst}`, e);
		return 1;
	}
};
