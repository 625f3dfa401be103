// `ngpc train/render/profile --app nerf`: the NeRF branches of those commands (flags are declared by the commands).
import cliProgress from 'cli-progress';
import {
  FlagError,
  jsonText,
  NERF_DATA_DEFAULT,
  NERF_MARCH_MODES,
  type NerfMarchMode,
  nerfTarget,
  parseResolution,
  profileNerfApp,
  readModelFile,
  renderNerfApp,
  sharedGpu,
  trainNerfApp,
  writeFileAtomic,
} from '../index.ts';
import { io, printJson, println } from './io.ts';
import { notWrittenHint, profileOutPath } from './options.ts';
import { progressBar } from './progress.ts';

export interface NerfTrainArgs {
  synthetic?: string;
  data?: string;
  samples: number;
  'eval-every': number;
  steps: number;
  seed: number;
  out: string;
  date?: string;
  json: boolean;
}

/** `--synthetic NAME[:SIZE]`: a built-in scene rendered at SIZE×SIZE (default 128). */
function parseSynthetic(text: string): { name: string; sizePx: number } {
  const [name, size] = text.split(':');
  const sizePx = size === undefined ? NERF_DATA_DEFAULT.widthPx : Number(size);
  if (!name || !Number.isInteger(sizePx) || sizePx < 8 || sizePx > 1024) {
    throw new FlagError('synthetic', text, 'expected NAME or NAME:SIZE with SIZE 8..1024, e.g. blocks:128');
  }
  return { name, sizePx };
}

export async function trainNerfCli(argv: NerfTrainArgs): Promise<void> {
  if (
    !Number.isInteger(argv.samples) ||
    argv.samples < 256 ||
    argv.samples % 256 !== 0 ||
    argv.samples > 1 << 20
  ) {
    throw new FlagError('samples', argv.samples, 'expected a multiple of 256 in 256..1048576');
  }
  if (!Number.isInteger(argv['eval-every']) || argv['eval-every'] < 0) {
    throw new FlagError(
      'eval-every',
      argv['eval-every'],
      'expected a whole number of steps (0: only at the end)',
    );
  }
  const syn = argv.synthetic === undefined ? undefined : parseSynthetic(argv.synthetic);
  const target = nerfTarget(syn?.name, argv.data, {
    ...NERF_DATA_DEFAULT,
    widthPx: syn?.sizePx ?? NERF_DATA_DEFAULT.widthPx,
    heightPx: syn?.sizePx ?? NERF_DATA_DEFAULT.heightPx,
  });
  const ctx = await sharedGpu();
  const bar = io().isTty
    ? new cliProgress.SingleBar(
        {
          format:
            'train [{bar}] {value}/{total} steps  loss {loss}  PSNR {psnr} dB  {spr} samples/ray  {eta_formatted} left',
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(argv.steps, 0, { loss: '-', psnr: '-', spr: '-' });
  let summary: Awaited<ReturnType<typeof trainNerfApp>>;
  try {
    summary = await trainNerfApp(ctx, target, {
      steps: argv.steps,
      batchSamples: argv.samples,
      seed: argv.seed,
      out: argv.out,
      date: argv.date,
      evalEvery: argv['eval-every'],
      clockS: () => performance.now() / 1000,
      onProgress: (p) =>
        bar?.update(p.step, {
          loss: p.loss.toExponential(3),
          psnr: p.psnrDb.toFixed(2),
          spr: p.samplesPerRay.toFixed(1),
        }),
    });
  } finally {
    bar?.stop();
  }
  if (argv.json) return printJson(summary);
  println(
    `wrote ${summary.out}: ${summary.nParams} parameters, ${summary.steps} steps × ${summary.batchSamples} samples`,
  );
  println(
    `held-out PSNR ${summary.heldOutPsnrDb.toFixed(2)} dB over ${summary.heldOutViews} views (last batch ${summary.lastBatchPsnrDb.toFixed(2)} dB, ${summary.samplesPerRay.toFixed(1)} samples/ray)`,
  );
  println(`trained in ${summary.trainS} s on ${summary.adapter}`);
}

export interface NerfRenderArgs {
  model: string;
  resolution: string;
  camera?: string;
  fused?: boolean;
  unfused?: boolean;
  out: string;
  json: boolean;
}

export async function renderNerfCli(argv: NerfRenderArgs): Promise<void> {
  if (argv.fused && argv.unfused)
    throw new FlagError('unfused', true, 'give at most one of --fused, --unfused');
  const res = parseResolution(argv.resolution);
  const model = readModelFile(argv.model);
  const ctx = await sharedGpu();
  const summary = await renderNerfApp(ctx, model, {
    widthPx: res.widthPx,
    heightPx: res.heightPx,
    camera: argv.camera ?? '0',
    fused: !argv.unfused,
    out: argv.out,
  });
  if (argv.json) return printJson(summary);
  const psnr = summary.psnrDb === null ? '' : `, PSNR ${summary.psnrDb.toFixed(2)} dB vs the scene`;
  println(
    `wrote ${summary.out} (${summary.widthPx}x${summary.heightPx}, ${summary.renderer}, ${summary.meanSamplesPerPixel.toFixed(1)} samples/pixel, ${summary.device}${psnr})`,
  );
}

export interface NerfProfileArgs {
  model: string;
  march?: string;
  resolution: string;
  camera?: string;
  out?: string;
  write: boolean;
  date?: string;
  json: boolean;
}

export async function profileNerfCli(argv: NerfProfileArgs): Promise<void> {
  const resolutions = argv.resolution.split(',').map((r) => parseResolution(r.trim()));
  const march = checkMarchMode(argv.march ?? 'instant-ngp');
  const model = readModelFile(argv.model);
  const date = argv.date ?? model.header.date;
  if (!date) throw new FlagError('date', argv.date, `needed: ${argv.model} records no training date`);
  const ctx = await sharedGpu();
  const bar = progressBar('profile nerf', 'steps');
  const workload = await profileNerfApp(
    ctx,
    model,
    resolutions,
    argv.camera ?? '0',
    `measured: ${ctx.adapterName}, ${date}, march ${march}`,
    march,
    bar.update,
  ).finally(bar.stop);
  const out = profileOutPath('nerf', argv);
  if (out !== null) writeFileAtomic(out, jsonText(workload));
  if (argv.json) return printJson({ out, ...workload });
  for (const r of workload.details.rows) {
    println(
      `view ${r.camera} ${r.widthPx}x${r.heightPx}: ${r.meanSamplesPerRay.toFixed(2)} composited + ${(r.evaluatedSamplesPerRay - r.meanSamplesPerRay).toFixed(2)} padding = ${r.evaluatedSamplesPerRay.toFixed(2)} evaluated samples/ray, early termination ${(100 * r.earlyTerminationRate).toFixed(1)}%, ${r.rounds} rounds`,
    );
  }
  const occupancy = `occupancy ${(100 * workload.details.occupiedFraction).toFixed(2)}%`;
  if (out === null) println(`measured: ${occupancy}\n${notWrittenHint('nerf')}`);
  else println(`wrote ${out}: ${occupancy}`);
}

function checkMarchMode(v: string): NerfMarchMode {
  if ((NERF_MARCH_MODES as readonly string[]).includes(v)) return v as NerfMarchMode;
  throw new FlagError('march', v, `expected one of ${NERF_MARCH_MODES.join(', ')}`);
}
