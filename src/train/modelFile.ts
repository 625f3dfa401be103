// Trained-model files (.ngpc): a JSON header (configs in tcnn keys, training settings, metrics) then f32 parameters.
// The format is documented in docs/model-file.md; bump MODEL_FILE_VERSION on any change to it.
import { readFileSync } from 'node:fs';
import { encodingFromJson, encodingToJson } from '../encoding/encodingConfig.ts';
import type { GridEncodingSpec } from '../encoding/gridLayout.ts';
import { levelLayout } from '../encoding/gridLayout.ts';
import { NgpcInputError } from '../errors.ts';
import { type MlpSpec, mlpSpecFromJson, mlpToJson } from '../mlp/mlpConfig.ts';
import { mlpLayout } from '../mlp/mlpLayout.ts';
import { writeFileAtomic } from '../report/write.ts';
import type { FieldParams } from './field.ts';

/** First 8 bytes of every model file. */
export const MODEL_FILE_MAGIC = 'NGPCMODL';
export const MODEL_FILE_VERSION = 1;
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
  /** Parameter counts in file order: the MLP weights, then the grid (tcnn order, kernels.md §3.4). */
  params: { mlp: number; grid: number; weights: 'ema' | 'master' };
  /** A date given at training time (`--date`), recorded for workload provenance; never taken from the clock. */
  date?: string;
}

/** A loaded model: its header, the specs rebuilt from it and the parameters. */
export interface ModelFile {
  header: ModelHeader;
  gridSpec: GridEncodingSpec;
  mlpSpec: MlpSpec;
  params: FieldParams;
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
  let text = JSON.stringify(header, null, 1);
  while (Buffer.byteLength(text) % 4 !== 0) text += ' ';
  const json = Buffer.from(text, 'utf8');
  const nParams = params.mlp.length + params.grid.length;
  const out = new Uint8Array(PREFIX_BYTES + json.length + nParams * 4);
  const view = new DataView(out.buffer);
  out.set(Buffer.from(MODEL_FILE_MAGIC, 'ascii'), 0);
  view.setUint32(8, MODEL_FILE_VERSION, true);
  view.setUint32(12, json.length, true);
  out.set(json, PREFIX_BYTES);
  let at = PREFIX_BYTES + json.length;
  for (const arr of [params.mlp, params.grid]) {
    for (let i = 0; i < arr.length; i++, at += 4) view.setFloat32(at, arr[i]!, true);
  }
  return out;
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
  if (version !== MODEL_FILE_VERSION) {
    bad(
      `model file format version ${version}; this ngpc reads version ${MODEL_FILE_VERSION} (retrain with this version)`,
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
  const gridSpec = encodingFromJson(header.encoding, header.nDims, `${file}: encoding`);
  if (gridSpec.otype === 'SphericalHarmonics') return bad('encoding: expected a grid encoding');
  const mlpSpec = mlpSpecFromJson(header.network, {}, `${file}: network`);
  const nGrid = levelLayout(gridSpec).nParams;
  const nMlp = mlpLayout(mlpSpec).nParams;
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
  return { header, gridSpec, mlpSpec, params: { mlp, grid } };
}

/** Reads a model file; a missing or unreadable file is an NgpcInputError naming it. */
export function readModelFile(path: string): ModelFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new NgpcInputError(
      `${path}: cannot read model file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  return decodeModelFile(bytes, path);
}
