/**
 * The rumpmake command line (commander), loaded by cli.ts when the no-op
 * memo cannot answer: `rumpmake [options] [all|install|clean|cleandir]` and
 * `rumpmake watch [--then file] [--test cmd] -- <server command>...`.
 */
import { Command } from 'commander';
import path from 'node:path';
import { configureCommand, parseJobs, runCli } from '../buildrump/cli-util.js';
import { UsageError } from '../buildrump/errors.js';
import { createLogger } from '../buildrump/logger.js';
import { toolCommand } from '../buildrump/paths.js';
import { MAKE_TARGETS, rumpmake, type MakeTarget } from './index.js';
import { locateBuild } from './locate.js';
import { memoKeyOf } from './memo.cjs';

/** Split `watch ... -- cmd1 ... -- cmd2 ...` into its options and server commands. */
export function splitServers(argv: string[]): { own: string[]; servers: string[][] } {
	const i = argv.indexOf('--');
	if (i < 0)
		return { own: argv, servers: [] };
	const servers: string[][] = [];
	let cur: string[] = [];
	for (const a of argv.slice(i + 1)) {
		if (a === '--') {
			if (cur.length > 0)
				servers.push(cur);
			cur = [];
		} else {
			cur.push(a);
		}
	}
	if (cur.length > 0)
		servers.push(cur);
	return { own: argv.slice(0, i), servers };
}

async function watchMain(argv: string[]): Promise<number> {
	const { createWatch, DEFAULT_DEBOUNCE_MS } = await import('./watch.js');
	const { own, servers } = splitServers(argv);
	const cmd = configureCommand(new Command('rumpmake watch'))
	    .description('Rebuild on save, install, restart the servers that use what changed, replay their state.')
	    .usage('[options] -- <server command> [-- <server command>]...')
	    .option('--then <file>', 'replay file: rumpctrl commands, one a line, run after every restart')
	    .option('--test <cmd>', 'shell command run after the replay (RUMP_SERVER is set)')
	    .option('--debounce <ms>', 'quiet time after a save before building', String(DEFAULT_DEBOUNCE_MS))
	    .option('--objdir <dir>', 'the build (default: the obj/ of the tree around the cwd)');
	return runCli('rumpmake', cmd, async () => {
		cmd.parse(own, { from: 'user' });
		const o = cmd.opts<{ then?: string; test?: string; debounce: string; objdir?: string }>();
		if (servers.length === 0)
			throw new UsageError('watch needs a server command after --, e.g. -- rump_server -lrumpvfs -lrumpfs_tmpfs unix://ctrl');
		const debounce = Number(o.debounce);
		if (!Number.isFinite(debounce) || debounce < 0)
			throw new UsageError(`--debounce: "${o.debounce}" is not a number of milliseconds`);
		const build = locateBuild(o.objdir, process.cwd());
		const logger = createLogger('info');
		const session = createWatch({
			build, servers, replayFile: o.then, testCmd: o.test, debounceMs: debounce, logger, cwd: process.cwd(),
			rumpctrl: toolCommand('rumpctrl'),
		});
		const stop = new Promise<void>((resolve) => {
			const onSignal = (): void => {
				logger.info('rumpmake watch: stopping the servers');
				void session.stop().then(resolve);
			};
			process.once('SIGINT', onSignal);
			process.once('SIGTERM', onSignal);
		});
		await session.ready;
		await stop;
	});
}

/** Options of rumpmake and rumpmake watch that take a value in the next word. */
const VALUE_OPTIONS = new Set(['-C', '--directory', '-j', '--jobs', '--objdir', '--then', '--test', '--debounce']);

/** The first word that is not an option or an option's value, before any `--`. */
export function firstPositional(argv: string[]): string | undefined {
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--')
			return undefined;
		if (VALUE_OPTIONS.has(a))
			i++;
		else if (!a.startsWith('-'))
			return a;
	}
	return undefined;
}

export async function main(argv: string[]): Promise<void> {
	if (firstPositional(argv) === 'watch') {
		const i = argv.indexOf('watch');
		process.exitCode = await watchMain([...argv.slice(0, i), ...argv.slice(i + 1)]);
		return;
	}
	const cmd = configureCommand(new Command('rumpmake'))
	    .description('Rebuild and install only what changed, in the component around the current folder.')
	    .usage('[options] [all|install|clean|cleandir]  |  rumpmake watch [options] -- <server command>')
	    .argument('[target]', 'all (default): build; install: build and install; clean: remove outputs; cleandir: remove the object folder', 'all')
	    .option('-C, --directory <dir>', 'the component folder (default: found from the current folder)')
	    .option('-a, --all', 'every component of the tree')
	    .option('-j, --jobs <n>', 'commands run at once (default: as buildrump was run)')
	    .option('-n, --dry-run', 'print what would be done, do nothing')
	    .option('-v, --verbose', 'say why each output is rebuilt')
	    .option('--objdir <dir>', 'the build (the obj/tooldir/rumpmake wrapper passes it)');
	process.exitCode = await runCli('rumpmake', cmd, async () => {
		cmd.parse(argv, { from: 'user' });
		const o = cmd.opts<{ directory?: string; all?: boolean; jobs?: string; dryRun?: boolean; verbose?: boolean; objdir?: string }>();
		const target = (cmd.args[0] ?? 'all') as MakeTarget;
		if (!MAKE_TARGETS.includes(target))
			throw new UsageError(`unknown target "${target}" (known: ${MAKE_TARGETS.join(', ')}, watch)`);
		const dir = path.resolve(o.directory ?? process.cwd());
		const build = locateBuild(o.objdir, dir);
		await rumpmake({
			build, target, dir, all: o.all === true, jobs: o.jobs !== undefined ? parseJobs(o.jobs) : undefined,
			dryRun: o.dryRun === true, explain: o.verbose === true, logger: createLogger('info'), cwd: process.cwd(),
			memo: memoKeyOf(argv, process.cwd()) ?? undefined,
		});
	});
}
