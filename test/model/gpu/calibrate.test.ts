import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGpu } from '../../../src/config/gpu.ts';
import { configPath } from '../../../src/config/paths.ts';
import { BASELINE_METRIC_KINDS, calibrationFileSchema } from '../../../src/config/targets.ts';
import {
  calibrate,
  calibrationResiduals,
  loadCalibrationFile,
  nelderMead,
} from '../../../src/model/gpu/calibrate.ts';

const targetsFile = configPath('calibration', 'rtx3090-paper.json');

describe('calibration on the paper RTX 3090 profile', () => {
  it('reads only docs/sources.md#paper-2 baseline targets', () => {
    const cal = loadCalibrationFile(targetsFile);
    expect(cal.targets.length).toBeGreaterThanOrEqual(8);
    for (const t of cal.targets) {
      expect(t.section).toBe('§2');
      expect(t.source).toMatch(/docs\/sources\.md#paper-2/);
      expect(BASELINE_METRIC_KINDS).toContain(t.metric.kind);
    }
    const raw = JSON.parse(readFileSync(targetsFile, 'utf8'));
    const bad = structuredClone(raw);
    delete bad.$schema;
    bad.targets[0].section = '§4';
    expect(calibrationFileSchema.safeParse(bad).success).toBe(false);
    const ngpcMetric = structuredClone(raw);
    delete ngpcMetric.$schema;
    ngpcMetric.targets[0].metric = {
      kind: 'meanSpeedup',
      encoding: 'hashgrid',
      ngpc: 'ngpc-8',
      resolution: '1080p',
    };
    expect(calibrationFileSchema.safeParse(ngpcMetric).success).toBe(false);
  });

  it('the committed efficiencies meet every target within 5 %', () => {
    const gpu = loadGpu('rtx3090');
    const residuals = calibrationResiduals(loadCalibrationFile(targetsFile), gpu, gpu.efficiencies);
    for (const r of residuals) expect(Math.abs(r.residualPct), r.id).toBeLessThanOrEqual(5);
    // Other GPUs reuse them.
    expect(loadGpu('h100').efficiencies).toEqual(gpu.efficiencies);
    expect(loadGpu('h100').efficienciesFrom).toBe('rtx3090');
  });

  it('a refit reproduces the committed values (deterministic)', () => {
    const r = calibrate('rtx3090');
    expect(r.written).toBe(false);
    expect(r.maxAbsResidualPct).toBeLessThanOrEqual(5);
    expect(r.efficiencies).toEqual(loadGpu('rtx3090').efficiencies);
  });

  it('Nelder–Mead finds the minimum of a quadratic', () => {
    const { x } = nelderMead((v) => (v[0]! - 1) ** 2 + (v[1]! + 2) ** 2, [0, 0]);
    expect(x[0]).toBeCloseTo(1, 4);
    expect(x[1]).toBeCloseTo(-2, 4);
  });
});
