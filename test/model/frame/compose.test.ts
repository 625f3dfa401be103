import { describe, expect, it } from 'vitest';
import { APP_NAMES, ENCODING_NAMES } from '../../../src/config/app.ts';
import { loadFrameConfig } from '../../../src/config/frame.ts';
import type { GpuSpec } from '../../../src/config/gpu.ts';
import { composeFrame } from '../../../src/model/frame/compose.ts';
import { designPointSchema, evaluatePoint } from '../../../src/model/frame/designPoint.ts';
import type { BaselineResult } from '../../../src/model/gpu/baseline.ts';
import type { NgpcResult } from '../../../src/model/ngpc/index.ts';

const gpu = { dieAreaMm2: 600, boardPowerW: 300, idlePowerW: 30 } as GpuSpec;
const frameCfg = loadFrameConfig();

function baseline(restSeconds: number, otherSeconds: number): BaselineResult {
  return {
    gpu: 'test',
    frameSeconds: restSeconds + otherSeconds,
    groupSeconds: { encoding: otherSeconds, mlp: 0, rest: restSeconds },
    kernels: [
      {
        name: 'rest',
        group: 'rest',
        aluOps: 0,
        tensorFlops: 0,
        l2Bytes: 1e9,
        dramBytes: 1e9,
        launches: 0,
        seconds: restSeconds,
        aluSeconds: 0,
        tensorSeconds: 0,
        l2Seconds: 0,
        dramSeconds: restSeconds,
        launchSeconds: 0,
        limiter: 'dram',
        share: 0,
      },
    ],
    l2BytesPerFrame: 0,
    dramBytesPerFrame: 0,
  };
}

function ngpc(frameSeconds: number): NgpcResult {
  return {
    frameSeconds,
    clockHz: 1e9,
    nfps: 2,
    cyclesPerQueryPerNfp: 1,
    batch: {
      queries: 1000,
      cycles: 0,
      encodingCycles: 0,
      mlpCycles: 0,
      stallCycles: 0,
      bankConflictCycles: 0,
    },
    engines: [],
    limiter: 'mlp',
    sram: { policy: 'assume-fits', levels: [] },
    l2BytesPerFrame: 5e8,
    dramBytesPerFrame: 1e8,
    area: { perNfpMm2: 3, totalMm2: 6, components: [] },
    power: { perNfpW: 1.5, totalW: 3, components: [] },
    energyPerFrameJ: 0.01,
    energyComponents: [{ name: 'mlp-array', joules: 0.01 }],
  };
}

describe('frame composition', () => {
  it('pipelines NGPC against the fused rest kernels: max + min / batches', () => {
    // rest 0.994 s → fused 0.1 s; NGPC 0.2 s; 5,000 queries / 1000 per NFP batch = 5 batches.
    const f = composeFrame(baseline(0.994, 1), ngpc(0.2), gpu, frameCfg, 5_000);
    expect(f.restFusedSeconds).toBeCloseTo(0.1, 12);
    expect(f.batches).toBe(5);
    expect(f.frameSeconds).toBeCloseTo(0.2 + 0.1 / 5, 12);
    expect(f.limiter).toBe('ngpc');
    expect(f.speedup).toBeCloseTo(1.994 / 0.22, 9);
    expect(f.amdahlBoundSpeedup).toBeCloseTo(1.994 / 0.1, 9);
    expect(f.areaOverhead).toBeCloseTo(0.01, 12);
    expect(f.powerOverhead).toBeCloseTo(0.01, 12);
    // DRAM: NGPC 1e8 + rest 1e9 / 9.94.
    expect(f.dramBytesPerFrame).toBeCloseTo(1e8 + 1e9 / 9.94, 0);
    // Energy is no longer composed here: see test/model/energy/frameEnergy.test.ts.
  });

  it('serial composition (a paper-fit reading): NGPC and the fused rest back to back, no batch overlap', () => {
    // Same numbers as above: fused rest 0.1 s, NGPC 0.2 s → 0.3 s whatever the batch count.
    const f = composeFrame(baseline(0.994, 1), ngpc(0.2), gpu, frameCfg, 5_000, 'serial');
    expect(f.composition).toBe('serial');
    expect(f.frameSeconds).toBeCloseTo(0.3, 12);
    expect(f.pipelineFillSeconds).toBeCloseTo(0.1, 12);
    expect(f.speedup).toBeCloseTo(1.994 / 0.3, 9);
    expect(f.limiter).toBe('ngpc');
  });

  it('reports the GPU side as the limiter when the fused rest is longer', () => {
    const f = composeFrame(baseline(9.94, 1), ngpc(0.5), gpu, frameCfg, 1000);
    expect(f.limiter).toBe('gpu-rest');
    expect(f.frameSeconds).toBeCloseTo(1 + 0.5, 12);
  });
});

const point = (app: string, encoding: string, resolution: string, ngpc: string, nfps?: number) =>
  evaluatePoint(designPointSchema.parse({ gpu: 'rtx3090', app, encoding, resolution, ngpc, nfps }));

describe('monotonicity over the paper space', () => {
  it('more NFPs are never slower', () => {
    for (const app of APP_NAMES) {
      for (const encoding of ENCODING_NAMES) {
        let last = Number.POSITIVE_INFINITY;
        for (const nfps of [1, 2, 4, 8, 16, 32, 64, 128]) {
          const s = point(app, encoding, '1080p', 'ngpc-8', nfps).frame!.frameSeconds;
          expect(s, `${app}/${encoding} at ${nfps} NFPs`).toBeLessThanOrEqual(last * (1 + 1e-12));
          last = s;
        }
      }
    }
  });

  it('a higher resolution never gives more FPS', () => {
    for (const app of APP_NAMES) {
      for (const encoding of ENCODING_NAMES) {
        for (const ngpc of ['none', 'ngpc-8', 'ngpc-64']) {
          const fps = ['1080p', '4k', '8k'].map((r) => {
            const p = point(app, encoding, r, ngpc);
            return 1 / (p.frame ? p.frame.frameSeconds : p.baseline.frameSeconds);
          });
          expect(fps[1]!, `${app}/${encoding}/${ngpc}`).toBeLessThanOrEqual(fps[0]!);
          expect(fps[2]!, `${app}/${encoding}/${ngpc}`).toBeLessThanOrEqual(fps[1]!);
        }
      }
    }
  });
});
