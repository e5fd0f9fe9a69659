import { defineConfig } from 'vitest/config';
import { TEST_HANG_MS } from './test/helpers/hang.js';

// Two projects: unit (in-process, fast: `npm run test:unit`) and integration (real builds, child
// processes, snapshots). `npm test` runs both. A test's time limit is a hang guard, never a speed
// limit (test/helpers/hang.ts): a test waits for events, and a busy machine only makes it slower.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: TEST_HANG_MS, hookTimeout: TEST_HANG_MS } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: TEST_HANG_MS, hookTimeout: TEST_HANG_MS } },
    ],
  },
});
