// Weight layout of a fully fused MLP: matrix shapes and parameter offsets in tiny-cuda-nn order (docs/sources.md#kernels-3-1).
import { invariant } from '../errors.ts';
import { checkMlpSpec, type MlpSpec } from './mlpConfig.ts';

/** tcnn REQUIRED_ALIGNMENT: input widths and the output matrix rows are padded to multiples of 16 (tensor-core tiles). */
export const MLP_ALIGNMENT = 16;

/** Rounds a width up to tcnn's 16-alignment. */
export function pad16(n: number): number {
  return Math.ceil(n / MLP_ALIGNMENT) * MLP_ALIGNMENT;
}

/** One weight matrix: `rows × cols` row-major (out × in), starting at `offset` in the flat parameter array. */
export interface MlpMatrix {
  /** 0 = first (input) matrix, nHiddenLayers = output matrix. */
  index: number;
  rows: number;
  cols: number;
  offset: number;
  /** rows × cols. */
  nParams: number;
}

export interface MlpLayout {
  spec: MlpSpec;
  /** Width of W0's columns: pad16(nInputDims); the padded input columns read as zero. */
  inputDimsPadded: number;
  /** Rows of the output matrix: pad16(nOutputDims); the padded rows are real parameters whose outputs are unused. */
  outputDimsPadded: number;
  /** W0, then nHiddenLayers − 1 hidden matrices, then Wout, contiguous in that order (tcnn). */
  matrices: MlpMatrix[];
  nParams: number;
  /** Multiply-accumulates per query over all matrices, padded shapes included (what the hardware computes). */
  macsPerQuery: number;
}

/** The layout of a spec: W0 width×pad16(in), (nHiddenLayers−1)× width×width, Wout pad16(out)×width; no biases. */
export function mlpLayout(spec: MlpSpec): MlpLayout {
  checkMlpSpec(spec);
  const width = spec.nNeurons;
  const inputDimsPadded = pad16(spec.nInputDims);
  const outputDimsPadded = pad16(spec.nOutputDims);
  const shapes: [number, number][] = [[width, inputDimsPadded]];
  for (let k = 1; k < spec.nHiddenLayers; k++) shapes.push([width, width]);
  shapes.push([outputDimsPadded, width]);
  const matrices: MlpMatrix[] = [];
  let offset = 0;
  for (const [index, [rows, cols]] of shapes.entries()) {
    matrices.push({ index, rows, cols, offset, nParams: rows * cols });
    offset += rows * cols;
  }
  invariant(matrices.length === spec.nHiddenLayers + 1, 'matrix count');
  return { spec, inputDimsPadded, outputDimsPadded, matrices, nParams: offset, macsPerQuery: offset };
}
