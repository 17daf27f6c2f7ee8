/**
 * VFS benchmark (issue 5): metadata and data throughput of tmpfs in a
 * local kernel through rump_sys_* against the same loops with host
 * system calls on the host's /dev/shm, in the same process and run.
 *
 * Figures: create+stat+unlink of 100,000 files (target: faster than
 * the host, as no kernel is crossed) and sequential write then read of
 * 1 GiB in 1 MiB transfers (target: within 1.5x of the host).
 *
 *     npm run build:ts && node dist/bench/vfs.js [--runs N] [--files N] [--mib N] [--no-record]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { buildrump } from '../buildrump/index.js';
import { createMemoryLogger } from '../buildrump/logger.js';
import { packageRoot } from '../buildrump/paths.js';
import { defaultConfig } from '../buildrump/toolchain.js';
import { median, recordResults, timeCommand } from './lib.js';

const LIBS = ['rumpfs_tmpfs', 'rumpvfs'];
const KEYS = ['meta_rump_ns', 'meta_host_ns', 'phases_rump_ns', 'phases_host_ns', 'write_rump_ns', 'read_rump_ns', 'write_host_ns', 'read_host_ns', 'floor_ns'] as const;
type Key = typeof KEYS[number];

function parseFigures(line: string): Record<Key, number> {
	const words = line.trim().split(/\s+/);
	const out: Partial<Record<Key, number>> = {};
	for (let i = 0; i + 1 < words.length; i += 2)
		if ((KEYS as readonly string[]).includes(words[i]))
			out[words[i] as Key] = Number(words[i + 1]);
	for (const k of KEYS)
		if (out[k] === undefined)
			throw new Error(`vfs_bench printed no ${k}: ${line}`);
	return out as Record<Key, number>;
}

function option(argv: string[], name: string, dflt: number): number {
	const i = argv.indexOf(name);
	return i >= 0 ? Number(argv[i + 1]) : dflt;
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
	const runs = option(argv, '--runs', 3);
	const files = option(argv, '--files', 100_000);
	const mib = option(argv, '--mib', 1024);
	const root = packageRoot();
	const base = path.join(root, '.bench-build');
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
	const prog = path.join(dir, 'vfs_bench');
	const cc = spawnSync('gcc', ['-O2', '-o', prog, `-I${path.join(destdir, 'include')}`,
		path.join(root, 'bench', 'vfs_bench.c'), '-Wl,--whole-archive', ...LIBS.map(lib), lib('rump'),
		'-Wl,--no-whole-archive', lib('rumpuser'), '-lpthread', '-ldl'], { encoding: 'utf8' });
	if (cc.status !== 0)
		throw new Error(`gcc vfs_bench.c failed:\n${cc.stderr}`);

	const shmBase = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
	const hostDir = mkdtempSync(path.join(shmBase, 'rumpkit-vfs-bench-'));
	const samples: Record<Key, number>[] = [];
	try {
		for (let i = 0; i < runs; i++)
			samples.push(parseFigures(timeCommand([prog, hostDir, String(files), String(mib)]).stdout));
	} finally {
		rmSync(hostDir, { recursive: true, force: true });
		rmSync(dir, { recursive: true, force: true });
	}
	const med = (k: Key): number => median(samples.map((s) => s[k]));
	const perFileUs = (k: Key): string => (med(k) / files / 1000).toFixed(2);
	const mibPerS = (ns: number): string => (mib / (ns / 1e9)).toFixed(0);
	const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;
	const rw = med('write_rump_ns') + med('read_rump_ns');
	const hw = med('write_host_ns') + med('read_host_ns');
	const lines = [
		`tmpfs in a local kernel (${LIBS.map((l) => `-l${l}`).join(' ')}, release build) against host system calls on ${shmBase}, same process, medians of ${runs} runs, ${new Date().toISOString().slice(0, 10)}. Ratio: rump time / host time (below 1: faster than the host).`,
		'',
		'| loop | rump_sys_* on tmpfs | host on ' + shmBase + ' | ratio |',
		'|---|---|---|---|',
		`| create+stat+unlink, ${files} files one by one | ${perFileUs('meta_rump_ns')} us/file | ${perFileUs('meta_host_ns')} us/file | ${ratio(med('meta_rump_ns'), med('meta_host_ns'))} |`,
		`| create all, stat all, unlink all, ${files} files in one directory | ${perFileUs('phases_rump_ns')} us/file | ${perFileUs('phases_host_ns')} us/file | ${ratio(med('phases_rump_ns'), med('phases_host_ns'))} |`,
		`| sequential write, ${mib} MiB | ${mibPerS(med('write_rump_ns'))} MiB/s | ${mibPerS(med('write_host_ns'))} MiB/s | ${ratio(med('write_rump_ns'), med('write_host_ns'))} |`,
		`| sequential read, ${mib} MiB | ${mibPerS(med('read_rump_ns'))} MiB/s | ${mibPerS(med('read_host_ns'))} MiB/s | ${ratio(med('read_rump_ns'), med('read_host_ns'))} |`,
		`| write+read, ${mib} MiB | ${mibPerS(rw / 2)} MiB/s | ${mibPerS(hw / 2)} MiB/s | ${ratio(rw, hw)} |`,
		`| floor: malloc+copy of ${mib} MiB of fresh memory in 4 KiB pages | ${mibPerS(med('floor_ns'))} MiB/s | | ${ratio(med('write_rump_ns'), med('floor_ns'))} (tmpfs write / floor) |`,
		'',
		'Targets: metadata faster than the host (ratio below 1), data (write+read) within 1.5x.',
		'A write into tmpfs allocates its pages from the process heap: the floor line is that cost alone',
		'(the host faulting in fresh memory page by page), measured in the same process after the other loops.',
		'',
		'Run: `npm run build:ts && node dist/bench/vfs.js`',
	];
	const body = lines.join('\n');
	process.stdout.write(body + '\n');
	if (!argv.includes('--no-record'))
		recordResults('VFS and tmpfs (bench/vfs)', body);
}

if (import.meta.url === `file://${process.argv[1]}`)
	await main();
