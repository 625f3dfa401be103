// Area and power of an NFP: a hand-computed one-engine NFP under both area methods, the shipped presets pinned, linearity.
import { describe, expect, it } from 'vitest';
import { loadGpu } from '../../../src/config/gpu.ts';
import {
  type NgpcConfig,
  nfpAreaPower,
  ngpcAreaPowerBy,
  ngpcConfigByName,
  nodeCosts,
  type QueryActions,
  queryEnergyComponents,
  withAreaMethod,
  withNfps,
} from '../../../src/model/ngpc/index.ts';
import { tweak } from './fixtures.ts';

/** Relative agreement: hand arithmetic in decimals vs binary floating point. */
const REL = 1e-9;
function expectRel(actual: number, expected: number) {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(REL);
}
const byName = <T extends { name: string }>(xs: T[]) => Object.fromEntries(xs.map((x) => [x.name, x]));

/**
 * One engine (1 pos-fract lane, 1 corner/cycle, D = 2, 1 feature lane), a 1 KiB grid SRAM in 1 bank with 8-byte
 * words, a 2×2 fp16 MAC array with 1 KiB weight + 1 KiB activation SRAM, 1-query FIFOs, 1 GHz, and round
 * technology numbers so every component can be checked by hand.
 */
function tinyNfp(): NgpcConfig {
  return tweak('ngpc-8', (cfg) => {
    const e = cfg.encoding;
    cfg.clock.value = 1e9;
    cfg.precision.format.value = 'fp16';
    cfg.precision.bytesPerValue.value = 2;
    cfg.precision.positionBytes.value = 4;
    cfg.precision.indexBytes.value = 4;
    e.engines.value = 1;
    e.posFract.lanes.value = 1;
    e.gridIndex.cornersPerCycle.value = 1;
    e.gridIndex.maxDims.value = 2;
    e.gridSram.bytes.value = 1024;
    e.gridSram.banks.value = 1;
    e.gridSram.portsPerBank.value = 1;
    e.gridSram.wordBytes.value = 8;
    e.interpolation.cornersPerCycle.value = 1;
    e.interpolation.featureLanes.value = 1;
    e.inputFifoQueries.value = 1;
    e.stageFifoQueries.value = 1;
    e.outputFifoQueries.value = 1;
    cfg.mlp.arrayRows.value = 2;
    cfg.mlp.arrayCols.value = 2;
    cfg.mlp.weightSramBytes.value = 1024;
    cfg.mlp.activationSramBytes.value = 1024;
    const t = cfg.tech;
    t.areaMethod.value = 'direct-7nm';
    t.sramBitcellArea.value = 1e-6; // 1 µm²
    t.sramArrayEfficiency.value = 0.5;
    t.fifoAreaFactor.value = 2;
    t.sramLeakagePowerPerMiB.value = 1;
    t.sramRead64bEnergy.value = 8e-12;
    t.sramReadReferenceBytes.value = 1024;
    t.sramEnergySizeExponent.value = 0.5;
    t.logicAreaScale.value = 0.5;
    t.energyScale.value = 0.25;
    t.controlOverhead.value = 0.1;
    const ops = t.ops;
    // area mm², energy J (before scaling)
    ops.fp16Mul.area.value = 0.001;
    ops.fp16Mul.energy.value = 1e-12;
    ops.fp16Add.area.value = 0.002;
    ops.fp16Add.energy.value = 2e-12;
    ops.fp32Mul.area.value = 0.003;
    ops.fp32Mul.energy.value = 3e-12;
    ops.fp32Add.area.value = 0.004;
    ops.fp32Add.energy.value = 4e-12;
    ops.int32Mul.area.value = 0.005;
    ops.int32Mul.energy.value = 5e-12;
    ops.int32Add.area.value = 0.006;
    ops.int32Add.energy.value = 6e-12;
    const s = t.scaled45nm;
    s.sramBitcellArea.value = 4e-6; // 4 µm² at 45 nm
    s.sramArrayEfficiency.value = 0.8;
    s.sramLeakagePowerPerMiB.value = 2;
    s.areaScale.value = 0.1;
    s.energyScale.value = 0.2;
    s.staticPowerScale.value = 0.3;
  });
}

