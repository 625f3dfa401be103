// `ngpc simulate`: one design point evaluated at its resolution plus 1080p/4K/8K, as one report object.
import { parseConfig, readJsonFile } from '../../config/load.ts';
import { checkProfileName, type Hypotheses } from '../../config/profile.ts';
import { ConfigError, OptionError } from '../../errors.ts';
import { NAMED_RESOLUTIONS } from '../../workload/resolution.ts';
import type { KernelEnergy } from '../energy/gpuEnergy.ts';
import type { NgpcEngineStats } from '../ngpc/index.ts';
import { ngpcConfigNames } from '../ngpc/index.ts';
import {
  BASELINE_ONLY,
  checkDesignPoint,
  type DesignPoint,
  designPointSchema,
  evaluatePoint,
  type PointConfigOverrides,
  type PointResult,
  parseDesignPoint,
  pointTcnnModel,
} from './designPoint.ts';

export interface SimulateReport {
  point: DesignPoint & { nfps?: number };
  /** The model profile the numbers come from and what it changed (paper-fit: fitted values and readings). */
  profile: {
    name: string;
    source: string;
    hypotheses: Hypotheses | null;
    clockHz: number | null;
    samplesPerPixelScale: number;
    composition: string;
    areaMethod: string | null;
  };
  workload: {
    pixels: number;
    samplesPerPixel: number;
    samplesPerPixelSource: string;
    queriesPerFrame: number;
  };
  /** The tcnn model that replaced the app's encoding and networks (`--tcnn`), with what it ignored. */
  tcnn: {
    file: string;
    files: string[];
    encoding: string;
    networks: { name: string; inputDims: number; width: number; hiddenLayers: number; outputDims: number }[];
    ignored: string[];
  } | null;
  baseline: {
    gpu: string;
    frameSeconds: number;
    kernels: { name: string; group: string; seconds: number; share: number; limiter: string }[];
  };
  ngpc: {
    frameSeconds: number;
    nfps: number;
    clockHz: number;
    limiter: string;
    cyclesPerQueryPerNfp: number;
    restFusedSeconds: number;
    frameLimiter: string;
    engines: NgpcEngineStats[];
  } | null;
  frameSeconds: number;
  speedup: number;
  amdahlBound: number | null;
  fps: Record<string, number>;
  baselineFps: Record<string, number>;
  /** Frame time × target FPS at 4K@60 and 8K@120 (with NGPC when present). */
  gaps: Record<string, number>;
  /** DRAM bandwidth at the achieved frame rate, GB/s (and L2). */
  memoryBandwidthGBs: number;
  l2BandwidthGBs: number;
  areaOverhead: number | null;
  powerOverhead: number | null;
  energyPerFrameJ: { baseline: number; ngpc: number | null };
  /** Energy per frame by GPU kernel (GPU alone) and by component (with NGPC), J. */
  energyBreakdown: {
    baseline: Omit<KernelEnergy, 'seconds'>[];
    ngpc: { name: string; joules: number }[] | null;
  };
}

const GB = 1e9;

export interface SimulateFlags {
  config?: string;
  gpu?: string;
  app?: string;
  encoding?: string;
  resolution?: string;
  nfps?: number;
  ngpc?: string;
  sramPolicy?: string;
  workload?: string;
  profile?: string;
  tcnn?: string;
}

/**
 * A design point from CLI flags (or a `--config` file, which flags then override). `--nfps N` picks the preset
 * `ngpc-N` when there is one, else the smallest preset with its NFP count overridden.
 */
