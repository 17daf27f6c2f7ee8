/**
 * The rumpctrl elevator command's argument handling (no server needed:
 * bad usage is refused before connecting).
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../buildrump/errors.js';
import { parseFloor, parsePassengerType } from '../../rumpctrl/commands/elevator.js';
import { ctl } from './ctl.js';

describe('rumpctrl elevator arguments', () => {
	it('takes passenger types by number or by name', () => {
		expect(['adult', 'child', 'room_service', 'bellhop'].map(parsePassengerType)).toEqual([0, 1, 2, 3]);
		expect(['Room-Service', 'roomservice', 'BELLHOP', '2', '7'].map(parsePassengerType)).toEqual([2, 2, 3, 2, 7]);
		expect(() => parsePassengerType('pilot')).toThrow(UsageError);
	});

	it('leaves floor ranges to the kernel but refuses words', () => {
		expect(['1', '10', '0', '-3', '42'].map(parseFloor)).toEqual([1, 10, 0, -3, 42]);
		expect(() => parseFloor('top')).toThrow(/floor top is not a number/);
	});

	it('refuses bad usage before connecting', async () => {
		const url = 'unix:///nonexistent/rumpkit-elevator-test';
		const usage = 'usage: elevator start | issue TYPE START DEST | stop | status\n';
		for (const args of [[], ['up'], ['start', 'now'], ['issue', 'adult', '1'], ['stop', '-f']])
			expect(await ctl(url, 'elevator', ...args)).toEqual({ code: 1, out: '', err: usage });
		expect(await ctl(url, 'elevator', 'issue', 'pilot', '1', '2')).toEqual({ code: 1, out: '',
			err: `elevator: unknown passenger type pilot (adult, child, room_service, bellhop or 0-3)\n${usage}` });
	});
});
