// Config inheritance: `"extends": "base/ngpc.json"` merges a base file (relative to the child) under the child.
import { ConfigError } from '../errors.ts';
import { configStore } from './store.ts';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** How deep an `extends` chain may go. */
const MAX_EXTENDS_DEPTH = 8;

/**
 * RFC 7386 JSON merge patch (as nlohmann's `merge_patch`, which instant-ngp applies to `parent` configs): objects
 * merge key by key, `null` deletes a key, anything else (arrays included) replaces. Inputs are not changed.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Json = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else
      Object.defineProperty(out, key, {
        value: mergePatch(out[key], value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

/**
 * A config file as data with its `extends` chain applied: the base (a path relative to this file, itself allowed to
 * extend another) is merged under this file's keys. The result has no `extends` key; `$schema` comes from the child.
 */
export function readConfigJson(file: string, chain: readonly string[] = []): unknown {
  const store = configStore();
  const json = store.readJson(file);
  if (!isObject(json) || !('extends' in json)) return json;
  const base = json.extends;
  const fail = (message: string): never => {
    throw new ConfigError(file, [{ path: '$.extends', value: base, message }]);
  };
  if (typeof base !== 'string' || base.length === 0)
    fail('expected the path of a base config (relative to this file)');
  // Through the store, so a bundled config (the browser's) finds its base as a file on disk does.
  const baseFile = store.beside(file, base as string);
  // Compared by the store's full name (an absolute path under Node), not as the user spelled them.
  const fullName = (f: string) =>
    store.beside(f, f.slice(Math.max(f.lastIndexOf('/'), f.lastIndexOf('\\')) + 1));
  const seen = [...chain, fullName(file)];
  if (seen.includes(fullName(baseFile))) fail('extends chain loops back to itself');
  if (seen.length > MAX_EXTENDS_DEPTH) fail(`expected at most ${MAX_EXTENDS_DEPTH} levels of extends`);
  const { extends: _dropped, ...child } = json;
  const { $schema: _baseSchema, ...parent } = readConfigJson(baseFile, seen) as Json;
  return mergePatch(parent, child);
}
