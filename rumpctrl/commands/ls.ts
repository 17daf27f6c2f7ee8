/** ls [-alR] [file ...] and stat [file ...], in NetBSD's formats. */
import { getopt } from '../getopt.js';
import type { Sys } from '../sys.js';
import { STAT_SIZE, S_IFLNK, S_IFMT, decodeStat, isDir, type Stat } from '../structs.js';
import { listDir } from './dirs.js';
import { groupName, lsDate, statDate, strmode, userName } from './format.js';
import { warnErr, type Command, type CommandContext } from './context.js';

interface Entry {
	name: string;
	path: string;
	st: Stat;
	link?: string;
}

function join(dir: string, name: string): string {
	return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

async function entry(sys: Sys, path: string, name: string): Promise<Entry> {
	const st = decodeStat(await sys.statRaw(path, STAT_SIZE, false));
	const e: Entry = { name, path, st };
	if ((st.mode & S_IFMT) === S_IFLNK)
		e.link = await sys.readlink(path);
	return e;
}

function printLong(ctx: CommandContext, entries: Entry[], withTotal: boolean): void {
	if (withTotal)
		ctx.out.write(`total ${entries.reduce((n, e) => n + Number(e.st.blocks), 0)}\n`);
	const w = (f: (e: Entry) => string): number => Math.max(0, ...entries.map((e) => f(e).length));
	const wl = w((e) => String(e.st.nlink));
	const wu = w((e) => userName(e.st.uid));
	const wg = w((e) => groupName(e.st.gid));
	const ws = w((e) => String(e.st.size));
	for (const e of entries)
		ctx.out.write(`${strmode(e.st.mode)} ${String(e.st.nlink).padStart(wl)} ${userName(e.st.uid).padEnd(wu)}  ` +
			`${groupName(e.st.gid).padEnd(wg)}  ${String(e.st.size).padStart(ws)} ${lsDate(e.st.mtime)} ${e.name}` +
			`${e.link !== undefined ? ` -> ${e.link}` : ''}\n`);
}

function print(ctx: CommandContext, entries: Entry[], long: boolean, inDir: boolean): void {
	if (long)
		printLong(ctx, entries, inDir);
	else
		for (const e of entries)
			ctx.out.write(`${e.name}\n`);
}

const byName = (a: { name: string }, b: { name: string }): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export const ls: Command = async (ctx, args) => {
	const { flags, operands } = getopt(args, 'alR1dF', 'ls [-1adlR] [file ...]');
	const long = flags.has('l');
	const all = flags.has('a');
	const recurse = flags.has('R');
	const sys = await ctx.sys();
	let rc = 0;
	const files: Entry[] = [];
	const dirs: Entry[] = [];
	for (const op of operands.length > 0 ? operands : ['.']) {
		try {
			const e = await entry(sys, op, op);
			if (isDir(e.st.mode) && !flags.has('d'))
				dirs.push(e);
			else
				files.push(e);
		} catch (e) {
			warnErr(ctx, op, e);
			rc = 1;
		}
	}
	files.sort(byName);
	dirs.sort(byName);
	print(ctx, files, long, false);
	// As BSD ls: a directory is headed by its path when something came
	// before it (with a blank line) or when there are several operands.
	let output = files.length > 0;
	const listOne = async (d: Entry): Promise<void> => {
		if (output)
			ctx.out.write(`\n${d.path}:\n`);
		else if (operands.length > 1)
			ctx.out.write(`${d.path}:\n`);
		output = true;
		let ents: Entry[];
		try {
			const names = (await listDir(sys, d.path)).filter((x) => all || !x.name.startsWith('.')).sort(byName);
			ents = [];
			for (const n of names)
				ents.push(await entry(sys, join(d.path, n.name), n.name));
		} catch (e) {
			warnErr(ctx, d.path, e);
			rc = 1;
			return;
		}
		print(ctx, ents, long, true);
		if (recurse)
			for (const e of ents)
				if (isDir(e.st.mode) && e.name !== '.' && e.name !== '..')
					await listOne(e);
	};
	for (const d of dirs)
		await listOne(d);
	return rc;
};

export const stat: Command = async (ctx, args) => {
	const { flags, operands } = getopt(args, 'L', 'stat [-L] file ...');
	const sys = await ctx.sys();
	let rc = 0;
	for (const f of operands) {
		try {
			const st = decodeStat(await sys.statRaw(f, STAT_SIZE, flags.has('L')));
			ctx.out.write(`${st.dev} ${st.ino} ${strmode(st.mode)} ${st.nlink} ${userName(st.uid)} ${groupName(st.gid)} ` +
				`${st.rdev} ${st.size} "${statDate(st.atime)}" "${statDate(st.mtime)}" "${statDate(st.ctime)}" ` +
				`"${statDate(st.birthtime)}" ${st.blksize} ${st.blocks} ${st.flags === 0 ? '0' : '0X' + st.flags.toString(16).toUpperCase()} ${f}\n`);
		} catch (e) {
			warnErr(ctx, f, e);
			rc = 1;
		}
	}
	return rc;
};
