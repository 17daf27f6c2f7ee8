/**
 * rumpmake's entry point. A plain `rumpmake` or `rumpmake install` whose
 * memo shows nothing changed returns at once (the no-op is as fast as
 * starting node allows) and otherwise runs without loading the parser;
 * everything else goes through the command line in command.ts.
 */
import { memoKeyOf, memoSaysNoop } from './memo.cjs';

export async function main(argv: string[]): Promise<void> {
	const key = memoKeyOf(argv, process.cwd());
	if (key !== null) {
		if (memoSaysNoop(key))
			return;
		const { runPlain } = await import('./plain.js');
		process.exitCode = await runPlain(key, process.cwd());
		return;
	}
	const { main: run } = await import('./command.js');
	await run(argv);
}
