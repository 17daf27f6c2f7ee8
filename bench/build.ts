/**
 * Build benchmarks (issues 3 and 8), every figure against a baseline
 * measured in the same run on the same tree:
 *  - full build: `buildrump build -j2` vs GNU make -j2 running the same commands;
 *  - one-file edit, rebuild + install of a component: rumpmake vs ninja;
 *  - header edit: the set rumpmake rebuilds vs the set ninja rebuilds;
 *  - no-op: rumpmake minus `node -e 0` vs ninja.
 *
 *     npm run build:ts && node dist/bench/build.js [--tree DIR] [--runs N] [--component LIB]
 */
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGen } from '../buildrump/gen/index.js';
import { readManifests, type Manifest } from '../buildrump/manifest.js';
import { packageRoot, toolCommand } from '../buildrump/paths.js';
import { createPlan } from '../buildrump/plan.js';
import { defaultConfig } from '../buildrump/toolchain.js';
import { fmtMs, median, recordResults, timeCommand } from './lib.js';
import { makefile, ninjafile, type InstallPair } from './makefiles.js';

interface Args {
	tree: string;
	runs: number;
	component?: string;
	record: boolean;
}

function parseArgs(argv: string[]): Args {
	const a: Args = { tree: packageRoot(), runs: 3, record: true };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--tree')
			a.tree = path.resolve(argv[++i]);
		else if (argv[i] === '--runs')
			a.runs = Number(argv[++i]);
		else if (argv[i] === '--component')
			a.component = argv[++i];
		else if (argv[i] === '--no-record')
			a.record = false;
		else
			throw new Error(`unknown argument ${argv[i]}`);
	}
	return a;
}

function touch(file: string): void {
	const t = new Date();
	utimesSync(file, t, t);
}

/** A baseline tree: generated files and a Makefile/build.ninja for the same plan. */
function baseline(root: string, manifests: Manifest[], dir: string, comp: Manifest): { objdir: string; lib: string } {
	const objdir = path.join(dir, 'obj');
	const config = defaultConfig();
	const gen = runGen(root, objdir, manifests);
	const plan = createPlan({ root, objdir, manifests, config, genSources: gen.sources });
	const installs = new Map<string, InstallPair[]>();
	const u = plan.libs.find((l) => l.manifest === comp);
	if (u === undefined)
		throw new Error(`component ${comp.lib} has no library`);
	installs.set(u.lib, [u.archive, u.picArchive, u.shlib].map((s) => ({ from: s.out, to: path.join(dir, 'rump', 'lib', path.basename(s.out)) })));
	writeFileSync(path.join(dir, 'Makefile'), makefile(plan, config, installs));
	writeFileSync(path.join(dir, 'build.ninja'), ninjafile(plan, config, installs));
	return { objdir, lib: u.lib };
}

