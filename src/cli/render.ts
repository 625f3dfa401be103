// `ngpc render`: render a trained model to a PNG at any resolution and viewport (GIA in this build).
import type { CommandModule } from 'yargs';
import {
  checkTrainableApp,
  FlagError,
  type GiaView,
  guardOutputFile,
  parseOrbitCamera,
  parseResolution,
  readModelFile,
  renderGiaApp,
  renderNsdfApp,
  renderNvrApp,
  sharedGpu,
} from '../index.ts';
import { printJson, println } from './io.ts';
import { renderNerfCli } from './nerfCli.ts';
import { modelInputs, withJson } from './options.ts';

interface RenderArgs {
  app: string;
  model: string;
  resolution: string;
  view?: string;
  camera?: string;
  fused?: boolean;
  unfused?: boolean;
  out: string;
  cpu: boolean;
  json: boolean;
}

function parseView(text: string): GiaView {
  const v = text.split(',').map(Number);
  if (v.length !== 4 || v.some((x) => !Number.isFinite(x)) || !(v[2]! > v[0]! && v[3]! > v[1]!)) {
    throw new FlagError(
      'view',
      text,
      'expected x0,y0,x1,y1 in image uv with x1 > x0 and y1 > y0, e.g. 0.25,0.25,0.5,0.5',
    );
  }
  return v as GiaView;
}

export const renderCommand: CommandModule<object, RenderArgs> = {
  command: 'render',
  describe: 'render a trained model (gia, nvr, nsdf) to a PNG on WebGPU, or with the CPU reference',
  builder: (y) =>
    withJson(y)
      .option('app', { type: 'string', demandOption: true, describe: 'gia, nvr, nsdf' })
      .option('model', { type: 'string', demandOption: true, describe: 'model file written by ngpc train' })
      .option('resolution', { type: 'string', demandOption: true, describe: 'WxH, or 1080p / 4k / 8k' })
      .option('view', { type: 'string', describe: 'GIA viewport x0,y0,x1,y1 in image uv (default 0,0,1,1)' })
      .option('camera', {
        type: 'string',
        describe: 'NVR/NSDF orbit camera azimuthDeg,elevationDeg[,distance[,fovYDeg]] (default 35,25,1.9,40)',
      })
      .option('fused', { type: 'boolean', describe: 'NeRF: the fused renderer (default)' })
      .option('unfused', { type: 'boolean', describe: 'NeRF: one dispatch per stage, over marching rounds' })
      .option('out', { type: 'string', demandOption: true, describe: 'PNG to write' })
      .option('cpu', {
        type: 'boolean',
        default: false,
        describe: 'use the exact CPU reference (slow; small images)',
      })
      .example(
        '$0 render --app gia --model pattern.ngpc --resolution 1024x1024 --out pattern.png',
        'the whole image',
      )
      .example(
        '$0 render --app gia --model pattern.ngpc --resolution 2048x2048 --view 0.5,0.5,0.75,0.75 --out zoom.png',
        'an 8× zoom',
      ),
  handler: async (argv) => {
    const app = checkTrainableApp(argv.app);
    guardOutputFile({ flag: 'out', path: argv.out }, modelInputs(argv.model, argv.camera));
    if (app === 'nerf') return renderNerfCli(argv);
    const res = parseResolution(argv.resolution);
    if (app === 'nvr' || app === 'nsdf') {
      const camera = argv.camera === undefined ? undefined : parseOrbitCamera(argv.camera);
      const model = readModelFile(argv.model);
      const ctx = argv.cpu ? null : await sharedGpu();
      const opts = { widthPx: res.widthPx, heightPx: res.heightPx, camera, out: argv.out };
      if (app === 'nvr') {
        const s = await renderNvrApp(ctx, model, opts);
        if (argv.json) return printJson(s);
        const psnr = s.psnrDb === null ? '' : `, PSNR ${s.psnrDb.toFixed(2)} dB vs the ground-truth volume`;
        return println(`wrote ${s.out} (${s.widthPx}x${s.heightPx}, ${s.device}${psnr})`);
      }
      const s = await renderNsdfApp(ctx, model, opts);
      if (argv.json) return printJson(s);
      return println(
        `wrote ${s.out} (${s.widthPx}x${s.heightPx}, ${s.device}, ${s.meanQueriesPerPixel.toFixed(1)} SDF queries per pixel)`,
      );
    }
    const view = argv.view === undefined ? undefined : parseView(argv.view);
    const model = readModelFile(argv.model);
    const image = model.header.scene.image;
    if (typeof image === 'string') {
      const label = `${argv.model}: $.scene.image ${JSON.stringify(image)}`;
      guardOutputFile({ flag: 'out', path: argv.out }, [{ flag: 'model', path: image, label }]);
    }
    const ctx = argv.cpu ? null : await sharedGpu();
    const summary = await renderGiaApp(ctx, model, {
      widthPx: res.widthPx,
      heightPx: res.heightPx,
      view,
      out: argv.out,
    });
    if (argv.json) return printJson(summary);
    const psnr = summary.psnrDb === null ? '' : `, PSNR ${summary.psnrDb.toFixed(2)} dB vs the target`;
    println(`wrote ${summary.out} (${summary.widthPx}x${summary.heightPx}, ${summary.device}${psnr})`);
  },
};
