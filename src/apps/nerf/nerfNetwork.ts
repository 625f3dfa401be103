// The NeRF network (hash grid → density MLP → [16 | SH degree 4] → colour MLP): specs, seeded init and the CPU forward (docs/sources.md#kernels-5-1).
import { encodingPreset } from '../../encoding/encodingConfig.ts';
import { encodeGridCpu } from '../../encoding/gridEncoding.cpu.ts';
import { initGridParams } from '../../encoding/gridEncoding.ts';
import { type GridEncodingSpec, levelLayout } from '../../encoding/gridLayout.ts';
import { seededRng } from '../../encoding/rng.ts';
import { encodeShCpu } from '../../encoding/sphericalHarmonics.cpu.ts';
import { NgpcInputError } from '../../errors.ts';
import { mlpForwardCpu } from '../../mlp/mlp.cpu.ts';
import { checkMlpSpec, type MlpSpec } from '../../mlp/mlpConfig.ts';
import { initMlpParams } from '../../mlp/mlpInit.ts';
import { mlpLayout } from '../../mlp/mlpLayout.ts';

/** Density outputs: output 0 is σ_raw and all 16 are the colour network's geometric features (docs/sources.md#kernels-5-1). */
export const NERF_GEO_FEATURES = 16;
/** SH degree 4: 16 direction features (docs/sources.md#kernels-4). */
export const NERF_SH_DEGREE = 4;
export const NERF_SH_FEATURES = NERF_SH_DEGREE * NERF_SH_DEGREE;

export interface NerfNetworkSpec {
  grid: GridEncodingSpec;
  density: MlpSpec;
  color: MlpSpec;
}

export interface NerfParams {
  grid: Float32Array;
  density: Float32Array;
  color: Float32Array;
}

/**
 * instant-ngp's NeRF network (docs/sources.md#kernels-2-1, docs/sources.md#kernels-5-1): the nerf hash-grid preset (L16 F2 T2^19) unless `grid` is given;
 * density 32 → [64 × 1] → 16, colour 32 → [64 × 2] → 3, ReLU, no output activation (exp and sigmoid are applied by
 * the NeRF kernels).
 */
export function nerfNetworkSpec(grid?: GridEncodingSpec): NerfNetworkSpec {
  const g = grid ?? (encodingPreset('nerf') as GridEncodingSpec);
  if (g.nDims !== 3) throw new NgpcInputError(`NeRF grid: n_dims = ${g.nDims}: expected 3`);
  const nEnc = g.nLevels * g.nFeaturesPerLevel;
  const density = checkMlpSpec(
    {
      otype: 'FullyFusedMLP',
      nInputDims: nEnc,
      nOutputDims: NERF_GEO_FEATURES,
      nNeurons: 64,
      nHiddenLayers: 1,
      activation: 'ReLU',
      outputActivation: 'None',
    },
    'NeRF density network',
  );
  const color = checkMlpSpec(
    {
      otype: 'FullyFusedMLP',
      nInputDims: NERF_GEO_FEATURES + NERF_SH_FEATURES,
      nOutputDims: 3,
      nNeurons: 64,
      nHiddenLayers: 2,
      activation: 'ReLU',
      outputActivation: 'None',
    },
    'NeRF color network',
  );
  return { grid: g, density, color };
}

/** Seeded parameters: tcnn's grid init U(±1e-4) and Xavier-uniform MLP weights. */
export function initNerfParams(spec: NerfNetworkSpec, seed: number): NerfParams {
  return {
    grid: initGridParams(levelLayout(spec.grid), seededRng(seed)),
    density: initMlpParams(mlpLayout(spec.density), seed + 1),
    color: initMlpParams(mlpLayout(spec.color), seed + 2),
  };
}

/** The raw network outputs at N samples: σ_raw (N) and rgb_raw (N × 3), f64 (exact reference of the kernels). */
export function nerfForwardCpu(
  spec: NerfNetworkSpec,
  params: NerfParams,
  positions: Float32Array,
  directions: Float32Array,
): { sigmaRaw: Float64Array; rgbRaw: Float64Array } {
  const n = positions.length / 3;
  const encoded = encodeGridCpu(levelLayout(spec.grid), params.grid, positions);
  const geo = mlpForwardCpu(mlpLayout(spec.density), params.density, encoded).outputs;
  const warped = new Float32Array(directions.length);
  for (let i = 0; i < directions.length; i++) warped[i] = (directions[i]! + 1) / 2;
  const sh = encodeShCpu({ otype: 'SphericalHarmonics', nDims: 3, degree: NERF_SH_DEGREE }, warped);
  const colorIn = new Float64Array(n * 32);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < NERF_GEO_FEATURES; k++) colorIn[32 * i + k] = geo[NERF_GEO_FEATURES * i + k]!;
    for (let k = 0; k < NERF_SH_FEATURES; k++) colorIn[32 * i + 16 + k] = sh[NERF_SH_FEATURES * i + k]!;
  }
  const rgbRaw = mlpForwardCpu(mlpLayout(spec.color), params.color, colorIn).outputs;
  const sigmaRaw = new Float64Array(n);
  for (let i = 0; i < n; i++) sigmaRaw[i] = geo[NERF_GEO_FEATURES * i]!;
  return { sigmaRaw, rgbRaw };
}
