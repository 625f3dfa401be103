// NVR as one registered app: the entry points `ngpc train/render/profile --app nvr` look up.
import { readModelFile } from '../../train/modelFile.ts';
import { parseResolution } from '../../workload/resolution.ts';
import {
  appWorkload,
  fieldProfileLines,
  type NgpcApp,
  profileDate,
  refuseNerfProfileOptions,
  trainedLines,
} from '../shared/app.ts';
import { parseOrbitCamera } from '../shared/orbitCamera.ts';
import { nvrTarget, profileNvr, renderNvrApp, trainNvrApp } from './nvrApp.ts';

export const NVR_APP: NgpcApp = {
  name: 'nvr',
  async train(req) {
    const target = nvrTarget(req.scene.volume, req.scene.dims);
    const ctx = await req.gpu();
    const summary = await trainNvrApp(ctx, target, {
      steps: req.steps,
      batchSize: req.batch,
      seed: req.seed,
      out: req.out,
      date: req.date,
      clockS: req.clockS,
      onProgress: req.onProgress,
    });
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
  async profile(req) {
    refuseNerfProfileOptions(req);
    const res = parseResolution(req.resolution);
    const model = readModelFile(req.model);
    const date = profileDate(req, model.header.date);
    const adapter = String(model.header.training.adapter ?? 'unknown adapter');
    const workload = await profileNvr(
      await req.gpu(),
      model,
      res.widthPx,
      res.heightPx,
      `measured: ${adapter}, ${date}`,
    );
    return { summary: workload, lines: fieldProfileLines(req.out, workload) };
  },
  workload: appWorkload('nvr'),
};
