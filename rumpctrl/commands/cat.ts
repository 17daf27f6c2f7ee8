/**
 * cat file ... and cp source target. A path written host:path is a file
 * of the host (relative to the host's working directory); every other
 * path is in the rump kernel.
 */
import { readFile, stat as hostStat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../../buildrump/errors.js';
import { getopt } from '../getopt.js';
import { O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY, type Sys } from '../sys.js';
import { STAT_SIZE, decodeStat, isDir } from '../structs.js';
import { warnErr, type Command, type CommandContext } from './context.js';

const CHUNK = 64 * 1024;

async function readKernelFile(sys: Sys, p: string, each?: (b: Buffer) => void): Promise<Buffer> {
	const fd = await sys.open(p, O_RDONLY);
	const parts: Buffer[] = [];
	try {
		for (;;) {
			const b = await sys.read(fd, CHUNK);
			if (b.length === 0)
				break;
			if (each !== undefined)
				each(b);
			else
				parts.push(b);
		}
	} finally {
		await sys.close(fd).catch(() => undefined);
	}
	return Buffer.concat(parts);
}

export const cat: Command = async (ctx, args) => {
	const { operands } = getopt(args, '', 'cat file ...');
	const sys = await ctx.sys();
	let rc = 0;
	for (const f of operands) {
		try {
			await readKernelFile(sys, f, (b) => ctx.out.write(b));
		} catch (e) {
			warnErr(ctx, f, e);
			rc = 1;
		}
	}
	return rc;
};

const HOST = 'host:';

function hostPath(ctx: CommandContext, p: string): string {
	return path.resolve(ctx.hostCwd, p.slice(HOST.length));
}

function hostError(ctx: CommandContext, p: string, e: unknown): void {
	const err = e as NodeJS.ErrnoException;
	if (typeof err.code !== 'string')
		throw e;
	const msg: Record<string, string> = { ENOENT: 'No such file or directory', EACCES: 'Permission denied', EISDIR: 'Is a directory', ENOTDIR: 'Not a directory' };
	ctx.err.write(`${ctx.name}: ${p}: ${msg[err.code] ?? err.message}\n`);
}

export const cp: Command = async (ctx, args) => {
	const { operands } = getopt(args, '', 'cp source target (host:path for a host file)');
	if (operands.length !== 2)
		throw new UsageError('usage: cp source target (host:path for a host file)');
	const [src, dst0] = operands;
	const sys = await ctx.sys();
	let data: Buffer;
	try {
		data = src.startsWith(HOST) ? await readFile(hostPath(ctx, src)) : await readKernelFile(sys, src);
	} catch (e) {
		if (src.startsWith(HOST))
			hostError(ctx, src, e);
		else
			warnErr(ctx, src, e);
		return 1;
	}
	const base = path.posix.basename(src.startsWith(HOST) ? src.slice(HOST.length) : src);
	let dst = dst0;
	try {
		if (dst.startsWith(HOST)) {
			let hp = hostPath(ctx, dst);
			if ((await hostStat(hp).catch(() => undefined))?.isDirectory() === true)
				hp = path.join(hp, base);
			await writeFile(hp, data);
			return 0;
		}
		const st = await sys.raw('stat', [dst, Buffer.alloc(STAT_SIZE)]);
		if (st.errno === 0 && isDir(decodeStat(await sys.statRaw(dst, STAT_SIZE)).mode))
			dst = `${dst.replace(/\/+$/, '')}/${base}`;
		const fd = await sys.open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
		try {
			await sys.write(fd, data);
		} finally {
			await sys.close(fd).catch(() => undefined);
		}
		return 0;
	} catch (e) {
		if (dst.startsWith(HOST))
			hostError(ctx, dst, e);
		else
			warnErr(ctx, dst, e);
		return 1;
	}
};
