// One design point (GPU × app × encoding × resolution × NGPC): validation and evaluation.
import { checkEncodingName, type EncodingName, loadApp } from '../../config/app.ts';
import { type FrameConfig, loadFrameConfig, targetFps } from '../../config/frame.ts';
import { type GpuSpec, loadGpu } from '../../config/gpu.ts';
import { parseConfig } from '../../config/load.ts';
import { type DesignPoint, type DesignPointInput, designPointSchema } from '../../config/point.ts';
import { configStore } from '../../config/store.ts';
import { loadMeasuredWorkload, measuredWorkloadPath } from '../../config/workload.ts';
import { ConfigError, NgpcInputError, OptionError, verbatim } from '../../errors.ts';
import { frameWorkload, type WorkloadOverrides } from '../../workload/frameWorkload.ts';
import { parseResolution, type Resolution } from '../../workload/resolution.ts';
import { loadTcnnModel, type TcnnModel } from '../../workload/tcnnModel.ts';
import type { FrameWorkload } from '../../workload/types.ts';
import { type NgpcFrameEnergy, ngpcFrameEnergy } from '../energy/frameEnergy.ts';
import { type BaselineEnergy, baselineEnergy } from '../energy/gpuEnergy.ts';
import { type BaselineResult, simulateBaseline } from '../gpu/baseline.ts';
import {
  type NgpcConfig,
  type NgpcResult,
  ngpcConfigByName,
  ngpcConfigNames,
  simulateNgpc,
  withNfps,
} from '../ngpc/index.ts';
import { profileGpu, profileNgpc, profileSamplesPerPixel } from '../profile/apply.ts';
import { profileSettings } from '../profile/profiles.ts';
import type { ProfileSettings } from '../profile/settings.ts';
import { type ComposedFrame, composeFrame } from './compose.ts';

/** `ngpc: "none"` evaluates the baseline GPU alone. */
export const BASELINE_ONLY = 'none';

export { type DesignPoint, type DesignPointInput, designPointSchema };

export interface PointResult {
  point: DesignPoint;
  resolution: Resolution;
  gpu: GpuSpec;
  workload: FrameWorkload;
  baseline: BaselineResult;
  /** Absent for baseline-only points. */
  ngpc?: NgpcResult;
  ngpcConfig?: NgpcConfig;
  frame?: ComposedFrame;
  /** Energy per frame: the GPU alone, and (with NGPC) the composed frame. */
  energy: { baseline: BaselineEnergy; ngpc?: NgpcFrameEnergy };
  /** The resolution's target frame rate (frame config). */
  targetFps: number;
  /** The profile the point was evaluated under. */
  profile: ProfileSettings;
}

// Presets by name (loading one parses its file), and presets with an NFP count override by name and count
// (bounded: a sweep's nfps axis may hold any number of values; each shares its preset's sections).
const presetCache = new Map<string, NgpcConfig>();
const nfpsCache = new Map<string, NgpcConfig>();
const MAX_CACHED_NFPS = 4096;

/** A shipped NGPC preset by name, loaded once. */
function ngpcPreset(name: string): NgpcConfig {
  let cfg = presetCache.get(name);
  if (!cfg) {
    const names = ngpcConfigNames();
    if (!names.includes(name)) {
      throw new OptionError(
        'ngpc',
        verbatim(JSON.stringify(name)),
        `unknown NGPC preset; expected one of ${[BASELINE_ONLY, ...names].join(', ')}`,
      );
    }
    presetCache.set(name, (cfg = ngpcConfigByName(name)));
  }
  return cfg;
}

/** The NGPC config of a point: the named preset, with `nfps` overriding its NFP count. */
export function ngpcConfigOf(point: Pick<DesignPoint, 'ngpc' | 'nfps'>): NgpcConfig {
  const preset = ngpcPreset(point.ngpc);
  if (point.nfps === undefined) return preset;
  const key = `${point.ngpc}/${point.nfps}`;
  let cfg = nfpsCache.get(key);
  if (!cfg) {
    if (!Number.isInteger(point.nfps) || point.nfps < 1) {
      throw new OptionError(
        'nfps',
        verbatim(String(point.nfps)),
        'expected a positive whole number of NFPs (1, 8, 16, …)',
      );
    }
    cfg = withNfps(preset, point.nfps);
    if (nfpsCache.size >= MAX_CACHED_NFPS) nfpsCache.clear();
    nfpsCache.set(key, cfg);
  }
  return cfg;
}

