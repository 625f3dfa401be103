import { describe, expect, it } from 'vitest';
import { loadApp } from '../../../src/config/app.ts';
import { loadFrameConfig } from '../../../src/config/frame.ts';
import { evaluatePoint, ngpcConfigOf } from '../../../src/model/frame/designPoint.ts';
import { pointFromFlags } from '../../../src/model/frame/simulate.ts';
import {
  evaluateNgpcPoint,
  SOLVABLE_PARAMS,
  solvableParam,
} from '../../../src/model/solve/solvableParams.ts';
import { solveParameter, solveParameters } from '../../../src/model/solve/solveParameter.ts';

const nerf4k = pointFromFlags({
  gpu: 'rtx3090',
  nfps: 64,
  app: 'nerf',
  encoding: 'hashgrid',
  resolution: '4k',
});
const fpsOf = (r: ReturnType<typeof evaluatePoint>) => 1 / r.frame!.frameSeconds;

describe('solvable parameters', () => {
  const base = evaluateNgpcPoint(nerf4k);
  for (const param of SOLVABLE_PARAMS) {
    it(`${param.name}: the config value lies in the range and evaluating at it reproduces the point`, () => {
      const { value } = param.current(base);
      // Every solvable parameter is a positive physical quantity (a clock, a count, a bandwidth, a speedup): a range
      // that reaches 0 would let the solver divide by it.
      expect(param.range.min).toBeGreaterThan(0);
      expect(value).toBeGreaterThanOrEqual(param.range.min);
      expect(value).toBeLessThanOrEqual(param.range.max);
      expect(param.evaluate(nerf4k, base, value).frame.frameSeconds).toBeCloseTo(base.frame.frameSeconds, 15);
    });
  }

  it('an unknown name lists the allowed ones', () => {
    expect(() => solvableParam('voltage')).toThrow(
      /^vary "voltage".*clock, nfps, samplesPerPixel, restFusionSpeedup/,
    );
  });
});

