import { OptionError } from '../../errors.ts';
import type { GpuContext } from '../../gpu/device.ts';
import { writePngImage } from '../../io/png.ts';
import { adamToJson } from '../../train/adam.ts';
import { psnrDb } from '../../train/loss.ts';
import { type ModelFile, writeMultiModelFile } from '../../train/modelFile.ts';
import { generateSyntheticDataset, loadNerfDataset, type NerfDataset } from './nerfDataset.ts';
import { nerfCamera, nerfSceneFromModel, occupancyFromNetwork } from './nerfModelScene.ts';
import type { NerfScene } from './nerfRender.cpu.ts';
import { NerfRendererGpu, resolveImage, TERMINATED_BIT } from './nerfRender.gpu.ts';
import { evaluateNerfViews, type NerfTrainProgress, overBackground, trainNerf } from './nerfTrain.ts';
import type { MarchSpec } from './raymarch.ts';
import { renderSyntheticView, syntheticScene } from './syntheticScene.ts';

/** Training views of a built-in scene (`--synthetic`): enough for ≈ 128 px training on the software adapter. */
export interface NerfDataOptions {
  widthPx: number;
  heightPx: number;
  nTrain: number;
  nTest: number;
  seed: number;
}

export const NERF_DATA_DEFAULT: NerfDataOptions = {
  widthPx: 128,
  heightPx: 128,
  nTrain: 24,
  nTest: 4,
  seed: 1,
};

export interface NerfTarget {
  dataset: NerfDataset;
  /** Recorded in the model header: how to regenerate the views, and the held-out cameras. */
  scene: Record<string, unknown>;
}

/** The dataset to fit: `--synthetic NAME` (generated) or `--data DIR` (NeRF-synthetic format), exactly one. */
export function nerfTarget(
  synthetic: string | undefined,
  data: string | undefined,
  options: NerfDataOptions = NERF_DATA_DEFAULT,
): NerfTarget {
  if ((synthetic === undefined) === (data === undefined)) {
    throw OptionError.worded(
      'app',
      (n) => `${n('app')} nerf needs exactly one of ${n('synthetic')} NAME or ${n('data')} DIR`,
    );
  }
  const dataset =
    synthetic !== undefined
      ? generateSyntheticDataset(syntheticScene(synthetic), {
          widthPx: options.widthPx,
          heightPx: options.heightPx,
          nTrain: options.nTrain,
          nVal: 0,
          nTest: options.nTest,
          seed: options.seed,
        })
      : loadNerfDataset(data!);
  const held = dataset.splits.test.length > 0 ? dataset.splits.test : dataset.splits.val;
  const scene: Record<string, unknown> = {
    ...(synthetic !== undefined
      ? { synthetic, nTrain: options.nTrain, nTest: options.nTest, seed: options.seed }
      : { data }),
    widthPx: dataset.widthPx,
    heightPx: dataset.heightPx,
    cameraAngleX: dataset.cameraAngleX,
    testPoses: held.map((v) => Array.from(v.camera.pose)),
  };
  return { dataset, scene };
}

export interface NerfTrainRun {
  steps: number;
  batchSamples: number;
  seed: number;
  out: string;
  date?: string;
  onProgress?: (p: NerfTrainProgress) => void;
  /** Held-out PSNR every this many steps (0: only at the end). */
  evalEvery?: number;
  onEvaluate?: (step: number, psnrDb: number[]) => void;
  /** Marching rules (default NERF_TRAIN_MARCH); recorded in the model for its renders. */
  march?: MarchSpec;
  /** Wall clock in seconds (the CLI passes performance.now-based timing; the library never reads a clock). */
  clockS?: () => number;
}

export interface NerfTrainSummary {
  app: 'nerf';
  out: string;
  adapter: string;
  steps: number;
  batchSamples: number;
  trainS: number | null;
  /** Mean PSNR of fused renders of the held-out views (white background) with the file's parameters. */
  heldOutPsnrDb: number;
  heldOutViews: number;
  lastBatchPsnrDb: number;
  samplesPerRay: number;
  nParams: number;
}

