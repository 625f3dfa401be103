// Default query positions for the batch simulation: seeded uniform samples in [0, 1)^D (deterministic).
import { seededRng } from '../../encoding/rng.ts';

/** `count` positions of `nDims` coordinates each, interleaved, uniform in [0, 1), as f32. */
export function uniformPositions(count: number, nDims: number, seed: number): Float32Array {
  const rng = seededRng(seed);
  const out = new Float32Array(count * nDims);
  for (let i = 0; i < out.length; i++) out[i] = rng.next();
  return out;
}
