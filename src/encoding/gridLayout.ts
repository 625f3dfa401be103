// Grid-encoding level layout and corner indexing with tiny-cuda-nn semantics (docs/sources.md#kernels-1-2–1.4).
// One object shared by the GPU kernels, the CPU reference, the workload counts and the NGPC model.
import { invariant } from '../errors.ts';

export type GridType = 'Hash' | 'Dense' | 'Tiled';
export type Interpolation = 'Linear' | 'Nearest' | 'Smoothstep';

/** A grid encoding in tiny-cuda-nn terms (camelCase of its JSON keys), with every default filled in. */
export interface GridEncodingSpec {
  otype: 'HashGrid' | 'Grid' | 'DenseGrid' | 'TiledGrid';
  type: GridType;
  nDims: number;
  nLevels: number;
  nFeaturesPerLevel: number;
  log2HashmapSize: number;
  baseResolution: number;
  perLevelScale: number;
  interpolation: Interpolation;
}

export interface LevelInfo {
  level: number;
  /** scale_l = exp2(l·log2 b)·N_min − 1, rounded to f32 at every step as tcnn does on the host. */
  scale: number;
  /** Grid vertices per axis: ceil(scale) + 1. */
  resolution: number;
  /** resolution^D (saturating as tcnn does), before rounding and capping. */
  denseEntries: number;
  /** Entries in this level's table. */
  entries: number;
  /** First entry of this level in the whole table. */
  offset: number;
  /** True when the level is indexed by the coherent prime hash (table smaller than the dense grid). */
  hashed: boolean;
}

export interface LevelLayout {
  spec: GridEncodingSpec;
  levels: LevelInfo[];
  totalEntries: number;
  /** totalEntries × F: the number of parameters (entry-major, F adjacent features). */
  nParams: number;
}

/** Coherent prime hash factors (tcnn common_device.h, from commit d063915 on). */
export const HASH_PRIMES = [
  1, 2654435761, 805459861, 3674653429, 2097192037, 1434869437, 2165219737,
] as const;

/** Largest resolution indexable densely in u32 per dimension count (tcnn `grid_index`). */
export const MAX_BASE = [0, 0xffffffff, 0xffff, 0x659, 0xff, 0x54, 0x28, 0x17, 0xf, 0xb, 0x9] as const;

const f = Math.fround;

/** f32 per-level scale exactly as tcnn computes it: exp2f(l * log2f(b)) * N_min - 1. */
export function levelScale(level: number, perLevelScale: number, baseResolution: number): number {
  const log2b = f(Math.log2(f(perLevelScale)));
  return f(f(f(2 ** f(level * log2b)) * baseResolution) - 1);
}

/** Default `per_level_scale` for a DenseGrid: the finest level lands near 256 vertices (tcnn grid.h). */
export function defaultDensePerLevelScale(nLevels: number, baseResolution: number): number {
  return nLevels > 1 ? Math.exp(Math.log(256 / baseResolution) / (nLevels - 1)) : 1;
}

/** The level table: scales, resolutions, sizes and offsets, as tcnn's GridEncodingTemplated constructor. */
export function levelLayout(spec: GridEncodingSpec): LevelLayout {
  invariant(spec.nLevels >= 1 && spec.nLevels <= 128, `nLevels ${spec.nLevels}`);
  const levels: LevelInfo[] = [];
  let offset = 0;
  const saturate = Math.floor(0xffffffff / 2);
  for (let level = 0; level < spec.nLevels; level++) {
    const scale = levelScale(level, spec.perLevelScale, spec.baseResolution);
    const resolution = Math.ceil(scale) + 1;
    let dense = resolution ** spec.nDims;
    if (dense > saturate) dense = saturate;
    let entries = Math.ceil(dense / 8) * 8;
    if (spec.type === 'Hash') entries = Math.min(entries, 2 ** spec.log2HashmapSize);
    if (spec.type === 'Tiled') entries = Math.min(entries, spec.baseResolution ** spec.nDims);
    const hashed = spec.type === 'Hash' && entries < dense;
    levels.push({ level, scale, resolution, denseEntries: dense, entries, offset, hashed });
    offset += entries;
  }
  return { spec, levels, totalEntries: offset, nParams: offset * spec.nFeaturesPerLevel };
}

