import { defineConfig } from 'vitest/config';

// GPU tests share one software adapter: run files in forked processes, two at a time (2-core CI).
// isolate: false runs the files of a worker in one module graph: one Node start-up and library import per worker
// (not per file; import was ~1 s of CPU per file), one shared WebGPU device per worker (test/helpers/gpu.ts,
// src/gpu/device.ts sharedGpu) and its pipeline cache (src/gpu/pipeline.ts, keyed by device, kernel and constants), so a kernel
// used by several files compiles once per worker. Tests must not leave global state behind (none mock modules).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { XDG_RUNTIME_DIR: '/tmp' },
  },
});
