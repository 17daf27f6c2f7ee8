/**
 * The solver: the smallest set of libraries whose union defines every
 * symbol that the requested libraries (and the kernel base) need. Pure:
 * takes summaries, returns a plan.
 *
 * A library is a list of units (one for a shared object, one per member for
 * an archive). Requested and base libraries count whole; another archive
 * contributes only the members that define something needed, as ld pulls
 * them. A symbol with several providers is a choice: a depth-first search
 * over choices with a bound on the set size finds every minimal set.
 */
import type { Library } from './libdir.js';
import { displaySymbol } from './names.js';

/** Sort symbols by the names people see (without rumpns_). */
function byShownName(a: string, b: string): number {
	const x = displaySymbol(a);
	const y = displaySymbol(b);
	return x < y ? -1 : x > y ? 1 : 0;
}

export interface SolveInput {
	libs: Map<string, Library>;
	/** The -l names asked for, in command-line order. */
	requested: string[];
	/** Libraries present anyway (the kernel base and what it needs); free of cost. */
	preset?: string[];
	/** Symbols the host C library provides to every link. */
	hostDefines: Set<string>;
	/** Sonames of host libraries: versioned references to them are satisfied. */
	hostFiles: Set<string>;
	/** Give up widening the search after this many sets (the best found so far stands). */
	maxStates?: number;
}

export interface Dependency {
	/** The library that needs. */
	from: string;
	/** The library that provides. */
	to: string;
	/** The symbols, sorted. */
	symbols: string[];
	/** DT_NEEDED names the dependency explicitly. */
	explicit?: boolean;
}

export interface Unresolved {
	symbol: string;
	neededBy: string[];
}

export interface Solution {
	/** Every library in the set, sorted by name. */
	libraries: string[];
	dependencies: Dependency[];
	/** Library -> symbols it takes from the host C library. */
	host: Map<string, string[]>;
	unresolved: Unresolved[];
}

export interface SolveResult {
	solution: Solution;
	/** Other sets of the same size (sorted names), for -v. */
	ties: string[][];
	/** The search hit maxStates: the answer is valid but maybe not the smallest. */
	truncated: boolean;
	states: number;
}

/** Ties beyond this many are not worth listing. */
const MAX_TIES = 20;

interface Provider {
	lib: string;
	unit: number;
}

interface Evaluation {
	open: Map<string, Set<string>>;
	forced: Set<string>;
	edges: Map<string, Map<string, Set<string>>>;
	explicit: Set<string>;
	host: Map<string, Set<string>>;
	unresolved: Map<string, Set<string>>;
}

function addTo<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
	let s = m.get(k);
	if (s === undefined)
		m.set(k, s = new Set());
	s.add(v);
}

function edgeSymbols(ev: Evaluation, from: string, to: string): Set<string> {
	let m = ev.edges.get(from);
	if (m === undefined)
		ev.edges.set(from, m = new Map());
	let s = m.get(to);
	if (s === undefined)
		m.set(to, s = new Set());
	return s;
}