// Unscaled operator sums per unit instance (mm², pJ), shared by both methods:
//   pos-fract      fp32 mul + fp32 add                     = 0.003 + 0.004     = 0.007 mm²,  3 + 4     = 7 pJ
//   grid-index     (D−1) int32 mul + D int32 add, D = 2    = 0.005 + 2·0.006   = 0.017 mm²,  5 + 2·6   = 17 pJ
//   interpolation  (D−1+F) fp16 mul + (D+F) fp16 add, F=1  = 2·0.001 + 3·0.002 = 0.008 mm²,  2·1 + 3·2 = 8 pJ
//   mlp-array      4 MACs × (fp16 mul + add)               = 4·0.003           = 0.012 mm²,  4·3       = 12 pJ
// FIFO bytes: input 1 query · D · 4 B = 8, 3 skid buffers · 1 query · 1 corner · 4 B = 12, output 1 word · 8 B = 8 → 28 B.
// SRAM bytes: grid 1024, MLP 1024 + 1024 = 2048; leakage base (1024 + 2048) / 2^20 MiB = 0.0029296875 MiB.
// Grid read: 1 read/cycle (min(1 bank · 1 port, 1 corner)) of an 8 B word from a 1024 B bank:
//   8 pJ · (1024/1024)^0.5 · 8/8 = 8 pJ before scaling. Activation: (2 + 2) values · 2 B = 8 B → 8 pJ before scaling.
const LEAKAGE_MIB = 3072 / 2 ** 20;

describe('nfpAreaPower, direct-7nm, by hand', () => {
  const ap = nfpAreaPower(tinyNfp());
  const area = byName(ap.areaComponents);
  const power = byName(ap.powerComponents);

  it('gives each component its hand-computed area', () => {
    // SRAM: 8 bits · 1e-6 mm² / 0.5 = 1.6e-5 mm² per byte; logic × logicAreaScale 0.5.
    expectRel(area['grid-sram']!.areaMm2, 1024 * 1.6e-5); // 0.016384
    expectRel(area['pos-fract']!.areaMm2, 0.0035);
    expectRel(area['grid-index']!.areaMm2, 0.0085);
    expectRel(area.interpolation!.areaMm2, 0.004);
    expectRel(area['mlp-array']!.areaMm2, 0.006);
    expectRel(area['mlp-sram']!.areaMm2, 2048 * 1.6e-5); // 0.032768
    expectRel(area['encoding-fifos']!.areaMm2, 28 * 1.6e-5 * 2); // 0.000896
    expectRel(area.control!.areaMm2, 0.1 * 0.022); // control × (0.0035 + 0.0085 + 0.004 + 0.006)
    expectRel(ap.perNfpMm2, 0.016384 + 0.022 + 0.032768 + 0.000896 + 0.0022); // 0.074248
  });

  it('gives each component its hand-computed peak power', () => {
    // energies × energyScale 0.25, at 1 GHz: 1 pJ/cycle = 1 mW.
    expectRel(power['grid-sram']!.powerW, 0.002); // 8 pJ · 0.25
    expectRel(power['pos-fract']!.powerW, 0.00175); // 7 pJ · 0.25
    expectRel(power['grid-index']!.powerW, 0.00425); // 17 pJ · 0.25
    expectRel(power.interpolation!.powerW, 0.002); // 8 pJ · 0.25
    expectRel(power['mlp-array']!.powerW, 0.003); // 12 pJ · 0.25
    expectRel(power['mlp-sram']!.powerW, 0.002); // 8 pJ · 0.25
    expectRel(power.control!.powerW, 0.1 * 0.011); // control × logic (0.00175 + 0.00425 + 0.002 + 0.003)
    expectRel(power['sram-leakage']!.powerW, LEAKAGE_MIB * 1); // 0.0029296875 W at 1 W/MiB
    expectRel(ap.leakageW, LEAKAGE_MIB);
    expectRel(ap.perNfpW, 0.002 + 0.011 + 0.002 + 0.0011 + LEAKAGE_MIB); // 0.0190296875
  });
});

