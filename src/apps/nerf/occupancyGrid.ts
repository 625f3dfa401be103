// The NeRF occupancy (density) grid: cascades of Morton-ordered cells, the decayed-max update and the bitfield (docs/sources.md#kernels-5-2).
import { invariant, NgpcInputError } from '../../errors.ts';

/** Grid geometry: `gridRes`³ cells per cascade (instant-ngp NERF_GRIDSIZE = 128), cascade k spans 2^k around 0.5. */
export interface OccupancySpec {
  /** Cells per axis per cascade: a power of two ≤ 1024 (10-bit Morton per axis). instant-ngp: 128. */
  gridRes: number;
  /** Cascades used: ceil(log2(aabb_scale)) + 1; instant-ngp allocates 8 (NERF_CASCADES). */
  nCascades: number;
}

export const NERF_OCCUPANCY_DEFAULT: OccupancySpec = { gridRes: 128, nCascades: 1 };

/** instant-ngp's density_grid_decay: the running grid is a decaying max, not an EMA (docs/sources.md#kernels-5-2). */
export const DENSITY_GRID_DECAY = 0.95;
/** instant-ngp NERF_MIN_OPTICAL_THICKNESS: the threshold is min(this, mean of cascade 0). */
export const MIN_OPTICAL_THICKNESS = 0.01;

export function checkOccupancySpec(spec: OccupancySpec): void {
  const r = spec.gridRes;
  if (!Number.isInteger(r) || r < 2 || r > 1024 || (r & (r - 1)) !== 0) {
    throw new NgpcInputError(`occupancy gridRes = ${r}: expected a power of two in 2..1024`);
  }
  if (!Number.isInteger(spec.nCascades) || spec.nCascades < 1 || spec.nCascades > 8) {
    throw new NgpcInputError(`occupancy nCascades = ${spec.nCascades}: expected 1..8`);
  }
}

export function cellsPerCascade(spec: OccupancySpec): number {
  return spec.gridRes ** 3;
}

/** Spreads the low 10 bits of v to every third bit (instant-ngp `expand_bits`). */
function expandBits(v: number): number {
  v = (Math.imul(v, 0x00010001) & 0xff0000ff) >>> 0;
  v = (Math.imul(v, 0x00000101) & 0x0f00f00f) >>> 0;
  v = (Math.imul(v, 0x00000011) & 0xc30c30c3) >>> 0;
  v = (Math.imul(v, 0x00000005) & 0x49249249) >>> 0;
  return v;
}

/** Morton code of (x, y, z), x in the lowest bit (instant-ngp `morton3D`). */
export function morton3D(x: number, y: number, z: number): number {
  return (expandBits(x) | (expandBits(y) << 1) | (expandBits(z) << 2)) >>> 0;
}

/** Inverse of one axis of morton3D (instant-ngp `morton3D_invert`). */
export function morton3DInvert(x: number): number {
  x &= 0x49249249;
  x = (x | (x >>> 2)) & 0xc30c30c3;
  x = (x | (x >>> 4)) & 0x0f00f00f;
  x = (x | (x >>> 8)) & 0xff0000ff;
  x = (x | (x >>> 16)) & 0x0000ffff;
  return x >>> 0;
}

/** Cell coordinates of a Morton index. */
export function mortonToXyz(m: number): [number, number, number] {
  return [morton3DInvert(m), morton3DInvert(m >>> 1), morton3DInvert(m >>> 2)];
}

/** The cascade whose cells should be tested at `pos` (instant-ngp `mip_from_pos`: exponent of max|pos − 0.5| + 1). */
export function mipFromPos(pos: ArrayLike<number>, maxCascade: number): number {
  const maxval = Math.max(Math.abs(pos[0]! - 0.5), Math.abs(pos[1]! - 0.5), Math.abs(pos[2]! - 0.5));
  return Math.min(Math.max(frexpExponent(maxval) + 1, 0), maxCascade);
}

/** C's frexp exponent: x = m·2^e with m in [0.5, 1); 0 for x = 0 (as frexpf and WGSL frexp). */
export function frexpExponent(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return 0;
  let e = Math.floor(Math.log2(Math.abs(x)));
  if (2 ** e > Math.abs(x)) e--;
  if (2 ** (e + 1) <= Math.abs(x)) e++;
  return e + 1;
}

/**
 * Morton index (within its cascade) of the cell containing `pos` at cascade `mip`, or −1 outside it (instant-ngp
 * `cascaded_grid_idx_at`; the f32 → int conversion truncates toward zero as CUDA's and WGSL's do).
 */
export function cellIndexAt(spec: OccupancySpec, pos: ArrayLike<number>, mip: number): number {
  const f = Math.fround;
  const scale = 2 ** -mip;
  const ijk = [0, 0, 0];
  for (let a = 0; a < 3; a++) {
    const p = f(f(f(pos[a]! - 0.5) * scale) + 0.5);
    const i = Math.trunc(f(p * spec.gridRes));
    if (i < 0 || i >= spec.gridRes) return -1;
    ijk[a] = i;
  }
  return morton3D(ijk[0]!, ijk[1]!, ijk[2]!);
}

/** Bitfield test: one bit per cell, cascade-major then Morton, packed 32 per u32 word. */
export function occupiedAt(
  spec: OccupancySpec,
  bitfield: Uint32Array,
  pos: ArrayLike<number>,
  mip: number,
): boolean {
  const idx = cellIndexAt(spec, pos, mip);
  if (idx < 0) return false;
  const bit = mip * cellsPerCascade(spec) + idx;
  return ((bitfield[bit >>> 5]! >>> (bit & 31)) & 1) === 1;
}

