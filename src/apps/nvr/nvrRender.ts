// NVR rendering: emission–absorption ray marching of a (neural or ground-truth) volume with early termination.
import type { RgbImage } from '../../io/png.ts';
import type { FieldQuery } from '../shared/fieldQuery.ts';
import { type OrbitCamera, orbitRays, unitCubeSpan } from '../shared/orbitCamera.ts';

/** How a volume is turned into an image; stored in the model's scene so every render of it agrees. */
export interface NvrRenderSettings {
  /** Extinction per unit length at density 1 (the cube is 1 long). */
  sigmaScale: number;
  /** Fixed march step is 1 / stepsPerUnit. */
  stepsPerUnit: number;
  /** Rays stop once transmittance falls below this (instant-ngp: accumulated alpha > 0.99). */
  minTransmittance: number;
  background: [number, number, number];
}

export const NVR_RENDER_DEFAULTS: NvrRenderSettings = {
  sigmaScale: 24,
  stepsPerUnit: 128,
  minTransmittance: 0.01,
  background: [0.92, 0.94, 1],
};

/** Samples each live ray advances per wavefront round (one batched field query per round). */
const SAMPLES_PER_ROUND = 16;

export interface MarchResult {
  image: RgbImage;
  /** Samples composited per pixel (those a sequential marcher with early termination evaluates). */
  samplesPerPixel: Uint32Array;
  /** Field queries issued, including those past a ray's termination inside its last round. */
  queries: number;
  /** Every 97th composited sample position, for workload address studies. */
  samplePositions: Float32Array;
}

/**
 * Wavefront ray marching: every round each live ray queries its next SAMPLES_PER_ROUND midpoints in one batch,
 * composites them front to back (α = 1 − exp(−σ·dt), C += T·α·albedo, T ·= 1 − α), and drops out when T falls below
 * minTransmittance or it leaves the cube; the remaining T sees the background. GPU and CPU renders differ only in
 * `query`, so the compositing is identical code.
 */
export async function marchVolume(
  query: FieldQuery,
  camera: OrbitCamera,
  widthPx: number,
  heightPx: number,
  settings: NvrRenderSettings,
): Promise<MarchResult> {
  const { origins, dirs } = orbitRays(camera, widthPx, heightPx);
  const n = widthPx * heightPx;
  const dt = 1 / settings.stepsPerUnit;
  const colour = new Float64Array(n * 3);
  const transmittance = new Float64Array(n).fill(1);
  const next = new Float64Array(n);
  const end = new Float64Array(n);
  const samplesPerPixel = new Uint32Array(n);
  const kept: number[] = [];
  let live: number[] = [];
  let queries = 0;
  let composited = 0;
  for (let r = 0; r < n; r++) {
    const span = unitCubeSpan(origins, dirs, r);
    if (!span) continue;
    next[r] = span[0] + 0.5 * dt;
    end[r] = span[1];
    live.push(r);
  }
  while (live.length > 0) {
    const positions = new Float32Array(live.length * SAMPLES_PER_ROUND * 3);
    for (const [j, r] of live.entries()) {
      for (let s = 0; s < SAMPLES_PER_ROUND; s++) {
        const t = Math.min(next[r]! + s * dt, end[r]!);
        for (let k = 0; k < 3; k++)
          positions[3 * (j * SAMPLES_PER_ROUND + s) + k] = Math.min(
            1,
            Math.max(0, origins[3 * r + k]! + t * dirs[3 * r + k]!),
          );
      }
    }
    const values = await query(positions);
    queries += live.length * SAMPLES_PER_ROUND;
    const still: number[] = [];
    for (const [j, r] of live.entries()) {
      let done = false;
      for (let s = 0; s < SAMPLES_PER_ROUND && !done; s++) {
        if (next[r]! >= end[r]!) {
          done = true;
          break;
        }
        const q = j * SAMPLES_PER_ROUND + s;
        const v = 4 * q;
        const sigma = Math.max(0, values[v + 3]!) * settings.sigmaScale;
        const alpha = 1 - Math.exp(-sigma * dt);
        const w = transmittance[r]! * alpha;
        for (let k = 0; k < 3; k++) colour[3 * r + k]! += w * Math.min(1, Math.max(0, values[v + k]!));
        transmittance[r]! *= 1 - alpha;
        next[r]! += dt;
        samplesPerPixel[r]!++;
        if (composited++ % 97 === 0) kept.push(...positions.subarray(3 * q, 3 * q + 3));
        if (transmittance[r]! < settings.minTransmittance) done = true;
      }
      if (!done && next[r]! < end[r]!) still.push(r);
    }
    live = still;
  }
  const rgb = new Float32Array(n * 3);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < 3; k++)
      rgb[3 * r + k] = colour[3 * r + k]! + transmittance[r]! * settings.background[k]!;
  }
  return {
    image: { widthPx, heightPx, rgb },
    samplesPerPixel,
    queries,
    samplePositions: Float32Array.from(kept),
  };
}
