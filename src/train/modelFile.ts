// Trained-model files (.ngpc): a JSON header (configs in tcnn keys, training settings, metrics) then f32 parameters.
// The format is documented in docs/model-file.md; bump the version on any change to it. Version 1 holds one MLP,
// version 2 several (NeRF: density then colour); readers accept both.
import { encodingFromJson, encodingToJson } from '../encoding/encodingConfig.ts';
import type { GridEncodingSpec } from '../encoding/gridLayout.ts';
import { levelLayout } from '../encoding/gridLayout.ts';
import { NgpcInputError } from '../errors.ts';
import { INPUT_MAX_BYTES, readInputFile } from '../io/inputFile.ts';
import { writeFileAtomic } from '../io/write.ts';
import { type MlpSpec, mlpSpecFromJson, mlpToJson } from '../mlp/mlpConfig.ts';
import { mlpLayout } from '../mlp/mlpLayout.ts';
import type { FieldParams } from './field.ts';
import { headerNumber, headerObject } from './headerValue.ts';

/** First 8 bytes of every model file. */
export const MODEL_FILE_MAGIC = 'NGPCMODL';
export const MODEL_FILE_VERSION = 1;
/** Files with several networks (`networks` header key); single-network files stay version 1. */
export const MODEL_FILE_VERSION_MULTI = 2;
const READABLE_VERSIONS = [MODEL_FILE_VERSION, MODEL_FILE_VERSION_MULTI];
const PREFIX_BYTES = 16;

/** What a model file says about itself (the JSON header). */
export interface ModelHeader {
  format: 'ngpc-model';
  version: number;
  /** gia, nvr, nsdf. */
  app: string;
  nDims: number;
  /** tcnn encoding JSON (every key explicit). */
  encoding: Record<string, unknown>;
  /** tcnn network JSON, with n_input_dims / n_output_dims. */
  network: Record<string, unknown>;
  /** tcnn optimizer JSON (Ema / ExponentialDecay / Adam). */
  optimizer: Record<string, unknown>;
  loss: string;
  /** Steps, batch size, seeds, wall time and the adapter that trained it. */
  training: Record<string, unknown>;
  /** What was fitted (procedural name and size, image file, shape…): enough for `ngpc render` to compare against. */
  scene: Record<string, unknown>;
  metrics: Record<string, unknown>;
  /**
   * Parameter counts in file order: the MLP weights, then the grid (tcnn order, docs/sources.md#kernels-3-4). Version 2: `mlp` is
   * the sum over `networks`, whose own counts are listed in `networks` order.
   */
  params: { mlp: number; grid: number; weights: 'ema' | 'master'; networks?: number[] };
  /** Version 2 only: the networks in file order, each named, with its tcnn network JSON (`network` is the first). */
  networks?: { name: string; network: Record<string, unknown> }[];
  /** A date given at training time (`--date`), recorded for workload provenance; never taken from the clock. */
  date?: string;
}

/** One named MLP of a model and its weights (tcnn layout). */
export interface ModelNetwork {
  name: string;
  spec: MlpSpec;
  params: Float32Array;
}

/**
 * A loaded model: its header, the specs rebuilt from it and the parameters. `mlpSpec` is the first network and
 * `params.mlp` every network's weights in file order; `networks` splits them (one entry, "network", in version 1).
 */
export interface ModelFile {
  /** The file it was read from (for messages), when it came from one. */
  file?: string;
  header: ModelHeader;
  gridSpec: GridEncodingSpec;
  mlpSpec: MlpSpec;
  params: FieldParams;
  networks?: ModelNetwork[];
}

export type ModelHeaderInput = Omit<ModelHeader, 'format' | 'version' | 'encoding' | 'network' | 'params'> & {
  weights: 'ema' | 'master';
};

/** Serialises a model: magic, version, header length, header JSON (space-padded to 4 bytes), then f32 LE params. */
export function encodeModelFile(
  gridSpec: GridEncodingSpec,
  mlpSpec: MlpSpec,
  params: FieldParams,
  info: ModelHeaderInput,
): Uint8Array {
  const { weights, ...rest } = info;
  const header: ModelHeader = {
    format: 'ngpc-model',
    version: MODEL_FILE_VERSION,
    ...rest,
    encoding: encodingToJson(gridSpec),
    network: mlpToJson(mlpSpec),
    params: { mlp: params.mlp.length, grid: params.grid.length, weights },
  };
  return encodeBytes(header, [params.mlp, params.grid]);
}

