// Grid SRAM: residency under assume-fits and spill, bank mapping, and bank-conflict cycles of one query.
import { describe, expect, it } from 'vitest';
import { levelLayout } from '../../../src/encoding/gridLayout.ts';
import {
  bankOf,
  type GridSramParams,
  type LevelResidency,
  levelResidency,
  SramScratch,
  sramQueryCycles,
} from '../../../src/model/ngpc/index.ts';
import { gridSpec } from './fixtures.ts';

const MiB = 2 ** 20;
const sram = (over: Partial<GridSramParams> = {}): GridSramParams => ({
  bytes: MiB,
  banks: 8,
  portsPerBank: 1,
  wordBytes: 4,
  bankMapping: 'low-bits',
  latencyCycles: 2,
  ...over,
});
const resident = (over: Partial<LevelResidency> = {}): LevelResidency => ({
  level: 0,
  tableBytes: MiB,
  sramBytes: MiB,
  entryBytes: 4,
  residentEntries: MiB / 4,
  residentFraction: 1,
  ...over,
});

describe('levelResidency', () => {
  // One level of 2^19 entries × F = 2 × fp16 = 2 MiB against a 1 MiB SRAM.
  const layout = levelLayout(gridSpec({ nLevels: 1, baseResolution: 128 }));
  it('sees a 2 MiB table', () => {
    expect(layout.levels[0]!.entries).toBe(2 ** 19);
  });
  it('keeps half of a 2 MiB table resident in 1 MiB under spill', () => {
    const [r] = levelResidency(layout, 2, MiB, 'spill');
    expect(r!.tableBytes).toBe(2 * MiB);
    expect(r!.residentFraction).toBe(0.5);
    expect(r!.residentEntries).toBe(2 ** 18);
  });
  it('keeps all of it under assume-fits', () => {
    const [r] = levelResidency(layout, 2, MiB, 'assume-fits');
    expect(r!.residentFraction).toBe(1);
  });
  it('keeps small tables whole under spill', () => {
    const [r] = levelResidency(levelLayout(gridSpec({ nLevels: 1 })), 2, MiB, 'spill');
    expect(r!.residentFraction).toBe(1);
    expect(r!.tableBytes).toBe(16 ** 3 * 4);
  });
});

describe('bankOf', () => {
  it('interleaves on the low bits', () => {
    expect([0, 1, 7, 8, 17].map((w) => bankOf(w, 8, 'low-bits'))).toEqual([0, 1, 7, 0, 1]);
  });
  it('xor-folds 3-bit chunks for 8 banks', () => {
    // 8 = 0b001_000 → 1 ^ 0; 64 + 3 = 0b001_000_011 → 1 ^ 0 ^ 3.
    expect(bankOf(8, 8, 'xor-fold')).toBe(1);
    expect(bankOf(67, 8, 'xor-fold')).toBe(2);
    expect(bankOf(5, 8, 'xor-fold')).toBe(5);
  });
});

describe('sramQueryCycles', () => {
  const scratch = new SramScratch(8);
  it('serialises 8 corners that all hit the same bank: 8 cycles, 7 of them conflicts', () => {
    const r = sramQueryCycles([0, 8, 16, 24, 32, 40, 48, 56], 0, 8, resident(), sram(), 32, scratch);
    expect(r).toEqual({ cycles: 8, conflictCycles: 7, reads: 8, missSectors: 0 });
  });
  it('serves a unit-stride query in one cycle', () => {
    const r = sramQueryCycles([0, 1, 2, 3, 4, 5, 6, 7], 0, 8, resident(), sram(), 32, scratch);
    expect(r).toEqual({ cycles: 1, conflictCycles: 0, reads: 8, missSectors: 0 });
  });
  it('halves the cycles with two ports', () => {
    const r = sramQueryCycles(
      [0, 8, 16, 24, 32, 40, 48, 56],
      0,
      8,
      resident(),
      sram({ portsPerBank: 2 }),
      32,
      scratch,
    );
    expect(r.cycles).toBe(4);
  });
  it('merges corners in the same word into one read', () => {
    // 16-byte words hold 4 entries of 4 B: entries 0–3 are one word, 4–7 the next.
    const r = sramQueryCycles(
      [0, 1, 2, 3, 4, 5, 6, 7],
      0,
      8,
      resident(),
      sram({ wordBytes: 16 }),
      32,
      scratch,
    );
    expect(r).toEqual({ cycles: 1, conflictCycles: 0, reads: 2, missSectors: 0 });
  });
  it('reads several words for an entry wider than a word', () => {
    const r = sramQueryCycles([1], 0, 1, resident({ entryBytes: 16 }), sram({ wordBytes: 4 }), 32, scratch);
    expect(r.reads).toBe(4);
  });
  it('sends non-resident corners to L2 as distinct sectors and keeps them off the banks', () => {
    // Entries ≥ 100 miss; 100 and 101 share a 32-byte sector (8 entries of 4 B), 200 is another.
    const r = sramQueryCycles(
      [0, 100, 101, 200],
      0,
      4,
      resident({ residentEntries: 100 }),
      sram(),
      32,
      scratch,
    );
    expect(r).toEqual({ cycles: 1, conflictCycles: 0, reads: 1, missSectors: 2 });
  });
});
