// NVR as one registered app: the entry points `ngpc train/render/profile --app nvr` look up.
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
import { nvrTarget, profileNvr, renderNvrApp, trainNvrApp } from './nvrApp.ts';

export const NVR_APP: NgpcApp = {
  name: 'nvr',
  async train(req) {
    const target = nvrTarget(req.scene.volume, req.scene.dims);
    const ctx = await req.gpu();
    const summary = await trainNvrApp(ctx, target, fieldTrainOptions(req));
    return {
      summary,
      lines: trainedLines(
        summary,
        `${summary.batchSize} points`,
        `view PSNR ${summary.viewPsnrDb.toFixed(2)} dB vs the ground-truth volume rendered the same way`,
      ),
    };
  },
  async render(req) {
    const res = parseResolution(req.resolution);
    const camera = req.camera === undefined ? undefined : parseOrbitCamera(req.camera);
    const model = readModelFile(req.model);
    const ctx = req.cpu ? null : await req.gpu();
    const s = await renderNvrApp(ctx, model, {
      widthPx: res.widthPx,
      heightPx: res.heightPx,
      camera,
      out: req.out,
    });
    const psnr = s.psnrDb === null ? '' : `, PSNR ${s.psnrDb.toFixed(2)} dB vs the ground-truth volume`;
    return { summary: s, lines: [`wrote ${s.out} (${s.widthPx}x${s.heightPx}, ${s.device}${psnr})`] };
  },
  profile: (req) =>
    profileFieldRequest(req, async (model, w, h, source) => profileNvr(await req.gpu(), model, w, h, source)),
  workload: appWorkload('nvr'),
};
