// The NFP's MLP engine: a weight-stationary systolic MAC array running one layer at a time over a batch.

import type { NgpcConfig } from '../../config/ngpc.ts';
import type { MlpShape } from '../../workload/types.ts';

export interface MlpEngineParams {
  arrayRows: number;
  arrayCols: number;
  passOverheadCycles: number;
  activationSramBytes: number;
  bytesPerValue: number;
}

export function mlpEngineParams(cfg: NgpcConfig): MlpEngineParams {
  return {
    arrayRows: cfg.mlp.arrayRows.value,
    arrayCols: cfg.mlp.arrayCols.value,
    passOverheadCycles: cfg.mlp.passOverheadCycles.value,
    activationSramBytes: cfg.mlp.activationSramBytes.value,
    bytesPerValue: cfg.precision.bytesPerValue.value,
  };
}

/** The matrices of one tcnn network as [in, out] pairs: in → width (× hiddenLayers) → padded out. */
export function mlpLayerDims(mlp: MlpShape): [number, number][] {
  const dims = [mlp.inputDims, ...new Array<number>(mlp.hiddenLayers).fill(mlp.width), mlp.outputDimsPadded];
  return dims.slice(0, -1).map((d, i) => [d, dims[i + 1]!]);
}

/** Tile passes of one layer: the weight matrix cut into rows × cols tiles, inputs along rows, outputs along columns. */
export function layerTilePasses(inDims: number, outDims: number, p: MlpEngineParams): number {
  return Math.ceil(inDims / p.arrayRows) * Math.ceil(outDims / p.arrayCols);
}

/**
 * Fill: the input skew across the rows plus the pass's pipeline overhead; drain: the output skew across the columns.
 * A weight-stationary pass over b queries takes b + fill + drain cycles (weights of the next tile are preloaded while
 * the current one streams: assumption, double-buffered weight registers).
 */
export function passFillCycles(p: MlpEngineParams): number {
  return p.arrayRows + p.passOverheadCycles;
}
export function passDrainCycles(p: MlpEngineParams): number {
  return p.arrayCols;
}

/** Queries per pass: as many as the double-buffered activation SRAM holds at the widest layer. */
export function mlpSubBatchQueries(mlps: readonly MlpShape[], p: MlpEngineParams): number {
  let widest = 1;
  for (const m of mlps) for (const [i, o] of mlpLayerDims(m)) widest = Math.max(widest, i, o);
  return Math.max(1, Math.floor(p.activationSramBytes / (2 * widest * p.bytesPerValue)));
}

export interface MlpLayerCycles {
  network: string;
  inDims: number;
  outDims: number;
  passes: number;
  cycles: number;
}

export interface MlpBatchResult {
  queries: number;
  subBatchQueries: number;
  cycles: number;
  tilePasses: number;
  /** Σ in × out per query over all layers (the useful MACs). */
  macsPerQuery: number;
  /** macs / (rows × cols × cycles). */
  utilization: number;
  /** Σ (in + out) per query: activation values read and written per query. */
  activationValuesPerQuery: number;
  layers: MlpLayerCycles[];
}

/**
 * Cycles for a batch through every network, layer after layer:
 *   per layer: passes × Σ over sub-batches (subBatch + fill + drain)
 * with passes = ⌈in / rows⌉ · ⌈out / cols⌉ (partial sums of row tiles accumulate in the output buffer).
 */
export function mlpBatchCycles(
  mlps: readonly MlpShape[],
  queries: number,
  p: MlpEngineParams,
): MlpBatchResult {
  const sub = mlpSubBatchQueries(mlps, p);
  const chunks = Math.ceil(queries / sub);
  const perPassCycles = queries + chunks * (passFillCycles(p) + passDrainCycles(p));
  const layers: MlpLayerCycles[] = [];
  let macsPerQuery = 0;
  let activationValuesPerQuery = 0;
  for (const m of mlps) {
    for (const [inDims, outDims] of mlpLayerDims(m)) {
      const passes = layerTilePasses(inDims, outDims, p);
      layers.push({ network: m.name, inDims, outDims, passes, cycles: passes * perPassCycles });
      macsPerQuery += inDims * outDims;
      activationValuesPerQuery += inDims + outDims;
    }
  }
  const cycles = layers.reduce((s, l) => s + l.cycles, 0);
  const tilePasses = layers.reduce((s, l) => s + l.passes, 0);
  const arrayMacs = p.arrayRows * p.arrayCols;
  return {
    queries,
    subBatchQueries: sub,
    cycles,
    tilePasses,
    macsPerQuery,
    utilization: cycles > 0 ? (macsPerQuery * queries) / (arrayMacs * cycles) : 0,
    activationValuesPerQuery,
    layers,
  };
}
