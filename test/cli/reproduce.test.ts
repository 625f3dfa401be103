import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.ts';
import { configPath } from '../../src/config/paths.ts';
import { calibrationFileSchema, reproduceFileSchema } from '../../src/config/targets.ts';
import { judgeRow, reproduce, reproduceFails } from '../../src/model/fit/reproduce.ts';
import { FIRST_PRINCIPLES } from '../../src/model/profile/settings.ts';
import { cli } from '../helpers/cli.ts';

describe('ngpc reproduce', () => {
  it('--json rows carry role and recorded deviation; first-principles sits at every recorded deviation (exit 0)', async () => {
    const r = await cli('reproduce', '--json');
    const j = JSON.parse(r.stdout);
    expect(j.profile).toBe('first-principles');
    expect(j.rows.length).toBeGreaterThanOrEqual(24);
    for (const row of j.rows) {
      for (const key of [
        'quantity',
        'role',
        'paper',
        'model',
        'deltaPct',
        'tolerancePct',
        'pass',
        'expected',
      ])
        expect(row).toHaveProperty(key);
      expect(row.expected.holds, row.id).toBe(true);
    }
    expect(j.moved).toEqual([]);
    expect(r.code).toBe(0);
    // The §2 (calibration) rows pass within 5 % and are role "fit"; in first-principles no §4 result is fitted.
    for (const row of j.rows.filter((x: { id: string }) => !x.id.startsWith('arvr-'))) {
      if (row.section === '§2') expect([row.id, row.role, row.pass]).toEqual([row.id, 'fit', true]);
      else expect(row.role, row.id).not.toBe('fit');
    }
  });

  it('first-principles numbers are unchanged: the recorded deviations pin them (NGPC-8 mean -53.8 %, area +61.9 %)', () => {
    const r = reproduce();
    const at = (id: string) => r.rows.find((x) => x.id === id)!;
    expect(at('speedup-hashgrid-ngpc-8').model).toBeCloseTo(5.543, 3);
    expect(at('speedup-hashgrid-ngpc-64').model).toBeCloseTo(25.19, 2);
    expect(at('area-overhead-ngpc-8').model).toBeCloseTo(7.32, 2);
    expect(at('nerf-1080p-frame').model).toBeCloseTo(232.0, 1);
  });

  it('moving one model parameter (the NFP clock, 1.0 -> 1.1 GHz) moves rows and fails the run', () => {
    const r = reproduce(undefined, { settings: { ...FIRST_PRINCIPLES, clockHz: 1.1e9 } });
    expect(r.moved).toContain('speedup-hashgrid-ngpc-8');
    // The GPU-only rows do not depend on the NFP clock.
    expect(r.moved).not.toContain('nerf-1080p-frame');
    expect(reproduceFails(r)).toBe(true);
  });

  it('every shipped row records where each profile sits, with a reason', () => {
    const rep = loadConfig(configPath('reproduce', 'paper.json'), reproduceFileSchema);
    const cal = loadConfig(configPath('calibration', 'rtx3090-paper.json'), calibrationFileSchema);
    for (const row of [...cal.targets, ...rep.rows]) {
      expect(row.expectedDeviation?.['first-principles']?.reason, row.id).toBeTruthy();
      expect(row.expectedDeviation?.['paper-fit']?.reason, row.id).toBeTruthy();
    }
  });

  it('--profile paper-fit: the fit set is role "fit" within ±10 %, the rest held out; exit 0', async () => {
    const r = await cli('reproduce', '--profile', 'paper-fit', '--json');
    const j = JSON.parse(r.stdout);
    expect(j.profile).toBe('paper-fit');
    const fitIds = j.rows.filter(
      (x: { role: string; section: string }) => x.role === 'fit' && x.section === '§4',
    );
    expect(fitIds.map((x: { id: string }) => x.id)).toEqual([
      'speedup-hashgrid-ngpc-8',
      'speedup-hashgrid-ngpc-16',
      'speedup-hashgrid-ngpc-32',
      'speedup-hashgrid-ngpc-64',
    ]);
    for (const row of fitIds) expect(Math.abs(row.deltaPct), row.id).toBeLessThanOrEqual(10);
    for (const id of ['speedup-hashgrid-max', 'fps-nerf-4k-ngpc-64', 'area-overhead-ngpc-64'])
      expect(j.rows.find((x: { id: string }) => x.id === id).role).toBe('held-out');
    expect(j.rows.find((x: { id: string }) => x.id === 'rest-fusion-speedup').role).toBe('quoted');
    expect(j.fitProblems).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('prints a table with roles and a summary line; an unknown profile is exit 2', async () => {
    const r = await cli('reproduce');
    expect(r.stdout).toMatch(/rows within the paper's tolerance/);
    expect(r.stdout).toMatch(/share-hashgrid +fit/);
    const bad = await cli('reproduce', '--profile', 'best-fit');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--profile "best-fit"');
  });

  it('judges within and at-least rows', () => {
    expect(judgeRow({ paper: 100, tolerancePct: 5, comparison: 'within' }, 104).pass).toBe(true);
    expect(judgeRow({ paper: 100, tolerancePct: 5, comparison: 'within' }, 94).pass).toBe(false);
    expect(judgeRow({ paper: 30, tolerancePct: 0, comparison: 'atLeast' }, 45).pass).toBe(true);
    expect(judgeRow({ paper: 30, tolerancePct: 0, comparison: 'atLeast' }, 29.9).pass).toBe(false);
  });
});
