/**
 * The `tools` step: the build's configuration saved in the objdir, and
 * `<objdir>/tooldir/rumpmake`, a wrapper that runs rumpmake with this
 * build's folders and flags, so `PATH=$PATH:$(pwd)/obj/tooldir` works as in
 * the tutorial.
 */
import { chmodSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { RumpkitError } from './errors.js';
import { writeIfChanged } from './gen/index.js';
import { toolCommand } from './paths.js';
import type { BuildConfig } from './toolchain.js';

export const CONFIG_FILE = 'buildrump.json';
export const CONFIG_VERSION = 1;

export interface SavedConfig {
	version: number;
	root: string;
	objdir: string;
	destdir: string;
	jobs: number;
	config: BuildConfig;
}

export function writeSavedConfig(c: SavedConfig): void {
	writeIfChanged(path.join(c.objdir, CONFIG_FILE), JSON.stringify(c, null, '\t') + '\n');
}

export function readSavedConfig(objdir: string): SavedConfig {
	const file = path.join(objdir, CONFIG_FILE);
	let c: SavedConfig;
	try {
		c = JSON.parse(readFileSync(file, 'utf8')) as SavedConfig;
	} catch {
		throw new RumpkitError('RUMPKIT_NO_BUILD', `${file} is missing or unreadable: run buildrump first (npx buildrump)`);
	}
	if (c.version !== CONFIG_VERSION)
		throw new RumpkitError('RUMPKIT_NO_BUILD', `${file} was written by another version of buildrump: run buildrump again`);
	return c;
}

function shQuote(s: string): string {
	return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The tools a user runs from PATH, and the arguments baked into their wrappers. */
export const WRAPPED_TOOLS = ['rumpmake', 'rumpctrl', 'rump_wmd'] as const;
/** The wrappers also installed into <destdir>/bin, next to rump_server. */
export const BIN_TOOLS = ['rumpctrl', 'rump_wmd'] as const;

export function toolDir(objdir: string): string {
	return path.join(objdir, 'tooldir');
}

/**
 * Write <objdir>/tooldir/{rumpmake,rumpctrl,rump_wmd}: shell wrappers that
 * run rumpkit's CLIs, rumpmake with this build's objdir. Returns the folder.
 */
export function writeToolWrappers(objdir: string): string {
	const dir = toolDir(objdir);
	for (const tool of WRAPPED_TOOLS) {
		const file = path.join(dir, tool);
		const extra = tool === 'rumpmake' ? ` --objdir ${shQuote(objdir)}` : '';
		const text = `#!/bin/sh
# ${tool} from rumpkit (written by buildrump for the build in ${objdir})
exec ${toolCommand(tool).map(shQuote).join(' ')}${extra} "$@"
`;
		writeIfChanged(file, text);
		chmodSync(file, 0o755);
	}
	return dir;
}
