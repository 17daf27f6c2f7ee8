/**
 * Comparing a command's output with what the tutorial shows, allowing for
 * what changes from run to run: numbers (pids, times, dates, sizes, line
 * numbers), addresses, month and day names and column widths. A line
 * `...` stands for any number of lines. Build steps (`compile ...`,
 * `build ...`, `link ...`) run in parallel, so a run of them may come in
 * any order.
 */

const MONTHS = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/g;
const DAYS = /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b/g;

export function normalizeLine(line: string): string {
	return line
	    .replace(/\r/g, '')
	    .replace(/0x[0-9a-fA-F]+/g, '0xX')
	    .replace(/\d+/g, 'N')
	    .replace(MONTHS, 'Mon')
	    .replace(DAYS, 'Day')
	    .replace(/[ \t]+/g, ' ')
	    .trim();
}

export const ANY = '...';

const BUILD_STEP = /^ *(compile|build|link) /;

/** Sort each run of consecutive build-step lines. */
function sortBuildSteps(lines: string[]): string[] {
	const out: string[] = [];
	let run: string[] = [];
	for (const l of [...lines, '']) {
		if (BUILD_STEP.test(l)) {
			run.push(l);
			continue;
		}
		out.push(...run.sort());
		run = [];
		out.push(l);
	}
	out.pop();
	return out;
}

/**
 * The number of actual lines the expected lines account for, taking the
 * shortest way through `...`, or -1 if they do not match. `prefix`: the
 * expected lines may match the first lines of actual (output still
 * coming); otherwise they must account for all of it.
 */
export function matchLines(expected: string[], actual: string[], prefix: boolean): number {
	const e = sortBuildSteps(expected.map((l) => (l.trim() === ANY ? ANY : normalizeLine(l))));
	const a = sortBuildSteps(actual.map(normalizeLine));
	// ok[i][j]: e[i..] matches a[j..] (to the end, or any prefix of it).
	const memo = new Map<number, number>();
	const go = (i: number, j: number): number => {
		const key = i * (a.length + 1) + j;
		const hit = memo.get(key);
		if (hit !== undefined)
			return hit;
		let r: number;
		if (i === e.length)
			r = prefix || j === a.length ? j : -1;
		else if (e[i] === ANY) {
			r = -1;
			for (let k = j; k <= a.length && r < 0; k++)
				r = go(i + 1, k);
		} else
			r = j < a.length && e[i] === a[j] ? go(i + 1, j + 1) : -1;
		memo.set(key, r);
		return r;
	};
	return go(0, 0);
}

/** The first expected line that cannot be matched, for the error message. */
export function firstMismatch(expected: string[], actual: string[]): { index: number; line: string } | null {
	for (let n = expected.length; n > 0; n--) {
		if (matchLines(expected.slice(0, n), actual, true) >= 0)
			return n === expected.length ? null : { index: n, line: expected[n] };
	}
	return expected.length > 0 ? { index: 0, line: expected[0] } : null;
}
