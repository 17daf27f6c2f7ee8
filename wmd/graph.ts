/**
 * The dependency graph of an answer (@dagrejs/graphlib): a node per
 * library, an edge needer -> provider labelled with the symbols. Gives the
 * load order (dependencies first), the static link order (dependents
 * first, cycles grouped) and the chain that pulls a library in.
 */
import { Graph, alg } from '@dagrejs/graphlib';
import type { Dependency } from './solve.js';

export interface EdgeLabel {
	symbols: string[];
	explicit: boolean;
}

export function buildGraph(libraries: string[], dependencies: Dependency[]): Graph {
	const g = new Graph({ directed: true });
	for (const l of libraries)
		g.setNode(l);
	for (const d of dependencies) {
		const label: EdgeLabel = { symbols: d.symbols, explicit: d.explicit === true };
		g.setEdge(d.from, d.to, label);
	}
	return g;
}

/**
 * Strongly connected components in dependency order: every component comes
 * after the components it depends on (with `dependentsFirst`, before them:
 * static link order). Ties break by `rank` (requested libraries in
 * command-line order first), then by name, so answers are stable.
 */
export function componentOrder(g: Graph, rank: (lib: string) => number, dependentsFirst = false): string[][] {
	const cmp = (a: string, b: string): number => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
	const comps = alg.tarjan(g).map((c) => [...c].sort(cmp));
	const compOf = new Map<string, number>();
	comps.forEach((c, i) => c.forEach((l) => compOf.set(l, i)));
	const done = new Set<number>();
	const out: string[][] = [];
	const visit = (i: number): void => {
		if (done.has(i))
			return;
		done.add(i);
		const succ = new Set<number>();
		for (const l of comps[i]!)
			for (const w of (dependentsFirst ? g.predecessors(l) : g.successors(l)) ?? [])
				if (compOf.get(w) !== i)
					succ.add(compOf.get(w)!);
		for (const j of [...succ].sort((a, b) => cmp(comps[a]![0]!, comps[b]![0]!)))
			visit(j);
		out.push(comps[i]!);
	};
	const roots = comps.map((_, i) => i).sort((a, b) => cmp(comps[a]![0]!, comps[b]![0]!));
	for (const i of roots)
		visit(i);
	return out;
}

/**
 * The shortest chain of libraries from one of `from` to `to`, with the
 * symbols of each step; undefined when `to` is not reachable.
 */
export function chainTo(g: Graph, from: string[], to: string): string[] | undefined {
	const prev = new Map<string, string | null>();
	const queue: string[] = [];
	for (const f of from)
		if (g.hasNode(f) && !prev.has(f)) {
			prev.set(f, null);
			queue.push(f);
		}
	for (let i = 0; i < queue.length; i++) {
		const v = queue[i]!;
		if (v === to)
			break;
		for (const w of [...(g.successors(v) ?? [])].sort())
			if (!prev.has(w)) {
				prev.set(w, v);
				queue.push(w);
			}
	}
	if (!prev.has(to))
		return undefined;
	const path: string[] = [];
	for (let v: string | null | undefined = to; v !== null && v !== undefined; v = prev.get(v))
		path.unshift(v);
	return path;
}

export function edgeLabel(g: Graph, from: string, to: string): EdgeLabel | undefined {
	return g.edge(from, to) as EdgeLabel | undefined;
}

/** Graphviz text of the graph; `base` nodes are drawn dashed. */
export function toDot(g: Graph, base: Set<string>, requested: Set<string>, show: (s: string) => string): string {
	const q = (s: string): string => JSON.stringify(s);
	const lines = ['digraph rump_wmd {', '\trankdir=LR;', '\tnode [shape=box];'];
	for (const v of [...g.nodes()].sort()) {
		const attrs = [`label=${q('lib' + v)}`];
		if (base.has(v))
			attrs.push('style=dashed');
		if (requested.has(v))
			attrs.push('penwidth=2');
		lines.push(`\t${q(v)} [${attrs.join(', ')}];`);
	}
	for (const e of [...g.edges()].sort((a, b) => (a.v + a.w < b.v + b.w ? -1 : 1))) {
		const l = edgeLabel(g, e.v, e.w)!;
		const label = l.symbols.length === 0 ? 'DT_NEEDED' : summarizeSymbols(l.symbols.map(show), 3);
		lines.push(`\t${q(e.v)} -> ${q(e.w)} [label=${q(label)}];`);
	}
	lines.push('}');
	return lines.join('\n');
}

/** `a, b, c and 12 more` */
export function summarizeSymbols(symbols: string[], n: number): string {
	const head = symbols.slice(0, n).join(', ');
	return symbols.length > n ? `${head} and ${symbols.length - n} more` : head;
}
