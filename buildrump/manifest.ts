/**
 * Component manifests (docs/manifest.md): parsing and validation (pure) and
 * discovery of component.json files under kernel/ and components/ (IO).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { RumpkitError } from './errors.js';

export class ManifestError extends RumpkitError {
	constructor(file: string, field: string, message: string) {
		super('RUMPKIT_MANIFEST', `${file}: ${field}: ${message}`);
	}
}

export interface ProgSpec {
	name: string;
	srcs: string[];
	cflags: string[];
	/** Libraries of this tree to link, or `@all`. */
	libs: string[];
	ldadd: string[];
}

export interface Manifest {
	/** Path of component.json, relative to the tree root (for messages). */
	file: string;
	/** Absolute folder of the component. */
	dir: string;
	lib?: string;
	objdir: string;
	srcs: string[];
	cflags: string[];
	includes: string[];
	headers: string[];
	host: boolean;
	ldadd: string[];
	rumpdefs: string[];
	progs: ProgSpec[];
}

const FIELDS = new Set(['lib', 'objdir', 'srcs', 'cflags', 'includes', 'headers', 'host', 'ldadd', 'rumpdefs', 'progs']);
const PROG_FIELDS = new Set(['name', 'srcs', 'cflags', 'libs', 'ldadd']);
const NAME = /^[A-Za-z0-9_]+$/;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function stringList(file: string, field: string, v: Json | undefined): string[] {
	if (v === undefined)
		return [];
	if (!Array.isArray(v))
		throw new ManifestError(file, field, 'must be a list of strings');
	return v.map((x, i) => {
		if (typeof x !== 'string' || x === '')
			throw new ManifestError(file, `${field}[${i}]`, 'must be a non-empty string');
		return x;
	});
}

/** The default objdir: `rumpfs_tmpfs` → `libtmpfs`, `rumpvfs` → `librumpvfs`. */
export function defaultObjdir(lib: string): string {
	const i = lib.indexOf('_');
	return 'lib' + (i >= 0 ? lib.slice(i + 1) : lib);
}

