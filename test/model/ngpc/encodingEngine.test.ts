// Encoding engines: level-to-engine mapping, the pipeline recurrence, and bank conflicts on real corner indices.
import { describe, expect, it } from 'vitest';
import { levelLayout } from '../../../src/encoding/gridLayout.ts';
import {
  encodingEngineParams,
  levelEngineMapping,
  levelQueryWork,
  levelResidency,
  simulateEncodingBatch,
  simulatePipeline,
} from '../../../src/model/ngpc/index.ts';
import { gridSpec, tweak } from './fixtures.ts';

describe('levelEngineMapping', () => {
  it('gives one query at a time to a 16-level grid, 2 to an 8-level grid, 8 to a 2-level grid (paper §3)', () => {
    expect(levelEngineMapping(16, 16).queriesInParallel).toBe(1);
    expect(levelEngineMapping(8, 16).queriesInParallel).toBe(2);
    expect(levelEngineMapping(2, 16).queriesInParallel).toBe(8);
  });
  it('leaves engines idle when L does not divide them', () => {
    const m = levelEngineMapping(5, 16);
    expect(m.queriesInParallel).toBe(3);
    expect(m.idleEngines).toBe(1);
    expect(m.assignments).toHaveLength(15);
  });
  it('time-shares engines when there are more levels than engines', () => {
    const m = levelEngineMapping(20, 16);
    expect(m.levelsPerEngine).toBe(2);
    expect(m.assignments[0]!.levels).toEqual([0, 16]);
    expect(m.assignments[15]!.levels).toEqual([15]);
  });
});

describe('simulatePipeline', () => {
  it('issues one item per cycle when every unit takes one cycle', () => {
    const n = 10;
    const ones = new Array(n).fill(1);
    const run = simulatePipeline([ones, ones, ones], [2, 3, 4], 2, n);
    // Item i leaves at i + Σ(service + latency) = i + 3 + 9.
    expect(Array.from(run.doneCycles)).toEqual(Array.from({ length: n }, (_, i) => i + 12));
    expect(run.busyCycles).toEqual([n, n, n]);
  });
  it('runs at the pace of the slowest unit, and back-pressure stalls the ones before it', () => {
    const n = 100;
    const ones = new Array(n).fill(1);
    const threes = new Array(n).fill(3);
    const run = simulatePipeline([ones, threes, ones], [0, 0, 0], 2, n);
    expect(run.doneCycles[n - 1]! - run.doneCycles[n / 2 - 1]!).toBe(3 * (n / 2));
  });
});

describe('bank conflicts on real corner indices', () => {
  // One dense 2-D level, one engine, 4 single-ported banks, one 4-byte entry per word: the 4 corners of a cell are
  // entries i, i+1, i+R, i+R+1. R = 16 (≡ 0 mod 4) puts i and i+R in one bank: every query takes 2 cycles.
  // R = 18 (≡ 2 mod 4) spreads them over 4 banks: 1 cycle.
  const cfg = tweak('ngpc-8', (c) => {
    c.encoding.engines.value = 1;
    c.encoding.gridSram.banks.value = 4;
    c.encoding.gridSram.wordBytes.value = 4;
  });
  const p = encodingEngineParams(cfg);
  const queries = 64;
  // Positions inside the grid, away from the wrap-around at the last vertex.
  const positions = new Float32Array(queries * 2);
  for (let i = 0; i < positions.length; i++) positions[i] = 0.2 + 0.6 * ((i * 0.6180339887) % 1);

  function run(resolution: number) {
    const layout = levelLayout(
      gridSpec({ type: 'Dense', otype: 'DenseGrid', nDims: 2, nLevels: 1, baseResolution: resolution }),
    );
    expect(layout.levels[0]!.resolution).toBe(resolution);
    const residency = levelResidency(layout, 2, p.sram.bytes, 'assume-fits');
    const work = levelQueryWork(layout, positions, queries, 4, residency, p.sram, 32);
    return { work, batch: simulateEncodingBatch(layout, work, queries, 4, p) };
  }

  it('costs 2 cycles per query with a power-of-two row stride', () => {
    const { work, batch } = run(16);
    expect(Array.from(work[0]!.sramCycles)).toEqual(new Array(queries).fill(2));
    expect(batch.bankConflictCycles).toBe(queries);
    expect(batch.steadyCycles).toBe(2 * queries);
    expect(batch.limiterStage).toBe('grid-sram');
  });

  it('is conflict-free with a row stride of 2 mod 4', () => {
    const { work, batch } = run(18);
    expect(Array.from(work[0]!.sramCycles)).toEqual(new Array(queries).fill(1));
    expect(batch.bankConflictCycles).toBe(0);
    expect(batch.steadyCycles).toBe(queries);
  });

  it('removes the power-of-two conflicts with the xor-fold mapping', () => {
    const xor = tweak('ngpc-8', (c) => {
      c.encoding.engines.value = 1;
      c.encoding.gridSram.banks.value = 4;
      c.encoding.gridSram.wordBytes.value = 4;
      c.encoding.gridSram.bankMapping.value = 'xor-fold';
    });
    const px = encodingEngineParams(xor);
    const layout = levelLayout(
      gridSpec({ type: 'Dense', otype: 'DenseGrid', nDims: 2, nLevels: 1, baseResolution: 16 }),
    );
    const residency = levelResidency(layout, 2, px.sram.bytes, 'assume-fits');
    const work = levelQueryWork(layout, positions, queries, 4, residency, px.sram, 32);
    const mean = work[0]!.sramCycles.reduce((s, c) => s + c, 0) / queries;
    expect(mean).toBeLessThan(2);
  });
});
