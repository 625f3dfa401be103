import { describe, expect, it } from 'vitest';
import { type GpuSpec, gpuPresetNames, loadGpu } from '../../../src/config/gpu.ts';
import { busyPower, fitActivePowerW } from '../../../src/model/energy/busyPower.ts';
import { ngpcFrameEnergy } from '../../../src/model/energy/frameEnergy.ts';
import { baselineEnergy, kernelEnergy } from '../../../src/model/energy/gpuEnergy.ts';
import { designPointSchema, evaluatePoint } from '../../../src/model/frame/designPoint.ts';
import type { BaselineResult } from '../../../src/model/gpu/baseline.ts';
import {
  type NgpcResult,
  ngpcConfigByName,
  queryEnergyComponents,
  queryEnergyJ,
} from '../../../src/model/ngpc/index.ts';

const pJ = 1e-12;
/** Round per-action energies so each expected value is computed by hand. */
const gpu = {
  idlePowerW: 30,
  boardPowerW: 300,
  energy: {
    aluOpJ: 1 * pJ,
    tensorMacJ: 2 * pJ,
    l2ByteJ: 3 * pJ,
    dramBitJ: 4 * pJ,
    staticPowerW: 10,
    activePowerW: 20,
  },
} as GpuSpec;

describe('baseline GPU energy from action counts', () => {
  it('one kernel: ops × pJ/op + bytes × pJ/byte + DRAM bits × pJ/bit + (static + active) × time', () => {
    const e = kernelEnergy(
      {
        name: 'k',
        group: 'encoding',
        aluOps: 1e9,
        tensorFlops: 2e9,
        l2Bytes: 1e9,
        dramBytes: 1e8,
        seconds: 0.01,
      },
      gpu,
    );
    expect(e.aluJ).toBeCloseTo(1e-3, 15); // 1e9 ops × 1 pJ
    expect(e.tensorJ).toBeCloseTo(2e-3, 15); // 2e9 flops / 2 = 1e9 MACs × 2 pJ
    expect(e.l2J).toBeCloseTo(3e-3, 15); // 1e9 B × 3 pJ
    expect(e.dramJ).toBeCloseTo(3.2e-3, 15); // 1e8 B × 8 bit × 4 pJ
    expect(e.staticJ).toBeCloseTo(0.1, 15); // 10 W × 10 ms
    expect(e.activeJ).toBeCloseTo(0.2, 15); // 20 W × 10 ms
    expect(e.totalJ).toBeCloseTo(0.3092, 12);
    expect(e.powerW).toBeCloseTo(30.92, 9);
  });

  it('NeRF hash grid at 1080p on the RTX 3090: the frame is the sum of its kernels, each from its counts', () => {
    const r = evaluatePoint(
      designPointSchema.parse({ gpu: 'rtx3090', app: 'nerf', encoding: 'hashgrid', ngpc: 'none' }),
    );
    const g = r.gpu;
    const s = (8 / 45) * pJ; // Horowitz 45 nm energies scaled to Samsung 8N (configs/gpus/rtx3090.json)
    let expected = 0;
    for (const k of r.baseline.kernels) {
      expected +=
        k.aluOps * (3.7 + 0.9) * s +
        (k.tensorFlops / 2) * (1.1 + 0.4) * s +
        k.l2Bytes * (100 / 8) * s +
        k.dramBytes * 8 * 7.25 * pJ +
        (60 + g.energy.activePowerW) * k.seconds;
    }
    expect(r.energy.baseline.totalJ).toBeCloseTo(expected, 9);
    expect(baselineEnergy(r.baseline, g).kernels.map((k) => k.name)).toEqual(
      r.baseline.kernels.map((k) => k.name),
    );
  });
});

