/**
 * getopt(3) for the commands: NetBSD's option syntax (combined flags
 * `-lR`, an argument glued `-s10m` or separate `-s 10m`, `--` ends
 * options, options stop at the first operand). Pure.
 */
import { UsageError } from '../buildrump/errors.js';

export interface Parsed {
	flags: Map<string, string | true>;
	operands: string[];
}

/** spec as in getopt(3): "lRa" or "s:m:" (a colon takes an argument). */
export function getopt(args: readonly string[], spec: string, usage: string): Parsed {
	const flags = new Map<string, string | true>();
	let i = 0;
	for (; i < args.length; i++) {
		const a = args[i];
		if (a === '--') {
			i++;
			break;
		}
		if (!a.startsWith('-') || a === '-')
			break;
		for (let j = 1; j < a.length; j++) {
			const c = a[j];
			const at = spec.indexOf(c);
			if (at === -1 || c === ':')
				throw new UsageError(`unknown option -- ${c}\nusage: ${usage}`);
			if (spec[at + 1] === ':') {
				const val = j + 1 < a.length ? a.slice(j + 1) : args[++i];
				if (val === undefined)
					throw new UsageError(`option requires an argument -- ${c}\nusage: ${usage}`);
				flags.set(c, val);
				break;
			}
			flags.set(c, true);
		}
	}
	return { flags, operands: args.slice(i) };
}
