// GIA rendering: one field evaluation per pixel centre of any viewport (GPU, fused kernel) and its CPU reference.
import { levelLayout } from '../../encoding/gridLayout.ts';
import type { GpuContext } from '../../gpu/device.ts';
import type { RgbImage } from '../../io/png.ts';
import { EncodeMlpGpu } from '../../mlp/encodeMlp.gpu.ts';
import { mlpLayout } from '../../mlp/mlpLayout.ts';
import { fieldForwardCpu } from '../../train/field.ts';
import type { ModelFile } from '../../train/modelFile.ts';
import { checkResolution, pixelCentreUvs, type UvRect } from '../shared/pixelGrid.ts';

/** The uv rectangle [x0, y0] – [x1, y1] shown (top-left origin); the full image is 0,0,1,1. */
export type GiaView = UvRect;
export const FULL_VIEW: GiaView = [0, 0, 1, 1];

/** Rows per GPU dispatch (bounded so buffers stay well inside one storage binding). */
const RENDER_CHUNK_PX = 1 << 18;

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
      const out = await field.run(pixelCentreUvs(view, widthPx, heightPx, row, end), 'fused');
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
    pixelCentreUvs(view, widthPx, heightPx),
  );
  return { widthPx, heightPx, rgb: Float32Array.from(out) };
}
