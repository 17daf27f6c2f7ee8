/** Deterministic corruptions of a file for fuzz tests: truncations and byte mutations. */

/** xorshift32: the same sequence on every run, so a failure reproduces. */
export function rng(seed: number): () => number {
	let x = (seed * 2654435761) >>> 0 || 1;
	return () => {
		x ^= x << 13;
		x >>>= 0;
		x ^= x >>> 17;
		x ^= x << 5;
		x >>>= 0;
		return x / 0x100000000;
	};
}

export function* mutations(bytes: Uint8Array, count: number, seed: number): Generator<Uint8Array> {
	const r = rng(seed);
	// Truncations at evenly spread lengths, and every length of the header.
	for (let n = 0; n < Math.min(bytes.length, 80); n++)
		yield bytes.slice(0, n);
	for (let i = 0; i < 100; i++)
		yield bytes.slice(0, Math.floor(r() * bytes.length));
	for (let i = 0; i < count; i++) {
		const m = bytes.slice();
		const k = 1 + Math.floor(r() * 8);
		for (let j = 0; j < k; j++) {
			const at = Math.floor(r() * m.length);
			// Favour values that break sizes and offsets: 0, 0xff, and random.
			const v = r();
			m[at] = v < 0.3 ? 0xff : v < 0.5 ? 0 : Math.floor(r() * 256);
		}
		yield m;
	}
}