describe('NGPC energy from action counts', () => {
  it('one query: Horowitz 45 nm operator and SRAM energies scaled to 7 nm', () => {
    const cfg = ngpcConfigByName('ngpc-8');
    const s = (7 / 45) * (0.75 / 0.9) ** 2 * pJ;
    const a = {
      nLevels: 1,
      nDims: 3,
      corners: 8,
      nFeatures: 2,
      sramWordReads: 4,
      macs: 100,
      activationValues: 10,
    };
    const c = Object.fromEntries(queryEnergyComponents(a, cfg).map((x) => [x.name, x.joules]));
    const posFract = 3 * (3.7 + 0.9) * s; // D f32 FMAs
    const gridIndex = 8 * (2 * 3.1 + 3 * 0.1) * s; // per corner (D−1) int mul + D int add
    const interpolation = (8 * (2 * 1.1 + 3 * 0.4) + 8 * 2 * (1.1 + 0.4)) * s; // fp16 weights + feature MACs
    const mlpArray = 100 * (1.1 + 0.4) * s;
    // 64 KiB bank (1 MiB / 16), 16-byte words: 20 pJ × √(64/32) × 16/8 per read.
    const gridSram = 4 * 20 * Math.SQRT2 * 2 * s;
    // 256 KiB activation SRAM, 10 fp16 values = 20 bytes: 20 pJ × √8 × 20/8.
    const mlpSram = 20 * Math.sqrt(8) * (20 / 8) * s;
    expect(c['pos-fract']).toBeCloseTo(posFract, 18);
    expect(c['grid-index']).toBeCloseTo(gridIndex, 18);
    expect(c.interpolation).toBeCloseTo(interpolation, 18);
    expect(c['mlp-array']).toBeCloseTo(mlpArray, 18);
    expect(c['grid-sram']).toBeCloseTo(gridSram, 18);
    expect(c['mlp-sram']).toBeCloseTo(mlpSram, 18);
    expect(c.control).toBeCloseTo(0.25 * (posFract + gridIndex + interpolation + mlpArray), 18);
    expect(queryEnergyJ(a, cfg)).toBeCloseTo(
      posFract + gridIndex + interpolation + mlpArray + gridSram + mlpSram + c.control!,
      18,
    );
  });

  it('a frame with NGPC: fused rest kernels, GPU idle wait, NFP components, host L2 and DRAM traffic', () => {
    const rest = {
      name: 'composite',
      group: 'rest' as const,
      aluOps: 1e9,
      tensorFlops: 0,
      l2Bytes: 1e9,
      dramBytes: 1e9,
      launches: 0,
      seconds: 0.994,
      aluSeconds: 0,
      tensorSeconds: 0,
      l2Seconds: 0,
      dramSeconds: 0.994,
      launchSeconds: 0,
      limiter: 'dram' as const,
      share: 0.5,
    };
    const baseline = { kernels: [rest] } as unknown as BaselineResult;
    const ngpc = {
      l2BytesPerFrame: 5e8,
      dramBytesPerFrame: 1e8,
      energyPerFrameJ: 0.01,
      energyComponents: [{ name: 'mlp-array', joules: 0.01 }],
    } as NgpcResult;
    const e = ngpcFrameEnergy(baseline, ngpc, { frameSeconds: 0.22, restFusedSeconds: 0.1 }, gpu, 0.1);
    // Fused rest: 1e9 ops × 1 pJ + 1e8 L2 B × 3 pJ + 1e8 DRAM B × 32 pJ + (10 + 20) W × 0.1 s.
    expect(e.gpuRestJ).toBeCloseTo(1e-3 + 3e-4 + 3.2e-3 + 3, 12);
    expect(e.gpuIdleJ).toBeCloseTo(30 * 0.12, 12);
    expect(e.hostL2J).toBeCloseTo(5e8 * 3 * pJ, 15);
    expect(e.hostDramJ).toBeCloseTo(1e8 * 8 * 4 * pJ, 15);
    expect(e.totalJ).toBeCloseTo(3.0045 + 3.6 + 0.01 + 1.5e-3 + 3.2e-3, 12);
    expect(e.components.reduce((s, c) => s + c.joules, 0)).toBeCloseTo(e.totalJ, 12);
  });
});

describe('busy-power calibration (board power is a spec)', () => {
  it('every preset draws its board power on average over the paper profile, with the committed activePowerW', () => {
    for (const name of gpuPresetNames()) {
      const g = loadGpu(name);
      expect(Math.abs(g.energy.activePowerW - fitActivePowerW(g)), name).toBeLessThan(0.01);
      expect(busyPower(g).meanPowerW / g.boardPowerW, name).toBeCloseTo(1, 4);
    }
  });
});
