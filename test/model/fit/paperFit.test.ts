import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGpu } from '../../../src/config/gpu.ts';
import { configPath } from '../../../src/config/paths.ts';
import { loadPaperFitResult, loadPaperFitSpec } from '../../../src/config/profile.ts';
import { ConfigError } from '../../../src/errors.ts';
import { hypothesisCombinations, loadPaperFitInputs, runPaperFit } from '../../../src/model/fit/paperFit.ts';
import { argmin, goldenSectionLog, logGrid } from '../../../src/model/fit/search.ts';
import { baselineMetricValue } from '../../../src/model/gpu/baselineMetrics.ts';

const SHIPPED = configPath('calibration', 'paper-fit.json');

/** A copy of the shipped declaration with `edit` applied, its relative paths made absolute. */
function specVariant(edit: (spec: Record<string, any>) => void): string {
  const spec = JSON.parse(readFileSync(SHIPPED, 'utf8'));
  spec.reproduce = configPath('reproduce', 'paper.json');
  spec.calibrationTargets = configPath('calibration', 'rtx3090-paper.json');
  spec.$schema = undefined;
  edit(spec);
  const file = join(mkdtempSync(join(tmpdir(), 'ngpc-fit-')), 'paper-fit.json');
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

describe('fit search', () => {
  it('log grids include both ends and are geometric', () => {
    const g = logGrid(0.25, 2, 4);
    expect(g[0]).toBeCloseTo(0.25, 12);
    expect(g[3]).toBeCloseTo(2, 12);
    expect(g[1]! / g[0]!).toBeCloseTo(2, 12);
    expect(argmin([3, 1, 1, 2])).toBe(1);
  });

  it('golden section finds the minimum of a log-parabola within its final bracket', () => {
    const f = (x: number) => (Math.log(x) - Math.log(3)) ** 2;
    const r = goldenSectionLog(f, 1, 10, 30);
    expect(Math.abs(r.x / 3 - 1)).toBeLessThanOrEqual(r.bracketRelative);
    expect(r.bracketRelative).toBeLessThan(1e-5);
  });
});

describe('paper-fit declaration rules', () => {
  it('tries every combination of the declared readings, the first varying slowest', () => {
    const combos = hypothesisCombinations(loadPaperFitSpec(SHIPPED));
    expect(combos).toHaveLength(2 * 2 * 3 * 2);
    expect(combos[0]).toEqual({
      shareAggregation: 'mean-of-apps',
      composition: 'overlapped',
      mlpDataflow: 'ws',
      tableResidency: 'per-frame',
    });
    expect(combos.at(-1)!.shareAggregation).toBe('pooled-time');
  });

  it('refuses §2 rows, quoted parameters, unknown rows and as many rows as fitted parameters', () => {
    const bad = (rows: string[]) =>
      specVariant((s) => {
        s.fitSet.rows = rows;
      });
    const issues = (file: string) => {
      try {
        loadPaperFitInputs(file);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as ConfigError).message;
      }
      return '';
    };
    expect(issues(bad(['share-hashgrid', 'speedup-hashgrid-ngpc-8', 'speedup-hashgrid-ngpc-16']))).toMatch(
      /\$\.fitSet\.rows\[0\] = "share-hashgrid": expected a §4 result row: this is a §2 target/,
    );
    expect(issues(bad(['arvr-gap-oom-min', 'speedup-hashgrid-ngpc-8', 'speedup-hashgrid-ngpc-16']))).toMatch(
      /\$\.fitSet\.rows\[0\] = "arvr-gap-oom-min": expected a §4 result row/,
    );
    expect(issues(bad(['rest-fusion-speedup', 'speedup-hashgrid-ngpc-8', 'fps-nerf-4k-ngpc-64']))).toMatch(
      /quoted parameters are never fitted/,
    );
    expect(issues(bad(['nope', 'speedup-hashgrid-ngpc-8', 'fps-nerf-4k-ngpc-64']))).toMatch(
      /\$\.fitSet\.rows\[0\] = "nope": expected a row id/,
    );
    expect(issues(bad(['speedup-hashgrid-ngpc-8', 'speedup-hashgrid-ngpc-16']))).toMatch(
      /expected more fit rows than fitted parameters \(2\)/,
    );
  });
});

describe('ngpc fit', () => {
  it('is deterministic and fits one combination on a small grid (a quick stand-in for `fit --check` in CI)', () => {
    const file = specVariant((s) => {
      s.hypotheses.shareAggregation.options = ['mean-of-apps'];
      s.hypotheses.composition.options = ['overlapped'];
      s.hypotheses.mlpDataflow.options = ['ws'];
      s.hypotheses.tableResidency.options = ['resident'];
      s.search.samplesPerPixelScaleGridPoints = 3;
      s.search.clockGridPoints = 3;
      s.search.clockGoldenIterations = 4;
    });
    const a = runPaperFit(file);
    const b = runPaperFit(file);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.combinations).toHaveLength(1);
    expect(a.leaveOneOut.map((l) => l.heldOut)).toEqual(loadPaperFitSpec(file).fitSet.rows);
    const { clock } = loadPaperFitSpec(file).parameters;
    expect(a.chosen.values.clockHz).toBeGreaterThanOrEqual(clock.min);
    expect(a.chosen.values.clockHz).toBeLessThanOrEqual(clock.max);
  });

  it('the recorded fit chose by fit objective alone, within the declared ranges, with §2 still calibrated', () => {
    const spec = loadPaperFitSpec();
    const fit = loadPaperFitResult();
    const best = Math.min(...fit.combinations.map((c) => c.objective));
    expect(fit.chosen.objective).toBe(best);
    expect(fit.chosen.calibrationMaxResidualPct).toBeLessThanOrEqual(5);
    expect(fit.chosen.fitMaxResidualPct).toBeLessThanOrEqual(spec.fitSet.maxResidualPct);
    const { clock, samplesPerPixelScale: sp } = spec.parameters;
    for (const c of fit.combinations) {
      expect(c.values.clockHz).toBeGreaterThanOrEqual(clock.min * (1 - 1e-6));
      expect(c.values.clockHz).toBeLessThanOrEqual(clock.max * (1 + 1e-6));
      expect(c.values.samplesPerPixelScale).toBeGreaterThanOrEqual(sp.min * (1 - 1e-6));
      expect(c.values.samplesPerPixelScale).toBeLessThanOrEqual(sp.max * (1 + 1e-6));
    }
  });
});

describe('share aggregation readings', () => {
  it('pooled time weighs apps by frame time; mean of apps weighs them equally', () => {
    const gpu = loadGpu('rtx3090');
    const metric = {
      kind: 'share' as const,
      encoding: 'hashgrid' as const,
      groups: ['encoding' as const, 'mlp' as const],
      resolution: '1080p',
      apps: ['nerf' as const, 'gia' as const],
    };
    const one = (app: 'nerf' | 'gia') =>
      baselineMetricValue({ ...metric, apps: [app] }, gpu, undefined, { shareAggregation: 'mean-of-apps' });
    const mean = baselineMetricValue(metric, gpu, undefined, { shareAggregation: 'mean-of-apps' });
    const pooled = baselineMetricValue(metric, gpu, undefined, { shareAggregation: 'pooled-time' });
    expect(mean).toBeCloseTo((one('nerf') + one('gia')) / 2, 9);
    // NeRF's 232 ms frame dominates the pooled share, so it lies much nearer NeRF's own share than the mean does.
    expect(Math.abs(pooled - one('nerf'))).toBeLessThan(Math.abs(mean - one('nerf')));
  });
});