export function pointFromFlags(flags: SimulateFlags): DesignPoint {
  const base: Record<string, unknown> = flags.config ? loadPointFile(flags.config) : {};
  const raw: Record<string, unknown> = { ...base };
  const fileKeys = new Set(Object.keys(base));
  if (flags.profile !== undefined) checkProfileName(flags.profile);
  for (const key of [
    'gpu',
    'app',
    'encoding',
    'resolution',
    'sramPolicy',
    'workload',
    'profile',
    'tcnn',
  ] as const) {
    if (flags[key] !== undefined) {
      raw[key] = flags[key];
      fileKeys.delete(key);
    }
  }
  if (flags.nfps !== undefined || flags.ngpc !== undefined) {
    fileKeys.delete('ngpc');
    fileKeys.delete('nfps');
  }
  raw.gpu ??= 'rtx3090';
  if (flags.nfps !== undefined) {
    if (!Number.isInteger(flags.nfps) || flags.nfps < 1) {
      throw new OptionError(
        'nfps',
        flags.nfps,
        'expected a positive whole number of NFPs, e.g. 8, 16, 32 or 64',
      );
    }
    const presets = ngpcConfigNames();
    const exact = `ngpc-${flags.nfps}`;
    if (flags.ngpc === undefined && presets.includes(exact)) {
      raw.ngpc = exact;
      delete raw.nfps;
    } else {
      raw.ngpc = flags.ngpc ?? presets[0];
      raw.nfps = flags.nfps;
    }
  } else if (flags.ngpc !== undefined) {
    raw.ngpc = flags.ngpc;
  }
  const point = parseFlagValues(raw);
  // Checked here, where it is known which values came from the file: their errors name it and the JSON path.
  checkDesignPoint(point, flags.config ? { file: flags.config, keys: fileKeys } : undefined);
  return point;
}

/** A `--config` design-point file: JSON with `version`, schema-checked; errors name the file and JSON path. */
function loadPointFile(file: string): Record<string, unknown> {
  const json = readJsonFile(file);
  // The schema lets sweep bases omit `version`; a point file must carry it (reported with any other issue).
  const noVersion = json && typeof json === 'object' && !Array.isArray(json) && !('version' in json);
  const versionIssues = noVersion ? [{ path: '$.version', message: 'missing; expected version 1' }] : [];
  let point: Record<string, unknown>;
  try {
    point = parseConfig(json, designPointSchema, file) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof ConfigError) throw new ConfigError(file, [...versionIssues, ...e.issues]);
    throw e;
  }
  if (versionIssues.length > 0) throw new ConfigError(file, versionIssues);
  return point;
}

/** The point after flags are applied; the file already passed the schema, so an issue here is a flag's. */
function parseFlagValues(raw: Record<string, unknown>): DesignPoint {
  try {
    return parseDesignPoint(raw, 'command line');
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const optionOf = (path: string) => path.replace(/^\$\./, '');
    throw OptionError.worded(optionOf(e.issues[0]?.path ?? ''), (name) =>
      e.issues
        .map(
          (i) =>
            `${name(optionOf(i.path))}${i.value === undefined ? '' : ` ${JSON.stringify(i.value)}`}: ${i.message}`,
        )
        .join('\n'),
    );
  }
}

/**
 * One design point from named options, as `ngpc simulate` takes them as flags: `simulate({ app: 'nerf', nfps: 16,
 * resolution: '4k' })`. Unset options take the simulate defaults (rtx3090, the app's preset encoding, first-principles).
 */
export function simulate(options: SimulateFlags = {}): SimulateReport {
  return simulateDesignPoint(pointFromOptions(options));
}

/** The design point of `ngpc simulate` / `ngpc solve` options: the encoding is hashgrid unless a `config` file or
 * the options name one. */
export function pointFromOptions(options: SimulateFlags): DesignPoint {
  return pointFromFlags({
    ...options,
    encoding: options.encoding ?? (options.config ? undefined : 'hashgrid'),
  });
}

/**
 * Evaluates the point, and the same point at 1080p, 4K and 8K for the FPS and gap columns. `configs` replace shipped
 * configs in every evaluation (the explorer's what-if clock and rest fusion); `ngpc simulate` passes none.
 */
