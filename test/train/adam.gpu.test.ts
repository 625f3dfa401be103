import { describe, expect, it } from 'vitest';
import { fmaIsFused } from '../../src/encoding/fmaProbe.gpu.ts';
import { seededRng } from '../../src/encoding/rng.ts';
import { readF32, storageBuffer } from '../../src/gpu/buffers.ts';
import { adamStepCpu, newAdamState } from '../../src/train/adam.cpu.ts';
import { AdamGpu } from '../../src/train/adam.gpu.ts';
import { instantNgpAdam, learningRateAt } from '../../src/train/adam.ts';
import { gpu, requireGpu } from '../helpers/gpu.ts';

function ulpDistance(a: number, b: number): number {
  const f = new Float32Array([a, b]);
  const i = new Int32Array(f.buffer);
  return Math.abs(i[0]! - i[1]!);
}

describe.skipIf(!gpu)('Adam on the GPU', () => {
  it('three steps (with zero grid gradients, l2, decay and EMA) equal the CPU reference', async () => {
    const ctx = requireGpu();
    const spec = instantNgpAdam(1e-2, 1, 1, 0.95);
    const n = 4099;
    const nMatrix = 1000;
    const rng = seededRng(7);
    const init = Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
    const params = storageBuffer(ctx, 'test/adam:params', init);
    const grads = storageBuffer(ctx, 'test/adam:grads', { bytes: n * 4 });
    const adam = new AdamGpu(ctx, spec, [{ label: 'all', params, grads, n, nMatrix }], 8);
    await adam.prepare();
    const cpuParams = Float32Array.from(init);
    const cpuState = newAdamState(n);
    for (let step = 0; step < 3; step++) {
      // A third of the grid gradients are exactly zero (tcnn skips those entries).
      const g = Float32Array.from({ length: n }, (_, i) =>
        i >= nMatrix && (i + step) % 3 === 0 ? 0 : rng.uniform(-1e-2, 1e-2),
      );
      ctx.device.queue.writeBuffer(grads, 0, g);
      const encoder = ctx.device.createCommandEncoder();
      adam.record(encoder, learningRateAt(spec, step));
      ctx.device.queue.submit([encoder.finish()]);
      adamStepCpu(spec, cpuState, cpuParams, g, nMatrix, learningRateAt(spec, step));
    }
    const got = await readF32(ctx, params, n);
    const state = await adam.readState(0);
    adam.destroy();
    params.destroy();
    grads.destroy();
    expect(Array.from(state.steps)).toEqual(Array.from(cpuState.steps));
    // Exact where the adapter rounds every product (lavapipe: fmaProbe finds fma split, so nothing is contracted);
    // an adapter that contracts a·b + c into one rounding may differ by an ulp per fused operation.
    const maxUlp = (await fmaIsFused(ctx)) ? 4 : 0;
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, ulpDistance(got[i]!, cpuParams[i]!));
    expect(worst).toBeLessThanOrEqual(maxUlp);
    for (let i = 0; i < n; i++) {
      worst = Math.max(worst, ulpDistance(state.firstMoments[i]!, cpuState.firstMoments[i]!));
      worst = Math.max(worst, ulpDistance(state.secondMoments[i]!, cpuState.secondMoments[i]!));
    }
    expect(worst).toBeLessThanOrEqual(maxUlp);
  });
});
