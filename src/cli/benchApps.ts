// The `apps` suite of `ngpc bench`: NeRF fused vs unfused (whole frame and rest of frame) on this adapter, in one run.
import { writeMeasuredFusion } from '../apps/nerf/measuredFusion.ts';
import { benchNerfFusion } from '../apps/nerf/nerfFusionBench.ts';
import { configPath } from '../config/store.ts';
import { FlagError } from '../errors.ts';
import { sharedGpu } from '../gpu/device.ts';
import { parseResolution } from '../workload/resolution.ts';
import { io, printJson, println } from './io.ts';

const ms = (s: number) => `${(s * 1e3).toFixed(1)} ms`;

/** Runs the suite; with `write`, records the measured rest-of-frame factor beside the paper's 9.94×. Always true. */
export async function runAppsBench(opts: {
  json: boolean;
  resolution?: string;
  reps?: number;
  write?: boolean;
}): Promise<boolean> {
  const res = parseResolution(opts.resolution ?? '64x64');
  if (res.widthPx * res.heightPx > 512 * 512) {
    throw new FlagError('resolution', opts.resolution, 'expected at most 512x512 pixels for the apps suite');
  }
  const reps = opts.reps ?? 3;
  if (!Number.isInteger(reps) || reps < 1 || reps > 50) throw new FlagError('reps', reps, 'expected 1..50');
  const ctx = await sharedGpu();
  const tty = io().isTty;
  const r = await benchNerfFusion(ctx, {
    widthPx: res.widthPx,
    heightPx: res.heightPx,
    reps,
    onProgress: tty ? (what) => io().err(`\rnerf: ${what}        `) : undefined,
  });
  if (tty) io().err('\n');
  const file = configPath('frame', 'pipeline.json');
  if (opts.write) writeMeasuredFusion(file, r);
  if (opts.json) {
    printJson({ nerf: r, wrote: opts.write ? file : null });
    return true;
  }
  println(`apps bench on ${r.adapter}${r.software ? ' (software adapter: not a real GPU)' : ''}`);
  println(
    `nerf ${r.scene} ${r.widthPx}x${r.heightPx}: ${r.samplesPerPixel.toFixed(1)} samples/pixel ` +
      `(${r.samplesPerHitRay.toFixed(1)} per ray in the volume, ${(100 * r.earlyTerminationRate).toFixed(0)}% terminated early), ` +
      `${r.unfusedRounds} unfused rounds`,
  );
  println(
    `whole frame: unfused ${ms(r.unfusedFrameS)}, fused ${ms(r.fusedFrameS)} -> ${r.frameSpeedup.toFixed(2)}x`,
  );
  println(
    `rest of frame (network outputs replayed): unfused ${ms(r.unfusedRestReplayS)}, fused ${ms(r.fusedRestS)} -> ` +
      `${r.restFusionSpeedup.toFixed(2)}x (paper: 9.94x on an RTX 3090)`,
  );
  println(
    `  earlier estimate (unfused frame x staged rest share): ${ms(r.unfusedRestStagedEstimateS)} -> ` +
      `${r.restFusionSpeedupStagedEstimate.toFixed(2)}x`,
  );
  println(
    `unfused stages: ${Object.entries(r.unfusedStageS)
      .map(([k, v]) => `${k} ${ms(v)}`)
      .join(', ')}`,
  );
  println(
    `fused vs unfused image: PSNR ${r.psnrFusedVsUnfusedDb.toFixed(1)} dB; ` +
      `rest replays vs unfused: ${r.psnrRestReplayVsUnfusedDb.toFixed(1)} dB`,
  );
  if (opts.write)
    println(`recorded measuredRestFusionSpeedup in ${file} (the model still uses restFusionSpeedup)`);
  return true;
}
