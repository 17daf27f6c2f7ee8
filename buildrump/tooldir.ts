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

/** Write <objdir>/tooldir/rumpmake; returns its path. */
export function writeToolWrapper(objdir: string): string {
	const file = path.join(objdir, 'tooldir', 'rumpmake');
	const text = `#!/bin/sh
# rumpmake for the build in ${objdir}
# (written by buildrump; the build's flags are in ${path.join(objdir, CONFIG_FILE)})
exec ${toolCommand('rumpmake').map(shQuote).join(' ')} --objdir ${shQuote(objdir)} "$@"
`;
	writeIfChanged(file, text);
	chmodSync(file, 0o755);
	return file;
}
