// A content hash of the model configs a design point can read, so results from different configs are never mixed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIGS_DIR } from './paths.ts';

/**
 * The folders of configs/ that evaluating a point reads (presets, calibration, frame, measured workloads);
 * sweeps/, schema/, targets/ and reproduce/ feed other commands. A point's own workload file is not included.
 */
export const MODEL_CONFIG_FOLDERS = ['apps', 'calibration', 'frame', 'gpus', 'ngpc', 'workloads'] as const;

/** Every *.json under `dir`, as sorted paths relative to `root`. */
function jsonFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...jsonFiles(root, rel));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(rel);
  }
  return out.sort();
}

/** sha256 of each model config's path and bytes, in path order (hex, prefixed "sha256:"). */
export function modelConfigsHash(root = CONFIGS_DIR): string {
  const hash = createHash('sha256');
  for (const folder of MODEL_CONFIG_FOLDERS) {
    for (const rel of jsonFiles(root, folder)) {
      hash.update(`${rel}\0`);
      hash.update(readFileSync(join(root, rel)));
      hash.update('\0');
    }
  }
  return `sha256:${hash.digest('hex')}`;
}
