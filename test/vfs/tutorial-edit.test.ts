/**
 * The tutorial's edits to tmpfs_mkdir compile as written and do what it
 * shows: the printf prints who made the directory, the inverted check
 * panics with the tutorial's message. The edited tmpfs_vnops.c is built
 * with the tree's own compile command and symbol renaming, and linked in
 * place of the original.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRenameFile } from '../../buildrump/rename.js';
import { REPO, run } from '../helpers/run.js';
import { realTree, type Tree } from '../helpers/tree.js';
import { VFS_TEST_DIR } from './programs.js';

const PRINTF = '\tprintf("directory \\"%s\\" created by pid %d\\n",\n\t    cnp->cn_nameptr, curproc->p_pid);\n';
const PANIC = '\tif (dvp != NULL) panic("tmpfs_mkdir: parent directory is NULL");\n';

let tree: Tree;
const dirs: string[] = [];
beforeAll(async () => {
	tree = await realTree();
});
afterAll(() => {
	// The panic leaves a core in its directory.
	for (const d of dirs)
		rmSync(d, { recursive: true, force: true });
});

function scratch(): string {
	const d = mkdtempSync(path.join(tmpdir(), 'rumpkit-edit-'));
	dirs.push(d);
	return d;
}

interface CompileEntry { file: string; arguments: string[]; directory: string }

/** tmpfs_vnops.c with lines added after the declarations the tutorial names, built and renamed. */
async function buildEdited(dir: string, lines: string): Promise<string> {
	const src = path.join(REPO, 'components', 'fs', 'tmpfs', 'tmpfs_vnops.c');
	const text = readFileSync(src, 'utf8');
	const anchor = 'int\ntmpfs_mkdir(void *v)\n{\n\tstruct vop_mkdir_args *ap = v;\n\tvnode_t *dvp = ap->a_dvp;\n\tstruct componentname *cnp = ap->a_cnp;\n';
	expect(text).toContain(anchor);
	const rest = text.slice(text.indexOf(anchor) + anchor.length);
	// After the remaining declarations of the function, as an editor would put it.
	const declEnd = rest.search(/\n\n/);
	const edited = text.slice(0, text.indexOf(anchor) + anchor.length) + rest.slice(0, declEnd + 1) + lines + rest.slice(declEnd + 1);
	const esrc = path.join(dir, 'tmpfs_vnops.c');
	writeFileSync(esrc, edited);
	copyFileSync(path.join(REPO, 'components', 'fs', 'tmpfs', 'tmpfs.h'), path.join(dir, 'tmpfs.h'));
	copyFileSync(path.join(REPO, 'components', 'fs', 'tmpfs', 'tmpfs_args.h'), path.join(dir, 'tmpfs_args.h'));
	const cc = (JSON.parse(readFileSync(path.join(tree.objdir, 'compile_commands.json'), 'utf8')) as CompileEntry[])
		.find((e) => e.file === src && e.arguments.includes('-c') && e.arguments.at(-1)?.endsWith('.o'));
	if (cc === undefined)
		throw new Error('no compile command for tmpfs_vnops.o');
	const obj = path.join(dir, 'tmpfs_vnops.o');
	const args: string[] = [];
	for (let i = 1; i < cc.arguments.length; i++) {
		const a = cc.arguments[i];
		if (a === '-MMD')
			continue;
		if (a === '-MF' || a === '-o') {
			i++;
			continue;
		}
		args.push(a === src ? esrc : a);
	}
	const r = await run(cc.arguments[0], [...args, '-o', obj], { cwd: dir });
	expect(r.stderr).toBe('');
	expect(r.code).toBe(0);
	const syms = path.join(dir, 'tmpfs_vnops.syms');
	if (writeRenameFile(obj, syms))
		expect((await run('objcopy', ['--redefine-syms', syms, obj])).code).toBe(0);
	const prog = path.join(dir, 'tutorial');
	const lib = (l: string): string => path.join(tree.libdir, `lib${l}.a`);
	const objs = ['tmpfs_subr.o', 'tmpfs_vfsops.o'].map((o) => path.join(tree.objdir, 'libtmpfs', o));
	const ld = await run('gcc', ['-g', `-I${tree.incdir}`, `-I${VFS_TEST_DIR}`, path.join(VFS_TEST_DIR, 'tutorial.c'), obj, ...objs,
		'-Wl,--whole-archive', lib('rumpvfs'), lib('rump'), '-Wl,--no-whole-archive', lib('rumpuser'), '-lpthread', '-ldl', '-o', prog]);
	expect(ld.stderr).toBe('');
	return prog;
}

describe('the tutorial\'s edits to tmpfs_mkdir', () => {
	it('prints the directory and the pid of who made it', async () => {
		const dir = scratch();
		const prog = await buildEdited(dir, PRINTF);
		const r = await run(prog, [], { cwd: dir });
		expect(r.stdout).toContain('directory "test" created by pid 1\n');
		expect(r.code).toBe(0);
	});

	it('panics with the tutorial\'s message when the check is inverted', async () => {
		const dir = scratch();
		const prog = await buildEdited(dir, PRINTF + PANIC);
		const r = await run(prog, [], { cwd: dir });
		const out = r.stdout + r.stderr;
		expect(out).toContain('directory "test" created by pid 1\n');
		expect(out).toContain('panic: tmpfs_mkdir: parent directory is NULL\nrump kernel halting...');
		expect(r.signal).toBe('SIGABRT');
	});
});
