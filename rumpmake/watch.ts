/**
 * `rumpmake watch`: rebuild on save, install, restart the servers that use
 * what changed, replay the state, and say how long it took from the save to
 * serving again. A compile error leaves the servers running; a server that
 * panics is reported with its core's backtrace and the gdb command.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildResult } from '../buildrump/engine.js';
import { RumpkitError } from '../buildrump/errors.js';
import { execTool } from '../buildrump/exec.js';
import { installFiles, installItems } from '../buildrump/install.js';
import { acquireLock } from '../buildrump/lock.js';
import { createMemoryLogger, type Logger } from '../buildrump/logger.js';
import { readManifests, type Manifest } from '../buildrump/manifest.js';
import { soNames } from '../buildrump/plan.js';
import { createPlainProgress } from '../buildrump/progress.js';
import type { SavedConfig } from '../buildrump/tooldir.js';
import { formatCrash, reportCrash } from './crash.js';
import { readReplay, type ReplayLine } from './replay.js';
import { parseServerCommand, ServerStartError, startServer, stopServer, waitReady,
	type RunningServer, type ServerSpec } from './server.js';

/** File-system events and time, injectable so the loop can be tested without waiting. */
export interface WatchHost {
	/** Start watching; `ready` resolves once the initial scan is done and edits are seen. */
	watch(dirs: string[], onChange: (file: string) => void): { ready: Promise<void>; close(): Promise<void> };
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(t: unknown): void;
	now(): number;
}

const SOURCE = /\.(c|h|S|json|master)$/;

export const defaultWatchHost: WatchHost = {
	watch(dirs, onChange) {
		// chokidar is imported here, not at the top: rumpmake's other targets never need it.
		const w = import('chokidar').then(({ watch }) => watch(dirs, {
			ignoreInitial: true,
			ignored: (p: string, st?: { isFile(): boolean }) =>
				/(^|\/)(node_modules|obj|rump|\.git)(\/|$)/.test(p) || (st?.isFile() === true && !SOURCE.test(p)),
		}));
		const ready = w.then((x) => new Promise<void>((resolve) => {
			x.on('all', (_ev: string, p: string) => { if (SOURCE.test(p)) onChange(p); });
			x.once('ready', () => resolve());
		}));
		return { ready, close: async () => (await w).close() };
	},
	setTimeout: (fn, ms) => setTimeout(fn, ms),
	clearTimeout: (t) => clearTimeout(t as NodeJS.Timeout),
	now: () => Date.now(),
};

export interface WatchOptions {
	build: SavedConfig;
	/** Server command lines; each is restarted when what it uses changes. */
	servers: string[][];
	/** rumpctrl commands to run after every (re)start. */
	replayFile?: string;
	/** A shell command run after the replay, with RUMP_SERVER set. */
	testCmd?: string;
	/**
	 * Quiet time after the last save before building (default 3 ms). An
	 * editor's write-rename or "save all" lands within a few milliseconds,
	 * so a short wait batches it; a slower burst is still safe, because a
	 * run that newer saves overtake is dropped before it restarts anything
	 * (see cycle()), and a half-written file is only a compile error that
	 * the next save repairs. A long debounce (TypeScript's 250 ms) would be
	 * most of the time from save to serving.
	 */
	debounceMs?: number;
	killAfterMs?: number;
	logger: Logger;
	cwd: string;
	env?: NodeJS.ProcessEnv;
	host?: WatchHost;
	/** rumpctrl's launcher, for the replay. */
	rumpctrl: string[];
}

export interface CycleTimes {
	/** Building and installing what the servers load. */
	build: number;
	install: number;
	restart: number;
	replay: number;
	total: number;
}

export interface WatchSession {
	/** Resolves when the servers serve for the first time. */
	ready: Promise<void>;
	/** Resolves after each cycle, with its times (tests wait on it). */
	nextCycle(): Promise<CycleTimes | null>;
	/** Resolves when no build is running or waiting for its quiet time. */
	idle(): Promise<void>;
	stop(): Promise<void>;
}

function fmt(ms: number): string {
	return `${Math.round(ms)} ms`;
}

const silent = createMemoryLogger('silent');
export const DEFAULT_DEBOUNCE_MS = 3;

