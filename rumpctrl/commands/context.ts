/** What a command gets: its output streams and a connection made on first use. */
import { SyscallError } from '../errors.js';
import type { Sys } from '../sys.js';

export interface CommandContext {
	/** The command's name for messages (`mkdir: /mnt: File exists`). */
	name: string;
	url: string;
	out: NodeJS.WritableStream;
	err: NodeJS.WritableStream;
	/** Connect (once per command: one command is one kernel process). */
	sys(): Promise<Sys>;
	/** The host's working directory, for host: paths of cp. */
	hostCwd: string;
}

export type Command = (ctx: CommandContext, args: string[]) => Promise<number>;

/** Print `<cmd>: <operand>: <strerror>` for a failed syscall; rethrow anything else. */
export function warnErr(ctx: CommandContext, operand: string, e: unknown): void {
	if (!(e instanceof SyscallError))
		throw e;
	ctx.err.write(`${ctx.name}: ${operand}: ${e.message}\n`);
}

export function errnoOf(e: unknown): number | undefined {
	return e instanceof SyscallError ? e.errno : undefined;
}