export function solve(input: SolveInput): SolveResult {
	const { libs, requested, hostDefines, hostFiles } = input;
	const preset = input.preset ?? [];
	const whole = new Set([...requested, ...preset]);
	const providers = new Map<string, Provider[]>();
	for (const lib of libs.values()) {
		lib.units.forEach((u, i) => {
			for (const d of u.defines) {
				let p = providers.get(d);
				if (p === undefined)
					providers.set(d, p = []);
				if (p.length === 0 || p[p.length - 1]!.lib !== lib.name)
					p.push({ lib: lib.name, unit: i });
			}
		});
	}
	// File names a DT_NEEDED entry or a version requirement may use for a library.
	const byFile = new Map<string, string>();
	for (const lib of libs.values()) {
		byFile.set(lib.path.slice(lib.path.lastIndexOf('/') + 1), lib.name);
		if (lib.soname !== undefined)
			byFile.set(lib.soname, lib.name);
	}

	const evaluate = (chosen: Set<string>): Evaluation => {
		const ev: Evaluation = {
			open: new Map(), forced: new Set(), edges: new Map(), explicit: new Set(), host: new Map(), unresolved: new Map(),
		};
		const active = new Map<string, Set<number>>();
		const queue: Provider[] = [];
		const activate = (lib: string, unit: number): void => {
			let s = active.get(lib);
			if (s === undefined)
				active.set(lib, s = new Set());
			if (!s.has(unit)) {
				s.add(unit);
				queue.push({ lib, unit });
			}
		};
		for (const name of [...chosen].sort()) {
			const lib = libs.get(name)!;
			if (whole.has(name) || lib.kind === 'shared')
				lib.units.forEach((_, i) => activate(name, i));
			for (const n of lib.needed) {
				const dep = byFile.get(n);
				if (dep === undefined || dep === name)
					continue;
				edgeSymbols(ev, name, dep);
				ev.explicit.add(`${name}\0${dep}`);
				if (!chosen.has(dep))
					ev.forced.add(dep);
			}
		}
		for (let qi = 0; qi < queue.length; qi++) {
			const { lib: from, unit } = queue[qi]!;
			const u = libs.get(from)!.units[unit]!;
			for (const s of u.needs) {
				const vfile = u.needFrom?.[s];
				if (vfile !== undefined && !byFile.has(vfile) && hostFiles.has(vfile)) {
					addTo(ev.host, from, s);
					continue;
				}
				const provs = providers.get(s);
				let pick: Provider | undefined;
				if (provs !== undefined) {
					for (const p of provs) {
						if (p.lib === from) {
							pick = p;
							break;
						}
						if (chosen.has(p.lib) && (pick === undefined || (active.has(p.lib) && !active.has(pick.lib))))
							pick = p;
					}
				}
				if (pick !== undefined) {
					activate(pick.lib, pick.unit);
					if (pick.lib !== from)
						edgeSymbols(ev, from, pick.lib).add(s);
				} else if (hostDefines.has(s) || (vfile !== undefined && hostFiles.has(vfile))) {
					addTo(ev.host, from, s);
				} else if (provs === undefined) {
					addTo(ev.unresolved, s, from);
				} else {
					addTo(ev.open, s, from);
				}
			}
		}
		return ev;
	};

	const maxStates = input.maxStates ?? 50_000;
	const seen = new Set<string>();
	let best = Infinity;
	let found: string[][] = [];
	let states = 0;
	let truncated = false;
	const search = (chosen: Set<string>): void => {
		if (chosen.size > best)
			return;
		const key = [...chosen].sort().join('\0');
		if (seen.has(key))
			return;
		seen.add(key);
		if (++states > maxStates && found.length > 0) {
			truncated = true;
			return;
		}
		const ev = evaluate(chosen);
		if (ev.forced.size > 0) {
			search(new Set([...chosen, ...ev.forced]));
			return;
		}
		if (ev.open.size === 0) {
			const set = [...chosen].sort();
			if (set.length < best) {
				best = set.length;
				found = [set];
			} else if (found.length <= MAX_TIES) {
				found.push(set);
			}
			return;
		}
		if (chosen.size + 1 > best)
			return;
		// Branch on the open symbol with the fewest providers: forced choices first.
		let sym = '';
		let cands: string[] = [];
		for (const s of [...ev.open.keys()].sort()) {
			const c = [...new Set(providers.get(s)!.map((p) => p.lib))];
			if (sym === '' || c.length < cands.length) {
				sym = s;
				cands = c;
			}
		}
		// Try first the providers that cover the most open symbols.
		const cover = (lib: string): number => {
			let n = 0;
			for (const s of ev.open.keys())
				if (providers.get(s)!.some((p) => p.lib === lib))
					n++;
			return n;
		};
		const ranked = cands.map((c) => ({ c, n: cover(c) })).sort((a, b) => b.n - a.n || (a.c < b.c ? -1 : 1));
		for (const { c } of ranked)
			search(new Set([...chosen, c]));
	};
	search(new Set([...whole]));

	const chosenSet = found[0]!;
	const ties = found.slice(1);
	const ev = evaluate(new Set(chosenSet));
	const dependencies: Dependency[] = [];
	for (const [from, m] of ev.edges)
		for (const [to, syms] of m) {
			const d: Dependency = { from, to, symbols: [...syms].sort(byShownName) };
			if (ev.explicit.has(`${from}\0${to}`))
				d.explicit = true;
			dependencies.push(d);
		}
	dependencies.sort((a, b) => (a.from + '\0' + a.to < b.from + '\0' + b.to ? -1 : 1));
	const host = new Map<string, string[]>();
	for (const [lib, syms] of ev.host)
		host.set(lib, [...syms].sort(byShownName));
	const unresolved = [...ev.unresolved].map(([symbol, by]) => ({ symbol, neededBy: [...by].sort() }))
	    .sort((a, b) => byShownName(a.symbol, b.symbol));
	return { solution: { libraries: chosenSet, dependencies, host, unresolved }, ties, truncated, states };
}
