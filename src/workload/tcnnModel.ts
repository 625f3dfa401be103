// instant-ngp / tiny-cuda-nn model files: `parent` inheritance, the sections ngpc models, and the keys it ignores.
import { mergePatch } from '../config/extends.ts';
import { readJsonFile } from '../config/load.ts';
import { configStore } from '../config/store.ts';
import { ConfigError, OptionError } from '../errors.ts';
import { pad16 } from '../mlp/mlpLayout.ts';

/**
 * Sections of an instant-ngp model file that ngpc models (instant-ngp `configs/nerf/base.json` at 60dbb8e: the
 * position `encoding`, the density/field `network`, and NeRF's `dir_encoding` + `rgb_network`; docs/sources.md#tcnn-configs).
 */
export const TCNN_MODEL_KEYS = ['encoding', 'network', 'dir_encoding', 'rgb_network'] as const;
export type TcnnModelKey = (typeof TCNN_MODEL_KEYS)[number];

/** The network sections (`mlp --network-key`). */
export const TCNN_NETWORK_KEYS = ['network', 'rgb_network'] as const;

/** How deep a `parent` chain may go (instant-ngp's own configs use one level). */
const MAX_PARENT_DEPTH = 16;

type Json = Record<string, unknown>;

export { mergePatch };

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A tcnn JSON file with its `parent` chain resolved, and every file read (child first). */
export interface TcnnJson {
  json: unknown;
  files: string[];
}

/** The last path segment's start in `file` (after its last `/` or `\\`). */
function baseStart(file: string): number {
  return Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1;
}

/** A file's full name as the config store names it (an absolute path under Node), for loop checks. */
function fullName(file: string): string {
  return configStore().beside(file, file.slice(baseStart(file)));
}

/**
 * `relative` beside `file`, spelled as the user spelled `file` (`a/b.json` + `../c.json` → `c.json`): `.` and `..`
 * segments collapsed, an absolute `relative` kept as it is (path.join semantics, without Node's path module).
 */
function joinBeside(file: string, relative: string): string {
  if (relative.startsWith('/')) return relative;
  const joined = `${file.slice(0, baseStart(file))}${relative}`.replace(/\\/g, '/');
  const absolute = joined.startsWith('/');
  const out: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (part !== '..' || !absolute) out.push(part);
  }
  return (absolute ? '/' : '') + (out.join('/') || '.');
}

/**
 * Reads a tcnn / instant-ngp JSON file (comments allowed) and resolves `"parent"` as instant-ngp's
 * `merge_parent_network_config` does (src/testbed.cu): the parent path is relative to the child's folder, resolved
 * recursively, and the child's keys are merged over the parent's. The `parent` key itself is dropped.
 */
export function readTcnnJson(file: string, chain: string[] = []): TcnnJson {
  const json = readJsonFile(file);
  if (!isObject(json) || !('parent' in json)) return { json, files: [file] };
  const parentName = json.parent;
  if (typeof parentName !== 'string' || parentName.length === 0) {
    throw new ConfigError(file, [
      {
        path: '$.parent',
        value: parentName,
        message: 'expected the path of a parent config (relative to this file)',
      },
    ]);
  }
  // Named as the user would (relative to where they ran); compared by the store's full name (absolute under Node).
  const parentFile = joinBeside(file, parentName);
  const seen = [...chain, fullName(file)];
  if (seen.includes(fullName(parentFile))) {
    throw new ConfigError(file, [
      { path: '$.parent', value: parentName, message: 'parent chain loops back to itself' },
    ]);
  }
  if (seen.length > MAX_PARENT_DEPTH) {
    throw new ConfigError(file, [
      {
        path: '$.parent',
        value: parentName,
        message: `expected at most ${MAX_PARENT_DEPTH} levels of parents`,
      },
    ]);
  }
  const parent = readTcnnJson(parentFile, seen);
  const { parent: _dropped, ...child } = json;
  return { json: mergePatch(parent.json, child), files: [file, ...parent.files] };
}

/** True for a whole-model file (`encoding`, `network`, … sections) rather than one component (`otype` at the top). */
export function isWholeModel(json: unknown): json is Json {
  return isObject(json) && !('otype' in json) && TCNN_MODEL_KEYS.some((k) => k in json);
}

