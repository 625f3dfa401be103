// Built-in GIA target images, generated deterministically at any size ("name:size"): no downloads at run time.
import { seededRng } from '../../encoding/rng.ts';
import { OptionError, verbatim } from '../../errors.ts';
import type { RgbImage } from '../../io/png.ts';

/** Largest procedural side: 8192 px is 201 M floats of RGB, already 800 MB of host memory. */
export const PROCEDURAL_MAX_SIZE_PX = 8192;

type Generator = (sizePx: number) => RgbImage;

/** Box-filtered (2×2 supersampled) image from a colour function of uv in [0,1]² (top-left origin). */
function supersampled(sizePx: number, colour: (u: number, v: number, out: Float64Array) => void): RgbImage {
  const rgb = new Float32Array(sizePx * sizePx * 3);
  const c = new Float64Array(3);
  const acc = new Float64Array(3);
  for (let y = 0; y < sizePx; y++) {
    for (let x = 0; x < sizePx; x++) {
      acc.fill(0);
      for (let s = 0; s < 4; s++) {
        colour((x + 0.25 + 0.5 * (s & 1)) / sizePx, (y + 0.25 + 0.5 * (s >> 1)) / sizePx, c);
        for (let k = 0; k < 3; k++) acc[k]! += c[k]!;
      }
      for (let k = 0; k < 3; k++) rgb[3 * (y * sizePx + x) + k] = Math.min(1, Math.max(0, acc[k]! / 4));
    }
  }
  return { widthPx: sizePx, heightPx: sizePx, rgb };
}

/**
 * "mandel": the Mandelbrot set's seahorse valley (centre −0.7436 + 0.1318i, width 0.012) with smooth iteration
 * colouring (cosine palette): filaments at every scale down to the pixel.
 */
const mandel: Generator = (sizePx) =>
  supersampled(sizePx, (u, v, out) => {
    const cx = -0.7436 + (u - 0.5) * 0.012;
    const cy = 0.1318 + (v - 0.5) * 0.012;
    let zx = 0;
    let zy = 0;
    let i = 0;
    const maxIter = 400;
    while (i < maxIter && zx * zx + zy * zy < 256) {
      const t = zx * zx - zy * zy + cx;
      zy = 2 * zx * zy + cy;
      zx = t;
      i++;
    }
    if (i === maxIter) {
      out.fill(0.02);
      return;
    }
    const smooth = i + 1 - Math.log2(Math.log2(Math.sqrt(zx * zx + zy * zy)));
    const t = 0.05 * smooth;
    for (let k = 0; k < 3; k++) out[k] = 0.5 + 0.5 * Math.cos(2 * Math.PI * (t + [0, 0.33, 0.67][k]!));
  });

/**
 * "pattern": a multi-frequency test card: a smooth colour field, sinusoidal gratings at 4–64 cycles per image, a
 * zone plate, and a page of seeded 5×7 "glyphs" (text-like sharp edges) in the lower half.
 */
const pattern: Generator = (sizePx) => {
  const rng = seededRng(0x61a);
  const glyphs = Array.from({ length: 64 }, () => Array.from({ length: 35 }, () => rng.next() < 0.45));
  const page = Array.from({ length: 48 * 24 }, () => Math.floor(rng.next() * 64));
  return supersampled(sizePx, (u, v, out) => {
    const base = [0.55 + 0.35 * u, 0.45 + 0.3 * v, 0.6 - 0.3 * u * v];
    const grating =
      0.08 * Math.sin(2 * Math.PI * 4 * (u + v)) +
      0.06 * Math.sin(2 * Math.PI * 16 * u) * Math.sin(2 * Math.PI * 12 * v) +
      0.04 * Math.sin(2 * Math.PI * 64 * (u - 0.3 * v));
    const dx = u - 0.78;
    const dy = v - 0.22;
    const r2 = dx * dx + dy * dy;
    const zone = r2 < 0.04 ? 0.25 * Math.cos(2 * Math.PI * 900 * r2) : 0;
    let ink = 0;
    if (v > 0.5 && u > 0.04 && u < 0.96 && v < 0.96) {
      // 48 columns × 24 rows of glyph cells; each glyph is 5×7 dots inside a 6×9 cell.
      const gx = ((u - 0.04) / 0.92) * 48;
      const gy = ((v - 0.5) / 0.46) * 24;
      const col = Math.floor(gx);
      const row = Math.floor(gy);
      const cx = Math.floor((gx - col) * 6);
      const cy = Math.floor((gy - row) * 9) - 1;
      if (cx < 5 && cy >= 0 && cy < 7 && glyphs[page[row * 48 + col]!]![cy * 5 + cx]) ink = 1;
    }
    for (let k = 0; k < 3; k++) {
      const c = base[k]! + grating + zone * (k === 1 ? -1 : 1);
      out[k] = ink ? 0.08 + 0.1 * k * (1 - v) : c;
    }
  });
};

const GENERATORS: Readonly<Record<string, Generator>> = { mandel, pattern };

export const PROCEDURAL_NAMES = Object.keys(GENERATORS).sort();

/** Parses `name:size` (size in pixels, square); an unknown name or a bad size is an OptionError. */
export function parseProcedural(text: string, option = 'procedural'): { name: string; sizePx: number } {
  const m = /^([a-z]+):(\d+)$/.exec(text);
  const name = m?.[1] ?? '';
  const sizePx = Number(m?.[2]);
  if (!m || !GENERATORS[name] || !(sizePx >= 1 && sizePx <= PROCEDURAL_MAX_SIZE_PX)) {
    throw new OptionError(
      option,
      verbatim(JSON.stringify(text)),
      `expected NAME:SIZE with NAME one of ${PROCEDURAL_NAMES.join(', ')} and SIZE 1..${PROCEDURAL_MAX_SIZE_PX} pixels, e.g. mandel:1024`,
    );
  }
  return { name, sizePx };
}

/** The built-in image `name` at `sizePx` × `sizePx`. */
export function proceduralImage(name: string, sizePx: number): RgbImage {
  const gen = GENERATORS[name];
  if (!gen) parseProcedural(`${name}:${sizePx}`);
  return gen!(sizePx);
}
