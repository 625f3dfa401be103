// `ngpc render`: render a trained model to a PNG at any resolution and viewport, with the app it was trained for.
import { appNames, lookupApp } from '../apps/registry.ts';
import type { AppRenderRequest } from '../apps/shared/app.ts';
import { sharedGpu } from '../gpu/device.ts';
import { guardOutputFile } from '../io/outputGuard.ts';
import type { CommandBody } from './commandBody.ts';
import { printJson, println } from './io.ts';
import { modelInputs, withJson } from './options.ts';

/** The request an app's `render` takes, less the GPU (the handler supplies it), plus the app and output format. */
type RenderArgs = Omit<AppRenderRequest, 'gpu'> & { app: string; json: boolean };

export const renderCommand: CommandBody<RenderArgs> = {
  builder: (y) =>
    withJson(y)
      .option('app', { type: 'string', demandOption: true, describe: appNames().join(', ') })
      .option('model', { type: 'string', demandOption: true, describe: 'model file written by ngpc train' })
      .option('resolution', { type: 'string', demandOption: true, describe: 'WxH, or 1080p / 4k / 8k' })
      .option('view', { type: 'string', describe: 'GIA viewport x0,y0,x1,y1 in image uv (default 0,0,1,1)' })
      .option('camera', {
        type: 'string',
        describe:
          'NVR/NSDF: orbit camera azimuthDeg,elevationDeg[,distance[,fovYDeg]] (default 35,25,1.9,40); NeRF: a held-out view index or a camera JSON file',
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
    const app = lookupApp(argv.app);
    guardOutputFile({ flag: 'out', path: argv.out }, modelInputs(argv.model, argv.camera));
    const { summary, lines } = await app.render({
      model: argv.model,
      resolution: argv.resolution,
      view: argv.view,
      camera: argv.camera,
      fused: argv.fused,
      unfused: argv.unfused,
      out: argv.out,
      cpu: argv.cpu,
      gpu: sharedGpu,
    });
    if (argv.json) return printJson(summary);
    for (const line of lines) println(line);
  },
};
