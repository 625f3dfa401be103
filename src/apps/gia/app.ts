// GIA as one registered app: the entry points `ngpc train/render/profile --app gia` look up.
import { OptionError } from '../../errors.ts';
import { guardOutputFile } from '../../io/outputGuard.ts';
import { readModelFile } from '../../train/modelFile.ts';
import { parseResolution } from '../../workload/resolution.ts';
import { appWorkload, type NgpcApp, profileFieldRequest, trainFieldRequest } from '../shared/app.ts';
import { profileModel } from '../shared/workloadProfile.ts';
import { giaTarget, renderGiaApp, trainGiaApp } from './giaApp.ts';
import type { GiaView } from './giaRender.ts';

/** Parses a viewport `x0,y0,x1,y1` in image uv. */
export function parseGiaView(text: string, option = 'view'): GiaView {
  const v = text.split(',').map(Number);
  if (v.length !== 4 || v.some((x) => !Number.isFinite(x)) || !(v[2]! > v[0]! && v[3]! > v[1]!)) {
    throw new OptionError(
      option,
      text,
      'expected x0,y0,x1,y1 in image uv with x1 > x0 and y1 > y0, e.g. 0.25,0.25,0.5,0.5',
    );
  }
  return v as GiaView;
}

export const GIA_APP: NgpcApp = {
  name: 'gia',
  train: (req) =>
    trainFieldRequest(
      req,
      giaTarget(req.scene.image, req.scene.procedural),
      trainGiaApp,
      (s) => `image PSNR ${s.imagePsnrDb.toFixed(2)} dB (last batch ${s.lastBatchPsnrDb.toFixed(2)} dB)`,
    ),
  async render(req) {
    const res = parseResolution(req.resolution);
    const view = req.view === undefined ? undefined : parseGiaView(req.view);
    const model = readModelFile(req.model);
    const image = model.header.scene.image;
    if (typeof image === 'string') {
      const label = `${req.model}: $.scene.image ${JSON.stringify(image)}`;
      guardOutputFile({ flag: 'out', path: req.out }, [{ flag: 'model', path: image, label }]);
    }
    const ctx = req.cpu ? null : await req.gpu();
    const summary = await renderGiaApp(ctx, model, {
      widthPx: res.widthPx,
      heightPx: res.heightPx,
      view,
      out: req.out,
    });
    const psnr = summary.psnrDb === null ? '' : `, PSNR ${summary.psnrDb.toFixed(2)} dB vs the target`;
    return {
      summary,
      lines: [`wrote ${summary.out} (${summary.widthPx}x${summary.heightPx}, ${summary.device}${psnr})`],
    };
  },
  profile: (req) => profileFieldRequest(req, profileModel),
  workload: appWorkload('gia'),
};
