// Whether the adapter's WGSL fma() is fused (one rounding, like CUDA fmaf), probed once per device.
import { readF32, storageBuffer } from '../gpu/buffers.ts';
import type { GpuContext } from '../gpu/device.ts';
import { bindBuffers, computePipeline, dispatch } from '../gpu/pipeline.ts';

const probed = new WeakMap<GPUDevice, Promise<boolean>>();

/**
 * Triples a·b + c where the split (mul then add) and fused results differ: a = b = 1 + 2^-12, c = −1
 * gives 2^-11 + 2^-24 fused but 2^-11 split; (3 + 2^-20)(3 − 2^-20) − 9 gives −2^-40 fused but 0 split. WGSL allows either behaviour.
 */
const CASES = [1 + 2 ** -12, 1 + 2 ** -12, -1, 3 + 2 ** -20, 3 - 2 ** -20, -9];

/** True when every probe case matches the fused result; false when the driver rounds the product first. */
export function fmaIsFused(ctx: GpuContext): Promise<boolean> {
  let hit = probed.get(ctx.device);
  if (!hit) {
    hit = probe(ctx);
    probed.set(ctx.device, hit);
  }
  return hit;
}

async function probe(ctx: GpuContext): Promise<boolean> {
  const abc = Float32Array.from(CASES);
  const n = abc.length / 3;
  const pipeline = await computePipeline(ctx, { kernel: 'fmaProbe.wgsl', label: 'encoding/fmaProbe' });
  const input = storageBuffer(ctx, 'encoding/fmaProbe:abc', abc);
  const result = storageBuffer(ctx, 'encoding/fmaProbe:result', { bytes: n * 4 });
  await dispatch(ctx, pipeline, [bindBuffers(ctx, pipeline, 'encoding/fmaProbe', [input, result])], [1]);
  const got = await readF32(ctx, result, n);
  input.destroy();
  result.destroy();
  for (let i = 0; i < n; i++) {
    // a·b of two f32 is exact in f64; adding c is exact here too, so this is the correctly rounded fma.
    const fused = Math.fround(abc[3 * i]! * abc[3 * i + 1]! + abc[3 * i + 2]!);
    if (got[i] !== fused) return false;
  }
  return true;
}
