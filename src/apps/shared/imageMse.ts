// Image error every app reports against its ground truth: the mean squared error of display-clamped pixels.
import { NgpcInputError } from '../../errors.ts';
import type { RgbImage } from '../../io/png.ts';

/** Mean squared error between two images of the same size, outputs clamped to [0, 1] as a display would. */
export function imageMse(a: RgbImage, b: RgbImage): number {
  if (a.widthPx !== b.widthPx || a.heightPx !== b.heightPx) {
    throw new NgpcInputError(`image sizes differ: ${a.widthPx}x${a.heightPx} vs ${b.widthPx}x${b.heightPx}`);
  }
  let sum = 0;
  for (let i = 0; i < a.rgb.length; i++) {
    const d = Math.min(1, Math.max(0, a.rgb[i]!)) - Math.min(1, Math.max(0, b.rgb[i]!));
    sum += d * d;
  }
  return sum / a.rgb.length;
}
