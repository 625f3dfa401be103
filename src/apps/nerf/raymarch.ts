// NeRF ray marching with instant-ngp's step rules and empty-space skipping: constants and the f32 CPU reference (docs/sources.md#kernels-5-3).
import { mipFromPos, type OccupancySpec, occupiedAt } from './occupancyGrid.ts';

/** Marching settings; the defaults are instant-ngp's for a NeRF-synthetic scene (aabb_scale 1). */
export interface MarchSpec {
  /** MIN_CONE_STEPSIZE = √3 / NERF_STEPS (NERF_STEPS = 1024): the step in unit-cube units at cone_angle 0. */
  stepSize: number;
  /** At most this many samples per ray (NERF_STEPS = 1024). */
  maxSamplesPerRay: number;
  /** Render: stop when accumulated alpha > 1 − this (instant-ngp render_min_transmittance = 0.01). */
  minTransmittance: number;
}

export const NERF_STEPS = 1024;
export const MIN_CONE_STEPSIZE = Math.sqrt(3) / NERF_STEPS;
/** instant-ngp MAX_DEPTH(): a t that means "left the volume". */
export const MAX_DEPTH = 16384;

export const NERF_MARCH_DEFAULT: MarchSpec = {
  stepSize: MIN_CONE_STEPSIZE,
  maxSamplesPerRay: NERF_STEPS,
  minTransmittance: 0.01,
};

const f = Math.fround;

/**
 * Entry t of a ray into the unit cube (slab test), or MAX_DEPTH when it misses. The march starts at
 * max(t_entry, 0) + 1e-6 (instant-ngp init_rays_with_payload_kernel_nerf; near distance 0).
 */
export function rayStartT(o: ArrayLike<number>, d: ArrayLike<number>): number {
  let tNear = 0;
  let tFar = f(MAX_DEPTH);
  for (let a = 0; a < 3; a++) {
    const inv = f(1 / f(d[a]!));
    let t0 = f(f(0 - f(o[a]!)) * inv);
    let t1 = f(f(1 - f(o[a]!)) * inv);
    if (t0 > t1) [t0, t1] = [t1, t0];
    tNear = a === 0 ? t0 : Math.max(tNear, t0);
    tFar = a === 0 ? t1 : Math.min(tFar, t1);
  }
  if (!(tNear <= tFar) || tFar < 0) return MAX_DEPTH;
  return f(f(Math.max(tNear, 0)) + f(1e-6));
}

/** o + d·t in f32 (multiply then add, as the kernels compute it). */
export function rayPoint(o: ArrayLike<number>, d: ArrayLike<number>, t: number, out: number[]): number[] {
  for (let a = 0; a < 3; a++) out[a] = f(f(o[a]!) + f(f(d[a]!) * t));
  return out;
}

function inUnitCube(p: number[]): boolean {
  return p[0]! >= 0 && p[0]! <= 1 && p[1]! >= 0 && p[1]! <= 1 && p[2]! >= 0 && p[2]! <= 1;
}

/** DDA distance to the next cell boundary at resolution `res` around 0.5 (instant-ngp `distance_to_next_voxel`). */
function distanceToNextVoxel(pos: number[], d: ArrayLike<number>, res: number): number {
  let t = Number.POSITIVE_INFINITY;
  for (let a = 0; a < 3; a++) {
    const p = f(res * f(pos[a]! - 0.5));
    const da = f(d[a]!);
    const s = da > 0 ? 1 : da < 0 ? -1 : 0;
    const ta = f(f(Math.floor(f(f(p + 0.5) + f(0.5 * s))) - p) * f(1 / da));
    t = Math.min(t, ta);
  }
  return Math.max(f(t / res), 0);
}

/**
 * instant-ngp `if_unoccupied_advance_to_next_occupied_voxel` at cone_angle 0: from t, skip empty cells (climbing to the
 * largest empty cascade) in whole steps until an occupied cell; MAX_DEPTH once the ray leaves the cube.
 */
export function advanceToOccupied(
  occ: OccupancySpec,
  bitfield: Uint32Array,
  march: MarchSpec,
  o: ArrayLike<number>,
  d: ArrayLike<number>,
  t: number,
): number {
  const pos = [0, 0, 0];
  const dt = f(march.stepSize);
  const maxCascade = occ.nCascades - 1;
  for (;;) {
    rayPoint(o, d, t, pos);
    if (t >= MAX_DEPTH || !inUnitCube(pos)) return MAX_DEPTH;
    let mip = mipFromPos(pos, maxCascade);
    if (occupiedAt(occ, bitfield, pos, mip)) return t;
    while (mip < maxCascade && !occupiedAt(occ, bitfield, pos, mip + 1)) mip++;
    const tTarget = f(t + distanceToNextVoxel(pos, d, occ.gridRes * 2 ** -mip));
    do t = f(t + dt);
    while (t < tTarget);
  }
}

/** The sample distances t of one render ray, in order (before early termination), at most maxSamplesPerRay. */
export function marchRayCpu(
  occ: OccupancySpec,
  bitfield: Uint32Array,
  march: MarchSpec,
  o: ArrayLike<number>,
  d: ArrayLike<number>,
): number[] {
  const ts: number[] = [];
  let t = rayStartT(o, d);
  if (t >= MAX_DEPTH) return ts;
  const dt = f(march.stepSize);
  while (ts.length < march.maxSamplesPerRay) {
    t = advanceToOccupied(occ, bitfield, march, o, d, t);
    if (t >= MAX_DEPTH) break;
    ts.push(t);
    t = f(t + dt);
  }
  return ts;
}
