// NeRF as one registered app: the entry points `ngpc train/render/profile --app nerf` look up.
import { OptionError } from '../../errors.ts';
import { readModelFile } from '../../train/modelFile.ts';
import { parseResolution } from '../../workload/resolution.ts';
import { appWorkload, type NgpcApp, profileDate, profiledWhere } from '../shared/app.ts';
import { NERF_DATA_DEFAULT, nerfTarget, renderNerfApp, trainNerfApp } from './nerfApp.ts';
import { NERF_MARCH_MODES, type NerfMarchMode } from './nerfModelScene.ts';
import { profileNerfApp } from './nerfProfile.ts';

/** `synthetic` as `NAME[:SIZE]`: a built-in scene rendered at SIZE×SIZE (default 128). */
export function parseSyntheticSpec(text: string): { name: string; sizePx: number } {
  const [name, size] = text.split(':');
  const sizePx = size === undefined ? NERF_DATA_DEFAULT.widthPx : Number(size);
  if (!name || !Number.isInteger(sizePx) || sizePx < 8 || sizePx > 1024) {
    throw new OptionError('synthetic', text, 'expected NAME or NAME:SIZE with SIZE 8..1024, e.g. blocks:128');
  }
  return { name, sizePx };
}

/** A marching mode by name. */
export function checkMarchMode(v: string): NerfMarchMode {
  if ((NERF_MARCH_MODES as readonly string[]).includes(v)) return v as NerfMarchMode;
  throw new OptionError('march', v, `expected one of ${NERF_MARCH_MODES.join(', ')}`);
}

export const NERF_APP: NgpcApp = {
  name: 'nerf',
  async train(req) {
    if (
      !Number.isInteger(req.samples) ||
      req.samples < 256 ||
      req.samples % 256 !== 0 ||
      req.samples > 1 << 20
    ) {
      throw new OptionError('samples', req.samples, 'expected a multiple of 256 in 256..1048576');
    }
    if (!Number.isInteger(req.evalEvery) || req.evalEvery < 0) {
      throw new OptionError(
        'evalEvery',
        req.evalEvery,
        'expected a whole number of steps (0: only at the end)',
      );
    }
    const syn = req.scene.synthetic === undefined ? undefined : parseSyntheticSpec(req.scene.synthetic);
    const target = nerfTarget(syn?.name, req.scene.data, {
      ...NERF_DATA_DEFAULT,
      widthPx: syn?.sizePx ?? NERF_DATA_DEFAULT.widthPx,
      heightPx: syn?.sizePx ?? NERF_DATA_DEFAULT.heightPx,
    });
    const ctx = await req.gpu();
    const summary = await trainNerfApp(ctx, target, {
      steps: req.steps,
      batchSamples: req.samples,
      seed: req.seed,
      out: req.out,
      date: req.date,
      evalEvery: req.evalEvery,
      clockS: req.clockS,
      onProgress: req.onProgress,
    });
    return {
      summary,
      lines: [
        `wrote ${summary.out}: ${summary.nParams} parameters, ${summary.steps} steps × ${summary.batchSamples} samples`,
        `held-out PSNR ${summary.heldOutPsnrDb.toFixed(2)} dB over ${summary.heldOutViews} views (last batch ${summary.lastBatchPsnrDb.toFixed(2)} dB, ${summary.samplesPerRay.toFixed(1)} samples/ray)`,
        `trained in ${summary.trainS} s on ${summary.adapter}`,
      ],
    };
  },
  async render(req) {
    if (req.fused && req.unfused) {
      throw new OptionError('unfused', true, (n) => `give at most one of ${n('fused')}, ${n('unfused')}`);
    }
    const res = parseResolution(req.resolution);
    const model = readModelFile(req.model);
    const ctx = await req.gpu();
    const summary = await renderNerfApp(ctx, model, {
      widthPx: res.widthPx,
      heightPx: res.heightPx,
      camera: req.camera ?? '0',
      fused: !req.unfused,
      out: req.out,
    });
    const psnr = summary.psnrDb === null ? '' : `, PSNR ${summary.psnrDb.toFixed(2)} dB vs the scene`;
    return {
      summary,
      lines: [
        `wrote ${summary.out} (${summary.widthPx}x${summary.heightPx}, ${summary.renderer}, ${summary.meanSamplesPerPixel.toFixed(1)} samples/pixel, ${summary.device}${psnr})`,
      ],
    };
  },
  async profile(req) {
    const resolutions = req.resolution.split(',').map((r) => parseResolution(r.trim()));
    const march = checkMarchMode(req.march ?? 'instant-ngp');
    const model = readModelFile(req.model);
    const date = profileDate(req, model.header.date);
    const ctx = await req.gpu();
    const workload = await profileNerfApp(
      ctx,
      model,
      resolutions,
      req.camera ?? '0',
      `measured: ${ctx.adapterName}, ${date}, march ${march}`,
      march,
      req.onProgress,
    );
    const lines = workload.details.rows.map(
      (r) =>
        `view ${r.camera} ${r.widthPx}x${r.heightPx}: ${r.meanSamplesPerRay.toFixed(2)} composited + ${(r.evaluatedSamplesPerRay - r.meanSamplesPerRay).toFixed(2)} padding = ${r.evaluatedSamplesPerRay.toFixed(2)} evaluated samples/ray, early termination ${(100 * r.earlyTerminationRate).toFixed(1)}%, ${r.rounds} rounds`,
    );
    lines.push(
      `${profiledWhere(req.out)}: occupancy ${(100 * workload.details.occupiedFraction).toFixed(2)}%`,
    );
    return { summary: workload, lines };
  },
  workload: appWorkload('nerf'),
};
