/**
 * rump_wmd: where's my dependency. A thin commander front end over
 * resolveDeps(); the one catch for errors is here.
 *
 * A repeated command on an unchanged tree is answered from the memo
 * (memo.ts) before commander, the parser or the solver are even loaded.
 */
import type { Command } from 'commander';
import { defaultCacheDir } from './cache.js';
import { lookupMemo, storeMemo, toolInputs } from './memo.js';

const TOOL = 'rump_wmd';

interface CliOptions {
	L?: string[];
	l?: string[];
	verbose?: boolean;
	explain?: boolean;
	why?: string;
	json?: boolean;
	dot?: boolean;
	static?: boolean;
	base: boolean;
	cache: boolean;
	cacheDir?: string;
}

const collect = (v: string, prev: string[] | undefined): string[] => [...(prev ?? []), v];

async function program(): Promise<Command> {
	const { Command, Option } = await import('commander');
	return new Command(TOOL)
	    .description('which libraries does a component need? answered from ELF symbol tables')
	    .usage('[-v] [--explain] [--why SYMBOL] [--json|--dot] [--static] -L<dir>... -l<lib>...')
	    .option('-L <dir>', 'a directory of libraries (repeatable)', collect)
	    .option('-l <lib>', 'a requested library, as for the linker (repeatable)', collect)
	    .option('-v, --verbose', 'say what was read and report equally small alternatives')
	    .option('--explain', 'say for each library who needs it and through which symbols')
	    .option('--why <symbol>', 'print the chain that pulls in the library defining SYMBOL')
	    .addOption(new Option('--json', 'print the answer as JSON').conflicts('dot'))
	    .option('--dot', 'print the dependency graph for Graphviz')
	    .option('--static', 'answer for static archives: link order, kernel base included')
	    .option('--no-base', 'do not imply the kernel base librump')
	    .option('--no-cache', 'neither read nor write the symbol cache')
	    .option('--cache-dir <dir>', 'where the symbol cache lives (default $XDG_CACHE_HOME/rumpkit/wmd)')
	    .helpOption('-h, --help', 'show this help')
	    .exitOverride()
	    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
	    .allowExcessArguments(false);
}

/** The memo is used for plain queries with the default cache. */
function memoDir(argv: string[]): string | undefined {
	const plain = argv.every((a) => a !== '--no-cache' && !a.startsWith('--cache-dir') && a !== '-v' && a !== '--verbose' &&
	    a !== '-h' && a !== '--help');
	return plain ? defaultCacheDir() : undefined;
}

export async function main(argv: string[]): Promise<number> {
	const cwd = process.cwd();
	const memo = memoDir(argv);
	const hit = memo === undefined ? undefined : lookupMemo(memo, argv, cwd);
	if (hit !== undefined) {
		process.stdout.write(hit.stdout);
		process.stderr.write(hit.stderr);
		process.exitCode = 0;
		return 0;
	}
	const code = await run(argv, cwd, memo);
	process.exitCode = code;
	return code;
}

async function run(argv: string[], cwd: string, memo: string | undefined): Promise<number> {
	const errors = await import('../buildrump/errors.js');
	const { UnresolvedSymbolError, formatUnresolved } = await import('./errors.js');
	try {
		const cmd = await program();
		try {
			cmd.parse(argv, { from: 'user' });
		} catch (e) {
			const { CommanderError } = await import('commander');
			if (e instanceof CommanderError)
				return e.exitCode === 0 ? 0 : 2;
			throw e;
		}
		const o = cmd.opts<CliOptions>();
		const dirs = o.L ?? [];
		const libs = o.l ?? [];
		if (dirs.length === 0)
			throw new errors.UsageError('no -L directory given');
		if (libs.length === 0)
			throw new errors.UsageError('no -l library given');
		const { createLogger } = await import('../buildrump/logger.js');
		const { resolveDeps } = await import('./index.js');
		const report = await import('./report.js');
		const logger = createLogger(o.verbose === true ? 'verbose' : 'warn', process.stderr, process.stderr);
		const plan = resolveDeps({
			libDirs: dirs, libs, static: o.static === true, base: o.base,
			cache: o.cache ? o.cacheDir ?? true : false, logger,
		});
		let out = '';
		if (o.json === true)
			out = report.formatJson(plan) + '\n';
		else if (o.dot === true)
			out = report.formatDot(plan) + '\n';
		else {
			if (o.explain === true)
				out += report.formatExplain(plan).join('\n') + '\n';
			if (o.why !== undefined)
				out += report.formatWhy(plan, o.why).join('\n') + '\n';
			out += report.formatAnswer(plan) + '\n';
		}
		process.stdout.write(out);
		if (o.verbose === true)
			for (const t of plan.ties)
				logger.verbose(`${TOOL}: equally small: ${t.map((l) => `-l${l}`).join(' ')}`);
		if (memo !== undefined && !plan.truncated)
			storeMemo(memo, { argv, cwd, inputs: [...toolInputs(), ...plan.inputs], stdout: out, stderr: '' });
		return 0;
	} catch (e) {
		if (e instanceof UnresolvedSymbolError) {
			for (const u of e.unresolved)
				process.stderr.write(`${TOOL}: ${formatUnresolved(u)}\n`);
			return e.exitCode;
		}
		return errors.reportCliError(TOOL, e);
	}
}
