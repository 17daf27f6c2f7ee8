/**
 * Text for people and tools from a plan: the answer line, --explain,
 * --why, --json and --dot. Pure; symbols are shown without `rumpns_`.
 */
import { SymbolNotNeededError } from './errors.js';
import { chainTo, edgeLabel, summarizeSymbols, toDot } from './graph.js';
import type { WmdPlan } from './index.js';
import { displaySymbol, libName, RUMPNS } from './names.js';

const SHOWN = 3;

export function formatAnswer(plan: WmdPlan): string {
	return plan.flags.join(' ');
}

/** For each library: requested, or which requested library needs it, through which symbols. */
export function formatExplain(plan: WmdPlan): string[] {
	const lines: string[] = [];
	const base = new Set(plan.base);
	const requested = new Set(plan.requested);
	const width = Math.max(...plan.loadOrder.map((l) => l.length + 3));
	for (const lib of plan.loadOrder) {
		const head = libName(lib).padEnd(width);
		if (requested.has(lib)) {
			lines.push(`${head} requested`);
			continue;
		}
		const why: string[] = [];
		for (const from of [...(plan.graph.predecessors(lib) ?? [])].sort()) {
			const l = edgeLabel(plan.graph, from, lib)!;
			const roots = requested.has(from) ? [] : plan.requested.filter((r) => chainTo(plan.graph, [r], from) !== undefined);
			const forWhom = roots.length > 0 ? ` (for ${roots.map(libName).join(', ')})` : '';
			const what = l.symbols.length === 0
			    ? 'DT_NEEDED'
			    : `${l.symbols.length} symbol${l.symbols.length === 1 ? '' : 's'}: ${summarizeSymbols(l.symbols.map(displaySymbol), SHOWN)}`;
			why.push(`needed by ${libName(from)}${forWhom} for ${what}`);
		}
		const tag = base.has(lib) ? ' [kernel base]' : '';
		lines.push(`${head} ${why.length > 0 ? why.join('; ') : 'kernel base'}${why.length > 0 ? tag : ''}`);
	}
	if (plan.base.length > 0 && plan.mode === 'shared')
		lines.push(`(kernel base ${plan.base.map((l) => `-l${l}`).join(' ')} not printed: rump_server links it)`);
	for (const [lib, syms] of [...plan.host].sort()) {
		if (syms.length > 0)
			lines.push(`${libName(lib).padEnd(width)} uses the host C library for ${syms.length} symbol${syms.length === 1 ? '' : 's'}: ${summarizeSymbols(syms.map(displaySymbol), SHOWN)}`);
	}
	return lines;
}

/** The chain that pulls the library defining `symbol` into the answer. */
export function formatWhy(plan: WmdPlan, symbol: string): string[] {
	const candidates = symbol.startsWith(RUMPNS) ? [symbol] : [RUMPNS + symbol, symbol];
	const shown = displaySymbol(symbol);
	for (const sym of candidates) {
		const providers = plan.loadOrder.filter((l) => plan.libraries.get(l)!.units.some((u) => u.defines.includes(sym)));
		if (providers.length === 0)
			continue;
		// Prefer the edge that carries the symbol itself.
		for (const d of plan.dependencies) {
			if (!d.symbols.includes(sym))
				continue;
			const chain = plan.requested.includes(d.from) ? [d.from] : chainTo(plan.graph, plan.requested, d.from)
			    ?? chainTo(plan.graph, plan.base, d.from) ?? [d.from];
			return [`${shown} is defined by ${libName(d.to)}`, ...formatChain(plan, [...chain, d.to], sym)];
		}
		const p = providers[0]!;
		if (plan.requested.includes(p))
			return [`${shown} is defined by ${libName(p)}, which was requested`];
		// Nothing in the answer uses the symbol: say why its library is there anyway.
		const chain = chainTo(plan.graph, plan.requested, p) ?? chainTo(plan.graph, plan.base, p);
		if (chain === undefined)
			return [`${shown} is defined by ${libName(p)}, part of the kernel base; nothing in the answer uses it`];
		return [`${shown} is defined by ${libName(p)}; nothing in the answer uses it, the library is there for:`, ...formatChain(plan, chain, sym)];
	}
	for (const [lib, syms] of plan.host)
		if (candidates.some((c) => syms.includes(c)))
			return [`${shown} comes from the host C library (needed by ${libName(lib)})`];
	throw new SymbolNotNeededError(symbol, plan.requested);
}

function formatChain(plan: WmdPlan, chain: string[], sym: string): string[] {
	const lines: string[] = [];
	for (let i = 0; i + 1 < chain.length; i++) {
		const from = chain[i]!;
		const to = chain[i + 1]!;
		const l = edgeLabel(plan.graph, from, to)!;
		const tag = plan.requested.includes(from) ? ' (requested)' : plan.base.includes(from) ? ' (kernel base)' : '';
		const syms = l.symbols.includes(sym) ? [sym, ...l.symbols.filter((s) => s !== sym)] : l.symbols;
		const what = syms.length === 0 ? 'DT_NEEDED' : summarizeSymbols(syms.map(displaySymbol), SHOWN);
		lines.push(`${'  '.repeat(i)}${libName(from)}${tag} needs ${libName(to)} for ${what}`);
	}
	return lines;
}

export interface PlanJson {
	mode: string;
	requested: string[];
	libraries: string[];
	flags: string[];
	loadOrder: string[];
	base: string[];
	dependencies: { from: string; to: string; symbols: string[]; explicit?: boolean }[];
	host: Record<string, string[]>;
	ties: string[][];
	truncated: boolean;
}

export function formatJson(plan: WmdPlan): string {
	const out: PlanJson = {
		mode: plan.mode,
		requested: plan.requested,
		libraries: plan.printed,
		flags: plan.flags,
		loadOrder: plan.loadOrder,
		base: plan.base,
		dependencies: plan.dependencies.map((d) => ({ ...d, symbols: d.symbols.map(displaySymbol) })),
		host: Object.fromEntries([...plan.host].map(([l, s]) => [l, s.map(displaySymbol)])),
		ties: plan.ties,
		truncated: plan.truncated,
	};
	return JSON.stringify(out, null, 2);
}

export function formatDot(plan: WmdPlan): string {
	return toDot(plan.graph, new Set(plan.base), new Set(plan.requested), displaySymbol);
}