/** Trains NeRF on `target` and writes the two-network model file atomically (nothing is written on failure). */
export async function trainNerfApp(
  ctx: GpuContext,
  target: NerfTarget,
  run: NerfTrainRun,
): Promise<NerfTrainSummary> {
  const t0 = run.clockS?.() ?? null;
  const held = target.dataset.splits.test.length > 0 ? target.dataset.splits.test : target.dataset.splits.val;
  const result = await trainNerf(ctx, target.dataset, {
    steps: run.steps,
    batchSamples: run.batchSamples,
    seed: run.seed,
    onProgress: run.onProgress,
    reportEvery: Math.max(1, Math.min(10, Math.floor(run.steps / 10))),
    ...(run.evalEvery ? { evaluate: { every: run.evalEvery, views: held } } : {}),
    onEvaluate: run.onEvaluate,
    ...(run.march ? { march: run.march } : {}),
  });
  const trainS = t0 === null ? null : run.clockS!() - t0;
  const bitfield = await occupancyFromNetwork(ctx, result.network, result.params, result.occupancy);
  const scene: NerfScene = {
    network: result.network,
    params: result.params,
    occupancy: result.occupancy,
    bitfield,
    march: result.march,
    background: [1, 1, 1],
  };
  const psnrs = held.length > 0 ? await evaluateNerfViews(ctx, scene, held) : [];
  const heldOutPsnrDb = psnrs.length > 0 ? psnrs.reduce((a, b) => a + b, 0) / psnrs.length : Number.NaN;
  const last = result.curve[result.curve.length - 1]!;
  writeMultiModelFile(
    run.out,
    result.network.grid,
    [
      { name: 'density', spec: result.network.density, params: result.params.density },
      { name: 'color', spec: result.network.color, params: result.params.color },
    ],
    result.params.grid,
    {
      app: 'nerf',
      nDims: 3,
      optimizer: adamToJson(result.adam),
      loss: 'Huber',
      training: {
        steps: run.steps,
        batchSamples: run.batchSamples,
        seed: run.seed,
        sampling:
          'random training pixels, jittered march with occupancy skipping until the sample batch is full; random background per ray',
        hostSide: 'marching, SH, compositing forward/backward on the CPU; encoding, MLPs and Adam on the GPU',
        occupancy: result.occupancy,
        march: result.march,
        huberDelta: 0.1,
        adapter: ctx.adapterName,
        ...(trainS === null ? {} : { trainS: Number(trainS.toFixed(1)) }),
      },
      scene: target.scene,
      metrics: {
        heldOutPsnrDb: Number(heldOutPsnrDb.toFixed(3)),
        heldOutPsnrPerViewDb: psnrs.map((p) => Number(p.toFixed(3))),
        lastBatchPsnrDb: Number(last[2].toFixed(3)),
        lossCurve: result.curve.map(([s, l, p, spr]) => [
          s,
          Number(l.toPrecision(5)),
          Number(p.toFixed(3)),
          Number(spr.toFixed(2)),
        ]),
        evalCurve: result.evalCurve.map(([s, p]) => [s, Number(p.toFixed(3))]),
      },
      weights: 'master',
      ...(run.date ? { date: run.date } : {}),
    },
  );
  return {
    app: 'nerf',
    out: run.out,
    adapter: ctx.adapterName,
    steps: run.steps,
    batchSamples: run.batchSamples,
    trainS: trainS === null ? null : Number(trainS.toFixed(1)),
    heldOutPsnrDb,
    heldOutViews: psnrs.length,
    lastBatchPsnrDb: last[2],
    samplesPerRay: last[3],
    nParams: result.params.grid.length + result.params.density.length + result.params.color.length,
  };
}

export interface NerfRenderSummary {
  app: 'nerf';
  out: string;
  widthPx: number;
  heightPx: number;
  renderer: 'fused' | 'unfused';
  device: string;
  wallS: number;
  rounds: number;
  meanSamplesPerPixel: number;
  /** PSNR against the built-in scene's view regenerated at this resolution (held-out index, synthetic), else null. */
  psnrDb: number | null;
}

/** Renders a NeRF model on the GPU, fused or unfused, and writes the PNG atomically (only after a successful render). */
export async function renderNerfApp(
  ctx: GpuContext,
  model: ModelFile,
  opts: { widthPx: number; heightPx: number; camera: string; fused: boolean; out: string },
): Promise<NerfRenderSummary> {
  const { camera, index } = nerfCamera(model, opts.camera, opts.widthPx, opts.heightPx);
  const scene = await nerfSceneFromModel(ctx, model);
  const renderer = new NerfRendererGpu(ctx, scene);
  try {
    const r = opts.fused ? await renderer.renderFused(camera) : await renderer.renderUnfused(camera);
    const image = resolveImage(r, scene.background);
    let psnr: number | null = null;
    const synthetic = model.header.scene.synthetic;
    if (index !== null && typeof synthetic === 'string') {
      const target = overBackground(renderSyntheticView(syntheticScene(synthetic), camera), scene.background);
      let se = 0;
      for (let i = 0; i < image.rgb.length; i++) se += (image.rgb[i]! - target.rgb[i]!) ** 2;
      psnr = psnrDb(se / image.rgb.length);
    }
    let total = 0;
    for (const s of r.samples) total += s & ~TERMINATED_BIT;
    writePngImage(opts.out, image);
    return {
      app: 'nerf',
      out: opts.out,
      widthPx: opts.widthPx,
      heightPx: opts.heightPx,
      renderer: opts.fused ? 'fused' : 'unfused',
      device: ctx.adapterName,
      wallS: r.wallS,
      rounds: r.rounds,
      meanSamplesPerPixel: total / r.samples.length,
      psnrDb: psnr,
    };
  } finally {
    renderer.destroy();
  }
}
