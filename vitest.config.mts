// Three suites with different costs: unit (pure, fast), integration (real databases),
// e2e (production build + real Chromium). `npm test` runs them in that order.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = { '@': root, 'server-only': `${root}tests/helpers/server-only-stub.ts` };

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/**/*.slow.test.ts'],
          environment: 'node',
        },
      },
      {
        // Exhaustive sweeps (10,000 seeds per question template, …): same rules as unit,
        // kept out of the quick loop and run by `npm test` after the fast suites.
        resolve: { alias },
        test: {
          name: 'slow',
          include: ['tests/**/*.slow.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