export function simulateDesignPoint(point: DesignPoint, configs: PointConfigOverrides = {}): SimulateReport {
  const main = evaluatePoint(point, configs);
  const at: Record<string, PointResult> = {};
  for (const r of NAMED_RESOLUTIONS) {
    at[r.name] =
      r.name === main.resolution.name ? main : evaluatePoint({ ...point, resolution: r.name }, configs);
  }
  const frameSecondsOf = (r: PointResult) => (r.frame ? r.frame.frameSeconds : r.baseline.frameSeconds);
  const frameSeconds = frameSecondsOf(main);
  const f = main.frame;
  const n = main.ngpc;
  const dramBytes = f ? f.dramBytesPerFrame : main.baseline.dramBytesPerFrame;
  const l2Bytes = f ? f.l2BytesPerFrame : main.baseline.l2BytesPerFrame;
  const p = main.profile;
  return {
    point: { ...point, ...(n ? { nfps: n.nfps } : {}) },
    profile: {
      name: p.name,
      source: p.source,
      hypotheses: p.hypotheses ?? null,
      clockHz: p.clockHz ?? null,
      samplesPerPixelScale: p.samplesPerPixelScale,
      composition: p.composition,
      areaMethod: p.areaMethod ?? null,
    },
    workload: {
      pixels: main.workload.pixels,
      samplesPerPixel: main.workload.samplesPerPixel,
      samplesPerPixelSource: main.workload.provenance.samplesPerPixel,
      queriesPerFrame: main.workload.queriesPerFrame,
    },
    tcnn: point.tcnn === undefined ? null : tcnnSummary(point.tcnn, main),
    baseline: {
      gpu: main.gpu.label,
      frameSeconds: main.baseline.frameSeconds,
      kernels: main.baseline.kernels.map((k) => ({
        name: k.name,
        group: k.group,
        seconds: k.seconds,
        share: k.share,
        limiter: k.limiter,
      })),
    },
    ngpc:
      n && f
        ? {
            frameSeconds: n.frameSeconds,
            nfps: n.nfps,
            clockHz: n.clockHz,
            limiter: n.limiter,
            cyclesPerQueryPerNfp: n.cyclesPerQueryPerNfp,
            restFusedSeconds: f.restFusedSeconds,
            frameLimiter: f.limiter,
            engines: n.engines,
          }
        : null,
    frameSeconds,
    speedup: f ? f.speedup : 1,
    amdahlBound: f ? f.amdahlBoundSpeedup : null,
    fps: Object.fromEntries(NAMED_RESOLUTIONS.map((r) => [r.name, 1 / frameSecondsOf(at[r.name]!)])),
    baselineFps: Object.fromEntries(
      NAMED_RESOLUTIONS.map((r) => [r.name, 1 / at[r.name]!.baseline.frameSeconds]),
    ),
    gaps: {
      '4k@60': frameSecondsOf(at['4k']!) * at['4k']!.targetFps,
      '8k@120': frameSecondsOf(at['8k']!) * at['8k']!.targetFps,
    },
    memoryBandwidthGBs: dramBytes / frameSeconds / GB,
    l2BandwidthGBs: l2Bytes / frameSeconds / GB,
    areaOverhead: f ? f.areaOverhead : null,
    powerOverhead: f ? f.powerOverhead : null,
    energyPerFrameJ: {
      baseline: main.energy.baseline.totalJ,
      ngpc: main.energy.ngpc ? main.energy.ngpc.totalJ : null,
    },
    energyBreakdown: {
      baseline: main.energy.baseline.kernels.map((k) => ({
        name: k.name,
        group: k.group,
        totalJ: k.totalJ,
        aluJ: k.aluJ,
        tensorJ: k.tensorJ,
        l2J: k.l2J,
        dramJ: k.dramJ,
        staticJ: k.staticJ,
        activeJ: k.activeJ,
        powerW: k.powerW,
      })),
      ngpc: main.energy.ngpc ? main.energy.ngpc.components : null,
    },
  };
}

function tcnnSummary(file: string, r: PointResult): NonNullable<SimulateReport['tcnn']> {
  const model = pointTcnnModel(file);
  const e = r.workload.encoding;
  return {
    file,
    files: model.files,
    encoding: `${e.otype} L${e.nLevels} F${e.nFeaturesPerLevel} log2T ${e.log2HashmapSize} N_min ${e.baseResolution} b ${e.perLevelScale}`,
    networks: r.workload.mlps.map((m) => ({
      name: m.name,
      inputDims: m.inputDims,
      width: m.width,
      hiddenLayers: m.hiddenLayers,
      outputDims: m.outputDims,
    })),
    ignored: model.ignored,
  };
}

export { BASELINE_ONLY };
