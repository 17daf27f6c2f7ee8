/**
 * What the debugging tests need from the host, checked up front so a
 * missing tool is a message that says what to install, not a confusing
 * failure later.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

function have(tool: string): boolean {
	try {
		execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

export function needTool(tool: string, pkg = tool): void {
	if (!have(tool))
		throw new Error(`${tool} is not installed: the debugging tests need it (apt-get install ${pkg}, or scripts/setup-host.sh)`);
}

export function needGdb(): void {
	needTool('gdb');
}

/**
 * Why a crashing program leaves no core file named core or core.<pid> in
 * its folder on this host, or null if it does.
 */
export function hostCoreProblem(): string | null {
	const pattern = readFileSync('/proc/sys/kernel/core_pattern', 'utf8').trim();
	if (pattern.startsWith('|') || pattern.includes('/') || !pattern.startsWith('core'))
		return `this host's kernel.core_pattern is "${pattern}": cores do not land in the crashing program's folder, ` +
		    'which the tutorial\'s core step needs (sysctl -w kernel.core_pattern=core)';
	const hard = execFileSync('sh', ['-c', 'ulimit -H -c'], { encoding: 'utf8' }).trim();
	if (hard === '0')
		return 'the hard core size limit is 0 (ulimit -H -c): no process may write a core';
	return null;
}
