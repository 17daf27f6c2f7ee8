/**
 * Errors that a person reads. Every tool throws subclasses of RumpkitError
 * for known failures; the one catch in each CLI prints only the message for
 * these and the stack for anything else (a bug).
 */
export class RumpkitError extends Error {
	readonly code: string;
	/** Process exit status the CLI uses for this error. */
	readonly exitCode: number;

	constructor(code: string, message: string, exitCode = 1) {
		super(message);
		this.name = new.target.name;
		this.code = code;
		this.exitCode = exitCode;
	}
}

/** The error was already reported (e.g. a compiler message was printed); just exit. */
export class ExitError extends RumpkitError {
	constructor(exitCode: number) {
		super('RUMPKIT_EXIT', `exit ${exitCode}`, exitCode);
	}
}

/** Bad command-line usage: the CLI prints usage and exits 2. */
export class UsageError extends RumpkitError {
	constructor(message: string) {
		super('RUMPKIT_USAGE', message, 2);
	}
}

/**
 * Shared top-level handler for CLIs: prints `<tool>: <message>` for known
 * errors, the stack for bugs, and sets the exit code.
 */
export function reportCliError(tool: string, err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
	if (err instanceof ExitError)
		return err.exitCode;
	if (err instanceof RumpkitError) {
		stderr.write(`${tool}: ${err.message}\n`);
		return err.exitCode;
	}
	const e = err instanceof Error ? err : new Error(String(err));
	stderr.write(`${tool}: internal error: ${e.stack ?? e.message}\n`);
	return 70;
}
