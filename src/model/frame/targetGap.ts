// Gap analysis: every app × encoding × platform against each device target (FPS and energy per frame vs budget).
import { APP_NAMES, ENCODING_NAMES } from '../../config/app.ts';
import { type DeviceTarget, loadTargets } from '../../config/deviceTarget.ts';
import { gpuPresetNames, loadGpu } from '../../config/gpu.ts';
import { DEFAULT_PROFILE, type ProfileName } from '../../config/profile.ts';
import { ngpcConfigNames } from '../ngpc/index.ts';
import { profileSettings } from '../profile/profiles.ts';
import { FIRST_PRINCIPLES, type ProfileSettings } from '../profile/settings.ts';
import { BASELINE_ONLY, designPointSchema, evaluatePoint } from './designPoint.ts';

export interface TargetGapRow {
  target: string;
  targetClass: string;
  app: string;
  encoding: string;
  gpu: string;
  /** NGPC preset, or "none" for the GPU alone. */
  ngpc: string;
  /** `gpu` or `gpu+ngpc-N`. */
  platform: string;
  pixels: number;
  requiredFps: number;
  achievableFps: number;
  /** achievable / required (≥ 1 meets the frame rate). */
  fpsRatio: number;
  powerBudgetW: number;
  /** Budget W / required FPS. */
  budgetJPerFrame: number;
  energyPerFrameJ: number;
  /** Energy per frame × required FPS: the power the platform would draw at the target rate. */
  powerAtTargetW: number;
  /** log10(energy per frame / budget per frame): orders of magnitude of performance per watt missing. */
  gapOom: number;
  meetsFps: boolean;
  meetsEnergy: boolean;
  meets: boolean;
}

export interface TargetSummary {
  target: string;
  app: string;
  /** The lowest-energy row over every encoding and platform. */
  lowestEnergy: TargetGapRow;
  /** The lowest-energy row that meets both the frame rate and the budget, or null. */
  lowestEnergyMeeting: TargetGapRow | null;
}

export interface TargetGapOptions {
  targets?: DeviceTarget[];
  apps?: readonly string[];
  encodings?: readonly string[];
  gpus?: readonly string[];
  /** NGPC presets besides the GPU alone (default: all of configs/ngpc). */
  ngpcs?: readonly string[];
  /** Model profile (default first-principles). */
  profile?: ProfileName;
}

export interface TargetGapResult {
  /** The model profile the rows come from. */
  profile: ProfileName;
  targets: DeviceTarget[];
  rows: TargetGapRow[];
  summaries: TargetSummary[];
}

const nfpsOf = (name: string) => Number(name.split('-').at(-1));

/** One app × encoding × platform against one target. */
export function targetGapRow(
  target: DeviceTarget,
  app: string,
  encoding: string,
  gpu: string,
  ngpc: string,
  profile: ProfileSettings = FIRST_PRINCIPLES,
): TargetGapRow {
  const r = evaluatePoint(
    designPointSchema.parse({
      gpu,
      app,
      encoding,
      resolution: target.resolution,
      ngpc,
      profile: profile.name,
    }),
    { profile },
  );
  const frameSeconds = r.frame ? r.frame.frameSeconds : r.baseline.frameSeconds;
  const energyPerFrameJ = r.energy.ngpc ? r.energy.ngpc.totalJ : r.energy.baseline.totalJ;
  // A desktop budget of "host-board-power" is the GPU's board power; NGPC on the same board shares it.
  const powerBudgetW = target.powerBudgetW ?? loadGpu(gpu).boardPowerW;
  const requiredFps = target.refreshHz;
  const achievableFps = 1 / frameSeconds;
  const budgetJPerFrame = powerBudgetW / requiredFps;
  const meetsFps = achievableFps >= requiredFps;
  const meetsEnergy = energyPerFrameJ <= budgetJPerFrame;
  return {
    target: target.name,
    targetClass: target.class,
    app,
    encoding,
    gpu,
    ngpc,
    platform: ngpc === BASELINE_ONLY ? gpu : `${gpu}+${ngpc}`,
    pixels: target.pixels,
    requiredFps,
    achievableFps,
    fpsRatio: achievableFps / requiredFps,
    powerBudgetW,
    budgetJPerFrame,
    energyPerFrameJ,
    powerAtTargetW: energyPerFrameJ * requiredFps,
    gapOom: Math.log10(energyPerFrameJ / budgetJPerFrame),
    meetsFps,
    meetsEnergy,
    meets: meetsFps && meetsEnergy,
  };
}

/** Every app × encoding × platform (each GPU alone and with each NGPC) against every target, plus summaries. */
export function targetGaps(opts: TargetGapOptions = {}): TargetGapResult {
  const targets = opts.targets ?? loadTargets();
  const apps = opts.apps ?? APP_NAMES;
  const encodings = opts.encodings ?? ENCODING_NAMES;
  const gpus = opts.gpus ?? gpuPresetNames();
  const ngpcs = [
    BASELINE_ONLY,
    ...[...(opts.ngpcs ?? ngpcConfigNames())].sort((a, b) => nfpsOf(a) - nfpsOf(b)),
  ];
  const settings = profileSettings(opts.profile ?? DEFAULT_PROFILE);
  const rows: TargetGapRow[] = [];
  const summaries: TargetSummary[] = [];
  for (const target of targets) {
    for (const app of apps) {
      const mine: TargetGapRow[] = [];
      for (const encoding of encodings) {
        for (const gpu of gpus) {
          for (const ngpc of ngpcs) mine.push(targetGapRow(target, app, encoding, gpu, ngpc, settings));
        }
      }
      rows.push(...mine);
      // Ties keep the first row (configuration order), so the summary is deterministic.
      const lowest = (xs: TargetGapRow[]) =>
        xs.reduce<TargetGapRow | null>(
          (best, x) => (!best || x.energyPerFrameJ < best.energyPerFrameJ ? x : best),
          null,
        );
      summaries.push({
        target: target.name,
        app,
        lowestEnergy: lowest(mine)!,
        lowestEnergyMeeting: lowest(mine.filter((x) => x.meets)),
      });
    }
  }
  return { profile: settings.name, targets, rows, summaries };
}
