import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests start their own servers on port 0; a few files at a time keeps a
    // 2-core CI machine responsive.
    maxWorkers: 2,
  },
});
