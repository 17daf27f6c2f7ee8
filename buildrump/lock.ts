/**
 * One writer per objdir: buildrump and rumpmake take `<objdir>/.lock`
 * (created exclusively, holding the owner's pid). A second one waits for
 * the first; a lock whose owner is dead is taken over.
 */
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import { RumpkitError } from './errors.js';
import type { Logger } from './logger.js';

export class LockTimeoutError extends RumpkitError {
	constructor(file: string, pid: number, seconds: number) {
		super('RUMPKIT_LOCKED', `${file} is held by process ${pid} (another buildrump or rumpmake); gave up after ${seconds} s`);
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function tryTake(file: string): number | null {
	try {
		const fd = openSync(file, 'wx');
		writeSync(fd, `${process.pid}\n`);
		closeSync(fd);
		return null;
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
			throw e;
	}
	let owner = NaN;
	try {
		owner = Number.parseInt(readFileSync(file, 'utf8'), 10);
	} catch {
		// Vanished between open and read: try again.
		return -1;
	}
	if (!Number.isInteger(owner) || owner <= 0 || !alive(owner)) {
		rmSync(file, { force: true });
		return -1;
	}
	return owner;
}

export interface Lock {
	release(): void;
}

export async function acquireLock(objdir: string, logger: Logger, timeoutMs = 600_000): Promise<Lock> {
	mkdirSync(objdir, { recursive: true });
	const file = path.join(objdir, '.lock');
	const start = Date.now();
	let told = false;
	for (;;) {
		const owner = tryTake(file);
		if (owner === null)
			break;
		if (owner > 0) {
			if (!told) {
				logger.warn(`waiting for process ${owner}, which holds ${file}`);
				told = true;
			}
			if (Date.now() - start > timeoutMs)
				throw new LockTimeoutError(file, owner, Math.round(timeoutMs / 1000));
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	let held = true;
	const release = (): void => {
		if (!held)
			return;
		held = false;
		process.removeListener('exit', release);
		try {
			if (Number.parseInt(readFileSync(file, 'utf8'), 10) === process.pid)
				rmSync(file, { force: true });
		} catch {
			// Already gone.
		}
	};
	process.once('exit', release);
	return { release };
}
