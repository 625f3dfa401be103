// Builds a FrameWorkload (what one frame costs, before hardware) from an app preset, an encoding and a resolution.
import { type AppConfig, type EncodingName, loadApp } from '../config/app.ts';
import { configPath } from '../config/store.ts';
import { gridSpecFromJson, instantNgpPerLevelScale } from '../encoding/encodingConfig.ts';
import { type GridEncodingSpec, type LevelLayout, levelLayout } from '../encoding/gridLayout.ts';
import type { Resolution } from './resolution.ts';
import type { FrameWorkload, MlpShape, RestKernelWork, WorkloadLevel } from './types.ts';

/** Measured (or user-given) values that replace an app config's assumptions. */
export interface WorkloadOverrides {
  samplesPerPixel?: { value: number; source: string };
}

/** tcnn pads network inputs to a multiple of 16 (fully fused MLP tiles, kernels.md §3). */
const TCNN_INPUT_ALIGNMENT = 16;

interface EncodingModel {
  spec: GridEncodingSpec;
  layout: LevelLayout;
  source: string;
}

const encodingCache = new Map<string, EncodingModel>();

/** The grid spec and level layout of an app's encoding (per_level_scale from desired resolution if absent). */
export function appEncoding(app: AppConfig, encoding: EncodingName): EncodingModel {
  const key = `${app.name}/${encoding}`;
  const hit = encodingCache.get(key);
  if (hit) return hit;
  const e = app.encodings[encoding];
  const tcnn = { ...e.tcnn };
  if (tcnn.per_level_scale === undefined && e.desiredResolution) {
    const nLevels = Number(tcnn.n_levels ?? 16);
    const base = Number(tcnn.base_resolution ?? 16);
    tcnn.per_level_scale = instantNgpPerLevelScale(e.desiredResolution.value, base, nLevels);
  }
  const file = `${configPath('apps', `${app.name}.json`)} $.encodings["${encoding}"].tcnn`;
  const spec = gridSpecFromJson(tcnn, app.inputDims, file);
  const model = { spec, layout: levelLayout(spec), source: e.source };
  encodingCache.set(key, model);
  return model;
}

/** MACs per query of one network: in·w + w·w·(hidden−1) + w·outPadded (no biases, tcnn). */
export function mlpMacsPerQuery(mlp: MlpShape): number {
  return (
    mlp.inputDims * mlp.width +
    mlp.width * mlp.width * (mlp.hiddenLayers - 1) +
    mlp.width * mlp.outputDimsPadded
  );
}

/** The workload of one frame of `app` with `encoding` at `resolution`. */
export function buildFrameWorkload(
  app: AppConfig,
  encoding: EncodingName,
  resolution: Resolution,
  overrides: WorkloadOverrides = {},
): FrameWorkload {
  const { spec, layout, source: encodingSource } = appEncoding(app, encoding);
  const spp = overrides.samplesPerPixel ?? app.samplesPerPixel;
  const pixels = resolution.widthPx * resolution.heightPx;
  const queriesPerFrame = pixels * spp.value;
  const rounds = app.marchRoundsPerFrame.value;
  const featureCount = spec.nLevels * spec.nFeaturesPerLevel;
  const lookupsPerQueryPerLevel = spec.interpolation === 'Nearest' ? 1 : 2 ** spec.nDims;
  const bytesPerParam = app.gridBytesPerParam.value;
  const entryBytes = spec.nFeaturesPerLevel * bytesPerParam;
  const coherence = app.lookupCoherence;
  const spacing =
    coherence.relativeTo === 'displayWidth'
      ? coherence.spacing.value / resolution.widthPx
      : coherence.spacing.value;
  const levels: WorkloadLevel[] = layout.levels.map((l) => ({
    level: l.level,
    hashed: l.hashed,
    entries: l.entries,
    tableBytes: l.entries * entryBytes,
    lookupsPerFrame: queriesPerFrame * lookupsPerQueryPerLevel,
    newCellFraction: Math.min(1, l.scale * spacing),
  }));
  const ops = app.encodingAluOps;
  let encodingAluOpsPerQuery = 0;
  for (const l of layout.levels) {
    const perCorner = ops.perCorner.value + (l.hashed ? ops.perHashedCorner.value : 0);
    encodingAluOpsPerQuery += ops.perLevel.value + lookupsPerQueryPerLevel * perCorner;
  }
  const mlps: MlpShape[] = app.mlps.map((m) => ({
    name: m.name,
    inputDims:
      m.inputDims === 'encoding'
        ? Math.ceil(featureCount / TCNN_INPUT_ALIGNMENT) * TCNN_INPUT_ALIGNMENT
        : m.inputDims,
    width: m.width,
    hiddenLayers: m.hiddenLayers,
    outputDimsPadded: m.outputDimsPadded,
    outputDims: m.outputDims,
  }));
  const rest: RestKernelWork[] = app.rest.map((k) => ({
    name: k.name,
    aluOps: k.aluOpsPerPixel * pixels + k.aluOpsPerSample * queriesPerFrame,
    dramBytes: k.dramBytesPerPixel * pixels + k.dramBytesPerSample * queriesPerFrame,
    launches: k.launchesPerFrame + k.launchesPerRound * rounds,
  }));
  return {
    app: app.name,
    encodingName: encoding,
    widthPx: resolution.widthPx,
    heightPx: resolution.heightPx,
    pixels,
    samplesPerPixel: spp.value,
    queriesPerFrame,
    encoding: spec,
    layout,
    bytesPerParam,
    lookupsPerQueryPerLevel,
    mlps,
    macsPerQuery: mlps.reduce((sum, m) => sum + mlpMacsPerQuery(m), 0),
    inputBytesPerQuery: app.inputBytesPerQuery.value,
    outputBytesPerQuery: app.outputBytesPerQuery.value,
    rest,
    provenance: {
      samplesPerPixel: spp.source,
      app: `configs/apps/${app.name}.json`,
      encoding: encodingSource,
    },
    levels,
    entryBytes,
    activationBytes: app.activationBytes.value,
    encodingOutputBytesPerQuery: featureCount * app.activationBytes.value,
    encodingAluOpsPerQuery,
    marchRoundsPerFrame: rounds,
  };
}

const workloadCache = new Map<string, FrameWorkload>();
/** Bounds the memo when a sweep or fit visits many samples-per-pixel values. */
const WORKLOAD_CACHE_LIMIT = 4096;

/** The workload of a shipped app preset (memoised when there are no overrides: sweeps reuse it across GPUs). */
export function frameWorkload(
  appName: string,
  encoding: EncodingName,
  resolution: Resolution,
  overrides?: WorkloadOverrides,
): FrameWorkload {
  const app = loadApp(appName);
  const spp = overrides?.samplesPerPixel;
  // Overridden workloads are memoised too (fits and sweeps revisit them), keyed by value and provenance.
  const key = `${appName}/${encoding}/${resolution.widthPx}x${resolution.heightPx}${spp ? `/${spp.value}/${spp.source}` : ''}`;
  let w = workloadCache.get(key);
  if (!w) {
    if (workloadCache.size >= WORKLOAD_CACHE_LIMIT) workloadCache.clear();
    w = buildFrameWorkload(app, encoding, resolution, spp ? overrides : undefined);
    workloadCache.set(key, w);
  }
  return w;
}
