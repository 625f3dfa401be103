// `ngpc train`: fit an app's neural field on WebGPU and write a model file (GIA in this build).
import cliProgress from 'cli-progress';
import type { CommandModule } from 'yargs';
import {
  checkTrainableApp,
  FlagError,
  GIA_DEFAULT_BATCH,
  giaTarget,
  sharedGpu,
  trainGiaApp,
} from '../index.ts';
import { io, printJson, println } from './io.ts';
import { withJson } from './options.ts';

interface TrainArgs {
  app: string;
  image?: string;
  procedural?: string;
  steps: number;
  batch: number;
  seed: number;
  out: string;
  date?: string;
  json: boolean;
}

export const trainCommand: CommandModule<object, TrainArgs> = {
  command: 'train',
  describe: 'train an app (gia) on WebGPU from scratch and write a model file',
  builder: (y) =>
    withJson(y)
      .option('app', { type: 'string', demandOption: true, describe: 'gia (nerf, nvr, nsdf: not yet)' })
      .option('image', { type: 'string', describe: 'GIA target image (PNG)' })
      .option('procedural', {
        type: 'string',
        describe: 'GIA built-in image NAME:SIZE (mandel, pattern), e.g. pattern:1024',
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
      ),
  handler: async (argv) => {
    checkTrainableApp(argv.app);
    if (!Number.isInteger(argv.batch) || argv.batch < 1 || argv.batch > 1 << 20) {
      throw new FlagError('batch', argv.batch, 'expected an integer 1..1048576');
    }
    const target = giaTarget(argv.image, argv.procedural);
    const ctx = await sharedGpu();
    const bar = io().isTty
      ? new cliProgress.SingleBar(
          {
            format: 'train [{bar}] {value}/{total} steps  loss {loss}  PSNR {psnr} dB  {eta_formatted} left',
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
    bar?.start(argv.steps, 0, { loss: '-', psnr: '-' });
    let summary: Awaited<ReturnType<typeof trainGiaApp>>;
    try {
      summary = await trainGiaApp(ctx, target, {
        steps: argv.steps,
        batchSize: argv.batch,
        seed: argv.seed,
        out: argv.out,
        date: argv.date,
        clockS: () => performance.now() / 1000,
        onProgress: (p) => bar?.update(p.step, { loss: p.loss.toExponential(3), psnr: p.psnrDb.toFixed(2) }),
      });
    } finally {
      bar?.stop();
    }
    if (argv.json) return printJson(summary);
    println(
      `wrote ${summary.out}: ${summary.nParams} parameters, ${summary.steps} steps × ${summary.batchSize} points`,
    );
    println(
      `image PSNR ${summary.imagePsnrDb.toFixed(2)} dB (last batch ${summary.lastBatchPsnrDb.toFixed(2)} dB)`,
    );
    println(`trained in ${summary.trainS} s on ${summary.adapter}`);
  },
};