/** The bitfield threshold: min(0.01, mean of max(grid, 0) over cascade 0) (instant-ngp `update_density_grid_mean_and_bitfield`). */
export function occupancyThreshold(spec: OccupancySpec, grid: Float32Array): number {
  const n = cellsPerCascade(spec);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.max(grid[i]!, 0);
  return Math.min(MIN_OPTICAL_THICKNESS, sum / n);
}

/**
 * The bitfield of a density grid: bit = grid > threshold, then each cascade k ≥ 1 OR-ed in its central half with a
 * 2× max-pool of cascade k − 1 (instant-ngp `grid_to_bitfield` and `bitfield_max_pool`).
 */
export function buildBitfield(spec: OccupancySpec, grid: Float32Array, threshold: number): Uint32Array {
  const n = cellsPerCascade(spec);
  invariant(grid.length === n * spec.nCascades, 'density grid size');
  const bits = new Uint32Array(Math.ceil((n * spec.nCascades) / 32));
  for (let i = 0; i < grid.length; i++) if (grid[i]! > threshold) bits[i >>> 5]! |= 1 << (i & 31);
  const half = spec.gridRes / 2;
  const quarter = spec.gridRes / 4;
  for (let k = 1; k < spec.nCascades; k++) {
    for (let m = 0; m < n; m++) {
      const fine = (k - 1) * n + m;
      if (!((bits[fine >>> 5]! >>> (fine & 31)) & 1)) continue;
      const [x, y, z] = mortonToXyz(m);
      const coarse = k * n + morton3D(quarter + (x >> 1), quarter + (y >> 1), quarter + (z >> 1));
      invariant(x >> 1 < half, 'max-pool range');
      bits[coarse >>> 5]! |= 1 << (coarse & 31);
    }
  }
  return bits;
}

/** Occupied cells per cascade (for profiles). */
export function occupiedFraction(spec: OccupancySpec, bitfield: Uint32Array, cascade = 0): number {
  const n = cellsPerCascade(spec);
  let count = 0;
  for (let i = cascade * n; i < (cascade + 1) * n; i++) count += (bitfield[i >>> 5]! >>> (i & 31)) & 1;
  return count / n;
}

/**
 * Where the grid update evaluates the density: for sample i of `nSamples` at training step `step`, instant-ngp's
 * pseudo-random cell `((i + step·n)·56924617 + j·19349663 + 96925573) mod res³` (j = retry 0..9 until a cell that
 * is not masked, value > −0.01; `occupiedOnly` asks for value > 0.01 instead), a seeded cascade and a uniform
 * position inside the cell. Returns global cell indices and unit-cube positions (docs/sources.md#kernels-5-2).
 */
export function gridUpdateSamples(
  spec: OccupancySpec,
  grid: Float32Array,
  nSamples: number,
  step: number,
  rng: { next(): number },
  occupiedOnly = false,
): { cells: Uint32Array; positions: Float32Array } {
  const n = cellsPerCascade(spec);
  const cells = new Uint32Array(nSamples);
  const positions = new Float32Array(nSamples * 3);
  const limit = occupiedOnly ? MIN_OPTICAL_THICKNESS : -0.01;
  for (let i = 0; i < nSamples; i++) {
    const level = Math.min(spec.nCascades - 1, Math.floor(rng.next() * spec.nCascades));
    let idx = 0;
    for (let j = 0; j < 10; j++) {
      // BigInt keeps the 64-bit product exact (instant-ngp computes it in u32 arithmetic modulo 2^32 first).
      const h = Number(
        ((BigInt((i + step * nSamples) >>> 0) * 56924617n + BigInt(j) * 19349663n + 96925573n) &
          0xffffffffn) %
          BigInt(n),
      );
      idx = h;
      if (grid[level * n + idx]! > limit) break;
    }
    const [x, y, z] = mortonToXyz(idx);
    const scale = 2 ** level;
    const xyz = [x, y, z];
    for (let a = 0; a < 3; a++) {
      const p = (xyz[a]! + rng.next()) / spec.gridRes;
      positions[3 * i + a] = (p - 0.5) * scale + 0.5;
    }
    cells[i] = level * n + idx;
  }
  return { cells, positions };
}

/**
 * The update: per cell, the max optical thickness of its samples (σ·MIN_CONE_STEPSIZE, the cascade-0 step), merged as
 * `new = old < 0 ? old : max(old·decay, sample)`; cells without samples just decay. Exact reference of the GPU splat
 * and merge passes.
 */
export function updateDensityGrid(
  grid: Float32Array,
  cells: Uint32Array,
  thickness: Float32Array,
  decay = DENSITY_GRID_DECAY,
): Float32Array {
  const tmp = new Float32Array(grid.length);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    tmp[c] = Math.max(tmp[c]!, Math.max(thickness[i]!, 0));
  }
  const out = new Float32Array(grid.length);
  const d = Math.fround(decay);
  for (let i = 0; i < grid.length; i++) {
    const old = grid[i]!;
    out[i] = old < 0 ? old : Math.max(Math.fround(old * d), tmp[i]!);
  }
  return out;
}

/** A density grid set from a predicate on cell centres (value 1 where occupied): used to march known scenes. */
export function densityGridFromPredicate(
  spec: OccupancySpec,
  occupied: (pos: [number, number, number]) => boolean,
): Float32Array {
  const n = cellsPerCascade(spec);
  const grid = new Float32Array(n * spec.nCascades);
  for (let k = 0; k < spec.nCascades; k++) {
    const scale = 2 ** k;
    for (let m = 0; m < n; m++) {
      const [x, y, z] = mortonToXyz(m);
      const c = (v: number) => ((v + 0.5) / spec.gridRes - 0.5) * scale + 0.5;
      if (occupied([c(x), c(y), c(z)])) grid[k * n + m] = 1;
    }
  }
  return grid;
}
