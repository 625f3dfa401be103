// GIA training: random pixel-centre batches of a target image fed to the GPU field trainer (instant-ngp testbed_image).
import { initGridParams } from '../../encoding/gridEncoding.ts';
import type { GridEncodingSpec } from '../../encoding/gridLayout.ts';
import { levelLayout } from '../../encoding/gridLayout.ts';
import { seededRng } from '../../encoding/rng.ts';
import { OptionError, verbatim } from '../../errors.ts';
import type { GpuContext } from '../../gpu/device.ts';
import type { RgbImage } from '../../io/png.ts';
import type { MlpSpec } from '../../mlp/mlpConfig.ts';
import { initMlpParams } from '../../mlp/mlpInit.ts';
import { mlpLayout } from '../../mlp/mlpLayout.ts';
import type { AdamSpec } from '../../train/adam.ts';
import type { FieldParams } from '../../train/field.ts';
import { FieldTrainerGpu } from '../../train/fieldTrainer.gpu.ts';
import { psnrDb } from '../../train/loss.ts';
import { giaAdamSpec, giaGridSpec, giaMlpSpec } from './giaConfig.ts';

export interface GiaTrainOptions {
  steps: number;
  batchSize: number;
  seed: number;
  gridSpec?: GridEncodingSpec;
  mlpSpec?: MlpSpec;
  adam?: AdamSpec;
  /** Called every `reportEvery` steps (and at the end) with the batch loss and its PSNR. */
  onProgress?: (p: { step: number; steps: number; loss: number; psnrDb: number }) => void;
  reportEvery?: number;
}

export interface GiaTrainResult {
  gridSpec: GridEncodingSpec;
  mlpSpec: MlpSpec;
  adam: AdamSpec;
  params: FieldParams;
  /** Loss (MSE) of the last reported batch. */
  lastBatchLoss: number;
  /** [step, batch MSE] pairs at each report. */
  lossCurve: [number, number][];
}

/**
 * Fills a batch: uniform random uv, snapped to the nearest pixel centre, with that pixel's colour as the target
 * (instant-ngp `snap_to_pixel_centers`, docs/sources.md#kernels-7; ngpc draws uniform rather than stratified samples).
 */
export function giaBatch(
  image: RgbImage,
  rng: { next(): number },
  positions: Float32Array,
  targets: Float32Array,
): void {
  const { widthPx, heightPx, rgb } = image;
  for (let i = 0; i < positions.length / 2; i++) {
    const x = Math.min(widthPx - 1, Math.floor(rng.next() * widthPx));
    const y = Math.min(heightPx - 1, Math.floor(rng.next() * heightPx));
    positions[2 * i] = (x + 0.5) / widthPx;
    positions[2 * i + 1] = (y + 0.5) / heightPx;
    const p = 3 * (y * widthPx + x);
    targets[3 * i] = rgb[p]!;
    targets[3 * i + 1] = rgb[p + 1]!;
    targets[3 * i + 2] = rgb[p + 2]!;
  }
}

/** Fits a grid + MLP to an image with L2 loss on the GPU; deterministic given the seed (up to CAS summation order). */
export async function trainGia(
  ctx: GpuContext,
  image: RgbImage,
  options: GiaTrainOptions,
): Promise<GiaTrainResult> {
  if (!Number.isInteger(options.steps) || options.steps < 1) {
    throw new OptionError('steps', verbatim(String(options.steps)), 'expected a positive integer');
  }
  const gridSpec = options.gridSpec ?? giaGridSpec(image.widthPx, image.heightPx);
  const gl = levelLayout(gridSpec);
  const mlpSpec = options.mlpSpec ?? giaMlpSpec(gridSpec.nLevels * gridSpec.nFeaturesPerLevel);
  const ml = mlpLayout(mlpSpec);
  const adam = options.adam ?? giaAdamSpec();
  const trainer = new FieldTrainerGpu(ctx, {
    gridLayout: gl,
    mlpLayout: ml,
    adam,
    loss: 'L2',
    batchSize: options.batchSize,
    maxSteps: options.steps,
  });
  const reportEvery = options.reportEvery ?? 10;
  const lossCurve: [number, number][] = [];
  let lastBatchLoss = Number.NaN;
  try {
    await trainer.init({
      mlp: initMlpParams(ml, options.seed),
      grid: initGridParams(gl, seededRng(options.seed + 1)),
    });
    const rng = seededRng(options.seed + 2);
    const positions = new Float32Array(options.batchSize * 2);
    const targets = new Float32Array(options.batchSize * 3);
    for (let step = 0; step < options.steps; step++) {
      giaBatch(image, rng, positions, targets);
      const report = (step + 1) % reportEvery === 0 || step + 1 === options.steps;
      const loss = await trainer.trainStep(positions, targets, report);
      if (loss !== null) {
        // The L2 loss is the batch MSE over the 3 channels (tcnn divides by batch × dims).
        lastBatchLoss = loss;
        lossCurve.push([step + 1, loss]);
        options.onProgress?.({ step: step + 1, steps: options.steps, loss, psnrDb: psnrDb(loss) });
      }
    }
    const params = await trainer.readInferenceParams();
    return { gridSpec, mlpSpec, adam, params, lastBatchLoss, lossCurve };
  } finally {
    trainer.destroy();
  }
}
