/**
 * rumpmake's entry point. A plain `rumpmake` or `rumpmake install` whose
 * memo shows nothing changed returns at once (the no-op is as fast as
 * starting node allows); everything else loads the command line in
 * command.ts.
 */
import { memoKeyOf, memoSaysNoop } from './memo.js';

export async function main(argv: string[]): Promise<void> {
	const key = memoKeyOf(argv, process.cwd());
	if (key !== null && memoSaysNoop(key))
		return;
	const { main: run } = await import('./command.js');
	await run(argv);
}
