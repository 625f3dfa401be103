// RGB images as f32 arrays in [0, 1] and their PNG files (pngjs): reading with clear errors, atomic writing.
import { extname } from 'node:path';
import { PNG } from 'pngjs';
import { NgpcInputError } from '../errors.ts';
import { INPUT_MAX_BYTES, readInputFile } from './inputFile.ts';
import { writeFileAtomic } from './write.ts';

/** Row-major RGB, top row first, values in [0, 1] (sRGB-encoded, as instant-ngp's image loss sees them by default). */
export interface RgbImage {
  widthPx: number;
  heightPx: number;
  /** heightPx × widthPx × 3. */
  rgb: Float32Array;
}

/** Largest image read: 8192² pixels (a 1 GiB f32 RGB array). */
export const MAX_PNG_PIXELS = 8192 * 8192;

/** Reads a PNG (any bit depth and colour type pngjs decodes; alpha is dropped). JPEG is named as unsupported. */
export function readPngImage(path: string, flag = 'image', label = `--${flag} ${path}`): RgbImage {
  const ext = extname(path).toLowerCase();
  if (ext === '.jpg' || ext === '.jpeg') {
    throw new NgpcInputError(
      `--${flag} ${path}: JPEG input is not supported (ngpc bundles no JPEG decoder); convert it to PNG`,
    );
  }
  const bytes = readInputFile(path, { label, maxBytes: INPUT_MAX_BYTES.image });
  // The IHDR chunk gives the size before decoding: a few bytes can claim 65535² pixels (a 17 GB decode).
  if (bytes.length >= 24 && bytes.toString('latin1', 12, 16) === 'IHDR') {
    const pixels = bytes.readUInt32BE(16) * bytes.readUInt32BE(20);
    if (pixels > MAX_PNG_PIXELS) {
      throw new NgpcInputError(`${label}: ${pixels} pixels; expected at most ${MAX_PNG_PIXELS} (8192x8192)`);
    }
  }
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (e) {
    throw new NgpcInputError(`${label}: not a valid PNG (${(e as Error).message})`);
  }
  if (png.width < 1 || png.height < 1) throw new NgpcInputError(`${label}: empty image`);
  const rgb = new Float32Array(png.width * png.height * 3);
  for (let i = 0; i < png.width * png.height; i++) {
    for (let c = 0; c < 3; c++) rgb[3 * i + c] = png.data[4 * i + c]! / 255;
  }
  return { widthPx: png.width, heightPx: png.height, rgb };
}

/** 8-bit PNG bytes of an image, values clamped to [0, 1] and rounded. */
export function encodePng(image: RgbImage): Uint8Array {
  const png = new PNG({ width: image.widthPx, height: image.heightPx });
  for (let i = 0; i < image.widthPx * image.heightPx; i++) {
    for (let c = 0; c < 3; c++) {
      png.data[4 * i + c] = Math.round(Math.min(1, Math.max(0, image.rgb[3 * i + c]!)) * 255);
    }
    png.data[4 * i + 3] = 255;
  }
  return PNG.sync.write(png);
}

/** Writes a PNG atomically (nothing half-written). */
export function writePngImage(path: string, image: RgbImage): void {
  writeFileAtomic(path, encodePng(image));
}
