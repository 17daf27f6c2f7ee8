/**
 * Run steps in dependency order, at most `jobs` at a time. A failure stops
 * new work from starting; running steps finish; every failure is reported.
 */
export interface Schedulable<T> {
	deps: T[];
}

export class StepsFailedError extends Error {
	constructor(readonly errors: unknown[]) {
		super(`${errors.length} step(s) failed`);
	}
}

export function runScheduled<T extends Schedulable<T>>(steps: T[], jobs: number, run: (s: T) => Promise<void>): Promise<void> {
	const inPlan = new Set(steps);
	const waiting = new Map<T, number>();
	const dependents = new Map<T, T[]>();
	for (const s of steps) {
		const deps = s.deps.filter((d) => inPlan.has(d));
		waiting.set(s, deps.length);
		for (const d of deps)
			dependents.set(d, [...(dependents.get(d) ?? []), s]);
	}
	// Ready steps start in plan order, so output is as predictable as -j allows.
	const order = new Map(steps.map((s, i) => [s, i]));
	const ready = steps.filter((s) => waiting.get(s) === 0);
	const push = (s: T): void => {
		const k = order.get(s) ?? 0;
		let i = ready.length;
		while (i > 0 && (order.get(ready[i - 1]) ?? 0) > k)
			i--;
		ready.splice(i, 0, s);
	};
	return new Promise((resolve, reject) => {
		let running = 0;
		let done = 0;
		const errors: unknown[] = [];
		const pump = (): void => {
			while (errors.length === 0 && running < jobs && ready.length > 0) {
				const s = ready.shift() as T;
				running++;
				run(s).then(() => {
					running--;
					done++;
					for (const d of dependents.get(s) ?? []) {
						const n = (waiting.get(d) ?? 1) - 1;
						waiting.set(d, n);
						if (n === 0)
							push(d);
					}
					pump();
				}, (e: unknown) => {
					running--;
					errors.push(e);
					pump();
				});
			}
			if (running > 0)
				return;
			if (errors.length > 0)
				reject(new StepsFailedError(errors));
			else if (done === steps.length)
				resolve();
			else if (ready.length === 0)
				reject(new Error('build plan has a dependency cycle'));
		};
		pump();
	});
}
