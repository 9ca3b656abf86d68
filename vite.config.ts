import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { syncDevPlugin } from './server/vite-plugin.ts';

/** Integration tests that run alone, after the rest. */
const SOLO = 'tests/integration/fuzz.test.ts';

export default defineConfig({
	plugins: [sveltekit(), syncDevPlugin()],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts', 'server/**/*.test.ts'],
					maxWorkers: 2
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					exclude: [SOLO],
					testTimeout: 60_000,
					hookTimeout: 60_000,
					maxWorkers: 2
				}
			},
			{
				// The protocol fuzz holds each frame's handling under 100 ms of CPU: measured with the
				// machine to itself, once the others are done.
				extends: './vite.config.ts',
				test: {
					name: 'solo',
					environment: 'node',
					include: [SOLO],
					testTimeout: 60_000,
					hookTimeout: 60_000,
					maxWorkers: 1,
					sequence: { groupOrder: 1 }
				}
			}
		]
	}
});
