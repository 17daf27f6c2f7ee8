/**
 * Replacing a file or a symlink atomically: write a temporary name in the
 * same folder, then rename it over the old one, so a reader (or a server
 * with the old file mapped) never sees half of it. CommonJS so rumpmake's
 * start-up path (memo.cts) can use it too.
 */
import { chmodSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';

export function writeFileAtomic(file: string, data: string | Uint8Array, mode?: number): void {
	const tmp = `${file}.tmp.${process.pid}`;
	writeFileSync(tmp, data, mode === undefined ? undefined : { mode });
	if (mode !== undefined)
		chmodSync(tmp, mode);
	renameSync(tmp, file);
}

/** Point `link` at `target`; returns false when it already did. */
export function symlinkAtomic(link: string, target: string): boolean {
	try {
		if (readlinkSync(link) === target)
			return false;
	} catch {
		// Missing or not a link.
	}
	const tmp = `${link}.tmp.${process.pid}`;
	rmSync(tmp, { force: true });
	symlinkSync(target, tmp);
	renameSync(tmp, link);
	return true;
}
