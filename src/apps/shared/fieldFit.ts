// Fitting a grid + MLP field to batches a sampler draws (NVR, NSDF): the GPU trainer loop with progress and a loss curve.
import { initGridParams } from '../../encoding/gridEncoding.ts';
import type { GridEncodingSpec } from '../../encoding/gridLayout.ts';
import { levelLayout } from '../../encoding/gridLayout.ts';
import { type Rng, seededRng } from '../../encoding/rng.ts';
import { OptionError, verbatim } from '../../errors.ts';
import type { GpuContext } from '../../gpu/device.ts';
import type { MlpSpec } from '../../mlp/mlpConfig.ts';
import { initMlpParams } from '../../mlp/mlpInit.ts';
import { mlpLayout } from '../../mlp/mlpLayout.ts';
import type { AdamSpec } from '../../train/adam.ts';
import type { FieldParams } from '../../train/field.ts';
import { FieldTrainerGpu } from '../../train/fieldTrainer.gpu.ts';
import type { LossKind } from '../../train/loss.ts';

/** Fills `positions` (batch × 3 in [0,1]³) and `targets` (batch × outputs) with one training batch. */
export type BatchSampler = (rng: Rng, positions: Float32Array, targets: Float32Array) => void;

export interface FieldFitOptions {
  gridSpec: GridEncodingSpec;
  mlpSpec: MlpSpec;
  adam: AdamSpec;
  loss: LossKind;
  steps: number;
  batchSize: number;
  seed: number;
  sampler: BatchSampler;
  reportEvery?: number;
  onProgress?: (p: { step: number; steps: number; loss: number }) => void;
}

export interface FieldFitResult {
  /** Inference weights (the EMA when the optimizer keeps one). */
  params: FieldParams;
  /** [step, batch loss] at each report. */
  lossCurve: [number, number][];
}

/** Trains from the seeded init; deterministic given the seed (up to the GPU's atomic summation order). */
export async function fitField(ctx: GpuContext, o: FieldFitOptions): Promise<FieldFitResult> {
  if (!Number.isInteger(o.steps) || o.steps < 1) {
    throw new OptionError('steps', verbatim(String(o.steps)), 'expected a positive integer');
  }
  const gl = levelLayout(o.gridSpec);
  const ml = mlpLayout(o.mlpSpec);
  const trainer = new FieldTrainerGpu(ctx, {
    gridLayout: gl,
    mlpLayout: ml,
    adam: o.adam,
    loss: o.loss,
    batchSize: o.batchSize,
    maxSteps: o.steps,
  });
  const reportEvery = o.reportEvery ?? 10;
  const lossCurve: [number, number][] = [];
  try {
    await trainer.init({ mlp: initMlpParams(ml, o.seed), grid: initGridParams(gl, seededRng(o.seed + 1)) });
    const rng = seededRng(o.seed + 2);
    const positions = new Float32Array(o.batchSize * o.gridSpec.nDims);
    const targets = new Float32Array(o.batchSize * o.mlpSpec.nOutputDims);
    for (let step = 0; step < o.steps; step++) {
      o.sampler(rng, positions, targets);
      const report = (step + 1) % reportEvery === 0 || step + 1 === o.steps;
      const loss = await trainer.trainStep(positions, targets, report);
      if (loss !== null) {
        lossCurve.push([step + 1, loss]);
        o.onProgress?.({ step: step + 1, steps: o.steps, loss });
      }
    }
    return { params: await trainer.readInferenceParams(), lossCurve };
  } finally {
    trainer.destroy();
  }
}
