/**
 * Running one tool: argv in, exit status and output out. The build engine
 * runs every compiler, archiver and linker through here.
 */
import { spawn } from 'node:child_process';
import { RumpkitError } from './errors.js';
import { ToolMissingError } from './toolchain.js';

export interface ExecResult {
	code: number;
	signal: NodeJS.Signals | null;
	output: string;
}

export function execTool(argv: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<ExecResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(argv[0], argv.slice(1), { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
		const chunks: Buffer[] = [];
		child.stdout.on('data', (b: Buffer) => chunks.push(b));
		child.stderr.on('data', (b: Buffer) => chunks.push(b));
		child.on('error', (e: NodeJS.ErrnoException) => {
			if (e.code === 'ENOENT')
				reject(new ToolMissingError(argv[0], argv[0].includes('gcc') ? 'gcc' : 'binutils'));
			else
				reject(new RumpkitError('RUMPKIT_EXEC', `cannot run ${argv[0]}: ${e.message}`));
		});
		child.on('close', (code, signal) => {
			resolve({ code: code ?? 128, signal, output: Buffer.concat(chunks).toString('utf8') });
		});
	});
}
