/**
 * The build engine shared by buildrump and rumpmake: generate, compile,
 * rename, archive and link every output that is out of date, at most
 * `jobs` commands at a time, recording what it did in the build database.
 */
import { mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { checkStale, DB_FILE, describeReason, hashCommand, makeEntry, readDb, StatCache,
	writeDb, type BuildDb, type StaleReason } from './db.js';
import { symlinkAtomic } from './atomic.cjs';
import { parseDepfile } from './depfile.js';
import { RumpkitError } from './errors.js';
import { execTool, type ExecResult } from './exec.js';
import { runGen, writeIfChanged } from './gen/index.js';
import type { Logger } from './logger.js';
import type { Manifest } from './manifest.js';
import { createPlan, type Plan, type Step } from './plan.js';
import { renameInProcess, writeRenameFile } from './rename.js';
import { runScheduled, StepsFailedError } from './schedule.js';
import type { BuildConfig } from './toolchain.js';

export class StepFailedError extends RumpkitError {
	constructor(readonly step: Step, readonly component: string, readonly output: string) {
		const what = step.verb === 'compile' ? `compile of ${step.src ?? step.label}` : `${step.verb} of ${step.label}`;
		super('RUMPKIT_STEP_FAILED', `${what} failed in component ${component}\n${output.trimEnd()}`);
	}
}

export class BuildFailedError extends RumpkitError {
	constructor(readonly failures: StepFailedError[]) {
		super('RUMPKIT_BUILD_FAILED', failures.map((f) => f.message).join('\n') +
		    `\nbuild stopped: ${failures.length} error(s); nothing was installed`);
	}
}

/** What the engine tells a progress display. */
export interface BuildEvents {
	plan?(plan: Plan): void;
	stepFailed?(step: Step): void;
	stepStart?(step: Step, reason: StaleReason): void;
	stepDone?(step: Step, rebuilt: boolean): void;
}

/** The host the engine runs commands on: injectable for tests. */
export interface EngineHost {
	exec(argv: readonly string[], cwd: string): Promise<ExecResult>;
}

export interface BuildOptions {
	root: string;
	objdir: string;
	manifests: Manifest[];
	config: BuildConfig;
	jobs: number;
	logger: Logger;
	/** Print why each output is rebuilt. */
	explain?: boolean;
	/** -n: say what would be done, do nothing. */
	dryRun?: boolean;
	/** Build only these components; the rest of the tree is left alone. */
	only?: Set<Manifest>;
	/** Build only these outputs (absolute paths) and what they need; all when undefined. */
	targets?: Set<string>;
	/**
	 * Leave writing the build database of a successful build to the caller
	 * (result.flushDb), so rumpmake watch restarts servers first. Until it is
	 * written, the outputs only look out of date: never wrong.
	 */
	deferDbWrite?: boolean;
	events?: BuildEvents;
	host?: EngineHost;
}

export interface BuildResult {
	plan: Plan;
	rebuilt: Step[];
	ms: number;
	/** The build database as the build left it (what each output was made from). */
	db: BuildDb;
	/** With deferDbWrite: write the build database now. */
	flushDb(): void;
}

const RENAME_TAG = '#rumpns-v1';

/** `    compile  libtmpfs/tmpfs_vnops.o`: NetBSD make's quiet style. */
export function formatStepLine(verb: string, label: string): string {
	return `${verb.padStart(11)}  ${label}`;
}

function componentOf(step: Step, manifests: Manifest[]): string {
	const m = manifests.find((x) => x.lib === step.unit || x.progs.some((p) => p.name === step.unit));
	return m !== undefined ? `${step.unit} (${path.dirname(m.file)})` : step.unit;
}

/** The steps that make `targets`, with everything they depend on, in plan order. */
export function stepsFor(steps: Step[], targets: Set<string>): Step[] {
	const need = new Set<Step>();
	const add = (s: Step): void => {
		if (need.has(s))
			return;
		need.add(s);
		s.deps.forEach(add);
	};
	steps.filter((s) => targets.has(s.out)).forEach(add);
	return steps.filter((s) => need.has(s));
}

export async function build(opts: BuildOptions): Promise<BuildResult> {
	const started = Date.now();
	const { root, objdir, logger } = opts;
	const host: EngineHost = opts.host ?? { exec: execTool };
	mkdirSync(objdir, { recursive: true });
	const gen = runGen(root, objdir, opts.manifests);
	for (const p of gen.orphanProviders)
		logger.verbose(`buildrump: kernel/syscalls.master names provider ${p}, which no component builds: its calls return ENOSYS`);
	const plan = createPlan({ root, objdir, manifests: opts.manifests, config: opts.config, genSources: gen.sources, only: opts.only });
	opts.events?.plan?.(plan);
	// A partial plan (rumpmake in one component) must not shrink the editor's view of the tree.
	if (opts.only === undefined && opts.targets === undefined)
		writeIfChanged(path.join(objdir, 'compile_commands.json'), JSON.stringify(plan.compdb, null, 1) + '\n');

	const dbFile = path.join(objdir, DB_FILE);
	const db = readDb(dbFile);
	const stats = new StatCache();
	const rebuilt: Step[] = [];
	const rebuiltSet = new Set<Step>();
	const relRoot = (p: string): string => path.relative(root, p) || p;

	const runStep = async (s: Step): Promise<void> => {
		const cmd = hashCommand(s.rename === true ? [...s.argv, RENAME_TAG] : s.argv);
		const dep = s.deps.find((d) => rebuiltSet.has(d));
		const reason: StaleReason | null = dep !== undefined && opts.dryRun === true ?
		    { kind: 'input-changed', path: dep.out } : checkStale(db.entries[s.out], s.out, cmd, stats);
		if (reason === null) {
			opts.events?.stepDone?.(s, false);
			return;
		}
		rebuilt.push(s);
		rebuiltSet.add(s);
		opts.events?.stepStart?.(s, reason);
		if (opts.explain === true)
			logger.info(`${s.label}: ${describeReason(reason, relRoot)}`);
		if (opts.dryRun === true) {
			opts.events?.stepDone?.(s, true);
			return;
		}
		mkdirSync(path.dirname(s.out), { recursive: true });
		const fail = (output: string): never => {
			opts.events?.stepFailed?.(s);
			throw new StepFailedError(s, componentOf(s, opts.manifests), output);
		};
		if (s.tmpOut !== undefined)
			rmSync(s.tmpOut, { force: true });
		const res = await host.exec(s.argv, root);
		if (res.code !== 0 || res.signal !== null)
			fail(res.output !== '' ? res.output : `${s.argv[0]} exited with ${res.signal ?? res.code}`);
		if (res.output.trim() !== '')
			logger.warn(res.output.trimEnd());
		const inputs = [...s.inputs];
		if (s.verb === 'compile' && s.depfile !== undefined) {
			if (s.rename === true && !renameInProcess(s.out)) {
				const syms = `${s.out}.syms`;
				if (writeRenameFile(s.out, syms)) {
					const r = await host.exec([opts.config.objcopy, `--redefine-syms=${syms}`, s.out], root);
					if (r.code !== 0)
						fail(r.output);
				}
			}
			try {
				inputs.push(...parseDepfile(readFileSync(s.depfile, 'utf8')).map((d) => path.resolve(root, d)));
			} catch {
				// No depfile: the source alone is recorded.
			}
		}
		if (s.tmpOut !== undefined)
			renameSync(s.tmpOut, s.out);
		for (const [link, target] of s.links ?? [])
			symlinkAtomic(link, target);
		db.entries[s.out] = makeEntry(s.out, cmd, inputs, stats);
		opts.events?.stepDone?.(s, true);
	};

	try {
		await runScheduled(opts.targets === undefined ? plan.steps : stepsFor(plan.steps, opts.targets), Math.max(1, opts.jobs), runStep);
	} catch (e) {
		if (e instanceof StepsFailedError) {
			const known = e.errors.filter((x): x is StepFailedError => x instanceof StepFailedError);
			const other = e.errors.find((x) => !(x instanceof StepFailedError));
			if (opts.dryRun !== true)
				writeDb(dbFile, db);
			if (other !== undefined)
				throw other;
			throw new BuildFailedError(known);
		}
		throw e;
	}
	let flushed = opts.dryRun === true;
	const flushDb = (): void => {
		if (!flushed)
			writeDb(dbFile, db);
		flushed = true;
	};
	if (opts.deferDbWrite !== true)
		flushDb();
	return { plan, rebuilt, ms: Date.now() - started, db, flushDb };
}
