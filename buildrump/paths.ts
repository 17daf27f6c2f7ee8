/**
 * Where rumpkit itself is installed (its bin/ launchers), as opposed to the
 * source tree being built, which may be another folder (-s srcdir).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function packageRoot(): string {
	if (cached !== undefined)
		return cached;
	let d = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		const pj = path.join(d, 'package.json');
		if (existsSync(pj) && (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'rumpkit') {
			cached = d;
			return d;
		}
		if (path.dirname(d) === d)
			throw new Error(`cannot find rumpkit's package.json above ${fileURLToPath(import.meta.url)}`);
		d = path.dirname(d);
	}
}

/** The command that runs one of rumpkit's CLIs: its launcher as package.json's bin names it. */
export function toolCommand(tool: 'buildrump' | 'rumpmake' | 'rump_wmd' | 'rumpctrl'): string[] {
	const pj = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { bin: Record<string, string> };
	return [process.execPath, path.join(packageRoot(), pj.bin[tool])];
}
