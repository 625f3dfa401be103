import { describe, expect, it } from 'vitest';
import type { GpuSpec } from '../../../src/config/gpu.ts';
import { l2HitRate, sectorsPerQueryAtLevel } from '../../../src/model/gpu/kernels.ts';
import { kernelTime } from '../../../src/model/gpu/roofline.ts';
import type { FrameWorkload } from '../../../src/workload/types.ts';

/** Round numbers so every expected value is computed by hand. */
const gpu: GpuSpec = {
  name: 'test',
  label: 'test GPU',
  clockHz: 1e9,
  mlpTensorFlopPerS: 100e12,
  mlpAccumulate: 'fp16',
  aluOpPerS: 10e12,
  dramBytesPerS: 1e12,
  l2Bytes: 8e6,
  l2BytesPerS: 4e12,
  sectorBytes: 32,
  launchOverheadS: 5e-6,
  dieAreaMm2: 600,
  boardPowerW: 300,
  idlePowerW: 30,
  l2UsableFraction: 0.5,
  efficiencies: { l2: 0.5, dram: 0.5, tensor: 0.25, alu: 0.5, rest: 0.1 },
  energy: {
    aluOpJ: 1e-12,
    tensorMacJ: 1e-12,
    l2ByteJ: 1e-12,
    dramBitJ: 1e-12,
    staticPowerW: 50,
    activePowerW: 0,
  },
  efficienciesFrom: 'test',
  sources: {},
};

const work = {
  name: 'k',
  group: 'encoding' as const,
  aluOps: 0,
  tensorFlops: 0,
  l2Bytes: 0,
  dramBytes: 0,
  launches: 0,
};

describe('roofline kernel time', () => {
  it('takes the slowest term at its efficiency, plus launches', () => {
    // ALU 1e12 / (10e12·0.5) = 0.2 s; L2 1e12 / (4e12·0.5) = 0.5 s; DRAM 0.2e12 / (1e12·0.5) = 0.4 s.
    const t = kernelTime({ ...work, aluOps: 1e12, l2Bytes: 1e12, dramBytes: 0.2e12, launches: 10 }, gpu);
    expect(t.aluSeconds).toBeCloseTo(0.2, 12);
    expect(t.l2Seconds).toBeCloseTo(0.5, 12);
    expect(t.dramSeconds).toBeCloseTo(0.4, 12);
    expect(t.limiter).toBe('l2');
    expect(t.seconds).toBeCloseTo(0.5 + 10 * 5e-6, 12);
  });

  it('MLP kernels run on tensor cores at the tensor efficiency', () => {
    // 2.5e12 flops / (100e12 · 0.25) = 0.1 s.
    const t = kernelTime({ ...work, group: 'mlp', tensorFlops: 2.5e12 }, gpu);
    expect(t.seconds).toBeCloseTo(0.1, 12);
    expect(t.limiter).toBe('tensor');
  });

  it('rest kernels use the rest efficiency for every term', () => {
    // 1e11 B / (1e12 · 0.1) = 1 s.
    const t = kernelTime({ ...work, group: 'rest', dramBytes: 1e11, l2Bytes: 1e11 }, gpu);
    expect(t.seconds).toBeCloseTo(1, 12);
    expect(t.limiter).toBe('dram');
  });

  it('an empty kernel is launch-bound', () => {
    const t = kernelTime({ ...work, launches: 3 }, gpu);
    expect(t.limiter).toBe('launch');
    expect(t.seconds).toBeCloseTo(15e-6, 15);
  });
});

describe('encoding traffic at sector granularity', () => {
  const w = (entryBytes: number, lookups = 8) =>
    ({ entryBytes, lookupsPerQueryPerLevel: lookups }) as FrameWorkload;
  it('x-neighbour corners share a sector unless they straddle one', () => {
    // 4-byte entries: 8 per sector; 4 pairs × (1 + 1/8) = 4.5 sectors.
    expect(sectorsPerQueryAtLevel(w(4), 32)).toBeCloseTo(4.5, 12);
    // 16-byte entries (F = 8 fp16): 2 per sector; 4 × 1.5 = 6.
    expect(sectorsPerQueryAtLevel(w(16), 32)).toBeCloseTo(6, 12);
    // 64-byte entries: 2 sectors each, no sharing: 8 × 2 = 16.
    expect(sectorsPerQueryAtLevel(w(64), 32)).toBe(16);
    // 2-D (4 corners): 2 pairs × 1.125.
    expect(sectorsPerQueryAtLevel(w(4, 4), 32)).toBeCloseTo(2.25, 12);
  });

  it('L2 hit rate is the resident fraction of the level table', () => {
    // usable L2 = 8e6 · 0.5 = 4e6 B.
    expect(
      l2HitRate(
        { level: 0, hashed: false, entries: 1, tableBytes: 1e6, lookupsPerFrame: 1, newCellFraction: 1 },
        gpu,
      ),
    ).toBe(1);
    expect(
      l2HitRate(
        { level: 0, hashed: true, entries: 1, tableBytes: 16e6, lookupsPerFrame: 1, newCellFraction: 1 },
        gpu,
      ),
    ).toBe(0.25);
  });
});
