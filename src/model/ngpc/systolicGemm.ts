// One GEMM (M queries × K inputs × N outputs) on an R×C systolic MAC array under a ws, os or is dataflow: folds and cycles.

import type { Dataflow } from '../../config/ngpc.ts';

/** The array and the conventions that turn a GEMM into cycles (docs/model-ngpc.md §2). */
export interface SystolicArrayParams {
  arrayRows: number;
  arrayCols: number;
  /** Added to the row skew in every fold's fill (MAC output register, activation stage). */
  passOverheadCycles: number;
  /** Absent: "ws". */
  dataflow?: Dataflow;
  /**
   * Whether the stationary operand of the next fold is swapped in (ws, is: preload; os: the finished outputs
   * shifted out) while the current fold streams, behind a second set of registers. Absent: true, the assumption the
   * NFP model has always made for its weight-stationary array.
   */
  stationaryDoubleBuffered?: boolean;
}

/** A GEMM's extent: `m` queries (the batch), `k` inputs and `n` outputs per query. */
export interface GemmShape {
  m: number;
  k: number;
  n: number;
}

/**
 * Where a dataflow puts the GEMM's dimensions: two spatial ones on the array's rows and columns, one streamed in time.
 * SCALE-Sim's mapping (Samajdar et al., arXiv 1811.02883), with its S_R, S_C and T:
 *   ws: weights K×N stationary, K on rows, N on columns, the M queries stream;
 *   os: outputs M×N stationary, M on rows, N on columns, the K inputs stream;
 *   is: inputs K×M stationary, K on rows, M on columns, the N weight columns stream.
 */
export interface GemmMapping {
  spatialRows: number;
  spatialCols: number;
  temporal: number;
}

export function gemmMapping({ m, k, n }: GemmShape, dataflow: Dataflow): GemmMapping {
  switch (dataflow) {
    case 'ws':
      return { spatialRows: k, spatialCols: n, temporal: m };
    case 'os':
      return { spatialRows: m, spatialCols: n, temporal: k };
    case 'is':
      return { spatialRows: k, spatialCols: m, temporal: n };
  }
}

/** Folds: the stationary tile cut into arrayRows × arrayCols pieces, each run alone (SCALE-Sim's row and column folds). */
export function gemmFolds(map: GemmMapping, p: SystolicArrayParams): number {
  return Math.ceil(map.spatialRows / p.arrayRows) * Math.ceil(map.spatialCols / p.arrayCols);
}

/** Fill: the operand skew across the rows plus the fold's pipeline overhead. */
export function foldFillCycles(p: SystolicArrayParams): number {
  return p.arrayRows + p.passOverheadCycles;
}

/** Drain: the result skew across the columns. */
export function foldDrainCycles(p: SystolicArrayParams): number {
  return p.arrayCols;
}

/**
 * Cycles to swap the stationary operand when it is not hidden: one array row per cycle through the row ports (a
 * preload for ws and is, the outputs shifted out for os), as SCALE-Sim counts it. With double-buffered stationary
 * registers it is hidden: a fold streams for at least fill + drain ≥ arrayRows cycles, long enough to swap the next.
 */
export function foldStationarySwapCycles(p: SystolicArrayParams): number {
  return (p.stationaryDoubleBuffered ?? true) ? 0 : p.arrayRows;
}

/** One fold: swap (when exposed) + fill + temporal + drain; every fold is padded to the whole array, as in SCALE-Sim. */
export function foldCycles(temporal: number, p: SystolicArrayParams): number {
  return foldStationarySwapCycles(p) + foldFillCycles(p) + temporal + foldDrainCycles(p);
}

export interface GemmCycles extends GemmShape {
  cycles: number;
  /** useful MACs / (rows × cols × cycles). */
  utilization: number;
  /** Folds over the whole GEMM, every sub-batch included. */
  folds: number;
  /** Queries per sub-batch the M dimension was split into (m when it was not split). */
  subBatchQueries: number;
  subBatches: number;
}

/** Cycles of one unsplit GEMM: folds × (swap + fill + temporal + drain). */
function wholeGemm(shape: GemmShape, p: SystolicArrayParams): { cycles: number; folds: number } {
  const map = gemmMapping(shape, p.dataflow ?? 'ws');
  const folds = gemmFolds(map, p);
  return { cycles: folds * foldCycles(map.temporal, p), folds };
}

/**
 * Cycles of a GEMM whose M queries run as sub-batches of at most `subBatchQueries` (what the activation SRAM holds),
 * each sub-batch a GEMM of its own: ⌊m / sub⌋ full ones and one remainder.
 */
export function systolicGemmCycles(
  shape: GemmShape,
  p: SystolicArrayParams,
  subBatchQueries = shape.m,
): GemmCycles {
  const sub = Math.max(1, Math.min(subBatchQueries, shape.m));
  const full = Math.floor(shape.m / sub);
  const rest = shape.m - full * sub;
  const perFull = wholeGemm({ ...shape, m: sub }, p);
  const perRest = rest > 0 ? wholeGemm({ ...shape, m: rest }, p) : { cycles: 0, folds: 0 };
  const cycles = full * perFull.cycles + perRest.cycles;
  const macs = shape.m * shape.k * shape.n;
  return {
    ...shape,
    cycles,
    utilization: cycles > 0 ? macs / (p.arrayRows * p.arrayCols * cycles) : 0,
    folds: full * perFull.folds + perRest.folds,
    subBatchQueries: sub,
    subBatches: full + (rest > 0 ? 1 : 0),
  };
}
