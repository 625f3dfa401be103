// NVR ground-truth volumes: a voxel grid of density and albedo, built-in procedural clouds or raw u8 files, trilinear lookup.

import { OptionError, verbatim } from '../../errors.ts';
import { INPUT_MAX_BYTES, readInputFile } from '../../io/inputFile.ts';

/** A voxel grid over the unit cube (voxel centres at (i + 0.5) / n): density in [0,1] and RGB albedo in [0,1]. */
export interface DensityVolume {
  dims: [number, number, number];
  /** x fastest, then y, then z. */
  density: Float32Array;
  /** 3 per voxel, same order. */
  albedo: Float32Array;
}

export const VOLUME_MAX_SIZE_VOXELS = 512;

/** fmix32 of a lattice point and a seed: a deterministic value in [0, 1). */
function latticeHash(x: number, y: number, z: number, seed: number): number {
  let h = (Math.imul(x, 0x8da6b343) ^ Math.imul(y, 0xd8163841) ^ Math.imul(z, 0xcb1ab31f) ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Smoothstep-interpolated value noise in [0, 1). */
function valueNoise(x: number, y: number, z: number, seed: number): number {
  const ix = Math.floor(x);
  const iy = Math.floor(y);
  const iz = Math.floor(z);
  const s = (t: number) => t * t * (3 - 2 * t);
  const fx = s(x - ix);
  const fy = s(y - iy);
  const fz = s(z - iz);
  let v = 0;
  for (let c = 0; c < 8; c++) {
    const dx = c & 1;
    const dy = (c >> 1) & 1;
    const dz = c >> 2;
    const w = (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy) * (dz ? fz : 1 - fz);
    v += w * latticeHash(ix + dx, iy + dy, iz + dz, seed);
  }
  return v;
}

function fbm(x: number, y: number, z: number, octaves: number, seed: number): number {
  let sum = 0;
  let amp = 0.5;
  let f = 1;
  for (let o = 0; o < octaves; o++) {
    sum += amp * valueNoise(x * f, y * f, z * f, seed + o);
    amp *= 0.5;
    f *= 2;
  }
  return sum;
}

type VolumeFn = (x: number, y: number, z: number, albedo: Float64Array) => number;

/**
 * "cloud": a fBm-eroded blob (4 octaves of value noise at 4–32 cycles per cube, fading out from radius 0.3) whose
 * albedo drifts through a cosine palette driven by a second, slower noise.
 */
const cloud: VolumeFn = (x, y, z, albedo) => {
  const r = Math.hypot(x - 0.5, (y - 0.5) * 1.3, z - 0.5);
  const n = fbm(4 * x, 4 * y, 4 * z, 4, 0x5eed);
  const d = Math.min(1, Math.max(0, 3.2 * (n - 0.25) - 5 * Math.max(0, r - 0.3)));
  const hue = 1.5 * fbm(3 * x + 7, 3 * y, 3 * z, 2, 0xc01) + 0.6 * y;
  for (let k = 0; k < 3; k++) albedo[k] = 0.6 + 0.4 * Math.cos(2 * Math.PI * (hue + [0, 0.33, 0.67][k]!));
  return d;
};

const GENERATORS: Readonly<Record<string, VolumeFn>> = { cloud };
export const VOLUME_NAMES = Object.keys(GENERATORS).sort();

/** Parses `--volume NAME:SIZE` (SIZE voxels per side). */
export function parseProceduralVolume(text: string, option = 'volume'): { name: string; sizeVoxels: number } {
  const m = /^([a-z]+):(\d+)$/.exec(text);
  const name = m?.[1] ?? '';
  const sizeVoxels = Number(m?.[2]);
  if (!m || !GENERATORS[name] || !(sizeVoxels >= 2 && sizeVoxels <= VOLUME_MAX_SIZE_VOXELS)) {
    throw new OptionError(
      option,
      verbatim(JSON.stringify(text)),
      (n) =>
        `expected NAME:SIZE with NAME one of ${VOLUME_NAMES.join(', ')} and SIZE 2..${VOLUME_MAX_SIZE_VOXELS} voxels, or a .raw file with ${n('dims')} XxYxZ`,
    );
  }
  return { name, sizeVoxels };
}

/** The built-in volume `name` voxelised at `sizeVoxels`³. */
export function proceduralVolume(name: string, sizeVoxels: number): DensityVolume {
  const fn = GENERATORS[name];
  if (!fn) parseProceduralVolume(`${name}:${sizeVoxels}`);
  const n = sizeVoxels;
  const density = new Float32Array(n * n * n);
  const albedo = new Float32Array(n * n * n * 3);
  const a = new Float64Array(3);
  for (let z = 0, i = 0; z < n; z++) {
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++, i++) {
        density[i] = fn!((x + 0.5) / n, (y + 0.5) / n, (z + 0.5) / n, a);
        albedo.set(a, 3 * i);
      }
    }
  }
  return { dims: [n, n, n], density, albedo };
}

