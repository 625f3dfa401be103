// A neural field's parameters (grid encoding + MLP, tcnn order) and its exact CPU evaluation, the reference for renders.
import { encodeGridCpu } from '../encoding/gridEncoding.cpu.ts';
import type { LevelLayout } from '../encoding/gridLayout.ts';
import { mlpForwardCpu } from '../mlp/mlp.cpu.ts';
import type { MlpLayout } from '../mlp/mlpLayout.ts';

/** Trainable parameters in tcnn order: MLP weights ("matrix params") first, then the grid (docs/sources.md#kernels-3-4). */
export interface FieldParams {
  mlp: Float32Array;
  grid: Float32Array;
}

/** outputs (N × nOutputDims, f64) of the field at N × D positions: encodeGridCpu then mlpForwardCpu. */
export function fieldForwardCpu(
  gridLayout: LevelLayout,
  mlpLayout: MlpLayout,
  params: FieldParams,
  positions: Float32Array,
): Float64Array {
  const encoded = encodeGridCpu(gridLayout, params.grid, positions);
  return mlpForwardCpu(mlpLayout, params.mlp, encoded).outputs;
}
