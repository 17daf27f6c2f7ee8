import { defineConfig } from 'vitest/config';

export default defineConfig({
	// The CommonJS modules of rumpmake's start-up path are TypeScript too (.cts).
	oxc: { include: /\.(c|m)?tsx?$/ },
	test: {
		include: ['test/**/*.test.ts'],
		testTimeout: 120_000,
		hookTimeout: 600_000,
		// C builds and servers share 2 cores: two test files at a time.
		maxWorkers: 2,
		reporters: ['default'],
	},
});
