// NVR as one registered app: the entry points `ngpc train/render/profile --app nvr` look up.
import {
  appWorkload,
  type NgpcApp,
  profileFieldRequest,
  renderOrbitRequest,
  trainFieldRequest,
} from '../shared/app.ts';
import { nvrTarget, profileNvr, renderNvrApp, trainNvrApp } from './nvrApp.ts';

export const NVR_APP: NgpcApp = {
  name: 'nvr',
  train: (req) =>
    trainFieldRequest(
      req,
      nvrTarget(req.scene.volume, req.scene.dims),
      trainNvrApp,
      (s) => `view PSNR ${s.viewPsnrDb.toFixed(2)} dB vs the ground-truth volume rendered the same way`,
    ),
  render: (req) =>
    renderOrbitRequest(req, renderNvrApp, (s) => {
      const psnr = s.psnrDb === null ? '' : `, PSNR ${s.psnrDb.toFixed(2)} dB vs the ground-truth volume`;
      return `wrote ${s.out} (${s.widthPx}x${s.heightPx}, ${s.device}${psnr})`;
    }),
  profile: (req) =>
    profileFieldRequest(req, async (model, w, h, source) => profileNvr(await req.gpu(), model, w, h, source)),
  workload: appWorkload('nvr'),
};
