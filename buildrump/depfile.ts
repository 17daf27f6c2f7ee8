/**
 * gcc -MMD depfiles: `out.o: src.c a.h \` continued lines. Pure parser.
 */
export function parseDepfile(text: string): string[] {
	const joined = text.replace(/\\\r?\n/g, ' ');
	const deps: string[] = [];
	for (const line of joined.split('\n')) {
		const colon = line.search(/:(\s|$)/);
		if (colon < 0)
			continue;
		// Tokens separated by unescaped spaces; "\ " is a space in a name.
		const rest = line.slice(colon + 1);
		for (const tok of rest.match(/(?:\\ |[^\s])+/g) ?? [])
			deps.push(tok.replace(/\\ /g, ' '));
	}
	return deps;
}