describe('nfpAreaPower, scaled-45nm, by hand', () => {
  const cfg = withAreaMethod(tinyNfp(), 'scaled-45nm');
  const ap = nfpAreaPower(cfg);
  const area = byName(ap.areaComponents);
  const power = byName(ap.powerComponents);

  it('resolves the 45 nm figures and the scale factors', () => {
    const c = nodeCosts(cfg.tech);
    expect(c.method).toBe('scaled-45nm');
    expect(c.sramBitcellAreaMm2).toBe(4e-6);
    expect(c.sramAreaScale).toBe(0.1);
    expect(c.logicAreaScale).toBe(0.1);
    expect(c.energyScale).toBe(0.2);
    expectRel(c.sramLeakageWPerMiB, 2 * 0.3);
    expect(nodeCosts(tinyNfp().tech).sramAreaScale).toBe(1);
  });

  it('gives each component its hand-computed area (45 nm, × areaScale 0.1)', () => {
    // SRAM: 8 bits · 4e-6 mm² / 0.8 = 4e-5 mm² per byte at 45 nm, × 0.1 = 4e-6 mm² per byte.
    expectRel(area['grid-sram']!.areaMm2, 1024 * 4e-6); // 0.004096
    expectRel(area['pos-fract']!.areaMm2, 0.0007); // 0.007 · 0.1
    expectRel(area['grid-index']!.areaMm2, 0.0017);
    expectRel(area.interpolation!.areaMm2, 0.0008);
    expectRel(area['mlp-array']!.areaMm2, 0.0012);
    expectRel(area['mlp-sram']!.areaMm2, 2048 * 4e-6); // 0.008192
    expectRel(area['encoding-fifos']!.areaMm2, 28 * 4e-6 * 2); // 0.000224
    expectRel(area.control!.areaMm2, 0.1 * 0.0044);
    expectRel(ap.perNfpMm2, 0.004096 + 0.0044 + 0.008192 + 0.000224 + 0.00044); // 0.017352
  });

  it('gives each component its hand-computed peak power (45 nm, × energyScale 0.2; leakage × 0.3)', () => {
    expectRel(power['grid-sram']!.powerW, 0.0016); // 8 pJ · 0.2
    expectRel(power['pos-fract']!.powerW, 0.0014); // 7 pJ · 0.2
    expectRel(power['grid-index']!.powerW, 0.0034); // 17 pJ · 0.2
    expectRel(power.interpolation!.powerW, 0.0016); // 8 pJ · 0.2
    expectRel(power['mlp-array']!.powerW, 0.0024); // 12 pJ · 0.2
    expectRel(power['mlp-sram']!.powerW, 0.0016); // 8 pJ · 0.2
    expectRel(power.control!.powerW, 0.1 * 0.0088);
    expectRel(power['sram-leakage']!.powerW, LEAKAGE_MIB * 2 * 0.3); // 0.0017578125 W
    expectRel(ap.perNfpW, 0.0016 + 0.0088 + 0.0016 + 0.00088 + LEAKAGE_MIB * 0.6); // 0.0146378125
  });
});

