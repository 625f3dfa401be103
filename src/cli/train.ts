// `ngpc train`: fit an app's neural field (GIA, NVR, NSDF, NeRF) on WebGPU and write a model file.
import cliProgress from 'cli-progress';
import type { CommandModule } from 'yargs';
import {
  checkTrainableApp,
  FlagError,
  GIA_DEFAULT_BATCH,
  giaTarget,
  guardOutputFile,
  nsdfTarget,
  nvrTarget,
  sharedGpu,
  trainGiaApp,
  trainNsdfApp,
  trainNvrApp,
} from '../index.ts';
import { io, printJson, println } from './io.ts';
import { trainNerfCli } from './nerfCli.ts';
import { withJson } from './options.ts';

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

export const trainCommand: CommandModule<object, TrainArgs> = {
  command: 'train',
  describe: 'train an app (gia, nvr, nsdf, nerf) on WebGPU from scratch and write a model file',
  builder: (y) =>
    withJson(y)
      .option('app', { type: 'string', demandOption: true, describe: 'gia, nerf, nvr, nsdf' })
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
    const app = checkTrainableApp(argv.app);
    // The volume flag may be NAME:SIZE rather than a file; sameFile() ignores paths that do not exist.
    guardOutputFile({ flag: 'out', path: argv.out }, [
      ...(['image', 'volume', 'mesh'] as const).map((flag) =>
        argv[flag] === undefined ? undefined : { flag, path: argv[flag]! },
      ),
    ]);
    if (!Number.isInteger(argv.batch) || argv.batch < 1 || argv.batch > 1 << 20) {
      throw new FlagError('batch', argv.batch, 'expected an integer 1..1048576');
    }
    if (app === 'nvr') return trainNvr(argv);
    if (app === 'nerf') return trainNerfCli(argv);
    if (app === 'nsdf') return trainNsdf(argv);
    return trainGia(argv);
  },
};

/** What every app trainer takes from the flags; `clockS` is the one clock, read here in the CLI. */
function trainOptions(argv: TrainArgs) {
  return {
    steps: argv.steps,
    batchSize: argv.batch,
    seed: argv.seed,
    out: argv.out,
    date: argv.date,
    clockS: () => performance.now() / 1000,
  };
}

interface TrainProgress {
  step: number;
  loss: number;
  psnrDb?: number;
}

/** Runs a trainer with a progress bar on a TTY (stderr; loss, and PSNR where the app reports it). */
async function withProgressBar<S>(
  steps: number,
  run: (onProgress: (p: TrainProgress) => void) => Promise<S>,
): Promise<S> {
  const bar = io().isTty
    ? new cliProgress.SingleBar(
        {
          format: 'train [{bar}] {value}/{total} steps  loss {loss}  PSNR {psnr} dB  {eta_formatted} left',
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(steps, 0, { loss: '-', psnr: '-' });
  try {
    return await run((p) =>
      bar?.update(p.step, { loss: p.loss.toExponential(3), psnr: p.psnrDb?.toFixed(2) ?? '-' }),
    );
  } finally {
    bar?.stop();
  }
}

/** The lines every app prints after training (the app's own metric goes in between). */
function printTrained(
  summary: {
    out: string;
    nParams: number;
    steps: number;
    batchSize: number;
    trainS: number | null;
    adapter: string;
  },
  metric: string,
): void {
  println(
    `wrote ${summary.out}: ${summary.nParams} parameters, ${summary.steps} steps × ${summary.batchSize} points`,
  );
  println(metric);
  println(`trained in ${summary.trainS} s on ${summary.adapter}`);
}

async function trainGia(argv: TrainArgs): Promise<void> {
  const target = giaTarget(argv.image, argv.procedural);
  const ctx = await sharedGpu();
  const summary = await withProgressBar(argv.steps, (onProgress) =>
    trainGiaApp(ctx, target, { ...trainOptions(argv), onProgress }),
  );
  if (argv.json) return printJson(summary);
  printTrained(
    summary,
    `image PSNR ${summary.imagePsnrDb.toFixed(2)} dB (last batch ${summary.lastBatchPsnrDb.toFixed(2)} dB)`,
  );
}

async function trainNvr(argv: TrainArgs): Promise<void> {
  const target = nvrTarget(argv.volume, argv.dims);
  const ctx = await sharedGpu();
  const summary = await withProgressBar(argv.steps, (onProgress) =>
    trainNvrApp(ctx, target, { ...trainOptions(argv), onProgress }),
  );
  if (argv.json) return printJson(summary);
  printTrained(
    summary,
    `view PSNR ${summary.viewPsnrDb.toFixed(2)} dB vs the ground-truth volume rendered the same way`,
  );
}

async function trainNsdf(argv: TrainArgs): Promise<void> {
  const target = nsdfTarget(argv.shape, argv.mesh);
  const ctx = await sharedGpu();
  const summary = await withProgressBar(argv.steps, (onProgress) =>
    trainNsdfApp(ctx, target, { ...trainOptions(argv), onProgress }),
  );
  if (argv.json) return printJson(summary);
  printTrained(
    summary,
    `mean |SDF error| near the surface ${summary.meanAbsError.toExponential(3)} (${(100 * summary.errorFractionOfBbox).toFixed(3)} % of the bounding box); within ±0.05 of it ${summary.bandMeanAbsError.toExponential(3)}`,
  );
}