export function createWatch(opts: WatchOptions): WatchSession {
	const host = opts.host ?? defaultWatchHost;
	const { logger, cwd } = opts;
	const b = opts.build;
	const env = { ...(opts.env ?? process.env) };
	const specs: ServerSpec[] = opts.servers.map(parseServerCommand);
	const replay: ReplayLine[] = opts.replayFile !== undefined ? readReplay(opts.replayFile, cwd) : [];
	const running = new Map<ServerSpec, RunningServer>();
	const prefix = specs.length > 1;
	const changed = new Set<string>();
	let saveTime = Infinity;
	let timer: unknown = null;
	let busy = false;
	let again = false;
	let stopped = false;
	let waiters: ((t: CycleTimes | null) => void)[] = [];
	let idleWaiters: (() => void)[] = [];
	const isIdle = (): boolean => !busy && timer === null && changed.size === 0;
	const settleIdle = (): void => {
		if (!isIdle())
			return;
		const w = idleWaiters;
		idleWaiters = [];
		for (const f of w)
			f();
	};
	const crashed = new Set<ServerSpec>();

	const settle = (t: CycleTimes | null): void => {
		const w = waiters;
		waiters = [];
		for (const f of w)
			f(t);
	};

	const onLine = (line: string, srv: RunningServer): void => {
		logger.info(prefix ? `[${srv.spec.url}] ${line}` : line);
	};

	const watchDeath = (srv: RunningServer, since: number): void => {
		void srv.exited.then(async ({ code, signal }) => {
			if (srv.stopping || stopped)
				return;
			crashed.add(srv.spec);
			const rep = await reportCrash({ program: srv.spec.argv[0], pid: srv.pid, cwd, since, output: srv.output, code, signal });
			for (const l of formatCrash(srv.spec.url, rep))
				logger.error(l);
			logger.error('rumpmake watch: waiting for the next save');
		});
	};

	const launch = async (spec: ServerSpec): Promise<boolean> => {
		const since = host.now();
		const srv = startServer(spec, { cwd, env, onLine });
		running.set(spec, srv);
		watchDeath(srv, since);
		try {
			await waitReady(srv, cwd);
			crashed.delete(spec);
			return true;
		} catch (e) {
			if (e instanceof ServerStartError) {
				await srv.exited;
				return false;
			}
			throw e;
		}
	};

	const runReplay = async (): Promise<void> => {
		if (specs.length === 0)
			return;
		const renv = { ...env, RUMP_SERVER: specs[0].url };
		for (const r of replay) {
			logger.info(`rumpctrl$ ${r.args.join(' ')}`);
			const res = await execTool([...opts.rumpctrl, ...r.args], cwd, renv).catch((e: Error) => ({ code: 127, signal: null, output: e.message }));
			if (res.output.trim() !== '')
				logger.info(res.output.trimEnd());
			if (res.code !== 0)
				logger.warn(`rumpmake watch: replay line ${r.line} ("${r.text}") failed with status ${res.code}; the server keeps running`);
		}
		if (opts.testCmd !== undefined) {
			const t = await execTool(['sh', '-c', opts.testCmd], cwd, renv);
			if (t.output.trim() !== '')
				logger.info(t.output.trimEnd());
			logger.info(`rumpmake watch: test ${t.code === 0 ? 'passed' : `FAILED (status ${t.code})`}`);
		}
	};

	/**
	 * Build and install. With `serving`, only what the servers load (shared
	 * libraries and dynamically linked programs), so they can restart
	 * before the static archives and rump_allserver are relinked.
	 */
	const buildAndInstall = async (serving: boolean, quiet: boolean): Promise<{ result: BuildResult; installed: string[]; installMs: number } | null> => {
		const lock = await acquireLock(b.objdir, logger);
		try {
			const manifests = readManifests(b.root);
			const targets = serving ? servingOutputs(manifests) : undefined;
			const result = await build({ root: b.root, objdir: b.objdir, manifests, config: b.config, jobs: b.jobs,
				logger, targets, deferDbWrite: serving, events: quiet ? undefined : createPlainProgress(logger).events });
			const ti = host.now();
			const items = installItems(result.plan, b.objdir, b.destdir, 'all').filter((it) => targets === undefined || targets.has(it.from));
			const installed = installFiles(items, { destdir: b.destdir, logger: quiet ? silent : logger, cwd });
			return { result, installed, installMs: host.now() - ti };
		} catch (e) {
			if (e instanceof RumpkitError) {
				logger.error(e.message);
				logger.error('rumpmake watch: the servers keep running the last good build; waiting for the next save');
				return null;
			}
			throw e;
		} finally {
			lock.release();
		}
	};

	/** The shared libraries, and the programs the watched servers run. */
	const servingOutputs = (manifests: Manifest[]): Set<string> => {
		const progs = new Set(specs.map((s) => path.basename(s.argv[0])));
		const out = new Set<string>();
		for (const m of manifests) {
			if (m.lib !== undefined)
				out.add(path.join(b.objdir, m.objdir, soNames(m.lib).real));
			for (const p of m.progs)
				if (progs.has(p.name))
					out.add(path.join(b.objdir, m.objdir, p.name, p.name));
		}
		return out;
	};

	/** Which servers use what was installed: all for the kernel base or a server binary. */
	const affected = (installed: string[]): ServerSpec[] => {
		const libs = new Set(installed.flatMap((p) => {
			const m = /^lib(.+)\.so\.0\.0$/.exec(path.basename(p));
			return m !== null ? [m[1]] : [];
		}));
		const bins = new Set(installed.filter((p) => path.dirname(p) === path.join(b.destdir, 'bin')).map((p) => path.basename(p)));
		const base = libs.has('rump') || libs.has('rumpuser');
		return specs.filter((s) => crashed.has(s) || base || bins.has(path.basename(s.argv[0])) ||
		    s.libs.some((l) => libs.has(l)) || (s.all && libs.size > 0));
	};

	const restart = async (targets: ServerSpec[]): Promise<boolean> => {
		for (const s of targets) {
			const old = running.get(s);
			if (old !== undefined)
				await stopServer(old, cwd, opts.killAfterMs);
		}
		let ok = true;
		for (const s of targets)
			ok = (await launch(s)) && ok;
		return ok;
	};

	const cycle = async (): Promise<void> => {
		if (busy) {
			again = true;
			return;
		}
		busy = true;
		again = false;
		const files = [...changed];
		changed.clear();
		const t0 = Number.isFinite(saveTime) ? Math.min(saveTime, host.now()) : host.now();
		saveTime = Infinity;
		let times: CycleTimes | null = null;
		try {
			const tb = host.now();
			const built = await buildAndInstall(true, false);
			// Newer saves arrived while building: this run is stale, go again.
			if (built !== null && again)
				built.result.flushDb();
			if (built !== null && !again) {
				const tr = host.now();
				const targets = affected(built.installed);
				const ok = await restart(targets);
				const tp = host.now();
				built.result.flushDb();
				if (ok && targets.length > 0)
					await runReplay();
				const end = host.now();
				times = { build: tr - tb - built.installMs, install: built.installMs, restart: tp - tr, replay: end - tp, total: end - t0 };
				const units = [...new Set(built.result.rebuilt.map((s) => s.unit))];
				const what = files.map((f) => path.relative(b.root, f)).join(', ') || 'nothing';
				const rebuilt = units.length > 0 ? `rebuilt ${units.join(', ')}` : 'nothing to rebuild';
				if (targets.length === 0)
					logger.info(`rumpmake watch: ${what} changed; ${rebuilt}; no server uses what changed (${fmt(times.total)})`);
				else if (ok)
					logger.info(`rumpmake watch: ${what} changed; ${rebuilt}; serving again ${fmt(times.total)} after the save ` +
					    `(build ${fmt(times.build)}, install ${fmt(times.install)}, restart ${fmt(times.restart)}, replay ${fmt(times.replay)})`);
				// The rest of the tree: static archives, rump_allserver, headers.
				const ts = host.now();
				const rest = await buildAndInstall(false, true);
				if (rest !== null && rest.result.rebuilt.length > 0)
					logger.info(`rumpmake watch: static libraries and programs updated in ${fmt(host.now() - ts)}`);
			}
		} finally {
			busy = false;
			settle(times);
		}
		if (again && !stopped) {
			again = false;
			await cycle();
		}
		settleIdle();
	};

	const onChange = (file: string): void => {
		if (stopped)
			return;
		changed.add(file);
		let t = host.now();
		try {
			t = statSync(file).mtimeMs;
		} catch {
			// Deleted: the event time will do.
		}
		saveTime = Math.min(saveTime, t);
		if (timer !== null)
			host.clearTimeout(timer);
		timer = host.setTimeout(() => {
			timer = null;
			void cycle();
		}, opts.debounceMs ?? DEFAULT_DEBOUNCE_MS);
	};

	let closer: { close(): Promise<void> } | null = null;
	const ready = (async () => {
		const built = await buildAndInstall(false, false);
		if (built === null)
			throw new RumpkitError('RUMPKIT_WATCH', 'the first build failed: fix it and start rumpmake watch again');
		for (const s of specs)
			if (!(await launch(s)))
				logger.error(`rumpmake watch: ${s.argv.join(' ')} did not start; fix the kernel and save to try again`);
		await runReplay();
		const w = host.watch([path.join(b.root, 'kernel'), path.join(b.root, 'components')], onChange);
		closer = w;
		await w.ready;
		logger.info(`rumpmake watch: serving on ${specs.map((s) => s.url).join(', ')}; watching ${b.root} for changes (Ctrl-C stops)`);
	})();

	return {
		ready,
		nextCycle: () => new Promise((resolve) => waiters.push(resolve)),
		idle: () => new Promise((resolve) => {
			idleWaiters.push(resolve);
			settleIdle();
		}),
		async stop() {
			stopped = true;
			if (timer !== null)
				host.clearTimeout(timer);
			const c = closer as { close(): Promise<void> } | null;
			if (c !== null)
				await c.close();
			await Promise.all([...running.values()].map((s) => stopServer(s, cwd, opts.killAfterMs)));
			settle(null);
		},
	};
}
