// Training losses (tcnn losses/*.h): names, WGSL codes and the shared elementwise rule both references follow.

/** Losses ngpc implements; tcnn's names (instant-ngp 2022 called Huber "SmoothL1", docs/sources.md#kernels-2-1). */
export const LOSS_KINDS = ['L2', 'L1', 'Huber', 'MAPE'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];

/** The kernels' LOSS constant. */
export const LOSS_CODE: Readonly<Record<LossKind, number>> = { L2: 0, L1: 1, Huber: 2, MAPE: 3 };

/** tcnn `losses/mape.h`: |d| / (|target| + 0.01). */
export const MAPE_EPSILON = 0.01;
/** Huber/SmoothL1 transition (tcnn `losses/huber.h` default δ = 1). */
export const HUBER_DELTA = 1;

/**
 * One element in f32 (every operation rounded, as kernels/loss.wgsl): the loss value and dL/dpred, both already divided
 * by n_total = batch × output dims (tcnn divides inside the loss so the mean loss is the sum of the values).
 * Signs follow tcnn's copysign(1, d): d = +0 counts as positive.
 */
export function lossElement(
  kind: LossKind,
  pred: number,
  target: number,
  invTotal: number,
): [number, number] {
  const f = Math.fround;
  const d = f(pred - target);
  const s = d >= 0 ? 1 : -1;
  const a = Math.abs(d);
  switch (kind) {
    case 'L2':
      return [f(f(d * d) * invTotal), f(f(2 * d) * invTotal)];
    case 'L1':
      return [f(a * invTotal), f(s * invTotal)];
    case 'Huber':
      return a < HUBER_DELTA
        ? [f(f(f(0.5 * d) * d) * invTotal), f(d * invTotal)]
        : [f(f(a - 0.5) * invTotal), f(s * invTotal)];
    case 'MAPE': {
      const scale = f(1 / f(Math.abs(target) + f(MAPE_EPSILON)));
      return [f(f(a * scale) * invTotal), f(f(s * scale) * invTotal)];
    }
  }
}

/** Peak signal-to-noise ratio in dB of a mean squared error for values in [0, 1]. */
export function psnrDb(mse: number): number {
  return mse <= 0 ? Number.POSITIVE_INFINITY : -10 * Math.log10(mse);
}
