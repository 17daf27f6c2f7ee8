/**
 * `npm run bench -- <name> [args]`: run one benchmark, or all of them in
 * turn with no name. Each prints its figures with a ratio against a
 * baseline measured in the same run and records them in bench/RESULTS.md.
 */
const BENCHES = {
	build: 'buildrump and rumpmake vs make and ninja running the same commands',
	watch: 'rumpmake watch, save to serving, vs the bare compile, link and server start',
	'kern-boot': 'rump_init to halt of a local kernel vs a C program that starts and exits',
	vfs: 'tmpfs through rump_sys_* vs host syscalls on /dev/shm',
	sp: 'sysproxy getpid round trip vs a bare unix-socket ping-pong',
	wmd: 'rump_wmd vs a trial-link search',
} as const;

type Name = keyof typeof BENCHES;

function isName(s: string): s is Name {
	return Object.prototype.hasOwnProperty.call(BENCHES, s);
}

async function runOne(name: Name, args: string[]): Promise<void> {
	process.stdout.write(`== ${name}: ${BENCHES[name]}\n`);
	const mod = (await import(`./${name}.js`)) as { main(argv: string[]): Promise<void> };
	await mod.main(args);
}

const [name, ...args] = process.argv.slice(2);
if (name === undefined) {
	for (const n of Object.keys(BENCHES) as Name[])
		await runOne(n, []);
} else if (name === '--help' || name === '-h' || !isName(name)) {
	process.stderr.write(`usage: npm run bench -- [${Object.keys(BENCHES).join('|')}] [args]\n`);
	for (const [n, d] of Object.entries(BENCHES))
		process.stderr.write(`  ${n.padEnd(10)} ${d}\n`);
	process.exitCode = name === undefined || name === '--help' || name === '-h' ? 0 : 2;
} else {
	await runOne(name, args);
}
