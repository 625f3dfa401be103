// Adam optimizer settings in tiny-cuda-nn keys (Ema ∘ ExponentialDecay ∘ Adam), learning-rate schedule and f32 constants.
import { NgpcInputError } from '../errors.ts';

/**
 * tcnn `optimizers/adam.h` with the `ExponentialDecay` and `Ema` wrappers instant-ngp stacks on it (docs/sources.md#kernels-2-1).
 * Matrix params (MLP weights) get `l2Reg`; non-matrix params (the grid) get none and skip zero gradients (§1.7).
 */
export interface AdamSpec {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** L2 regularisation added to the gradient of matrix params only (tcnn `l2_reg`). */
  l2Reg: number;
  /** ExponentialDecay: lr × decayBase at steps decayStart, decayStart + decayInterval, … ≤ decayEnd; null = off. */
  decay: { decayStart: number; decayInterval: number; decayBase: number; decayEnd: number } | null;
  /** Ema decay of the weights used for inference; null = off (GIA). */
  emaDecay: number | null;
}

/** instant-ngp's Adam settings (docs/sources.md#kernels-2-1): β1 0.9, β2 0.99, ε 1e-15, l2 1e-6; decay base 0.33. */
export function instantNgpAdam(
  learningRate: number,
  decayStart: number,
  decayInterval: number,
  emaDecay: number | null,
): AdamSpec {
  return {
    learningRate,
    beta1: 0.9,
    beta2: 0.99,
    epsilon: 1e-15,
    l2Reg: 1e-6,
    decay: { decayStart, decayInterval, decayBase: 0.33, decayEnd: Number.MAX_SAFE_INTEGER },
    emaDecay,
  };
}

/** Learning rate of step `step` (0-based): tcnn ExponentialDecayOptimizer multiplies before the nested step. */
export function learningRateAt(spec: AdamSpec, step: number): number {
  const d = spec.decay;
  if (!d || step < d.decayStart) return spec.learningRate;
  const last = Math.min(step, d.decayEnd);
  const applied = Math.floor((last - d.decayStart) / d.decayInterval) + 1;
  return spec.learningRate * d.decayBase ** applied;
}

/**
 * The f32 constants both the kernel and the CPU reference use, rounded once on the host so the two agree bit for bit:
 * the kernel never computes 1 − β itself.
 */
export interface AdamF32 {
  beta1: number;
  beta2: number;
  oneMinusBeta1: number;
  oneMinusBeta2: number;
  epsilon: number;
  l2Reg: number;
}

export function adamF32(spec: AdamSpec): AdamF32 {
  const f = Math.fround;
  return {
    beta1: f(spec.beta1),
    beta2: f(spec.beta2),
    oneMinusBeta1: f(1 - spec.beta1),
    oneMinusBeta2: f(1 - spec.beta2),
    epsilon: f(spec.epsilon),
    l2Reg: f(spec.l2Reg),
  };
}

/**
 * Bias correction sqrt(1 − β2^t) / (1 − β1^t) for a parameter's own step count t ≥ 1 (tcnn computes it with powf per
 * parameter). ngpc computes it in f64 on the host and rounds to f32 into a table indexed by t, so GPU and CPU agree
 * exactly; tcnn's powf differs from this by at most an ulp or two.
 */
export function biasCorrection(spec: AdamSpec, t: number): number {
  return Math.fround(Math.sqrt(1 - spec.beta2 ** t) / (1 - spec.beta1 ** t));
}

/** tcnn JSON of the stack: Ema(nested ExponentialDecay(nested Adam)), omitting the off wrappers. */
export function adamToJson(spec: AdamSpec): Record<string, unknown> {
  let json: Record<string, unknown> = {
    otype: 'Adam',
    learning_rate: spec.learningRate,
    beta1: spec.beta1,
    beta2: spec.beta2,
    epsilon: spec.epsilon,
    l2_reg: spec.l2Reg,
  };
  if (spec.decay) {
    json = {
      otype: 'ExponentialDecay',
      decay_start: spec.decay.decayStart,
      decay_interval: spec.decay.decayInterval,
      decay_base: spec.decay.decayBase,
      ...(spec.decay.decayEnd < Number.MAX_SAFE_INTEGER ? { decay_end: spec.decay.decayEnd } : {}),
      nested: json,
    };
  }
  if (spec.emaDecay !== null) json = { otype: 'Ema', decay: spec.emaDecay, nested: json };
  return json;
}

/** Reads the JSON `adamToJson` writes (and instant-ngp's optimizer blocks); `what` names the source in errors. */
export function adamFromJson(raw: unknown, what = 'optimizer'): AdamSpec {
  const spec: AdamSpec = instantNgpAdam(1e-2, 0, 1, null);
  spec.decay = null;
  let node = raw;
  let path = '$';
  const num = (o: Record<string, unknown>, key: string, fallback: number): number => {
    const v = o[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new NgpcInputError(`${what}: ${path}.${key} = ${JSON.stringify(v)}: expected a number`);
    }
    return v;
  };
  for (;;) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      throw new NgpcInputError(`${what}: ${path}: expected an optimizer object with an "otype"`);
    }
    const o = node as Record<string, unknown>;
    const otype = String(o.otype ?? '').toLowerCase();
    if (otype === 'ema') {
      spec.emaDecay = num(o, 'decay', 0.99);
    } else if (otype === 'exponentialdecay') {
      spec.decay = {
        decayStart: num(o, 'decay_start', 10000),
        decayInterval: num(o, 'decay_interval', 10000),
        decayBase: num(o, 'decay_base', 0.1),
        decayEnd: num(o, 'decay_end', Number.MAX_SAFE_INTEGER),
      };
    } else if (otype === 'adam') {
      // tcnn Adam defaults: lr 1e-3, β1 0.9, β2 0.999, ε 1e-8, l2_reg 1e-8.
      spec.learningRate = num(o, 'learning_rate', 1e-3);
      spec.beta1 = num(o, 'beta1', 0.9);
      spec.beta2 = num(o, 'beta2', 0.999);
      spec.epsilon = num(o, 'epsilon', 1e-8);
      spec.l2Reg = num(o, 'l2_reg', 1e-8);
      return spec;
    } else {
      throw new NgpcInputError(
        `${what}: ${path}.otype = ${JSON.stringify(o.otype)}: expected "Ema", "ExponentialDecay" or "Adam"`,
      );
    }
    node = o.nested;
    path += '.nested';
  }
}
