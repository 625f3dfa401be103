// A config store over files held in memory (`configs/<folder>/<file>` → parsed JSON): the explorer page's configs.
import { ConfigError, NgpcInputError } from '../errors.ts';
import type { ConfigStore } from './configStore.ts';

export const MEMORY_CONFIGS_ROOT = 'configs/';

/** `a/b/../c/./d` → `a/c/d` (names are plain slash-separated paths; no file system behind them). */
function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part !== '.' && part !== '') out.push(part);
  }
  return out.join('/');
}

/** A store over `files`, keyed by name under `configs/` (e.g. `configs/gpus/rtx3090.json`). */
export function memoryConfigStore(files: Readonly<Record<string, unknown>>): ConfigStore {
  const has = (file: string) => Object.hasOwn(files, normalise(file));
  return {
    path: (...parts) => MEMORY_CONFIGS_ROOT + parts.join('/'),
    readJson(file) {
      if (!has(file)) throw new NgpcInputError(`${file}: cannot read (not among the bundled configs)`);
      const raw = files[normalise(file)];
      if (raw === undefined)
        throw new ConfigError(file, [{ path: '$', message: 'invalid JSON (empty bundled file)' }]);
      // A copy, so a caller that edits what it read cannot change the next reader's config.
      return structuredClone(raw);
    },
    exists: has,
    list(...parts) {
      const folder = `${normalise(MEMORY_CONFIGS_ROOT + parts.join('/'))}/`;
      return Object.keys(files)
        .filter((f) => f.startsWith(folder) && !f.slice(folder.length).includes('/'))
        .map((f) => f.slice(folder.length));
    },
    beside(file, relative) {
      return normalise(`${file.slice(0, file.lastIndexOf('/') + 1)}${relative}`);
    },
    stamp: (file) => (has(file) ? 'bundled' : 'missing'),
  };
}
