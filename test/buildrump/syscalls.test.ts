import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emitClientStubsC, emitPublicH, emitSysentC, emitSyscallArgsH } from '../../buildrump/gen/syscalls-emit.js';
import { parseSyscallsMaster } from '../../buildrump/gen/syscalls-parse.js';
import { emitRumpdefsH } from '../../buildrump/gen/rumpdefs.js';
import { REPO } from '../helpers/run.js';

describe('syscalls.master', () => {
	it('parses the real table: NetBSD numbers, providers and named arguments', () => {
		const e = parseSyscallsMaster(readFileSync(path.join(REPO, 'kernel/syscalls.master'), 'utf8'));
		const mkdir = e.find((x) => x.name === 'mkdir');
		expect(mkdir).toMatchObject({ number: 136, provider: 'rumpvfs', ret: 'int',
			args: [{ type: 'const char *', name: 'path', pad: false }, { type: 'mode_t', name: 'mode', pad: false }] });
		expect(e.find((x) => x.name === 'getpid')).toMatchObject({ number: 20, provider: 'rump', args: [] });
		expect(e.find((x) => x.name === 'pread')?.args.map((a) => a.pad)).toEqual([false, false, false, true, false]);
	});

	it('names the line and the field of every mistake', () => {
		const bad: [string, string][] = [
			['20 STD rump { pid_t getpid(void); }\n20 STD rump { int x(void); }', 'f:2: number: 20 is not above the previous 20'],
			['600 STD rump { int x(void); }', 'f:1: number: 600 is not below 512'],
			['1 FOO rump { int x(void); }', 'f:1: class: "FOO" is not STD or UNIMPL'],
			['1 STD rump int x(void);', 'f:1: prototype: expected "{ <type> <name>(<args>); }"'],
			['1 STD rump { int x(int); }', 'f:1: argument 1: expected "<type> <name>", got "int"'],
			['1 STD rump { int x(void); }\n2 STD rump { int x(void); }', 'f:2: name: x is defined twice'],
			['x STD rump { int x(void); }', 'f:1: number: "x" is not a decimal number'],
		];
		for (const [text, msg] of bad)
			expect(() => parseSyscallsMaster(text, 'f'), text).toThrow(msg);
	});

	it('keeps ; inside the prototype and drops comments outside it', () => {
		const e = parseSyscallsMaster('; header\n5 STD rumpvfs { int open(const char *path, int flags, mode_t mode); } ; trailing\n# more\n7 UNIMPL - ; gone\n', 'f');
		expect(e.map((x) => [x.number, x.class, x.name])).toEqual([[5, 'STD', 'open'], [7, 'UNIMPL', '#7']]);
	});

	it('generates a table where component calls start empty and core calls are linked', () => {
		const e = parseSyscallsMaster('20 STD rump { pid_t getpid(void); }\n136 STD rumpvfs { int mkdir(const char *path, mode_t mode); }\n', 'f');
		const sysent = emitSysentC(e);
		expect(sysent).toContain('[20] = { 0, 0, 0, (sy_call_t *)sys_getpid, "getpid", "rump" }');
		expect(sysent).toContain('[136] = { 2, sizeof(struct sys_mkdir_args), SYF_COMPONENT, NULL, "mkdir", "rumpvfs" }');
		const args = emitSyscallArgsH(e);
		expect(args).toContain('struct sys_mkdir_args {\n\tsyscallarg(const char *) path;\n\tsyscallarg(mode_t) mode;\n};');
		expect(args).toContain('extern const struct syscall_package rumpvfs_syscalls[];');
	});

	it('writes host types in the public header and refuses a type it cannot translate', () => {
		const e = parseSyscallsMaster('439 STD rumpvfs { int stat(const char *path, struct stat *ub); }\n199 STD rumpvfs { off_t lseek(int fd, int PAD, off_t offset, int whence); }\n'.split('\n').reverse().join('\n'), 'f');
		const h = emitPublicH(e, 'f');
		expect(h).toContain('int\trump_sys_stat(const char *path, struct rump_stat *ub);');
		expect(h).toContain('int64_t\trump_sys_lseek(int fd, int64_t offset, int whence);');
		expect(emitClientStubsC(e, 'f')).toContain('callarg[2] = (int64_t)offset;');
		const odd = parseSyscallsMaster('1 STD rump { int x(frob_t f); }', 'f');
		expect(() => emitPublicH(odd, 'f')).toThrow('f:1: type: "frob_t" has no public host type');
	});
});

describe('rumpdefs.h', () => {
	it('exports constants as RUMP_ names, including ones defined through others', () => {
		const h = emitRumpdefsH([{ path: 'sys/fcntl.h', text: '#define O_ACCMODE (O_RDONLY|O_WRONLY|O_RDWR)\n#define O_RDONLY 0x00000000\n#define O_WRONLY 0x00000001\n#define O_RDWR 0x00000002\n#define _SYS_FCNTL_H_\n#define FFLAGS(x) ((x)+1)\n' }]);
		expect(h).toContain('#define\tRUMP_O_ACCMODE\t(RUMP_O_RDONLY|RUMP_O_WRONLY|RUMP_O_RDWR)');
		expect(h).toContain('#define\tRUMP_O_WRONLY\t0x00000001');
		expect(h).not.toContain('FFLAGS');
		expect(h).not.toContain('_SYS_FCNTL_H_');
	});
});
