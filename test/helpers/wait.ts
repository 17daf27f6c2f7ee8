/**
 * Waiting for a condition in tests: poll with a generous deadline instead of
 * sleeping a fixed time, and say what was awaited (and, optionally, what the
 * logs showed) when it does not come.
 */
export async function waitUntil(cond: () => Promise<boolean> | boolean, what: string, timeoutMs = 30_000,
    detail?: () => string): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await cond())) {
		if (Date.now() > end)
			throw new Error(`timed out waiting for ${what}${detail !== undefined ? `\n${detail()}` : ''}`);
		await new Promise((r) => setTimeout(r, 5));
	}
}
