// The config store over the file system: shipped configs under the package's configs/ folder, and any other file
// by its path (a `--config` point, a test fixture). Reading is bounded and errors name the file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.ts';
import { INPUT_MAX_BYTES, readInputFile } from '../io/inputFile.ts';
import type { ConfigStore } from './configStore.ts';

/** Absolute path of the package's `configs/` folder. */
export const CONFIGS_DIR = fileURLToPath(new URL('../../configs/', import.meta.url));

/** Reads a JSON file (errors name the file and, for syntax errors, the position). */
function readJsonFromDisk(file: string): unknown {
  const text = readInputFile(file, {
    expected: 'a readable JSON file',
    maxBytes: INPUT_MAX_BYTES.json,
  }).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError(file, [{ path: '$', message: `invalid JSON (${(e as Error).message})` }]);
  }
}

const store: ConfigStore = {
  path: (...parts) => CONFIGS_DIR + parts.join('/'),
  readJson: readJsonFromDisk,
  exists: (file) => existsSync(file),
  list: (...parts) => readdirSync(CONFIGS_DIR + parts.join('/')),
  beside: (file, relative) => resolve(dirname(file), relative),
  stamp: (file) => (existsSync(file) ? String(statSync(file).mtimeMs) : 'missing'),
};

/** The file-system store (the default under Node). */
export function nodeConfigStore(): ConfigStore {
  return store;
}
