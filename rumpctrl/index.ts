/**
 * rumpctrl as a library: run one command against a rump kernel server.
 * Each command is one connection, hence one process in the kernel.
 */
import { UsageError } from '../buildrump/errors.js';
import { RumpClient } from './client.js';
import { COMMANDS } from './commands/index.js';
import type { CommandContext } from './commands/context.js';
import { NoServerError } from './errors.js';
import { Sys } from './sys.js';
import { readSyscallTable } from './syscalls.js';

export { RumpClient } from './client.js';
export { COMMANDS } from './commands/index.js';
export { ConnectError, ServerDiedError, SyscallError, NoServerError } from './errors.js';
export { Sys } from './sys.js';

export interface RunOptions {
	/** The server URL; $RUMP_SERVER when absent. */
	url?: string;
	out: NodeJS.WritableStream;
	err: NodeJS.WritableStream;
	hostCwd?: string;
}

export function serverUrl(url: string | undefined): string {
	const u = url ?? process.env.RUMP_SERVER;
	if (u === undefined || u === '')
		throw new NoServerError();
	return u;
}

/** Run command name with args; resolves to its exit status. */
export async function runCommand(name: string, args: string[], opts: RunOptions): Promise<number> {
	const cmd = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
	if (cmd === undefined)
		throw new UsageError(`unknown command ${name}; commands: ${Object.keys(COMMANDS).join(' ')}, shell, env`);
	const url = serverUrl(opts.url);
	let client: RumpClient | undefined;
	let sys: Sys | undefined;
	const ctx: CommandContext = {
		name, url, out: opts.out, err: opts.err, hostCwd: opts.hostCwd ?? process.cwd(),
		sys: async () => {
			if (sys === undefined) {
				client = await RumpClient.connect(url, { progname: name });
				sys = new Sys(client, readSyscallTable());
			}
			return sys;
		},
	};
	try {
		return await cmd(ctx, args);
	} catch (e) {
		// As NetBSD's commands: `ls: unknown option -- z`, `usage: ls ...`, exit 1.
		if (!(e instanceof UsageError))
			throw e;
		const msg = e.message.startsWith('usage:') || e.message.startsWith(`${name}:`) ? e.message : `${name}: ${e.message}`;
		opts.err.write(msg.endsWith('\n') ? msg : msg + '\n');
		return 1;
	} finally {
		await client?.close().catch(() => undefined);
	}
}