interface BaselineRun {
  baseline: BaselineResult;
  energy: BaselineEnergy;
}

// Points of a sweep that differ only in the NGPC share one baseline and its energy (workloads are memoised per app ×
// encoding × resolution × samples per pixel, so the workload object identifies them; a profile's GPU is its own
// object).
const baselineCache = new WeakMap<FrameWorkload, Map<GpuSpec, BaselineRun>>();

function cachedBaseline(workload: FrameWorkload, gpu: GpuSpec): BaselineRun {
  let byGpu = baselineCache.get(workload);
  if (!byGpu) baselineCache.set(workload, (byGpu = new Map()));
  let run = byGpu.get(gpu);
  if (!run) {
    const baseline = simulateBaseline(workload, gpu);
    byGpu.set(gpu, (run = { baseline, energy: baselineEnergy(baseline, gpu) }));
  }
  return run;
}

/** Keys of a point that came from a file (`--config p.json`), so their errors name the file, not a flag. */
export interface PointFileKeys {
  file: string;
  keys: ReadonlySet<string>;
}

/**
 * Runs one check of a point's `key`. The checks throw an OptionError naming the key (`nfps -4: expected …`, which the
 * CLI words as its flag); when the value came from a file the same expectation is reported at the file and JSON path
 * instead (`p.json: $.nfps = -4: …`).
 */
function blame<T>(
  point: DesignPoint,
  key: keyof DesignPoint,
  from: PointFileKeys | undefined,
  check: () => T,
): T {
  try {
    return check();
  } catch (e) {
    if (!(e instanceof OptionError) || e.option !== key || !from?.keys.has(key)) throw e;
    throw new ConfigError(from.file, [{ path: `$.${key}`, value: point[key], message: e.expected() }]);
  }
}

/**
 * Checks names and values of a point before any work. Each error names the flag and the allowed values, or, for keys
 * listed in `from`, the file and JSON path they came from.
 */
export function checkDesignPoint(
  point: DesignPoint,
  from?: PointFileKeys,
): {
  gpu: GpuSpec;
  encoding: EncodingName;
  resolution: Resolution;
} {
  const gpu = blame(point, 'gpu', from, () => loadGpu(point.gpu));
  blame(point, 'app', from, () => loadApp(point.app));
  const encoding = blame(point, 'encoding', from, () => checkEncodingName(point.encoding));
  const resolution = blame(point, 'resolution', from, () => parseResolution(point.resolution));
  if (point.tcnn !== undefined) pointTcnnModel(point.tcnn);
  if (point.ngpc !== BASELINE_ONLY) {
    blame(point, 'ngpc', from, () => ngpcConfigOf({ ngpc: point.ngpc }));
    blame(point, 'nfps', from, () => ngpcConfigOf(point));
  } else if (point.nfps !== undefined) {
    blame(point, 'nfps', from, () => {
      throw new OptionError(
        'nfps',
        verbatim(String(point.nfps)),
        'only meaningful with an NGPC preset (ngpc is "none")',
      );
    });
  }
  return { gpu, encoding, resolution };
}

interface PointWorkload {
  overrides?: WorkloadOverrides;
  /** Recorded query positions (nDims-interleaved) for the NGPC's bank-conflict simulation; default uniform. */
  positions?: Float32Array;
}

// Loaded measured workloads by file and its store stamp (modification time): the positions array must stay the same object across
// the points of a sweep, because the NFP batch cache keys recorded positions by identity.
const measuredCache = new Map<string, PointWorkload>();

/**
 * Samples per pixel given in the point, else measured by `ngpc profile` when asked for (with the profile's recorded
 * query positions), else the app's assumption (and uniform random positions).
 */
