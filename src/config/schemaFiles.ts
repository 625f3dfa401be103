// Emits (or checks) configs/schema/<kind>.schema.json so editors complete and check config files.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonText, writeFileAtomic } from '../io/write.ts';
import { CONFIG_KINDS } from './kinds.ts';
import { jsonSchemaOf } from './registry.ts';

export interface SchemaFileStatus {
  kind: string;
  file: string;
  status: 'written' | 'current' | 'stale' | 'missing';
}

/** Writes every kind's JSON Schema into `dir`; with `check`, writes nothing and reports stale or missing files. */
export function writeConfigSchemas(dir: string, { check = false } = {}): SchemaFileStatus[] {
  return CONFIG_KINDS.map((kind) => {
    const file = join(dir, `${kind.name}.schema.json`);
    const text = jsonText(jsonSchemaOf(kind));
    const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
    if (check)
      return {
        kind: kind.name,
        file,
        status: current === null ? 'missing' : current === text ? 'current' : 'stale',
      };
    if (current !== text) writeFileAtomic(file, text);
    return { kind: kind.name, file, status: current === text ? 'current' : 'written' };
  });
}
