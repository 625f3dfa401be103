// MLP activation functions and their derivatives from the *output* value, as tcnn's backward uses them (docs/sources.md#kernels-3-3).
import type { MlpActivation } from './mlpConfig.ts';

/** WGSL codes of the activations (the kernels' ACTIVATION / OUTPUT_ACTIVATION constants). */
export const ACTIVATION_CODE: Readonly<Record<MlpActivation, number>> = {
  None: 0,
  ReLU: 1,
  Sigmoid: 2,
  Exponential: 3,
};

/** act(x) (tcnn common_device.h `apply_activation`). */
export function applyActivation(kind: MlpActivation, x: number): number {
  switch (kind) {
    case 'None':
      return x;
    case 'ReLU':
      return Math.max(x, 0);
    case 'Sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'Exponential':
      return Math.exp(x);
  }
}

/**
 * d act / dx expressed through y = act(x) (tcnn `apply_activation_backward_fwdval`): ReLU passes where y > 0,
 * Sigmoid y(1−y), Exponential y. The forward outputs are all the backward pass needs.
 */
export function activationDerivativeFromOutput(kind: MlpActivation, y: number): number {
  switch (kind) {
    case 'None':
      return 1;
    case 'ReLU':
      return y > 0 ? 1 : 0;
    case 'Sigmoid':
      return y * (1 - y);
    case 'Exponential':
      return y;
  }
}
