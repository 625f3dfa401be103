// simulateNgpc end to end: residency policies, frame time arithmetic, limiters, and monotonicity properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NgpcInputError } from '../../../src/errors.ts';
import { ngpcConfigByName, simulateNgpc, withNfps } from '../../../src/model/ngpc/index.ts';
import { giaHash, gridSpec, nerfHash, RTX3090_BW, tweak, workload } from './fixtures.ts';

const fits = { sramPolicy: 'assume-fits' as const, ...RTX3090_BW };
const spill = { sramPolicy: 'spill' as const, ...RTX3090_BW };
const ngpc8 = ngpcConfigByName('ngpc-8');

describe('simulateNgpc on the NeRF hash grid (L16 F2 T2^19)', () => {
  const w = nerfHash(10_000_000);
  const r = simulateNgpc(w, ngpc8, fits);

  it('reports the contract fields', () => {
    expect(r.nfps).toBe(8);
    expect(r.clockHz).toBe(1e9);
    expect(r.batch.queries).toBe(4096);
    expect(r.batch.cycles).toBe(Math.max(r.batch.encodingCycles, r.batch.mlpCycles));
    expect(r.batch.stallCycles).toBe(Math.abs(r.batch.encodingCycles - r.batch.mlpCycles));
    expect(r.cyclesPerQueryPerNfp).toBeCloseTo(r.batch.cycles / 4096, 12);
    for (const name of ['encoding', 'grid-sram', 'mlp', 'l2-io'])
      expect(r.engines.map((e) => e.name)).toContain(name);
    for (const e of r.engines) {
      expect(e.utilization).toBeGreaterThanOrEqual(0);
      expect(e.utilization).toBeLessThanOrEqual(1 + 1e-9);
    }
  });

  it('is MLP-bound: 5 tile passes per query on the 64×64 array', () => {
    // Density 32→64→16 (2 passes) + color 32→64→64→16 (3 passes), sub-batches of 1024: 5 × (4096 + 4 × 130).
    expect(r.batch.mlpCycles).toBe(5 * (4096 + 4 * 130));
    expect(r.limiter).toBe('mlp');
  });

  it('keeps every level resident under assume-fits', () => {
    expect(r.sram.levels.every((l) => l.residentFraction === 1 && l.missBytesPerFrame === 0)).toBe(true);
    // Hashed levels: 2^19 entries × 2 features × 2 B = 2 MiB against 1 MiB of SRAM.
    expect(r.sram.levels[15]!.tableBytes).toBe(2 * 2 ** 20);
    expect(r.sram.levels[15]!.sramBytes).toBe(2 ** 20);
  });

  it('keeps half of each 2 MiB hashed level under spill, and the misses cost L2 and DRAM bytes', () => {
    const s = simulateNgpc(w, ngpc8, spill);
    const hashed = s.sram.levels.filter((l) => l.tableBytes === 2 * 2 ** 20);
    // Levels 5–15 of the 16 reach the 2^19-entry cap (2^19 × 2 features × 2 B fp16 = 2 MiB); 0–4 are dense and smaller.
    expect(hashed.length).toBe(11);
    for (const l of hashed) {
      expect(l.residentFraction).toBe(0.5);
      // The coherent hash keeps x-neighbours (prime 1) in one 32-byte sector, so the 8 corners are 4 sector
      // pairs spread by the hash, about half of which fall outside the resident half.
      const missBytesPerQuery = l.missBytesPerFrame / w.queriesPerFrame;
      expect(missBytesPerQuery).toBeGreaterThan(0.35 * 4 * 32);
      expect(missBytesPerQuery).toBeLessThan(0.65 * 4 * 32);
    }
    expect(s.dramBytesPerFrame).toBeGreaterThan(r.dramBytesPerFrame);
    expect(s.l2BytesPerFrame).toBeGreaterThan(r.l2BytesPerFrame);
  });

  it('computes the frame time from the per-NFP steady state when compute-bound', () => {
    const bigBw = { ...fits, hostL2BytesPerS: 1e18, hostDramBytesPerS: 1e18 };
    const x = simulateNgpc(w, ngpc8, bigBw);
    const computeSeconds = x.engines.find((e) => e.name === 'mlp')!.cycles / x.clockHz;
    // ⌈Q / N⌉ × cycles per query, plus one pipeline fill.
    expect(computeSeconds).toBeCloseTo((Math.ceil(w.queriesPerFrame / 8) * x.cyclesPerQueryPerNfp) / 1e9, 9);
    expect(x.frameSeconds).toBeGreaterThan(computeSeconds);
    expect(x.frameSeconds).toBeLessThan(computeSeconds * 1.01);
  });

  it('names the L2 when its bandwidth is the bottleneck', () => {
    expect(simulateNgpc(w, ngpc8, { ...fits, hostL2BytesPerS: 1e9 }).limiter).toBe('l2-bandwidth');
  });

  it('names the spill when DRAM is the bottleneck', () => {
    const x = simulateNgpc(w, ngpcConfigByName('ngpc-64'), spill);
    expect(x.limiter).toBe('sram-spill-dram');
    expect(simulateNgpc(w, ngpcConfigByName('ngpc-64'), { ...spill, hostL2Bytes: 1e12 }).limiter).not.toBe(
      'sram-spill-dram',
    );
  });

  it('is deterministic', () => {
    expect(simulateNgpc(w, ngpc8, { ...fits, seed: 7 })).toEqual(
      simulateNgpc(w, ngpc8, { ...fits, seed: 7 }),
    );
  });

  it('accepts its own sample of positions', () => {
    const positions = new Float32Array(3 * 100).fill(0.5);
    const x = simulateNgpc(w, ngpc8, { ...fits, positions, batchQueries: 512 });
    expect(x.batch.queries).toBe(512);
    // All queries in the same cell: the same corners every time, so a constant SRAM pattern.
    // 512 queries at one engine-cycle each, plus one stall each: the 8 identical corners of every query collide in
    // the same banks (the conflict count is 512 exactly). The MLP (3,210 cycles) still bounds the batch.
    expect(x.batch.bankConflictCycles).toBe(512);
    expect(x.batch.encodingCycles).toBe(512 + 512);
    expect(x.batch.cycles).toBe(x.batch.mlpCycles);
  });

  it('rejects bad options', () => {
    expect(() => simulateNgpc(w, ngpc8, { ...fits, hostL2BytesPerS: 0 })).toThrow(NgpcInputError);
    expect(() => simulateNgpc(w, ngpc8, { ...fits, batchQueries: 0 })).toThrow(NgpcInputError);
    expect(() => simulateNgpc(w, ngpc8, { ...fits, positions: new Float32Array(4) })).toThrow(
      /multiple of nDims = 3/,
    );
    expect(() => simulateNgpc(w, ngpc8, { ...fits, sramPolicy: 'maybe' as 'spill' })).toThrow(NgpcInputError);
  });
});

