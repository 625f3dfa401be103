// The pixel grid every image-producing app shares: pixel-centre uv positions of a viewport and the resolution check.
import { OptionError, verbatim } from '../../errors.ts';

/** A uv rectangle [x0, y0] – [x1, y1] (top-left origin); the full image is 0,0,1,1. */
export type UvRect = [number, number, number, number];

/** Pixel-centre uv positions of rows [row0, row1) of a widthPx × heightPx render of `view`. */
export function pixelCentreUvs(
  view: UvRect,
  widthPx: number,
  heightPx: number,
  row0 = 0,
  row1 = heightPx,
): Float32Array {
  const [x0, y0, x1, y1] = view;
  const out = new Float32Array((row1 - row0) * widthPx * 2);
  let k = 0;
  for (let y = row0; y < row1; y++) {
    for (let x = 0; x < widthPx; x++) {
      out[k++] = x0 + ((x + 0.5) / widthPx) * (x1 - x0);
      out[k++] = y0 + ((y + 0.5) / heightPx) * (y1 - y0);
    }
  }
  return out;
}

/** Rejects a zero or absurd resolution. */
export function checkResolution(widthPx: number, heightPx: number, option = 'resolution'): void {
  const ok = (n: number) => Number.isInteger(n) && n >= 1 && n <= 16384;
  if (!ok(widthPx) || !ok(heightPx)) {
    throw new OptionError(
      option,
      verbatim(`${widthPx}x${heightPx}`),
      'expected WxH with each side 1..16384 pixels',
    );
  }
}