/** One component of a tcnn file: the file itself when it is a component, else its `key` section. */
export interface TcnnSection {
  json: unknown;
  /** The JSON path of the section in the file (`$` for a component file). */
  path: string;
  /** Top-level keys of a whole-model file that ngpc does not model (loss, optimizer, …), ignored. */
  ignored: string[];
  files: string[];
}

/** Keys of a whole-model file outside TCNN_MODEL_KEYS: ignored with a note (training settings, not hardware). */
export function ignoredModelKeys(json: Json): string[] {
  return Object.keys(json).filter(
    (k) => k !== '$schema' && !(TCNN_MODEL_KEYS as readonly string[]).includes(k),
  );
}

/** The `key` component of a tcnn file (a component file is taken whole unless `explicitKey` insists on a section). */
export function tcnnSection(file: string, key: TcnnModelKey, explicitKey = false): TcnnSection {
  const { json, files } = readTcnnJson(file);
  if (!isWholeModel(json)) {
    if (explicitKey) {
      throw new ConfigError(file, [
        {
          path: `$.${key}`,
          message: `missing; the file is one component ("otype" at the top), not a whole model`,
        },
      ]);
    }
    return { json, path: '$', ignored: [], files };
  }
  if (!(key in json)) {
    const present = TCNN_MODEL_KEYS.filter((k) => k in json);
    throw new ConfigError(file, [
      {
        path: `$.${key}`,
        message: `missing; this model file has ${present.map((k) => `"${k}"`).join(', ')}`,
      },
    ]);
  }
  return { json: json[key], path: `$.${key}`, ignored: ignoredModelKeys(json), files };
}

/** Runs `build` on a section; a ConfigError it throws about `label` is re-addressed to the file and section path. */
export function withinSection<T>(
  file: string,
  section: Pick<TcnnSection, 'path'>,
  label: string,
  build: () => T,
): T {
  try {
    return build();
  } catch (e) {
    if (!(e instanceof ConfigError) || e.file !== label) throw e;
    const prefix = section.path === '$' ? '' : section.path.slice(1);
    throw new ConfigError(
      file,
      e.issues.map((i) => ({ ...i, path: `$${prefix}${i.path.slice(1)}` })),
    );
  }
}

/** The sentence printed for ignored keys (not an error: instant-ngp files carry training settings ngpc need not model). */
export function ignoredNote(file: string, ignored: readonly string[]): string | null {
  if (ignored.length === 0) return null;
  return `note: ${file}: ignored ${ignored.map((k) => `"${k}"`).join(', ')} (training settings; ngpc models encodings and networks)`;
}

/** A whole model read for the workload: its sections (absent ones keep the app's) and what was ignored. */
export interface TcnnModel {
  file: string;
  files: string[];
  encoding?: unknown;
  network?: unknown;
  dirEncoding?: unknown;
  rgbNetwork?: unknown;
  ignored: string[];
  /** Identifies the content (memo keys): the merged JSON as text. */
  key: string;
}

/** Loads a whole-model file for `simulate --tcnn` (a single-component file is an error naming what is expected). */
export function loadTcnnModel(file: string): TcnnModel {
  const { json, files } = readTcnnJson(file);
  if (!isWholeModel(json)) {
    throw new ConfigError(file, [
      {
        path: '$',
        message: `expected a whole model with ${TCNN_MODEL_KEYS.map((k) => `"${k}"`).join(', ')} sections (an instant-ngp config)`,
      },
    ]);
  }
  return {
    file,
    files,
    encoding: json.encoding,
    network: json.network,
    dirEncoding: json.dir_encoding,
    rgbNetwork: json.rgb_network,
    ignored: ignoredModelKeys(json),
    key: `${file}\0${JSON.stringify(json)}`,
  };
}

/** Highest SH degree (bands) tcnn implements (encodings/spherical_harmonics.h). */
const TCNN_SH_MAX_DEGREE = 8;

/**
 * Output width of a direction encoding for `nDims` inputs (tcnn DOCUMENTATION.md "Encodings"): SphericalHarmonics
 * degree², Identity one per dim, Frequency 2·n_frequencies per dim, OneBlob n_bins per dim, Composite the sum of its
 * `nested` parts (each takes `n_dims_to_encode`, the last the remaining dims). Only the width matters to the model.
 */
