// Quantities evaluated when the package was built: `npm run build` loads every shipped config with mathjs and
// writes each unit string's value to dist/config/quantities.json (scripts/quantity-table.mjs). A value depends only
// on its text, kind and unit and on mathjs, which is pinned, so the table is a memo, not a second source of truth:
// a string it does not hold (an edited or user config) is evaluated by mathjs as before. Only the compiled package
// reads it; run from the TypeScript sources, every quantity goes through mathjs.
import { existsSync, readFileSync } from 'node:fs';

export const QUANTITY_TABLE_FILE = new URL('./quantities.json', import.meta.url);

let table: Map<string, number> | undefined;

export function precomputedQuantity(key: string): number | undefined {
  table ??= readTable();
  return table.get(key);
}

/** The table, or an empty one (from the sources, or when the file is missing or unreadable: only slower). */
function readTable(): Map<string, number> {
  if (!import.meta.url.endsWith('.js') || !existsSync(QUANTITY_TABLE_FILE)) return new Map();
  try {
    const json: unknown = JSON.parse(readFileSync(QUANTITY_TABLE_FILE, 'utf8'));
    const entries = Object.entries(json && typeof json === 'object' ? json : {});
    return new Map(entries.filter((e): e is [string, number] => Number.isFinite(e[1])));
  } catch {
    return new Map();
  }
}
