// Config inheritance: `"extends": "base/ngpc.json"` merges a base file (relative to the child) under the child.
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../errors.ts';
import { readJsonFile } from './load.ts';

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
  const json = readJsonFile(file);
  if (!isObject(json) || !('extends' in json)) return json;
  const base = json.extends;
  const fail = (message: string): never => {
    throw new ConfigError(file, [{ path: '$.extends', value: base, message }]);
  };
  if (typeof base !== 'string' || base.length === 0)
    fail('expected the path of a base config (relative to this file)');
  const baseFile = join(dirname(file), base as string);
  const seen = [...chain, resolve(file)];
  if (seen.includes(resolve(baseFile))) fail('extends chain loops back to itself');
  if (seen.length > MAX_EXTENDS_DEPTH) fail(`expected at most ${MAX_EXTENDS_DEPTH} levels of extends`);
  const { extends: _dropped, ...child } = json;
  const { $schema: _baseSchema, ...parent } = readConfigJson(baseFile, seen) as Json;
  return mergePatch(parent, child);
}
