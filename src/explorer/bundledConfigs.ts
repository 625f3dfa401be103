// The shipped configs the explorer page carries: every file of the folders a design point reads (including the
// paper-fit declaration and result), as `configs/<folder>/<file>` → parsed JSON (a preset's `extends` base merged in), in sorted order.
import { readConfigJson } from '../config/extends.ts';
import { MEMORY_CONFIGS_ROOT } from '../config/memoryStore.ts';
import { configPath, configStore } from '../config/store.ts';

/** Measured workloads (configs/workloads) are left out: the page evaluates the apps' assumed samples per pixel. */
export const EXPLORER_CONFIG_FOLDERS = ['apps', 'calibration', 'frame', 'gpus', 'ngpc'] as const;

export function explorerConfigs(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const folder of EXPLORER_CONFIG_FOLDERS) {
    for (const name of configStore()
      .list(folder)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      out[`${MEMORY_CONFIGS_ROOT}${folder}/${name}`] = readConfigJson(configPath(folder, name));
    }
  }
  return out;
}
