// NSDF rendering: wavefront sphere tracing of a (neural or exact) SDF, finite-difference normals and Lambert shading.
import type { RgbImage } from '../../io/png.ts';
import type { FieldQuery } from '../shared/fieldQuery.ts';
import { type OrbitCamera, orbitRays, unitCubeSpan } from '../shared/orbitCamera.ts';

export interface SphereTraceSettings {
  /** instant-ngp's distance_scale: each step advances 0.95 × the queried distance. */
  distanceScale: number;
  /** A ray hits once the distance falls below this (unit-cube lengths). */
  hitDistance: number;
  maxSteps: number;
  /** Central-difference step of the normals (6 extra queries per hit). */
  normalEpsilon: number;
}

export const SPHERE_TRACE_DEFAULTS: SphereTraceSettings = {
  distanceScale: 0.95,
  hitDistance: 5e-4,
  maxSteps: 256,
  normalEpsilon: 2e-3,
};

const BACKGROUND = [0.92, 0.94, 1];
const LIGHT = [0.45, 0.8, 0.4].map((x) => x / Math.hypot(0.45, 0.8, 0.4));

export interface TraceResult {
  image: RgbImage;
  /** SDF queries per pixel: tracing steps, plus 6 for the normal of a hit. */
  queriesPerPixel: Uint32Array;
  hits: number;
  /** Every 97th traced position, for workload address studies. */
  samplePositions: Float32Array;
}

/**
 * Each round queries the distance at every live ray's position in one batch and advances it by distanceScale × d;
 * a ray stops as a hit when d < hitDistance, as a miss when it leaves the cube or runs out of steps. Hits are shaded
 * with normals from central differences of the same field. GPU and CPU renders differ only in `query`.
 */
export async function sphereTrace(
  query: FieldQuery,
  camera: OrbitCamera,
  widthPx: number,
  heightPx: number,
  settings: SphereTraceSettings = SPHERE_TRACE_DEFAULTS,
): Promise<TraceResult> {
  const { origins, dirs } = orbitRays(camera, widthPx, heightPx);
  const n = widthPx * heightPx;
  const t = new Float64Array(n);
  const tEnd = new Float64Array(n);
  const queriesPerPixel = new Uint32Array(n);
  const hit: number[] = [];
  const kept: number[] = [];
  let live: number[] = [];
  let traced = 0;
  for (let r = 0; r < n; r++) {
    const span = unitCubeSpan(origins, dirs, r);
    if (!span) continue;
    t[r] = span[0];
    tEnd[r] = span[1];
    live.push(r);
  }
  const at = (r: number, k: number) =>
    Math.min(1, Math.max(0, origins[3 * r + k]! + t[r]! * dirs[3 * r + k]!));
  for (let step = 0; step < settings.maxSteps && live.length > 0; step++) {
    const positions = new Float32Array(live.length * 3);
    for (const [j, r] of live.entries()) for (let k = 0; k < 3; k++) positions[3 * j + k] = at(r, k);
    const d = await query(positions);
    const still: number[] = [];
    for (const [j, r] of live.entries()) {
      queriesPerPixel[r]!++;
      if (traced++ % 97 === 0) kept.push(...positions.subarray(3 * j, 3 * j + 3));
      if (d[j]! < settings.hitDistance) {
        hit.push(r);
        continue;
      }
      t[r]! += settings.distanceScale * d[j]!;
      if (t[r]! < tEnd[r]!) still.push(r);
    }
    live = still;
  }
  const rgb = new Float32Array(n * 3);
  for (let r = 0; r < n; r++) rgb.set(BACKGROUND, 3 * r);
  if (hit.length > 0) {
    const e = settings.normalEpsilon;
    const probes = new Float32Array(hit.length * 18);
    for (const [j, r] of hit.entries()) {
      for (let a = 0; a < 6; a++) {
        for (let k = 0; k < 3; k++)
          probes[18 * j + 3 * a + k] = at(r, k) + (k === a >> 1 ? (a & 1 ? -e : e) : 0);
      }
    }
    const d = await query(probes);
    for (const [j, r] of hit.entries()) {
      queriesPerPixel[r]! += 6;
      const g = [0, 1, 2].map((k) => d[6 * j + 2 * k]! - d[6 * j + 2 * k + 1]!);
      const gl = Math.hypot(g[0]!, g[1]!, g[2]!) || 1;
      const lambert = Math.max(0, (g[0]! * LIGHT[0]! + g[1]! * LIGHT[1]! + g[2]! * LIGHT[2]!) / gl);
      const shade = 0.15 + 0.85 * lambert;
      rgb.set([0.9 * shade, 0.75 * shade, 0.55 * shade], 3 * r);
    }
  }
  return {
    image: { widthPx, heightPx, rgb },
    queriesPerPixel,
    hits: hit.length,
    samplePositions: Float32Array.from(kept),
  };
}
