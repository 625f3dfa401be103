// The config store over the file system: shipped configs under the package's configs/ folder, and any other file
// by its path (a `--config` point, a test fixture). Reading is bounded and errors name the file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.ts';
import { INPUT_MAX_BYTES, readInputFile } from '../io/inputFile.ts';
import type { ConfigStore } from './configStore.ts';
import { isYamlFile, parseConfigText, YamlUnavailableError } from './configText.ts';

/** Absolute path of the package's `configs/` folder. */
export const CONFIGS_DIR = fileURLToPath(new URL('../../configs/', import.meta.url));

/**
 * Reads a config file: JSON with `//` and `/* *\/` comments (as instant-ngp reads its configs), or YAML when the
 * name ends in .yaml/.yml. Errors name the file and, for syntax errors, the position.
 */
function readJsonFromDisk(file: string): unknown {
  const yaml = isYamlFile(file);
  const text = readInputFile(file, {
    expected: yaml ? 'a readable YAML file' : 'a readable JSON file',
    maxBytes: INPUT_MAX_BYTES.json,
  }).toString('utf8');
  try {
    return parseConfigText(text, file);
  } catch (e) {
    if (e instanceof YamlUnavailableError) throw new ConfigError(file, [{ path: '$', message: e.message }]);
    const first = String((e as Error).message).split('\n')[0];
    throw new ConfigError(file, [{ path: '$', message: `invalid ${yaml ? 'YAML' : 'JSON'} (${first})` }]);
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
