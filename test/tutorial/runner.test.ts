/**
 * The tutorial runner itself: how blocks are read, how output is compared,
 * and that a tutorial that does not match its commands fails naming the
 * line.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTutorial, TutorialFormatError } from './doc.js';
import { matchLines, normalizeLine } from './match.js';
import { runTutorial } from './runner.js';

const dirs: string[] = [];
afterAll(() => {
	for (const d of dirs)
		rmSync(d, { recursive: true, force: true });
});

function scratch(): string {
	const d = mkdtempSync(path.join(tmpdir(), 'rumpkit-runner-'));
	dirs.push(d);
	return d;
}

const fence = '```';

describe('reading a tutorial', () => {
	it('splits sh blocks into inputs and the output after each, and keeps patches', () => {
		const md = [
			'text', `${fence}sh t2 running`, '$ mkdir /mnt', '$ ls /', 'mnt', '(gdb) bt', '#0  f ()', '^C', fence,
			`${fence}sh norun`, '$ git clone x', fence, `${fence}diff apply`, '--- a/f', '+++ b/f', fence,
			`${fence}sh t1`, 'late output', '$ true', fence, `${fence}c`, 'int x;', fence,
		].join('\n');
		const b = parseTutorial(md);
		expect(b).toHaveLength(3);
		expect(b[0]).toEqual({ type: 'terminal', terminal: 't2', running: true, tty: false, line: 2, steps: [
			{ input: { kind: 'shell', text: 'mkdir /mnt' }, expected: [], line: 3 },
			{ input: { kind: 'shell', text: 'ls /' }, expected: ['mnt'], line: 4 },
			{ input: { kind: 'gdb', text: 'bt' }, expected: ['#0  f ()'], line: 6 },
			{ input: { kind: 'intr', text: '' }, expected: [], line: 8 },
		] });
		expect(b[1]).toEqual({ type: 'patch', text: '--- a/f\n+++ b/f\n', line: 13 });
		expect(b[2].type === 'terminal' && b[2].steps[0]).toEqual({ input: null, expected: ['late output'], line: 18 });
	});

	it('rejects a runnable block without a terminal, naming the line', () => {
		expect(() => parseTutorial(`a\n${fence}sh\n$ ls\n${fence}\n`, 'doc.md')).toThrow(TutorialFormatError);
		expect(() => parseTutorial(`a\n${fence}sh\n$ ls\n${fence}\n`, 'doc.md')).toThrow(/^doc\.md:2: /);
		expect(() => parseTutorial(`${fence}sh t1 fast\n${fence}\n`)).toThrow(/unknown word "fast"/);
	});

	it('parses the real tutorial', () => {
		const text = readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'tutorial.md'), 'utf8');
		const blocks = parseTutorial(text);
		expect(blocks.filter((b) => b.type === 'patch')).toHaveLength(3);
		expect(new Set(blocks.flatMap((b) => (b.type === 'terminal' ? [b.terminal] : [])))).toEqual(new Set(['t1', 't2', 't3']));
	});
});

describe('comparing output', () => {
	it('allows other numbers, addresses, dates and column widths', () => {
		expect(normalizeLine('drwxr-xr-x 2 root  wheel  0 Nov 25 17:47 test')).toBe(normalizeLine('drwxr-xr-x 12 root wheel 512 Jan  3 09:05 test'));
		expect(normalizeLine('$1 = (vnode_t *) 0x7f0c68001390')).toBe(normalizeLine('$2 = (vnode_t *) 0x1fd56f0'));
		expect(normalizeLine('directory "test1" created by pid 4')).not.toBe(normalizeLine('directory "test1" made by pid 4'));
	});

	it('matches ... against any number of lines, and prefixes while output is still coming', () => {
		expect(matchLines(['a', '...', 'z'], ['a', 'b', 'c', 'z'], false)).toBe(4);
		expect(matchLines(['a', '...', 'z'], ['a', 'z'], false)).toBe(2);
		expect(matchLines(['a', 'z'], ['a', 'b', 'z'], false)).toBe(-1);
		expect(matchLines(['a'], ['a', 'b'], false)).toBe(-1);
		expect(matchLines(['a'], ['a', 'b'], true)).toBe(1);
		expect(matchLines(['a', 'b'], ['a'], true)).toBe(-1);
	});

	it('lets parallel build steps come in any order', () => {
		const shown = ['    compile  x.o', '    compile  x.pico', '      build  lib.a', '      build  lib_pic.a', 'done'];
		const printed = ['    compile  x.pico', '    compile  x.o', '      build  lib_pic.a', '      build  lib.a', 'done'];
		expect(matchLines(shown, printed, false)).toBe(5);
		expect(matchLines(['first', 'second'], ['second', 'first'], false)).toBe(-1);
	});
});

describe('running a tutorial', () => {
	const opts = (root: string) => ({ file: 'doc.md', root, shownRoot: '/home/you/x', env: process.env, timeoutMs: 20_000 });

	it('runs terminals in the order of the page, with a program that keeps running in one of them', async () => {
		const root = scratch();
		const md = [
			// A stand-in for gdb: prompts, reads what is typed, answers.
			`${fence}sh t1 running`, `$ echo started in $PWD; printf '(gdb) '; read l; echo "got $l"; printf '(gdb) '; read l; echo bye`,
			'started in /home/you/x', fence,
			`${fence}sh t2`, '$ echo 42', '42', fence,
			`${fence}sh t1`, '(gdb) hello', 'got hello', '(gdb) quit', 'bye', '$ echo done', 'done', fence,
		].join('\n');
		await runTutorial(parseTutorial(md, 'doc.md'), opts(root));
	});

	it('runs a terminal on a pseudo terminal when asked: programs see a tty, ^C is typed', async () => {
		const md = [
			// The trap is set before the line that says it waits, so ^C cannot come too early.
			`${fence}sh t1 tty running`, `$ bash -c 'trap "echo interrupted; exit 130" INT; tty -s && echo on a terminal; while :; do sleep 0.1; done'`,
			'on a terminal', fence,
			`${fence}sh t1`, '^C', 'interrupted', '$ echo after', 'after', fence,
		].join('\n');
		await runTutorial(parseTutorial(md, 'doc.md'), opts(scratch()));
	});

	it('fails naming the line of the command and the first line that differs', async () => {
		const md = ['intro', `${fence}sh t1`, '$ echo one; echo two', 'one', 'three', fence].join('\n');
		await expect(runTutorial(parseTutorial(md, 'doc.md'), opts(scratch())))
		    .rejects.toThrow(/^doc\.md:3 \(terminal t1\): "\$ echo one; echo two" printed something else: the first line that differs is "three" \(line 2 of what the tutorial shows\)/);
	});

	it('fails when a patch does not apply', async () => {
		const md = ['', `${fence}diff apply`, '--- a/f.c', '+++ b/f.c', '@@ -1 +1 @@', '-old', '+new', fence].join('\n');
		await expect(runTutorial(parseTutorial(md, 'doc.md'), opts(scratch()))).rejects.toThrow(/^doc\.md:2: the patch does not apply/);
	});
});