export function directionEncodingWidth(raw: unknown, nDims: number, file: string, path = '$'): number {
  const bad = (at: string, value: unknown, message: string): never => {
    throw new ConfigError(file, [{ path: at, value, message }]);
  };
  if (!isObject(raw)) return bad(path, raw, 'expected an encoding object with an "otype"');
  const otype = typeof raw.otype === 'string' ? raw.otype.toLowerCase() : '';
  const positiveInt = (key: string, fallback: number, max: number): number => {
    const v = raw[key] ?? fallback;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) {
      return bad(`${path}.${key}`, v, `expected an integer in 1..${max}`);
    }
    return v;
  };
  switch (otype) {
    case 'sphericalharmonics': {
      if (nDims !== 3)
        bad(path, raw.otype, `SphericalHarmonics encodes 3-D directions; it was given ${nDims} dims`);
      const degree = positiveInt('degree', 4, TCNN_SH_MAX_DEGREE);
      return degree * degree;
    }
    case 'identity':
      return nDims;
    case 'frequency':
      return nDims * 2 * positiveInt('n_frequencies', 12, 64);
    case 'oneblob':
      return nDims * positiveInt('n_bins', 16, 1024);
    case 'composite': {
      const nested = raw.nested;
      if (!Array.isArray(nested) || nested.length === 0) {
        return bad(`${path}.nested`, nested, 'expected a non-empty list of encodings');
      }
      let left = nDims;
      let width = 0;
      nested.forEach((part, i) => {
        const at = `${path}.nested[${i}]`;
        const last = i === nested.length - 1;
        const given = isObject(part) ? part.n_dims_to_encode : undefined;
        if (
          given !== undefined &&
          (typeof given !== 'number' || !Number.isInteger(given) || given < 0 || given > left)
        ) {
          bad(`${at}.n_dims_to_encode`, given, `expected an integer in 0..${left} (dims left to encode)`);
        }
        const dims =
          (given as number | undefined) ??
          (last ? left : bad(`${at}.n_dims_to_encode`, undefined, 'missing'));
        left -= dims;
        width += dims === 0 ? 0 : directionEncodingWidth(part, dims, file, at);
      });
      return width;
    }
    default:
      return bad(
        `${path}.otype`,
        raw.otype,
        'expected SphericalHarmonics, Identity, Frequency, OneBlob or Composite (a direction encoding)',
      );
  }
}

/** Output width of a grid encoding's JSON (L·F with tcnn's defaults: 16 levels, 2 features). */
export function gridEncodingWidth(raw: unknown): number {
  const e = isObject(raw) ? raw : {};
  const f = typeof e.n_features_per_level === 'number' ? e.n_features_per_level : 2;
  const levels =
    typeof e.n_levels === 'number' ? e.n_levels : typeof e.n_features === 'number' ? e.n_features / f : 16;
  return levels * f;
}

/** Width of NeRF's density-network output that feeds the colour network (instant-ngp nerf_network.h: 16). */
export const NERF_DENSITY_OUTPUT_DIMS = 16;

/**
 * Input and output widths of a network section when the model file implies them: `network` reads the padded
 * encoding output; in a NeRF model (one with `rgb_network`) it writes 16 density features, and `rgb_network` reads
 * those plus the padded direction encoding and writes RGB. Other outputs depend on the app (give --n-output-dims).
 */
export function impliedNetworkDims(
  file: string,
  key: (typeof TCNN_NETWORK_KEYS)[number],
): { nInputDims?: number; nOutputDims?: number } {
  const { json } = readTcnnJson(file);
  if (!isWholeModel(json)) return {};
  const nerf = 'rgb_network' in json;
  if (key === 'network') {
    return {
      ...('encoding' in json ? { nInputDims: pad16(gridEncodingWidth(json.encoding)) } : {}),
      ...(nerf ? { nOutputDims: NERF_DENSITY_OUTPUT_DIMS } : {}),
    };
  }
  const dirWidth =
    'dir_encoding' in json ? directionEncodingWidth(json.dir_encoding, 3, file, '$.dir_encoding') : 16;
  return { nInputDims: pad16(NERF_DENSITY_OUTPUT_DIMS + pad16(dirWidth)), nOutputDims: 3 };
}

/** Checks a `--network-key` value. */
export function checkNetworkKey(key: string): (typeof TCNN_NETWORK_KEYS)[number] {
  if (!(TCNN_NETWORK_KEYS as readonly string[]).includes(key)) {
    throw new OptionError('networkKey', key, `expected one of ${TCNN_NETWORK_KEYS.join(', ')}`);
  }
  return key as (typeof TCNN_NETWORK_KEYS)[number];
}
