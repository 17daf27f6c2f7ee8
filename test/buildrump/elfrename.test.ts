import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renameElfSymbols } from '../../buildrump/elfrename.js';
import { renameInProcess, rumpnsRule, writeRenameFile } from '../../buildrump/rename.js';
import { run } from '../helpers/run.js';

const SRC = `
extern int printf(const char *, ...);
extern int counter;
int shared_common;
static int file_local;
__attribute__((weak)) int weak_hook(void) { return 1; }
int rump_public(void) { return 2; }
extern int rumpuser_getc(void);
int
kernel_function(int x)
{
	file_local += x;
	counter++;
	printf("%d\\n", rumpuser_getc());
	return weak_hook() + rump_public() + file_local;
}
`;

async function compile(dir: string, flags: string[]): Promise<string> {
	writeFileSync(path.join(dir, 'k.c'), SRC);
	const out = path.join(dir, 'k.o');
	const r = await run('gcc', ['-c', '-g', '-fcommon', ...flags, path.join(dir, 'k.c'), '-o', out]);
	expect(r.stderr).toBe('');
	return out;
}

describe('renaming symbols in process', () => {
	for (const flags of [[], ['-fPIC']]) {
		it(`gives the symbols, relocations and debug names objcopy gives (${flags.join(' ') || 'static'})`, async () => {
			const dir = mkdtempSync(path.join(tmpdir(), 'rumpkit-ren-'));
			const obj = await compile(dir, flags);
			const viaObjcopy = path.join(dir, 'objcopy.o');
			copyFileSync(obj, viaObjcopy);
			expect(writeRenameFile(viaObjcopy, `${viaObjcopy}.syms`)).toBe(true);
			expect((await run('objcopy', [`--redefine-syms=${viaObjcopy}.syms`, viaObjcopy])).code).toBe(0);
			expect(renameInProcess(obj)).toBe(true);
			const nm = async (f: string): Promise<string> => (await run('nm', ['-P', f])).stdout;
			const relocs = async (f: string): Promise<string> => (await run('readelf', ['-rW', f])).stdout
			    .split('\n').filter((l) => !l.includes('offset 0x')).map((l) => l.trim().split(/\s+/).slice(4).join(' ')).join('\n');
			expect(await nm(obj)).toBe(await nm(viaObjcopy));
			expect(await relocs(obj)).toBe(await relocs(viaObjcopy));
			const syms = await nm(obj);
			expect(syms).toMatch(/^rumpns_kernel_function T/m);
			expect(syms).toMatch(/^rumpns_printf U/m);
			expect(syms).toMatch(/^rumpns_shared_common C/m);
			expect(syms).toMatch(/^rumpns_weak_hook W/m);
			expect(syms).toMatch(/^rump_public T/m);
			expect(syms).toMatch(/^rumpuser_getc U/m);
			expect(syms).toMatch(/^file_local b/m);
			// The debugger still knows the source names.
			const gdb = await run('gdb', ['-batch', '-nx', '-ex', 'info line kernel_function', obj]);
			expect(gdb.stdout).toMatch(/Line \d+ of ".*k\.c"/);
			// And it links: the renamed object's references resolve against renamed definitions.
			writeFileSync(path.join(dir, 'other.c'), 'int rumpns_counter; int rumpns_printf(const char *f, ...) { return 0; }\nint rumpuser_getc(void) { return 3; }\nint rumpns_kernel_function(int);\nint main(void) { return rumpns_kernel_function(1) == 4 ? 0 : 1; }\n');
			const exe = path.join(dir, 'prog');
			const l = await run('gcc', ['-o', exe, path.join(dir, 'other.c'), obj]);
			expect(l.stderr).toBe('');
			expect((await run(exe, [])).code).toBe(0);
		});
	}

	it('leaves other ELF flavours to objcopy and never changes an object with nothing to rename', () => {
		const elf32 = Buffer.alloc(64);
		elf32.write('\x7fELF', 0, 'latin1');
		elf32[4] = 1;
		elf32[5] = 1;
		expect(renameElfSymbols(elf32, rumpnsRule)).toBeNull();
		expect(renameElfSymbols(Buffer.from('not an object at all, not at all, not at all, not at all!!!!!!!'), rumpnsRule)).toBeNull();
		const dir = mkdtempSync(path.join(tmpdir(), 'rumpkit-ren-'));
		const f = path.join(dir, 'x');
		writeFileSync(f, readFileSync(process.execPath).subarray(0, 4096));
		// A truncated executable is not a relocatable object.
		expect(renameElfSymbols(readFileSync(f), rumpnsRule)).toBeNull();
	});
});