/** Magic, version, header length, padded header JSON, then the arrays as f32 LE in order. */
function encodeBytes(header: ModelHeader, arrays: Float32Array[]): Uint8Array {
  let text = JSON.stringify(header, null, 1);
  while (Buffer.byteLength(text) % 4 !== 0) text += ' ';
  const json = Buffer.from(text, 'utf8');
  const nParams = arrays.reduce((n, a) => n + a.length, 0);
  const out = new Uint8Array(PREFIX_BYTES + json.length + nParams * 4);
  const view = new DataView(out.buffer);
  out.set(Buffer.from(MODEL_FILE_MAGIC, 'ascii'), 0);
  view.setUint32(8, header.version, true);
  view.setUint32(12, json.length, true);
  out.set(json, PREFIX_BYTES);
  let at = PREFIX_BYTES + json.length;
  for (const arr of arrays) {
    for (let i = 0; i < arr.length; i++, at += 4) view.setFloat32(at, arr[i]!, true);
  }
  return out;
}

/**
 * Serialises a model with several MLPs (format version 2): their weights in `networks` order (tcnn order for NeRF:
 * density, then colour; docs/sources.md#kernels-3-4), then the grid.
 */
export function encodeMultiModelFile(
  gridSpec: GridEncodingSpec,
  networks: readonly ModelNetwork[],
  grid: Float32Array,
  info: ModelHeaderInput,
): Uint8Array {
  if (networks.length === 0) throw new NgpcInputError('a model file needs at least one network');
  const names = new Set(networks.map((n) => n.name));
  if (names.size !== networks.length) throw new NgpcInputError('model networks need distinct names');
  for (const n of networks) {
    const need = mlpLayout(n.spec).nParams;
    if (n.params.length !== need) {
      throw new NgpcInputError(`network "${n.name}": ${n.params.length} parameters, expected ${need}`);
    }
  }
  const { weights, ...rest } = info;
  const counts = networks.map((n) => n.params.length);
  const header: ModelHeader = {
    format: 'ngpc-model',
    version: MODEL_FILE_VERSION_MULTI,
    ...rest,
    encoding: encodingToJson(gridSpec),
    network: mlpToJson(networks[0]!.spec),
    networks: networks.map((n) => ({ name: n.name, network: mlpToJson(n.spec) })),
    params: { mlp: counts.reduce((a, b) => a + b, 0), grid: grid.length, weights, networks: counts },
  };
  return encodeBytes(header, [...networks.map((n) => n.params), grid]);
}

export function writeMultiModelFile(
  path: string,
  gridSpec: GridEncodingSpec,
  networks: readonly ModelNetwork[],
  grid: Float32Array,
  info: ModelHeaderInput,
): void {
  writeFileAtomic(path, encodeMultiModelFile(gridSpec, networks, grid, info));
}

export function writeModelFile(
  path: string,
  gridSpec: GridEncodingSpec,
  mlpSpec: MlpSpec,
  params: FieldParams,
  info: ModelHeaderInput,
): void {
  writeFileAtomic(path, encodeModelFile(gridSpec, mlpSpec, params, info));
}

