/**
 * Kernel boot benchmark (issue 4): rump_init() to halt of a local kernel
 * with rumpvfs + rumpfs_tmpfs linked in, next to a C program that only
 * starts and exits, measured in the same run.
 *
 * Figures: boot (rump_init) and halt time inside the process, the whole
 * exec -> boot -> halt -> exit wall time against the baseline's
 * exec -> exit, peak RSS of both, a local getpid and a mkdir+rmdir pair.
 *
 *     npm run build:ts && node dist/bench/kern-boot.js [--runs N] [--no-record]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { buildrump } from '../buildrump/index.js';
import { createMemoryLogger } from '../buildrump/logger.js';
import { packageRoot } from '../buildrump/paths.js';
import { defaultConfig } from '../buildrump/toolchain.js';
import { fmtMs, median, recordResults, timeCommand } from './lib.js';

const LIBS = ['rumpfs_tmpfs', 'rumpvfs'];

interface Sample {
	fig: Record<string, number>;
}

function parseFigures(line: string): Record<string, number> {
	const out: Record<string, number> = {};
	const words = line.trim().split(/\s+/);
	for (let i = 0; i + 1 < words.length; i += 2)
		out[words[i]] = Number(words[i + 1]);
	return out;
}

function sample(argv: string[]): Sample {
	const t = timeCommand(argv);
	return { fig: parseFigures(t.stderr.split('\n').filter((l) => l.includes('maxrss_kb')).pop() ?? '') };
}

function compile(out: string, args: string[]): void {
	const r = spawnSync('gcc', ['-O2', '-o', out, ...args], { encoding: 'utf8' });
	if (r.status !== 0)
		throw new Error(`gcc ${args.join(' ')} failed:\n${r.stderr}`);
}

function med(samples: Sample[], key: string): number {
	return median(samples.map((s) => s.fig[key]));
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
	const runsArg = argv.indexOf('--runs');
	const runs = runsArg >= 0 ? Number(argv[runsArg + 1]) : 20;
	const root = packageRoot();
	// Outside the checkout: nothing to ignore, and reused between runs.
	const base = path.join(tmpdir(), 'rumpkit-kern-boot-build');
	const destdir = path.join(base, 'rump');
	const config = defaultConfig();
	config.release = true;
	await buildrump({
		root, objdir: path.join(base, 'obj'), destdir, config,
		logger: createMemoryLogger('warn'), target: 'fullbuild', display: 'plain',
		jobs: Math.min(2, availableParallelism()),
	});
	const lib = (l: string): string => path.join(destdir, 'lib', `lib${l}.a`);
	const dir = mkdtempSync(path.join(tmpdir(), 'rumpkit-bench-'));
	const bootProg = path.join(dir, 'kern_boot');
	const baseProg = path.join(dir, 'kern_baseline');
	compile(bootProg, [`-I${path.join(destdir, 'include')}`, path.join(root, 'bench', 'kern_boot.c'),
		'-Wl,--whole-archive', ...LIBS.map(lib), lib('rump'), '-Wl,--no-whole-archive', lib('rumpuser'),
		'-lpthread', '-ldl']);
	compile(baseProg, [path.join(root, 'bench', 'kern_baseline.c')]);
	const spawner = path.join(dir, 'kern_spawn');
	compile(spawner, [path.join(root, 'bench', 'kern_spawn.c')]);

	// Warm the page cache, then alternate so both see the same machine.
	sample([bootProg]);
	sample([baseProg]);
	const boots: Sample[] = [];
	const bases: Sample[] = [];
	for (let i = 0; i < runs; i++) {
		boots.push(sample([bootProg]));
		bases.push(sample([baseProg]));
	}
	const loops = sample([bootProg, '100000']);

	const bootUs = med(boots, 'boot_us');
	const haltUs = med(boots, 'halt_us');
	const [wallBoot, wallBase] = timeCommand([spawner, String(runs * 5), bootProg, baseProg]).stdout
	    .trim().split(/\s+/).map((us) => Number(us) / 1000);
	const rssBoot = med(boots, 'maxrss_kb');
	const rssBase = med(bases, 'maxrss_kb');
	const lines = [
		`Local kernel with ${LIBS.map((l) => `-l${l}`).join(' ')} (release build, medians of ${runs} runs, ${runs * 5} for exec -> exit, ${new Date().toISOString().slice(0, 10)}):`,
		'',
		'| figure | rump kernel | C program that only starts and exits | ratio |',
		'|---|---|---|---|',
		`| rump_init() | ${(bootUs / 1000).toFixed(2)} ms | | |`,
		`| rump_sys_reboot(RB_HALT) | ${(haltUs / 1000).toFixed(2)} ms | | |`,
		`| exec -> exit (wall, posix_spawn to waitpid) | ${fmtMs(wallBoot)} | ${fmtMs(wallBase)} | ${(wallBoot / wallBase).toFixed(2)}x |`,
		`| peak RSS | ${(rssBoot / 1024).toFixed(1)} MiB | ${(rssBase / 1024).toFixed(1)} MiB | ${(rssBoot / rssBase).toFixed(2)}x |`,
		`| local getpid | ${(loops.fig.getpid_ns / 1000).toFixed(3)} us | | |`,
		`| local mkdir+rmdir pair (tmpfs root: rumpfs) | ${loops.fig.mkdir_rmdir_ns < 0 ? 'n/a' : `${(loops.fig.mkdir_rmdir_ns / 1000).toFixed(2)} us`} | | |`,
		'',
		'Targets: boot under 5 ms, RSS under 8 MiB. For scale, the NetBSD rump kernel on this kind of',
		'machine (figures quoted in issue 4): rump_init() with rumpvfs+tmpfs 6.3-7.0 ms, exec->init->exit',
		'9.7 ms, local getpid 0.8 us, local mkdir+rmdir pair 7 us.',
		'',
		'Run: `npm run build:ts && node dist/bench/kern-boot.js`',
	];
	const body = lines.join('\n');
	process.stdout.write(body + '\n');
	if (!argv.includes('--no-record'))
		recordResults('Kernel boot (bench/kern-boot)', body);
}

if (import.meta.url === `file://${process.argv[1]}`)
	await main();