function pointWorkload(point: DesignPoint, nDims: number, settings: ProfileSettings): PointWorkload {
  if (point.samplesPerPixel) return { overrides: { samplesPerPixel: point.samplesPerPixel } };
  if (point.workload === 'assumed') {
    const spp = profileSamplesPerPixel(point.app, loadApp(point.app).samplesPerPixel.value, settings);
    return spp ? { overrides: { samplesPerPixel: spp } } : {};
  }
  const file = point.workload === 'measured' ? measuredWorkloadPath(point.app) : point.workload;
  const key = `${point.app}\0${file}\0${configStore().stamp(file)}`;
  const cached = measuredCache.get(key);
  if (cached) return cached;
  const measured = loadMeasuredWorkload(point.app, point.workload === 'measured' ? undefined : file);
  const bad = measured.sampleQueries.findIndex(
    (q) => q.length !== nDims || q.some((x) => !(x >= 0 && x <= 1)),
  );
  if (bad >= 0) {
    throw new NgpcInputError(
      `${file}: $.sampleQueries[${bad}] = ${JSON.stringify(measured.sampleQueries[bad])}: expected ${nDims} coordinates in [0, 1]`,
    );
  }
  const result: PointWorkload = {
    overrides: { samplesPerPixel: measured.samplesPerPixel },
    positions:
      measured.sampleQueries.length > 0 ? Float32Array.from(measured.sampleQueries.flat()) : undefined,
  };
  measuredCache.set(key, result);
  return result;
}

// Loaded tcnn models by file and modification time: a sweep's points share one object (and one workload memo key).
const tcnnCache = new Map<string, TcnnModel>();

/** The tcnn model file of a point (`tcnn` key, `--tcnn`), loaded once per file version. */
export function pointTcnnModel(file: string): TcnnModel {
  const key = `${file}\0${configStore().stamp(file)}`;
  let model = tcnnCache.get(key);
  if (!model) tcnnCache.set(key, (model = loadTcnnModel(file)));
  return model;
}

/** Replacement configs for one evaluation (what-if studies such as `ngpc solve`); the shipped ones stay untouched. */
export interface PointConfigOverrides {
  /** Replaces the point's NGPC preset (after its `nfps` override). */
  ngpc?: NgpcConfig;
  /** Replaces configs/frame/pipeline.json. */
  frame?: FrameConfig;
  /** Replaces the point's profile (a fit trying settings before they are recorded). */
  profile?: ProfileSettings;
}

/** The settings a point is evaluated under. */
export function pointProfile(point: DesignPoint, configs: PointConfigOverrides = {}): ProfileSettings {
  return configs.profile ?? profileSettings(point.profile);
}

/** Evaluates one design point: the workload, the baseline GPU, and (unless ngpc is "none") GPU + NGPC. */
export function evaluatePoint(point: DesignPoint, configs: PointConfigOverrides = {}): PointResult {
  const checked = checkDesignPoint(point);
  const { encoding, resolution } = checked;
  const settings = pointProfile(point, configs);
  const gpu = profileGpu(checked.gpu, settings);
  const { overrides, positions } = pointWorkload(point, loadApp(point.app).inputDims, settings);
  const tcnn = point.tcnn === undefined ? undefined : pointTcnnModel(point.tcnn);
  const workload = frameWorkload(point.app, encoding, resolution, tcnn ? { ...overrides, tcnn } : overrides);
  const { baseline, energy } = cachedBaseline(workload, gpu);
  const frameCfg = configs.frame ?? loadFrameConfig();
  const result: PointResult = {
    point,
    resolution,
    gpu,
    workload,
    baseline,
    energy: { baseline: energy },
    targetFps: targetFps(frameCfg, resolution.name),
    profile: settings,
  };
  if (point.ngpc === BASELINE_ONLY) return result;
  // A what-if config (solve) was built from the profiled preset already; the shipped one gets the profile here.
  const ngpcConfig = configs.ngpc ?? profileNgpc(ngpcConfigOf(point), settings);
  const ngpc = simulateNgpc(workload, ngpcConfig, {
    sramPolicy: point.sramPolicy,
    // NGPC streams whole sectors and tables: it sees the peak L2/DRAM rates, not the SMs' scattered-access efficiency.
    hostL2BytesPerS: gpu.l2BytesPerS,
    hostDramBytesPerS: gpu.dramBytesPerS,
    hostL2Bytes: gpu.l2Bytes * gpu.l2UsableFraction,
    positions,
  });
  result.ngpcConfig = ngpcConfig;
  result.ngpc = ngpc;
  result.frame = composeFrame(baseline, ngpc, gpu, frameCfg, workload.queriesPerFrame, settings.composition);
  result.energy.ngpc = ngpcFrameEnergy(
    baseline,
    ngpc,
    result.frame,
    gpu,
    frameCfg.restFusedDramFraction.value,
  );
  return result;
}

/** Parses a design point (from a file, a sweep or flags); errors name `file` and the JSON path. */
export function parseDesignPoint(raw: unknown, file: string): DesignPoint {
  return parseConfig(raw, designPointSchema, file);
}