/** Parses model bytes; every problem is an NgpcInputError naming `file`. */
export function decodeModelFile(bytes: Uint8Array, file: string): ModelFile {
  const bad = (what: string): never => {
    throw new NgpcInputError(`${file}: ${what}`);
  };
  if (bytes.length < PREFIX_BYTES)
    bad(`${bytes.length} bytes: too short for an ngpc model file (truncated?)`);
  const magic = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (magic !== MODEL_FILE_MAGIC) bad(`not an ngpc model file (expected the magic "${MODEL_FILE_MAGIC}")`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (!READABLE_VERSIONS.includes(version)) {
    bad(
      `model file format version ${version}; this ngpc reads versions ${READABLE_VERSIONS.join(' and ')} (retrain with this version)`,
    );
  }
  const headerBytes = view.getUint32(12, true);
  if (PREFIX_BYTES + headerBytes > bytes.length)
    bad(`header of ${headerBytes} bytes runs past the end (truncated)`);
  let header: ModelHeader;
  try {
    header = JSON.parse(
      Buffer.from(bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerBytes)).toString('utf8'),
    );
  } catch (e) {
    return bad(`header is not valid JSON (${(e as Error).message})`);
  }
  if (header?.format !== 'ngpc-model' || typeof header.app !== 'string' || !header.params) {
    bad('header lacks "format": "ngpc-model", "app" or "params"');
  }
  if (header.version !== version)
    bad(`header version ${header.version} differs from the binary version ${version}`);
  // Every app reads these; checked here so a hand-edited header fails with its JSON path, not a TypeError.
  headerObject(file, '$.scene', header.scene, 'what was fitted');
  headerObject(file, '$.training', header.training, 'the training settings');
  if (header.metrics !== undefined) headerObject(file, '$.metrics', header.metrics, 'the training metrics');
  headerObject(file, '$.params', header.params, 'the parameter counts');
  headerNumber(file, '$.nDims', header.nDims, { min: 2, max: 3, integer: true });
  headerNumber(file, '$.params.mlp', header.params.mlp, { min: 0, max: 2 ** 31, integer: true });
  headerNumber(file, '$.params.grid', header.params.grid, { min: 0, max: 2 ** 31, integer: true });
  const gridSpec = encodingFromJson(header.encoding, header.nDims, `${file}: encoding`);
  if (gridSpec.otype === 'SphericalHarmonics') return bad('encoding: expected a grid encoding');
  const specs: { name: string; spec: MlpSpec }[] = [];
  if (version === MODEL_FILE_VERSION) {
    specs.push({ name: 'network', spec: mlpSpecFromJson(header.network, {}, `${file}: network`) });
  } else {
    const list = header.networks;
    if (!Array.isArray(list) || list.length === 0) bad('version 2 header lacks a non-empty "networks" list');
    for (const [i, n] of list!.entries()) {
      if (typeof n?.name !== 'string' || specs.some((s) => s.name === n.name)) {
        bad(`networks[${i}]: expected a distinct string "name"`);
      }
      specs.push({
        name: n.name,
        spec: mlpSpecFromJson(n.network, {}, `${file}: networks[${i}] (${n.name})`),
      });
    }
    const counts = header.params.networks;
    const need = specs.map((s) => mlpLayout(s.spec).nParams);
    if (!Array.isArray(counts) || counts.length !== need.length || counts.some((c, i) => c !== need[i])) {
      bad(
        `header counts ${JSON.stringify(counts)} network parameters but its configs need ${JSON.stringify(need)}`,
      );
    }
  }
  const mlpSpec = specs[0]!.spec;
  const nGrid = levelLayout(gridSpec).nParams;
  const nMlp = specs.reduce((n, s) => n + mlpLayout(s.spec).nParams, 0);
  if (header.params.mlp !== nMlp || header.params.grid !== nGrid) {
    bad(
      `header counts ${header.params.mlp} MLP + ${header.params.grid} grid parameters but its configs need ${nMlp} + ${nGrid}`,
    );
  }
  const start = PREFIX_BYTES + headerBytes;
  const expected = start + (nMlp + nGrid) * 4;
  if (bytes.length !== expected) {
    bad(
      `${bytes.length} bytes, expected ${expected} (${nMlp + nGrid} f32 parameters after the header)${bytes.length < expected ? ': truncated' : ''}`,
    );
  }
  const mlp = new Float32Array(nMlp);
  const grid = new Float32Array(nGrid);
  let at = start;
  for (const arr of [mlp, grid]) {
    for (let i = 0; i < arr.length; i++, at += 4) arr[i] = view.getFloat32(at, true);
  }
  // NaN or infinite weights render silently as garbage (issue 14): refuse them, naming where they are.
  for (const [name, arr] of [
    ['MLP', mlp],
    ['grid', grid],
  ] as const) {
    const i = arr.findIndex((v) => !Number.isFinite(v));
    if (i >= 0)
      bad(`${name} parameter ${i} is ${arr[i]}: expected finite numbers (a diverged training run?)`);
  }
  let first = 0;
  const networks = specs.map((s) => {
    const n = mlpLayout(s.spec).nParams;
    const out = { name: s.name, spec: s.spec, params: mlp.slice(first, first + n) };
    first += n;
    return out;
  });
  return { file, header, gridSpec, mlpSpec, params: { mlp, grid }, networks };
}

/** Reads a model file; a missing or unreadable file is an NgpcInputError naming it. */
export function readModelFile(path: string): ModelFile {
  const bytes = readInputFile(path, { what: 'model file', maxBytes: INPUT_MAX_BYTES.model });
  return decodeModelFile(bytes, path);
}
