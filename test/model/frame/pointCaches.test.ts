// The memos a sweep point goes through (NFP batch, area/power, node costs, baseline energy, limiter words) give
// what a fresh computation gives, and keep apart points that differ in one of their inputs only.
import { describe, expect, it } from 'vitest';
import { baselineEnergy } from '../../../src/model/energy/gpuEnergy.ts';
import { evaluatePoint, type PointResult, parseDesignPoint } from '../../../src/model/frame/designPoint.ts';
import { statsRecord } from '../../../src/model/frame/stats.ts';
import { nfpAreaPower } from '../../../src/model/ngpc/index.ts';

function evaluate(over: Record<string, unknown> = {}): PointResult {
  const raw = { gpu: 'rtx3090', app: 'nerf', encoding: 'hashgrid', ngpc: 'ngpc-16', ...over };
  return evaluatePoint(parseDesignPoint(raw, 'test point'));
}

describe('per-point caches', () => {
  it('return what a fresh computation returns', () => {
    const r = evaluate({ profile: 'paper-fit' });
    expect(r.energy.baseline).toEqual(baselineEnergy(r.baseline, r.gpu));
    const ap = nfpAreaPower(r.ngpcConfig!);
    expect(r.ngpc!.area.components).toEqual(ap.areaComponents);
    expect(r.ngpc!.power.totalW).toBe(ap.perNfpW * r.ngpc!.nfps);
  });

  it('keep the profiles apart, in either order', () => {
    const first = evaluate();
    const fitted = evaluate({ profile: 'paper-fit' });
    expect(statsRecord(evaluate())).toEqual(statsRecord(first));
    expect(fitted.ngpc!.area.totalMm2).not.toBe(first.ngpc!.area.totalMm2);
    expect(fitted.energy.baseline.totalJ).not.toBe(first.energy.baseline.totalJ);
    expect(fitted.ngpc!.frameSeconds).not.toBe(first.ngpc!.frameSeconds);
  });

  it('tell apart points that differ only in the NFP count, the SRAM policy or the app', () => {
    const base = evaluate({ nfps: 16 });
    expect(evaluate({ nfps: 17 }).ngpc!.area.totalMm2).toBeGreaterThan(base.ngpc!.area.totalMm2);
    const spill = evaluate({ nfps: 16, sramPolicy: 'spill' });
    expect(spill.ngpc!.dramBytesPerFrame).toBeGreaterThan(base.ngpc!.dramBytesPerFrame);
    const gia = evaluate({ nfps: 16, app: 'gia' });
    expect(gia.ngpc!.batch.mlpCycles).not.toBe(base.ngpc!.batch.mlpCycles);
    expect(gia.ngpc!.engines.map((e) => e.limiter)).not.toEqual(base.ngpc!.engines.map((e) => e.limiter));
  });
});