/** Parses `--dims XxYxZ`. */
export function parseVolumeDims(text: string | undefined, option = 'dims'): [number, number, number] {
  const m = /^(\d+)x(\d+)x(\d+)$/.exec(text ?? '');
  const dims = (m ? [Number(m[1]), Number(m[2]), Number(m[3])] : []) as [number, number, number];
  if (!m || dims.some((d) => d < 2 || d > VOLUME_MAX_SIZE_VOXELS)) {
    throw new OptionError(
      option,
      verbatim(JSON.stringify(text ?? '')),
      (n) =>
        `a .raw volume needs its size as XxYxZ voxels, each 2..${VOLUME_MAX_SIZE_VOXELS}, e.g. ${n('dims')} 64x64x64`,
    );
  }
  return dims;
}

/** A raw volume: X·Y·Z unsigned bytes of density (x fastest), albedo a constant light grey. */
export function readRawVolume(path: string, dims: [number, number, number]): DensityVolume {
  const bytes: Uint8Array = readInputFile(path, { what: 'volume', maxBytes: INPUT_MAX_BYTES.volume });
  const n = dims[0] * dims[1] * dims[2];
  if (bytes.length !== n) {
    throw OptionError.worded(
      'dims',
      (name) =>
        `${path}: ${bytes.length} bytes, but ${name('dims')} ${dims.join('x')} needs ${n} (one unsigned byte of density per voxel)`,
    );
  }
  const density = Float32Array.from(bytes, (b) => b / 255);
  return { dims, density, albedo: new Float32Array(n * 3).fill(0.85) };
}

/** Trilinear (albedo, density) at N positions in [0,1]³ (clamped to the voxel centres): N × 4, RGB then density. */
export function sampleVolume(volume: DensityVolume, positions: Float32Array): Float32Array {
  const [nx, ny, nz] = volume.dims;
  const n = positions.length / 3;
  const out = new Float32Array(n * 4);
  const axis = (p: number, size: number): [number, number, number] => {
    const g = Math.min(size - 1, Math.max(0, p * size - 0.5));
    const i = Math.min(size - 2, Math.floor(g));
    return [i, i + 1, g - i];
  };
  for (let q = 0; q < n; q++) {
    const [x0, x1, fx] = axis(positions[3 * q]!, nx);
    const [y0, y1, fy] = axis(positions[3 * q + 1]!, ny);
    const [z0, z1, fz] = axis(positions[3 * q + 2]!, nz);
    let r = 0;
    let g = 0;
    let b = 0;
    let d = 0;
    for (let c = 0; c < 8; c++) {
      const w = (c & 1 ? fx : 1 - fx) * ((c >> 1) & 1 ? fy : 1 - fy) * (c >> 2 ? fz : 1 - fz);
      const v = (c & 1 ? x1 : x0) + nx * (((c >> 1) & 1 ? y1 : y0) + ny * (c >> 2 ? z1 : z0));
      d += w * volume.density[v]!;
      r += w * volume.albedo[3 * v]!;
      g += w * volume.albedo[3 * v + 1]!;
      b += w * volume.albedo[3 * v + 2]!;
    }
    out[4 * q] = r;
    out[4 * q + 1] = g;
    out[4 * q + 2] = b;
    out[4 * q + 3] = d;
  }
  return out;
}
