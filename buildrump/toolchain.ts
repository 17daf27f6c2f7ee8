/**
 * The host toolchain: which compiler, archiver and objcopy to run, with the
 * flags every compile gets (docs/manifest.md, "How sources are compiled").
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { RumpkitError } from './errors.js';

export class ToolMissingError extends RumpkitError {
	constructor(tool: string, pkg: string) {
		super('RUMPKIT_TOOL_MISSING', `${tool} not found on PATH: install it (apt-get install ${pkg})`);
	}
}

export interface BuildConfig {
	/** Compiler command, possibly with arguments (`ccache gcc`). */
	cc: string[];
	ar: string;
	objcopy: string;
	/** -r: -O2 without -g. */
	release: boolean;
	/** 0: none, 1: -D (DIAGNOSTIC), 2: -DD (DIAGNOSTIC, LOCKDEBUG, kmem leak check). */
	diagnostic: 0 | 1 | 2;
	/** -F CFLAGS=...: appended to every compile. */
	extraCflags: string[];
}

export function findOnPath(cmd: string, env: NodeJS.ProcessEnv = process.env): string | null {
	if (cmd.includes('/')) {
		try {
			accessSync(cmd, constants.X_OK);
			return cmd;
		} catch {
			return null;
		}
	}
	for (const dir of (env.PATH ?? '').split(':')) {
		if (dir === '')
			continue;
		const p = path.join(dir, cmd);
		try {
			accessSync(p, constants.X_OK);
			return p;
		} catch {
			// Not in this folder.
		}
	}
	return null;
}

/** `CC` from the environment, split on blanks, default gcc. */
export function ccFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
	const cc = (env.CC ?? '').trim();
	return cc === '' ? ['gcc'] : cc.split(/\s+/);
}

/** Fail early, in one line, when a tool the build needs is missing. */
export function checkToolchain(cfg: BuildConfig, env: NodeJS.ProcessEnv = process.env): void {
	for (const word of cfg.cc) {
		if (word.includes('='))
			continue;
		if (findOnPath(word, env) === null)
			throw new ToolMissingError(word, word.includes('gcc') ? 'gcc' : word);
	}
	if (findOnPath(cfg.ar, env) === null)
		throw new ToolMissingError(cfg.ar, 'binutils');
	if (findOnPath(cfg.objcopy, env) === null)
		throw new ToolMissingError(cfg.objcopy, 'binutils');
}

export function defaultConfig(env: NodeJS.ProcessEnv = process.env): BuildConfig {
	return { cc: ccFromEnv(env), ar: env.AR ?? 'ar', objcopy: env.OBJCOPY ?? 'objcopy', release: false, diagnostic: 0, extraCflags: [] };
}

function optFlags(cfg: BuildConfig): string[] {
	return cfg.release ? ['-O2'] : ['-Og', '-g'];
}

function diagFlags(cfg: BuildConfig): string[] {
	if (cfg.diagnostic === 0)
		return [];
	if (cfg.diagnostic === 1)
		return ['-DDIAGNOSTIC'];
	return ['-DDIAGNOSTIC', '-DLOCKDEBUG', '-DKMEM_LEAKCHECK'];
}

export const KERNEL_CFLAGS = ['-std=gnu11', '-ffreestanding', '-nostdinc', '-fno-stack-protector',
	'-fno-common', '-fno-omit-frame-pointer', '-Wall', '-Wno-unused-parameter', '-D_KERNEL', '-D_RUMPKERNEL'];
export const HOST_CFLAGS = ['-std=gnu11', '-Wall', '-D_GNU_SOURCE', '-pthread'];

/** Flags for one component's compiles, before -MMD/-c/-o. */
export function compileFlags(cfg: BuildConfig, host: boolean, includes: string[], cflags: string[]): string[] {
	const base = host ? HOST_CFLAGS : KERNEL_CFLAGS;
	return [...base, ...optFlags(cfg), ...diagFlags(cfg), ...cflags, ...includes.map((d) => `-I${d}`), ...cfg.extraCflags];
}
