// `ngpc profile`: measure what a frame of a trained model costs; write it to --out, or configs/workloads/ with --write.
import { appNames, lookupApp } from '../apps/registry.ts';
import { sharedGpu } from '../gpu/device.ts';
import { guardOutputFile } from '../io/outputGuard.ts';
import { jsonText, writeFileAtomic } from '../io/write.ts';
import type { CommandBody } from './commandBody.ts';
import { printJson, println } from './io.ts';
import { modelInputs, notWrittenHint, profileOutPath, withJson } from './options.ts';
import { progressBar } from './progress.ts';

interface ProfileArgs {
  app: string;
  model: string;
  resolution: string;
  march?: string;
  camera?: string;
  out?: string;
  write: boolean;
  date?: string;
  json: boolean;
}

export const profileCommand: CommandBody<ProfileArgs> = {
  builder: (y) =>
    withJson(y)
      .option('app', { type: 'string', demandOption: true, describe: appNames().join(', ') })
      .option('model', { type: 'string', demandOption: true, describe: 'model file written by ngpc train' })
      .option('resolution', { type: 'string', default: '1080p', describe: 'WxH, or 1080p / 4k / 8k' })
      .option('march', {
        type: 'string',
        describe:
          "NeRF only: 'instant-ngp' (default: 128³ occupancy grid, step √3/1024, instant-ngp's inference rules) or 'model' (the training march recorded in the model file)",
      })
      .option('camera', { type: 'string', describe: 'NeRF only: test-view index or camera JSON (default 0)' })
      .option('out', { type: 'string', describe: 'workload JSON file to write' })
      .option('write', {
        type: 'boolean',
        default: false,
        describe: 'write configs/workloads/<app>.json (what --workload measured reads)',
      })
      .option('date', {
        type: 'string',
        describe: "measurement date for the source line (default: the model file's date)",
      })
      .example(
        '$0 profile --app gia --model pattern.ngpc --resolution 4k --date 2025-01-31 --write',
        'measure a 4K frame and update configs/workloads/gia.json',
      )
      .example(
        '$0 profile --app nerf --model blocks.ngpc --resolution 128x128,256x256 --camera 0',
        "NeRF samples per ray with instant-ngp's marching, at two resolutions",
      ),
  handler: async (argv) => {
    const app = lookupApp(argv.app);
    const out = profileOutPath(app.name, argv);
    if (out !== null) guardOutputFile({ flag: 'out', path: out }, modelInputs(argv.model, argv.camera));
    const bar = progressBar(`profile ${app.name}`, 'steps');
    const { summary: workload, lines } = await app
      .profile({
        model: argv.model,
        resolution: argv.resolution,
        march: argv.march,
        camera: argv.camera,
        out,
        date: argv.date,
        gpu: sharedGpu,
        onProgress: bar.update,
      })
      .finally(bar.stop);
    if (out !== null) writeFileAtomic(out, jsonText(workload));
    if (argv.json) return printJson({ out, ...workload });
    for (const line of lines) println(line);
    if (out === null) println(notWrittenHint(app.name));
  },
};
