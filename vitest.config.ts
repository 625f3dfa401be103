import { defineConfig } from 'vitest/config';

// GPU tests share one software adapter: run files in forked processes, two at a time (2-core CI).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { XDG_RUNTIME_DIR: '/tmp' },
  },
});
