/** Errors of the sysproxy client, each with a message for a person. */
import { RumpkitError } from '../buildrump/errors.js';
import { errnoName, strerror } from './errno.js';

export class ConnectError extends RumpkitError {
	constructor(readonly url: string, reason: string) {
		super('RUMPCTRL_CONNECT', `cannot connect to ${url}: ${reason}`);
	}
}

export class ServerDiedError extends RumpkitError {
	constructor(readonly url: string, during?: string) {
		super('RUMPCTRL_SERVER_DIED', `rump kernel server at ${url} died${during !== undefined ? ` during ${during}` : ''} (connection lost)`);
	}
}

/** A system call failed in the kernel with a (NetBSD) errno. */
export class SyscallError extends RumpkitError {
	constructor(readonly errno: number, readonly syscall: string) {
		super('RUMPCTRL_' + errnoName(errno), strerror(errno));
	}
}

export class NoServerError extends RumpkitError {
	constructor() {
		super('RUMPCTRL_NO_SERVER', 'RUMP_SERVER is not set (e.g. export RUMP_SERVER=unix://ctrl)');
	}
}
