/**
 * The build plan: from manifests and the configuration, every output with
 * the command that makes it and the outputs it needs first. Pure: no
 * files are read or written here.
 */
import path from 'node:path';
import type { Manifest } from './manifest.js';
import { compileFlags, type BuildConfig } from './toolchain.js';

export type Verb = 'compile' | 'build' | 'link';

export interface Step {
	/** Absolute output path: the step's identity and its build-database key. */
	out: string;
	/** Shown in progress lines, NetBSD style: `libtmpfs/tmpfs_vnops.o`. */
	label: string;
	verb: Verb;
	/** lib or program name the step belongs to. */
	unit: string;
	/** The command whose hash decides "flags changed". */
	argv: string[];
	/** Files read by the command besides headers found through the depfile. */
	inputs: string[];
	/** Steps whose outputs must exist first. */
	deps: Step[];
	/** Compile steps: the source, the depfile and whether symbols get the rumpns_ prefix. */
	src?: string;
	depfile?: string;
	rename?: boolean;
	/** Link steps that write a temp file and rename it into place. */
	tmpOut?: string;
	/** Shared libraries: symlinks (name -> target) made next to the output. */
	links?: [string, string][];
}

export interface LibUnit {
	manifest: Manifest;
	lib: string;
	dir: string;
	archive: Step;
	picArchive: Step;
	shlib: Step;
	objects: Step[];
}

export interface ProgUnit {
	manifest: Manifest;
	name: string;
	link: Step;
	objects: Step[];
}

export interface Plan {
	libs: LibUnit[];
	progs: ProgUnit[];
	steps: Step[];
	/** Compile commands for compile_commands.json (static variant only). */
	compdb: { directory: string; file: string; arguments: string[]; output: string }[];
}

export interface PlanInput {
	root: string;
	objdir: string;
	manifests: Manifest[];
	config: BuildConfig;
	/** Generated sources (absolute) to add per lib. */
	genSources: Map<string, string[]>;
	/** Build only these libs/programs (rumpmake in one component); all when undefined. */
	only?: Set<Manifest>;
}

export const SO_MAJOR = '0';

export function soNames(lib: string): { real: string; soname: string; dev: string } {
	return { real: `lib${lib}.so.${SO_MAJOR}.0`, soname: `lib${lib}.so.${SO_MAJOR}`, dev: `lib${lib}.so` };
}

function objName(src: string, ext: string): string {
	return path.basename(src).replace(/\.c$/, '') + ext;
}

