// CPU reference of the training losses over a batch: per-element values and gradients (same contract as loss.gpu.ts).
import { invariant } from '../errors.ts';
import { type LossKind, lossElement } from './loss.ts';

export interface LossResult {
  /** Mean loss over the batch (the sum of the per-element values, f64). */
  loss: number;
  /** dL/dpred, nRows × nOutputDims. */
  grads: Float32Array;
}

/** Loss of predictions against targets, both nRows × nOutputDims row-major. */
export function lossCpu(kind: LossKind, predictions: Float32Array, targets: Float32Array): LossResult {
  invariant(predictions.length === targets.length, 'loss: predictions and targets differ in length');
  const invTotal = Math.fround(1 / Math.max(1, predictions.length));
  const grads = new Float32Array(predictions.length);
  let loss = 0;
  for (let i = 0; i < predictions.length; i++) {
    const [value, grad] = lossElement(kind, predictions[i]!, targets[i]!, invTotal);
    loss += value;
    grads[i] = grad;
  }
  return { loss, grads };
}