describe('queryEnergyComponents, by hand', () => {
  // 1 level, D = 2, 4 corners, F = 1, 2 SRAM words, 10 MACs, 4 activation values (8 B).
  const actions: QueryActions = {
    nLevels: 1,
    nDims: 2,
    corners: 4,
    nFeatures: 1,
    sramWordReads: 2,
    macs: 10,
    activationValues: 4,
  };
  // Before scaling (pJ): pos-fract 1·2·(3+4) = 14; grid-index 1·4·(5 + 2·6) = 68;
  // interpolation 4·(1·1 + 2·2) + 4·1·(1+2) = 32; grid-sram 2 · 8 = 16; mlp-array 10·3 = 30; mlp-sram 8;
  // control 0.1 · (14 + 68 + 32 + 30) = 14.4.
  const unscaledPj = {
    'pos-fract': 14,
    'grid-index': 68,
    interpolation: 32,
    'grid-sram': 16,
    'mlp-array': 30,
    'mlp-sram': 8,
    control: 14.4,
  };

  it.each([
    ['direct-7nm', 0.25],
    ['scaled-45nm', 0.2],
  ] as const)('%s: every component is its 45 nm energy × the method’s energy scale (%s)', (method, scale) => {
    const got = byName(queryEnergyComponents(actions, withAreaMethod(tinyNfp(), method)));
    for (const [name, pj] of Object.entries(unscaledPj)) expectRel(got[name]!.joules, pj * 1e-12 * scale);
  });
});

describe('shipped presets', () => {
  const gpu = loadGpu('rtx3090');

  it('use direct-7nm, whose NGPC-8 / NGPC-64 totals are unchanged (+7.32 % area, +4.78 % power at NGPC-8)', () => {
    const n8 = ngpcConfigByName('ngpc-8');
    expect(n8.tech.areaMethod.value).toBe('direct-7nm');
    // Pinned: the values before the area method existed (results/area-power.csv).
    const d8 = ngpcAreaPowerBy(n8, 'direct-7nm');
    expect(d8.totalMm2).toBe(45.996802447125226);
    expect(d8.totalW).toBe(16.741582419051188);
    expectRel((100 * d8.totalMm2) / gpu.dieAreaMm2, 7.31966939005812);
    expectRel((100 * d8.totalW) / gpu.boardPowerW, 4.783309262586053);
    const d64 = ngpcAreaPowerBy(ngpcConfigByName('ngpc-64'), 'direct-7nm');
    expect(d64.totalMm2).toBe(367.9744195770018);
    expect(d64.totalW).toBe(133.9326593524095);
    const own = nfpAreaPower(n8);
    expect(own.perNfpMm2 * 8).toBe(d8.totalMm2);
    expect(own.perNfpW * 8).toBe(d8.totalW);
  });

  it('scaled-45nm gives +5.80 % area, +2.50 % power at NGPC-8 (paper: +4.52 %, +2.75 %)', () => {
    const s8 = ngpcAreaPowerBy(ngpcConfigByName('ngpc-8'), 'scaled-45nm');
    expectRel((100 * s8.totalMm2) / gpu.dieAreaMm2, 5.79965265544276);
    expectRel((100 * s8.totalW) / gpu.boardPowerW, 2.4951257391602226);
  });

  it.each(['direct-7nm', 'scaled-45nm'] as const)('%s is linear in the number of NFPs', (method) => {
    const one = ngpcAreaPowerBy(withNfps(ngpcConfigByName('ngpc-8'), 1), method);
    for (const n of [8, 16, 32, 64]) {
      const preset = ngpcAreaPowerBy(ngpcConfigByName(`ngpc-${n}`), method);
      expectRel(preset.totalMm2, n * one.totalMm2);
      expectRel(preset.totalW, n * one.totalW);
    }
  });

  it('withAreaMethod changes only the method (and returns the config itself when it is already that)', () => {
    const n8 = ngpcConfigByName('ngpc-8');
    expect(withAreaMethod(n8, 'direct-7nm')).toBe(n8);
    const s = withAreaMethod(n8, 'scaled-45nm');
    expect(s.tech.areaMethod.value).toBe('scaled-45nm');
    expect({ ...s, tech: { ...s.tech, areaMethod: n8.tech.areaMethod } }).toEqual(n8);
  });
});
