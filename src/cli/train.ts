// `ngpc train`: fit an app's neural field (GIA, NVR, NSDF, NeRF) on WebGPU and write a model file.
import { GIA_DEFAULT_BATCH } from '../apps/gia/giaConfig.ts';
import { appNames, lookupApp } from '../apps/registry.ts';
import { FlagError } from '../errors.ts';
import { sharedGpu } from '../gpu/device.ts';
import { guardOutputFile } from '../io/outputGuard.ts';
import type { CommandBody } from './commandBody.ts';
import { printJson, println } from './io.ts';
import { withJson } from './options.ts';
import { progressBar } from './progress.ts';

interface TrainArgs {
  app: string;
  image?: string;
  procedural?: string;
  volume?: string;
  dims?: string;
  shape?: string;
  mesh?: string;
  synthetic?: string;
  data?: string;
  samples: number;
  'eval-every': number;
  steps: number;
  batch: number;
  seed: number;
  out: string;
  date?: string;
  json: boolean;
}

export const trainCommand: CommandBody<TrainArgs> = {
  builder: (y) =>
    withJson(y)
      .option('app', { type: 'string', demandOption: true, describe: appNames().join(', ') })
      .option('image', { type: 'string', describe: 'GIA target image (PNG)' })
      .option('procedural', {
        type: 'string',
        describe: 'GIA built-in image NAME:SIZE (mandel, pattern), e.g. pattern:1024',
      })
      .option('volume', {
        type: 'string',
        describe:
          'NVR volume: built-in NAME:SIZE (cloud), e.g. cloud:64, or FILE.raw (u8 density) with --dims',
      })
      .option('dims', { type: 'string', describe: 'NVR .raw volume size XxYxZ voxels' })
      .option('shape', { type: 'string', describe: 'NSDF built-in shape: sphere, torus, box, csg' })
      .option('mesh', { type: 'string', describe: 'NSDF triangle mesh (Wavefront OBJ, closed)' })
      .option('synthetic', {
        type: 'string',
        describe: 'NeRF built-in scene NAME[:SIZE] (blocks, sphere; views SIZE² px, default 128)',
      })
      .option('data', { type: 'string', describe: 'NeRF dataset directory (NeRF-synthetic format)' })
      .option('samples', { type: 'number', default: 16384, describe: 'NeRF network samples per step' })
      .option('eval-every', {
        type: 'number',
        default: 0,
        describe: 'NeRF held-out PSNR every N steps (0: only at the end)',
      })
      .option('steps', { type: 'number', default: 500, describe: 'optimizer steps' })
      .option('batch', { type: 'number', default: GIA_DEFAULT_BATCH, describe: 'points per step' })
      .option('seed', { type: 'number', default: 1, describe: 'seed of the init and the batches' })
      .option('out', {
        type: 'string',
        default: 'model.ngpc',
        describe: 'model file to write (docs/model-file.md)',
      })
      .option('date', {
        type: 'string',
        describe: 'date recorded in the model (workload provenance), e.g. 2025-01-31',
      })
      .example(
        '$0 train --app gia --procedural pattern:1024 --steps 500 --out pattern.ngpc',
        'fit the built-in test card',
      )
      .example(
        '$0 train --app gia --image photo.png --steps 200 --batch 16384',
        'fit a PNG with smaller batches',
      )
      .example(
        '$0 train --app nerf --synthetic blocks:128 --steps 1000 --date 2026-11-29 --out blocks.ngpc',
        'NeRF on a built-in scene',
      ),
  handler: async (argv) => {
    const app = lookupApp(argv.app);
    // The volume flag may be NAME:SIZE rather than a file; sameFile() ignores paths that do not exist.
    guardOutputFile({ flag: 'out', path: argv.out }, [
      ...(['image', 'volume', 'mesh'] as const).map((flag) =>
        argv[flag] === undefined ? undefined : { flag, path: argv[flag]! },
      ),
    ]);
    if (!Number.isInteger(argv.batch) || argv.batch < 1 || argv.batch > 1 << 20) {
      throw new FlagError('batch', argv.batch, 'expected an integer 1..1048576');
    }
    const bar = progressBar('train', 'steps', {
      loss: 'loss {loss}',
      psnr: 'PSNR {psnr} dB',
      ...(app.name === 'nerf' ? { spr: '{spr} samples/ray' } : {}),
    });
    const { summary, lines } = await app
      .train({
        scene: {
          image: argv.image,
          procedural: argv.procedural,
          volume: argv.volume,
          dims: argv.dims,
          shape: argv.shape,
          mesh: argv.mesh,
          synthetic: argv.synthetic,
          data: argv.data,
        },
        steps: argv.steps,
        batch: argv.batch,
        samples: argv.samples,
        evalEvery: argv['eval-every'],
        seed: argv.seed,
        out: argv.out,
        date: argv.date,
        clockS: () => performance.now() / 1000,
        gpu: sharedGpu,
        onProgress: (p) =>
          bar.update(p.step, argv.steps, {
            loss: p.loss.toExponential(3),
            psnr: p.psnrDb?.toFixed(2) ?? '-',
            spr: p.samplesPerRay?.toFixed(1) ?? '-',
          }),
      })
      .finally(bar.stop);
    if (argv.json) return printJson(summary);
    for (const line of lines) println(line);
  },
};
