// GPU test fixture: the shared software (or real) adapter; skips with a reason when none, fails under CI=true.
// NGPC_GPU_TESTS=off (`npm run test:unit`) skips the GPU tests on purpose, without asking for an adapter.
import { type GpuContext, tryGpu } from '../../src/gpu/device.ts';

const off = process.env.NGPC_GPU_TESTS === 'off';
const { ctx, reason } = off
  ? { ctx: null, reason: 'NGPC_GPU_TESTS=off (npm run test:unit runs the CPU tests only)' }
  : await tryGpu();
if (ctx) {
  console.log(`WebGPU adapter: ${ctx.adapterName}`);
} else if (process.env.CI && !off) {
  throw new Error(`CI=true but no WebGPU adapter: ${reason}`);
} else {
  console.warn(`GPU tests skipped: ${reason}`);
}

/** The device for GPU tests, or null (then use `describe.skipIf(!gpu)`). */
export const gpu: GpuContext | null = ctx;

/** The device, asserting it exists (inside a `describe.skipIf(!gpu)` block). */
export function requireGpu(): GpuContext {
  if (!gpu) throw new Error('no GPU');
  return gpu;
}
