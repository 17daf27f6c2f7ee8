/**
 * rumpmake watch, save to serving (issue 8): an edit to tmpfs_vnops.c is
 * rebuilt, installed and rump_server restarted; the time from the save to
 * the new server accepting, against the sum of the bare commands it needs
 * (compile the PIC object, link the .so, start the server until it
 * accepts), each timed alone in the same run.
 *
 *     npm run build:ts && node dist/bench/watch.js [--runs N]
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from '../buildrump/engine.js';
import { buildrump } from '../buildrump/index.js';
import { createMemoryLogger } from '../buildrump/logger.js';
import { readManifests } from '../buildrump/manifest.js';
import { packageRoot, toolCommand } from '../buildrump/paths.js';
import { defaultConfig } from '../buildrump/toolchain.js';
import { readSavedConfig } from '../buildrump/tooldir.js';
import { parseServerCommand, startServer, stopServer, waitReady } from '../rumpmake/server.js';
import { createWatch } from '../rumpmake/watch.js';
import { fmtMs, median, recordResults, timeCommand } from './lib.js';

export async function main(argv: string[]): Promise<void> {
	const runs = argv[0] === '--runs' ? Number(argv[1]) : 5;
	const root = mkdtempSync(path.join(tmpdir(), 'bench-watch-'));
	for (const d of ['kernel', 'components'])
		cpSync(path.join(packageRoot(), d), path.join(root, d), { recursive: true });
	const objdir = path.join(root, 'obj');
	const destdir = path.join(root, 'rump');
	await buildrump({ root, objdir, destdir, jobs: 2, config: defaultConfig(), logger: createMemoryLogger('silent'), target: 'fullbuild', display: 'plain' });
	const vnops = path.join(root, 'components/fs/tmpfs/tmpfs_vnops.c');
	const original = readFileSync(vnops, 'utf8');
	const server = [path.join(destdir, 'bin/rump_server'), '-lrumpvfs', '-lrumpfs_tmpfs', '-s', 'unix://ctrl'];
	const edit = (i: number): void => writeFileSync(vnops, original + `\nconst char tmpfs_bench_marker_${i}[] = "edit ${i}";\n`);

	// Baseline: the bare commands, from the plan the engine would run.
	const manifests = readManifests(root);
	edit(0);
	const plan = (await build({ root, objdir, manifests, config: defaultConfig(), jobs: 2, logger: createMemoryLogger('silent'), dryRun: true })).plan;
	const tmpfs = plan.libs.find((u) => u.lib === 'rumpfs_tmpfs');
	const pico = tmpfs?.objects.find((s) => s.out.endsWith('tmpfs_vnops.pico'));
	if (tmpfs === undefined || pico === undefined)
		throw new Error('no tmpfs in the tree');
	const tc: number[] = [];
	const tl: number[] = [];
	const ts: number[] = [];
	for (let i = 0; i < runs; i++) {
		tc.push(timeCommand(pico.argv, { cwd: root }).ms);
		tl.push(timeCommand(tmpfs.shlib.argv, { cwd: root }).ms);
		const t0 = performance.now();
		const srv = startServer(parseServerCommand(server), { cwd: root, env: process.env, onLine: () => undefined });
		await waitReady(srv, root);
		ts.push(performance.now() - t0);
		await stopServer(srv, root);
	}
	const bare = median(tc) + median(tl) + median(ts);

	writeFileSync(vnops, original);
	const log = createMemoryLogger('info');
	const session = createWatch({ build: readSavedConfig(objdir), servers: [server], logger: log, cwd: root, rumpctrl: toolCommand('rumpctrl') });
	await session.ready;
	const tw: number[] = [];
	const parts: string[] = [];
	for (let i = 1; i <= runs; i++) {
		const next = session.nextCycle();
		edit(i);
		const t = await next;
		if (t === null)
			throw new Error(`cycle ${i} failed:\n${log.lines.slice(-20).join('\n')}`);
		tw.push(t.total);
		parts.push(`total ${fmtMs(t.total)}: build ${fmtMs(t.build)}, install ${fmtMs(t.install)}, restart ${fmtMs(t.restart)}`);
		if (argv.includes('-v'))
			process.stdout.write(`cycle ${i}: ${parts[parts.length - 1]}\n`);
	}
	await session.stop();
	rmSync(root, { recursive: true, force: true });
	const ratio = median(tw) / bare;
	const out = [
		`bare: compile tmpfs_vnops.pico ${fmtMs(median(tc))} + link librumpfs_tmpfs.so ${fmtMs(median(tl))} + rump_server start ${fmtMs(median(ts))} = ${fmtMs(bare)}`,
		`rumpmake watch save -> serving: ${fmtMs(median(tw))} (median of ${runs}; last: ${parts[parts.length - 1]})`,
		`ratio ${ratio.toFixed(2)} (target <= 1.3)`,
	];
	for (const l of out)
		process.stdout.write(l + '\n');
	if (!argv.includes('--no-record'))
		recordResults('rumpmake watch: save to serving (bench/watch.ts)',
		    `Command: \`node dist/bench/watch.js\` (${new Date().toISOString().slice(0, 10)}, 2 cores)\n\n` + out.map((l) => `    ${l}`).join('\n'));
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(path.basename(process.argv[1])))
	await main(process.argv.slice(2));
