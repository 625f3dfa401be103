import { describe, expect, it } from 'vitest';
import { judgeRow } from '../../src/model/frame/reproduce.ts';
import { cli } from '../helpers/cli.ts';

describe('ngpc reproduce', () => {
  it('--json rows carry quantity, paper, model, deltaPct, tolerancePct, pass; exit 1 iff a row fails', async () => {
    const r = await cli('reproduce', '--json');
    const j = JSON.parse(r.stdout);
    expect(j.rows.length).toBeGreaterThanOrEqual(20);
    for (const row of j.rows) {
      for (const key of ['quantity', 'paper', 'model', 'deltaPct', 'tolerancePct', 'pass'])
        expect(row).toHaveProperty(key);
    }
    expect(r.code).toBe(j.failed > 0 ? 1 : 0);
    // The §2 (calibration) rows pass within 5 %; §4 rows are predictions and are reported as they are.
    for (const row of j.rows.filter((x: { section: string }) => x.section === '§2'))
      expect(row.pass, row.id).toBe(true);
    expect(j.rows.filter((x: { section: string }) => x.section === '§4').length).toBeGreaterThanOrEqual(13);
  });

  it('prints a table with a summary line', async () => {
    const r = await cli('reproduce');
    expect(r.stdout).toMatch(/rows pass; mean \|Δ\|/);
    expect(r.stdout).toContain('share-hashgrid');
  });

  it('judges within and at-least rows', () => {
    expect(judgeRow({ paper: 100, tolerancePct: 5, comparison: 'within' }, 104).pass).toBe(true);
    expect(judgeRow({ paper: 100, tolerancePct: 5, comparison: 'within' }, 94).pass).toBe(false);
    expect(judgeRow({ paper: 30, tolerancePct: 0, comparison: 'atLeast' }, 45).pass).toBe(true);
    expect(judgeRow({ paper: 30, tolerancePct: 0, comparison: 'atLeast' }, 29.9).pass).toBe(false);
  });
});
