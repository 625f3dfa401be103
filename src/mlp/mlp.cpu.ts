// CPU reference of the fully fused MLP: forward (keeping activations) and backward, plain loops in f64 (docs/sources.md#kernels-3).
import { NgpcInputError } from '../errors.ts';
import { activationDerivativeFromOutput, applyActivation } from './mlpActivation.ts';
import type { MlpLayout } from './mlpLayout.ts';

/** Forward results: outputs plus every layer's post-activation values, which the backward pass needs. */
export interface MlpForwardCpu {
  nRows: number;
  /** nRows × nOutputDims, row-major, after the output activation (padded outputs dropped). */
  outputs: Float64Array;
  /**
   * Post-activation values per matrix: hidden[k] is nRows × rows(W_k), row-major; the last entry is the padded
   * output layer after the output activation (nRows × outputDimsPadded).
   */
  layers: Float64Array[];
  /** The zero-padded inputs, nRows × inputDimsPadded. */
  inputsPadded: Float64Array;
}

export interface MlpBackwardCpu {
  /** dL/dW in the flat tcnn parameter layout. */
  dParams: Float64Array;
  /** dL/dinputs, nRows × nInputDims. */
  dInputs: Float64Array;
}

/** Batch size of an nRows × nInputDims input array; throws NgpcInputError on a ragged length. */
export function mlpBatchSize(layout: MlpLayout, inputs: ArrayLike<number>, what = 'inputs'): number {
  const n = layout.spec.nInputDims;
  if (inputs.length % n !== 0) {
    throw new NgpcInputError(`${what}: ${inputs.length} values is not a multiple of n_input_dims = ${n}`);
  }
  return inputs.length / n;
}

/** Checks the parameter count against the layout. */
export function checkMlpParams(layout: MlpLayout, params: ArrayLike<number>, what = 'weights'): void {
  if (params.length !== layout.nParams) {
    throw new NgpcInputError(
      `${what}: ${params.length} values, expected ${layout.nParams} (tcnn layout: ${layout.matrices
        .map((m) => `${m.rows}x${m.cols}`)
        .join(' + ')})`,
    );
  }
}

/** y = act_out(Wout · act(… act(W0 · x))) with no biases; inputs nRows × nInputDims, zero-padded to pad16. */
export function mlpForwardCpu(
  layout: MlpLayout,
  params: ArrayLike<number>,
  inputs: ArrayLike<number>,
): MlpForwardCpu {
  checkMlpParams(layout, params);
  const nRows = mlpBatchSize(layout, inputs);
  const { spec, inputDimsPadded, matrices } = layout;
  const inputsPadded = new Float64Array(nRows * inputDimsPadded);
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < spec.nInputDims; c++)
      inputsPadded[r * inputDimsPadded + c] = inputs[r * spec.nInputDims + c]!;
  }
  const layers: Float64Array[] = [];
  let prev = inputsPadded;
  for (const m of matrices) {
    const last = m.index === matrices.length - 1;
    const act = last ? spec.outputActivation : spec.activation;
    const out = new Float64Array(nRows * m.rows);
    for (let r = 0; r < nRows; r++) {
      for (let o = 0; o < m.rows; o++) {
        let acc = 0;
        const w = m.offset + o * m.cols;
        for (let i = 0; i < m.cols; i++) acc += params[w + i]! * prev[r * m.cols + i]!;
        out[r * m.rows + o] = applyActivation(act, acc);
      }
    }
    layers.push(out);
    prev = out;
  }
  const nOut = spec.nOutputDims;
  const padded = layout.outputDimsPadded;
  const outputs = new Float64Array(nRows * nOut);
  for (let r = 0; r < nRows; r++)
    for (let o = 0; o < nOut; o++) outputs[r * nOut + o] = prev[r * padded + o]!;
  return { nRows, outputs, layers, inputsPadded };
}

/**
 * Backward from dL/dy (nRows × nOutputDims): δ_out = dL/dy ⊙ act_out'(y), δ_k = (W_{k+1}ᵀ δ_{k+1}) ⊙ act'(h_k),
 * dW_k = Σ_rows δ_k h_{k−1}ᵀ, dL/dx = W0ᵀ δ_0 (first nInputDims columns). Padded output rows get zero gradient.
 */
export function mlpBackwardCpu(
  layout: MlpLayout,
  params: ArrayLike<number>,
  forward: MlpForwardCpu,
  dLdOutputs: ArrayLike<number>,
): MlpBackwardCpu {
  checkMlpParams(layout, params);
  const { spec, matrices } = layout;
  const nRows = forward.nRows;
  if (dLdOutputs.length !== nRows * spec.nOutputDims) {
    throw new NgpcInputError(
      `dL/doutput: ${dLdOutputs.length} values, expected ${nRows} x ${spec.nOutputDims}`,
    );
  }
  const dParams = new Float64Array(layout.nParams);
  const nMat = matrices.length;
  // δ of the output layer, padded rows zero.
  const outM = matrices[nMat - 1]!;
  let delta = new Float64Array(nRows * outM.rows);
  const y = forward.layers[nMat - 1]!;
  for (let r = 0; r < nRows; r++) {
    for (let o = 0; o < spec.nOutputDims; o++) {
      const idx = r * outM.rows + o;
      delta[idx] =
        dLdOutputs[r * spec.nOutputDims + o]! *
        activationDerivativeFromOutput(spec.outputActivation, y[idx]!);
    }
  }
  let dInputsPadded = new Float64Array(0);
  for (let k = nMat - 1; k >= 0; k--) {
    const m = matrices[k]!;
    const h = k > 0 ? forward.layers[k - 1]! : forward.inputsPadded;
    // dW_k[o][i] = Σ_r δ[r][o] h[r][i]
    for (let o = 0; o < m.rows; o++) {
      for (let i = 0; i < m.cols; i++) {
        let acc = 0;
        for (let r = 0; r < nRows; r++) acc += delta[r * m.rows + o]! * h[r * m.cols + i]!;
        dParams[m.offset + o * m.cols + i] = acc;
      }
    }
    // g[r][i] = Σ_o W[o][i] δ[r][o], then ⊙ act'(h) for hidden layers.
    const g = new Float64Array(nRows * m.cols);
    for (let r = 0; r < nRows; r++) {
      for (let i = 0; i < m.cols; i++) {
        let acc = 0;
        for (let o = 0; o < m.rows; o++) acc += params[m.offset + o * m.cols + i]! * delta[r * m.rows + o]!;
        g[r * m.cols + i] =
          k > 0 ? acc * activationDerivativeFromOutput(spec.activation, h[r * m.cols + i]!) : acc;
      }
    }
    if (k > 0) delta = g;
    else dInputsPadded = g;
  }
  const nIn = spec.nInputDims;
  const padIn = layout.inputDimsPadded;
  const dInputs = new Float64Array(nRows * nIn);
  for (let r = 0; r < nRows; r++)
    for (let c = 0; c < nIn; c++) dInputs[r * nIn + c] = dInputsPadded[r * padIn + c]!;
  return { dParams, dInputs };
}
