import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paperResults } from '../../src/model/paperTables/index.ts';
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
    cells[3] = String(Number(cells[3]) * 1.1);
    lines[1] = cells.join(',');
    writeFileSync(file, lines.join('\n'));
    const r = await cli('tables', '--check', '--out', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /speedup-vs-scale\.csv: row nerf\/hashgrid\/first-principles, column "ngpc-8 x": committed/,
    );
  });

  it('--check names a drifted LaTeX cell and a .tex file it does not write', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ngpc-tables-')), 'results');
    cpSync('results', dir, { recursive: true });
    const file = join(dir, 'baseline-breakdown.tex');
    const text = readFileSync(file, 'utf8');
    const row = text.split('\n').find((l) => l.startsWith('nerf & hashgrid & '))!;
    const cells = row.split(' & ');
    cells[2] = String(Number(cells[2]) * 1.1);
    writeFileSync(file, text.replace(row, cells.join(' & ')));
    writeFileSync(join(dir, 'stale.tex'), '');
    const r = await cli('tables', '--check', '--out', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/baseline-breakdown\.tex: row nerf\/hashgrid, column "frame ms": committed/);
    expect(r.stderr).toMatch(/stale\.tex: not produced by ngpc tables/);
  });

  it('every table has a booktabs .tex beside its .md and .csv, with the Markdown numbers', () => {
    const files = resultFiles(paperResults());
    const tex = files.get('speedup-vs-scale.tex')!;
    expect(tex).toMatch(/^% End-to-end speedup/);
    expect(tex).toContain('\\begin{tabular}{lllrrrrr}\n\\toprule\n');
    expect(tex).toContain('app & encoding & profile & ngpc-8 ($\\times$) &');
    expect(tex).toMatch(/\\midrule\n[\s\S]*\\bottomrule\n\\end\{tabular\}\n$/);
    const md = files.get('speedup-vs-scale.md')!;
    const firstMdRow = md.split('\n').find((l) => l.startsWith('| nerf | hashgrid | first-principles |'))!;
    const firstTexRow = tex.split('\n').find((l) => l.startsWith('nerf & hashgrid &'))!;
    expect(firstTexRow).toBe(`${firstMdRow.slice(2, -2).split(' | ').join(' & ')} \\\\`);
    for (const name of files.keys())
      if (name.endsWith('.csv')) expect(files.has(name.replace(/csv$/, 'tex')), name).toBe(true);
    expect(files.get('reproduce.tex')).toContain('\\S{}2 &');
    expect(files.get('reproduce.tex')).toContain('delta (\\%)');
  });

  it('writes every file into a fresh folder', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ngpc-tables-')), 'out');
    const r = await cli('tables', '--out', dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('cross-gpu.md');
    expect(readFileSync(join(dir, 'speedup-vs-scale-hashgrid.svg'), 'utf8')).toMatch(/^<svg /);
  });
});
