// NeRF front-to-back compositing and its hand-derived backward, f64 CPU reference (instant-ngp, docs/sources.md#kernels-5-4).

/** One ray's samples in order: raw density (before exp), raw colour (before sigmoid, 3 per sample) and step dt. */
export interface RaySamples {
  sigmaRaw: ArrayLike<number>;
  rgbRaw: ArrayLike<number>;
  dt: ArrayLike<number>;
}

/** instant-ngp clamps the density activation's argument (exp) to ±15 in the derivative; ngpc clamps both ways. */
export const DENSITY_RAW_CLAMP = 15;

export function densityActivation(raw: number): number {
  return Math.exp(Math.min(Math.max(raw, -DENSITY_RAW_CLAMP), DENSITY_RAW_CLAMP));
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export interface CompositeResult {
  rgb: [number, number, number];
  /** Accumulated opacity A = 1 − T. */
  alpha: number;
  /** Samples composited before termination. */
  nUsed: number;
  /** Whether the ray stopped early (render: A > 1 − minTransmittance; training: T < 1e-4). */
  terminated: boolean;
}

/**
 * Render compositing: α = 1 − exp(−σ·dt), w = α·T, C += w·rgb, A += w; stop once A > 1 − minTransmittance and
 * renormalise by A (instant-ngp composite_kernel_nerf). The background is blended by the caller: C + (1 − A)·bg.
 */
export function compositeRender(
  samples: RaySamples,
  minTransmittance: number,
  nSamples?: number,
): CompositeResult {
  const n = nSamples ?? samples.dt.length;
  const c: [number, number, number] = [0, 0, 0];
  let a = 0;
  for (let i = 0; i < n; i++) {
    const alpha = 1 - Math.exp(-densityActivation(samples.sigmaRaw[i]!) * samples.dt[i]!);
    const w = alpha * (1 - a);
    for (let k = 0; k < 3; k++) c[k] += w * sigmoid(samples.rgbRaw[3 * i + k]!);
    a += w;
    if (a > 1 - minTransmittance) {
      return { rgb: [c[0] / a, c[1] / a, c[2] / a], alpha: 1, nUsed: i + 1, terminated: true };
    }
  }
  return { rgb: c, alpha: a, nUsed: n, terminated: false };
}

/** Training stops a ray once its transmittance is below this (instant-ngp compute_loss_kernel_train_nerf). */
export const TRAIN_MIN_TRANSMITTANCE = 1e-4;

export interface TrainCompositeResult {
  /** C + T·background. */
  rgb: [number, number, number];
  transmittance: number;
  nUsed: number;
}

/** Training compositing: T *= 1 − α per sample, stop when T < 1e-4, then add T·background (docs/sources.md#kernels-5-4). */
export function compositeTrain(samples: RaySamples, background: readonly number[]): TrainCompositeResult {
  const n = samples.dt.length;
  const c = [0, 0, 0];
  let t = 1;
  let used = 0;
  for (let i = 0; i < n; i++) {
    const alpha = 1 - Math.exp(-densityActivation(samples.sigmaRaw[i]!) * samples.dt[i]!);
    const w = alpha * t;
    for (let k = 0; k < 3; k++) c[k]! += w * sigmoid(samples.rgbRaw[3 * i + k]!);
    t *= 1 - alpha;
    used = i + 1;
    if (t < TRAIN_MIN_TRANSMITTANCE) break;
  }
  return {
    rgb: [c[0]! + t * background[0]!, c[1]! + t * background[1]!, c[2]! + t * background[2]!],
    transmittance: t,
    nUsed: used,
  };
}

/**
 * Backward of compositeTrain for dL/dC (3 values): per used sample
 *   dL/drgb_raw = w · dL/dC ⊙ sigmoid'(raw),
 *   dL/dσ_raw   = σ · dt · ⟨dL/dC, T_after·rgb − suffix⟩, suffix = C_final − C_upto_including_this
 * (instant-ngp's hand derivation; the background term T_final·bg is part of C_final). Samples after termination get 0.
 */
export function compositeTrainBackward(
  samples: RaySamples,
  background: readonly number[],
  dLdC: readonly number[],
): { dSigmaRaw: Float64Array; dRgbRaw: Float64Array } {
  const n = samples.dt.length;
  const fwd = compositeTrain(samples, background);
  const dSigmaRaw = new Float64Array(n);
  const dRgbRaw = new Float64Array(3 * n);
  let t = 1;
  const upto = [0, 0, 0];
  for (let i = 0; i < fwd.nUsed; i++) {
    const sigma = densityActivation(samples.sigmaRaw[i]!);
    const alpha = 1 - Math.exp(-sigma * samples.dt[i]!);
    const w = alpha * t;
    const rgb = [0, 1, 2].map((k) => sigmoid(samples.rgbRaw[3 * i + k]!));
    t *= 1 - alpha;
    let dot = 0;
    for (let k = 0; k < 3; k++) {
      upto[k]! += w * rgb[k]!;
      const suffix = fwd.rgb[k]! - upto[k]!;
      dot += dLdC[k]! * (t * rgb[k]! - suffix);
      dRgbRaw[3 * i + k] = w * dLdC[k]! * rgb[k]! * (1 - rgb[k]!);
    }
    const raw = samples.sigmaRaw[i]!;
    const inRange = Math.abs(raw) < DENSITY_RAW_CLAMP;
    dSigmaRaw[i] = inRange ? sigma * samples.dt[i]! * dot : 0;
  }
  return { dSigmaRaw, dRgbRaw };
}
