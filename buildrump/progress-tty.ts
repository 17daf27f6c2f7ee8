/**
 * The listr2 task list for builds on a terminal: one task per component,
 * running in parallel, showing the step in progress.
 */
import { Listr, type ListrTaskWrapper } from 'listr2';
import { formatStepLine } from './engine.js';
import type { Plan, Step } from './plan.js';
import type { Progress } from './progress.js';

interface UnitState {
	left: number;
	rebuilt: number;
	task?: ListrTaskWrapper<unknown, never, never>;
	resolve: () => void;
	reject: (e: Error) => void;
	done: Promise<void>;
}

export function createTtyProgress(): Progress {
	const units = new Map<string, UnitState>();
	let running: Promise<unknown> = Promise.resolve();
	const unitOf = (s: Step): UnitState | undefined => units.get(s.unit);
	const settle = (u: UnitState, s: Step): void => {
		u.left--;
		if (u.left === 0)
			u.resolve();
		else if (u.task !== undefined)
			u.task.output = s.label;
	};
	return {
		events: {
			plan(plan: Plan) {
				for (const s of plan.steps) {
					let u = units.get(s.unit);
					if (u === undefined) {
						let resolve!: () => void;
						let reject!: (e: Error) => void;
						const done = new Promise<void>((a, b) => { resolve = a; reject = b; });
						u = { left: 0, rebuilt: 0, resolve, reject, done };
						units.set(s.unit, u);
					}
					u.left++;
				}
				const list = new Listr([...units.entries()].map(([name, u]) => ({
					title: name,
					task: async (_ctx: unknown, task: ListrTaskWrapper<unknown, never, never>) => {
						u.task = task;
						await u.done;
						task.title = `${name}: ${u.rebuilt === 0 ? 'up to date' : `${u.rebuilt} rebuilt`}`;
					},
				})), { concurrent: true, exitOnError: false });
				running = list.run().catch(() => undefined);
			},
			stepStart(s: Step) {
				const u = unitOf(s);
				if (u !== undefined) {
					u.rebuilt++;
					if (u.task !== undefined)
						u.task.output = formatStepLine(s.verb, s.label).trim();
				}
			},
			stepDone(s: Step) {
				const u = unitOf(s);
				if (u !== undefined)
					settle(u, s);
			},
			stepFailed(s: Step) {
				unitOf(s)?.reject(new Error(`${s.label} failed`));
			},
		},
		async finish(ok: boolean) {
			for (const u of units.values())
				if (u.left > 0)
					(ok ? u.resolve : () => u.reject(new Error('stopped')))();
			await running;
		},
	};
}
