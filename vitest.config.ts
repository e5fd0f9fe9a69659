import { defineConfig } from 'vitest/config';

// Two projects: unit (in-process, fast: `npm run test:unit`) and integration (real builds, child
// processes, snapshots). `npm test` runs both.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 } },
    ],
  },
});
