import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paperResults } from '../../src/model/frame/paperTables.ts';
import { resultFiles } from '../../src/report/resultTables.ts';
import { cli } from '../helpers/cli.ts';

describe('ngpc tables', () => {
  it('--check passes on the committed results/', async () => {
    const r = await cli('tables', '--check');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('is deterministic: two generations give identical bytes', () => {
    const a = resultFiles(paperResults());
    const b = resultFiles(paperResults());
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, v] of a) expect(b.get(k), k).toBe(v);
  });

  it('--check names the cell that drifted and a missing file', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ngpc-tables-')), 'results');
    cpSync('results', dir, { recursive: true });
    const file = join(dir, 'speedup-vs-scale.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    const cells = lines[1]!.split(',');
    cells[2] = String(Number(cells[2]) * 1.1);
    lines[1] = cells.join(',');
    writeFileSync(file, lines.join('\n'));
    const r = await cli('tables', '--check', '--out', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/speedup-vs-scale\.csv: row nerf\/hashgrid, column "ngpc-8 x": committed/);
  });

  it('writes every file into a fresh folder', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ngpc-tables-')), 'out');
    const r = await cli('tables', '--out', dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('cross-gpu.md');
    expect(readFileSync(join(dir, 'speedup-vs-scale-hashgrid.svg'), 'utf8')).toMatch(/^<svg /);
  });
});
