// Every quantity the shipped configs hold, evaluated with mathjs: what `npm run build` writes to
// dist/config/quantities.json (scripts/quantity-table.mjs; read back by quantityTable.ts).
import { readdirSync } from 'node:fs';
import { CONFIG_KINDS } from './kinds.ts';
import { loadConfig } from './load.ts';
import { filesOfKind } from './registry.ts';
import { configPath } from './store.ts';
import { recordQuantities } from './units.ts';

/** Loads every config of every kind under configs/ and returns the quantities evaluated, by table key, sorted. */
export function shippedQuantities(): { files: number; quantities: [string, number][] } {
  const stop = recordQuantities();
  let files = 0;
  let recorded: Map<string, number>;
  try {
    for (const kind of CONFIG_KINDS.filter((k) => k.folder)) {
      for (const file of filesOfKind(kind, readdirSync(configPath(kind.folder!)))) {
        loadConfig(configPath(kind.folder!, file), kind.schema);
        files++;
      }
    }
  } finally {
    recorded = stop();
  }
  const quantities = [...recorded]
    // JSON has no −0; such a value stays with mathjs.
    .filter(([, v]) => !Object.is(v, -0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { files, quantities };
}
