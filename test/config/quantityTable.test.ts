// The build's quantity table (dist/config/quantities.json) is a memo of toQuantity over the shipped configs: each
// entry equals what mathjs gives now, and a build older than the configs is caught.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedQuantities } from '../../src/config/shippedQuantities.ts';
import { type QuantityKind, quantityKey, recordQuantities, toQuantity } from '../../src/config/units.ts';

const DIST_TABLE = 'dist/config/quantities.json';

/** A key back into toQuantity's arguments. */
function callOf(key: string): [string | number, QuantityKind, string | undefined] {
  const [kind, unit, type, ...rest] = key.split('|');
  const text = rest.join('|');
  return [type === 'n' ? Number(text) : text, kind as QuantityKind, unit || undefined];
}

describe('quantity table', () => {
  const { files, quantities } = shippedQuantities();

  it('holds the unit strings of every shipped config kind, each as mathjs evaluates it', () => {
    expect(files).toBeGreaterThanOrEqual(25);
    const keys = quantities.map(([k]) => k);
    expect(keys).toContain(quantityKey('936 GB/s', 'bytesPerS'));
    for (const [key, value] of quantities) {
      expect(toQuantity(...callOf(key)), key).toBe(value);
      expect(JSON.parse(JSON.stringify(value))).toBe(value);
    }
  });

  it('records only what mathjs evaluated: plain numbers are not in it', () => {
    const stop = recordQuantities();
    toQuantity(12, 'count');
    toQuantity('3 GHz', 'hz');
    expect([...stop()]).toEqual([[quantityKey('3 GHz', 'hz'), 3e9]]);
  });

  it.runIf(existsSync(DIST_TABLE))('the built table is current (else: npm run build)', () => {
    const built = JSON.parse(readFileSync(DIST_TABLE, 'utf8'));
    expect(built).toEqual(Object.fromEntries(quantities));
  });
});
