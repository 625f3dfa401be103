// GIA end to end for the CLI: resolve the target image, train and write a model file; render a model to PNG.
import { existsSync } from 'node:fs';
import { OptionError } from '../../errors.ts';
import type { GpuContext } from '../../gpu/device.ts';
import { type RgbImage, readPngImage, writePngImage } from '../../io/png.ts';
import { adamToJson } from '../../train/adam.ts';
import { psnrDb } from '../../train/loss.ts';
import { type ModelFile, writeModelFile } from '../../train/modelFile.ts';
import { imageMse } from '../shared/imageMse.ts';
import { FULL_VIEW, type GiaView, renderGiaCpu, renderGiaGpu } from './giaRender.ts';
import { trainGia } from './giaTrain.ts';
import { parseProcedural, proceduralImage } from './procedural.ts';

export interface GiaTarget {
  image: RgbImage;
  /** Recorded in the model header so renders can be compared against it. */
  scene: Record<string, unknown>;
}

/** The image to fit: `--image file.png` or `--procedural name:size`, exactly one. */
export function giaTarget(image: string | undefined, procedural: string | undefined): GiaTarget {
  if ((image === undefined) === (procedural === undefined)) {
    throw OptionError.worded(
      'app',
      (n) => `${n('app')} gia needs exactly one of ${n('image')} FILE.png or ${n('procedural')} NAME:SIZE`,
    );
  }
  if (procedural !== undefined) {
    const { name, sizePx } = parseProcedural(procedural);
    return {
      image: proceduralImage(name, sizePx),
      scene: { procedural: name, widthPx: sizePx, heightPx: sizePx },
    };
  }
  const img = readPngImage(image!);
  return { image: img, scene: { image: image, widthPx: img.widthPx, heightPx: img.heightPx } };
}

export interface GiaTrainRun {
  steps: number;
  batchSize: number;
  seed: number;
  out: string;
  date?: string;
  onProgress?: (p: { step: number; steps: number; loss: number; psnrDb: number }) => void;
  /** Wall clock in seconds (the CLI passes performance.now-based timing; the library never reads a clock). */
  clockS?: () => number;
}

export interface GiaTrainSummary {
  app: 'gia';
  out: string;
  adapter: string;
  steps: number;
  batchSize: number;
  trainS: number | null;
  lastBatchPsnrDb: number;
  /** PSNR of a full render at the image's own resolution against the target. */
  imagePsnrDb: number;
  nParams: number;
}

/** Trains GIA on `target` and writes the model file atomically (nothing is written on failure). */
export async function trainGiaApp(
  ctx: GpuContext,
  target: GiaTarget,
  run: GiaTrainRun,
): Promise<GiaTrainSummary> {
  const t0 = run.clockS?.() ?? null;
  const result = await trainGia(ctx, target.image, {
    steps: run.steps,
    batchSize: run.batchSize,
    seed: run.seed,
    onProgress: run.onProgress,
  });
  const trainS = t0 === null ? null : run.clockS!() - t0;
  const model: ModelFile = {
    header: undefined as never,
    gridSpec: result.gridSpec,
    mlpSpec: result.mlpSpec,
    params: result.params,
  };
  const rendered = await renderGiaGpu(ctx, model, target.image.widthPx, target.image.heightPx);
  const imagePsnrDb = psnrDb(imageMse(rendered, target.image));
  const lastBatchPsnrDb = psnrDb(result.lastBatchLoss);
  writeModelFile(run.out, result.gridSpec, result.mlpSpec, result.params, {
    app: 'gia',
    nDims: 2,
    optimizer: adamToJson(result.adam),
    loss: 'L2',
    training: {
      steps: run.steps,
      batchSize: run.batchSize,
      seed: run.seed,
      sampling: 'uniform random pixel centres (snap_to_pixel_centers)',
      adapter: ctx.adapterName,
      ...(trainS === null ? {} : { trainS: Number(trainS.toFixed(1)) }),
    },
    scene: target.scene,
    metrics: {
      imagePsnrDb: Number(imagePsnrDb.toFixed(3)),
      lastBatchPsnrDb: Number(lastBatchPsnrDb.toFixed(3)),
      lossCurve: result.lossCurve.map(([s, l]) => [s, Number(l.toPrecision(5))]),
    },
    weights: 'master',
    ...(run.date ? { date: run.date } : {}),
  });
  return {
    app: 'gia',
    out: run.out,
    adapter: ctx.adapterName,
    steps: run.steps,
    batchSize: run.batchSize,
    trainS: trainS === null ? null : Number(trainS.toFixed(1)),
    lastBatchPsnrDb,
    imagePsnrDb,
    nParams: result.params.grid.length + result.params.mlp.length,
  };
}

export interface GiaRenderSummary {
  app: 'gia';
  out: string;
  widthPx: number;
  heightPx: number;
  view: GiaView;
  device: string;
  /** PSNR against the procedural target regenerated at this resolution (full view only), else null. */
  psnrDb: number | null;
}

/** Renders a GIA model (GPU, or the CPU reference) and writes the PNG atomically. */
export async function renderGiaApp(
  ctx: GpuContext | null,
  model: ModelFile,
  opts: { widthPx: number; heightPx: number; view?: GiaView; out: string },
): Promise<GiaRenderSummary> {
  if (model.header.app !== 'gia') {
    throw OptionError.worded(
      'app',
      (n) => `model is a ${model.header.app} model; ${n('app')} gia needs a GIA model`,
    );
  }
  const view = opts.view ?? FULL_VIEW;
  const image = ctx
    ? await renderGiaGpu(ctx, model, opts.widthPx, opts.heightPx, view)
    : renderGiaCpu(model, opts.widthPx, opts.heightPx, view);
  let psnr: number | null = null;
  const scene = model.header.scene;
  const full = view.every((v, i) => v === FULL_VIEW[i]);
  if (full && typeof scene.procedural === 'string' && opts.widthPx === opts.heightPx) {
    psnr = psnrDb(imageMse(image, proceduralImage(scene.procedural, opts.widthPx)));
  } else if (full && typeof scene.image === 'string' && existsSync(scene.image)) {
    // The header names the image: a device or oversized file there is refused before it is read.
    const target = readPngImage(
      scene.image,
      'image',
      `${model.file ?? 'model file'}: $.scene.image = ${JSON.stringify(scene.image)}`,
    );
    if (target.widthPx === opts.widthPx && target.heightPx === opts.heightPx)
      psnr = psnrDb(imageMse(image, target));
  }
  writePngImage(opts.out, image);
  return {
    app: 'gia',
    out: opts.out,
    widthPx: opts.widthPx,
    heightPx: opts.heightPx,
    view,
    device: ctx ? ctx.adapterName : 'cpu reference',
    psnrDb: psnr,
  };
}
