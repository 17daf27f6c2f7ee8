/** The pure parts of rumpctrl: option parsing, shell words, formats, the env script. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../buildrump/errors.js';
import { humanize, lsDate, strmode } from '../../rumpctrl/commands/format.js';
import { encodeTmpfsArgs, parseSize } from '../../rumpctrl/commands/mount.js';
import { envScript, unenvScript } from '../../rumpctrl/env.js';
import { strerror } from '../../rumpctrl/errno.js';
import { getopt } from '../../rumpctrl/getopt.js';
import { prompt, splitWords } from '../../rumpctrl/shell.js';
import { decodeDirents } from '../../rumpctrl/structs.js';
import { readSyscallTable } from '../../rumpctrl/syscalls.js';

describe('getopt', () => {
	it('takes NetBSD option syntax', () => {
		const p = getopt(['-lR', '-s10m', '-m', '755', '--', '-x', 'a'], 'lRs:m:', 'u');
		expect([...p.flags]).toEqual([['l', true], ['R', true], ['s', '10m'], ['m', '755']]);
		expect(p.operands).toEqual(['-x', 'a']);
		expect(getopt(['a', '-l'], 'l', 'u').operands).toEqual(['a', '-l']);
	});

	it('rejects unknown options and missing arguments', () => {
		expect(() => getopt(['-z'], 'l', 'ls [-l]')).toThrow(UsageError);
		expect(() => getopt(['-s'], 's:', 'u')).toThrow(/requires an argument -- s/);
	});
});

describe('the shell', () => {
	it('splits words with quotes and escapes', () => {
		expect(splitWords(`mkdir "/mnt/a b" '/c d' e\\ f  # note`)).toEqual(['mkdir', '/mnt/a b', '/c d', 'e f']);
		expect(splitWords('  ')).toEqual([]);
		expect(splitWords(`touch ""`)).toEqual(['touch', '']);
	});

	it('names the server in its prompt', () => {
		expect(prompt('unix://ctrl')).toBe('rumpctrl (unix://ctrl)$ ');
		expect(prompt(undefined)).toBe('rumpctrl (NULL)$ ');
	});
});

describe('formats', () => {
	it('prints modes as strmode(3)', () => {
		expect(strmode(0o040755)).toBe('drwxr-xr-x');
		expect(strmode(0o100644)).toBe('-rw-r--r--');
		expect(strmode(0o120777)).toBe('lrwxrwxrwx');
		expect(strmode(0o104755)).toBe('-rwsr-xr-x');
		expect(strmode(0o041777)).toBe('drwxrwxrwt');
	});

	it('prints ls dates with the time when recent, the year when not', () => {
		const now = new Date(2026, 10, 25, 17, 20);
		expect(lsDate(new Date(2026, 10, 5, 9, 3), now)).toBe('Nov  5 09:03');
		expect(lsDate(new Date(2024, 0, 15, 9, 3), now)).toBe('Jan 15  2024');
	});

	it('humanizes sizes as df -h', () => {
		expect(humanize(512)).toBe('512B');
		expect(humanize(4 * 1024 ** 3)).toBe('4.0G');
		expect(humanize(300 * 1024 ** 2)).toBe('300M');
	});

	it('parses mount_tmpfs sizes and encodes its arguments', () => {
		expect(parseSize('10m')).toBe(10 * 1024 * 1024);
		expect(parseSize('4096')).toBe(4096);
		expect(() => parseSize('ten')).toThrow(UsageError);
		const a = encodeTmpfsArgs({ nodes: 0n, size: 1024n, uid: 0, gid: 0, mode: 0o755 });
		expect(a.length).toBe(40);
		expect(a.readInt32LE(0)).toBe(1);
		expect(a.readBigInt64LE(16)).toBe(1024n);
		expect(a.readUInt32LE(32)).toBe(0o755);
	});

	it('decodes directory entries', () => {
		const rec = (ino: number, name: string): Buffer => {
			const len = (13 + name.length + 1 + 7) & ~7;
			const b = Buffer.alloc(len);
			b.writeBigUInt64LE(BigInt(ino), 0);
			b.writeUInt16LE(len, 8);
			b.writeUInt16LE(name.length, 10);
			b.writeUInt8(4, 12);
			b.write(name, 13);
			return b;
		};
		expect(decodeDirents(Buffer.concat([rec(2, '.'), rec(3, 'test')])).map((d) => [d.ino, d.name])).toEqual([[2n, '.'], [3n, 'test']]);
	});

	it('translates kernel errno values to NetBSD messages', () => {
		expect(strerror(17)).toBe('File exists');
		expect(strerror(66)).toBe('Directory not empty');
		expect(strerror(999)).toBe('Unknown error: 999');
	});
});

describe('env', () => {
	it('defines every command as a function and sets the prompt', () => {
		const s = envScript(['/usr/bin/node', '/opt/rumpkit/bin/rumpctrl.js']);
		expect(s).toContain(`mkdir() { '/usr/bin/node' '/opt/rumpkit/bin/rumpctrl.js' mkdir "$@"; }\n`);
		expect(s).toContain(`PS1='rumpctrl (\${RUMP_SERVER:-NULL})$ '`);
		expect(unenvScript()).toMatch(/^unset -f sysctl mount mount_tmpfs .* halt\b.* 2>\/dev\/null\n/);
	});
});

describe('the syscall table', () => {
	it('comes from kernel/syscalls.master', () => {
		const t = readSyscallTable();
		expect(t.number('getpid')).toBe(20);
		expect(t.number('mkdir')).toBe(136);
		expect(() => t.number('nosuchcall')).toThrow(/no system call nosuchcall/);
	});
});
