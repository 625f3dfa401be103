// The NFP's MLP engine: a systolic MAC array (ws, os or is dataflow) running one layer at a time over a batch.

import type { Dataflow, NgpcConfig } from '../../config/ngpc.ts';
import type { MlpShape } from '../../workload/types.ts';
import {
  foldDrainCycles,
  foldFillCycles,
  type GemmCycles,
  type GemmShape,
  gemmFolds,
  gemmMapping,
  type SystolicArrayParams,
  systolicGemmCycles,
} from './systolicGemm.ts';

export interface MlpEngineParams extends SystolicArrayParams {
  activationSramBytes: number;
  bytesPerValue: number;
}

export function mlpEngineParams(cfg: NgpcConfig): MlpEngineParams {
  return {
    arrayRows: cfg.mlp.arrayRows.value,
    arrayCols: cfg.mlp.arrayCols.value,
    passOverheadCycles: cfg.mlp.passOverheadCycles.value,
    dataflow: cfg.mlp.dataflow?.value ?? 'ws',
    activationSramBytes: cfg.mlp.activationSramBytes.value,
    bytesPerValue: cfg.precision.bytesPerValue.value,
  };
}

/** The matrices of one tcnn network as [in, out] pairs: in → width (× hiddenLayers) → padded out. */
export function mlpLayerDims(mlp: MlpShape): [number, number][] {
  const dims = [mlp.inputDims, ...new Array<number>(mlp.hiddenLayers).fill(mlp.width), mlp.outputDimsPadded];
  return dims.slice(0, -1).map((d, i) => [d, dims[i + 1]!]);
}

/** Weight tiles of one layer (its folds under ws): rows × cols pieces, inputs along rows, outputs along columns. */
export function layerTilePasses(inDims: number, outDims: number, p: MlpEngineParams): number {
  return Math.ceil(inDims / p.arrayRows) * Math.ceil(outDims / p.arrayCols);
}

/** Fill and drain of one fold (systolicGemm.ts), under the names the NFP model has always used. */
export function passFillCycles(p: MlpEngineParams): number {
  return foldFillCycles(p);
}
export function passDrainCycles(p: MlpEngineParams): number {
  return foldDrainCycles(p);
}

/** Queries the double-buffered activation SRAM holds when the widest layer has `widestValues` values per query. */
export function activationSubBatchQueries(widestValues: number, p: MlpEngineParams): number {
  return Math.max(1, Math.floor(p.activationSramBytes / (2 * Math.max(1, widestValues) * p.bytesPerValue)));
}

/** Queries per pass: as many as the double-buffered activation SRAM holds at the widest layer. */
export function mlpSubBatchQueries(mlps: readonly MlpShape[], p: MlpEngineParams): number {
  let widest = 1;
  for (const m of mlps) for (const [i, o] of mlpLayerDims(m)) widest = Math.max(widest, i, o);
  return activationSubBatchQueries(widest, p);
}

export interface MlpLayerCycles {
  network: string;
  inDims: number;
  outDims: number;
  /** Folds of one full sub-batch (under ws: the layer's weight tiles). */
  passes: number;
  /** Folds over the whole batch, every sub-batch included. */
  folds: number;
  cycles: number;
}

export interface MlpBatchResult {
  dataflow: Dataflow;
  queries: number;
  subBatchQueries: number;
  cycles: number;
  /** Σ over layers of the folds of one full sub-batch. */
  tilePasses: number;
  /** Σ over layers of the folds over the whole batch. */
  folds: number;
  /** Σ in × out per query over all layers (the useful MACs). */
  macsPerQuery: number;
  /** macs / (rows × cols × cycles). */
  utilization: number;
  /** Σ (in + out) per query: activation values read and written per query. */
  activationValuesPerQuery: number;
  layers: MlpLayerCycles[];
}

/**
 * Cycles for a batch through every network, layer after layer, each layer a GEMM queries × in × out run in sub-batches
 * (systolicGemmCycles). Under ws this is, per layer, passes · (batch + ⌈batch / subBatch⌉ · (fill + drain)) with
 * passes = ⌈in / rows⌉ · ⌈out / cols⌉ (partial sums of row tiles accumulate in the output buffer).
 */
export function mlpBatchCycles(
  mlps: readonly MlpShape[],
  queries: number,
  p: MlpEngineParams,
): MlpBatchResult {
  const dataflow = p.dataflow ?? 'ws';
  const sub = mlpSubBatchQueries(mlps, p);
  const layers: MlpLayerCycles[] = [];
  let macsPerQuery = 0;
  let activationValuesPerQuery = 0;
  for (const m of mlps) {
    for (const [inDims, outDims] of mlpLayerDims(m)) {
      const gemm = systolicGemmCycles({ m: queries, k: inDims, n: outDims }, p, sub);
      const passes = gemmFolds(
        gemmMapping({ m: Math.min(sub, queries), k: inDims, n: outDims }, dataflow),
        p,
      );
      layers.push({ network: m.name, inDims, outDims, passes, folds: gemm.folds, cycles: gemm.cycles });
      macsPerQuery += inDims * outDims;
      activationValuesPerQuery += inDims + outDims;
    }
  }
  const cycles = layers.reduce((s, l) => s + l.cycles, 0);
  const arrayMacs = p.arrayRows * p.arrayCols;
  return {
    dataflow,
    queries,
    subBatchQueries: sub,
    cycles,
    tilePasses: layers.reduce((s, l) => s + l.passes, 0),
    folds: layers.reduce((s, l) => s + l.folds, 0),
    macsPerQuery,
    utilization: cycles > 0 ? (macsPerQuery * queries) / (arrayMacs * cycles) : 0,
    activationValuesPerQuery,
    layers,
  };
}

export interface MlpGemmsResult {
  dataflow: Dataflow;
  subBatchQueries: number;
  gemms: GemmCycles[];
  totalCycles: number;
  /** Σ m·k·n / (rows × cols × totalCycles). */
  utilization: number;
}

/**
 * Standalone GEMMs on the MLP engine, one after the other (`ngpc engine mlp`). The M dimension runs in sub-batches of
 * `subBatchQueries`; by default what the activation SRAM holds at the widest K or N, the rule mlpBatchCycles uses.
 */
export function mlpEngineGemmCycles(
  gemms: readonly GemmShape[],
  p: MlpEngineParams,
  subBatchQueries?: number,
): MlpGemmsResult {
  const sub =
    subBatchQueries ?? activationSubBatchQueries(Math.max(1, ...gemms.flatMap((g) => [g.k, g.n])), p);
  const results = gemms.map((g) => systolicGemmCycles(g, p, sub));
  const totalCycles = results.reduce((s, g) => s + g.cycles, 0);
  const macs = gemms.reduce((s, g) => s + g.m * g.k * g.n, 0);
  return {
    dataflow: p.dataflow ?? 'ws',
    subBatchQueries: sub,
    gemms: results,
    totalCycles,
    utilization: totalCycles > 0 ? macs / (p.arrayRows * p.arrayCols * totalCycles) : 0,
  };
}
