// Table and chart formatting: one precision per column, tick labels that never round to "0", a colour and marker per line.
import { describe, expect, it } from 'vitest';
import { columnFormat } from '../../src/report/resultTables.ts';
import { chartSvg, tickLabel } from '../../src/report/svg.ts';

describe('table columns', () => {
  it('print every number of a column with the same decimals, enough for the smallest', () => {
    const f = columnFormat([8186.23, 42.4567, null, 370]);
    expect([8186.23, 42.4567, 370].map(f)).toEqual(['8186.23', '42.46', '370.00']);
    expect(f(null)).toBe('–');
  });

  it('print whole-number columns as integers and tiny values in e-notation', () => {
    expect([8, 16, 64].map(columnFormat([8, 16, 64]))).toEqual(['8', '16', '64']);
    const tiny = columnFormat([1.234e-7, 0.5]);
    expect(tiny(1.234e-7)).toBe('1.234e-7');
    expect(tiny(0.5)).toBe('5.000e-1');
    expect(columnFormat(['a', 1.5])('a')).toBe('a');
  });
});

describe('charts', () => {
  it('label ticks with 3 significant digits, never rounding 1e-4 to 0', () => {
    expect(tickLabel(1e-4)).toBe('0.0001');
    expect(tickLabel(0.0125)).toBe('0.0125');
    expect(tickLabel(12.34)).toBe('12.3');
    expect(tickLabel(25031.4)).toBe('25031');
    expect(tickLabel(0)).toBe('0');
  });

  it('give each line its own colour and marker, dashed ones included', () => {
    const series = Array.from({ length: 6 }, (_, i) => ({
      name: `s${i}`,
      ys: [1e-4 * (i + 1), 2e-4],
      dashed: i % 2 === 1,
    }));
    const svg = chartSvg({
      kind: 'lines',
      name: 'x',
      title: 't',
      xLabel: 'x',
      yLabel: 'y',
      xs: [1, 2],
      series,
      logY: false,
    } as any);
    const strokes = [...svg.matchAll(/<polyline [^>]*stroke="(#[0-9A-F]+)"/g)].map((m) => m[1]);
    expect(new Set(strokes).size).toBe(6);
    const shapes = ['<circle', '<rect x', '<polygon', '<path'];
    for (const s of shapes) expect(svg).toContain(s);
    expect(svg).not.toMatch(/dominant-baseline="middle">0\.0*<\/text>/);
  });
});