export function createPlan(inp: PlanInput): Plan {
	const { root, objdir, config } = inp;
	const genInc = path.join(objdir, 'gen', 'include');
	const pubInc = path.join(objdir, 'gen', 'pub');
	const kernInc = path.join(root, 'kernel', 'include');
	const steps: Step[] = [];
	const compdb: Plan['compdb'] = [];
	const libs: LibUnit[] = [];
	const progs: ProgUnit[] = [];
	const rel = (p: string): string => path.relative(objdir, p);

	const compile = (m: Manifest, unit: string, odir: string, src: string, flags: string[], pic: boolean, rename: boolean): Step => {
		const out = path.join(odir, objName(src, pic ? '.pico' : '.o'));
		const depfile = out + '.d';
		const argv = [...config.cc, ...flags, ...(pic ? ['-fPIC', '-DPIC'] : []), '-MMD', '-MF', depfile, '-c', src, '-o', out];
		const step: Step = { out, label: rel(out), verb: 'compile', unit, argv,
			inputs: [src], deps: [], src, depfile, rename };
		steps.push(step);
		if (!pic)
			compdb.push({ directory: m.dir, file: src, arguments: argv, output: out });
		return step;
	};

	const built = new Map<string, LibUnit>();
	for (const m of inp.manifests) {
		if (m.lib === undefined)
			continue;
		const lib = m.lib;
		const odir = path.join(objdir, m.objdir);
		const includes = [...m.includes.map((d) => path.join(m.dir, d)), ...(m.host ? [pubInc] : [genInc, kernInc])];
		const flags = compileFlags(config, m.host, includes, m.cflags);
		const srcs = [...m.srcs.map((s) => path.join(m.dir, s)), ...(inp.genSources.get(lib) ?? [])];
		const selected = inp.only === undefined || inp.only.has(m);
		const before = steps.length;
		const objs = srcs.map((s) => compile(m, lib, odir, s, flags, false, !m.host));
		const picos = srcs.map((s) => compile(m, lib, odir, s, flags, true, !m.host));
		const arch = (name: string, members: Step[]): Step => {
			const out = path.join(odir, name);
			const tmpOut = `${out}.tmp`;
			const s: Step = { out, tmpOut, label: rel(out), verb: 'build', unit: lib,
				argv: [config.ar, 'rcs', tmpOut, ...members.map((o) => o.out)], inputs: members.map((o) => o.out), deps: members };
			steps.push(s);
			return s;
		};
		const archive = arch(`lib${lib}.a`, objs);
		const picArchive = arch(`lib${lib}_pic.a`, picos);
		const names = soNames(lib);
		const shOut = path.join(odir, names.real);
		const shTmp = `${shOut}.tmp`;
		const shlib: Step = { out: shOut, tmpOut: shTmp, label: rel(shOut), verb: 'build', unit: lib,
			argv: [...config.cc, '-shared', ...(m.host ? [] : ['-nostdlib']), `-Wl,-soname,${names.soname}`,
				'-o', shTmp, ...picos.map((o) => o.out), ...m.ldadd, ...(m.host ? ['-lc'] : [])],
			inputs: picos.map((o) => o.out), deps: picos,
			links: [[path.join(odir, names.soname), names.real], [path.join(odir, names.dev), names.soname]] };
		steps.push(shlib);
		if (!selected)
			steps.splice(before);
		const unit: LibUnit = { manifest: m, lib, dir: odir, archive, picArchive, shlib, objects: [...objs, ...picos] };
		built.set(lib, unit);
		if (selected)
			libs.push(unit);
	}

	for (const m of inp.manifests) {
		if (inp.only !== undefined && !inp.only.has(m))
			continue;
		for (const p of m.progs) {
			const odir = path.join(objdir, m.objdir, p.name);
			const includes = [...m.includes.map((d) => path.join(m.dir, d)), pubInc];
			const flags = compileFlags(config, true, includes, [...m.cflags, ...p.cflags]);
			const objs = p.srcs.map((s) => compile(m, p.name, odir, path.join(m.dir, s), flags, false, false));
			const libArgs: string[] = [];
			const deps: Step[] = [...objs];
			const inputs: string[] = objs.map((o) => o.out);
			for (const l of p.libs) {
				if (l === '@all') {
					const kern = [...built.values()].filter((u) => !u.manifest.host);
					const user = built.get('rumpuser');
					libArgs.push('-Wl,--whole-archive', ...kern.map((u) => u.archive.out), '-Wl,--no-whole-archive');
					deps.push(...kern.map((u) => u.archive));
					inputs.push(...kern.map((u) => u.archive.out));
					if (user !== undefined) {
						libArgs.push(user.archive.out);
						deps.push(user.archive);
						inputs.push(user.archive.out);
					}
				} else {
					const u = built.get(l);
					if (u === undefined)
						continue;
					libArgs.push(`-L${u.dir}`, `-l${l}`);
					deps.push(u.shlib);
					inputs.push(u.shlib.out);
				}
			}
			const out = path.join(odir, p.name);
			const tmpOut = `${out}.tmp`;
			const link: Step = { out, tmpOut, label: rel(out), verb: 'link', unit: p.name,
				argv: [...config.cc, '-o', tmpOut, ...objs.map((o) => o.out), ...libArgs, ...p.ldadd, '-Wl,-rpath,$ORIGIN/../lib'],
				inputs, deps };
			steps.push(link);
			progs.push({ manifest: m, name: p.name, link, objects: objs });
		}
	}
	return { libs, progs, steps, compdb };
}
