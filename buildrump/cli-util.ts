/**
 * What every rumpkit CLI shares: commander set up to exit 2 with usage on
 * bad usage, and one place that turns errors into messages and exit codes.
 */
import { Command, CommanderError } from 'commander';
import { reportCliError, UsageError } from './errors.js';

/** Make commander throw instead of exiting, so main() decides the exit code. */
export function configureCommand(cmd: Command, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Command {
	return cmd.exitOverride().configureOutput({
		writeOut: (s) => out.write(s),
		writeErr: (s) => err.write(s),
	});
}

/**
 * Run a CLI body; returns the exit status. Help and version exit 0;
 * usage errors print usage and exit 2; known errors print their message.
 */
export async function runCli(tool: string, cmd: Command, body: () => Promise<number | void>, err: NodeJS.WritableStream = process.stderr): Promise<number> {
	try {
		const code = await body();
		return code ?? 0;
	} catch (e) {
		if (e instanceof CommanderError) {
			if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help')
				return 0;
			err.write(cmd.helpInformation());
			return 2;
		}
		if (e instanceof UsageError) {
			err.write(`${tool}: ${e.message}\n`);
			err.write(cmd.helpInformation());
			return 2;
		}
		return reportCliError(tool, e, err);
	}
}

export function parseJobs(v: string): number {
	const n = Number(v);
	if (!Number.isInteger(n) || n < 1 || n > 1024)
		throw new UsageError(`-j: "${v}" is not a number of jobs`);
	return n;
}
