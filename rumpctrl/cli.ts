/**
 * rumpctrl: NetBSD commands against a rump kernel server.
 *
 *	rumpctrl [--server url] <command> [args ...]
 *	rumpctrl shell | env [-u]
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command as Commander } from 'commander';
import { ExitError, reportCliError } from '../buildrump/errors.js';
import { COMMANDS } from './commands/index.js';
import { envScript, unenvScript } from './env.js';
import { runCommand } from './index.js';
import { runShell } from './shell.js';

export async function main(argv: string[]): Promise<void> {
	// `rumpctrl sysctl -a | head`: a closed pipe ends the command quietly, as in C.
	process.stdout.on('error', (e: NodeJS.ErrnoException) => {
		if (e.code === 'EPIPE')
			process.exit(process.exitCode ?? 0);
		throw e;
	});
	const program = new Commander()
		.name('rumpctrl')
		.description(`Run NetBSD commands in the rump kernel at $RUMP_SERVER.\ncommands: ${Object.keys(COMMANDS).join(' ')}, shell, env [-u]`)
		.usage('[--server url] <command> [args ...]')
		.option('--server <url>', 'server URL (default: $RUMP_SERVER)')
		.argument('<command>')
		.argument('[args...]')
		.passThroughOptions()
		.allowUnknownOption(false)
		.showHelpAfterError()
		.exitOverride();
	let code = 0;
	try {
		try {
			program.parse(argv, { from: 'user' });
		} catch (e) {
			const ce = e as { code?: string; exitCode?: number };
			if (ce.code === 'commander.helpDisplayed' || ce.code === 'commander.version')
				return;
			throw new ExitError(ce.exitCode ?? 2);
		}
		const [name, args = []] = program.processedArgs as [string, string[] | undefined];
		const url = program.opts<{ server?: string }>().server;
		if (name === 'env') {
			const self = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'rumpctrl.js');
			process.stdout.write(args[0] === '-u' ? unenvScript() : envScript([process.execPath, self]));
		} else if (name === 'shell') {
			code = await runShell({ url: url ?? process.env.RUMP_SERVER, input: process.stdin, out: process.stdout, err: process.stderr, terminal: process.stdin.isTTY === true });
		} else
			code = await runCommand(name, args, { url, out: process.stdout, err: process.stderr });
	} catch (e) {
		code = reportCliError('rumpctrl', e);
	}
	process.exitCode = code;
}
