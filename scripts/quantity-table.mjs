#!/usr/bin/env node
// Part of `npm run build`: every quantity of the shipped configs, evaluated by the compiled package with mathjs,
// into dist/config/quantities.json (see src/config/quantityTable.ts). Written atomically.
import { renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/', import.meta.url);
const { shippedQuantities } = await import(new URL('config/shippedQuantities.js', dist).href);
const { QUANTITY_TABLE_FILE } = await import(new URL('config/quantityTable.js', dist).href);

const { files, quantities } = shippedQuantities();
const out = fileURLToPath(QUANTITY_TABLE_FILE);
writeFileSync(`${out}.tmp`, `${JSON.stringify(Object.fromEntries(quantities), null, 1)}\n`);
renameSync(`${out}.tmp`, out);
console.log(
  `quantity table: ${quantities.length} quantities from ${files} shipped configs -> dist/config/quantities.json`,
);
