import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		globalSetup: ['test/setup/global.ts'],
		testTimeout: 120_000,
		hookTimeout: 600_000,
		// C builds and servers share 2 cores: keep files in parallel but not too many.
		maxWorkers: 2,
		reporters: ['default'],
	},
});
