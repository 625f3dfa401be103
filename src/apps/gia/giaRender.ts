// GIA rendering: one field evaluation per pixel centre of any viewport (GPU, fused kernel) and its CPU reference.
import { levelLayout } from '../../encoding/gridLayout.ts';
import { NgpcInputError } from '../../errors.ts';
import type { GpuContext } from '../../gpu/device.ts';
import type { RgbImage } from '../../io/png.ts';
import { EncodeMlpGpu } from '../../mlp/encodeMlp.gpu.ts';
import { mlpLayout } from '../../mlp/mlpLayout.ts';
import { fieldForwardCpu } from '../../train/field.ts';
import type { ModelFile } from '../../train/modelFile.ts';

/** The uv rectangle [x0, y0] – [x1, y1] shown (top-left origin); the full image is 0,0,1,1. */
export type GiaView = [number, number, number, number];
export const FULL_VIEW: GiaView = [0, 0, 1, 1];

/** Rows per GPU dispatch (bounded so buffers stay well inside one storage binding). */
const RENDER_CHUNK_PX = 1 << 18;

/** Pixel-centre uv positions of rows [row0, row1) of a widthPx × heightPx render of `view`. */
export function giaPixelPositions(
  view: GiaView,
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
export function checkResolution(widthPx: number, heightPx: number, flag = 'resolution'): void {
  const ok = (n: number) => Number.isInteger(n) && n >= 1 && n <= 16384;
  if (!ok(widthPx) || !ok(heightPx)) {
    throw new NgpcInputError(`--${flag} ${widthPx}x${heightPx}: expected WxH with each side 1..16384 pixels`);
  }
}

/** Renders a GIA model on the GPU; raw network outputs (not clamped), H × W × 3. */
export async function renderGiaGpu(
  ctx: GpuContext,
  model: ModelFile,
  widthPx: number,
  heightPx: number,
  view: GiaView = FULL_VIEW,
): Promise<RgbImage> {
  checkResolution(widthPx, heightPx);
  const field = new EncodeMlpGpu(ctx, levelLayout(model.gridSpec), mlpLayout(model.mlpSpec));
  const rgb = new Float32Array(widthPx * heightPx * 3);
  try {
    field.setParams(model.params.grid, model.params.mlp);
    const rowsPerChunk = Math.max(1, Math.floor(RENDER_CHUNK_PX / widthPx));
    for (let row = 0; row < heightPx; row += rowsPerChunk) {
      const end = Math.min(heightPx, row + rowsPerChunk);
      const out = await field.run(giaPixelPositions(view, widthPx, heightPx, row, end), 'fused');
      rgb.set(out, row * widthPx * 3);
    }
  } finally {
    field.destroy();
  }
  return { widthPx, heightPx, rgb };
}

/** The exact CPU reference render (f64 encoding and MLP); for tests and small images. */
export function renderGiaCpu(
  model: ModelFile,
  widthPx: number,
  heightPx: number,
  view: GiaView = FULL_VIEW,
): RgbImage {
  checkResolution(widthPx, heightPx);
  const out = fieldForwardCpu(
    levelLayout(model.gridSpec),
    mlpLayout(model.mlpSpec),
    model.params,
    giaPixelPositions(view, widthPx, heightPx),
  );
  return { widthPx, heightPx, rgb: Float32Array.from(out) };
}

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
