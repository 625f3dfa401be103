// Hand-built workloads and config tweaks for the NGPC model tests (independent of configs/apps).
import { type GridEncodingSpec, type GridType, levelLayout } from '../../../src/encoding/gridLayout.ts';
import { type NgpcConfig, type NgpcWorkload, ngpcConfigByName } from '../../../src/model/ngpc/index.ts';
import type { MlpShape } from '../../../src/workload/types.ts';

/** instant-ngp's per-level scale for 16 levels from 16 to 2048 (docs/sources.md#kernels-2-3). */
export const B_16_TO_2048 = Math.exp(Math.log(2048 / 16) / 15);

export function gridSpec(over: Partial<GridEncodingSpec> = {}): GridEncodingSpec {
  return {
    otype: 'HashGrid',
    type: 'Hash' as GridType,
    nDims: 3,
    nLevels: 16,
    nFeaturesPerLevel: 2,
    log2HashmapSize: 19,
    baseResolution: 16,
    perLevelScale: B_16_TO_2048,
    interpolation: 'Linear',
    ...over,
  };
}

export const NERF_MLPS: MlpShape[] = [
  { name: 'density', inputDims: 32, width: 64, hiddenLayers: 1, outputDimsPadded: 16, outputDims: 16 },
  { name: 'color', inputDims: 32, width: 64, hiddenLayers: 2, outputDimsPadded: 16, outputDims: 3 },
];
export const GIA_MLPS: MlpShape[] = [
  { name: 'image', inputDims: 32, width: 64, hiddenLayers: 2, outputDimsPadded: 16, outputDims: 3 },
];

export function workload(spec: GridEncodingSpec, queriesPerFrame: number, mlps = NERF_MLPS): NgpcWorkload {
  return {
    queriesPerFrame,
    layout: levelLayout(spec),
    bytesPerParam: 2,
    lookupsPerQueryPerLevel: spec.interpolation === 'Nearest' ? 1 : 2 ** spec.nDims,
    mlps,
    inputBytesPerQuery: 4 * spec.nDims,
    outputBytesPerQuery: 8,
  };
}

/** NeRF's 2022 hash grid (L16 F2 T2^19, 3-D) and GIA's (2-D, T2^24). */
export const nerfHash = (queries = 1_000_000) => workload(gridSpec(), queries);
export const giaHash = (queries = 1_000_000) =>
  workload(gridSpec({ nDims: 2, log2HashmapSize: 24 }), queries, GIA_MLPS);

/** A deep copy of a preset with some fields changed. */
export function tweak(name: string, edit: (cfg: NgpcConfig) => void): NgpcConfig {
  const cfg = structuredClone(ngpcConfigByName(name));
  edit(cfg);
  return cfg;
}

export const RTX3090_BW = { hostL2BytesPerS: 4e12, hostDramBytesPerS: 936e9 };
