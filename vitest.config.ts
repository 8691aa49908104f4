import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Node resolves `graphql` to its CommonJS build for every package; vite would pick the ESM
  // build for our sources only, giving two graphql realms ("Cannot use GraphQLSchema from
  // another module or realm") when graphql-ws validates our schema. Resolve as Node does.
  resolve: {
    alias: [
      { find: /^graphql$/, replacement: 'graphql/index.js' },
      // The simulator package from its source, as tsconfig.json's `paths` gives it to tsc and tsx
      // (its package.json points at the compiled dist/, which the tests do not need).
      { find: /^@kensho-gateway\/simulator$/, replacement: fileURLToPath(new URL('./simulator/src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-client.ts'],
    // Bounds on a hung test, not budgets: no verdict depends on how fast the machine is, and on
    // a 2-core machine at a load of 30 a stack that starts in 1 s at rest takes 40 s. Waits for
    // readiness and events inside tests end sooner (test/helpers/patience.ts), with their output.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // expect.poll without its own timeout gives up after 1 s by default: a budget, not a bound.
    // Tests pass PATIENCE_MS themselves; this only keeps a forgotten one from racing the machine.
    expect: { poll: { timeout: 240_000 } },
    // Integration tests start their own servers on port 0; two files at a time suits the
    // 2-core CI machines.
    maxWorkers: 2,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest-report.json' }]],
  },
});