/**
 * Table entry of an integer grid vertex at a level (tcnn `grid_index`): dense stride indexing while the
 * level fits, the coherent prime hash for hashed levels, u32 wrap-around arithmetic, then modulo the level size.
 * Corners are not clamped: the +0.5 offset can reach index `resolution`, which aliases as in tcnn.
 */
export function gridIndex(type: GridType, level: LevelInfo, corner: ArrayLike<number>): number {
  const nDims = corner.length;
  let stride = 1;
  let index = 0;
  if (level.resolution <= (MAX_BASE[nDims] ?? 0)) {
    for (let d = 0; d < nDims; d++) {
      index = (index + Math.imul(corner[d]! >>> 0, stride)) >>> 0;
      stride = Math.imul(stride, level.resolution) >>> 0;
    }
  } else {
    stride = 0xffffffff;
  }
  if (type === 'Hash' && level.entries < stride) {
    index = 0;
    for (let d = 0; d < nDims; d++) index = (index ^ Math.imul(corner[d]! >>> 0, HASH_PRIMES[d]!)) >>> 0;
  }
  return index % level.entries;
}

/**
 * `gridIndex` for the corners of many cells of one level, with the level's constants worked out once: whether it
 * indexes densely, by the prime hash, or (a dense grid past the u32 range) not at all, and the per-axis strides.
 * The inner loop of the NGPC model's per-query SRAM simulation; equal to `gridIndex` for every corner (tested).
 */
export class LevelIndexer {
  private readonly mode: 'dense' | 'hash' | 'zero';
  private readonly factors: Uint32Array;
  private readonly entries: number;

  constructor(type: GridType, level: LevelInfo, nDims: number) {
    this.entries = level.entries;
    const dense = level.resolution <= (MAX_BASE[nDims] ?? 0);
    let stride = 1;
    const strides = new Uint32Array(nDims);
    for (let d = 0; d < nDims; d++) {
      strides[d] = stride;
      stride = Math.imul(stride, level.resolution) >>> 0;
    }
    if (!dense) stride = 0xffffffff;
    const hash = type === 'Hash' && level.entries < stride;
    this.mode = hash ? 'hash' : dense ? 'dense' : 'zero';
    this.factors = hash ? Uint32Array.from(HASH_PRIMES.slice(0, nDims)) : strides;
  }

  /** Table entries of `corners` corners of `cell` (corner k adds bit d of k along axis d, tcnn order) into `out`. */
  cornerIndices(cell: ArrayLike<number>, corners: number, out: Uint32Array): void {
    const nDims = this.factors.length;
    for (let k = 0; k < corners; k++) {
      let index = 0;
      if (this.mode === 'hash') {
        for (let d = 0; d < nDims; d++)
          index = (index ^ Math.imul((cell[d]! + ((k >> d) & 1)) >>> 0, this.factors[d]!)) >>> 0;
      } else if (this.mode === 'dense') {
        for (let d = 0; d < nDims; d++)
          index = (index + Math.imul((cell[d]! + ((k >> d) & 1)) >>> 0, this.factors[d]!)) >>> 0;
      }
      out[k] = index % this.entries;
    }
  }
}

/**
 * Position → cell and fraction along one axis (tcnn `pos_fract`): p = fma(scale, x, 0.5) in f32,
 * cell = u32(i32(floor(p))), t = p − floor(p). Returns [cell (u32), t].
 */
export function posFract(scale: number, x: number): [number, number] {
  const p = f(scale * f(x) + 0.5);
  const fl = Math.floor(p);
  return [fl >>> 0, f(p - fl)];
}
