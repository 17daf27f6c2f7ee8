/**
 * A plain `rumpmake` or `rumpmake install` (no options but the wrapper's
 * --objdir): run the library directly. There is nothing to parse, so the
 * command-line parser is not loaded; the edit-rebuild loop is a little
 * faster for it.
 */
import { reportCliError } from '../buildrump/errors.js';
import { createLogger } from '../buildrump/logger.js';
import { rumpmake } from './index.js';
import { locateBuild } from './locate.js';
import type { MemoKey } from './memo.cjs';

export async function runPlain(key: MemoKey, cwd: string): Promise<number> {
	try {
		const build = locateBuild(key.objdir, cwd);
		await rumpmake({ build, target: key.target, dir: cwd, all: false, logger: createLogger('info'), cwd, memo: key });
		return 0;
	} catch (e) {
		return reportCliError('rumpmake', e);
	}
}
