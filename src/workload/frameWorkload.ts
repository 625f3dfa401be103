// Builds a FrameWorkload (what one frame costs, before hardware) from an app preset, an encoding and a resolution.
import { type AppConfig, type EncodingName, loadApp } from '../config/app.ts';
import { parseConfig } from '../config/load.ts';
import { configPath } from '../config/store.ts';
import { gridSpecFromJson, instantNgpPerLevelScale } from '../encoding/encodingConfig.ts';
import { type GridEncodingSpec, type LevelLayout, levelLayout } from '../encoding/gridLayout.ts';
import { ConfigError } from '../errors.ts';
import { mlpJsonSchema } from '../mlp/mlpConfig.ts';
import { pad16 } from '../mlp/mlpLayout.ts';
import type { Resolution } from './resolution.ts';
import { directionEncodingWidth, type TcnnModel, withinSection } from './tcnnModel.ts';
import type { FrameWorkload, MlpShape, RestKernelWork, WorkloadLevel } from './types.ts';

/** Measured (or user-given) values that replace an app config's assumptions. */
export interface WorkloadOverrides {
  samplesPerPixel?: { value: number; source: string };
  /** An instant-ngp / tcnn model whose encoding and networks replace the app's (`simulate --tcnn`). */
  tcnn?: TcnnModel;
}

/** tcnn pads network inputs to a multiple of 16 (fully fused MLP tiles, docs/sources.md#kernels-3). */
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

/** The app's desired finest resolution (instant-ngp derives per_level_scale from it when a config omits it). */
function appDesiredResolution(app: AppConfig, encoding: EncodingName): number | undefined {
  const own = app.encodings[encoding].desiredResolution;
  if (own) return own.value;
  return Object.values(app.encodings).find((e) => e.desiredResolution)?.desiredResolution?.value;
}

/** The grid of a tcnn model's `encoding` section, per_level_scale from the app's desired resolution if absent. */
function tcnnEncoding(app: AppConfig, encoding: EncodingName, tcnn: TcnnModel): EncodingModel {
  const raw = tcnn.encoding;
  const otype = raw && typeof raw === 'object' ? String((raw as Record<string, unknown>).otype ?? '') : '';
  if (!/^(hash|dense|tiled)?grid$/i.test(otype)) {
    throw new ConfigError(tcnn.file, [
      {
        path: '$.encoding.otype',
        value: otype || raw,
        message:
          'expected HashGrid, Grid, DenseGrid or TiledGrid (the NGPC encoding engine models grid encodings)',
      },
    ]);
  }
  const json = { ...(raw as Record<string, unknown>) };
  const desired = appDesiredResolution(app, encoding);
  if (json.per_level_scale === undefined && desired !== undefined) {
    const nLevels = Number(json.n_levels ?? 16);
    const base = Number(json.base_resolution ?? 16);
    if (nLevels > 1) json.per_level_scale = instantNgpPerLevelScale(desired, base, nLevels);
  }
  const label = `${tcnn.file} encoding`;
  const spec = withinSection(tcnn.file, { path: '$.encoding' }, label, () =>
    gridSpecFromJson(json, app.inputDims, label),
  );
  return { spec, layout: levelLayout(spec), source: `${tcnn.file} $.encoding` };
}

/** One tcnn network section as an MLP shape with the app network's input/output widths. */
function tcnnMlp(tcnn: TcnnModel, key: 'network' | 'rgb_network', raw: unknown, base: MlpShape): MlpShape {
  const label = `${tcnn.file} ${key}`;
  const json = withinSection(tcnn.file, { path: `$.${key}` }, label, () =>
    parseConfig(raw, mlpJsonSchema, label),
  );
  return { ...base, width: json.n_neurons, hiddenLayers: json.n_hidden_layers };
}

/**
 * The app's networks with a tcnn model's `network` (the first: density, SDF, image, volume) and `rgb_network`
 * (NeRF's colour network, which reads the density features plus the `dir_encoding`) put in their place.
 */
function tcnnMlps(app: AppConfig, mlps: MlpShape[], tcnn: TcnnModel): MlpShape[] {
  const out = [...mlps];
  if (tcnn.network !== undefined) out[0] = tcnnMlp(tcnn, 'network', tcnn.network, out[0]!);
  if (out.length > 1) {
    if (tcnn.rgbNetwork !== undefined) out[1] = tcnnMlp(tcnn, 'rgb_network', tcnn.rgbNetwork, out[1]!);
    if (tcnn.dirEncoding !== undefined) {
      const dirWidth = directionEncodingWidth(tcnn.dirEncoding, app.inputDims, tcnn.file, '$.dir_encoding');
      out[1] = { ...out[1]!, inputDims: pad16(out[0]!.outputDimsPadded + pad16(dirWidth)) };
    }
  }
  return out;
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
  const tcnn = overrides.tcnn;
  const {
    spec,
    layout,
    source: encodingSource,
  } = tcnn?.encoding !== undefined ? tcnnEncoding(app, encoding, tcnn) : appEncoding(app, encoding);
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
  const appMlps: MlpShape[] = app.mlps.map((m) => ({
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
  const mlps = tcnn ? tcnnMlps(app, appMlps, tcnn) : appMlps;
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
      ...(tcnn ? { network: tcnn.file } : {}),
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
  const tcnn = overrides?.tcnn;
  // Overridden workloads are memoised too (fits and sweeps revisit them), keyed by value and provenance.
  const key = `${appName}/${encoding}/${resolution.widthPx}x${resolution.heightPx}${spp ? `/${spp.value}/${spp.source}` : ''}${tcnn ? `/tcnn:${tcnn.key}` : ''}`;
  let w = workloadCache.get(key);
  if (!w) {
    if (workloadCache.size >= WORKLOAD_CACHE_LIMIT) workloadCache.clear();
    w = buildFrameWorkload(app, encoding, resolution, spp || tcnn ? overrides : undefined);
    workloadCache.set(key, w);
  }
  return w;
}
