/**
 * Progress for a build: plain NetBSD-make lines (`    compile  libtmpfs/x.o`)
 * when output is not a terminal or with -q; on a terminal, the listr2 task
 * list of progress-tty.ts (loaded only then: listr2 is slow to import).
 */
import { formatStepLine, type BuildEvents } from './engine.js';
import type { Logger } from './logger.js';
import type { Step } from './plan.js';

export interface Progress {
	events: BuildEvents;
	/** Wait for the display to settle (after the build resolved or failed). */
	finish(ok: boolean): Promise<void>;
}

export function createPlainProgress(logger: Logger): Progress {
	return {
		events: { stepStart: (s: Step) => logger.info(formatStepLine(s.verb, s.label)) },
		finish: async () => {},
	};
}

export async function createProgress(display: 'tty' | 'plain', logger: Logger): Promise<Progress> {
	if (display === 'plain')
		return createPlainProgress(logger);
	const { createTtyProgress } = await import('./progress-tty.js');
	return createTtyProgress();
}
