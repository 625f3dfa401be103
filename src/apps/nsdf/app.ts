// NSDF as one registered app: the entry points `ngpc train/render/profile --app nsdf` look up.
import {
  appWorkload,
  type NgpcApp,
  profileFieldRequest,
  renderOrbitRequest,
  trainFieldRequest,
} from '../shared/app.ts';
import { nsdfTarget, profileNsdf, renderNsdfApp, trainNsdfApp } from './nsdfApp.ts';

export const NSDF_APP: NgpcApp = {
  name: 'nsdf',
  train: (req) =>
    trainFieldRequest(
      req,
      nsdfTarget(req.scene.shape, req.scene.mesh),
      trainNsdfApp,
      (s) =>
        `mean |SDF error| near the surface ${s.meanAbsError.toExponential(3)} (${(100 * s.errorFractionOfBbox).toFixed(3)} % of the bounding box); within ±0.05 of it ${s.bandMeanAbsError.toExponential(3)}`,
    ),
  render: (req) =>
    renderOrbitRequest(
      req,
      renderNsdfApp,
      (s) =>
        `wrote ${s.out} (${s.widthPx}x${s.heightPx}, ${s.device}, ${s.meanQueriesPerPixel.toFixed(1)} SDF queries per pixel)`,
    ),
  profile: (req) =>
    profileFieldRequest(req, async (model, w, h, source) =>
      profileNsdf(await req.gpu(), model, w, h, source),
    ),
  workload: appWorkload('nsdf'),
};
