// Writes and reads a sweep's output folder: points.csv (columns from STATS_COLUMNS) and points.json.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonFile } from '../config/load.ts';
import { NgpcInputError } from '../errors.ts';
import type { SweepOutput } from '../model/frame/sweep/output.ts';
import { recordsCsv } from './csv.ts';
import { jsonText, writeFileAtomic } from './write.ts';

export const SWEEP_CSV = 'points.csv';
export const SWEEP_JSON = 'points.json';

export function writeSweepOutput(dir: string, output: SweepOutput): string[] {
  const csv = join(dir, SWEEP_CSV);
  const json = join(dir, SWEEP_JSON);
  writeFileAtomic(csv, recordsCsv(output.columns, output.rows));
  writeFileAtomic(json, jsonText(output));
  return [csv, json];
}

export function readSweepOutput(dir: string): { file: string; output: SweepOutput } {
  const file = join(dir, SWEEP_JSON);
  if (!existsSync(file))
    throw new NgpcInputError(`${dir}: no ${SWEEP_JSON}; expected a folder written by ngpc sweep`);
  const output = readJsonFile(file) as SweepOutput;
  if (!output || !Array.isArray(output.rows) || !Array.isArray(output.columns)) {
    throw new NgpcInputError(`${file}: expected the output of ngpc sweep (columns, rows, errors)`);
  }
  return { file, output };
}
