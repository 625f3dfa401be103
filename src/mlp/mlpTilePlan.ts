// Workgroup-memory budget of the fused MLP kernels: batch rows per tile and weight columns per staged chunk.
import { invariant, NgpcInputError } from '../errors.ts';
import type { MlpLayout } from './mlpLayout.ts';

export type MlpPrecision = 'f32' | 'f16';

/** Batch rows per thread (register block) and neurons per thread, fixed by kernels/mlpTileMatmul.wgsl. */
export const ROWS_PER_THREAD = 4;
export const NEURONS_PER_THREAD = 8;
/** Upper bounds that keep workgroups reasonable on every backend (WebGPU's default invocation limit is 256). */
export const MAX_TILE_ROWS = 256;
export const MAX_WORKGROUP_SIZE = 256;

/** How one fused kernel uses workgroup memory (all sizes in values unless named bytes). */
export interface MlpTilePlan {
  precision: MlpPrecision;
  bytesPerValue: 2 | 4;
  /** Batch rows per workgroup (a multiple of 4). */
  tileRows: number;
  /** Width of a tile row: the widest matmul input (values, a multiple of 16). */
  tileCols: number;
  /** Outputs of the widest matmul (values, a multiple of 16): sets the threads per row block. */
  maxOutputs: number;
  /** Input columns of one staged weight chunk (a multiple of 16). */
  weightChunkCols: number;
  /** (tileRows / 4) row blocks × (maxOutputs / 8) neuron blocks. */
  workgroupSize: number;
  activationBytes: number;
  weightBytes: number;
  /** activationBytes + weightBytes ≤ the limit it was planned for. */
  totalBytes: number;
}

/**
 * Splits `limitBytes` (maxComputeWorkgroupStorageSize) between a weight chunk and the activation tile:
 * the weights of the widest matmul if they fit in half the budget, else a chunk of 16-column slabs that does;
 * the rest holds as many batch rows as fit (multiple of 4), capped by MAX_TILE_ROWS and the invocation limit.
 * tcnn uses 128-row tiles and 16×16 weight fragments in registers (docs/sources.md#kernels-3-2); WebGPU's 16–32 KiB limit
 * forces smaller tiles or chunked weights (docs/sources.md#kernels-11-1).
 */
export function planMlpTile(
  shape: { maxOutputs: number; tileCols: number; maxMatrixCols: number },
  limitBytes: number,
  precision: MlpPrecision,
  maxInvocations = MAX_WORKGROUP_SIZE,
): MlpTilePlan {
  const b = precision === 'f16' ? 2 : 4;
  const { maxOutputs, tileCols, maxMatrixCols } = shape;
  invariant(
    maxOutputs % 16 === 0 && tileCols % 16 === 0 && maxMatrixCols % 16 === 0,
    'MLP widths are 16-aligned',
  );
  const wholeBytes = maxOutputs * maxMatrixCols * b;
  const weightBudget = Math.min(wholeBytes, Math.floor(limitBytes / 2));
  const weightChunkCols = Math.min(maxMatrixCols, Math.floor(weightBudget / (maxOutputs * b) / 16) * 16);
  const neuronBlocks = maxOutputs / NEURONS_PER_THREAD;
  const weightBytes = maxOutputs * weightChunkCols * b;
  const byBytes = Math.floor((limitBytes - weightBytes) / (tileCols * b));
  const byThreads = Math.floor(Math.min(maxInvocations, MAX_WORKGROUP_SIZE) / neuronBlocks) * ROWS_PER_THREAD;
  const tileRows =
    Math.floor(Math.min(byBytes, byThreads, MAX_TILE_ROWS) / ROWS_PER_THREAD) * ROWS_PER_THREAD;
  if (weightChunkCols < 16 || tileRows < ROWS_PER_THREAD) {
    throw new NgpcInputError(
      `MLP with ${maxOutputs} outputs x ${tileCols} inputs per layer does not fit maxComputeWorkgroupStorageSize = ${limitBytes} bytes (${precision})`,
    );
  }
  const activationBytes = tileRows * tileCols * b;
  return {
    precision,
    bytesPerValue: b,
    tileRows,
    tileCols,
    maxOutputs,
    weightChunkCols,
    workgroupSize: (tileRows / ROWS_PER_THREAD) * neuronBlocks,
    activationBytes,
    weightBytes,
    totalBytes: activationBytes + weightBytes,
  };
}

/** Forward kernel shape: matmul outputs up to max(width, pad16(out)), tile rows as wide as max(pad16(in), width). */
export function forwardTileShape(layout: MlpLayout) {
  const w = layout.spec.nNeurons;
  return {
    maxOutputs: Math.max(w, layout.outputDimsPadded),
    tileCols: Math.max(layout.inputDimsPadded, w),
    maxMatrixCols: Math.max(layout.inputDimsPadded, w),
  };
}

/** Backward kernel shape: transposed matmuls, outputs up to max(width, pad16(in)), tile rows hold the δs. */
export function backwardTileShape(layout: MlpLayout) {
  const w = layout.spec.nNeurons;
  return {
    maxOutputs: Math.max(w, layout.inputDimsPadded),
    tileCols: Math.max(layout.outputDimsPadded, w),
    maxMatrixCols: Math.max(layout.outputDimsPadded, w),
  };
}
