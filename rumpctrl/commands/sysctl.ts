/** sysctl [-a] [-w name=value] [name ...], dmesg, ps, halt. */
import { RumpkitError, UsageError } from '../../buildrump/errors.js';
import { ServerDiedError, SyscallError } from '../errors.js';
import { getopt } from '../getopt.js';
import { RB_HALT, type Sys } from '../sys.js';
import {
	CTLFLAG_HEX, CTLFLAG_UNSIGNED, CTLTYPE, CTL_KERN, CTL_QUERY, KERN_MSGBUF, KERN_PROC2, KERN_PROC_ALL,
	KINFO_PROC2_SIZE, SYSCTLNODE_SIZE, decodeKinfoProcs, decodeSysctlNodes, encodeQueryNode, type KinfoProc,
	type SysctlNode,
} from '../structs.js';
import { type Command, type CommandContext } from './context.js';

const LEVELS = ['top', 'second', 'third', 'fourth', 'fifth', 'sixth'];

export class SysctlNameError extends RumpkitError {
	constructor(message: string) {
		super('RUMPCTRL_SYSCTL_NAME', message);
	}
}

async function children(sys: Sys, mib: readonly number[]): Promise<SysctlNode[]> {
	const q = encodeQueryNode();
	let size = 64 * SYSCTLNODE_SIZE;
	for (;;) {
		const r = await sys.sysctl([...mib, CTL_QUERY], size, q);
		if (r.len <= size)
			return decodeSysctlNodes(r.data);
		size = r.len;
	}
}

/** Resolve "vfs.generic.fstypes" to its MIB and node, as sysctl(8) does with CTL_QUERY. */
export async function resolveName(sys: Sys, name: string): Promise<{ mib: number[]; node: SysctlNode }> {
	const parts = name.split('.');
	const mib: number[] = [];
	let node: SysctlNode | undefined;
	for (let i = 0; i < parts.length; i++) {
		if (node !== undefined && node.type !== CTLTYPE.NODE)
			throw new SysctlNameError(`${LEVELS[i] ?? `level ${i + 1}`} level name '${parts[i]}' in '${name}' is invalid`);
		const kids = await children(sys, mib);
		node = kids.find((k) => k.name === parts[i]);
		if (node === undefined)
			throw new SysctlNameError(`${LEVELS[i] ?? `level ${i + 1}`} level name '${parts[i]}' in '${name}' is invalid`);
		mib.push(node.num);
	}
	if (node === undefined)
		throw new SysctlNameError(`empty name`);
	return { mib, node };
}

function formatValue(node: SysctlNode, b: Buffer): string {
	const unsigned = (node.flags & CTLFLAG_UNSIGNED) !== 0;
	const hex = (node.flags & CTLFLAG_HEX) !== 0;
	switch (node.type) {
	case CTLTYPE.INT: {
		const v = b.length >= 4 ? (unsigned || hex ? b.readUInt32LE(0) : b.readInt32LE(0)) : 0;
		return hex ? `0x${v.toString(16)}` : String(v);
	}
	case CTLTYPE.QUAD: {
		const v = b.length >= 8 ? (unsigned || hex ? b.readBigUInt64LE(0) : b.readBigInt64LE(0)) : 0n;
		return hex ? `0x${v.toString(16)}` : String(v);
	}
	case CTLTYPE.BOOL:
		return String(b.length > 0 ? b[0] : 0);
	case CTLTYPE.STRING: {
		const nul = b.indexOf(0);
		return b.toString('utf8', 0, nul === -1 ? b.length : nul);
	}
	default:
		return `<${b.length} bytes>`;
	}
}

function encodeValue(node: SysctlNode, name: string, text: string): Buffer {
	switch (node.type) {
	case CTLTYPE.INT: {
		const v = Number(text);
		if (!Number.isInteger(v))
			throw new UsageError(`${name}: value '${text}' is not an integer`);
		const b = Buffer.alloc(4);
		if (v < 0) b.writeInt32LE(v, 0); else b.writeUInt32LE(v >>> 0, 0);
		return b;
	}
	case CTLTYPE.QUAD: {
		const b = Buffer.alloc(8);
		b.writeBigInt64LE(BigInt.asIntN(64, BigInt(text)), 0);
		return b;
	}
	case CTLTYPE.BOOL:
		return Buffer.from([text === '0' || text === 'false' ? 0 : 1]);
	case CTLTYPE.STRING:
		return Buffer.from(text + '\0', 'utf8');
	default:
		throw new UsageError(`${name}: cannot set a node of this type`);
	}
}

async function printTree(ctx: CommandContext, sys: Sys, prefix: string, mib: number[], node: SysctlNode | undefined): Promise<void> {
	if (node !== undefined && node.type !== CTLTYPE.NODE) {
		if (node.type === CTLTYPE.STRUCT)
			return;
		try {
			ctx.out.write(`${prefix} = ${formatValue(node, await sys.sysctlRead(mib))}\n`);
		} catch (e) {
			if (!(e instanceof SyscallError))
				throw e;
		}
		return;
	}
	const kids = (await children(sys, mib)).filter((k) => (k.flags & 0x8000) === 0);
	for (const k of kids)
		await printTree(ctx, sys, prefix === '' ? k.name : `${prefix}.${k.name}`, [...mib, k.num], k);
}