describe('solveParameter', () => {
  it('nfps for a 20x speedup: the model meets it at the returned count and misses it one NFP below', () => {
    const r = solveParameter(nerf4k, 'nfps', { metric: 'speedup', value: 20 });
    expect(r.status).toBe('solved');
    expect(r.direction).toBe('increasing');
    expect(r.bound).toBe('min');
    const n = r.required!;
    expect(Number.isInteger(n)).toBe(true);
    expect(r.ratio).toBe(n / 64);
    // Re-evaluated through the ordinary --nfps path, not the solver's override.
    const speedupAt = (nfps: number) => evaluatePoint({ ...nerf4k, ngpc: 'ngpc-8', nfps }).frame!.speedup;
    expect(speedupAt(n)).toBeGreaterThanOrEqual(20);
    expect(speedupAt(n - 1)).toBeLessThan(20);
    expect(r.atSolution!.speedup).toBe(speedupAt(n));
  });

  it('clock for 70 % of the configured FPS: re-evaluating at the returned clock gives the target within 0.1 %', () => {
    // Targets relative to the configured point keep the test meaningful when configs/ values are revised.
    const target = 0.7 * fpsOf(evaluatePoint(nerf4k));
    const r = solveParameter(nerf4k, 'clock', { metric: 'fps', value: target });
    expect(r.status).toBe('solved');
    const cfg = ngpcConfigOf(nerf4k);
    expect(r.assumed).toBe(cfg.clock.value);
    const again = evaluatePoint(nerf4k, { ngpc: { ...cfg, clock: { value: r.required!, source: 'test' } } });
    expect(fpsOf(again)).toBeGreaterThanOrEqual(target);
    expect(Math.abs(fpsOf(again) / target - 1)).toBeLessThan(1e-3);
    // Below the configured FPS, so a slower NFP suffices and the NGPC is then the limiter.
    expect(r.required!).toBeLessThan(r.assumed);
    expect(r.atSolution!.frameLimiter).toBe('ngpc');
    // Nothing shared was mutated.
    expect(ngpcConfigOf(nerf4k).clock.value).toBe(r.assumed);
    expect(fpsOf(evaluatePoint(nerf4k))).toBeCloseTo(r.atAssumed.fps, 12);
  });

  it('10,000 FPS at 8K is unreachable by clock: the fused rest kernels cap the frame', () => {
    const nerf8k = { ...nerf4k, resolution: '8k' };
    const r = solveParameter(nerf8k, 'clock', { metric: 'fps', value: 10_000 });
    expect(r.status).toBe('unreachable');
    expect(r.required).toBeNull();
    expect(r.ratio).toBeNull();
    expect(r.best.value).toBe(20e9);
    expect(r.best.frameLimiter).toBe('gpu-rest');
    // The best frame is at least the fused rest kernels' time, and barely more at 20 GHz.
    expect(r.best.fps).toBeLessThanOrEqual(1 / r.best.restFusedSeconds);
    expect(r.best.fps).toBeGreaterThan(0.99 / r.best.restFusedSeconds);
    expect(r.note).toMatch(/unreachable.*fused rest kernels.*cap the frame.*Amdahl bound/);
  });

  it('samples per pixel falls as the FPS target rises, and the returned value is the largest that meets it', () => {
    const at20 = solveParameter(nerf4k, 'samplesPerPixel', { metric: 'fps', value: 20 });
    const at30 = solveParameter(nerf4k, 'samplesPerPixel', { metric: 'fps', value: 30 });
    for (const r of [at20, at30]) {
      expect(r.status).toBe('solved');
      expect(r.direction).toBe('decreasing');
      expect(r.bound).toBe('max');
      expect(r.assumed).toBe(loadApp('nerf').samplesPerPixel.value);
    }
    expect(at30.required!).toBeLessThan(at20.required!);
    expect(at30.ratio! / at20.ratio!).toBeCloseTo(at30.required! / at20.required!, 12);
    const fpsAt = (spp: number) =>
      fpsOf(evaluatePoint({ ...nerf4k, samplesPerPixel: { value: spp, source: 'test' } }));
    expect(fpsAt(at30.required!)).toBeGreaterThanOrEqual(30);
    expect(fpsAt(at30.required! * 1.000001)).toBeLessThan(30);
  });

  it('rest fusion for 4K@30: the rest-limited frame needs about 30 x the unfused rest time', () => {
    const r = solveParameter(nerf4k, 'restFusionSpeedup', { metric: 'fps', value: 30 });
    expect(r.status).toBe('solved');
    expect(r.assumed).toBe(loadFrameConfig().restFusionSpeedup.value);
    const unfusedRestSeconds = r.atAssumed.restFusedSeconds * r.assumed;
    // frame = fused rest + a small pipeline fill, so the fusion speedup is just above 30 FPS × unfused rest.
    expect(r.required!).toBeGreaterThan(30 * unfusedRestSeconds);
    expect(r.required! / (30 * unfusedRestSeconds)).toBeLessThan(1.005);
    expect(r.atSolution!.frameLimiter).toBe('gpu-rest');
    expect(loadFrameConfig().restFusionSpeedup.value).toBe(r.assumed);
  });

  it('a target already met at the least demanding end of the range says so', () => {
    const r = solveParameter(nerf4k, 'nfps', { metric: 'fps', value: 0.1 });
    expect(r.status).toBe('met-across-range');
    expect(r.required).toBe(1);
    expect(r.atSolution!.fps).toBeGreaterThanOrEqual(0.1);
  });

  it('rejects a non-positive target and a baseline-only point', () => {
    expect(() => solveParameter(nerf4k, 'clock', { metric: 'fps', value: 0 })).toThrow(
      /^fps 0: expected a positive/,
    );
    expect(() =>
      solveParameters({ ...nerf4k, ngpc: 'none' }, ['clock'], { metric: 'fps', value: 30 }),
    ).toThrow(/^ngpc "none": expected an NGPC preset/);
  });

  it('solveParameters gives one row per name, in order, and is deterministic', () => {
    const names = ['restFusionSpeedup', 'clock'];
    const a = solveParameters(nerf4k, names, { metric: 'speedup', value: 20 });
    expect(a.rows.map((r) => r.parameter)).toEqual(names);
    expect(JSON.stringify(solveParameters(nerf4k, names, { metric: 'speedup', value: 20 }))).toBe(
      JSON.stringify(a),
    );
  });
});
