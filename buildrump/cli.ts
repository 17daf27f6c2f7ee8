/**
 * `buildrump [options] [tools|build|install|fullbuild|clean]`: thin CLI over
 * buildrump() in index.ts.
 */
import { Command } from 'commander';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { configureCommand, parseJobs, runCli } from './cli-util.js';
import { UsageError } from './errors.js';
import { buildrump, TARGETS, type Target } from './index.js';
import { createLogger } from './logger.js';
import { packageRoot } from './paths.js';
import { defaultConfig } from './toolchain.js';


/** buildrump.sh spells DIAGNOSTIC levels -D and -DD. */
function expandDiagnostic(argv: string[]): string[] {
	return argv.map((a) => (/^-D+$/.test(a) ? `--diagnostic=${Math.min(2, a.length - 1)}` : a));
}

export async function main(argv: string[]): Promise<void> {
	const cmd = configureCommand(new Command('buildrump'))
	    .description('Build every rump kernel component into libraries, headers and servers.')
	    .usage('[options] [tools|build|install|fullbuild|clean]')
	    .argument('[target]', 'tools: write obj/tooldir/rumpmake; build: compile and link into the objdir; ' +
		'install: copy into the destdir; fullbuild: all three (default); clean: remove objdir and destdir', 'fullbuild')
	    .option('-o, --objdir <dir>', 'objects, build database and tooldir', './obj')
	    .option('-d, --destdir <dir>', 'where libraries, headers and programs are installed', './rump')
	    .option('-s, --srcdir <dir>', 'the source tree (kernel/ and components/)', packageRoot())
	    .option('-j, --jobs <n>', 'commands run at once (default: number of cores)')
	    .option('-q, --quiet', 'plain progress lines instead of the task list')
	    .option('-v, --verbose', 'say why each output is rebuilt')
	    .option('-r, --release', 'release build: -O2, no debug information')
	    .option('-D', 'DIAGNOSTIC kernel (KASSERT); -DD adds LOCKDEBUG and the kmem leak report')
	    .option('--diagnostic <level>', 'same as -D (1) or -DD (2)')
	    .option('-F, --flags <VAR=value>', 'CFLAGS=... appended to every compile (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
	    .addHelpText('after', '\nEnvironment: CC (compiler command, e.g. "ccache gcc"), AR, OBJCOPY.\n');
	const code = await runCli('buildrump', cmd, async () => {
		cmd.parse(expandDiagnostic(argv), { from: 'user' });
		const o = cmd.opts<{ objdir: string; destdir: string; srcdir: string; jobs?: string; quiet?: boolean;
			verbose?: boolean; release?: boolean; D?: boolean; diagnostic?: string; flags: string[] }>();
		const target = (cmd.args[0] ?? 'fullbuild') as Target;
		if (!TARGETS.includes(target))
			throw new UsageError(`unknown target "${target}" (known: ${TARGETS.join(', ')})`);
		if (cmd.args.length > 1)
			throw new UsageError(`one target at a time (got ${cmd.args.join(' ')})`);
		const config = defaultConfig();
		config.release = o.release === true;
		const diag = o.diagnostic !== undefined ? Number(o.diagnostic) : o.D === true ? 1 : 0;
		if (diag !== 0 && diag !== 1 && diag !== 2)
			throw new UsageError(`--diagnostic: "${o.diagnostic}" is not 0, 1 or 2`);
		config.diagnostic = diag;
		for (const f of o.flags) {
			const m = /^CFLAGS=(.*)$/.exec(f);
			if (m === null)
				throw new UsageError(`-F: "${f}" is not CFLAGS=...`);
			config.extraCflags.push(...m[1].split(/\s+/).filter((x) => x !== ''));
		}
		// The task list needs a terminal wide enough to draw on.
		const quiet = o.quiet === true || process.stdout.isTTY !== true || (process.stdout.columns ?? 0) < 40;
		const logger = createLogger(o.verbose === true ? 'verbose' : 'info');
		const objdir = path.resolve(o.objdir);
		const destdir = path.resolve(o.destdir);
		const s = await buildrump({
			root: path.resolve(o.srcdir), objdir, destdir, config, logger, target,
			jobs: o.jobs !== undefined ? parseJobs(o.jobs) : availableParallelism(),
			display: quiet ? 'plain' : 'tty', explain: o.verbose === true,
		});
		if (target !== 'clean' && target !== 'tools')
			logger.info(`buildrump: ${s.components} components, ${s.rebuilt} outputs rebuilt, ` +
			    `${s.installed.length} files installed into ${path.relative(process.cwd(), destdir) || destdir} in ${(s.ms / 1000).toFixed(1)} s`);
		if (target === 'tools')
			logger.info(`buildrump: wrote ${path.join(objdir, 'tooldir', 'rumpmake')}`);
	});
	process.exitCode = code;
}
