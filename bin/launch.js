// Shared by the bin/ launchers: load a compiled CLI or say how to build it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export async function runLauncher(name, rel, base) {
	const url = new URL(rel, base);
	if (!existsSync(fileURLToPath(url))) {
		process.stderr.write(`${name}: the TypeScript sources are not compiled (${fileURLToPath(url)} is missing); run \`npm install\` or \`npm run build:ts\` in the rumpkit checkout\n`);
		process.exit(1);
	}
	// `rumpmake | head` closes the pipe early: stop quietly, as C tools do.
	for (const s of [process.stdout, process.stderr])
		s.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); throw e; });
	const mod = await import(url.href);
	await mod.main(process.argv.slice(2));
}