export async function main(argv: string[]): Promise<void> {
	const args = parseArgs(argv);
	const root = args.tree;
	const manifests = readManifests(root);
	const comp = manifests.find((m) => m.lib === (args.component ?? 'rumpfs_tmpfs')) ??
	    manifests.find((m) => m.lib !== undefined && !m.host && m.srcs.length > 1);
	if (comp === undefined || comp.lib === undefined)
		throw new Error('no kernel component with several sources to edit');
	const br = toolCommand('buildrump');
	const out: string[] = [];
	const say = (s: string): void => { out.push(s); process.stdout.write(s + '\n'); };
	say(`tree ${root}, ${manifests.length} components, edited component ${comp.lib}, ${args.runs} runs, median`);

	// Full build from clean, alternating so load affects both sides alike.
	const tb: number[] = [];
	const tm: number[] = [];
	for (let i = 0; i < args.runs; i++) {
		const a = mkdtempSync(path.join(tmpdir(), 'bench-br-'));
		tb.push(timeCommand([...br, '-s', root, '-o', path.join(a, 'obj'), '-d', path.join(a, 'rump'), '-j2', '-q', 'build']).ms);
		rmSync(a, { recursive: true, force: true });
		const m = mkdtempSync(path.join(tmpdir(), 'bench-make-'));
		baseline(root, manifests, m, comp);
		tm.push(timeCommand(['make', '-s', '-j2', '-C', m, 'all']).ms);
		rmSync(m, { recursive: true, force: true });
	}
	const full = median(tb) / median(tm);
	say(`full build -j2:  buildrump ${fmtMs(median(tb))}  make ${fmtMs(median(tm))}  ratio ${full.toFixed(3)} (target <= 1.05)`);

	// Incremental: both sides fully built and installed first.
	const a = mkdtempSync(path.join(tmpdir(), 'bench-br-'));
	timeCommand([...br, '-s', root, '-o', path.join(a, 'obj'), '-d', path.join(a, 'rump'), '-j2', '-q']);
	const n = mkdtempSync(path.join(tmpdir(), 'bench-ninja-'));
	const nb = baseline(root, manifests, n, comp);
	timeCommand(['ninja', '-C', n, '-j2']);
	timeCommand(['ninja', '-C', n, `install-${nb.lib}`]);
	const rumpmake = [path.join(a, 'obj', 'tooldir', 'rumpmake')];
	const src = path.join(comp.dir, comp.srcs.find((s) => s.includes('vnops')) ?? comp.srcs[0]);
	const te: number[] = [];
	const tn: number[] = [];
	for (let i = 0; i < args.runs; i++) {
		touch(src);
		te.push(timeCommand([...rumpmake, 'install'], { cwd: comp.dir }).ms);
		touch(src);
		tn.push(timeCommand(['ninja', '-C', n, `install-${nb.lib}`]).ms);
	}
	const edit = median(te) / median(tn);
	say(`edit ${path.basename(src)}, rebuild+install ${comp.lib}:  rumpmake ${fmtMs(median(te))}  ninja ${fmtMs(median(tn))}  ratio ${edit.toFixed(3)} (target <= 1.25)`);

	// A header: the same set of objects must be rebuilt.
	const deps = readFileSync(path.join(a, 'obj', comp.objdir, path.basename(src).replace(/\.c$/, '.o.d')), 'utf8');
	const header = deps.split(/\s+/).find((d) => d.endsWith('.h') && d.includes(`${path.sep}kernel${path.sep}include${path.sep}`));
	if (header !== undefined) {
		touch(header);
		const ours = timeCommand([...rumpmake, '--all', '-n'], { cwd: comp.dir }).stdout.split('\n')
		    .filter((l) => l.trim().startsWith('compile ')).map((l) => l.trim().split(/\s+/)[1]).sort();
		const theirs = timeCommand(['ninja', '-C', n, '-n', '-j1']).stdout.split('\n')
		    .flatMap((l) => { const m = /\] compile (\S+)/.exec(l); return m !== null ? [m[1]] : []; }).sort();
		const same = JSON.stringify(ours) === JSON.stringify(theirs);
		say(`header ${path.relative(root, header)}: rumpmake rebuilds ${ours.length} objects, ninja ${theirs.length}: ${same ? 'the same set' : 'DIFFERENT sets'}`);
		timeCommand([...rumpmake, '--all']);
		timeCommand(['ninja', '-C', n, '-j2']);
	}

	// No-op.
	const tr: number[] = [];
	const tj: number[] = [];
	const tnode: number[] = [];
	// No-ops are short and noisy: more samples, interleaved.
	for (let i = 0; i < Math.max(15, args.runs * 5); i++) {
		tr.push(timeCommand([...rumpmake], { cwd: comp.dir }).ms);
		tnode.push(timeCommand([process.execPath, '-e', '0']).ms);
		tj.push(timeCommand(['ninja', '-C', n, `install-${nb.lib}`]).ms);
	}
	const noop = (median(tr) - median(tnode)) / median(tj);
	say(`no-op: rumpmake ${fmtMs(median(tr))} - node -e 0 ${fmtMs(median(tnode))} = ${fmtMs(median(tr) - median(tnode))}  ninja ${fmtMs(median(tj))}  ratio ${noop.toFixed(2)} (target <= 2)`);
	rmSync(a, { recursive: true, force: true });
	rmSync(n, { recursive: true, force: true });
	if (args.record)
		recordResults('Build: buildrump and rumpmake vs make and ninja (bench/build.ts)',
		    `Command: \`node dist/bench/build.js\` (${new Date().toISOString().slice(0, 10)}, 2 cores)\n\n` + out.map((l) => `    ${l}`).join('\n'));
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1])))
	await main(process.argv.slice(2));
