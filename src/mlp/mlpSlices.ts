// Large MLP inputs in slices that fit one storage binding (like `encode` does for grids), and the check that the
// outputs are finite: f16 operands overflow past 65504 and must not pass silently as Inf/NaN (issue 14).
import { OptionError } from '../errors.ts';
import type { MlpLayout } from './mlpLayout.ts';

/** Rows per slice: the most whose widest per-row buffer fits `maxBindingBytes`, a multiple of 256 when it can be. */
export function mlpRowsPerSlice(layout: MlpLayout, maxBindingBytes: number): number {
  const widestBytes = Math.max(layout.spec.nInputDims, layout.spec.nOutputDims, layout.spec.nNeurons) * 4;
  const rows = Math.floor(maxBindingBytes / widestBytes);
  return rows >= 256 ? rows - (rows % 256) : Math.max(1, rows);
}

/** Runs `forward` over consecutive row slices of `inputs` and joins the outputs in order. */
export async function forwardInSlices(
  inputs: Float32Array,
  nInputDims: number,
  nOutputDims: number,
  rowsPerSlice: number,
  forward: (slice: Float32Array) => Promise<Float32Array>,
): Promise<Float32Array> {
  const nRows = inputs.length / nInputDims;
  if (nRows <= rowsPerSlice) return forward(inputs);
  const out = new Float32Array(nRows * nOutputDims);
  for (let first = 0; first < nRows; first += rowsPerSlice) {
    const last = Math.min(nRows, first + rowsPerSlice);
    const y = await forward(inputs.subarray(first * nInputDims, last * nInputDims));
    out.set(y, first * nOutputDims);
  }
  return out;
}

/** Throws an NgpcInputError naming the first non-finite output and, under f16, the overflow that caused it. */
export function checkFiniteOutputs(
  outputs: Float32Array,
  nOutputDims: number,
  precision: 'f16' | 'f32' | 'f64',
): void {
  const i = outputs.findIndex((v) => !Number.isFinite(v));
  if (i < 0) return;
  const row = Math.floor(i / nOutputDims);
  const where = `output row ${row}, column ${i - row * nOutputDims} is ${outputs[i]}`;
  if (precision === 'f16') {
    throw new OptionError(
      'f16',
      undefined,
      (name) =>
        `${where}: an activation overflowed f16 (|x| > 65504); expected values f16 can hold (drop ${name('f16')} for f32)`,
    );
  }
  throw OptionError.worded(
    'inputs',
    (name) =>
      `${name('inputs')}/${name('weights')}: ${where}: expected inputs and weights whose outputs stay finite`,
  );
}
