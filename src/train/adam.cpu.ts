// Exact CPU reference of one Adam step and one EMA step, f32 rounding after every operation as the WGSL kernel does.
import { invariant } from '../errors.ts';
import { type AdamSpec, adamF32, biasCorrection } from './adam.ts';

/** Optimizer state of one parameter array: moments, per-parameter step counters (tcnn `param_steps`). */
export interface AdamState {
  firstMoments: Float32Array;
  secondMoments: Float32Array;
  steps: Uint32Array;
}

export function newAdamState(nParams: number): AdamState {
  return {
    firstMoments: new Float32Array(nParams),
    secondMoments: new Float32Array(nParams),
    steps: new Uint32Array(nParams),
  };
}

/**
 * One tcnn `kernel_adam_step` over `params` in place (docs/sources.md#kernels-1-7): the first `nMatrixParams` entries are MLP
 * weights (l2 regularised, always stepped); the rest are grid entries (no l2; a gradient of exactly 0 leaves the
 * entry, its moments and its step counter untouched). `learningRate` is this step's (decayed) rate.
 */
export function adamStepCpu(
  spec: AdamSpec,
  state: AdamState,
  params: Float32Array,
  grads: Float32Array,
  nMatrixParams: number,
  learningRate: number,
): void {
  invariant(grads.length === params.length && state.steps.length === params.length, 'Adam: length mismatch');
  const f = Math.fround;
  const c = adamF32(spec);
  const lr = f(learningRate);
  for (let i = 0; i < params.length; i++) {
    let g = grads[i]!;
    const matrix = i < nMatrixParams;
    if (!matrix && g === 0) continue;
    const w = params[i]!;
    if (matrix) g = f(g + f(c.l2Reg * w));
    const m = f(f(c.beta1 * state.firstMoments[i]!) + f(c.oneMinusBeta1 * g));
    const v = f(f(c.beta2 * state.secondMoments[i]!) + f(c.oneMinusBeta2 * f(g * g)));
    state.firstMoments[i] = m;
    state.secondMoments[i] = v;
    const t = state.steps[i]! + 1;
    state.steps[i] = t;
    const lrT = f(lr * biasCorrection(spec, t));
    const effective = f(lrT / f(f(Math.sqrt(v)) + c.epsilon));
    params[i] = f(w - f(effective * m));
  }
}

/**
 * The debiased EMA update for completed step `step` (1-based) (tcnn `optimizers/ema.h`): with d_t = 1 − decay^t,
 * ema ← (decay·d_{t−1}·ema + (1 − decay)·w) / d_t, folded into two f32 factors computed on the host.
 */
export function emaFactors(decay: number, step: number): [number, number] {
  const dPrev = 1 - decay ** (step - 1);
  const dNow = 1 - decay ** step;
  return [Math.fround((decay * dPrev) / dNow), Math.fround((1 - decay) / dNow)];
}

export function emaStepCpu(ema: Float32Array, params: Float32Array, decay: number, step: number): void {
  const f = Math.fround;
  const [a, b] = emaFactors(decay, step);
  for (let i = 0; i < ema.length; i++) ema[i] = f(f(a * ema[i]!) + f(b * params[i]!));
}