describe('simulateNgpc on GIA (2-D, T2^24)', () => {
  it('encodes 4 corners per level and is MLP-bound with 3 passes', () => {
    const r = simulateNgpc(giaHash(), ngpc8, fits);
    expect(r.batch.mlpCycles).toBe(3 * (4096 + 4 * 130));
    expect(r.batch.encodingCycles).toBeLessThan(r.batch.mlpCycles);
  });
});

describe('area and power', () => {
  const r = simulateNgpc(nerfHash(), ngpc8, fits);
  it('sums components and scales linearly with NFPs', () => {
    const area = r.area.components.reduce((s, c) => s + c.areaMm2, 0);
    const power = r.power.components.reduce((s, c) => s + c.powerW, 0);
    expect(r.area.perNfpMm2).toBeCloseTo(area, 12);
    expect(r.power.perNfpW).toBeCloseTo(power, 12);
    expect(r.area.totalMm2).toBeCloseTo(8 * area, 9);
    const r64 = simulateNgpc(nerfHash(), withNfps(ngpc8, 64), fits);
    expect(r64.area.totalMm2 / r.area.totalMm2).toBeCloseTo(8, 9);
    expect(r64.power.totalW / r.power.totalW).toBeCloseTo(8, 9);
  });
  it('is dominated by the 16 MiB of grid SRAM', () => {
    const sram = r.area.components.find((c) => c.name === 'grid-sram')!;
    // 16 × 2^20 B × 8 bits × 0.027 µm² / 0.7 efficiency.
    expect(sram.areaMm2).toBeCloseTo((16 * 2 ** 23 * 0.027e-6) / 0.7, 9);
    expect(sram.areaMm2 / r.area.perNfpMm2).toBeGreaterThan(0.8);
    for (const c of [...r.area.components, ...r.power.components]) expect(c.source.length).toBeGreaterThan(3);
  });
  it('spends energy per frame in proportion to the queries', () => {
    const a = simulateNgpc(nerfHash(1e6), ngpc8, fits).energyPerFrameJ;
    const b = simulateNgpc(nerfHash(2e6), ngpc8, fits).energyPerFrameJ;
    expect(b / a).toBeGreaterThan(1.9);
    expect(b / a).toBeLessThan(2.1);
  });
});

describe('monotonicity', () => {
  // A small grid and batch so that every generated SRAM size stays cheap to simulate.
  const small = (queries: number) => workload(gridSpec({ nLevels: 4, baseResolution: 64 }), queries);
  const opts = { ...spill, batchQueries: 256 };

  it('more NFPs are never slower', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 128 }),
        fc.integer({ min: 1, max: 128 }),
        fc.integer({ min: 0, max: 5e7 }),
        (a, b, q) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const w = nerfHash(q);
          const tLo = simulateNgpc(w, withNfps(ngpc8, lo), fits).frameSeconds;
          const tHi = simulateNgpc(w, withNfps(ngpc8, hi), fits).frameSeconds;
          expect(tHi).toBeLessThanOrEqual(tLo);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('more queries are never faster', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e8 }),
        fc.integer({ min: 0, max: 1e8 }),
        fc.boolean(),
        (a, b, useSpill) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const o = useSpill ? spill : fits;
          expect(simulateNgpc(small(hi), ngpc8, o).frameSeconds).toBeGreaterThanOrEqual(
            simulateNgpc(small(lo), ngpc8, o).frameSeconds,
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a bigger grid SRAM never misses more bytes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 64 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const miss = (kib: number) => {
          const cfg = tweak('ngpc-8', (c) => {
            c.encoding.gridSram.bytes.value = kib * 16 * 1024;
          });
          const r = simulateNgpc(small(1e6), cfg, opts);
          return r.sram.levels.reduce((s, l) => s + l.missBytesPerFrame, 0);
        };
        expect(miss(hi)).toBeLessThanOrEqual(miss(lo));
      }),
      { numRuns: 25 },
    );
  });
});