export const sysctl: Command = async (ctx, args) => {
	const { flags, operands } = getopt(args, 'aAnw', 'sysctl [-n] [-a] [-w name=value] [name ...]');
	const sys = await ctx.sys();
	if (flags.has('a') || flags.has('A') || operands.length === 0) {
		await printTree(ctx, sys, '', [], undefined);
		return 0;
	}
	let rc = 0;
	for (const op of operands) {
		try {
			if (flags.has('w') || op.includes('=')) {
				const eq = op.indexOf('=');
				if (eq === -1)
					throw new UsageError(`${op}: expected name=value`);
				const name = op.slice(0, eq);
				const { mib, node } = await resolveName(sys, name);
				const old = formatValue(node, await sys.sysctlRead(mib));
				await sys.sysctl(mib, null, encodeValue(node, name, op.slice(eq + 1)));
				const now = formatValue(node, await sys.sysctlRead(mib));
				ctx.out.write(`${name}: ${old} -> ${now}\n`);
				continue;
			}
			const { mib, node } = await resolveName(sys, op);
			if (node.type === CTLTYPE.NODE)
				await printTree(ctx, sys, op, mib, node);
			else {
				const v = formatValue(node, await sys.sysctlRead(mib));
				ctx.out.write(flags.has('n') ? `${v}\n` : `${op} = ${v}\n`);
			}
		} catch (e) {
			if (e instanceof SysctlNameError) {
				ctx.err.write(`sysctl: ${e.message}\n`);
				rc = 1;
			} else if (e instanceof SyscallError) {
				ctx.err.write(`sysctl: ${op}: ${e.message}\n`);
				rc = 1;
			} else
				throw e;
		}
	}
	return rc;
};

export const dmesg: Command = async (ctx) => {
	const sys = await ctx.sys();
	const b = await sys.sysctlRead([CTL_KERN, KERN_MSGBUF]);
	const nul = b.indexOf(0);
	const text = b.toString('utf8', 0, nul === -1 ? b.length : nul);
	ctx.out.write(text.endsWith('\n') || text === '' ? text : text + '\n');
	return 0;
};

const PK_SYSTEM = 0x1;

/** ps STAT: D K for the kernel's own, R for the caller, S for the rest; l when multithreaded. */
function psStat(p: KinfoProc, self: number): string {
	const state = (p.flag & PK_SYSTEM) !== 0 ? 'DK' : p.pid === self ? 'R' : 'S';
	return state + (p.nlwps > 1 ? 'l' : '');
}

/**
 * ps [-l]: one line a process, `PID PPID UID NLWP NFILE COMMAND` (other
 * tools parse these columns: keep them); -l adds NetBSD's STAT, TTY and
 * TIME (no terminals and no CPU accounting in a rump kernel: `?` and
 * 0:00.00) and the wait channel.
 */
export const ps: Command = async (ctx, args) => {
	const { flags } = getopt(args, 'alxw', 'ps [-l]');
	const sys = await ctx.sys();
	const self = sys.client.pid;
	const b = await sys.sysctlRead([CTL_KERN, KERN_PROC2, KERN_PROC_ALL, 0, KINFO_PROC2_SIZE, 4096]);
	const procs = decodeKinfoProcs(b).sort((x, y) => x.pid - y.pid);
	const cmd = (p: KinfoProc): string => ((p.flag & PK_SYSTEM) !== 0 ? `[${p.comm}]` : p.comm);
	const head = '  PID  PPID   UID NLWP NFILE';
	const cols = (p: KinfoProc): string => `${String(p.pid).padStart(5)} ${String(p.ppid).padStart(5)} ` +
		`${String(p.uid).padStart(5)} ${String(p.nlwps).padStart(4)} ${String(p.nfiles).padStart(5)}`;
	if (flags.has('l')) {
		ctx.out.write(`${head} WCHAN    STAT TTY    TIME COMMAND\n`);
		for (const p of procs)
			ctx.out.write(`${cols(p)} ${(p.wmesg || '-').padEnd(8)} ${psStat(p, self).padEnd(4)} ?   0:00.00 ${cmd(p)}\n`);
		return 0;
	}
	ctx.out.write(`${head} COMMAND\n`);
	for (const p of procs)
		ctx.out.write(`${cols(p)} ${p.comm}\n`);
	return 0;
};

export const halt: Command = async (ctx) => {
	const sys = await ctx.sys();
	try {
		await sys.reboot(RB_HALT);
	} catch (e) {
		// The kernel halts before it can answer: that is success.
		if (!(e instanceof ServerDiedError))
			throw e;
	}
	return 0;
};
