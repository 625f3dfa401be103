// NSDF as one registered app: the entry points `ngpc train/render/profile --app nsdf` look up.
import { readModelFile } from '../../train/modelFile.ts';
import { parseResolution } from '../../workload/resolution.ts';
import {
  appWorkload,
  fieldTrainOptions,
  type NgpcApp,
  profileFieldRequest,
  trainedLines,
} from '../shared/app.ts';
import { parseOrbitCamera } from '../shared/orbitCamera.ts';
import { nsdfTarget, profileNsdf, renderNsdfApp, trainNsdfApp } from './nsdfApp.ts';

export const NSDF_APP: NgpcApp = {
  name: 'nsdf',
  async train(req) {
    const target = nsdfTarget(req.scene.shape, req.scene.mesh);
    const ctx = await req.gpu();
    const summary = await trainNsdfApp(ctx, target, fieldTrainOptions(req));
    return {
      summary,
      lines: trainedLines(
        summary,
        `${summary.batchSize} points`,
        `mean |SDF error| near the surface ${summary.meanAbsError.toExponential(3)} (${(100 * summary.errorFractionOfBbox).toFixed(3)} % of the bounding box); within ±0.05 of it ${summary.bandMeanAbsError.toExponential(3)}`,
      ),
    };
  },
  async render(req) {
    const res = parseResolution(req.resolution);
    const camera = req.camera === undefined ? undefined : parseOrbitCamera(req.camera);
    const model = readModelFile(req.model);
    const ctx = req.cpu ? null : await req.gpu();
    const s = await renderNsdfApp(ctx, model, {
      widthPx: res.widthPx,
      heightPx: res.heightPx,
      camera,
      out: req.out,
    });
    return {
      summary: s,
      lines: [
        `wrote ${s.out} (${s.widthPx}x${s.heightPx}, ${s.device}, ${s.meanQueriesPerPixel.toFixed(1)} SDF queries per pixel)`,
      ],
    };
  },
  profile: (req) =>
    profileFieldRequest(req, async (model, w, h, source) =>
      profileNsdf(await req.gpu(), model, w, h, source),
    ),
  workload: appWorkload('nsdf'),
};