/** Expand `*` and `?` in the last path segment of a source pattern. */
export function expandSources(dir: string, file: string, field: string, pats: string[]): string[] {
	const out: string[] = [];
	pats.forEach((p, i) => {
		if (!/[*?]/.test(p)) {
			if (!existsSync(path.join(dir, p)))
				throw new ManifestError(file, `${field}[${i}]`, `${p} does not exist`);
			out.push(p);
			return;
		}
		const sub = path.dirname(p);
		if (/[*?]/.test(sub))
			throw new ManifestError(file, `${field}[${i}]`, `${p}: wildcards only in the file name`);
		const re = new RegExp('^' + path.basename(p).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
		const abs = path.join(dir, sub);
		const names = existsSync(abs) ? readdirSync(abs).filter((n) => re.test(n)).sort() : [];
		for (const n of names)
			out.push(sub === '.' ? n : path.join(sub, n));
	});
	return out;
}

export function parseManifest(text: string, file: string, dir: string): Manifest {
	let j: Json;
	try {
		j = JSON.parse(text) as Json;
	} catch (e) {
		throw new ManifestError(file, '(json)', (e as Error).message);
	}
	if (j === null || typeof j !== 'object' || Array.isArray(j))
		throw new ManifestError(file, '(json)', 'must be an object');
	for (const k of Object.keys(j))
		if (!FIELDS.has(k))
			throw new ManifestError(file, k, `unknown field (known: ${[...FIELDS].join(', ')})`);
	let lib: string | undefined;
	if (j.lib !== undefined) {
		if (typeof j.lib !== 'string' || !NAME.test(j.lib))
			throw new ManifestError(file, 'lib', 'must be a name of letters, digits and _');
		lib = j.lib;
	}
	if (j.host !== undefined && typeof j.host !== 'boolean')
		throw new ManifestError(file, 'host', 'must be true or false');
	if (j.objdir !== undefined && (typeof j.objdir !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(j.objdir)))
		throw new ManifestError(file, 'objdir', 'must be a folder name');
	const progsJson = j.progs ?? [];
	if (!Array.isArray(progsJson))
		throw new ManifestError(file, 'progs', 'must be a list of objects');
	const progs = progsJson.map((p, i): ProgSpec => {
		const f = `progs[${i}]`;
		if (p === null || typeof p !== 'object' || Array.isArray(p))
			throw new ManifestError(file, f, 'must be an object');
		for (const k of Object.keys(p))
			if (!PROG_FIELDS.has(k))
				throw new ManifestError(file, `${f}.${k}`, `unknown field (known: ${[...PROG_FIELDS].join(', ')})`);
		if (typeof p.name !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(p.name))
			throw new ManifestError(file, `${f}.name`, 'must be a program name');
		const srcs = expandSources(dir, file, `${f}.srcs`, stringList(file, `${f}.srcs`, p.srcs));
		if (srcs.length === 0)
			throw new ManifestError(file, `${f}.srcs`, 'names no source');
		return {
			name: p.name, srcs, cflags: stringList(file, `${f}.cflags`, p.cflags),
			libs: stringList(file, `${f}.libs`, p.libs), ldadd: stringList(file, `${f}.ldadd`, p.ldadd),
		};
	});
	if (lib === undefined && progs.length === 0)
		throw new ManifestError(file, 'lib', 'a manifest needs "lib", "progs" or both');
	const srcs = expandSources(dir, file, 'srcs', stringList(file, 'srcs', j.srcs));
	const headers = stringList(file, 'headers', j.headers);
	headers.forEach((h, i) => {
		if (!existsSync(path.join(dir, h)))
			throw new ManifestError(file, `headers[${i}]`, `${h} does not exist`);
	});
	const rumpdefs = stringList(file, 'rumpdefs', j.rumpdefs);
	rumpdefs.forEach((h, i) => {
		if (!existsSync(path.join(dir, h)))
			throw new ManifestError(file, `rumpdefs[${i}]`, `${h} does not exist`);
	});
	const includes = stringList(file, 'includes', j.includes);
	includes.forEach((h, i) => {
		const abs = path.join(dir, h);
		if (!existsSync(abs) || !statSync(abs).isDirectory())
			throw new ManifestError(file, `includes[${i}]`, `${h} is not a folder`);
	});
	if (lib !== undefined && srcs.length === 0 && j.srcs !== undefined && !(j.srcs as Json[]).some((s) => typeof s === 'string' && /[*?]/.test(s)))
		throw new ManifestError(file, 'srcs', 'names no source');
	return {
		file, dir, lib,
		objdir: typeof j.objdir === 'string' ? j.objdir : lib !== undefined ? defaultObjdir(lib) : path.basename(dir),
		srcs, cflags: stringList(file, 'cflags', j.cflags), includes, headers,
		host: j.host === true, ldadd: stringList(file, 'ldadd', j.ldadd), rumpdefs, progs,
	};
}

const SKIP = new Set(['node_modules', 'obj', 'rump', 'dist']);

/** Every component.json under <root>/kernel and <root>/components, sorted by path. */
export function findManifestFiles(root: string): string[] {
	const out: string[] = [];
	const walk = (dir: string): void => {
		let ents;
		try {
			ents = readdirSync(dir, { withFileTypes: true });
		} catch {
			return;
		}
		for (const e of ents) {
			if (e.isDirectory()) {
				if (!e.name.startsWith('.') && !SKIP.has(e.name))
					walk(path.join(dir, e.name));
			} else if (e.name === 'component.json') {
				out.push(path.join(dir, e.name));
			}
		}
	};
	walk(path.join(root, 'kernel'));
	walk(path.join(root, 'components'));
	return out.sort();
}

/** Read and validate every manifest of the tree; names must be unique. */
export function readManifests(root: string): Manifest[] {
	const ms = findManifestFiles(root).map((f) =>
	    parseManifest(readFileSync(f, 'utf8'), path.relative(root, f), path.dirname(f)));
	const libs = new Map<string, string>();
	const objdirs = new Map<string, string>();
	const progs = new Map<string, string>();
	for (const m of ms) {
		if (m.lib !== undefined) {
			const other = libs.get(m.lib);
			if (other !== undefined)
				throw new ManifestError(m.file, 'lib', `"${m.lib}" is also the lib of ${other}`);
			libs.set(m.lib, m.file);
		}
		const od = objdirs.get(m.objdir);
		if (od !== undefined)
			throw new ManifestError(m.file, 'objdir', `"${m.objdir}" is also the objdir of ${od}`);
		objdirs.set(m.objdir, m.file);
		for (const [i, p] of m.progs.entries()) {
			const other = progs.get(p.name);
			if (other !== undefined)
				throw new ManifestError(m.file, `progs[${i}].name`, `"${p.name}" is also a program of ${other}`);
			progs.set(p.name, m.file);
		}
	}
	for (const m of ms)
		for (const [i, p] of m.progs.entries())
			for (const [k, l] of p.libs.entries())
				if (l !== '@all' && !libs.has(l))
					throw new ManifestError(m.file, `progs[${i}].libs[${k}]`, `no component builds lib "${l}"`);
	return ms;
}
