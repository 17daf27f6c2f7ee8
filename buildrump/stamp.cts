/**
 * A file's identity for "did it change?": its path, mtime in nanoseconds
 * and size, or nulls when it does not exist. CommonJS so that rumpmake's
 * no-op check can use it before node's ES module loader starts.
 */
import { statSync } from 'node:fs';

export type Stamp = [string, string | null, number | null];

export function stampOf(p: string): Stamp {
	try {
		const st = statSync(p, { bigint: true });
		return [p, st.mtimeNs.toString(), Number(st.size)];
	} catch {
		return [p, null, null];
	}
}

export function sameStamp(a: Stamp, b: Stamp): boolean {
	return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}
