// Where ngpc's shipped configs live (configs/ at the package root), so presets load from any working directory.
import { fileURLToPath } from 'node:url';

/** Absolute path of the package's `configs/` folder. */
export const CONFIGS_DIR = fileURLToPath(new URL('../../configs/', import.meta.url));

/** Absolute path of a file under `configs/`, e.g. `configPath('gpus', 'rtx3090.json')`. */
export function configPath(...parts: string[]): string {
  return CONFIGS_DIR + parts.join('/');
}
