/**
 * elevator start | issue TYPE START DEST | stop | status: the elevator
 * example's system calls (components/examples/elevator). TYPE is 0-3 or
 * adult, child, room_service, bellhop. Without the component in the
 * server the calls fail with ENOSYS: `elevator: start: Function not implemented`.
 */
import { UsageError } from '../../buildrump/errors.js';
import { warnErr, type Command } from './context.js';
import { sysctl } from './sysctl.js';

const USAGE = 'usage: elevator start | issue TYPE START DEST | stop | status';

/** Passenger types by name, as issue_request() numbers them. */
export const PASSENGER_TYPES: Readonly<Record<string, number>> = {
	adult: 0, child: 1, room_service: 2, bellhop: 3,
};

const FLOORS = 10;

/** TYPE as a number or a name (`room-service` and `roomservice` too). */
export function parsePassengerType(text: string): number {
	if (/^\d+$/.test(text))
		return Number(text);
	const t = PASSENGER_TYPES[text.toLowerCase().replace(/[-_ ]/g, '').replace(/^roomservice$/, 'room_service')];
	if (t === undefined)
		throw new UsageError(`elevator: unknown passenger type ${text} (adult, child, room_service, bellhop or 0-3)\n${USAGE}`);
	return t;
}

/** A floor operand: an integer. Range errors are the kernel's to report (EINVAL). */
export function parseFloor(text: string): number {
	if (!/^-?\d+$/.test(text))
		throw new UsageError(`elevator: floor ${text} is not a number (1-${FLOORS})\n${USAGE}`);
	return Number(text);
}

export const elevator: Command = async (ctx, args) => {
	const [sub, ...rest] = args;
	let call: { name: string; args: number[] };
	switch (sub) {
	case 'start':
	case 'stop':
		if (rest.length !== 0)
			throw new UsageError(USAGE);
		call = { name: `${sub}_elevator`, args: [] };
		break;
	case 'issue':
		if (rest.length !== 3)
			throw new UsageError(USAGE);
		call = { name: 'issue_request', args: [parsePassengerType(rest[0]), parseFloor(rest[1]), parseFloor(rest[2])] };
		break;
	case 'status':
		if (rest.length !== 0)
			throw new UsageError(USAGE);
		return sysctl({ ...ctx, name: 'sysctl' }, ['elevator']);
	default:
		throw new UsageError(USAGE);
	}
	const sys = await ctx.sys();
	try {
		await sys.call(call.name, call.args);
	} catch (e) {
		warnErr(ctx, sub, e);
		return 1;
	}
	return 0;
};
