/**
 * The one logger interface. Library code takes a Logger and never calls
 * console; CLIs create one for stdout/stderr, tests capture lines.
 */
export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'verbose';

export interface Logger {
	readonly level: LogLevel;
	info(msg: string): void;
	warn(msg: string): void;
	error(msg: string): void;
	verbose(msg: string): void;
}

const ORDER: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3, verbose: 4 };

export function createLogger(level: LogLevel = 'info',
    out: NodeJS.WritableStream = process.stdout,
    err: NodeJS.WritableStream = process.stderr): Logger {
	const on = (l: LogLevel): boolean => ORDER[level] >= ORDER[l];
	return {
		level,
		info: (m) => { if (on('info')) out.write(m + '\n'); },
		verbose: (m) => { if (on('verbose')) out.write(m + '\n'); },
		warn: (m) => { if (on('warn')) err.write(m + '\n'); },
		error: (m) => { if (on('error')) err.write(m + '\n'); },
	};
}

/** A logger that keeps every line, for tests. */
export function createMemoryLogger(level: LogLevel = 'verbose'): Logger & { lines: string[] } {
	const lines: string[] = [];
	const on = (l: LogLevel): boolean => ORDER[level] >= ORDER[l];
	return {
		level,
		lines,
		info: (m) => { if (on('info')) lines.push(m); },
		verbose: (m) => { if (on('verbose')) lines.push(m); },
		warn: (m) => { if (on('warn')) lines.push(m); },
		error: (m) => { if (on('error')) lines.push(m); },
	};
}
